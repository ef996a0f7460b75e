"""Nothing read from the cache folder runs code (issue 12): whatever others could have put there
(a cache restored in CI from a pull request, a file planted under a predictable key) is a cache
miss, and a folder that others may write to is not used at all."""

from __future__ import annotations

import os
import pickle
import sqlite3
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalizer import Normalizer, cache, cachedir
from normalizer.cli import main
from normalizer.conventions import Convention
from normalizer.lexicon import _zipf_table
from normalizer.store import StoredIndex, StoreError
from normalizer.tuning import MIN_ZIPF


@pytest.fixture(autouse=True)
def _key_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZER_KEY_FILE", str(tmp_path_factory.mktemp("key") / "cache.key"))
    monkeypatch.setattr(cachedir, "_noticed", [])  # each test may see its one notice


class _Bomb:
    """Unpickled, it creates `marker`: what `os.system` would do in a real attack."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (open, (str(self.marker), "w"))


def _payload(marker: Path) -> bytes:
    """A malicious pickle, checked to be one: loading it creates a file."""
    control = marker.with_name("control")
    pickle.loads(pickle.dumps(_Bomb(control)))  # the attack is real ...
    assert control.exists()
    control.unlink()
    return pickle.dumps(_Bomb(marker))  # ... and this one names `marker`


def _fix(text: str) -> tuple[str, str]:
    result = CliRunner().invoke(main, ["fix", "-c", "de"], input=text)
    assert "Traceback" not in result.output + result.stderr
    return result.stdout, result.stderr


def _planted(folder: Path, payload: bytes) -> list[Path]:
    """Every file of the cache that was a pickle (under its right name), now the payload."""
    planted = [p for p in folder.iterdir() if p.suffix == ".pickle"]
    zipf = f"zipf-de-wordfreq-{cache.wordfreq_version()}-{MIN_ZIPF}"
    planted += [folder / f"{zipf}.bin", folder / f"{zipf}.pickle"]  # the frequencies, now and in old versions
    for path in planted:
        path.write_bytes(payload)
    return planted


def test_a_planted_pickle_is_never_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(folder))
    marker = tmp_path / "pwned"
    assert _fix("Kyiv") == ("Kiew", "")
    payload = _payload(marker)
    planted = _planted(folder, payload)
    [normalizer] = [p for p in planted if cache._KEY.fullmatch(p.stem)]  # the key of the one for `fix -c de`
    _zipf_table.cache_clear()  # the next run reads the frequencies from the cache, as a new process does
    assert _fix("Kyiv") == ("Kiew", "")
    assert not marker.exists()
    # what failed its check was removed; what the run built was stored again, authenticated
    assert isinstance(cache.load_pickle(normalizer), Normalizer)
    assert planted[-2].read_bytes() != payload  # the frequencies
    assert _zipf_table("de")
    _zipf_table.cache_clear()
    assert _fix("Kyiv") == ("Kiew", "")
    assert not marker.exists()


def test_a_planted_pickle_and_manifest_are_never_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(folder))
    marker = tmp_path / "pwned"
    assert _fix("Kyiv") == ("Kiew", "")
    [manifest] = folder.glob("conventions-*.json")
    [pickled] = [p for p in folder.glob("*.pickle") if cache._KEY.fullmatch(p.stem)]
    pickled.write_bytes(_payload(marker))
    manifest.write_text(f'{{"key": "{pickled.stem}", "sources": []}}', encoding="utf-8")
    assert _fix("Kyiv") == ("Kiew", "")
    assert not marker.exists()


def test_a_pickle_of_another_key_is_a_cache_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache restored from elsewhere (another machine, a CI run of a pull request) was
    authenticated with another key: it is rebuilt, not loaded."""
    from .engine_fixtures import GERMAN

    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path))
    builds: list[int] = []

    def build(convention: Convention, *, store: Path | None) -> Normalizer:
        builds.append(1)
        return Normalizer(convention, store=store)

    cache.cached(GERMAN, (), build)
    monkeypatch.setenv("NORMALIZER_KEY_FILE", str(tmp_path.parent / "other-key" / "cache.key"))
    assert cache.cached(GERMAN, (), build).fix("Yermak").text == "Jermak"
    assert len(builds) == 2


def test_a_manifest_names_a_key_never_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path / "cache"))
    elsewhere = tmp_path / "elsewhere.pickle"
    elsewhere.write_bytes(b"not the cache's")
    cache.load_normalizer(["de"], (), Normalizer)
    [manifest] = (tmp_path / "cache").glob("conventions-*.json")
    cache.store_authenticated(manifest, b'{"key": "../elsewhere", "sources": []}')
    assert cache.load_normalizer(["de"], (), Normalizer).fix("Kyiv").text == "Kiew"
    assert elsewhere.read_bytes() == b"not the cache's"  # neither read as a pickle nor removed


def test_a_tampered_index_row_runs_no_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled index holds data only: a pickle put into its rows is never unpickled."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(folder))
    marker = tmp_path / "pwned"
    payload = _payload(marker)
    assert _fix("Kyiv") == ("Kiew", "")
    [compiled] = folder.glob("*.sqlite")
    with sqlite3.connect(compiled) as db:
        db.execute("UPDATE entries SET entry = ?", (payload,))
    # the entry is read when a name matches: the damaged index is refused in one line, removed ...
    _, err = _fix("Andriy Yermak")
    assert not marker.exists()
    assert err.count("\n") == 1 and "damaged" in err and not compiled.exists()
    # ... and compiled again by the next run
    assert _fix("Andriy Yermak") == ("Andrij Jermak", "")
    [compiled] = folder.glob("*.sqlite")
    with sqlite3.connect(compiled) as db:
        db.execute("UPDATE meta SET value = ? WHERE name = 'protected'", (payload,))
    # read when the index is opened: the normalizer is built again
    assert _fix("Andriy Yermak") == ("Andrij Jermak", "")
    assert not marker.exists()


def test_the_index_rows_are_data(tmp_path: Path) -> None:
    from normalizer.conventions import load_conventions

    Normalizer(load_conventions(["de"]), store=tmp_path / "de.sqlite")
    with sqlite3.connect(tmp_path / "de.sqlite") as db:
        for table, column in [("entries", "entry"), ("meta", "value")]:
            for (value,) in db.execute(f"SELECT {column} FROM {table}"):
                assert not isinstance(value, bytes) or not value.startswith(b"\x80")  # no pickle
        marker = tmp_path / "pwned"
        db.execute("UPDATE meta SET value = ? WHERE name = 'protected'", (_payload(marker),))
    with pytest.raises(StoreError):
        StoredIndex(tmp_path / "de.sqlite")
    assert not marker.exists()


def _writable_by_others(folder: Path) -> None:
    folder.chmod(0o777)


def _owned_by_another_user(folder: Path) -> None:
    if os.geteuid() == 0:
        os.chown(folder, 65534, -1)
    else:  # pragma: no cover - only root gives a folder away
        pytest.skip("only root can give a folder to another user")


@pytest.mark.parametrize("make_unsafe", [_writable_by_others, _owned_by_another_user])
def test_an_unsafe_cache_folder_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_unsafe: object
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(folder))
    marker = tmp_path / "pwned"
    assert _fix("Kyiv") == ("Kiew", "")
    planted = _planted(folder, _payload(marker))
    assert callable(make_unsafe)
    make_unsafe(folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    out, err = _fix("Kyiv")
    assert out == "Kiew" and not marker.exists()
    assert err.count("\n") == 1 and str(folder) in err and "without the cache" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # neither read nor written
    assert all(p.exists() for p in planted)
    assert cache.usable_cache_dir() is None


def test_the_key_file_lies_outside_the_cache_folder_with_mode_0600(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NORMALIZER_KEY_FILE")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path / "cache"))
    assert _fix("Kyiv") == ("Kiew", "")
    key = tmp_path / "config" / "normalizer" / "cache.key"
    assert cache.key_file() == key
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == 32
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert not any(p.name.endswith(".key") or p.is_dir() for p in (tmp_path / "cache").iterdir())
    assert key.read_bytes() not in b"".join(p.read_bytes() for p in (tmp_path / "cache").iterdir())
    secret = key.read_bytes()
    cache._secrets.clear()  # as a new process
    assert _fix("Kyiv") == ("Kiew", "")  # the same key, read again
    assert key.read_bytes() == secret and len(list(key.parent.iterdir())) == 1


def test_a_key_file_in_the_cache_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("NORMALIZER_KEY_FILE", str(tmp_path / "sub" / "cache.key"))
    out, err = _fix("Kyiv")
    assert out == "Kiew" and err.count("\n") == 1 and "key file" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("mode", [0o644, 0o660])
def test_a_key_file_others_may_read_or_write_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    key = tmp_path / "config" / "cache.key"
    key.parent.mkdir()
    key.write_bytes(os.urandom(32))
    key.chmod(mode)
    monkeypatch.setenv("NORMALIZER_KEY_FILE", str(key))
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path / "cache"))
    out, err = _fix("Kyiv")
    assert out == "Kiew" and err.count("\n") == 1 and str(key) in err
    assert cache.usable_cache_dir() is None


def test_racing_runs_agree_on_one_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key is created atomically: a run that loses the race takes the winner's key."""
    key = tmp_path / "config" / "cache.key"
    cache._create_key(key)
    first = key.read_bytes()
    cache._create_key(key)
    assert key.read_bytes() == first and [p.name for p in key.parent.iterdir()] == ["cache.key"]
