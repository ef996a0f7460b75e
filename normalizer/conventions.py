"""Load convention files (YAML) into `Convention` values: find a shipped convention or a file,
read it within bounds, follow `extends`, and merge.

The values are in `convention_model`, the reading of the YAML and its validation in
`convention_yaml`; this module re-exports what callers use (`Convention`, `Entry`, ...).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from normalizer.convention_model import KINDS, Convention, Entry, Example, Kind, merge
from normalizer.errors import ConventionError, escape

if TYPE_CHECKING:
    import yaml

    from normalizer.convention_yaml import Reader

__all__ = [
    "KINDS",
    "MAX_BYTES",
    "SHIPPED_DIR",
    "Convention",
    "Entry",
    "Example",
    "Kind",
    "load_conventions",
    "load_file",
    "merge",
    "resolve_name",
    "shipped_names",
]

MAX_BYTES = 8 * 1024 * 1024
MAX_EXTENDS_DEPTH = 8
# Installed from a wheel, the top-level conventions/ folder is the package `normalizer.shipped`;
# in a source checkout (editable install) it is the folder beside the package.
_INSTALLED = Path(__file__).parent / "shipped"
SHIPPED_DIR = _INSTALLED if _INSTALLED.is_dir() else Path(__file__).parent.parent / "conventions"


def shipped_names() -> list[str]:
    """Names of the conventions shipped with the package (`de`, `en`, ...)."""
    return sorted(p.stem for p in SHIPPED_DIR.glob("*.yaml"))


def resolve_name(name_or_path: str, base: Path | None = None) -> Path:
    """A shipped convention name or a path (relative to `base` when given) → file path.

    A bare name ('de') is a shipped convention when one has that name, even if a folder of the
    same name happens to be in the working directory; anything else is a path."""
    shipped = SHIPPED_DIR / f"{name_or_path}.yaml"
    bare = "/" not in name_or_path and "\\" not in name_or_path and not Path(name_or_path).suffix
    if bare and shipped.is_file():
        return shipped
    candidate = Path(name_or_path)
    if base is not None and not candidate.is_absolute():
        candidate = base / candidate
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        return candidate
    known = ", ".join(shipped_names())
    raise ConventionError(name_or_path, f"no such convention file or shipped name (shipped: {known})")


def load_conventions(names: Sequence[str]) -> Convention:
    """Load one or more conventions; later ones win where they define the same name."""
    if not names:
        raise ConventionError("<none>", "no convention given")
    loaded = [load_file(resolve_name(n)) for n in names]
    return merge(loaded)


def load_file(path: Path, _chain: tuple[Path, ...] = ()) -> Convention:
    """Load one convention file (following `extends`) and validate it."""
    # imported here: a run that finds its normalizer in the cache reads no convention (nor YAML)
    from normalizer.convention_yaml import Reader, read

    label = str(path)
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        raise ConventionError(label, "cannot resolve the path (a symbolic link loop?)") from None
    if resolved in _chain:
        raise ConventionError(label, "recursive 'extends': " + " -> ".join(escape(str(p)) for p in (*_chain, resolved)))
    if len(_chain) >= MAX_EXTENDS_DEPTH:
        raise ConventionError(label, f"'extends' nested deeper than {MAX_EXTENDS_DEPTH}")
    data = _read_bounded(path, label)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConventionError(label, "not valid UTF-8", line) from None
    own, extends = read(text, label)
    chain = (*_chain, resolved)
    parents = [_parent(Reader(label), path, chain, ref, node) for ref, node in extends]
    return merge([*parents, own]) if parents else own


def _parent(reader: Reader, path: Path, chain: tuple[Path, ...], ref: str, node: yaml.Node) -> Convention:
    """The convention that `ref` (an item of the 'extends' of the file at `path`) names, loaded.
    It is a shipped convention, or a .yaml/.yml file inside the project of the convention that
    the run started from (`chain[0]`); anything else is refused unread."""
    try:
        parent = resolve_name(ref, path.parent)
    except ConventionError as exc:
        raise reader.fail(node, f"'extends': {exc.message}") from None
    if parent.parent != SHIPPED_DIR:
        root = _project_root(chain[0])
        allowed = f"only shipped conventions and .yaml/.yml files inside {escape(str(root))}"
        if parent.suffix not in (".yaml", ".yml"):
            raise reader.fail(node, f"'extends': {escape(str(parent))} is not a .yaml/.yml file ({allowed})")
        try:
            inside = parent.resolve().is_relative_to(root)
        except (OSError, RuntimeError):
            inside = False
        if not inside:
            raise reader.fail(node, f"'extends': {escape(str(parent))} is outside the project ({allowed})")
    if not parent.exists():
        raise reader.fail(node, f"'extends': {escape(str(parent))} not found")
    return load_file(parent, chain)


def _read_bounded(path: Path, label: str) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES. A FIFO, a device or a socket is refused
    before anything is read (opening without blocking), so that no convention path can hang a
    run or fill the memory ('/dev/zero', a named pipe)."""
    too_large = f"file is larger than {MAX_BYTES // (1024 * 1024)} MB"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ConventionError(label, "file not found") from None
    except OSError as exc:
        raise ConventionError(label, f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ConventionError(label, "not a regular file (a folder, pipe or device)")
        if info.st_size > MAX_BYTES:
            raise ConventionError(label, too_large)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ConventionError(label, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise ConventionError(label, too_large)
    return data


def _project_root(path: Path) -> Path:
    """The folder whose files a convention may extend: the nearest folder above `path` that holds
    a repository or a configuration (.git, .normalizer.yaml, pyproject.toml), else its own folder."""
    start = path.resolve().parent
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in (".git", ".normalizer.yaml", "pyproject.toml")):
            return folder
    return start
