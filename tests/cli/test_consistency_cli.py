"""`check --consistency`, `--consistency-folder`, `fix --consistency-fix` and `suggest` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalizer.cli import main

ARTICLE = "Taras Levchenko sagte in Mykhailivka, Lewtschenko sei zufrieden.\nLevtchenko blieb in Michajliwka.\n"
FIXED = "Taras Lewtschenko sagte in Mychajliwka, Lewtschenko sei zufrieden.\nLewtschenko blieb in Mychajliwka.\n"


def test_check_reports_an_unlisted_name_spelled_three_ways(runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", "-c", "de", "--consistency"], input=ARTICLE)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "<stdin>:1:7: unlisted name written 3 ways: Levchenko ×1 (1:7), Lewtschenko ×1 (1:39), "
        "Levtchenko ×1 (2:1) -> Lewtschenko [consistency, house spelling (uk-german) of Левченко]",
        "<stdin>:1:26: unlisted name written 2 ways: Mykhailivka ×1 (1:26), Michajliwka ×1 (2:21) "
        "-> Mychajliwka [consistency, house spelling (uk-german) of Михайлівка]",
    ]


def test_without_the_option_nothing_about_unlisted_names(runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", "-c", "de"], input=ARTICLE)
    assert (result.exit_code, result.stdout) == (0, "")


def test_json_lists_the_inconsistencies(runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", "-c", "de", "--consistency", "--format", "json"], input=ARTICLE)
    report = json.loads(result.stdout)
    assert report["summary"]["inconsistencies"] == 2
    first = report["inconsistencies"][0]
    assert (first["code"], first["suggestion"], first["native"], first["source_lang"], first["kind"]) == (
        "C101",
        "Lewtschenko",
        "Левченко",
        "uk",
        "person",
    )
    assert first["spellings"][1] == {
        "spelling": "Lewtschenko",
        "count": 1,
        "mentions": [{"path": "<stdin>", "line": 1, "column": 39}],
    }


def test_fix_applies_the_suggestions_and_a_second_run_changes_nothing(runner: CliRunner) -> None:
    once = runner.invoke(main, ["fix", "-c", "de", "--consistency-fix"], input=ARTICLE)
    assert (once.exit_code, once.stdout) == (0, FIXED)
    again = runner.invoke(main, ["fix", "-c", "de", "--consistency-fix"], input=once.stdout)
    assert again.stdout == FIXED
    plain = runner.invoke(main, ["fix", "-c", "de"], input=ARTICLE)
    assert plain.stdout == ARTICLE  # never fixed without the option


def test_per_article_and_across_the_folder(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Taras Levchenko sagte das.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Lewtschenko sagte das.\n", encoding="utf-8")
    per_article = runner.invoke(main, ["check", "-q", "-c", "de", "--consistency", str(tmp_path)])
    assert (per_article.exit_code, per_article.stdout) == (0, "")
    across = runner.invoke(main, ["check", "-q", "-c", "de", "--consistency-folder", str(tmp_path)])
    assert across.exit_code == 1
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    assert across.stdout == (
        f"{a}:1:7: unlisted name written 2 ways: Levchenko ×1 ({a}:1:7), Lewtschenko ×1 ({b}:1:1) "
        "-> Lewtschenko [consistency, house spelling (uk-german) of Левченко]\n"
    )


def test_fix_of_files_counts_the_consistency_edits(runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(main, ["fix", "-c", "de", "--consistency-fix", str(article)])
    assert result.exit_code == 0
    assert article.read_text(encoding="utf-8") == FIXED
    assert result.stderr.splitlines() == [
        f"{article}: 4 names fixed",
        "1 file scanned, 1 changed; 4 findings: Lewtschenko 2, Mychajliwka 2",
    ]


def test_the_setting_in_the_configuration(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / ".normalizer.yaml").write_text("conventions: [de]\nconsistency: article\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(main, ["check", "-q", str(tmp_path / "a.txt")])
    assert result.exit_code == 1
    assert "unlisted name written 3 ways" in result.stdout


def test_a_wrong_setting_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / ".normalizer.yaml"
    config.write_text("consistency: everywhere\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(main, ["check", str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"normalizer: error: {config}:1:1: 'consistency' must be article, folder or off, not 'everywhere'\n"
    )
    config.write_text("language: de\nper-path:\n  - paths: [a.txt]\n    consistency: 3\n", encoding="utf-8")
    result = runner.invoke(main, ["check", str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert result.stderr == f"normalizer: error: {config}:4:1: 'consistency' must be article, folder or off, not '3'\n"


def test_a_per_path_setting(runner: CliRunner, tmp_path: Path) -> None:
    settings = "conventions: [de]\nconsistency: off\nper-path:\n  - paths: [news/**]\n    consistency: article\n"
    (tmp_path / ".normalizer.yaml").write_text(settings, encoding="utf-8")
    for folder in ("news", "blog"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(main, ["check", "-q", str(tmp_path / "blog"), str(tmp_path / "news")])
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [str(tmp_path / "news" / "a.txt")] * 2


def test_a_text_of_unknown_language_gets_the_notice_and_nothing_else(runner: CliRunner) -> None:
    text = "Levchenko, Lewtschenko, Levtchenko.\n"
    result = runner.invoke(main, ["check", "--isolated", "--consistency"], input=text)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.startswith("normalizer: <stdin>: left unchanged, the language is unknown")
    fixed = runner.invoke(main, ["fix", "--isolated", "--consistency-fix"], input=text)
    assert fixed.stdout == text


def test_changed_lines_only(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(ARTICLE + "Ein neuer Satz ohne Namen.\n", encoding="utf-8")
    for line, expected in ((2, 1), (3, 0)):  # the second line mentions both names, the third neither
        Path("d.diff").write_text(f"--- a/a.txt\n+++ b/a.txt\n@@ -{line},0 +{line} @@\n+x\n", encoding="utf-8")
        args = ["check", "-q", "-c", "de", "--changed-lines", "d.diff"]
        result = runner.invoke(main, [*args, "--consistency", "a.txt"])
        assert (result.exit_code, len(result.stdout.splitlines())) == (expected, 2 * expected)
        fixed = runner.invoke(
            main, ["fix", "-q", "-c", "de", "--changed-lines", "d.diff", "--consistency-fix", "--diff", "a.txt"]
        )
        assert ("+Lewtschenko blieb in Mychajliwka." in fixed.stdout) == bool(expected)
