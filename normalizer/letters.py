"""Letter models: how likely a spelling is a word of a language, from the letter n-grams of the
most frequent words of its wordfreq list (the Cyrillic letters of the source languages, the Latin
letters of a prose language). `native` reads romanised names with them.

wordfreq has no Belarusian list: the Belarusian model is a stand-in, the Ukrainian words respelled
with Belarusian letters (`data/stand_in_letters.yaml`).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

LANGUAGES = ("uk", "ru", "be")  # the source languages whose names are guessed
WORD_LISTS = ("uk", "ru")  # those of them that wordfreq has a word list for
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})
CYRILLIC = re.compile(r"^[а-яёіїєґў']+$")
_LATIN = re.compile(r"^[a-zß-öø-ÿ]+$")  # the lowercase letters of German and English words

ORDER = 4  # letters of an n-gram of the letter model
_MEMO = 200_000  # log-probabilities of pieces remembered per letter model


class LetterModel:
    """Letter n-grams of the words of one language (Witten-Bell interpolation down to a uniform
    distribution over the letters seen): how likely a spelling is a word of it."""

    def __init__(self, counts: Mapping[str, int]):
        self.counts = counts
        self.letters = 1 + sum(1 for g in counts if len(g) == 1)
        totals: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        for gram, n in counts.items():
            if len(gram) > 1:
                totals[gram[:-1]] += n
                kinds[gram[:-1]] += 1
        self.totals = totals
        self.kinds = kinds
        self.unigrams = sum(n for g, n in counts.items() if len(g) == 1)
        self._memo: dict[tuple[str, str], float] = {}  # (history, piece) → log-probability

    def probability(self, history: str, letter: str) -> float:
        p = (self.counts.get(letter, 0) + 1) / (self.unigrams + self.letters)
        for size in range(1, ORDER):
            h = history[-size:]
            total = self.totals.get(h, 0)
            if not total:
                break
            kinds = self.kinds[h]
            p = (self.counts.get(h + letter, 0) + kinds * p) / (total + kinds)
        return p

    def extend(self, before: str, piece: str) -> float:
        """The log-probability of `piece` after the letters `before` (a word's start is padded)."""
        history = (_START + before)[-(ORDER - 1) :]
        key = (history, piece)
        found = self._memo.get(key)
        if found is None:
            found = 0.0
            for letter in piece:
                found += math.log(self.probability(history, letter))
                history = (history + letter)[1:]
            if len(self._memo) >= _MEMO:
                self._memo.clear()
            self._memo[key] = found
        return found

    def end(self, word: str) -> float:
        return math.log(self.probability((_START + word)[-(ORDER - 1) :], "$"))


_START = "^" * (ORDER - 1)
_MODEL_WORDS = 200_000  # the most frequent words of the language that the letter model is made from


@lru_cache(maxsize=4)
def letter_model(lang: str) -> LetterModel:
    """The letter model of `lang` (the Cyrillic letters of uk and ru, the Latin ones of a prose
    language), kept in the cache folder as data (JSON), authenticated."""
    from normalizer.cachedir import load_authenticated, store_authenticated, usable_cache_dir, wordfreq_version

    folder = usable_cache_dir()
    stand_in = stand_ins().get(lang)
    made = f"{stand_in.source}-{stand_in.digest}" if stand_in else "wordfreq"
    name = f"letters-{lang}-{ORDER}-{made}-{wordfreq_version()}-{_MODEL_WORDS}.json"
    path = folder / name if folder else None
    found = load_authenticated(path) if path else None
    if found is not None:
        try:
            return LetterModel(json.loads(found))
        except ValueError:
            pass
    counts = _count_letters(lang)
    if path is not None:
        store_authenticated(path, json.dumps(counts, ensure_ascii=False).encode())
    return LetterModel(counts)


def _count_letters(lang: str) -> dict[str, int]:
    import wordfreq

    counts: Counter[str] = Counter()
    taken = 0
    letters = CYRILLIC if lang in LANGUAGES else _LATIN
    stand_in = stand_ins().get(lang)
    for listed in wordfreq.iter_wordlist(stand_in.source if stand_in else lang):
        word = listed.translate(APOSTROPHES)
        if len(word) < 2 or not letters.match(word):
            continue
        if stand_in:
            word = stand_in.respell(word)
        padded = _START + word + "$"
        for i in range(ORDER - 1, len(padded)):
            for size in range(1, ORDER + 1):
                counts[padded[i - size + 1 : i + 1]] += 1
        taken += 1
        if taken >= _MODEL_WORDS:
            break
    return dict(counts)


_VOWELS = frozenset("аеёєиіїоуыэюяў")
_FRONT = frozenset("еєіїяюь")


@dataclass(frozen=True, slots=True)
class StandIn:
    """How the words of a related language's list are respelled for a language without one."""

    source: str
    endings: Mapping[str, str]  # rewritten first at the end of a word: the first that applies, kept longest first
    sequences: Mapping[str, str]  # then these, left to right
    replace: Mapping[str, str]
    initial: Mapping[str, str]
    after_vowel: Mapping[str, str]
    before_front: Mapping[str, str]  # before a front vowel or the soft sign
    closed: Mapping[str, str]  # after a vowel and not before one
    digest: str  # of the rules, for the name of the cached model

    def respell(self, word: str) -> str:
        ending = next((e for e in self.endings if word.endswith(e)), "")
        if ending:
            word = word[: -len(ending)] + self.endings[ending]
        for sequence, written in self.sequences.items():
            word = word.replace(sequence, written)
        return "".join(self._letters(word))

    def _letters(self, word: str) -> Iterator[str]:
        for i, letter in enumerate(word):
            before = word[i - 1] if i else ""
            after = word[i + 1 : i + 2]
            if not before and letter in self.initial:
                yield self.initial[letter]
            elif before in _VOWELS and letter in self.after_vowel:
                yield self.after_vowel[letter]
            elif after in _FRONT and letter in self.before_front:
                yield self.before_front[letter]
            elif before in _VOWELS and after not in _VOWELS and letter in self.closed:
                yield self.closed[letter]
            else:
                yield self.replace.get(letter, letter)


@lru_cache(maxsize=1)
def stand_ins() -> dict[str, StandIn]:
    """The stand-in letter models by language (data/stand_in_letters.yaml)."""
    text = (Path(__file__).parent / "data" / "stand_in_letters.yaml").read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    found: dict[str, StandIn] = {}
    for lang, rules in yaml.safe_load(text).items():
        endings, sequences, replace, initial, after_vowel, before_front, closed = (
            {str(k): str(v) for k, v in (rules.get(part) or {}).items()} for part in _PARTS
        )
        endings = dict(sorted(endings.items(), key=lambda kv: -len(kv[0])))
        found[str(lang)] = StandIn(
            str(rules["from"]), endings, sequences, replace, initial, after_vowel, before_front, closed, digest
        )
    return found


_PARTS = ("endings", "sequences", "replace", "initial", "after_vowel", "before_front", "closed")
