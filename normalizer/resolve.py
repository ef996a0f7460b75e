"""Turn matches into decisions: longest span first, given names with their surnames,
ambiguity reported instead of guessed. A decision is a `Finding` at offsets of the text
(`findings.UNPLACED`); `rewrite.to_findings` gives it its line and column.

Walking the words left to right, each position tries the longest window of joined words
first (multi-word and hyphenated names), then shorter ones. A person's given name is changed
only together with a matched surname; a surname preceded by someone else's given name (from
the given-name table or the convention) belongs to another person and is left alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import NamedTuple

from normalizer import codes
from normalizer.around import SPACES, Around, Introduced, sentence_start
from normalizer.codes import Why
from normalizer.findings import UNPLACED, Finding, Rule, applicability
from normalizer.given import GivenLookup
from normalizer.index import PARTICLES, Lookup
from normalizer.lexicon import Context, Frequencies, GivenNames
from normalizer.match import Candidate, Matcher, Outcome
from normalizer.scan import Word
from normalizer.textfold import apply_case, fold
from normalizer.tuning import Tuning


class Skip(NamedTuple):
    """A name-like span left alone, and why (for `explain`)."""

    start: int
    end: int
    found: str
    why: Why

    @property
    def reason(self) -> str:
        return self.why.text

    @property
    def code(self) -> str:
        return self.why.code


class Resolver:
    def __init__(
        self,
        index: Lookup,
        matcher: Matcher,
        names: GivenNames,
        context: Context,
        frequencies: Frequencies,
        tuning: Tuning,
    ):
        self.index = index
        self.matcher = matcher
        self.names = names
        self.frequencies = frequencies
        self.tuning = tuning
        self.patronymic_endings = context.patronymic_endings
        self.around = Around(matcher, names, context, frequencies, tuning)
        self.given = GivenLookup(index, names, context.patronymic_endings, tuning)
        # words that, standing alone (no joiner), are never part of a decision: no candidates and
        # too short or wrong-ended for the genitive rule; the walk passes them with one lookup
        self._inert: set[str] = set()

    def resolve(self, text: str, words: Iterable[Word], *, explain: bool = False) -> tuple[list[Finding], list[Skip]]:
        """The decisions for the words of `text`; with `explain`, also the name-like words left alone."""
        decisions: list[Finding] = []
        skips: list[Skip] = []
        for result in self.walk(text, words, explain=explain):
            if isinstance(result, Finding):
                decisions.append(result)
            else:
                skips.append(result)
        return decisions, skips

    def walk(self, text: str, words: Iterable[Word], *, explain: bool = False) -> Iterator[Finding | Skip]:
        """The decisions and skips for the words of `text` (in text order), as the words come:
        a decision looks at most `reach` words before and after its first word, so only a
        window of the words is kept."""
        source = iter(words)
        window: list[Word] = []
        # a name and its given name before and after it, what it is named after; the genitive rule
        # looks at the words near it, and at the word before each of those
        reach = max(2 * self.index.max_words + self.tuning.named_after_reach, self.tuning.near_words + 1)
        others = Introduced(text)
        taken = -1  # index (in the window) of the last word already part of a decision
        match = self.matcher.match
        several = self.index.max_words > 1
        inert = set() if explain else self._inert  # explain gives a reason for every word
        i = 0
        while True:
            if i + reach >= len(window) and (batch := list(islice(source, _BATCH))):
                behind = max(0, i - reach)  # the words before these are not looked at again
                del window[:behind]
                i, taken = i - behind, taken - behind
                window.extend(batch)
                continue
            if i >= len(window):
                return
            word = window[i]
            if not word.capitalized or (not word.joiner and word.text in inert):
                i += 1
                continue
            step = 1
            longest = self._longest(window, i) if several and word.joiner else 1
            for size in range(longest, 0, -1):
                span = word.text if size == 1 else text[word.start : window[i + size - 1].end]
                outcome = match(span, size)
                if not outcome.candidates and size == 1:
                    outcome = self.around.genitive(text, window, i) or outcome
                if not outcome.candidates:
                    if size == 1 and explain:
                        yield Skip(word.start, word.end, word.text, _why_not(outcome))
                    elif longest == 1 and (
                        len(span) < self.tuning.genitive_min_length or span[-1] not in "aA"
                    ):  # see genitive
                        inert.add(span)
                    continue
                result = self._decide(text, window, i, size, outcome, taken, others)
                step = size
                if result is None and explain:
                    result = Skip(word.start, window[i + size - 1].end, span, self._kept(span, outcome))
                if result is not None:
                    yield result
                    while i + step < len(window) and window[i + step].start < result.end:
                        step += 1  # a given name written after the surname belongs to it
                    if isinstance(result, Finding) or step > size:
                        taken = i + step - 1
                break
            i += step

    def _kept(self, span: str, outcome: Outcome) -> Why:
        """Why a span that has candidates is left as it is (for `explain`)."""
        top = max(outcome.candidates, key=lambda c: c.rank)
        canonical = self.index.entry(top.entry).canonical
        if self._replacement(span, top) == span:
            return codes.HOUSE.because(f"already in the house spelling (entry {canonical})")
        return codes.KEPT.because(f"left as is (closest entry {canonical}, rule {top.rule}, score {top.score:.0f})")

    def _longest(self, words: list[Word], i: int) -> int:
        size = 1
        while size < self.index.max_words and i + size < len(words) and words[i + size - 1].joiner:
            nxt = words[i + size]
            if not (nxt.capitalized or nxt.text.lower() in PARTICLES):
                break
            size += 1
        while size > 1 and not words[i + size - 1].capitalized:
            size -= 1
        return size

    def _decide(
        self, text: str, words: list[Word], i: int, size: int, outcome: Outcome, taken: int, others: Introduced
    ) -> Finding | Skip | None:
        start, end = words[i].start, words[i + size - 1].end
        found = text[start:end]
        best: dict[int, Candidate] = {}
        for cand in outcome.candidates:
            if cand.entry not in best or cand.rank > best[cand.entry].rank:
                best[cand.entry] = cand
        ranked = self._words_after_given(
            text, words, i, sorted(best.values(), key=lambda c: c.rank, reverse=True), taken
        )
        if not ranked:
            reason = "a word of the language; a spelling of the name only after the given name"
            return Skip(start, end, found, codes.WORD_WITHOUT_GIVEN.because(reason))
        kind = self.index.entry(ranked[0].entry).kind
        if thing := self.around.thing_named(words, i + size - 1, kind, found, others):
            return Skip(start, end, found, thing)
        given = self.given.before(text, words, i, ranked, taken)
        if given is None and size == 1 and (seen := self._another_persons(found, ranked, others)):
            return Skip(start, end, found, seen)
        if given is not None:
            cand, gstart, gend, grule, gscore = given
            surname = self._replacement(found, cand)
            canonical_given = self.index.split(cand.entry).given
            # what stands between the given name and the surname (a space, a patronymic) is kept
            new_given = apply_case(text[gstart:gend], canonical_given) + text[gend:start]
            rule = _weaker(cand.rule, grule)
            score = min(cand.score, gscore)
            return self._emit(text[gstart:end], gstart, end, new_given + surname, cand, rule, score, codes.GIVEN.code)
        top = ranked[0]
        if why := self._left_alone(text, words, i, size, top, taken, others):
            return Skip(start, end, found, why)
        rivals = [c for c in ranked[1:] if self._replacement(found, c) != self._replacement(found, top)]
        if rivals and rivals[0].rank[0] == top.rank[0] and top.score - rivals[0].score <= self.tuning.ambiguity_margin:
            names = " / ".join(self.index.entry(c.entry).canonical for c in (top, *rivals[:2]))
            detail = f"ambiguous between {names}"
            code = codes.AMBIGUOUS.code
            return Finding(*UNPLACED, start, end, found, None, names, "ambiguous", top.score, detail, "safe", code)
        replacement = self._replacement(found, top)
        if replacement[:1].islower() and found[:1].isupper() and sentence_start(text, start):
            replacement = replacement[0].upper() + replacement[1:]  # 'Von der Leyen sagte'
        person = self.index.entry(top.entry).kind == "person"
        given_after = self.given.after(text, words, i + size - 1, top) if person else None
        if given_after is not None:  # 'Sybiga Andriy Ivanovich': surname first, the given name after it
            gstart, gend, grule, gscore = given_after
            canonical_given = self.index.split(top.entry).given
            new = replacement + text[end:gstart] + apply_case(text[gstart:gend], canonical_given)
            rule = _weaker(top.rule, grule)
            decided = self._emit(
                text[start:gend], start, gend, new, top, rule, min(top.score, gscore), codes.GIVEN.code
            )
            # unchanged, the given name still belongs to this surname, not to a name after it
            house = codes.HOUSE.because("in the house spelling, the given name after it")
            return decided or Skip(start, gend, text[start:gend], house)
        return self._emit(found, start, end, replacement, top, top.rule, top.score, top.code)

    def _left_alone(
        self, text: str, words: list[Word], i: int, size: int, top: Candidate, taken: int, others: Introduced
    ) -> Why | None:
        """Why the words around the name make it something else than the entry `top` matched."""
        start, end = words[i].start, words[i + size - 1].end
        found = text[start:end]
        around = self.around
        entry = self.index.entry(top.entry)
        loose = top.rule in ("fuzzy", "phonetic") or bool(top.dropped)  # not the name as listed or generated
        why: Why | None = None
        if entry.kind == "person":
            if company := around.company_before(text, start):
                return company
            other = around.other_given(text, words, i, taken, loose)
            if other:
                reason = f"introduced as '{other} {found}' on line {others.line(start)}: another person"
                others.add((fold(found), fold(top.stem)), codes.INTRODUCED.because(reason))
                return codes.OTHER_GIVEN.because(f"preceded by '{other}', a given name of another person")
            why = (
                (around.place_slot(text, start) if loose else None)
                or (around.list_of_places(text, start) if size == 1 else None)
                or (self._name_after(words, i + size - 1, top.entry) if loose else None)
            )
        elif entry.kind == "place" and (first_name := around.other_given(text, words, i, taken, loose)):
            # a known given name before any spelling of a place (the actor 'Iwan Kropyvnytskyi'),
            # any rare capitalized word before a loose one
            why = codes.PERSON_NOT_PLACE.because(f"preceded by '{first_name}', a given name: a person, not the place")
        elif top.rule not in ("exact", "folded") and around.person_ahead(words, i + size - 1, found):
            why = codes.PERSON_AHEAD.because("a given name followed by a surname: a person, not the place")
        elif entry.kind == "place":
            why = (
                around.namesake(text, end)
                or around.place_prefix(words, i, taken)
                # (a genitive may precede a noun: 'Kiews Bürgermeister', 'Ismajils Getreideterminal')
                or (around.foreign_name(text, words, i + size - 1) if not top.kept else None)
            )
        fuzzy = top.rule in ("fuzzy", "phonetic")
        if why is None and entry.kind != "person" and fuzzy and around.compound_name(words, i + size - 1):
            why = codes.COMPOUND.because("first part of another hyphenated name")
        return why

    def _words_after_given(
        self, text: str, words: list[Word], i: int, ranked: list[Candidate], taken: int
    ) -> list[Candidate]:
        """`ranked` without the spellings that are words of the language ('Zeder') unless the
        person's given name stands before them ('Markus Zeder')."""
        spelled_as_words = [c for c in ranked if c.form.word]
        if not spelled_as_words:
            return ranked
        given = self.given.before(text, words, i, spelled_as_words, taken)
        return [c for c in ranked if not c.form.word or (given is not None and c.entry == given[0].entry)]

    def _another_persons(self, found: str, ranked: list[Candidate], others: Introduced) -> Why | None:
        """Why a surname alone is the person the text introduced with another given name, if it
        is; not when that person has the house spelling, since then the edit is right for both
        ('Nikolai Peskow', then 'laut Peskowa' loses its leaked ending either way)."""
        house = {fold(self.index.split(c.entry).surname) for c in ranked}
        keys = (fold(found), *(fold(c.stem) for c in ranked))
        return others.why(k for k in keys if k not in house)

    def _emit(
        self,
        found: str,
        start: int,
        end: int,
        replacement: str,
        cand: Candidate,
        rule: Rule,
        score: float,
        code: str,
    ) -> Finding | None:
        if replacement == found:
            return None
        detail = cand.form.origin if cand.form.generated else ""
        if cand.dropped:
            detail = (detail + "; " if detail else "") + f"dropped ending '{cand.dropped}'"
        known = self.frequencies.zipf(found) >= self.tuning.zipf_known
        return Finding(
            *UNPLACED,
            start,
            end,
            found,
            replacement,
            self.index.entry(cand.entry).canonical,
            rule,
            round(score, 1),
            detail,
            applicability(rule, found, known),
            code,
            "" if code == codes.GIVEN.code else cand.key,
        )

    def _replacement(self, found: str, cand: Candidate) -> str:
        part = self.index.split(cand.entry).surname
        return apply_case(found, part) + cand.kept

    def _name_after(self, words: list[Word], last: int, entry: int) -> Why | None:
        """A rare capitalized word right after the surname that is not this person's given
        name (written after the surname): the word before it was a given name ('Ignaty Dyakonov')."""
        if last + 1 >= len(words) or words[last].joiner not in SPACES:
            return None
        after = words[last + 1]
        if not after.capitalized or self.given.same(after.text, entry):
            return None
        # a listed name counts as a name however it is spelled: its house spelling may be a frequent
        # word where the variant is rare (Poroschenko, Poroshenko), and fix must decide the same
        # before and after it rewrites the word
        listed = any(c.rule in _LISTED for c in self.matcher.match(after.text, 1).candidates)
        if not (listed or self.around.rare_name(after.text)):
            return None
        return codes.NAME_AFTER.because(f"followed by the name '{after.text}': a given name, not the surname")


_LISTED = frozenset({"exact", "folded", "variant"})  # rules of a listed or generated spelling
_BATCH = 4096  # words read at a time


def _weaker(a: Rule, b: Rule) -> Rule:
    order: list[Rule] = ["exact", "folded", "variant", "phonetic", "fuzzy"]
    return a if order.index(a) >= order.index(b) else b


def _why_not(outcome: Outcome) -> Why:
    if outcome.misses:
        best = max(outcome.misses, key=lambda m: m.score)
        return Why(best.why.code, f"closest: '{best.form.text}' ({best.score:.0f}): {best.why.text}", best.why.key)
    return outcome.blocked or codes.NOTHING_CLOSE.because("no entry is close")
