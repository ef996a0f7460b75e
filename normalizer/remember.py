"""What earlier runs found in each text, so that a run over an archive does again only what
changed (as ruff and black keep theirs): the findings of `check` and `fix` in the cache folder,
the unlisted names of `suggest --state FILE` in the user's file.

A text's result is kept under the SHA-256 of its bytes, of its markup (by its file name's suffix)
and of the settings that govern it (`settings_text`), its path aside: a text that is moved or
copied is not searched again either. A store holds only while the code, the word lists and the
settings and convention files its results were found with (by their SHA-256) are what they were
when it was written; otherwise it is started afresh. A file is read and hashed only when its
stamp (size, times, inode, device) is not the one recorded with the digest of its bytes, or that
stamp is too recent to stand for them (`RACY_NS`). A result is only ever a file's findings or
names, never a notice or an error, and a fix that rewrote its file keeps nothing (its text is no
longer the one read).

In the cache folder the store is authenticated like every cache file (see `cache.py`): a store
that someone else wrote is never read. Its texts not used for `UNUSED_DAYS` are dropped when it
is written again, and it keeps at most `LIMIT` texts, the most recently used.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from normalizer.errors import InputError, NormalizerError
from normalizer.files import display, is_among, read_with_status
from normalizer.findings import RULES, Finding

if TYPE_CHECKING:
    from normalizer.batch import FileResult, Session
    from normalizer.config import Config

VERSION = 3
UNUSED_DAYS = 30
LIMIT = 200_000  # texts (and files' stamps) a store in the cache folder keeps
# A file's stamp (size, modification and status-change times, inode, device) stands for the bytes a
# run read only when the file last changed at least this long before that run started: a write
# after the start then leaves other times on it, even where timestamps are as coarse as FAT's
# (2 s) or come from a file server's clock a little off ours. Files changed later are read and
# hashed (git's "racily clean" entries).
RACY_NS = 3 * 10**9
_clock = time.time_ns  # the run's start (tests move it)

Kept = tuple[int, list[object]]  # day last used, data


class Codec(Protocol):
    """How one kind of result is kept: as JSON data, and back."""

    format: str  # names the kind of store in its file
    title: str  # what such a file is, in messages

    def encode(self, result: FileResult) -> list[object] | None:
        """The data to keep of `result`, or None when nothing is to be kept."""

    def decode(self, data: list[object], label: str) -> FileResult | None:
        """The result of the text `label` from kept data, or None when it must be made again."""

    def valid(self, data: object) -> bool:
        """Whether `data` has the shape `encode` makes."""


class Store:
    """The results kept in one file: `get` the result of a text read before, `put` the result of
    a text read now, `save` what is to be kept."""

    def __init__(self, path: Path, code: str, codec: Codec, *, in_cache: bool = False):
        """`code` names the code and word lists that make the results; `in_cache`: the file is in
        the cache folder (authenticated, unused texts kept for a while), else it is the user's."""
        self.path = path
        self.code = code
        self.codec = codec
        self.in_cache = in_cache
        self.sources: set[Path] = set()  # the settings and convention files the results were made with
        self._known: dict[str, Kept] = {}  # key → (day last used, data)
        self._used: dict[str, Kept] = {}
        self._stamps: dict[str, Kept] = {}  # a file's label → (day last used, its stamp and digest)
        self._stamps_used: dict[str, Kept] = {}
        self._fresh = False  # something to write
        self._started = _clock()
        self._today = self._started // (86400 * 10**9)
        self._load()

    def _load(self) -> None:
        raw = self._read()
        if raw is None:
            return
        try:
            data = json.loads(raw)
            gc.freeze()  # kept for the run: the collector need not go over its many containers again
            ours = isinstance(data, dict) and data.get("format") == self.codec.format
        except ValueError:
            ours = False
        if not ours:
            if self.in_cache:
                return
            raise InputError(display(self.path), f"is not a {self.codec.title}; remove it or give another")
        if data.get("version") != VERSION or data.get("code") != self.code or not _unchanged(data.get("sources")):
            return  # written by other code or with other settings: started afresh
        files, stamps = data.get("files"), data.get("stamps")
        if (
            isinstance(files, dict)
            and all(self._valid(v) for v in files.values())
            and isinstance(stamps, dict)
            and all(_kept(v) and _stamp_row(v[1]) for v in stamps.values())
        ):
            self.sources = {Path(str(s[0])) for s in data["sources"]}
            self._known = {k: (v[0], v[1]) for k, v in files.items()}
            self._stamps = {k: (v[0], v[1]) for k, v in stamps.items()}

    def _read(self) -> bytes | None:
        if self.in_cache:
            from normalizer.cachedir import load_authenticated

            return load_authenticated(self.path)
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise InputError(display(self.path), f"cannot be read as a {self.codec.title}: {exc.strerror}") from None

    def _valid(self, value: object) -> bool:
        return _kept(value) and self.codec.valid(cast("list[object]", value)[1])

    @staticmethod
    def key(digest: str, label: str, config: Config) -> str:
        """The key of a text: the SHA-256 of its bytes, its markup (the suffix of its name) and
        its settings."""
        text = f"{digest}\0{os.path.splitext(label)[1].lower()}\0{settings_text(config)}"
        return hashlib.sha256(text.encode()).hexdigest()

    def digest(self, label: str, status: os.stat_result) -> str | None:
        """The SHA-256 of the bytes of the file `label` when a run read them from a file of the
        same status (size, times, inode and device): then they are still those bytes."""
        found = self._stamps.get(label)
        if found is None or found[1][:-1] != list(stamp(status)):
            return None
        self._stamps_used[label] = found
        self._fresh |= found[0] != self._today
        return str(found[1][-1])

    def note(self, label: str, status: os.stat_result, digest: str) -> None:
        """Record that the file `label` of `status` (taken before it was read) had the bytes of
        `digest`, unless it changed within `RACY_NS` of this run's start: a write after that
        could leave the same times on it."""
        if max(status.st_mtime_ns, status.st_ctime_ns) > self._started - RACY_NS:
            return
        data: list[object] = [*stamp(status), digest]
        known = self._stamps.get(label)
        self._stamps_used[label] = (self._today, data)
        self._fresh |= known != (self._today, data)

    def get(self, key: str, label: str) -> FileResult | None:
        """The result of the text `label` when it was read before."""
        found = self._known.get(key)
        if found is None:
            return None
        result = self.codec.decode(found[1], label)
        if result is not None:
            self._used[key] = (self._today, found[1])
            self._fresh |= found[0] != self._today
        return result

    def put(self, key: str, result: FileResult) -> None:
        data = self.codec.encode(result)
        if data is not None:
            self._used[key] = (self._today, data)
            self._fresh = True

    def save(self, sources: Iterable[Path]) -> None:
        """Write the results to keep, with the digests of the settings and convention files the
        run read (`sources`; with those of the store read, whose results it may have used).
        A store in the cache folder is written only when it learnt something."""
        kept, stamps = self._used, self._stamps_used
        if self.in_cache:
            if not self._fresh:
                return
            kept, stamps = self._recent(self._known, kept), self._recent(self._stamps, stamps)
        data = {
            "format": self.codec.format,
            "version": VERSION,
            "code": self.code,
            "sources": sorted([str(p), _digest(p)] for p in self.sources.union(sources)),
            "files": {k: [day, value] for k, (day, value) in kept.items()},
            "stamps": {k: [day, value] for k, (day, value) in stamps.items()},
        }
        encoded = json.dumps(data, ensure_ascii=False).encode("utf-8")
        if self.in_cache:
            from normalizer.cachedir import store_authenticated

            store_authenticated(self.path, encoded)
            return
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")  # renamed into place
        try:
            temporary.write_bytes(encoded)
            os.replace(temporary, self.path)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise InputError(display(self.path), f"cannot be written: {exc.strerror}") from None

    def _recent(self, known: dict[str, Kept], used: dict[str, Kept]) -> dict[str, Kept]:
        """What a store in the cache folder keeps: what this run used, and what earlier runs
        used within `UNUSED_DAYS`; at most `LIMIT`, the most recently used."""
        oldest = self._today - UNUSED_DAYS
        old = [(k, v) for k, v in known.items() if v[0] >= oldest and k not in used]
        return dict(sorted([*old, *used.items()], key=lambda kv: kv[1][0])[-LIMIT:])


@lru_cache(maxsize=64)
def settings_text(config: Config) -> str:
    """The settings that govern a text, written the same way in every run (a set in order: the
    repr of a set of strings changes with the hash seed). The tables by path are left out: the
    settings are those of one file, with its tables applied."""
    values = {name: value for name, value in config._asdict().items() if name != "per_path"}
    return repr({k: sorted(v) if isinstance(v, frozenset | set) else v for k, v in values.items()})


def stamp(status: os.stat_result) -> tuple[int, int, int, int, int]:
    """What tells that a file is unchanged without reading it (as git and black do)."""
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev


def remembered(
    files: Sequence[Path],
    store: Store,
    session: Session,
    fresh: Callable[[list[Path]], Iterator[FileResult]],
) -> Iterator[FileResult]:
    """The results of `files` in their order: a text the store has (by its bytes and settings)
    from there, the others from `fresh` of them, and kept in the store."""
    keys: dict[int, tuple[str, str]] = {}  # a file's place in `files` -> the digest of its bytes, the key
    known: dict[int, FileResult] = {}
    # a settings or convention file is never an article (nor one the run that kept these results read)
    settings = session.settings_statuses(also=store.sources)
    for i, path in enumerate(files):
        config = session.configs.for_path(path)
        label = display(path)
        try:
            status, digest = _stamped_digest(path, label, config.max_file_size, store)
        except (OSError, NormalizerError):
            continue  # reported when it is read for its result
        keys[i] = digest, store.key(digest, label, config)
        found = store.get(keys[i][1], label)
        if found is not None and not is_among(status, settings):
            known[i] = found
    made = fresh([path for i, path in enumerate(files) if i not in known])
    for i in range(len(files)):
        if i in known:
            yield known.pop(i)
            continue
        result = next(made)
        # kept only when made from the bytes read here: not when the file changed in between
        if i in keys and result.digest == keys[i][0] and not (result.error or result.notice):
            store.put(keys[i][1], result)
        yield result


def _stamped_digest(path: Path, label: str, max_size: int, store: Store) -> tuple[os.stat_result, str]:
    """The status of the file `path` and the SHA-256 of its bytes: from the store when the
    file's stamp is the one recorded with them, else read and hashed (and recorded)."""
    status = os.stat(path)
    digest = store.digest(label, status) if not max_size or status.st_size <= max_size else None
    if digest is None:
        data, status = read_with_status(path, label, max_size)
        digest = hashlib.sha256(data).hexdigest()
        store.note(label, status, digest)
    return status, digest


def code_version() -> str:
    """The code and word lists that make results: a store of other ones is started afresh."""
    from normalizer.cachedir import code_digest, wordfreq_version

    return f"{code_digest()}:{wordfreq_version()}"


def cache_store(session: Session, codec: Codec) -> Store | None:
    """The store of `codec`'s results in the cache folder for the settings of this run, or None
    when the cache is off or unusable. One store per code and run settings: runs over other
    projects with other settings do not push each other's results out."""
    from normalizer.cachedir import usable_cache_dir

    folder = usable_cache_dir()
    if folder is None:
        return None
    code = code_version()
    shard = hashlib.sha256(f"{code}\0{os.getcwd()}\0{settings_text(session.config)}".encode()).hexdigest()[:32]
    return Store(folder / f"results-{shard}.json", code, codec, in_cache=True)


class Findings:
    """The findings of `check` and `fix` (a file a fix rewrote keeps nothing; with the
    consistency settings nothing is kept: unlisted names are not)."""

    format = "normalizer results"
    title = "results file of normalizer"
    _FIELDS = tuple(name for name in Finding._fields if name != "path")  # a Finding's, its path aside

    def __init__(self, mode: str):
        self.mode = mode

    def encode(self, result: FileResult) -> list[object] | None:
        if result.unlisted or result.inconsistent or (self.mode == "fix" and result.changed):
            return None
        kept = set(result.left)
        left = [i for i, f in enumerate(result.findings) if f in kept]
        rows = [[getattr(f, name) for name in self._FIELDS] for f in result.findings]
        return [result.language, result.changed, left, rows]

    def decode(self, data: list[object], label: str) -> FileResult | None:
        from normalizer.batch import FileResult

        language, changed, left, rows = data
        if self.mode == "fix" and changed:
            return None  # to be written
        findings = tuple(Finding(label, *row) for row in cast("list[list[Any]]", rows))
        chosen = tuple(findings[i] for i in cast("list[int]", left))
        return FileResult(label, findings, bool(changed), left=chosen, language=str(language))

    def valid(self, data: object) -> bool:
        if not (isinstance(data, list) and len(data) == 4 and isinstance(data[0], str) and isinstance(data[1], bool)):
            return False
        left, rows = data[2], data[3]
        return (
            isinstance(rows, list)
            and all(isinstance(row, list) and _finding_row(row) for row in rows)
            and isinstance(left, list)
            and all(isinstance(i, int) and 0 <= i < len(rows) for i in left)
        )


def _finding_row(row: list[object]) -> bool:
    if len(row) != len(Findings._FIELDS):
        return False
    line, column, start, end, found, replacement, entry, rule, score, detail, applicability, code, key = row
    return (
        all(isinstance(n, int) and not isinstance(n, bool) for n in (line, column, start, end))
        and all(isinstance(s, str) for s in (found, entry, detail, code, key))
        and (replacement is None or isinstance(replacement, str))
        and rule in RULES
        and isinstance(score, int | float)
        and applicability in ("safe", "unsafe")
    )


class Names:
    """The unlisted names of `suggest` and the language of the text's convention."""

    format = "normalizer suggest state"
    title = "state file of normalizer suggest"
    _FIELDS = ("spelling", "start", "end", "line", "column", "kept", "given", "kind")  # a Mention's, its path aside
    _NUMBERS = frozenset({"start", "end", "line", "column"})

    def encode(self, result: FileResult) -> list[object] | None:
        return [result.language, [[getattr(m, name) for name in self._FIELDS] for m in result.unlisted]]

    def decode(self, data: list[object], label: str) -> FileResult | None:
        from normalizer.batch import FileResult
        from normalizer.unlisted import Mention

        language, rows = data
        fields = (dict(zip(self._FIELDS, row, strict=True)) for row in cast("list[list[Any]]", rows))
        mentions = tuple(Mention(**values, path=label) for values in fields)
        return FileResult(label, unlisted=mentions, language=str(language))

    def valid(self, data: object) -> bool:
        if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], str) and isinstance(data[1], list)):
            return False
        return all(
            isinstance(row, list)
            and len(row) == len(self._FIELDS)
            and all(
                isinstance(v, int if name in self._NUMBERS else str) for name, v in zip(self._FIELDS, row, strict=True)
            )
            for row in data[1]
        )


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _unchanged(sources: object) -> bool:
    return isinstance(sources, list) and all(
        isinstance(s, list) and len(s) == 2 and _digest(Path(str(s[0]))) == s[1] for s in sources
    )


def _kept(value: object) -> bool:
    return isinstance(value, list) and len(value) == 2 and isinstance(value[0], int) and isinstance(value[1], list)


def _stamp_row(row: list[object]) -> bool:
    return len(row) == 6 and all(type(n) is int for n in row[:5]) and isinstance(row[5], str)
