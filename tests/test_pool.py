"""The worker pool of `--jobs` (normalizer/pool.py): order, errors, and workers that die."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from normalizer import pool

from .processes import alive, descendants

pytestmark = pytest.mark.skipif(not pool.available(), reason="needs fork")


def square(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_results_come_in_the_order_of_the_items_from_several_workers() -> None:
    results = list(pool.imap(square, range(200), jobs=2, chunksize=3))
    assert [value for value, _ in results] == [n * n for n in range(200)]
    assert len({pid for _, pid in results}) == 2
    assert os.getpid() not in {pid for _, pid in results}


def test_a_last_chunk_shorter_than_the_others_and_fewer_items_than_workers() -> None:
    assert [v for v, _ in pool.imap(square, [5], jobs=3, chunksize=4)] == [25]
    assert [v for v, _ in pool.imap(square, range(10), jobs=2, chunksize=4)] == [n * n for n in range(10)]


def fails_on_seven(n: int) -> int:
    if n == 7:
        raise ValueError("seven")
    return n


def test_an_error_in_the_function_is_raised_here_with_the_workers_traceback() -> None:
    results = pool.imap(fails_on_seven, range(20), jobs=2, chunksize=2)
    assert [next(results) for _ in range(6)] == list(range(6))
    with pytest.raises(ValueError, match="seven") as caught:
        list(results)
    assert any("in worker process" in note and "fails_on_seven" in note for note in caught.value.__notes__)


def children() -> set[int]:
    own = f"/proc/{os.getpid()}/task/{os.getpid()}/children"
    return {int(pid) for pid in open(own).read().split()} if os.path.exists(own) else set()


def slow_identity(n: int) -> int:
    time.sleep(0.01)
    return n


def test_closing_the_results_early_stops_the_workers() -> None:
    before = children()
    results = pool.imap(slow_identity, range(1000), jobs=2, chunksize=5)
    assert next(results) == 0
    assert len(children() - before) == 2
    results.close()
    assert children() - before == set()


def dies_on_three(n: int) -> int:
    if n == 3:
        os._exit(9)
    return n


def test_a_worker_that_exits_is_an_error_with_its_exit_code() -> None:
    with pytest.raises(pool.WorkerDiedError, match="exit code 9") as caught:
        list(pool.imap(dies_on_three, range(10), jobs=2, chunksize=1))
    assert caught.value.exitcode == 9


def half_a_message(n: int) -> bytes:
    """A worker that dies in the middle of sending its result: it writes the header and half the
    body of the message, then exits."""
    if n == 0:
        real = Connection._send  # type: ignore[attr-defined]
        calls: list[int] = []

        def send_half(self: Connection, buf: bytes) -> None:
            if calls:  # the body (the header went first)
                real(self, buf[: len(buf) // 2])
                os._exit(9)
            calls.append(1)
            real(self, buf)

        Connection._send = send_half  # type: ignore[attr-defined]
        return b"x" * (1 << 20)
    return b""


KILLED_WHILE_SENDING = """
from normalizer import pool
from tests.test_pool import half_a_message
try:
    list(pool.imap(half_a_message, range(4), jobs=1, chunksize=1))
except pool.WorkerDiedError as exc:
    print(exc.exitcode)
"""


def test_a_worker_that_dies_while_it_sends_a_result_is_an_error_not_a_hang() -> None:
    # concurrent.futures waits forever here: the hang of CI's interrupt test (2 in 150 runs)
    child = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_SENDING], check=False, capture_output=True, text=True, timeout=120
    )
    assert (child.returncode, child.stdout) == (0, "9\n"), child.stderr


def echo(text: str) -> str:
    return text


LARGE = """
from normalizer import pool
from tests.test_pool import echo
items = [chr(65 + i) * (1 << 20) for i in range(12)]
print(list(pool.imap(echo, items, jobs=2, chunksize=4)) == items)
"""


def test_large_items_and_large_results_go_through_without_a_deadlock() -> None:
    """Workers are sent only the bounds of their chunks (they have the items from the fork): a
    main process blocked on sending a large chunk while its worker is blocked on sending a large
    result would wait forever (it did, before)."""
    child = subprocess.run([sys.executable, "-c", LARGE], check=False, capture_output=True, text=True, timeout=120)
    assert (child.returncode, child.stdout) == (0, "True\n"), child.stderr


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def large_result(n: int) -> bytes:
    return b"x" * (4 << 20)  # more than a socket buffer holds: the worker blocks in sending it


def sleeps(n: int) -> bytes:
    time.sleep(1000)
    return b""


ORPHANED = """
import sys, time
from normalizer import pool
from tests import test_pool
if sys.argv[2] == "without-pdeathsig":
    pool._prctl = lambda: None  # the end of the pipe alone must end the workers
results = pool.imap(getattr(test_pool, sys.argv[1]), range(100), jobs=2, chunksize=1)
if sys.argv[1] == "large_result":
    next(results)  # then stop reading: each worker blocks in sending its next result
    print("reading no more", flush=True)
else:
    import threading
    threading.Thread(target=next, args=(results,), daemon=True).start()
time.sleep(1000)
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs /proc")
@pytest.mark.parametrize(
    ("function", "mode"),
    [
        ("large_result", "with-pdeathsig"),
        ("large_result", "without-pdeathsig"),
        pytest.param(
            "sleeps",
            "with-pdeathsig",
            marks=pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's"),
        ),
    ],
)
def test_the_workers_end_when_the_main_process_is_killed(function: str, mode: str) -> None:
    """SIGKILL of the main process (issue 12): its workers end too, be they blocked in sending
    a result the main process no longer reads or busy with a long chunk, and none of them holds
    the caller's stdout or stderr (a pipeline reading them would wait forever)."""
    command = [sys.executable, "-c", ORPHANED, function, mode]
    main = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    workers: set[int] = set()
    try:
        assert wait_until(lambda: len(descendants(main.pid)) == 2, 60), "no workers"
        workers = descendants(main.pid)
        if function == "large_result":
            assert main.stdout is not None
            assert main.stdout.readline() == b"reading no more\n"
            blocked = lambda: all(Path(f"/proc/{pid}/wchan").read_text() != "0" for pid in workers)  # noqa: E731
            wait_until(blocked, 5)
        time.sleep(0.3)
        main.kill()
        assert wait_until(lambda: not any(map(alive, workers)), 30), [p for p in workers if alive(p)]
        _, stderr = main.communicate(timeout=30)  # the end of both pipes: no process holds them
        assert main.returncode == -signal.SIGKILL
        assert stderr == b""  # the workers ended quietly
    finally:
        for pid in workers:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        if main.poll() is None:
            main.kill()
        main.communicate()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_worker_whose_parent_died_before_it_asked_for_the_signal_sees_it() -> None:
    """The race of PR_SET_PDEATHSIG: the main process may die between the fork and the request,
    and then no signal comes; the worker sees a parent other than the main process instead."""
    code = (
        "import ctypes, os; from normalizer import pool\n"
        "print(pool._end_with_parent(os.getppid()), pool._end_with_parent(os.getppid() + 1))\n"
        "get = ctypes.c_int(); pool._prctl()(2, ctypes.byref(get), 0, 0, 0)\n"  # PR_GET_PDEATHSIG
        "print(get.value)"
    )
    child = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=60)
    assert child.stdout.split() == ["True", "False", str(int(signal.SIGTERM))]
