"""Finding, reading and writing texts: folder walks, encodings, byte-exact round trips,
atomic rewrites.

Texts are UTF-8, with or without a BOM, unless another encoding is chosen (`--encoding
latin-1`): any codec that keeps ASCII as it is; a text is written back in its own encoding.
Line endings are whatever the file has (they are never translated). A rewrite goes to a
temporary file in the same folder, is flushed to disk and then renamed over the original,
keeping its permission bits, so a file is always either its old or its new content.
"""

from __future__ import annotations

import codecs
import contextlib
import fnmatch
import hashlib
import os
import re
import secrets
import stat
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from normalizer.errors import InputError, quote

if TYPE_CHECKING:
    import pathspec

BOM = "\ufeff"
UTF8 = "utf-8"
_ASCII_PROBE = '\t\n\r !"#-./09:<>?@AZ[\\]_az{}~'


def check_encoding(name: str) -> str:
    """`name` as it is to be used (every spelling of UTF-8, `utf-8-sig` too, becomes `utf-8`:
    a BOM is always kept as found), or a ValueError saying why it cannot be used: unknown, not a
    text encoding, or one that changes ASCII (UTF-16, UTF-32), whose files could not be
    rewritten byte for byte."""
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        raise ValueError(f"unknown encoding {quote(name)}") from None
    try:
        probe = _ASCII_PROBE.encode(canonical)
    except LookupError:  # base64, rot13, ...
        raise ValueError(f"{quote(name)} is not a text encoding") from None
    if canonical in (UTF8, "utf-8-sig"):
        return UTF8
    if probe != _ASCII_PROBE.encode("ascii"):
        raise ValueError(f"encoding {quote(name)} is not supported: it does not keep ASCII as it is")
    return name


@dataclass(frozen=True, slots=True)
class Text:
    """A decoded text and what is needed to write it back byte for byte."""

    content: str
    bom: bool = False
    digest: str = ""  # of the bytes as read, to notice a file changed by someone else meanwhile
    encoding: str = UTF8  # a codec name as check_encoding returns it
    label: str = ""  # the file, for errors

    def encode(self, content: str | None = None) -> bytes:
        """The bytes of `content` (default: the text as read) in the text's encoding; an error
        naming the line of the first character that the encoding cannot represent."""
        body = (BOM if self.bom else "") + (self.content if content is None else content)
        try:
            return body.encode(self.encoding)
        except UnicodeEncodeError as exc:
            char = body[exc.start]
            line = body.count("\n", 0, exc.start) + 1
            message = f"{quote(char)} (U+{ord(char):04X}) cannot be written in {self.encoding}; not rewritten"
            raise InputError(self.label, message, line) from None


def decode(data: bytes, label: str, encoding: str = UTF8) -> Text:
    """Decode the bytes of a text (a UTF-8 BOM kept aside) or raise an error naming the line of
    the first byte that is not valid in the encoding (as check_encoding returns it)."""
    try:
        content = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        name = "UTF-8" if encoding == UTF8 else encoding
        message = f"not valid {name} (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        raise InputError(label, message, line) from None
    bom = encoding == UTF8 and content.startswith(BOM)
    return Text(content[1:] if bom else content, bom, encoding=encoding, label=label)


def display(path: Path | str) -> str:
    """A path as it can be printed: bytes that are not UTF-8 shown as \\xNN escapes."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read(path: Path, encoding: str = UTF8) -> Text:
    """Read and decode a file; `encoding` as check_encoding returns it."""
    label = display(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(label, "no such file") from None
    except IsADirectoryError:
        raise InputError(label, "is a directory") from None
    except OSError as exc:
        raise InputError(label, f"cannot read: {exc.strerror or exc}") from None
    if b"\x00" in data[:8192]:
        raise InputError(label, "looks like a binary file (contains NUL bytes)")
    return replace(decode(data, label, encoding), digest=_digest(data))


def _keep_owner(path: str, status: os.stat_result) -> None:
    """Give the new file the old one's owner and group, as far as this user may."""
    for uid in (status.st_uid, -1):
        try:
            os.chown(path, uid, status.st_gid)
            return
        except OSError:
            continue


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _unchanged(path: Path, label: str, expected: str, data: bytes) -> bool:
    """Whether `path` still holds the bytes read (digest `expected`): True to go ahead, False
    when it holds `data` already (another run wrote the same fix meanwhile: the file is right);
    any other change since it was read is an error."""
    current = path.read_bytes()
    if _digest(current) == expected:
        return True
    if current == data:
        return False
    raise InputError(label, "changed since it was read; not overwritten (run again)")


TMP_SUFFIX = ".normalizer-tmp"
_IN_FLIGHT: set[Path] = set()  # the temporary files this process is writing
# in the names of this run's temporary files; worker processes forked by the run share it
_RUN = secrets.token_hex(4)


def remove_temporary_files() -> None:
    """Remove the temporary files this process is writing: for a signal handler that ends the
    process at once, without unwinding `write_atomic`."""
    for tmp in list(_IN_FLIGHT):
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def remove_stray_temporary_files(paths: Iterable[Path]) -> None:
    """Remove the temporary files that this run (this process or its workers) left next to
    `paths`: a worker killed outright (SIGKILL) cannot remove its own. Other runs' files stay."""
    for folder in {path.parent for path in paths}:
        with contextlib.suppress(OSError):
            for stray in folder.glob(f".*.{_RUN}*{TMP_SUFFIX}"):
                with contextlib.suppress(OSError):
                    stray.unlink()


def write_atomic(path: Path, data: bytes, expected: str = "") -> None:
    """Replace `path` with `data` atomically, keeping the file's permission bits. With
    `expected` (the digest of the bytes that were read), a file that has changed since is not
    overwritten: someone else's newer text wins over a fix of the old one. A file that holds
    `data` by then (written by an overlapping run) is left as it is, and that is no error.

    A symbolic link is kept and its target rewritten, if the target lies in the link's folder
    or below it; a link that leads elsewhere is refused.
    """
    label = display(path)
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(path.parent.resolve()):
            raise InputError(label, f"is a symbolic link to {target}, outside its folder: not rewritten")
        path = target
    try:
        status = path.stat()
        mode = stat.S_IMODE(status.st_mode)
    except OSError as exc:
        raise InputError(label, f"cannot stat: {exc.strerror or exc}") from None
    # The temporary file's name is chosen before it exists, so that an interruption at any
    # moment (even right after it was created) knows what to remove.
    tmp = path.parent / f".{path.name}.{_RUN}{secrets.token_hex(6)}{TMP_SUFFIX}"
    _IN_FLIGHT.add(tmp)
    try:
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            if isinstance(exc, FileExistsError):
                raise
            raise InputError(label, f"cannot write in {display(path.parent)}: {exc.strerror or exc}") from None
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_owner(str(tmp), status)
        os.chmod(tmp, mode)
        if expected and not _unchanged(path, label, expected, data):
            os.unlink(tmp)  # it already holds `data`: nothing to do
            return
        os.replace(tmp, path)
    except BaseException as exc:
        if not isinstance(exc, FileExistsError):  # never remove a file this run did not create
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(label, f"cannot write: {exc.strerror or exc}") from None
        raise
    finally:
        _IN_FLIGHT.discard(tmp)


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
    globs (default: version-control and tool folders) and extra excludes."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    gitignore: bool = True

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


@lru_cache(maxsize=16)
def _globs(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for several globs, with fnmatch's meaning (compiled once, not per path)."""
    return re.compile("|".join(map(fnmatch.translate, patterns)) if patterns else "(?!)")


def collect(paths: list[Path], selection: Selection) -> Collected:
    """Expand folders (recursively, honouring .gitignore files and the selection); files given
    by name are always taken. Symbolic links to folders are not followed."""
    files: list[Path] = []
    notices: list[str] = []
    errors: list[str] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = _walk(path, selection, notices, errors)
        elif path.exists() or path.is_symlink():
            found = [path]
        else:
            found = [path]  # reported as missing when read
        for item in found:
            key = Path(os.path.abspath(item))
            if key not in seen:
                seen.add(key)
                files.append(item)
    return Collected(tuple(files), tuple(notices), tuple(errors))


def _walk(root: Path, selection: Selection, notices: list[str], errors: list[str]) -> list[Path]:
    found: list[Path] = []
    ignores: list[tuple[Path, pathspec.PathSpec[Any]]] = []
    for folder, dirs, names in os.walk(root, followlinks=False, onerror=lambda e: errors.append(_walk_error(e))):
        here = Path(folder)
        if selection.gitignore and (here / ".gitignore").is_file():
            ignores.append((here, _gitignore(here / ".gitignore")))
        relative_dir = here.relative_to(root).as_posix()
        kept = []
        for name in sorted(dirs):
            rel = name if relative_dir == "." else f"{relative_dir}/{name}"
            if (here / name).is_symlink():
                notices.append(f"{display(here / name)}: symbolic link to a folder, not followed")
            elif not selection.excluded(rel) and not _ignored(here / name, ignores, folder=True):
                kept.append(name)
        dirs[:] = kept
        for name in sorted(names):
            rel = name if relative_dir == "." else f"{relative_dir}/{name}"
            path = here / name
            if selection.included(rel) and not selection.excluded(rel) and not _ignored(path, ignores):
                found.append(path)
    return found


def _walk_error(error: OSError) -> str:
    return f"{display(error.filename)}: cannot read folder: {error.strerror or error}"


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
