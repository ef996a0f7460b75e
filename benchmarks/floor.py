"""What a run in CPython costs before any matching: start the interpreter, read the folder's
files and find their candidate words with normalizer's scanner.

`python -m benchmarks.floor OUTDIR` (a folder made by `benchmarks.generate`) prints the median
wall time of each step, run as a fresh process each time as the tools are. No implementation of
normalizer's design in CPython can check the folder faster than the last line; the throughput
targets of issue 6 are to be read against it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

STEPS = {
    "start the interpreter": "pass",
    "+ read the files": """
import pathlib, sys
for path in sorted(pathlib.Path(sys.argv[1]).rglob('*')):
    if path.is_file():
        path.read_text(encoding='utf-8')
""",
    "+ find the candidate words (normalizer.scan.words)": """
import pathlib, sys
from normalizer.index import PARTICLES
from normalizer.scan import words
for path in sorted(pathlib.Path(sys.argv[1]).rglob('*')):
    if path.is_file():
        words(path.read_text(encoding='utf-8'), None, PARTICLES)
""",
}


def measure(code: str, folder: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, str(folder)], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.floor", description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args(argv)
    folder = options.outdir / "folder"
    if not folder.is_dir():
        parser.error(f"{folder}: not found (make it with python -m benchmarks.generate {options.outdir})")
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    print(f"| step, one process ({size / 1e6:.1f} MB folder) | seconds | MB/s |")
    print("| --- | ---: | ---: |")
    for label, code in STEPS.items():
        seconds = measure(code, folder, options.repeat)
        print(f"| {label} | {seconds:.3f} | {size / 1e6 / seconds:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
