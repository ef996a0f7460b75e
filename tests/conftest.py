"""Shared fixtures: a small convention written to a temp dir, and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

CONVENTION_YAML = """\
convention: test-de
version: 1
language: de
description: A small German test convention
entries:
  - canonical: Andrij Jermak
    native: Андрій Єрмак
    source_lang: uk
    kind: person
    aliases: [Andriy Yermak]
  - canonical: Steve Witkoff
    kind: person
  - canonical: Günter Sautter
    kind: person
  - canonical: Kiew
    native: Київ
    source_lang: uk
    kind: place
    aliases: [Kyiv]
protect: [Witkov]  # another surname, close to Witkoff
"""


@pytest.fixture
def convention_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of the small test convention (a fresh folder of its own, apart from `tmp_path`)."""
    path = tmp_path_factory.mktemp("convention") / "test-de.yaml"
    path.write_text(CONVENTION_YAML, encoding="utf-8")
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/*/*.expected.txt from the tool's output (review the diff before committing).",
    )


@pytest.fixture(autouse=True, scope="session")
def _cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never write to the user's cache folder, nor create the user's cache key."""
    import os

    os.environ["NORMALIZER_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["NORMALIZER_KEY_FILE"] = str(tmp_path_factory.mktemp("key") / "cache.key")
