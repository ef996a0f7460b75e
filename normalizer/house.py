"""The house system of a convention: which transliteration table writes its names.

A convention does not say which system it follows; its entries do. For each source language,
the table whose romanisation of an entry's native name is the entry's house spelling for the
most entries (more than half of them, and more than any other table) is the house system:
`uk-german` and `ru-german` for the shipped German convention (Selenskyj, Schoigu),
`uk-national-2010` and `ru-english-press` for the English one. A name that is not in the
convention gets its house spelling from it; given names, which the press spells by habit more
than by table (Alexander, not Aleksandr), take the spelling the convention gives the same native
given name of a name from the same language when it has one (a Ukrainian Ольга is Olha, a
Russian one Olga).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from normalizer.conventions import Convention
from normalizer.index import split_name
from normalizer.textfold import has_cyrillic

MIN_SHARE = 0.5  # of a language's entries, that the house system must write as the convention does, at least


@dataclass(frozen=True, slots=True)
class House:
    """A convention's house systems by source language (system name, share of the entries it
    writes), and its spellings of native given names."""

    systems: Mapping[str, tuple[str, float]] = field(default_factory=dict)
    given: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (source language, native) → spelling

    def spelling(self, native: str, source_lang: str) -> str | None:
        """The house spelling of a native name (None without a house system for its language, or when
        the system writes no letter for one of its letters)."""
        found = self.systems.get(source_lang)
        if found is None:
            return None
        from normalizer import translit  # imported here: a run from the cache romanises nothing

        table = next(t for t in translit.tables_for(source_lang) if t.system == found[0])
        spelled = table.name(native)
        return None if has_cyrillic(spelled) else spelled  # a letter its system does not write (ё in Ukrainian)

    def given_name(self, native: str, source_lang: str) -> str | None:
        """The house spelling of a native given name: the convention's, else the house system's."""
        return self.given.get((source_lang, native)) or self.spelling(native, source_lang)


def house_of(convention: Convention) -> House:
    from normalizer import translit  # imported here: a run from the cache romanises nothing

    written: dict[str, Counter[str]] = {}
    entries: Counter[str] = Counter()
    given: dict[tuple[str, str], Counter[str]] = {}
    for entry in convention.entries:
        if not entry.native or not entry.source_lang:
            continue
        house = split_name(entry.canonical, entry.kind)
        native = split_name(entry.native, entry.kind)
        entries[entry.source_lang] += 1
        counts = written.setdefault(entry.source_lang, Counter())
        for table in translit.tables_for(entry.source_lang):
            if table.name(native.surname) == house.surname:
                counts[table.system] += 1
        if house.given and native.given and len(house.given.split()) == len(native.given.split()):
            given.setdefault((entry.source_lang, native.given), Counter())[house.given] += 1
    systems: dict[str, tuple[str, float]] = {}
    for lang, counts in written.items():
        ranked = counts.most_common(2)
        share = ranked[0][1] / entries[lang] if ranked else 0.0
        if share > MIN_SHARE and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            systems[lang] = (ranked[0][0], round(share, 3))
    return House(systems, {key: spellings.most_common(1)[0][0] for key, spellings in given.items()})
