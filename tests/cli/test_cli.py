"""The `normalizer` command end to end (CliRunner on the real engine, plus one real subprocess)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalizer import __version__
from normalizer.cli import main

SENTENCE = "Andriy Yermak traf Steven Wittkoff in Kyiv."
FIXED = "Andrij Jermak traf Steve Witkoff in Kiew."
CLEAN = "Andrij Jermak traf Steve Witkoff im März in Kiew."
SHIPPED = Path(__file__).resolve().parents[2] / "conventions"


def conv(path: Path) -> list[str]:
    return ["-c", str(path)]


# --- fix: stdin -> stdout -----------------------------------------------------------------------


def test_fix_stdin_rewrites_names(runner: CliRunner, convention_path: Path) -> None:
    result = runner.invoke(main, ["fix", *conv(convention_path)], input=(SENTENCE + "\n").encode())
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == (FIXED + "\n").encode()
    assert result.stderr == ""


def test_fix_dash_reads_stdin(runner: CliRunner, convention_path: Path) -> None:
    result = runner.invoke(main, ["fix", *conv(convention_path), "-"], input=SENTENCE.encode())
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == FIXED.encode()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            b"Kyiv\r\nAndriy Yermak kam.\r\n\r\nEnde\r\n",
            b"Kiew\r\nAndrij Jermak kam.\r\n\r\nEnde\r\n",
            id="crlf",
        ),
        pytest.param(b"Zuerst Kyiv,\ndann Wittkoff", b"Zuerst Kiew,\ndann Witkoff", id="no-final-newline"),
        pytest.param(
            b"\xef\xbb\xbfAndriy Yermak in Kyiv.\n",
            b"\xef\xbb\xbfAndrij Jermak in Kiew.\n",
            id="bom",
        ),
        pytest.param(
            b"\xef\xbb\xbfin Kyiv\r\nund\tKyiv \r\n  Ende \r",
            b"\xef\xbb\xbfin Kiew\r\nund\tKiew \r\n  Ende \r",
            id="bom-crlf-tabs-trailing-space-lone-cr",
        ),
        pytest.param(b"Der Gesandte Steve Witkoff im M\xc3\xa4rz.\n", None, id="nothing-to-fix"),
        pytest.param(b"", None, id="empty"),
        pytest.param(b"\xef\xbb\xbf", None, id="bom-only"),
        pytest.param(b"\n\n", None, id="blank-lines"),
    ],
)
def test_fix_stdin_is_byte_exact_apart_from_the_edits(
    runner: CliRunner, convention_path: Path, raw: bytes, expected: bytes | None
) -> None:
    result = runner.invoke(main, ["fix", *conv(convention_path)], input=raw)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == (raw if expected is None else expected)


def test_fix_stdin_not_utf8(runner: CliRunner, convention_path: Path) -> None:
    result = runner.invoke(main, ["fix", *conv(convention_path)], input=b"Kyiv\nK\xfcnzelsau\n")
    assert result.exit_code == 2
    assert result.stdout_bytes == b""
    assert result.stderr.splitlines() == ["normalizer: error: <stdin>:2: not valid UTF-8 (byte 0xfc at offset 6)"]


# --- fix: files in place --------------------------------------------------------------------------


def test_fix_file_in_place_keeps_mode_and_leaves_no_temp_files(
    runner: CliRunner, convention_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(b"\xef\xbb\xbfTitel\r\n" + SENTENCE.encode() + b"\r\n")
    path.chmod(0o640)
    inode_before = path.stat().st_ino
    result = runner.invoke(main, ["fix", *conv(convention_path), str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == f"{path}: 3 names fixed"
    assert path.read_bytes() == b"\xef\xbb\xbfTitel\r\n" + FIXED.encode() + b"\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.stat().st_ino != inode_before  # replaced by rename, not rewritten in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]


def test_fix_file_singular_summary(runner: CliRunner, convention_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "one.md"
    path.write_text("Nur Kyiv.\n", encoding="utf-8")
    result = runner.invoke(main, ["fix", *conv(convention_path), str(path)])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"{path}: 1 name fixed", "1 file scanned, 1 changed; 1 finding: Kiew 1"]
    assert path.read_text(encoding="utf-8") == "Nur Kiew.\n"


def test_fix_unchanged_file_is_not_touched(runner: CliRunner, convention_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    path.chmod(0o600)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    inode = path.stat().st_ino
    result = runner.invoke(main, ["fix", "-q", *conv(convention_path), str(path)])
    assert result.exit_code == 0
    assert result.output == ""
    assert path.read_text(encoding="utf-8") == CLEAN
    assert path.stat().st_ino == inode
    assert path.stat().st_mtime == 1_000_000_000
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_fix_several_files(runner: CliRunner, convention_path: Path, tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    a.write_text("in Kyiv\n", encoding="utf-8")
    b.write_text(CLEAN, encoding="utf-8")
    c.write_text("Wittkoff und Yermak\n", encoding="utf-8")
    result = runner.invoke(main, ["fix", *conv(convention_path), str(a), str(b), str(c)])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[:-1] == [f"{a}: 1 name fixed", f"{c}: 2 names fixed"]
    assert a.read_text(encoding="utf-8") == "in Kiew\n"
    assert b.read_text(encoding="utf-8") == CLEAN
    assert c.read_text(encoding="utf-8") == "Witkoff und Jermak\n"


def test_fix_diff_prints_unified_diff_and_changes_nothing(
    runner: CliRunner, convention_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "article.txt"
    original = f"Titel\n{SENTENCE}\nEnde\n"
    path.write_text(original, encoding="utf-8")
    result = runner.invoke(main, ["fix", "--diff", *conv(convention_path), str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"--- a/{path}\n+++ b/{path}\n@@ -1,3 +1,3 @@\n Titel\n-{SENTENCE}\n+{FIXED}\n Ende\n")
    assert path.read_text(encoding="utf-8") == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]


def test_fix_diff_of_clean_file_is_empty(runner: CliRunner, convention_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = runner.invoke(main, ["fix", "--diff", *conv(convention_path), str(path)])
    assert result.exit_code == 0
    assert result.stdout == ""


def test_fix_diff_without_final_newline(runner: CliRunner, convention_path: Path) -> None:
    result = runner.invoke(main, ["fix", "--diff", *conv(convention_path)], input=b"in Kyiv")
    assert result.exit_code == 0
    assert result.stdout == (
        "--- a/<stdin>\n+++ b/<stdin>\n@@ -1 +1 @@\n"
        "-in Kyiv\n\\ No newline at end of file\n+in Kiew\n\\ No newline at end of file\n"
    )


def test_fix_diff_does_not_claim_names_were_fixed(runner: CliRunner, convention_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    result = runner.invoke(main, ["fix", "--diff", *conv(convention_path), str(path)])
    assert result.exit_code == 0
    assert path.read_text(encoding="utf-8") == SENTENCE
    assert "fixed" not in result.stderr


def test_fix_through_a_symlink_rewrites_the_target(runner: CliRunner, convention_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_text("in Kyiv\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to("target.txt")
    result = runner.invoke(main, ["fix", *conv(convention_path), str(link)])
    assert result.exit_code == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "in Kiew\n"


def test_fix_exit_non_zero_on_fix(runner: CliRunner, convention_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    args = ["fix", "-q", "--exit-non-zero-on-fix", *conv(convention_path), str(path)]
    first = runner.invoke(main, args)
    assert first.exit_code == 1
    assert path.read_text(encoding="utf-8") == FIXED
    second = runner.invoke(main, args)
    assert second.exit_code == 0
    assert second.output == ""
    assert path.read_text(encoding="utf-8") == FIXED


def test_fix_exit_non_zero_on_fix_with_stdin(runner: CliRunner, convention_path: Path) -> None:
    changed = runner.invoke(main, ["fix", "--exit-non-zero-on-fix", *conv(convention_path)], input=SENTENCE)
    assert changed.exit_code == 1
    assert changed.stdout == FIXED
    clean = runner.invoke(main, ["fix", "--exit-non-zero-on-fix", *conv(convention_path)], input=CLEAN)
    assert clean.exit_code == 0
    assert clean.stdout == CLEAN


# --- check ----------------------------------------------------------------------------------------


def test_check_prints_findings_and_exits_1(runner: CliRunner, convention_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(f"Titel\n{SENTENCE}\n", encoding="utf-8")
    result = runner.invoke(main, ["check", *conv(convention_path), str(path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:2:1: Andriy Yermak -> Andrij Jermak [Andrij Jermak, exact, 100]",
        f"{path}:2:20: Steven Wittkoff -> Steve Witkoff [Steve Witkoff, fuzzy, 90.9]",
        f"{path}:2:39: Kyiv -> Kiew [Kiew, exact, 100]",
    ]
    assert path.read_text(encoding="utf-8") == f"Titel\n{SENTENCE}\n"


def test_check_stdin_label(runner: CliRunner, convention_path: Path) -> None:
    result = runner.invoke(main, ["check", *conv(convention_path)], input="Wir waren in Kyiv.")
    assert result.exit_code == 1
    assert result.stdout == "<stdin>:1:14: Kyiv -> Kiew [Kiew, exact, 100]\n"


def test_check_clean_text_exits_0(runner: CliRunner, convention_path: Path) -> None:
    result = runner.invoke(main, ["check", *conv(convention_path)], input=CLEAN)
    assert result.exit_code == 0
    assert result.output == ""


def test_check_json(runner: CliRunner, convention_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    result = runner.invoke(main, ["check", "--format", "json", *conv(convention_path), str(path), str(clean)])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert set(report) == {"version", "findings", "summary"}
    assert report["version"] == 1
    assert report["summary"] == {"files": 2, "findings": 3, "changes": 3, "ambiguous": 0}
    keys = ["path", "line", "column", "start", "end", "found", "replacement", "entry", "rule", "score", "detail"]
    keys += ["applicability", "code", "key"]
    for finding in report["findings"]:
        assert list(finding) == keys
    first, second, third = report["findings"]
    assert first == {
        "path": str(path),
        "line": 1,
        "column": 1,
        "start": 0,
        "end": 13,
        "found": "Andriy Yermak",
        "replacement": "Andrij Jermak",
        "entry": "Andrij Jermak",
        "rule": "exact",
        "score": 100.0,
        "detail": "",
        "applicability": "safe",
        "code": "N107",
        "key": "",
    }
    assert (second["found"], second["replacement"], second["entry"], second["rule"]) == (
        "Steven Wittkoff",
        "Steve Witkoff",
        "Steve Witkoff",
        "fuzzy",
    )
    assert 88 <= second["score"] < 100
    assert SENTENCE[third["start"] : third["end"]] == third["found"] == "Kyiv"
    assert (third["line"], third["column"], third["replacement"]) == (1, 39, "Kiew")


def test_check_json_clean(runner: CliRunner, convention_path: Path) -> None:
    result = runner.invoke(main, ["check", "--format", "json", *conv(convention_path)], input=CLEAN)
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report == {
        "version": 1,
        "findings": [],
        "summary": {"files": 1, "findings": 0, "changes": 0, "ambiguous": 0},
    }


# --- explain --------------------------------------------------------------------------------------


def test_explain(runner: CliRunner, convention_path: Path) -> None:
    text = "Im März traf Andriy Yermak mit Witkov den Präsidenten Wittkoff in Kyiv."
    result = runner.invoke(main, ["explain", *conv(convention_path), text])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split(":", 1)[0] for line in lines] == [
        "Im",
        "März",
        "Andriy Yermak",
        "Witkov",
        "Präsidenten",
        "Wittkoff",
        "Kyiv",
    ]
    by_word = dict(line.split(": ", 1) for line in lines)
    assert by_word["Andriy Yermak"] == "[N107 given-name] -> Andrij Jermak (entry Andrij Jermak, rule exact, score 100)"
    assert by_word["Kyiv"] == "[N101 exact-alias] -> Kiew (entry Kiew, rule exact, score 100)"
    assert by_word["Wittkoff"].startswith("[N104 phonetic] -> Witkoff (entry Steve Witkoff, rule ")
    assert by_word["Präsidenten"].startswith("[R105 common-word] unchanged (common word")
    assert by_word["Witkov"] == "[R102 protected] unchanged (protected word; data protect=witkov)"
    assert by_word["Im"].startswith("[R104 too-short] unchanged (")


def test_explain_reads_stdin(runner: CliRunner, convention_path: Path) -> None:
    result = runner.invoke(main, ["explain", *conv(convention_path)], input="Gunther Sautter")
    assert result.exit_code == 0
    assert result.stdout.startswith("Gunther Sautter: [N107 given-name] -> Günter Sautter (entry Günter Sautter, rule ")


def test_explain_no_fuzzy_gives_the_reason(runner: CliRunner, convention_path: Path) -> None:
    result = runner.invoke(main, ["explain", "--no-fuzzy", *conv(convention_path), "Der Gesandte Wittkoff kam."])
    assert result.exit_code == 0
    assert "Wittkoff: [R103 fuzzy-off] unchanged (fuzzy matching is off)" in result.stdout.splitlines()


# --- conventions ----------------------------------------------------------------------------------


def test_conventions_list(runner: CliRunner) -> None:
    result = runner.invoke(main, ["conventions", "list"])
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [row[:2] for row in rows] == [["de", "de"], ["en", "en"]]
    for row in rows:
        count = int(row[2].removesuffix(" entries"))
        assert count >= 60
        assert row[3]


def test_conventions_show_de(runner: CliRunner) -> None:
    result = runner.invoke(main, ["conventions", "show", "de"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("# de (de): ")
    count = int(lines[0].removeprefix("# de (de): ").removesuffix(" entries"))
    entries = [line for line in lines if not line.startswith("#")]
    assert len(entries) == count >= 60
    kiew = next(line for line in entries if line.startswith("Kiew "))
    assert kiew.startswith("Kiew (place) [Київ, uk]; aliases: ")
    assert "Kyiv" in kiew.split("; aliases: ")[1].split(", ")
    assert any(line.startswith("Andrij Jermak (person) [Андрій Єрмак, uk]; aliases: Andriy Yermak") for line in lines)
    assert lines[-1].startswith("# protected: ")
    assert "Dnjepr" in lines[-1].removeprefix("# protected: ").split(", ")


def test_conventions_show_path(runner: CliRunner, convention_path: Path) -> None:
    result = runner.invoke(main, ["conventions", "show", str(convention_path)])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "# test-de (de): 4 entries",
        "Andrij Jermak (person) [Андрій Єрмак, uk]; aliases: Andriy Yermak",
        "Steve Witkoff (person)",
        "Günter Sautter (person)",
        "Kiew (place) [Київ, uk]; aliases: Kyiv",
        "# protected: Witkov",
    ]


def test_conventions_show_unknown(runner: CliRunner) -> None:
    result = runner.invoke(main, ["conventions", "show", "klingon"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "normalizer: error: klingon: no such convention file or shipped name (shipped: de, en)"
    ]


def test_conventions_lint_shipped(runner: CliRunner) -> None:
    result = runner.invoke(
        main, ["conventions", "lint", str(SHIPPED / "de.yaml"), str(SHIPPED / "en.yaml")], catch_exceptions=False
    )
    assert result.stdout == ""
    assert result.stderr == "2 files linted, 0 problems\n"
    assert result.exit_code == 0


# --- errors ---------------------------------------------------------------------------------------


def test_missing_file(runner: CliRunner, convention_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(main, ["fix", "-q", *conv(convention_path), str(missing)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"normalizer: error: {missing}: no such file"]


def test_missing_file_does_not_stop_the_others(runner: CliRunner, convention_path: Path, tmp_path: Path) -> None:
    missing, good = tmp_path / "nope.txt", tmp_path / "good.txt"
    good.write_text("in Kyiv", encoding="utf-8")
    result = runner.invoke(main, ["fix", *conv(convention_path), str(missing), str(good)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[:-1] == [f"normalizer: error: {missing}: no such file", f"{good}: 1 name fixed"]
    assert good.read_text(encoding="utf-8") == "in Kiew"


def test_check_missing_file(runner: CliRunner, convention_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(main, ["check", "-q", *conv(convention_path), str(missing)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"normalizer: error: {missing}: no such file"]


def test_not_utf8_file_is_reported_and_unchanged(runner: CliRunner, convention_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    original = "Andriy Yermak in Kyiv.\nGrüße aus Kyiv.\n".encode("latin-1")
    path.write_bytes(original)
    result = runner.invoke(main, ["fix", "-q", *conv(convention_path), str(path)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"normalizer: error: {path}:2: not valid UTF-8")
    assert "Traceback" not in result.output
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latin1.txt"]


def test_binary_file_is_skipped_with_a_notice(runner: CliRunner, convention_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(b"Kyiv\x00\x01\x02")
    result = runner.invoke(main, ["fix", *conv(convention_path), str(path)])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == f"normalizer: {path}: skipped, looks like a binary file"
    assert runner.invoke(main, ["fix", "-q", *conv(convention_path), str(path)]).stderr == ""  # quiet: errors only
    assert path.read_bytes() == b"Kyiv\x00\x01\x02"


def test_broken_convention_via_c(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("convention: bad\nlanguage: de\nentries:\n  - canonical: Kiew\n    kind: city\n", encoding="utf-8")
    result = runner.invoke(main, ["fix", "-c", str(bad)], input=SENTENCE)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"normalizer: error: {bad}:5:11: 'kind' must be one of person, place, org, not 'city'"
    ]


def test_missing_convention_via_c(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["check", "-c", str(tmp_path / "none.yaml")], input=SENTENCE)
    assert result.exit_code == 2
    assert result.stderr == f"normalizer: error: {tmp_path / 'none.yaml'}: file not found\n"


def test_debug_shows_a_traceback(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- a list\n", encoding="utf-8")
    result = runner.invoke(main, ["fix", "--debug", "-c", str(bad)], input=SENTENCE)
    assert result.exit_code == 2
    assert "Traceback" in result.stderr
    assert result.stderr.splitlines()[-1] == f"normalizer: error: {bad}:1:1: the convention must be a mapping"


def test_threshold_out_of_range_is_a_usage_error(runner: CliRunner, convention_path: Path) -> None:
    result = runner.invoke(main, ["fix", "--threshold", "101", *conv(convention_path)], input=SENTENCE)
    assert result.exit_code == 2
    assert "--threshold" in result.stderr


# --- convention choice ----------------------------------------------------------------------------


def test_lang_de_uses_the_shipped_german_convention(runner: CliRunner) -> None:
    result = runner.invoke(main, ["fix", "--lang", "de"], input=SENTENCE)
    assert result.exit_code == 0
    assert result.stdout == FIXED


def test_lang_en_uses_the_shipped_english_convention(runner: CliRunner) -> None:
    result = runner.invoke(main, ["fix", "--lang", "en"], input="Andrij Jermak met Steven Wittkoff in Kiew.")
    assert result.exit_code == 0
    assert result.stdout == "Andriy Yermak met Steve Witkoff in Kyiv."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Der Präsident traf sich am Montag in Kyiv mit dem Gesandten Steven Wittkoff.",
            "Der Präsident traf sich am Montag in Kiew mit dem Gesandten Steve Witkoff.",
        ),
        (
            "The president met the envoy Steven Wittkoff in Kiew on Monday.",
            "The president met the envoy Steve Witkoff in Kyiv on Monday.",
        ),
    ],
    ids=["german", "english"],
)
def test_language_is_detected_without_c_and_lang(runner: CliRunner, text: str, expected: str) -> None:
    result = runner.invoke(main, ["fix"], input=text)
    assert result.exit_code == 0
    assert result.stdout == expected


def test_language_is_detected_per_file(runner: CliRunner, tmp_path: Path) -> None:
    de, en = tmp_path / "de.txt", tmp_path / "en.txt"
    de.write_text("Die Regierung in Kyiv hat am Montag neue Sanktionen angekündigt.\n", encoding="utf-8")
    en.write_text("The government in Kiew announced new sanctions on Monday.\n", encoding="utf-8")
    result = runner.invoke(main, ["fix", str(de), str(en)])
    assert result.exit_code == 0
    assert de.read_text(encoding="utf-8") == "Die Regierung in Kiew hat am Montag neue Sanktionen angekündigt.\n"
    assert en.read_text(encoding="utf-8") == "The government in Kyiv announced new sanctions on Monday.\n"


def test_repeated_c_later_wins(runner: CliRunner, convention_path: Path, tmp_path: Path) -> None:
    override = tmp_path / "kyjiw.yaml"
    override.write_text(
        "convention: kyjiw\nlanguage: de\nentries:\n"
        "  - {canonical: Kyjiw, native: Київ, source_lang: uk, kind: place, aliases: [Kiew, Kyiv]}\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["fix", *conv(convention_path), *conv(override)], input=SENTENCE)
    assert result.exit_code == 0
    assert result.stdout == "Andrij Jermak traf Steve Witkoff in Kyjiw."


def test_no_fuzzy_leaves_fuzzy_only_variants(runner: CliRunner, convention_path: Path) -> None:
    text = "Der Gesandte Wittkoff und Andriy Yermak trafen sich in Kyiv."
    fuzzy = runner.invoke(main, ["fix", *conv(convention_path)], input=text)
    assert fuzzy.stdout == "Der Gesandte Witkoff und Andrij Jermak trafen sich in Kiew."
    exact_only = runner.invoke(main, ["fix", "--no-fuzzy", *conv(convention_path)], input=text)
    assert exact_only.exit_code == 0
    assert exact_only.stdout == "Der Gesandte Wittkoff und Andrij Jermak trafen sich in Kiew."


def test_no_fuzzy_keeps_generated_variants(runner: CliRunner, convention_path: Path) -> None:
    # the surname alone comes from the alias, the given name "Andrii" from the native spelling
    result = runner.invoke(main, ["fix", "--no-fuzzy", *conv(convention_path)], input="Laut Yermak und Andrii Yermak")
    assert result.exit_code == 0
    assert result.stdout == "Laut Jermak und Andrij Jermak"


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"normalizer, version {__version__}\n"
    assert __version__ == "0.1.0"


# --- the installed console script -----------------------------------------------------------------


def console_script() -> str:
    beside = Path(sys.executable).parent / "normalizer"
    found = str(beside) if beside.exists() else shutil.which("normalizer")
    if found is None:
        pytest.fail("the `normalizer` console script is not installed")
    return found


def test_console_script_pipes_german_text() -> None:
    text = "Der Leiter des Präsidialamts, Andriy Yermak, traf Steven Wittkoff in Kyiv.\n"
    proc = subprocess.run(
        [console_script(), "fix", "-c", "de"],
        input=text.encode("utf-8"),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode("utf-8") == ("Der Leiter des Präsidialamts, Andrij Jermak, traf Steve Witkoff in Kiew.\n")
    assert proc.stderr == b""


def test_console_script_error_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    proc = subprocess.run(
        [console_script(), "check", "-q", "-c", "de", str(missing)], capture_output=True, timeout=120, check=False
    )
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [f"normalizer: error: {missing}: no such file"]
