"""fix --interactive through a real pseudo-terminal (pexpect): the keys an editor presses decide
which changes are written; a file is written once, when its decisions are complete."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml

pexpect = pytest.importorskip("pexpect")

NORMALIZER = shutil.which("normalizer", path=str(Path(sys.executable).parent))


def spawn(tmp_path: Path, *args: str) -> object:
    assert NORMALIZER is not None
    child = pexpect.spawn(
        NORMALIZER,
        ["fix", "--interactive", "--isolated", "-c", "de", *args],
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=120,
        env={"PATH": str(Path(sys.executable).parent), "TERM": "dumb", "NO_COLOR": "1", "HOME": str(tmp_path)},
    )
    return child


def test_each_key_decides_one_change(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Andriy Yermak traf Steven Wittkoff in Kyiv.\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("Kyiv am Abend.\n", encoding="utf-8")
    child = spawn(tmp_path, "a.txt", "b.txt")
    child.expect(r"a\.txt:1:1 \(1 of 3\)")
    child.expect(r"\[\[Andriy Yermak\]\] traf Steven Wittkoff in Kyiv\.")  # the span, marked
    child.expect(r"Andriy Yermak -> Andrij Jermak   \[entry Andrij Jermak, rule exact, score 100, safe\]")
    child.expect_exact("[y,n,i,a,s,q,?]")
    child.send("y")
    child.expect(r"\(2 of 3\)")
    child.expect_exact("[y,n,i,a,s,q,?]")
    child.send("?")
    child.expect("reject it and remember the spelling")
    child.send("n")
    child.expect(r"\(3 of 3\)")
    child.expect_exact("[y,n,i,a,s,q,?]")
    child.send("i")
    child.expect(r"a\.txt: 1 of 3 changes written")
    child.expect(r"b\.txt:1:1 \(1 of 1\)")
    child.expect_exact("[y,n,i,a,s,q,?]")
    child.send("q")
    child.expect(r"b\.txt: left as it is")
    child.expect(r"Kyiv added to 'ignore'")
    child.expect("1 change written to 1 file")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert a.read_text(encoding="utf-8") == "Andrij Jermak traf Steven Wittkoff in Kyiv.\n"
    assert b.read_text(encoding="utf-8") == "Kyiv am Abend.\n"  # quit: nothing written
    config = yaml.safe_load((tmp_path / ".normalizer.yaml").read_text(encoding="utf-8"))
    assert config["ignore"] == ["Kyiv"]


def test_accept_all_of_an_entry_and_skip_a_file(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Kyiv und Kyiv, dann Yermak.\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("Yermak in Kyiv.\n", encoding="utf-8")
    child = spawn(tmp_path, "a.txt", "b.txt")
    child.expect(r"a\.txt:1:1 \(1 of 3\)")
    child.send("a")  # every Kyiv from now on, without asking
    child.expect(r"a\.txt:1:21 \(3 of 3\)")
    child.send("s")  # Yermak: the rest of a.txt is left, and so is the file
    child.expect(r"a\.txt: left as it is")
    child.expect(r"b\.txt:1:1 \(1 of 2\)")
    child.send("y")
    child.expect(r"b\.txt: 2 of 2 changes written")  # Kyiv accepted for the entry, not asked
    child.expect(pexpect.EOF)
    child.close()
    assert a.read_text(encoding="utf-8") == "Kyiv und Kyiv, dann Yermak.\n"
    assert b.read_text(encoding="utf-8") == "Jermak in Kiew.\n"


def test_interactive_needs_files() -> None:
    from click.testing import CliRunner

    from normalizer.cli import main

    result = CliRunner().invoke(main, ["fix", "-i", "-c", "de"], input="Kyiv\n")
    assert result.exit_code == 2
    assert "--interactive needs files to fix and a terminal" in result.stderr


def test_remember_extends_the_ignore_list_and_keeps_the_rest(tmp_path: Path) -> None:
    from normalizer.review import remember

    block = tmp_path / "block.yaml"
    block.write_text("# house settings\nlanguage: de\nignore:\n  - Kyjiw\nthreshold: 90\n", encoding="utf-8")
    remember(block, ["Kyiv", "O'Neil"])
    text = block.read_text(encoding="utf-8")
    assert text.startswith("# house settings\nlanguage: de\nignore:\n  - Kyjiw\n  - Kyiv\n")
    assert yaml.safe_load(text) == {"language": "de", "ignore": ["Kyjiw", "Kyiv", "O'Neil"], "threshold": 90}
    flow = tmp_path / "flow.yaml"
    flow.write_text("ignore: [Kyjiw]  # ours\nlanguage: de\n", encoding="utf-8")
    remember(flow, ["Kyiv", "Kyjiw"])
    assert flow.read_text(encoding="utf-8") == "ignore: [Kyjiw, Kyiv]  # ours\nlanguage: de\n"
