"""The engine's tuning: one frozen value, checked when made, that keys the cache."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest
from click.testing import CliRunner

from normalizer import cache
from normalizer.cli import main
from normalizer.tuning import MIN_ZIPF, THRESHOLD_RANGE, Tuning

from .engine_fixtures import GERMAN


def _other(value: object) -> object:
    """A different value of the same type that every check accepts."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    assert isinstance(value, float)
    return value + 0.5


@pytest.mark.parametrize("name", [f.name for f in fields(Tuning)])
def test_every_field_changes_the_cache_key(name: str) -> None:
    """No cached normalizer serves results computed with other thresholds."""
    default = Tuning()
    other = replace(default, **{name: _other(getattr(default, name))})
    assert other.cache_key() != default.cache_key()
    assert cache.key(GERMAN, (other.cache_key(), ())) != cache.key(GERMAN, (default.cache_key(), ()))


def test_the_same_tuning_the_same_key() -> None:
    assert cache.key(GERMAN, (Tuning().cache_key(), ())) == cache.key(GERMAN, (Tuning().cache_key(), ()))


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("fuzzy_min", 101.0, "fuzzy_min must be a score from 0 to 100"),
        ("plain_floor", -1.0, "plain_floor must be a score from 0 to 100"),
        ("min_length", 0, "min_length must be at least 1"),
        ("near_words", 0, "near_words must be at least 1"),
        ("zipf_known", MIN_ZIPF - 0.5, "zipf_known must be at least"),
        ("common_folded_zipf", 1.0, "the floor of the frequency table"),
        ("explained_bonus", -1.0, "explained_bonus must not be negative"),
    ],
)
def test_a_value_out_of_range_is_refused(name: str, value: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        replace(Tuning(), **{name: value})


def test_the_threshold_keeps_the_worth_of_phonetic_agreement() -> None:
    default = Tuning()
    tuned = default.with_threshold(95.0)
    assert tuned.fuzzy_min == 95.0
    assert tuned.phonetic_bonus == default.phonetic_bonus
    assert tuned.with_threshold() == tuned
    assert not default.with_threshold(fuzzy=False).fuzzy


@pytest.mark.parametrize("threshold", [THRESHOLD_RANGE[0] - 1, THRESHOLD_RANGE[1] + 1])
def test_a_threshold_out_of_range_is_refused(threshold: float) -> None:
    with pytest.raises(ValueError, match="the threshold must be from"):
        Tuning().with_threshold(threshold)


def test_the_help_gives_the_tuning_s_figures() -> None:
    default = Tuning()
    shown = " ".join(CliRunner().invoke(main, ["check", "--help"]).output.split())
    assert f"[default: {default.fuzzy_min:g}]" in shown
    assert f"need {default.phonetic_bonus:g} less" in shown
    assert f"({THRESHOLD_RANGE[0]:g}-{THRESHOLD_RANGE[1]:g})" in shown
