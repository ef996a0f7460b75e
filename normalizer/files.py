"""Reading and writing texts: encodings, byte-exact round trips, atomic rewrites.

Texts are UTF-8, with or without a BOM; line endings are whatever the file has (they are never
translated). A rewrite goes to a temporary file in the same folder, is flushed to disk and then
renamed over the original, keeping its permission bits, so a file is always either its old or
its new content.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from normalizer.errors import InputError

BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Text:
    """A decoded text and what is needed to write it back byte for byte."""

    content: str
    bom: bool = False

    def encode(self, content: str | None = None) -> bytes:
        body = self.content if content is None else content
        return ((BOM if self.bom else "") + body).encode("utf-8")


def decode(data: bytes, label: str) -> Text:
    """Decode UTF-8 (BOM kept aside) or raise an error naming the line of the first bad byte."""
    try:
        content = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(label, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", line) from None
    if content.startswith(BOM):
        return Text(content[1:], True)
    return Text(content, False)


def read(path: Path) -> Text:
    label = str(path)
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
    return decode(data, label)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically, keeping the file's permission bits.

    A symbolic link is kept and its target rewritten, if the target lies in the link's folder
    or below it; a link that leads elsewhere is refused.
    """
    label = str(path)
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(path.parent.resolve()):
            raise InputError(label, f"is a symbolic link to {target}, outside its folder: not rewritten")
        path = target
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError as exc:
        raise InputError(label, f"cannot stat: {exc.strerror or exc}") from None
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".normalizer-tmp", dir=folder)
    except OSError as exc:
        raise InputError(label, f"cannot write in {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(label, f"cannot write: {exc.strerror or exc}") from None
        raise
