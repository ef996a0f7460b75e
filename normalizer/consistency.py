"""Consistency of unlisted names: the spellings of what is probably one name that the convention
does not list (*Kowaltschuk / Kovalchuk / Kowalchuk*), in one article or across a folder, as one
finding with every spelling and a suggested spelling.

Two spellings are taken for one name when one native spelling written both ways by the
transliteration tables is much likelier than two native spellings each written one way
(`native.same_name`: the evidence the matcher's generated spellings rest on), and nothing says
they are two:
- a given name written with one differs from a given name written with the other (*Ivan
  Sydorenko* / *Mykola Sidorenko*); a spelling written with two different given names stands for
  two people and is grouped with no other;
- one is a person's name (a given name before it) and the other a place's (a preposition or a
  noun for places before it);
- a given name of another origin is written with one (*Hans Meier* / *Klaus Meyer*): such names
  are not transliterated, so a difference in spelling is a difference in name.
A group grows one spelling at a time, most frequent first, and a spelling joins it only when it
may be one name with every spelling already in it.

The suggestion is the house system's romanisation of the likeliest native spelling
(`native.guess`, `house.House`) when that explains at least half the mentions, else the most
frequent spelling. A suggestion that is another group's spelling is not made; then nothing is fixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from normalizer import codes, native
from normalizer.findings import UNPLACED, Finding
from normalizer.given_language import given_language
from normalizer.house import House
from normalizer.lexicon import GivenNames, given_names
from normalizer.rewrite import to_findings
from normalizer.textfold import apply_case, fold
from normalizer.unlisted import Mention


@dataclass(frozen=True, slots=True)
class Spelling:
    """One spelling of a name: where it is written (in a corpus, the first few places), how
    often, with which given names before it and in which kinds of context."""

    text: str
    mentions: tuple[Mention, ...]
    count: int
    givens: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()  # 'person', 'place'


def spellings(mentions: Sequence[Mention]) -> list[Spelling]:
    """The spellings of `mentions` (case aside), in the order of their first mention."""
    by_spelling: dict[str, list[Mention]] = {}
    for m in mentions:
        by_spelling.setdefault(m.spelling.casefold(), []).append(m)
    return [
        Spelling(
            ms[0].spelling,
            tuple(ms),
            len(ms),
            frozenset(m.given for m in ms if m.given),
            frozenset(m.kind for m in ms if m.kind),
        )
        for ms in by_spelling.values()
    ]


@dataclass(frozen=True, slots=True)
class Inconsistency:
    """Two or more spellings of one unlisted name, the most frequent first."""

    spellings: tuple[Spelling, ...]
    suggestion: str  # '' when none can be made
    reason: str  # why the suggestion
    native: str = ""  # the likeliest native spelling ('' when none is guessed)
    source_lang: str = ""
    kind: str = ""  # 'person', 'place' or '' when the context does not say

    @property
    def mentions(self) -> tuple[Mention, ...]:
        return tuple(sorted((m for s in self.spellings for m in s.mentions), key=lambda m: (m.path, m.start)))


def inconsistencies(mentions: Sequence[Mention], house: House) -> list[Inconsistency]:
    """The unlisted names written in more than one way among `mentions`, in the order of their
    first mention."""
    groups = group(spellings(mentions))
    taken = {fold(s.text) for g in groups for s in g}
    found = [_finding(g, house, taken) for g in groups if len(g) > 1]
    return sorted(found, key=lambda f: (f.mentions[0].path, f.mentions[0].start))


def group(found: Sequence[Spelling], names: GivenNames | None = None) -> list[list[Spelling]]:
    """The spellings in groups that are each probably one name, each group's most frequent
    spelling first."""
    names = names or given_names()
    groups: list[list[Spelling]] = []
    for spelling in sorted(found, key=lambda s: -s.count):  # stable: the first mentioned first among equals
        for g in groups:
            if _joins(spelling, g, names):
                g.append(spelling)
                break
        else:
            groups.append([spelling])
    return groups


def _joins(spelling: Spelling, g: list[Spelling], names: GivenNames) -> bool:
    givens = _givens(g) | spelling.givens  # with a spelling of two people, never one person's
    if not _one_person(givens, names) or any(_other_origin(given, names) for given in givens):
        return False
    if len(frozenset().union(*(s.kinds for s in (*g, spelling)))) > 1:
        return False
    return all(native.same_name(spelling.text, other.text) for other in g)


def _givens(found: Sequence[Spelling]) -> set[str]:
    return {given for s in found for given in s.givens}


def _one_person(givens: set[str], names: GivenNames) -> bool:
    """Whether the given names may all be one person's (spellings of one given name)."""
    listed = list(givens)
    return all(not _different(a, b, names) for i, a in enumerate(listed) for b in listed[i + 1 :])


def _different(a: str, b: str, names: GivenNames) -> bool:
    first, second = a.split(maxsplit=1)[0], b.split(maxsplit=1)[0]
    if fold(first) == fold(second):
        return False
    group_a, group_b = names.group(first), names.group(second)
    if group_a is not None and group_a == group_b:
        return False
    if group_a is not None and group_b is not None:
        return True
    return not native.same_name(first, second)


def _other_origin(given: str, names: GivenNames) -> bool:
    """A given name of the table's other origins (German, English, ...), not a Slavic one."""
    found = names.group(given.split(maxsplit=1)[0])
    return found is not None and found >= names.equivalence_groups


def _finding(g: list[Spelling], house: House, taken: set[str]) -> Inconsistency:
    kinds = frozenset().union(*(s.kinds for s in g))
    kind = next(iter(kinds)) if len(kinds) == 1 else ""
    guessed = guess(g)
    suggestion, reason = g[0].text, "the most frequent spelling"
    if guessed is not None and 2 * guessed.explained >= guessed.mentions:
        house_spelling = house.spelling(guessed.native, guessed.source_lang)
        if house_spelling:
            system = house.systems[guessed.source_lang][0]
            suggestion, reason = house_spelling, f"house spelling ({system}) of {guessed.native}"
    own = {fold(s.text) for s in g}
    if fold(suggestion) in taken - own:  # another name's spelling: nothing to suggest
        suggestion, reason = "", f"'{suggestion}' is the spelling of another name"
    return Inconsistency(
        tuple(g),
        suggestion,
        reason,
        guessed.native if guessed else "",
        guessed.source_lang if guessed else "",
        kind,
    )


def guess(g: Sequence[Spelling]) -> native.Guess | None:
    """The likeliest native spelling of a group (the given names written with it say in which
    language, when they do)."""
    return native.guess({s.text: s.count for s in g}, given_language(sorted(_givens(g))))


def edits(text: str, found: Inconsistency, path: str = "-") -> list[Finding]:
    """The findings that write every mention of `found` in `text` (one article) in the suggested
    spelling; none when there is no suggestion."""
    if not found.suggestion:
        return []
    decisions = [
        Finding(
            *UNPLACED,
            m.start,
            m.end,
            m.spelling,
            apply_case(m.spelling, found.suggestion),
            found.suggestion,
            "consistency",
            100.0,
            found.reason,
            "safe",  # asked for by --consistency-fix itself, not held back for --unsafe-fixes
            codes.CONSISTENCY.code,
        )
        for m in found.mentions
        if m.path == path and m.spelling != found.suggestion and text[m.start : m.end] == m.spelling
    ]
    return to_findings(text, decisions, path)
