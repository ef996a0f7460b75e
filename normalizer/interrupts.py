"""Ctrl-C and SIGTERM end a run with one line and exit code 130, never a traceback: the pieces
that both the entry point (`normalizer.entry`, before anything else is imported) and the CLI
(for a call without the entry point) use. Imports nothing but the standard library's `sys` up
front."""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (type checkers know the name)
if TYPE_CHECKING:
    from typing import NoReturn

INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C; SIGTERM is ended the same way
MESSAGE = "normalizer: interrupted"


def terminate_as_interrupt() -> None:
    """Turn SIGTERM into KeyboardInterrupt, so that a temporary file being written is removed
    and the original stays as it was (also when the CLI is called without this entry point)."""
    import contextlib
    import signal

    # not in the main thread (the CLI called from a thread): signals stay as they are
    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGTERM, _raise_interrupt)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def interrupted() -> NoReturn:
    """End an interrupted run: one line on stderr, exit code 130."""
    report_interrupt()
    sys.exit(INTERRUPTED)


def report_interrupt() -> None:
    import contextlib

    with contextlib.suppress(OSError, ValueError):  # stderr closed or a broken pipe: the exit code still says it
        print(MESSAGE, file=sys.stderr, flush=True)
