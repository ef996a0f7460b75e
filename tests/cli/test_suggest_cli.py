"""`normalizer suggest` end to end: formats, --min-count, --limit, workers, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalizer.cli import main

ARTICLES = {
    "a.txt": "Taras Levchenko sagte in Mykhailivka, Lewtschenko sei zufrieden.\n",
    "b.txt": "Levtchenko blieb in Michajliwka. Rudenko kam.\n",
    "sub/c.md": "# Lewtschenko\n\n`Rudenko` im Code, Levchenko im Text.\n",
}


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def suggest(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(main, ["suggest", "-q", "--isolated", "-c", "de", *args])
    return result.exit_code, result.stdout


def test_json(runner: CliRunner, archive: Path) -> None:
    code, out = suggest(runner, "--format", "json", str(archive))
    assert code == 0
    report = json.loads(out)
    assert report["texts"] == 3
    first = report["proposals"][0]
    assert {k: first[k] for k in ("canonical", "native", "source_lang", "kind", "count")} == {
        "canonical": "Taras Lewtschenko",
        "native": "Тарас Левченко",
        "source_lang": "uk",
        "kind": "person",
        "count": 5,
    }
    assert first["spellings"][0] == {"spelling": "Levchenko", "count": 2}
    assert all(example["out"] != "" for example in first["examples"])


def test_tsv_min_count_and_limit(runner: CliRunner, archive: Path) -> None:
    code, out = suggest(runner, "--format", "tsv", str(archive))
    rows = out.splitlines()
    assert code == 0
    assert rows[0] == "count\tlanguage\tcanonical\tnative\tsource_lang\tkind\tspellings"
    assert rows[1] == "5\tde\tTaras Lewtschenko\tТарас Левченко\tuk\tperson\tLevchenko 2, Lewtschenko 2, Levtchenko 1"
    assert [row.split("\t")[2] for row in rows[2:]] == ["Mychajliwka"]  # Rudenko: once, outside code
    _, out = suggest(runner, "--format", "tsv", "--min-count", "1", "--limit", "1", str(archive))
    assert len(out.splitlines()) == 2


def test_workers_give_the_same_proposals(runner: CliRunner, archive: Path) -> None:
    assert suggest(runner, "-j", "2", str(archive)) == suggest(runner, "-j", "1", str(archive))


def test_yaml_is_a_list_of_entries(runner: CliRunner, archive: Path) -> None:
    import yaml

    _, out = suggest(runner, str(archive))
    entries = yaml.safe_load(out)["entries"]
    assert [e["canonical"] for e in entries] == ["Taras Lewtschenko", "Mychajliwka"]
    assert entries[0]["aliases"] == ["Levchenko", "Levtchenko"]
    assert out.startswith("# normalizer suggest: 2 names from 3 texts that the convention does not list.\n")


def test_a_missing_path_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["suggest", "-q", "--isolated", "-c", "de", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "nowhere" in result.stderr and "Traceback" not in result.output


def test_a_path_is_required(runner: CliRunner) -> None:
    result = runner.invoke(main, ["suggest"])
    assert result.exit_code == 2
