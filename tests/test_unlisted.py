"""Finding the names a convention does not list (normalizer.unlisted, Normalizer.unlisted)."""

from __future__ import annotations

from functools import cache

import pytest

from normalizer import Normalizer, load_conventions, unlisted
from normalizer.unlisted import Mention


@cache
def normalizer(lang: str) -> Normalizer:
    return Normalizer(load_conventions([lang]))


def spelled(text: str, lang: str = "de") -> list[tuple[str, str, str]]:
    return [(m.spelling, m.given, m.kind) for m in normalizer(lang).unlisted(text)]


def test_names_with_their_given_names_and_places() -> None:
    text = "Taras Levchenko sagte in Mykhailivka, Lewtschenko sei zufrieden. Im Dorf Michajliwka blieb es ruhig."
    assert spelled(text) == [
        ("Levchenko", "Taras", "person"),
        ("Mykhailivka", "", "place"),
        ("Lewtschenko", "", ""),
        ("Michajliwka", "", "place"),
    ]


def test_listed_names_common_words_and_german_compounds_are_left_out() -> None:
    text = "Selenskyj und Jermak trafen Rudenko in Kiew. Gleitbomben trafen das Umspannwerk am Montag."
    assert spelled(text) == [("Rudenko", "", "")]


def test_all_caps_cyrillic_and_urls_are_left_out() -> None:
    text = "RUDENKO sagte «Руденко» auf https://example.org/Rudenko und Rudenko nickte."
    assert spelled(text) == [("Rudenko", "", "")]


def test_two_words_and_a_short_second_word() -> None:
    assert spelled("Die Bewohner von Zelenyi Hai und Velyka Pysarivka flohen.") == [
        ("Zelenyi Hai", "", ""),
        ("Velyka Pysarivka", "", ""),
    ]


def test_a_given_name_the_table_does_not_know() -> None:
    text = "Zoreslava Pavlenko sagte das. Pavlenko ging."
    assert spelled(text) == [("Pavlenko", "Zoreslava", "person"), ("Pavlenko", "", "")]


def test_a_german_genitive_is_kept_apart() -> None:
    text = "Lewtschenko kam. Lewtschenkos Stellvertreter blieb."
    found = normalizer("de").unlisted(text)
    assert [(m.spelling, m.kept, text[m.start : m.end]) for m in found] == [
        ("Lewtschenko", "", "Lewtschenko"),
        ("Lewtschenko", "s", "Lewtschenko"),
    ]


def test_lines_and_columns() -> None:
    found = normalizer("en").unlisted("First line.\r\nThen Rudenko said\nthat Rudnenko left.")
    assert [(m.spelling, m.line, m.column) for m in found] == [("Rudenko", 2, 6), ("Rudnenko", 3, 6)]
    assert all(isinstance(m, Mention) and m.path == "-" for m in found)


def test_protected_zones_are_skipped() -> None:
    text = "`Rudenko` in code, Rudenko in prose."
    found = normalizer("en").unlisted(text, "a.md", [(0, 9)])
    assert [(m.start, m.path) for m in found] == [(19, "a.md")]


def test_a_long_text_read_in_batches_gives_what_one_batch_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "Taras Levchenko sagte in Mykhailivka, Lewtschenko sei zufrieden.\n"
        "Die Bewohner von Zelenyi Hai flohen.\nLewtschenkos Stellvertreter blieb in Michajliwka.\n"
    ) * 3
    whole = normalizer("de").unlisted(text)
    monkeypatch.setattr(unlisted, "BATCH", 10)  # a batch of every line or two
    assert normalizer("de").unlisted(text) == whole
    assert len(whole) == 18


def test_a_name_going_on_in_the_prose_language_is_of_another_origin() -> None:
    # 'Hakeem' reads like a romanisation, but the rare English-looking word after it makes it the
    # given name of a person of another origin; a frequent word after a name says nothing
    text = "Speaker Hakeem Jeffries met Oksana Tkachuk. Tkachuk Said the talks went well."
    assert spelled(text, "en") == [("Tkachuk", "Oksana", "person"), ("Tkachuk", "", "")]


def test_in_german_a_capitalized_noun_after_a_name_says_nothing() -> None:
    text = "Am Montag warf Tkatschuk Drohnenangriffe vor, sagte Oksana Tkatschuk."
    assert [s for s, _, _ in spelled(text)] == ["Tkatschuk", "Tkatschuk"]


def test_the_languages_that_capitalize_nouns_are_prose_languages() -> None:
    from normalizer.conventions import shipped_names
    from normalizer.unlisted import _capitalized_nouns

    assert _capitalized_nouns() and _capitalized_nouns() <= set(shipped_names())
    assert "en" not in _capitalized_nouns()


def test_a_title_before_a_given_name_and_a_surname_is_no_name() -> None:
    # an occupation the word lists do not know, right before a person's given name and surname
    text = "Der Traktorist Ivan Kovalchuk sagte, Kowaltschuk habe die Felder verloren."
    assert spelled(text) == [("Kovalchuk", "Ivan", "person"), ("Kowaltschuk", "", "")]
    assert spelled("Kolkhoznik Petro Bondarchuk said that Bondarchuk's farm burned.", "en")[0][:2] == (
        "Bondarchuk",
        "Petro",
    )


def test_a_name_only_written_as_the_first_part_of_a_compound_is_left_out() -> None:
    # 'Rada' is a word here, not a name; 'Ostapchuk' is also written alone, so its compound counts
    text = "Die Rada-Sitzung begann spät. Ostapchuk-Anhänger protestierten, Ostapchuk schwieg."
    assert [s for s, _, _ in spelled(text)] == ["Ostapchuk", "Ostapchuk"]


def test_a_word_after_a_number_is_a_unit_not_a_name() -> None:
    text = "Das Dorf Kosachivka erhielt 300 Kopijok und zwei Millionen Hrywen von Bondarchuk."
    assert [s for s, _, _ in spelled(text)] == ["Kosachivka", "Bondarchuk"]
    english = "Bondarchuk paid 4,500 Kopiyok and several million Hryven to Kosachivka."
    assert [s for s, _, _ in spelled(english, "en")] == ["Bondarchuk", "Kosachivka"]


def test_the_words_for_large_numbers_are_lowercase_words_of_prose_languages() -> None:
    from normalizer.conventions import shipped_names
    from normalizer.unlisted import _quantities

    for lang in shipped_names():
        assert _quantities(lang), lang
        assert all(w == w.lower() and w.isalpha() for w in _quantities(lang))


def test_a_german_compound_of_two_frequent_words_is_no_name() -> None:
    # both words are in the German word list (rarely) and made of two frequent words: nouns, though
    # each looks as much a romanisation as a German word; after a preposition for places too
    text = "Im Oberkommando klagte man über Personalmangel, sagte Kowaltschuk in Dubriwka."
    assert [s for s, _, _ in spelled(text)] == ["Kowaltschuk", "Dubriwka"]
    reader = unlisted._Reader(normalizer("de")._resolver, "de")
    assert reader.compound("Oberkommando") and reader.compound("Personalmangel")
    # a romanised name that ends in a German word is no compound: its first part is no word ('Tjot')
    # and the whole is in no German word list
    assert not reader.compound("Tjotkino") and not reader.compound("Kamennaja")
    # English does not write its compounds as one word
    assert not unlisted._Reader(normalizer("en")._resolver, "en").compound("Oberkommando")


def test_a_country_is_no_name() -> None:
    # country names (ISO 3166, in English and the prose language) look like romanisations too
    text = "Truppen aus Tadschikistan und Armenia kamen nach Dubriwka, sagte Kowaltschuk."
    assert [s for s, _, _ in spelled(text)] == ["Dubriwka", "Kowaltschuk"]
    english = "Troops from Kyrgyzstan reached Dubrivka, Kovalchuk said."
    assert [s for s, _, _ in spelled(english, "en")] == ["Dubrivka", "Kovalchuk"]
    # and its adjective (a rare word of the word lists)
    english = "A Kyrgyzstani convoy and Moldovan medics reached Dubrivka, the Belarusian envoy said."
    assert [s for s, _, _ in spelled(english, "en")] == ["Dubrivka"]


def test_a_german_noun_made_with_a_suffix_is_no_name() -> None:
    # the feminine of a noun for a person is rarer than the noun, and before a name of another
    # origin no given name of the tables says it is a title
    text = "Die Koordinatorin Sabine Kerner und die Gouverneurin trafen Bondarchuk in Dubriwka."
    assert [s for s, _, _ in spelled(text)] == ["Bondarchuk", "Dubriwka"]
    reader = unlisted._Reader(normalizer("de")._resolver, "de")
    assert reader.derived("Koordinatorin") and reader.derived("Sanitäterin")
    # a Russian surname in -in is no German word with a suffix: its first part is no word, or short
    assert not any(reader.derived(name) for name in ("Putin", "Borodin", "Kalinin", "Sorokin", "Lenin"))
    # English has no such suffix
    assert not unlisted._Reader(normalizer("en")._resolver, "en").derived("Koordinatorin")
