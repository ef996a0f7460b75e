"""Folding and case patterns."""

from __future__ import annotations

import pytest

from normalizer.textfold import apply_case, case_pattern, fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Günter", "gunter"),
        ("L'viv", "lviv"),
        ("Torets’k", "toretsk"),
        ("Bilhorod-Dnistrovskyi", "bilhoroddnistrovskyi"),
        ("Erdoğan", "erdogan"),
        ("WITKOFF", "witkoff"),
        ("Київ", "kiyiv"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("text", "pattern"), [("WITKOFF", "upper"), ("Witkoff", "title"), ("witkoff", "lower"), ("A", "title")]
)
def test_case_pattern(text: str, pattern: str) -> None:
    assert case_pattern(text) == pattern


def test_apply_case_keeps_all_caps() -> None:
    assert apply_case("WITTKOFF", "Witkoff") == "WITKOFF"
    assert apply_case("Wittkoff", "Witkoff") == "Witkoff"
    assert apply_case("ÜMEROV", "Umjerow") == "UMJEROW"
