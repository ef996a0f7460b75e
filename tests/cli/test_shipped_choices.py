"""The choices the command line offers are what is shipped: `--lang` the prose languages of the
shipped conventions, `--source` the languages of the transliteration tables, and `init` a house
convention template for each prose language, written in that language."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from normalizer import language, translit
from normalizer.cli import main
from normalizer.conventions import load_file, resolve_name, shipped_names


def choices(command: tuple[str, ...], option: str) -> tuple[str, ...]:
    found: click.Command | None = main
    for name in command:
        assert isinstance(found, click.Group)
        found = found.get_command(click.Context(found), name)  # (the group imports its commands by name)
    assert found is not None
    (param,) = [p for p in found.params if option in getattr(p, "opts", ())]
    assert isinstance(param.type, click.Choice)
    return tuple(param.type.choices)


@pytest.mark.parametrize("command", [("check",), ("fix",), ("suggest",), ("explain",), ("init",)])
def test_lang_offers_the_languages_of_the_shipped_conventions(command: tuple[str, ...]) -> None:
    shipped = {load_file(resolve_name(name)).language for name in shipped_names()}
    assert set(choices(command, "--lang")) == shipped == set(shipped_names())


def test_source_offers_the_languages_of_the_transliteration_tables() -> None:
    assert set(choices(("variants",), "--source")) == {table.source_lang for table in translit.tables()}


@pytest.mark.parametrize("lang", shipped_names())
def test_init_writes_a_house_convention_in_its_own_language(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", "--lang", lang])
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((tmp_path / ".normalizer.yaml").read_text(encoding="utf-8"))
    assert config == {"conventions": [f"house-{lang}.yaml"], "language": lang}
    house = yaml.safe_load((tmp_path / f"house-{lang}.yaml").read_text(encoding="utf-8"))
    assert (house["language"], house["extends"]) == (lang, lang)
    lint = CliRunner().invoke(main, ["conventions", "lint", f"house-{lang}.yaml"])
    assert lint.exit_code == 0, lint.output
    prose = " ".join(f"{e['in']} {e['out']}" for entry in house["entries"] for e in entry["examples"])
    assert language.recognise(prose, shipped_names()).language == lang
