"""`normalizer check`: report the names that do not follow the convention."""

from __future__ import annotations

from pathlib import Path

import click

from normalizer import __version__
from normalizer.batch import Session
from normalizer.cli import consistency as cli_consistency
from normalizer.cli.options import Flags, Run, engine_options, walk_options
from normalizer.cli.runs import (
    Stdin,
    collect_files,
    first_config,
    normalize_stdin,
    report_problem,
    results,
    run_on_files,
    stdin_only,
)
from normalizer.findings import Finding
from normalizer.render import review_page, texts
from normalizer.report import github_annotation, json_report, rdjson_report, run_summary, sarif_report, text_line


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif", "html", "rdjson"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@cli_consistency.consistency_option
@engine_options
@walk_options
def check(paths: tuple[Path, ...], fmt: str, flags: Flags, run: Run, debug: bool) -> None:
    """Report names that do not follow the convention; change nothing.

    Prints `path:line:col: found -> replacement [entry, rule, score]`. Exit 1 when there is
    something to report, 2 when a file could not be read.
    """
    quiet = run.quiet

    def body(session: Session) -> int:
        consistency = cli_consistency.Consistency(session, first_config(session, paths))
        findings: list[Finding] = []
        failed = files_seen = with_findings = 0
        got: Stdin | None = None
        if stdin_only(paths):
            got = normalize_stdin(session, run.stdin_filename, announce=not paths and not quiet)
            if got.done.notice and not quiet:
                click.echo(f"normalizer: {got.done.notice}", err=True)
            findings.extend(got.done.findings)
            consistency.add(got.done.unlisted, got.done.inconsistent, got.done.language)
            files_seen, with_findings = 1, int(bool(got.done.findings))
        else:
            files, failed = collect_files(paths, session.configs, quiet)
            files_seen = len(files)
            for result in results(files, "check", session, run.jobs, quiet, cache=not run.no_cache):
                failed += report_problem(result, quiet)
                findings.extend(result.findings)
                with_findings += bool(result.findings)
                lines = [*map(text_line, result.findings)]
                lines += map(
                    cli_consistency.text_line, consistency.add(result.unlisted, result.inconsistent, result.language)
                )
                if fmt == "text" and lines:  # one write per file
                    click.echo("\n".join(lines))
        across = consistency.finish()  # across the folder (printed after the files)
        stdin = got.source.content if got is not None else None
        text_of = texts(session, stdin)
        if fmt == "html":
            click.echo(review_page(findings, session, stdin, consistency.found), nl=False)
        elif fmt == "rdjson":
            click.echo(consistency.rdjson(rdjson_report(findings, text_of), text_of))
        elif fmt == "json":
            click.echo(consistency.json(json_report(findings, files_seen)))
        elif fmt == "github" and (findings or consistency.found):
            click.echo("\n".join([*map(github_annotation, findings), *consistency.github()]))
        elif fmt == "sarif":
            click.echo(consistency.sarif(sarif_report(findings, __version__), text_of))
        elif stdin_only(paths):
            for finding in findings:
                click.echo(text_line(finding))
        if fmt == "text":
            for found in consistency.found if stdin_only(paths) else across:
                click.echo(cli_consistency.text_line(found))
        if not quiet and not stdin_only(paths) and fmt == "text":
            click.echo(run_summary(files_seen, with_findings, failed, findings, "with findings"), err=True)
            if consistency.on:
                click.echo(cli_consistency.summary(consistency.found), err=True)
        if failed:
            return 2
        return 1 if findings or consistency.found else 0

    run_on_files(paths, flags, run, debug, body)
