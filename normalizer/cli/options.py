"""The options that several commands share, declared once: the settings flags (`engine_options`,
`walk_options`) gathered into `Flags` and `Run` values, how the flags become the settings of each
file, and how a command runs (`run_guarded`: one line and exit code 2 on a user error).

The choices of `--lang` and `--source` are what is shipped: the conventions found and the
languages of the transliteration tables found."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple, TypeVar, cast

import click

from normalizer.configs import Configs
from normalizer.conventions import shipped_names
from normalizer.errors import NormalizerError
from normalizer.files import Text, check_encoding, decode, parse_size
from normalizer.interrupts import interrupted, terminate_as_interrupt
from normalizer.tuning import THRESHOLD_RANGE, Tuning

F = TypeVar("F", bound=Callable[..., object])
STDIN = "-"
LANGUAGES = tuple(shipped_names())  # prose languages: a shipped convention each
_DEFAULT = Tuning()
_THRESHOLD_HELP = (
    f"Minimum score ({THRESHOLD_RANGE[0]:g}-{THRESHOLD_RANGE[1]:g}) of a fuzzy match"
    f" [default: {_DEFAULT.fuzzy_min:g}]; phonetic matches need {_DEFAULT.phonetic_bonus:g} less."
)


class Failure(click.ClickException):
    """A user-facing error: one line, exit code 2."""

    exit_code = 2

    def format_message(self) -> str:
        return self.message

    def show(self, file: object = None) -> None:
        click.echo(f"normalizer: error: {self.format_message()}", err=True)


def debug_option(func: F) -> F:
    return click.option("--debug", is_flag=True, help="Show tracebacks of errors.")(func)


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
            type=click.Choice(LANGUAGES),
            help="Prose language; picks the shipped convention when no -c is given.",
        ),
        click.option(
            "--threshold",
            type=click.FloatRange(*THRESHOLD_RANGE),
            help=_THRESHOLD_HELP,
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
        debug_option,
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
        click.option(
            "--no-cache",
            is_flag=True,
            help="Find everything afresh: neither read nor keep the findings of earlier runs.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


class Flags(NamedTuple):
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


class Run(NamedTuple):
    """The flags of `walk_options` that say how a run over files goes, not what governs them."""

    jobs: int | None = None
    quiet: bool = False
    stdin_filename: Path | None = None
    show_settings: bool = False
    show_files: bool = False
    diff_base: str | None = None
    changed_lines: str | None = None
    no_cache: bool = False


_FLAG_NAMES = Flags._fields
_RUN_NAMES = Run._fields


def _collect_flags(func: Callable[..., object]) -> Callable[..., None]:
    """Pass the settings flags to the command as one `flags` value, and the walk flags (when it
    has them) as one `run` value."""

    @functools.wraps(func)
    def command(**given: Any) -> None:
        flags = Flags(**{name: given.pop(name) for name in _FLAG_NAMES if name in given})
        if any(name in given for name in _RUN_NAMES):
            given["run"] = Run(**{name: given.pop(name) for name in _RUN_NAMES if name in given})
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


def run_guarded(debug: bool, body: Callable[[], int]) -> None:
    terminate_as_interrupt()
    try:
        code = body()
    except NormalizerError as exc:
        if debug:
            import traceback

            traceback.print_exc()
        raise Failure(str(exc)) from None
    except KeyboardInterrupt:
        interrupted()
    sys.exit(code)


def read_stdin(encoding: str = "utf-8") -> Text:
    return decode(sys.stdin.buffer.read(), "<stdin>", encoding)
