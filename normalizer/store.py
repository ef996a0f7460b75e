"""An index compiled to an SQLite file, read a lookup at a time.

A convention of 100,000 entries has about a million forms; loading them all into memory at the
start of every run would cost seconds and hundreds of MB. `write_store` compiles an `Index` into
one SQLite file (built once, in the cache folder, next to the pickled normalizer); `StoredIndex`
answers the matcher's lookups (`index.Lookup`) from it with one indexed query each, and remembers
what it has read. A run then costs the same at 1,000 entries as at 100,000, and its memory is
what its texts touch.

The file is written to a temporary name and renamed, and never changed afterwards, so readers
open it immutable. It holds data only (text, integers, arrays of ids, JSON), never a pickle: a
file changed by someone else can at worst answer wrongly or be refused, never run code. A pickled
`StoredIndex` carries the file's bytes, so that a normalizer sent to another process or machine
(multiprocessing, Dask) needs no shared disk; the on-disk cache pickles only the path (see
`cache.py`).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from normalizer.conventions import KINDS, Entry, Example
from normalizer.errors import NormalizerError
from normalizer.index import Form, Index, Split, merge_blocks

FORMAT = 6  # the layout below; a file of another layout is not read
_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;
CREATE TABLE forms (
    id INTEGER PRIMARY KEY, text TEXT, folded TEXT, key TEXT, skeleton TEXT,
    entry INTEGER, part TEXT, origin TEXT, words INTEGER
);
CREATE TABLE spelled (k TEXT PRIMARY KEY, ids BLOB) WITHOUT ROWID;
CREATE TABLE folded (k TEXT PRIMARY KEY, ids BLOB) WITHOUT ROWID;
CREATE TABLE blocks (k TEXT PRIMARY KEY, ids BLOB, shapes TEXT) WITHOUT ROWID;
CREATE TABLE given (k TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE entries (id INTEGER PRIMARY KEY, entry TEXT, given TEXT, surname TEXT, given_ids BLOB);
"""


def _ids(numbers: Iterable[int]) -> bytes:
    return array("I", numbers).tobytes()


def _numbers(packed: bytes) -> list[int]:
    found = array("I")
    found.frombytes(packed)
    return found.tolist()


def write_store(index: Index, path: Path) -> None:
    """Compile `index` into an SQLite file at `path` (through a temporary file and a rename)."""
    import tempfile  # imported where a file is written: a run from the cache writes none

    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        try:
            _fill(db, index)
            db.commit()
        finally:
            db.close()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _fill(db: sqlite3.Connection, index: Index) -> None:
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.executescript(_SCHEMA)
    meta: dict[str, object] = {
        "format": FORMAT,
        "max_words": index.max_words,
        "protected": json.dumps(sorted(index.protected)),
        "hashes": _key_hashes([*index.exact, *index.folded, *index.blocks]).tobytes(),
    }
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    db.executemany("INSERT INTO forms VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ((i, *f) for i, f in enumerate(index.forms)))
    db.executemany("INSERT INTO spelled VALUES (?, ?)", ((k, _ids(v)) for k, v in index.exact.items()))
    db.executemany("INSERT INTO folded VALUES (?, ?)", ((k, _ids(v)) for k, v in index.folded.items()))
    rows = ((k, _ids(ids), "\n".join(shapes)) for k, (ids, shapes) in index.blocks.items())
    db.executemany("INSERT INTO blocks VALUES (?, ?, ?)", rows)
    db.executemany("INSERT INTO given VALUES (?)", ((k,) for k in index.given_folded))
    entries = (
        (i, _entry_json(entry), index.splits[i].given, index.splits[i].surname, _ids(index.givens.get(i, ())))
        for i, entry in enumerate(index.convention.entries)
    )
    db.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?)", entries)


def _hash(key: str) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass"))  # (a text read with surrogate escapes)


def _key_hashes(keys: Iterable[str]) -> array[int]:
    """The sorted, distinct hashes of the keys of the spelled, folded and blocks tables: most
    words of a text are none of them and share no block with any form, and a run tells so from
    this array without a query."""
    return array("I", sorted({_hash(key) for key in keys}))


def _entry_json(entry: Entry) -> str:
    examples = [[e.text, e.expected, e.line, e.source] for e in entry.examples]
    fields = [entry.canonical, entry.kind, entry.native, entry.source_lang, entry.aliases, examples, entry.fuzzy]
    return json.dumps([*fields, entry.origin, entry.native_other], ensure_ascii=False)


def _entry(text: str) -> Entry:
    """The entry `_entry_json` wrote (TypeError or ValueError when the row is not one)."""
    canonical, kind, native, source_lang, aliases, examples, fuzzy, origin, native_other = json.loads(text)
    if kind not in KINDS:
        raise ValueError(f"not a kind: {kind!r}")
    return Entry(
        str(canonical),
        kind,
        None if native is None else str(native),
        None if source_lang is None else str(source_lang),
        tuple(str(alias) for alias in aliases),
        tuple(Example(str(t), str(expected), int(line), str(source)) for t, expected, line, source in examples),
        bool(fuzzy),
        str(origin),
        tuple(str(other) for other in native_other),
    )


class StoreError(NormalizerError):
    """The file is missing, unreadable, of another format, or damaged."""


class StoredIndex:
    """The lookups of an `Index`, answered from a file written by `write_store`."""

    def __init__(self, path: Path | None, data: bytes = b""):
        """From the file at `path`, or (`path` None) from a copy of its bytes in memory."""
        self._path = path
        self._data = data
        self._local = threading.local()  # one connection per thread; reopened after a fork
        self._forms: dict[int, Form] = {}
        self._entries: dict[int, tuple[Entry, Split, list[int]]] = {}
        self._given: dict[str, bool] = {}
        self._givens: dict[int, list[Form]] = {}
        try:
            meta = dict(self._db().execute("SELECT name, value FROM meta"))
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: {exc}") from None
        if meta.get("format") != FORMAT:
            raise StoreError(f"{path}: not an index of format {FORMAT}")
        self._hashes = array("I")
        try:
            self.max_words = int(meta["max_words"])
            protected = json.loads(meta["protected"])
            self._hashes.frombytes(meta["hashes"])
        except (KeyError, TypeError, ValueError):
            raise StoreError(f"{path}: damaged") from None
        self._protected = frozenset(str(word) for word in protected)

    def _db(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            local.db, local.pid = self._connect(), os.getpid()
        db: sqlite3.Connection = local.db
        return db

    def _connect(self) -> sqlite3.Connection:
        try:
            if self._path is None:
                db = sqlite3.connect(":memory:", check_same_thread=False)
                db.deserialize(self._data)
            else:
                if not self._path.is_file():
                    raise StoreError(f"{self._path}: no such file")
                uri = f"file:{quote(str(self._path))}?mode=ro&immutable=1"
                db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            # as SQLite advises for files of unknown origin: views and triggers of the file call
            # nothing risky, and damaged pages are noticed
            db.execute("PRAGMA trusted_schema = OFF")
            db.execute("PRAGMA cell_size_check = ON")
            return db
        except sqlite3.Error as exc:
            raise StoreError(f"{self._path or 'index'}: {exc}") from None

    @property
    def path(self) -> Path | None:
        return self._path

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled with the file's bytes: the copy works where the file is not."""
        return (StoredIndex, (None, self._path.read_bytes() if self._path else self._db().serialize()))

    def _rows(self, sql: str, parameters: Sequence[object] = ()) -> list[Any]:
        """All rows of a query. A damaged file is removed, so that the next run compiles the
        index again, and reported as one line."""
        try:
            return self._db().execute(sql, parameters).fetchall()
        except sqlite3.Error as exc:
            raise self._damaged(exc) from None

    def _damaged(self, exc: Exception) -> StoreError:
        """The error for a damaged file, which is removed so that the next run compiles it again."""
        if self._path is not None:
            with contextlib.suppress(OSError):
                self._path.unlink()
        where = self._path or "the compiled index"
        return StoreError(f"{where}: damaged ({exc}); it was removed, the next run compiles it again")

    def _row(self, sql: str, parameters: Sequence[object]) -> Any:
        rows = self._rows(sql, parameters)
        return rows[0] if rows else None

    def form(self, number: int) -> Form:
        found = self._forms.get(number)
        if found is None:
            row = self._row("SELECT * FROM forms WHERE id = ?", (number,))
            if row is None:
                raise IndexError(number)
            found = self._forms[number] = Form(*row[1:])
        return found

    def _may_hold(self, key: str) -> bool:
        """False for a key of no table (a key whose hash collides with another's: True)."""
        hashes, wanted = self._hashes, _hash(key)
        at = bisect_left(hashes, wanted)
        return at < len(hashes) and hashes[at] == wanted

    def _ids(self, table: str, key: str) -> list[int]:
        if not self._may_hold(key):
            return []
        row = self._row(f"SELECT ids FROM {table} WHERE k = ?", (key,))
        return _numbers(row[0]) if row else []

    def spelled_as(self, casefolded: str) -> Sequence[int]:
        return self._ids("spelled", casefolded)

    def folded_as(self, folded: str) -> Sequence[int]:
        return self._ids("folded", folded)

    def is_given(self, folded: str) -> bool:
        found = self._given.get(folded)
        if found is None:
            found = self._given[folded] = self._row("SELECT 1 FROM given WHERE k = ?", (folded,)) is not None
        return found

    def is_protected(self, folded: str) -> bool:
        return folded in self._protected

    def _entry(self, number: int) -> tuple[Entry, Split, list[int]]:
        found = self._entries.get(number)
        if found is None:
            query = "SELECT entry, given, surname, given_ids FROM entries WHERE id = ?"
            row = self._row(query, (number,))
            if row is None:
                raise IndexError(number)
            try:
                found = (_entry(row[0]), Split(row[1], row[2]), _numbers(row[3]))
            except (TypeError, ValueError) as exc:
                raise self._damaged(exc) from None
            self._entries[number] = found
        return found

    def entry(self, number: int) -> Entry:
        return self._entry(number)[0]

    def split(self, entry: int) -> Split:
        return self._entry(entry)[1]

    def given_forms(self, entry: int) -> list[Form]:
        found = self._givens.get(entry)
        if found is None:
            found = self._givens[entry] = [self.form(i) for i in self._entry(entry)[2]]
        return found

    def fuzzy_block(self, words: int, keys: Iterable[str]) -> tuple[list[int], list[str]]:
        wanted = [block for block in (f"{words}{key}" for key in keys) if self._may_hold(block)]
        if not wanted:  # most words: no form shares a block with them
            return [], []
        marks = ", ".join("?" * len(wanted))
        rows = self._rows(f"SELECT ids, shapes FROM blocks WHERE k IN ({marks})", wanted)
        return merge_blocks((_numbers(ids), shapes.split("\n")) for ids, shapes in rows)
