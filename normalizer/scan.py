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
_POSSESSIVE = re.compile(r"['’ʼ][sS]$")
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


def words(text: str, phrases: re.Pattern[str] | None = None) -> list[Word]:
    """The words of `text` outside the skipped zones, in order."""
    zones = skipped_zones(text, phrases)
    found: list[tuple[str, int, int]] = []
    zone = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        while zone < len(zones) and zones[zone][1] <= start:
            zone += 1
        if any(a < end and start < b for a, b in zones[zone : zone + 2]):
            continue
        word = match.group()
        possessive = _POSSESSIVE.search(word)
        if possessive:
            end -= len(possessive.group())
            word = word[: -len(possessive.group())]
        found.append((word, start, end))
    out: list[Word] = []
    for i, (word, start, end) in enumerate(found):
        joiner = ""
        if i + 1 < len(found) and found[i + 1][1] == end + 1 and text[end] in JOINERS:
            joiner = text[end]
        out.append(Word(word, start, end, joiner))
    return out
