"""How long `argmap explain` takes on large maps: the library call (translation, labels, the
explanation) for claims of each label, and the whole command as a user runs it.

    python bench/explain.py                      # 1,000 and 10,000 claims
    python bench/explain.py --sizes 10000 --repeat 5

The maps are bench/genmap.py's (the same generator as the parse, render and semantics
benchmarks). For each size, one IN, one OUT and one UNDEC claim (the first of each in map order,
under grounded semantics) are explained; the table gives the median of ``--repeat`` runs of
``argmap.explain`` on the parsed map, the size of the explanation (steps), and one run of the
command ``argmap explain FILE CLAIM`` (start-up, reading and checking the file included).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> None:
    import argmap
    from argmap.semantics.evaluate import claim_labels
    from bench.genmap import generate

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--semantics", default="grounded")
    args = ap.parse_args()
    print(f"explain, {args.semantics} semantics: median of {args.repeat} library calls; one command run")
    print()
    print("| claims | label | claim | steps | argmap.explain s | argmap explain (command) s |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            text = generate(n, seed=0).argmap_text
            path = Path(tmp) / f"gen-{n}.argmap"
            path.write_text(text, encoding="utf-8")
            m = argmap.parse(text)
            labels = claim_labels(m)
            for label in ("in", "out", "undec"):
                claim = next((c for c, v in labels.items() if v == label), None)
                if claim is None:
                    print(f"| {n} | {label} | (none) | | | |")
                    continue
                runs = []
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    e = argmap.explain(m, claim, args.semantics)
                    runs.append(time.perf_counter() - t)
                cmd = [sys.executable, "-m", "argmap", "explain", str(path), claim, "-s", args.semantics]
                t = time.perf_counter()
                subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
                whole = time.perf_counter() - t
                steps = len(e.tree.walk()) + len(e.cycle)
                print(
                    f"| {n} | {label} | {claim} | {steps} | {statistics.median(runs):.3f} | {whole:.2f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
