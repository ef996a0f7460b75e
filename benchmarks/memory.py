"""Peak memory of `normalizer check` and `fix` on one large file, at several sizes (issue 12, item 11).

    python -m benchmarks.memory [--sizes 25,50,100,200] [--line-sizes 50] [--commands check,fix]
                                [--lang de] [--source FILE]

Builds a file of each size (MB = 2^20 bytes) by repeating a news-like text (by default the
repository's own golden articles of that language): with its lines as they are (`--sizes`), and
as one single line, every line break made a space (`--line-sizes`). Runs each command
(`normalizer check -q` or `fix -q`, `--max-file-size 0`) on a fresh copy of it as a fresh process,
and prints the wall time and the peak resident memory of that process (its ru_maxrss) with the
growth per MB. Target: at most 1.5 GB at 200 MB, growing linearly.
Run it on a quiet machine; it measures, it asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _text(lang: str, source: Path | None) -> str:
    if source is not None:
        return source.read_text(encoding="utf-8")
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "golden" / lang).glob("*.in.txt")))


def _peak(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of `command`, run as a child whose usage is measured alone."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True, check=True)
    seconds, kilobytes = out.stdout.split()
    return float(seconds), int(kilobytes) / 1024


def _write(path: Path, unit: bytes, size: int) -> None:
    """`unit` repeated into `path` until it holds at least `size` MB."""
    with path.open("wb") as handle:
        written = 0
        while written < size << 20:
            handle.write(unit)
            written += len(unit)


def _sizes(value: str) -> list[int]:
    return [int(s) for s in value.split(",") if s]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,50,100,200", help="sizes in MB of the files of many lines")
    parser.add_argument("--line-sizes", default="50", help="sizes in MB of the files of one line ('' for none)")
    parser.add_argument("--commands", default="check,fix", help="normalizer commands to measure")
    parser.add_argument("--lang", default="de", choices=["de", "en"])
    parser.add_argument("--source", type=Path, help="the text to repeat (default: the golden articles)")
    args = parser.parse_args()
    beside = Path(sys.executable).with_name("normalizer")  # the one installed with this Python
    tool = str(beside) if beside.exists() else shutil.which("normalizer") or "normalizer"
    text = _text(args.lang, args.source)
    units = {"lines": (text + "\n").encode("utf-8"), "one line": (text.replace("\n", " ") + " ").encode("utf-8")}
    runs = [("lines", size) for size in _sizes(args.sizes)] + [("one line", size) for size in _sizes(args.line_sizes)]
    print(f"{'file':>8} {'MB':>5} {'command':>7} {'seconds':>8} {'peak RSS MB':>12} {'RSS MB per MB':>14}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"big-{args.lang}.txt"
        for shape, size in runs:
            for command in args.commands.split(","):
                _write(path, units[shape], size)  # afresh: fix rewrites it
                argv = [tool, command, "-q", "--max-file-size", "0", "-c", args.lang, str(path)]
                seconds, peak = _peak(argv)
                print(f"{shape:>8} {size:5d} {command:>7} {seconds:8.1f} {peak:12.0f} {peak / size:14.1f}", flush=True)


if __name__ == "__main__":
    main()
