"""A built `Normalizer` cached on disk, so that a run on one line does not rebuild the index.

The cache lives in the user cache folder ($NORMALIZER_CACHE_DIR, else $XDG_CACHE_HOME/normalizer,
else ~/.cache/normalizer), one file per key: a hash of the tool version, the loaded convention,
what else the normalizer is built with (its tuning, the allow-list) and the shipped data tables.
A stale key is simply never read again; a file that cannot be read back (truncated, from
another Python) is rebuilt and replaced. Writes go to a temporary file that is renamed into
place, so concurrent runs never see half a file.
NORMALIZER_NO_CACHE=1 turns the cache off.

Nothing read back from the folder can run code. Whatever others could have written there (a
cache restored in CI from a pull request, a planted file under a predictable key) is only
unpickled after its HMAC-SHA256 checks out, with a secret key that lives outside the cache
folder: 32 random bytes in $NORMALIZER_KEY_FILE, else $XDG_CONFIG_HOME/normalizer/cache.key,
else ~/.config/normalizer/cache.key, created (mode 0600) on first use. A file whose MAC does not
check out is removed and rebuilt, never loaded. The compiled indexes (SQLite, see `store.py`)
hold data only. A cache folder owned by another user or writable by group or others is not
used at all (as ssh and git refuse such files): the run goes on without the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import pickle
import re
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, Protocol

from normalizer.cachedir import (  # noqa: F401 - re-exported: the cache folder's helpers
    KEY_BYTES,
    _create_key,
    _secrets,
    cache_dir,
    code_digest,
    key_file,
    load_authenticated,
    store_authenticated,
    store_bytes,
    touch,
    usable_cache_dir,
    wordfreq_version,
)
from normalizer.conventions import Convention, load_conventions
from normalizer.engine import Normalizer


def key(convention: Convention, choice: tuple[object, ...]) -> str:
    from normalizer import __version__

    digest = hashlib.sha256()
    for part in (__version__, wordfreq_version(), code_digest(), repr(choice)):
        digest.update(part.encode())
    # repr, not pickle: a frozenset pickles in an order that changes from run to run
    stable = (convention.name, convention.language, convention.entries, sorted(convention.protect))
    digest.update(repr(stable).encode())
    return digest.hexdigest()[:32]


class Build(Protocol):
    """Makes the normalizer of `convention`, with its index compiled into the SQLite file `store`
    (None: in memory); `Normalizer` itself is one."""

    def __call__(self, convention: Convention, *, store: Path | None) -> Normalizer: ...


def cached(convention: Convention, choice: tuple[object, ...], build: Build, known_key: str = "") -> Normalizer:
    """The normalizer for `convention` and `choice` (what else it is built with: the tuning's
    `cache_key`, the allow-list), from the cache or built (and stored)."""
    folder = usable_cache_dir()
    if folder is None:
        return build(convention, store=None)
    path = folder / f"{known_key or key(convention, choice)}.pickle"
    found = load_pickle(path)
    if isinstance(found, Normalizer):
        return found
    normalizer = _compiled(convention, build, path.with_suffix(".sqlite"))
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
            kind = re.fullmatch(_OURS, path.name)
            if kind is None:  # never anything the cache did not write, whatever the folder holds
                continue
            age = 1 if kind.group("temporary") else days
            with contextlib.suppress(OSError):
                if now - path.stat().st_mtime > age * 86400:
                    path.unlink()


# the names of the files the cache writes: normalizers and their indexes, manifests, findings of
# earlier runs (normalizer.remember), Zipf
# tables (.pickle: of older versions), and (from tempfile.mkstemp) the temporary files of writes
# (compiled by `re` when first used: a run that prunes nothing does not compile it)
_OURS = (
    r"[0-9a-f]{32}\.(?:pickle|sqlite)|(?:conventions|results)-[0-9a-f]{32}\.json|zipf-[\w.-]+\.(?:bin|pickle)"
    r"|(?P<temporary>\.[a-z0-9_]{8}\.tmp)"
)


def _compiled(convention: Convention, build: Build, path: Path) -> Normalizer:
    """The normalizer `build` makes with its index compiled to `path`; where that file cannot be
    written, with its index in memory."""
    from normalizer.store import StoreError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return build(convention, store=path)
    except (OSError, sqlite3.Error, StoreError):
        return build(convention, store=None)


def load_normalizer(names: Sequence[str], choice: tuple[object, ...], build: Build) -> Normalizer:
    """The normalizer for the conventions `names` (shipped names or paths) and `choice`.

    A run that built or found it leaves a manifest: the files the conventions were read from
    (with `extends`), their digests and the key of the normalizer. While the files are
    unchanged, later runs take the normalizer without parsing any convention: at 100,000
    entries reading the YAML costs far more than the cached index."""
    folder = usable_cache_dir()
    if folder is None:
        return build(load_conventions(list(names)), store=None)
    manifest = folder / f"conventions-{_manifest_key(names, choice)}.json"
    found = _from_manifest(manifest)
    if found is not None:
        return found
    convention = load_conventions(list(names))
    normalizer_key = key(convention, choice)
    normalizer = cached(convention, choice, build, normalizer_key)
    sources = [str(Path(source).resolve()) for source in convention.sources]
    with contextlib.suppress(OSError):
        record = {"key": normalizer_key, "sources": [[path, _file_digest(path)] for path in sources]}
        store_authenticated(manifest, json.dumps(record).encode())
    return normalizer


def _manifest_key(names: Sequence[str], choice: tuple[object, ...]) -> str:
    digest = hashlib.sha256()
    for part in (code_digest(), wordfreq_version(), repr(choice), os.getcwd(), *names):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()[:32]


def _file_digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _from_manifest(manifest: Path) -> Normalizer | None:
    """The normalizer a manifest names, when all its convention files are as recorded."""
    data = load_authenticated(manifest)
    if data is None:
        return None
    try:
        record = json.loads(data)
        if not _KEY.fullmatch(record["key"]):  # a key, never a path elsewhere
            return None
        unchanged = record["sources"] and all(_file_digest(path) == digest for path, digest in record["sources"])
        found = load_pickle(manifest.parent / f"{record['key']}.pickle") if unchanged else None
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
        if not (isinstance(pid[1], str) and _COMPILED.fullmatch(pid[1])):  # a file beside the pickle
            raise pickle.UnpicklingError(f"not a compiled index: {pid[1]!r}")
        try:
            index = StoredIndex(self.folder / str(pid[1]))
        except StoreError as exc:
            raise pickle.UnpicklingError(str(exc)) from None
        touch(self.folder / str(pid[1]))
        return index


def load_pickle(path: Path) -> object | None:
    """What `store_pickle` wrote at `path`, or None when it is missing, stale, corrupt or not
    authenticated (see `load_authenticated`): only what this user's runs wrote is unpickled."""
    data = load_authenticated(path)
    if data is None:
        return None
    try:
        found: object = _Unpickler(io.BytesIO(data), path.parent).load()
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return found


def store_pickle(path: Path, value: object) -> None:
    """Write `value` to `path` (see `store_authenticated`)."""
    buffer = io.BytesIO()
    _Pickler(buffer, path.parent).dump(value)
    store_authenticated(path, buffer.getvalue())


_KEY = re.compile(r"[0-9a-f]{32}")
_COMPILED = re.compile(r"[0-9a-f]{32}\.sqlite")
