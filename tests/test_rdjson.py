"""check --format rdjson (reviewdog): positions in UTF-8 bytes, ends exclusive; applying every
suggestion to the file gives what fix --unsafe-fixes writes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from normalizer.cli import main

TEXT = "Größe: Andriy Yermak in Kyiv.\r\nZweite Zeile: Steven\nWittkoff sagte, Ermak sei in Kyiv.\n"


def apply_suggestions(text: str, report: dict[str, object]) -> str:
    data = text.encode("utf-8")
    lines = data.splitlines(keepends=True)
    starts = [sum(len(x) for x in lines[:i]) for i in range(len(lines) + 1)]
    edits = []
    for diagnostic in report["diagnostics"]:  # type: ignore[attr-defined]
        for suggestion in diagnostic.get("suggestions", []):
            where = suggestion["range"]
            a = starts[where["start"]["line"] - 1] + where["start"]["column"] - 1
            b = starts[where["end"]["line"] - 1] + where["end"]["column"] - 1
            edits.append((a, b, suggestion["text"].encode("utf-8")))
    for a, b, new in sorted(edits, reverse=True):
        data = data[:a] + new + data[b:]
    return data.decode("utf-8")


def test_suggestions_reproduce_the_fix(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(TEXT.encode("utf-8"))
    result = CliRunner().invoke(main, ["check", "-c", "de", "--format", "rdjson", str(article)])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["source"] == {"name": "normalizer"}
    first = report["diagnostics"][0]
    assert first["location"]["range"] == {"start": {"line": 1, "column": 10}, "end": {"line": 1, "column": 23}}
    assert first["code"] == {"value": "N107"} and first["severity"] == "WARNING"
    multi = next(d for d in report["diagnostics"] if "Steve Witkoff" in d["message"])
    assert multi["location"]["range"]["end"] == {"line": 3, "column": 9}  # a name across a line break
    fixed = CliRunner().invoke(main, ["fix", "--unsafe-fixes", "-c", "de"], input=TEXT.encode("utf-8"))
    expected = fixed.stdout_bytes.decode("utf-8")
    assert apply_suggestions(TEXT, report) == expected
