"""Conventions for the engine tests: the files of `tests/fixtures/conventions/` (which the
fixture cases of `tests/fixtures/<CODE>/` name), and entries built in code for a test's own."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from normalizer import Normalizer
from normalizer.conventions import Convention, Entry, load_file

CONVENTIONS = Path(__file__).parent / "fixtures" / "conventions"


def person(canonical: str, native: str | None = None, lang: str | None = None, *aliases: str) -> Entry:
    return Entry(canonical=canonical, kind="person", native=native, source_lang=lang, aliases=aliases)


def place(canonical: str, native: str | None = None, lang: str | None = None, *aliases: str) -> Entry:
    return Entry(canonical=canonical, kind="place", native=native, source_lang=lang, aliases=aliases)


@cache
def convention(name: str) -> Convention:
    return load_file(CONVENTIONS / f"{name}.yaml")


GERMAN = convention("de")


@cache
def normalizer(which: str = "de") -> Normalizer:
    return Normalizer(convention(which))


def fix(text: str, which: str = "de") -> str:
    return normalizer(which).fix(text).text
