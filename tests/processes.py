"""Processes seen through /proc, for the tests that kill a run and look for what it left running."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie that nobody reaps, as an orphan may be in a container, has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in {"Z", "X"}


def descendants(pid: int) -> set[int]:
    """The children of every thread of `pid` (a pool forks in the thread that takes its results)."""
    found: set[int] = set()
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with contextlib.suppress(OSError):
                found |= {int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split()}
    return found
