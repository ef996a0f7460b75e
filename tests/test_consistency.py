"""Unlisted names spelled in several ways (normalizer.consistency): what is one name, what are
two, the suggestion, and the edits of --consistency-fix."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer import Normalizer, load_conventions
from normalizer.consistency import Inconsistency, edits, inconsistencies
from normalizer.house import House
from normalizer.rewrite import apply


@cache
def normalizer(lang: str) -> Normalizer:
    return Normalizer(load_conventions([lang]))


def found(text: str, lang: str = "de", house: House | None = None) -> list[Inconsistency]:
    n = normalizer(lang)
    return inconsistencies(n.unlisted(text), house or n.house)


def fixed(text: str, lang: str = "de") -> str:
    return apply(text, [e for f in found(text, lang) for e in edits(text, f)])


ONE_NAME = "Taras Levchenko sagte am Montag, Lewtschenko sei zufrieden.\nLevtchenko ging nach Hause."


def test_one_name_in_three_spellings_is_one_finding() -> None:
    [only] = found(ONE_NAME)
    assert [(s.text, s.count) for s in only.spellings] == [("Levchenko", 1), ("Lewtschenko", 1), ("Levtchenko", 1)]
    assert [(m.line, m.column) for m in only.mentions] == [(1, 7), (1, 34), (2, 1)]
    assert only.suggestion == "Lewtschenko"
    assert only.reason == "house spelling (uk-german) of Левченко"
    assert (only.native, only.source_lang, only.kind) == ("Левченко", "uk", "person")


def test_the_english_house_spelling() -> None:
    [only] = found("Taras Lewtschenko said it. Levtchenko left.", "en")
    assert only.suggestion == "Levchenko"


def test_two_people_with_different_given_names_are_two() -> None:
    assert found("Ivan Levchenko traf Mykola Lewtschenko. Levchenko sagte, Lewtschenko schwieg.") == []


def test_a_spelling_of_two_people_is_grouped_with_no_other() -> None:
    text = "Ivan Pavlenko und Petro Pavlenko kamen. Pawlenko sagte nichts."
    assert found(text) == []


def test_a_person_and_a_place_are_two() -> None:
    assert found("Taras Pavlenko wohnt in Pawlenko.") == []


def test_given_names_of_another_origin_are_not_transliterated() -> None:
    assert found("Hans Lewtschenko traf Taras. Levchenko ging.") == []


def test_without_a_house_system_the_most_frequent_spelling() -> None:
    [only] = found("Rudenko kam. Rudenko ging. Roudenko blieb.", house=House())
    assert (only.suggestion, only.reason) == ("Rudenko", "the most frequent spelling")


def test_a_suggestion_that_is_another_names_spelling_is_not_made() -> None:
    # the house spelling of the second name is the spelling of the first one
    text = "Ivan Lewtschenko kam. Mykola Levchenko kam. Mykola Levtchenko ging."
    [only] = found(text)
    assert only.suggestion == ""
    assert "another name" in only.reason
    assert edits(text, only) == []


def test_the_fix_keeps_a_genitive_and_the_case() -> None:
    text = "Levchenko kam. Lewtschenkos Stellvertreter blieb. LEVCHENKO? Levtchenko."
    assert fixed(text) == "Lewtschenko kam. Lewtschenkos Stellvertreter blieb. LEVCHENKO? Lewtschenko."


def test_a_fixed_text_has_no_finding_left() -> None:
    once = fixed(ONE_NAME)
    assert once == "Taras Lewtschenko sagte am Montag, Lewtschenko sei zufrieden.\nLewtschenko ging nach Hause."
    assert found(once) == []


SPELLINGS = ["Levchenko", "Lewtschenko", "Levtchenko", "Lewczenko"]
FRAMES = ["{} sagte das.", "Laut {} ist es ruhig.", "Der Sprecher {} nickte.", "Taras {} kam."]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FRAMES), st.sampled_from(SPELLINGS)), min_size=1, max_size=6))
def test_the_fix_is_stable(sentences: list[tuple[str, str]]) -> None:
    text = " ".join(frame.format(name) for frame, name in sentences)
    changes = [e for f in found(text) for e in edits(text, f)]
    assert {e.found for e in changes} <= set(SPELLINGS)  # nothing but the name's spellings changes
    once = apply(text, changes)
    assert fixed(once) == once
    assert found(once) == []


def test_russian_readings_with_yo_for_a_ukrainian_i_are_one_place() -> None:
    # Ukrainian і in a closed syllable where Russian writes ё (Журавлівка / Журавлёвка), also in the
    # Russian -ое of a neuter place name, with ё written е (Лісне / Лесное)
    text = (
        "In Zhuravlivka fielen Granaten; die Bewohner von Zhuravlyovka flohen nach Lisne.\n"
        "In Lesnoye blieb die Schule offen, Shurawliwka war ohne Strom."
    )
    assert {(f.native, f.source_lang) for f in found(text)} == {("Журавлівка", "uk"), ("Лісне", "uk")}
    english = "Shelling hit Zhuravlivka overnight. Residents of Zhuravlyovka left for Lisne; Lesnoye took them in."
    assert {f.native for f in found(english, "en")} == {"Журавлівка", "Лісне"}


def test_russian_readings_of_adjectives_and_feminine_surnames_are_one_name() -> None:
    # the Russian feminine -ская for -ська (Калиновська / Калиновская), and -енный for the -'яний
    # of an adjective from a noun (Кам'яний Яр / Каменный Яр)
    text = (
        "Tetjana Kalynowska leitet die Klinik in Kamianyi Jar. Die Ärztin Kalinovskaya sagte,\n"
        "Kamenny Yar sei seit Tagen ohne Wasser; Kalynovska bat um Hilfe."
    )
    assert {(f.native, f.source_lang) for f in found(text)} == {("Калиновська", "uk"), ("Кам'яний Яр", "uk")}


def test_russian_adjective_endings_of_place_names_are_one_place() -> None:
    # the Russian -ое of a neuter adjective with е for і (Світле / Светлое) and the -ая of a
    # feminine one that another word follows (Стара Синява / Старая Синява)
    text = (
        "Der Bürgermeister von Stara Synjawa bat um Generatoren. In Staraja Sinjawa fiel der Strom aus.\n"
        "Die Schule in Switle bleibt zu; aus Swetloje kamen Helfer."
    )
    assert {(f.native, f.source_lang) for f in found(text)} == {("Стара Синява", "uk"), ("Світле", "uk")}
    english = (
        "Shelling hit Stara Syniava overnight. Residents of Staraya Sinyava left for Svitle; Svetloye took them in."
    )
    assert {f.native for f in found(english, "en")} == {"Стара Синява", "Світле"}


def test_russian_readings_with_e_for_i_and_an_adjective_ending_together() -> None:
    from normalizer.native import forms

    # і read as е and the neuter ending at once (Лісове / Лесовое), the soft -є (Верхнє / Верхнее),
    # -ее after a hushing consonant (Свіже / Свежее), the feminine -а (Нова / Новая)
    assert "лесовое" in {form for form, _, _ in forms("лісове", "uk")}
    assert "верхнее" in {form for form, _, _ in forms("верхнє", "uk")}
    assert "свежее" in {form for form, _, _ in forms("свіже", "uk")}
    assert "новая" in {form for form, _, _ in forms("нова", "uk")}


def test_adjective_readings_do_not_feed_the_matcher() -> None:
    from normalizer import translit

    assert not any(v.startswith("Kamenn") for v in translit.variants("Кам'яний Брід", "uk"))
    assert not any(v.startswith("Staraya") for v in translit.variants("Стара Синява", "uk"))


def test_russian_readings_of_belarusian_names_with_akanye_are_one_place() -> None:
    # Belarusian writes the unstressed о as а (Гарадок / Russian Городок)
    text = "Der Bürgermeister von Haradok eröffnete die Brücke.\nIn Gorodok fehlt seither Geld."
    assert {(f.native, f.source_lang) for f in found(text)} == {("Гарадок", "uk")}
    english = "The mayor of Haradok opened the bridge. Gorodok has had no money since."
    assert {f.native for f in found(english, "en")} == {"Гарадок"}


def test_akanye_is_read_only_in_names_that_belarusian_can_write() -> None:
    from normalizer.native import forms

    assert "городок" in {form for form, _, _ in forms("гарадок", "be")}
    # a Ukrainian name is read with the Ukrainian readings only: its а stays а
    assert not {form for form, _, _ in forms("калинівка", "uk")} & {"колиновка", "калиновко"}


@pytest.mark.parametrize(
    ("spellings", "expected"),
    [
        (("Dzyarzhynsk", "Dziaržynsk"), ("Дзяржынск", "be")),  # BGN/PCGN and the national system
        (("Vawkavysk", "Vaŭkavysk"), ("Ваўкавыск", "be")),  # ў written w and ŭ
        (("Barysaw", "Barysau"), ("Барысаў", "be")),
        # the German press transcription (be-german): дз as ds, ж as sch, с between vowels as ss
        (("Dsjarschynsk", "Dzyarzhynsk"), ("Дзяржынск", "be")),
        (("Baryssau", "Barysaw"), ("Барысаў", "be")),
        (("Kovalenko", "Kowalenko"), ("Коваленко", "uk")),  # a Ukrainian name is not made Belarusian
        (("Kamianka", "Kamjanka"), ("Кам'янка", "uk")),  # written alike in both: the more common one
    ],
)
def test_belarusian_names_are_guessed_in_belarusian_letters(
    spellings: tuple[str, str], expected: tuple[str, str]
) -> None:
    from normalizer.native import guess

    found = guess(dict.fromkeys(spellings, 1))
    assert found is not None
    assert (found.native, found.source_lang) == expected


def test_the_belarusian_letter_model_is_a_respelled_stand_in() -> None:
    from normalizer.letters import stand_ins

    respell = stand_ins()["be"].respell
    assert [respell(w) for w in ("день", "вовк", "економіка", "щастя")] == ["дзень", "воўк", "экономіка", "шчасця"]
    # adjective endings, and softness taken from the next consonant, as Belarusian writes them
    assert [respell(w) for w in ("новий", "широкий", "хитрий", "міський")] == ["новы", "шырокі", "хітры", "міскі"]
    assert respell("іванович") == "івановіч"  # the suffix of patronymics and surnames
