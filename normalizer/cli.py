"""The `normalizer` command: a thin shell over the library.

Exit codes: 0 nothing to report or change; 1 `check` found names to fix (or `fix
--exit-non-zero-on-fix` changed something); 2 usage, configuration or input error.
"""

from __future__ import annotations

import difflib
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import click

from normalizer import __version__
from normalizer.conventions import Convention, load_conventions, load_file, resolve_name, shipped_names
from normalizer.engine import Normalizer
from normalizer.errors import InputError, NormalizerError
from normalizer.files import Text, decode, read, write_atomic
from normalizer.findings import Finding
from normalizer.report import json_report, summary_line, text_line

F = TypeVar("F", bound=Callable[..., object])
STDIN = "-"


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
            help="Only exact, folded and generated spellings; no fuzzy or phonetic matching.",
        ),
        click.option("--debug", is_flag=True, help="Show tracebacks of errors."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


class Session:
    """Builds normalizers lazily, one per convention choice, from the shared options."""

    def __init__(self, conventions: Sequence[str], lang: str | None, threshold: float | None, no_fuzzy: bool):
        self.conventions = tuple(conventions)
        self.lang = lang
        self.threshold = threshold
        self.fuzzy = not no_fuzzy
        self._built: dict[tuple[str, ...], Normalizer] = {}

    def for_text(self, text: str) -> Normalizer:
        names = self.conventions
        if not names:
            from normalizer.language import detect

            names = (self.lang or detect(text, shipped_names(), "en"),)
        if names not in self._built:
            convention = load_conventions(list(names))
            self._built[names] = Normalizer(convention, threshold=self.threshold, fuzzy=self.fuzzy)
        return self._built[names]


def run_guarded(debug: bool, body: Callable[[], int]) -> None:
    try:
        code = body()
    except NormalizerError as exc:
        if debug:
            traceback.print_exc()
        raise Failure(str(exc)) from None
    except KeyboardInterrupt:
        click.echo("normalizer: interrupted", err=True)
        sys.exit(130)
    sys.exit(code)


def read_stdin() -> Text:
    return decode(sys.stdin.buffer.read(), "<stdin>")


def report_error(exc: InputError, failed: list[str]) -> None:
    click.echo(f"normalizer: error: {exc}", err=True)
    failed.append(exc.path)


def each_source(paths: Sequence[Path], failed: list[str]) -> Iterator[tuple[Path | None, str, Text]]:
    """(path or None for stdin, label, text) for each input; an unreadable one is reported,
    added to `failed`, and skipped, so that the other files are still processed."""
    for path in paths or (Path(STDIN),):
        stdin = str(path) == STDIN
        try:
            source = read_stdin() if stdin else read(path)
        except InputError as exc:
            report_error(exc, failed)
            continue
        yield (None if stdin else path), ("<stdin>" if stdin else str(path)), source


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="normalizer")
def main() -> None:
    """Make the spelling of names follow a house convention."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of writing files.")
@click.option("--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when a file was changed (for pre-commit).")
@engine_options
def fix(
    paths: tuple[Path, ...],
    show_diff: bool,
    exit_non_zero_on_fix: bool,
    conventions: tuple[str, ...],
    lang: str | None,
    threshold: float | None,
    no_fuzzy: bool,
    debug: bool,
) -> None:
    """Rewrite names in the house spelling.

    With no PATH (or -), read stdin and write the fixed text to stdout, byte for byte the same
    apart from the edits. With files, rewrite them in place (atomically) and print one line per
    changed file on stderr.
    """
    session = Session(conventions, lang, threshold, no_fuzzy)

    def body() -> int:
        changed = 0
        failed: list[str] = []
        for path, label, source in each_source(paths, failed):
            result = session.for_text(source.content).fix(source.content, label)
            if show_diff:
                _echo_diff(label, source.content, result.text)
            elif path is None:
                sys.stdout.buffer.write(source.encode(result.text))
                sys.stdout.buffer.flush()
            elif result.text != source.content:
                try:
                    write_atomic(path, source.encode(result.text))
                except InputError as exc:
                    report_error(exc, failed)
                    continue
            if result.changes and path is not None and not show_diff:
                click.echo(summary_line(label, result.findings), err=True)
            changed += bool(result.changes)
        if failed:
            return 2
        return 1 if exit_non_zero_on_fix and changed else 0

    run_guarded(debug, body)


def _echo_diff(label: str, before: str, after: str) -> None:
    if before == after:
        return
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{label}", f"b/{label}"
    )
    for line in lines:
        if line.endswith(("\n", "\r")):
            click.echo(line, nl=False)
        else:  # the last line of a text without a final newline
            click.echo(line + "\n\\ No newline at end of file\n", nl=False)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format."
)
@engine_options
def check(
    paths: tuple[Path, ...],
    fmt: str,
    conventions: tuple[str, ...],
    lang: str | None,
    threshold: float | None,
    no_fuzzy: bool,
    debug: bool,
) -> None:
    """Report names that do not follow the convention; change nothing.

    Prints `path:line:col: found -> replacement [entry, rule, score]`. Exit 1 when there is
    something to report.
    """
    session = Session(conventions, lang, threshold, no_fuzzy)

    def body() -> int:
        findings: list[Finding] = []
        failed: list[str] = []
        files = 0
        for _, label, source in each_source(paths, failed):
            findings.extend(session.for_text(source.content).findings(source.content, label))
            files += 1
        if fmt == "json":
            click.echo(json_report(findings, files))
        else:
            for finding in findings:
                click.echo(text_line(finding))
        if failed:
            return 2
        return 1 if findings else 0

    run_guarded(debug, body)


@main.command()
@click.argument("text", required=False)
@engine_options
def explain(
    text: str | None,
    conventions: tuple[str, ...],
    lang: str | None,
    threshold: float | None,
    no_fuzzy: bool,
    debug: bool,
) -> None:
    """Say, for each name-like word of TEXT (or stdin), which entry and rule would apply, or why none does."""
    session = Session(conventions, lang, threshold, no_fuzzy)

    def body() -> int:
        content = text if text is not None else read_stdin().content
        findings, skips = session.for_text(content).explain(content)
        rows: list[tuple[int, str]] = []
        for f in findings:
            if f.replacement is None:
                rows.append((f.start, f"{f.found}: ambiguous, left as is ({f.detail}; score {f.score:g})"))
            else:
                extra = f"; {f.detail}" if f.detail else ""
                rows.append(
                    (
                        f.start,
                        f"{f.found}: -> {f.replacement} (entry {f.entry}, rule {f.rule}, score {f.score:g}{extra})",
                    )
                )
        covered = [(f.start, f.end) for f in findings]
        for skip in skips:
            if not any(a <= skip.start < b for a, b in covered):
                rows.append((skip.start, f"{skip.found}: unchanged ({skip.reason})"))
        for _, row in sorted(rows):
            click.echo(row)
        return 0

    run_guarded(debug, body)


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
    from normalizer.translit import variants as generate

    for latin, systems in sorted(generate(native, source_lang).items()):
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
            f"{_count(len(paths), 'file')} linted, {_count(problems, 'problem')}",
            err=True,
        )
        return 1 if problems else 0

    run_guarded(debug, body)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
