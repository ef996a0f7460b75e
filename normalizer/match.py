"""Score a span of text against the index: exact, folded, generated variant, fuzzy, phonetic.

`Matcher.match` returns every candidate entry that passes, and every near miss with the reason
it was refused, so that `explain` can say why nothing applies. Fuzzy matching is gated for
prose: a minimum length, the protected words, given names, the word's frequency in the prose
language (frequent words need a higher score; very frequent ones are never fuzzy-matched), and
guards against other names built on the same stem (*Jermakow*, *Peskowa*, *Kiewer*).
"""

from __future__ import annotations

from typing import NamedTuple

from normalizer import codes
from normalizer.codes import Why, data_key
from normalizer.findings import Rule
from normalizer.index import PARTICLES, Form, Lookup, block_keys, word_count
from normalizer.lexicon import DEFAULT_SOURCE, Endings, Frequencies, GivenNames, Inflection, endings
from normalizer.phonetic import cologne, skeleton
from normalizer.sounds import block_key, difference, sound_key
from normalizer.stems import Stem, Stemmer
from normalizer.textfold import fold, has_cyrillic
from normalizer.tuning import Tuning

_MEMO_SIZE = 200_000
RANK: dict[Rule, int] = {"exact": 3, "folded": 3, "variant": 3, "phonetic": 2, "fuzzy": 1, "ambiguous": 0}


class Candidate(NamedTuple):
    """An entry that the span may stand for, and how the house spelling is built."""

    form: Form
    rule: Rule
    score: float
    stem: str  # the part of the span that matched the form
    kept: str  # an ending of the prose, kept after the house spelling
    dropped: str  # a leaked source-language ending, dropped
    code: str  # the rule that found it (normalizer.codes)
    key: str = ""  # the data entry that decided it ('inflection.leaked.after_a=y')

    @property
    def entry(self) -> int:
        return self.form.entry

    @property
    def rank(self) -> tuple[int, float]:
        return RANK[self.rule], self.score


class Miss(NamedTuple):
    """A form that came close, with the reason it was not taken."""

    form: Form
    score: float
    why: Why


class Outcome(NamedTuple):
    candidates: tuple[Candidate, ...]
    misses: tuple[Miss, ...]
    blocked: Why | None = None  # why fuzzy matching was not tried at all


class Matcher:
    """Matches spans of one prose language against one index."""

    def __init__(
        self, index: Lookup, tuning: Tuning, frequencies: Frequencies, inflection: Inflection, names: GivenNames
    ):
        self.index = index
        self.tuning = tuning
        self.frequencies = frequencies
        self.inflection = inflection
        self.names = names
        self._memo: dict[tuple[str, int], Outcome] = {}
        # the ending structure of each source language; languages that share one share a stemmer
        self.endings = endings()
        sharing: dict[Endings, set[str]] = {}
        for lang, structure in self.endings.items():
            sharing.setdefault(structure, set()).add(lang)
        alone = len(sharing) == 1  # then every stem fits every entry
        self.stemmers = [Stemmer(inflection, e, None if alone else frozenset(s)) for e, s in sharing.items()]
        self.stemmer = self.stemmers[0]

    def forget(self) -> None:
        """Drop the remembered outcomes."""
        self._memo.clear()

    def match(self, span: str, words: int) -> Outcome:
        """Candidates for `span` (`words` words long); remembered, since names repeat."""
        key = (span, words)
        outcome = self._memo.get(key)
        if outcome is None:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            outcome = self._memo[key] = self._match(span, words)
        return outcome

    def _match(self, span: str, words: int) -> Outcome:
        if has_cyrillic(span):
            return Outcome((), (), codes.CYRILLIC.because("written in Cyrillic: a quote of the original"))
        if self.index.is_protected(fold(span)):
            return Outcome((), (), _protected(fold(span)))
        # a word of its own is not a name with a leaked case ending ('Lücke' is not 'Luck' + e);
        # its frequency is looked up only for a word that ends like one
        leaked = span.lower().endswith(self.stemmer.leaked) and self._zipf(span) < self.tuning.zipf_known
        stems = self.stemmer.stems(span, leaked=leaked)
        for other in self.stemmers[1:]:  # the same span and prose stems, other leaked ones
            stems.extend(s for s in other.stems(span, leaked=leaked) if s.dropped)
        for stem in stems:
            found = self._exact(stem, words)
            if found:
                return Outcome(tuple(found), ())
        if not self.tuning.fuzzy:
            return Outcome((), (), codes.FUZZY_OFF.because("fuzzy matching is off"))
        candidates: list[Candidate] = []
        misses: list[Miss] = []
        blocked: Why | None = None
        for stem in stems:
            if stem.dropped or (stem.kept and stem.kept.lower() not in self.inflection.fuzzy_kept):
                continue
            reason = self._gate(stem.text, span)
            if reason:
                blocked = blocked or reason
                continue
            found, missed = self._fuzzy(stem, span, words)
            candidates.extend(found)
            misses.extend(missed)
        if not candidates and leaked:  # (without `leaked` no stem has a dropped ending)
            candidates = self._sounded_stems(stems, span, words)
        return Outcome(tuple(candidates), tuple(misses), blocked if not candidates and not misses else None)

    def _sounded_stems(self, stems: list[Stem], span: str, words: int) -> list[Candidate]:
        """A leaked case ending after a spelling that sounds exactly like the name ('Hladkovym':
        Гладковым read the Ukrainian way): the sound keys of stem and name must be equal, not
        only close."""
        from rapidfuzz import fuzz  # imported where a score is computed: most words never reach one

        out: list[Candidate] = []
        for stem in stems:
            if not stem.dropped or stem.kept or self._gate(stem.text, span):
                continue
            query = fold(stem.text)
            key = sound_key(stem.text)
            for number in self.index.fuzzy_block(words, ("~" + block_key(query),))[0]:
                form = self.index.form(number)
                score = fuzz.ratio(query, form.folded)
                if (
                    sound_key(form.text) == key
                    and score >= self.tuning.phonetic_min
                    and self._fits(stem, form, words)
                    and not self._refuse(stem.text, query, skeleton(query), form)
                ):
                    code = codes.LEAKED.code
                    out.append(Candidate(form, "phonetic", score, stem.text, "", stem.dropped, code, stem.key))
        return out

    def _fits(self, stem: Stem, form: Form, words: int) -> bool:
        if form.part != "name" or form.words != words:
            return False
        if stem.sources is not None and self._source(form) not in stem.sources:
            return False  # a leaked ending of another source language's names
        if stem.dropped.lower() in self.inflection.not_after_place and self.index.entry(form.entry).kind == "place":
            return False  # 'Borowoj' is another place, not 'Borowa'
        # 'Selenski' is the man's name, not a case form of the woman's 'Selenska' ('Selenskoj' is)
        return not (
            stem.restored_a
            and form.folded.endswith(self.inflection.feminine_surnames)
            and stem.dropped.lower() not in self.inflection.feminine_leaked
        )

    def _source(self, form: Form) -> str:
        """The section of data/endings.yaml that applies to the entry of `form`."""
        lang = self.index.entry(form.entry).source_lang or DEFAULT_SOURCE
        return lang if lang in self.endings else DEFAULT_SOURCE

    def _exact(self, stem: Stem, words: int) -> list[Candidate]:
        index = self.index
        out: list[Candidate] = []
        seen: set[int] = set()
        for number in index.spelled_as(stem.text.casefold()):
            form = index.form(number)
            if self._fits(stem, form, words):
                rule: Rule = "variant" if form.generated else "exact"
                out.append(_listed(form, rule, stem))
                seen.add(number)
        for number in index.folded_as(fold(stem.text)):
            form = index.form(number)
            if number not in seen and self._fits(stem, form, words):
                rule = "variant" if form.generated else "folded"
                out.append(_listed(form, rule, stem))
        return out

    def _given_name(self, text: str) -> bool:
        return self.index.is_given(fold(text)) or self.names.group(text) is not None

    def _zipf(self, *texts: str) -> float:
        """The highest word frequency in the texts, particles ('am', 'on') aside."""
        found = [w for text in texts for w in text.replace("-", " ").split() if w not in PARTICLES]
        return max((self.frequencies.zipf(w) for w in found), default=0.0)

    def _gate(self, text: str, span: str) -> Why | None:
        folded = fold(text)
        if len(folded) < self.tuning.min_length:
            return codes.TOO_SHORT.because(f"shorter than {self.tuning.min_length} letters")
        if self.index.is_protected(folded):
            return _protected(folded)
        zipf = self._zipf(text, span)
        if zipf >= self.tuning.zipf_block:
            return codes.COMMON.because(f"common word (Zipf frequency {zipf:.1f})")
        return None

    def _fuzzy(self, stem: Stem, span: str, words: int) -> tuple[list[Candidate], list[Miss]]:
        tuning = self.tuning
        query = fold(stem.text)
        shape = skeleton(query)
        blocks = block_keys(query, shape)
        block, choices = self.index.fuzzy_block(words, blocks)
        if not choices:  # most words: no form shares a block key with them
            return [], []
        from rapidfuzz import fuzz, process

        keys = {key[1:] for key in blocks if key[0] == "="}  # the phonetic keys of query and shape
        zipf = self._zipf(stem.text, span)
        known = zipf >= tuning.zipf_known
        cutoff = min(tuning.phonetic_min, tuning.fuzzy_min) - tuning.search_slack
        found: list[Candidate] = []
        missed: list[Miss] = []
        for _, shape_score, position in process.extract(
            shape, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        ):
            form = self.index.form(block[position])
            plain = fuzz.ratio(query, form.folded)
            phonetic = form.key in keys or cologne(form.skeleton) in keys
            reason = self._refuse(stem.text, query, shape, form)
            if known:
                score = plain
                need = tuning.known_phonetic_min if phonetic else tuning.known_fuzzy_min
                if not reason and phonetic and len(query) < tuning.known_min_length:
                    need = tuning.known_fuzzy_min
                if not reason and words == 1 and query != form.folded and undoubled(query) == undoubled(form.folded):
                    # in a word of the language a doubled letter is part of the word (the vowel
                    # before it is short): 'Kutter' is a word, not the name 'Kuter' misspelt
                    reason = codes.DOUBLED.because(
                        f"'{stem.text}' is a word of its own; its doubled letter makes it another word"
                    )
            else:
                score = max(shape_score, plain)
                need = tuning.phonetic_min if phonetic else tuning.fuzzy_min
                if len(query) <= tuning.short_length:
                    need = max(need, tuning.short_phonetic_min if phonetic else tuning.known_fuzzy_min)
                if not reason:
                    need -= tuning.explained_bonus  # the sound keys agree (normalizer.sounds)
                if not reason and plain < tuning.plain_floor:
                    reason = codes.SPELLING_DIFFERS.because(
                        f"the spellings differ too much ({plain:.0f} before evening out romanisations)"
                    )
            if not reason and score < need:
                below = f"score {score:.0f} below {need:.0f}" + (" (phonetic keys agree)" if phonetic else "")
                if known:
                    below += f"; '{stem.text}' is a word of its own (Zipf frequency {zipf:.1f})"
                reason = codes.BELOW.because(below)
            if reason:
                missed.append(Miss(form, float(score), reason))
                continue
            rule: Rule = "phonetic" if phonetic else "fuzzy"
            code = codes.MULTIWORD if words > 1 else codes.PHONETIC if phonetic else codes.FUZZY
            found.append(Candidate(form, rule, float(score), stem.text, stem.kept, "", code.code))
        return found, missed

    def _refuse(self, text: str, query: str, shape: str, form: Form) -> Why | None:
        """Why `form` must not be taken for this word whatever the score (None if it may)."""
        entry = self.index.entry(form.entry)
        if not entry.fuzzy:
            return codes.EXACT_ONLY.because("entry allows exact matches only")
        if entry.kind == "person" and self._given_name(text):
            return codes.GIVEN_ALONE.because("a given name (changed only together with a matched surname)")
        reason = self._guard(query, form.folded, form) or self._guard(shape, form.skeleton, form)
        if not reason and form.words > 1:
            name = self.index.split(form.entry).surname
            if word_count(name) != form.words:
                # a listed spelling with more words than the name itself ('Kyiv Kiew' for 'Kyjiw')
                # is matched only as written, never approximately
                reason = codes.WORD_COUNT.because(f"'{form.text}' has a different number of words than '{name}'")
            elif not _word_by_word(text, form.text, self.tuning.word_floor):
                reason = codes.WORD_BY_WORD.because(f"the words do not match those of '{form.text}' one by one")
        if not reason and not _same_onset(shape, form.skeleton):
            reason = codes.ONSET.because(f"begins differently from '{form.text}'")
        if reason:
            return reason
        sounds = difference(text, form.text, entry.source_lang or "", entry.kind)
        return codes.NOT_ROMANISATION.because(sounds) if sounds else None

    def _guard(self, query: str, target: str, form: Form) -> Why | None:
        """Refuse words that are other names built on the form's stem."""
        inflection = self.inflection
        ends = self.endings[self._source(form)]
        if query.startswith(target) and len(query) > len(target):
            extra = query[len(target) :]
            if not self.stemmer.may_leak(target, extra):
                return codes.OTHER_WORD.because(
                    f"'{form.text}' + '{extra}' is a different name or word", self.stemmer.not_after(target, extra)
                )
        if (
            target.startswith(query)
            and len(target) > len(query)
            and target[len(query) :] not in ends.soft_endings
            and target != query + query[-1:]  # a final double letter written once: 'Kellog', 'Witkof'
        ):
            return codes.SHORTENED.because(f"a shortened '{form.text}' is a different name or word")
        if self.index.entry(form.entry).kind == "place":
            for ending in inflection.place_derivations:
                if query.endswith(ending) and not target.endswith(ending):
                    key = data_key("inflection.place_derivations", ending)
                    return codes.DERIVED.because(f"the ending -{ending} makes a word derived from '{form.text}'", key)
        if self.index.entry(form.entry).kind == "person":
            for ending in inflection.not_masculine:
                if query.endswith(ending) and not target.endswith(ending):
                    key = data_key("inflection.not_masculine", ending)
                    return codes.NOT_MASCULINE.because(
                        f"the ending -{ending} does not fit the surname '{form.text}'", key
                    )
            feminine = next((e for e in inflection.feminine_surnames if target.endswith(e)), "")
            if feminine and not query.endswith(ends.feminine):
                key = data_key("inflection.feminine_surnames", feminine)
                return codes.FEMININE.because(
                    f"'{form.text}' is a woman's surname; without its -{ends.feminine} it is the man's", key
                )
        return None


def _listed(form: Form, rule: Rule, stem: Stem) -> Candidate:
    """A listed or generated spelling of `form`, maybe after a leaked ending was dropped."""
    code = codes.LEAKED if stem.dropped else codes.VARIANT if rule == "variant" else codes.FOLDED
    if rule == "exact" and not stem.dropped:
        code = codes.EXACT
    return Candidate(form, rule, 100.0, stem.text, stem.kept, stem.dropped, code.code, stem.key)


def _protected(folded: str) -> Why:
    return codes.PROTECTED.because("protected word", data_key("protect", folded))


_VOWELS = frozenset("aeiou")  # the vowels of skeleton spelling (normalizer.phonetic.skeleton)


def _word_by_word(text: str, form: str, floor: float) -> bool:
    """Several words match several words only pairwise: 'Kyjiw Kyjiw' is not 'Kyiv Kiew'."""
    from rapidfuzz import fuzz

    ours, theirs = text.replace("-", " ").split(), form.replace("-", " ").split()
    return len(ours) == len(theirs) and all(
        fuzz.ratio(fold(a), fold(b)) >= floor for a, b in zip(ours, theirs, strict=True)
    )


def undoubled(text: str) -> str:
    """`text` with each run of one letter written once ('kutter' → 'kuter')."""
    return "".join(c for i, c in enumerate(text) if i == 0 or text[i - 1] != c)


def _same_onset(a: str, b: str) -> bool:
    """Same first sound in skeleton spelling: equal first letters, or both vowels
    ('Ermak'/'Jermak' → 'ermak'/'iermak'). A lost or added first consonant ('Orlivka' next to
    'Horliwka') makes another name."""
    return a[:1] == b[:1] or (a[:1] in _VOWELS and b[:1] in _VOWELS)
