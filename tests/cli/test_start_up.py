"""What a run of the command imports: each command's module only when that command runs, and the
help lists every command from a table that matches the commands' own help."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from normalizer import cli
from normalizer.cli import SUMMARIES, main

CLI_FOLDER = Path(cli.__file__).parent


def commands() -> dict[str, click.Command]:
    """Every click command that a module of the CLI package defines under the module's own name."""
    found = {}
    for path in sorted(CLI_FOLDER.glob("*.py")):
        module = importlib.import_module(f"normalizer.cli.{path.stem}")
        command = getattr(module, path.stem, None)
        if isinstance(command, click.Command):
            found[path.stem] = command
    return found


def test_the_table_lists_every_command() -> None:
    assert sorted(SUMMARIES) == sorted(commands())


@pytest.mark.parametrize("limit", [20, 45, 80, 500])
def test_each_summary_is_the_start_of_the_commands_help(limit: int) -> None:
    for name, command in commands().items():
        stand_in = click.Command(name, help=SUMMARIES[name])
        assert stand_in.get_short_help_str(limit) == command.get_short_help_str(limit), name


def test_the_help_lists_the_commands_with_their_summaries(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"], terminal_width=200)
    assert result.exit_code == 0
    listed = result.output.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed] == sorted(SUMMARIES)
    for line, name in zip(listed, sorted(SUMMARIES), strict=True):
        assert line.split(None, 1)[1] == commands()[name].get_short_help_str(500)


def test_a_command_is_found_by_name_and_an_unknown_one_is_refused(runner: CliRunner) -> None:
    assert main.get_command(click.Context(main), "fix") is commands()["fix"]
    result = runner.invoke(main, ["fixx"])
    assert result.exit_code == 2
    assert "No such command 'fixx'" in result.output


# A run on one line of plain text, with the convention's normalizer in the cache: it parses no
# YAML, HTML or Markdown, scores no pair of words, writes no file and prints no diff, so it needs
# none of these (click itself imports difflib to suggest a long option for an unknown one, hence
# --convention, not -c). It walks no folder and prints no settings, and with the language given
# it recognises none.
NOT_IMPORTED = {"yaml", "rapidfuzz", "html", "markdown_it", "difflib", "tempfile", "wordfreq"}
NOT_IMPORTED_HERE = {"normalizer.walk", "normalizer.render", "normalizer.language"}
WARM_RUN = """
import sys
from normalizer.cli import main
try:
    main(["fix", *sys.argv[1:]])
except SystemExit:
    pass
print("\\nmodules:", *sorted(sys.modules))
"""


@pytest.mark.parametrize("given", [["--convention", "de"], ["--lang", "de"]])
def test_a_warm_run_on_a_line_imports_only_what_it_uses(given: list[str]) -> None:
    line = "Gestern sprach Präsident Selenskyj in Kiew.\n"
    for _ in range(2):  # the first run fills the cache (the tests' own cache folder)
        done = subprocess.run(
            [sys.executable, "-c", WARM_RUN, *given],
            input=line.encode(),
            capture_output=True,
            timeout=120,
            check=True,
        )
    text, modules = done.stdout.decode().rsplit("\nmodules:", 1)
    assert text == line
    imported = set(modules.split())
    assert {name.split(".")[0] for name in imported} & NOT_IMPORTED == set()
    assert imported & NOT_IMPORTED_HERE == set()
    assert {f"normalizer.cli.{name}" for name in SUMMARIES} & imported == {"normalizer.cli.fix"}


MARKDOWN_RUN = """
import sys
from normalizer.markup import protected_zones
print(protected_zones(sys.stdin.read(), "markdown"))
print(" ".join(sorted(sys.modules)))
"""


def test_markdown_without_an_inline_link_is_read_without_markdown_it_py() -> None:
    pytest.importorskip("markdown_it_pyrs")  # without it, every document is read by the reference
    document = "---\ntitle: Ein Tag in Kiew\nslug: kiew-tag\n---\n\nSelenskyj in `Kyiv`, siehe [Quelle][1].\n"
    done = subprocess.run(
        [sys.executable, "-c", MARKDOWN_RUN], input=document.encode(), capture_output=True, check=True
    )
    zones, modules = done.stdout.decode().splitlines()
    assert zones != "[]"  # the front matter's slug, the code span and the reference are protected
    assert "markdown_it" not in modules.split()
