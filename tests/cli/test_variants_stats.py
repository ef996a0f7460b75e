"""`normalizer variants` and `normalizer conventions stats`."""

from __future__ import annotations

from click.testing import CliRunner

from normalizer.cli import main


def test_variants_lists_each_spelling_with_its_systems() -> None:
    result = CliRunner().invoke(main, ["variants", "Андрій Єрмак", "--source", "uk"])
    assert result.exit_code == 0
    rows = dict(line.split("\t") for line in result.output.splitlines())
    assert "uk-national-2010" in rows["Andrii Yermak"]
    assert "uk-german" in rows["Andrij Jermak"]
    assert any("ru-reading" in systems for systems in rows.values())


def test_variants_needs_a_source_language() -> None:
    result = CliRunner().invoke(main, ["variants", "Андрій Єрмак"])
    assert result.exit_code == 2


def test_stats_report_self_recall() -> None:
    result = CliRunner().invoke(main, ["conventions", "stats", "de", "en"])
    assert result.exit_code == 0
    header, *rows = result.output.splitlines()
    assert header.split("\t")[5] == "self-recall"
    for row in rows:
        fields = row.split("\t")
        assert int(fields[1]) >= 60
        assert 0.9 <= float(fields[5]) <= 1.0
        assert fields[6] == "0"  # no collisions between entries in the shipped conventions
