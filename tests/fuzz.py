"""Fuzz targets for the scanner, the Markdown/HTML layer and the convention loader (issue 7).

    python -m tests.fuzz scanner --seconds 240
    python -m tests.fuzz markup --seconds 240 --seed 1
    python -m tests.fuzz conventions --seconds 240 --allow error-location

Hypothesis generates the inputs (structured fragments: names and their variants, URLs, markup,
YAML, line endings, awkward Unicode; plus raw random text) in batches of examples until the time is
up. It is coverage-guided after a fashion: while a target runs, the line-to-line transitions inside
the `normalizer` package are traced; an input that reaches a transition never seen before joins a
corpus, and later inputs are drawn as mutations of corpus entries (insert a fragment, delete, repeat
or splice a piece) as well as fresh; `hypothesis.target` pushes towards inputs that reach many
transitions. Tracing makes an execution about 5x slower, so only one in `--trace-every` (6) is
traced; `--no-coverage` turns it off.

A finding is an exception other than the ones a target may raise, a broken invariant, an input
slower than `--slow` seconds, or a hang (`--hang` seconds: the process is ended by faulthandler and
the input is in the file it names at start). The runner prints executions and the corpus as it goes,
and on a finding the shrunk input and the error, and exits 1. `--allow KIND` (repeatable) records a
kind of finding already known and goes on, e.g. `--allow error-location`; `--allow-known`
allows the kinds in KNOWN_BUGS (each has an xfail regression test). Exit 0: nothing found.
"""

from __future__ import annotations

import argparse
import atexit
import faulthandler
import os
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings, target
from hypothesis import strategies as st

import normalizer
from normalizer.conventions import Convention, load_file
from normalizer.engine import Normalizer
from normalizer.errors import ConventionError
from normalizer.index import PARTICLES
from normalizer.lint import lint
from normalizer.markup import protected_zones
from normalizer.rewrite import apply, line_starts
from normalizer.scan import JOINERS, phrase_pattern, skipped_zones, words

PACKAGE = str(Path(normalizer.__file__).resolve().parent)
DATA = Path(__file__).resolve().parent / "data"
SEEDS = DATA / "robustness" / "fuzz_seeds"
MAX_TEXT = 4000
MAX_YAML = 6000


class FindingError(AssertionError):
    """A broken promise of a target; `kind` names it for --allow."""

    def __init__(self, kind: str, message: str):
        super().__init__(f"[{kind}] {message}")
        self.kind = kind


def check(condition: object, kind: str, message: str) -> None:
    if not condition:
        raise FindingError(kind, message)


# --- fragments ------------------------------------------------------------------------------------

# fmt: off
NAMES = [
    "Andrey Ermak", "Ermak", "Jermaks", "YERMAK", "Yermak's", "Ermak’s", "Zelensky", "Selenskij", "Zelenskyy",
    "Zelensky-Regierung", "Wittkoff", "Steven Whitkoff", "Witkoff", "Kyiv", "Kiew", "Kiev", "KYIV", "Kyjiw",
    "Charkow", "Kharkiv", "Kuleby", "Peskov", "Peskowa", "Jermakow", "Olaf Schulz", "Gunther Sautter", "Gunther",
    "Bilhorod-Dnistrovskyi", "Odessa, Texas", "Poroshenko", "Alexej Poroshenko", "Martin Schulz", "L'viv",
    "Lwiw", "Saporischschja", "Zaporozhye", "chicken Kiev", "Andrij Jermak", "Wolodymyr Selenskyj", "Merz",
    "Rutte", "Kiewer", "März", "Selenskyj-Regierung", "Klitschko", "Vitali Klitschko", "Selenskyjs",
]
AWKWARD = [
    "İ", "KYİV", "ı", "ß", "STRAẞE", "ﬁ", "ﬀ", "ǅ", "ΣΊΣΥΦΟΣ", "ς", "\u0301", "e\u0301", "\u200d", "\u200b",
    "\u2011", "\u00a0", "\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c", "\u202e", "ʼ", "’", "'", "`",
    "\ufeff", "🙂", "👩‍👩‍👧", "한국", "中文", "ℌ", "Ⅻ", "ⓚ", "𝐊𝐲𝐢𝐯", "Ｋｙｉｖ", "\U000e0041", "\ufffd",
]
SEPARATORS = [" ", "  ", "\n", "\r\n", "\r", "\n\n", ", ", ". ", "-", "–", "—", "'s ", "«", "»", "„", "“", "\t", ":"]
URLS = [
    "https://kyiv.ua/Ermak", "http://example.org/Yermak?x=Kyiv#Ermak", "www.Kyiv.com", "t.me/Kyiv", "kyiv.ua",
    "ermak@kyiv.ua", "@Yermak", "@Kyiv_Post", "ftp://x/Kyiv", "mailto:Kyiv@x.de", "Kyiv.ua/news", "a.b.c.de",
    "https://", "www.", "@", "x@y", "(https://kyiv.ua)", "<https://kyiv.ua>", "[Kyiv](https://kyiv.ua)",
]
MARKUP = [
    "```", "```python\n", "~~~", "`", "``", "    ", "# ", "## ", "> ", "- ", "* ", "1. ", "---\n", "***", "___",
    "[", "]", "](", ")", "![", "[Kyiv]: https://x/Kyiv\n", "[Kyiv][1]", "[1]: /u\n", "<", ">", "</", "/>", "<a href=",
    '<a href="https://x/Kyiv">', "</a>", '<img alt="Kyiv" src="Kyiv.png">', '<p title="Ermak">', "</p>",
    "<script>", "</script>", "<style>", "</style>", "<code>", "</code>", "<pre>", "</pre>", "<textarea>", "<!--",
    "-->", "<!DOCTYPE html>", "<?xml ?>", "<![CDATA[", "]]>", "&amp;", "&nbsp;", "&#x4B;", "&#75;", "&Kyiv;",
    "&", "| a | b |\n|---|---|\n", "|", "<br>", "\\", "*", "_", "**", "__", "~~", "<!-- normalizer: off -->",
    "<!-- normalizer: on -->", "normalizer: ignore", "normalizer: off", "normalizer: on", "---\ntitle: Kyiv\n---\n",
    "+++\n", "key: Kyiv\n", "- Kyiv: Ermak\n", '"Kyiv": x\n', "<div>", "</div>", "<b>", "<i>", "<html>", "<body>",
    "<kbd>", "<samp>", "<var>", "<math>", "<svg>", "<title>", "</title>", "<noscript>", "<iframe>", "<xmp>",
    "<plaintext>", "=", '"', "'", "<a\nhref='x'>", "<<", ">>", "$$", "\\`",
]
YAML_PIECES = [
    "convention: x\n", "language: de\n", "language: en\n", "version: 1\n", "version: 2\n", "description: d\n",
    "entries:\n", "entries: []\n", "protect: [März]\n", "protect:\n  - Kiel\n", "extends: de\n", "extends: [en]\n",
    "extends: other.yaml\n", "extends: self.yaml\n", "  - canonical: Kiew\n", "    kind: place\n", "    kind: person\n",
    "    kind: org\n", "    native: Київ\n", "    source_lang: uk\n", "    source_lang: ru\n", "    aliases: [Kyiv]\n",
    "    aliases: []\n", "    fuzzy: false\n", "    examples:\n", "      - in: Kyiv\n", "        out: Kiew\n",
    "- ", "  ", "    ", ": ", ":", "? ", "{", "}", "[", "]", ",", "&a ", "*a", "<<: *a\n", "!!python/object:os.system ",
    "!!binary ", "!!str ", "!!int ", "!!map ", "!!seq ", "!!set ", "!!timestamp ", "!custom ", "!<tag:x> ",
    "%YAML 1.2\n", "%TAG ! tag:x,2000:\n", "---\n", "...\n", "|\n", ">-\n", "'", '"', "\\u0000", "\\x", "#",
    " # c\n", "~", "null",
    "true", "yes", "no", "on", "0x1F", "1e3", ".inf", ".nan", "2024-01-01", "12:30", "-", "\t", "\r\n", "\r", "\n",
    "\ufeff", "\x00", "\x85", "\u2028", "\U0001f600", "Київ", "", "''", '""', "[]", "{}", "[[[[", "]]]]", "{{{{",
]
# fmt: on
VALID_CONVENTION = """\
convention: fuzz-de
version: 1
language: de
description: A small convention to mutate
entries:
  - canonical: Andrij Jermak
    native: Андрій Єрмак
    source_lang: uk
    kind: person
    aliases: [Andriy Yermak]
    examples:
      - in: Andriy Yermak sagte das.
        out: Andrij Jermak sagte das.
  - canonical: Steve Witkoff
    kind: person
    fuzzy: false
  - canonical: Kiew
    native: Київ
    source_lang: uk
    kind: place
    aliases: [Kyiv, Kiev]
  - canonical: Naftogaz
    kind: org
protect: [März, Kiel]
"""


def seed_files(target_name: str) -> list[str]:
    """Texts to start the corpus from: tests/data/robustness/fuzz_seeds/TARGET/* and the repository's data."""
    paths: list[Path] = sorted((SEEDS / target_name).glob("*")) if (SEEDS / target_name).is_dir() else []
    if target_name == "markup":
        paths += sorted((DATA / "markup").glob("*"))
    if target_name == "conventions":
        paths += sorted((DATA / "bad_conventions").glob("*.yaml"))
    out = []
    for path in paths:
        data = path.read_bytes()
        if len(data) <= MAX_YAML:
            out.append(data.decode("utf-8", errors="surrogateescape"))
    return out


# --- coverage --------------------------------------------------------------------------------------


class Coverage:
    """AFL-style edges (previous line, this line) of the code in the normalizer package."""

    def __init__(self, enabled: bool, every: int = 1):
        self.enabled = enabled
        self.every = max(1, every)
        self.runs = 0
        self.seen: set[int] = set()
        self.current: set[int] = set()
        self._previous = 0
        self._ours: dict[str, bool] = {}

    def _global(self, frame: Any, event: str, arg: object) -> Callable[..., Any] | None:
        name = frame.f_code.co_filename
        ours = self._ours.get(name)
        if ours is None:
            ours = self._ours[name] = name.startswith(PACKAGE)
        return self._local if ours else None

    def _local(self, frame: Any, event: str, arg: object) -> Callable[..., Any]:
        if event == "line":
            here = hash((frame.f_code.co_filename, frame.f_lineno))
            self.current.add(here ^ (self._previous >> 1))
            self._previous = here
        return self._local

    def run(self, function: Callable[[], None]) -> int:
        """Run `function`, traced every `every`-th time; the number of edges never seen before."""
        self.runs += 1
        if not self.enabled or self.runs % self.every:
            function()
            return 0
        self.current = set()
        self._previous = 0
        sys.settrace(self._global)
        try:
            function()
        finally:
            sys.settrace(None)
        new = len(self.current - self.seen)
        self.seen |= self.current
        return new


# --- inputs: fresh and mutated -------------------------------------------------------------------------


def pieces_text(pieces: Sequence[str], max_size: int = 40) -> st.SearchStrategy[str]:
    raw = st.text(st.characters(codec="utf-8"), max_size=8)
    return st.lists(st.one_of(st.sampled_from(list(pieces)), raw), max_size=max_size).map("".join)


@dataclass
class Corpus:
    """Inputs that reached new code. New entries wait in `pending` until the next batch, so that a
    batch (and the shrinking of a failure in it) always sees the same corpus."""

    entries: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    limit: int = 3000

    def settle(self) -> None:
        self.entries.extend(self.pending)
        self.pending.clear()
        if len(self.entries) > self.limit:
            del self.entries[: len(self.entries) - self.limit]


def mutated(data: st.DataObject, corpus: Corpus, pieces: Sequence[str], max_size: int) -> str:
    text = corpus.entries[data.draw(st.integers(0, len(corpus.entries) - 1), label="corpus entry")]
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        op = data.draw(st.sampled_from(["insert", "delete", "repeat", "splice", "char", "case"]), label="op")
        i = data.draw(st.integers(0, len(text)), label="at")
        j = data.draw(st.integers(i, min(len(text), i + 64)), label="to")
        if op == "insert":
            text = text[:i] + data.draw(st.sampled_from(list(pieces))) + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "repeat":
            text = text[:j] + text[i:j] * data.draw(st.integers(1, 8)) + text[j:]
        elif op == "splice":
            other = corpus.entries[data.draw(st.integers(0, len(corpus.entries) - 1))]
            k = data.draw(st.integers(0, len(other)))
            text = text[:i] + other[k : k + (j - i) + 16] + text[j:]
        elif op == "char":
            text = text[:i] + data.draw(st.characters(codec="utf-8")) + text[j:]
        else:
            text = text[:i] + text[i:j].swapcase() + text[j:]
    return text[:max_size]


def draw_input(data: st.DataObject, fresh: st.SearchStrategy[str], corpus: Corpus, pieces: Sequence[str]) -> str:
    if corpus.entries and data.draw(st.integers(0, 2), label="source") > 0:  # two thirds mutations
        return mutated(data, corpus, pieces, MAX_YAML)
    return data.draw(fresh, label="fresh")


# --- targets ----------------------------------------------------------------------------------------


@cache
def shipped(language: str) -> Normalizer:
    from normalizer import load_conventions

    return Normalizer(load_conventions([language]))


@cache
def phrases() -> re.Pattern[str] | None:
    from normalizer.lexicon import context

    return phrase_pattern(context("de").phrases)


def check_zones(zones: Sequence[tuple[int, int]], size: int, what: str, *, touching: bool = False) -> None:
    """Sorted, inside the text, not empty, not overlapping (with `touching`, one may begin where
    the one before ends)."""
    previous = -1
    for zone in zones:
        check(isinstance(zone, tuple) and len(zone) == 2, "zones", f"{what}: zone {zone!r} is not a pair")
        start, end = zone
        check(isinstance(start, int) and isinstance(end, int), "zones", f"{what}: zone {zone} not ints")
        check(0 <= start < end <= size, "zones", f"{what}: zone {zone} out of bounds 0..{size} or empty")
        check(
            start >= previous if touching else start > previous,
            "zones",
            f"{what}: zone {zone} unsorted or overlapping (previous end {previous})",
        )
        previous = end


def check_words(text: str, found: Sequence[Any], what: str) -> None:
    previous = 0
    for word in found:
        check(0 <= word.start < word.end <= len(text), "offsets", f"{what}: {word} out of bounds")
        check(
            text[word.start : word.end] == word.text,
            "offsets",
            f"{what}: {word} != text {text[word.start : word.end]!r}",
        )
        check(word.start >= previous, "offsets", f"{what}: {word} overlaps the previous word")
        check(word.joiner in ("", *JOINERS), "offsets", f"{what}: {word} has joiner {word.joiner!r}")
        if word.joiner:
            check(text[word.end] == word.joiner, "offsets", f"{what}: {word}: joiner is not the next character")
        previous = word.end


def check_fix(norm: Normalizer, text: str, zones: Sequence[tuple[int, int]], what: str) -> str:
    """Findings lie in the text, do not overlap, have right line/column, leave the zones alone, and
    `fix` is `apply` of exactly those findings."""
    result = norm.fix(text, "-", zones)
    starts = line_starts(text)
    position = 0
    for f in sorted(result.findings, key=lambda f: f.start):
        check(0 <= f.start < f.end <= len(text), "offsets", f"{what}: finding {f.found!r} at {f.start}:{f.end}")
        check(
            text[f.start : f.end] == f.found,
            "offsets",
            f"{what}: finding says {f.found!r}, text has {text[f.start : f.end]!r}",
        )
        check(f.start >= position, "offsets", f"{what}: findings overlap at {f.start}")
        check(
            starts[f.line - 1] + f.column - 1 == f.start,
            "offsets",
            f"{what}: line {f.line} column {f.column} is not offset {f.start}",
        )
        if f.is_change:
            for start, end in zones:
                check(
                    f.end <= start or end <= f.start,
                    "zones",
                    f"{what}: {f.found!r} -> {f.replacement!r} edits zone {start}:{end}",
                )
        position = f.end
    check(apply(text, result.findings) == result.text, "locality", f"{what}: fix is not apply(findings)")
    check(norm.findings(text, "-", zones) == list(result.findings), "check-vs-fix", f"{what}: findings differ from fix")
    return result.text


def target_scanner(text: str, choice: int) -> None:
    zones = skipped_zones(text, phrases())
    check_zones(sorted(set(zones)), len(text), "skipped_zones", touching=True)  # merged when masked
    for start, end in zones:
        check(0 <= start <= end <= len(text), "zones", f"skipped zone {start}:{end} out of bounds")
    check_words(text, words(text), "words")
    check_words(text, words(text, phrases(), PARTICLES), "words(particles)")
    protected = protected_zones(text, "text")
    check_words(text, words(text, phrases(), PARTICLES, protected), "words(protected)")
    norm = shipped("de" if choice % 2 == 0 else "en")
    once = check_fix(norm, text, (), "fix")
    twice = norm.fix(once).text
    check(twice == once, "idempotence", f"fix(fix(x)) != fix(x): {once!r} -> {twice!r}")


def target_markup(text: str, choice: int) -> None:
    norm = shipped("de" if choice % 2 == 0 else "en")
    for kind in ("markdown", "html", "text"):
        zones = protected_zones(text, kind)  # type: ignore[arg-type]
        check(isinstance(zones, list), "zones", f"{kind}: zones are a {type(zones)}")
        check_zones(zones, len(text), kind)
        once = check_fix(norm, text, zones, kind)
        twice = norm.fix(once, "-", protected_zones(once, kind)).text  # type: ignore[arg-type]
        check(twice == once, "idempotence", f"{kind}: fix(fix(x)) != fix(x): {once!r} -> {twice!r}")


class ConventionFiles:
    """A private folder for the files of the conventions target."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="normalizer-fuzz-"))
        atexit.register(shutil.rmtree, self.root, True)
        (self.root / "other.yaml").write_text(VALID_CONVENTION.replace("fuzz-de", "other"), encoding="utf-8")

    def write(self, name: str, data: bytes) -> Path:
        path = self.root / name
        path.write_bytes(data)
        return path


@cache
def convention_files() -> ConventionFiles:
    return ConventionFiles()


def as_bytes(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogateescape")


def target_conventions(text: str, choice: int) -> None:
    files = convention_files()
    data = as_bytes(text)
    if choice % 4 == 0:  # as self.yaml: `extends: self.yaml` is a loop
        path = files.write("self.yaml", data)
    else:  # self.yaml is a valid convention again, so that every run depends on its input alone
        files.write("self.yaml", as_bytes(VALID_CONVENTION.replace("fuzz-de", "self")))
        path = files.write("fuzz.yaml", data)
    try:
        convention = load_file(path)
    except ConventionError as exc:
        message = str(exc)
        check("\n" not in message and "\r" not in message, "multiline-error", f"error is not one line: {message!r}")
        controls = sorted({c for c in message if unicodedata.category(c) == "Cc"})
        check(not controls, "control-in-error", f"error prints control characters {controls}: {message!r}")
        named = exc.path == str(path) or Path(exc.path).is_file()  # this file or one it extends
        check(named and message.startswith(f"{exc.path}:"), "error-label", f"error does not name the file: {message!r}")
        breaks = sum(text.count(c) for c in ("\n", "\r", "\x85", "\u2028", "\u2029"))  # YAML's line breaks
        lines = breaks + 2
        if exc.line is not None and exc.path == str(path):
            check(
                1 <= exc.line <= lines,
                "error-location",
                f"line {exc.line} outside the file ({lines - 1} lines): {message!r}",
            )
        return
    check(isinstance(convention, Convention), "crash", f"load_file returned {type(convention)}")
    if len(convention.entries) <= 30:  # a convention that loads must also work
        norm = Normalizer(convention)
        sample = " ".join(
            [*(e.canonical for e in convention.entries), *(a for e in convention.entries for a in e.aliases)]
        )
        sample += " " + " ".join(ex.text for e in convention.entries for ex in e.examples)
        once = norm.fix(sample).text  # no crash, whatever the spellings
        problems = list(lint(convention))  # nor in `conventions lint`
        if not problems:  # a convention that passes lint is one the engine must handle cleanly
            check(
                norm.fix(once).text == once,
                "convention-idempotence",
                f"fix(fix(x)) != fix(x) with this lint-clean convention: {once!r}",
            )


YAML_KEYS = [
    "convention",
    "version",
    "language",
    "description",
    "extends",
    "entries",
    "protect",
    "canonical",
    "native",
    "source_lang",
    "kind",
    "aliases",
    "examples",
    "fuzzy",
    "in",
    "out",
    "x",
    "",
]


def yaml_values(depth: int) -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.sampled_from(["de", "en", "uk", "ru", "be", "person", "place", "org", "Kiew", "Kyiv", "Київ", "", " ", "1"]),
        st.text(max_size=12),
        st.integers(),
        st.booleans(),
        st.none(),
        st.floats(allow_nan=False),
    )
    if depth == 0:
        return scalars
    inner = yaml_values(depth - 1)
    return st.one_of(
        scalars, st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(YAML_KEYS), inner, max_size=5)
    )


@st.composite
def convention_documents(draw: st.DrawFn) -> str:
    """Structured: a dump of a document built from the schema's own keys, in block or flow style."""
    import yaml

    entry = st.dictionaries(st.sampled_from(YAML_KEYS[7:]), yaml_values(2), max_size=7)
    top = draw(st.dictionaries(st.sampled_from(YAML_KEYS[:7]), yaml_values(2), max_size=7))
    if draw(st.booleans()):
        top["entries"] = draw(st.lists(entry, max_size=4))
    if draw(st.booleans()):
        top.setdefault("convention", "fuzz")
        top.setdefault("language", draw(st.sampled_from(["de", "en", "xx", ""])))
    text: str = yaml.safe_dump(
        top, allow_unicode=draw(st.booleans()), default_flow_style=draw(st.booleans()), sort_keys=False
    )
    return text


@dataclass(frozen=True)
class Target:
    name: str
    run: Callable[[str, int], None]
    fresh: st.SearchStrategy[str]
    pieces: Sequence[str]
    seeds: Sequence[str]
    batch: int


def targets() -> dict[str, Target]:
    text_pieces = [*NAMES, *AWKWARD, *SEPARATORS, *URLS, *MARKUP[:20]]
    markup_pieces = [*MARKUP, *NAMES, *SEPARATORS, *URLS]
    yaml_pieces = [*YAML_PIECES, *NAMES[:6]]
    return {
        "scanner": Target(
            "scanner",
            target_scanner,
            pieces_text(text_pieces, 60),
            text_pieces,
            [" ".join(NAMES), " ".join(URLS)],
            500,
        ),
        "markup": Target(
            "markup",
            target_markup,
            pieces_text(markup_pieces, 60),
            markup_pieces,
            seed_files("markup"),
            300,
        ),
        "conventions": Target(
            "conventions",
            target_conventions,
            st.one_of(pieces_text(yaml_pieces, 50), convention_documents(), st.just(VALID_CONVENTION)),
            yaml_pieces,
            [VALID_CONVENTION, *seed_files("conventions")],
            300,
        ),
    }


# kind of finding -> the xfail test in tests/test_fuzz_regressions.py that keeps it (fixed ones are removed;
# "multiline-error" and "control-in-error" were fixed by escaping the values quoted in errors)
KNOWN_BUGS: dict[str, str] = {}


def outcome(run: Callable[[str, int], None], text: str, choice: int, allow: set[str] | frozenset[str]) -> str:
    """Run a target on one input: '' when all is well, the kind of an allowed finding, or the
    exception of any other finding."""
    try:
        run(text, choice)
    except FindingError as finding:
        if finding.kind in allow:
            return finding.kind
        raise
    except Exception as exc:
        kind = f"crash:{type(exc).__name__}"
        if kind in allow:
            return kind
        raise
    return ""


# --- the runner ------------------------------------------------------------------------------------


class TimeUp(BaseException):
    """Ends the current hypothesis batch when the time is up (a BaseException, so not a failure)."""


@dataclass
class Stats:
    executions: int = 0
    allowed: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    slowest: float = 0.0


class Runner:
    def __init__(self, target: Target, seconds: float, rng: random.Random, options: argparse.Namespace):
        self.target = target
        self.deadline = time.monotonic() + seconds
        self.rng = rng
        self.allow = set(options.allow) | (set(KNOWN_BUGS) if options.allow_known else set())
        self.slow = options.slow
        self.hang = options.hang
        self.coverage = Coverage(not options.no_coverage, options.trace_every)
        self.corpus = Corpus(list(target.seeds))
        self.stats = Stats()
        self.current = ""
        self.failing = False
        self.last_status = time.monotonic()
        handle, name = tempfile.mkstemp(prefix=f"normalizer-fuzz-{target.name}-", suffix=".input")
        self.input_file, self.input_fd = name, handle

    def remember(self, text: str) -> None:
        """Keep the input on disk, for the hard timeout (faulthandler ends the process)."""
        data = as_bytes(text)
        os.ftruncate(self.input_fd, 0)
        os.pwrite(self.input_fd, data, 0)

    def execute(self, text: str, choice: int) -> None:
        if not self.failing and time.monotonic() > self.deadline:
            raise TimeUp  # (never while hypothesis shrinks a finding)
        self.current = text
        self.stats.executions += 1
        if self.hang:
            self.remember(text)
            faulthandler.dump_traceback_later(self.hang, exit=True)
        started = time.perf_counter()
        kinds: list[str] = []
        try:
            new = self.coverage.run(lambda: kinds.append(outcome(self.target.run, text, choice, self.allow)))
        except BaseException:
            self.failing = True
            raise
        finally:
            if self.hang:
                faulthandler.cancel_dump_traceback_later()
        if kinds and kinds[0]:
            self.note(kinds[0], text)
            return
        elapsed = time.perf_counter() - started
        self.stats.slowest = max(self.stats.slowest, elapsed)
        if elapsed > self.slow and "slow" not in self.allow:
            self.failing = True
            raise FindingError("slow", f"one input took {elapsed:.1f} s (limit {self.slow} s)")
        if new:
            self.corpus.pending.append(text)
        if self.coverage.enabled and self.coverage.runs % self.coverage.every == 0:
            target(float(len(self.coverage.current)), label="edges")
        if time.monotonic() - self.last_status > 15:
            self.status()

    def note(self, kind: str, text: str) -> None:
        self.stats.allowed[kind] += 1
        self.stats.examples.setdefault(kind, f"input: {text!r}")

    def status(self) -> None:
        self.last_status = time.monotonic()
        left = max(0.0, self.deadline - self.last_status)
        print(
            f"  {self.stats.executions} executions, corpus {len(self.corpus.entries) + len(self.corpus.pending)}, "
            f"{len(self.coverage.seen)} edges, slowest {self.stats.slowest:.2f} s, {left:.0f} s left",
            flush=True,
        )

    def batch(self) -> None:
        self.corpus.settle()
        fresh, pieces = self.target.fresh, self.target.pieces

        @seed(self.rng.getrandbits(64))
        @settings(
            max_examples=self.target.batch,
            deadline=None,
            database=None,
            phases=(Phase.generate, Phase.target, Phase.shrink),
            suppress_health_check=list(HealthCheck),
            verbosity=Verbosity.quiet,
            report_multiple_bugs=False,
            print_blob=False,
        )
        @given(st.data(), st.integers(0, 7))
        def fuzz(data: st.DataObject, choice: int) -> None:
            self.execute(draw_input(data, fresh, self.corpus, pieces), choice)

        fuzz()

    def loop(self) -> int:
        started = time.monotonic()
        print(
            f"fuzzing {self.target.name} for {self.deadline - started:.0f} s (input of a hang: {self.input_file})",
            flush=True,
        )
        try:
            while time.monotonic() < self.deadline:
                try:
                    self.batch()
                except TimeUp:
                    break
        except Exception as exc:  # a finding, shrunk by hypothesis; self.current is the shrunk input
            elapsed = time.monotonic() - started
            print(f"\nFINDING in {self.target.name} after {self.stats.executions} executions ({elapsed:.0f} s):")
            print("".join(traceback.format_exception(exc)).rstrip())
            print(f"input ({len(self.current)} characters):\n{self.current!r}")
            return 1
        finally:
            os.close(self.input_fd)
            os.unlink(self.input_file)
        elapsed = time.monotonic() - started
        self.status()
        print(
            f"{self.target.name}: {self.stats.executions} executions in {elapsed:.0f} s "
            f"({self.stats.executions / max(elapsed, 1e-9):.0f}/s), corpus {len(self.corpus.entries)}, "
            f"{len(self.coverage.seen)} edges; findings: "
            + (", ".join(f"{k} x{n}" for k, n in self.stats.allowed.items()) or "none")
        )
        for kind, example in self.stats.examples.items():
            print(f"  first {kind}: {example}")
        return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=sorted(targets()))
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to run (default 60)")
    parser.add_argument("--seed", type=int, default=None, help="random seed of the batches (default: random)")
    parser.add_argument(
        "--allow", action="append", default=[], metavar="KIND", help="known kind of finding: count it and go on"
    )
    parser.add_argument(
        "--allow-known",
        action="store_true",
        help=f"allow the known bugs ({', '.join(KNOWN_BUGS)}) that have xfail tests",
    )
    parser.add_argument(
        "--slow", type=float, default=5.0, help="seconds after which one input is a finding (default 5)"
    )
    parser.add_argument("--hang", type=float, default=60.0, help="seconds after which the process is ended (0: never)")
    parser.add_argument("--no-coverage", action="store_true", help="no tracing: faster, blind")
    parser.add_argument(
        "--trace-every", type=int, default=6, metavar="N", help="trace one execution in N (tracing is ~5x slower)"
    )
    options = parser.parse_args(argv)
    chosen = options.seed if options.seed is not None else random.SystemRandom().randrange(2**32)
    print(f"seed {chosen}", flush=True)
    target_ = targets()[options.target]
    if options.target in ("scanner", "markup"):
        shipped("de"), shipped("en")  # built before the clock starts
    return Runner(target_, options.seconds, random.Random(chosen), options).loop()


if __name__ == "__main__":
    sys.exit(main())
