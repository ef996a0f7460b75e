"""The sound key: which spelling differences romanisation explains, and which make another name."""

from __future__ import annotations

import pytest

from normalizer.sounds import block_key, difference, rules, sound_key

SAME = [
    # (word in the text, spelling of the entry, source language of the entry, kind)
    ("Ermak", "Jermak", "uk", "person"),
    ("Wittkoff", "Witkoff", "", "person"),
    ("Whitkoff", "Witkoff", "", "person"),
    ("Shmygal", "Schmyhal", "uk", "person"),
    ("Vereschuk", "Wereschtschuk", "uk", "person"),
    ("Medwedchuks", "Medwedtschuks", "uk", "person"),
    ("Bärbock", "Baerbock", "", "person"),
    ("Günther", "Günter", "", "person"),
    ("Ismail", "Ismajil", "uk", "place"),
    ("Gorlowka", "Horliwka", "uk", "place"),  # Russian о for Ukrainian і
    ("Kurachowo", "Kurachowe", "uk", "place"),  # Russian -о for Ukrainian -е
    ("Woltschansk", "Wowtschansk", "uk", "place"),  # Russian л for Ukrainian в
    ("Fjodorow", "Fedorow", "uk", "person"),  # ё
    ("Kolesnikova", "Kalesnikava", "be", "person"),  # Belarusian akanye
    ("Tahanrih", "Taganrog", "ru", "place"),  # Ukrainian і for Russian о, places only
    ("Chinstein", "Chinschtein", "ru", "person"),
    ("Smirnoff", "Smirnow", "ru", "person"),  # the old French and English -off for -ов
    ("Maria", "Mariia", "uk", "person"),  # ія written ia, iia, ija
    ("Natalja", "Natalia", "ru", "person"),
    ("Slavyansk", "Sloviansk", "uk", "place"),  # я after a consonant, marked in both systems
    ("Belyatsky", "Bialiatski", "be", "person"),  # Belarusian я for Russian е
    ("Vinnitsa", "Vinnytsia", "uk", "place"),  # Russian -ца for Ukrainian -ця
    ("Kislitsa", "Kyslytsia", "uk", "person"),
]

OTHER = [
    ("Hryzenko", "Heraschtschenko", "uk", "person"),
    ("Borysenko", "Bojtschenko", "uk", "person"),
    ("Humenko", "Humenjuk", "uk", "person"),
    ("Ischtschenko", "Juschtschenko", "uk", "person"),
    ("Yatsenko", "Yushchenko", "uk", "person"),
    ("Kirsanow", "Krasnow", "ru", "person"),
    ("Rybakov", "Ryabkov", "ru", "person"),
    ("Kriukov", "Kurkov", "uk", "person"),
    ("Panchuk", "Pinchuk", "uk", "person"),
    ("Fedoriv", "Fedorov", "uk", "person"),  # Ukrainian і is not read back into о
    ("Lysiak", "Lysak", "uk", "person"),  # я after a consonant is marked by every system: Лисяк, Лисак
    ("Lysak", "Lysiak", "uk", "person"),
    ("Diatlov", "Datlov", "ru", "person"),
    ("Makaryev", "Makarov", "uk", "place"),  # ё is read as o, not the other way round
    ("Kolomyiskyi", "Kolomoisky", "uk", "person"),
    ("Vedel", "Weidel", "", "person"),  # German ei is ai
    ("Kuzma", "Kuchma", "uk", "person"),
    ("Danko", "Dschankoj", "uk", "place"),
    ("Altai", "Yalta", "uk", "place"),  # an initial я is not а
    ("Lavriv", "Lavrov", "ru", "person"),  # the Ukrainian reading applies to places only
    ("Burbok", "Baerbock", "", "person"),
    ("Oflow", "Owlow", "ru", "person"),  # only a final -off
]


@pytest.mark.parametrize(("word", "spelling", "lang", "kind"), SAME)
def test_romanisations_of_one_name_are_explained(word: str, spelling: str, lang: str, kind: str) -> None:
    assert difference(word, spelling, lang, kind) == ""


@pytest.mark.parametrize(("word", "spelling", "lang", "kind"), OTHER)
def test_other_names_are_refused_with_the_difference(word: str, spelling: str, lang: str, kind: str) -> None:
    reason = difference(word, spelling, lang, kind)
    assert reason.startswith(f"not a spelling of '{spelling}': the sounds differ (")
    assert sound_key(word) in reason and sound_key(spelling) in reason


def test_keys_that_agree_share_a_block() -> None:
    assert block_key("Sechinn") == block_key("Setschin")  # ch and tsch: one sound in two traditions


def test_the_readings_are_well_formed() -> None:
    table = rules()
    assert table.max_readings >= 1
    for lang, readings in table.readings.items():
        assert lang in ("uk", "ru", "be")
        for reading in readings:
            assert reading.word != reading.entry
            assert reading.at in ("closed", "end", "before_consonant", "any")
            assert reading.kind in ("", "person", "place")
            assert len(reading.word) == len(reading.entry) == 1  # compared letter for letter


def test_explain_names_each_refusal() -> None:
    from normalizer import Normalizer, load_conventions

    engine = Normalizer(load_conventions(["de"]))
    text = "Myroslav Sikorskyi sagte das. Laut Sikorskyi ist es so. Ischtschenko erklärte das."
    _, skips = engine.explain(text)
    reasons = [(skip.found, skip.reason) for skip in skips]
    assert ("Sikorskyi", "preceded by 'Myroslav', a given name of another person") in reasons
    assert ("Sikorskyi", "introduced as 'Myroslav Sikorskyi' on line 1: another person") in reasons
    (why,) = [reason for found, reason in reasons if found == "Ischtschenko"]
    assert "not a spelling of 'Juschtschenko': the sounds differ (-/u in išenko/iušenko)" in why
