"""The language whose names the given names written with a name are: it decides the native
guess of a surname written beside them (`native.guess(..., prefer=)`)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from normalizer.letters import LANGUAGES, WORD_LISTS
from normalizer.lexicon import GivenNames, given_names
from normalizer.native import KNOWN, SHARE, channel, fits, frequencies, is_cyrillic


def given_fit(form: str, lang: str, latin: str) -> float:
    """How well the native form of a given name in `lang` stands behind its spelling `latin`:
    the tables writing it so, and how well the language's word list knows the form."""
    return channel(form, lang, latin) + KNOWN * frequencies(lang).zipf(form.lower())


FOREIGN_TABLES = math.log(0.25)  # a given name romanised by another language's tables ('Nykolai' for Николай)


def _own_form_fit(forms: Sequence[str], lang: str, latin: str) -> float:
    """How well the language's forms of a given name stand behind `latin` (`given_fit`), a form
    counted less by how far its word list knows it below the language's own form of the name, and
    a spelling the language's tables do not write taken as the tables of another's: Николай is a
    form Ukrainian writes, but of a Russian's name (Ukrainian's own is Микола), so 'Nykolai', the
    Ukrainian romanisation of Николай, speaks for Russian."""
    own = [f for f in forms if fits(f, lang)]
    if lang not in WORD_LISTS:  # no word list says which form is its own: the tables, and its share
        return max((channel(f, lang, latin) for f in own), default=-math.inf) + SHARE.get(lang, 0.0)
    known = {form: frequencies(lang).zipf(form) for form in own}
    top = max(known.values(), default=0.0)
    best = -math.inf
    for form in own:
        written = channel(form, lang, latin)
        if written == -math.inf:
            written = max(channel(form, other, latin) for other in WORD_LISTS) + FOREIGN_TABLES
        best = max(best, written + KNOWN * known[form] - KNOWN * (top - known[form]))
    return best


MARGIN = 1.0  # nats by which the given names must favour one language


def given_language(givens: Sequence[str], names: GivenNames | None = None) -> str:
    """The language whose name the given names written with a name say it is ('' when they do
    not say): 'Oleksandr' is Ukrainian Олександр, 'Aleksandr' Russian Александр, 'Maksym' Ukrainian
    Максим (Russian tables write и as i), 'Nykolai' Russian Николай romanised the Ukrainian way;
    'Viktor' is both. For each language, the form of the given name in the given-name table that
    its tables write likeliest so, against the language's own form of the name (`_own_form_fit`)."""
    names = names or given_names()
    totals = dict.fromkeys(LANGUAGES, 0.0)
    for given in givens:
        first = given.split(maxsplit=1)[0]
        group = names.group(first)
        if group is None or group >= names.equivalence_groups:
            continue
        forms = [s.lower() for s in names.spellings[group] if is_cyrillic(s)]
        best = {lang: _own_form_fit(forms, lang, first) for lang in LANGUAGES}
        if all(score == -math.inf for score in best.values()):
            continue
        floor = max(best.values()) - 4 * MARGIN  # one given name's say is bounded
        for lang in LANGUAGES:
            totals[lang] += max(best[lang], floor)
    ranked = sorted(LANGUAGES, key=lambda lang: -totals[lang])
    return ranked[0] if totals[ranked[0]] - totals[ranked[1]] >= MARGIN else ""
