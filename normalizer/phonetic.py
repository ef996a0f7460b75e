"""Kölner Phonetik (Postel 1969): a phonetic key suited to German spellings of names.

Written from the published rules. Input is a folded (ASCII, lowercase) word; the key is a
string of digits. Transliteration variants often share a key: 'jermak', 'yermak' and 'ermak'
all give '0764'; 'selenskyj' and 'zelensky' give '85684'.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_SIMPLE = {
    **dict.fromkeys("aeijouy", "0"),
    "b": "1",
    **dict.fromkeys("fvw", "3"),
    **dict.fromkeys("gkq", "4"),
    "l": "5",
    **dict.fromkeys("mn", "6"),
    "r": "7",
    **dict.fromkeys("szšžč", "8"),  # š ž č come from skeleton()
}


def _code(word: str, i: int) -> str:
    char = word[i]
    prev = word[i - 1] if i > 0 else ""
    nxt = word[i + 1] if i + 1 < len(word) else ""
    if char in _SIMPLE:
        return _SIMPLE[char]
    if char == "h":
        return ""
    if char == "p":
        return "3" if nxt == "h" else "1"
    if char in "dt":
        return "8" if nxt in ("c", "s", "z") and nxt else "2"
    if char == "c":
        if i == 0:
            return "4" if nxt and nxt in "ahkloqrux" else "8"
        return "4" if nxt and nxt in "ahkoqux" and prev not in ("s", "z") else "8"
    if char == "x":
        return "8" if prev in ("c", "k", "q") and prev else "48"
    return ""


@lru_cache(maxsize=65536)
def cologne(word: str) -> str:
    """The Kölner Phonetik key of a folded word ('' for a word without letters)."""
    digits = "".join(_code(word, i) for i in range(len(word)))
    collapsed: list[str] = []
    for d in digits:
        if not collapsed or collapsed[-1] != d:
            collapsed.append(d)
    if not collapsed:
        return ""
    return collapsed[0] + "".join(d for d in collapsed[1:] if d != "0")


@lru_cache(maxsize=1)
def skeleton_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    import yaml  # imported here: a run from the cache parses no YAML

    raw = yaml.safe_load((Path(__file__).parent / "data" / "skeleton.yaml").read_text(encoding="utf-8"))
    return tuple((re.compile(str(a)), str(b)) for a, b in raw["rules"])


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A folded word with romanisation differences evened out (data/skeleton.yaml), doubled
    letters collapsed: 'sholts' and 'scholz' both give 'šols'."""
    for pattern, new in skeleton_rules():
        word = pattern.sub(new, word)
    return "".join(c for i, c in enumerate(word) if i == 0 or c != word[i - 1])
