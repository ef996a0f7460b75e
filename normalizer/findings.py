"""The values that leave the engine: one `Finding` per change (or per ambiguous span)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Rule = Literal["exact", "folded", "variant", "fuzzy", "phonetic", "ambiguous", "consistency"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One span of the input that does not follow the convention.

    `start`/`end` are character offsets into the text; `line`/`column` are 1-based.
    `replacement` is None when the span is ambiguous and left alone.
    """

    path: str
    line: int
    column: int
    start: int
    end: int
    found: str
    replacement: str | None
    entry: str
    rule: Rule
    score: float
    detail: str = ""

    def __reduce__(self) -> tuple[type[Finding], tuple[object, ...]]:
        """Pickled as the constructor's arguments: `--jobs` sends every finding from a worker to
        the main process, and a slotted dataclass's default state loads 3 times slower."""
        return Finding, tuple(getattr(self, name) for name in self.__slots__)

    @property
    def is_change(self) -> bool:
        return self.replacement is not None and self.replacement != self.found
