"""The cache folder and what may be read back from it, apart from the engine (so that the word
tables of `lexicon` and the built normalizers of `cache` share it without an import circle).

The folder is $NORMALIZER_CACHE_DIR, else $XDG_CACHE_HOME/normalizer, else ~/.cache/normalizer;
it is not used at all when it belongs to another user or others may write to it. Files read back
are authenticated: the HMAC-SHA256 of the file's name and data, with a secret key that lives
outside the folder ($NORMALIZER_KEY_FILE, else $XDG_CONFIG_HOME/normalizer/cache.key, else
~/.config/normalizer/cache.key, 32 random bytes made on first use, mode 0600).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import importlib.util
import os
import stat
import sys
from functools import lru_cache
from pathlib import Path


def cache_dir() -> Path:
    explicit = os.environ.get("NORMALIZER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "normalizer"


def key_file() -> Path:
    """Where the secret key that authenticates the cache files lives: never in the cache folder."""
    explicit = os.environ.get("NORMALIZER_KEY_FILE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "normalizer" / "cache.key"


KEY_BYTES = 32
_noticed: list[str] = []  # the notice that the cache is not used is printed once per process


def _notice(message: str) -> None:
    if not _noticed:
        _noticed.append(message)
        with contextlib.suppress(OSError, ValueError):  # stderr closed: the run goes on
            print(f"normalizer: {message}; running without the cache", file=sys.stderr)


def _unsafe(info: os.stat_result) -> str:
    """Why a folder or key file with this status may not be trusted ('' when it may): it
    belongs to another user, or others may write to it."""
    if not hasattr(os, "geteuid"):  # pragma: no cover - Windows: no owners and modes to check
        return ""
    if info.st_uid != os.geteuid():
        return "is owned by another user"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "is writable by group or others"
    return ""


def usable_cache_dir() -> Path | None:
    """The cache folder (created when missing), or None when the cache is not to be used: turned
    off, not creatable, not safe (see `_unsafe`), or without a secret key (see `_secret`)."""
    if os.environ.get("NORMALIZER_NO_CACHE"):
        return None
    folder = cache_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:  # a read-only place only costs speed, as an unwritable cache always did
        return None
    problem = "is not a folder" if not stat.S_ISDIR(info.st_mode) else _unsafe(info)
    if problem:
        _notice(f"the cache folder {folder} {problem}")
        return None
    return folder if _secret(folder) is not None else None


_secrets: dict[str, bytes] = {}  # key file -> its key, read once per process


def _secret(folder: Path) -> bytes | None:
    """The secret key of the cache files (created on first use), or None when there is none to
    be had or trusted."""
    path = key_file()
    with contextlib.suppress(OSError):
        if path.resolve().is_relative_to(folder.resolve()):
            _notice(f"the key file {path} lies in the cache folder")
            return None
    found = _secrets.get(str(path))
    if found is not None:
        return found
    try:
        found = _read_key(path)
        if found is None:
            _create_key(path)
            found = _read_key(path)
    except OSError:  # no config folder to be had (read-only home): only costs speed
        return None
    except ValueError as exc:
        _notice(f"the key file {path} {exc}")
        return None
    if found is not None:
        _secrets[str(path)] = found
    return found


def _read_key(path: Path) -> bytes | None:
    """The key in `path`, None when there is no such file; ValueError when it is not to be trusted."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return None
    with handle:
        info = os.fstat(handle.fileno())
        problem = _unsafe(info)
        if not problem and hasattr(os, "geteuid") and info.st_mode & 0o077:
            problem = "is readable by group or others (chmod 600 it)"
        data = handle.read(KEY_BYTES + 1)
    if problem:
        raise ValueError(problem)
    if len(data) != KEY_BYTES:
        raise ValueError(f"does not hold {KEY_BYTES} bytes")
    return data


def _create_key(path: Path) -> None:
    """Write a new random key to `path`, atomically: it is written in full to a temporary file
    (mode 0600) that is then linked to `path`; where another run was first, its key stays."""
    import secrets
    import tempfile  # imported where a file is written: a run from the cache writes none

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(KEY_BYTES))
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The package's code and data tables: a cached index is only read back by the code that
    wrote it, even between two builds of the same version."""
    package = os.path.dirname(os.path.abspath(__file__))
    names = [name for name in os.listdir(package) if name.endswith(".py")]
    for folder, _, files in os.walk(os.path.join(package, "data")):
        inside = os.path.relpath(folder, package).replace(os.sep, "/")
        names += [f"{inside}/{name}" for name in files if name.endswith(".yaml")]
    digest = hashlib.sha256()
    for name in sorted(names):
        digest.update(name.encode())
        with open(os.path.join(package, name), "rb") as handle:
            digest.update(handle.read())
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


def touch(path: Path) -> None:
    """Mark a cache file as used (see `prune`)."""
    with contextlib.suppress(OSError):
        os.utime(path)


# an authenticated cache file: this line, the HMAC-SHA256 of the file's name and data, the data
_MAGIC = b"normalizer cache, hmac-sha256\n"


def _mac(secret: bytes, name: str, data: bytes | memoryview) -> bytes:
    """The MAC covers the name too: a file cannot stand in for another one of the cache."""
    mac = hmac.new(secret, name.encode() + b"\0", hashlib.sha256)
    mac.update(data)
    return mac.digest()


def load_authenticated(path: Path) -> bytes | None:
    """The data `store_authenticated` wrote at `path`, or None when the file is missing or its
    MAC does not check out with this user's key; such a file is removed (it is rebuilt), and
    nothing of it is used."""
    secret = _secret(path.parent)
    if secret is None:
        return None
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    start = len(_MAGIC) + hashlib.sha256().digest_size
    data = memoryview(blob)[start:]
    if not (blob.startswith(_MAGIC) and hmac.compare_digest(blob[len(_MAGIC) : start], _mac(secret, path.name, data))):
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    touch(path)
    return bytes(data)


def store_authenticated(path: Path, data: bytes) -> None:
    """Write `data` to `path` with its MAC (see `store_bytes`); without a key, nothing is written."""
    secret = _secret(path.parent)
    if secret is not None:
        store_bytes(path, _MAGIC + _mac(secret, path.name, data) + data)


def store_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename; a read-only or full
    cache folder only costs speed."""
    import tempfile  # imported where a file is written: a run from the cache writes none

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
