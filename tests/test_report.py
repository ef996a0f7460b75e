"""The GitHub Actions annotation and SARIF 2.1.0 renderings of findings."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from normalizer.findings import Finding, Rule
from normalizer.report import github_annotations, sarif_report

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json"


def finding(
    found: str = "Wittkoff",
    replacement: str | None = "Witkoff",
    *,
    path: str = "a/b.md",
    line: int = 1,
    column: int = 7,
    start: int = 6,
    entry: str = "Steve Witkoff",
    rule: Rule = "phonetic",
    score: float = 100.0,
) -> Finding:
    code = CODE_OF[rule]
    return Finding(path, line, column, start, start + len(found), found, replacement, entry, rule, score, code=code)


# the code the engine gives a finding of each rule when nothing else (a given name, a leaked ending) decided it
CODE_OF = {
    "exact": "N101",
    "folded": "N102",
    "variant": "N103",
    "phonetic": "N104",
    "fuzzy": "N105",
    "ambiguous": "R215",
}


AMBIGUOUS = finding("Müller", None, column=1, start=0, entry="Gerd Müller or Thomas Müller", rule="ambiguous", score=95)


# --- GitHub Actions --------------------------------------------------------------------------


def test_github_example_line_exactly() -> None:
    assert github_annotations([finding()]) == (
        "::warning file=a/b.md,line=1,col=7,endColumn=15,title=normalizer N104 (phonetic)"
        "::Wittkoff -> Witkoff [Steve Witkoff, score 100]"
    )


def test_github_ambiguous_is_a_notice() -> None:
    assert github_annotations([AMBIGUOUS]) == (
        "::notice file=a/b.md,line=1,col=1,endColumn=7,title=normalizer R215 (ambiguous)"
        "::'Müller' is ambiguous (Gerd Müller or Thomas Müller)"
    )


def test_github_one_line_per_finding() -> None:
    findings = [finding(), AMBIGUOUS, finding("Selensky", "Selenskyj", line=3, column=2, entry="W, Z: 50%")]
    lines = github_annotations(findings).split("\n")
    assert len(lines) == 3
    assert [line.split(" ", 1)[0] for line in lines] == ["::warning", "::notice", "::warning"]
    assert github_annotations([]) == ""


def test_github_escapes_properties_and_message() -> None:
    f = finding(
        "100%\nKiew",
        "Kyiv, Ukraine",
        path="C:\\docs\\a,b%c.md",
        entry="Kiew: 50%, city",
        rule="fuzzy",
        score=88.5,
    )
    line = github_annotations([f])
    assert "\n" not in line
    assert "\r" not in line
    properties, message = line.removeprefix("::warning ").split("::", 1)
    # property values: % first, then : and , (and line breaks)
    assert properties.startswith("file=C%3A\\docs\\a%2Cb%25c.md,line=1,col=7,title=normalizer N105 (fuzzy)")
    assert "endColumn" not in properties  # the span crosses a line break
    # message: %, \r and \n only; ':' and ',' stay
    assert message == "100%25%0AKiew -> Kyiv, Ukraine [Kiew: 50%25, city, score 88.5]"


def test_github_escapes_carriage_return_and_title() -> None:
    f = finding("Ki\r\new", "Kiew", entry="a\rb")
    line = github_annotations([f])
    assert "::Ki%0D%0Aew -> Kiew [a%0Db, score 100]" in line
    assert ",endColumn=" not in line


def test_github_end_column_counts_code_points() -> None:
    f = finding("Günter", "Günther", column=3)
    assert ",col=3,endColumn=9," in github_annotations([f])


# --- SARIF -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    if not SCHEMA_PATH.exists():
        pytest.skip(f"the SARIF schema is not shipped at {SCHEMA_PATH}")
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def refs(node: object) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref"] + [r for v in node.values() for r in refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in refs(v)]
    return []


def assert_valid(log: str, schema: dict[str, Any]) -> dict[str, Any]:
    jsonschema = pytest.importorskip("jsonschema")
    document: dict[str, Any] = json.loads(log)
    # The schema declares draft-04 but uses nothing that draft-07 reads differently: check both.
    for validator in (jsonschema.Draft7Validator, jsonschema.Draft4Validator):
        validator.check_schema(schema)
        errors = sorted(validator(schema).iter_errors(document), key=lambda e: list(e.absolute_path))
        assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    return document


def test_schema_is_the_official_one_and_self_contained(schema: dict[str, Any]) -> None:
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    all_refs = refs(schema)
    assert all_refs
    assert all(ref.startswith("#/definitions/") for ref in all_refs)  # resolves locally, no network


def test_sarif_validates_and_has_the_expected_shape(schema: dict[str, Any]) -> None:
    findings = [finding(), AMBIGUOUS, finding("Kyiv", "Kiew", line=2, column=1, start=30, entry="Kiew", rule="exact")]
    log = assert_valid(sarif_report(findings, "0.1.0"), schema)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "normalizer"
    assert driver["version"] == "0.1.0"
    assert "informationUri" not in driver
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
    first = run["results"][0]
    assert first["ruleId"] == "N104"
    assert first["level"] == "warning"
    assert first["message"]["text"] == "'Wittkoff' should be spelled 'Witkoff' (Steve Witkoff, phonetic, score 100)"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "a/b.md"
    region = {"startLine": 1, "startColumn": 7, "endLine": 1, "endColumn": 15}
    assert location["region"] == region
    (fix,) = first["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "a/b.md"
    assert change["replacements"] == [{"deletedRegion": region, "insertedContent": {"text": "Witkoff"}}]
    assert first["properties"] == {
        "entry": "Steve Witkoff",
        "rule": "phonetic",
        "score": 100.0,
        "applicability": "safe",
    }
    assert driver["rules"][first["ruleIndex"]] == {
        "id": "N104",
        "name": "phonetic",
        "shortDescription": {"text": "A close spelling whose phonetic keys agree with the entry's."},
        "fullDescription": {
            "text": "A close spelling whose phonetic keys agree with the entry's. Example: Selenskij -> Selenskyj"
        },
        "defaultConfiguration": {"level": "warning"},
        "properties": {},
    }
    assert set(first["partialFingerprints"]) == {"normalizer/v1"}


def test_sarif_rules_only_used_ones_and_rule_index_points_to_them(schema: dict[str, Any]) -> None:
    findings = [
        finding(rule="fuzzy"),
        AMBIGUOUS,
        finding("Kyiv", "Kiew", rule="variant"),
        finding("Wittkof", "Witkoff", rule="fuzzy"),
    ]
    run = assert_valid(sarif_report(findings, "1.2.3"), schema)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert sorted(ids) == ["N103", "N105", "R215"]
    assert len(set(ids)) == len(ids)
    for f, result in zip(findings, run["results"], strict=True):
        assert result["ruleId"] == f.code
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert result["level"] == rule["defaultConfiguration"]["level"]
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in rules}
    assert levels == {"R215": "note", "N105": "warning", "N103": "warning"}


def test_sarif_every_rule_kind(schema: dict[str, Any]) -> None:
    kinds: list[Rule] = ["exact", "folded", "variant", "fuzzy", "phonetic", "ambiguous"]
    findings = [finding(f"Name{i}", None if k == "ambiguous" else "Name", rule=k) for i, k in enumerate(kinds)]
    run = assert_valid(sarif_report(findings, "0.1.0"), schema)["runs"][0]
    assert sorted(rule["id"] for rule in run["tool"]["driver"]["rules"]) == sorted(CODE_OF[k] for k in kinds)


def test_sarif_ambiguous_has_no_fix(schema: dict[str, Any]) -> None:
    result = assert_valid(sarif_report([AMBIGUOUS], "0.1.0"), schema)["runs"][0]["results"][0]
    assert "fixes" not in result
    assert result["level"] == "note"
    assert result["message"]["text"] == "'Müller' is ambiguous (Gerd Müller or Thomas Müller, score 95)"
    properties = {"entry": "Gerd Müller or Thomas Müller", "rule": "ambiguous", "score": 95, "applicability": "safe"}
    assert result["properties"] == properties


def test_sarif_columns_are_code_points(schema: dict[str, Any]) -> None:
    # before the name: 7 code points (the flag is two), but 9 UTF-16 units and 15 UTF-8 bytes
    text = "Čći 🇺🇦 Sełenskyj sagt"
    start = text.index("Sełenskyj")
    assert (start, len(text[:start].encode("utf-16-le")) // 2, len(text[:start].encode())) == (7, 9, 15)
    f = finding("Sełenskyj", "Selenskyj", column=start + 1, start=start, entry="Wolodymyr Selenskyj", rule="folded")
    log = sarif_report([f], "0.1.0")
    result = assert_valid(log, schema)["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 8, "endLine": 1, "endColumn": 17}
    assert text[region["startColumn"] - 1 : region["endColumn"] - 1] == "Sełenskyj"
    assert "Sełenskyj" in log  # ensure_ascii=False
    assert ",col=8,endColumn=17," in github_annotations([f])


def test_sarif_region_across_a_line_break(schema: dict[str, Any]) -> None:
    f = finding("Steve\nWittkoff", "Steve Witkoff", line=4, column=10)
    result = assert_valid(sarif_report([f], "0.1.0"), schema)["runs"][0]["results"][0]
    region = {"startLine": 4, "startColumn": 10, "endLine": 5, "endColumn": 9}
    assert result["locations"][0]["physicalLocation"]["region"] == region
    assert result["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"] == region
    crlf = finding("Steve\r\nWittkoff", "Steve Witkoff", line=4, column=10)
    region_crlf = json.loads(sarif_report([crlf], "0.1.0"))["runs"][0]["results"][0]["locations"][0]
    assert region_crlf["physicalLocation"]["region"] == region


def test_sarif_fingerprints_stable_and_distinct_per_occurrence(schema: dict[str, Any]) -> None:
    findings = [
        finding(),
        finding(line=5, column=1, start=80),  # the same name again, later in the same file
        finding(path="a/c.md"),  # the same name in another file
        AMBIGUOUS,
    ]

    def fingerprints(log: str) -> list[str]:
        return [r["partialFingerprints"]["normalizer/v1"] for r in json.loads(log)["runs"][0]["results"]]

    first = fingerprints(sarif_report(findings, "0.1.0"))
    assert fingerprints(sarif_report(findings, "0.1.0")) == first
    assert fingerprints(sarif_report(findings, "0.2.0")) == first  # not tied to the tool version
    assert len(set(first)) == len(first)
    # not tied to the line either: a line added above the file's names keeps each alert's identity
    moved = [finding(line=2, start=40), finding(line=6, column=1, start=120), finding(path="a/c.md"), AMBIGUOUS]
    assert fingerprints(sarif_report(moved, "0.1.0")) == first
    assert_valid(sarif_report(findings, "0.1.0"), schema)


def test_sarif_uris(schema: dict[str, Any]) -> None:
    paths = ["docs\\sub dir\\a.md", "./a/b.md", "<stdin>", "/abs/ä.md", "a:b.md"]
    findings = [finding(path=p) for p in paths]
    results = assert_valid(sarif_report(findings, "0.1.0"), schema)["runs"][0]["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris == ["docs/sub%20dir/a.md", "a/b.md", "stdin", "file:///abs/%C3%A4.md", "a%3Ab.md"]


def test_sarif_empty_findings_is_a_valid_log(schema: dict[str, Any]) -> None:
    log = assert_valid(sarif_report([], "0.1.0"), schema)
    (run,) = log["runs"]
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []


def test_sarif_of_engine_findings(schema: dict[str, Any]) -> None:
    import normalizer

    text = "Steve Wittkoff traf Wolodymyr Selensky in Kyiv.\nDann sprach Selensky über Ärger in Kyiv.\n"
    findings = normalizer.Normalizer(normalizer.load_conventions(["de"])).findings(text, "a/b.md")
    assert findings
    log = assert_valid(sarif_report(findings, normalizer.__version__), schema)
    results = log["runs"][0]["results"]
    assert len(results) == len(findings)
    for f, result in zip(findings, results, strict=True):
        region = result["locations"][0]["physicalLocation"]["region"]
        lines = text.split("\n")
        assert lines[region["startLine"] - 1][region["startColumn"] - 1 : region["endColumn"] - 1] == f.found


def test_schema_validation_is_not_vacuous(schema: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    log = json.loads(sarif_report([finding()], "0.1.0"))
    log["runs"][0]["results"][0]["level"] = "warn"
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    for validator in (jsonschema.Draft7Validator, jsonschema.Draft4Validator):
        assert len(list(validator(schema).iter_errors(log))) == 2


@pytest.mark.parametrize("replacement", ["Jermak", None])
def test_a_finding_survives_pickling_as_it_was(replacement: str | None) -> None:
    """--jobs sends findings from the workers in pickles (built from the constructor's arguments)."""
    finding = Finding("a.txt", 3, 7, 40, 45, "Ermak", replacement, "Andrij Jermak", "variant", 97.5, "ru-reading")
    copy = pickle.loads(pickle.dumps(finding))
    assert copy == finding
    assert copy.is_change is finding.is_change


# --- file names that would drive a terminal or break a line (issue 12) -------------------------


def test_sarif_uri_of_a_name_that_is_not_utf8(schema: dict[str, Any]) -> None:
    # files.display shows the byte 0xFF of `bad\xff.md` as the four characters \xff
    findings = [finding(path="bad\\xff.md"), finding(path="/abs/caf\\xe9 x.md")]
    results = assert_valid(sarif_report(findings, "0.1.0"), schema)["runs"][0]["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris == ["bad%FF.md", "file:///abs/caf%E9%20x.md"]


def test_text_and_github_escape_control_characters_in_paths() -> None:
    from normalizer.report import summary_line, text_line

    evil = finding(path="evil\x1b]0;PWNED\x07\n.md")
    for line in (text_line(evil), github_annotations([evil]), summary_line(evil.path, [evil])):
        assert "\x1b" not in line and "\x07" not in line and "\n" not in line
        assert "evil\\x1b]0;PWNED\\x07\\n.md" in line
    assert github_annotations([evil]).startswith("::warning file=evil\\x1b]0;PWNED\\x07\\n.md,line=1,")
