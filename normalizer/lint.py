"""`conventions lint`: checks of a convention's data beyond the schema (which loading does)."""

from __future__ import annotations

from collections.abc import Iterator

from normalizer.conventions import Convention
from normalizer.engine import Normalizer
from normalizer.index import PARTICLES, split_name
from normalizer.lexicon import Frequencies
from normalizer.textfold import fold


def lint(convention: Convention) -> Iterator[str]:
    """One line per problem: `origin: message`."""
    normalizer = Normalizer(convention)
    index = normalizer.index
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
