"""Proposals for a convention from the mentions of unlisted names (normalizer.suggest)."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalizer import Normalizer, load_conventions
from normalizer.suggest import Miner, Proposal, shorten, with_examples

TEXTS = [
    "Taras Levchenko sagte in Mykhailivka, die Lage sei ruhig.",
    "Lewtschenko zufolge ist Michajliwka ohne Strom. Levtchenko bat um Hilfe.",
    "Die Gleitbomben trafen ein Umspannwerk. Rudenko schwieg.",
]


@cache
def normalizer() -> Normalizer:
    return Normalizer(load_conventions(["de"]))


def mined(min_count: int = 2) -> list[Proposal]:
    miner = Miner()
    for number, text in enumerate(TEXTS):
        miner.add(normalizer().unlisted(text, f"t{number}.txt"), "de")
    assert miner.texts == len(TEXTS)
    return miner.proposals(lambda lang: normalizer().house, min_count)


def test_one_proposal_per_name_most_mentioned_first() -> None:
    proposals = mined()
    assert [(p.canonical, p.native, p.source_lang, p.kind, p.count) for p in proposals] == [
        ("Taras Lewtschenko", "Тарас Левченко", "uk", "person", 3),
        ("Mychajliwka", "Михайлівка", "uk", "place", 2),
    ]
    person = proposals[0]
    assert person.spellings == (("Levchenko", 1), ("Lewtschenko", 1), ("Levtchenko", 1))
    assert person.aliases == (("Levchenko", 1), ("Levtchenko", 1))
    assert person.entry().aliases == ("Levchenko", "Levtchenko")


def test_min_count_and_a_name_mentioned_once() -> None:
    assert [p.canonical for p in mined(min_count=4)] == []
    assert "Rudenko" in [p.canonical for p in mined(min_count=1)]  # a place or person of the archive
    assert all("Gleitbomben" not in p.canonical for p in mined(min_count=1))  # German compounds are not names


def test_the_last_word_of_a_place_name_is_not_proposed_alone() -> None:
    texts = [
        "Im Dorf Welyka Sosniwka fiel der Strom aus. Die Schule von Velyka Sosnivka blieb zu.",
        "In Sosnivka warten die Leute auf Wasser.",
    ]
    miner = Miner()
    for number, text in enumerate(texts):
        miner.add(normalizer().unlisted(text, f"p{number}.txt"), "de")
    proposals = miner.proposals(lambda lang: normalizer().house, 1)
    assert [p.canonical for p in proposals] == ["Welyka Sosniwka"]  # not 'Sosniwka' on its own


def test_examples_show_what_the_grown_convention_makes_of_a_line() -> None:
    lines = {f"t{number}.txt": text.splitlines() for number, text in enumerate(TEXTS)}
    proposals = with_examples(mined(), load_conventions(["de"]), lambda m: lines[m.path][m.line - 1])
    person, place = proposals
    assert person.examples == (
        (
            "Taras Levchenko sagte in Mykhailivka, die Lage sei ruhig.",
            "Taras Lewtschenko sagte in Mychajliwka, die Lage sei ruhig.",
        ),
        ("Levtchenko bat um Hilfe.", "Lewtschenko bat um Hilfe."),  # the sentence, not the whole line
    )
    assert place.examples[1] == (
        "Lewtschenko zufolge ist Michajliwka ohne Strom.",
        "Lewtschenko zufolge ist Mychajliwka ohne Strom.",
    )
    assert person.entry().examples[1].expected == "Lewtschenko bat um Hilfe."


@pytest.mark.parametrize(
    ("line", "name", "expected"),
    [
        ("Erst dies. Dann sagte Rudenko das. Und mehr.", "Rudenko", "Dann sagte Rudenko das."),
        ("Rudenko ging.", "Rudenko", "Rudenko ging."),
    ],
)
def test_an_example_is_the_sentence_around_the_name(line: str, name: str, expected: str) -> None:
    assert shorten(line, line.index(name), len(name), limit=60) == expected


@given(st.lists(st.sampled_from(["a", "bb", "ccc.", "dddd", "Rudenko"]), min_size=1, max_size=80), st.data())
def test_a_long_sentence_is_cut_around_the_name(words: list[str], data: st.DataObject) -> None:
    line = " ".join(words) + " Rudenko"
    starts = [i for i in range(len(line)) if line.startswith("Rudenko", i)]
    start = data.draw(st.sampled_from(starts))
    short = shorten(line, start, len("Rudenko"), limit=60)
    assert "Rudenko" in short and len(short) <= 60
    assert short in line
