"""Process many files: read, normalize, then report, rewrite or diff each one, in parallel
worker processes when asked. Results come back in the order of the files.

A file that cannot be read or written is reported and the others go on; a binary file is
skipped with a notice.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NoReturn

from normalizer.cache import load_normalizer
from normalizer.config import Config
from normalizer.conventions import shipped_names
from normalizer.engine import Normalizer
from normalizer.errors import InputError, NormalizerError
from normalizer.files import (
    Text,
    display,
    read,
    remove_stray_temporary_files,
    remove_temporary_files,
    write_atomic,
)
from normalizer.findings import Finding

Mode = Literal["check", "fix", "diff"]
BINARY = "looks like a binary file"


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

    def normalize(self, text: Text, label: str) -> tuple[str, tuple[Finding, ...]]:
        from normalizer.markup import markup_for, protected_zones

        zones = protected_zones(text.content, markup_for(label))
        result = self.for_text(text.content).fix(text.content, label, zones)
        return result.text, result.findings


def process(path: Path, mode: Mode, session: Session) -> FileResult:
    label = display(path)
    try:
        source = read(path, session.config.encoding)
    except InputError as exc:
        if BINARY in str(exc):
            return FileResult(label, notice=f"{label}: skipped, {BINARY}")
        return FileResult(label, error=str(exc))
    fixed, findings = session.normalize(source, label)
    changed = fixed != source.content
    if mode == "diff":
        return FileResult(label, findings, changed, diff=unified_diff(label, source.content, fixed))
    if mode == "fix" and changed:
        try:
            write_atomic(path, source.encode(fixed), expected=source.digest)
        except InputError as exc:
            return FileResult(label, findings, error=str(exc))
    return FileResult(label, findings, changed)


def run(paths: Sequence[Path], mode: Mode, session: Session, jobs: int = 1) -> Iterator[FileResult]:
    """Process `paths` in order; with `jobs` > 1 in that many worker processes."""
    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        for path in paths:
            yield process(path, mode, session)
        return
    from concurrent.futures import ProcessPoolExecutor  # not imported by runs that need no workers
    from concurrent.futures.process import BrokenProcessPool

    session.warm()  # built once here, inherited by the forked workers
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(mode, session))
    hook = threading.excepthook
    threading.excepthook = _without_cancelled_race(hook)
    try:
        # map() submits every chunk, and so forks the workers, at once. A signal handled while
        # forking (by an at-fork hook of logging) would be lost: it waits until all are forked
        # (the workers unblock it in _start_worker).
        with _signals_held():
            results = pool.map(_work, paths, chunksize=max(1, min(64, len(paths) // (jobs * 4))))
        yield from results
        pool.shutdown(wait=True)
    except BrokenProcessPool:
        pool.shutdown(wait=True)
        remove_stray_temporary_files(paths)
        message = "a worker process ended unexpectedly (killed?); files it did not write are unchanged"
        raise WorkerError(message) from None
    except BaseException:
        # interrupted: files not yet started are left alone, files being written finish (atomically)
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        threading.excepthook = hook  # the pool's manager thread has ended: every path shut it down


def _without_cancelled_race(hook: Callable[[Any], object]) -> Callable[[Any], object]:
    """`hook`, except for one error of the pool's manager thread: when workers end on Ctrl-C it
    marks the files not yet started as failed, and those that the interrupted run has cancelled
    meanwhile raise InvalidStateError (a race inside CPython 3.11's ProcessPoolExecutor; nothing
    is lost, the run ends as interrupted)."""
    from concurrent.futures import InvalidStateError

    def quiet(args: Any) -> object:
        if args.exc_type is InvalidStateError and type(args.thread).__name__ == "_ExecutorManagerThread":
            return None
        return hook(args)

    return quiet


class WorkerError(NormalizerError):
    """A worker process of `--jobs` died (a signal to it alone, the out-of-memory killer)."""


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


_WORKER: tuple[Mode, Session] | None = None
_IN_FILE = False  # the worker is inside _work (between files it may be sending results)
_STOP = 0  # the signal that a worker received between files (0: none)


def _start_worker(mode: Mode, session: Session) -> None:
    global _WORKER  # noqa: PLW0603 - one session per worker process
    _WORKER = (mode, session)
    # Ctrl-C reaches the whole process group: a worker ends quietly and soon, and the main
    # process reports the interruption once. Unwinding instead could block the exit on results
    # that the main process no longer reads.
    for sig in _HELD:
        signal.signal(sig, _stop_worker)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


_HELD = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back for the duration (they are delivered right after)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _stop_worker(signum: int, frame: object) -> None:
    """A worker ends at once while it works on a file. Between files it may be writing a chunk of
    results to the pipe that the main process reads: ended there, it would leave half a message,
    and the main process would wait for the rest forever. So it ends when its next file starts,
    or after a grace time in which a chunk being sent gets through (a worker that is sending to
    no reader, or waiting for files that will not come, ends then too)."""
    global _STOP  # noqa: PLW0603 - set by a signal handler
    if _IN_FILE:
        _exit_at_once(signum)
    if not _STOP:
        _STOP = signum
        signal.signal(signal.SIGALRM, lambda *_: _exit_at_once(signum))
        signal.setitimer(signal.ITIMER_REAL, GRACE)


GRACE = 0.5  # seconds


def _exit_at_once(signum: int) -> NoReturn:
    remove_temporary_files()  # the original of a file being written stays as it was
    os._exit(128 + signum)


def terminate_as_interrupt() -> None:
    """Turn SIGTERM into KeyboardInterrupt, so that a temporary file being written is removed
    and the original stays as it was."""
    # not in the main thread (the CLI called from a thread): signals stay as they are
    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _work(path: Path) -> FileResult:
    global _IN_FILE  # noqa: PLW0603 - read by the signal handler
    assert _WORKER is not None
    mode, session = _WORKER
    if _STOP:
        _exit_at_once(_STOP)
    _IN_FILE = True
    try:
        return process(path, mode, session)
    finally:
        _IN_FILE = False


def unified_diff(label: str, before: str, after: str) -> str:
    """A unified diff; a last line without a newline gets the usual marker."""
    if before == after:
        return ""
    out: list[str] = []
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{label}", f"b/{label}"
    )
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)
