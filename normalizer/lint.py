"""`conventions lint` and `conventions stats`: checks and figures of a convention's data beyond
the schema (which loading does)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from normalizer.conventions import Convention
from normalizer.engine import Normalizer
from normalizer.index import PARTICLES, Index, split_name
from normalizer.lexicon import COMMON, Frequencies
from normalizer.textfold import fold
from normalizer.translit import variants

COMMON_ALIAS_ZIPF = 4.0  # a word of an alias this frequent in the prose language may be a common word
LANGUAGE_MARGIN = 1.0  # ... when it is this much more frequent there than in any of these languages:
OTHER_LANGUAGES = ("de", "en", "fr", "es", "it", "nl", "pl", "sv")  # large news languages in Latin script


def _shared_spellings(convention: Convention, index: Index) -> Iterator[str]:
    """Listed spellings (a canonical, an alias, or the surname a person is named by alone) that
    are also a spelling of another entry with a different house spelling: the name is then
    ambiguous wherever it appears. Entries from `extends` count too: a house alias over a
    shipped convention can take a shipped entry's surname."""
    reported: set[tuple[str, int, int]] = set()
    for number, entry in enumerate(convention.entries):
        own = index.split(number).surname.casefold()
        spellings = [entry.canonical, *entry.aliases]
        if entry.kind == "person":
            spellings += [split_name(s, entry.kind).surname for s in spellings]
        for spelling in spellings:
            for form in index.spelled_as(spelling.casefold()):
                other = index.form(form).entry
                if other == number or index.split(other).surname.casefold() == own:
                    continue
                first, later = sorted((number, other))
                if (spelling.casefold(), first, later) in reported:
                    continue
                reported.add((spelling.casefold(), first, later))
                mine, theirs = convention.entries[later], convention.entries[first]
                yield (
                    f"{mine.origin}: '{spelling}' is a spelling of both '{mine.canonical}' and "
                    f"'{theirs.canonical}' ({theirs.origin}): it is ambiguous wherever it appears"
                )


def _common_word(word: str, frequencies: Frequencies, others: list[Frequencies]) -> float | None:
    """The Zipf frequency of `word` when it is a common word of the prose language: listed as
    common, or frequent in this language and far rarer in the others. A name is about as
    frequent in every language's news (Erdogan, Miller); a word is frequent in its own."""
    zipf = frequencies.zipf(word)
    if fold(word) in frequencies.common:
        return zipf
    if zipf < COMMON_ALIAS_ZIPF:
        return None
    elsewhere = max((f.zipf(word) for f in others), default=0.0)
    return zipf if zipf - elsewhere >= LANGUAGE_MARGIN else None


def lint(convention: Convention) -> Iterator[str]:
    """One line per problem: `origin: message`."""
    normalizer = Normalizer(convention)
    index = normalizer.index
    assert isinstance(index, Index)  # built here, never a compiled one
    for text, number, owner in index.conflicts:
        mine, theirs = convention.entries[number], convention.entries[owner]
        yield f"{mine.origin}: generated variant '{text}' of '{mine.canonical}' is a spelling of '{theirs.canonical}'"
    frequencies = Frequencies(convention.language)
    others = [Frequencies(lang) for lang in OTHER_LANGUAGES if lang != convention.language]
    convention_protect = index.protected
    yield from _shared_spellings(convention, index)
    for entry in convention.entries:
        result = normalizer.fix(entry.canonical)
        if result.text != entry.canonical:
            yield f"{entry.origin}: canonical '{entry.canonical}' does not map to itself (-> '{result.text}')"
        for alias in entry.aliases:
            # the words that match on their own: a person's surname, a one-word alias
            alone = split_name(alias, entry.kind).surname if entry.kind == "person" else alias
            for word in alone.split() if entry.kind == "person" or " " not in alias else ():
                if word.casefold() in entry.canonical.casefold() or word in PARTICLES:
                    continue
                zipf = _common_word(word, frequencies, others)
                if zipf is not None or fold(word) in convention_protect:
                    rank = f" (Zipf {zipf:.1f} in {convention.language})" if zipf is not None and zipf < COMMON else ""
                    yield f"{entry.origin}: alias '{alias}' contains the common word '{word}'{rank}: prose would change"
        for example in entry.examples:
            got = normalizer.fix(example.text).text
            if got != example.expected:
                yield f"{example.where}: example gives '{got}', expected '{example.expected}'"
    yield from _unneeded(convention)


def _unneeded(convention: Convention) -> Iterator[str]:
    """Protected words and fixed phrases that nothing would change without them: each is only
    worth keeping where the engine would otherwise rewrite it."""
    if not convention.protect and not any(entry.fixed for entry in convention.entries):
        return
    entries = tuple(entry._replace(fixed=()) for entry in convention.entries)
    bare = Normalizer(convention._replace(entries=entries, protect=frozenset()))
    where = convention.sources[-1] if convention.sources else convention.name
    for word in sorted(convention.protect):
        if bare.fix(word).text == word:
            yield f"{where}: protected word '{word}' would not change without 'protect'"
    for entry in convention.entries:
        for phrase in entry.fixed:
            if bare.fix(phrase).text == phrase:
                yield f"{entry.origin}: fixed phrase '{phrase}' would not change without 'fixed'"


@dataclass(frozen=True, slots=True)
class Stats:
    """Figures of one convention: how many names, spellings, and how well they come back."""

    entities: int
    with_native: int
    spellings: int  # forms in the index: names and given names, listed and generated
    generated: int  # distinct generated full-name spellings
    recalled: int  # generated spellings that the normalizer maps back to their own entry
    collisions: int  # generated spellings that are also spellings of another entry
    common: int  # generated spellings left out as common words

    @property
    def self_recall(self) -> float:
        return self.recalled / self.generated if self.generated else 1.0


def stats(convention: Convention) -> Stats:
    """Run every generated spelling of every entry through the normalizer on its own."""
    normalizer = Normalizer(convention)
    generated = recalled = 0
    for entry in convention.entries:
        if not (entry.native and entry.source_lang):
            continue
        for latin in variants(entry.native, entry.source_lang):
            if latin == entry.canonical:
                continue
            generated += 1
            recalled += normalizer.fix(latin).text == entry.canonical
    index = normalizer.index
    assert isinstance(index, Index)
    return Stats(
        entities=len(convention.entries),
        with_native=sum(1 for e in convention.entries if e.native),
        spellings=len(index.forms),
        generated=generated,
        recalled=recalled,
        collisions=len(index.conflicts),
        common=len(index.common_variants),
    )
