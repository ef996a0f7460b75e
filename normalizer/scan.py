"""Find the words of a text that could be names, and the zones never to touch.

Words are runs of letters with inner apostrophes ("L'viv", "Torets'k"); an English possessive
('s, ’s) is split off and kept outside the word. URLs, bare domains with a path, e-mail
addresses and @handles are skipped zones: no word inside them is ever a candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

_LETTER = r"[^\W\d_]"
_APOSTROPHES = "'’ʼ"
_WORD = re.compile(rf"{_LETTER}+(?:[{_APOSTROPHES}]{_LETTER}+)*")
_SKIP = re.compile(
    r"""
    (?:https?|ftp)://[^\s<>"'«»]+              # URLs with a scheme
    | www\.[^\s<>"'«»]+                         # www. without a scheme
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+              # e-mail addresses
    | (?<![\w@])@\w+                            # @handles
    | (?<![\w.@/-])(?:[\w-]+\.)+[a-z]{2,24}(?:/[^\s<>"'«»]*|(?=[\s,;:)\]»"'.!?]|$))  # bare domains
    """,
    re.VERBOSE,
)
_TRIGGER = re.compile(r"[@/]|\.[a-z]")  # what every match of _SKIP contains
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
    """The words of _WORD except most of those that begin with a lowercase letter, other than
    the `particles`: finding only these is much faster than finding every word."""
    alternatives = "|".join(sorted(map(re.escape, particles), key=len, reverse=True))
    at_start = rf"(?<!{_LETTER})(?<!{_LETTER}[{_APOSTROPHES}])"  # where _WORD's words begin
    first = rf"(?:(?:{alternatives})(?!{_LETTER})|(?![{_LOWER}]){_LETTER}+)"
    return re.compile(rf"{at_start}{first}(?:[{_APOSTROPHES}]{_LETTER}+)*")


def phrase_pattern(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern for fixed phrases, matched case-insensitively as whole words."""
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def skipped_zones(text: str, phrases: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
    """Spans of URLs, domains, e-mail addresses, @handles and fixed phrases, in order."""
    zones: list[tuple[int, int]] = []
    # Each of them lies inside one run of non-space characters that holds a trigger: only
    # those runs are searched (trying the whole pattern at every word is slow).
    done = 0
    for trigger in _TRIGGER.finditer(text):
        if trigger.start() < done:
            continue
        run = _RUN.search(text, _run_start(text, trigger.start()))
        assert run is not None  # the trigger itself is part of a run
        zones.extend(m.span() for m in _SKIP.finditer(text, run.start(), run.end()))
        done = run.end()
    if phrases is not None:
        zones.extend(m.span() for m in phrases.finditer(text))
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
    zones = skipped_zones(text, phrases)
    if protected:
        zones = sorted([*zones, *protected])
    masked = _mask(text, zones)
    found: list[tuple[str, int, int]] = []
    for match in (_WORD if particles is None else _candidates(particles)).finditer(masked):
        start, end = match.span()
        word = match.group()
        if particles is not None and word[0].islower() and word not in particles:
            continue
        if len(word) > 2 and word[-2] in "'’ʼ" and word[-1] in "sS":  # possessive 's, kept outside
            end -= 2
            word = word[:-2]
        found.append((word, start, end))
    out: list[Word] = []
    for i, (word, start, end) in enumerate(found):
        joiner = ""
        if i + 1 < len(found) and found[i + 1][1] == end + 1 and text[end] in JOINERS:
            joiner = text[end]
        out.append(Word(word, start, end, joiner, word[:1].isupper()))
    return out


def _run_start(text: str, position: int) -> int:
    """Where the run of non-space characters around `position` begins."""
    start = position
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start


def _mask(text: str, zones: list[tuple[int, int]]) -> str:
    """`text` with the zones blanked out (same length, so offsets stay valid)."""
    if not zones:
        return text
    pieces: list[str] = []
    position = 0
    for zone_start, end in zones:
        start = max(zone_start, position)
        if end <= start:
            continue
        pieces.append(text[position:start])
        pieces.append("\x00" * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
