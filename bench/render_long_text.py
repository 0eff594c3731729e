"""`render -f dot` on very long texts (issue 21 item 6): the time must grow linearly with the
text (it took 3.1 / 15.7 s for 2M / 4M characters, quadratic, before).

    python bench/render_long_text.py                      # 1M, 2M, 4M characters
    python bench/render_long_text.py --sizes 1000000

Each shape is one claim whose text is N characters: words, one word without a space, the same
ending in a hyphen or a tab (textwrap's own path), and Japanese without spaces. Times are
parse + DOT, best of 2, through the library as ``argmap render -f dot`` runs it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argmap
from argmap.drawing.render import render

SHAPES = {
    "words": lambda n: ("word " * (n // 5)).strip(),
    "one word": lambda n: "x" * n,
    "one word, hyphen": lambda n: "x" * n + "-y",
    "one word, tab": lambda n: "x" * n + "\\ty",
    "Japanese": lambda n: "\u65e5" * n,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 2_000_000, 4_000_000])
    args = parser.parse_args(argv)
    print("| text | " + " | ".join(f"{n:,} chars" for n in args.sizes) + " |")
    print("|---|" + "---:|" * len(args.sizes))
    for name, make in SHAPES.items():
        cells = []
        for n in args.sizes:
            text = f'claim a "{make(n)}"\nclaim b "B."\na supports b\n'
            best = float("inf")
            for _ in range(2):
                started = time.perf_counter()
                render(argmap.parse(text), "dot")
                best = min(best, time.perf_counter() - started)
            cells.append(f"{best:.2f} s")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
