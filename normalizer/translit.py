"""Romanise native (Cyrillic) spellings through the transliteration systems in
`normalizer/data/translit/*.yaml`.

A table maps lowercase Cyrillic to Latin with four kinds of context: word `endings`,
multi-letter `sequences`, word-`initial` letters and letters `after_vowel`. The tables are data;
this module only applies them (see docs/conventions.md for the format).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

TABLE_DIR = Path(__file__).parent / "data" / "translit"
_VOWELS = set("аеёєиіїоуыэюяaeiouyäöü")  # Cyrillic, and Latin for the Russian spelling of Latin names
_SOFTENERS = set("ьъ'’ʼ")
DONE_SIZE = 10_000  # the words a table remembers the romanisation of


@dataclass(frozen=True)
class Table:
    """One transliteration system for one source language."""

    system: str
    source_lang: str
    letters: dict[str, str]
    initial: dict[str, str]
    after_vowel: dict[str, str]
    sequences: tuple[tuple[str, str], ...]
    endings: tuple[tuple[str, str], ...]
    # read only when guessing the native spelling of an unlisted name (`native`) and by the house
    # system, not by `variants` (the matcher's spellings, and so `fix`)
    native_only: bool = False

    def word(self, word: str) -> str:
        """Romanise one word (no spaces); hyphenated parts each start a new word."""
        found = self._done.get(word)
        if found is None:  # given names repeat across a convention
            if len(self._done) >= DONE_SIZE:  # surnames hardly do: a large convention's would fill it
                self._done.clear()
            found = self._done[word] = "-".join(self._part(part) for part in word.split("-"))
        return found

    @cached_property
    def _done(self) -> dict[str, str]:
        return {}

    def _part(self, part: str) -> str:
        text = part.lower()
        out: list[str] = []
        i = 0
        while i < len(text):
            piece = self._at(text, i)
            if piece is None:
                out.append(text[i])
                i += 1
            else:
                latin, used = piece
                out.append(latin)
                i += used
        latin_word = "".join(out)
        # each part keeps the case of its first letter: 'Rostov-na-Donu', not 'Rostov-Na-Donu'
        first = latin_word[:1].upper() if part[:1].isupper() else latin_word[:1]
        return first + latin_word[1:]

    def _at(self, text: str, i: int) -> tuple[str, int] | None:
        if i >= len(text) - self._longest_ending:
            rest = text[i:]
            if rest in self._ending_map:
                return self._ending_map[rest], len(rest)
        char = text[i]
        if i == 0:
            for start, latin in self.initial.items():  # longest first, before the sequences
                if len(start) > 1 and text.startswith(start):
                    return latin, len(start)
        for cyr, latin in self._sequences_by_first.get(char, ()):
            if text.startswith(cyr, i):
                return latin, len(cyr)
        if i == 0 and char in self.initial:
            return self.initial[char], 1
        if i > 0 and (text[i - 1] in _VOWELS or text[i - 1] in _SOFTENERS) and char in self.after_vowel:
            return self.after_vowel[char], 1
        if char in self.letters:
            return self.letters[char], 1
        return None

    @cached_property
    def _ending_map(self) -> dict[str, str]:
        return dict(self.endings)

    @cached_property
    def _longest_ending(self) -> int:
        return max((len(cyr) for cyr, _ in self.endings), default=0)

    @cached_property
    def _sequences_by_first(self) -> dict[str, tuple[tuple[str, str], ...]]:
        grouped: dict[str, list[tuple[str, str]]] = {}
        for cyr, latin in self.sequences:  # longest first, as sorted on loading
            grouped.setdefault(cyr[:1], []).append((cyr, latin))
        return {first: tuple(pairs) for first, pairs in grouped.items()}

    def name(self, native: str) -> str:
        """Romanise a whole name, word by word."""
        return " ".join(self.word(w) for w in native.split())


def _pairs(raw: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, dict):
        return ()
    pairs = [(str(k).lower(), "" if v is None else str(v)) for k, v in raw.items()]
    return tuple(sorted(pairs, key=lambda kv: -len(kv[0])))


def _load(path: Path) -> Table:
    import yaml  # imported here: a run from the cache parses no YAML

    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: a transliteration table must be a mapping")
    return _table(raw, path)


def _table(raw: dict[str, object], path: Path) -> Table:
    return Table(
        system=str(raw.get("system", path.stem)),
        source_lang=str(raw["source_lang"]),
        letters=dict(_pairs(raw.get("letters"))),
        initial=dict(_pairs(raw.get("initial"))),
        after_vowel=dict(_pairs(raw.get("after_vowel"))),
        sequences=_pairs(raw.get("sequences")),
        endings=_pairs(raw.get("endings")),
        native_only=bool(raw.get("native_only", False)),
    )


def source_languages() -> tuple[str, ...]:
    """The languages of native names that the shipped tables romanise, from their file names
    (`uk-national-2010.yaml`: uk) so that nothing is loaded; each table's `source_lang` is the
    prefix of its file name (tests/test_translit.py checks it)."""
    return tuple(sorted({path.name.split("-", 1)[0] for path in TABLE_DIR.glob("*.yaml")}))


@lru_cache(maxsize=1)
def tables() -> tuple[Table, ...]:
    """All shipped tables, sorted by system name."""
    return tuple(_load(p) for p in sorted(TABLE_DIR.glob("*.yaml")))


def tables_for(source_lang: str) -> tuple[Table, ...]:
    """The tables that romanise `source_lang`."""
    return tuple(t for t in tables() if t.source_lang == source_lang)


EITHER = 4  # letters of a word read both ways at most (16 readings)


@dataclass(frozen=True, slots=True)
class Reading:
    """Regular Ukrainian or Belarusian → Russian letter correspondences (data/russian_reading.yaml),
    and Russian → Ukrainian ones (data/ukrainian_reading.yaml)."""

    name: str
    replace: tuple[tuple[str, str], ...]
    endings: tuple[tuple[str, str], ...]
    closed: tuple[tuple[str, str], ...] = ()  # letters read otherwise in a closed syllable
    # another letter written there as often (ё: Вишнівка → Вишнёвка); read only by `native.forms`,
    # as the matcher's sound key has it already (data/sounds.yaml)
    closed_also: tuple[tuple[str, str], ...] = ()
    inner_endings: tuple[tuple[str, str], ...] = ()  # endings of a word that another word follows
    ending_required: bool = False  # a reading only of words with one of its `endings`
    # read only by `native.forms` (reading romanised unlisted names back), not by the matcher
    native_only: bool = False
    # letters that Russian may write otherwise, each one or not (Belarusian akanye: а for an
    # unstressed о, Барадулін → Бородулин; the stress is not written): every combination
    either: tuple[tuple[str, str], ...] = ()

    def applies(self, native: str) -> bool:
        """Whether the reading reads `native` (one word or a name) at all."""
        return not self.ending_required or any(
            part.lower().endswith(ukr)
            for part in native.replace("-", " ").split()
            for ukr, _ in (*self.endings, *self.inner_endings)
        )

    def word(self, word: str, inner: bool = False, also: bool = False) -> str:
        """The Russian reading of one word (`inner`: another word follows; `also`: with the
        letters of `closed_also` in a closed syllable)."""
        lower = word.lower()
        for ukr, rus in (*self.inner_endings, *self.endings) if inner else self.endings:
            if lower.endswith(ukr):
                lower = lower[: -len(ukr)] + rus
                break
        out: list[str] = []
        in_closed = dict(self.closed_also if also else self.closed)
        i = 0
        while i < len(lower):
            closed = in_closed.get(lower[i]) if _closed(lower, i) else None
            if closed is not None:
                out.append(closed)
                i += 1
                continue
            for ukr, rus in self.replace:
                if lower.startswith(ukr, i):
                    out.append(rus)
                    i += len(ukr)
                    break
            else:
                out.append(lower[i])
                i += 1
        return "".join(out)

    def words(self, word: str, inner: bool = False, also: bool = False) -> tuple[str, ...]:
        """The reading of `word` with each combination of the `either` letters (the first
        EITHER of them in the word)."""
        read = self.word(word, inner, also)
        either = dict(self.either)
        places = [i for i, letter in enumerate(read) if letter in either][:EITHER]
        found = []
        for mask in range(1 << len(places)):
            letters = list(read)
            for bit, i in enumerate(places):
                if mask >> bit & 1:
                    letters[i] = either[letters[i]]
            found.append("".join(letters))
        return tuple(found)

    def name_of(self, native: str) -> str:
        words = native.split()
        return " ".join(
            "-".join(_cased(self.word(part, inner=n < len(words) - 1), part) for part in w.split("-"))
            for n, w in enumerate(words)
        )


def _closed(word: str, i: int) -> bool:
    """Whether the vowel at `i` stands in a closed syllable: a consonant follows (not й), then a
    consonant (a soft sign counts as one; р and л begin the next syllable with it: Дні-про) or
    the end of the word."""
    after = word[i + 1 : i + 2]
    rest = word[i + 2 : i + 3]
    if not after or after in _VOWELS or after in _SOFTENERS or after == "й":
        return False
    return not rest or (rest not in _VOWELS and rest not in "рл")


def _cased(word: str, like: str) -> str:
    """`word` (lowercase) with the first letter upper case where `like` has it so."""
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


@lru_cache(maxsize=4)
def readings(source_lang: str = "uk") -> tuple[tuple[Reading, ...], tuple[Table, ...]]:
    """The Russian readings of Ukrainian (or Belarusian) names, and the tables that romanise them."""
    import yaml

    raw = yaml.safe_load((TABLE_DIR.parent / "russian_reading.yaml").read_text(encoding="utf-8"))
    key = {"uk": "readings", "be": "be_readings"}.get(source_lang)
    found = tuple(
        Reading(
            str(r["name"]),
            _pairs(r.get("replace")),
            _pairs(r.get("endings")),
            _pairs(r.get("closed")),
            _pairs(r.get("closed_also")),
            _pairs(r.get("endings_before_another_word")),
            bool(r.get("ending_required", False)),
            bool(r.get("native_only", False)),
            _pairs(r.get("either")),
        )
        for r in raw.get(key, []) or []
    )
    wanted = set(raw.get("tables", []))
    return found, tuple(t for t in tables_for("ru") if t.system in wanted)


@lru_cache(maxsize=1)
def ukrainian_readings() -> tuple[Reading, ...]:
    """The Ukrainian readings of Russian names (data/ukrainian_reading.yaml), romanised with the
    Ukrainian tables."""
    import yaml

    raw = yaml.safe_load((TABLE_DIR.parent / "ukrainian_reading.yaml").read_text(encoding="utf-8"))
    return tuple(Reading(str(r["name"]), _pairs(r.get("replace")), ()) for r in raw.get("readings", []) or [])


@lru_cache(maxsize=1)
def russian_spelling() -> tuple[Table, tuple[Table, ...]]:
    """How Russian writes Latin-alphabet names, and the tables that romanise the result back."""
    import yaml

    path = TABLE_DIR.parent / "russian_spelling.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    wanted = set(raw.get("tables", []))
    return _table(raw["spelling"], path), tuple(t for t in tables_for("ru") if t.system in wanted)


def via_russian(name: str) -> dict[str, tuple[str, ...]]:
    """The romanisations of the Russian spelling of a Latin-alphabet `name` ('Merz' → 'Мерц' →
    'Merts', 'Merc'), with the systems that produce them; `name` itself left out."""
    spelling, russian_tables = russian_spelling()
    cyrillic = spelling.name(name)
    found: dict[str, list[str]] = {}
    for table in russian_tables:
        # each word keeps the case of its first letter ('von der Leyen' → 'fon der Lyayen')
        latin = " ".join(
            w if source[:1].isupper() else w[:1].lower() + w[1:]
            for source, w in zip(name.split(), table.name(cyrillic).split(), strict=True)
        )
        if latin != name:
            found.setdefault(latin, []).append(f"{spelling.system}+{table.system}")
    return {latin: tuple(systems) for latin, systems in found.items()}


def variants(native: str, source_lang: str) -> dict[str, tuple[str, ...]]:
    """Each distinct romanisation of `native` with the systems that produce it. Ukrainian and
    Belarusian names are also read the Russian way and romanised with the Russian tables."""
    found: dict[str, list[str]] = {}
    for table in tables_for(source_lang):
        if not table.native_only:
            found.setdefault(table.name(native), []).append(table.system)
    if source_lang in ("uk", "be"):
        russian_readings, russian_tables = readings(source_lang)
        for reading in russian_readings:
            if reading.native_only or not reading.applies(native):
                continue
            russian = reading.name_of(native)
            for table in russian_tables:
                found.setdefault(table.name(russian), []).append(f"{reading.name}+{table.system}")
    return {latin: tuple(systems) for latin, systems in found.items()}
