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
from typing import Literal

from normalizer.cache import load_normalizer
from normalizer.config import Config
from normalizer.conventions import shipped_names
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
from normalizer.rewrite import apply, changes, pieces

Mode = Literal["check", "fix", "diff"]
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

    def findings(self, text: Text, label: str) -> tuple[Finding, ...]:
        from normalizer.markup import markup_for, protected_zones

        zones = protected_zones(text.content, markup_for(label))
        return tuple(self.for_text(text.content).findings(text.content, label, zones))

    def normalize(self, text: Text, label: str) -> tuple[str, tuple[Finding, ...]]:
        findings = self.findings(text, label)
        return apply(text.content, findings), findings


def process(path: Path, mode: Mode, session: Session) -> FileResult:
    """Check, fix or diff one file. A fix is encoded and written a piece at a time: a large file
    is not held twice more, as the fixed text and its bytes."""
    label = display(path)
    try:
        source = read(path, session.config.encoding, session.config.max_file_size)
    except SkippedFileError as exc:
        return FileResult(label, notice=f"{shown(label)}: skipped, {exc.message}")
    except InputError as exc:
        return FileResult(label, error=str(exc))
    findings = session.findings(source, label)
    if mode == "diff":
        fixed = apply(source.content, findings)
        return FileResult(label, findings, fixed != source.content, diff=unified_diff(label, source.content, fixed))
    changed = changes(source.content, findings)
    if mode == "fix" and changed:
        try:
            write_atomic(path, source.encode_pieces(pieces(source.content, findings)), expected=source.digest)
        except InputError as exc:
            return FileResult(label, findings, error=str(exc))
    return FileResult(label, findings, changed)


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
