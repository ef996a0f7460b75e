"""Unlisted names written in several ways in every output format of `check`: SARIF (valid, one
result per name with every mention), rdjson (its suggestions give what `fix --consistency-fix`
writes), GitHub annotations and the HTML report. A name found only across a folder carries no fix
anywhere, since `--consistency-fix` works within each article."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from normalizer.cli import main
from tests.test_rdjson import apply_suggestions
from tests.test_report import assert_valid, schema

__all__ = ["schema"]  # the fixture, used by name

# a listed name (Jermak) beside two unlisted ones, each written in several ways; a CRLF line and
# letters beyond ASCII so that rdjson's byte columns and SARIF's code points differ
TEXT = (
    "Größe: Taras Levchenko traf Andrij Jermak in Mykhailivka.\r\n"
    "Für Lewtschenko war es gut; Levtchenko blieb in Michajliwka, Levchenko nicht.\n"
)


def check(*args: str, text: str | None = TEXT) -> str:
    result = CliRunner().invoke(main, ["check", "-c", "de", "--consistency", *args], input=text)
    assert result.exit_code == 1, result.output
    return result.stdout


def test_rdjson_suggestions_give_what_consistency_fix_writes() -> None:
    report = json.loads(check("--format", "rdjson"))
    ours = [d for d in report["diagnostics"] if d["code"] == {"value": "C101"}]
    # a diagnostic per mention not in the suggested spelling: Levchenko ×2, Levtchenko, and both places
    assert len(ours) == 5
    assert all(d["message"].startswith("unlisted name written") for d in ours)
    first = ours[0]["location"]["range"]
    assert first == {"start": {"line": 1, "column": 16}, "end": {"line": 1, "column": 25}}  # ö, ß: two bytes each
    args = ["fix", "--unsafe-fixes", "--consistency-fix", "-c", "de"]
    fixed = CliRunner().invoke(main, args, input=TEXT.encode("utf-8"))
    expected = fixed.stdout_bytes.decode("utf-8")
    assert fixed.exit_code == 0 and "Lewtschenko" in expected and "Levchenko" not in expected
    assert apply_suggestions(TEXT, report) == expected


def folder(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Taras Levchenko sagte das.\n", encoding="utf-8")
    b.write_text("Lewtschenko sagte das.\n", encoding="utf-8")
    return a, b


def across(tmp_path: Path, fmt: str) -> str:
    result = CliRunner().invoke(
        main, ["check", "-q", "-c", "de", "--consistency-folder", "--format", fmt, str(tmp_path)]
    )
    assert result.exit_code == 1, result.output
    return result.stdout


def test_rdjson_across_a_folder_reports_without_a_suggestion(tmp_path: Path) -> None:
    a, _ = folder(tmp_path)
    (diagnostic,) = json.loads(across(tmp_path, "rdjson"))["diagnostics"]
    assert diagnostic["location"]["path"] == str(a)  # Levchenko; Lewtschenko is the suggestion
    assert "suggestions" not in diagnostic


def test_sarif_has_one_result_per_name_with_every_mention(schema: dict[str, Any]) -> None:
    log = assert_valid(check("--format", "sarif"), schema)
    run = log["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert "C101" in ids
    ours = [r for r in run["results"] if r["ruleId"] == "C101"]
    assert len(ours) == 2
    person = ours[0]
    assert ids[person["ruleIndex"]] == "C101"
    assert person["message"]["text"].startswith(
        "unlisted name written 3 ways: Levchenko ×2, Lewtschenko ×1, Levtchenko ×1 -> Lewtschenko"
    )
    assert person["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1,
        "startColumn": 14,
        "endLine": 1,
        "endColumn": 23,
    }
    related = [(r["message"]["text"], r["physicalLocation"]["region"]["startLine"]) for r in person["relatedLocations"]]
    assert related == [("'Levchenko'", 1), ("'Lewtschenko'", 2), ("'Levtchenko'", 2), ("'Levchenko'", 2)]
    (fix,) = person["fixes"]
    replacements = fix["artifactChanges"][0]["replacements"]
    assert [r["insertedContent"]["text"] for r in replacements] == ["Lewtschenko"] * 3
    assert person["properties"]["spellings"] == {"Levchenko": 2, "Lewtschenko": 1, "Levtchenko": 1}


def test_sarif_across_a_folder_is_valid_and_has_no_fix(tmp_path: Path, schema: dict[str, Any]) -> None:
    folder(tmp_path)
    (result,) = assert_valid(across(tmp_path, "sarif"), schema)["runs"][0]["results"]
    assert result["ruleId"] == "C101" and "fixes" not in result
    assert [r["physicalLocation"]["artifactLocation"]["uri"] for r in result["relatedLocations"]] == [
        f"{tmp_path.relative_to('/')}/a.txt".join(["file:///", ""]),
        f"{tmp_path.relative_to('/')}/b.txt".join(["file:///", ""]),
    ]


def test_github_annotates_each_mention_of_another_spelling() -> None:
    lines = check("--format", "github", "--stdin-filename", "a.txt").splitlines()
    ours = [line for line in lines if "title=normalizer C101 (several-spellings)" in line]
    assert len(ours) == 5
    assert ours[0] == (
        "::warning file=a.txt,line=1,col=14,endColumn=23,title=normalizer C101 (several-spellings)::"
        "Levchenko: unlisted name "
        "written 3 ways: Levchenko ×2, Lewtschenko ×1, Levtchenko ×1 -> Lewtschenko "
        "(house spelling (uk-german) of Левченко)"
    )


def test_github_reports_an_unlisted_name_alone(tmp_path: Path) -> None:
    folder(tmp_path)
    (line,) = across(tmp_path, "github").splitlines()  # no finding of the convention
    assert line.startswith("::warning file=") and "Levchenko: unlisted name written 2 ways" in line


def test_html_lists_the_names_with_spellings_counts_lines_and_suggestion() -> None:
    page = check("--format", "html", "--stdin-filename", "a.txt")
    section = page[page.index('<section aria-labelledby="unlisted-title"') :]
    section = section[: section.index("</section>")]
    assert "<caption>2 names the convention does not list" in section
    assert "<code>C101</code></h2>" in section
    assert '<li><strong>Levchenko</strong> ×2: <a href="a.txt">a.txt:1</a>, <a href="a.txt">a.txt:2</a></li>' in section
    assert '<tr><th scope="row"><ins>Lewtschenko</ins></th>' in section
    assert "house spelling (uk-german) of Левченко" in section
