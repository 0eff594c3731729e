"""Drawing time against map size, to show there is no cliff (issue 20 item 5): a layout's time
should grow smoothly from 100 to 5,000 claims, and a 1,000-claim map lay out within 1.5 s with
system Graphviz. Also the drawing's shape (aspect ratio) at each size.

    python bench/render_sizes.py                          # the sizes below, system dot
    python bench/render_sizes.py --sizes 1000 1400 --backends dot graphviz-pure

Maps are ``bench/genmap.py``'s (seed 0), drawn as ``argmap render`` draws them (the whole map,
default settings). For each size: the DOT emission (best of 3), the layout's wall time and the
CPU time of the layout process (which load on the machine changes less), median of
``--repeat`` runs, and the picture's size.
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from argmap.drawing.backends import find_backend
from argmap.drawing.render import to_dot
from argmap.syntax.parser import parse
from bench.genmap import generate

SIZES = [100, 300, 500, 800, 1000, 1200, 1400, 1600, 2000, 3000, 5000]


def _layout(executable: str, dot: str) -> tuple[float, float, bytes]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run([executable, "-Tsvg"], input=dot.encode(), capture_output=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, proc.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    parser.add_argument("--backends", nargs="+", default=["dot"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print("| claims | DOT emission | backend | layout (wall) | layout (CPU) | picture (pt) | aspect |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    for n in args.sizes:
        amap = parse(generate(n, seed=0).argmap_text)
        emission = []
        for _ in range(3):
            started = time.perf_counter()
            dot = to_dot(amap)
            emission.append(time.perf_counter() - started)
        for name in args.backends:
            backend = find_backend("svg", name)
            runs = [_layout(backend.executable, dot) for _ in range(args.repeat)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            found = re.search(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"', runs[0][2])
            w, h = (float(found.group(1)), float(found.group(2))) if found else (0.0, 0.0)
            aspect = max(w, h) / max(1.0, min(w, h))
            print(
                f"| {n:,} | {min(emission) * 1000:.0f} ms | {name} | {wall:.2f} s | {cpu:.2f} s "
                f"| {w:,.0f} x {h:,.0f} | {aspect:.1f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
