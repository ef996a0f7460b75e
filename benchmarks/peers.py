"""The second corpus: the peer comparison of the shared bench (2,000 generated Markdown articles,
alias tables of 1,000, 10,000 and 100,000 rows converted for each tool), timed side by side.

    python -m benchmarks.peers DATA_DIR [--peers ../shared/bench/peers] [--sizes 1000,10000,100000]
                               [--rounds 5] [--before OLD/bin/normalizer] [--json FILE]

DATA_DIR is made with the shared generator when it has no convention_100000.yaml (its scripts are
run from --peers, not copied here). Each round runs every command once, one after the other, so
that the tools share the same moments of a busy machine; a row reports the median of the rounds
and the ratio of the medians, in wall time and (for one process) in user + system CPU time, which a
busy machine sways much less. Commands, all from DATA_DIR:

- normalizer: `check -c convention_N.yaml corpus` with default settings (its own number of worker
  processes), which after the first run takes every file's findings from the cache (the corpus
  does not change between rounds: the case of a second check over an archive); and the same with
  `--no-cache`, finding everything afresh, with default settings and with `-j 1` / `-j 2`. Its
  first run, which compiles the convention into the cache (an empty cache folder), is timed apart
  with its peak RSS;
- codespell: `-D tools/N/codespell.dict corpus`; typos: `--config tools/N/typos_idents.toml corpus`
  (only the table: its own dictionary silenced);
- with `--before PATH`: another normalizer (an older version) with default settings and `-j 1`;
- start-up: one line on stdin, `normalizer fix -c de` with the cache warm and codespell with the
  shipped convention's words (`benchmarks.run.prepare_tool_inputs`).

Recall: the planted variants of manifest.jsonl (0-based lines there) that normalizer reports on their line.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.generate import parse_sizes
from benchmarks.run import machine_note, parse_findings, prepare_tool_inputs, recall, run_once

LINE = "Selenskyj traf Scholz und Kuleba in Kiew.\n"


def generate(data: Path, peers: Path) -> None:
    """The shared generator's corpus, tables and tool inputs (as its run.sh makes them)."""
    env = dict(os.environ, PEERS_DATA=str(data))
    subprocess.run([sys.executable, str(peers / "make_corpus.py"), "--out", str(data)], check=True, env=env)
    subprocess.run([sys.executable, str(peers / "prepare_tools.py")], check=True, env=env)
    for n in (1000, 10000, 100000):
        with (data / f"convention_{n}.yaml").open("w", encoding="utf-8") as out:
            script = str(peers / "to_convention.py")
            subprocess.run([sys.executable, script, str(data / f"aliases_{n}.tsv"), "de"], check=True, stdout=out)


class Peers:
    def __init__(self, data: Path, timeout: float, before: Path | None = None):
        self.data = data.resolve()
        self.timeout = timeout
        self.scratch = Path(tempfile.mkdtemp(prefix="normalizer-peers-"))
        bin_dir = str(Path(sys.executable).parent)
        search = bin_dir + os.pathsep + os.environ.get("PATH", "")
        self.exe = {tool: shutil.which(tool, path=search) or tool for tool in ("normalizer", "codespell", "typos")}
        self.before = before
        self.env = dict(os.environ, LC_ALL="C.UTF-8", NORMALIZER_CACHE_DIR=str(self.scratch / "cache"))
        for name in ("NORMALIZER_NO_CACHE", "PYTHONDONTWRITEBYTECODE"):
            self.env.pop(name, None)

    def run(self, cmd: Sequence[str], stdin: Path | None = None) -> tuple[float, int, float]:
        """Seconds, peak RSS (KB) and CPU seconds of one run; its output is kept in the scratch folder."""
        done = run_once(cmd, self.data, self.env, self.scratch / "out.txt", stdin, self.timeout)
        if done.timed_out:
            raise RuntimeError(f"timeout: {' '.join(cmd)}")
        return done.seconds, done.rss_kb, done.cpu

    def commands(self, n: int) -> dict[str, list[str]]:
        conv, tools = f"convention_{n}.yaml", f"tools/{n}"
        norm = [self.exe["normalizer"], "check", "-c", conv]
        return {
            "normalizer": [*norm, "--no-cache", "corpus"],
            "normalizer -j 1": [*norm, "--no-cache", "-j", "1", "corpus"],
            "normalizer -j 2": [*norm, "--no-cache", "-j", "2", "corpus"],
            "normalizer, findings kept": [*norm, "corpus"],
            "codespell": [self.exe["codespell"], "-D", f"{tools}/codespell.dict", "corpus"],
            "typos": [self.exe["typos"], "--config", f"{tools}/typos_idents.toml", "corpus"],
            **({"before": [str(self.before), "check", "-c", conv, "corpus"]} if self.before else {}),
            **({"before -j 1": [str(self.before), "check", "-c", conv, "-j", "1", "corpus"]} if self.before else {}),
        }

    def size(self, n: int, rounds: int) -> dict[str, Any]:
        shutil.rmtree(self.scratch / "cache", ignore_errors=True)
        commands = self.commands(n)
        first = self.run(commands["normalizer"])  # compiles the convention into the empty cache
        findings = parse_findings("normalizer", (self.scratch / "out.txt").read_text(encoding="utf-8"))
        if self.before:
            self.run(commands["before"])  # its own cache (another code digest)
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        rss: dict[str, int] = dict.fromkeys(commands, 0)
        for _ in range(rounds):
            for name, cmd in commands.items():
                seconds, kb, used = self.run(cmd)
                times[name].append(seconds)
                cpu[name].append(used)
                rss[name] = max(rss[name], kb)
        planted = recall(self.planted(), findings)
        return {"first": first[:2], "times": times, "cpu": cpu, "rss": rss, "recall": planted}

    def planted(self) -> list[tuple[str, int, int, str, str]]:
        rows = []
        with (self.data / "manifest.jsonl").open(encoding="utf-8") as handle:
            for raw in handle:
                item = json.loads(raw)
                if item["f"]:
                    rows.append((f"corpus/{item['a']:05d}.md", item["l"] + 1, item["c0"] + 1, item["v"], item["c"]))
        return rows

    def startup(self, rounds: int) -> dict[str, list[float]]:
        line = self.scratch / "line.txt"
        line.write_text(LINE, encoding="utf-8")
        shipped = prepare_tool_inputs(self.scratch, "shipped", ["de"])
        commands = {
            "normalizer": [self.exe["normalizer"], "fix", "-c", "de"],
            "codespell": [self.exe["codespell"], "-D", str(shipped / "codespell.txt"), "-"],
            **({"before": [str(self.before), "fix", "-c", "de"]} if self.before else {}),
        }
        for name in ("normalizer", "before"):
            if name in commands:
                self.run(commands[name], line)  # fills the cache
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(rounds):
            for name, cmd in commands.items():
                times[name].append(self.run(cmd, line)[0])
        return times

    def close(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)


def _cpu(size: dict[str, Any], name: str) -> float:
    return float(statistics.median(size["cpu"][name]))


def report(results: dict[str, Any]) -> str:
    """The markdown table of one run (`results` as `main` saves it with --json)."""
    sizes: dict[str, dict[str, Any]] = results["sizes"]
    rows = [
        "| measure | " + " | ".join(f"{int(n):,} entries" for n in sizes) + " |",
        "| --- |" + " ---: |" * len(sizes),
    ]

    def med(s: dict[str, Any], name: str) -> float:
        return statistics.median(s["times"][name])

    def row(label: str, cell: Callable[[dict[str, Any]], str]) -> None:
        rows.append(f"| {label} | " + " | ".join(cell(s) for s in sizes.values()) + " |")

    names = ("normalizer", "normalizer -j 1", "normalizer -j 2", "normalizer, findings kept", "codespell", "typos")
    names += ("before", "before -j 1")
    measured = next(iter(sizes.values()))["times"]
    for name in (name for name in names if name in measured):
        shown = name.replace("normalizer", "normalizer --no-cache", 1) if name in names[:3] else name
        row(f"{shown}: seconds (median)", lambda s, name=name: f"{med(s, name):.2f}")
    for name, what in (("normalizer", "--no-cache"), ("normalizer, findings kept", "findings kept")):
        for peer in ("codespell", "typos"):
            if name in measured:
                row(f"normalizer ({what}) ÷ {peer}", lambda s, n=name, p=peer: f"{med(s, n) / med(s, p):.2f}")
    row("`-j 1` ÷ `-j 2`", lambda s: f"{med(s, 'normalizer -j 1') / med(s, 'normalizer -j 2'):.2f}×")
    if all("cpu" in s for s in sizes.values()):  # user + system time: less swayed by a busy machine
        for name in ("normalizer -j 1", "normalizer, findings kept", "codespell", "typos", "before -j 1"):
            if name not in next(iter(sizes.values()))["cpu"]:
                continue
            shown = "normalizer --no-cache -j 1" if name == "normalizer -j 1" else name
            row(f"{shown}: CPU seconds (median)", lambda s, name=name: f"{_cpu(s, name):.2f}")
        for name, what in (("normalizer -j 1", "--no-cache -j 1"), ("normalizer, findings kept", "findings kept")):
            if name in next(iter(sizes.values()))["cpu"]:
                row(
                    f"normalizer {what} ÷ codespell, CPU time",
                    lambda s, n=name: f"{_cpu(s, n) / _cpu(s, 'codespell'):.2f}",
                )
    row(
        "normalizer peak RSS, timed runs",
        lambda s: f"{max(s['rss'][n] for n in s['rss'] if n.startswith('normalizer')) / 1024:.0f} MB",
    )
    row(
        "first run (compiles the cache): seconds / peak RSS",
        lambda s: f"{s['first'][0]:.1f} s / {s['first'][1] / 1024:.0f} MB",
    )
    row("recall of planted variants (normalizer)", lambda s: f"{s['recall']:.3f}")
    lines = ["\n".join(rows), ""]
    first, last = min(sizes, key=int), max(sizes, key=int)
    grown = med(sizes[last], "normalizer") / med(sizes[first], "normalizer")
    lines.append(f"Growth, default settings, {int(last):,} ÷ {int(first):,} entries: {grown:.2f}×.")
    startup = results.get("startup")
    if startup:
        norm, other = statistics.median(startup["normalizer"]), statistics.median(startup["codespell"])
        before = f", before {statistics.median(startup['before']) * 1000:.0f} ms" if "before" in startup else ""
        lines.append(
            f"Start-up, one line on stdin, shipped convention, cache warm: normalizer {norm * 1000:.0f} ms,"
            f" codespell {other * 1000:.0f} ms (÷ {norm / other:.2f}){before}."
        )
    lines.extend(results.get("notes", []))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.peers", description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--peers", type=Path, default=Path(__file__).parents[1] / ".." / "shared" / "bench" / "peers")
    parser.add_argument("--sizes", type=parse_sizes, default=[1000, 10000, 100000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--before", type=Path, help="another normalizer executable, timed in the same rounds")
    parser.add_argument("--json", type=Path, help="also write the raw measurements here")
    parser.add_argument("--from-json", type=Path, help="print the table of measurements saved with --json")
    args = parser.parse_args(argv)
    if args.from_json:
        print(report(json.loads(args.from_json.read_text(encoding="utf-8"))))
        return 0
    if not (args.data / "convention_100000.yaml").exists():
        generate(args.data, args.peers.resolve())
    peers = Peers(args.data, args.timeout, args.before)
    results: dict[str, Any] = {"notes": [f"Machine before the run: {machine_note()}."]}
    try:
        results["sizes"] = {str(n): peers.size(n, args.rounds) for n in args.sizes}
        results["startup"] = peers.startup(max(10, args.rounds))
    finally:
        peers.close()
    results["notes"].append(f"After the run: {machine_note()}.")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
