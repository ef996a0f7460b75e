"""Finding, reading and writing texts: folder walks, encodings, byte-exact round trips,
atomic rewrites.

Texts are UTF-8, with or without a BOM, unless another encoding is chosen (`--encoding
latin-1`): any codec that keeps ASCII as it is; a text is written back in its own encoding.
Line endings are whatever the file has (they are never translated). A rewrite goes to a
temporary file in the same folder, is flushed to disk and then renamed over the original,
keeping its permission bits and (as far as allowed) its owner and extended attributes, so a file
is always either its old or its new content. A file with more than one hard link keeps them: once
the temporary copy is complete and synced, the new content is written into the file itself.

Only regular files are read (a symbolic link is followed to one): FIFOs, devices and sockets are
skipped, checked before they are opened, and so is a file over the size limit.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import fnmatch
import hashlib
import os
import re
import secrets
import signal
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from normalizer.errors import InputError, SkippedFileError, escape, quote

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
        return b"".join(self.encode_pieces([self.content if content is None else content]))

    def encode_pieces(self, pieces: Iterable[str]) -> Iterator[bytes]:
        """`encode` of the text made of `pieces`, a piece at a time."""
        encoder = codecs.getincrementalencoder(self.encoding)()
        if self.bom:
            yield encoder.encode(BOM)
        line = 1
        for piece in pieces:
            try:
                yield encoder.encode(piece)
            except UnicodeEncodeError as exc:
                char = piece[exc.start]
                message = f"{quote(char)} (U+{ord(char):04X}) cannot be written in {self.encoding}; not rewritten"
                raise InputError(self.label, message, line + piece.count("\n", 0, exc.start)) from None
            line += piece.count("\n")
        yield encoder.encode("", final=True)


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


def shown(path: Path | str) -> str:
    """A path as it is printed on a terminal or in a log: `display`, with line breaks, ANSI
    escapes and other control characters escaped (`errors.escape`)."""
    return escape(display(path))


DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024  # bytes; 0 is no limit
_SIZE_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_SIZE = re.compile(r"\s*(\d+)\s*([kmg]?)(?:i?b)?\s*", re.IGNORECASE)


def parse_size(value: str | int) -> int:
    """A size in bytes: a number of bytes, or one with a unit K, M, G (powers of 1024: `64M`,
    `64MiB`, `512k`); 0 means no limit. A ValueError for anything else."""
    if isinstance(value, bool):
        raise ValueError(f"{quote(value)} is not a size")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"{quote(value)} is not a size")
        return value
    match = _SIZE.fullmatch(value)
    if not match:
        raise ValueError(f"{quote(value)} is not a size (a number of bytes, or with K, M or G: 64M)")
    return int(match[1]) * _SIZE_UNITS[match[2].lower()]


def _size(size: int) -> str:
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _check_regular(status: os.stat_result, label: str, max_size: int) -> None:
    """An error unless `status` is of a regular file within the size limit (0: none): a
    directory is an error, anything else that is no regular file, or too big, is skipped."""
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise InputError(label, "is a directory")
    if not stat.S_ISREG(mode):
        kind = next((f" ({name})" for test, name in _KINDS if test(mode)), "")
        raise SkippedFileError(label, f"not a regular file{kind}")
    if max_size and status.st_size > max_size:
        limit = _size(max_size)
        raise SkippedFileError(label, f"{status.st_size} bytes, over the size limit of {limit} (--max-file-size)")


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_bytes(path: Path, label: str = "", max_size: int = 0) -> bytes:
    """The bytes of `path` if it is a regular file (a symbolic link is followed to one) of at
    most `max_size` bytes (0: no limit). Anything else is never read: a FIFO, device or socket
    is refused before it is opened (and opened without blocking, so that one swapped in
    meanwhile cannot block either), with SkippedFileError, as is a file over the limit."""
    label = label or display(path)
    with _opened(path, label, max_size) as (handle, status):
        data = handle.read(status.st_size + 1)  # one buffer of the right size
        if len(data) > status.st_size:  # it grew since: the rest, within the limit
            data += handle.read(max_size + 1 - len(data)) if max_size else handle.read()
    if max_size and len(data) > max_size:
        raise SkippedFileError(label, f"over the size limit of {_size(max_size)} (--max-file-size)")
    return data


@contextlib.contextmanager
def _opened(path: Path, label: str, max_size: int = 0) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """`path` open for reading, and its status, as `read_bytes` reads it; an error while it is
    read is reported as InputError."""
    try:
        _check_regular(os.stat(path), label, max_size)
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise InputError(label, "no such file") from None
    except IsADirectoryError:
        raise InputError(label, "is a directory") from None
    except OSError as exc:
        raise InputError(label, f"cannot read: {exc.strerror or exc}") from None
    try:
        status = os.fstat(fd)
        _check_regular(status, label, max_size)  # the file opened is the one checked
        with open(fd, "rb", closefd=False) as handle:
            yield handle, status
    except BlockingIOError:
        raise SkippedFileError(label, "not a regular file") from None
    except OSError as exc:
        raise InputError(label, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def read(path: Path, encoding: str = UTF8, max_size: int = DEFAULT_MAX_FILE_SIZE) -> Text:
    """Read and decode a regular file of at most `max_size` bytes (0: no limit); `encoding` as
    check_encoding returns it. A binary file, a FIFO, device or socket and a file over the
    limit raise SkippedFileError (an InputError)."""
    label = display(path)
    data = read_bytes(path, label, max_size)
    if b"\x00" in data[:8192]:
        raise SkippedFileError(label, "looks like a binary file")
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


_BLOCK = 1 << 20  # bytes read at a time when a file is compared or copied


def _unchanged(path: Path, label: str, expected: str, written: Path) -> bool:
    """Whether `path` still holds the bytes read (digest `expected`): True to go ahead, False
    when it holds what was `written` to the temporary file already (another run wrote the same
    fix meanwhile: the file is right); any other change since it was read is an error."""
    digest = hashlib.sha256()
    same = True
    with _opened(path, label) as (current, _), open(written, "rb") as new:
        while block := current.read(_BLOCK):
            digest.update(block)
            same = same and new.read(len(block)) == block
        same = same and not new.read(1)
    if digest.hexdigest() == expected:
        return True
    if same:
        return False
    raise InputError(label, "changed since it was read; not overwritten (run again)")


TMP_SUFFIX = ".normalizer-tmp"
_IN_FLIGHT: set[Path] = set()  # the temporary files this process is writing
# in the names of this run's temporary files; worker processes forked by the run share it
_RUN = secrets.token_hex(4)
# `.NAME.<run: 8 hex><random: 12 hex>-<pid of the writer>.normalizer-tmp` (without `-<pid>`
# before pids were part of the name)
_TMP_NAME = re.compile(r"\..+\.[0-9a-f]{20}(?:-(?P<pid>[0-9]+))?" + re.escape(TMP_SUFFIX), re.DOTALL)
STALE_AFTER = 3600.0  # seconds: a temporary file this old is left over, whoever wrote it
_SWEPT: set[Path] = set()  # the folders whose stale temporary files this process removed


def _temporary_name(path: Path) -> Path:
    return path.parent / f".{path.name}.{_RUN}{secrets.token_hex(6)}-{os.getpid()}{TMP_SUFFIX}"


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # on Windows, os.kill would end the process
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError, ValueError):  # no such process (or no such pid at all)
        return False
    except OSError:  # EPERM: another user's process
        return True
    return True


def remove_stale_temporary_files(folder: Path) -> list[Path]:
    """Remove the temporary files that earlier runs left in `folder` when they were killed
    outright (SIGKILL, power loss): files of this module's naming pattern, regular files of
    this user, that are older than STALE_AFTER or whose writer's process (the pid in the name)
    is gone. Nothing else is ever removed. Returns what was removed."""
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    now = time.time()
    uid = os.getuid() if hasattr(os, "getuid") else None
    for name in names:
        match = _TMP_NAME.fullmatch(name)
        if not match:
            continue
        path = folder / name
        if path in _IN_FLIGHT:
            continue
        try:
            status = os.lstat(path)
        except OSError:
            continue
        if not stat.S_ISREG(status.st_mode) or (uid is not None and status.st_uid != uid):
            continue
        age = now - status.st_mtime
        pid = match["pid"]
        writer_gone = pid is not None and not _alive(int(pid))
        if age > STALE_AFTER or writer_gone:
            with contextlib.suppress(OSError):
                os.unlink(path)
                removed.append(path)
    return removed


def _sweep_once(folder: Path) -> None:
    """Remove stale temporary files from `folder`, once per process."""
    if folder not in _SWEPT:
        _SWEPT.add(folder)
        remove_stale_temporary_files(folder)


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


def _copy_xattrs(source: Path, target: Path) -> None:
    """Copy the extended attributes (ACLs among them) of `source` to `target`, as far as this
    user may; never an error."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError:
        return
    for name in names:
        with contextlib.suppress(OSError):
            os.setxattr(target, name, os.getxattr(source, name))


def _write_in_place(path: Path, source: Path) -> None:
    """Write the bytes of the file `source` into the file `path` itself (its inode, so its hard
    links stay), with Ctrl-C and SIGTERM held back until it is written and synced."""
    held = {signal.SIGINT, signal.SIGTERM}
    masked = hasattr(signal, "pthread_sigmask")
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held) if masked else set()
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            status = os.fstat(fd)
            if not stat.S_ISREG(status.st_mode):
                raise OSError(0, "not a regular file any more")
            size = os.stat(source).st_size
            if size > status.st_size and hasattr(os, "posix_fallocate"):
                try:  # a full disk shows here, before a byte is changed
                    os.posix_fallocate(fd, 0, size)
                except OSError as exc:
                    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                        raise
            with open(source, "rb") as new:
                while block := new.read(_BLOCK):
                    view = memoryview(block)
                    while view:
                        view = view[os.write(fd, view) :]
            os.ftruncate(fd, size)
            os.fsync(fd)
        finally:
            os.close(fd)
    finally:
        if masked:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_atomic(path: Path, data: bytes | Iterable[bytes], expected: str = "") -> None:
    """Replace `path` with `data` (bytes, or pieces of them written as they come) atomically,
    keeping the file's permission bits, owner and extended attributes (as far as allowed).
    With `expected` (the digest of the bytes that were read), a file that has changed since is
    not overwritten: someone else's newer text wins over a fix of the old one. A file that holds
    `data` by then (written by an overlapping run) is left as it is, and that is no error.

    A symbolic link is kept and its target rewritten, if the target lies in the link's folder
    or below it; a link that leads elsewhere is refused. A file with more than one hard link
    keeps its links: the new content goes to a temporary copy first, which is synced, and is
    then written into the file itself (the copy is removed once that is synced too).
    Temporary files that killed runs left in the folder are removed first.
    """
    label = display(path)
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(path.parent.resolve()):
            raise InputError(label, f"is a symbolic link to {shown(target)}, outside its folder: not rewritten")
        path = target
    try:
        status = path.stat()
        mode = stat.S_IMODE(status.st_mode)
    except OSError as exc:
        raise InputError(label, f"cannot stat: {exc.strerror or exc}") from None
    if not stat.S_ISREG(status.st_mode):
        raise InputError(label, "not a regular file: not rewritten")
    _sweep_once(path.parent)
    # The temporary file's name is chosen before it exists, so that an interruption at any
    # moment (even right after it was created) knows what to remove.
    tmp = _temporary_name(path)
    _IN_FLIGHT.add(tmp)
    try:
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            if isinstance(exc, FileExistsError):
                raise
            raise InputError(label, f"cannot write in {shown(path.parent)}: {exc.strerror or exc}") from None
        with os.fdopen(fd, "wb") as handle:
            for block in [data] if isinstance(data, bytes) else data:
                handle.write(block)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_owner(str(tmp), status)
        _copy_xattrs(path, tmp)
        os.chmod(tmp, mode)
        if expected and not _unchanged(path, label, expected, tmp):
            os.unlink(tmp)  # it already holds `data`: nothing to do
            return
        if status.st_nlink > 1:
            _write_in_place(path, tmp)  # the synced copy stays until the file is synced too
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        else:
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
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = _walk(path, select, notices, errors)
        else:
            own = select(path.parent)  # a missing file is reported when it is read
            found = [] if own.force_exclude and own.excluded(own.relative(path, Path.cwd())) else [path]
        for item in found:
            key = Path(os.path.abspath(item))
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
        kept = []
        for name in sorted(dirs):
            path = here / name
            if path.is_symlink():
                notices.append(f"{shown(path)}: symbolic link to a folder, not followed")
            elif not selection.excluded(selection.relative(path, root)) and not _ignored(path, ignores, folder=True):
                kept.append(name)
        dirs[:] = kept
        for name in sorted(names):
            path = here / name
            rel = selection.relative(path, root)
            if selection.included(rel) and not selection.excluded(rel) and not _ignored(path, ignores):
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
