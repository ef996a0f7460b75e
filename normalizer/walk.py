"""Finding the texts of a run: folder walks with include and exclude globs and .gitignore files."""

from __future__ import annotations

import contextlib
import fnmatch
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from normalizer.files import shown

if TYPE_CHECKING:
    import pathspec


DEFAULT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache")


@dataclass(frozen=True, slots=True)
class Collected:
    """The files to process, in a stable order, and notices about what was skipped."""

    files: tuple[Path, ...]
    notices: tuple[str, ...]
    errors: tuple[str, ...] = ()  # folders that could not be read: their files were not processed


@dataclass(frozen=True, slots=True)
class Selection:
    """Which files a folder walk takes: include globs (default: the text suffixes), exclude
    globs (default: version-control and tool folders) and extra excludes. Globs match the path
    relative to `base` (the folder of the configuration that set them) when the file is inside
    it, else relative to the folder walked, and each part of that path. With `force_exclude`,
    files named on the command line are excluded too (pre-commit names every file)."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    gitignore: bool = True
    force_exclude: bool = False
    base: str = ""

    def excluded(self, relative: str) -> bool:
        """The path, or one of its parts, matches an exclude glob."""
        glob = _globs((self.exclude or DEFAULT_EXCLUDE) + self.extend_exclude)
        return any(glob.match(part) for part in (relative, *relative.split("/")))

    def included(self, relative: str) -> bool:
        name = relative.rsplit("/", 1)[-1]
        if self.include:
            glob = _globs(self.include)
            return bool(glob.match(relative) or glob.match(name))
        return name.lower().endswith(DEFAULT_SUFFIXES)

    def relative(self, path: Path, root: Path) -> str:
        """`path` as the globs see it."""
        if self.base:
            with contextlib.suppress(ValueError):
                return Path(os.path.abspath(path)).relative_to(self.base).as_posix()
        with contextlib.suppress(ValueError):
            return path.relative_to(root).as_posix()
        return path.as_posix()


@lru_cache(maxsize=16)
def _globs(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for several globs, with fnmatch's meaning (compiled once, not per path)."""
    return re.compile("|".join(map(fnmatch.translate, patterns)) if patterns else "(?!)")


def collect(paths: list[Path], selection: Selection | Callable[[Path], Selection]) -> Collected:
    """Expand folders (recursively, honouring .gitignore files and the selection); files given
    by name are taken unless the selection forces its excludes on them. `selection` may be a
    function of the folder (the settings that govern it). Symbolic links to folders are not
    followed."""
    select = selection if callable(selection) else (lambda folder: selection)
    files: list[Path] = []
    notices: list[str] = []
    errors: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if path.is_dir():
            found = _walk(path, select, notices, errors)
        else:
            own = select(path.parent)  # a missing file is reported when it is read
            found = [] if own.force_exclude and own.excluded(own.relative(path, Path.cwd())) else [path]
        for item in found:
            key = os.path.normcase(os.path.abspath(item))
            if key not in seen:
                seen.add(key)
                files.append(item)
    return Collected(tuple(files), tuple(notices), tuple(errors))


def _walk(root: Path, select: Callable[[Path], Selection], notices: list[str], errors: list[str]) -> list[Path]:
    found: list[Path] = []
    ignores: list[tuple[Path, pathspec.PathSpec[Any]]] = []
    for folder, dirs, names in os.walk(root, followlinks=False, onerror=lambda e: errors.append(_walk_error(e))):
        here = Path(folder)
        selection = select(here)
        if selection.gitignore and (here / ".gitignore").is_file():
            ignores.append((here, _gitignore(here / ".gitignore")))
        within = selection.relative(here, root)  # an entry here is seen as `prefix` + its name
        prefix = "" if within == "." else f"{within}/"
        kept = []
        for name in sorted(dirs):
            path = here / name
            if path.is_symlink():
                notices.append(f"{shown(path)}: symbolic link to a folder, not followed")
            elif not selection.excluded(prefix + name) and not _ignored(path, ignores, folder=True):
                kept.append(name)
        dirs[:] = kept
        for name in sorted(names):
            rel = prefix + name
            if selection.included(rel) and not selection.excluded(rel):
                path = here / name
                if not _ignored(path, ignores):
                    found.append(path)
    return found


def _walk_error(error: OSError) -> str:
    return f"{shown(error.filename)}: cannot read folder: {error.strerror or error}"


def _gitignore(path: Path) -> pathspec.PathSpec[Any]:
    import pathspec  # imported here: runs on stdin or single files need no folder walk

    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _ignored(path: Path, ignores: list[tuple[Path, pathspec.PathSpec[Any]]], folder: bool = False) -> bool:
    for base, spec in ignores:
        try:
            relative = path.relative_to(base).as_posix()
        except ValueError:
            continue
        if spec.match_file(relative + ("/" if folder else "")):
            return True
    return False
