"""The values that leave the engine: one `Finding` per change (or per ambiguous span)."""

from __future__ import annotations

import re
from typing import Literal, NamedTuple, get_args

Rule = Literal["exact", "folded", "variant", "fuzzy", "phonetic", "ambiguous", "consistency"]
RULES: frozenset[str] = frozenset(get_args(Rule))
# ruff's model: a safe fix rests on strong evidence and `fix` applies it by default; an unsafe
# one (fuzzy or phonetic evidence alone, for a single word) only with --unsafe-fixes
Applicability = Literal["safe", "unsafe"]
SAFE_RULES = frozenset({"exact", "folded", "variant"})
LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what ends a line for `Finding.line` (and every line count)
# the path, line and column of a decision of the resolver: a finding at offsets of its text, which
# `rewrite.to_findings` places in the file
UNPLACED: tuple[str, int, int] = ("-", 0, 0)


def applicability(rule: Rule, found: str, known_word: bool) -> Applicability:
    """Safe: a listed or generated spelling (exact, folded, variant); a name of two words or more
    that matched as a whole; one word whose phonetic keys agree with a spelling of the entry (and
    whose difference romanisation explains, as every fuzzy match's must) and that is no word of the
    prose language. Unsafe: one word matched on spelling alone (fuzzy), or one that is itself a word
    of the prose language (Zipf frequency known). The boundary was chosen by measurement (README)."""
    if rule in SAFE_RULES or len(found.split()) > 1:
        return "safe"
    return "safe" if rule == "phonetic" and not known_word else "unsafe"


class Finding(NamedTuple):
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
    applicability: Applicability = "safe"
    code: str = ""  # the rule that decided it (normalizer.codes: 'N103')
    key: str = ""  # the data entry that decided it, where one did ('inflection.leaked.after_a=y')

    @property
    def is_change(self) -> bool:
        return self.replacement is not None and self.replacement != self.found

    @property
    def is_safe(self) -> bool:
        return self.applicability == "safe"
