"""`check` and `fix` keep each file's findings in the cache folder (normalizer.remember): a second
run over a folder reads again only the texts that changed (counted through `Session.normalize`,
not timed) and prints byte for byte what a run without the cache prints; a changed convention,
a store someone else wrote, `--no-cache` or a text that a fix must still write make it find
afresh."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalizer import remember
from normalizer.cli import main

Archive = Callable[[Path, dict[str, str]], Path]

ARTICLES = {
    "a.txt": "Andriy Yermak traf Steven Wittkoff in Kyiv.\n",
    "b.md": "# Bericht\n\nDer Bürgermeister von Kyjiw sprach mit `Kyiv` im Code.\n",
    "sub/c.html": "<p>Selenski und Jermak in Kiew.</p>\n",
    "sub/d.txt": "Nichts zu tun in diesem Satz.\n",
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_archive: Archive) -> Path:
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path / "cache"))  # a cache of this test alone
    return write_archive(tmp_path / "articles", ARTICLES)


def invoke(folder: Path, command: str, *args: str) -> tuple[int, str, str]:
    convention = str(folder.parent / "house.yaml")
    result = CliRunner().invoke(main, [command, "-c", convention, "-j", "1", *args, str(folder)])
    return result.exit_code, result.stdout, result.stderr


def stores(folder: Path) -> list[Path]:
    return sorted((folder.parent / "cache").glob("results-*.json"))


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "rdjson"])
def test_a_second_check_reads_nothing_and_prints_the_same(folder: Path, reads: list[str], fmt: str) -> None:
    first = invoke(folder, "check", "--format", fmt)
    assert first[0] == 1 and sorted(reads) == ["a.txt", "b.md", "c.html", "d.txt"]
    assert len(stores(folder)) == 1
    reads.clear()
    assert invoke(folder, "check", "--format", fmt) == first
    assert reads == []
    assert invoke(folder, "check", "--format", fmt, "--no-cache") == first
    assert len(reads) == 4


def test_only_changed_texts_are_read_again(folder: Path, reads: list[str]) -> None:
    invoke(folder, "check")
    (folder / "sub" / "d.txt").write_text("Jermak kam nach Kyjiw.\n", encoding="utf-8")
    (folder / "e.txt").write_text(ARTICLES["a.txt"], encoding="utf-8")  # a copy: its findings are known
    reads.clear()
    again = invoke(folder, "check")
    assert reads == ["d.txt"]
    reads.clear()
    assert again == invoke(folder, "check", "--no-cache")
    assert "e.txt:1:1: Andriy Yermak -> Andrij Jermak" in again[1]


def test_the_markup_is_part_of_the_key(folder: Path, reads: list[str]) -> None:
    invoke(folder, "check")
    (folder / "b.txt").write_text(ARTICLES["b.md"], encoding="utf-8")  # the same bytes, read as plain text
    reads.clear()
    _, out, _ = invoke(folder, "check")
    assert reads == ["b.txt"]
    assert "b.txt:3:" in out and out.count("Kyiv") == 2  # code spans are prose in a text file


def test_a_changed_convention_finds_everything_afresh(folder: Path, reads: list[str]) -> None:
    invoke(folder, "check")
    house = folder.parent / "house.yaml"
    house.write_text(house.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    reads.clear()
    invoke(folder, "check")
    assert len(reads) == 4


def test_settings_given_on_the_command_line_are_part_of_the_key(folder: Path, reads: list[str]) -> None:
    invoke(folder, "check")
    reads.clear()
    code, out, _ = invoke(folder, "check", "--no-fuzzy")
    assert len(reads) == 4
    assert (code, out) == invoke(folder, "check", "--no-fuzzy", "--no-cache")[:2]


def test_no_cache_neither_reads_nor_keeps(folder: Path, reads: list[str]) -> None:
    invoke(folder, "check", "--no-cache")
    assert stores(folder) == []


def test_a_store_written_by_someone_else_is_not_read(folder: Path, reads: list[str]) -> None:
    first = invoke(folder, "check")
    (store,) = stores(folder)
    forged = store.read_bytes().replace(b"Andrij Jermak", b"Andrij Jermax")
    assert forged != store.read_bytes()
    store.write_bytes(forged)
    reads.clear()
    assert invoke(folder, "check") == first
    assert len(reads) == 4


def test_fix_writes_what_check_left_and_reads_clean_texts_no_more(folder: Path, reads: list[str]) -> None:
    invoke(folder, "check")  # its findings say a.txt, b.md and c.html are to change
    reads.clear()
    code, _, err = invoke(folder, "fix")
    assert code == 0 and sorted(reads) == ["a.txt", "b.md", "c.html"]  # d.txt: known to need nothing
    assert (folder / "a.txt").read_text(encoding="utf-8") == "Andrij Jermak traf Steve Witkoff in Kiew.\n"
    assert "4 files scanned, 3 changed" in err
    reads.clear()
    invoke(folder, "fix")  # the fixed texts are new: read once more, then known
    assert sorted(reads) == ["a.txt", "b.md", "c.html"]
    reads.clear()
    code, _, err = invoke(folder, "fix")
    assert code == 0 and reads == [] and "4 files scanned, 0 changed" in err


def test_the_findings_of_workers_are_kept(folder: Path, reads: list[str]) -> None:
    for i in range(40):  # enough files for two workers
        (folder / f"many{i}.txt").write_text(f"Absatz {i}: Jermak in Kyjiw.\n", encoding="utf-8")
    convention = str(folder.parent / "house.yaml")
    first = CliRunner().invoke(main, ["check", "-c", convention, "-j", "2", str(folder)])
    assert sum("many" in line and "Kyjiw -> Kiew" in line for line in first.stdout.splitlines()) == 40
    reads.clear()
    second = CliRunner().invoke(main, ["check", "-c", convention, "-j", "1", str(folder)])  # counted here
    assert reads == [] and second.stdout == first.stdout


def test_the_key_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """The settings are written the same way in every process (a set of ignored words in order)."""
    code = (
        "from normalizer.config import Config; from normalizer.remember import settings_text;"
        "print(settings_text(Config(ignore=frozenset({'Kyjiw', 'Jermak', 'Wittkoff', 'Selenski'}))))"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(seen) == 1


def test_a_text_changed_while_it_is_read_keeps_nothing(
    folder: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The findings are kept under the bytes they were made from: a file edited between the key
    and the reading (an editor saving meanwhile) is found afresh next time."""
    import normalizer.batch

    original = normalizer.batch.read

    def edited_meanwhile(path: Path, *args: object, **kwargs: object) -> object:
        if path.name == "d.txt":
            path.write_text("Jermak in Kyjiw.\n", encoding="utf-8")
        return original(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(normalizer.batch, "read", edited_meanwhile)
    invoke(folder, "check")
    monkeypatch.setattr(normalizer.batch, "read", original)
    (folder / "sub" / "d.txt").write_text(ARTICLES["sub/d.txt"], encoding="utf-8")  # as it was at first
    reads.clear()
    _, out, _ = invoke(folder, "check")
    assert reads == ["d.txt"] and "d.txt" not in out


def test_a_convention_file_is_no_article_even_when_a_copy_was_one(folder: Path, reads: list[str]) -> None:
    """A copy of the convention was checked as an article; the convention itself, checked with
    the same settings and the same bytes, is still skipped as a file of the run's settings."""
    house = folder.parent / "house.yaml"
    (folder / "copy.yaml").write_bytes(house.read_bytes())
    args = ["check", "-c", str(house), "-j", "1", "--include", "*.yaml"]
    first = CliRunner().invoke(main, [*args, str(folder)])
    assert "copy.yaml" in first.stdout  # read as an article
    reads.clear()
    again = CliRunner().invoke(main, [*args, str(folder.parent)])  # the convention itself is in the folder now
    fresh = CliRunner().invoke(main, [*args, "--no-cache", str(folder.parent)])
    assert (again.exit_code, again.stdout, again.stderr) == (fresh.exit_code, fresh.stdout, fresh.stderr)
    assert "house.yaml: skipped, a configuration or convention file of this run" in again.stderr


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The file names whose bytes a run reads to tell whether it knows them (counted, not timed)."""
    seen: list[str] = []
    original = remember.read_with_status

    def counting(path: Path, *args: object, **kwargs: object) -> object:
        seen.append(path.name)
        return original(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(remember, "read_with_status", counting)
    return seen


def start_runs_later(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Runs start `seconds` after now: the files just written are that old to them."""
    monkeypatch.setattr(remember, "_clock", lambda: time.time_ns() + int(seconds * 10**9))


def test_a_file_untouched_since_it_was_read_is_not_read_again(
    folder: Path, reads: list[str], hashed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    start_runs_later(monkeypatch, 60)
    first = invoke(folder, "check")
    assert sorted(hashed) == ["a.txt", "b.md", "c.html", "d.txt"]
    reads.clear()
    hashed.clear()
    assert invoke(folder, "check") == first
    assert hashed == [] and reads == []


def test_a_file_changed_just_before_the_run_is_hashed_each_time(
    folder: Path, reads: list[str], hashed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within the racy window a later write could leave the same size and times on the file:
    its stamp is not recorded, its bytes are hashed again (and its findings still kept)."""
    start_runs_later(monkeypatch, remember.RACY_NS / 10**9 / 2)
    first = invoke(folder, "check")
    reads.clear()
    hashed.clear()
    assert invoke(folder, "check") == first
    assert sorted(hashed) == ["a.txt", "b.md", "c.html", "d.txt"] and reads == []


@pytest.mark.parametrize("how", ["rewritten", "replaced"])
def test_a_file_with_other_bytes_but_the_same_size_and_mtime_is_read(
    folder: Path, reads: list[str], hashed: list[str], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """An editor or a copy that keeps the modification time (and the size) still changes the
    status-change time, and a file put in place by a rename is another inode."""
    start_runs_later(monkeypatch, 60)
    first = invoke(folder, "check")
    path = folder / "a.txt"
    before = path.stat()
    other = "Andriy Yermak traf Steven Wittkoff in Kiew.\n"
    assert len(other.encode()) == before.st_size and other != ARTICLES["a.txt"]
    if how == "rewritten":
        path.write_text(other, encoding="utf-8")
    else:
        (folder / "new.tmp").write_text(other, encoding="utf-8")
        os.replace(folder / "new.tmp", path)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    reads.clear()
    hashed.clear()
    again = invoke(folder, "check")
    assert hashed == ["a.txt"] and reads == ["a.txt"]
    assert again == invoke(folder, "check", "--no-cache")
    assert "a.txt:1:39: Kyiv -> Kiew" in first[1] and "a.txt:1:39:" not in again[1]


def test_a_stamp_is_kept_only_for_a_file_changed_before_the_racy_window(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    store = remember.Store(path, "code", remember.Findings("check"))
    real = (tmp_path / "a.txt").write_bytes(b"Kyjiw\n") and os.stat(tmp_path / "a.txt")

    def status(changed_ago: float, **fields: int) -> os.stat_result:
        """`real` as if it changed `changed_ago` seconds before the run started, with `fields`."""
        ns = store._started - int(changed_ago * 10**9)
        return os.stat_result(tuple(real)[:10], {"st_mtime_ns": ns, "st_ctime_ns": ns, **fields})

    window = remember.RACY_NS / 10**9
    racy, old = status(window / 2), status(window * 2)
    store.note("racy.txt", racy, "digest of racy.txt")
    store.note("a.txt", old, "digest of a.txt")
    store.save([])
    later = remember.Store(path, "code", remember.Findings("check"))
    assert later.digest("racy.txt", racy) is None
    assert later.digest("a.txt", old) == "digest of a.txt"
    assert later.digest("b.txt", old) is None
    for field in ("st_mtime_ns", "st_ctime_ns"):
        assert later.digest("a.txt", status(window * 2, **{field: getattr(old, field) + 1})) is None
    for index in (1, 2, 6):  # inode, device, size
        fields = list(tuple(old)[:10])
        fields[index] += 1
        changed = os.stat_result(fields, {"st_mtime_ns": old.st_mtime_ns, "st_ctime_ns": old.st_ctime_ns})
        assert later.digest("a.txt", changed) is None


KEPT_RUN = """
import sys
from normalizer.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("\\nmodules:", *sorted(sys.modules))
"""
# what only finding names needs: the engine and its index, the conventions' YAML, the parsers
NOT_IMPORTED_WHEN_KEPT = {"normalizer.engine", "normalizer.cache", "normalizer.index", "normalizer.consistency"}
NOT_IMPORTED_WHEN_KEPT |= {"sqlite3", "pickle", "yaml", "rapidfuzz", "markdown_it", "markdown_it_pyrs"}


def test_a_check_whose_findings_are_all_kept_imports_no_engine(folder: Path) -> None:
    first = invoke(folder, "check")
    args = ["check", "-c", str(folder.parent / "house.yaml"), "-j", "1", str(folder)]
    done = subprocess.run(
        [sys.executable, "-c", KEPT_RUN, *args], capture_output=True, text=True, timeout=120, check=True
    )
    out, modules = done.stdout.rsplit("\nmodules:", 1)
    assert out == first[1]
    assert NOT_IMPORTED_WHEN_KEPT & set(modules.split()) == set()
