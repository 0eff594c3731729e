"""Rendering benchmark: DOT emission and Graphviz layout time for generated maps.

    python bench/render.py                      # 100, 1000, 5000 claims, both backends
    python bench/render.py --sizes 100 1000     # other sizes
    python bench/render.py --untuned            # baseline: small-map settings at every size

Maps come from :func:`generate` (seeded, so every run draws the same maps): trees of arguments
with linked and named supports, rebuttals, undercuts, contradictions, questions and five
perspectives holding and rejecting claims, about the mix of the example maps. Layout runs
through :func:`argmap.drawing.render.render` exactly as ``argmap render`` does (svg, default
settings, so the size-dependent layout settings apply). A backend that is not installed is
reported as such. Target: 5,000 claims to SVG in at most 10 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from argmap.drawing.backends import BackendError, find_executable
from argmap.model import ArgumentMap
from argmap.syntax.parser import parse

_WORDS = [
    "turkey",
    "kosovo",
    "drones",
    "arms",
    "policy",
    "trade",
    "interest",
    "region",
    "influence",
    "nato",
    "union",
    "security",
    "budget",
    "army",
    "treaty",
    "minister",
    "visit",
    "analyst",
    "risk",
    "growth",
    "market",
    "school",
    "culture",
    "history",
    "border",
    "peace",
]
_KINDS = ("fact", "interpretation", "prediction", "value", "policy", "claim")


def generate_text(claims: int, seed: int = 1) -> str:
    """A .argmap text with ``claims`` claims and about 1.2 relations per claim."""
    rng = random.Random(seed)
    lines = [f'title "Generated map with {claims} claims"']
    perspectives = [f"p{i}" for i in range(5)]
    for p in perspectives:
        lines.append(f'perspective {p} "Analyst {p.upper()}" role "generated"')
    n_questions = max(1, claims // 50)
    for q in range(n_questions):
        lines.append(f'question q{q} "Question number {q}: what about {rng.choice(_WORDS)}?"')
    for i in range(claims):
        text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(6, 18))).capitalize() + "."
        lines.append(f'{rng.choice(_KINDS)} c{i} "{text}"')
        if rng.random() < 0.4:
            lines.append(f"  held by {rng.choice(perspectives)}")
        if rng.random() < 0.08:
            lines.append(f"  rejected by {rng.choice(perspectives)}")
        if i % 25 == 0:
            lines.append(f"  answers q{rng.randrange(n_questions)}")
    names = []
    for i in range(1, claims):
        # each claim supports or attacks a claim defined shortly before it (a forest of trees)
        parent = rng.randrange(max(0, i - 40), i)
        by = f" by {rng.choice(perspectives)}" if rng.random() < 0.5 else ""
        roll = rng.random()
        if roll < 0.55:
            if rng.random() < 0.15 and i + 1 < claims:
                name = f"s{i}"
                names.append(name)
                lines.append(f"{name}: c{i} + c{i + 1} support c{parent}{by}")
            else:
                lines.append(f"c{i} supports c{parent}{by}")
        elif roll < 0.8:
            lines.append(f"c{i} rebuts c{parent}{by}")
        elif roll < 0.85 and names:
            lines.append(f"c{i} undercuts {rng.choice(names)}{by}")
        elif roll < 0.9:
            lines.append(f"c{i} contradicts c{parent}{by}")
    return "\n".join(lines) + "\n"


def generate(claims: int, seed: int = 1) -> ArgumentMap:
    """The generated map, parsed."""
    return parse(generate_text(claims, seed), f"<generated {claims}>")


def _time(func: object, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        func()  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    from argmap.drawing.render import render, to_dot

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--backends", nargs="+", default=["dot", "graphviz-pure"])
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument(
        "--untuned",
        action="store_true",
        help="use the small-map layout settings at every size (the baseline)",
    )
    args = parser.parse_args(argv)
    if args.untuned:
        import argmap.drawing.render

        argmap.drawing.render.LARGE = argmap.drawing.render.HUGE = 10**9

    print("| claims | DOT lines | DOT emission | backend | layout to SVG | SVG size |")
    print("|---:|---:|---:|---|---:|---:|")
    for n in args.sizes:
        amap = generate(n)
        emit = _time(lambda amap=amap: to_dot(amap), repeat=3)
        text = to_dot(amap)
        size = text.count("\n")
        for backend in args.backends:
            if find_executable(backend) is None:
                print(f"| {n:,} | {size:,} | {emit * 1000:.0f} ms | {backend} | not installed | |")
                continue
            try:
                started = time.perf_counter()
                svg = render(amap, "svg", backend=backend, timeout=args.timeout)
                took = time.perf_counter() - started
                result = f"{took:.2f} s | {len(svg) / 1e6:.1f} MB"
            except BackendError as exc:
                result = f"failed: {exc.message} |"
            print(f"| {n:,} | {size:,} | {emit * 1000:.0f} ms | {backend} | {result} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
