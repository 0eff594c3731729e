"""argmap against Argdown, side by side on the same maps (issue 6).

    python bench/run.py                                  # 1000, 10000, 50000 claims, 5 runs each
    python bench/run.py --sizes 1000,10000 --repeat 3
    python bench/run.py --only check                     # or: --only dot
    python bench/run.py --markdown out.md                # also write the tables to a file

For each size, bench/genmap.py writes one map in both languages (same claims, same text, same
supports and attacks, perspectives as Argdown tags) into a temporary folder. Then, each in a
fresh process, median of ``--repeat`` runs taken in turn (argmap, Argdown, argmap, Argdown ...):

* check: ``python -m argmap check FILE`` against ``argdown json FILE OUTDIR`` (Argdown's JSON
  export parses the text and builds its whole model);
* dot: ``python -m argmap render FILE --format dot -o OUT`` against
  ``argdown map --format dot FILE OUTDIR`` (DOT text only, no Graphviz layout on either side).

Wall time is taken around the child; peak memory is the child's max RSS (see bench/measure.py).
"above base" subtracts the same command's max RSS on a one-claim map (interpreter or node, the
tool's code, argmap's parser tables), so it is what the map itself costs.

This script installs nothing. Argdown's CLI is looked for as ``$ARGDOWN``, then ``argdown`` on
PATH, then ``~/.cache/argmap/argdown/node_modules/.bin/argdown`` (where
``npm install --prefix ~/.cache/argmap/argdown @argdown/cli`` puts it, as CI and the tests do;
``$ARGMAP_ARGDOWN_PREFIX`` moves it); without it (or without node)
the script says how to install it and measures argmap alone. Each run's exit status is checked,
and the first run of each size is checked for content too (Argdown must report no syntax errors
and its JSON must hold every statement; argmap must exit 0); the script exits 1 if one of those
checks failed (the rows are then marked (!)).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.genmap import GeneratedMap, generate
from bench.measure import ROOT, Run, child_env, machine, median, run_once, speed_probe

#: Argdown's processors for "read and build the model", as in its own default processes.
ARGDOWN_MODEL_PROCESS = ("load-file", "parse-input", "build-model", "log-parser-errors")
ARGDOWN_PREFIX = Path(os.environ.get("ARGMAP_ARGDOWN_PREFIX", Path.home() / ".cache" / "argmap" / "argdown"))
INSTALL_HINT = "npm install --prefix ~/.cache/argmap/argdown @argdown/cli   (or: npm install -g @argdown/cli)"

# Stand-in for `argmap check` while the command is not usable (parse + check, nothing printed).
_CHECK_STANDIN = (
    "import sys\nimport argmap.syntax.parser as p, argmap.checks as c\nc.check(p.load(sys.argv[1]))\n"
)


def find_argdown() -> tuple[list[str] | None, str]:
    """The command that runs Argdown's CLI, or None and what is missing."""
    candidates = [
        os.environ.get("ARGDOWN"),
        shutil.which("argdown"),
        str(ARGDOWN_PREFIX / "node_modules" / ".bin" / "argdown"),
    ]
    found = next((c for c in candidates if c and os.access(c, os.X_OK)), None)
    if found is None:
        return (
            None,
            f"Argdown CLI not found (looked at $ARGDOWN, PATH, {ARGDOWN_PREFIX}/node_modules/.bin): "
            + INSTALL_HINT,
        )
    if shutil.which("node") is None:
        return None, "node not found: Argdown's CLI needs Node.js (>= 18) on PATH"
    r = run_once([found, "--version"], timeout=60)
    if r.rc != 0:
        return (
            None,
            f"{found} --version failed (exit {r.rc}): {r.stderr.strip()[:200]}; reinstall: {INSTALL_HINT}",
        )
    return [found], f"Argdown CLI {r.stdout.strip()} at {found}"


@dataclass
class Tools:
    env: dict[str, str]
    check: list[str]
    check_note: str
    dot: list[str] | None  # argmap command before FILE; None when there is no dot output
    dot_note: str
    argdown: list[str] | None
    argdown_note: str


def _py(*args: str) -> list[str]:
    return [sys.executable, *args]


def find_tools(folder: Path, probe: GeneratedMap) -> Tools:
    """Work out which commands to time, trying each on a small map first."""
    env = child_env(NO_COLOR="1")
    path, _ = probe.write(folder, "probe")
    check = _py("-m", "argmap", "check", "--quiet")
    r = run_once([*check, str(path)], cwd=ROOT, env=env)
    if r.rc == 0:
        check_note = "`python -m argmap check --quiet FILE`"
    else:
        first = (r.stderr.strip() or r.stdout.strip()).splitlines()[:1]
        check = _py("-c", _CHECK_STANDIN)
        check_note = (
            f"`python -m argmap check` is not usable yet (exit {r.rc}: {first}); timed the stand-in "
            "`python -c 'import argmap.syntax.parser as p, argmap.checks as c; c.check(p.load(FILE))'`"
        )
    render = _py("-m", "argmap", "render", "--format", "dot", "-o")
    dot: list[str] | None = render
    r = run_once([*render, str(folder / "probe.dot"), str(path)], cwd=ROOT, env=env)
    if r.rc == 0 and (folder / "probe.dot").is_file():
        dot_note = "`python -m argmap render --format dot -o OUT FILE`"
    else:
        export = _py("-m", "argmap", "export", "--to", "dot", "-o")
        dot = export
        r2 = run_once([*export, str(folder / "probe.dot"), str(path)], cwd=ROOT, env=env)
        if r2.rc == 0:
            dot_note = "`python -m argmap export --to dot -o OUT FILE` (`argmap render` is not usable yet)"
        else:
            dot, dot_note = (
                None,
                f"argmap has no working dot output yet (render exit {r.rc}, export exit {r2.rc})",
            )
    argdown, argdown_note = find_argdown()
    return Tools(env, check, check_note, dot, dot_note, argdown, argdown_note)


def _validate_argdown(run: Run, json_dir: Path | None, g: GeneratedMap) -> str | None:
    """Why Argdown's run does not count, or None if it read the whole map without errors."""
    text = run.stdout + run.stderr
    if run.rc != 0 or "syntax error" in text.lower() or "canceled" in text.lower():
        return f"Argdown failed (exit {run.rc}): {' '.join(text.split())[:300]}"
    if json_dir is not None:
        files = list(json_dir.glob("*.json"))
        if not files:
            return "Argdown wrote no JSON"
        data = json.loads(files[0].read_text(encoding="utf-8"))
        if len(data.get("statements", {})) != g.counts["claims"]:
            return (
                f"Argdown's JSON holds {len(data.get('statements', {}))} statements, not {g.counts['claims']}"
            )
        relations = len(data.get("relations", [])) + len(data.get("arguments", {}))
        if relations != g.counts["relations"]:
            return f"Argdown's JSON holds {relations} relations and arguments, not {g.counts['relations']}"
    return None


@dataclass
class Pair:
    n: int
    a: list[Run]
    b: list[Run] | None
    problem: str | None = None


def measure(
    task: str, sizes: list[int], *, repeat: int, seed: int, tools: Tools, folder: Path
) -> tuple[list[Pair], Pair | None]:
    """Time argmap and Argdown on each size (and on a one-claim map, the baseline)."""
    results: list[Pair] = []
    base: Pair | None = None
    for n in [1, *sizes]:
        g = generate(n, seed)
        am, ad = g.write(folder, f"gen-{n}")
        out = folder / f"out-{task}-{n}"
        out.mkdir(exist_ok=True)
        if task == "check":
            a_cmd = [*tools.check, str(am)]
            b_cmd = [*tools.argdown, "json", str(ad), str(out)] if tools.argdown else None
        elif task == "model":
            config = folder / "argdown-model.config.js"
            config.write_text(f"module.exports = {{ process: {json.dumps(ARGDOWN_MODEL_PROCESS)} }};\n")
            a_cmd = [*tools.check, str(am)]
            b_cmd = [*tools.argdown, "--config", str(config), str(ad)] if tools.argdown else None
        else:
            assert tools.dot is not None
            a_cmd = [*tools.dot, str(out / f"gen-{n}.argmap.dot"), str(am)]
            b_cmd = [*tools.argdown, "map", "--format", "dot", str(ad), str(out)] if tools.argdown else None
        a_runs: list[Run] = []
        b_runs: list[Run] | None = [] if b_cmd else None
        problem = None
        for i in range(repeat):
            a_runs.append(run_once(a_cmd, cwd=ROOT, env=tools.env))
            last = a_runs[-1]
            if last.rc != 0:
                problem = f"argmap exit {last.rc}: {' '.join((last.stderr or last.stdout).split())[:300]}"
            if b_cmd is not None and b_runs is not None:
                b_runs.append(run_once(b_cmd, cwd=ROOT, env=tools.env))
                if i == 0:
                    why = _validate_argdown(b_runs[-1], out if task == "check" else None, g)
                    if why is None and task == "dot" and not list(out.glob("*.dot")):
                        why = "Argdown wrote no DOT file"
                    if why is None and task == "model" and "checked" not in b_runs[-1].stdout.lower():
                        why = f"Argdown did not report the file checked: {b_runs[-1].stdout.strip()[:200]}"
                    problem = problem or why
        pair = Pair(n, a_runs, b_runs, problem)
        if n == 1:
            base = pair
        else:
            results.append(pair)
            print(f"  {task} {n:>7,}: " + _row(pair, base)[2:], flush=True)
        shutil.rmtree(out, ignore_errors=True)
    return results, base


def _mb(x: float) -> str:
    return f"{x / 1e6:.0f}"


def _row(p: Pair, base: Pair | None) -> str:
    aw = median([r.wall for r in p.a])
    ac = median([r.cpu for r in p.a])
    am = median([float(r.maxrss) for r in p.a])
    a_base = median([float(r.maxrss) for r in base.a]) if base else 0.0
    cells = [f"{p.n:,}", f"{aw:.2f}", f"{ac:.2f}", _mb(am), _mb(am - a_base)]
    if p.b:
        bw = median([r.wall for r in p.b])
        bc = median([r.cpu for r in p.b])
        bm = median([float(r.maxrss) for r in p.b])
        b_base = median([float(r.maxrss) for r in base.b]) if base and base.b else 0.0
        cells += [
            f"{bw:.2f}",
            f"{bc:.2f}",
            _mb(bm),
            _mb(bm - b_base),
            f"**{bw / aw:.1f}x**",
            f"{bc / max(ac, 0.01):.1f}x",
            f"{(bm - b_base) / (am - a_base):.1f}x" if min(am - a_base, bm - b_base) >= 1e6 else "-",
        ]
    else:
        cells += ["-"] * 7
    if p.problem:
        cells[1] += " (!)"
    return "| " + " | ".join(cells) + " |"


def table(title: str, a_label: str, b_label: str, pairs: list[Pair], base: Pair | None) -> list[str]:
    lines = [
        f"**{title}**",
        "",
        "| claims | argmap s | argmap CPU s | argmap max RSS MB | argmap above base MB | Argdown s "
        "| Argdown CPU s | Argdown max RSS MB | Argdown above base MB | speed-up (wall) | speed-up (CPU) "
        "| memory (Argdown / argmap, above base) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [_row(p, base) for p in pairs]
    if base is not None:
        cells = _row(base, None).strip("| ").split(" | ")
        cells[0] = "1 (base)"
        for i in (4, 8, 11):
            if i < len(cells):
                cells[i] = "-"
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        f"argmap: {a_label}. Argdown: {b_label}. Speed-up: Argdown's time over argmap's (wall clock, and "
        "CPU time = user + system, which other load on the machine disturbs less; Node uses helper "
        "threads, so its CPU time can exceed its wall time).",
    ]
    lines += [f"(!) {p.n:,} claims: {p.problem}" for p in pairs if p.problem]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="claims per map, comma separated")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each tool per size (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", choices=("check", "model", "dot"), help="run one of the comparisons")
    parser.add_argument("--markdown", help="also write the tables to this file")
    parser.add_argument("--keep", help="write the generated maps here and keep them")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    info = machine()
    out: list[str] = ["Machine: " + "; ".join(f"{k} {v}" for k, v in info.items()), ""]
    command = f"python bench/run.py --sizes {args.sizes} --repeat {args.repeat}" + (
        f" --only {args.only}" if args.only else ""
    )
    out += [f"Command: `{command}`", ""]
    with tempfile.TemporaryDirectory(prefix="argmap-vs-argdown-") as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        tools = find_tools(folder, generate(50, args.seed))
        print(
            f"argmap check: {tools.check_note}\nargmap dot: {tools.dot_note}\nArgdown: {tools.argdown_note}",
            flush=True,
        )
        if tools.argdown is None:
            print(f"\n*** {tools.argdown_note}\n*** measuring argmap alone\n", file=sys.stderr)
        out += [
            f"- argmap check: {tools.check_note}",
            f"- argmap dot: {tools.dot_note}",
            f"- Argdown: {tools.argdown_note}",
            "",
        ]
        b = "`argdown json FILE OUTDIR`" if tools.argdown else "not measured"
        problems = False
        if args.only in (None, "check"):
            pairs, base = measure(
                "check", sizes, repeat=args.repeat, seed=args.seed, tools=tools, folder=folder
            )
            problems = any(p.problem for p in pairs)
            out += table(
                f"Parse + check (median of {args.repeat}, alternating)", tools.check_note, b, pairs, base
            )
            out.append("")
        if args.only in (None, "model"):
            b = (
                "`argdown --config CFG FILE`, CFG setting the process to "
                f"{', '.join(ARGDOWN_MODEL_PROCESS)} (no map, no export)"
            )
            if not tools.argdown:
                b = "not measured"
            pairs, base = measure(
                "model", sizes, repeat=args.repeat, seed=args.seed, tools=tools, folder=folder
            )
            problems = problems or any(p.problem for p in pairs)
            out += table(
                f"Parse + check, Argdown's model without export (median of {args.repeat}, alternating)",
                tools.check_note,
                b,
                pairs,
                base,
            )
            out.append("")
        if args.only in (None, "dot"):
            if tools.dot is None:
                out += [f"**DOT output**: not measured: {tools.dot_note}", ""]
            else:
                b = "`argdown map --format dot FILE OUTDIR`" if tools.argdown else "not measured"
                pairs, base = measure(
                    "dot", sizes, repeat=args.repeat, seed=args.seed, tools=tools, folder=folder
                )
                problems = problems or any(p.problem for p in pairs)
                out += table(
                    f"Map to DOT (median of {args.repeat}, alternating)", tools.dot_note, b, pairs, base
                )
                out.append("")
    out.append(
        "Load average at the end: "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
        + f"; speed probe at the end: {speed_probe():.3f} s"
    )
    text = "\n".join(out)
    print()
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text, encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
