"""The library entry point: `Normalizer` ties the pipeline stages together.

load conventions → build index → scan → match → resolve → rewrite. A `Normalizer` holds only
plain data (picklable), so it can be built once and shared with worker processes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from normalizer import codes
from normalizer.conventions import Convention
from normalizer.findings import Finding
from normalizer.house import House, house_of
from normalizer.index import PARTICLES, Lookup, build_index
from normalizer.lexicon import Frequencies, context, given_names, inflection
from normalizer.match import Matcher, Settings
from normalizer.resolve import Decision, Resolver, Skip
from normalizer.rewrite import apply, to_findings
from normalizer.scan import iter_words, phrase_pattern, words

if TYPE_CHECKING:
    from normalizer.unlisted import Mention


@dataclass(frozen=True, slots=True)
class Result:
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
        settings: Settings | None = None,
        *,
        threshold: float | None = None,
        fuzzy: bool = True,
        allow: Iterable[str] = (),
    ):
        """`allow`: spellings accepted as they are (a project's allow-list), like `protect`."""
        settings = settings or Settings()
        allowed = frozenset(allow)
        if allowed:
            convention = replace(convention, protect=convention.protect | allowed)
        if threshold is not None:
            # phonetic agreement is worth the same number of points at any threshold
            bonus = settings.fuzzy_min - settings.phonetic_min
            settings = replace(settings, fuzzy_min=threshold, phonetic_min=threshold - bonus)
        if not fuzzy:
            settings = replace(settings, fuzzy=False)
        self.language = convention.language
        self.sources = convention.sources  # the files the convention was read from
        self.unsafe_fixes = bool(convention.unsafe_fixes)  # the convention's default for `fix`
        self.settings = settings
        names = given_names()
        frequencies = Frequencies(convention.language)
        self.index: Lookup = build_index(convention, names, frequencies)
        matcher = Matcher(self.index, settings, frequencies, inflection(convention.language), names)
        where = context(convention.language)
        self._phrases = phrase_pattern(where.phrases)
        self._resolver = Resolver(self.index, matcher, names, where)
        self.house: House = house_of(convention)

    def warm(self) -> None:
        """Load now the tables that are otherwise read at the first lookup (the word
        frequencies, the skeleton rules): forked worker processes then share them."""
        self._resolver.matcher.match("Warm", 1)
        self._resolver.matcher.forget()

    def use_index(self, index: Lookup) -> None:
        """Answer the lookups from `index`: the same index in another form (a `StoredIndex`)."""
        self.index = self._resolver.index = self._resolver.matcher.index = index
        self._resolver.matcher.forget()

    def findings(self, text: str, path: str = "-", protected: Sequence[tuple[int, int]] = ()) -> list[Finding]:
        """What does not follow the convention; `protected` spans (markup, code) are never touched.

        The words are found, decided on and turned into findings as they come, so that a long
        text needs no list of all its words or decisions."""
        words = iter_words(text, self._phrases, PARTICLES, protected)
        decisions = (d for d in self._resolver.walk(text, words) if isinstance(d, Decision))
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
