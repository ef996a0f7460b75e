"""Find the names in a text that the convention does not list: the unlisted names.

A word is taken for (part of) an unlisted name when it is written in the Latin alphabet,
capitalized but not ALL CAPS, not a frequent word of the prose language, not a given name, not
protected, likelier the romanisation of a Ukrainian or Russian word than a word of the prose
language (`native.transliterated`: 'Gleitbomben' is German, 'Tjotkino' is not), unless a given
name stands before it, and the matcher finds no entry for it, alone or with the words around it
(*Rada* of *Werchowna Rada*). Such words joined by a space or a hyphen are one name (a place of
two words: *Zelenyi Hai*; a short word after a name belongs to it even if it is a word of the
language: *Hai*), unless the last one is also written alone in the text: then the words before it
are a given name the tables do not know. A name followed by a rare capitalized word that looks
like the prose language is the given name of a person of another origin (*Hakeem Jeffries*) and
not taken, except in a language that capitalizes its nouns (`data/unlisted.yaml`). Nor is a word
before a given name and a surname (a title: *Agronomist Ivan Petrenko*), a word right after a number
or a word for a large number (a currency: *two million Hryven*), a spelling written in the text
only as the first part of a hyphenated compound (*Rada-Sitzung*), a country's name (*Belarus*), or,
in a language that writes compounds as one word, a known word made of two frequent ones
(*Generalstab*). A given name
right before a name makes it a person's surname; a preposition or a noun for places before it
makes it a place (`data/context.yaml`). A prose ending after a name (the German genitive *-s*) is
kept apart when the name is also written without it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import yaml

from normalizer.around import phrase_before
from normalizer.index import PARTICLES
from normalizer.lexicon import DATA_DIR
from normalizer.native import transliterated
from normalizer.resolve import Resolver
from normalizer.rewrite import line_starts
from normalizer.scan import Word
from normalizer.textfold import fold
from normalizer.tuning import MIN_ZIPF

COMMON = 3.0  # Zipf frequency from which a capitalized word is a word of the prose language, not a name
ROMANISED = -0.5  # nats per letter (native.transliterated) above which a rare capitalized word is taken for a name
COMPOUND_PART = 4  # letters of each part of a compound at least ("Stab", not "Kino" after "Tjot")
DERIVED_BASE = 6  # letters of the word a noun suffix is added to at least
COMPOUND_ZIPF = 3.5  # Zipf frequency of each part of a compound at least (the word lists hold names too)
SHORT_PART = 3  # letters of a capitalized word that is taken as part of the name before it
_SPACES = (" ", "\u00a0")
_HYPHENS = ("-", "\u2011")


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an unlisted name. `start`/`end` span the name as written without a kept
    ending; `line`/`column` are 1-based."""

    spelling: str
    start: int
    end: int
    line: int
    column: int
    path: str = "-"
    kept: str = ""  # a prose ending after the name, kept ('s' of a German genitive)
    given: str = ""  # the given name written right before it
    kind: str = ""  # 'person' (after a given name), 'place' (after a word for places) or ''


BATCH = 1 << 20  # characters: the words of a text are read in batches of whole lines about this long


def find(text: str, words: Iterable[Word], resolver: Resolver, language: str, path: str = "-") -> list[Mention]:
    """The mentions of unlisted names among the `words` of `text`, in order. The words are read
    in batches of whole lines (the words of a name are joined by a space or a hyphen), so that a
    long text's words are not all held at once."""
    reader = _Reader(resolver, language)
    mentions = [m for batch in _batches(text, words) for m in _in(text, batch, resolver, reader, path)]
    return _located(text, _kept_apart(mentions, resolver))


def _batches(text: str, words: Iterable[Word]) -> Iterator[list[Word]]:
    """The words in lists that each span about BATCH characters or more and end at a line break."""
    batch: list[Word] = []
    for word in words:
        if batch and word.start - batch[0].start >= BATCH and "\n" in text[batch[-1].end : word.start]:
            yield batch
            batch = []
        batch.append(word)
    yield batch


def _in(text: str, words: Sequence[Word], resolver: Resolver, reader: _Reader, path: str) -> list[Mention]:
    """The mentions among one batch of `words` (without their line and column)."""
    covered = _listed_spans(text, words, resolver)
    runs: list[list[int]] = []
    for i, word in enumerate(words):
        if i in covered:
            continue
        joined = bool(runs) and runs[-1][-1] == i - 1 and words[i - 1].joiner in (*_SPACES, *_HYPHENS)
        after_given = i > 0 and words[i - 1].joiner in _SPACES and reader.given(words[i - 1].text)
        if reader.name_word(word.text, after_given) or (joined and reader.short_part(word.text)):
            if joined:
                runs[-1].append(i)
            else:
                runs.append([i])
    alone = {fold(words[run[0]].text) for run in runs if len(run) == 1}
    in_compound = [reader.compound_part(words, run[-1], covered) for run in runs]
    compounded = {_spelled(words, r) for r, c in zip(runs, in_compound, strict=True) if c}
    compounded -= {_spelled(words, r) for r, c in zip(runs, in_compound, strict=True) if not c}
    mentions: list[Mention] = []
    for run in runs:
        if (
            reader.foreign_follows(words, run[-1] + 1, covered)
            or reader.title_before(words, run[-1] + 1)
            or reader.counted(text, words[run[0]].start)
            or _spelled(words, run) in compounded
            or _spelled(words, run) in _countries(reader.language)
        ):
            continue
        first = run[0]
        given = _given(text, words, first, resolver)
        if len(run) > 1 and fold(words[run[-1]].text) in alone and words[run[-2]].joiner in _SPACES:
            # 'Liudmyla Yaroshenko' ... 'Yaroshenko': a given name the table does not know
            given = text[words[first].start : words[run[-2]].end]
            first = run[-1]
        while first < run[-1] and reader.patronymic(words[first].text):
            first += 1
        start, end = words[first].start, words[run[-1]].end
        if len(run) == 1 and not reader.long_enough(text[start:end]):
            continue
        if reader.listed(text[start:end], run[-1] - first + 1):
            continue
        kind = "person" if given else reader.place(text, start)
        mentions.append(Mention(text[start:end], start, end, 0, 0, path, given=given, kind=kind))
    return mentions


def _listed_spans(text: str, words: Sequence[Word], resolver: Resolver) -> set[int]:
    """The words of names of several words that an entry matches ('Rostow am Don', 'Werchowna
    Rada'): none of them is an unlisted name of its own."""
    covered: set[int] = set()
    longest = resolver.index.max_words
    for i, word in enumerate(words):
        last = i
        while word.capitalized and last - i + 1 < longest and last + 1 < len(words) and words[last].joiner:
            last += 1
            nxt = words[last]
            if not (nxt.capitalized or nxt.text.lower() in PARTICLES):
                break
            if nxt.capitalized and resolver.matcher.match(text[word.start : nxt.end], last - i + 1).candidates:
                covered.update(range(i, last + 1))
    return covered


class _Reader:
    """The questions `find` asks of the convention's matcher and the language data."""

    def __init__(self, resolver: Resolver, language: str):
        self.resolver = resolver
        self.matcher = resolver.matcher
        self.language = language
        context = resolver.around.context
        self.places = context.place_slot | context.place_nouns  # words before a place name

    def name_word(self, word: str, after_given: bool) -> bool:
        """A capitalized word that may be (part of) a name: after a given name any rare word, else
        only one likelier a romanisation than a word of the prose language."""
        if not word[:1].isupper() or word.isupper() or word.lower() in PARTICLES or not _latin(word):
            return False
        if self.resolver.index.is_protected(fold(word)) or self.given(word):
            return False
        if self.resolver.frequencies.zipf(word) >= COMMON:
            return False
        if after_given:
            return True
        if self.compound(word) or self.derived(word):
            return False
        return transliterated(word, self.language) > ROMANISED

    def compound(self, word: str) -> bool:
        """Whether a word that the prose language's word list knows is two of its frequent words
        written as one, in a language that writes its compounds so (`data/unlisted.yaml`): a noun
        ('Generalstab'), not a name. Each part has COMPOUND_PART letters or more and a Zipf frequency
        of COMPOUND_ZIPF or more, the first one with a linking ending ('Bezirks|rat') or not."""
        links = _compound_links(self.language)
        zipf = self.resolver.frequencies.zipf
        lower = word.lower()
        if not links or zipf(lower) < MIN_ZIPF:
            return False
        for cut in range(COMPOUND_PART, len(lower) - COMPOUND_PART + 1):
            first, head = lower[:cut], lower[cut:]
            if zipf(head) >= COMPOUND_ZIPF and any(
                first.endswith(link)
                and len(first) - len(link) >= COMPOUND_PART
                and zipf(first[: len(first) - len(link)]) >= COMPOUND_ZIPF
                for link in links
            ):
                return True
        return False

    def derived(self, word: str) -> bool:
        """Whether a word is a frequent word of the prose language with one of its noun suffixes
        (`data/unlisted.yaml`): 'Koordinatorin', 'Sanitäterin' are nouns, not names. The frequent
        word has DERIVED_BASE letters or more and a Zipf frequency of COMMON or more ('Putin' is
        no 'Put' + 'in')."""
        lower = word.lower()
        zipf = self.resolver.frequencies.zipf
        return any(
            lower.endswith(suffix) and len(lower) - len(suffix) >= DERIVED_BASE and zipf(word[: -len(suffix)]) >= COMMON
            for suffix in _noun_suffixes(self.language)
        )

    def foreign_follows(self, words: Sequence[Word], i: int, covered: set[int]) -> bool:
        """Whether word `i`, right after a name (a space between), is a rare capitalized word that
        looks like the prose language: then the name is the first part of a name of another
        origin ('Hakeem Jeffries'). Not in a language that capitalizes its nouns."""
        if (
            self.language in _capitalized_nouns()
            or i >= len(words)
            or i in covered
            or words[i - 1].joiner not in _SPACES
        ):
            return False
        word = words[i].text
        if not word[:1].isupper() or word.isupper() or not _latin(word) or self.given(word):
            return False
        if self.matcher.frequencies.zipf(word) >= COMMON or self.listed(word, 1):
            return False
        return not self.name_word(word, False)

    def title_before(self, words: Sequence[Word], i: int) -> bool:
        """Whether a given name and another capitalized word follow a name, a space between each:
        then it is a title or an occupation before a person's name ('Agronomist Ivan Petrenko')."""
        return (
            i + 1 < len(words)
            and words[i - 1].joiner in _SPACES
            and words[i].joiner in _SPACES
            and self.given(words[i].text)
            and words[i + 1].capitalized
        )

    def compound_part(self, words: Sequence[Word], last: int, covered: set[int]) -> bool:
        """Whether a name ends in a hyphen and a prose word that no entry takes: the first part of
        a compound ('Rada-Beschluss')."""
        return words[last].joiner in _HYPHENS and last + 1 < len(words) and last + 1 not in covered

    def counted(self, text: str, start: int) -> bool:
        """Whether a number or a word for a large number stands right before `start`: then the
        word is a unit or a currency ('300 Hrywnja', 'two million hryvnias'), not a name."""
        before = text[max(0, start - 30) : start]
        if not before[-1:].isspace():
            return False
        last = before.split()[-1:]
        return bool(last) and (_NUMBER.fullmatch(last[0]) is not None or last[0].lower() in _quantities(self.language))

    def short_part(self, word: str) -> bool:
        """A short capitalized word after a name is part of it, even a word of the language
        ('Zelenyi Hai', 'Babyn Yar', 'Kryvyi Rih')."""
        return len(word) <= SHORT_PART and word[:1].isupper() and not word.isupper() and _latin(word)

    def given(self, word: str) -> bool:
        return self.resolver.names.group(word) is not None or self.resolver.index.is_given(fold(word))

    def long_enough(self, word: str) -> bool:
        return len(fold(word)) >= self.resolver.tuning.min_length

    def patronymic(self, word: str) -> bool:
        return (
            fold(word).endswith(self.resolver.patronymic_endings)
            and len(word) >= self.resolver.tuning.patronymic_min_length
        )

    def listed(self, span: str, words: int) -> bool:
        """Whether an entry of the convention may be meant (then the name is the matcher's)."""
        return bool(self.matcher.match(span, words).candidates) or any(
            self.matcher.match(part, 1).candidates for part in span.replace("-", " ").split()
        )

    def place(self, text: str, start: int) -> str:
        """'place' when a preposition or a noun for places stands right before `start`."""
        return "place" if phrase_before(text, start, self.places, self.resolver.tuning.look_back) else ""


@lru_cache(maxsize=1)
def _capitalized_nouns() -> frozenset[str]:
    return frozenset(str(lang) for lang in _unlisted_data()["capitalized_nouns"])


@lru_cache(maxsize=8)
def _noun_suffixes(language: str) -> tuple[str, ...]:
    return tuple(str(suffix) for suffix in _unlisted_data()["noun_suffixes"].get(language, []))


@lru_cache(maxsize=8)
def _compound_links(language: str) -> tuple[str, ...]:
    return tuple(str(link or "") for link in _unlisted_data()["compound_links"].get(language, []))


@lru_cache(maxsize=8)
def _countries(language: str) -> frozenset[str]:
    """The names of the countries (ISO 3166, pycountry), in English and in the prose language,
    and their adjectives (`country_adjectives` of data/unlisted.yaml), folded: a country's name
    is no unlisted name ('Belarus', 'Moldau', 'Belarusian')."""
    import gettext

    import pycountry

    local = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)
    found: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name:
                found.update((fold(name), fold(local.gettext(name))))
    endings = [str(e) for e in _unlisted_data()["country_adjectives"].get(language, [])]
    stems = {n[:-1] if n[-1:] in "aeiouy" else n for n in found if " " not in n} | {n for n in found if " " not in n}
    return frozenset(found | {stem + ending for stem in stems for ending in endings})


_NUMBER = re.compile(r"\d[\d.,\u00a0\u202f]*")


def _spelled(words: Sequence[Word], run: list[int]) -> str:
    return fold(" ".join(words[i].text for i in run))


@lru_cache(maxsize=1)
def _unlisted_data() -> Any:
    return yaml.safe_load((DATA_DIR / "unlisted.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def _quantities(language: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in _unlisted_data()["quantities"].get(language, []))


def _latin(word: str) -> bool:
    return all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in word if c.isalpha())


def _given(text: str, words: Sequence[Word], i: int, resolver: Resolver) -> str:
    """The given name right before word `i` (a space or one line break between them), if any:
    a known given name, or one followed by a patronymic."""
    j = i - 1
    if j >= 0 and words[j].capitalized and fold(words[j].text).endswith(resolver.patronymic_endings) and j > 0:
        j -= 1  # 'Oleksandr Petrovych Kovalchuk'
    if j < 0 or not words[j].capitalized or text[words[j].end : words[j + 1].start] not in (*_SPACES, "\n", "\r\n"):
        return ""
    word = words[j].text
    return word if resolver.names.group(word) is not None or resolver.index.is_given(fold(word)) else ""


def _kept_apart(mentions: list[Mention], resolver: Resolver) -> list[Mention]:
    """'Kowaltschuks' is the genitive of 'Kowaltschuk' when the text also has the bare name."""
    endings = resolver.matcher.inflection.kept
    spelled = {m.spelling.casefold() for m in mentions}
    out: list[Mention] = []
    for m in mentions:
        kept = next(
            (e for e in endings if m.spelling.casefold().endswith(e) and m.spelling[: -len(e)].casefold() in spelled),
            "",
        )
        if kept:
            stem = m.spelling[: -len(kept)]
            m = replace(m, spelling=stem, end=m.end - len(kept), kept=m.spelling[len(stem) :])  # noqa: PLW2901
        out.append(m)
    return out


def _located(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with their line and column (1-based; lines as `rewrite` counts them)."""
    starts = line_starts(text)
    out: list[Mention] = []
    for m in mentions:
        line = bisect_right(starts, m.start)
        out.append(replace(m, line=line, column=m.start - starts[line - 1] + 1))
    return out
