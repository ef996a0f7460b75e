"""The engine's tuning: every score threshold, frequency bar and length bound that index,
match and resolve decide by, as one frozen value (black's `Mode`).

Three things are kept apart by name: a project's *configuration* (`config.Config`: the
configuration file and the flags, per file), a run's *flags* (`cli.options.Flags`), and the engine's
*tuning* here. The user reaches the tuning through one knob, the threshold (`with_threshold`);
everything else is a default that the measurements in the README were made with.

Scores are rapidfuzz ratios (0–100); frequencies are wordfreq Zipf values (`lexicon`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

# the floor of the frequency table (`lexicon`): rarer words count as 0; every frequency bar of the
# tuning lies at or above it, which `Tuning` checks
MIN_ZIPF = 2.5
THRESHOLD_RANGE = (50.0, 100.0)  # what a user may set as the threshold (`--threshold`, 'threshold:')


@dataclass(frozen=True, slots=True)
class Tuning:
    """The thresholds of the engine. A normalizer built with one tuning is cached under its
    `cache_key`, which every field is part of."""

    fuzzy: bool = True  # off: exact, folded and generated spellings only
    fuzzy_min: float = 88.0  # a fuzzy match without phonetic agreement (the user's threshold)
    phonetic_min: float = 72.0  # a match whose phonetic keys agree
    min_length: int = 4  # shortest folded word that is matched fuzzily
    # words up to this long need `short_phonetic_min`, or `known_fuzzy_min` without phonetic agreement
    short_length: int = 5
    short_phonetic_min: float = 80.0
    plain_floor: float = 60.0  # the plain folded spellings must agree at least this much
    word_floor: float = 60.0  # each word of a several-word name with the word of the form it stands for
    # the fuzzy block is searched down to this many points below the lower of the two thresholds,
    # since a score is raised afterwards by evening out romanisations or lowered by `explained_bonus`
    search_slack: float = 12.0
    # A word at least this frequent in the prose language (wordfreq counts names in the news too)
    # is a word of its own: it may only be a close misspelling that sounds the same, never a
    # looser transliteration guess ('Rute' is not 'Rutte', 'Meeres' is not 'Merz').
    zipf_known: float = 2.5
    known_phonetic_min: float = 85.0  # on the folded spelling, phonetic keys agreeing
    known_fuzzy_min: float = 95.0
    known_min_length: int = 6
    zipf_block: float = 4.2  # words at least this frequent are never fuzzy-matched
    ambiguity_margin: float = 3.0  # two entries closer than this in score: ambiguous, left alone
    # Every fuzzy match must be explainable by romanisation (normalizer.sounds); one that is
    # needs this many points less, since the sound keys are stronger evidence than the score.
    explained_bonus: float = 16.0
    # a given name next to a matched surname: the least score when the phonetic keys agree, and without
    given_phonetic_min: float = 60.0
    given_fuzzy_min: float = 80.0
    # a generated spelling that is a word this frequent is left out of the index ('Luck' for Luzk):
    # one that becomes a word only by folding ('Lucʹk'), and one written as the word itself
    common_folded_zipf: float = 3.0
    common_plain_zipf: float = 4.0
    # how far the resolver reads around a name (`around`), in words or characters:
    near_words: int = 400  # words either side that count as its text for the leaked genitive (an article)
    named_after_reach: int = 4  # capitalized words after it that may still name a thing after it
    look_back: int = 40  # characters before it read for the one or two words that govern it
    namesake_reach: int = 40  # characters after 'Odessa, ' read for a region elsewhere
    list_look_back: int = 300  # characters before it read for a list of places it closes
    list_tokens: int = 16  # words and commas of that list read back at most
    # the shortest word read as a name plus a leaked genitive -a, as a patronymic, and as the word
    # of the language that a compound ends in
    genitive_min_length: int = 5
    patronymic_min_length: int = 7
    compound_tail_min_length: int = 4

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name.endswith(("_min", "_floor")) and not 0 <= value <= 100:
                raise ValueError(f"{f.name} must be a score from 0 to 100, not {value:g}")
            if type(value) is int and value < 1:  # a length, a count of words or characters
                raise ValueError(f"{f.name} must be at least 1, not {value}")
            # the frequency table holds no rarer word: a lower bar would silently act as its floor
            if (f.name.endswith("_zipf") or f.name.startswith("zipf_")) and value < MIN_ZIPF:
                raise ValueError(f"{f.name} must be at least {MIN_ZIPF:g}, the floor of the frequency table")
        for name in ("search_slack", "ambiguity_margin", "explained_bonus"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")

    @property
    def phonetic_bonus(self) -> float:
        """How many points less a match whose phonetic keys agree needs."""
        return self.fuzzy_min - self.phonetic_min

    def with_threshold(self, threshold: float | None = None, fuzzy: bool = True) -> Tuning:
        """This tuning with the user's threshold for a fuzzy match (phonetic agreement keeps its
        worth in points at any threshold) and fuzzy matching switched off unless `fuzzy`."""
        tuned = self
        if threshold is not None:
            low, high = THRESHOLD_RANGE
            if not low <= threshold <= high:
                raise ValueError(f"the threshold must be from {low:g} to {high:g}, not {threshold:g}")
            tuned = replace(tuned, fuzzy_min=threshold, phonetic_min=threshold - self.phonetic_bonus)
        return tuned if fuzzy else replace(tuned, fuzzy=False)

    def cache_key(self) -> tuple[tuple[str, object], ...]:
        """Every field by name: a normalizer cached with another tuning is never read for this one."""
        return tuple((f.name, getattr(self, f.name)) for f in fields(self))
