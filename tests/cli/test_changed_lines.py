"""Changed lines only, in a real git repository: --diff-base REV reports and fixes what changed
since REV (and untracked files whole); --changed-lines reads a unified diff."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalizer.changed import parse_unified_diff
from normalizer.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

OLD = "Alte Zeile über Kyiv.\nNoch eine über Yermak.\n"


def git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "d", "GIT_AUTHOR_EMAIL": "d@x", "GIT_COMMITTER_NAME": "d", "GIT_COMMITTER_EMAIL": "d@x"}
    import os

    done = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env={**os.environ, **env}, check=True
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "archiv.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "artikel.txt").write_text(OLD, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "archive")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_diff_base_takes_only_the_changed_lines(repo: Path) -> None:
    (repo / "artikel.txt").write_text(OLD + "Neu: Steven Wittkoff in Kyiv.\n", encoding="utf-8")
    (repo / "neu.txt").write_text("Ganz neu: Kyiv.\n", encoding="utf-8")  # untracked: every line
    result = CliRunner().invoke(main, ["check", "-c", "de", "--diff-base", "HEAD", "."])
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        "artikel.txt:3:6: Steven Wittkoff -> Steve Witkoff [Steve Witkoff, phonetic, 100]",
        "artikel.txt:3:25: Kyiv -> Kiew [Kiew, exact, 100]",
        "neu.txt:1:11: Kyiv -> Kiew [Kiew, exact, 100]",
    ]
    result = CliRunner().invoke(main, ["fix", "-c", "de", "--diff-base", "HEAD", "artikel.txt", "archiv.txt"])
    assert result.exit_code == 0, result.output
    assert (repo / "artikel.txt").read_text(encoding="utf-8") == OLD + "Neu: Steve Witkoff in Kiew.\n"
    assert (repo / "archiv.txt").read_text(encoding="utf-8") == OLD  # old lines stay as they are


def test_staged_changes_count_too(repo: Path) -> None:
    (repo / "artikel.txt").write_text("Neue erste Zeile über Kyiv.\n" + OLD, encoding="utf-8")
    git(repo, "add", "artikel.txt")
    result = CliRunner().invoke(main, ["check", "-c", "de", "--diff-base", "HEAD", "artikel.txt"])
    assert result.stdout.splitlines() == ["artikel.txt:1:23: Kyiv -> Kiew [Kiew, exact, 100]"]


def test_an_unknown_revision_is_one_line(repo: Path) -> None:
    result = CliRunner().invoke(main, ["check", "-c", "de", "--diff-base", "no-such-rev", "."])
    assert result.exit_code == 2
    assert result.stderr == "normalizer: error: --diff-base: unknown revision 'no-such-rev'\n"


def test_changed_lines_from_a_diff_on_stdin(repo: Path) -> None:
    (repo / "artikel.txt").write_text(OLD + "Neu: Kyiv.\n", encoding="utf-8")
    diff = git(repo, "diff", "-U3")
    result = CliRunner().invoke(main, ["check", "-c", "de", "--changed-lines", "-", "artikel.txt"], input=diff)
    assert result.stdout.splitlines() == ["artikel.txt:3:6: Kyiv -> Kiew [Kiew, exact, 100]"]


def test_parse_unified_diff_counts_added_lines_not_context(tmp_path: Path) -> None:
    diff = (
        "diff --git a/x.md b/x.md\n--- a/x.md\n+++ b/x.md\n@@ -1,0 +2,2 @@\n+a\n+b\n@@ -9 +11 @@\n-c\n+d\n"
        "--- a/gone.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
    )
    changed = parse_unified_diff(diff, tmp_path)
    assert changed.lines == {str((tmp_path / "x.md").resolve()): frozenset({2, 3, 11})}
    assert changed.covers(str(tmp_path / "x.md"), 3, 3) and not changed.covers(str(tmp_path / "x.md"), 4, 10)
