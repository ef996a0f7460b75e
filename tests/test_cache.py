"""The on-disk cache of built normalizers and of the word-frequency table."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizer import Normalizer, cache
from normalizer.lexicon import Frequencies

from .engine_fixtures import GERMAN


def test_a_second_build_comes_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path))
    builds: list[int] = []

    def build() -> Normalizer:
        builds.append(1)
        return Normalizer(GERMAN)

    first = cache.cached(GERMAN, (None, True), build)
    second = cache.cached(GERMAN, (None, True), build)
    assert len(builds) == 1
    assert second.fix("Andrey Ermak").text == first.fix("Andrey Ermak").text == "Andrij Jermak"
    assert len([p for p in tmp_path.glob("*.pickle") if not p.name.startswith("zipf-")]) == 1


def test_other_settings_other_key() -> None:
    assert cache.key(GERMAN, (None, True)) != cache.key(GERMAN, (95.0, True))
    assert cache.key(GERMAN, (None, True)) == cache.key(GERMAN, (None, True))


def test_a_corrupt_cache_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path))
    path = tmp_path / f"{cache.key(GERMAN, ())}.pickle"
    path.write_bytes(b"\x80\x05 not a pickle")
    built = cache.cached(GERMAN, (), lambda: Normalizer(GERMAN))
    assert built.fix("Yermak").text == "Jermak"
    assert path.read_bytes()[:1] == b"\x80" and len(path.read_bytes()) > 100


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("NORMALIZER_NO_CACHE", "1")
    cache.cached(GERMAN, (), lambda: Normalizer(GERMAN))
    assert list(tmp_path.iterdir()) == []


def test_frequency_table_agrees_with_wordfreq() -> None:
    from wordfreq import zipf_frequency

    frequencies = Frequencies("de")
    for word in ["Route", "Rute", "Meeres", "Schulz", "Kiev", "Tisch"]:
        assert abs(frequencies.zipf(word) - zipf_frequency(word.lower(), "de")) < 0.02
    assert frequencies.zipf("Wittkoff") == 0.0
