"""`normalizer rules`: the codes of the rules and refusals (normalizer.codes), as explain and the reports give them."""

from __future__ import annotations

import click

from normalizer.cli.options import Failure
from normalizer.codes import CODES


@click.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List the codes of the rules and refusals (or explain one CODE), as explain and the reports give them."""
    if code is not None and code.upper() not in CODES:
        raise Failure(f"no code {code!r}; `normalizer rules` lists them")
    for one in [CODES[code.upper()]] if code else CODES.values():
        data = f"  (data: {one.data})" if one.data else ""
        click.echo(f"{one.code}  {one.name}: {one.summary} Example: {one.example}{data}")
