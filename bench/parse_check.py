"""Parse-and-check benchmark (issue 2, point 11): generated maps of 1k, 10k and 100k claims.

    python bench/parse_check.py                          # 1000, 10000, 100000 claims, 3 runs
    python bench/parse_check.py --sizes 1000,10000 --repeat 5
    python bench/parse_check.py --cli-repeat 9           # runs of `argmap check` on the example

Every measurement runs in a fresh child process (so one size's garbage does not weigh on the
next). The child imports argmap, warms the parser (a one-line text: this loads Lark and the
cached tables; reported as "setup"), then times reading the file, ``parse`` and ``check`` on the
map from bench/genmap.py. The Transformer runs during parsing (no tree is built), so "parse"
includes building the model. A second kind of child measures memory with tracemalloc (peak of
parse + check, and what the finished map keeps); max RSS comes from the timed children, minus
the max RSS of the same child run on a one-claim map (interpreter + argmap + Lark tables).

Then ``python -m argmap check maps/turkey-kosovo.argmap`` is timed as a user runs it, in a
fresh process each time, beside ``python -c pass`` and ``python -c "import argmap"``.
Targets (issue 2 and 6): 10k claims parse+check <= 1 s, 100k <= 10 s, <= 2 KB per claim,
``argmap check maps/turkey-kosovo.argmap`` <= 0.25 s.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.genmap import generate
from bench.measure import ROOT, alternate, child_env, machine, median, run_once, speed_probe

# The child: prints one JSON object. argv: path, mode (time | mem | base).
_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
import argmap.syntax.parser as P
import argmap.checks as C
t1 = time.perf_counter()
P.parse('claim a "A."\n')
C.check(P.parse('claim a "A."\nclaim b "B."\na supports b\n'))
t2 = time.perf_counter()
path, mode = sys.argv[1], sys.argv[2]
out = {"import": t1 - t0, "setup": t2 - t0}
if mode == "mem":
    import gc, tracemalloc
    gc.collect()
    tracemalloc.start()
if mode != "base":
    t3 = time.perf_counter()
    with open(path, "rb") as f:
        text = P.decode(f.read(), path)  # as load() does: the bytes go before parsing
    t4, c4 = time.perf_counter(), time.process_time()
    m = P.parse(text, path)
    t5 = time.perf_counter()
    findings = C.check(m)
    t6, c6 = time.perf_counter(), time.process_time()
    out.update(read=t4 - t3, parse=t5 - t4, check=t6 - t5, cpu=c6 - c4, elements=len(m.elements),
               claims=len(m.claims), findings=len(findings),
               codes=sorted({d.code for d in findings}))
    if mode == "mem":
        del text, findings
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
        out.update(peak=peak, kept=current)
print(json.dumps(out))
"""


def _child(path: Path, mode: str) -> tuple[dict[str, object], int]:
    env = child_env()
    run = run_once([sys.executable, "-c", _CHILD, str(path), mode], cwd=ROOT, env=env)
    if run.rc != 0:
        raise SystemExit(f"child failed ({mode}, {path}):\n{run.stderr.strip()[-2000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1]), run.maxrss


def _fmt_s(x: float) -> str:
    return f"{x:.3f}" if x < 10 else f"{x:.2f}"


def _mb(x: float) -> str:
    return f"{x / 1e6:.1f}"


def bench_sizes(sizes: list[int], repeat: int, seed: int, folder: Path) -> list[str]:
    """Measure each size; return the table's lines (markdown)."""
    tiny = folder / "tiny.argmap"
    tiny.write_text(generate(1, seed).argmap_text, encoding="utf-8")
    base, base_rss = _child(tiny, "base")
    rows = [
        "| claims | elements | file MB | setup s | read s | parse+build s | check s | parse+check s | CPU s "
        "| tracemalloc peak MB | B/claim (peak) | kept MB | max RSS MB | RSS above base MB | B/claim (RSS) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes: list[str] = []
    for n in sizes:
        g = generate(n, seed)
        path = folder / f"gen-{n}.argmap"
        path.write_text(g.argmap_text, encoding="utf-8")
        size = path.stat().st_size
        timings = [_child(path, "time") for _ in range(repeat)]
        mem, _ = _child(path, "mem")
        first = timings[0][0]
        if first["claims"] != n:
            raise SystemExit(f"the map of {n} claims parsed to {first['claims']} claims")
        if first["findings"]:
            notes.append(f"{n} claims: check reported {first['findings']} findings {first['codes']}")

        def med(key: str, runs: list[tuple[dict[str, object], int]] = timings) -> float:
            return median([float(r[0][key]) for r in runs])  # type: ignore[arg-type]

        parse, check = med("parse"), med("check")
        rss = median([float(r[1]) for r in timings])
        peak = float(mem["peak"])  # type: ignore[arg-type]
        kept = float(mem["kept"])  # type: ignore[arg-type]
        cells = [
            f"{n:,}",
            f"{first['elements']:,}",
            f"{size / 1e6:.1f}",
            _fmt_s(med("setup")),
            _fmt_s(med("read")),
            _fmt_s(parse),
            _fmt_s(check),
            f"**{_fmt_s(parse + check)}**",
            _fmt_s(med("cpu")),
            _mb(peak),
            f"{peak / n:,.0f}",
            _mb(kept),
            _mb(rss),
            _mb(rss - base_rss),
            f"{(rss - base_rss) / n:,.0f}",
        ]
        rows.append("| " + " | ".join(cells) + " |")
        print("measured: " + rows[-1], flush=True)
    lines = [*rows, ""]
    lines.append(
        f"Baseline child (interpreter + `import argmap.syntax.parser, argmap.checks` + parser warmed on"
        f" a one-claim map): max RSS {_mb(base_rss)} MB, import {base['import']:.3f} s,"
        f" setup {base['setup']:.3f} s."
    )
    lines += sorted(set(notes))
    return lines


def bench_cli(repeat: int, target: Path) -> list[str]:
    """``argmap check`` on a real map as a user runs it: a fresh process each time."""
    env = child_env()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        'python -c "import argmap"': [sys.executable, "-c", "import argmap"],
        f"python -m argmap check {target.relative_to(ROOT)}": [
            sys.executable,
            "-m",
            "argmap",
            "check",
            str(target),
        ],
    }
    for cmd in commands.values():  # warm the file cache and argmap's parser-table cache
        run_once(cmd, cwd=ROOT, env=env)
    runs = alternate(commands, repeat, cwd=ROOT, env=env)
    lines = [
        "| command | median wall s | min s | max s | CPU s | max RSS MB | exit |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, rs in runs.items():
        walls = [r.wall for r in rs]
        lines.append(
            f"| `{name}` | **{median(walls):.3f}** | {min(walls):.3f} | {max(walls):.3f} "
            f"| {median([r.cpu for r in rs]):.2f} | {_mb(median([r.maxrss for r in rs]))} "
            f"| {sorted({r.rc for r in rs})} |"
        )
        print("measured: " + lines[-1], flush=True)
    last = run_once(list(commands.values())[-1], cwd=ROOT, env=env)
    if last.rc not in (0, 1):
        lines.append("")
        lines.append(f"`argmap check` failed (exit {last.rc}): {last.stderr.strip().splitlines()[:1]}")
    return lines


_GROUPS = {
    "pydantic": "pydantic (typer >= 0.29 routes every CLI parameter through it)",
    "pydantic_core": "pydantic (typer >= 0.29 routes every CLI parameter through it)",
    "annotated_types": "pydantic (typer >= 0.29 routes every CLI parameter through it)",
    "typing_inspection": "pydantic (typer >= 0.29 routes every CLI parameter through it)",
    "typer": "typer + click",
    "click": "typer + click",
    "rich": "typer + click",
    "shellingham": "typer + click",
    "annotated_doc": "typer + click",
    "lark": "lark (parser tables)",
    "attr": "attrs",
    "attrs": "attrs",
    "certifi": "certifi (a site-packages .pth of this machine, not argmap's)",
}


def _group(name: str) -> str | None:
    root = name.split(".", maxsplit=1)[0]
    if root == "argmap":
        return name
    return _GROUPS.get(root)


def importtime(target: Path, repeat: int = 3) -> list[str]:
    """Where ``argmap check``'s import time goes (``python -X importtime``), by package: a
    standard-library module counts for the package that imported it."""
    env = child_env()
    totals: list[dict[str, int]] = []
    for _ in range(repeat):
        r = run_once(
            [sys.executable, "-X", "importtime", "-m", "argmap", "check", str(target)], cwd=ROOT, env=env
        )
        rows: list[tuple[int, int, str]] = []
        for line in r.stderr.splitlines():
            m = re.match(r"import time:\s+(\d+)\s+\|\s+\d+\s+\|( *)(\S+)", line)
            if m:
                rows.append((int(m.group(1)), len(m.group(2)) // 2, m.group(3)))
        by: dict[str, int] = {}
        for i, (own, depth, name) in enumerate(rows):
            group = _group(name)
            if group is None:  # a parent comes after its children, less indented
                group, level = "standard library (interpreter start-up)", depth
                for _, d, parent in rows[i + 1 :]:
                    if d < level:
                        level = d
                        found = _group(parent)
                        if found is not None:
                            group = found
                            break
                        if d == 0:
                            break
            by[group] = by.get(group, 0) + own
        totals.append(by)
    names = sorted({k for t in totals for k in t}, key=lambda k: -median([t.get(k, 0) for t in totals]))
    total = median([sum(t.values()) for t in totals])
    lines = [
        f"`python -X importtime -m argmap check {target.name}` (median of {repeat}): {total / 1e3:.0f} ms of "
        "imports (importtime's own overhead included), by package:",
        "",
        "| imported for | ms |",
        "|---|---:|",
    ]
    for name in names:
        ms = median([t.get(name, 0) for t in totals]) / 1e3
        if ms >= 1.0:
            lines.append(
                f"| `{name}` | {ms:.1f} |" if name.startswith("argmap") else f"| {name} | {ms:.1f} |"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="claims per map, comma separated")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per size (median)")
    parser.add_argument("--cli-repeat", type=int, default=7, help="runs of the argmap check command (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--map", default=str(ROOT / "maps" / "turkey-kosovo.argmap"), help="map for the CLI timing"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    info = machine()
    print("machine: " + "; ".join(f"{k} {v}" for k, v in info.items()))
    print(
        f"command: python bench/parse_check.py --sizes {args.sizes} --repeat {args.repeat} "
        f"--cli-repeat {args.cli_repeat}\n"
    )
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as tmp:
        lines = bench_sizes(sizes, args.repeat, args.seed, Path(tmp))
    print()
    print("\n".join(lines))
    print()
    target = Path(args.map).resolve()
    if not target.is_file():
        print(f"{target}: missing; CLI timing skipped")
        return 0
    print("\n".join(bench_cli(args.cli_repeat, target)))
    print()
    print("\n".join(importtime(target)))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nLoad average at the end: {load}; speed probe at the end: {speed_probe():.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
