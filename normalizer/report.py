"""Render findings for people (text) and programs (json, SARIF, GitHub Actions annotations), and the
per-file summary line.

File names are escaped wherever they are printed as text (text findings, summaries, GitHub
annotations): a name with a line break or an ANSI/OSC escape cannot start a new finding or
drive the terminal (`errors.escape`). JSON and SARIF are structured: JSON keeps the name as it
is, SARIF percent-encodes it in a URI.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import quote

from normalizer.codes import AMBIGUOUS, CODES
from normalizer.errors import escape
from normalizer.findings import LINE_BREAK, Finding

if TYPE_CHECKING:
    from normalizer.resolve import Skip

JSON_VERSION = 1


def text_line(f: Finding) -> str:
    where = f"{escape(f.path)}:{f.line}:{f.column}"
    if f.replacement is None:
        return f"{where}: '{f.found}' is ambiguous [{f.entry}, {f.rule}, {f.score:g}]"
    extra = f", {f.detail}" if f.detail else ""
    unsafe = "" if f.is_safe else " (unsafe)"
    return f"{where}: {f.found} -> {f.replacement} [{f.entry}, {f.rule}, {f.score:g}{extra}]{unsafe}"


def left_line(f: Finding) -> str:
    """What `fix` says on stderr about a finding it did not apply."""
    if f.replacement is None:
        return f"{text_line(f)}, left as is"
    return f"{text_line(f)}: an unsafe fix, left as is (--unsafe-fixes applies it)"


def explain_lines(findings: Sequence[Finding], skips: Sequence[Skip]) -> list[str]:
    """What `explain` says of each name-like word, in the order of the text: the entry and rule
    that apply, or why it is left unchanged."""
    rows: list[tuple[int, str]] = []
    for f in findings:
        if f.replacement is None:
            why = f"ambiguous, left as is ({f.detail}; score {f.score:g})"
        else:
            extra = f"; {f.detail}" if f.detail else ""
            why = f"-> {f.replacement} (entry {f.entry}, rule {f.rule}, score {f.score:g}{extra}{_data(f.key)})"
        rows.append((f.start, f"{f.found}: {_code(f.code)} {why}"))
    covered = [(f.start, f.end) for f in findings]
    for skip in skips:
        if not any(a <= skip.start < b for a, b in covered):
            why = f"unchanged ({skip.reason}{_data(skip.why.key)})"
            rows.append((skip.start, f"{skip.found}: {_code(skip.code)} {why}"))
    return [row for _, row in sorted(rows)]


def _code(code: str) -> str:
    return f"[{code} {CODES[code].name}]"


def _data(key: str) -> str:
    return f"; data {key}" if key else ""


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
        "applicability": f.applicability,
        "code": f.code,
        "key": f.key,
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


def summary_line(path: str, findings: Sequence[Finding], left: Sequence[Finding] = ()) -> str:
    """`path: N names fixed`, and what was left: ambiguous names, unsafe fixes not applied."""
    changes = sum(1 for f in findings if f.is_change and f not in left)
    ambiguous = sum(1 for f in findings if f.replacement is None)
    unsafe = sum(1 for f in left if f.replacement is not None)
    text = f"{escape(path)}: {changes} name{'s' if changes != 1 else ''} fixed"
    if ambiguous:
        text += f", {ambiguous} ambiguous left as is"
    if unsafe:
        text += f", {unsafe} unsafe fix{'es' if unsafe != 1 else ''} left"
    return text


# --- GitHub Actions workflow commands -------------------------------------------------------


def escape_data(value: str) -> str:
    """Escape a workflow command's message (GitHub's `escapeData`)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command's property value (GitHub's `escapeProperty`)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _one_line(text: str) -> bool:
    return "\n" not in text and "\r" not in text


def github_annotation(f: Finding) -> str:
    """One `::warning` (a change) or `::notice` (ambiguous) workflow command for a finding."""
    props = [("file", escape(f.path)), ("line", str(f.line)), ("col", str(f.column))]
    if _one_line(f.found):
        props.append(("endColumn", str(f.column + len(f.found))))
    props.append(("title", f"normalizer {f.code} ({CODES[f.code].name})"))
    if f.replacement is None:
        command = "notice"
        message = f"'{f.found}' is ambiguous ({f.entry})"
    else:
        command = "warning"
        message = f"{f.found} -> {f.replacement} [{f.entry}, score {f.score:g}]"
    properties = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{command} {properties}::{escape_data(message)}"


def github_annotations(findings: Sequence[Finding]) -> str:
    """GitHub Actions workflow commands, one line per finding (no trailing newline)."""
    return "\n".join(github_annotation(f) for f in findings)


# --- SARIF 2.1.0 ----------------------------------------------------------------------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "normalizer/v1"


def _level(code: str) -> str:
    return "note" if code == AMBIGUOUS.code else "warning"


# how `files.display` shows a byte of a file name that is not UTF-8 (on POSIX; Windows names are text)
_RAW_BYTE = re.compile(r"\\x([89a-fA-F][0-9a-fA-F])")


def _name_bytes(path: str) -> bytes:
    """The bytes of a file name as `files.display` shows it: `\\xNN` escapes are raw bytes again."""
    if os.name != "nt":
        path = _RAW_BYTE.sub(lambda m: chr(0xDC00 + int(m[1], 16)), path)
    return path.encode("utf-8", "surrogateescape")


def artifact_uri(path: str) -> str:
    """A finding's path as a URI: relative with forward slashes; stdin as `stdin`. Bytes that
    are not UTF-8 are percent-encoded as they are (`bad\\xff.md` -> `bad%FF.md`)."""
    if path in ("<stdin>", "-"):
        return "stdin"
    raw = _name_bytes(path)
    slashed = raw.replace(b"\\", b"/")
    if slashed.startswith(b"/") or re.match(rb"[A-Za-z]:/", slashed):
        absolute = slashed if slashed.startswith(b"/") else b"/" + slashed
        return "file://" + quote(absolute, safe="/:")
    while slashed.startswith(b"./"):
        slashed = slashed[2:]
    # ':' stays encoded so that a first segment like 'a:b.md' is not read as a scheme
    return quote(slashed, safe="/")


def sarif_region(f: Finding) -> dict[str, int]:
    """The finding's region: 1-based lines and columns, columns in code points, end exclusive."""
    pieces = LINE_BREAK.split(f.found)
    end_line = f.line + len(pieces) - 1
    end_column = f.column + len(f.found) if len(pieces) == 1 else len(pieces[-1]) + 1
    return {"startLine": f.line, "startColumn": f.column, "endLine": end_line, "endColumn": end_column}


def _fingerprint(uri: str, f: Finding, occurrence: int) -> str:
    key = json.dumps([uri, f.found, f.replacement, occurrence], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _sarif_message(f: Finding) -> str:
    if f.replacement is None:
        return f"'{f.found}' is ambiguous ({f.entry}, score {f.score:g})"
    return f"'{f.found}' should be spelled '{f.replacement}' ({f.entry}, {f.rule}, score {f.score:g})"


def sarif_report(findings: Sequence[Finding], tool_version: str) -> str:
    """A SARIF 2.1.0 log with one run of `normalizer`, one rule per code used (`normalizer.codes`)."""
    used = {f.code for f in findings}
    rules = [code for code in CODES.values() if code.code in used]
    rule_index = {code.code: i for i, code in enumerate(rules)}
    descriptors = [
        {
            "id": code.code,
            "name": code.name,
            "shortDescription": {"text": code.summary},
            "fullDescription": {"text": f"{code.summary} Example: {code.example}"},
            "defaultConfiguration": {"level": _level(code.code)},
            "properties": {"data": code.data} if code.data else {},
        }
        for code in rules
    ]

    # the n-th occurrence (in text order) of the same found -> replacement in the same file
    occurrences: dict[int, int] = {}
    seen: dict[tuple[str, str, str | None], int] = {}
    for i in sorted(range(len(findings)), key=lambda i: (artifact_uri(findings[i].path), findings[i].start, i)):
        f = findings[i]
        key = (artifact_uri(f.path), f.found, f.replacement)
        occurrences[i] = seen.get(key, 0)
        seen[key] = occurrences[i] + 1

    results: list[dict[str, object]] = []
    for i, f in enumerate(findings):
        uri = artifact_uri(f.path)
        region = sarif_region(f)
        result: dict[str, object] = {
            "ruleId": f.code,
            "ruleIndex": rule_index[f.code],
            "level": _level(f.code),
            "message": {"text": _sarif_message(f)},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
            "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(uri, f, occurrences[i])},
        }
        if f.replacement is not None:
            result["fixes"] = [
                {
                    "description": {"text": f"Replace '{f.found}' with '{f.replacement}'"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": uri},
                            "replacements": [
                                {"deletedRegion": dict(region), "insertedContent": {"text": f.replacement}}
                            ],
                        }
                    ],
                }
            ]
        properties = {"entry": f.entry, "rule": f.rule, "score": f.score, "applicability": f.applicability}
        result["properties"] = properties | ({"key": f.key} if f.key else {})
        results.append(result)

    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": {"name": "normalizer", "version": tool_version, "rules": descriptors}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


def counted(number: int, noun: str) -> str:
    """'1 file', '2 files'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def run_summary(files: int, touched: int, failed: int, findings: Sequence[Finding], verb: str) -> str:
    """The closing line of a run over files: counts, then findings by entry (most first)."""
    by_entry: dict[str, int] = {}
    for f in findings:
        by_entry[f.entry] = by_entry.get(f.entry, 0) + 1
    text = f"{files} file{'s' if files != 1 else ''} scanned, {touched} {verb}"
    if failed:
        text += f", {failed} failed"
    if by_entry:
        ranked = sorted(by_entry.items(), key=lambda kv: (-kv[1], kv[0]))
        text += f"; {len(findings)} finding{'s' if len(findings) != 1 else ''}: "
        text += ", ".join(f"{entry} {count}" for entry, count in ranked)
    return text


# --- reviewdog (rdjson) ---------------------------------------------------------------------


def rdjson_report(findings: Sequence[Finding], text_of: Callable[[str], str]) -> str:
    """reviewdog's rdjson (its Diagnostic Format): one diagnostic per finding, with a suggestion
    that a reviewer applies with one click where the platform has suggestions (GitHub pull
    request reviews). Positions are 1-based, columns in UTF-8 bytes, ends exclusive, as the
    format says; `text_of(path)` gives a file's text to count them."""
    diagnostics = []
    for f in findings:
        text = text_of(f.path)
        start = rd_position(text, f.start)
        end = rd_position(text, f.end)
        where = {"start": start, "end": end}
        diagnostic: dict[str, object] = {
            "message": _rd_message(f),
            "location": {"path": f.path, "range": where},
            "severity": "INFO" if f.replacement is None else "WARNING",
            "code": {"value": f.code},
        }
        if f.replacement is not None:
            diagnostic["suggestions"] = [{"range": where, "text": f.replacement}]
        diagnostics.append(diagnostic)
    payload = {"source": {"name": "normalizer"}, "severity": "WARNING", "diagnostics": diagnostics}
    return json.dumps(payload, ensure_ascii=False, indent=2)


def rd_position(text: str, offset: int) -> dict[str, int]:
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    line = text.count("\n", 0, offset) + text.count("\r", 0, offset) - text.count("\r\n", 0, offset) + 1
    return {"line": line, "column": len(text[line_start:offset].encode("utf-8")) + 1}


def _rd_message(f: Finding) -> str:
    if f.replacement is None:
        return f"'{f.found}' is ambiguous ({f.detail or f.entry}): left as is"
    unsafe = "; an unsafe fix: check the person or place" if not f.is_safe else ""
    return f"house spelling: '{f.replacement}' (entry {f.entry}, rule {f.rule}, score {f.score:g}{unsafe})"
