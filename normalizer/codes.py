"""The registry of codes: one stable code for every rule that changes a name and for every reason
a name-like word is left alone.

`N1xx` codes change a name; `R1xx` refuse it at the word (the matcher), `R2xx` refuse it from
the words around it (the resolver); `C1xx` report names the convention does not list
(consistency mode). A code never changes its meaning and is never reused;
`docs/rules.md` is made from this table (`tests/test_codes.py` checks that it is current).
"""

from __future__ import annotations

from typing import NamedTuple


class Code(NamedTuple):
    """One rule or refusal: its code, a kebab-case name, a one-line summary and an example."""

    code: str
    name: str
    summary: str
    example: str
    data: str = ""  # the data list whose entries decide it ('inflection.place_derivations')

    def because(self, text: str, key: str = "") -> Why:
        """A reason of this code, with the sentence `explain` prints and the data entry that
        decided it ('inflection.leaked.not_after.a=ow')."""
        return Why(self.code, text, key)


class Why(NamedTuple):
    """Why one span was changed or left alone."""

    code: str
    text: str
    key: str = ""  # the data entry that decided this case, where one did


# changes
EXACT = Code("N101", "exact-alias", "A listed spelling of the entry, as written.", "Andriy Yermak -> Andrij Jermak")
FOLDED = Code(
    "N102", "folded", "A listed spelling up to case and diacritics.", "Zelenskiy -> Selenskyj (listed: Zelenskyi)"
)
VARIANT = Code(
    "N103", "generated-variant", "A spelling generated from the native name by a romanisation.", "Ermak -> Jermak"
)
PHONETIC = Code(
    "N104", "phonetic", "A close spelling whose phonetic keys agree with the entry's.", "Selenskij -> Selenskyj"
)
FUZZY = Code("N105", "fuzzy", "A close spelling that romanisation explains.", "Wittkoff -> Witkoff")
LEAKED = Code(
    "N106",
    "leaked-ending",
    "A source-language case ending left by machine translation is dropped.",
    "die Worte Kuleby -> die Worte Kuleba",
    "inflection.leaked",
)
GIVEN = Code(
    "N107", "given-name", "The given name changes together with its matched surname.", "Andrey Ermak -> Andrij Jermak"
)
GENITIVE = Code(
    "N108",
    "leaked-genitive",
    "A genitive -a after a word that governs one, where the text names the man too.",
    "laut Jermaka -> laut Jermak",
    "context.genitive_slot",
)
MULTIWORD = Code(
    "N109", "multiword", "A name of several words matched as a whole, word by word.", "Bilhorod-Dnistrovskiy"
)
CONSISTENCY = Code(
    "N120", "consistency", "One spelling of a name the text writes several ways (consistency mode).", "Kuleba/Kuleeba"
)

# findings about unlisted names
SEVERAL_SPELLINGS = Code(
    "C101",
    "several-spellings",
    "An unlisted name written several ways: reported with one spelling suggested (consistency mode).",
    "Ostaptschuk / Ostapchuk",
)

# refusals at the word
CYRILLIC = Code("R101", "cyrillic-quote", "Written in Cyrillic: a quote of the original.", "Кулеба")
PROTECTED = Code("R102", "protected", "A protected word of the convention or the language.", "Trumpf", "protect")
FUZZY_OFF = Code("R103", "fuzzy-off", "Fuzzy matching is off and no listed spelling matches.", "--no-fuzzy: Ermakk")
TOO_SHORT = Code("R104", "too-short", "Too short to be matched approximately.", "Kiw")
COMMON = Code("R105", "common-word", "A frequent word of the prose language, never matched approximately.", "Kiel")
EXACT_ONLY = Code("R106", "exact-only", "The entry allows its listed spellings only.", "fuzzy: false")
GIVEN_ALONE = Code(
    "R107", "given-name-alone", "A given name, changed only together with a matched surname.", "Gunther sagte"
)
WORD_COUNT = Code("R108", "word-count", "A listed spelling with more words than the name.", "Kyjiw Kyjiw")
WORD_BY_WORD = Code("R109", "word-by-word", "The words of a multi-word name do not match one by one.", "Kyjiw Kyjiw")
ONSET = Code("R110", "different-onset", "Begins with another sound: another name.", "Orlivka (Horliwka)")
NOT_ROMANISATION = Code(
    "R111", "not-romanisation", "The difference is not one that romanisation makes.", "Sandalen (Sandu)"
)
OTHER_WORD = Code(
    "R112",
    "leaked-ending-other-word",
    "The name plus what follows is another name or word, not a leaked ending.",
    "Peskowa (Peskow)",
    "inflection.leaked.not_after",
)
SHORTENED = Code("R113", "shortened", "A shortened spelling of the name is another name or word.", "Kulik (Kulikow)")
DERIVED = Code(
    "R114",
    "place-derivation",
    "A word derived from a place name (demonym, adjective).",
    "Kiewer (Kiew)",
    "inflection.place_derivations",
)
NOT_MASCULINE = Code(
    "R115",
    "not-masculine",
    "An ending a man's surname never has.",
    "Jermakowa (Jermakow)",
    "inflection.not_masculine",
)
FEMININE = Code(
    "R116",
    "feminine-surname",
    "A woman's surname without its -a is the man's.",
    "Sacharow (Sacharowa)",
    "inflection.feminine_surnames",
)
DOUBLED = Code("R117", "doubled-letter", "A word of the language whose doubled letter makes it another word.", "Kutter")
SPELLING_DIFFERS = Code("R118", "spellings-differ", "The plain spellings differ too much.", "Kerch (Kherson)")
BELOW = Code("R119", "below-threshold", "The closest entry scores below the threshold.", "Rute (Rutte)")
NOTHING_CLOSE = Code("R120", "no-entry-close", "No entry is close.", "Wetter")

# refusals from the words around
WORD_WITHOUT_GIVEN = Code(
    "R201",
    "word-without-given-name",
    "A word of the language, a spelling of the name only after its given name.",
    "Zeder",
)
NAMED_AFTER = Code(
    "R202",
    "named-after",
    "Followed by a word that makes it the name of something named after the person or place.",
    "Tinkoff Bank",
    "context.named_after",
)
INTRODUCED = Code(
    "R203",
    "introduced-as-another",
    "The text introduced this surname as another person's.",
    "Alexej Poroshenko ... Poroshenko",
)
COMPANY = Code(
    "R204",
    "company-before",
    "After a noun for a company: a company named after a person.",
    "des Konzerns Porsche",
    "context.company_nouns",
)
OTHER_GIVEN = Code("R205", "another-given-name", "Preceded by a given name of another person.", "Alexej Poroshenko")
PLACE_SLOT = Code(
    "R206", "place-slot", "After a preposition that makes the next name a place.", "bei Kuleby", "context.place_slot"
)
PLACE_LIST = Code(
    "R207", "list-of-places", "Closes a list of places.", "bei den Dörfern A, B und Shevchenko", "context.place_nouns"
)
NAME_AFTER = Code("R208", "followed-by-name", "Followed by a rare name: this word was a given name.", "Ignaty Dyakonov")
PERSON_NOT_PLACE = Code(
    "R209", "person-not-place", "Preceded by a given name: a person, not the place.", "Iwan Kropyvnytskyi"
)
PERSON_AHEAD = Code(
    "R210", "given-name-ahead", "A given name followed by a surname: a person, not the place.", "Ismail Yilmaz"
)
NAMESAKE = Code(
    "R211", "namesake-elsewhere", "Followed by a region elsewhere: a namesake.", "Odessa, Texas", "context.elsewhere"
)
PLACE_PREFIX = Code(
    "R212", "place-prefix", "Part of another place name after an adjective.", "Stary Oskol", "context.place_prefixes"
)
FOREIGN_NAME = Code(
    "R213", "foreign-name", "Followed by a rare word: part of a name in another language.", "Kyiv Pechersk Lavra"
)
COMPOUND = Code("R214", "compound-name", "First part of another hyphenated name.", "Orekhovo-Zuyevo")
AMBIGUOUS = Code("R215", "ambiguous", "Equally close to two entries: reported, not guessed.", "Kalinowsky")
HOUSE = Code("R216", "house-spelling", "Already in the house spelling.", "Andrij Jermak")
KEPT = Code("R217", "kept", "The closest entry's spelling is what the text has.", "Jermak (Jermak)")
PHRASE = Code("R218", "fixed-expression", "Part of a fixed expression.", "chicken Kiev", "context.phrases")

CODES: dict[str, Code] = {
    c.code: c
    for c in (
        EXACT,
        FOLDED,
        VARIANT,
        PHONETIC,
        FUZZY,
        LEAKED,
        GIVEN,
        GENITIVE,
        MULTIWORD,
        CONSISTENCY,
        SEVERAL_SPELLINGS,
        CYRILLIC,
        PROTECTED,
        FUZZY_OFF,
        TOO_SHORT,
        COMMON,
        EXACT_ONLY,
        GIVEN_ALONE,
        WORD_COUNT,
        WORD_BY_WORD,
        ONSET,
        NOT_ROMANISATION,
        OTHER_WORD,
        SHORTENED,
        DERIVED,
        NOT_MASCULINE,
        FEMININE,
        DOUBLED,
        SPELLING_DIFFERS,
        BELOW,
        NOTHING_CLOSE,
        WORD_WITHOUT_GIVEN,
        NAMED_AFTER,
        INTRODUCED,
        COMPANY,
        OTHER_GIVEN,
        PLACE_SLOT,
        PLACE_LIST,
        NAME_AFTER,
        PERSON_NOT_PLACE,
        PERSON_AHEAD,
        NAMESAKE,
        PLACE_PREFIX,
        FOREIGN_NAME,
        COMPOUND,
        AMBIGUOUS,
        HOUSE,
        KEPT,
        PHRASE,
    )
}


def data_key(list_name: str, entry: str, group: str = "") -> str:
    """The key of one data entry: 'inflection.leaked.not_after.a=ow'."""
    return f"{list_name}{'.' + group if group else ''}={entry}"


def markdown() -> str:
    """docs/rules.md: every code with its summary and example (`python -m normalizer.codes`)."""
    lines = [
        "# Rules and refusals",
        "",
        "Made by `python -m normalizer.codes > docs/rules.md` from `normalizer/codes.py`; `normalizer rules`",
        "prints the same table. `N1xx` change a name, `R1xx` refuse it at the word, `R2xx` refuse it from",
        "the words around it, `C1xx` report unlisted names. `explain` and every report give the code, and",
        "the data entry that decided the case where one did.",
        "",
        "| Code | Name | Summary | Example | Data |",
        "| --- | --- | --- | --- | --- |",
    ]
    for c in CODES.values():
        data = f"`{c.data}`" if c.data else ""
        lines.append(f"| {c.code} | {c.name} | {c.summary} | {c.example} | {data} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
