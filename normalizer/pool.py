"""Map a function over items in forked worker processes; results come back in the order of the items.

Each worker has a pipe of its own to the main process. A worker that dies, even in the middle of
sending a result, is seen at once as the end of its pipe, and the map raises `WorkerDiedError`.
(`concurrent.futures.ProcessPoolExecutor` shares one result pipe between all workers and the
main process keeps its writing end open: a worker ended in the middle of a message left the
main process waiting for the rest forever.)

Workers are forked, so they share what the main process loaded before (the index of a
convention) instead of unpickling it. Where fork is not available, `available()` says so and
the caller works in one process.

A worker never outlives the main process (issue 12: after a SIGKILL of the main process, its
workers lived on, one blocked in sending a result, and held the caller's stdout and stderr, so
that a pre-commit or CI pipeline waited forever). The main process's end of a worker's pipe is
held by the main process alone (each worker closes the copies that the forks gave it), so that
its end is the end of the pipe for the worker: a worker waiting for a chunk reads the end, one
blocked in sending its results gets EPIPE or ECONNRESET, and it ends quietly. On Linux the
kernel also sends it SIGTERM when the main process dies (`PR_SET_PDEATHSIG`), so that it ends
in the middle of a long chunk too; its handler, if `start()` set one, runs.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import multiprocessing
import os
import signal
import sys
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

    done: dict[int, list[R] | BaseException] = {}
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
        result = done.pop(index)
        if isinstance(result, BaseException):
            raise result  # in its turn: every result before it has been given out
        yield from result
        index += 1


def _fork(jobs: int, function: Callable[[T], R], items: Sequence[T], start: Callable[[], None]) -> list[_Worker]:
    """Start the workers. Ctrl-C and SIGTERM are held back meanwhile, and delivered right after:
    a signal handled during a fork (by an at-fork hook of logging) would be lost. Each worker lets
    them through once `start()` has set its handlers.

    The workers get SIGTERM when the thread that forked them ends (that is how Linux defines the
    death of the parent): the thread that takes the first result should take them all."""
    context = multiprocessing.get_context("fork")
    workers: list[_Worker] = []
    parent = os.getpid()
    _prctl()  # looked up here, once, not in every worker
    try:
        with _signals_held() as mask:
            for _ in range(jobs):
                ours, theirs = context.Pipe()
                # the main process's ends, inherited by the fork: the worker closes them
                others = [ours, *(worker.conn for worker in workers)]
                args = (theirs, others, function, items, start, mask, parent)
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


def _receive(worker: _Worker) -> list[R] | BaseException:
    """The results of the worker's next chunk, or the error its function raised (raised by the
    caller in the chunk's turn, so that the results before it come out first, however the
    workers' replies interleave)."""
    try:
        ok, payload = worker.conn.recv()
    except (EOFError, OSError):
        worker.process.join(STOP_TIMEOUT)
        raise WorkerDiedError(worker.process) from None
    if not ok:
        error, text = payload
        error.add_note(f"in worker process {worker.process.pid}:\n{text}")
        return error  # type: ignore[no-any-return]
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


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


@functools.cache
def _prctl() -> Callable[..., int] | None:
    """The C library's `prctl`, on Linux (None elsewhere, or where it cannot be found)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return function


def _end_with_parent(parent: int) -> bool:
    """Have the kernel send this (forked) process SIGTERM when its parent dies, where it can;
    whether `parent` is still the parent. It may have died before the request was made: then
    the signal never comes, but the process has a new parent already."""
    prctl = _prctl()
    if prctl is not None:
        prctl(PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGTERM), 0, 0, 0)
    return os.getppid() == parent


def _serve(
    conn: Connection,
    others: list[Connection],
    function: Callable[[T], R],
    items: Sequence[T],
    start: Callable[[], None],
    mask: set[int | signal.Signals],
    parent: int,
) -> None:
    """A worker's loop: it is sent (start, stop) of a chunk of `items` (its copy, made by the
    fork) and sends back the results. Messages to a worker stay tiny, so that the main process
    never blocks on sending while the worker blocks on sending it a large chunk of results.

    `others` are the main process's ends of the pipes, its own included: closed at once, so that
    the main process holds them alone, and its death is the end of the pipe here. Without the
    main process the worker ends, quietly: it has no one to report to."""
    for other in others:
        other.close()
    if not _end_with_parent(parent):
        return  # SIGTERM, still held back, would not come: the main process is gone already
    start()
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):  # the main process has gone
            return
        if chunk is None:
            return
        try:
            reply: tuple[bool, object] = (True, [function(items[i]) for i in range(*chunk)])
        except Exception as exc:  # re-raised in the main process
            reply = (False, (exc, traceback.format_exc()))
        try:
            conn.send(reply)
        except OSError:  # EPIPE, ECONNRESET: the main process has gone, in the middle of a result perhaps
            return
