"""A built `Normalizer` cached on disk, so that a run on one line does not rebuild the index.

The cache lives in the user cache folder ($NORMALIZER_CACHE_DIR, else $XDG_CACHE_HOME/normalizer,
else ~/.cache/normalizer), one file per key: a hash of the tool version, the loaded convention,
the settings and the shipped data tables. A stale key is simply never read again; a file that
cannot be read back (truncated, from another Python) is rebuilt and replaced. Writes go to a
temporary file that is renamed into place, so concurrent runs never see half a file.
NORMALIZER_NO_CACHE=1 turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from normalizer.conventions import Convention
from normalizer.engine import Normalizer

DATA_DIR = Path(__file__).parent / "data"


def cache_dir() -> Path:
    explicit = os.environ.get("NORMALIZER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "normalizer"


@lru_cache(maxsize=1)
def _data_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(DATA_DIR.rglob("*.yaml")):
        digest.update(path.relative_to(DATA_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def wordfreq_version() -> str:
    """The frequencies decide which generated spellings are left out, so they are part of the key."""
    try:
        return metadata.version("wordfreq")
    except metadata.PackageNotFoundError:  # pragma: no cover - a declared dependency
        return "none"


def key(convention: Convention, settings: tuple[object, ...]) -> str:
    from normalizer import __version__

    digest = hashlib.sha256()
    for part in (__version__, wordfreq_version(), _data_digest(), repr(settings)):
        digest.update(part.encode())
    # repr, not pickle: a frozenset pickles in an order that changes from run to run
    stable = (convention.name, convention.language, convention.entries, sorted(convention.protect))
    digest.update(repr(stable).encode())
    return digest.hexdigest()[:32]


def cached(convention: Convention, settings: tuple[object, ...], build: Callable[[], Normalizer]) -> Normalizer:
    """The normalizer for `convention` and `settings`, from the cache or built (and stored)."""
    if os.environ.get("NORMALIZER_NO_CACHE"):
        return build()
    path = cache_dir() / f"{key(convention, settings)}.pickle"
    found = load_pickle(path)
    if isinstance(found, Normalizer):
        return found
    normalizer = build()
    store_pickle(path, normalizer)
    return normalizer


def load_pickle(path: Path) -> object | None:
    """What `store_pickle` wrote at `path`, or None when it is missing, stale or corrupt."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)  # type: ignore[no-any-return]
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None


def store_pickle(path: Path, value: object) -> None:
    """Write `value` to `path` through a temporary file and a rename; a read-only or full
    cache folder only costs speed."""
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
