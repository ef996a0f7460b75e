"""The house systems of a convention (normalizer.house), read from its entries."""

from __future__ import annotations

from normalizer.conventions import Convention, Entry, load_conventions
from normalizer.house import house_of


def test_the_shipped_conventions_follow_the_press_tables() -> None:
    de, en = house_of(load_conventions(["de"])), house_of(load_conventions(["en"]))
    assert {lang: system for lang, (system, _) in de.systems.items() if lang != "be"} == {
        "uk": "uk-german",
        "ru": "ru-german",
    }
    assert en.systems["uk"][0] == "uk-national-2010"
    assert en.systems["ru"][0] == "ru-english-press"
    assert all(share >= 0.5 for _, share in (*de.systems.values(), *en.systems.values()))
    assert de.spelling("Левченко", "uk") == "Lewtschenko"
    assert en.spelling("Михайлівка", "uk") == "Mykhailivka"
    assert de.spelling("Соловёвка", "uk") is None  # the Ukrainian table writes no ё: no spelling in two scripts


def test_given_names_take_the_conventions_spelling() -> None:
    de = house_of(load_conventions(["de"]))
    assert de.given_name("Олександр", "uk") == "Olexander"  # as the convention writes it, not the table
    assert de.given_name("Ярема", "uk") == "Jarema"  # not in the convention: the table


def test_no_house_system_without_a_majority() -> None:
    entries = (
        Entry("Lewtschenko", "person", "Левченко", "uk"),  # uk-german
        Entry("Rudenko", "person", "Руденко", "uk"),  # every table
        Entry("Pavlenko", "person", "Павленко", "uk"),  # English tables, not German
    )
    house = house_of(Convention("t", "de", entries=entries[::2]))
    assert house.systems == {}  # a table writes one of the two entries, another the other: no majority
    house = house_of(Convention("t", "de", entries=entries))
    assert house.spelling("Кравець", "ru") is None  # no Russian entries
