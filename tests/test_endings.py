"""The ending structure of the source languages (data/endings.yaml): well-formed, a section for
every source language of the transliteration tables, and applied by the entry's source_lang."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from normalizer import Normalizer, match
from normalizer.conventions import Convention
from normalizer.lexicon import DATA_DIR, DEFAULT_SOURCE, Endings, _yaml, endings

from .engine_fixtures import place

LISTS = ("after_a", "after_o", "full_feminine", "soft_endings")
COUNTS = ("stem_replaced", "stem_appended", "stem_adjectival")


def translit_sources() -> set[str]:
    found = set()
    for path in Path(DATA_DIR, "translit").glob("*.yaml"):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        found.add(str(raw["source_lang"]))
    return found


def test_every_source_language_of_the_tables_has_a_section() -> None:
    sections = set(endings())
    assert translit_sources() <= sections
    assert DEFAULT_SOURCE in sections


@pytest.mark.parametrize("lang", sorted(set(_yaml("endings.yaml")) - {"version"}))
def test_a_section_is_well_formed(lang: str) -> None:
    raw = _yaml("endings.yaml")[lang]
    assert isinstance(raw, dict)
    assert set(raw) == {*LISTS, *COUNTS, "feminine"}, f"{lang}: unknown or missing keys"
    for key in LISTS:
        ends = raw[key]
        assert isinstance(ends, list) and ends, f"{lang}.{key} is empty"
        assert ends == sorted(set(ends)), f"{lang}.{key} is not sorted and unique"
        assert all(isinstance(e, str) and e.isascii() and e.isalpha() and e.islower() for e in ends)
    for key in COUNTS:
        assert isinstance(raw[key], int) and raw[key] >= 1, f"{lang}.{key}"
    assert isinstance(raw["feminine"], str) and raw["feminine"].isalpha() and raw["feminine"].islower()


def _fix_with(monkeypatch: pytest.MonkeyPatch, sections: dict[str, Endings], lang: str | None, text: str) -> str:
    monkeypatch.setattr(match, "endings", lambda: sections)
    return Normalizer(Convention("t", "de", entries=(place("Wyschanka", None, lang),))).fix(text).text


@pytest.mark.parametrize("lang", [None, "uk", "ru", "pl"])
def test_the_endings_of_the_entrys_source_language_apply(monkeypatch: pytest.MonkeyPatch, lang: str | None) -> None:
    """A section without leaked endings after -a keeps 'Wyschanky' for the entries of its
    language only; an entry of another language, or of none, takes the default's."""
    shipped = endings()
    without = {**shipped, "uk": shipped["uk"]._replace(after_a=())}
    text = "Die Lage in Wyschanky bleibt ruhig."
    fixed = "Die Lage in Wyschanka bleibt ruhig."
    assert _fix_with(monkeypatch, shipped, lang, text) == fixed
    assert _fix_with(monkeypatch, without, lang, text) == (text if lang == "uk" else fixed)
