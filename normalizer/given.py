"""A person's given name next to a matched surname: before it ('Andrij Sybiha'), before a
patronymic before it ('Andrej Iwanowitsch Sibiga'), or after it ('Sybiga Andriy'); and whether
a spelling is the entry's given name at all.

The resolver (`normalizer.resolve`) holds one `GivenLookup` and asks it with the words of the
text and the candidates of a surname.
"""

from __future__ import annotations

from normalizer.around import SPACES, next_to
from normalizer.findings import Rule
from normalizer.index import Lookup, word_count
from normalizer.lexicon import GivenNames
from normalizer.match import Candidate
from normalizer.phonetic import cologne
from normalizer.scan import Word
from normalizer.textfold import fold
from normalizer.tuning import Tuning

INSIDE_GIVEN = (*SPACES, "-", "\u2011")  # what joins the words of a given name ('Jean-Noël')

# a candidate with the span of its given name and how that name matched
Before = tuple[Candidate, int, int, Rule, float]
After = tuple[int, int, Rule, float]


class GivenLookup:
    """The given names of the convention's persons, found next to their surnames."""

    def __init__(self, index: Lookup, names: GivenNames, patronymic_endings: tuple[str, ...], tuning: Tuning):
        self.index = index
        self.names = names
        self.patronymic_endings = patronymic_endings
        self.tuning = tuning

    def before(self, text: str, words: list[Word], i: int, ranked: list[Candidate], taken: int) -> Before | None:
        """The candidate whose given name stands right before the surname at word `i`, or before a
        patronymic before it, if any; with the given name's span. Words up to `taken` belong to
        an earlier decision."""
        before_patronymic = i - 1 if i > 0 and i - 1 > taken and self._patronymic(text, words, i - 1) else i
        for last in sorted({i, before_patronymic}, reverse=True):
            found = self._ending_before(text, words, last, ranked, taken)
            if found is not None:
                return found
        return None

    def after(self, text: str, words: list[Word], last: int, cand: Candidate) -> After | None:
        """The span of the candidate's given name written right after the surname ending at word
        `last`, if any."""
        given = self.index.split(cand.entry).given
        if not given:
            return None
        for count in sorted({len(given.split()), word_count(given)}, reverse=True):
            after = words[last + 1 : last + 1 + count]
            if len(after) < count or not next_to(text, words[last], after[0]):
                continue
            if not all(w.capitalized for w in after) or any(w.joiner not in INSIDE_GIVEN for w in after[:-1]):
                continue
            verdict = self.same(text[after[0].start : after[-1].end], cand.entry)
            if verdict is not None:
                return after[0].start, after[-1].end, verdict[0], verdict[1]
        return None

    def same(self, spelled: str, entry: int) -> tuple[Rule, float] | None:
        """How `spelled` matches the given name of `entry` (rule and score), or None when it is
        not that given name."""
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
        floor = min(self.tuning.given_phonetic_min, self.tuning.given_fuzzy_min)
        for form in forms:
            if not may_reach(folded, form.folded, floor):
                continue
            from rapidfuzz import fuzz  # imported where a score is computed: most words never reach one

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

    def _ending_before(
        self, text: str, words: list[Word], last: int, ranked: list[Candidate], taken: int
    ) -> Before | None:
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
                    all(w.capitalized and w.joiner in INSIDE_GIVEN for w in before[:-1])
                    and before[-1].capitalized
                    and next_to(text, before[-1], words[last])
                ):
                    continue
                spelled = text[before[0].start : before[-1].end]
                verdict = self.same(spelled, cand.entry)
                if verdict is not None:
                    return cand, before[0].start, before[-1].end, verdict[0], verdict[1]
        return None

    def _patronymic(self, text: str, words: list[Word], i: int) -> bool:
        """'Iwanowitsch', 'Ivanovich', 'Petrivna': a father's name between given name and surname."""
        word = words[i]
        return (
            word.capitalized
            and next_to(text, word, words[i + 1])
            and fold(word.text).endswith(self.patronymic_endings)
            and len(word.text) >= self.tuning.patronymic_min_length
        )


def may_reach(a: str, b: str, floor: float) -> bool:
    """Whether rapidfuzz's ratio of `a` and `b` can be `floor` or more. The ratio is 200 times
    the length of their longest common subsequence over len(a) + len(b), and that subsequence
    has no more letters than `a` has letters that occur in `b` at all."""
    letters = set(b)
    shared = sum(letter in letters for letter in a)
    return 200 * shared >= (floor - 1e-9) * (len(a) + len(b))
