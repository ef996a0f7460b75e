"""Safe and unsafe fixes (ruff's model): `fix` applies the safe findings, `--unsafe-fixes` (or the
setting, in a configuration or a convention) all of them; `check`, JSON and SARIF show the class."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalizer.cli import main
from normalizer.findings import applicability

TEXT = "Beschuss in Woltschansk und Vovchansk am Morgen.\n"
SAFE_ONLY = "Beschuss in Woltschansk und Wowtschansk am Morgen.\n"
ALL = "Beschuss in Wowtschansk und Wowtschansk am Morgen.\n"
UNSAFE = "Woltschansk -> Wowtschansk [Wowtschansk, fuzzy, 90.9] (unsafe)"


@pytest.fixture
def convention(tmp_path: Path) -> Path:
    # 'Woltschansk' (the Russian name, Волчанск) is matched on spelling alone: an unsafe fix;
    # 'Vovchansk' is a generated spelling of Вовчанськ: a safe one
    path = tmp_path / "wowtschansk.yaml"
    path.write_text(
        "convention: wowtschansk\nlanguage: de\nentries:\n"
        "  - {canonical: Wowtschansk, native: Вовчанськ, source_lang: uk, kind: place}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("rule", "found", "known", "expected"),
    [
        ("exact", "Kyiv", False, "safe"),
        ("variant", "Kiev", True, "safe"),
        ("phonetic", "Steven Wittkoff", False, "safe"),  # a full name as a whole
        ("fuzzy", "Steven Witkof", False, "safe"),
        ("phonetic", "Lavrow", False, "safe"),  # sound keys agree, no word of the language
        ("phonetic", "Kipper", True, "unsafe"),  # a word of the language
        ("fuzzy", "Witkof", False, "unsafe"),  # spelling alone
    ],
)
def test_the_classes(rule: str, found: str, known: bool, expected: str) -> None:
    assert applicability(rule, found, known) == expected  # type: ignore[arg-type]


def test_fix_applies_safe_fixes_and_says_which_it_left(convention: Path) -> None:
    result = CliRunner().invoke(main, ["fix", "-c", str(convention)], input=TEXT)
    assert result.exit_code == 0
    assert result.stdout == SAFE_ONLY
    assert f"{UNSAFE}: an unsafe fix, left as is" in result.stderr


def test_unsafe_fixes_applies_all(convention: Path) -> None:
    result = CliRunner().invoke(main, ["fix", "--unsafe-fixes", "-c", str(convention)], input=TEXT)
    assert result.stdout == ALL
    assert result.stderr == ""


def test_check_shows_the_class(convention: Path) -> None:
    result = CliRunner().invoke(main, ["check", "-c", str(convention)], input=TEXT)
    lines = result.stdout.splitlines()
    assert lines[0].endswith(UNSAFE)
    assert lines[1].startswith("<stdin>:1:29: Vovchansk -> Wowtschansk [Wowtschansk, variant, 100")
    assert not lines[1].endswith("(unsafe)")
    report = json.loads(
        CliRunner().invoke(main, ["check", "--format", "json", "-c", str(convention)], input=TEXT).stdout
    )
    assert [f["applicability"] for f in report["findings"]] == ["unsafe", "safe"]
    sarif = json.loads(
        CliRunner().invoke(main, ["check", "--format", "sarif", "-c", str(convention)], input=TEXT).stdout
    )
    assert [r["properties"]["applicability"] for r in sarif["runs"][0]["results"]] == ["unsafe", "safe"]


def test_the_setting_in_a_configuration_and_the_flag_over_it(
    convention: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".normalizer.yaml").write_text(f"conventions: [{convention}]\nunsafe-fixes: true\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["fix"], input=TEXT).stdout == ALL
    assert CliRunner().invoke(main, ["fix", "--no-unsafe-fixes"], input=TEXT).stdout == SAFE_ONLY


def test_the_setting_in_a_convention(convention: Path) -> None:
    text = convention.read_text(encoding="utf-8").replace("language: de\n", "language: de\nunsafe-fixes: true\n")
    convention.write_text(text, encoding="utf-8")
    assert CliRunner().invoke(main, ["fix", "-c", str(convention)], input=TEXT).stdout == ALL
    assert CliRunner().invoke(main, ["fix", "--no-unsafe-fixes", "-c", str(convention)], input=TEXT).stdout == SAFE_ONLY


def test_a_file_fix_counts_what_it_left(convention: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", "-c", str(convention), str(article)])
    assert f"{article}: 1 name fixed, 1 unsafe fix left" in result.stderr
    assert article.read_text(encoding="utf-8") == SAFE_ONLY
    again = CliRunner().invoke(main, ["fix", "-c", str(convention), str(article)])
    assert article.read_text(encoding="utf-8") == SAFE_ONLY  # stable: the unsafe fix stays left
    assert "an unsafe fix, left as is" in again.stderr
