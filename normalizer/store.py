"""An index compiled to an SQLite file, read a lookup at a time.

A convention of 100,000 entries has about a million forms; loading them all into memory at the
start of every run would cost seconds and hundreds of MB. `compile_index` writes them into one
SQLite file as they are found, without an index of them in memory (built once, in the cache
folder, next to the pickled normalizer); `StoredIndex` answers the matcher's lookups
(`index.Lookup`) from it with one indexed query each, and remembers what it has read. A run then
costs the same at 1,000 entries as at 100,000, and its memory is what its texts touch.

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
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby, islice
from operator import itemgetter
from pathlib import Path
from typing import Any
from urllib.parse import quote

from normalizer.conventions import KINDS, Convention, Entry, Example
from normalizer.errors import NormalizerError
from normalizer.index import Form, Split, entry_splits, forms_of, keys_of, merge_blocks
from normalizer.lexicon import Frequencies, GivenNames
from normalizer.textfold import fold
from normalizer.tuning import Tuning

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


def compile_index(
    convention: Convention, path: Path, names: GivenNames, frequencies: Frequencies, tuning: Tuning
) -> StoredIndex:
    """The index of `convention` compiled into an SQLite file at `path`, written as its forms
    are found: no `Index` of all of them is built in memory."""
    splits = entry_splits(convention)
    write_store(convention, splits, forms_of(convention, splits, names, frequencies, tuning, [], []), path)
    return StoredIndex(path)


def write_store(convention: Convention, splits: Sequence[Split], forms: Iterable[Form], path: Path) -> None:
    """Compile the index of `convention` (its entries' `splits`, its `forms` in the order they
    are numbered) into an SQLite file at `path`, through a temporary file and a rename."""
    import tempfile  # imported where a file is written: a run from the cache writes none

    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        try:
            _fill(db, convention, splits, forms)
            db.commit()
        finally:
            db.close()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# the keys of the name forms, a row for each (key, form), grouped into the tables above at the end
_STAGED = """
CREATE TEMP TABLE spelled_ids (k TEXT, id INTEGER);
CREATE TEMP TABLE folded_ids (k TEXT, id INTEGER);
CREATE TEMP TABLE block_ids (k TEXT, id INTEGER, shape TEXT);
"""
_BATCH = 10_000  # forms written at once


def _fill(db: sqlite3.Connection, convention: Convention, splits: Sequence[Split], forms: Iterable[Form]) -> None:
    """Write the forms and the keys of each as they come (nothing of them is kept), then group
    the keys into the look-up tables with SQL."""
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.executescript(_SCHEMA + _STAGED)
    max_words = 1
    numbered = enumerate(forms)
    while batch := list(islice(numbered, _BATCH)):
        db.executemany("INSERT INTO forms VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ((i, *f) for i, f in batch))
        names = [(i, form, keys_of(form)) for i, form in batch if form.part == "name"]
        db.executemany("INSERT INTO spelled_ids VALUES (?, ?)", ((keys.spelled, i) for i, _, keys in names))
        folded = ((k, i) for i, _, keys in names for k in keys.folded)
        db.executemany("INSERT INTO folded_ids VALUES (?, ?)", folded)
        blocks = ((k, i, form.skeleton) for i, form, keys in names for k in keys.blocks)
        db.executemany("INSERT INTO block_ids VALUES (?, ?, ?)", blocks)
        max_words = max([max_words, *(form.words for _, form, keys in names if keys.blocks)])
    for table in ("spelled", "folded"):
        staged = _grouped(db.execute(f"SELECT k, id FROM {table}_ids ORDER BY k, id"))
        db.executemany(f"INSERT INTO {table} VALUES (?, ?)", ((k, _ids(i for _, i in rows)) for k, rows in staged))
    staged = _grouped(db.execute("SELECT k, id, shape FROM block_ids ORDER BY k, id"))
    shapes = ((k, _ids(i for _, i, _ in found), "\n".join(shape for _, _, shape in found)) for k, found in staged)
    db.executemany("INSERT INTO blocks VALUES (?, ?, ?)", shapes)
    db.execute("INSERT OR IGNORE INTO given SELECT folded FROM forms WHERE part = 'given'")
    givens = _grouped(db.execute("SELECT entry, id FROM forms WHERE part = 'given' ORDER BY entry, id"))
    given_ids = {entry: _ids(i for _, i in rows) for entry, rows in givens}
    entries = (
        (i, _entry_json(entry), splits[i].given, splits[i].surname, given_ids.get(i, b""))
        for i, entry in enumerate(convention.entries)
    )
    db.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?)", entries)
    db.create_function("key_hash", 1, _hash, deterministic=True)
    keys = "SELECT k FROM spelled UNION ALL SELECT k FROM folded UNION ALL SELECT k FROM blocks"
    hashes = array("I", (h for (h,) in db.execute(f"SELECT DISTINCT key_hash(k) FROM ({keys}) ORDER BY 1")))
    meta: dict[str, object] = {
        "format": FORMAT,
        "max_words": max_words,
        "protected": json.dumps(sorted({fold(word) for word in convention.protect})),
        "hashes": hashes.tobytes(),
    }
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())


def _grouped(rows: Iterable[Any]) -> Iterator[tuple[Any, list[Any]]]:
    """Rows ordered by their first column, grouped by it."""
    return ((key, list(group)) for key, group in groupby(rows, itemgetter(0)))


def _hash(key: str) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass"))  # (a text read with surrogate escapes)


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
