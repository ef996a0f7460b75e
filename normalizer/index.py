"""Build the lookup structures for matching from a convention.

Each entry contributes *forms*: spellings of its matchable part (a person's surname, a place's
or organisation's whole name) and, for persons, of the given name. Forms come from the
canonical spelling, the aliases, and the romanisations of the native spelling (translit).
Forms are indexed by exact (case-folded) text and by folded text. Fuzzy matching compares a
word only with the forms that share a *block key* with it (`block_keys`): a phonetic key, or
the first or the last three letters of the skeleton spelling. A close variant of a name keeps
at least one of them, and a block holds a few forms whatever the size of the table, so the
cost of a fuzzy lookup does not grow with the convention.
"""

from __future__ import annotations

import marshal
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Literal, NamedTuple, Protocol

from normalizer.conventions import Convention, Entry
from normalizer.lexicon import Frequencies, GivenNames, given_names
from normalizer.phonetic import cologne, skeleton
from normalizer.sounds import block_key
from normalizer.textfold import fold, fold_bare, has_cyrillic
from normalizer.tuning import Tuning

Part = Literal["name", "given"]
VIA_RUSSIAN = "generated:via-russian"  # the origin of spellings back from Russian ('Merts')
# lowercase words inside names: 'Ursula von der Leyen', 'Rostow am Don', 'Rostov-on-Don'
PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "di", "da", "du", "la", "le", "al", "el", "bin", "ten", "ter", "zu"}
    | {"am", "an", "on", "upon", "sur", "nad", "na"}
)
_WORDS = re.compile(r"[^\s-]+")
WORD_MARK = " (a word)"  # the end of the origin of a generated spelling that is a word (`Form.word`)


class Form(NamedTuple):
    """One spelling of an entry's name (part 'name') or given name (part 'given'). A named
    tuple, not a dataclass: an index holds hundreds of thousands of them, and tuples load from
    the on-disk cache several times faster."""

    text: str
    folded: str
    key: str  # Kölner Phonetik of `folded`
    skeleton: str  # `folded` with romanisation differences evened out
    entry: int
    part: Part
    origin: str  # 'canonical', 'alias' or 'generated:<systems>'
    words: int

    @property
    def generated(self) -> bool:
        return self.origin.startswith("generated")

    @property
    def word(self) -> bool:
        """A generated spelling that is a word of the prose language ('Zeder', a cedar, for
        Söder): a spelling of the name only right after the person's given name."""
        return self.origin.endswith(WORD_MARK)


class Split(NamedTuple):
    """A person's name split into given name(s) and surname (with particles: 'von der Leyen')."""

    given: str
    surname: str


def split_name(full: str, kind: str) -> Split:
    words = full.split()
    if kind != "person" or len(words) < 2:
        return Split("", full)
    cut = len(words) - 1
    for i in range(1, len(words) - 1):
        if words[i].lower() in PARTICLES:
            cut = i
            break
    return Split(" ".join(words[:cut]), " ".join(words[cut:]))


def word_count(text: str) -> int:
    return len(_WORDS.findall(text))


@dataclass
class Index:
    """Lookup tables over all forms of a convention."""

    convention: Convention
    forms: list[Form] = field(default_factory=list)
    exact: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    folded: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    # block key → the name forms in that block, and their skeletons (the strings fuzzy matching compares)
    blocks: dict[str, tuple[list[int], list[str]]] = field(default_factory=dict)
    splits: list[Split] = field(default_factory=list)
    max_words: int = 1
    given_folded: set[str] = field(default_factory=set)
    protected: frozenset[str] = frozenset()
    givens: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # entry → given forms
    conflicts: list[tuple[str, int, int]] = field(default_factory=list)  # (spelling, entry, other entry)
    common_variants: list[tuple[str, int]] = field(default_factory=list)  # generated, left out

    def add(self, form: Form) -> None:
        """Add `form` as the next form."""
        number = len(self.forms)
        self.forms.append(form)
        if form.part == "given":  # looked up by entry, never by spelling: many people share a given name
            self.given_folded.add(form.folded)
            self.givens[form.entry].append(number)
            return
        keys = keys_of(form)
        self.exact[keys.spelled].append(number)
        for folded in keys.folded:
            self.folded[folded].append(number)
        for block in keys.blocks:
            numbers, shapes = self.blocks.setdefault(block, ([], []))
            numbers.append(number)
            shapes.append(form.skeleton)
        if keys.blocks:
            self.max_words = max(self.max_words, form.words)

    # the lookups the matcher and the resolver use (`Lookup`)

    def form(self, number: int) -> Form:
        return self.forms[number]

    def spelled_as(self, casefolded: str) -> Sequence[int]:
        """The name forms written so, case aside."""
        return self.exact.get(casefolded, ())

    def folded_as(self, folded: str) -> Sequence[int]:
        """The name forms that fold to `folded`."""
        return self.folded.get(folded, ())

    def is_given(self, folded: str) -> bool:
        """A given name of some entry."""
        return folded in self.given_folded

    def is_protected(self, folded: str) -> bool:
        return folded in self.protected

    def entry(self, number: int) -> Entry:
        return self.convention.entries[number]

    def split(self, entry: int) -> Split:
        return self.splits[entry]

    def given_forms(self, entry: int) -> list[Form]:
        return [self.forms[i] for i in self.givens.get(entry, ())]

    def fuzzy_block(self, words: int, keys: Iterable[str]) -> tuple[list[int], list[str]]:
        """The name forms of `words` words that share one of the block `keys`, each once, and
        their skeletons (see `block_keys`)."""
        return merge_blocks(self.blocks.get(f"{words}{key}") for key in keys)


class Lookup(Protocol):
    """What matching reads from an index: an `Index` in memory, or one compiled to disk
    (`normalizer.store.StoredIndex`)."""

    @property
    def max_words(self) -> int: ...
    def form(self, number: int) -> Form: ...
    def spelled_as(self, casefolded: str) -> Sequence[int]: ...
    def folded_as(self, folded: str) -> Sequence[int]: ...
    def is_given(self, folded: str) -> bool: ...
    def is_protected(self, folded: str) -> bool: ...
    def entry(self, number: int) -> Entry: ...
    def split(self, entry: int) -> Split: ...
    def given_forms(self, entry: int) -> list[Form]: ...
    def fuzzy_block(self, words: int, keys: Iterable[str]) -> tuple[list[int], list[str]]: ...


def merge_blocks(blocks: Iterable[tuple[Sequence[int], Sequence[str]] | None]) -> tuple[list[int], list[str]]:
    """The forms of several blocks, each once and in the order of the index (the same
    whatever the order of the blocks), and their skeletons."""
    unique: dict[int, str] = {}
    for found in blocks:
        if found is not None:
            unique.update(zip(found[0], found[1], strict=True))
    numbers = sorted(unique)
    return numbers, [unique[number] for number in numbers]


def block_keys(folded: str, shape: str) -> set[str]:
    """The keys under which a spelling is blocked for fuzzy matching: the phonetic keys of its
    folded and its skeleton spelling, and the first and the last three letters of the skeleton.
    Two spellings close enough to be matched share at least one of them (a difference of one
    or two letters leaves the start or the end of the word intact)."""
    return {"=" + cologne(folded), "=" + cologne(shape), "<" + shape[:3], ">" + shape[-3:], "~" + block_key(folded)}


def build_index(
    convention: Convention,
    names: GivenNames | None = None,
    frequencies: Frequencies | None = None,
    tuning: Tuning | None = None,
) -> Index:
    """The index of all forms of `convention` in memory (see `forms_of`)."""
    splits = entry_splits(convention)
    index = Index(convention, splits=splits, protected=frozenset(fold(w) for w in convention.protect))
    for form in forms_of(convention, splits, names, frequencies, tuning, index.conflicts, index.common_variants):
        index.add(form)
    return index


def entry_splits(convention: Convention) -> list[Split]:
    return [split_name(entry.canonical, entry.kind) for entry in convention.entries]


SPILL_ENTRIES = 1000  # the entries whose generated forms are written to the temporary file at once


def forms_of(
    convention: Convention,
    splits: Sequence[Split],
    names: GivenNames | None,
    frequencies: Frequencies | None,
    tuning: Tuning | None,
    conflicts: list[tuple[str, int, int]],
    common_variants: list[tuple[str, int]],
) -> Iterator[Form]:
    """The forms of every entry in the order they are numbered: the explicit ones (canonical,
    aliases) of all entries, then the generated ones, which lose to them. Each spelling comes
    once per entry and part; a generated spelling that is a common word of the prose language
    ('Luck' for Luzk) is left out. Spellings that two entries share go to `conflicts`, common
    words to `common_variants`.

    The generated forms wait for the explicit ones of all entries in a temporary file, not in
    memory: at 100,000 entries they are about a million."""
    import tempfile  # imported here: a run from the cache builds no index

    names = names or given_names()
    frequencies = frequencies or Frequencies(convention.language)
    tuning = tuning or Tuning()
    explicit: dict[str, int] = {}  # folded explicit spelling of a name → its first entry
    with tempfile.TemporaryFile() as spilled:
        batch: _Spilled = []
        for number, entry in enumerate(convention.entries):
            spelled: set[tuple[str, Part]] = set()  # (case-folded spelling, part) of the entry so far
            pending: list[Form] = []
            for text, origin in _spellings(entry):
                for form in _forms(text, origin, number, entry):
                    if form.generated:
                        pending.append(form)
                        continue
                    if form.part == "name":
                        explicit.setdefault(form.folded, number)
                    if _new(form, spelled):
                        yield form
            split = splits[number]
            if entry.kind == "person" and not entry.native and not has_cyrillic(entry.canonical):
                pending.extend(_via_russian(split, number))
            if entry.kind == "person" and split.given:
                for word in names.equivalents(split.given.split()[0]) if len(split.given.split()) == 1 else ():
                    if not has_cyrillic(word):
                        pending.append(_form(word, "given-name table", number, "given"))
            batch.append((spelled, [tuple(form) for form in pending]))
            if len(batch) == SPILL_ENTRIES:
                _spill(batch, spilled)
                batch = []
        _spill(batch, spilled)
        spilled.seek(0)
        generated_by: dict[str, int] = {}
        while (read := _next_batch(spilled)) is not None:
            for spelled, generated in read:
                for fields in generated:
                    form = Form._make(fields)
                    if form.part == "name":
                        # Given names are shared by many people: only names must not collide. Two
                        # entries with the same house spelling of the name (the Klitschko brothers)
                        # do not collide: the given name tells them apart, and a lone surname is
                        # rewritten the same way.
                        owner = explicit.get(form.folded)
                        other = owner if owner is not None else generated_by.setdefault(form.folded, form.entry)
                        if other != form.entry and splits[other].surname != splits[form.entry].surname:
                            conflicts.append((form.text, form.entry, other))
                            if owner is not None:
                                continue
                        # a spelling that a namesake lists ('Klychko', an alias of one Klitschko
                        # brother) is kept for this entry too: the given name before it decides
                        if owner is None and _common(form, frequencies, tuning):
                            common_variants.append((form.text, form.entry))
                            if convention.entries[form.entry].kind == "person" and splits[form.entry].given:
                                # kept for the full name only ('Markus Zeder'; 'die Zeder' is a cedar)
                                form = form._replace(origin=form.origin + WORD_MARK)
                            else:
                                continue
                    if _new(form, spelled):
                        yield form


_Spilled = list[tuple[set[tuple[str, Part]], list[tuple[object, ...]]]]  # (spelled, forms as tuples) by entry


def _spill(batch: _Spilled, spilled: IO[bytes]) -> None:
    """Write `batch` to `spilled` as its length and its marshal bytes: `marshal.load` from a file
    reads it a few bytes at a time (several seconds at 100,000 entries), `marshal.loads` at once."""
    data = marshal.dumps(batch)
    spilled.write(len(data).to_bytes(8, "little"))
    spilled.write(data)


def _next_batch(spilled: IO[bytes]) -> _Spilled | None:
    size = spilled.read(8)
    if not size:
        return None
    found: _Spilled = marshal.loads(spilled.read(int.from_bytes(size, "little")))
    return found


def _new(form: Form, spelled: set[tuple[str, Part]]) -> bool:
    """Whether the entry of `form` has no form of that spelling and part yet (`spelled`, which
    this adds it to): one form per spelling (as written, case aside), so that an exact match
    names the system that writes it that way ('Ermak': ICAO, not ISO 9's 'Êrmak')."""
    key = (form.text.casefold(), form.part)
    if key in spelled:
        return False
    spelled.add(key)
    return True


def _via_russian(split: Split, number: int) -> list[Form]:
    """The spellings back from Russian of a person's Latin-alphabet name ('Merz' → 'Merts'), of
    the surname and the given name each."""
    from normalizer import translit  # imported here: a run from the cache romanises nothing

    parts: tuple[tuple[str, Part], ...] = ((split.surname, "name"), (split.given, "given"))
    return [
        _form(latin, "generated:" + ",".join(systems), number, part)
        for text, part in parts
        if text
        for latin, systems in translit.via_russian(text).items()
    ]


def _common(form: Form, frequencies: Frequencies, tuning: Tuning) -> bool:
    """A generated spelling that is a common word: a plain one from `tuning.common_plain_zipf`
    ('Luck' in English), one that becomes a word only by folding from `common_folded_zipf`
    ('Lucʹk', an ISO 9 spelling of Luzk, in German). Names in the news such as 'Kiev' stay. A
    spelling of a Latin-alphabet name back from Russian is left out if it is a word at all
    ('Zeder'): if the frequency table knows it."""
    zipf = frequencies.zipf(form.folded)
    if form.origin.startswith(VIA_RUSSIAN):
        return zipf > 0
    plain = form.text.casefold() == form.folded
    return zipf >= (tuning.common_plain_zipf if plain else tuning.common_folded_zipf)


def _spellings(entry: Entry) -> list[tuple[str, str]]:
    from normalizer import translit  # imported here: a run from the cache romanises nothing

    out = [(entry.canonical, "canonical")] + [(a, "alias") for a in entry.aliases]
    if entry.native and entry.source_lang:
        for latin, systems in translit.variants(entry.native, entry.source_lang).items():
            out.append((latin, "generated:" + ",".join(systems)))
    for other in entry.native_other:  # the Russian or former name ('Николаев' for Миколаїв)
        for latin, systems in translit.variants(other, "ru").items():
            out.append((latin, "generated:native_other+" + ",native_other+".join(systems)))
    return out


def _forms(text: str, origin: str, number: int, entry: Entry) -> list[Form]:
    split = split_name(text, entry.kind)
    forms = [_form(split.surname, origin, number, "name")]
    if split.given:
        forms.append(_form(split.given, origin, number, "given"))
    return forms


def _form(text: str, origin: str, number: int, part: Part) -> Form:
    folded = fold(text)
    return Form(text, folded, cologne(folded), skeleton(folded), number, part, origin, word_count(text))


class Keys(NamedTuple):
    """Where an index finds a name form: by its spelling (case-folded), its folded spellings, and
    the fuzzy blocks it is in (with its number of words; none for a word, matched as written)."""

    spelled: str
    folded: tuple[str, ...]
    blocks: tuple[str, ...]


def keys_of(form: Form) -> Keys:
    """The keys of a name form (a given name's form is looked up by its entry only)."""
    bare = fold_bare(form.text)
    # a listed 'Viačorka' is found written 'Viacorka'
    folded = (form.folded, bare) if bare != form.folded and not form.generated else (form.folded,)
    blocks = () if form.word else tuple(f"{form.words}{key}" for key in block_keys(form.folded, form.skeleton))
    return Keys(form.text.casefold(), folded, blocks)
