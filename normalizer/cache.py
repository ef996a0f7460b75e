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
import importlib.util
import io
import json
import os
import pickle
import re
import sqlite3
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from normalizer.conventions import Convention, load_conventions
from normalizer.engine import Normalizer

DATA_DIR = Path(__file__).parent / "data"


def cache_dir() -> Path:
    explicit = os.environ.get("NORMALIZER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "normalizer"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """The package's code and data tables: a cached index is only read back by the code that
    wrote it, even between two builds of the same version."""
    digest = hashlib.sha256()
    package = DATA_DIR.parent
    for path in sorted([*package.glob("*.py"), *DATA_DIR.rglob("*.yaml")]):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def wordfreq_version() -> str:
    """The frequencies decide which generated spellings are left out, so they are part of the key."""
    # the name of its installed metadata folder, which is much faster than importlib.metadata
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:  # pragma: no cover - a declared dependency
        return "none"
    found = sorted(Path(spec.origin).parent.parent.glob("wordfreq-*.dist-info"))
    return found[-1].name.removeprefix("wordfreq-").removesuffix(".dist-info") if found else "unknown"


def key(convention: Convention, settings: tuple[object, ...]) -> str:
    from normalizer import __version__

    digest = hashlib.sha256()
    for part in (__version__, wordfreq_version(), _code_digest(), repr(settings)):
        digest.update(part.encode())
    # repr, not pickle: a frozenset pickles in an order that changes from run to run
    stable = (convention.name, convention.language, convention.entries, sorted(convention.protect))
    digest.update(repr(stable).encode())
    return digest.hexdigest()[:32]


def cached(
    convention: Convention, settings: tuple[object, ...], build: Callable[[], Normalizer], known_key: str = ""
) -> Normalizer:
    """The normalizer for `convention` and `settings`, from the cache or built (and stored)."""
    if os.environ.get("NORMALIZER_NO_CACHE"):
        return build()
    path = cache_dir() / f"{known_key or key(convention, settings)}.pickle"
    found = load_pickle(path)
    if isinstance(found, Normalizer):
        return found
    normalizer = build()
    _compile(normalizer, path.with_suffix(".sqlite"))
    store_pickle(path, normalizer)
    prune(path.parent)
    return normalizer


UNUSED_DAYS = 30  # cache files not used for this long are removed when something new is stored


def prune(folder: Path, days: float = UNUSED_DAYS) -> None:
    """Remove the cache files of `folder` that no run has used for `days` (every use touches
    them): indexes of old versions and of conventions no longer in use would otherwise pile up,
    and one of 100,000 entries takes hundreds of MB. Temporary files of writes that died are
    removed after a day."""
    now = time.time()
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            kind = _OURS.fullmatch(path.name)
            if kind is None:  # never anything the cache did not write, whatever the folder holds
                continue
            age = 1 if kind.group("temporary") else days
            with contextlib.suppress(OSError):
                if now - path.stat().st_mtime > age * 86400:
                    path.unlink()


# the names of the files the cache writes: normalizers and their indexes, manifests, Zipf
# tables, and (from tempfile.mkstemp) the temporary files of writes
_OURS = re.compile(
    r"[0-9a-f]{32}\.(?:pickle|sqlite)|conventions-[0-9a-f]{32}\.json|zipf-[\w.-]+\.pickle"
    r"|(?P<temporary>\.[a-z0-9_]{8}\.tmp)"
)


def touch(path: Path) -> None:
    """Mark a cache file as used (see `prune`)."""
    with contextlib.suppress(OSError):
        os.utime(path)


def _compile(normalizer: Normalizer, path: Path) -> None:
    """Let `normalizer` answer its lookups from an index compiled to `path`; where that file
    cannot be written, it keeps the index it has in memory."""
    from normalizer.index import Index
    from normalizer.store import StoredIndex, StoreError, write_store

    if not isinstance(normalizer.index, Index):
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_store(normalizer.index, path)
        normalizer.use_index(StoredIndex(path))
    except (OSError, sqlite3.Error, StoreError):
        return


def load_normalizer(
    names: Sequence[str], settings: tuple[object, ...], build: Callable[[Convention], Normalizer]
) -> Normalizer:
    """The normalizer for the conventions `names` (shipped names or paths) and `settings`.

    A run that built or found it leaves a manifest: the files the conventions were read from
    (with `extends`), their digests and the key of the normalizer. While the files are
    unchanged, later runs take the normalizer without parsing any convention: at 100,000
    entries reading the YAML costs far more than the cached index."""
    if os.environ.get("NORMALIZER_NO_CACHE"):
        return build(load_conventions(list(names)))
    manifest = cache_dir() / f"conventions-{_manifest_key(names, settings)}.json"
    found = _from_manifest(manifest)
    if found is not None:
        return found
    convention = load_conventions(list(names))
    normalizer_key = key(convention, settings)
    normalizer = cached(convention, settings, lambda: build(convention), normalizer_key)
    sources = [str(Path(source).resolve()) for source in convention.sources]
    with contextlib.suppress(OSError):
        record = {"key": normalizer_key, "sources": [[path, _file_digest(path)] for path in sources]}
        store_bytes(manifest, json.dumps(record).encode())
    return normalizer


def _manifest_key(names: Sequence[str], settings: tuple[object, ...]) -> str:
    digest = hashlib.sha256()
    for part in (_code_digest(), wordfreq_version(), repr(settings), os.getcwd(), *names):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()[:32]


def _file_digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _from_manifest(manifest: Path) -> Normalizer | None:
    """The normalizer a manifest names, when all its convention files are as recorded."""
    try:
        record = json.loads(manifest.read_bytes())
        unchanged = record["sources"] and all(_file_digest(path) == digest for path, digest in record["sources"])
        found = load_pickle(cache_dir() / f"{record['key']}.pickle") if unchanged else None
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if not isinstance(found, Normalizer):
        return None
    touch(manifest)
    return found


class _Pickler(pickle.Pickler):
    """Pickles a compiled index as the name of its file, which lies beside the pickle."""

    def __init__(self, handle: io.BytesIO, folder: Path):
        super().__init__(handle, protocol=pickle.HIGHEST_PROTOCOL)
        self.folder = folder

    def persistent_id(self, obj: object) -> tuple[str, str] | None:
        from normalizer.store import StoredIndex

        if isinstance(obj, StoredIndex) and obj.path is not None and obj.path.parent == self.folder:
            return ("compiled-index", obj.path.name)
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, handle: BinaryIO, folder: Path):
        super().__init__(handle)
        self.folder = folder

    def persistent_load(self, pid: object) -> object:
        from normalizer.store import StoredIndex, StoreError

        if not (isinstance(pid, tuple) and len(pid) == 2 and pid[0] == "compiled-index"):
            raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")
        try:
            index = StoredIndex(self.folder / str(pid[1]))
        except StoreError as exc:
            raise pickle.UnpicklingError(str(exc)) from None
        touch(self.folder / str(pid[1]))
        return index


def load_pickle(path: Path) -> object | None:
    """What `store_pickle` wrote at `path`, or None when it is missing, stale or corrupt."""
    try:
        with path.open("rb") as handle:
            found: object = _Unpickler(handle, path.parent).load()
        touch(path)
        return found
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None


def store_pickle(path: Path, value: object) -> None:
    """Write `value` to `path` (see `store_bytes`)."""
    buffer = io.BytesIO()
    _Pickler(buffer, path.parent).dump(value)
    store_bytes(path, buffer.getvalue())


def store_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename; a read-only or full
    cache folder only costs speed."""
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
