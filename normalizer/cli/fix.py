"""`normalizer fix`: rewrite names in the house spelling, or ask about each change (`--interactive`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from normalizer.batch import Session, unified_diff
from normalizer.cli import consistency as cli_consistency
from normalizer.cli import runs
from normalizer.cli.options import Failure, Flags, Run, engine_options, walk_options
from normalizer.cli.runs import collect_files, normalize_stdin, report_problem, results, run_on_files, stdin_only
from normalizer.files import shown
from normalizer.findings import Finding
from normalizer.report import counted, left_line, run_summary, summary_line


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of writing files.")
@click.option("--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when a file was changed (for pre-commit).")
@click.option(
    "-i", "--interactive", is_flag=True, help="Ask about each change at the terminal before a file is written."
)
@cli_consistency.consistency_fix_option
@engine_options
@walk_options
def fix(
    paths: tuple[Path, ...],
    show_diff: bool,
    exit_non_zero_on_fix: bool,
    interactive: bool,
    flags: Flags,
    run: Run,
    debug: bool,
) -> None:
    """Rewrite names in the house spelling.

    With no PATH (or -), read stdin and write the fixed text to stdout, byte for byte the same
    apart from the edits. Files and folders (walked recursively) are rewritten in place,
    atomically, with one line per changed file on stderr. Ambiguous names, left as they are,
    are listed on stderr.
    """
    quiet = run.quiet

    def body(session: Session) -> int:
        if interactive:
            return _interactive(paths, session)
        if stdin_only(paths):
            got = normalize_stdin(session, run.stdin_filename, announce=not paths and not quiet)
            if got.done.notice and not quiet:
                click.echo(f"normalizer: {got.done.notice}", err=True)
            if not quiet:
                _left_as_is(got.done.left())
            if show_diff:
                click.echo(unified_diff(got.label, got.source.content, got.done.text), nl=False)
            else:
                sys.stdout.buffer.write(got.source.encode(got.done.text))
                sys.stdout.buffer.flush()
            return 1 if exit_non_zero_on_fix and got.done.changed else 0
        files, failed = collect_files(paths, session.configs, quiet)
        changed = 0
        found: list[Finding] = []
        for result in results(files, "diff" if show_diff else "fix", session, run.jobs, quiet, cache=not run.no_cache):
            failed += report_problem(result, quiet)
            found.extend(result.findings)
            if show_diff:
                click.echo(result.diff, nl=False)
            elif result.changed and not quiet:
                click.echo(summary_line(result.path, result.findings, result.left), err=True)
            if not quiet:
                _left_as_is(result.left)
            changed += result.changed
        if not quiet:
            verb = "would change" if show_diff else "changed"
            click.echo(run_summary(len(files), changed, failed, found, verb), err=True)
        if failed:
            return 2
        return 1 if exit_non_zero_on_fix and changed else 0

    run_on_files(paths, flags, run, debug, body)


def _left_as_is(findings: Sequence[Finding]) -> None:
    """`fix` says on stderr which names it left: ambiguous ones, unsafe fixes not applied."""
    for finding in findings:
        click.echo(f"normalizer: {left_line(finding)}", err=True)


def _interactive(paths: tuple[Path, ...], session: Session) -> int:
    """fix --interactive: ask about each change (normalizer.review)."""
    from normalizer.review import remember, review_files

    if stdin_only(paths) or not runs.stdin_is_terminal():
        raise Failure("--interactive needs files to fix and a terminal to ask at")
    files, failed = collect_files(paths, session.configs, quiet=False)

    def ask(prompt: str) -> str:
        click.echo(prompt, nl=False)
        key = click.getchar()
        click.echo(key if key.isprintable() else "")
        return key

    state = review_files(
        files, session, ask, click.echo, lambda text: click.style(text, reverse=True) if _color() else f"[[{text}]]"
    )
    if state.remembered:
        governing = session.configs.governing(None).source
        target = Path(governing) if governing else Path(".normalizer.yaml")
        if target.name == "pyproject.toml":
            click.echo(f"add to ignore of [tool.normalizer] in {shown(str(target))}: {', '.join(state.remembered)}")
        else:
            remember(target, state.remembered)
            click.echo(f"{shown(str(target))}: {', '.join(state.remembered)} added to 'ignore'")
    click.echo(f"{state.changes} change{'s' if state.changes != 1 else ''} written to {counted(state.written, 'file')}")
    return 2 if failed else 0


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ
