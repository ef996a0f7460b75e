"""What the engine knows about words that are not in a convention.

- How common a word is in the prose language: wordfreq's Zipf frequency (0 for unseen words, 7
  for the most frequent), with the shipped exceptions in `data/common_words.yaml`. wordfreq
  also counts names seen in the news, so a high frequency only raises the bar for a fuzzy match.
- Given names and their equivalents across transliterations (`data/given_names.yaml`).
- Endings that inflection and machine translation put on names (`data/inflection.yaml`), and
  how the names of each source language end (`data/endings.yaml`).
"""

from __future__ import annotations

import contextlib
import math
import unicodedata
from array import array
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from normalizer.textfold import fold, has_cyrillic
from normalizer.tuning import MIN_ZIPF

DATA_DIR = Path(__file__).parent / "data"
COMMON = 7.0  # the Zipf value reported for words listed as common
_SEEN_SIZE = 200_000  # words whose frequency a run remembers as asked
COMMON_WORD = 3.0  # Zipf frequency from which a generated given-name spelling is taken for a word of the prose language


def _yaml(name: str) -> dict[str, object]:
    import yaml  # imported here: a run from the cache parses no YAML

    path = DATA_DIR / name
    if not path.exists():
        return {}
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return raw if isinstance(raw, dict) else {}


def _strings(raw: object) -> list[str]:
    return [str(x) for x in raw] if isinstance(raw, list) else []


def _not_after(leaked: object) -> dict[str, tuple[str, ...]]:
    raw = leaked.get("not_after") if isinstance(leaked, dict) else None
    return {str(ending): tuple(_strings(ends)) for ending, ends in raw.items()} if isinstance(raw, dict) else {}


def _by_lang(raw: object, lang: str) -> list[str]:
    return _strings(raw.get(lang)) if isinstance(raw, dict) else []


class Inflection(NamedTuple):
    """Endings around names for one prose language (see data/inflection.yaml)."""

    kept: tuple[str, ...]
    fuzzy_kept: tuple[str, ...]
    leaked_after_a: tuple[str, ...]
    leaked_after_other: tuple[str, ...]
    leaked_not_after: dict[str, tuple[str, ...]]  # ending -> ends of the name it may not follow
    leaked_after_o: tuple[str, ...]
    leaked_adjectival: tuple[str, ...]
    adjectival_name_ends: tuple[str, ...]
    full_feminine: tuple[str, ...]  # the Russian full form of a feminine adjective (-aja for -a)
    not_masculine: tuple[str, ...]
    feminine_surnames: tuple[str, ...]
    feminine_leaked: tuple[str, ...]
    not_after_place: tuple[str, ...]
    place_derivations: tuple[str, ...]


@lru_cache(maxsize=8)
def inflection(lang: str) -> Inflection:
    raw = _yaml("inflection.yaml")
    leaked = raw.get("leaked", {})
    return Inflection(
        kept=tuple(_by_lang(raw.get("kept"), lang)),
        fuzzy_kept=tuple(_by_lang(raw.get("fuzzy_kept"), lang)),
        leaked_after_a=tuple(_by_lang(leaked, "after_a")),
        leaked_after_other=tuple(_by_lang(leaked, "after_other")),
        leaked_not_after=_not_after(leaked),
        leaked_after_o=tuple(_by_lang(leaked, "after_o")),
        leaked_adjectival=tuple(_by_lang(leaked, "adjectival")),
        adjectival_name_ends=tuple(_by_lang(leaked, "name_ends")),
        full_feminine=tuple(_by_lang(leaked, "full_feminine")),
        not_masculine=tuple(_strings(raw.get("not_masculine"))),
        feminine_surnames=tuple(_strings(raw.get("feminine_surnames"))),
        feminine_leaked=tuple(_strings(raw.get("feminine_leaked"))),
        not_after_place=tuple(_strings(raw.get("not_after_place"))),
        place_derivations=tuple(_strings(raw.get("place_derivations"))),
    )


class Endings(NamedTuple):
    """How the names of one source language end (see data/endings.yaml)."""

    after_a: tuple[str, ...]  # what the leaked endings of `after_a` replace
    after_o: tuple[str, ...]
    full_feminine: tuple[str, ...]
    stem_replaced: int  # letters kept before a leaked ending that replaces the name's end
    stem_appended: int  # ... before one appended to it
    stem_adjectival: int  # ... before one that replaces an adjectival end
    soft_endings: frozenset[str]  # what a shortened adjectival surname may lack
    feminine: str  # the end of a woman's surname


DEFAULT_SOURCE = "default"  # the section of data/endings.yaml for an entry without a known source_lang


@lru_cache(maxsize=1)
def endings() -> dict[str, Endings]:
    """The ending structure of each source language, and of `DEFAULT_SOURCE`."""
    out: dict[str, Endings] = {}
    for lang, raw in _yaml("endings.yaml").items():
        if isinstance(raw, dict):
            out[lang] = Endings(
                after_a=tuple(_strings(raw.get("after_a"))),
                after_o=tuple(_strings(raw.get("after_o"))),
                full_feminine=tuple(_strings(raw.get("full_feminine"))),
                stem_replaced=int(raw.get("stem_replaced", 0)),
                stem_appended=int(raw.get("stem_appended", 0)),
                stem_adjectival=int(raw.get("stem_adjectival", 0)),
                soft_endings=frozenset(_strings(raw.get("soft_endings"))),
                feminine=str(raw.get("feminine", "")),
            )
    return out


class Frequencies:
    """Zipf frequency of words in one prose language, with the shipped exceptions."""

    def __init__(self, lang: str):
        self.lang = lang
        raw = _yaml("common_words.yaml")
        self.common = frozenset(fold(w) for w in _by_lang(raw.get("common"), lang))
        self._cache: dict[str, float] = {}
        self._seen: dict[str, float] = {}  # the word as asked → its frequency (words repeat)

    def load(self) -> None:
        """Read the frequency table now, in full, rather than at the first word looked up."""
        _zipf_table(self.lang).as_dict()

    def zipf(self, word: str) -> float:
        found = self._seen.get(word)
        if found is None:
            if len(self._seen) >= _SEEN_SIZE:
                self._seen.clear()
            found = self._seen[word] = self._zipf(word)
        return found

    def _zipf(self, word: str) -> float:
        key = fold(word)
        if key in self.common:
            return COMMON
        lower = unicodedata.normalize("NFC", word).casefold()  # as wordfreq keys its table: 'ß' → 'ss'
        if lower not in self._cache:
            self._cache[lower] = _wordfreq_zipf(lower, self.lang)
        return self._cache[lower]

    def __getstate__(self) -> dict[str, object]:
        return {"lang": self.lang, "common": self.common, "_cache": {}, "_seen": {}}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)


def _wordfreq_zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency, from a table of the words at or above MIN_ZIPF (every decision
    the engine makes on frequency lies above it; rarer words count as 0). The table is made from
    wordfreq once and kept in the user cache folder, since loading wordfreq's own lists takes
    longer than a whole run on a short text."""
    return _zipf_table(lang).get(word)


class ZipfTable:
    """Word → Zipf frequency. Read from the cache file, it answers its first `SEARCHES` words
    by finding them in the file's bytes, and builds the dict at the next: a run on a line asks
    a few words, and building the dict of 50,000 to 130,000 words takes as long as 50 to 140
    searches (measured on the de, en, ru and uk tables), longer than the rest of that run."""

    SEARCHES = 32

    def __init__(self, words: bytes, values: array[float]):
        self._words = b"\n" + words + b"\n"  # the words one a line, each between two line breaks
        self._values = values
        self._dict: dict[str, float] | None = None
        self._searched = 0

    @classmethod
    def of(cls, table: dict[str, float]) -> ZipfTable:
        made = cls(b"", array("d"))
        made._dict = table
        return made

    @classmethod
    def unpack(cls, data: bytes) -> ZipfTable | None:
        """The table `pack` wrote into `data`; None when `data` is not such a table."""
        count = int.from_bytes(data[:8], "little")
        values = array("d")
        words = data[8 + 8 * count :]
        with contextlib.suppress(ValueError):
            values.frombytes(data[8 : 8 + 8 * count])
        if len(data) < 8 or len(values) != count or (words.count(b"\n") + 1 if count else len(words)) != count:
            return None
        return cls(words, values)

    @staticmethod
    def pack(table: dict[str, float]) -> bytes:
        """The number of words (8 bytes, little-endian), their frequencies (doubles), then the
        words (UTF-8, one a line; none may hold a line break)."""
        return len(table).to_bytes(8, "little") + array("d", table.values()).tobytes() + "\n".join(table).encode()

    def __len__(self) -> int:
        return len(self._dict if self._dict is not None else self._values)

    def get(self, word: str) -> float:
        if self._dict is not None or self._searched >= self.SEARCHES:
            return self.as_dict().get(word, 0.0)
        self._searched += 1
        if "\n" in word or not self._values:
            return 0.0
        at = self._words.find(b"\n" + word.encode("utf-8", "surrogatepass") + b"\n")
        return 0.0 if at < 0 else self._values[self._words.count(b"\n", 0, at)]

    def as_dict(self) -> dict[str, float]:
        if self._dict is None:
            words = self._words[1:-1].decode().split("\n") if self._values else []
            self._dict = dict(zip(words, self._values, strict=True))
            self._words, self._values = b"", array("d")
        return self._dict


@lru_cache(maxsize=4)
def _zipf_table(lang: str) -> ZipfTable:
    """Word → Zipf frequency (two decimals). Kept on disk as data only, never a pickle
    (`ZipfTable.pack`), authenticated like every cache file (see `cache.py`). It loads several
    times faster than a pickled dict."""
    from normalizer.cachedir import load_authenticated, store_authenticated, usable_cache_dir, wordfreq_version

    folder = usable_cache_dir()
    path = folder / f"zipf-{lang}-wordfreq-{wordfreq_version()}-{MIN_ZIPF}.bin" if folder else None
    found = load_authenticated(path) if path else None
    stored = ZipfTable.unpack(found) if found is not None else None
    if stored is not None:  # (else not what a run wrote: built again below)
        return stored
    try:
        import wordfreq  # imported only here: importing it takes longer than loading the table
    except ImportError:  # pragma: no cover - wordfreq is a declared dependency
        return ZipfTable.of({})
    try:
        frequencies = wordfreq.get_frequency_dict(lang)
    except (LookupError, ValueError):  # a language wordfreq does not know, or not a language tag
        return ZipfTable.of({})
    table = {
        w: round(math.log10(f) + 9, 2)
        for w, f in frequencies.items()
        if f > 0 and math.log10(f) + 9 >= MIN_ZIPF and "\n" not in w
    }
    # wordfreq keeps the lists it read for as long as the process runs (about 85 MB for German);
    # the table is all that is needed of them
    for read in (wordfreq.get_frequency_dict, wordfreq.get_frequency_list):
        getattr(read, "cache_clear", lambda: None)()
    if path is not None:
        store_authenticated(path, ZipfTable.pack(table))
    return ZipfTable.of(table)


class GivenNames(NamedTuple):
    """Given-name equivalence groups: folded spelling → group number."""

    group_of: dict[str, int]
    spellings: tuple[tuple[str, ...], ...]
    equivalence_groups: int = 0  # groups below this number list equivalent spellings

    def different(self, a: str, b: str) -> bool:
        """True when both are known and belong to two different equivalence groups."""
        ga, gb = self.group(a), self.group(b)
        limit = self.equivalence_groups
        return ga is not None and gb is not None and ga != gb and ga < limit and gb < limit

    def group(self, word: str) -> int | None:
        return self.group_of.get(fold(word))

    def equivalents(self, word: str) -> tuple[str, ...]:
        group = self.group(word)
        return () if group is None else self.spellings[group]


@lru_cache(maxsize=1)
def given_names() -> GivenNames:
    raw = _yaml("given_names.yaml")
    group_of: dict[str, int] = {}
    spellings: list[tuple[str, ...]] = []
    groups = raw.get("groups", [])
    for group in groups if isinstance(groups, list) else []:
        if not isinstance(group, dict):
            continue
        words = tuple(_strings(group.get("latin")) + _strings(group.get("native")))
        for word in words:
            group_of.setdefault(fold(word), len(spellings))
        spellings.append(words)
    for number, words in enumerate(list(spellings)):  # after every listed spelling: those win
        romanised = tuple(_romanised(words))
        spellings[number] = (*words, *romanised)
        for word in romanised:
            group_of.setdefault(fold(word), number)
    equivalence_groups = len(spellings)
    for word in _strings(raw.get("other")):
        if fold(word) not in group_of:
            group_of[fold(word)] = len(spellings)
            spellings.append((word,))
    return GivenNames(group_of, tuple(spellings), equivalence_groups)


# the letters of each source language's alphabet (lowercase, with the apostrophe): a native given
# name is romanised with the tables of every language whose alphabet writes it
ALPHABETS = {
    "uk": frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'ʼ"),
    "ru": frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
    "be": frozenset("абвгдеёжзійклмнопрстуўфхцчшыьэюя'ʼ"),
}
# endings of adjectives (and names made of them) that a language never writes: Ukrainian writes the
# soft sign of -ський, -цький, -зький; Russian does not (-ский, -цкий, -зкий)
UNWRITTEN_ENDINGS = {"uk": ("ский", "цкий", "зкий"), "ru": ("ський", "цький", "зький")}


def _romanised(words: tuple[str, ...]) -> list[str]:
    """The spellings every table (German transcription of Belarusian included) gives the native
    forms among `words`, besides those listed: a given name is known however a newsroom romanised
    it. Spellings that are frequent words of a prose language are left out ('Roman' stays listed
    only where it is)."""
    from normalizer.translit import tables_for

    listed = {fold(w) for w in words}
    out: dict[str, None] = {}
    for native in (w for w in words if has_cyrillic(w)):
        letters = set(native.lower())
        for lang, alphabet in ALPHABETS.items():
            if letters <= alphabet:
                for table in tables_for(lang):
                    spelled = table.name(native)
                    if spelled and fold(spelled) not in listed and " " not in spelled:
                        out.setdefault(spelled[:1].upper() + spelled[1:], None)
    return [w for w in out if max(_wordfreq_zipf(w.lower(), lang) for lang in ("de", "en")) < COMMON_WORD]


class Context(NamedTuple):
    """Fixed phrases never to touch, the words after ', ' that mark a namesake elsewhere, the
    words before a place name that make it another place, and the words around a person's name
    that make it the name of something named after the person."""

    phrases: tuple[str, ...]
    elsewhere: frozenset[str]
    place_prefixes: frozenset[str]  # folded
    named_after: frozenset[str]  # folded
    place_slot: frozenset[str] = frozenset()  # lowercase
    place_named_after: frozenset[str] = frozenset()  # folded
    patronymic_endings: tuple[str, ...] = ()  # folded
    foreign_names_after_place: bool = False
    place_nouns: frozenset[str] = frozenset()  # lowercase
    company_nouns: tuple[str, ...] = ()  # lowercase
    compound_nouns: bool = False  # a word that ends in a company noun is one
    genitive_slot: frozenset[str] = frozenset()  # lowercase


@lru_cache(maxsize=8)
def context(lang: str) -> Context:
    raw = _yaml("context.yaml")
    return Context(
        tuple(_by_lang(raw.get("phrases"), lang)),
        frozenset(_strings(raw.get("elsewhere"))),
        frozenset(_strings(raw.get("place_prefixes"))),
        frozenset(_strings(raw.get("named_after"))),
        frozenset(w.lower() for w in _by_lang(raw.get("place_slot"), lang)),
        frozenset(_strings(raw.get("place_named_after"))),
        tuple(_strings(raw.get("patronymic_endings"))),
        lang in _strings(raw.get("foreign_names_after_place")),
        frozenset(w.lower() for w in _by_lang(raw.get("place_nouns"), lang)),
        tuple(w.lower() for w in _by_lang(raw.get("company_nouns"), lang)),
        lang in _strings(raw.get("compound_nouns")),
        frozenset(w.lower() for w in _by_lang(raw.get("genitive_slot"), lang)),
    )
