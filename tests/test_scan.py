"""Candidate words and skipped zones."""

from __future__ import annotations

import pytest

from normalizer.scan import phrase_pattern, skipped_zones, words


def texts(text: str) -> list[str]:
    return [w.text for w in words(text)]


@pytest.mark.parametrize(
    "zone",
    [
        "https://example.org/umerov-interview",
        "http://x.example/a?b=Kiev",
        "www.kyiv.example/news",
        "t.me/V_Zelenskiy_official",
        "presse@rada-opposition.example",
        "@yermak_office",
        "armyinform.com.ua/drapatyi",
    ],
)
def test_names_in_zones_are_not_candidates(zone: str) -> None:
    text = f"Laut {zone} sagte Jermak"
    assert any(a <= text.index(zone) < b for a, b in skipped_zones(text))
    assert texts(text) == ["Laut", "sagte", "Jermak"]


def test_possessive_is_split_off() -> None:
    found = words("Witkoff's plan and Yermak’s office")
    assert [w.text for w in found][:1] == ["Witkoff"]
    assert "Yermak" in [w.text for w in found]


def test_inner_apostrophes_stay_in_the_word() -> None:
    assert texts("L'viv and Torets'k") == ["L'viv", "and", "Torets'k"]


def test_joiners() -> None:
    found = words("Selenskyj-Regierung, Andrij Jermak")
    assert [(w.text, w.joiner) for w in found] == [
        ("Selenskyj", "-"),
        ("Regierung", ""),
        ("Andrij", " "),
        ("Jermak", ""),
    ]


def test_sentence_end_is_not_a_domain() -> None:
    assert texts("in Kiew.Dann") == ["in", "Kiew", "Dann"]


def test_fixed_phrases_are_skipped_case_insensitively() -> None:
    pattern = phrase_pattern(["chicken Kiev"])
    assert texts_with(pattern, "Chicken Kiev in Kiev") == ["in", "Kiev"]


def texts_with(pattern: object, text: str) -> list[str]:
    from re import Pattern

    assert isinstance(pattern, Pattern)
    return [w.text for w in words(text, pattern)]
