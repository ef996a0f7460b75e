"""The `normalizer` command: a thin shell over the library, one module per command (as
pre-commit's `commands/`), the options they share in `options.py` and `runs.py`.

Exit codes: 0 nothing to report or change; 1 `check` found names to fix (or `fix
--exit-non-zero-on-fix` changed something); 2 usage, configuration or input error.
"""

from __future__ import annotations

import click

from normalizer import __version__
from normalizer.cli import check, conventions, explain, fix, init, rules, suggest, variants


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="normalizer")
def main() -> None:
    """Make the spelling of names follow a house convention."""


for command in (
    check.check,
    fix.fix,
    suggest.suggest,
    explain.explain,
    init.init,
    variants.variants,
    conventions.conventions,
    rules.rules,
):
    main.add_command(command)
