"""Folding of spellings for comparison: case, diacritics and punctuation inside names.

`fold` is the one definition of "the same letters" used by the index and the matcher.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from unidecode import unidecode

_DROP = str.maketrans("", "", "'’ʼʹʺ`´\"-‐‑ .")
# The háček letters of ISO 9 and the scholarly systems stand for sounds that other systems write
# with two letters: folded to those, not to the bare letter ('Berežna' is 'Berezhna', not the
# other name 'Berezna'; 'Bojčenko' is not 'Bojcenko'). Polish ż is the same sound as ž.
_HACEK = str.maketrans(
    {"š": "sh", "č": "ch", "ž": "zh", "ż": "zh", "ŝ": "shch"}
    | {"Š": "Sh", "Č": "Ch", "Ž": "Zh", "Ż": "Zh", "Ŝ": "Shch"}
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase ASCII letters only: 'Günter' → 'gunter', "L'viv" → 'lviv',
    'Bilhorod-Dnistrovskyi' → 'bilhoroddnistrovskyi'."""
    # German umlauts written as ae/oe/ue are a separate spelling: 'Bärbock' folds to 'barbock'.
    return fold_bare(unicodedata.normalize("NFKC", text).translate(_HACEK))


@lru_cache(maxsize=65536)
def fold_bare(text: str) -> str:
    """`fold` with every diacritic simply dropped ('Viačorka' → 'viacorka'): how a listed
    spelling with a háček is written by someone who leaves the háček out."""
    return unidecode(unicodedata.normalize("NFKC", text)).lower().translate(_DROP)


def has_cyrillic(text: str) -> bool:
    """Whether any letter of `text` is Cyrillic."""
    return any("\u0400" <= c <= "\u04ff" for c in text)


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
