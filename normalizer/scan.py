"""Find the words of a text that could be names, and the zones never to touch.

Words are runs of letters with inner apostrophes ("L'viv", "Torets'k"); an English possessive
('s, ’s) is split off and kept outside the word. URLs, bare domains with a path, e-mail
addresses and @handles are skipped zones: no word inside them is ever a candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
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
JOINERS = (" ", "\u00a0", "-", "\u2011")


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the text: `start`/`end` are character offsets; `joiner` is the single
    character linking it to the next word (space or hyphen), or '' when they are apart."""

    text: str
    start: int
    end: int
    joiner: str

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper()


def phrase_pattern(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern for fixed phrases, matched case-insensitively as whole words."""
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def skipped_zones(text: str, phrases: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
    """Spans of URLs, domains, e-mail addresses, @handles and fixed phrases, in order."""
    zones = [m.span() for m in _SKIP.finditer(text)]
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
    for match in _WORD.finditer(masked):
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
        out.append(Word(word, start, end, joiner))
    return out


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
