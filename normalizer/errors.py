"""Errors meant for users: each renders as one line naming the file (and line, column)."""

from __future__ import annotations

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape(text: str) -> str:
    """`text` safe to print on one line: line breaks, control and other unprintable characters
    (ANSI escapes, NEL, U+2028, bidi controls, ...) written as Python escapes (\\n, \\x1b,
    \\u2028); printable characters, non-ASCII letters included, stay as they are."""
    if text.isprintable():
        return text
    return "".join(_escape_char(c) for c in text)


def _escape_char(char: str) -> str:
    if char.isprintable():
        return char
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def quote(value: object) -> str:
    """A value from a user's file as a message quotes it: in single quotes, escaped like
    Python's repr (a backslash doubled, so that an escape in the output is never ambiguous)."""
    return "'" + escape(str(value).replace("\\", "\\\\")) + "'"


class NormalizerError(Exception):
    """Base class of the errors that the CLI reports as one line with exit code 2."""


class FileError(NormalizerError):
    """A file of settings that cannot be used: names the file, line and column.

    Values from the file belong in the message as `quote(value)`; the path is escaped here."""

    def __init__(self, path: str, message: str, line: int | None = None, col: int | None = None):
        self.path = path
        self.line = line
        self.col = col
        self.message = message
        label = escape(path)
        where = label if line is None else f"{label}:{line}:{col if col is not None else 1}"
        super().__init__(f"{where}: {message}")


class ConventionError(FileError):
    """A convention file that cannot be loaded."""


class ConfigError(FileError):
    """A configuration file (`.normalizer.yaml`, `[tool.normalizer]`) with a wrong key or value."""


class InputError(NormalizerError):
    """An input text that cannot be processed (missing, not UTF-8, ...). The path is escaped
    here (a file name with a line break or an ANSI escape is printed as `\\n`, `\\x1b`);
    `path` keeps it as given."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = path
        self.line = line
        self.message = message
        label = escape(path)
        where = label if line is None else f"{label}:{line}"
        super().__init__(f"{where}: {message}")


class SkippedFileError(InputError):
    """A file that is not processed, for a reason that is no error: a binary file, a FIFO, a
    device, a socket, a file over the size limit. Reported as a notice, `{path}: skipped,
    {message}`."""
