"""The `normalizer` command: a thin shell over the library, one module per command (as
pre-commit's `commands/`), the options they share in `options.py` and `runs.py`.

A command's module is imported only when that command runs (click's lazy group): a run of `fix`
does not pay for importing `suggest` or `conventions`. `SUMMARIES` keeps each command's summary,
the first paragraph of its help, so that `normalizer --help` lists them without importing any;
a test checks that each matches the command's own help.

Exit codes: 0 nothing to report or change; 1 `check` found names to fix (or `fix
--exit-non-zero-on-fix` changed something); 2 usage, configuration or input error.
"""

from __future__ import annotations

import importlib

import click

from normalizer import __version__

# command name (also its module in this package, and the command's name in that module) → summary
SUMMARIES = {
    "check": "Report names that do not follow the convention; change nothing.",
    "fix": "Rewrite names in the house spelling.",
    "suggest": "Propose convention entries for the names that the texts in PATH (files and folders) "
    "mention and the convention does not list, most mentioned first.",
    "explain": "Say, for each name-like word of TEXT (or stdin), which entry and rule would apply, or why none does.",
    "init": "Write a starter .normalizer.yaml and a house convention that extends a shipped one.",
    "variants": "Print the spellings generated from a native name, each with the systems that produce it.",
    "conventions": "List, show and lint conventions.",
    "rules": "List the codes of the rules and refusals (or explain one CODE), as explain and the reports give them.",
}


class LazyGroup(click.Group):
    """A group whose commands are imported by name when they are asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(SUMMARIES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in SUMMARIES:
            return None
        command = getattr(importlib.import_module(f"{__name__}.{cmd_name}"), cmd_name)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands in the help, shortened as click shortens a command's help."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names))
        rows = [(name, click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="normalizer")
def main() -> None:
    """Make the spelling of names follow a house convention."""
