"""What `check`, `fix` and `suggest` share: the files of a run and its session, stdin read as a
file, the results with a progress bar, and `--show-files` / `--show-settings`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import click

from normalizer import remember
from normalizer.batch import STDIN_LABEL, FileResult, Mode, Normalized, Session, default_jobs, run
from normalizer.cli.options import STDIN, Failure, Flags, Run, read_stdin, resolve_configs, run_guarded
from normalizer.config import Config
from normalizer.configs import Configs
from normalizer.files import Text, display, shown

if TYPE_CHECKING:  # imported where folders are walked: a run on stdin does not need it
    from normalizer.walk import Selection

SMALL_RUN = 16  # files per worker below which no worker processes are started


def run_on_files(paths: tuple[Path, ...], flags: Flags, how: Run, debug: bool, body: Callable[[Session], int]) -> None:
    """Run `body` with the session of the run, or print what `--show-files` or `--show-settings`
    ask for and change nothing."""

    def guarded() -> int:
        configs = resolve_configs(flags)
        if how.show_settings or how.show_files:
            return _show(paths, configs, how)
        return body(_session(configs, paths, how.diff_base, how.changed_lines))

    run_guarded(debug, guarded)


def first_config(session: Session, paths: Sequence[Path]) -> Config:
    """The settings of the first of `paths` (the current folder's when none)."""
    return session.configs.for_path(next((p for p in paths if str(p) != STDIN), None))


def _selector(configs: Configs) -> Callable[[Path], Selection]:
    """The selection of files in each folder, by the settings that govern it."""

    from normalizer.walk import Selection

    def select(folder: Path) -> Selection:
        c = configs.for_path(folder)
        base = str(Path(c.source).parent.resolve()) if c.source else ""
        return Selection(c.include, c.exclude, c.extend_exclude, force_exclude=c.force_exclude, base=base)

    return select


def collect_files(paths: tuple[Path, ...], configs: Configs, quiet: bool) -> tuple[list[Path], int]:
    """The files to process, and how many folders could not be read (reported here)."""
    from normalizer.walk import collect

    collected = collect(list(paths), _selector(configs))
    if not quiet:
        for notice in collected.notices:
            click.echo(f"normalizer: {notice}", err=True)
    for error in collected.errors:
        click.echo(f"normalizer: error: {error}", err=True)
    return list(collected.files), len(collected.errors)


def results(
    files: list[Path], mode: Mode, session: Session, jobs: int | None, quiet: bool, cache: bool = False
) -> Iterator[FileResult]:
    """The results of `files` in their order; with `cache`, the findings of `check` and `fix`
    kept from earlier runs are taken for the texts unchanged since (`normalizer.remember`)."""

    def fresh(chosen: list[Path]) -> Iterator[FileResult]:
        # without --jobs, small runs stay in this process: starting workers costs more than it saves
        return run(chosen, mode, session, jobs or min(default_jobs(), max(1, len(chosen) // SMALL_RUN)))

    store = _store(mode, session) if cache else None
    found = fresh(files) if store is None else remember.remembered(files, store, session, fresh)
    show_bar = not quiet and len(files) > 1 and sys.stderr.isatty()
    if not show_bar:
        yield from found
    else:
        with click.progressbar(found, length=len(files), label="normalizer", file=sys.stderr) as bar:
            yield from bar
    if store is not None:
        store.save(session.settings_files())


def _store(mode: Mode, session: Session) -> remember.Store | None:
    """The store of earlier findings for this run: not for findings of changed lines only, nor
    for diffs and unlisted names."""
    if mode not in ("check", "fix") or session.changed is not None:
        return None
    return remember.cache_store(session, remember.Findings(mode))


def report_problem(result: FileResult, quiet: bool) -> int:
    if result.notice and not quiet:
        click.echo(f"normalizer: {result.notice}", err=True)
    if result.error:
        click.echo(f"normalizer: error: {result.error}", err=True)
    return int(bool(result.error))


def stdin_only(paths: tuple[Path, ...]) -> bool:
    return not paths or paths == (Path(STDIN),)


class Stdin(NamedTuple):
    """The text read from stdin and what a run made of it."""

    source: Text
    done: Normalized
    label: str


def normalize_stdin(session: Session, filename: Path | None, announce: bool) -> Stdin:
    """Read stdin and normalize it as `filename` (its settings, markup, language and excludes)
    would be; unchanged when that file is excluded and `--force-exclude` is on."""
    if announce and stdin_is_terminal():
        click.echo("normalizer: reading the text from stdin (end it with Ctrl-D; give - to silence this)", err=True)
    config = session.configs.for_path(filename)
    source = read_stdin(config.encoding)
    label = STDIN_LABEL if filename is None else display(filename)
    if filename is not None and config.force_exclude:
        selection = _selector(session.configs)(filename.parent)
        if selection.excluded(selection.relative(filename, Path.cwd())):
            return Stdin(source, Normalized(source.content), label)
    return Stdin(source, session.normalize(source, label, config), label)


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _show(paths: tuple[Path, ...], configs: Configs, how: Run) -> int:
    """--show-files and --show-settings: print, change nothing."""
    from normalizer.render import settings_report

    if how.show_files:
        found, failed = collect_files(paths or (Path("."),), configs, quiet=True)
        for path in found:
            click.echo(shown(display(path)))
        return 2 if failed else 0
    stdin = how.stdin_filename
    targets = [stdin] if stdin is not None else [p for p in paths if str(p) != STDIN]
    if len(targets) != 1:
        raise Failure("--show-settings needs exactly one file (or --stdin-filename)")
    click.echo(settings_report(targets[0], Session(configs), read_text=stdin is None))
    return 0


def _session(configs: Configs, paths: tuple[Path, ...], diff_base: str | None, changed_lines: str | None) -> Session:
    """The session of a run, restricted to changed lines when asked."""
    session = Session(configs)
    if diff_base is not None and changed_lines is not None:
        raise Failure("give --diff-base or --changed-lines, not both")
    if changed_lines == "-" and stdin_only(paths):
        raise Failure("--changed-lines - reads the diff from stdin: give the files to check as paths")
    if diff_base is not None:
        from normalizer.changed import from_git

        session.changed = from_git(diff_base, [p for p in paths if str(p) != STDIN])
    elif changed_lines is not None:
        from normalizer.changed import from_file

        session.changed = from_file(changed_lines)
    return session
