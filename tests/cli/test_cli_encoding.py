"""`--encoding` of `fix` and `check` (and the `encoding` setting): texts in another encoding than
UTF-8 are decoded with it and written back in it, byte for byte the same apart from the edits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalizer.cli import main

SENTENCE = "Andriy Yermak traf Steven Wittkoff in Kyiv."
FIXED = "Andrij Jermak traf Steve Witkoff in Kiew."
# the text around the names uses letters that the encoding has and UTF-8 spells differently
OTHER_LETTERS = {
    "latin-1": "Köln, Günter Sautter, 3 × 4 ÷ 2 © «gut» ¿qué?",
    "cp1252": "Köln „Zitat“ – 5 € … Œuvre, Günter Sautter",
    "iso-8859-15": "Köln: 5 € für Œuvre, Günter Sautter",
}
POLISH = """\
convention: pl-places
language: de
entries:
  - canonical: Łódź
    kind: place
    aliases: [Lodz]
  - canonical: Kiew
    kind: place
    aliases: [Kyiv]
"""


def conv(path: Path) -> list[str]:
    return ["-c", str(path)]


def texts(encoding: str) -> tuple[bytes, bytes]:
    """A text in `encoding` (CRLF, no final newline) and the same text with the names fixed."""
    other = OTHER_LETTERS[encoding]
    before = f"{other}\r\n{SENTENCE}\r\n\r\n{other} {SENTENCE}"
    return before.encode(encoding), before.replace(SENTENCE, FIXED).encode(encoding)


def temp_files(root: Path) -> list[str]:
    return [name for name in os.listdir(root) if name.endswith(".normalizer-tmp")]


@pytest.mark.parametrize("encoding", list(OTHER_LETTERS))
def test_fix_file_round_trips_in_its_encoding(
    runner: CliRunner, convention_path: Path, tmp_path: Path, encoding: str
) -> None:
    before, after = texts(encoding)
    with pytest.raises(UnicodeDecodeError):
        before.decode("utf-8")  # the test means something: the file is not UTF-8
    path = tmp_path / "a.txt"
    path.write_bytes(before)
    result = runner.invoke(main, ["fix", *conv(convention_path), "--encoding", encoding, str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == after
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("encoding", list(OTHER_LETTERS))
def test_fix_stdin_round_trips_in_its_encoding(runner: CliRunner, convention_path: Path, encoding: str) -> None:
    before, after = texts(encoding)
    result = runner.invoke(main, ["fix", *conv(convention_path), "--encoding", encoding], input=before)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == after


def test_check_reads_the_encoding_and_reports_columns_in_characters(
    runner: CliRunner, convention_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Grüße aus Kyiv\n".encode("latin-1"))
    result = runner.invoke(main, ["check", *conv(convention_path), "--encoding", "latin-1", str(path)])
    assert result.exit_code == 1, result.output
    assert result.stdout == f"{path}:1:11: Kyiv -> Kiew [Kiew, exact, 100]\n"


def test_without_the_option_a_latin1_file_is_not_utf8(runner: CliRunner, convention_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    before = f"{SENTENCE}\nKöln\n".encode("latin-1")
    path.write_bytes(before)
    result = runner.invoke(main, ["fix", *conv(convention_path), str(path)])
    assert result.exit_code == 2
    assert f"normalizer: error: {path}:2: not valid UTF-8 (byte 0xf6 at offset 45)\n" in result.stderr
    assert path.read_bytes() == before


def test_a_file_not_valid_in_the_chosen_encoding_is_an_error_naming_file_and_line(
    runner: CliRunner, convention_path: Path, tmp_path: Path
) -> None:
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    before = f"{SENTENCE}\nK\xf6ln\n".encode("latin-1") + b"\x81 is not a cp1252 character\n"
    bad.write_bytes(before)
    good.write_bytes(SENTENCE.encode("cp1252"))
    result = runner.invoke(main, ["fix", *conv(convention_path), "--encoding", "cp1252", str(tmp_path)])
    assert result.exit_code == 2
    assert f"normalizer: error: {bad}:3: not valid cp1252 (byte 0x81 at offset 49)\n" in result.stderr
    assert bad.read_bytes() == before
    assert good.read_bytes() == FIXED.encode("cp1252")


def test_an_edit_the_encoding_cannot_write_leaves_the_file_unchanged(runner: CliRunner, tmp_path: Path) -> None:
    convention = tmp_path / "pl.yaml"
    convention.write_text(POLISH, encoding="utf-8")
    files = tmp_path / "texts"
    files.mkdir()
    bad, good = files / "bad.txt", files / "good.txt"
    before = "Grüße aus Kyiv\r\nund aus Lodz.\r\n".encode("latin-1")
    bad.write_bytes(before)
    good.write_bytes("Grüße aus Kyiv".encode("latin-1"))
    result = runner.invoke(main, ["fix", *conv(convention), "--encoding", "latin-1", str(files)])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("normalizer: error:")]
    assert errors == [f"normalizer: error: {bad}:2: 'Ł' (U+0141) cannot be written in latin-1; not rewritten"]
    assert bad.read_bytes() == before
    assert good.read_bytes() == "Grüße aus Kiew".encode("latin-1")
    assert temp_files(files) == []


def test_an_edit_the_encoding_cannot_write_to_stdout_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    convention = tmp_path / "pl.yaml"
    convention.write_text(POLISH, encoding="utf-8")
    result = runner.invoke(main, ["fix", *conv(convention), "--encoding", "cp1252"], input=b"Lodz\n")
    assert result.exit_code == 2
    assert result.stdout_bytes == b""
    assert result.stderr == "normalizer: error: <stdin>:1: 'Ł' (U+0141) cannot be written in cp1252; not rewritten\n"


def test_utf8_sig_keeps_a_file_without_a_bom_without_one(
    runner: CliRunner, convention_path: Path, tmp_path: Path
) -> None:
    with_bom, without = tmp_path / "bom.txt", tmp_path / "plain.txt"
    with_bom.write_bytes(f"\ufeff{SENTENCE}\n".encode())
    without.write_bytes(f"{SENTENCE}\n".encode())
    result = runner.invoke(main, ["fix", *conv(convention_path), "--encoding", "UTF-8-SIG", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert with_bom.read_bytes() == f"\ufeff{FIXED}\n".encode()
    assert without.read_bytes() == f"{FIXED}\n".encode()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("nope", "unknown encoding 'nope'"),
        ("base64", "'base64' is not a text encoding"),
        ("utf-16", "encoding 'utf-16' is not supported: it does not keep ASCII as it is"),
    ],
)
@pytest.mark.parametrize("command", ["fix", "check"])
def test_an_encoding_that_cannot_be_used_is_a_usage_error(
    runner: CliRunner, convention_path: Path, tmp_path: Path, command: str, name: str, message: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(f"{SENTENCE}\n".encode())
    result = runner.invoke(main, [command, *conv(convention_path), "--encoding", name, str(path)])
    assert result.exit_code == 2
    assert f"Invalid value for '--encoding': {message}" in result.stderr
    assert path.read_bytes() == f"{SENTENCE}\n".encode()


def test_encoding_from_the_configuration_and_the_flag_on_top(
    runner: CliRunner, convention_path: Path, tmp_path: Path
) -> None:
    (tmp_path / ".normalizer.yaml").write_text(f"conventions: [{convention_path}]\nencoding: cp1252\n")
    before, after = texts("cp1252")
    path = tmp_path / "a.txt"
    path.write_bytes(before)
    result = runner.invoke(main, ["fix", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == after
    path.write_bytes(before)
    result = runner.invoke(main, ["fix", "--encoding", "utf-8", str(path)])
    assert result.exit_code == 2
    assert f"{path}:1: not valid UTF-8" in result.stderr
    assert path.read_bytes() == before


def test_encoding_in_pyproject(runner: CliRunner, convention_path: Path, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.normalizer]\nconventions = ["{convention_path}"]\nencoding = "latin-1"\n', encoding="utf-8"
    )
    before, after = texts("latin-1")
    path = tmp_path / "a.txt"
    path.write_bytes(before)
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert "Kyiv -> Kiew" in result.stdout
    result = runner.invoke(main, ["fix", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == after


@pytest.mark.parametrize(
    ("value", "message"),
    [("nope", "'encoding': unknown encoding 'nope'"), ("5", "'encoding' must be a string")],
)
def test_an_encoding_in_the_configuration_that_cannot_be_used(
    runner: CliRunner, convention_path: Path, tmp_path: Path, value: str, message: str
) -> None:
    config = tmp_path / ".normalizer.yaml"
    config.write_text(f"conventions: [{convention_path}]\nencoding: {value}\n")
    path = tmp_path / "a.txt"
    path.write_bytes(f"{SENTENCE}\n".encode())
    result = runner.invoke(main, ["fix", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"normalizer: error: {config}:2:1: {message}\n"  # the line of the key
    assert path.read_bytes() == f"{SENTENCE}\n".encode()
