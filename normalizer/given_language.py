"""The language the given names written with a name are romanised from: it decides the native
guess of a surname written beside them (`native.guess(..., prefer=)`)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from normalizer.letters import WORD_LISTS
from normalizer.lexicon import GivenNames, given_names
from normalizer.native import KNOWN, channel, fits, frequencies, is_cyrillic


def given_fit(form: str, lang: str, latin: str) -> float:
    """How well the native form of a given name in `lang` stands behind its spelling `latin`:
    the tables writing it so, and how well the language's word list knows the form."""
    return channel(form, lang, latin) + KNOWN * frequencies(lang).zipf(form.lower())


MARGIN = 1.0  # nats by which the given names must favour one language


def given_language(givens: Sequence[str], names: GivenNames | None = None) -> str:
    """The language the given names written with a name are romanised from ('' when they do not
    say): 'Oleksandr' is Ukrainian Олександр, 'Aleksandr' Russian Александр, 'Maksym' Ukrainian
    Максим (Russian tables write и as i); 'Viktor' is both. For each language, the form of the
    given name in the given-name table that its tables write likeliest so, and that its word list
    knows best."""
    names = names or given_names()
    totals = dict.fromkeys(WORD_LISTS, 0.0)
    for given in givens:
        first = given.split(maxsplit=1)[0]
        group = names.group(first)
        if group is None or group >= names.equivalence_groups:
            continue
        forms = [s.lower() for s in names.spellings[group] if is_cyrillic(s)]
        best = {
            lang: max((given_fit(f, lang, first) for f in forms if fits(f, lang)), default=-math.inf)
            for lang in WORD_LISTS
        }
        if all(score == -math.inf for score in best.values()):
            continue
        floor = max(best.values()) - 4 * MARGIN  # one given name's say is bounded
        for lang in WORD_LISTS:
            totals[lang] += max(best[lang], floor)
    ranked = sorted(WORD_LISTS, key=lambda lang: -totals[lang])
    return ranked[0] if totals[ranked[0]] - totals[ranked[1]] >= MARGIN else ""
