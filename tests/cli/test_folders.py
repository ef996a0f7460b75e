"""Folders of articles: walking, parallel jobs, summaries, configuration files, markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from normalizer.cli import main

GERMAN = "Andriy Yermak traf Steven Wittkoff in Kyiv.\n"
FIXED = "Andrij Jermak traf Steve Witkoff in Kiew.\n"


def editorial_repo(root: Path) -> None:
    (root / "de").mkdir()
    (root / "de" / "a.md").write_text(f"# Treffen\n\n{GERMAN}", encoding="utf-8")
    (root / "de" / "b.txt").write_text(GERMAN, encoding="utf-8")
    (root / "de" / "clean.txt").write_text(FIXED, encoding="utf-8")
    (root / "de" / "script.py").write_text("# Kyiv\n", encoding="utf-8")
    (root / "de" / "photo.md").write_bytes(b"\x89PNG\x00\x00binary")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fix_a_folder(tmp_path: Path, jobs: str) -> None:
    editorial_repo(tmp_path)
    result = CliRunner().invoke(main, ["fix", "-c", "de", "--jobs", jobs, str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "de" / "a.md").read_text(encoding="utf-8") == f"# Treffen\n\n{FIXED}"
    assert (tmp_path / "de" / "b.txt").read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "de" / "script.py").read_text(encoding="utf-8") == "# Kyiv\n"  # not a text suffix
    assert "binary" in result.stderr
    assert "4 files scanned, 2 changed" in result.stderr
    assert "Andrij Jermak 2" in result.stderr


def test_check_a_folder_reports_in_a_stable_order(tmp_path: Path) -> None:
    editorial_repo(tmp_path)
    one = CliRunner().invoke(main, ["check", "-c", "de", "--jobs", "1", str(tmp_path)])
    two = CliRunner().invoke(main, ["check", "-c", "de", "--jobs", "2", str(tmp_path)])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    paths = [line.split(":")[0] for line in one.stdout.splitlines()]
    assert paths == sorted(paths)
    assert (tmp_path / "de" / "b.txt").read_text(encoding="utf-8") == GERMAN  # check changes nothing


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    editorial_repo(tmp_path)
    (tmp_path / "de" / "latin1.txt").write_bytes("Gr\xfc\xdfe aus Kyiv\n".encode("latin-1"))
    result = CliRunner().invoke(main, ["fix", "-c", "de", "--jobs", "1", str(tmp_path)])
    assert result.exit_code == 2
    assert "latin1.txt:1: not valid UTF-8" in result.stderr
    assert (tmp_path / "de" / "b.txt").read_text(encoding="utf-8") == FIXED


def test_configuration_file_is_found_and_flags_win(tmp_path: Path) -> None:
    editorial_repo(tmp_path)
    (tmp_path / ".normalizer.yaml").write_text("conventions: [en]\nextend-exclude: [b.txt]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--jobs", "1", str(tmp_path / "de")])
    assert "b.txt" not in result.stdout  # extend-exclude from the file
    assert "Kiew -> Kyiv" in result.stdout  # the English convention from the file
    assert "Kyiv ->" not in result.stdout
    flagged = CliRunner().invoke(main, ["check", "-c", "de", "--jobs", "1", str(tmp_path / "de")])
    assert "Kyiv -> Kiew" in flagged.stdout
    isolated = CliRunner().invoke(main, ["check", "--isolated", "--lang", "de", "--jobs", "1", str(tmp_path / "de")])
    assert "b.txt" in isolated.stdout


def test_ignore_list_accepts_spellings(tmp_path: Path) -> None:
    (tmp_path / ".normalizer.yaml").write_text("conventions: [de]\nignore: [Kyiv]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(GERMAN, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--jobs", "1", str(tmp_path)])
    assert "Kyiv" not in result.stdout
    assert "Wittkoff -> Witkoff" in result.stdout or "Steven Wittkoff -> Steve Witkoff" in result.stdout


def test_markdown_code_and_urls_stay(tmp_path: Path) -> None:
    text = "Laut [Yermak](https://example.org/yermak) und `Kyiv`:\n\n```\nKyiv\n```\n\nKyiv bleibt.\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", "-c", "de", str(tmp_path / "a.md")])
    assert result.exit_code == 0
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == (
        "Laut [Jermak](https://example.org/yermak) und `Kyiv`:\n\n```\nKyiv\n```\n\nKiew bleibt.\n"
    )


def test_html_attributes_and_code_stay(tmp_path: Path) -> None:
    text = (
        '<p title="Kyiv">In Kyiv <a href="/kyiv">Yermak</a> <code>Kyiv</code> <img alt="Yermak" src="kyiv.png"></p>\n'
    )
    (tmp_path / "a.html").write_text(text, encoding="utf-8")
    CliRunner().invoke(main, ["fix", "-c", "de", str(tmp_path / "a.html")])
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == (
        '<p title="Kiew">In Kiew <a href="/kyiv">Jermak</a> <code>Kyiv</code> <img alt="Jermak" src="kyiv.png"></p>\n'
    )


def test_diff_of_a_folder_writes_nothing(tmp_path: Path) -> None:
    editorial_repo(tmp_path)
    result = CliRunner().invoke(main, ["fix", "--diff", "-c", "de", "--jobs", "1", str(tmp_path)])
    assert result.exit_code == 0
    assert "+Andrij Jermak traf Steve Witkoff in Kiew." in result.stdout
    assert (tmp_path / "de" / "b.txt").read_text(encoding="utf-8") == GERMAN
    assert "would change" in result.stderr


def test_quiet_prints_no_summary(tmp_path: Path) -> None:
    editorial_repo(tmp_path)
    result = CliRunner().invoke(main, ["check", "-q", "-c", "de", "--jobs", "1", str(tmp_path)])
    assert "scanned" not in result.stderr


def test_init_writes_a_working_starter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", "--lang", "de"])
    assert result.exit_code == 0
    assert (tmp_path / ".normalizer.yaml").is_file()
    lint = CliRunner().invoke(main, ["conventions", "lint", "house-de.yaml"])
    assert lint.exit_code == 0, lint.output
    (tmp_path / "a.md").write_text("Guenter Sautter in Kyiv\n", encoding="utf-8")
    check = CliRunner().invoke(main, ["check", "-q", "a.md"])
    assert "Guenter Sautter -> Günter Sautter" in check.stdout
    assert "Kyiv -> Kiew" in check.stdout
    again = CliRunner().invoke(main, ["init"])
    assert again.exit_code == 2
    assert "already exists" in again.stderr
