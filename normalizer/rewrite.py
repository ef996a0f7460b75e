"""Apply decisions to a text and turn them into findings with line and column.

Everything outside the decided spans is copied unchanged, character for character.

A name followed by a combining mark (U+0301 after `Kyiv`, as decomposed text has it) is left
alone: the mark belongs to the name's last letter, and after a replacement it would sit on
another letter (`Kiew` + U+0301 is `Kieẃ`), and no letter of the new spelling is the old
last letter, for the mark to move to. Such a decision gives no finding, so that `check`
reports what `fix` changes, no more. (Composed, `Odesá` is one word, the matcher's to judge.)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from typing import TypeVar, cast

from normalizer.findings import LINE_BREAK, Finding


def line_starts(text: str) -> list[int]:
    """Offsets where lines begin (\\n, \\r\\n and lone \\r all end a line)."""
    return [0, *(m.end() for m in LINE_BREAK.finditer(text))]


def attached_mark(text: str, end: int) -> bool:
    """Whether a combining mark follows `end`: it belongs to the letter before `end`."""
    return end < len(text) and unicodedata.category(text[end]) in _MARKS


_MARKS = {"Mn", "Mc", "Me"}


def to_findings(text: str, decisions: Iterable[Finding], path: str) -> list[Finding]:
    """Findings with path, line and column, for decisions (`UNPLACED` findings) in text order
    (except a name followed by a combining mark: left alone). Lines are counted between one
    decision and the next, so that a long text needs no table of its line starts. A text names
    the same few people and places again and again: findings share equal strings and scores
    instead of holding copies."""
    out: list[Finding] = []
    line, position, line_start = 1, 0, 0
    shared: dict[object, object] = {}
    for d in decisions:
        if attached_mark(text, d.end):
            continue
        # a decision begins at a letter, never between the \r and the \n of a line break
        breaks = text.count("\n", position, d.start) + text.count("\r", position, d.start)
        if breaks:
            line += breaks - text.count("\r\n", position, d.start)
            line_start = max(text.rfind("\n", position, d.start), text.rfind("\r", position, d.start)) + 1
        position = d.start
        column = d.start - line_start + 1
        if len(shared) > _SHARED:
            shared.clear()
        found, replacement, entry = _share(shared, d.found), _share(shared, d.replacement), _share(shared, d.entry)
        score, detail = _share(shared, d.score), _share(shared, d.detail)
        out.append(
            Finding(
                path,
                line,
                column,
                d.start,
                d.end,
                found,
                replacement,
                entry,
                d.rule,
                score,
                detail,
                d.applicability,
                d.code,
                _share(shared, d.key),
            )
        )
    return out


_SHARED = 1 << 16  # distinct values shared at most (a text of all different names does not fill the memory)
_T = TypeVar("_T")


def _share(shared: dict[object, object], value: _T) -> _T:
    """`value`, or the equal value met before."""
    return cast(_T, shared.setdefault(value, value))


SLICE = 1 << 20  # characters: the longest piece of unchanged text that `pieces` gives at once


def pieces(text: str, findings: Iterable[Finding], unsafe: bool = True) -> Iterator[str]:
    """The text with every changing finding applied (ambiguous ones are left alone; unsafe ones
    too, unless `unsafe`), in pieces: the replacements and the text between them, in slices of at
    most SLICE characters."""
    position = 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.replacement is None or f.start < position or not (unsafe or f.is_safe):
            continue
        yield from _slices(text, position, f.start)
        yield f.replacement
        position = f.end
    yield from _slices(text, position, len(text))


def _slices(text: str, start: int, end: int) -> Iterator[str]:
    for cut in range(start, end, SLICE):
        yield text[cut : min(cut + SLICE, end)]


def apply(text: str, findings: Iterable[Finding], unsafe: bool = True) -> str:
    """The text with every changing finding applied (ambiguous ones are left alone; unsafe ones
    too, unless `unsafe`)."""
    return "".join(pieces(text, findings, unsafe))


def changes(text: str, findings: Iterable[Finding], unsafe: bool = True) -> bool:
    """Whether `apply` would give another text, found without building it."""
    position = 0
    for piece in pieces(text, findings, unsafe):
        if not text.startswith(piece, position):
            return True
        position += len(piece)
    return position != len(text)
