"""`normalizer conventions`: list, show, count and lint conventions."""

from __future__ import annotations

import click

from normalizer.cli.options import debug_option, run_guarded
from normalizer.conventions import Convention, load_conventions, load_file, resolve_name, shipped_names
from normalizer.report import counted


@click.group()
def conventions() -> None:
    """List, show and lint conventions."""


@conventions.command("list")
def conventions_list() -> None:
    """List the shipped conventions."""
    for name in shipped_names():
        convention = load_file(resolve_name(name))
        click.echo(f"{name}\t{convention.language}\t{len(convention.entries)} entries\t{convention.description}")


@conventions.command("show")
@click.argument("name")
@debug_option
def conventions_show(name: str, debug: bool) -> None:
    """Print the entries of a convention (shipped name or path)."""

    def body() -> int:
        convention = load_conventions([name])
        click.echo(f"# {convention.name} ({convention.language}): {len(convention.entries)} entries")
        for entry in convention.entries:
            native = f" [{entry.native}, {entry.source_lang}]" if entry.native else ""
            aliases = f"; aliases: {', '.join(entry.aliases)}" if entry.aliases else ""
            click.echo(f"{entry.canonical} ({entry.kind}){native}{aliases}")
        if convention.protect:
            click.echo(f"# protected: {', '.join(sorted(convention.protect))}")
        return 0

    run_guarded(debug, body)


@conventions.command("stats")
@click.argument("paths", nargs=-1, required=True)
@debug_option
def conventions_stats(paths: tuple[str, ...], debug: bool) -> None:
    """Entities, spellings, and the share of generated spellings that map back to their own
    entry (self-recall), per convention."""
    from normalizer.lint import stats

    def body() -> int:
        click.echo("convention\tentities\twith native\tspellings\tgenerated\tself-recall\tcollisions\tcommon")
        for name in paths:
            s = stats(load_file(resolve_name(name)))
            click.echo(
                f"{name}\t{s.entities}\t{s.with_native}\t{s.spellings}\t{s.generated}\t"
                f"{s.self_recall:.3f}\t{s.collisions}\t{s.common}"
            )
        return 0

    run_guarded(debug, body)


@conventions.command("lint")
@click.argument("paths", nargs=-1, required=True)
@debug_option
def conventions_lint(paths: tuple[str, ...], debug: bool) -> None:
    """Validate convention files and run their examples.

    Checks the schema, alias collisions, that each canonical spelling maps to itself, that
    generated variants of two entries do not collide, and that every example passes.
    """
    from normalizer.lint import lint

    def body() -> int:
        problems = 0
        for name in paths:
            convention: Convention = load_file(resolve_name(name))
            for line in lint(convention):
                click.echo(line)
                problems += 1
        click.echo(
            f"{counted(len(paths), 'file')} linted, {counted(problems, 'problem')}",
            err=True,
        )
        return 1 if problems else 0

    run_guarded(debug, body)
