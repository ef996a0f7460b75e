"""Errors meant for users: each renders as one line naming the file (and line, column)."""

from __future__ import annotations


class NormalizerError(Exception):
    """Base class of the errors that the CLI reports as one line with exit code 2."""


class ConventionError(NormalizerError):
    """A convention file that cannot be loaded: names the file, line and column."""

    def __init__(self, path: str, message: str, line: int | None = None, col: int | None = None):
        self.path = path
        self.line = line
        self.col = col
        self.message = message
        where = path if line is None else f"{path}:{line}:{col if col is not None else 1}"
        super().__init__(f"{where}: {message}")


class InputError(NormalizerError):
    """An input text that cannot be processed (missing, not UTF-8, ...)."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = path
        self.line = line
        where = path if line is None else f"{path}:{line}"
        super().__init__(f"{where}: {message}")
