"""Kölner Phonetik and the skeleton spelling."""

from __future__ import annotations

import pytest

from normalizer.phonetic import cologne, skeleton


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("wikipedia", "3412"),  # the usual worked example of the algorithm
        ("mueller", "657"),
        ("breschnew", "17863"),
        ("jermak", "0764"),
        ("yermak", "0764"),
        ("ermak", "0764"),
        ("selenskyj", "85684"),
        ("zelensky", "85684"),
        ("baerbock", "1714"),
        ("burbok", "1714"),
        ("", ""),
        ("hhh", ""),
    ],
)
def test_cologne_keys(word: str, key: str) -> None:
    assert cologne(word) == key


def test_cologne_context_rules() -> None:
    assert cologne("ca") == "4"  # initial C before A
    assert cologne("ci") == "8"  # initial C before I
    assert cologne("sc") == "8"  # C after S
    assert cologne("ph") == "3"
    assert cologne("dt") == "2"
    assert cologne("ts") == "8"  # T before S
    assert cologne("x") == "48"
    assert cologne("kx") == "48"  # X after K is 8, then 4 8 collapses to 48


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("sholts", "scholz"),
        ("whitcoff", "witkoff"),
        ("getmantsev", "hetmanzew"),
        ("macron", "makron"),
        ("wittkoff", "witkoff"),
    ],
)
def test_skeleton_evens_out_romanisations(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(("a", "b"), [("kiel", "kiew"), ("sand", "sandu"), ("orlivka", "horlivka")])
def test_skeleton_keeps_different_words_apart(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)
