"""`conventions lint` and `conventions stats`: checks and figures of a convention's data beyond
the schema (which loading does)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from normalizer.conventions import Convention
from normalizer.engine import Normalizer
from normalizer.index import PARTICLES, Index, split_name
from normalizer.lexicon import Frequencies
from normalizer.textfold import fold
from normalizer.translit import variants


def lint(convention: Convention) -> Iterator[str]:
    """One line per problem: `origin: message`."""
    normalizer = Normalizer(convention)
    index = normalizer.index
    assert isinstance(index, Index)  # built here, never a compiled one
    for text, number, owner in index.conflicts:
        mine, theirs = convention.entries[number], convention.entries[owner]
        yield f"{mine.origin}: generated variant '{text}' of '{mine.canonical}' is a spelling of '{theirs.canonical}'"
    frequencies = Frequencies(convention.language)
    convention_protect = index.protected
    for entry in convention.entries:
        result = normalizer.fix(entry.canonical)
        if result.text != entry.canonical:
            yield f"{entry.origin}: canonical '{entry.canonical}' does not map to itself (-> '{result.text}')"
        for alias in entry.aliases:
            for word in split_name(alias, entry.kind).surname.split():
                common = fold(word) in frequencies.common or fold(word) in convention_protect
                if common and word.casefold() not in entry.canonical.casefold() and word not in PARTICLES:
                    yield f"{entry.origin}: alias '{alias}' contains the common word '{word}'"
        for example in entry.examples:
            got = normalizer.fix(example.text).text
            if got != example.expected:
                yield f"{example.where}: example gives '{got}', expected '{example.expected}'"


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
