"""Folding of spellings for comparison: case, diacritics and punctuation inside names.

`fold` is the one definition of "the same letters" used by the index and the matcher.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from unidecode import unidecode

_DROP = str.maketrans("", "", "'’ʼʹʺ`´\"-‐‑ .")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase ASCII letters only: 'Günter' → 'gunter', "L'viv" → 'lviv',
    'Bilhorod-Dnistrovskyi' → 'bilhoroddnistrovskyi'."""
    # German umlauts written as ae/oe/ue are a separate spelling: 'Bärbock' folds to 'barbock'.
    decomposed = unicodedata.normalize("NFKC", text)
    return unidecode(decomposed).lower().translate(_DROP)


def case_pattern(text: str) -> str:
    """'upper' for ALL CAPS words (two letters or more), 'lower' for lowercase, else 'title'."""
    if text.isupper():  # else some letter is lowercase, or none has case: not ALL CAPS
        letters = [c for c in text if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            return "upper"
    first = next((c for c in text if c.isalpha()), "")
    return "lower" if first.islower() else "title"


def apply_case(template: str, replacement: str) -> str:
    """Give `replacement` the case pattern of `template` (ALL CAPS stays ALL CAPS)."""
    pattern = case_pattern(template)
    if pattern == "upper":
        return replacement.upper()
    return replacement
