"""Turn matches into decisions: longest span first, given names with their surnames,
ambiguity reported instead of guessed. A decision is a `Finding` at offsets of the text
(`findings.UNPLACED`); `rewrite.to_findings` gives it its line and column.

Walking the words left to right, each position tries the longest window of joined words
first (multi-word and hyphenated names), then shorter ones. A person's given name is changed
only together with a matched surname; a surname preceded by someone else's given name (from
the given-name table or the convention) belongs to another person and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from rapidfuzz import fuzz

from normalizer.findings import UNPLACED, Finding, Rule, applicability
from normalizer.index import PARTICLES, Lookup, word_count
from normalizer.lexicon import Context, Frequencies, GivenNames
from normalizer.match import Candidate, Matcher, Outcome, undoubled
from normalizer.phonetic import cologne
from normalizer.scan import Word
from normalizer.textfold import apply_case, fold
from normalizer.tuning import Tuning


@dataclass(frozen=True, slots=True)
class Skip:
    """A name-like span left alone, and why (for `explain`)."""

    start: int
    end: int
    found: str
    reason: str


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
        self.elsewhere = context.elsewhere
        self.place_prefixes = context.place_prefixes
        # words after a name that make it the name of something else, by the kind of the entry
        self.named_after = {"person": context.named_after, "place": context.place_named_after}
        self.place_slot = context.place_slot
        self.patronymic_endings = context.patronymic_endings
        self.foreign_names_after_place = context.foreign_names_after_place
        self.place_nouns = context.place_nouns
        self.company_nouns = context.company_nouns
        self.compound_nouns = context.compound_nouns
        self.genitive_slot = context.genitive_slot
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
        reach = max(2 * self.index.max_words + _NAMED_AFTER_REACH, _NEAR + 1)
        others = _Introduced(text)
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
                    outcome = self._genitive(text, window, i) or outcome
                if not outcome.candidates:
                    if size == 1 and explain:
                        yield Skip(word.start, word.end, word.text, _why_not(outcome))
                    elif longest == 1 and (len(span) < 5 or span[-1] not in "aA"):  # see _genitive
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

    def _kept(self, span: str, outcome: Outcome) -> str:
        """Why a span that has candidates is left as it is (for `explain`)."""
        top = max(outcome.candidates, key=lambda c: c.rank)
        canonical = self.index.entry(top.entry).canonical
        if self._replacement(span, top) == span:
            return f"already in the house spelling (entry {canonical})"
        return f"left as is (closest entry {canonical}, rule {top.rule}, score {top.score:.0f})"

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
        self, text: str, words: list[Word], i: int, size: int, outcome: Outcome, taken: int, others: _Introduced
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
            return Skip(start, end, found, "a word of the language; a spelling of the name only after the given name")
        kind = self.index.entry(ranked[0].entry).kind
        if thing := self._named_after(words, i + size - 1, self.named_after.get(kind, frozenset())):
            return _named_thing(Skip(start, end, found, ""), thing, kind, others)
        given = self._given(text, words, i, ranked, taken)
        if given is None and size == 1 and (seen := self._another_persons(found, ranked, others)):
            return Skip(start, end, found, seen)
        if given is not None:
            cand, gstart, gend, grule, gscore = given
            surname = self._replacement(found, cand)
            canonical_given = self.index.split(cand.entry).given
            # what stands between the given name and the surname (a space, a patronymic) is kept
            new_given = apply_case(text[gstart:gend], canonical_given) + text[gend:start]
            rule = _weaker(cand.rule, grule)
            return self._emit(text[gstart:end], gstart, end, new_given + surname, cand, rule, min(cand.score, gscore))
        top = ranked[0]
        entry = self.index.entry(top.entry)
        loose = top.rule in ("fuzzy", "phonetic") or bool(top.dropped)  # not the name as listed or generated
        if entry.kind == "person":
            if company := self._company_before(text, start):
                return Skip(start, end, found, f"after '{company}': a company named after a person")
            other = self._other_given(text, words, i, taken, loose)
            if other:
                reason = f"introduced as '{other} {found}' on line {others.line(start)}: another person"
                others.add((fold(found), fold(top.stem)), reason)
                return Skip(start, end, found, f"preceded by '{other}', a given name of another person")
            if loose and (slot := self._place_slot(text, start)):
                return Skip(start, end, found, f"after '{slot}': the name of a place, not of the person")
            if size == 1 and (places := self._list_of_places(text, start)):
                return Skip(start, end, found, f"in a list of places after '{places}': a place, not the person")
            if loose and (after := self._name_after(words, i + size - 1, top.entry)):
                return Skip(start, end, found, f"followed by the name '{after}': a given name, not the surname")
        elif entry.kind == "place" and (first_name := self._other_given(text, words, i, taken, loose)):
            # a known given name before any spelling of a place (the actor 'Iwan Kropyvnytskyi'),
            # any rare capitalized word before a loose one
            return Skip(start, end, found, f"preceded by '{first_name}', a given name: a person, not the place")
        elif top.rule not in ("exact", "folded") and self._person_ahead(words, i + size - 1, found):
            return Skip(start, end, found, "a given name followed by a surname: a person, not the place")
        elif entry.kind == "place" and self._namesake(text, end):
            return Skip(start, end, found, "a namesake elsewhere (followed by a US state or other region)")
        elif entry.kind == "place" and (prefix := self._place_prefix(words, i, taken)):
            return Skip(start, end, found, f"part of another place name, after '{prefix}'")
        elif entry.kind == "place" and not top.kept and (foreign := self._foreign_name(words, i + size - 1)):
            # (a genitive may precede a noun: 'Kiews Bürgermeister', 'Ismajils Getreideterminal')
            return Skip(start, end, found, f"followed by '{foreign}': part of a name in another language")
        if entry.kind != "person" and top.rule in ("fuzzy", "phonetic") and self._compound_name(words, i + size - 1):
            return Skip(start, end, found, "first part of another hyphenated name")
        rivals = [c for c in ranked[1:] if self._replacement(found, c) != self._replacement(found, top)]
        if rivals and rivals[0].rank[0] == top.rank[0] and top.score - rivals[0].score <= self.tuning.ambiguity_margin:
            names = " / ".join(self.index.entry(c.entry).canonical for c in (top, *rivals[:2]))
            why = f"ambiguous between {names}"
            return Finding(*UNPLACED, start, end, found, None, names, "ambiguous", top.score, why)
        replacement = self._replacement(found, top)
        if replacement[:1].islower() and found[:1].isupper() and _sentence_start(text, start):
            replacement = replacement[0].upper() + replacement[1:]  # 'Von der Leyen sagte'
        given_after = self._given_after(text, words, i + size - 1, top) if entry.kind == "person" else None
        if given_after is not None:  # 'Sybiga Andriy Ivanovich': surname first, the given name after it
            gstart, gend, grule, gscore = given_after
            canonical_given = self.index.split(top.entry).given
            new = replacement + text[end:gstart] + apply_case(text[gstart:gend], canonical_given)
            rule = _weaker(top.rule, grule)
            decided = self._emit(text[start:gend], start, gend, new, top, rule, min(top.score, gscore))
            # unchanged, the given name still belongs to this surname, not to a name after it
            return decided or Skip(start, gend, text[start:gend], "in the house spelling, the given name after it")
        return self._emit(found, start, end, replacement, top, top.rule, top.score)

    def _words_after_given(
        self, text: str, words: list[Word], i: int, ranked: list[Candidate], taken: int
    ) -> list[Candidate]:
        """`ranked` without the spellings that are words of the language ('Zeder') unless the
        person's given name stands before them ('Markus Zeder')."""
        spelled_as_words = [c for c in ranked if c.form.word]
        if not spelled_as_words:
            return ranked
        given = self._given(text, words, i, spelled_as_words, taken)
        return [c for c in ranked if not c.form.word or (given is not None and c.entry == given[0].entry)]

    def _another_persons(self, found: str, ranked: list[Candidate], others: _Introduced) -> str:
        """Why a surname alone is the person the text introduced with another given name, if it
        is; not when that person has the house spelling, since then the edit is right for both
        ('Nikolai Peskow', then 'laut Peskowa' loses its leaked ending either way)."""
        house = {fold(self.index.split(c.entry).surname) for c in ranked}
        keys = (fold(found), *(fold(c.stem) for c in ranked))
        return others.why(k for k in keys if k not in house)

    def _given_after(
        self, text: str, words: list[Word], last: int, cand: Candidate
    ) -> tuple[int, int, Rule, float] | None:
        """The span of the candidate's given name written right after the surname, if any."""
        given = self.index.split(cand.entry).given
        if not given:
            return None
        for count in sorted({len(given.split()), word_count(given)}, reverse=True):
            after = words[last + 1 : last + 1 + count]
            if len(after) < count or not _next_to(text, words[last], after[0]):
                continue
            if not all(w.capitalized for w in after) or any(w.joiner not in _INSIDE_GIVEN for w in after[:-1]):
                continue
            verdict = self._same_given(text[after[0].start : after[-1].end], cand.entry)
            if verdict is not None:
                return after[0].start, after[-1].end, verdict[0], verdict[1]
        return None

    def _emit(
        self, found: str, start: int, end: int, replacement: str, cand: Candidate, rule: Rule, score: float
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
        )

    def _replacement(self, found: str, cand: Candidate) -> str:
        part = self.index.split(cand.entry).surname
        return apply_case(found, part) + cand.kept

    def _given(
        self, text: str, words: list[Word], i: int, ranked: list[Candidate], taken: int
    ) -> tuple[Candidate, int, int, Rule, float] | None:
        """The candidate whose given name stands right before the surname, or before a
        patronymic before it ('Andrej Iwanowitsch Sibiga'), if any; with the given name's span."""
        before_patronymic = i - 1 if i > 0 and i - 1 > taken and self._patronymic(text, words, i - 1) else i
        for last in sorted({i, before_patronymic}, reverse=True):
            found = self._given_before(text, words, last, ranked, taken)
            if found is not None:
                return found
        return None

    def _given_before(
        self, text: str, words: list[Word], last: int, ranked: list[Candidate], taken: int
    ) -> tuple[Candidate, int, int, Rule, float] | None:
        """The candidate whose given name ends right before word `last`."""
        for cand in ranked:
            entry = self.index.entry(cand.entry)
            given = self.index.split(cand.entry).given
            if entry.kind != "person" or not given:
                continue
            # 'Jean-Noël' is two words of the text, or one when written 'Jeannoel'
            for count in sorted({len(given.split()), word_count(given)}, reverse=True):
                first = last - count
                if first <= taken or first < 0:
                    continue
                before = words[first:last]
                if not (
                    all(w.capitalized and w.joiner in _INSIDE_GIVEN for w in before[:-1])
                    and before[-1].capitalized
                    and _next_to(text, before[-1], words[last])
                ):
                    continue
                spelled = text[before[0].start : before[-1].end]
                verdict = self._same_given(spelled, cand.entry)
                if verdict is not None:
                    return cand, before[0].start, before[-1].end, verdict[0], verdict[1]
        return None

    def _patronymic(self, text: str, words: list[Word], i: int) -> bool:
        """'Iwanowitsch', 'Ivanovich', 'Petrivna': a father's name between given name and surname."""
        word = words[i]
        return (
            word.capitalized
            and _next_to(text, word, words[i + 1])
            and fold(word.text).endswith(self.patronymic_endings)
            and len(word.text) > 6
        )

    def _same_given(self, spelled: str, entry: int) -> tuple[Rule, float] | None:
        canonical = self.index.split(entry).given
        folded = fold(spelled)
        forms = self.index.given_forms(entry)
        for form in forms:
            if form.folded == folded:
                listed = form.origin in ("canonical", "alias")
                rule: Rule = "exact" if form.text == spelled else "folded" if listed else "variant"
                return rule, 100.0
        if self.names.different(canonical.split()[0], spelled.split(maxsplit=1)[0]):
            return None
        best: tuple[Rule, float] | None = None
        key = cologne(folded)
        for form in forms:
            score = float(fuzz.ratio(folded, form.folded))
            if form.key == key and score >= self.tuning.given_phonetic_min:
                verdict: tuple[Rule, float] = ("phonetic", score)
            elif score >= self.tuning.given_fuzzy_min:
                verdict = ("fuzzy", score)
            else:
                continue
            if best is None or verdict[1] > best[1]:
                best = verdict
        return best

    def _compound_name(self, words: list[Word], last: int) -> bool:
        """'Orekhovo-Zuyevo': hyphenated to a capitalized word that is not a common word, or
        that is a name of the convention (so that the answer is the same before and after that
        word is fixed: 'Bilhorod-Dnnsky', then 'Bilhorod-Donezk')."""
        if last + 1 >= len(words) or words[last].joiner not in ("-", "\u2011"):
            return False
        nxt = words[last + 1]
        if not nxt.capitalized:
            return False
        rare = self.frequencies.zipf(nxt.text) < self.tuning.zipf_known
        return rare or bool(self.matcher.match(nxt.text, 1).candidates)

    def _namesake(self, text: str, end: int) -> bool:
        """'Odessa, Texas': the place is followed by ', ' and a region outside the coverage."""
        if text[end : end + 2] != ", ":
            return False
        rest = text[end + 2 : end + 40]
        return any(
            rest.startswith(region) and not rest[len(region) : len(region) + 1].isalpha() for region in self.elsewhere
        )

    def _foreign_name(self, words: list[Word], last: int) -> str:
        """'die Kyiv Pechersk Lavra', 'die Kyiv-Mohyla-Akademie': in a language that never puts a
        noun after a place name, a rare capitalized word right after it (or hyphenated to it) that
        is no compound of the language and no name of an entry makes it part of a foreign name."""
        joined = words[last].joiner in (*_SPACES, "-", "\u2011") if last + 1 < len(words) else False
        if not (self.foreign_names_after_place and joined):
            return ""
        after = words[last + 1]
        if not (after.capitalized and self._rare_name(after.text)) or self._compound_of_words(after.text):
            return ""
        return "" if self.matcher.match(after.text, 1).candidates else after.text

    def _compound_of_words(self, word: str) -> bool:
        """'Gegenoffensive', 'Drohnenangriffe': a rare word that ends in a word of the language
        (of four letters or more) is a compound of the language, not a foreign name."""
        zipf = self.frequencies.zipf
        known = self.tuning.zipf_known
        return any(zipf(word[i:]) >= known for i in range(1, len(word) - 3))

    def _place_prefix(self, words: list[Word], i: int, taken: int) -> str:
        """'Stary Oskol': the word before is an adjective that makes another place name."""
        if i == 0 or i - 1 <= taken:
            return ""
        before = words[i - 1]
        if before.capitalized and before.joiner and fold(before.text) in self.place_prefixes:
            return before.text
        return ""

    def _named_after(self, words: list[Word], last: int, things: frozenset[str]) -> str:
        """'Tinkoff Bank', 'Sikorsky-Preis', 'Kyiv Independent', 'Kharkiv Human Rights Group':
        a word among the next capitalized words joined to the name makes it another name."""
        for nxt in range(last + 1, min(last + 1 + _NAMED_AFTER_REACH, len(words))):
            if not words[nxt - 1].joiner or not words[nxt].capitalized:
                break
            if fold(words[nxt].text) in things:
                return words[nxt].text
        return ""

    def _person_ahead(self, words: list[Word], last: int, found: str) -> bool:
        """'Ismail Yilmaz': a given name right before another capitalized word."""
        if self.names.group(found) is None or last + 1 >= len(words):
            return False
        return words[last].joiner in (" ", "\u00a0") and words[last + 1].capitalized

    def _other_given(self, text: str, words: list[Word], i: int, taken: int, loose: bool) -> str:
        """The given name of another person right before the surname: a known given name, or,
        when the surname matched only `loose`ly, any rare capitalized word ('Ljubomyr')."""
        if i == 0 or i - 1 <= taken:
            return ""
        before = words[i - 1]
        if not (before.capitalized and _next_to(text, before, words[i])):
            return ""
        folded = fold(before.text)
        if self.names.group(before.text) is not None or self.index.is_given(folded):
            return before.text
        if loose and self._rare_name(before.text):
            return before.text
        return ""

    def _rare_name(self, word: str) -> bool:
        """A capitalized word that is not a word of the prose language: a name."""
        return (
            word.lower() not in PARTICLES
            and not word.isupper()
            and self.frequencies.zipf(word) < self.tuning.zipf_known
        )

    def _place_slot(self, text: str, start: int) -> str:
        """The preposition before `start` that makes the next name a place ('bei', 'near')."""
        return _phrase_before(text, start, self.place_slot)

    def _genitive(self, text: str, words: list[Word], i: int) -> Outcome | None:
        """'Laut Kadyrowa', 'according to Kelloga': after words that govern a genitive, machine
        translation leaks the Russian genitive -a (по словам Кадырова). After -ow or -in the -a also
        makes the woman's name, and a name may lose a double letter (Келлог): such a word is the
        man's name only there, and only when the text around it names him too and no woman of that
        name."""
        word = words[i]
        if len(word.text) < 5 or word.text[-1] not in "aA" or not _phrase_before(text, word.start, self.genitive_slot):
            return None
        if self.names.group(word.text) is not None or not self._rare_name(word.text):
            return None  # 'Laut Marina': a given name or a word of the language
        stem = word.text[:-1]
        found = [
            c
            for c in self.matcher.match(stem, 1).candidates
            if not (c.kept or c.dropped)
            and self.index.entry(c.entry).kind == "person"
            and (c.rule in ("exact", "folded", "variant") or undoubled(fold(stem)) == undoubled(c.form.folded))
            and self._named_elsewhere(words, i, c.entry)
        ]
        if not found or self._woman_named(text, words, i):
            return None
        return Outcome(tuple(Candidate(c.form, c.rule, c.score, stem, "", word.text[-1]) for c in found), ())

    def _named_elsewhere(self, words: list[Word], i: int, entry: int) -> bool:
        """Whether another word near word `i` (within `_NEAR` words) matches the surname of `entry`."""
        match = self.matcher.match
        return any(
            j != i and words[j].capitalized and any(c.entry == entry for c in match(words[j].text, 1).candidates)
            for j in _near(words, i)
        )

    def _woman_named(self, text: str, words: list[Word], i: int) -> bool:
        """Whether the text near word `i` writes it after a given name ('Aischat Kadyrowa')."""
        key = fold(words[i].text)
        return any(fold(words[j].text) == key and self._other_given(text, words, j, -1, True) for j in _near(words, i))

    def _company_before(self, text: str, start: int) -> str:
        """The noun for a company right before `start` ('des Rüstungskonzerns', 'the carmaker')."""
        before = _WORDS_BEFORE.search(text, max(0, start - 40), start)
        if before is None:
            return ""
        word = before.group(1).split()[-1]
        lower = word.lower()
        if lower in self.company_nouns or (self.compound_nouns and lower.endswith(self.company_nouns)):
            return word
        return ""

    def _list_of_places(self, text: str, start: int) -> str:
        """The place noun or preposition before a list of names that the word at `start` closes
        ('bei den Dörfern Udatschne, Kotlyne und Shevchenko', 'near the villages of A, B and C')."""
        before = text[max(0, start - 300) : start]
        conjunction = _CONJUNCTION_END.search(before)
        if conjunction is None:
            return ""
        tokens: list[str] = _LIST_TOKENS.findall(before[: conjunction.start()])
        names = 0
        for i in range(len(tokens) - 1, max(-1, len(tokens) - 16), -1):
            token = tokens[i]
            if token == ",":
                continue
            pair = f"{tokens[i - 1]} {token}".lower() if i > 0 else ""
            for phrase in (pair, token.lower()):
                if names and phrase and (phrase in self.place_nouns or phrase in self.place_slot):
                    return tokens[i - 1] + " " + token if phrase == pair else token
            if not token[:1].isupper():
                return ""
            names += 1
        return ""

    def _name_after(self, words: list[Word], last: int, entry: int) -> str:
        """A rare capitalized word right after the surname that is not this person's given
        name (written after the surname): the word before it was a given name ('Ignaty Dyakonov')."""
        if last + 1 >= len(words) or words[last].joiner not in _SPACES:
            return ""
        after = words[last + 1]
        if not after.capitalized or self._same_given(after.text, entry):
            return ""
        # a listed name counts as a name however it is spelled: its house spelling may be a frequent
        # word where the variant is rare (Poroschenko, Poroshenko), and fix must decide the same
        # before and after it rewrites the word
        listed = any(c.rule in _LISTED for c in self.matcher.match(after.text, 1).candidates)
        return after.text if listed or self._rare_name(after.text) else ""


_LISTED = frozenset({"exact", "folded", "variant"})  # rules of a listed or generated spelling


class _Introduced:
    """Surnames a text introduced as another person's ('Aaron Ischtschenko') or as the name of a
    company ('Tinkoff Bank'), by folded spelling: why every later bare mention is that too."""

    def __init__(self, text: str):
        self.text = text
        self.reasons: dict[str, str] = {}
        self.offset, self.number = 0, 1  # the line of the last offset looked up, to count on from

    def line(self, start: int) -> int:
        """The line of offset `start`, counted from the last one looked up."""
        step = self.text.count("\n", self.offset, start) - self.text.count("\n", start, self.offset)
        self.offset, self.number = start, self.number + step
        return self.number

    def add(self, keys: tuple[str, ...], reason: str) -> None:
        for key in keys:
            self.reasons.setdefault(key, reason)

    def why(self, keys: Iterable[str]) -> str:
        return next((self.reasons[k] for k in keys if k in self.reasons), "")


_BATCH = 4096  # words read at a time
_OPENERS = " \t\u00a0\"'„“”‚‘’«»‹›([{"
_SENTENCE_ENDS = ".!?…:\n\r"


def _named_thing(span: Skip, thing: str, kind: str, others: _Introduced) -> Skip:
    """The span left alone as part of the name of something named after a person or place
    ('Tinkoff Bank'); a person's name so spelled names that thing later in the text too ('der
    Schriftzug Tinkoff')."""
    if kind == "person":
        others.add((fold(span.found),), f"the text writes '{span.found} {thing}': the name of that")
    return Skip(span.start, span.end, span.found, f"followed by '{thing}': the name of something named after a {kind}")


def _phrase_before(text: str, start: int, phrases: frozenset[str]) -> str:
    """The one or two words right before `start` if they are one of the (lowercase) `phrases`."""
    before = _WORDS_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return ""
    tail = before.group(1).split()
    for count in (2, 1):
        phrase = " ".join(tail[-count:]).lower()
        if len(tail) >= count and phrase in phrases:
            return " ".join(tail[-count:])
    return ""


def _sentence_start(text: str, start: int) -> bool:
    """Whether `start` begins a sentence, a line or the text (opening quotes aside)."""
    i = start
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    return i == 0 or text[i - 1] in _SENTENCE_ENDS


_SPACES = (" ", "\u00a0")
# what may stand between a given name and a surname: a space, or a line break inside a paragraph
# ('Steven\nWittkoff' is one name: both words change, or neither)
_NAME_GAPS = frozenset({*_SPACES, "\n", "\r\n"})
_NAMED_AFTER_REACH = 4  # capitalized words after a name that may still belong to what is named after it
_WORDS_BEFORE = re.compile(r"((?:\w+[ \u00a0]+){1,2})\Z")
# a list that the next name closes ends in a conjunction; its words and commas, read backwards
_CONJUNCTION_END = re.compile(r"[ \u00a0]+(?:und|and|sowie|oder|or)[ \u00a0]+\Z")
_LIST_TOKENS = re.compile(r"[\w’'-]+|[,.;:!?()«»„“”\"]")
_INSIDE_GIVEN = (*_SPACES, "-", "\u2011")  # what joins the words of a given name ('Jean-Noël')


_NEAR = 400  # words before and after a word that count as its text for the genitive rule (an article)


def _near(words: list[Word], i: int) -> range:
    return range(max(0, i - _NEAR), min(len(words), i + _NEAR + 1))


def _next_to(text: str, a: Word, b: Word) -> bool:
    """Whether word `b` follows word `a` with only a space or one line break between them."""
    return text[a.end : b.start] in _NAME_GAPS


def _weaker(a: Rule, b: Rule) -> Rule:
    order: list[Rule] = ["exact", "folded", "variant", "phonetic", "fuzzy"]
    return a if order.index(a) >= order.index(b) else b


def _why_not(outcome: Outcome) -> str:
    if outcome.misses:
        best = max(outcome.misses, key=lambda m: m.score)
        return f"closest: '{best.form.text}' ({best.score:.0f}): {best.reason}"
    return outcome.blocked or "no entry is close"
