"""The state of `suggest --state FILE`: the unlisted names found in each text of an archive, so that
a second run over it extracts names only from the texts that changed.

A text's names are kept under the SHA-256 of its bytes and of the settings that govern it (the
file's settings as `Configs.for_path` gives them), its path aside: a text that is moved or copied
is not read again either. The whole state holds only while the code, the word lists and the
settings and convention files the run read (by their SHA-256) are what they were when it was
written; otherwise it is started afresh. Texts no longer in the archive are dropped when it is
written again. It is JSON, data only; a file that is no state of this command is never
overwritten (an error names it), one that is damaged is started afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from normalizer.errors import InputError
from normalizer.files import display
from normalizer.unlisted import Mention

FORMAT = "normalizer suggest state"
VERSION = 1
_FIELDS = ("spelling", "start", "end", "line", "column", "kept", "given", "kind")  # a Mention's, its path aside
_NUMBERS = frozenset({"start", "end", "line", "column"})


class State:
    """The names of the texts read so far: `get` those of a text not changed, `put` those of a
    text read now, `save` what this run used."""

    def __init__(self, path: Path, code: str):
        self.path = path
        self.code = code  # the code and word lists that extract the names
        self.sources: set[Path] = set()  # the settings and convention files the names were found with
        self._known: dict[str, tuple[str, list[list[object]]]] = {}  # key → (language, mentions)
        self._used: dict[str, tuple[str, list[list[object]]]] = {}
        self._load()

    def _load(self) -> None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise InputError(display(self.path), f"cannot be read as the state of suggest: {exc.strerror}") from None
        try:
            data = json.loads(raw)
            ours = isinstance(data, dict) and data.get("format") == FORMAT
        except ValueError:
            ours = False
        if not ours:
            raise InputError(display(self.path), "is not a state file of normalizer suggest; remove it or give another")
        if data.get("version") != VERSION or data.get("code") != self.code or not _unchanged(data.get("sources")):
            return  # written by other code or with other settings: started afresh
        self.sources = {Path(str(s[0])) for s in data["sources"]}
        files = data.get("files")
        if isinstance(files, dict) and all(_valid(v) for v in files.values()):
            self._known = {k: (v[0], v[1]) for k, v in files.items()}

    def key(self, data: bytes, settings: object) -> str:
        return hashlib.sha256(hashlib.sha256(data).digest() + repr(settings).encode()).hexdigest()

    def get(self, key: str, label: str) -> tuple[str, tuple[Mention, ...]] | None:
        """The language and the unlisted names of the text `label` when it was read before."""
        found = self._known.get(key)
        if found is None:
            return None
        self._used[key] = found
        language, rows = found
        return language, tuple(Mention(**dict(zip(_FIELDS, row, strict=True)), path=label) for row in rows)  # type: ignore[arg-type]

    def put(self, key: str, language: str, mentions: Iterable[Mention]) -> None:
        rows = [[getattr(m, name) for name in _FIELDS] for m in mentions]
        self._used[key] = (language, rows)

    def save(self, sources: Iterable[Path]) -> None:
        """Write the names this run used, with the digests of the settings and convention
        files it read (`sources`; with those of the state read, whose names it may have used)."""
        data = {
            "format": FORMAT,
            "version": VERSION,
            "code": self.code,
            "sources": sorted([str(p), _digest(p)] for p in self.sources.union(sources)),
            "files": {k: [language, rows] for k, (language, rows) in self._used.items()},
        }
        temporary = self.path.with_name(
            f".{self.path.name}.{os.getpid()}.tmp"
        )  # renamed into place: never half written
        try:
            temporary.write_bytes(json.dumps(data, ensure_ascii=False).encode("utf-8"))
            os.replace(temporary, self.path)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise InputError(display(self.path), f"cannot be written: {exc.strerror}") from None


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _unchanged(sources: object) -> bool:
    return isinstance(sources, list) and all(
        isinstance(s, list) and len(s) == 2 and _digest(Path(str(s[0]))) == s[1] for s in sources
    )


def _valid(value: object) -> bool:
    """Whether a stored text's entry has the shape `put` writes: [language, [[fields], ...]]."""
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], list)):
        return False
    return all(
        isinstance(row, list)
        and len(row) == len(_FIELDS)
        and all(isinstance(v, int if name in _NUMBERS else str) for name, v in zip(_FIELDS, row, strict=True))
        for row in value[1]
    )
