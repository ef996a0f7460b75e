"""The word frequency table answers every word as the dict it is built from, whether it finds
the word in the bytes of the cache file or in the dict it builds after `SEARCHES` words."""

from __future__ import annotations

import pytest
import wordfreq
from hypothesis import given
from hypothesis import strategies as st

from normalizer.lexicon import ZipfTable, _zipf_table

WORDS = st.text(st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)), max_size=8)
TABLES = st.dictionaries(WORDS, st.floats(2.5, 8.0, allow_nan=False), max_size=40)
PROBES = st.lists(st.text(max_size=8), max_size=20)  # any text: line breaks, lone surrogates too


@given(TABLES, PROBES)
def test_the_packed_table_answers_as_its_dict(table: dict[str, float], probes: list[str]) -> None:
    packed = ZipfTable.unpack(ZipfTable.pack(table))
    assert packed is not None
    assert len(packed) == len(table)
    asked = [*table, *probes, "", *(a + "\n" + b for a, b in zip(table, probes, strict=False))]
    for word in asked * 2:  # past SEARCHES words the dict is built: both ways answer
        assert packed.get(word) == table.get(word, 0.0), repr(word)
    assert packed.as_dict() == table


def test_something_else_is_not_a_table() -> None:
    packed = ZipfTable.pack({"Kiew": 4.5, "der": 7.2})
    assert ZipfTable.unpack(b"") is None
    assert ZipfTable.unpack(packed[:-1] + b"\n") is None  # one word more than counted
    assert ZipfTable.unpack(packed[:12]) is None  # fewer frequencies than counted
    assert ZipfTable.unpack(ZipfTable.pack({})) is not None


def test_the_cached_table_answers_as_the_table_built_from_wordfreq() -> None:
    _zipf_table.cache_clear()
    built = dict(_zipf_table("de").as_dict())  # from the cache file, or built and stored
    _zipf_table.cache_clear()
    read = _zipf_table("de")  # read back from the cache file, as a new process does
    assert read._dict is None
    sample = [*list(built)[:: len(built) // (ZipfTable.SEARCHES - 4)], "Kiew", "kiew", "selenskyj", "zzqx"]
    for word in sample:
        assert read.get(word) == built.get(word, 0.0), word
    assert read._dict is not None  # the words past SEARCHES were answered from the dict
    _zipf_table.cache_clear()


def test_building_the_table_leaves_wordfreq_holding_no_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZER_NO_CACHE", "1")  # no cache file: built from wordfreq
    _zipf_table.cache_clear()
    try:
        assert _zipf_table("de").get("und") > 5
        assert wordfreq.get_frequency_list.cache_info().currsize == 0
        assert wordfreq.get_frequency_dict.cache_info().currsize == 0
    finally:
        _zipf_table.cache_clear()
