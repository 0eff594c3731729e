"""Interchange and fmt speed: a table of median times for maps of growing size.

    python bench/interchange.py            # sizes 100, 1000, 5000 claims
    python bench/interchange.py 200 2000   # other sizes

Each map has, per claim, one support or attack, a stance and a comment line every tenth
statement, so fmt has comments to carry.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from argmap.formats import aif, argdown, jsonio
from argmap.formats.fmt import format_text
from argmap.formats.writer import write
from argmap.syntax.parser import parse


def make_text(n: int) -> str:
    lines = ['title "Benchmark map"', 'perspective p "P" role "reader"', 'perspective q "Q"']
    for i in range(n):
        if i % 10 == 0:
            lines.append(f"# section {i}")
        lines.append(
            f'claim c{i} "Claim number {i}, with some words to make the text a little longer than short."'
        )
        lines.append("  held by p" if i % 2 else "  rejected by q")
        if i:
            verb = "supports" if i % 3 else "rebuts"
            lines.append(f"c{i} {verb} c{i // 2}   by q  # why {i}")
    return "\n".join(lines) + "\n"


def median_ms(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


COLUMNS = ("parse", "write", "fmt", "json out", "json in", "aif out", "aif in", "argdown out", "argdown in")


def row_for(n: int) -> list[float]:
    """Median times (ms) of each step for a map of ``n`` claims."""
    text = make_text(n)
    m = parse(text)
    js, af, ad = jsonio.dumps(m), aif.dumps(m), argdown.dumps(m)
    steps: list[Callable[[], object]] = [
        lambda: parse(text),
        lambda: write(m),
        lambda: format_text(text),
        lambda: jsonio.dumps(m),
        lambda: jsonio.loads(js),
        lambda: aif.dumps(m),
        lambda: aif.loads(af),
        lambda: argdown.dumps(m),
        lambda: argdown.loads(ad),
    ]
    return [median_ms(step) for step in steps]


def main(sizes: list[int]) -> None:
    parse('claim a "warm-up"\n')
    header = f"{'claims':>7} {'lines':>7} " + " ".join(f"{c:>{max(len(c), 8)}}" for c in COLUMNS)
    print(header)
    print("-" * len(header))
    for n in sizes:
        cells = " ".join(f"{v:>{max(len(c), 8)}.1f}" for v, c in zip(row_for(n), COLUMNS, strict=True))
        print(f"{n:>7} {make_text(n).count(chr(10)):>7} {cells}")
    print("\nmedian of 5 runs, milliseconds; CPython", sys.version.split()[0])


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 5000])
