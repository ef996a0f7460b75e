"""Configuration discovery and layering: file settings, then flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizer import config, configs
from normalizer.errors import ConfigError


def test_yaml_config_is_found_upward_and_paths_are_relative_to_it(tmp_path: Path) -> None:
    (tmp_path / ".normalizer.yaml").write_text(
        "conventions: [de, house.yaml]\nlanguage: de\nexclude: ['archive/**']\nthreshold: 91\nignore: [Kyjiw]\n",
        encoding="utf-8",
    )
    (tmp_path / "house.yaml").write_text("convention: house\nlanguage: de\nentries: []\n", encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    found = configs.Configs().governing(deep / "article.md")
    assert found.conventions == ("de", str((tmp_path / "house.yaml").resolve()))
    assert found.language == "de"
    assert found.exclude == ("archive/**",)
    assert found.threshold == 91.0
    assert found.ignore == frozenset({"Kyjiw"})
    assert found.source.endswith(".normalizer.yaml")


def test_pyproject_section(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.normalizer]\nconventions = ["en"]\nfuzzy = false\n', encoding="utf-8"
    )
    found = configs.Configs().governing(tmp_path)
    assert found.conventions == ("en",)
    assert found.fuzzy is False


def test_pyproject_without_the_section_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / ".normalizer.yaml").write_text("language: en\n", encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert configs.Configs().governing(inner).language == "en"


def test_flags_override_the_file() -> None:
    base = config.Config(conventions=("de",), threshold=90.0, fuzzy=True)
    merged = base.override(conventions=("en",), threshold=None, fuzzy=False, include=())
    assert merged.conventions == ("en",)
    assert merged.threshold == 90.0
    assert merged.fuzzy is False


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour: red\n", "unknown configuration key"),
        ("threshold: high\n", "'threshold' must be a number"),
        ("fuzzy: maybe\n", "'fuzzy' must be true or false"),
        ("include: 3\n", "'include' must be a list of strings"),
        ("- a\n- b\n", "must be a mapping"),
        ("a: [\n", "invalid YAML"),
    ],
)
def test_bad_configuration_names_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / ".normalizer.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        config.load(path)
    assert str(info.value).startswith(str(path))


def test_no_configuration_gives_defaults(tmp_path: Path) -> None:
    assert configs.find(tmp_path / "x.md") is None or configs.find(tmp_path / "x.md") != tmp_path
