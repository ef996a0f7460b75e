"""Unlisted names written in several ways (`consistency.Inconsistency`) in the machine formats of
`check`: SARIF (one result per name, every mention a related location), rdjson and GitHub
annotations (one per mention of a spelling other than the suggested one).

A suggestion is offered as a fix only where `fix --consistency-fix` would make it: for a name
found within one article (`fixable`), mention by mention as `consistency.edits` writes it; a name
found across a folder is reported without one (the fix groups the spellings of each article
alone).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence

from normalizer.codes import SEVERAL_SPELLINGS as CODE
from normalizer.consistency import Inconsistency, edits
from normalizer.errors import escape
from normalizer.findings import Finding
from normalizer.report import FINGERPRINT_KEY, artifact_uri, escape_data, escape_property, rd_position, sarif_region
from normalizer.unlisted import Mention

TextOf = Callable[[str], str]  # a file's text by its path as reported
Fixable = Callable[[Inconsistency], bool]  # whether --consistency-fix writes a name the suggested way


def message(found: Inconsistency) -> str:
    """'unlisted name written 2 ways: A ×2, B ×1 -> A (why)'."""
    spelled = ", ".join(f"{s.text} ×{s.count}" for s in found.spellings)
    suggestion = f" -> {found.suggestion}" if found.suggestion else ""
    return f"unlisted name written {len(found.spellings)} ways: {spelled}{suggestion} ({found.reason})"


def others(found: Inconsistency) -> list[Mention]:
    """The mentions in another spelling than the suggested one (than the most frequent one when
    nothing is suggested), in text order."""
    kept = found.suggestion or found.spellings[0].text
    return [m for m in found.mentions if m.spelling != kept]


def fixes(found: Inconsistency, fixable: bool, text_of: TextOf) -> dict[tuple[str, int], Finding]:
    """The edits `fix --consistency-fix` makes for `found`, by the path and start of the mention."""
    if not fixable:
        return {}
    paths = dict.fromkeys(m.path for m in found.mentions)
    return {(f.path, f.start): f for path in paths for f in edits(text_of(path), found, path)}


# --- SARIF ----------------------------------------------------------------------------------

_DESCRIPTION = (
    "A name that the convention does not list is written in two or more spellings that probably "
    "stand for one native name (one native spelling explains them better than two do); the "
    "finding lists every spelling with its mentions and suggests one."
)


def _location(m: Mention) -> dict[str, object]:
    region = {"startLine": m.line, "startColumn": m.column, "endLine": m.line, "endColumn": m.column + m.end - m.start}
    return {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(m.path)}, "region": region}}


def _sarif_fix(found: Inconsistency, changes: Sequence[Finding]) -> dict[str, object]:
    by_path: dict[str, list[Finding]] = {}
    for change in changes:
        by_path.setdefault(change.path, []).append(change)
    return {
        "description": {"text": f"Write every spelling as '{found.suggestion}'"},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": artifact_uri(path)},
                "replacements": [
                    {"deletedRegion": sarif_region(c), "insertedContent": {"text": c.replacement}} for c in in_path
                ],
            }
            for path, in_path in by_path.items()
        ],
    }


def with_sarif(log: str, found: Sequence[Inconsistency], fixable: Fixable, text_of: TextOf) -> str:
    """The SARIF log of `check` with a rule for unlisted names and one result per name written
    in several ways: located at its first mention, every mention a related location, the edits
    of `--consistency-fix` its fix where they apply."""
    if not found:
        return log
    document = json.loads(log)
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    rules.append(
        {
            "id": CODE.code,
            "name": CODE.name,
            "shortDescription": {"text": CODE.summary},
            "fullDescription": {"text": f"{_DESCRIPTION} Example: {CODE.example}"},
            "defaultConfiguration": {"level": "warning"},
        }
    )
    for f in found:
        related = [{**_location(m), "id": i, "message": {"text": f"'{m.spelling}'"}} for i, m in enumerate(f.mentions)]
        key = json.dumps(
            [artifact_uri(f.mentions[0].path), CODE.code, [s.text for s in f.spellings]], ensure_ascii=False
        )
        result: dict[str, object] = {
            "ruleId": CODE.code,
            "ruleIndex": len(rules) - 1,
            "level": "warning",
            "message": {"text": message(f)},
            "locations": [_location(f.mentions[0])],
            "relatedLocations": related,
            "partialFingerprints": {FINGERPRINT_KEY: hashlib.sha256(key.encode("utf-8")).hexdigest()},
        }
        changes = list(fixes(f, fixable(f), text_of).values())
        if changes:
            result["fixes"] = [_sarif_fix(f, changes)]
        result["properties"] = {
            "suggestion": f.suggestion or None,
            "native": f.native or None,
            "spellings": {s.text: s.count for s in f.spellings},
        }
        run["results"].append(result)
    return json.dumps(document, ensure_ascii=False, indent=2)


# --- rdjson and GitHub annotations ----------------------------------------------------------


def with_rdjson(report: str, found: Sequence[Inconsistency], fixable: Fixable, text_of: TextOf) -> str:
    """The rdjson report of `check` with a diagnostic per mention of another spelling than the
    suggested one, its suggestion the edit of `--consistency-fix` where that applies."""
    if not found:
        return report
    document = json.loads(report)
    for f in found:
        edited = fixes(f, fixable(f), text_of)
        for m in others(f):
            text = text_of(m.path)
            where = {"start": rd_position(text, m.start), "end": rd_position(text, m.end)}
            diagnostic: dict[str, object] = {
                "message": message(f),
                "location": {"path": m.path, "range": where},
                "severity": "WARNING",
                "code": {"value": CODE.code},
            }
            change = edited.get((m.path, m.start))
            if change is not None:
                diagnostic["suggestions"] = [{"range": where, "text": change.replacement}]
            document["diagnostics"].append(diagnostic)
    return json.dumps(document, ensure_ascii=False, indent=2)


def github_annotations(found: Sequence[Inconsistency]) -> list[str]:
    """A `::warning` workflow command per mention of another spelling than the suggested one."""
    lines = []
    for f in found:
        for m in others(f):
            props = [
                ("file", escape(m.path)),
                ("line", str(m.line)),
                ("col", str(m.column)),
                ("endColumn", str(m.column + m.end - m.start)),
                ("title", f"normalizer {CODE.code} ({CODE.name})"),
            ]
            properties = ",".join(f"{key}={escape_property(value)}" for key, value in props)
            lines.append(f"::warning {properties}::{escape_data(f'{m.spelling}: {message(f)}')}")
    return lines
