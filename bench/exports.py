"""Every export (and ``fmt --check``) against ``check``, through the CLI (issue 20 item 4).

For each size, a bench/genmap.py map (in the canonical layout, as CI's ``fmt --check`` sees it)
is checked, exported to every format (argmap JSON compact, the default, and ``--indent``; AIF;
Argdown; DOT; GraphML) and checked for its layout with ``fmt --check``, each a child process
taken in turn (A B C ...), ``--repeat`` times; the table shows medians of wall time and peak
memory (max RSS), the ratio to ``check`` and the memory per claim above ``check``'s (the parse
and the checks). Targets: every export within 2x of check's time and 2 KB per claim above it.

``--baseline DIR`` runs the exports of another checkout's argmap too (rows marked "before"),
in the same turns: a fair before/after on a shared machine. For example, the main branch::

    git archive main argmap | tar -x -C /tmp/argmap-main
    python bench/exports.py 10000 100000 --repeat 3 --baseline /tmp/argmap-main
"""

from __future__ import annotations

import argparse
import compileall
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from genmap import generate
from measure import alternate, child_env, median

#: Each export measured: its name in the table and its arguments after ``export FILE``.
EXPORTS: dict[str, list[str]] = {
    "export --to json": ["--to", "json"],
    "export --to json --indent": ["--to", "json", "--indent"],
    "export --to aif": ["--to", "aif"],
    "export --to argdown": ["--to", "argdown"],
    "export --to dot": ["--to", "dot"],
    "export --to graphml": ["--to", "graphml"],
}


def commands(path: Path, out: str, baseline: Path | None, formats: list[str] | None) -> dict[str, list[str]]:
    """The commands to measure on the map at ``path``, by their name in the table."""
    py = [sys.executable, "-m", "argmap"]
    chosen = {k: v for k, v in EXPORTS.items() if formats is None or v[1] in formats}
    found: dict[str, list[str]] = {"check": [*py, "check", "--quiet", str(path)]}
    for name, args in chosen.items():
        found[name] = [*py, "export", str(path), *args, "-o", out]
        if baseline is not None:
            found[f"before: {name}"] = ["env", f"PYTHONPATH={baseline}", *found[name]]
    if formats is None:
        found["fmt --check"] = [*py, "fmt", "--check", str(path)]
    return found


def measure(n: int, repeat: int, baseline: Path | None = None, formats: list[str] | None = None) -> list[str]:
    """The table rows for a map of ``n`` claims."""
    with tempfile.TemporaryDirectory() as folder:
        path, _ = generate(n).write(folder, f"bench-{n}")
        fmt_path = Path(folder) / f"formatted-{n}.argmap"
        # fmt --check on a formatted file (what CI runs), so that it reads, formats and compares
        from argmap.formats.fmt import format_text

        fmt_path.write_text(format_text(path.read_text(encoding="utf-8")), encoding="utf-8")
        out = str(Path(folder) / "out")
        # (run in the temporary folder: python -m looks in the current folder first, and the
        # baseline's argmap must not be shadowed by this checkout's)
        runs = alternate(commands(fmt_path, out, baseline, formats), repeat, cwd=folder, env=child_env())
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
    parser.add_argument(
        "--baseline", type=Path, help="a checkout (its folder holding argmap/) to measure as 'before'"
    )
    parser.add_argument(
        "--formats", nargs="+", help="only these exports (json, aif, argdown, dot, graphml); no fmt --check"
    )
    args = parser.parse_args(argv)
    baseline = args.baseline.resolve() if args.baseline else None
    if baseline is not None:
        if not (baseline / "argmap" / "__init__.py").is_file():
            parser.error(f"{baseline}: holds no argmap package")
        compileall.compile_dir(str(baseline / "argmap"), quiet=1)
    print("| claims | command | wall s | vs check | peak MB | KB/claim above check |")
    print("|---|---|---|---|---|---|")
    for n in args.sizes:
        for row in measure(n, args.repeat, baseline, args.formats):
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
