"""The shipped word lists check themselves: sorted or at least free of repeats, in the script
they claim, and still needed (a protected word or a fixed phrase is only kept where the engine
would otherwise rewrite it: `conventions lint` reports the others, and the shipped conventions
lint clean, see tests/cli/test_truthful.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import data_usage
from normalizer import Normalizer, load_conventions
from normalizer.lexicon import _by_lang, _strings, _yaml

LANGS = ("de", "en")
CONTEXT_SHARED = ("elsewhere", "place_prefixes", "named_after", "place_named_after", "patronymic_endings")
CONTEXT_BY_LANG = ("phrases", "place_slot", "place_nouns", "company_nouns", "genitive_slot")


def context_lists() -> list[tuple[str, list[str]]]:
    raw = _yaml("context.yaml")
    found = [(key, _strings(raw.get(key))) for key in CONTEXT_SHARED]
    found += [(f"{key}.{lang}", _by_lang(raw.get(key), lang)) for key in CONTEXT_BY_LANG for lang in LANGS]
    return [(where, words) for where, words in found if words or "." not in where]


@pytest.mark.parametrize(("where", "words"), context_lists(), ids=[w for w, _ in context_lists()])
def test_context_lists_have_no_repeats_and_only_latin_letters(where: str, words: list[str]) -> None:
    assert words, f"{where} is empty: drop the key"  # a language without a list leaves it out
    folded = [w.casefold() for w in words]
    assert len(set(folded)) == len(folded), f"{where} repeats {[w for w in folded if folded.count(w) > 1]}"
    assert all(c.isascii() or c.isalpha() for w in words for c in w)
    assert not any("\u0400" <= c <= "\u04ff" for w in words for c in w)


@pytest.mark.parametrize("lang", LANGS)
def test_protect_lists_are_sorted_and_unique(lang: str) -> None:
    text = Path(load_conventions([lang]).sources[-1]).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.startswith("protect:")]
    assert len(lines) == 1
    words = [w.strip() for w in lines[0].removeprefix("protect:").strip(" []").split(",")]
    assert words == sorted(set(words))


@pytest.mark.parametrize("lang", LANGS)
def test_every_protected_word_and_fixed_phrase_of_a_shipped_convention_is_needed(lang: str) -> None:
    """Without its `protect:` and `fixed:` lists the engine rewrites each of their entries."""
    convention = load_conventions([lang])
    entries = tuple(entry._replace(fixed=()) for entry in convention.entries)
    bare = Normalizer(convention._replace(entries=entries, protect=frozenset()))
    full = Normalizer(convention)
    kept = [*convention.protect, *(p for e in convention.entries for p in e.fixed)]
    assert kept
    for text in kept:
        assert full.fix(text).text == text
        assert bare.fix(text).text != text, f"{text!r} would stay as it is without being listed"


@pytest.mark.parametrize("lang", [lang for lang in LANGS if _by_lang(_yaml("context.yaml").get("phrases"), lang)])
def test_every_fixed_phrase_of_the_engine_changes_an_outcome_of_our_passages(lang: str) -> None:
    """Leaving out any one of the engine's fixed phrases changes the output of at least one
    passage of our own corpus (golden articles, mixed and quality sets, open-world lines, the
    shipped entries' examples): see benchmarks/data_usage.py, which runs all lists."""
    assert data_usage.unused(lang, "context.yaml phrases") == []


@pytest.mark.parametrize("lang", LANGS)
def test_common_words_are_sorted_unique_and_not_repeated_by_a_shipped_convention(lang: str) -> None:
    words = _by_lang(_yaml("common_words.yaml").get("common"), lang)
    assert words == sorted(set(words))
    assert not {w.casefold() for w in words} & {w.casefold() for w in load_conventions([lang]).protect}
