"""`suggest --state FILE`: a second run over an archive extracts names only from the texts that
changed (counted through `Session.normalize`, not timed) and prints what a fresh run prints; a
changed convention starts the state afresh; a file that is no state is never overwritten."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalizer.cli import main

Archive = Callable[[Path, dict[str, str]], Path]

ARTICLES = {
    "a.txt": "Taras Levchenko sagte in Mykhailivka, Lewtschenko sei zufrieden.\n",
    "b.txt": "Levtchenko blieb in Michajliwka. Oksana Hnatiuk kam aus Berestowe.\n",
    "sub/c.txt": "Hnatjuk und Levchenko trafen sich in Berestove.\n",
    "sub/d.txt": "Die Gnatjuk-Stiftung in Mykhailivka half.\n",
}


@pytest.fixture
def archive(tmp_path: Path, write_archive: Archive) -> Path:
    return write_archive(tmp_path / "archive", ARTICLES)


def suggest(archive: Path, *args: str) -> str:
    convention = str(archive.parent / "house.yaml")
    result = CliRunner().invoke(
        main, ["suggest", "-q", "--isolated", "-c", convention, "--min-count", "1", "-j", "1", *args, str(archive)]
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_second_run_reads_only_the_changed_texts(archive: Path, reads: list[str]) -> None:
    state = archive.parent / "state.json"
    first = suggest(archive, "--state", str(state))
    assert len(reads) == 4 and state.exists()
    assert "Lewtschenko" in first
    reads.clear()
    assert suggest(archive, "--state", str(state)) == first
    assert reads == []
    (archive / "sub" / "c.txt").write_text("Hnatjuk und Levtchenko trafen sich in Berestove.\n", encoding="utf-8")
    (archive / "e.txt").write_text("Petro Kowaltschuk und Petro Kovalchuk sind einer.\n", encoding="utf-8")
    changed = suggest(archive, "--state", str(state))
    assert sorted(reads) == ["c.txt", "e.txt"]
    reads.clear()
    assert changed == suggest(archive)  # as a run without the state
    assert changed != first and "Kowaltschuk" in changed


def test_a_changed_convention_reads_every_text_again(archive: Path, reads: list[str]) -> None:
    state = archive.parent / "state.json"
    suggest(archive, "--state", str(state))
    house = archive.parent / "house.yaml"
    house.write_text(house.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    reads.clear()
    suggest(archive, "--state", str(state))
    assert len(reads) == 4


def test_a_file_that_is_no_state_is_left_alone(archive: Path) -> None:
    article = archive / "a.txt"
    result = CliRunner().invoke(
        main, ["suggest", "-q", "--isolated", "-c", "de", "--state", str(article), str(archive)]
    )
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"normalizer: error: {article}: is not a state file of normalizer suggest; remove it or give another\n"
    )
    assert article.read_text(encoding="utf-8") == ARTICLES["a.txt"]


def test_a_damaged_state_is_started_afresh(archive: Path, reads: list[str]) -> None:
    state = archive.parent / "state.json"
    suggest(archive, "--state", str(state))
    state.write_text(state.read_text(encoding="utf-8").replace('"files": {', '"files": {"x": 3, '), encoding="utf-8")
    reads.clear()
    suggest(archive, "--state", str(state))
    assert len(reads) == 4
    reads.clear()
    suggest(archive, "--state", str(state))
    assert reads == []


def test_the_state_with_workers(archive: Path) -> None:
    state = archive.parent / "state.json"
    fresh = suggest(archive)
    assert suggest(archive, "-j", "2", "--state", str(state)) == fresh
    assert suggest(archive, "-j", "2", "--state", str(state)) == fresh
