"""Benchmark: ``argmap perspectives`` and its crux weighing, on bench/genmap.py maps (issue 20).

    python bench/perspectives.py                          # 1k, 10k, 100k claims, median of 3
    python bench/perspectives.py --sizes 1000 10000 --repeat 5 --old-up-to 10000

Per size, one generated map (seed 0). Columns:

* check s: ``python -m argmap check FILE`` (parse + check), for scale;
* perspectives s: ``python -m argmap perspectives FILE -f json``, the whole command in a fresh
  process (parse, the map's verdicts, each perspective's view, agreement, cruxes, output);
* report s: :func:`argmap.perspectives` with ``max_cruxes=0`` in this process (everything but
  the cruxes);
* cruxes s: the crux step alone (up to 500 disputed claims weighed), as argmap does it now
  (:mod:`argmap.semantics.crux`: one ranked grounded pass, then incremental per crux);
* two passes s: the same cruxes by two full forced grounded passes per crux (the former
  computation, exact since the forced-label fix), up to ``--old-up-to`` claims; "same" says
  whether both give the same cruxes, depends and weights.
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
    args = ap.parse_args()

    from argmap.semantics.agreement import _cruxes, perspectives
    from argmap.syntax.parser import parse

    env = child_env()
    print(" ".join(f"{k}={v}" for k, v in machine().items()))
    cols = (
        "claims",
        "arguments",
        "cruxes",
        "check s",
        "perspectives s",
        "report s",
        "cruxes s",
        "two passes s",
    )
    print("| " + " | ".join((*cols, "same")) + " |")
    print("|---" * 9 + "|")
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            text = generate(n, seed=0).argmap_text
            path = Path(tmp) / f"gen-{n}.argmap"
            path.write_text(text, encoding="utf-8")
            walls: dict[str, list[float]] = {"check": [], "perspectives": []}
            for _ in range(args.repeat):
                for name, cmd in (
                    ("check", [sys.executable, "-m", "argmap", "check", str(path)]),
                    (
                        "perspectives",
                        [sys.executable, "-m", "argmap", "perspectives", str(path), "-f", "json"],
                    ),
                ):
                    r = run_once(cmd, env=env, timeout=600)
                    if r.rc != 0:
                        print(f"{name} at {n}: exit {r.rc}: {r.stderr[-300:]}", file=sys.stderr)
                        bad += 1
                    walls[name].append(r.wall)
            m = parse(text)
            stance: dict[tuple[str, str], str] = {}
            for s in m.stances:
                stance.setdefault((s.claim, s.perspective), "accept" if s.accepts else "reject")
            pers = tuple(p.id for p in m.perspectives)
            claims = tuple(c.id for c in m.claims)
            report_s, _ = _timed(lambda m=m: perspectives(m, max_cruxes=0), args.repeat)
            crux_s, cruxes = _timed(
                lambda m=m, stance=stance, pers=pers, claims=claims: _cruxes(
                    m, rule="structured", claims=claims, pers=pers, stance=stance, max_cruxes=500
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
            from argmap.semantics.translate import framework

            af = framework(m).framework
            print(
                f"| {n} | {af.n} | {len(new)} | {median(walls['check']):.3f} | "
                f"{median(walls['perspectives']):.3f} | {report_s:.3f} | {crux_s:.3f} | {old_col} | {same} |",
                flush=True,
            )
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
