"""AIF export against check: wall time and peak memory of ``argmap export --to aif`` and of
``argmap check`` on the same generated maps (bench/genmap.py), as separate processes, taken in
turn (A B A B ...), medians.

    python bench/aif_export.py                 # 10,000 and 100,000 claims, 3 runs each
    python bench/aif_export.py 1000 --repeat 5

The targets (issue 20): export within 2x of check's time, and within 2 KB of peak memory per
claim above it (check's peak is the parse's and the checks').
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.genmap import generate
from bench.measure import alternate, child_env, median


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    env = child_env()
    print(
        "| claims | check s | export --to aif s | time ratio | check MB | export MB "
        "| extra KB/claim | output MB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            src = Path(tmp) / f"gen-{n}.argmap"
            src.write_text(generate(n, seed=0).argmap_text, encoding="utf-8")
            out = Path(tmp) / f"gen-{n}.aif.json"
            py = [sys.executable, "-m", "argmap"]
            runs = alternate(
                {
                    "check": [*py, "check", str(src)],
                    "export": [*py, "export", str(src), "--to", "aif", "-o", str(out)],
                },
                args.repeat,
                env=env,
            )
            for name, rs in runs.items():
                bad = [r for r in rs if r.rc not in (0, 1)]
                if bad:
                    print(f"{name} failed: {bad[0].stderr[-500:]}", file=sys.stderr)
                    return 1
            check_s = median([r.wall for r in runs["check"]])
            export_s = median([r.wall for r in runs["export"]])
            check_mb = median([r.maxrss for r in runs["check"]]) / 2**20
            export_mb = median([r.maxrss for r in runs["export"]]) / 2**20
            extra = (export_mb - check_mb) * 1024 / n
            size = out.stat().st_size / 2**20
            print(
                f"| {n:,} | {check_s:.2f} | {export_s:.2f} | {export_s / check_s:.2f} | {check_mb:.0f} "
                f"| {export_mb:.0f} | {extra:.2f} | {size:.1f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
