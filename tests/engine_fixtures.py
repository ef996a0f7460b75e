"""Conventions built in code for the engine tests."""

from __future__ import annotations

from functools import cache

from normalizer import Normalizer
from normalizer.conventions import Convention, Entry


def person(canonical: str, native: str | None = None, lang: str | None = None, *aliases: str) -> Entry:
    return Entry(canonical=canonical, kind="person", native=native, source_lang=lang, aliases=aliases)


def place(canonical: str, native: str | None = None, lang: str | None = None, *aliases: str) -> Entry:
    return Entry(canonical=canonical, kind="place", native=native, source_lang=lang, aliases=aliases)


GERMAN = Convention(
    name="test-de",
    language="de",
    entries=(
        person("Andrij Jermak", "Андрій Єрмак", "uk", "Andriy Yermak"),
        person("Wolodymyr Selenskyj", "Володимир Зеленський", "uk", "Volodymyr Zelenskyy"),
        person("Dmytro Kuleba", "Дмитро Кулеба", "uk"),
        person("Dmitri Peskow", "Дмитрий Песков", "ru", "Dmitry Peskov"),
        person("Petro Poroschenko", "Петро Порошенко", "uk", "Petro Poroshenko"),
        person("Steve Witkoff"),
        person("Günter Sautter"),
        person("Olaf Scholz"),
        person("Annalena Baerbock"),
        person("Maia Sandu"),
        place("Kiew", "Київ", "uk", "Kyiv"),
        place("Charkiw", "Харків", "uk", "Kharkiv"),
        place("Bilhorod-Dnistrowskyj", "Білгород-Дністровський", "uk", "Bilhorod-Dnistrovskyi"),
        place("Odessa", "Одеса", "uk", "Odesa"),
        person("Mark Rutte"),
        person("Friedrich Merz"),
        place("Luzk", "Луцьк", "uk", "Lutsk"),
        place("Orichiw", "Оріхів", "uk", "Orikhiv"),
        person("Maria Sacharowa", "Мария Захарова", "ru"),
        person("Ursula von der Leyen"),
        person("Markus Söder"),
        place("Pokrowsk", "Покровськ", "uk"),
        place("Oskil", "Оскіл", "uk"),
        person("Ihor Kuter", "Ігор Кутер", "uk"),
        place("Seim", "Сейм", "ru"),
        place("Kropywnyzkyj", "Кропивницький", "uk", "Kropyvnytskyi"),
        person("Oleg Gorelow", "Олег Горелов", "ru"),
        person("Marija Bila", "Марія Біла", "uk"),
    ),
    protect=frozenset({"sejm"}),  # the Polish parliament, not the river Seim
)

ENGLISH = Convention(
    name="test-en",
    language="en",
    entries=(
        person("Andriy Yermak", "Андрій Єрмак", "uk", "Andrij Jermak"),
        person("Volodymyr Zelenskyy", "Володимир Зеленський", "uk"),
        person("Olaf Scholz"),
        person("Steve Witkoff"),
        place("Kyiv", "Київ", "uk", "Kiew"),
        place("Odesa", "Одеса", "uk", "Odessa"),
        place("Kharkiv", "Харків", "uk"),
        place("Orikhiv", "Оріхів", "uk"),
    ),
)

TIE = Convention(
    name="tie",
    language="de",
    entries=(person("Iwan Kalinowskyj"), person("Petro Kalinowski")),
)


@cache
def normalizer(which: str = "de") -> Normalizer:
    return Normalizer({"de": GERMAN, "en": ENGLISH, "tie": TIE}[which])


def fix(text: str, which: str = "de") -> str:
    return normalizer(which).fix(text).text
