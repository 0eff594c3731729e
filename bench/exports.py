"""``export --to json`` and ``fmt --check`` against ``check``, through the CLI (issue 20 item 4).

For each size, a bench/genmap.py map is checked, exported to argmap JSON (compact, the default;
and ``--indent``) and checked for its layout with ``fmt --check``, each a child process taken in
turn (A B C ...), ``--repeat`` times; the table shows medians of wall time and peak memory, the
ratio to ``check`` and the memory per claim above ``check``'s (the parse). Targets: JSON export
within 2x of check's time and 2 KB per claim above the parse; fmt --check about check's time.

    python bench/exports.py 10000 100000 --repeat 3
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from genmap import generate
from measure import alternate, child_env, median


def measure(n: int, repeat: int) -> list[str]:
    """The table rows for a map of ``n`` claims."""
    with tempfile.TemporaryDirectory() as folder:
        path, _ = generate(n).write(folder, f"bench-{n}")
        fmt_path = Path(folder) / f"formatted-{n}.argmap"
        py = [sys.executable, "-m", "argmap"]
        # fmt --check on a formatted file (what CI runs), so that it reads, formats and compares
        from argmap.formats.fmt import format_text

        fmt_path.write_text(format_text(path.read_text(encoding="utf-8")), encoding="utf-8")
        out = str(Path(folder) / "out.json")
        commands = {
            "check": [*py, "check", "--quiet", str(fmt_path)],
            "export --to json": [*py, "export", str(fmt_path), "--to", "json", "-o", out],
            "export --to json --indent": [
                *py,
                "export",
                str(fmt_path),
                "--to",
                "json",
                "--indent",
                "-o",
                out,
            ],
            "fmt --check": [*py, "fmt", "--check", str(fmt_path)],
        }
        runs = alternate(commands, repeat, env=child_env())
        for name, done in runs.items():
            bad = [r for r in done if r.rc not in (0, 1)]
            if bad:
                raise SystemExit(f"{name} failed: {bad[0].stderr[-500:]}")
        base_wall = median([r.wall for r in runs["check"]])
        base_rss = median([r.maxrss for r in runs["check"]])
        rows = []
        for name, done in runs.items():
            wall = median([r.wall for r in done])
            rss = median([r.maxrss for r in done])
            per_claim = (rss - base_rss) / n
            rows.append(
                f"| {n:,} | `{name}` | {wall:.2f} | {wall / base_wall:.2f}x | {rss / 2**20:.0f} | "
                f"{per_claim / 1024:+.2f} |"
            )
        return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[10_000, 100_000], help="numbers of claims")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command (medians shown)")
    args = parser.parse_args(argv)
    print("| claims | command | wall s | vs check | peak MB | KB/claim above check |")
    print("|---|---|---|---|---|---|")
    for n in args.sizes:
        for row in measure(n, args.repeat):
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
