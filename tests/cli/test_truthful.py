"""Conventions and commands that tell the truth: a wrong canonical or native spelling is refused
at load, lint finds aliases that are common words and spellings two entries share (across
`extends` too), explain speaks about every name-like word, variants refuses Latin input."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from normalizer.cli import main


def write(folder: Path, body: str, extends: str = "") -> Path:
    path = folder / "house.yaml"
    head = "convention: house\nlanguage: de\n" + (f"extends: {extends}\n" if extends else "")
    path.write_text(head + "entries:\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            '  - {canonical: "oleh tatarow", kind: person}\n',
            "'canonical' 'oleh tatarow' must start with a capital letter",
        ),
        ('  - {canonical: "Oleh Tatarow ", kind: person}\n', "has white space at its start or end"),
        ('  - {canonical: Oleh Tatarow, kind: person, aliases: [" Tatarov"]}\n', "has white space at its start"),
        (
            "  - {canonical: Oleh Tatarow, kind: person, native: Oleh Tatarov, source_lang: uk}\n",
            "'native' 'Oleh Tatarov' must be written in Cyrillic",
        ),
    ],
)
def test_a_wrong_spelling_is_refused_at_load(tmp_path: Path, entry: str, message: str) -> None:
    path = write(tmp_path, entry)
    result = CliRunner().invoke(main, ["fix", "-c", str(path)], input="Tatarow\n")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"normalizer: error: {path}:4:")
    assert message in result.stderr


def test_a_particle_may_come_first() -> None:
    result = CliRunner().invoke(main, ["conventions", "show", "de"])
    assert "Ursula von der Leyen (person)" in result.stdout


def test_lint_flags_an_alias_that_is_a_common_word(tmp_path: Path) -> None:
    path = write(tmp_path, "  - {canonical: Oleh Tatarow, kind: person, aliases: [Heute]}\n", extends="de")
    result = CliRunner().invoke(main, ["conventions", "lint", str(path)])
    assert result.exit_code == 1
    assert f"{path.name}:5: alias 'Heute' contains the common word 'Heute' (Zipf 5.9 in de)" in result.stdout


def test_lint_leaves_an_alias_that_is_a_frequent_name(tmp_path: Path) -> None:
    # a name is frequent in the news of every language; a common word only in its own
    path = write(tmp_path, "  - {canonical: Wladimir Putin, kind: person, aliases: [Vladimir Putin]}\n")
    result = CliRunner().invoke(main, ["conventions", "lint", str(path)])
    assert result.exit_code == 0, result.stdout


def test_lint_finds_a_spelling_two_entries_share_across_extends(tmp_path: Path) -> None:
    path = write(tmp_path, "  - {canonical: Andrii Yermak, kind: person, aliases: [Andriy Yermak]}\n", extends="de")
    result = CliRunner().invoke(main, ["conventions", "lint", str(path)])
    assert result.exit_code == 1
    assert f"{path.name}:5: 'Yermak' is a spelling of both 'Andrii Yermak' and 'Andrij Jermak'" in result.stdout


def test_the_shipped_conventions_lint_clean() -> None:
    result = CliRunner().invoke(main, ["conventions", "lint", "de", "en"])
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Andrij Jermak sagte", "Jermak: [R216 house-spelling] unchanged (already in the house spelling (entry Andrij"),
        ("in Kiew", "Kiew: [R216 house-spelling] unchanged (already in the house spelling (entry Kiew))"),
        ("Heute kam er", "Heute: [R105 common-word] unchanged (common word"),
    ],
)
def test_explain_speaks_about_every_name_like_word(text: str, expected: str) -> None:
    result = CliRunner().invoke(main, ["explain", "-c", "de", text])
    assert result.exit_code == 0
    assert expected in result.stdout


def test_explain_names_a_fixed_expression() -> None:
    result = CliRunner().invoke(main, ["explain", "-c", "en", "they served chicken Kiev"])
    assert "chicken Kiev: [R218 fixed-expression] unchanged (part of a fixed expression)" in result.stdout


def test_explain_without_a_language_says_so() -> None:
    result = CliRunner().invoke(main, ["explain", "--isolated", "Kyiv"])
    assert result.exit_code == 2
    assert "the language is unknown" in result.stderr


def test_variants_refuses_latin_input() -> None:
    result = CliRunner().invoke(main, ["variants", "Kyiv", "--source", "uk"])
    assert result.exit_code == 2
    assert "'Kyiv' has no Cyrillic letter" in result.stderr


def test_variants_warns_about_letters_the_tables_do_not_have() -> None:
    result = CliRunner().invoke(main, ["variants", "Київ", "--source", "ru"])
    assert result.exit_code == 0
    assert "the ru tables have no letter for ї" in result.stderr
    clean = CliRunner().invoke(main, ["variants", "Київ", "--source", "uk"])
    assert clean.stderr == ""
