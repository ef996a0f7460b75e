"""The library entry point: `Normalizer` ties the pipeline stages together.

load conventions → build index → scan → match → resolve → rewrite. A `Normalizer` holds only
plain data (picklable), so it can be built once and shared with worker processes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from normalizer import codes
from normalizer.conventions import Convention
from normalizer.findings import Finding
from normalizer.house import House, house_of
from normalizer.index import PARTICLES, Lookup, build_index
from normalizer.lexicon import Frequencies, context, given_names, inflection
from normalizer.match import Matcher
from normalizer.phonetic import skeleton_rules
from normalizer.resolve import Resolver, Skip
from normalizer.rewrite import apply, to_findings
from normalizer.scan import iter_words, phrase_pattern, words
from normalizer.sounds import rules as sound_rules
from normalizer.tuning import Tuning

if TYPE_CHECKING:
    from normalizer.unlisted import Mention


class Result(NamedTuple):
    """The fixed text and the findings that explain each change."""

    text: str
    findings: tuple[Finding, ...]

    @property
    def changes(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_change)


class Normalizer:
    """Normalizes the names in texts of one prose language by one convention."""

    def __init__(
        self,
        convention: Convention,
        tuning: Tuning | None = None,
        *,
        threshold: float | None = None,
        fuzzy: bool = True,
        allow: Iterable[str] = (),
        store: Path | None = None,
    ):
        """`tuning`: the engine's thresholds, with the user's `threshold` and `fuzzy` on top
        (`Tuning.with_threshold`). `allow`: spellings accepted as they are (a project's
        allow-list), like `protect`. `store`: compile the index into this SQLite file and
        answer from it (the on-disk cache, `normalizer.store`), else it is built in memory."""
        tuning = (tuning or Tuning()).with_threshold(threshold, fuzzy)
        allowed = frozenset(allow)
        if allowed:
            convention = convention._replace(protect=convention.protect | allowed)
        self.language = convention.language
        self.sources = convention.sources  # the files the convention was read from
        self.unsafe_fixes = bool(convention.unsafe_fixes)  # the convention's default for `fix`
        self.tuning = tuning
        self._names = given_names()
        self._frequencies = Frequencies(convention.language)
        self._inflection = inflection(convention.language)
        self._context = context(convention.language)
        self._phrases = phrase_pattern((*self._context.phrases, *(p for e in convention.entries for p in e.fixed)))
        self.house: House = house_of(convention)
        if store is None:
            self.use_index(build_index(convention, self._names, self._frequencies, tuning))
        else:
            from normalizer.store import compile_index  # imported here: SQLite only for the cache

            self.use_index(compile_index(convention, store, self._names, self._frequencies, tuning))

    def use_index(self, index: Lookup) -> None:
        """Answer the lookups from `index`: the one built from the convention, or the same index
        in another form (a `StoredIndex`). The matcher and the resolver are made for it."""
        self.index = index
        matcher = Matcher(index, self.tuning, self._frequencies, self._inflection, self._names)
        self._resolver = Resolver(index, matcher, self._names, self._context, self._frequencies, self.tuning)

    def warm(self) -> None:
        """Load now the tables that matching otherwise reads at the first lookup (the word
        frequencies, the skeleton and sound rules): forked worker processes then share them."""
        self._frequencies.load()
        skeleton_rules()
        sound_rules()

    def findings(self, text: str, path: str = "-", protected: Sequence[tuple[int, int]] = ()) -> list[Finding]:
        """What does not follow the convention; `protected` spans (markup, code) are never touched.

        The words are found, decided on and turned into findings as they come, so that a long
        text needs no list of all its words or decisions."""
        words = iter_words(text, self._phrases, PARTICLES, protected)
        decisions = (d for d in self._resolver.walk(text, words) if isinstance(d, Finding))
        return to_findings(text, decisions, path)

    def unlisted(self, text: str, path: str = "-", protected: Sequence[tuple[int, int]] = ()) -> list[Mention]:
        """The mentions of names that no entry matches (see `normalizer.unlisted`); the words are
        found a chunk at a time, as for `findings`."""
        from normalizer.unlisted import find  # imported when asked for: the letter models are not needed otherwise

        words = iter_words(text, self._phrases, PARTICLES, protected)
        return find(text, words, self._resolver, self.language, path)

    def fix(
        self, text: str, path: str = "-", protected: Sequence[tuple[int, int]] = (), *, unsafe: bool = True
    ) -> Result:
        """The text with its findings applied: all of them, or with `unsafe=False` the safe ones
        only (`Finding.applicability`). The findings are all there either way."""
        found = self.findings(text, path, protected)
        return Result(apply(text, found, unsafe), tuple(found))

    def explain(self, text: str) -> tuple[list[Finding], list[Skip]]:
        """The findings of `text`, and why each other name-like word is left as it is."""
        decisions, skips = self._resolver.resolve(text, words(text, self._phrases, PARTICLES), explain=True)
        if self._phrases is not None:
            for phrase in self._phrases.finditer(text):
                skips.append(Skip(*phrase.span(), phrase.group(), codes.PHRASE.because("part of a fixed expression")))
        return to_findings(text, decisions, "-"), skips
