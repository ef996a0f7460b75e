"""The on-disk cache of built normalizers and of the word-frequency table."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizer import Normalizer, cache
from normalizer.conventions import Convention
from normalizer.lexicon import Frequencies

from .engine_fixtures import GERMAN


@pytest.fixture(autouse=True)
def _key_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The secret key of the cache files is never written to the user's config folder."""
    monkeypatch.setenv("NORMALIZER_KEY_FILE", str(tmp_path_factory.mktemp("key") / "cache.key"))


def test_a_second_build_comes_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path))
    builds: list[int] = []

    def build(convention: Convention, *, store: Path | None) -> Normalizer:
        builds.append(1)
        return Normalizer(convention, store=store)

    first = cache.cached(GERMAN, (None, True), build)
    second = cache.cached(GERMAN, (None, True), build)
    assert len(builds) == 1
    assert second.fix("Andrey Ermak").text == first.fix("Andrey Ermak").text == "Andrij Jermak"
    assert len([p for p in tmp_path.glob("*.pickle") if not p.name.startswith("zipf-")]) == 1


def test_other_settings_other_key() -> None:
    assert cache.key(GERMAN, (None, True)) != cache.key(GERMAN, (95.0, True))
    assert cache.key(GERMAN, (None, True)) == cache.key(GERMAN, (None, True))


def test_a_corrupt_cache_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path))
    path = tmp_path / f"{cache.key(GERMAN, ())}.pickle"
    path.write_bytes(b"\x80\x05 not a pickle")
    built = cache.cached(GERMAN, (), Normalizer)
    assert built.fix("Yermak").text == "Jermak"
    assert isinstance(cache.load_pickle(path), Normalizer)  # replaced by what the cache writes


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("NORMALIZER_NO_CACHE", "1")
    cache.cached(GERMAN, (), Normalizer)
    assert list(tmp_path.iterdir()) == []


def test_frequency_table_agrees_with_wordfreq() -> None:
    from wordfreq import zipf_frequency

    frequencies = Frequencies("de")
    for word in ["Route", "Rute", "Meeres", "Schulz", "Kiev", "Tisch"]:
        assert abs(frequencies.zipf(word) - zipf_frequency(word.lower(), "de")) < 0.02
    assert frequencies.zipf("Wittkoff") == 0.0


_CONVENTION = """\
convention: local
language: de
entries:
  - canonical: Andrij Jermak
    kind: person
    aliases: [Andriy Yermak]
"""


def _build(convention: Convention, *, store: Path | None) -> Normalizer:
    return Normalizer(convention, store=store)


def test_a_warm_run_reads_no_convention(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "local.yaml"
    path.write_text(_CONVENTION, encoding="utf-8")
    first = cache.load_normalizer([str(path)], (), _build)

    def parse(names: list[str]) -> Convention:
        raise AssertionError("the convention was parsed again")

    monkeypatch.setattr(cache, "load_conventions", parse)
    second = cache.load_normalizer([str(path)], (), _build)
    assert second.fix("Andriy Yermak").text == first.fix("Andriy Yermak").text == "Andrij Jermak"


def test_a_changed_convention_file_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path / "cache"))
    base = tmp_path / "base.yaml"
    base.write_text(_CONVENTION, encoding="utf-8")
    local = tmp_path / "local.yaml"
    local.write_text("convention: mine\nlanguage: de\nextends: base.yaml\n", encoding="utf-8")
    assert cache.load_normalizer([str(local)], (), _build).fix("Ermak").text == "Jermak"
    # a change in the file that is extended, not in the one named
    base.write_text(_CONVENTION.replace("Andrij Jermak", "Andrij Yermak"), encoding="utf-8")
    assert cache.load_normalizer([str(local)], (), _build).fix("Ermak").text == "Yermak"


def test_a_corrupt_manifest_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path))
    cache.load_normalizer(["de"], (), _build)
    for manifest in tmp_path.glob("conventions-*.json"):
        manifest.write_text('{"key": 3, "sources": [[1, 2]]}', encoding="utf-8")
    assert cache.load_normalizer(["de"], (), _build).fix("Andriy Yermak").text == "Andrij Jermak"


def test_unused_cache_files_are_pruned_when_something_new_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import time

    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path))
    first = cache.load_normalizer(["de"], (), Normalizer)
    used = sorted(p.name for p in tmp_path.iterdir())
    month_ago = time.time() - 40 * 86400
    old_key = "0123456789abcdef" * 2
    names = (f"{old_key}.pickle", f"{old_key}.sqlite", f"conventions-{old_key}.json", ".abcd_123.tmp")
    stale = [tmp_path / name for name in names]
    (tmp_path / "notes.pickle").write_text("someone else's")
    for path in [*stale, *tmp_path.iterdir()]:
        path.touch()
        os.utime(path, (month_ago, month_ago))
    # a run that uses the cache marks what it uses ...
    assert cache.load_normalizer(["de"], (), Normalizer).fix("Kyiv").text == first.fix("Kyiv").text == "Kiew"
    # ... and a run that stores something new removes what no run has used for 30 days
    cache.load_normalizer(["en"], (), Normalizer)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert not any(path.exists() for path in stale)
    assert set(used) <= set(left)
    assert (tmp_path / "notes.pickle").exists()  # not a file the cache wrote: never removed


def test_pruning_never_touches_what_the_cache_did_not_write(tmp_path: Path) -> None:
    import os

    names = ["notes.pickle", "data.sqlite", "conventions-x.json", "ab.tmp", "0123.pickle", "keep.txt"]
    for name in names:
        (tmp_path / name).write_text("x")
        os.utime(tmp_path / name, (0, 0))
    cache.prune(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)
