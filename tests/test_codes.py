"""The registry of codes: each code documented, each used by the engine, none written twice."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from normalizer import codes
from normalizer.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_docs_rules_md_is_made_from_the_registry() -> None:
    """docs/rules.md lists every code, and no other (regenerate: python -m normalizer.codes)."""
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == codes.markdown()


def test_every_code_is_used_by_the_engine() -> None:
    constants = {name for name, value in vars(codes).items() if isinstance(value, codes.Code)}
    sources = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "normalizer").rglob("*.py") if p.name != "codes.py"
    )
    used = set(re.findall(r"\bcodes\.([A-Z_]+)\b", sources))
    assert constants - used == set()


def test_codes_are_unique_and_well_formed() -> None:
    values = [v for v in vars(codes).values() if isinstance(v, codes.Code)]
    assert len({v.code for v in values}) == len(values) == len(codes.CODES)
    assert len({v.name for v in values}) == len(values)
    for v in values:
        assert re.fullmatch(r"[NR][12]\d\d|C1\d\d", v.code), v.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", v.name), v.name
        assert v.summary.endswith(".") and "\n" not in v.summary and v.example


def test_rules_command_prints_the_registry_and_one_code() -> None:
    everything = CliRunner().invoke(main, ["rules"])
    assert everything.exit_code == 0
    assert [line.split()[0] for line in everything.output.splitlines()] == list(codes.CODES)
    one = CliRunner().invoke(main, ["rules", "r112"])
    assert one.exit_code == 0 and one.output.startswith("R112  leaked-ending-other-word:")
    unknown = CliRunner().invoke(main, ["rules", "X999"])
    assert unknown.exit_code == 2 and "no code 'X999'" in unknown.output
