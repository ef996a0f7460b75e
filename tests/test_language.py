"""Choosing the prose language of a text among the shipped conventions."""

from __future__ import annotations

import py3langid
import pytest

from normalizer import language


def test_detects_german_and_english() -> None:
    choices = ["de", "en"]
    assert language.recognise("Der Präsident sprach am Abend über die Lage im Land.", choices).language == "de"
    assert language.recognise("The president spoke about the situation in the country.", choices).language == "en"


def test_empty_text_and_a_single_choice() -> None:
    assert language.recognise("  \n", ["de", "en"]).language is None
    assert language.recognise("The president spoke.", ["de"]).language == "de"


def test_the_model_is_loaded_once_per_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading py3langid's model takes about 0.3 s: once per file made a folder of 1,000
    articles take 300 s instead of 3 s."""
    language._identifier.cache_clear()
    loads: list[str] = []
    real = py3langid.langid.LanguageIdentifier.from_model_file

    def counted(path: str, **options: object) -> object:
        loads.append(path)
        return real(path, **options)

    monkeypatch.setattr(py3langid.langid.LanguageIdentifier, "from_model_file", counted)
    texts = [
        "Der Präsident sprach am Abend mit ihr.",
        "The president spoke to them at night.",
        "Die Regierung beriet lange über das Gesetz.",
    ]
    for text in texts * 3:
        language.recognise(text, ["de", "en"])
    assert len(loads) == 1
    language._identifier.cache_clear()
