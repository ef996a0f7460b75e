"""The entry point of the `normalizer` command (console script and `python -m normalizer`).

Ctrl-C or SIGTERM at any moment of a run ends it with one line, `normalizer: interrupted`, and
exit code 130, never a traceback. The handling is in place before the CLI and the libraries are
imported: this module imports nothing up front (nor does `normalizer/__init__.py`), the standard
library modules it needs are imported inside the guard. Before this module runs, the interpreter
starts up (site, the package, this module): a SIGTERM that early ends the process silently, and a
SIGINT is Python's own, with its traceback (measured: 34 of 500 runs signalled 10 to 120 ms after
the start).
"""

from __future__ import annotations

import sys

from normalizer.interrupts import INTERRUPTED, MESSAGE, interrupted, report_interrupt, terminate_as_interrupt

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (type checkers know the name)
if TYPE_CHECKING:
    from typing import NoReturn


__all__ = ["INTERRUPTED", "MESSAGE", "interrupted", "main", "terminate_as_interrupt"]


def main() -> NoReturn:
    """Run the command line in `sys.argv` and exit with its code."""
    try:
        try:
            terminate_as_interrupt()
            code: int | str | None = _run_cli()
        except SystemExit as exc:
            code = exc.code
        except Exception as exc:
            if _interrupt_inside(exc):
                raise KeyboardInterrupt from None
            raise
        # the run is over: a signal while the interpreter shuts down takes the default action
        _default_signals()
    except KeyboardInterrupt:
        _default_signals()
        code = INTERRUPTED
        report_interrupt()
    _forget_interrupt()
    sys.exit(code)


def _interrupt_inside(exc: BaseException) -> bool:
    """Whether `exc` was caused by Ctrl-C or SIGTERM: CPython 3.11 wraps an exception raised while
    a class is created (in `__set_name__`, as dataclasses do on import) in a RuntimeError."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def _run_cli() -> int:
    """Click's standalone handling, except that an interrupt is left to the caller (click would
    print 'Aborted!' and exit 1)."""
    import click

    from normalizer.cli import main as cli

    try:
        result = cli.main(standalone_mode=False)
    except click.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        click.echo("Aborted!", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    return result if isinstance(result, int) else 0


def _forget_interrupt() -> None:
    """Keep the exit code of a run whose interrupt was handled. CPython notes a KeyboardInterrupt
    that ends a string `exec` (as dataclasses and namedtuples do while a module is imported) as
    unhandled even when it is caught later, and under `python -m` then ends the process by
    SIGINT instead of exiting with our code; evaluating a string clears that note."""
    exec("pass", {})


def _default_signals() -> None:
    """A further Ctrl-C or SIGTERM ends the process at once, quietly (no Python exception)."""
    import contextlib
    import signal

    with contextlib.suppress(ValueError):  # not in the main thread
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
