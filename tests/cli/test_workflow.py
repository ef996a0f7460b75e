"""Safe to leave unattended: the language of each text is declared or recognised with
confidence (never guessed), each file has the settings of the configuration above it, excludes
hold under pre-commit, and markup read from stdin follows the file it stands for."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from normalizer.cli import main

GERMAN = "Der Präsident traf sich am Montag in Kyiv mit dem Gesandten Steven Wittkoff.\n"
GERMAN_FIXED = "Der Präsident traf sich am Montag in Kiew mit dem Gesandten Steve Witkoff.\n"
ENGLISH = "The president met the envoy Steven Wittkoff in Kiew on Monday.\n"
ENGLISH_FIXED = "The president met the envoy Steve Witkoff in Kyiv on Monday.\n"


@pytest.fixture(autouse=True)
def _no_configuration_above(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test runs in a folder of its own, with no configuration file above it."""
    monkeypatch.chdir(tmp_path)
    assert not any((p / ".normalizer.yaml").exists() for p in tmp_path.parents)


def fix_stdin(text: str, *args: str) -> tuple[str, str]:
    result = CliRunner().invoke(main, ["fix", *args], input=text)
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


# --- 1. a fix never undoes itself -------------------------------------------------------------


@pytest.mark.parametrize("text", ["Ermak in Kiev.", "Baerbock in Kiew", "Jermak und Witkoff", "Selenskyj"])
def test_a_headline_is_left_alone_when_its_language_is_unknown(text: str) -> None:
    out, err = fix_stdin(text)
    assert out == text
    assert "left unchanged, the language is unknown: too few words" in err
    assert "--lang" in err


@pytest.mark.parametrize(
    "text",
    [
        "Ermak in Kiev.",
        "Baerbock in Kiew",
        GERMAN,
        ENGLISH,
        "Andrey Ermak sprach in Kiev mit Steven Wittkoff über die Lage an der Front und im Land.",
        "Andrij Jermak spoke in Kiew with Steven Wittkoff about the war and the talks.",
    ],
)
def test_fix_of_its_own_output_changes_nothing(text: str) -> None:
    once, _ = fix_stdin(text)
    twice, _ = fix_stdin(once)
    assert twice == once


def test_a_long_enough_text_is_recognised_by_its_small_words_not_its_names() -> None:
    assert fix_stdin(GERMAN)[0] == GERMAN_FIXED
    assert fix_stdin(ENGLISH)[0] == ENGLISH_FIXED


# --- 2. a declared language wins ---------------------------------------------------------------


def test_html_lang_decides_for_a_file(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<html lang="de-DE"><body><p>Jermak in Kiew.</p></body></html>\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(page)])
    assert result.exit_code == 0, result.output  # German house spellings already
    page.write_text('<html lang="en"><body><p>Jermak in Kiew.</p></body></html>\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(page)])
    assert result.exit_code == 1
    assert "Jermak -> Yermak" in result.stdout


def test_html_read_from_stdin_is_html() -> None:
    out, _ = fix_stdin('<!DOCTYPE html>\n<html lang="en"><body><p title="Kiew">Jermak in Kiew.</p></body></html>\n')
    assert out == '<!DOCTYPE html>\n<html lang="en"><body><p title="Kyiv">Yermak in Kyiv.</p></body></html>\n'


def test_front_matter_lang_decides_and_beats_the_configuration(tmp_path: Path) -> None:
    (tmp_path / ".normalizer.yaml").write_text("language: de\n", encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("---\nlang: en\n---\n\nJermak in Kiew.\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["fix", str(article)]).exit_code == 0
    assert article.read_text(encoding="utf-8") == "---\nlang: en\n---\n\nYermak in Kyiv.\n"


def test_lang_flag_beats_the_document() -> None:
    out, _ = fix_stdin('<html lang="en"><body><p>Yermak in Kyiv.</p></body></html>\n', "--lang", "de")
    assert out == '<html lang="en"><body><p>Jermak in Kiew.</p></body></html>\n'


def test_a_declared_language_without_a_convention_leaves_the_text(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("---\nlanguage: fr\n---\n\nErmak a parlé à Kiev avec les envoyés et les ministres.\n")
    result = CliRunner().invoke(main, ["fix", str(article)])
    assert result.exit_code == 0
    assert "declares the language 'fr', which has no shipped convention" in result.stderr
    assert "Ermak" in article.read_text(encoding="utf-8")


# --- 3. settings per file -------------------------------------------------------------------


def two_desks(root: Path) -> tuple[Path, Path]:
    for desk, language in (("de", "de"), ("en", "en")):
        (root / desk).mkdir()
        (root / desk / ".normalizer.yaml").write_text(f"language: {language}\n", encoding="utf-8")
    de, en = root / "de" / "a.md", root / "en" / "b.md"
    de.write_text("Jermak in Kyiv.\n", encoding="utf-8")  # too short to recognise: the desk decides
    en.write_text("Jermak in Kyiv.\n", encoding="utf-8")
    return de, en


@pytest.mark.parametrize("order", ["en-first", "de-first", "folder"])
def test_each_file_has_the_settings_of_the_configuration_above_it(tmp_path: Path, order: str) -> None:
    de, en = two_desks(tmp_path)
    paths = {"en-first": [str(en), str(de)], "de-first": [str(de), str(en)], "folder": ["."]}[order]
    result = CliRunner().invoke(main, ["fix", *paths])
    assert result.exit_code == 0, result.output
    assert de.read_text(encoding="utf-8") == "Jermak in Kiew.\n"
    assert en.read_text(encoding="utf-8") == "Yermak in Kyiv.\n"


def test_per_path_tables_of_one_root_configuration(tmp_path: Path) -> None:
    (tmp_path / ".normalizer.yaml").write_text(
        "language: de\nper-path:\n  - paths: ['en/**']\n    language: en\n", encoding="utf-8"
    )
    (tmp_path / "en").mkdir()
    de, en = tmp_path / "a.txt", tmp_path / "en" / "b.txt"
    de.write_text("Jermak in Kyiv.\n", encoding="utf-8")
    en.write_text("Jermak in Kyiv.\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["fix", str(en), str(de)]).exit_code == 0
    assert de.read_text(encoding="utf-8") == "Jermak in Kiew.\n"
    assert en.read_text(encoding="utf-8") == "Yermak in Kyiv.\n"


# --- 4. excludes hold for files named on the command line, with --force-exclude ------------------


def archive(root: Path, setting: str = "") -> Path:
    (root / ".normalizer.yaml").write_text(f"language: de\nextend-exclude: ['archive/**']\n{setting}", encoding="utf-8")
    (root / "archive").mkdir()
    old = root / "archive" / "old.txt"
    old.write_text("Jermak in Kyiv.\n", encoding="utf-8")
    return old


def test_force_exclude_keeps_an_excluded_file_named_on_the_command_line(tmp_path: Path) -> None:
    old = archive(tmp_path)
    result = CliRunner().invoke(main, ["fix", "--force-exclude", "archive/old.txt"])
    assert result.exit_code == 0, result.output
    assert old.read_text(encoding="utf-8") == "Jermak in Kyiv.\n"
    assert CliRunner().invoke(main, ["fix", "archive/old.txt"]).exit_code == 0  # named, not forced: taken
    assert old.read_text(encoding="utf-8") == "Jermak in Kiew.\n"


def test_force_exclude_as_a_setting(tmp_path: Path) -> None:
    old = archive(tmp_path, "force-exclude: true\n")
    assert CliRunner().invoke(main, ["fix", str(old)]).exit_code == 0
    assert old.read_text(encoding="utf-8") == "Jermak in Kyiv.\n"


def test_stdin_filename_follows_the_excludes_of_that_file(tmp_path: Path) -> None:
    archive(tmp_path)
    args = ["--force-exclude", "--stdin-filename", "archive/old.txt"]
    assert fix_stdin("Jermak in Kyiv.\n", *args)[0] == "Jermak in Kyiv.\n"
    assert fix_stdin("Jermak in Kyiv.\n", "--stdin-filename", "new.txt")[0] == "Jermak in Kiew.\n"


def test_the_hooks_force_the_excludes_and_take_prose_files_only() -> None:
    hooks = yaml.safe_load((Path(__file__).parents[2] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        assert "--force-exclude" in hook["entry"].split()
        assert "text" not in hook["types_or"]  # identify's 'text' is every text file: YAML, JSON, code
        assert set(hook["types_or"]) <= {"markdown", "html", "plain-text"}


# --- 5. --show-settings and --show-files ----------------------------------------------------------


def test_show_settings_names_the_configuration_and_the_choice(tmp_path: Path) -> None:
    de, _ = two_desks(tmp_path)
    result = CliRunner().invoke(main, ["check", "--show-settings", str(de)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert f"configuration: {tmp_path / 'de' / '.normalizer.yaml'}" in lines
    assert any(line.startswith("chosen conventions: de (") for line in lines)
    assert "markup: markdown" in lines


def test_show_settings_needs_one_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--show-settings"])
    assert result.exit_code == 2
    assert "needs exactly one file" in result.stderr


def test_show_files_lists_what_a_run_would_take(tmp_path: Path) -> None:
    archive(tmp_path)
    (tmp_path / "a.md").write_text("Kyiv\n", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", "--show-files", "."])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["a.md"]
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "Kyiv\n"  # nothing changed


# --- 6. a run never rewrites the files it was configured with ------------------------------------


def test_a_convention_of_the_run_is_never_rewritten(tmp_path: Path) -> None:
    house = tmp_path / "house.txt"  # a convention with a text suffix, so that a folder walk takes it
    house.write_text(
        "convention: house\nlanguage: de\nextends: de\nentries:\n"
        "  - {canonical: Kiew, kind: place, aliases: [Kyiv, Kiev]}\n",
        encoding="utf-8",
    )
    before = house.read_bytes()
    result = CliRunner().invoke(main, ["fix", "-c", str(house), str(house)])
    assert result.exit_code == 0, result.output
    assert house.read_bytes() == before
    assert "skipped, a configuration or convention file of this run" in result.stderr


# --- 7, 8. front matter and link titles ---------------------------------------------------------


def test_front_matter_paths_urls_and_slugs_are_kept_and_prose_is_fixed(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "---\ntitle: Ermak in Kiev\nimage: img/Ermak-in-Kiev.jpg\nurl: /Ermak/\naliases: [/Kiev/Ermak]\n---\n\n"
        '[Bericht](https://example.org/Kiev "Ermak in Kiev") und Text.\n',
        encoding="utf-8",
    )
    assert CliRunner().invoke(main, ["fix", "--lang", "de", str(article)]).exit_code == 0
    assert article.read_text(encoding="utf-8") == (
        "---\ntitle: Jermak in Kiew\nimage: img/Ermak-in-Kiev.jpg\nurl: /Ermak/\naliases: [/Kiev/Ermak]\n---\n\n"
        '[Bericht](https://example.org/Kiev "Jermak in Kiew") und Text.\n'
    )


def test_prose_keys_are_a_setting(tmp_path: Path) -> None:
    (tmp_path / ".normalizer.yaml").write_text("language: de\nprose-keys: [title, author]\n", encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("---\nauthor: Ermak\nslug: Ermak\n---\n\nText.\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["fix", str(article)]).exit_code == 0
    assert article.read_text(encoding="utf-8") == "---\nauthor: Jermak\nslug: Ermak\n---\n\nText.\n"


# --- 9. stdin with markup ---------------------------------------------------------------------


def test_stdin_filename_gives_stdin_the_markup_of_that_file() -> None:
    text = "Jermak in Kyiv.\n\n```\nKyiv im Code\n```\n"
    assert fix_stdin(text, "--lang", "de", "--stdin-filename", "article.md")[0] == (
        "Jermak in Kiew.\n\n```\nKyiv im Code\n```\n"
    )
    assert "Kiew im Code" in fix_stdin(text, "--lang", "de")[0]  # plain text: no code blocks


def test_stdin_filename_names_the_findings() -> None:
    result = CliRunner().invoke(main, ["check", "--lang", "de", "--stdin-filename", "de/a.md"], input="Kyiv.\n")
    assert result.stdout.startswith("de/a.md:1:1: Kyiv -> Kiew")


# --- 10. fix says what it left ------------------------------------------------------------------


def test_fix_reports_ambiguous_names_with_file_and_line(tmp_path: Path) -> None:
    house = tmp_path / "house.yaml"
    house.write_text(
        "convention: house\nlanguage: de\nentries:\n"
        "  - {canonical: Iwan Kalinowskyj, kind: person}\n"
        "  - {canonical: Petro Kalinowski, kind: person}\n",
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text("Erste Zeile.\nDer Minister Kalinowsky sagte das.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", "-c", str(house), str(article)])
    assert result.exit_code == 0, result.output
    assert f"normalizer: {article}:2:14: 'Kalinowsky' is ambiguous" in result.stderr
    assert CliRunner().invoke(main, ["fix", "-q", "-c", str(house), str(article)]).stderr == ""


# --- 11. configuration values are checked: one line, file:line, exit 2 ---------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("language: de\nthreshold: 200\n", 2, "'threshold' must be a number from 50 to 100, not '200'"),
        ("threshold: 90\nlanguage: fr\n", 2, "'language': 'fr' has no shipped convention (choose de, en)"),
        ("conventions: [nowhere.yaml]\n", 1, "'conventions': 'nowhere.yaml': no such file"),
        ("conventions: [fr]\n", 1, "'conventions': 'fr' is neither a shipped convention"),
        ("per-path:\n  - language: en\n", 1, "'per-path': a table with no 'paths'"),
    ],
)
def test_a_wrong_configuration_value_is_one_line_with_file_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    config = tmp_path / ".normalizer.yaml"
    config.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["fix"], input="Kyiv\n")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"normalizer: error: {config}:{line}:1: {message}")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


# --- 14. quiet means errors only ------------------------------------------------------------------


def test_quiet_fix_prints_nothing_but_errors(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(GERMAN, encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", "-q", str(article)])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert article.read_text(encoding="utf-8") == GERMAN_FIXED


def test_reading_stdin_from_a_terminal_is_announced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("normalizer.cli.runs.stdin_is_terminal", lambda: True)
    result = CliRunner().invoke(main, ["fix", "--lang", "de"], input="Kyiv\n")
    assert "reading the text from stdin" in result.stderr
    assert result.stdout == "Kiew\n"
