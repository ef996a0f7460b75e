"""Time of reading markup: random Markdown/HTML and pathological runs of one unclosed construct.

`python -m benchmarks.markup` prints, for each case, the CPU time at 50 kB and 100 kB and their
ratio (about 2 for a linear reader; a quadratic one shows about 4). This replaces the timed
assertions that the test suite had: the tests check the zones, this measures the time.
"""

from __future__ import annotations

import time
from typing import get_args

from normalizer.markup import Markup, protected_zones

UNITS = ["<a b='", "<!--", "</a", "<![", "[", "`a``"]


def _seconds(text: str, markup: Markup) -> float:
    started = time.process_time()
    protected_zones(text, markup)
    return time.process_time() - started


def main() -> None:
    print(f"{'markup':9} {'unit':8} {'50 kB s':>8} {'100 kB s':>9} {'ratio':>6}")
    for markup in get_args(Markup):
        if markup == "text":
            continue
        for unit in UNITS:
            half = _seconds(unit * (50_000 // len(unit)), markup)
            full = _seconds(unit * (100_000 // len(unit)), markup)
            print(f"{markup:9} {unit!r:8} {half:8.2f} {full:9.2f} {full / max(half, 1e-9):6.2f}")


if __name__ == "__main__":
    main()
