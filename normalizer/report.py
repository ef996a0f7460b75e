"""Render findings for people (text) and programs (json), and the per-file summary line."""

from __future__ import annotations

import json
from collections.abc import Sequence

from normalizer.findings import Finding

JSON_VERSION = 1


def text_line(f: Finding) -> str:
    where = f"{f.path}:{f.line}:{f.column}"
    if f.replacement is None:
        return f"{where}: '{f.found}' is ambiguous [{f.entry}, {f.rule}, {f.score:g}]"
    extra = f", {f.detail}" if f.detail else ""
    return f"{where}: {f.found} -> {f.replacement} [{f.entry}, {f.rule}, {f.score:g}{extra}]"


def as_dict(f: Finding) -> dict[str, object]:
    return {
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "start": f.start,
        "end": f.end,
        "found": f.found,
        "replacement": f.replacement,
        "entry": f.entry,
        "rule": f.rule,
        "score": f.score,
        "detail": f.detail,
    }


def json_report(findings: Sequence[Finding], files: int) -> str:
    """The documented JSON schema: {version, findings: [...], summary: {...}}."""
    changes = sum(1 for f in findings if f.replacement is not None)
    payload = {
        "version": JSON_VERSION,
        "findings": [as_dict(f) for f in findings],
        "summary": {
            "files": files,
            "findings": len(findings),
            "changes": changes,
            "ambiguous": len(findings) - changes,
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def summary_line(path: str, findings: Sequence[Finding]) -> str:
    changes = sum(1 for f in findings if f.is_change)
    ambiguous = sum(1 for f in findings if f.replacement is None)
    text = f"{path}: {changes} name{'s' if changes != 1 else ''} fixed"
    if ambiguous:
        text += f", {ambiguous} ambiguous left as is"
    return text
