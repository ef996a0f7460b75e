"""`normalizer explain`: which entry and rule apply to each name-like word of a text, or why none does."""

from __future__ import annotations

import click

from normalizer.batch import Session
from normalizer.cli.options import Failure, Flags, engine_options, read_stdin, resolve_configs, run_guarded
from normalizer.report import explain_lines


@click.command()
@click.argument("text", required=False)
@engine_options
def explain(
    text: str | None,
    flags: Flags,
    debug: bool,
) -> None:
    """Say, for each name-like word of TEXT (or stdin), which entry and rule would apply, or why none does."""

    def body() -> int:
        settings = resolve_configs(flags).for_path(None)
        content = text if text is not None else read_stdin().content
        session = Session(settings)
        normalizer = session.for_text(content, settings)
        if normalizer is None:
            _, why = session.conventions_for(content, "text", settings)
            raise Failure(f"no convention for this text: {why}; give -c or --lang")
        findings, skips = normalizer.explain(content)
        for row in explain_lines(findings, skips):
            click.echo(row)
        return 0

    run_guarded(debug, body)
