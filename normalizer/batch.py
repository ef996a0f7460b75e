"""Process many files: read, normalize, then report, rewrite or diff each one, in parallel
worker processes when asked. Results come back in the order of the files.

A file that cannot be read or written is reported and the others go on; a binary file, a
FIFO, device or socket and a file over the size limit are skipped with a notice.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from normalizer.atomic import remove_stray_temporary_files, remove_temporary_files, write_atomic
from normalizer.config import Config
from normalizer.configs import Configs
from normalizer.conventions import shipped_names
from normalizer.errors import InputError, NormalizerError, SkippedFileError
from normalizer.files import Text, display, is_among, read, shown
from normalizer.findings import Finding
from normalizer.rewrite import apply, changes, pieces
from normalizer.tuning import Tuning

if TYPE_CHECKING:
    from normalizer.changed import ChangedLines
    from normalizer.consistency import Inconsistency
    from normalizer.conventions import Convention
    from normalizer.engine import Normalizer
    from normalizer.house import House
    from normalizer.markup import Markup
    from normalizer.unlisted import Mention

Mode = Literal["check", "fix", "diff", "unlisted"]  # unlisted: only the mentions of unlisted names (suggest)
BINARY = "looks like a binary file"  # in the notice of a skipped binary file


class FileResult(NamedTuple):
    """What happened to one file."""

    path: str
    findings: tuple[Finding, ...] = ()
    changed: bool = False
    diff: str = ""
    error: str = ""  # a one-line error ('' when none)
    notice: str = ""  # why the file was skipped ('' when it was processed)
    left: tuple[Finding, ...] = ()  # findings a fix did not apply: ambiguous, or unsafe ones
    unlisted: tuple[Mention, ...] = ()  # see `Normalized`
    inconsistent: tuple[Inconsistency, ...] = ()
    language: str = ""
    digest: str = ""  # the SHA-256 of the bytes the result was made from


class Normalized(NamedTuple):
    """One text after a run: the text as it was and its findings, or the text and a notice
    saying why nothing was done (its language could not be told). The fixed text is made from
    them when it is asked for (`text`), or a piece at a time (`pieces`): never held besides."""

    source: str
    findings: tuple[Finding, ...] = ()
    notice: str = ""
    unsafe: bool = True  # whether the unsafe findings are applied
    # with the consistency setting (or for `suggest`): the mentions of names no entry matches, to
    # be pooled across a folder, or the ones the text writes in several ways (per article)
    unlisted: tuple[Mention, ...] = ()
    inconsistent: tuple[Inconsistency, ...] = ()
    language: str = ""  # the prose language of the convention that read the text

    @property
    def text(self) -> str:
        """The fixed text."""
        return apply(self.source, self.findings, self.unsafe)

    def pieces(self) -> Iterator[str]:
        """The fixed text in pieces."""
        return pieces(self.source, self.findings, self.unsafe)

    @property
    def changed(self) -> bool:
        """Whether the fixed text differs from the text, told without making it."""
        return changes(self.source, self.findings, self.unsafe)

    def left(self) -> list[Finding]:
        """The findings not applied: ambiguous ones, and unsafe ones when those were not applied."""
        return [f for f in self.findings if f.replacement is None or not (self.unsafe or f.is_safe)]


STDIN_LABEL = "<stdin>"
DECLARE = "say which with --lang, 'language:' in the configuration, front matter 'lang:' or <html lang>"


class Session:
    """Builds normalizers lazily, one per choice of conventions and settings. Each file gets the
    settings that govern it (`Configs`), and the language it declares or is recognised in picks
    the shipped convention when none is configured."""

    def __init__(self, configs: Config | Configs, normalizer: Normalizer | None = None):
        """With `normalizer`, every text is normalized by it (a library user's own, e.g. one
        sent to the workers of a cluster); the settings then only say how files are read."""
        self.configs = configs if isinstance(configs, Configs) else Configs.of(configs)
        self._given = normalizer
        self._built: dict[tuple[object, ...], Normalizer] = {}
        self.changed: ChangedLines | None = None  # only findings on these lines count

    @property
    def config(self) -> Config:
        """The settings of a text that is not a file (stdin: the current folder's)."""
        return self.configs.for_path(None)

    def conventions_for(self, text: str, markup: Markup, config: Config) -> tuple[tuple[str, ...], str]:
        """The conventions for `text` and why: configured ones, else the shipped convention of
        its language (`--lang`, then what the document declares, then the configuration, then
        confident recognition). No conventions (an empty tuple) when the language is unknown;
        the reason then says why."""
        if config.conventions:
            return config.conventions, "configured"
        if config.language and config.language_from == "--lang":
            return (config.language,), "--lang"
        from normalizer import language

        known = shipped_names()
        declared = language.declared(text, markup)
        if declared is not None:
            if declared in known:
                return (declared,), "declared by the document"
            return (), f"the document declares the language {declared!r}, which has no shipped convention"
        if config.language:
            return (config.language,), f"'language' of {config.language_from}"
        recognised = language.recognise(text, known)
        if recognised.language is None:
            return (), f"the language is unknown: {recognised.describe()}"
        return (recognised.language,), f"recognised ({recognised.confidence:.2f})"

    def for_text(self, text: str, config: Config | None = None, markup: Markup = "text") -> Normalizer | None:
        """The normalizer for `text`, or None when its language is unknown."""
        if self._given is not None:
            return self._given
        config = config or self.config
        names, _ = self.conventions_for(text, markup, config)
        return self._normalizer(names, config) if names else None

    def _normalizer(self, names: tuple[str, ...], config: Config) -> Normalizer:
        # imported when a text is to be read: a run whose findings are all kept needs no engine
        from normalizer.cache import load_normalizer
        from normalizer.engine import Normalizer

        tuning, tuned = _tuning(config.threshold, config.fuzzy)
        choice = (tuned, tuple(sorted(config.ignore)))
        key = (names, *choice)
        if key not in self._built:
            self._built[key] = load_normalizer(
                names,
                choice,
                lambda convention, *, store: Normalizer(convention, tuning, allow=config.ignore, store=store),
            )
            gc.freeze()  # the normalizer lives as long as the run: the collector need not look at it again
        return self._built[key]

    def _read_settings(self) -> set[Path]:
        found = self.configs.files_read()
        normalizers = [self._given] if self._given is not None else list(self._built.values())
        found.update(Path(source) for n in normalizers for source in n.sources)
        return found

    def settings_files(self) -> set[Path]:
        """The configuration and convention files this run has read, resolved."""
        return {path.resolve() for path in self._read_settings()}

    def is_settings_file(self, path: Path, also: Iterable[Path] = ()) -> bool:
        """Whether `path` is one of the configuration and convention files this run has read, or
        of `also` (the same file on disk): never rewritten as an article. Asked for every file of
        a folder, so told by one stat of each file rather than by resolving the paths."""
        try:
            status = os.stat(path)
        except OSError:
            return False
        return is_among(status, self.settings_statuses(also))

    def settings_statuses(self, also: Iterable[Path] = ()) -> list[os.stat_result]:
        """The status of each configuration and convention file this run has read and of `also`
        (those that can be read), for `is_among`."""
        found = []
        for path in (*self._read_settings(), *also):
            with contextlib.suppress(OSError):
                found.append(os.stat(path))
        return found

    def warm(self) -> None:
        """Load now what the texts will need (before worker processes are forked, so that they
        share it): the configured convention, else the language recognition and every shipped one."""
        import normalizer.markdown  # noqa: F401 - imported once, not by each worker

        config = self.config
        if self._given is not None:
            self._given.warm()
        elif config.conventions or config.language:
            self._normalizer(config.conventions or (str(config.language),), config).warm()
        else:
            from normalizer import language

            language.recognise("ein satz mit worten. a sentence with words.", shipped_names())
            for name in shipped_names():
                self._normalizer((name,), config).warm()

    def normalize(
        self,
        text: Text,
        label: str,
        config: Config | None = None,
        markup: Markup | None = None,
        *,
        unlisted_only: bool = False,
    ) -> Normalized:
        """`text` and its findings (on the changed lines only, when the run asks for those);
        `label` names it in findings and, unless `markup` is given, chooses the markup by its suffix.
        With the consistency setting also its unlisted names (`Normalized.unlisted`,
        `.inconsistent`; with `consistency_fix`, the edits that write each one way are findings);
        with `unlisted_only`, the mentions of unlisted names alone."""
        from normalizer.markup import markup_for, protected_zones, sniff

        config = config or self.config
        markup = markup or (sniff(text.content) if label == STDIN_LABEL else markup_for(label))
        normalizer = self._given
        if normalizer is None:
            names, why = self.conventions_for(text.content, markup, config)
            if not names:
                return Normalized(text.content, notice=f"{shown(label)}: left unchanged, {why}; {DECLARE}")
            normalizer = self._normalizer(names, config)
        zones = protected_zones(text.content, markup, config.prose_keys)
        changed = self.changed  # --diff-base, --changed-lines: findings on changed lines only
        if unlisted_only:
            mentions = normalizer.unlisted(text.content, label, zones)
            if changed is not None:
                mentions = [m for m in mentions if changed.covers(label, m.line, m.line)]
            return Normalized(text.content, unlisted=tuple(mentions), language=normalizer.language)
        unsafe = normalizer.unsafe_fixes if config.unsafe_fixes is None else config.unsafe_fixes
        found = normalizer.findings(text.content, label, zones)
        unlisted: tuple[Mention, ...] = ()
        inconsistent: tuple[Inconsistency, ...] = ()
        if config.consistency or config.consistency_fix:
            from normalizer.consistency import edits, inconsistencies

            mentions = normalizer.unlisted(text.content, label, zones)
            if config.consistency == "folder":
                unlisted = tuple(mentions)  # pooled with the other files' by the caller
            groups = inconsistencies(mentions, normalizer.house) if mentions else []
            if config.consistency == "article":
                inconsistent = tuple(g for g in groups if touched(changed, g))
            if config.consistency_fix:
                added = [f for g in groups for f in edits(text.content, g, label)]
                found = sorted([*found, *added], key=lambda f: f.start)
        if changed is not None:
            found = [f for f in found if changed.covers(label, f.line, f.line + f.found.count("\n"))]
        return Normalized(
            text.content,
            tuple(found),
            unsafe=unsafe,
            unlisted=unlisted,
            inconsistent=inconsistent,
            language=normalizer.language,
        )

    def house(self, language: str, config: Config) -> House:
        """The house systems of the convention that `config` gives texts in `language`."""
        if self._given is not None:
            return self._given.house
        return self._normalizer(config.conventions or (language,), config).house

    def convention(self, language: str, config: Config) -> Convention:
        """The convention that `config` gives texts in `language`."""
        from normalizer.conventions import load_conventions

        return load_conventions(config.conventions or (language,))


@lru_cache(maxsize=16)
def _tuning(threshold: float | None, fuzzy: bool) -> tuple[Tuning, tuple[tuple[str, object], ...]]:
    """The tuning for the user's threshold, and its cache key: asked for every file, built once."""
    tuning = Tuning().with_threshold(threshold, fuzzy)
    return tuning, tuning.cache_key()


def touched(changed: ChangedLines | None, found: Inconsistency) -> bool:
    """Whether a name written in several ways is mentioned on a changed line (every line
    counts when the run is not restricted to changed lines)."""
    return changed is None or any(changed.covers(m.path, m.line, m.line) for m in found.mentions)


def process(path: Path, mode: Mode, session: Session) -> FileResult:
    """Check, fix or diff one file, or find its unlisted names. A fix is encoded and written a
    piece at a time: a large file is not held twice more, as the fixed text and its bytes."""
    label = display(path)
    config = session.configs.for_path(path)
    if mode != "check":  # unlisted names are reported by check alone (a fix may write them one way)
        config = config._replace(consistency="")
    try:
        source = read(path, config.encoding, config.max_file_size)
    except SkippedFileError as exc:
        return FileResult(label, notice=f"{shown(label)}: skipped, {exc.message}")
    except InputError as exc:
        return FileResult(label, error=str(exc))
    done = session.normalize(source, label, config, unlisted_only=mode == "unlisted")
    if done.notice:
        return FileResult(label, notice=done.notice)
    if session.is_settings_file(path):
        return FileResult(label, notice=f"{shown(label)}: skipped, a configuration or convention file of this run")
    if mode == "unlisted":
        return FileResult(label, unlisted=done.unlisted, language=done.language, digest=source.digest)
    if mode == "diff":
        fixed = done.text
        diff = unified_diff(label, source.content, fixed)
        return FileResult(label, done.findings, fixed != source.content, diff=diff, left=tuple(done.left()))
    changed = done.changed
    if mode == "fix" and changed:
        try:
            write_atomic(path, source.encode_pieces(done.pieces()), expected=source.digest)
        except InputError as exc:
            return FileResult(label, done.findings, error=str(exc))
    return FileResult(
        label,
        done.findings,
        changed,
        left=tuple(done.left()),
        unlisted=done.unlisted,
        inconsistent=done.inconsistent,
        language=done.language,
        digest=source.digest,
    )


def run(paths: Sequence[Path], mode: Mode, session: Session, jobs: int = 1) -> Iterator[FileResult]:
    """Process `paths` in order; with `jobs` > 1 in that many worker processes (where processes
    can be forked)."""
    from normalizer import pool

    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1 or not pool.available():
        for path in paths:
            yield process(path, mode, session)
        return
    session.warm()  # built once here, inherited by the forked workers
    config = session.config
    if mode == "unlisted" or config.consistency or config.consistency_fix:
        from normalizer.native import warm

        warm(shipped_names() if config.language is None else [config.language])
    try:
        yield from pool.imap(partial(process, mode=mode, session=session), paths, jobs, 64, _start_worker)
    except pool.WorkerDiedError as exc:
        remove_stray_temporary_files(paths)
        if exc.exitcode in {128 + signal.SIGINT, 128 + signal.SIGTERM}:
            # it ended on Ctrl-C or SIGTERM (_exit_at_once), which this process may not have seen yet
            raise KeyboardInterrupt from None
        message = "a worker process ended unexpectedly (killed?); files it did not write are unchanged"
        raise WorkerError(message) from None


class WorkerError(NormalizerError):
    """A worker process of `--jobs` died (a signal to it alone, the out-of-memory killer)."""


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _start_worker() -> None:
    # Ctrl-C reaches the whole process group, and the main process stops its workers with
    # SIGTERM: a worker ends at once and quietly, and the main process reports the interruption
    # once. The file being written stays as it was.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _exit_at_once)


def _exit_at_once(signum: int, frame: object) -> None:
    remove_temporary_files()
    os._exit(128 + signum)


def unified_diff(label: str, before: str, after: str) -> str:
    """A unified diff; a last line without a newline gets the usual marker. The file name in
    the headers is escaped (a line break or an ANSI escape in it is printed as `\\n`, `\\x1b`)."""
    if before == after:
        return ""
    import difflib  # imported here: only --diff prints one

    out: list[str] = []
    name = shown(label)
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{name}", f"b/{name}"
    )
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)
