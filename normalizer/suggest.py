"""Grow a convention from an archive: the names its texts mention that the convention does not
list, grouped by name, each as a ready-to-review entry.

The texts are read one at a time (`Miner.add` takes one text's mentions of unlisted names, from
`Normalizer.unlisted`), and only a tally per spelling is kept: its count, the given names and
contexts it was written with, and the first few places, so that memory grows with the number of
distinct spellings, not with the archive. `Miner.proposals` then groups the spellings as
`consistency` does and makes an entry of each group: the house spelling (`house.House`) of the
likeliest native spelling (`native.guess`), or the most frequent spelling when no native
spelling explains at least half the mentions; the kind from the contexts (a given name before
it: a person; a word for places: a place; else the native spelling's ending,
`data/unlisted.yaml`); the spellings seen as aliases. `with_examples` adds, for each entry, lines
of the texts (shortened) with what the convention with the new entries makes of them, so that
`conventions lint` checks the entry.

A group is left out when no given name marks it as a person's and either no native spelling
explains it or, without a word for places before it, none of its spellings is likelier a
romanisation than a word of the prose (`native.transliterated` below 0: 'Generalstabs'): such a
capitalized word is seldom a name. A one-word name that is the last word of a place name of
several words proposed beside it ('Poltavka' beside 'Nova Poltavka') is left to that name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import yaml

from normalizer import native
from normalizer.consistency import Spelling, group, guess
from normalizer.conventions import Convention, Entry, Example
from normalizer.given_language import given_fit
from normalizer.house import House
from normalizer.lexicon import DATA_DIR, GivenNames, given_names
from normalizer.textfold import fold
from normalizer.unlisted import Mention

EXAMPLES = 2  # examples per entry
KEPT = 6  # places kept per spelling to draw examples from
EXAMPLE_LENGTH = 120  # characters of an example at most


@dataclass
class _Tally:
    """What is known of one spelling so far (mutable while the archive is read)."""

    written: Counter[str] = field(default_factory=Counter)  # as written (case)
    count: int = 0
    givens: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    places: list[Mention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Proposal:
    """A new entry for the convention, and the evidence for it."""

    canonical: str
    kind: str
    native: str | None
    source_lang: str | None
    spellings: tuple[tuple[str, int], ...]  # the name as seen (without given names), most frequent first
    count: int  # mentions
    language: str  # the prose language of the texts
    mentions: tuple[Mention, ...]  # places to draw examples from
    examples: tuple[tuple[str, str], ...] = ()  # (in, out)

    @property
    def aliases(self) -> tuple[tuple[str, int], ...]:
        """The spellings seen other than the canonical one's name part."""
        own = fold(self.canonical.split()[-1]) if self.kind == "person" else fold(self.canonical)
        return tuple((s, n) for s, n in self.spellings if fold(s) != own)

    def entry(self) -> Entry:
        return Entry(
            self.canonical,
            "person" if self.kind == "person" else "place",  # the kinds a proposal has
            self.native,
            self.source_lang,
            tuple(s for s, _ in self.aliases),
            tuple(Example(i, o, 0) for i, o in self.examples),
        )


class Miner:
    """Tallies the mentions of unlisted names of many texts."""

    def __init__(self) -> None:
        self._tallies: dict[str, dict[str, _Tally]] = {}  # prose language → casefolded spelling → tally
        self.texts = 0

    @property
    def languages(self) -> list[str]:
        """The prose languages of the texts with unlisted names."""
        return sorted(self._tallies)

    def add(self, mentions: Sequence[Mention], language: str) -> None:
        """Take the mentions of one text."""
        self.texts += 1
        tallies = self._tallies.setdefault(language, {})
        for m in mentions:
            tally = tallies.setdefault(m.spelling.casefold(), _Tally())
            tally.written[m.spelling] += 1
            tally.count += 1
            if m.given:
                tally.givens[m.given] += 1
            if m.kind:
                tally.kinds[m.kind] += 1
            if len(tally.places) < KEPT:
                tally.places.append(m)

    def proposals(self, houses: Callable[[str], House], min_count: int = 2) -> list[Proposal]:
        """One proposal per group of spellings mentioned at least `min_count` times, most
        mentioned first; `houses` gives the house systems for a prose language."""
        out: list[Proposal] = []
        names = given_names()
        for language, tallies in self._tallies.items():
            found = [_spelling(t) for t in tallies.values()]
            made: list[Proposal] = []
            for g in group(found, names):
                count = sum(s.count for s in g)
                if count < min_count:
                    continue
                proposal = _proposal(g, count, language, houses(language), names, tallies)
                if proposal is not None:
                    made.append(proposal)
            ends = {native.words_of(s)[-1] for p in made if p.kind == "place" for s, _ in p.spellings if " " in s}
            out.extend(p for p in made if not _part_of_a_place(p, ends))
        return sorted(out, key=lambda p: (-p.count, p.canonical))


def _part_of_a_place(proposal: Proposal, ends: set[str]) -> bool:
    """Whether a proposal of a one-word name with no given name is the last word of a place name
    of several words proposed beside it ('Poltavka' beside 'Nova Poltavka', `ends`): in news text
    mostly that place's short mention, and an entry of its own would rewrite or claim mentions
    that belong to the longer name."""
    if " " in proposal.canonical or any(" " in s for s, _ in proposal.spellings):
        return False
    return all(any(native.same_name(s, end) for end in ends) for s, _ in proposal.spellings)


def _spelling(tally: _Tally) -> Spelling:
    return Spelling(
        tally.written.most_common(1)[0][0],
        tuple(tally.places),
        tally.count,
        frozenset(tally.givens),
        frozenset(tally.kinds),
    )


def _proposal(
    g: list[Spelling],
    count: int,
    language: str,
    house: House,
    names: GivenNames,
    tallies: Mapping[str, _Tally],
) -> Proposal | None:
    givens: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for s in g:
        tally = tallies[s.text.casefold()]
        givens.update(tally.givens)
        kinds.update(tally.kinds)
    guessed = guess(g)
    if guessed is not None and 2 * guessed.explained < guessed.mentions:
        guessed = None
    person = sum(givens.values()) + kinds["person"]
    romanised = kinds["place"] or max(native.transliterated(s.text, language) for s in g) >= 0
    if not person and (guessed is None or not romanised):
        return None  # no sign of a person or a place, and no likely romanisation: seldom a name
    if person > kinds["place"]:
        kind = "person"
    elif kinds["place"] or (guessed is not None and guessed.native.lower().endswith(_place_endings())):
        kind = "place"
    else:
        kind = "person"
    name, native_name, lang = g[0].text, None, None
    if guessed is not None:
        name = house.spelling(guessed.native, guessed.source_lang) or name
        native_name, lang = guessed.native, guessed.source_lang
    canonical = name
    if kind == "person" and givens:
        given = _given(givens.most_common(1)[0][0], lang, house, names)
        if given is not None and native_name is not None:
            canonical, native_name = f"{given[0]} {name}", f"{given[1]} {native_name}"
        elif native_name is None:
            canonical = f"{givens.most_common(1)[0][0]} {name}"
    mentions = tuple(m for s in g for m in s.mentions)
    return Proposal(
        canonical,
        kind,
        native_name,
        lang,
        tuple((s.text, s.count) for s in g),
        count,
        language,
        mentions,
    )


def _given(given: str, lang: str | None, house: House, names: GivenNames) -> tuple[str, str] | None:
    """The house spelling and the native form of a given name written `given`, in the language
    of the surname: the form of its group in the given-name table that the language's tables
    write likeliest so. None when the table does not know it."""
    first = given.split(maxsplit=1)[0]
    group_number = names.group(first)
    if group_number is None or group_number >= names.equivalence_groups or lang is None:
        return None
    forms = [f for f in names.spellings[group_number] if native.is_cyrillic(f) and native.fits(f, lang)]
    if not forms:
        return None
    form = max(forms, key=lambda f: given_fit(f, lang, first))
    spelled = house.given_name(form, lang)
    return (spelled, form) if spelled else None


@lru_cache(maxsize=1)
def _place_endings() -> tuple[str, ...]:
    raw = yaml.safe_load((DATA_DIR / "unlisted.yaml").read_text(encoding="utf-8"))
    return tuple(str(e) for e in raw["place_endings"])


def with_examples(
    proposals: Sequence[Proposal], convention: Convention, line: Callable[[Mention], str | None]
) -> list[Proposal]:
    """The proposals with up to EXAMPLES examples each: a line of the texts (`line` reads the
    line of a mention), shortened around the name, and what the convention with all the
    proposed entries makes of it. A line whose result does not show the entry's spelling is
    not taken."""
    from normalizer.engine import Normalizer

    if not proposals:
        return []
    grown = convention._replace(entries=(*convention.entries, *(p.entry() for p in proposals)))
    normalizer = Normalizer(grown)
    out: list[Proposal] = []
    for proposal in proposals:
        examples: list[tuple[str, str]] = []
        surname = proposal.canonical.split()[-1] if proposal.kind == "person" else proposal.canonical
        ordered = sorted(proposal.mentions, key=lambda m: fold(m.spelling) == fold(surname))  # variants first
        for m in ordered:
            text = line(m)
            if text is None:
                continue
            sample = shorten(text, m.column - 1, len(m.spelling))
            fixed = normalizer.fix(sample).text
            if surname in fixed and (sample, fixed) not in examples:
                examples.append((sample, fixed))
        changed = [e for e in examples if e[0] != e[1]]  # the ones that show a change first
        chosen = (changed + [e for e in examples if e[0] == e[1]])[:EXAMPLES]
        out.append(replace(proposal, examples=tuple(chosen)))
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def shorten(line: str, start: int, length: int, limit: int = EXAMPLE_LENGTH) -> str:
    """The sentence of `line` around the name at `start`, cut at word boundaries to about
    `limit` characters."""
    begin, end = 0, len(line)
    for cut in _SENTENCE_END.finditer(line):
        if cut.end() <= start:
            begin = cut.end()
        elif cut.start() >= start + length:
            end = cut.start()
            break
    if end - begin > limit:  # a long sentence: about `limit` characters around the name, cut at spaces
        right = min(end, max(start + length, start + length // 2 + limit // 2))
        left = max(begin, right - limit)
        if left > begin:
            left = line.find(" ", left, start) + 1 or left
        if right < end:
            space = line.rfind(" ", start + length, right)
            right = space if space > 0 else right
        begin, end = left, right
    return line[begin:end].strip()
