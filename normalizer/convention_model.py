"""The values a convention file becomes: `Entry`, `Example`, `Convention`, and `merge`, which
combines conventions (several on the command line, or a file and those it extends)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from normalizer.textfold import fold

Kind = Literal["person", "place", "org"]
KINDS: tuple[Kind, ...] = ("person", "place", "org")


class Example(NamedTuple):
    """An input/expected pair that `conventions lint` checks."""

    text: str
    expected: str
    line: int
    source: str = ""  # the file that holds the example

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"


class Entry(NamedTuple):
    """One name with its house spelling and what is known about its variants."""

    canonical: str
    kind: Kind
    native: str | None = None
    source_lang: str | None = None
    aliases: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    fuzzy: bool = True
    origin: str = ""  # file:line where the entry was defined
    # the name's other native forms, in Russian: the Russian or former name of a Ukrainian or
    # Belarusian place (Николаев, Днепропетровск) or a Russian form no reading derives
    native_other: tuple[str, ...] = ()
    # fixed expressions that hold a spelling of the name as part of a term (a dish, a monument:
    # 'Kiev cake', 'Odessa Steps'): kept as written, matched case-insensitively as whole words
    fixed: tuple[str, ...] = ()


class Convention(NamedTuple):
    """A validated convention: entries plus the protected words."""

    name: str
    language: str
    description: str = ""
    entries: tuple[Entry, ...] = ()
    protect: frozenset[str] = frozenset()
    sources: tuple[str, ...] = ()
    unsafe_fixes: bool | None = None  # apply unsafe fixes by default (None: not said, no)


def _keys(entry: Entry) -> list[str]:
    """What makes two entries the same name: the native spelling, and the folded canonical."""
    keys = [f"canonical:{fold(entry.canonical)}"]
    if entry.native:
        keys.append(f"native:{fold(entry.native)}")
    return keys


def merge(conventions: Sequence[Convention]) -> Convention:
    """Combine conventions in order: an entry for the same name (same native spelling, or same
    folded canonical) in a later convention replaces the earlier one."""
    merged: list[Entry | None] = []
    position: dict[str, int] = {}
    for convention in conventions:
        for entry in convention.entries:
            for key in _keys(entry):
                if key in position:
                    merged[position[key]] = None
            for key in _keys(entry):
                position[key] = len(merged)
            merged.append(entry)
    protect: frozenset[str] = frozenset().union(*(c.protect for c in conventions))
    last = conventions[-1]
    sources = tuple(s for c in conventions for s in c.sources)
    entries = tuple(e for e in merged if e is not None)
    said = [c.unsafe_fixes for c in conventions if c.unsafe_fixes is not None]
    return Convention(last.name, last.language, last.description, entries, protect, sources, said[-1] if said else None)
