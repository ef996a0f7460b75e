"""Reading romanised spellings backwards (normalizer.native): readings, the channel, one name or
two, the likeliest native spelling, the language of given names, romanisation or prose word."""

from __future__ import annotations

import math

import pytest

from normalizer import native
from normalizer.given_language import given_language


@pytest.mark.parametrize(
    ("latin", "lang", "cyrillic"),
    [
        ("Lewtschenko", "uk", "левченко"),  # German tsch
        ("Levchenko", "uk", "левченко"),
        ("Rudenko", "uk", "руденко"),
        ("Mykhailivka", "uk", "михайлівка"),  # y for и, i for і: Ukrainian
        ("Michajliwka", "uk", "михайлівка"),
        ("Kouzmenko", "ru", "кузьменко"),  # French ou; a soft sign no letter shows
        ("Ostrowske", "uk", "островське"),
    ],
)
def test_the_native_spelling_is_among_the_readings(latin: str, lang: str, cyrillic: str) -> None:
    assert cyrillic in [reading for reading, _ in native.readings(latin, lang)]


def test_the_channel_prefers_the_spelling_more_tables_write() -> None:
    assert native.channel("левченко", "uk", "Levchenko") > native.channel("левченко", "uk", "Lewtschenko")
    assert native.channel("левченко", "uk", "Lewtschenko") > native.channel("левченко", "uk", "Levtschenko")  # mixed
    assert native.channel("левченко", "uk", "Lebchenko") == -math.inf


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Levchenko", "Lewtschenko"),
        ("Levchenko", "Levtchenko"),  # French
        ("Pavlenko", "Pawlenko"),
        ("Mykhailivka", "Mikhailovka"),  # the Russian reading of a Ukrainian place
        ("Ostrovske", "Ostrovskoye"),  # Russian -ое of a neuter adjective
        ("Moroz", "Moros"),
        ("Zelenyi Hai", "Zeleny Gay"),  # the short word alone says little; with the long one, enough
        ("Velyka Pysarivka", "Welyka Pyssariwka"),
    ],
)
def test_spellings_of_one_native_name(a: str, b: str) -> None:
    assert native.same_name(a, b)
    assert native.same_name(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Savchenko", "Savenko"),  # a consonant more
        ("Hrytsenko", "Herashchenko"),
        ("Levchenko", "Lysenko"),
        ("Rudenko", "Rudnenko"),
        ("Lysak", "Lysiak"),  # Лисак, Лисяк: no table writes я as a
        ("Kovalenko", "Kovalchuk"),
        ("Juli", "Schule"),  # жулі (French j) read the Russian way, жуле, in German: too long a chain
    ],
)
def test_spellings_of_two_names(a: str, b: str) -> None:
    assert not native.same_name(a, b)


def test_the_likeliest_native_spelling_explains_the_spellings() -> None:
    found = native.guess({"Levchenko": 2, "Lewtschenko": 1, "Levtchenko": 1})
    assert found is not None
    assert (found.native, found.source_lang, found.explained, found.mentions) == ("Левченко", "uk", 4, 4)


def test_the_word_list_decides_a_soft_sign_no_spelling_shows() -> None:
    found = native.guess({"Kowal": 1, "Koval": 2})
    assert found is not None and found.native == "Коваль"


def test_a_russian_name_and_a_two_word_place() -> None:
    russian = native.guess({"Sokolov": 1, "Sokolow": 1}, prefer="ru")
    assert russian is not None and (russian.native, russian.source_lang) == ("Соколов", "ru")
    place = native.guess({"Krasnyi Lyman": 1, "Krasny Liman": 1})
    assert place is not None and place.native == "Красний Лиман"


def test_a_guess_keeps_the_language_whose_alphabet_writes_it() -> None:
    # the Belarusian tables read the spellings best, but nothing in the native guess is Belarusian
    # only, and Ukrainian has no ё: the guess is Russian (its house spelling could not write ё)
    found = native.guess({"Topoljowka": 1, "Topolyovka": 1, "Topolewka": 1})
    assert found is not None and (found.native, found.source_lang) == ("Тополёвка", "ru")


def test_the_ukrainian_apostrophe_after_k_in_names_of_lukian() -> None:
    found = native.guess({"Lukjanenko": 1, "Lukianenko": 1}, prefer="uk")
    assert found is not None and found.native == "Лук'яненко"


def test_a_russian_name_written_in_its_ukrainian_reading() -> None:
    # Щёголев is Щоголев in Ukrainian letters, romanised 'Shchoholev' by the Ukrainian tables
    found = native.guess({"Shchoholev": 1, "Shchyogolev": 1}, prefer="ru")
    assert found is not None and (found.native, found.source_lang, found.explained) == ("Щёголев", "ru", 2)
    assert native.same_name("Sheremetiev", "Sheremetyev")  # Шереметьєв, Шереметьев


def test_a_guess_is_written_as_its_language_writes_the_ending() -> None:
    # Ukrainian writes -ський, Russian -ский: a Ukrainian guess without the soft sign is none
    assert not native.fits("Завадский", "uk") and not native.fits("Завадський", "ru")
    found = native.guess({"Sawadskyj": 1, "Zavadskyi": 1})
    assert found is not None and (found.native, found.source_lang) == ("Завадський", "uk")


def test_names_of_different_lengths_are_two() -> None:
    assert not native.same_name("Zelenyi Hai", "Zelenyi")


def test_no_guess_for_spellings_of_different_lengths() -> None:
    assert native.guess({"Zelenyi Hai": 1, "Zelenyi": 1}) is None


@pytest.mark.parametrize(
    ("givens", "lang"),
    [
        (["Oleksandr"], "uk"),
        (["Aleksandr"], "ru"),
        (["Maksym"], "uk"),
        (["Dmitry"], "ru"),
        (["Viktor"], ""),
        (["Nykolai"], "ru"),  # Николай written the Ukrainian way is a Russian's name
        (["Mykola"], "uk"),
        (["Uladzimir"], "be"),  # Уладзімір: only the Belarusian tables write it, no list knows it
        (["Siarhei"], "be"),
    ],
)
def test_the_language_of_given_names(givens: list[str], lang: str) -> None:
    assert given_language(givens) == lang


def test_a_given_name_of_another_origin_says_nothing() -> None:
    assert given_language(["Hans"]) == ""


@pytest.mark.parametrize("word", ["Lewtschenko", "Michajliwka", "Tjotkino", "Ostrowskoje"])
def test_romanisations_are_not_german_words(word: str) -> None:
    assert native.transliterated(word, "de") > 0


@pytest.mark.parametrize("word", ["Gleitbomben", "Umspannwerk", "Hilfstransporte", "Falschmeldungen"])
def test_german_compounds_are_german_words(word: str) -> None:
    assert native.transliterated(word, "de") < -0.5


def test_the_guess_does_not_depend_on_the_order_of_its_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    # the candidates are a set, whose order changes with the hash seed; ё written e ties with е
    candidates = native._candidates
    found = []
    for backwards in (False, True):
        monkeypatch.setattr(native, "_candidates", lambda s, lang, b=backwards: sorted(candidates(s, lang), reverse=b))
        found.append(native.guess({"Chernyi": 1}))
    assert found[0] == found[1]
    assert found[0] is not None and found[0].native == "Черный"  # е, as the word lists write it


def test_a_native_form_fits_a_language_whose_alphabet_writes_all_its_letters() -> None:
    # Belarusian has no и, Ukrainian no ў, Russian no і: a given name is guessed only in a
    # form its surname's language writes (a Belarusian surname never gets Дмитро, whose и the
    # Belarusian tables cannot romanise)
    assert not native.fits("Дмитро", "be") and native.fits("Дзмітрый", "be")
    assert not native.fits("Жукоўскі", "uk") and native.fits("Жукоўскі", "be")
    assert native.fits("Лук'янчук", "uk") and not native.fits("Лук'янчук", "ru")
    assert native.fits("Дмитрий", "ru") and not native.fits("Дмитрій", "ru")
