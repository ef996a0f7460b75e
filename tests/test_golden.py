"""Whole articles: each tests/golden/<lang>/NAME.in.txt must come out as NAME.expected.txt under
the shipped convention of that language, byte for byte. `pytest --update-golden` rewrites the
expected files from the tool's output; review the diff before committing it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from normalizer import Normalizer, load_conventions

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*/*.in.txt"))


@cache
def normalizer(lang: str) -> Normalizer:
    return Normalizer(load_conventions([lang]))


def test_there_are_golden_articles_in_both_languages() -> None:
    languages = {case.parent.name for case in CASES}
    assert {"de", "en"} <= languages
    assert all(len([c for c in CASES if c.parent.name == lang]) >= 6 for lang in ("de", "en"))


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name.removesuffix('.in.txt')}")
def test_golden_article(case: Path, request: pytest.FixtureRequest) -> None:
    expected_path = case.with_name(case.name.replace(".in.txt", ".expected.txt"))
    source = case.read_bytes().decode("utf-8")
    result = normalizer(case.parent.name).fix(source, str(case))
    if request.config.getoption("--update-golden"):
        expected_path.write_bytes(result.text.encode("utf-8"))
    expected = expected_path.read_bytes().decode("utf-8")
    assert result.text == expected
    again = normalizer(case.parent.name).fix(result.text).text
    assert again == result.text, "a second run changed the text"
