"""Which configuration file governs each path, and the settings of a run's files.

Each file is governed by the nearest configuration file above it (like ruff), whatever the
order of the paths on the command line; `--config FILE` makes one file govern every path and
`--isolated` none. The command-line flags go on top of whichever file governs.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from normalizer.config import Config, load, load_toml

CONFIG_NAMES = (".normalizer.yaml", ".normalizer.yml", "pyproject.toml")
_NONE = Config()  # the settings where no configuration file governs


class Configs:
    """The settings of each file of a run: the configuration file that governs it (the nearest
    one above it, or the one given by `--config`, or none with `--isolated`), its `per-path`
    tables, then the command-line flags."""

    def __init__(self, flags: dict[str, Any] | None = None, *, path: Path | None = None, isolated: bool = False):
        self._flags = {k: v for k, v in (flags or {}).items() if v not in (None, (), [], frozenset())}
        self._fixed = Config() if isolated else (load(path) if path is not None else None)
        self._found: dict[str, Path | None] = {}  # folder -> its nearest config file
        self._loaded: dict[Path, Config] = {}
        self._flagged: dict[int, tuple[Config, Config]] = {}  # id of a configuration -> it, with the flags
        self._language_flag = "language" in self._flags

    @classmethod
    def of(cls, config: Config) -> Configs:
        """Every file governed by `config` (a library user's settings)."""
        configs = cls()
        configs._fixed = config
        return configs

    def governing(self, path: Path | None) -> Config:
        """The configuration file's settings for `path` (None: the current folder), no flags."""
        if self._fixed is not None:
            return self._fixed
        folder = _folder(os.path.join(os.getcwd(), path) if path is not None else os.getcwd())
        if folder not in self._found:
            self._found[folder] = find(Path(folder))
        found = self._found[folder]
        if found is None:
            return _NONE
        if found not in self._loaded:
            self._loaded[found] = load(found)
        return self._loaded[found]

    def for_path(self, path: Path | None) -> Config:
        """The settings of `path`: its configuration, the matching `per-path` tables, the flags."""
        base = self.governing(path)
        if path is not None and base.per_path:
            return base.for_file(path).override(**self._flags)
        known = self._flagged.get(id(base))  # asked for every file of a folder: made once
        if known is None:
            known = self._flagged[id(base)] = (base, base.override(**self._flags))
        return known[1]

    def files_read(self) -> set[Path]:
        """The configuration files this run has read (resolved)."""
        read = {p.resolve() for p in self._loaded}
        if self._fixed is not None and self._fixed.source:
            read.add(Path(self._fixed.source).resolve())
        return read


def _folder(start: str) -> str:
    """The folder of the absolute path `start` (itself when it is one), or of its nearest existing
    ancestor; told by one stat of an existing path and no Path object (asked for every file of a
    run)."""
    while True:
        try:
            return start if stat.S_ISDIR(os.stat(start).st_mode) else os.path.dirname(start)
        except OSError:
            parent = os.path.dirname(start)
            if parent == start:
                return start
            start = parent


def find(start: Path) -> Path | None:
    """The nearest config file in `start` (a file's folder) or above it."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_section(path)):
                return path
    return None


def _has_tool_section(path: Path) -> bool:
    try:
        return "normalizer" in load_toml(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, ValueError):
        return False
