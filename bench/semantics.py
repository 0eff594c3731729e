"""Benchmark: argmap's Dung semantics against the Python peers, in one run, as ratios.

    python bench/semantics.py                       # 1k, 10k, 100k random + acyclic, hard family
    python bench/semantics.py --sizes 1000 10000 --timeout 30 --repeat 3

Families (seeded, the same on every machine):
  random   n arguments, 2.5 n attacks drawn uniformly (self-attacks and all);
  acyclic  n arguments, 1.5 n attacks, each from a later argument to an earlier one;
  hard     every argument has 2 or 3 attackers, none is unattacked (grounded is empty), so
           complete/preferred/stable need a real search; run with a time limit.
Tasks: GR (the grounded extension), and one extension each for CO, PR and ST (ICCMA's SE
task; "none" for ST when there is none). py_arg has no single-extension call, so it
enumerates (EE) there, which the table marks.

Each (tool, task, instance) runs in a fresh worker process with a timeout (a tool over the
timeout at one size of a family is not run at the larger sizes); the time is that of
the solving call alone (building the tool's own framework object is not timed, nor are
imports: each tool's solver modules, argmap's pysat and clingo, formal-argumentation's z3,
are imported before the clock starts), median of ``--repeat`` runs; ``--clock cpu`` times
the process's CPU time instead of the wall clock (the same on one core, and fairer on a
loaded machine). Every answer is checked, argmap's too: grounded must equal argmap's; a CO
answer must be complete, a PR answer complete with no larger complete extension (checked by
SAT), an ST answer stable, and "none" only where argmap finds none either (and argmap's
"none" is wrong if a peer finds a stable extension).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOOLS = ("argmap", "formal-argumentation", "clingo", "pygarg", "py_arg", "afsolver")
TASKS = ("GR", "CO", "PR", "ST")

# Plain ASPARTIX-style encodings (Egly, Gaggl, Woltran; Dvorak et al. 2020).
_GUESS = """
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- in(X), in(Y), att(X,Y).
defeated(X) :- in(Y), att(Y,X).
"""
_COMPLETE = (
    _GUESS
    + """
not_defended(X) :- att(Y,X), not defeated(Y).
:- in(X), not_defended(X).
:- out(X), not not_defended(X).
"""
)
CLINGO = {
    "GR": (
        _COMPLETE + "#heuristic in(X) : arg(X). [1,false]\n",
        ["--heuristic=Domain", "--enum-mode=domRec"],
    ),
    "CO": (_COMPLETE, []),
    "PR": (_COMPLETE + "#heuristic in(X) : arg(X). [1,true]\n", ["--heuristic=Domain", "--enum-mode=domRec"]),
    "ST": (_GUESS + ":- out(X), not defeated(X).\n", []),
}


# ---- instances ----------------------------------------------------------------------------------
def random_af(n: int, seed: int) -> list[tuple[int, int]]:
    r = random.Random(seed)
    return [(r.randrange(n), r.randrange(n)) for _ in range(int(2.5 * n))]


def acyclic_af(n: int, seed: int) -> list[tuple[int, int]]:
    r = random.Random(seed)
    out = []
    for _ in range(int(1.5 * n)):
        b = r.randrange(n - 1)
        out.append((r.randrange(b + 1, n), b))
    return out


def hard_af(n: int, seed: int) -> list[tuple[int, int]]:
    r = random.Random(seed)
    out = []
    for b in range(n):
        for a in r.sample(range(n), r.choice((2, 3))):
            out.append((a, b))
    return out


def write_i23(n: int, edges: list[tuple[int, int]], path: Path) -> None:
    with path.open("w") as f:
        f.write(f"p af {n}\n")
        f.writelines(f"{a + 1} {b + 1}\n" for a, b in dict.fromkeys(edges))


def read_i23(path: Path) -> tuple[int, list[tuple[int, int]]]:
    lines = path.read_text().split("\n")
    n = int(lines[0].split()[2])
    edges = []
    for line in lines[1:]:
        if line and not line.startswith("#"):
            a, b = line.split()
            edges.append((int(a) - 1, int(b) - 1))
    return n, edges


# ---- the worker: one tool, one task, one instance -------------------------------------------------
def _warm_imports(tool: str) -> None:
    """Import a tool's solver modules, which it would otherwise import inside the timed call
    (clingo's is imported before timing in the clingo branch; the same for everyone)."""
    import contextlib

    if tool == "argmap":
        import pysat.solvers  # noqa: F401

        import argmap.semantics.asp

        with contextlib.suppress(ImportError):  # not in older argmap trees
            import argmap.semantics.stable_sat  # noqa: F401
        with contextlib.suppress(ImportError):
            import clingo  # noqa: F401
    elif tool == "formal-argumentation":
        with contextlib.suppress(ImportError):
            import z3  # noqa: F401


def _now(clock: str) -> float:
    return time.process_time() if clock == "cpu" else time.perf_counter()


def worker(tool: str, task: str, path: Path, time_limit: float, clock: str = "wall") -> dict[str, object]:
    n, edges = read_i23(path)
    names = [f"a{i}" for i in range(n)]
    _warm_imports(tool)
    if tool == "argmap":
        from argmap.semantics.solvers import Framework, grounded, one_labelling

        af = Framework.from_edges(n, edges)
        t = _now(clock)
        if task == "GR":
            lab = grounded(af)
        else:
            sem = {"CO": "complete", "PR": "preferred", "ST": "stable"}[task]
            lab = one_labelling(af, sem, time_limit=time_limit)  # type: ignore[assignment]
        dt = _now(clock) - t
        ext = None if lab is None else sorted(lab.ins())
    elif tool == "formal-argumentation":
        from argumentation.core.dung import ArgumentationFramework, grounded_extension
        from argumentation.solving import af_sat

        af = ArgumentationFramework(
            arguments=frozenset(names), defeats=frozenset((names[a], names[b]) for a, b in edges)
        )
        call = {
            "GR": grounded_extension,
            "CO": af_sat.find_complete_extension,
            "PR": af_sat.find_preferred_extension,
            "ST": af_sat.find_stable_extension,
        }[task]
        t = _now(clock)
        res = call(af)
        dt = _now(clock) - t
        ext = None if res is None else sorted(int(x[1:]) for x in res)
    elif tool == "clingo":
        import clingo

        program, options = CLINGO[task]
        facts = "".join(f"arg({i}).\n" for i in range(n)) + "".join(f"att({a},{b}).\n" for a, b in edges)
        t = _now(clock)
        ctl = clingo.Control([*options, "1"])
        ctl.add("base", [], facts + program)
        ctl.ground([("base", [])])
        found: list[list[int]] = []
        ctl.solve(
            on_model=lambda m: found.append(
                [s.arguments[0].number for s in m.symbols(atoms=True) if s.name == "in"]
            )
        )
        dt = _now(clock) - t
        ext = sorted(found[-1]) if found else None
    elif tool == "pygarg":
        from pygarg.dung import solver

        atts = [[names[a], names[b]] for a, b in dict.fromkeys(edges)]
        t = _now(clock)
        res = solver.compute_some_extension(names, atts, task)
        dt = _now(clock) - t
        ext = None if res == "NO" else sorted(int(x[1:]) for x in res)
    elif tool == "py_arg":
        from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
            AbstractArgumentationFramework,
        )
        from py_arg.abstract_argumentation_classes.argument import Argument
        from py_arg.abstract_argumentation_classes.defeat import Defeat
        from py_arg.algorithms.semantics import (
            get_complete_extensions,
            get_grounded_extension,
            get_preferred_extensions,
            get_stable_extensions,
        )

        args = [Argument(x) for x in names]
        af = AbstractArgumentationFramework(
            "b", args, [Defeat(args[a], args[b]) for a, b in dict.fromkeys(edges)]
        )
        t = _now(clock)
        if task == "GR":
            exts = [get_grounded_extension.get_grounded_extension(af)]
        else:
            mod = {"CO": get_complete_extensions, "PR": get_preferred_extensions, "ST": get_stable_extensions}
            fn = getattr(mod[task], mod[task].__name__.rsplit(".", 1)[1])
            exts = list(fn(af))
        dt = _now(clock) - t
        ext = sorted(int(a.name[1:]) for a in exts[0]) if exts else None
    elif tool == "afsolver":
        import afsolver  # noqa: F401 - needs Python >= 3.13

        raise SystemExit("afsolver: not supported here")
    else:
        raise SystemExit(f"unknown tool {tool}")
    return {"time": dt, "ext": ext}


def available(tool: str) -> str | None:
    """None when the tool can run here, else why not."""
    module = {
        "argmap": "argmap.semantics.solvers",
        "formal-argumentation": "argumentation",
        "clingo": "clingo",
        "pygarg": "pygarg",
        "py_arg": "py_arg",
        "afsolver": "afsolver",
    }[tool]
    if tool == "afsolver" and sys.version_info < (3, 13):
        return f"needs Python >= 3.13 (this is {sys.version_info.major}.{sys.version_info.minor})"
    try:
        __import__(module)
    except ImportError:
        return "not installed"
    return None


# ---- checking answers ---------------------------------------------------------------------------
def verify(
    task: str, n: int, edges: list[tuple[int, int]], ext: list[int] | None, ref: list[int] | None
) -> bool:
    from argmap.semantics import solvers as S

    af = S.Framework.from_edges(n, edges)
    if task == "GR":
        return ext == ref
    if ext is None:
        return task == "ST" and ref is None
    if task == "ST" and ref is None and ext is not None and S.is_stable(af, ext):
        return False  # a stable extension where argmap said there is none: argmap is wrong
    if task == "ST":
        return S.is_stable(af, ext)
    if not S.is_complete(af, ext):
        return False
    if task == "CO":
        return True
    # preferred: no complete extension strictly larger (a SAT check on the whole framework)
    from pysat.solvers import Solver

    with Solver(name="g4") as s:
        for x in range(n):
            vin, vout = 2 * x + 1, 2 * x + 2
            atts = [2 * a + 1 for a in af.attackers[x]]
            s.add_clause([-vout, *atts])
            for a in atts:
                s.add_clause([-a, vout])
            s.add_clause([vin] + [-(a + 1) for a in atts])
            for a in atts:
                s.add_clause([-vin, a + 1])
            s.add_clause([-vin, -vout])
        inside = set(ext)
        s.add_clause([2 * x + 1 for x in range(n) if x not in inside])
        return not s.solve(assumptions=[2 * x + 1 for x in inside])


# ---- argmap's own steps on generated maps ----------------------------------------------------------
def map_rows(sizes: list[int], repeat: int, time_limit: float) -> None:
    """Time the map-level steps (translation, claim labels per semantics, the W400 pass) on
    the maps bench/genmap.py writes (the same generator as the parse and render benchmarks)."""
    import argmap
    from argmap.semantics.evaluate import claim_labels, framework, perspective_findings
    from bench.genmap import generate

    steps = ["translate", "W400 pass", "grounded", "preferred", "stable"]
    print("| claims | arguments | attacks | " + " | ".join(f"{s} s" for s in steps) + " |")
    print("|" + "|".join("---" for _ in range(3 + len(steps))) + "|")
    for n in sizes:
        m = argmap.parse(generate(n, seed=0).argmap_text)
        af = framework(m).framework
        calls = {
            "translate": lambda m=m: framework(m),
            "W400 pass": lambda m=m: perspective_findings(m),
            "grounded": lambda m=m: claim_labels(m, "grounded"),
            "preferred": lambda m=m: claim_labels(m, "preferred", time_limit=time_limit),
            "stable": lambda m=m: claim_labels(m, "stable", time_limit=time_limit),
        }
        cells = []
        for step in steps:
            runs = []
            for _ in range(repeat):
                t = time.perf_counter()
                calls[step]()
                runs.append(time.perf_counter() - t)
            cells.append(f"{statistics.median(runs):.3f}")
        print(f"| {n} | {af.n} | {af.attack_count()} | " + " | ".join(cells) + " |", flush=True)


# ---- the driver ---------------------------------------------------------------------------------
def run_one(tool: str, task: str, path: Path, timeout: float, clock: str = "wall") -> dict[str, object]:
    cmd = [sys.executable, __file__, "--worker", tool, task, str(path), "--time-limit", str(timeout)]
    cmd += ["--clock", clock]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout + 30, check=False)
    except subprocess.TimeoutExpired:
        return {"timeout": True}
    if proc.returncode != 0:
        err = (proc.stderr.strip().splitlines() or ["failed"])[-1]
        if "SearchStopped" in err:
            return {"timeout": True}
        return {"error": err[:80]}
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    if float(result["time"]) > timeout:  # type: ignore[arg-type]
        return {"timeout": True}
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--hard-sizes", type=int, nargs="+", default=[100, 300, 1000])
    ap.add_argument("--families", nargs="+", default=["random", "acyclic", "hard"])
    ap.add_argument("--tools", nargs="+", default=list(TOOLS))
    ap.add_argument("--tasks", nargs="+", default=list(TASKS))
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per solving call")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--clock", choices=["wall", "cpu"], default="wall", help="time the wall clock or CPU time"
    )
    ap.add_argument(
        "--maps",
        type=int,
        nargs="*",
        help="instead: time argmap's own steps on bench/genmap.py maps of these sizes",
    )
    ap.add_argument("--worker", nargs=3, metavar=("TOOL", "TASK", "FILE"), help=argparse.SUPPRESS)
    ap.add_argument("--time-limit", type=float, default=60.0, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        tool, task, file = a.worker
        print(json.dumps(worker(tool, task, Path(file), a.time_limit, a.clock)))
        return
    if a.maps is not None:
        map_rows(a.maps or [1000, 10000, 100000], a.repeat, a.timeout)
        return
    gens = {"random": random_af, "acyclic": acyclic_af, "hard": hard_af}
    missing = {t: why for t in a.tools if (why := available(t))}
    for t, why in missing.items():
        print(f"# {t}: {why}; left out", file=sys.stderr)
    tools = [t for t in a.tools if t not in missing]
    others = [t for t in tools if t != "argmap"]
    header = ["family", "n", "attacks", "task", "argmap s", *[f"{t} x" for t in others]]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    disagreements = 0
    gave_up: set[tuple[str, str, str]] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for family in a.families:
            for n in a.hard_sizes if family == "hard" else a.sizes:
                edges = list(dict.fromkeys(gens[family](n, a.seed)))
                path = Path(tmp) / f"{family}-{n}.af"
                write_i23(n, edges, path)
                for task in a.tasks:
                    cells: dict[str, str] = {}
                    times: dict[str, float | None] = {}
                    ref_ext: list[int] | None = None
                    for tool in tools:
                        if (family, task, tool) in gave_up:
                            # over the limit at a smaller size of this family: not run again
                            cells[tool], times[tool] = f"> {a.timeout:g} s", None
                            continue
                        runs = []
                        last: dict[str, object] = {}
                        for _ in range(a.repeat):
                            last = run_one(tool, task, path, a.timeout, a.clock)
                            if "time" not in last:
                                break
                            runs.append(float(last["time"]))  # type: ignore[arg-type]
                            if runs[-1] > 10:
                                break
                        if "timeout" in last:
                            cells[tool], times[tool] = f"> {a.timeout:g} s", None
                            gave_up.add((family, task, tool))
                            continue
                        if "error" in last:
                            cells[tool], times[tool] = f"error: {last['error']}", None
                            continue
                        times[tool] = statistics.median(runs)
                        ext = last["ext"]
                        if tool == "argmap":
                            ref_ext = ext  # type: ignore[assignment]
                            if ext is not None and not verify(task, n, edges, ext, ext):  # type: ignore[arg-type]
                                disagreements += 1
                                cells[tool] = "WRONG"
                                continue
                        elif times.get("argmap") is not None and not verify(task, n, edges, ext, ref_ext):  # type: ignore[arg-type]
                            disagreements += 1
                            cells[tool] = "DISAGREES"
                            continue
                        cells[tool] = ""
                    mine = times.get("argmap")
                    row = [family, str(n), str(len(edges)), task, cells["argmap"] or f"{mine:.3f}"]
                    for tool in others:
                        if cells[tool]:
                            row.append(cells[tool])
                        elif mine:
                            mark = " (EE)" if tool == "py_arg" and task != "GR" else ""
                            row.append(f"{times[tool] / mine:.1f}{mark}")  # type: ignore[operator]
                        else:
                            row.append(f"{times[tool]:.3f} s")
                    print("| " + " | ".join(row) + " |", flush=True)
    what = "CPU seconds" if a.clock == "cpu" else "seconds"
    print(f"\nargmap column: {what} (median of {a.repeat}); the others: their time / argmap's.")
    print(f"disagreements: {disagreements}")
    if missing:
        for t, why in missing.items():
            print(f"{t}: {why}")
    sys.exit(1 if disagreements else 0)


if __name__ == "__main__":
    main()
