"""The bundled articles with unlisted names (examples/unlisted/LANG/*.txt): the output of
`check --consistency` and of `suggest` is tests/golden/unlisted/LANG.check.txt and
LANG.suggest.yaml, byte for byte (`pytest --update-golden` rewrites them), and the proposed
entries pass `conventions lint`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from normalizer.cli import main

HERE = Path(__file__).parent / "golden" / "unlisted"
ARTICLES = Path(__file__).resolve().parent.parent / "examples" / "unlisted"
LANGUAGES = ("de", "en")


def output(args: list[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ARTICLES)
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("command", "suffix"),
    [(["check", "--consistency"], "check.txt"), (["suggest"], "suggest.yaml")],
    ids=["check", "suggest"],
)
def test_golden_output(
    lang: str, command: list[str], suffix: str, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    got = output([*command, "-q", "--isolated", "-c", lang, lang], monkeypatch)
    expected = HERE / f"{lang}.{suffix}"
    if request.config.getoption("--update-golden"):
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_proposed_entries_pass_lint(lang: str, tmp_path: Path) -> None:
    proposed = (HERE / f"{lang}.suggest.yaml").read_text(encoding="utf-8")
    assert proposed.count("- canonical:") >= 3
    house = tmp_path / "house.yaml"
    header = f"convention: house-{lang}\nversion: 1\nlanguage: {lang}\nextends: {lang}\n"
    house.write_text(header + proposed, encoding="utf-8")
    result = CliRunner().invoke(main, ["conventions", "lint", str(house)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
