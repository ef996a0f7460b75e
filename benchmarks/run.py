"""Measure normalizer side by side with codespell, typos and grep, and print one markdown table.

    python -m benchmarks.run OUTDIR [--sizes 100,1000,10000,100000] [--repeat 3] [--quick]

OUTDIR is made by `python -m benchmarks.generate OUTDIR` (or here, when it has no manifest.json:
with the generator's defaults, or with 300 articles and a 5 MB stream under `--quick`).

Workloads, for each convention size N: `check` on the article folder with one and with two
worker processes (`--jobs` for normalizer, `--threads` for typos; codespell and grep have no
parallel mode) and on the German stream as one file. Start-up: one line on stdin with the shipped
German convention, median of 10 runs; for normalizer with its on-disk cache warm and cold. The
other tools get the convention's spellings in their own formats (see `convert`): codespell a
`-D` dictionary (which replaces its built-in ones), typos an isolated config with
`[default.extend-identifiers]` and its own dictionary silenced (`extend-ignore-words-re`), grep a
`-F -w -f` word list. Times are wall-clock medians of up to `--repeat` runs (a workload whose runs
add up to more than `--budget` seconds is not run again); peak RSS comes from `wait4` on each
child (covering its worker processes). Recall: the planted variants (planted.tsv) that a tool
reports on the same line, by its found text.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.generate import MB, parse_sizes, split_person

if TYPE_CHECKING:
    from normalizer.conventions import Entry

TOOLS = ("normalizer", "codespell", "typos", "grep")
WORKLOADS = ("folder-j1", "folder-j2", "stream")
QUICK = {"articles": 300, "stream_mb": 5.0, "sizes": (100, 1000, 10000)}
OK_EXIT = {"normalizer": {0, 1}, "codespell": {0, 65}, "typos": {0, 2}, "grep": {0, 1}}
STARTUP_RUNS = 10
LEGEND = (
    "MB/s: MB (10^6 bytes) checked per second of wall time, median of the runs. In parentheses: normalizer's"
    " time ÷ this tool's time on the same workload (above 1: normalizer is slower). –: no such mode; n/a: not"
    " installed."
)
GENERATED_ZIPF = 3.5  # a generated spelling this frequent as a word is left out of the word lists


# ---------------------------------------------------------------- measurements


@dataclass
class Sample:
    """The runs of one tool on one workload."""

    seconds: list[float] = field(default_factory=list)  # timed runs
    rss_kb: int = 0  # the largest peak RSS of the timed runs
    first: float | None = None  # the untimed first run (normalizer: builds its cache)
    recall: float | None = None
    error: str = ""  # 'timeout', 'n/a' or the tail of stderr
    first_rss_kb: int = 0  # the peak RSS of the first run

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None


@dataclass
class Results:
    """Everything one run measured; `samples[(tool, size, workload)]`, `startup[(tool, cache)]`."""

    folder_bytes: int
    stream_bytes: int
    sizes: list[int]
    tools: dict[str, bool]  # tool -> installed
    samples: dict[tuple[str, int, str], Sample] = field(default_factory=dict)
    startup: dict[tuple[str, str], Sample] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- pure helpers (unit-tested)


def mb_per_s(size: int, seconds: float | None) -> float | None:
    if not seconds:
        return None
    return size / MB / seconds


_PATTERNS = {
    "normalizer": re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<found>.+?) -> .* \["),
    "codespell": re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<found>.+?) ==> "),
    "typos": re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): \w+: `(?P<found>[^`]+)` should be "),
    "grep": re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<found>.*)$"),
}


def parse_findings(tool: str, text: str) -> list[tuple[str, int, str]]:
    """A tool's output as (file, line, found); paths without a leading './'."""
    pattern = _PATTERNS[tool]
    out = []
    for raw in text.splitlines():
        m = pattern.match(raw)
        if m:
            path = m["file"][2:] if m["file"].startswith("./") else m["file"]
            out.append((path, int(m["line"]), m["found"]))
    return out


def read_planted(path: Path) -> list[tuple[str, int, int, str, str]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        next(handle)
        for raw in handle:
            file, line, column, found, expected = raw.rstrip("\n").split("\t")
            rows.append((file, int(line), int(column), found, expected))
    return rows


def recall(planted: Iterable[tuple[str, int, int, str, str]], findings: Iterable[tuple[str, int, str]]) -> float | None:
    """Share of planted variants reported on their line by a finding whose text contains, or is
    contained in, the planted spelling (word-level tools report one word of a full name); each
    finding counts for one planted variant."""
    by_line: dict[tuple[str, int], list[str]] = defaultdict(list)
    for file, line, found in findings:
        by_line[(file, line)].append(found)
    total = hit = 0
    for file, line, _column, found, _expected in planted:
        total += 1
        candidates = by_line.get((file, line), [])
        for i, other in enumerate(candidates):
            if other and (other in found or found in other):
                hit += 1
                candidates[i] = ""
                break
    return hit / total if total else None


def ratio(normalizer: Sample | None, other: Sample | None) -> float | None:
    """normalizer's time ÷ the other tool's time (below 1: normalizer is faster)."""
    if normalizer is None or other is None or not normalizer.median or not other.median:
        return None
    return normalizer.median / other.median


def growth(results: Results, tool: str, workload: str, big: int = 100000, small: int = 1000) -> float | None:
    a = results.samples.get((tool, big, workload))
    b = results.samples.get((tool, small, workload))
    if a is None or b is None or not a.median or not b.median:
        return None
    return a.median / b.median


def _cell_missing(results: Results, tool: str, sample: Sample | None) -> str | None:
    if not results.tools.get(tool):
        return "n/a"
    if sample is None:
        return "–"
    if sample.error:
        return sample.error
    return None


def throughput_cell(results: Results, tool: str, size: int, workload: str) -> str:
    sample = results.samples.get((tool, size, workload))
    missing = _cell_missing(results, tool, sample)
    if missing is not None or sample is None:
        return missing or "–"
    nbytes = results.stream_bytes if workload == "stream" else results.folder_bytes
    cell = f"{mb_per_s(nbytes, sample.median):.2f} MB/s"
    if tool != "normalizer":
        r = ratio(results.samples.get(("normalizer", size, workload)), sample)
        if r is not None:
            cell += f" (×{r:.2f})"
    return cell


def _rss(sample: Sample | None) -> str:
    return f"{sample.rss_kb / 1024:.0f} MB" if sample is not None and sample.rss_kb else "–"


def _fmt(value: float | None, spec: str, suffix: str = "") -> str:
    return "–" if value is None else f"{value:{spec}}{suffix}"


def _first_run_cell(results: Results, tool: str, size: int) -> str:
    sample = results.samples.get((tool, size, "folder-j1"))
    missing = _cell_missing(results, tool, sample)
    if missing is not None or sample is None:
        return missing or "–"
    peak = f" / {sample.first_rss_kb / 1024:.0f} MB" if sample.first_rss_kb else ""
    return _fmt(sample.first, ".2f", " s") + peak


def format_table(results: Results) -> str:
    """The one markdown table: rows are measures, columns are tools."""
    tools = list(TOOLS)
    lines = [
        "| measure | " + " | ".join(tools) + " |",
        "| --- | " + " | ".join("---:" for _ in tools) + " |",
    ]

    def row(label: str, cells: Iterable[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    folder_mb = results.folder_bytes / MB
    stream_mb = results.stream_bytes / MB
    for size in results.sizes:
        names = {
            "folder-j1": f"{size:,} entries: folder ({folder_mb:.1f} MB), 1 process",
            "folder-j2": f"{size:,} entries: folder, 2 processes/threads",
            "stream": f"{size:,} entries: stream-de ({stream_mb:.1f} MB, one file)",
        }
        for workload in WORKLOADS:
            row(names[workload], (throughput_cell(results, t, size, workload) for t in tools))
        cells = []
        for tool in tools:
            one = results.samples.get((tool, size, "folder-j1"))
            two = results.samples.get((tool, size, "folder-j2"))
            missing = _cell_missing(results, tool, two)
            if missing is not None or one is None or not one.median or two is None or not two.median:
                cells.append(missing or "–")
            else:
                cells.append(f"{one.median / two.median:.2f}×")
        row(f"{size:,} entries: speed-up 2 ÷ 1 process (folder)", cells)
        cells = []
        for tool in tools:
            folder = results.samples.get((tool, size, "folder-j1"))
            stream = results.samples.get((tool, size, "stream"))
            missing = _cell_missing(results, tool, folder or stream)
            cells.append(missing if missing is not None else f"{_rss(folder)} / {_rss(stream)}")
        row(f"{size:,} entries: peak RSS (folder, 1 process / stream)", cells)
        cells = []
        for tool in tools:
            folder = results.samples.get((tool, size, "folder-j1"))
            stream = results.samples.get((tool, size, "stream"))
            missing = _cell_missing(results, tool, folder)
            if missing is not None:
                cells.append(missing)
            else:
                stream_recall = stream.recall if stream else None
                cells.append(f"{_fmt(folder.recall if folder else None, '.3f')} / {_fmt(stream_recall, '.3f')}")
        row(f"{size:,} entries: recall of planted variants (folder / stream)", cells)
        cells = [_first_run_cell(results, tool, size) for tool in tools]
        row(f"{size:,} entries: first run on the folder, time / peak RSS (normalizer: cache cold)", cells)
    for cache in ("warm", "cold"):
        cells = []
        for tool in tools:
            sample = results.startup.get((tool, cache))
            missing = _cell_missing(results, tool, sample)
            cells.append(
                missing if missing is not None else _fmt(sample.median * 1000 if sample else None, ".0f", " ms")
            )
        label = "on-disk cache warm" if cache == "warm" else "on-disk cache cold (fresh folder each run)"
        row(f"start-up, one line on stdin, shipped convention, {label}", cells)
    if 100000 in results.sizes and 1000 in results.sizes:
        for workload, label in (("folder-j1", "folder, 1 process"), ("stream", "stream")):
            cells = []
            for tool in tools:
                missing = _cell_missing(results, tool, results.samples.get((tool, 100000, workload)))
                cells.append(missing if missing is not None else _fmt(growth(results, tool, workload), ".2f", "×"))
            row(f"growth: time at 100,000 ÷ time at 1,000 entries ({label})", cells)
    return "\n".join(lines)


def report(results: Results) -> str:
    """The table, its legend, the notes on the machine and the targets of issue 6."""
    parts = [format_table(results), LEGEND + (" " + " ".join(results.notes) if results.notes else "")]
    return "\n\n".join([*parts, "\n".join(targets(results))])


def targets(results: Results, size: int = 10000) -> list[str]:
    """Issue 6's targets, each with the numbers and 'met' / 'NOT met'."""
    out = []

    def verdict(ok: bool | None) -> str:
        return "n/a" if ok is None else ("met" if ok else "NOT met")

    norm_best = results.samples.get(("normalizer", size, "folder-j2"))
    codespell = results.samples.get(("codespell", size, "folder-j1"))
    typos = results.samples.get(("typos", size, "folder-j2"))
    r = ratio(norm_best, codespell)
    out.append(
        f"- folder, {size:,} entries, ≥ 3× codespell's throughput (normalizer time ÷ codespell time ≤ 0.33): "
        f"{_fmt(r, '.2f')} — {verdict(None if r is None else r <= 1 / 3)}"
    )
    r = ratio(norm_best, typos)
    out.append(
        f"- folder, {size:,} entries, at least as fast as typos (2 processes / 2 threads; ratio ≤ 1): "
        f"{_fmt(r, '.2f')} — {verdict(None if r is None else r <= 1)}"
    )
    for workload in ("folder-j1", "stream"):
        g = growth(results, "normalizer", workload)
        ok = None if g is None else g <= 1.5
        out.append(f"- growth 100,000 ÷ 1,000 entries ({workload}) ≤ 1.5: {_fmt(g, '.2f')} — {verdict(ok)}")
    warm = results.startup.get(("normalizer", "warm"))
    ms = warm.median * 1000 if warm and warm.median else None
    out.append(
        f"- start-up ≤ 150 ms (cache warm): {_fmt(ms, '.0f', ' ms')} — {verdict(None if ms is None else ms <= 150)}"
    )
    big = max(results.sizes)
    if big >= 100000:
        folder = results.samples.get(("normalizer", big, "folder-j1"))
        stream = results.samples.get(("normalizer", big, "stream"))
        peaks = [s.rss_kb / 1024 for s in (folder, stream) if s is not None and s.rss_kb]
        ok = None if not peaks else max(peaks) <= 400
        built = f"; the first run, which builds the cache: {folder.first_rss_kb / 1024:.0f} MB" if folder else ""
        out.append(
            f"- peak RSS at {big:,} entries ≤ 400 MB: folder {_rss(folder)}, stream {_rss(stream)} — {verdict(ok)}"
            + built
        )
    one = results.samples.get(("normalizer", size, "folder-j1"))
    two = results.samples.get(("normalizer", size, "folder-j2"))
    speed = one.median / two.median if one and two and one.median and two.median else None
    ok = None if speed is None else speed >= 1.7
    out.append(f"- --jobs 2 ≥ 1.7× --jobs 1 (folder, {size:,} entries): {_fmt(speed, '.2f', '×')} — {verdict(ok)}")
    return out


# ---------------------------------------------------------------- dictionaries for the other tools


def _pairs(spelling: str, canonical: str, kind: str) -> list[tuple[str, str]]:
    """Word-level (variant, canonical) pairs of one spelling, position by position."""
    if kind == "person":
        (g1, s1), (g2, s2) = split_person(spelling), split_person(canonical)
        left, right = [*g1.split(), s1], [*g2.split(), s2]
    else:
        left, right = spelling.split(), canonical.split()
    if len(left) != len(right):
        return []
    return [(a, b) for a, b in zip(left, right, strict=True) if a != b]


def convert(entries: Sequence[Entry], zipf: Callable[[str], float] | None = None) -> dict[str, list[str]]:
    """variant word -> canonical words, from every entry's aliases and generated variants. A
    word that is itself part of a house spelling is left out (it would flag correct text), and so
    is a generated word that is a frequent word of German or English (Zipf ≥ 3.5)."""
    from normalizer.translit import variants

    frequency = zipf or _zipf
    canonical_words = {w for e in entries for w in e.canonical.split()}
    out: dict[str, list[str]] = {}
    for entry in entries:
        spellings = [(a, False) for a in entry.aliases]
        if entry.native and entry.source_lang:
            spellings += [(v, True) for v in variants(entry.native, entry.source_lang)]
        for spelling, generated in spellings:
            for variant, canonical in _pairs(spelling, entry.canonical, entry.kind):
                if variant in canonical_words or (generated and frequency(variant) >= GENERATED_ZIPF):
                    continue
                targets = out.setdefault(variant, [])
                if canonical not in targets:
                    targets.append(canonical)
    return out


def _zipf(word: str) -> float:
    from benchmarks.generate import zipf

    return zipf(word)


def codespell_dictionary(mapping: Mapping[str, list[str]]) -> str:
    """codespell looks words up lowercased; several fixes make a 'word->a, b,' line."""
    merged: dict[str, list[str]] = {}
    for variant, canonicals in mapping.items():
        if any(c in variant for c in ",>") or "\n" in variant:
            continue
        targets = merged.setdefault(variant.lower(), [])
        targets += [c for c in canonicals if c not in targets and c.lower() != variant.lower()]
    lines = []
    for key in sorted(merged):
        fixes = merged[key]
        if fixes:
            lines.append(f"{key}->{fixes[0]}" if len(fixes) == 1 else f"{key}->{', '.join(fixes)},")
    return "\n".join(lines) + "\n"


def typos_config(mapping: Mapping[str, list[str]]) -> str:
    """typos: identifiers (case-sensitive) only; its own word dictionary silenced."""
    lines = [
        "[files]",
        "extend-exclude = []",
        "",
        "[default]",
        'extend-ignore-words-re = [".*"]',
        "",
        "[default.extend-identifiers]",
    ]
    for variant in sorted(mapping):
        parts = re.split(r"[-'’]", variant)
        fixes = re.split(r"[-'’]", mapping[variant][0])
        if len(parts) != len(fixes):
            continue
        for part, fix in zip(parts, fixes, strict=True):
            if part and part != fix:
                lines.append(f"{json.dumps(part, ensure_ascii=False)} = {json.dumps(fix, ensure_ascii=False)}")
    return "\n".join(dict.fromkeys(lines)) + "\n"


def grep_words(mapping: Mapping[str, list[str]]) -> str:
    return "\n".join(sorted(mapping)) + "\n"


def prepare_tool_inputs(out: Path, label: str, names: list[str]) -> Path:
    """Write the three word lists for a convention once (OUTDIR/tools/LABEL/); returns the folder."""
    from normalizer import load_conventions

    folder = out / "tools" / label
    stamp = json.dumps([(n, Path(n).stat().st_size) if Path(n).exists() else n for n in names])
    if (folder / "stamp.json").exists() and (folder / "stamp.json").read_text() == stamp:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    mapping = convert(load_conventions(names).entries)
    (folder / "codespell.txt").write_text(codespell_dictionary(mapping), encoding="utf-8")
    (folder / "typos.toml").write_text(typos_config(mapping), encoding="utf-8")
    (folder / "grep.txt").write_text(grep_words(mapping), encoding="utf-8")
    (folder / "stamp.json").write_text(stamp)
    return folder


# ---------------------------------------------------------------- running


def _spin(loops: int) -> float:
    start = time.perf_counter()
    total = 0
    for i in range(loops):
        total += i
    return time.perf_counter() - start


def machine_note(loops: int = 5_000_000) -> str:
    """CPUs, load average, and how fast two busy processes run side by side compared with one
    alone (100%: two free cores; 50%: the two share one core, e.g. with another job running)."""
    from concurrent.futures import ProcessPoolExecutor

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    load = os.getloadavg()[0]
    alone = min(_spin(loops) for _ in range(3))
    with ProcessPoolExecutor(2) as pool:
        pair = max(pool.map(_spin, [loops * 4, loops * 4])) / 4
    return (
        f"{cpus} CPUs, load average {load:.2f}; two busy processes side by side each ran at "
        f"{100 * alone / pair:.0f}% of the speed of one alone"
    )


@dataclass
class Run:
    seconds: float
    rss_kb: int
    code: int
    timed_out: bool
    cpu: float = 0.0  # user + system seconds of the command and the children it waited for


GNU_TIME = "/usr/bin/time"


def run_once(
    cmd: Sequence[str], cwd: Path, env: Mapping[str, str], stdout: Path, stdin: Path | None, timeout: float
) -> Run:
    """Run one command: wall time and peak RSS. With GNU time, its `%M` (the command and the
    children it waited for); else wait4's, which on Linux starts from the RSS of this Python
    process at fork time and so only shows a peak above that."""
    err = stdout.with_suffix(".err")
    rss_file = stdout.with_suffix(".rss")
    wrapped = list(cmd)
    gnu_time = os.access(GNU_TIME, os.X_OK)
    if gnu_time:
        wrapped = [GNU_TIME, "-q", "-f", "%M", "-o", str(rss_file), *wrapped]
    with stdout.open("wb") as out, err.open("wb") as errors, (stdin or Path(os.devnull)).open("rb") as inp:
        start = time.perf_counter()
        proc = subprocess.Popen(
            wrapped, cwd=cwd, env=dict(env), stdin=inp, stdout=out, stderr=errors, start_new_session=True
        )
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss = int(usage.ru_maxrss)
    if gnu_time and not killed.is_set():
        with contextlib.suppress(OSError, ValueError, IndexError):
            rss = int(rss_file.read_text().split()[-1])
    return Run(seconds, rss, proc.returncode, killed.is_set(), usage.ru_utime + usage.ru_stime)


class Bench:
    def __init__(self, out: Path, repeat: int, budget: float, timeout: float, log: bool = True):
        self.out = out.resolve()
        self.repeat = repeat
        self.budget = budget
        self.timeout = timeout
        self.log = log
        self.scratch = Path(tempfile.mkdtemp(prefix="normalizer-bench-"))
        self.cache = self.scratch / "cache"
        bin_dir = str(Path(sys.executable).parent)
        search = bin_dir + os.pathsep + os.environ.get("PATH", "")
        self.paths = {t: shutil.which(t, path=search) for t in TOOLS}
        self.env = dict(os.environ, NORMALIZER_CACHE_DIR=str(self.cache), LC_ALL="C.UTF-8")
        self.env.pop("NORMALIZER_NO_CACHE", None)
        # measured as installed: a shell that forbids bytecode files makes every start-up compile
        # the modules again (about 30 ms here)
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.planted = read_planted(self.out / "planted.tsv")

    def say(self, text: str) -> None:
        if self.log:
            print(text, file=sys.stderr, flush=True)

    def command(self, tool: str, inputs: Path, target: str, parallel: int, conv: str) -> list[str]:
        exe = self.paths[tool] or tool
        if tool == "normalizer":
            # --no-cache: every timed run finds everything afresh (the runs after the first would
            # otherwise take each file's findings from the cache), comparable with the earlier rounds
            return [exe, "check", "--quiet", "--isolated", "--no-cache", "-c", conv, "-j", str(parallel), target]
        if tool == "codespell":
            return [exe, "-d", "-D", str(inputs / "codespell.txt"), target]
        if tool == "typos":
            return [
                exe,
                "--isolated",
                "--config",
                str(inputs / "typos.toml"),
                "--format",
                "brief",
                "--threads",
                str(parallel),
                target,
            ]
        return [exe, "-F", "-w", "-o", "-n", "-H", "-r", "-f", str(inputs / "grep.txt"), target]

    def measure(self, tool: str, cmd: Sequence[str], first_untimed: bool, planted_prefix: str) -> Sample:
        sample = Sample()
        output = self.scratch / f"{tool}.out"
        runs = 0
        while True:
            run = run_once(cmd, self.out, self.env, output, None, self.timeout)
            if run.timed_out:
                sample.error = f"timeout > {self.timeout:.0f} s"
                return sample
            if run.code not in OK_EXIT[tool]:
                tail = output.with_suffix(".err").read_text(errors="replace").strip().splitlines()[-1:]
                sample.error = f"exit {run.code}: {tail[0][:60] if tail else ''}".replace("|", "/")
                return sample
            if runs == 0:
                text = output.read_text(encoding="utf-8", errors="replace")
                planted = [r for r in self.planted if r[0].startswith(planted_prefix)]
                sample.recall = recall(planted, parse_findings(tool, text))
            runs += 1
            if runs == 1 and first_untimed:
                sample.first, sample.first_rss_kb = run.seconds, run.rss_kb
                continue
            sample.rss_kb = max(sample.rss_kb, run.rss_kb)
            sample.seconds.append(run.seconds)
            if len(sample.seconds) >= self.repeat or sum(sample.seconds) + (sample.first or 0) > self.budget:
                return sample

    def startup(self, tool: str, inputs: Path, cold: bool) -> Sample:
        line = self.scratch / "line.txt"
        line.write_text("x\n")
        exe = self.paths[tool] or tool
        cmd = {
            "normalizer": [exe, "fix", "--isolated", "-c", "de"],
            "codespell": [exe, "-d", "-D", str(inputs / "codespell.txt"), "-"],
            "typos": [exe, "--isolated", "--config", str(inputs / "typos.toml"), "-"],
            "grep": [exe, "-F", "-w", "-f", str(inputs / "grep.txt")],
        }[tool]
        sample = Sample()
        env = dict(self.env)
        for i in range(STARTUP_RUNS + 1):
            if tool == "normalizer":
                folder = self.scratch / (f"cold-{i}" if cold else "warm")
                env["NORMALIZER_CACHE_DIR"] = str(folder)
            run = run_once(cmd, self.out, env, self.scratch / "startup.out", line, self.timeout)
            if run.code not in OK_EXIT[tool]:
                sample.error = f"exit {run.code}"
                return sample
            if i == 0 and not cold:
                continue  # fills the warm cache
            sample.seconds.append(run.seconds)
            sample.rss_kb = max(sample.rss_kb, run.rss_kb)
        sample.seconds = sample.seconds[:STARTUP_RUNS]
        return sample

    def run(self, sizes: Sequence[int], folder_bytes: int, stream_bytes: int) -> Results:
        installed = {t: self.paths[t] is not None for t in TOOLS}
        results = Results(folder_bytes, stream_bytes, list(sizes), installed)
        shipped = self.out / "tools" / "shipped"
        if any(installed[t] for t in TOOLS if t != "normalizer"):
            self.say("converting the shipped convention for codespell, typos and grep")
            shipped = prepare_tool_inputs(self.out, "shipped", ["de"])
        for tool in TOOLS:
            if installed[tool]:
                for cache in ("warm", "cold") if tool == "normalizer" else ("warm",):
                    self.say(f"start-up: {tool} ({cache})")
                    results.startup[(tool, cache)] = self.startup(tool, shipped, cold=cache == "cold")
        for size in sizes:
            conv = f"conv-de-{size}.yaml"
            inputs = self.out / "tools" / str(size)
            if any(installed[t] for t in TOOLS if t != "normalizer"):
                self.say(f"{size} entries: converting {conv} for codespell, typos and grep")
                inputs = prepare_tool_inputs(self.out, str(size), [str(self.out / conv)])
            for tool in TOOLS:
                if not installed[tool]:
                    continue
                for workload in WORKLOADS:
                    if workload == "folder-j2" and tool in ("codespell", "grep"):
                        continue  # no parallel mode
                    target = "stream-de.txt" if workload == "stream" else "folder"
                    parallel = 2 if workload == "folder-j2" else 1
                    cmd = self.command(tool, inputs, target, parallel, conv)
                    self.say(f"{size} entries: {tool} {workload}")
                    first = workload == "folder-j1"
                    sample = self.measure(tool, cmd, first, "stream-de.txt" if workload == "stream" else "folder/")
                    results.samples[(tool, size, workload)] = sample
                    self.say(f"    {sample.median and round(sample.median, 3)} s {sample.error}")
        return results

    def close(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--sizes", type=parse_sizes, default=None, help="default: 100,1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="300 articles, 5 MB stream, sizes 100,1000,10000")
    parser.add_argument(
        "--budget", type=float, default=30.0, help="seconds of runs after which a workload is not repeated"
    )
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds after which one run is stopped")
    parser.add_argument("--json", type=Path, help="also write the raw measurements here")
    parser.add_argument("--from-json", type=Path, help="print the table of measurements saved with --json")
    args = parser.parse_args(argv)
    if args.from_json:
        results = from_json(json.loads(args.from_json.read_text(encoding="utf-8")))
        print(report(results))
        return 0
    out: Path = args.outdir
    sizes = args.sizes or (list(QUICK["sizes"]) if args.quick else [100, 1000, 10000, 100000])
    manifest_path = out / "manifest.json"
    if not manifest_path.exists():
        from benchmarks.generate import generate

        params: dict[str, Any] = {"articles": QUICK["articles"], "stream_mb": QUICK["stream_mb"]} if args.quick else {}
        print(f"generating {out} ...", file=sys.stderr, flush=True)
        generate(out, sizes=sizes, **params)
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    missing = [s for s in sizes if not (out / f"conv-de-{s}.yaml").exists()]
    if missing:
        parser.error(
            f"{out} has no convention of size {', '.join(map(str, missing))}: run benchmarks.generate with --sizes"
        )
    bench = Bench(out, args.repeat, args.budget, args.timeout)
    before = machine_note()
    try:
        results = bench.run(sizes, manifest["folder_bytes"], manifest["stream_bytes"]["de"])
    finally:
        bench.close()
    results.notes = [f"Machine before the run: {before}.", f"After the run: {machine_note()}."]
    if args.json:
        args.json.write_text(json.dumps(to_json(results), indent=1) + "\n", encoding="utf-8")
    print(report(results))
    return 0


def from_json(data: Mapping[str, Any]) -> Results:
    """Results written by `--json` (to print the table again without measuring)."""
    fields = ("seconds", "rss_kb", "first", "first_rss_kb", "recall", "error")
    results = Results(
        int(data["folder_bytes"]),
        int(data["stream_bytes"]),
        list(data["sizes"]),
        dict(data["tools"]),
    )

    def sample(item: Mapping[str, Any]) -> Sample:  # files of older runs lack newer fields
        return Sample(**{k: item[k] for k in fields if k in item})

    for item in data["samples"]:
        results.samples[(item["tool"], item["size"], item["workload"])] = sample(item)
    for item in data["startup"]:
        results.startup[(item["tool"], item["cache"])] = sample(item)
    results.notes = list(data.get("notes", []))
    return results


def to_json(results: Results) -> dict[str, object]:
    return {
        "folder_bytes": results.folder_bytes,
        "stream_bytes": results.stream_bytes,
        "sizes": results.sizes,
        "tools": results.tools,
        "samples": [{"tool": t, "size": s, "workload": w, **vars(v)} for (t, s, w), v in results.samples.items()],
        "startup": [{"tool": t, "cache": c, **vars(v)} for (t, c), v in results.startup.items()],
        "notes": results.notes,
    }


if __name__ == "__main__":
    sys.exit(main())
