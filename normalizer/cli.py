"""The `normalizer` command: a thin shell over the library.

Exit codes: 0 nothing to report or change; 1 `check` found names to fix (or `fix
--exit-non-zero-on-fix` changed something); 2 usage, configuration or input error.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from normalizer import __version__, cli_consistency, cli_suggest
from normalizer.batch import STDIN_LABEL, FileResult, Mode, Normalized, Session, default_jobs, run, unified_diff
from normalizer.codes import CODES
from normalizer.config import Config, Configs
from normalizer.conventions import Convention, load_conventions, load_file, resolve_name, shipped_names
from normalizer.errors import NormalizerError, quote
from normalizer.files import (
    DEFAULT_SUFFIXES,
    Selection,
    Text,
    check_encoding,
    collect,
    decode,
    display,
    parse_size,
    read,
    shown,
)
from normalizer.findings import Finding
from normalizer.interrupts import interrupted, terminate_as_interrupt
from normalizer.markup import markup_for
from normalizer.report import (
    counted,
    github_annotations,
    json_report,
    left_line,
    rdjson_report,
    run_summary,
    sarif_report,
    summary_line,
    text_line,
)

F = TypeVar("F", bound=Callable[..., object])
STDIN = "-"
SMALL_RUN = 16  # files per worker below which no worker processes are started


class Failure(click.ClickException):
    """A user-facing error: one line, exit code 2."""

    exit_code = 2

    def format_message(self) -> str:
        return self.message

    def show(self, file: object = None) -> None:
        click.echo(f"normalizer: error: {self.format_message()}", err=True)


def engine_options(func: F) -> F:
    options = [
        click.option(
            "-c",
            "--convention",
            "conventions",
            multiple=True,
            metavar="NAME_OR_PATH",
            help="Convention to apply (shipped name or YAML path); repeatable, later ones win.",
        ),
        click.option(
            "--lang",
            type=click.Choice(["de", "en"]),
            help="Prose language; picks the shipped convention when no -c is given.",
        ),
        click.option(
            "--threshold",
            type=click.FloatRange(50, 100),
            help="Minimum score (50-100) of a fuzzy match [default: 88]; phonetic matches need 16 less.",
        ),
        click.option(
            "--no-fuzzy",
            is_flag=True,
            default=None,
            help="Only exact, folded and generated spellings; no fuzzy or phonetic matching.",
        ),
        click.option(
            "--config",
            "config_path",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Read settings from this file instead of searching for .normalizer.yaml / pyproject.toml.",
        ),
        click.option(
            "--unsafe-fixes/--no-unsafe-fixes",
            default=None,
            help="Also apply unsafe fixes: fuzzy or phonetic evidence for one word alone [default: no].",
        ),
        click.option("--isolated", is_flag=True, help="Ignore configuration files."),
        click.option("--debug", is_flag=True, help="Show tracebacks of errors."),
    ]
    command = _collect_flags(func)  # with walk_options below it, the walk flags too
    for option in reversed(options):
        command = option(command)
    return cast(F, command)


def _encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        return None if value is None else check_encoding(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx, param) from None


def _max_file_size(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    try:
        return None if value is None else parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx, param) from None


def walk_options(func: F) -> F:
    options = [
        click.option(
            "--encoding",
            callback=_encoding,
            metavar="CODEC",
            help="Encoding of the texts, kept when they are rewritten (latin-1, cp1252, ...) [default: utf-8].",
        ),
        click.option(
            "--max-file-size",
            callback=_max_file_size,
            metavar="BYTES",
            help="Skip larger files, with a notice (bytes, or with K, M, G: 64M; 0: no limit) [default: 64M].",
        ),
        click.option("--include", multiple=True, metavar="GLOB", help="Take only files matching GLOB in folders."),
        click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching GLOB."),
        click.option("--extend-exclude", multiple=True, metavar="GLOB", help="Skip these too, keeping the defaults."),
        click.option(
            "--force-exclude",
            is_flag=True,
            default=None,
            help="Apply the excludes to files named on the command line too (as pre-commit names them).",
        ),
        click.option(
            "--stdin-filename",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Treat stdin as this file: its markup, language, settings and excludes.",
        ),
        click.option("--show-settings", is_flag=True, help="Print the settings that govern PATH (one file) and exit."),
        click.option("--show-files", is_flag=True, help="Print the files a run would take and exit."),
        click.option(
            "--diff-base",
            metavar="REV",
            help="Only findings on lines changed since REV (git; untracked files count whole).",
        ),
        click.option(
            "--changed-lines",
            metavar="DIFF",
            help="Only findings on lines a unified diff adds or changes (a file, or - for stdin).",
        ),
        click.option(
            "-j", "--jobs", type=click.IntRange(1), default=None, help="Worker processes [default: number of CPUs]."
        ),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@dataclass(frozen=True, slots=True)
class Flags:
    """The flags that choose the settings (`engine_options` and `walk_options`); a flag that
    was not given is None or empty, and leaves the configuration file's value."""

    conventions: tuple[str, ...] = ()
    lang: str | None = None
    threshold: float | None = None
    no_fuzzy: bool | None = None
    config_path: Path | None = None
    isolated: bool = False
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    encoding: str | None = None
    max_file_size: int | None = None
    force_exclude: bool | None = None
    unsafe_fixes: bool | None = None
    consistency: str | None = None
    consistency_fix: bool | None = None


_FLAG_NAMES = tuple(f.name for f in fields(Flags))


def _collect_flags(func: Callable[..., object]) -> Callable[..., None]:
    """Pass the settings flags to the command as one `flags` value."""

    @functools.wraps(func)
    def command(**given: Any) -> None:
        flags = Flags(**{name: given.pop(name) for name in _FLAG_NAMES if name in given})
        func(flags=flags, **given)

    return command


def resolve_configs(flags: Flags) -> Configs:
    """Per file: defaults, then the configuration file that governs it, then the flags."""
    overrides = {
        "conventions": flags.conventions,
        "language": flags.lang,
        "threshold": flags.threshold,
        "fuzzy": False if flags.no_fuzzy else None,
        "include": flags.include,
        "exclude": flags.exclude,
        "extend_exclude": flags.extend_exclude,
        "encoding": flags.encoding,
        "max_file_size": flags.max_file_size,
        "force_exclude": flags.force_exclude,
        "unsafe_fixes": flags.unsafe_fixes,
        "consistency": flags.consistency,
        "consistency_fix": flags.consistency_fix,
    }
    return Configs(overrides, path=flags.config_path, isolated=flags.isolated)


def resolve_config(paths: Sequence[Path], flags: Flags) -> Config:
    """The settings of the first of `paths` (the current folder's when none)."""
    return resolve_configs(flags).for_path(next((p for p in paths if str(p) != STDIN), None))


def run_guarded(debug: bool, body: Callable[[], int]) -> None:
    terminate_as_interrupt()
    try:
        code = body()
    except NormalizerError as exc:
        if debug:
            traceback.print_exc()
        raise Failure(str(exc)) from None
    except KeyboardInterrupt:
        interrupted()
    sys.exit(code)


def read_stdin(encoding: str = "utf-8") -> Text:
    return decode(sys.stdin.buffer.read(), "<stdin>", encoding)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="normalizer")
def main() -> None:
    """Make the spelling of names follow a house convention."""


def _selector(configs: Configs) -> Callable[[Path], Selection]:
    """The selection of files in each folder, by the settings that govern it."""

    def select(folder: Path) -> Selection:
        c = configs.for_path(folder)
        base = str(Path(c.source).parent.resolve()) if c.source else ""
        return Selection(c.include, c.exclude, c.extend_exclude, force_exclude=c.force_exclude, base=base)

    return select


def _files(paths: tuple[Path, ...], configs: Configs, quiet: bool) -> tuple[list[Path], int]:
    """The files to process, and how many folders could not be read (reported here)."""
    collected = collect(list(paths), _selector(configs))
    if not quiet:
        for notice in collected.notices:
            click.echo(f"normalizer: {notice}", err=True)
    for error in collected.errors:
        click.echo(f"normalizer: error: {error}", err=True)
    return list(collected.files), len(collected.errors)


def _results(files: list[Path], mode: Mode, session: Session, jobs: int | None, quiet: bool) -> Iterator[FileResult]:
    # without --jobs, small runs stay in this process: starting workers costs more than it saves
    results = run(files, mode, session, jobs or min(default_jobs(), max(1, len(files) // SMALL_RUN)))
    show_bar = not quiet and len(files) > 1 and sys.stderr.isatty()
    if not show_bar:
        yield from results
        return
    with click.progressbar(results, length=len(files), label="normalizer", file=sys.stderr) as bar:
        yield from bar


def _stdin_only(paths: tuple[Path, ...]) -> bool:
    return not paths or paths == (Path(STDIN),)


@dataclass(frozen=True, slots=True)
class Stdin:
    """The text read from stdin and what a run made of it."""

    source: Text
    done: Normalized
    label: str


def _normalize_stdin(session: Session, filename: Path | None, announce: bool) -> Stdin:
    """Read stdin and normalize it as `filename` (its settings, markup, language and excludes)
    would be; unchanged when that file is excluded and `--force-exclude` is on."""
    if announce and _stdin_is_terminal():
        click.echo("normalizer: reading the text from stdin (end it with Ctrl-D; give - to silence this)", err=True)
    config = session.configs.for_path(filename)
    source = read_stdin(config.encoding)
    label = STDIN_LABEL if filename is None else display(filename)
    if filename is not None and config.force_exclude:
        selection = _selector(session.configs)(filename.parent)
        if selection.excluded(selection.relative(filename, Path.cwd())):
            return Stdin(source, Normalized(source.content), label)
    return Stdin(source, session.normalize(source, label, config), label)


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _left_as_is(findings: Sequence[Finding]) -> None:
    """`fix` says on stderr which names it left: ambiguous ones, unsafe fixes not applied."""
    for finding in findings:
        click.echo(f"normalizer: {left_line(finding)}", err=True)


def _show(paths: tuple[Path, ...], configs: Configs, show_settings: bool, show_files: bool, stdin: Path | None) -> int:
    """--show-files and --show-settings: print, change nothing."""
    if show_files:
        files, failed = _files(paths or (Path("."),), configs, quiet=True)
        for path in files:
            click.echo(shown(display(path)))
        return 2 if failed else 0
    targets = [stdin] if stdin is not None else [p for p in paths if str(p) != STDIN]
    if len(targets) != 1:
        raise Failure("--show-settings needs exactly one file (or --stdin-filename)")
    click.echo(settings_report(targets[0], Session(configs), read_text=stdin is None))
    return 0


def settings_report(path: Path, session: Session, read_text: bool = True) -> str:
    """What governs `path`: the configuration file, the settings, and how its language and
    conventions are chosen (from its text when it can be read)."""
    config = session.configs.for_path(path)
    lines = [f"file: {shown(display(path))}", f"configuration: {shown(config.source) if config.source else '(none)'}"]
    lines.append(f"conventions: {', '.join(config.conventions) or '(by language)'}")
    lines.append(
        f"language: {config.language or '(not set)'}" + (f" (from {config.language_from})" if config.language else "")
    )
    if read_text and path.is_file():
        try:
            text = read(path, config.encoding, config.max_file_size)
        except NormalizerError as exc:
            lines.append(f"chosen: cannot tell, {exc}")
        else:
            names, why = session.conventions_for(text.content, markup_for(display(path)), config)
            chosen = ", ".join(names) if names else "none: the file is left unchanged"
            lines.append(f"chosen conventions: {chosen} ({why})")
    lines.append(f"markup: {markup_for(display(path))}")
    threshold = "88 (default)" if config.threshold is None else f"{config.threshold:g}"
    lines.append(f"threshold: {threshold}")
    lines.append(f"fuzzy: {str(config.fuzzy).lower()}")
    lines.append(f"ignore: {', '.join(sorted(config.ignore)) or '(none)'}")
    lines.append(f"include: {', '.join(config.include) or '(default suffixes: ' + ', '.join(DEFAULT_SUFFIXES) + ')'}")
    lines.append(f"exclude: {', '.join(config.exclude) or '(defaults)'}")
    lines.append(f"extend-exclude: {', '.join(config.extend_exclude) or '(none)'}")
    lines.append(f"force-exclude: {str(config.force_exclude).lower()}")
    lines.append(f"encoding: {config.encoding}")
    lines.append(f"max-file-size: {config.max_file_size or 'no limit'}")
    lines.append(f"prose-keys: {', '.join(config.prose_keys)}")
    lines.append(f"consistency: {config.consistency or 'off'}")
    return "\n".join(lines)


@main.command()
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
    debug: bool,
    jobs: int | None,
    quiet: bool,
    stdin_filename: Path | None,
    show_settings: bool,
    show_files: bool,
    diff_base: str | None,
    changed_lines: str | None,
) -> None:
    """Rewrite names in the house spelling.

    With no PATH (or -), read stdin and write the fixed text to stdout, byte for byte the same
    apart from the edits. Files and folders (walked recursively) are rewritten in place,
    atomically, with one line per changed file on stderr. Ambiguous names, left as they are,
    are listed on stderr.
    """

    def body() -> int:
        configs = resolve_configs(flags)
        if show_settings or show_files:
            return _show(paths, configs, show_settings, show_files, stdin_filename)
        session = _session(configs, paths, diff_base, changed_lines)
        if interactive:
            return _interactive(paths, session, configs)
        if _stdin_only(paths):
            got = _normalize_stdin(session, stdin_filename, announce=not paths and not quiet)
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
        files, failed = _files(paths, configs, quiet)
        changed = 0
        found: list[Finding] = []
        for result in _results(files, "diff" if show_diff else "fix", session, jobs, quiet):
            failed += _report_problem(result, quiet)
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

    run_guarded(debug, body)


def _session(configs: Configs, paths: tuple[Path, ...], diff_base: str | None, changed_lines: str | None) -> Session:
    """The session of a run, restricted to changed lines when asked."""
    session = Session(configs)
    if diff_base is not None and changed_lines is not None:
        raise Failure("give --diff-base or --changed-lines, not both")
    if changed_lines == "-" and _stdin_only(paths):
        raise Failure("--changed-lines - reads the diff from stdin: give the files to check as paths")
    if diff_base is not None:
        from normalizer.changed import from_git

        session.changed = from_git(diff_base, [p for p in paths if str(p) != STDIN])
    elif changed_lines is not None:
        from normalizer.changed import from_file

        session.changed = from_file(changed_lines)
    return session


def _interactive(paths: tuple[Path, ...], session: Session, configs: Configs) -> int:
    """fix --interactive: ask about each change (normalizer.review)."""
    from normalizer.review import remember, review_files

    if _stdin_only(paths) or not _stdin_is_terminal():
        raise Failure("--interactive needs files to fix and a terminal to ask at")
    files, failed = _files(paths, configs, quiet=False)

    def ask(prompt: str) -> str:
        click.echo(prompt, nl=False)
        key = click.getchar()
        click.echo(key if key.isprintable() else "")
        return key

    state = review_files(
        files, session, ask, click.echo, lambda text: click.style(text, reverse=True) if _color() else f"[[{text}]]"
    )
    if state.remembered:
        governing = configs.governing(None).source
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


def _texts(session: Session, stdin: str | None) -> Callable[[str], str]:
    """The text of a file of the run (read again, once), or of stdin."""
    cache: dict[str, str] = {}

    def text_of(path: str) -> str:
        if stdin is not None:
            return stdin
        if path not in cache:
            config = session.configs.for_path(Path(path))
            cache[path] = read(Path(path), config.encoding, config.max_file_size).content
        return cache[path]

    return text_of


_CLOSEST = re.compile(r"closest: '[^']*' \(([0-9.]+)\)")
CLOSE = 70  # score from which a refused candidate is shown beside the findings of the HTML report


def _html(findings: Sequence[Finding], session: Session, stdin: str | None) -> str:
    """The HTML review page: each file with findings, read again for the sentences, and the names
    left alone although an entry came close (explain's near misses)."""
    from normalizer.html_report import Article, Refused, render

    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    articles = []
    text_of = _texts(session, stdin)
    for path, found in by_path.items():
        config = session.configs.for_path(None if stdin is not None else Path(path))
        text = text_of(path)
        normalizer = session.for_text(text, config, markup_for(path))
        refused: list[Refused] = []
        if normalizer is not None:
            _, skips = normalizer.explain(text)
            refused = [
                Refused(text.count("\n", 0, skip.start) + 1, skip.found, skip.reason, skip.code)
                for skip in skips
                if (close := _CLOSEST.match(skip.reason)) and float(close.group(1)) >= CLOSE
            ]
        articles.append(Article(path, text, tuple(found), tuple(refused)))
    return render(articles, __version__)


def _report_problem(result: FileResult, quiet: bool) -> int:
    if result.notice and not quiet:
        click.echo(f"normalizer: {result.notice}", err=True)
    if result.error:
        click.echo(f"normalizer: error: {result.error}", err=True)
    return int(bool(result.error))


@main.command()
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
def check(
    paths: tuple[Path, ...],
    fmt: str,
    flags: Flags,
    debug: bool,
    jobs: int | None,
    quiet: bool,
    stdin_filename: Path | None,
    show_settings: bool,
    show_files: bool,
    diff_base: str | None,
    changed_lines: str | None,
) -> None:
    """Report names that do not follow the convention; change nothing.

    Prints `path:line:col: found -> replacement [entry, rule, score]`. Exit 1 when there is
    something to report, 2 when a file could not be read.
    """

    def body() -> int:
        configs = resolve_configs(flags)
        if show_settings or show_files:
            return _show(paths, configs, show_settings, show_files, stdin_filename)
        session = _session(configs, paths, diff_base, changed_lines)
        consistency = cli_consistency.Consistency(session, resolve_config(paths, flags))
        findings: list[Finding] = []
        failed = files_seen = with_findings = 0
        got: Stdin | None = None
        if _stdin_only(paths):
            got = _normalize_stdin(session, stdin_filename, announce=not paths and not quiet)
            if got.done.notice and not quiet:
                click.echo(f"normalizer: {got.done.notice}", err=True)
            findings.extend(got.done.findings)
            consistency.add(got.done.unlisted, got.done.inconsistent, got.done.language)
            files_seen, with_findings = 1, int(bool(got.done.findings))
        else:
            files, failed = _files(paths, configs, quiet)
            files_seen = len(files)
            for result in _results(files, "check", session, jobs, quiet):
                failed += _report_problem(result, quiet)
                findings.extend(result.findings)
                with_findings += bool(result.findings)
                lines = [*map(text_line, result.findings)]
                lines += map(
                    cli_consistency.text_line, consistency.add(result.unlisted, result.inconsistent, result.language)
                )
                if fmt == "text" and lines:  # one write per file
                    click.echo("\n".join(lines))
        across = consistency.finish()  # across the folder (printed after the files)
        if fmt == "html":
            click.echo(_html(findings, session, got.source.content if got is not None else None), nl=False)
        elif fmt == "rdjson":
            click.echo(rdjson_report(findings, _texts(session, got.source.content if got is not None else None)))
        elif fmt == "json":
            click.echo(consistency.json(json_report(findings, files_seen)))
        elif fmt == "github" and findings:
            click.echo(github_annotations(findings))
        elif fmt == "sarif":
            click.echo(sarif_report(findings, __version__))
        elif _stdin_only(paths):
            for finding in findings:
                click.echo(text_line(finding))
        if fmt == "text":
            for found in consistency.found if _stdin_only(paths) else across:
                click.echo(cli_consistency.text_line(found))
        if not quiet and not _stdin_only(paths) and fmt == "text":
            click.echo(run_summary(files_seen, with_findings, failed, findings, "with findings"), err=True)
            if consistency.on:
                click.echo(cli_consistency.summary(consistency.found), err=True)
        if failed:
            return 2
        return 1 if findings or consistency.found else 0

    run_guarded(debug, body)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@cli_suggest.suggest_options
@engine_options
@walk_options
def suggest(
    paths: tuple[Path, ...],
    min_count: int,
    limit: int | None,
    fmt: str,
    flags: Flags,
    debug: bool,
    jobs: int | None,
    quiet: bool,
    stdin_filename: Path | None,
    show_settings: bool,
    show_files: bool,
    diff_base: str | None,
    changed_lines: str | None,
) -> None:
    """Propose convention entries for the names that the texts in PATH (files and folders)
    mention and the convention does not list, most mentioned first.

    Each proposal has the house spelling of the likeliest native spelling, the native
    spelling, its language and kind, the spellings seen (with counts) as aliases, and
    examples from the texts that `conventions lint` checks.
    """

    def body() -> int:
        configs = resolve_configs(flags)
        if show_settings or show_files:
            return _show(paths, configs, show_settings, show_files, stdin_filename)
        session = _session(configs, paths, diff_base, changed_lines)
        files, failed = _files(paths, configs, quiet)

        def results() -> Iterator[FileResult]:
            nonlocal failed
            for result in _results(files, "unlisted", session, jobs, quiet):
                failed += _report_problem(result, quiet)
                yield result

        config = resolve_config(paths, flags)
        output = cli_suggest.propose(files, results(), session, config, min_count=min_count, limit=limit, fmt=fmt)
        click.echo(output, nl=False)
        return 2 if failed else 0

    run_guarded(debug, body)


@main.command()
@click.argument("text", required=False)
@engine_options
def explain(
    text: str | None,
    flags: Flags,
    debug: bool,
) -> None:
    """Say, for each name-like word of TEXT (or stdin), which entry and rule would apply, or why none does."""

    def body() -> int:
        settings = resolve_config((), flags)
        content = text if text is not None else read_stdin().content
        session = Session(settings)
        normalizer = session.for_text(content, settings)
        if normalizer is None:
            _, why = session.conventions_for(content, "text", settings)
            raise Failure(f"no convention for this text: {why}; give -c or --lang")
        findings, skips = normalizer.explain(content)
        rows: list[tuple[int, str]] = []
        for f in findings:
            if f.replacement is None:
                why = f"ambiguous, left as is ({f.detail}; score {f.score:g})"
            else:
                extra = f"; {f.detail}" if f.detail else ""
                why = f"-> {f.replacement} (entry {f.entry}, rule {f.rule}, score {f.score:g}{extra}{_data(f.key)})"
            rows.append((f.start, f"{f.found}: {_code(f.code)} {why}"))
        covered = [(f.start, f.end) for f in findings]
        for skip in skips:
            if not any(a <= skip.start < b for a, b in covered):
                why = f"unchanged ({skip.reason}{_data(skip.why.key)})"
                rows.append((skip.start, f"{skip.found}: {_code(skip.code)} {why}"))
        for _, row in sorted(rows):
            click.echo(row)
        return 0

    run_guarded(debug, body)


def _code(code: str) -> str:
    return f"[{code} {CODES[code].name}]"


def _data(key: str) -> str:
    return f"; data {key}" if key else ""


@main.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List the codes of the rules and refusals (or explain one CODE), as explain and the reports give them."""
    if code is not None and code.upper() not in CODES:
        click.echo(f"normalizer: error: no code {code!r}; `normalizer rules` lists them", err=True)
        sys.exit(2)
    for one in [CODES[code.upper()]] if code else CODES.values():
        data = f"  (data: {one.data})" if one.data else ""
        click.echo(f"{one.code}  {one.name}: {one.summary} Example: {one.example}{data}")


STARTER_CONFIG = """\
# normalizer settings for this repository (see README: Configuration).
conventions: [{house}]
language: {lang}
# include: ["*.md", "*.txt", "*.html"]
# extend-exclude: ["archive/**"]
# ignore: []            # spellings accepted as they are
"""

STARTER_CONVENTION = """\
# The house convention of this repository: the shipped '{lang}' convention plus your own names.
convention: house-{lang}
version: 1
language: {lang}
description: House spellings of this desk
extends: {lang}
entries:
  # an example: an entry here replaces the shipped entry for the same name
  - canonical: {example}
    kind: person
    aliases: [{alias}]
    examples:
      - in: "{example} sagte das."
        out: "{example} sagte das."
protect: []
"""


@main.command()
@click.option("--lang", type=click.Choice(["de", "en"]), default="de", show_default=True, help="Prose language.")
@click.option("--force", is_flag=True, help="Overwrite existing files.")
def init(lang: str, force: bool) -> None:
    """Write a starter .normalizer.yaml and a house convention that extends a shipped one."""
    house = Path(f"house-{lang}.yaml")
    files = {
        Path(".normalizer.yaml"): STARTER_CONFIG.format(house=house, lang=lang),
        house: STARTER_CONVENTION.format(lang=lang, example="Günter Sautter", alias="Guenter Sautter"),
    }
    existing = [str(p) for p in files if p.exists()]
    if existing and not force:
        raise Failure(f"{', '.join(existing)}: already exists (use --force to overwrite)")
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
        click.echo(f"wrote {path}")


@main.group()
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
@click.option("--debug", is_flag=True, help="Show tracebacks of errors.")
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
@click.option("--debug", is_flag=True, help="Show tracebacks of errors.")
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


@main.command()
@click.argument("native")
@click.option(
    "--source", "source_lang", type=click.Choice(["uk", "ru", "be"]), required=True, help="Language of NATIVE."
)
def variants(native: str, source_lang: str) -> None:
    """Print the spellings generated from a native name, each with the systems that produce it."""
    import unicodedata

    from normalizer.translit import variants as generate

    def cyrillic(c: str) -> bool:
        return unicodedata.name(c, "").startswith("CYRILLIC")

    if not any(cyrillic(c) for c in native):
        raise Failure(f"{quote(native)} has no Cyrillic letter: give the name as the source language writes it")
    found = generate(native, source_lang)
    left = sorted({c for latin in found for c in latin if cyrillic(c)})
    if left:
        click.echo(
            f"normalizer: warning: the {source_lang} tables have no letter for {', '.join(left)}, kept as is"
            f" (is the name in another language? see --source)",
            err=True,
        )
    for latin, systems in sorted(found.items()):
        click.echo(f"{latin}\t{', '.join(systems)}")


@conventions.command("lint")
@click.argument("paths", nargs=-1, required=True)
@click.option("--debug", is_flag=True, help="Show tracebacks of errors.")
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
