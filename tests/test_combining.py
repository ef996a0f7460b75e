"""A combining mark after a name that would be replaced (issue 12, item 12): the mark belongs to
the name's last letter, so the name is left alone rather than the mark moved onto a letter of
the new spelling (`Kyiv` + U+0301 became `Kieẃ`). `check` reports what `fix` changes, no more."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path
from typing import Literal

import pytest
from click.testing import CliRunner

from normalizer import Normalizer, load_conventions
from normalizer.cli import main
from normalizer.rewrite import apply

ACUTE = "\u0301"
Form = Literal["NFC", "NFD"]
NAMES = {  # names the convention replaces, one word and two
    "de": ["Kyiv", "Odesa", "Charkow", "Wolodymyr Selensky"],
    "en": ["Kiev", "Odessa", "Kharkov", "Volodymyr Zelensky"],
}
CASES = [(language, name) for language, names in NAMES.items() for name in names]
SENTENCE = {"de": "Heute in {} und morgen.", "en": "Today in {} and tomorrow."}


@cache
def normalizer(language: str) -> Normalizer:
    return Normalizer(load_conventions([language]))


def is_mark(char: str) -> bool:
    return unicodedata.category(char) in {"Mn", "Mc", "Me"}


@pytest.mark.parametrize(("language", "name"), CASES)
def test_the_name_alone_is_replaced(language: str, name: str) -> None:
    """The cases below are names that would be replaced, were it not for the mark."""
    text = SENTENCE[language].format(name)
    assert normalizer(language).fix(text).text != text


@pytest.mark.parametrize("marks", [ACUTE, ACUTE + "\u0323", "\u20dd"], ids=["acute", "acute-dot-below", "enclosing"])
@pytest.mark.parametrize(("language", "name"), CASES)
def test_a_name_followed_by_a_combining_mark_is_left_alone(language: str, name: str, marks: str) -> None:
    text = SENTENCE[language].format(name + marks)
    result = normalizer(language).fix(text)
    assert result.text == text
    assert result.findings == ()
    assert normalizer(language).findings(text) == []


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@pytest.mark.parametrize(("language", "name"), CASES)
def test_no_mark_moves_to_another_letter_in_either_normal_form(language: str, name: str, form: Form) -> None:
    """Composed, `Odesá` is one word of its own, the matcher's to judge (it is replaced whole,
    accent and all); decomposed, the name is left alone. Either way no mark is left behind on
    a letter of a replacement, and the findings are exactly the changes made."""
    text = unicodedata.normalize(form, SENTENCE[language].format(name + ACUTE))
    found = normalizer(language).findings(text)
    result = normalizer(language).fix(text)
    assert list(result.findings) == found
    assert result.text == apply(text, found)
    for finding in found:
        assert finding.end == len(text) or not is_mark(text[finding.end])
    if result.text != text:
        assert ACUTE not in unicodedata.normalize("NFD", result.text)  # dropped with the old spelling
    if form == "NFD":
        assert result.text == text


def test_kyiv_with_an_accent_does_not_become_kiew_with_an_accent_on_the_w() -> None:
    text = "Ich war in Kyiv" + ACUTE + " und in Kyiv."
    assert normalizer("de").fix(text).text == "Ich war in Kyiv" + ACUTE + " und in Kiew."


@pytest.mark.parametrize(("language", "plain", "fixed"), [("de", "Kyiv", "Kiew"), ("en", "Kiev", "Kyiv")])
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_check_reports_what_fix_changes(tmp_path: Path, language: str, plain: str, fixed: str, form: Form) -> None:
    text = unicodedata.normalize(form, f"{plain}{ACUTE} und {plain}.\n{plain}{ACUTE}\n")
    path = tmp_path / "text.txt"
    path.write_bytes(text.encode("utf-8"))
    check = CliRunner().invoke(main, ["check", "-c", language, "--jobs", "1", str(path)])
    assert check.exit_code == 1, check.output
    assert check.stdout.splitlines() == [f"{path}:1:{len(plain) + 7}: {plain} -> {fixed} [{fixed}, exact, 100]"]
    run = CliRunner().invoke(main, ["fix", "-c", language, "--jobs", "1", str(path)])
    assert run.exit_code == 0, run.output
    assert path.read_bytes().decode("utf-8") == text.replace(f" {plain}.", f" {fixed}.")
    again = CliRunner().invoke(main, ["check", "-c", language, "--jobs", "1", str(path)])
    assert (again.exit_code, again.stdout) == (0, "")
