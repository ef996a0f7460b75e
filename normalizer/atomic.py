"""Atomic rewrites of texts.

A rewrite goes to a temporary file in the same folder, is flushed to disk and then renamed over
the original, keeping its permission bits and (as far as allowed) its owner and extended
attributes, so a file is always either its old or its new content. A file with more than one
hard link keeps them: once the temporary copy is complete and synced, the new content is written
into the file itself.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import signal
import stat
import time
from collections.abc import Iterable
from pathlib import Path

from normalizer.errors import InputError
from normalizer.files import display, opened, shown


def _keep_owner(path: str, status: os.stat_result) -> None:
    """Give the new file the old one's owner and group, as far as this user may."""
    for uid in (status.st_uid, -1):
        try:
            os.chown(path, uid, status.st_gid)
            return
        except OSError:
            continue


_BLOCK = 1 << 20  # bytes read at a time when a file is compared or copied


def _unchanged(path: Path, label: str, expected: str, written: Path) -> bool:
    """Whether `path` still holds the bytes read (digest `expected`): True to go ahead, False
    when it holds what was `written` to the temporary file already (another run wrote the same
    fix meanwhile: the file is right); any other change since it was read is an error."""
    digest = hashlib.sha256()
    same = True
    with opened(path, label) as (current, _), open(written, "rb") as new:
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
_RUN = os.urandom(4).hex()  # (as secrets.token_hex, without importing secrets and random)
# `.NAME.<run: 8 hex><random: 12 hex>-<pid of the writer>.normalizer-tmp` (without `-<pid>`
# before pids were part of the name)
# (compiled by `re` when first used: a run that writes no file does not compile it)
_TMP_NAME = r"(?s)\..+\.[0-9a-f]{20}(?:-(?P<pid>[0-9]+))?" + re.escape(TMP_SUFFIX)
STALE_AFTER = 3600.0  # seconds: a temporary file this old is left over, whoever wrote it
_SWEPT: set[Path] = set()  # the folders whose stale temporary files this process removed


def _temporary_name(path: Path) -> Path:
    return path.parent / f".{path.name}.{_RUN}{os.urandom(6).hex()}-{os.getpid()}{TMP_SUFFIX}"


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
        match = re.fullmatch(_TMP_NAME, name)
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
