"""Candidate words and skipped zones."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer.index import PARTICLES
from normalizer.scan import JOINERS, _skip, phrase_pattern, skipped_zones, words


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


_PIECES = [
    "Jermak",
    "von",
    "der",
    "Leyen",
    "über",
    "ärger",
    "Ärger",
    "łódź",
    "Łódź",
    "d'Estaing",
    "O'Neil",
    "de'Longhi",
    "北京",
    "ΑΘήνα",
    "Київ",
    "x.com/Kiev",
    "a@b.example",
    "@Kyiv",
    "z.B.",
    "u.a.",
    "3.5",
    "Witkoff's",
    "-",
    "www.kyiv.example",
    "https://t.me/Ermak",
    "Kyiv.",
    "Tschernihiw-Region",
    " ",
    "\n",
    ", ",
    ". ",
]
_MIXED = st.lists(st.sampled_from(_PIECES) | st.text(max_size=6), max_size=30).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_MIXED)
def test_with_particles_only_the_words_that_can_be_part_of_a_name(text: str) -> None:
    """The fast pattern used with particles finds exactly the words of the general one that
    do not begin with a lowercase letter, plus the particles, with the same joiners."""
    everything = words(text)
    kept = [w for w in everything if not w.text[0].islower() or w.text in PARTICLES]
    fast = words(text, None, PARTICLES)
    assert [(w.text, w.start, w.end) for w in fast] == [(w.text, w.start, w.end) for w in kept]
    for i, word in enumerate(fast):
        linked = i + 1 < len(fast) and fast[i + 1].start == word.end + 1 and text[word.end] in JOINERS
        assert word.joiner == (text[word.end] if linked else "")


@settings(max_examples=400, deadline=None)
@given(_MIXED)
def test_skipped_zones_are_those_of_a_search_of_the_whole_text(text: str) -> None:
    """Searching only the runs around a trigger character finds every zone."""
    assert skipped_zones(text) == [m.span() for m in _skip().finditer(text)]


_PHRASES = ["chicken Kiev", "Kiev cake", "Kievan Rus", "Kievan Rus'"]
_IN_CHUNKS = st.lists(st.sampled_from([*_PIECES, "chicken", "Kiev", "cake", "Kievan Rus'", "Yermak"]), max_size=40)


@settings(max_examples=400, deadline=None)
@given(
    _IN_CHUNKS.map("".join) | _IN_CHUNKS.map(" ".join),
    st.integers(1, 12),
    st.lists(st.tuples(st.integers(0, 150), st.integers(0, 20)), max_size=3),
)
def test_a_text_scanned_in_chunks_gives_the_words_of_one_scan(
    text: str, size: int, marks: list[tuple[int, int]]
) -> None:
    """Chunks end after a space or a line break that no fixed phrase spans ('chicken Kiev cake'):
    scanned in chunks of a few characters, a text gives the words (and joiners) of one scan,
    with protected spans that cross the chunk boundaries too."""
    from unittest.mock import patch

    from normalizer import scan

    phrases = phrase_pattern(_PHRASES)
    protected = [(min(a, len(text)), min(a + n, len(text))) for a, n in marks]
    whole = words(text, phrases, PARTICLES, protected)
    with patch.object(scan, "CHUNK", size):
        chunked = words(text, phrases, PARTICLES, protected)
    assert chunked == whole


def test_a_long_line_is_scanned_in_chunks_of_bounded_size() -> None:
    """A text of one line of 200,000 characters is cut after spaces, each chunk a little over
    the size asked for, never inside a fixed phrase."""
    from normalizer.scan import chunks

    phrases = phrase_pattern(_PHRASES)
    text = "Der Kiewer sagte, chicken Kiev sei gut. " * 5000
    spans = list(chunks(text, 1000, phrases))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(end - start <= 1000 + len("chicken Kiev ") for start, end in spans)
    assert len(spans) > 190
    assert not any(text[end - 1 : end + 5] == " Kiev " for _, end in spans)
