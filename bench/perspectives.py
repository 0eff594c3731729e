"""Benchmark: ``argmap perspectives`` and its crux weighing, on bench/genmap.py maps (issue 20).

    python bench/perspectives.py                          # 1k, 10k, 100k claims, median of 3
    python bench/perspectives.py --sizes 1000 10000 --repeat 5 --old-up-to 10000

Per size, one generated map (seed 0). Columns:

* check s: ``python -m argmap check FILE`` (parse + check), for scale;
* perspectives s: ``python -m argmap perspectives FILE -f json``, the whole command in a fresh
  process (parse, the map's verdicts, each perspective's view, agreement, cruxes, output);
* table s: the same with the text table (``-f table --width 100``);
* report s: :func:`argmap.perspectives` with ``max_cruxes=0`` in this process (everything but
  the cruxes);
* cruxes s: the crux step alone (up to 500 disputed claims weighed), as argmap does it now
  (:mod:`argmap.semantics.crux`: one ranked grounded pass, then incremental per crux), with
  the translation of the map it shares with the report;
* two passes s: the same cruxes by two full forced grounded passes per crux (the former
  computation, exact since the forced-label fix), up to ``--old-up-to`` claims; "same" says
  whether both give the same cruxes, depends and weights.

With ``--before DIR`` (an earlier checkout, e.g. ``git archive COMMIT | tar -x -C DIR``), the
two commands are also run from there, taking turns with this checkout's so that both meet the
same load: "before json s", "before table s", and "bytes same" when both wrote the very same
JSON and table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.genmap import generate  # noqa: E402
from bench.measure import child_env, machine, median, run_once  # noqa: E402


def _timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return median(times), result


def _two_passes(m: object) -> list[tuple[str, tuple[str, ...], int]]:
    """The cruxes weighed by two full forced grounded passes each (the former way)."""
    from argmap.semantics.framework import IN, OUT
    from argmap.semantics.solvers import grounded_labels
    from argmap.semantics.translate import framework

    pers = tuple(p.id for p in m.perspectives)  # type: ignore[attr-defined]
    claims = tuple(c.id for c in m.claims)  # type: ignore[attr-defined]
    stance: dict[tuple[str, str], str] = {}
    for s in m.stances:  # type: ignore[attr-defined]
        stance.setdefault((s.claim, s.perspective), "accept" if s.accepts else "reject")
    disputed = []
    for c in claims:
        acc = tuple(p for p in pers if stance.get((c, p)) == "accept")
        rej = tuple(p for p in pers if stance.get((c, p)) == "reject")
        if acc and rej:
            disputed.append((c, acc, rej))
    disputed.sort(key=lambda d: -(len(d[1]) + len(d[2])))
    tr = framework(m)  # type: ignore[arg-type]
    af = tr.framework
    claim_ids = sorted(tr.claims.values())
    claim_of = {i: c for c, i in tr.claims.items()}
    by_claim: dict[str, set[str]] = {}
    for d, p in stance:
        by_claim.setdefault(d, set()).add(p)
    position = {c: i for i, c in enumerate(claims)}
    out = []
    for c, acc, rej in disputed[:500]:
        x = tr.claims[c]
        a, b = grounded_labels(af, {x: IN}), grounded_labels(af, {x: OUT})
        depends = tuple(claim_of[i] for i in claim_ids if i != x and (a[i] == IN) != (b[i] == IN))
        side = set(acc) | set(rej)
        out.append((c, depends, sum(len(by_claim.get(d, set()) & side) for d in depends)))
    out.sort(key=lambda k: (-k[2], position[k[0]]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--old-up-to", type=int, default=10000, help="run the two-pass weighing up to this size")
    ap.add_argument("--before", type=Path, help="an earlier checkout to time the command against")
    args = ap.parse_args()

    from argmap.semantics.agreement import _cruxes, perspectives
    from argmap.semantics.translate import framework
    from argmap.syntax.parser import parse

    env = child_env()
    trees = {"": env}
    if args.before is not None:
        import compileall

        compileall.compile_dir(str(args.before / "argmap"), quiet=1)
        args.before = args.before.resolve()
        trees["before "] = {**env, "PYTHONPATH": str(args.before)}
    print(" ".join(f"{k}={v}" for k, v in machine().items()))
    cols = ["claims", "arguments", "cruxes", "check s", "perspectives s", "table s"]
    if args.before is not None:
        cols += ["before json s", "before table s", "bytes same"]
    cols += ["report s", "cruxes s", "two passes s", "same"]
    print("| " + " | ".join(cols) + " |")
    print("|---" * len(cols) + "|")
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            text = generate(n, seed=0).argmap_text
            path = Path(tmp) / f"gen-{n}.argmap"
            path.write_text(text, encoding="utf-8")
            walls: dict[str, list[float]] = {}
            outputs: dict[str, set[str]] = {}
            commands = {"check": ["check", str(path)]}
            for tree in trees:
                commands[f"{tree}json"] = ["perspectives", str(path), "-f", "json"]
                commands[f"{tree}table"] = ["perspectives", str(path), "-f", "table", "--width", "100"]
            for _ in range(args.repeat):
                for name, argv in commands.items():
                    tree = "before " if name.startswith("before ") else ""
                    where = args.before if tree else None  # python -m puts the working folder first
                    cmd = [sys.executable, "-m", "argmap", *argv]
                    r = run_once(cmd, cwd=where, env=trees[tree], timeout=600)
                    if r.rc != 0:
                        print(f"{name} at {n}: exit {r.rc}: {r.stderr[-300:]}", file=sys.stderr)
                        bad += 1
                    walls.setdefault(name, []).append(r.wall)
                    outputs.setdefault(name.removeprefix("before "), set()).add(r.stdout)
            before_cols = ""
            if args.before is not None:
                alike = all(len(v) == 1 for k, v in outputs.items() if k != "check")
                bad += not alike
                before_cols = (
                    f"{median(walls['before json']):.3f} | {median(walls['before table']):.3f} | "
                    f"{'yes' if alike else 'NO'} | "
                )
            m = parse(text)
            stance: dict[tuple[str, str], str] = {}
            for s in m.stances:
                stance.setdefault((s.claim, s.perspective), "accept" if s.accepts else "reject")
            pers = tuple(p.id for p in m.perspectives)
            claims = tuple(c.id for c in m.claims)
            report_s, _ = _timed(lambda m=m: perspectives(m, max_cruxes=0), args.repeat)
            crux_s, cruxes = _timed(
                lambda m=m, stance=stance, pers=pers, claims=claims: _cruxes(
                    framework(m, rule="evidential"), claims=claims, pers=pers, stance=stance, max_cruxes=500
                ),
                args.repeat,
            )
            new = [(k.claim, k.depends, k.weight) for k in cruxes]  # type: ignore[attr-defined]
            if n <= args.old_up_to:
                old_s, old = _timed(lambda m=m: _two_passes(m), 1)
                same = "yes" if old == new else "NO"
                bad += old != new
                old_col = f"{old_s:.3f}"
            else:
                old_col, same = "-", "-"
            af = framework(m).framework
            print(
                f"| {n} | {af.n} | {len(new)} | {median(walls['check']):.3f} | "
                f"{median(walls['json']):.3f} | {median(walls['table']):.3f} | {before_cols}"
                f"{report_s:.3f} | {crux_s:.3f} | {old_col} | {same} |",
                flush=True,
            )
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
