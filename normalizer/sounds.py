"""Whether the difference between two spellings is one that romanisation explains.

A fuzzy score says how many letters two spellings share, not whether they can be the same name:
'Hryzenko' and 'Heraschtschenko', 'Humenko' and 'Humenjuk', 'Kirsanow' and 'Krasnow' score high.
The *sound key* evens out what romanisation systems and machine translation write differently
(sch / sh / š, w / v, j / y / i, kh / ch / h, a doubled letter, an iotated vowel, a й after a
vowel), so that two spellings of one Cyrillic name have the same key. Two keys that still differ
name two different people or places, unless the difference is one that the reading of the name in
another language regularly makes (Russian *Gorlovka* for Ukrainian *Horlivka*), listed by source
language in `data/sounds.yaml`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from normalizer.phonetic import skeleton
from normalizer.textfold import fold

_VOWELS = frozenset("aeiou")
# я after a consonant (ia, ja, ya, and iia, ija for ія) is marked by every system, so it keeps a
# letter of its own in the key: Lysiak (Лисяк) is not Lysak (Лисак), Maria is Mariia.
_IOTATED_A = re.compile(r"(?<=[^\Waeiou])i+a")
IOTATED_A = "ä"
_KEY_VOWELS = _VOWELS | {IOTATED_A}
# letters whose diacritic makes another sound: written out before folding drops the diacritic
_DIGRAPHS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


class Reading(NamedTuple):
    """A difference the reading in another language makes: `word` in the text, `entry` in the
    entry's spelling, allowed `at` a kind of position of the entry's key."""

    word: str
    entry: str
    at: str
    kind: str = ""  # '' for any kind of entry


class Rules(NamedTuple):
    rewrites: tuple[tuple[re.Pattern[str], str], ...]
    key_rewrites: tuple[tuple[re.Pattern[str], str], ...]
    same: frozenset[frozenset[str]]
    readings: dict[str, tuple[Reading, ...]]
    max_readings: int


@lru_cache(maxsize=1)
def rules() -> Rules:
    import yaml  # imported here: a run from the cache parses no YAML

    raw = yaml.safe_load((Path(__file__).parent / "data" / "sounds.yaml").read_text(encoding="utf-8"))
    readings = {
        str(lang): tuple(Reading(str(r["word"]), str(r["entry"]), str(r["at"]), str(r.get("kind", ""))) for r in items)
        for lang, items in raw["readings"].items()
    }
    return Rules(
        rewrites=_patterns(raw["rewrites"]),
        key_rewrites=_patterns(raw["key_rewrites"]),
        same=frozenset(frozenset(str(c) for c in pair) for pair in raw["same"]),
        readings=readings,
        max_readings=int(raw["max_readings"]),
    )


def _patterns(raw: list[list[str]]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(str(a)), str(b)) for a, b in raw)


@lru_cache(maxsize=65536)
def sound_key(text: str) -> str:
    """The spelling of `text` with romanisation differences evened out: 'Jermak', 'Yermak' and
    'Ermak' give 'ermak'; 'Wittkoff' and 'Witkoff' 'vitkof'; 'Humenko' 'gumenko' but 'Humenjuk'
    'gumenuk'."""
    table = rules()
    word = fold(text.translate(_DIGRAPHS))
    for pattern, new in table.rewrites:
        word = pattern.sub(new, word)
    word = skeleton(word)
    for pattern, new in table.key_rewrites:
        word = pattern.sub(new, word)
    word = _IOTATED_A.sub(IOTATED_A, word)
    out: list[str] = []
    for i, char in enumerate(word):
        if char == "i":
            nxt = word[i + 1] if i + 1 < len(word) else ""
            prev = out[-1] if out else ""
            if nxt in _VOWELS and nxt != "i" and (out or nxt == "e"):
                continue  # an iotated vowel: ia, ie, io, iu (я, е/є, ё, ю); at the start only е/є
                # (Jermak / Ermak), since я, ю are not а, у there (Yalta is not Altai)
            if prev in _KEY_VOWELS and prev != "i" and nxt not in _KEY_VOWELS:
                continue  # й after a vowel: Ismail / Ismajil, Kolomoisky / Kolomojskyj
        if not out or out[-1] != char:
            out.append(char)
    return "".join(out)


def block_key(text: str) -> str:
    """The sound key with the letters that `same` lists as one sound written alike: spellings
    whose keys agree share it, so that fuzzy matching finds them in one block."""
    key = sound_key(text)
    for pair in rules().same:
        first, *others = sorted(pair)
        for other in others:
            key = key.replace(other, first)
    return key


def difference(word: str, spelling: str, source_lang: str = "", kind: str = "") -> str:
    """Why `word` cannot be a spelling of the name spelled `spelling` ('' if it can): their sound
    keys must agree, letter for letter, but for the readings of `source_lang` that apply to an
    entry of this `kind` (data/sounds.yaml)."""
    ours, theirs = sound_key(word), sound_key(spelling)
    if ours == theirs:
        return ""
    if len(ours) == len(theirs):
        table = rules()
        allowed = [r for r in table.readings.get(source_lang, ()) if r.kind in ("", kind)]
        readings = 0
        for i, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            if a == b or frozenset((a, b)) in table.same:
                continue
            if not any(r.word == a and r.entry == b and _at(theirs, i, r.at) for r in allowed):
                break
            readings += 1
        else:
            if readings <= table.max_readings:
                return ""
    return f"not a spelling of '{spelling}': the sounds differ ({_first_difference(ours, theirs)})"


def _at(key: str, i: int, where: str) -> bool:
    after = key[i + 1 : i + 2]
    if where == "any":
        return True
    if where == "end":
        return i == len(key) - 1
    if where == "before_consonant":
        return bool(after) and after not in _KEY_VOWELS
    if where == "closed":
        rest = key[i + 2 : i + 3]
        return bool(after) and after not in _KEY_VOWELS and (not rest or rest not in _KEY_VOWELS)
    raise ValueError(f"unknown position '{where}' in data/sounds.yaml")


def _first_difference(ours: str, theirs: str) -> str:
    """'r s' / 'i č': the first stretch where the keys part, with the keys for context."""
    start = 0
    while start < min(len(ours), len(theirs)) and ours[start] == theirs[start]:
        start += 1
    end = 0
    while end < min(len(ours), len(theirs)) - start and ours[-1 - end] == theirs[-1 - end]:
        end += 1
    a, b = ours[start : len(ours) - end] or "-", theirs[start : len(theirs) - end] or "-"
    return f"{a}/{b} in {ours}/{theirs}"
