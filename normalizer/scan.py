"""Find the words of a text that could be names, and the zones never to touch.

Words are runs of letters with inner apostrophes ("L'viv", "Torets'k"); an English possessive
('s, ’s) is split off and kept outside the word. URLs, bare domains with a path, e-mail
addresses and @handles are skipped zones: no word inside them is ever a candidate.

A long text is scanned in chunks of about a million characters, so that the words need not all
be held at once: a chunk ends after a space or a line break that no fixed phrase spans. No word
and no skipped zone holds a space or a line break, so the chunks give the same words as the whole.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache
from typing import NamedTuple

_LETTER = r"[^\W\d_]"
_APOSTROPHES = "'’ʼ"


@cache
def _word() -> re.Pattern[str]:
    """A word: letters, with apostrophes between them. (Compiled on first use, as `_skip`: a run
    on a line of text needs neither, and starts faster without compiling them.)"""
    return re.compile(rf"{_LETTER}+(?:[{_APOSTROPHES}]{_LETTER}+)*")


@cache
def _skip() -> re.Pattern[str]:
    """What is never a name: URLs, domains, e-mail addresses and @handles."""
    return re.compile(
        r"""
    (?:https?|ftp)://[^\s<>"'«»]+              # URLs with a scheme
    | www\.[^\s<>"'«»]+                         # www. without a scheme
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+              # e-mail addresses
    | (?<![\w@])@\w+                            # @handles
    | (?<![\w.@/-])(?:[\w-]+\.)+[a-z]{2,24}(?:/[^\s<>"'«»]*|(?=[\s,;:)\]»"'.!?]|$))  # bare domains
    """,
        re.VERBOSE,
    )


_TRIGGER = re.compile(r"[@/]|\.[a-z]")  # what every match of `_skip` contains
_RUN = re.compile(r"\S+")
JOINERS = (" ", "\u00a0", "-", "\u2011")


class Word(NamedTuple):
    """A word of the text: `start`/`end` are character offsets; `joiner` is the single
    character linking it to the next word (space or hyphen), or '' when they are apart.
    (A named tuple: a text has hundreds of thousands of words, and tuples are made fastest.)"""

    text: str
    start: int
    end: int
    joiner: str
    capitalized: bool  # begins with an upper- or titlecase letter


# the common lowercase letters: words beginning with one are not looked at (a word beginning
# with a rarer lowercase letter is found and dropped by `words`)
_LOWER = "a-zß-öø-ÿа-яѐ-џα-ωά-ώ"


@lru_cache(maxsize=4)
def _candidates(particles: frozenset[str]) -> re.Pattern[str]:
    """The words of `_word` except most of those that begin with a lowercase letter, other than
    the `particles`: finding only these is much faster than finding every word."""
    alternatives = "|".join(sorted(map(re.escape, particles), key=len, reverse=True))
    at_start = rf"(?<!{_LETTER})(?<!{_LETTER}[{_APOSTROPHES}])"  # where `_word`'s words begin
    first = rf"(?:(?:{alternatives})(?!{_LETTER})|(?![{_LOWER}]){_LETTER}+)"
    return re.compile(rf"{at_start}{first}(?:[{_APOSTROPHES}]{_LETTER}+)*")


PHRASE_MAX = 64  # characters: the longest fixed phrase (a chunk boundary is checked this far back)


def phrase_pattern(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern for fixed phrases, matched case-insensitively as whole words; a ValueError for
    a phrase longer than PHRASE_MAX characters."""
    if not phrases:
        return None
    if too_long := [p for p in phrases if len(p) > PHRASE_MAX]:
        raise ValueError(f"a fixed phrase is longer than {PHRASE_MAX} characters: {too_long[0]!r}")
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def skipped_zones(
    text: str, phrases: re.Pattern[str] | None = None, start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """Spans of URLs, domains, e-mail addresses, @handles and fixed phrases, in order (those
    within start..end, which must be chunk boundaries, when given)."""
    end = len(text) if end is None else end
    zones: list[tuple[int, int]] = []
    # Each of them lies inside one run of non-space characters that holds a trigger: only
    # those runs are searched (trying the whole pattern at every word is slow).
    done = start
    for trigger in _TRIGGER.finditer(text, start, end):
        if trigger.start() < done:
            continue
        run = _RUN.search(text, _run_start(text, trigger.start()), end)
        assert run is not None  # the trigger itself is part of a run
        zones.extend(m.span() for m in _skip().finditer(text, run.start(), run.end()))
        done = run.end()
    if phrases is not None:
        zones.extend(m.span() for m in phrases.finditer(text, start, end))
        zones.sort()
    return zones


def words(
    text: str,
    phrases: re.Pattern[str] | None = None,
    particles: frozenset[str] | None = None,
    protected: Sequence[tuple[int, int]] = (),
) -> list[Word]:
    """The words of `text` outside the skipped zones (and the `protected` spans, e.g. markup),
    in order. With `particles`, lowercase words other than those are left out: they cannot be
    part of a name."""
    return list(iter_words(text, phrases, particles, protected))


CHUNK = 1 << 20  # characters: a text is scanned in chunks about this long


def iter_words(
    text: str,
    phrases: re.Pattern[str] | None = None,
    particles: frozenset[str] | None = None,
    protected: Sequence[tuple[int, int]] = (),
) -> Iterator[Word]:
    """`words`, found a chunk of about CHUNK characters at a time.

    A word is yielded once the next one is found (its joiner depends on where that one begins).
    This loop runs once per capitalized word of every text: it is kept flat, without a call per
    word, and a Word is made with tuple.__new__ (the named tuple's own __new__ is a Python call)."""
    zones = _union(protected)
    pattern = _word() if particles is None else _candidates(particles)
    make = tuple.__new__
    last = ""  # the word found last, not yet yielded ('' before the first)
    last_start = last_end = 0
    for start, end in chunks(text, CHUNK, phrases):
        matches, shift = _matches(text, start, end, pattern, phrases, _within(zones, start, end))
        for match in matches:
            word = match.group()
            if particles is not None and word[0].islower() and word not in particles:
                continue
            word_start, word_end = match.span()
            word_start += shift
            word_end += shift
            if len(word) > 2 and word[-2] in _APOSTROPHES and word[-1] in "sS":  # possessive 's, kept outside
                word_end -= 2
                word = word[:-2]
            if last:
                joiner = text[last_end] if word_start == last_end + 1 and text[last_end] in JOINERS else ""
                yield make(Word, (last, last_start, last_end, joiner, last[0].isupper()))
            last, last_start, last_end = word, word_start, word_end
    if last:
        yield make(Word, (last, last_start, last_end, "", last[0].isupper()))


def chunks(text: str, size: int, phrases: re.Pattern[str] | None = None) -> Iterator[tuple[int, int]]:
    """Spans of about `size` characters that together make the text (one for an empty text),
    each but the last ending after a space or a line break that no fixed phrase spans."""
    start = 0
    while True:
        end = _cut(text, start + size, phrases)
        yield start, end
        if end >= len(text):
            return
        start = end


_GAP = re.compile(r"[ \n]")


def _cut(text: str, at: int, phrases: re.Pattern[str] | None) -> int:
    """The end of the first space or line break at or after `at` that no fixed phrase spans
    (the end of the text when there is none)."""
    while (gap := _GAP.search(text, at)) is not None:
        at = gap.end()
        if phrases is None or not _spanned(text, at, phrases):
            return at
    return len(text)


def _spanned(text: str, cut: int, phrases: re.Pattern[str]) -> bool:
    """Whether a fixed phrase of the text begins before `cut` and ends after it."""
    begins = range(max(0, cut - PHRASE_MAX), cut)
    return any((m := phrases.match(text, q)) is not None and m.end() > cut for q in begins)


def _union(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans as sorted spans that do not overlap."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _within(zones: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The zones (sorted, not overlapping) that overlap start..end, cut to it."""
    out: list[tuple[int, int]] = []
    for s, e in zones[max(bisect_left(zones, (start, start)) - 1, 0) :]:
        if s >= end:
            break
        if e > start:
            out.append((max(s, start), min(e, end)))
    return out


def _matches(
    text: str,
    start: int,
    end: int,
    pattern: re.Pattern[str],
    phrases: re.Pattern[str] | None,
    protected: list[tuple[int, int]],
) -> tuple[Iterator[re.Match[str]], int]:
    """The matches of `pattern` in the chunk start..end outside its skipped and protected zones,
    and what to add to their offsets to make them offsets of the text."""
    zones = skipped_zones(text, phrases, start, end)
    if protected:
        zones = sorted([*zones, *protected])
    if zones:  # blanked out in a copy of the chunk (same length, so offsets stay valid)
        return pattern.finditer(_mask(text, zones, start, end)), start
    return pattern.finditer(text, start, end), 0


def _run_start(text: str, position: int) -> int:
    """Where the run of non-space characters around `position` begins."""
    start = position
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start


def _mask(text: str, zones: list[tuple[int, int]], start: int, end: int) -> str:
    """text[start:end] with the zones (sorted, within it) blanked out."""
    pieces: list[str] = []
    position = start
    for zone_start, zone_end in zones:
        begin = max(zone_start, position)
        if zone_end <= begin:
            continue
        pieces.append(text[position:begin])
        pieces.append("\x00" * (zone_end - begin))
        position = zone_end
    pieces.append(text[position:end])
    return "".join(pieces)
