"""The words around a matched name that make it something else: a company, a place in a list,
the name of a thing named after a person, a namesake elsewhere, part of a foreign name; and the
leaked genitive after words that govern one.

Each check returns the reason (`normalizer.codes.Why`, with the data entry that decided it) or
None; the resolver (`normalizer.resolve`) asks them in its order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from normalizer import codes
from normalizer.codes import Why, data_key
from normalizer.index import PARTICLES, Lookup
from normalizer.lexicon import Context, Frequencies, GivenNames
from normalizer.match import Candidate, Matcher, Outcome, undoubled
from normalizer.scan import Word
from normalizer.textfold import fold
from normalizer.tuning import Tuning

SPACES = (" ", "\u00a0")
# what may stand between a given name and a surname: a space, or a line break inside a paragraph
# ('Steven\nWittkoff' is one name: both words change, or neither)
_NAME_GAPS = frozenset({*SPACES, "\n", "\r\n"})
_OPENERS = " \t\u00a0\"'„“”‚‘’«»‹›([{"
_SENTENCE_ENDS = ".!?…:\n\r"
_WORDS_BEFORE = re.compile(r"((?:\w+[ \u00a0]+){1,2})\Z")
# a list that the next name closes ends in a conjunction; its words and commas, read backwards
_CONJUNCTION_END = re.compile(r"[ \u00a0]+(?:und|and|sowie|oder|or)[ \u00a0]+\Z")


@cache
def _list_tokens() -> re.Pattern[str]:
    """The words and commas of that list (compiled on first use: most texts have none)."""
    return re.compile(r"[\w’'-]+|[,.;:!?()«»„“”\"]")


class Around:
    """The context checks of one prose language."""

    def __init__(self, matcher: Matcher, names: GivenNames, context: Context, frequencies: Frequencies, tuning: Tuning):
        self.matcher = matcher
        self.names = names
        self.frequencies = frequencies
        self.tuning = tuning
        self.context = context
        # words after a name that make it the name of something else, by the kind of the entry
        self.named_after = {
            "person": ("named_after", context.named_after),
            "place": ("place_named_after", context.place_named_after),
        }

    @property
    def index(self) -> Lookup:
        """The matcher's index (`Normalizer.use_index` may swap it for a stored one)."""
        return self.matcher.index

    def rare_name(self, word: str) -> bool:
        """A capitalized word that is not a word of the prose language: a name."""
        return (
            word.lower() not in PARTICLES
            and not word.isupper()
            and self.frequencies.zipf(word) < self.tuning.zipf_known
        )

    def other_given(self, text: str, words: list[Word], i: int, taken: int, loose: bool) -> str:
        """The given name of another person right before the surname: a known given name, or,
        when the surname matched only `loose`ly, any rare capitalized word ('Ljubomyr')."""
        if i == 0 or i - 1 <= taken:
            return ""
        before = words[i - 1]
        if not (before.capitalized and next_to(text, before, words[i])):
            return ""
        folded = fold(before.text)
        if self.names.group(before.text) is not None or self.index.is_given(folded):
            return before.text
        if loose and self.rare_name(before.text):
            return before.text
        return ""

    def thing_named(self, words: list[Word], last: int, kind: str, found: str, others: Introduced) -> Why | None:
        """'Tinkoff Bank', 'Sikorsky-Preis', 'Kyiv Independent', 'Kharkiv Human Rights Group':
        a word among the next capitalized words joined to the name makes it another name; a
        person's name so spelled names that thing later in the text too ('der Schriftzug Tinkoff')."""
        group, things = self.named_after.get(kind, ("", frozenset()))
        for nxt in range(last + 1, min(last + 1 + self.tuning.named_after_reach, len(words))):
            if not words[nxt - 1].joiner or not words[nxt].capitalized:
                break
            if (folded := fold(words[nxt].text)) in things:
                thing, key = words[nxt].text, data_key("context." + group, folded)
                if kind == "person":
                    others.add(
                        (fold(found),),
                        codes.NAMED_AFTER.because(f"the text writes '{found} {thing}': the name of that", key),
                    )
                reason = f"followed by '{thing}': the name of something named after a {kind}"
                return codes.NAMED_AFTER.because(reason, key)
        return None

    def company_before(self, text: str, start: int) -> Why | None:
        """The noun for a company right before `start` ('des Rüstungskonzerns', 'the carmaker')."""
        before = _WORDS_BEFORE.search(text, max(0, start - self.tuning.look_back), start)
        if before is None:
            return None
        word = before.group(1).split()[-1]
        lower = word.lower()
        nouns = self.context.company_nouns
        noun = lower if lower in nouns else next((n for n in nouns if lower.endswith(n)), "")
        if not noun or (noun != lower and not self.context.compound_nouns):
            return None
        reason = f"after '{word}': a company named after a person"
        return codes.COMPANY.because(reason, data_key("context.company_nouns", noun))

    def place_slot(self, text: str, start: int) -> Why | None:
        """The preposition before `start` that makes the next name a place ('bei', 'near')."""
        slot = phrase_before(text, start, self.context.place_slot, self.tuning.look_back)
        if not slot:
            return None
        reason = f"after '{slot}': the name of a place, not of the person"
        return codes.PLACE_SLOT.because(reason, data_key("context.place_slot", slot.lower()))

    def list_of_places(self, text: str, start: int) -> Why | None:
        """The place noun or preposition before a list of names that the word at `start` closes
        ('bei den Dörfern Udatschne, Kotlyne und Shevchenko', 'near the villages of A, B and C')."""
        before = text[max(0, start - self.tuning.list_look_back) : start]
        conjunction = _CONJUNCTION_END.search(before)
        if conjunction is None:
            return None
        tokens: list[str] = _list_tokens().findall(before[: conjunction.start()])
        names = 0
        for i in range(len(tokens) - 1, max(-1, len(tokens) - self.tuning.list_tokens), -1):
            token = tokens[i]
            if token == ",":
                continue
            pair = f"{tokens[i - 1]} {token}".lower() if i > 0 else ""
            for phrase in (pair, token.lower()):
                for group, listed in (
                    ("place_nouns", self.context.place_nouns),
                    ("place_slot", self.context.place_slot),
                ):
                    if names and phrase and phrase in listed:
                        places = tokens[i - 1] + " " + token if phrase == pair else token
                        reason = f"in a list of places after '{places}': a place, not the person"
                        return codes.PLACE_LIST.because(reason, data_key("context." + group, phrase))
            if not token[:1].isupper():
                return None
            names += 1
        return None

    def person_ahead(self, words: list[Word], last: int, found: str) -> bool:
        """'Ismail Yilmaz': a given name right before another capitalized word."""
        if self.names.group(found) is None or last + 1 >= len(words):
            return False
        return words[last].joiner in SPACES and words[last + 1].capitalized

    def namesake(self, text: str, end: int) -> Why | None:
        """'Odessa, Texas': the place is followed by ', ' and a region outside the coverage."""
        if text[end : end + 2] != ", ":
            return None
        rest = text[end + 2 : end + 2 + self.tuning.namesake_reach]
        for region in self.context.elsewhere:
            if rest.startswith(region) and not rest[len(region) : len(region) + 1].isalpha():
                reason = "a namesake elsewhere (followed by a US state or other region)"
                return codes.NAMESAKE.because(reason, data_key("context.elsewhere", region))
        return None

    def place_prefix(self, words: list[Word], i: int, taken: int) -> Why | None:
        """'Stary Oskol': the word before is an adjective that makes another place name."""
        if i == 0 or i - 1 <= taken:
            return None
        before = words[i - 1]
        if before.capitalized and before.joiner and (folded := fold(before.text)) in self.context.place_prefixes:
            reason = f"part of another place name, after '{before.text}'"
            return codes.PLACE_PREFIX.because(reason, data_key("context.place_prefixes", folded))
        return None

    def foreign_name(self, text: str, words: list[Word], last: int) -> Why | None:
        """'die Kyiv Pechersk Lavra', 'die Kyiv-Mohyla-Akademie': in a language that never puts a
        noun after a place name, a rare capitalized word right after it (or hyphenated to it) that
        is no compound of the language and does not begin a name of an entry makes it part of a
        foreign name. (A name of an entry of several words counts as one: once it is fixed, its
        first word may be a common one, and the answer must be the same before and after.)"""
        joined = words[last].joiner in (*SPACES, "-", "\u2011") if last + 1 < len(words) else False
        if not (self.context.foreign_names_after_place and joined):
            return None
        after = words[last + 1]
        if not (after.capitalized and self.rare_name(after.text)) or self._compound_of_words(after.text):
            return None
        if self._begins_a_name(text, words, last + 1):
            return None
        return codes.FOREIGN_NAME.because(f"followed by '{after.text}': part of a name in another language")

    def _begins_a_name(self, text: str, words: list[Word], first: int) -> bool:
        """Whether the capitalized words joined from `first` on (as many as an entry's name may
        have) are or hold a name some entry matches: 'Cunther Sautter' (a given name the resolver
        joins to the surname after it)."""
        size = 1
        while first + size <= len(words) and size <= self.matcher.index.max_words:
            last = words[first + size - 1]
            if size > 1 and not (words[first + size - 2].joiner and last.capitalized):
                return False
            match = self.matcher.match
            if match(text[words[first].start : last.end], size).candidates or (
                size > 1 and match(last.text, 1).candidates
            ):
                return True
            size += 1
        return False

    def _compound_of_words(self, word: str) -> bool:
        """'Gegenoffensive', 'Drohnenangriffe': a rare word that ends in a word of the language
        (of `compound_tail_min_length` letters or more) is a compound of the language, not a foreign name."""
        zipf = self.frequencies.zipf
        known = self.tuning.zipf_known
        return any(zipf(word[i:]) >= known for i in range(1, len(word) - self.tuning.compound_tail_min_length + 1))

    def compound_name(self, words: list[Word], last: int) -> bool:
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

    def genitive(self, text: str, words: list[Word], i: int) -> Outcome | None:
        """'Laut Kadyrowa', 'according to Kelloga': after words that govern a genitive, machine
        translation leaks the Russian genitive -a (по словам Кадырова). After -ow or -in the -a also
        makes the woman's name, and a name may lose a double letter (Келлог): such a word is the
        man's name only there, and only when the text around it names him too and no woman of that
        name."""
        word = words[i]
        if len(word.text) < self.tuning.genitive_min_length or word.text[-1] not in "aA":
            return None
        slot = phrase_before(text, word.start, self.context.genitive_slot, self.tuning.look_back)
        if not slot:
            return None
        if self.names.group(word.text) is not None or not self.rare_name(word.text):
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
        code, key = codes.GENITIVE.code, data_key("context.genitive_slot", slot.lower())
        return Outcome(tuple(Candidate(c.form, c.rule, c.score, stem, "", word.text[-1], code, key) for c in found), ())

    def _named_elsewhere(self, words: list[Word], i: int, entry: int) -> bool:
        """Whether another word near word `i` (within `near_words` words) matches the surname of `entry`."""
        match = self.matcher.match
        return any(
            j != i and words[j].capitalized and any(c.entry == entry for c in match(words[j].text, 1).candidates)
            for j in self._near(words, i)
        )

    def _woman_named(self, text: str, words: list[Word], i: int) -> bool:
        """Whether the text near word `i` writes it after a given name ('Aischat Kadyrowa')."""
        key = fold(words[i].text)
        return any(
            fold(words[j].text) == key and self.other_given(text, words, j, -1, True) for j in self._near(words, i)
        )

    def _near(self, words: list[Word], i: int) -> range:
        near = self.tuning.near_words
        return range(max(0, i - near), min(len(words), i + near + 1))


class Introduced:
    """Surnames a text introduced as another person's ('Aaron Ischtschenko') or as the name of a
    company ('Tinkoff Bank'), by folded spelling: why every later bare mention is that too."""

    def __init__(self, text: str):
        self.text = text
        self.reasons: dict[str, Why] = {}
        self.offset, self.number = 0, 1  # the line of the last offset looked up, to count on from

    def line(self, start: int) -> int:
        """The line of offset `start`, counted from the last one looked up."""
        step = self.text.count("\n", self.offset, start) - self.text.count("\n", start, self.offset)
        self.offset, self.number = start, self.number + step
        return self.number

    def add(self, keys: tuple[str, ...], reason: Why) -> None:
        for key in keys:
            self.reasons.setdefault(key, reason)

    def why(self, keys: Iterable[str]) -> Why | None:
        return next((self.reasons[k] for k in keys if k in self.reasons), None)


def phrase_before(text: str, start: int, phrases: frozenset[str], reach: int) -> str:
    """The one or two words right before `start` (within `reach` characters) if they are one of
    the (lowercase) `phrases`."""
    before = _WORDS_BEFORE.search(text, max(0, start - reach), start)
    if before is None:
        return ""
    tail = before.group(1).split()
    for count in (2, 1):
        phrase = " ".join(tail[-count:]).lower()
        if len(tail) >= count and phrase in phrases:
            return " ".join(tail[-count:])
    return ""


def sentence_start(text: str, start: int) -> bool:
    """Whether `start` begins a sentence, a line or the text (opening quotes aside)."""
    i = start
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    return i == 0 or text[i - 1] in _SENTENCE_ENDS


def next_to(text: str, a: Word, b: Word) -> bool:
    """Whether word `b` follows word `a` with only a space or one line break between them."""
    return text[a.end : b.start] in _NAME_GAPS
