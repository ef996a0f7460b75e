"""Map a function over items in forked worker processes; results come back in the order of the items.

Each worker has a pipe of its own to the main process. A worker that dies, even in the middle of
sending a result, is seen at once as the end of its pipe, and the map raises `WorkerDiedError`.
(`concurrent.futures.ProcessPoolExecutor` shares one result pipe between all workers and the
main process keeps its writing end open: a worker ended in the middle of a message left the
main process waiting for the rest forever.)

Workers are forked, so they share what the main process loaded before (the index of a
convention) instead of unpickling it. Where fork is not available, `available()` says so and
the caller works in one process.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import traceback
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

AHEAD = 2  # chunks sent to a worker before it answers: it never waits for the next one
STOP_TIMEOUT = 10.0  # seconds a stopped worker gets to end before it is killed


class WorkerDiedError(Exception):
    """A worker process ended before it had sent all its results."""

    def __init__(self, process: BaseProcess):
        self.exitcode = process.exitcode  # negative: the signal that killed it; None: still running
        super().__init__(f"worker process {process.pid} ended ({_how(process)})")


def available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    chunks: deque[int] = field(default_factory=deque)  # the chunks sent and not yet answered


def imap(
    function: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    chunksize: int,
    start: Callable[[], None] = lambda: None,
) -> Generator[R, None, None]:
    """`function(item)` for every item, computed by `jobs` forked workers in chunks of at most
    `chunksize` items, yielded in the order of `items`. Each worker calls `start()` first.

    Closing the iterator early (an exception in the consumer, Ctrl-C) stops the workers with
    SIGTERM; so does a worker that dies or a function that raises (re-raised here)."""
    workers = _fork(jobs, function, items, start)
    try:
        yield from _results(workers, items, chunksize)
    except BaseException:
        _stop(workers)
        raise
    for worker in workers:
        with contextlib.suppress(OSError):
            worker.conn.send(None)
    _stop(workers, sig=None)


def _results(workers: list[_Worker], items: Sequence[T], chunksize: int) -> Iterator[R]:
    """Send the chunks to the workers and yield their results in the order of the items."""
    chunks: list[tuple[int, int]] = []  # (start, stop) of each chunk sent, in the order of the items
    position = 0  # where the next chunk starts

    def feed(worker: _Worker) -> None:
        nonlocal position
        while len(worker.chunks) < AHEAD and position < len(items):
            # chunks shrink towards the end, so that the workers finish together
            size = max(1, min(chunksize, (len(items) - position) // (2 * AHEAD * len(workers))))
            chunks.append((position, position + size))
            position += size
            worker.chunks.append(len(chunks) - 1)
            try:
                worker.conn.send(chunks[-1])
            except OSError:  # the worker is gone: reading its pipe says how
                return

    done: dict[int, list[R]] = {}
    for worker in workers:
        feed(worker)
    index = 0
    while index < len(chunks):
        while index not in done:
            busy = {worker.conn: worker for worker in workers if worker.chunks}
            for conn in wait(list(busy)):
                worker = busy[conn]  # type: ignore[index]
                done[worker.chunks.popleft()] = _receive(worker)
                feed(worker)
        yield from done.pop(index)
        index += 1


def _fork(jobs: int, function: Callable[[T], R], items: Sequence[T], start: Callable[[], None]) -> list[_Worker]:
    """Start the workers. Ctrl-C and SIGTERM are held back meanwhile, and delivered right after:
    a signal handled during a fork (by an at-fork hook of logging) would be lost. Each worker lets
    them through once `start()` has set its handlers."""
    context = multiprocessing.get_context("fork")
    workers: list[_Worker] = []
    try:
        with _signals_held() as mask:
            for _ in range(jobs):
                ours, theirs = context.Pipe()
                others = [worker.conn for worker in workers]  # inherited by the fork: it closes them
                args = (theirs, others, function, items, start, mask)
                process = context.Process(target=_serve, args=args, daemon=True)
                process.start()
                theirs.close()  # only the worker holds its end: when it dies, ours reads the end of the pipe
                workers.append(_Worker(process, ours))
    except BaseException:  # a signal held back during the forks arrives as the mask is restored
        _stop(workers)
        raise
    return workers


_HELD = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _signals_held() -> Iterator[set[int | signal.Signals]]:
    """Hold Ctrl-C and SIGTERM back for the duration; the mask from before is given."""
    if threading.current_thread() is not threading.main_thread():
        yield signal.pthread_sigmask(signal.SIG_BLOCK, set())
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield previous
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _receive(worker: _Worker) -> list[R]:
    try:
        ok, payload = worker.conn.recv()
    except (EOFError, OSError):
        worker.process.join(STOP_TIMEOUT)
        raise WorkerDiedError(worker.process) from None
    if not ok:
        error, text = payload
        error.add_note(f"in worker process {worker.process.pid}:\n{text}")
        raise error
    return payload  # type: ignore[no-any-return]


def _how(process: BaseProcess) -> str:
    code = process.exitcode
    if code is None:
        return "still running"
    if code < 0:
        return f"signal {signal.Signals(-code).name}"
    return f"exit code {code}"


def _stop(workers: list[_Worker], sig: signal.Signals | None = signal.SIGTERM) -> None:
    """End the workers: they are sent `sig` (None: they were told to end), given some time,
    then killed."""
    for worker in workers:
        if sig is not None and worker.process.pid is not None and worker.process.is_alive():
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker.process.pid, sig)
    for worker in workers:
        worker.process.join(STOP_TIMEOUT)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()


def _serve(
    conn: Connection,
    others: list[Connection],
    function: Callable[[T], R],
    items: Sequence[T],
    start: Callable[[], None],
    mask: set[int | signal.Signals],
) -> None:
    """A worker's loop: it is sent (start, stop) of a chunk of `items` (its copy, made by the
    fork) and sends back the results. Messages to a worker stay tiny, so that the main process
    never blocks on sending while the worker blocks on sending it a large chunk of results."""
    for other in others:
        other.close()
    start()
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    while True:
        try:
            chunk = conn.recv()
        except EOFError:  # the main process has gone
            return
        if chunk is None:
            return
        try:
            reply: tuple[bool, object] = (True, [function(items[i]) for i in range(*chunk)])
        except Exception as exc:  # re-raised in the main process
            reply = (False, (exc, traceback.format_exc()))
        conn.send(reply)
