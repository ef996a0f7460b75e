"""Process many files: read, normalize, then report, rewrite or diff each one, in parallel
worker processes when asked. Results come back in the order of the files.

A file that cannot be read or written is reported and the others go on; a binary file, a
FIFO, device or socket and a file over the size limit are skipped with a notice.
"""

from __future__ import annotations

import difflib
import gc
import os
import signal
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from normalizer.cache import load_normalizer
from normalizer.config import Config
from normalizer.conventions import Convention, shipped_names
from normalizer.engine import Normalizer
from normalizer.errors import InputError, NormalizerError, SkippedFileError
from normalizer.files import (
    Text,
    display,
    read,
    remove_stray_temporary_files,
    remove_temporary_files,
    shown,
    write_atomic,
)
from normalizer.findings import Finding

if TYPE_CHECKING:
    from normalizer.house import House
    from normalizer.unlisted import Mention

Mode = Literal["check", "fix", "diff", "unlisted"]  # unlisted: only the mentions of unlisted names
BINARY = "looks like a binary file"  # in the notice of a skipped binary file


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one file."""

    path: str
    findings: tuple[Finding, ...] = ()
    changed: bool = False
    diff: str = ""
    error: str = ""  # a one-line error ('' when none)
    notice: str = ""  # why the file was skipped ('' when it was processed)
    unlisted: tuple[Mention, ...] = ()  # with the consistency setting: the names no entry matches
    language: str = ""  # the prose language of the convention that read it


@dataclass(frozen=True, slots=True)
class Reading:
    """What `Session.read` makes of one text."""

    text: str
    findings: tuple[Finding, ...]
    unlisted: tuple[Mention, ...] = ()
    language: str = ""  # the prose language of the convention that read it (with `unlisted`)


class Session:
    """Builds normalizers lazily from the settings, one per convention choice (the language of
    a text picks the shipped convention when none is configured)."""

    def __init__(self, config: Config, normalizer: Normalizer | None = None):
        """With `normalizer`, every text is normalized by it (a library user's own, e.g. one
        sent to the workers of a cluster); the config then only says how files are read."""
        self.config = config
        self._given = normalizer
        self._built: dict[tuple[str, ...], Normalizer] = {}

    def for_text(self, text: str) -> Normalizer:
        if self._given is not None:
            return self._given
        names = self.config.conventions
        if not names:
            from normalizer.language import detect

            names = (self.config.language or detect(text, shipped_names(), "en"),)
        return self._normalizer(names)

    def _normalizer(self, names: tuple[str, ...]) -> Normalizer:
        if names not in self._built:
            settings = (self.config.threshold, self.config.fuzzy, tuple(sorted(self.config.ignore)))
            self._built[names] = load_normalizer(
                names,
                settings,
                lambda convention: Normalizer(
                    convention, threshold=self.config.threshold, fuzzy=self.config.fuzzy, allow=self.config.ignore
                ),
            )
            gc.freeze()  # the normalizer lives as long as the run: the collector need not look at it again
        return self._built[names]

    def warm(self) -> None:
        """Load now what the texts will need (before worker processes are forked, so that they
        share it): the configured convention, else the language detector and every shipped one."""
        import normalizer.markdown  # noqa: F401 - imported once, not by each worker

        if self._given is not None:
            self._given.warm()
        elif self.config.conventions or self.config.language:
            self.for_text("").warm()
        else:
            from normalizer.language import detect

            detect("Ein Satz. A sentence.", shipped_names(), "en")
            for name in shipped_names():
                self._normalizer((name,)).warm()

    def normalize(self, text: Text, label: str) -> tuple[str, tuple[Finding, ...]]:
        reading = self.read(text, label)
        return reading.text, reading.findings

    def read(self, text: Text, label: str) -> Reading:
        """The fixed text and its findings; with the consistency setting also the mentions of
        unlisted names (with `consistency_fix`, each name they spell several ways is written the
        suggested way)."""
        zones = self.zones(text, label)
        normalizer = self.for_text(text.content)
        result = normalizer.fix(text.content, label, zones)
        if not (self.config.consistency or self.config.consistency_fix):
            return Reading(result.text, result.findings)
        unlisted = tuple(normalizer.unlisted(text.content, label, zones))
        if not self.config.consistency_fix:
            return Reading(result.text, result.findings, unlisted, normalizer.language)
        from normalizer.consistency import edits, inconsistencies
        from normalizer.rewrite import apply

        added = [f for found in inconsistencies(unlisted, normalizer.house) for f in edits(text.content, found, label)]
        findings = tuple(sorted((*result.findings, *added), key=lambda f: f.start))
        return Reading(apply(text.content, findings), findings, unlisted, normalizer.language)

    @staticmethod
    def zones(text: Text, label: str) -> list[tuple[int, int]]:
        """The spans of the text never to touch (markup, code)."""
        from normalizer.markup import markup_for, protected_zones

        return protected_zones(text.content, markup_for(label))

    def convention(self, language: str) -> Convention:
        """The convention that reads texts in `language`."""
        from normalizer.conventions import load_conventions

        return load_conventions(self.config.conventions or (language,))

    def house(self, language: str) -> House:
        """The house systems of the convention that reads texts in `language`."""
        if self._given is not None or self.config.conventions:
            return self.for_text("").house
        return self._normalizer((language,)).house


def process(path: Path, mode: Mode, session: Session) -> FileResult:
    label = display(path)
    try:
        source = read(path, session.config.encoding, session.config.max_file_size)
    except SkippedFileError as exc:
        return FileResult(label, notice=f"{shown(label)}: skipped, {exc.message}")
    except InputError as exc:
        return FileResult(label, error=str(exc))
    if mode == "unlisted":
        normalizer = session.for_text(source.content)
        mentions = normalizer.unlisted(source.content, label, session.zones(source, label))
        return FileResult(label, unlisted=tuple(mentions), language=normalizer.language)
    reading = session.read(source, label)
    fixed, findings = reading.text, reading.findings
    changed = fixed != source.content
    if mode == "diff":
        return FileResult(label, findings, changed, diff=unified_diff(label, source.content, fixed))
    if mode == "fix" and changed:
        try:
            write_atomic(path, source.encode(fixed), expected=source.digest)
        except InputError as exc:
            return FileResult(label, findings, error=str(exc))
    unlisted = reading.unlisted if mode == "check" else ()  # reported by check alone
    return FileResult(label, findings, changed, unlisted=unlisted, language=reading.language)


def run(paths: Sequence[Path], mode: Mode, session: Session, jobs: int = 1) -> Iterator[FileResult]:
    """Process `paths` in order; with `jobs` > 1 in that many worker processes (where processes
    can be forked)."""
    from normalizer import pool

    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1 or not pool.available():
        for path in paths:
            yield process(path, mode, session)
        return
    session.warm()  # built once here, inherited by the forked workers
    if mode == "unlisted" or session.config.consistency or session.config.consistency_fix:
        from normalizer.native import warm

        warm(shipped_names() if session.config.language is None else [session.config.language])
    try:
        yield from pool.imap(partial(process, mode=mode, session=session), paths, jobs, 64, _start_worker)
    except pool.WorkerDiedError as exc:
        remove_stray_temporary_files(paths)
        if exc.exitcode in {128 + signal.SIGINT, 128 + signal.SIGTERM}:
            # it ended on Ctrl-C or SIGTERM (_exit_at_once), which this process may not have seen yet
            raise KeyboardInterrupt from None
        message = "a worker process ended unexpectedly (killed?); files it did not write are unchanged"
        raise WorkerError(message) from None


class WorkerError(NormalizerError):
    """A worker process of `--jobs` died (a signal to it alone, the out-of-memory killer)."""


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _start_worker() -> None:
    # Ctrl-C reaches the whole process group, and the main process stops its workers with
    # SIGTERM: a worker ends at once and quietly, and the main process reports the interruption
    # once. The file being written stays as it was.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _exit_at_once)


def _exit_at_once(signum: int, frame: object) -> None:
    remove_temporary_files()
    os._exit(128 + signum)


def unified_diff(label: str, before: str, after: str) -> str:
    """A unified diff; a last line without a newline gets the usual marker. The file name in
    the headers is escaped (a line break or an ANSI escape in it is printed as `\\n`, `\\x1b`)."""
    if before == after:
        return ""
    out: list[str] = []
    name = shown(label)
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{name}", f"b/{name}"
    )
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)
