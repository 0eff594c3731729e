"""Hostile shapes (issue 21): grow each shape 1x, 2x, 4x, 8x and report how the time grows.

    python bench/hostile.py                  # every shape, best of 3 runs per size
    python bench/hostile.py --scale 0.5      # smaller sizes (a quick look)
    python bench/hostile.py --only fmt       # the shapes whose name holds "fmt"

Each shape is an input an attacker (or an unlucky user) can write, and an operation argmap runs
on it through its library: the same calls the CLI makes. Sizes double three times from a base;
the growth exponent is the slope of log(time) over log(size) from the smallest to the largest
size: about 1 is linear, 2 quadratic. A shape is marked SUPERLINEAR when its exponent is over
1.3. Inputs over a limit (argmap.util.limits) are refused before any work: those rows time the
refusal, which should not grow at all (exponent about 0).

Runs in this process, one shape after another (a shape's inputs are built before its clock
starts); results and the command go in docs/benchmarks.md, "Hostile shapes".
"""

from __future__ import annotations

import argparse
import gc
import math
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argmap
from argmap.util.limits import Limits

#: Limits high enough that no grown shape is refused (the shapes measure the work itself).
OPEN = Limits(input_size=2**31, statement_length=2**31, text_length=2**31, depth=10**6)


@dataclass
class Shape:
    """An input grown by ``make(n)`` and the operation timed on it."""

    name: str
    base: int  # n at 1x
    unit: str  # what n counts
    make: Callable[[int], str]
    run: Callable[[str], object]


def _check_report(text: str) -> object:
    """``argmap check``: parse, check, and the text report of the findings (with source lines)."""
    from argmap.diagnostics.report import format_text

    try:
        m = argmap.parse(text, "h.argmap", limits=OPEN)
        found = argmap.check(m)
    except argmap.ParseError as exc:
        found = exc.diagnostics
    return format_text(found, {"h.argmap": text})


def _fmt(text: str) -> object:
    from argmap.util.limits import using

    with using(OPEN):
        return argmap.format_text(text)


def _dot(text: str) -> object:
    return argmap.to_dot(argmap.parse(text, limits=OPEN))


def _export_json(text: str) -> object:
    return argmap.export(argmap.parse(text, limits=OPEN), "json")


def _importer(fmt: str) -> Callable[[str], object]:
    return lambda text: argmap.import_(text, fmt, limits=OPEN)  # type: ignore[arg-type]


def _refused(call: Callable[[str], object]) -> Callable[[str], object]:
    def run(text: str) -> object:
        try:
            return call(text)
        except argmap.ArgmapError as exc:
            return exc

    return run


def _premises(n: int) -> str:
    return " + ".join(f"x{i}" for i in range(n)) + " support y\n"


def _long_text(n: int) -> str:
    return 'claim a "' + "word " * (n // 5) + '"\n'


def _held_by(n: int) -> str:
    return 'claim a "A."\n' + "".join(f"  held by p{i}\n" for i in range(n))


def _lines(n: int) -> str:
    """A map of n lines: claims and the supports between them."""
    half = n // 2
    claims = "".join(f'claim c{i} "Claim {i}."\n' for i in range(half))
    return claims + "".join(f"c{i} supports c{i + 1}\n" for i in range(n - half))


def _deep_json(n: int) -> str:
    return '{"format": "argmap", "version": 1, "elements": ' + "[" * n + "]" * n + "}"


def _argdown_stars(n: int) -> str:
    return "[a]: " + " *a" * n + "\n"


def _aif_speakers(n: int) -> str:
    """An AIF document with n locutions by n speakers all called the same."""
    import json

    nodes = [{"nodeID": "1", "text": "A.", "type": "I"}]
    edges, locutions, people = [], [], []
    for i in range(n):
        nodes += [
            {"nodeID": f"l{i}", "text": "Bob : A.", "type": "L"},
            {"nodeID": f"y{i}", "text": "Asserting", "type": "YA"},
        ]
        edges += [{"edgeID": f"e{i}", "fromID": f"l{i}", "toID": f"y{i}"}]
        edges += [{"edgeID": f"f{i}", "fromID": f"y{i}", "toID": "1"}]
        locutions.append({"nodeID": f"l{i}", "personID": str(i)})
        people.append({"participantID": str(i), "firstname": "Bob", "surname": ""})
    return json.dumps({"nodes": nodes, "edges": edges, "locutions": locutions, "participants": people})


def _over_size(n: int) -> str:
    return 'claim a "' + "x" * n + '"\n'


#: The input size limit of the "refused" shapes: every size they grow to is over it.
_SMALL = Limits(input_size=1_000_000, statement_length=100_000)


def shapes() -> list[Shape]:
    return [
        Shape("check: one statement, undefined premises", 1_000, "premises", _premises, _check_report),
        Shape("check: one long text line", 1_000_000, "chars", _long_text, _check_report),
        Shape("fmt: one long text", 100_000, "chars", _long_text, _fmt),
        Shape("parse: many held-by lines", 4_000, "lines", _held_by, lambda t: argmap.parse(t, limits=OPEN)),
        Shape("check: many held-by lines", 4_000, "lines", _held_by, _check_report),
        Shape("fmt: many held-by lines", 1_000, "lines", _held_by, _fmt),
        Shape("render -f dot: one long text", 250_000, "chars", _long_text, _dot),
        Shape("fmt --check: many-line map", 10_000, "lines", _lines, _fmt),
        Shape("export json: many-line map", 10_000, "lines", _lines, _export_json),
        Shape(
            "import json: deep nesting (refused)",
            100_000,
            "levels",
            _deep_json,
            _refused(lambda t: argmap.import_(t, "json")),
        ),
        Shape(
            "import argdown: ' *a' repeated",
            8_000,
            "stars",
            _argdown_stars,
            lambda t: argmap.import_(t, "argdown"),
        ),
        Shape(
            "import aif: one name, many speakers",
            500,
            "speakers",
            _aif_speakers,
            lambda t: argmap.import_(t, "aif"),
        ),
        Shape(
            "parse: text over the input size (refused)",
            2_000_000,
            "chars",
            _over_size,
            _refused(lambda t: argmap.parse(t, limits=_SMALL)),
        ),
        Shape(
            "parse: statement over its length (refused)",
            20_000,
            "lines",
            _held_by,
            _refused(lambda t: argmap.parse(t, limits=Limits(statement_length=100_000, input_size=2**31))),
        ),
    ]


def best_time(run: Callable[[str], object], text: str, repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        run(text)
        best = min(best, time.perf_counter() - started)
    return best


def exponent(sizes: list[int], times: list[float]) -> float:
    """The slope of log(time) over log(size), fitted by least squares over every size (less
    moved by one noisy point than the slope between the ends)."""
    xs = [math.log(n) for n in sizes]
    ys = [math.log(max(t, 1e-6)) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every base size by this")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best is kept")
    parser.add_argument("--only", default="", help="only the shapes whose name holds this")
    args = parser.parse_args(argv)
    argmap.parse('claim warm "up"\nwarm supports up\n')  # load the parser once, outside any clock
    print(f"{'shape':46} {'1x size':>10} {'1x':>8} {'2x':>8} {'4x':>8} {'8x':>8}  exponent")
    for shape in shapes():
        if args.only not in shape.name:
            continue
        sizes = [max(1, int(shape.base * args.scale)) * k for k in (1, 2, 4, 8)]
        times = []
        for n in sizes:
            text = shape.make(n)
            times.append(best_time(shape.run, text, args.repeat))
            del text
        slope = exponent(sizes, times)
        refused = "refused" in shape.name
        flag = "  SUPERLINEAR" if slope > 1.3 and not refused else ""
        cells = " ".join(f"{t:8.3f}" for t in times)
        print(f"{shape.name:46} {sizes[0]:>10,} {cells}  {slope:5.2f}{flag}", flush=True)
    print(f"(seconds, best of {args.repeat}; exponent: least-squares slope of log time over log size)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
