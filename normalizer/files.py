"""Reading texts: encodings, byte-exact round trips, the paths as they are printed.

Texts are UTF-8, with or without a BOM, unless another encoding is chosen (`--encoding
latin-1`): any codec that keeps ASCII as it is; a text is written back in its own encoding
(`normalizer.atomic`). Line endings are whatever the file has (they are never translated).

Only regular files are read (a symbolic link is followed to one): FIFOs, devices and sockets are
skipped, checked before they are opened, and so is a file over the size limit.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from normalizer.errors import InputError, SkippedFileError, escape, quote

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


class Text(NamedTuple):
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
_SIZE = r"(?i)\s*(\d+)\s*([kmg]?)(?:i?b)?\s*"  # compiled by `re` when first used


def parse_size(value: str | int) -> int:
    """A size in bytes: a number of bytes, or one with a unit K, M, G (powers of 1024: `64M`,
    `64MiB`, `512k`); 0 means no limit. A ValueError for anything else."""
    if isinstance(value, bool):
        raise ValueError(f"{quote(value)} is not a size")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"{quote(value)} is not a size")
        return value
    match = re.fullmatch(_SIZE, value)
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
    return read_with_status(path, label, max_size)[0]


def read_with_status(path: Path, label: str = "", max_size: int = 0) -> tuple[bytes, os.stat_result]:
    """`read_bytes`, and the status of the file opened, taken before its bytes were read."""
    label = label or display(path)
    with opened(path, label, max_size) as (handle, status):
        data = handle.read(status.st_size + 1)  # one buffer of the right size
        if len(data) > status.st_size:  # it grew since: the rest, within the limit
            data += handle.read(max_size + 1 - len(data)) if max_size else handle.read()
    if max_size and len(data) > max_size:
        raise SkippedFileError(label, f"over the size limit of {_size(max_size)} (--max-file-size)")
    return data, status


@contextlib.contextmanager
def opened(path: Path, label: str, max_size: int = 0) -> Iterator[tuple[BinaryIO, os.stat_result]]:
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


def is_among(status: os.stat_result, others: Iterable[os.stat_result]) -> bool:
    """Whether the file of `status` is the file of one of `others` (the same file on disk)."""
    return any(os.path.samestat(status, other) for other in others)


def read(path: Path, encoding: str = UTF8, max_size: int = DEFAULT_MAX_FILE_SIZE) -> Text:
    """Read and decode a regular file of at most `max_size` bytes (0: no limit); `encoding` as
    check_encoding returns it. A binary file, a FIFO, device or socket and a file over the
    limit raise SkippedFileError (an InputError)."""
    label = display(path)
    data = read_bytes(path, label, max_size)
    if b"\x00" in data[:8192]:
        raise SkippedFileError(label, "looks like a binary file")
    return decode(data, label, encoding)._replace(digest=hashlib.sha256(data).hexdigest())
