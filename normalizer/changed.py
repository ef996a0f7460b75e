"""Changed lines only: `--diff-base REV` (git) and `--changed-lines DIFF` (a unified diff), so that a
repository with an old archive can adopt the hook without fixing ten years of articles first.

A finding counts when one of its lines was added or changed; deleted lines leave nothing to check.
Files that git does not track yet are new: every line of them counts.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from normalizer.errors import InputError, NormalizerError

_FILE = re.compile(r"^\+\+\+ (?:b/)?(?P<path>.+?)(?:\t.*)?$")
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(?P<start>\d+)(?:,(?P<count>\d+))? @@")


class DiffError(NormalizerError):
    """The diff base or the diff cannot be read."""


@dataclass(frozen=True, slots=True)
class ChangedLines:
    """Per file (absolute, resolved): the line numbers (1-based) added or changed. `everything`
    holds the files all of whose lines count (new, untracked files)."""

    lines: dict[str, frozenset[int]]
    everything: frozenset[str] = frozenset()

    def covers(self, path: str, first: int, last: int) -> bool:
        key = _key(Path(path))
        if key in self.everything:
            return True
        changed = self.lines.get(key)
        return changed is not None and any(line in changed for line in range(first, last + 1))


def parse_unified_diff(text: str, root: Path) -> ChangedLines:
    """The added or changed lines of each file of a unified diff (its `+` lines, whatever the
    context around them); paths relative to `root`."""
    lines: dict[str, set[int]] = {}
    current: set[int] | None = None
    number = 0
    for row in text.splitlines():
        file = _FILE.match(row)
        if file:
            name = file.group("path")
            current = None if name == "/dev/null" else lines.setdefault(_key(root / name), set())
            continue
        hunk = _HUNK.match(row)
        if hunk:
            number = int(hunk.group("start"))
        elif current is not None and row.startswith("+"):
            current.add(number)
            number += 1
        elif row.startswith(" "):
            number += 1
    return ChangedLines({k: frozenset(v) for k, v in lines.items()})


def from_file(source: str) -> ChangedLines:
    """`--changed-lines FILE` (or - for stdin): a unified diff, paths relative to the current folder."""
    import sys

    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(source, f"cannot read the diff: {exc.strerror or exc}") from None
    return parse_unified_diff(text, Path.cwd())


def from_git(base: str, paths: Iterable[Path]) -> ChangedLines:
    """`--diff-base REV`: what changed in the working tree (staged or not) since REV, and the
    files git does not track yet."""
    root = Path(_git("rev-parse", "--show-toplevel").strip())
    if base.startswith("-"):
        raise DiffError(f"--diff-base: {base!r} is not a revision")
    _git("rev-parse", "--verify", "--quiet", f"{base}^{{commit}}", what=f"--diff-base: unknown revision {base!r}")
    scope = [str(p) for p in paths] or ["."]
    diff = _git("diff", "--no-color", "--no-ext-diff", "--unified=0", base, "--", *scope)
    changed = parse_unified_diff(diff, root)
    untracked = _git("ls-files", "--others", "--exclude-standard", "-z", "--full-name", "--", *scope)
    new = frozenset(_key(root / name) for name in untracked.split("\0") if name)
    return ChangedLines(changed.lines, new)


def _git(*args: str, what: str = "") -> str:
    try:
        done = subprocess.run(["git", *args], capture_output=True, text=True, check=False, timeout=300)
    except OSError as exc:
        raise DiffError(f"--diff-base needs git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or [""])[-1]
        raise DiffError(what or f"git {args[0]} failed: {detail}")
    return done.stdout


def _key(path: Path) -> str:
    return os.path.realpath(path)
