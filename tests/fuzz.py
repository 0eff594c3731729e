"""A fuzzing harness over every reader of argmap and its CLI, driven by hypothesis.

The promise under test (docs/security.md): whatever the input, argmap ends with a result or an
``argmap.ArgmapError`` (in the CLI: exit status 0, 1 or 2 with a message), never with another
exception, a hang or a signal; and what it writes reads back to the same map.

Targets, one per reader and one for the CLI (:data:`TARGETS`):

* ``argmap``: ``.argmap`` text -> ``parse``; a map then goes through ``check``, ``format_text``
  (which must keep its meaning), ``write`` (whose text must parse back to the same map), every
  exporter and grounded evaluation;
* ``json``, ``aif``, ``argdown``: the importers; an imported map must be writable as .argmap text;
* ``cli``: the ``argmap`` command in process, over a file of generated text, with generated
  options.

Inputs are drawn from hostile strategies: seeds (the repository's maps and their exports)
mutated with hostile snippets (quotes, escapes, surrogates, bidi and control characters, comment
and markup openers of every format), text generated from the grammar, JSON trees with nodes
replaced, deep nesting, all of Unicode.

The test suite runs each target briefly (tests/test_fuzz.py). The long run::

    python -m tests.fuzz --minutes 60                 # every target, in turn
    python -m tests.fuzz --minutes 10 --target json   # one target

prints what it ran and, for each failure, the minimized input and where it saved it (in
``--save``, default ``fuzz-crashers/``): move the file, named by the convention of
tests/data/hostile/README.md, into the corpus with the fix.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import io
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python -m tests.fuzz` from anywhere
    sys.path.insert(0, str(ROOT))

import argmap  # noqa: E402
from argmap.errors import ArgmapError  # noqa: E402

__all__ = [
    "SNIPPETS",
    "TARGETS",
    "Crash",
    "hostile_text",
    "main",
    "run_target",
]

# ---- hostile material --------------------------------------------------------------------------
#: Pieces that have broken text formats before: quotes and escapes of every kind (valid and not),
#: surrogates (as characters and as escapes), controls, bidi overrides, line and paragraph
#: separators, non-ASCII white space, the comment and markup openers of .argmap, JSON, Argdown,
#: DOT, HTML, Markdown and YAML, and argmap's own words.
SNIPPETS: tuple[str, ...] = (
    '"', '""', '"""', "\\", "\\\\", '\\"', "\\n", "\\t", "\\u", "\\u{", "\\u{}", "\\u00e9",
    "\\uD800", "\\uDC00", "\\udfff", "\\u{dfff}", "\\u{10FFFF}", "\\u{110000}", "\\x41", "\\0",
    "\n", "\r", "\r\n", "\n  ", "\n\t", "\t", " ", "\x00", "\x07", "\x0b", "\x0c", "\x1b[31m",
    "\x7f", "\x85", "\xa0", "\u2028", "\u2029", "\u3000", "\u200b", "\u200d", "\ufeff", "\ufffd",
    "\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\u0301", "\U0010ffff", "\U0001f1f9\U0001f1f7",
    "\ud800", "\udc00", "\udfff",
    "#", "# c", "//", "/*", "*/", "<!--", "-->", "<", ">", "&", "&amp;", "<script>", "]]>",
    "[", "]", "[a]", "[a]:", "<a>", "<a>:", "{", "}", "(", ")", "#()", "#tag", "#(x y)", "@",
    "+", "-", "--", "---", "*", " *a", "_", "__0__", "`", "```", "...", ":", ",", ";", "=",
    "'", "|", "%", "$", "{{", "}}", "yaml:", "- ", "> ",
    "claim", "fact", "title", "source", "perspective", "question", "section", "allow",
    "supports", "rebuts", "attacks", "undercuts", "contradicts", "accepts", "rejects",
    "held by", "rejected by", "by", "note", "tags", "quote", "answers", "in",
    "a", "b", "p", "é", "東京", "0", "1e999", "-1", "4" * 40,
)  # fmt: skip

_SNIPPET = st.sampled_from(SNIPPETS)
#: One character from anywhere in Unicode (surrogates included).
_ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF)


def hostile_text(max_size: int = 24) -> st.SearchStrategy[str]:
    """Text a hostile user might type: snippets, any characters, runs of one character."""
    piece = st.one_of(
        _SNIPPET,
        _SNIPPET,
        _ANY_CHAR,
        st.text(max_size=4),
        st.tuples(_SNIPPET, st.integers(2, 40)).map(lambda t: t[0] * t[1]),
    )
    return st.lists(piece, max_size=max_size).map("".join)


# ---- seeds -------------------------------------------------------------------------------------
@functools.cache
def argmap_seeds() -> tuple[str, ...]:
    """Small real .argmap texts to mutate: the parser's construct files, the smaller maps."""
    found = sorted((ROOT / "tests" / "data" / "parser" / "ok").glob("*.argmap"))
    found += [p for p in sorted((ROOT / "maps").glob("*.argmap")) if p.stat().st_size < 10_000]
    return tuple(p.read_text(encoding="utf-8") for p in found)


@functools.cache
def format_seeds(fmt: str) -> tuple[str, ...]:
    """The seeds written in another format (JSON, AIF, Argdown), to mutate for its reader."""
    out = []
    for text in argmap_seeds():
        try:
            out.append(argmap.export(argmap.parse(text), fmt))  # type: ignore[arg-type]
        except ArgmapError:
            continue
    return tuple(out)


@st.composite
def mutated(draw: st.DrawFn, seeds: tuple[str, ...]) -> str:
    """A seed with a few edits: a hostile piece put in, a part cut out or repeated."""
    text = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, 6))):
        size = len(text)
        at = draw(st.integers(0, size))
        op = draw(st.sampled_from(["insert", "insert", "replace", "delete", "repeat"]))
        if op == "insert":
            text = text[:at] + draw(hostile_text(4)) + text[at:]
        elif op == "replace":
            end = min(size, at + draw(st.integers(1, 8)))
            text = text[:at] + draw(hostile_text(3)) + text[end:]
        elif op == "delete":
            text = text[:at] + text[min(size, at + draw(st.integers(1, 40))) :]
        else:
            end = min(size, at + draw(st.integers(1, 60)))
            text = text[:end] + text[at:end] * draw(st.integers(1, 30)) + text[end:]
    return text


@st.composite
def statements(draw: st.DrawFn) -> str:
    """Lines made of argmap's words, ids and hostile text, near enough to the language to get
    past its first checks."""
    words = st.one_of(
        st.sampled_from(["claim", "fact", "perspective", "question", "title", "source", "section"]),
        st.sampled_from(["a", "b", "c", "p", "q", "r1", "é", "supports", "rebuts", "undercuts"]),
        st.sampled_from(["contradicts", "accepts", "rejects", "+", ":", ",", "held by", "by", "in"]),
        st.sampled_from(["note", "tags", "answers", "quote", "from", "at", "on", "allow", "yes"]),
        hostile_text(6).map(lambda t: '"' + t + '"'),
        hostile_text(6).map(lambda t: '"""' + t + '"""'),
        _SNIPPET,
    )
    lines = draw(st.lists(st.lists(words, min_size=1, max_size=8).map(" ".join), max_size=10))
    joins = draw(st.lists(st.sampled_from(["\n", "\n  ", "\r\n", "\n\n", "\n# c\n"]), min_size=len(lines)))
    return "".join(line + join for line, join in zip(lines, joins, strict=False))


def argmap_texts() -> st.SearchStrategy[str]:
    return st.one_of(mutated(argmap_seeds()), statements(), hostile_text(60))


# ---- JSON documents ----------------------------------------------------------------------------
_json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    hostile_text(8),
    st.sampled_from(["claim", "support", "rebuttal", "stance", "argmap", "I", "RA", "CA", "L", "YA", "TA"]),
)
_json_values = st.recursive(
    _json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text(4), inner, max_size=4),
    max_leaves=12,
)


def _paths(doc: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON tree (iteratively: the tree may be deep)."""
    found: list[tuple[Any, ...]] = []
    todo: list[tuple[Any, tuple[Any, ...]]] = [(doc, at)]
    while todo:
        node, where = todo.pop()
        found.append(where)
        if isinstance(node, dict):
            todo.extend((v, (*where, k)) for k, v in node.items())
        elif isinstance(node, list):
            todo.extend((v, (*where, i)) for i, v in enumerate(node))
    return found


@st.composite
def json_documents(draw: st.DrawFn, fmt: str) -> str:
    """A document for the JSON or AIF reader: a seed with nodes replaced or removed, a seed's
    text mutated, a deeply nested document, or any JSON value."""
    how = draw(st.sampled_from(["tree", "tree", "text", "deep", "any", "number"]))
    seeds = format_seeds(fmt)
    if how == "text":
        return draw(mutated(seeds))
    if how == "deep":
        depth = draw(st.integers(1, 3000))
        opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
        return opener * depth + closer * depth
    if how == "number":
        return '{"format": "argmap", "version": ' + "9" * draw(st.integers(1, 5000)) + "}"
    if how == "any":
        return json.dumps(draw(_json_values), ensure_ascii=draw(st.booleans()))
    doc = json.loads(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(doc)
        where = draw(st.sampled_from(paths))
        if not where:
            doc = draw(_json_values)
            continue
        parent = doc
        for key in where[:-1]:
            parent = parent[key]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[where[-1]]
        else:
            parent[where[-1]] = draw(_json_values)
    return json.dumps(doc, ensure_ascii=draw(st.booleans()))


@st.composite
def argdown_texts(draw: st.DrawFn) -> str:
    how = draw(st.sampled_from(["seed", "seed", "lines", "any"]))
    if how == "seed":
        return draw(mutated(format_seeds("argdown")))
    if how == "any":
        return draw(hostile_text(60))
    pieces = st.one_of(
        st.sampled_from(["[a]: ", "[b]: ", "<r>: ", "  + ", "  - ", "  +> ", "  -> ", "  <+ ", "  <- "]),
        st.sampled_from(["(1) ", "----", "#a", "#(x y)", "===", "# H", "## H", " *a", "_a_", "**b**"]),
        hostile_text(6),
    )
    lines = draw(st.lists(st.lists(pieces, min_size=1, max_size=5).map("".join), max_size=12))
    return "\n".join(lines) + "\n"


# ---- targets -----------------------------------------------------------------------------------
class Crash(Exception):
    """A target broke its promise: ``kind`` names the target, ``data`` is the input."""

    def __init__(self, kind: str, data: str, why: str) -> None:
        super().__init__(f"{kind}: {why}")
        self.kind, self.data, self.why = kind, data, why


def _after_reading(m: argmap.ArgumentMap, text: str | None) -> None:
    """What any read map must survive: checks, grounded evaluation, every exporter, and (the
    promise of every importer) being written as .argmap text that parses back to it."""
    from argmap.formats import EXPORT_FORMATS

    argmap.check(m)
    argmap.evaluate(m)
    for to in EXPORT_FORMATS:
        with contextlib.suppress(ArgmapError):
            argmap.export(m, to)
    from argmap.formats.writer import unexpressible

    written = argmap.write(m)
    if not unexpressible(m):
        assert argmap.parse(written) == m, "the writer's text does not parse back to the same map"
    if text is not None:
        once = argmap.format_text(text)
        assert argmap.parse(once) == m, "fmt changed the map's meaning"


def check_argmap(text: str) -> None:
    try:
        m = argmap.parse(text)
    except ArgmapError:
        return
    _after_reading(m, text)


def _check_import(fmt: str) -> Callable[[str], None]:
    def check(text: str) -> None:
        try:
            m = argmap.import_(text, fmt)  # type: ignore[arg-type]
        except ArgmapError:
            return
        with contextlib.suppress(ArgmapError):  # refused with a message: allowed
            _after_reading(m, None)

    check.__name__ = f"check_{fmt}"
    return check


def run_cli(args: list[str]) -> tuple[int, str]:
    """``argmap ARGS`` in process, with strict UTF-8 standard streams: (exit status, stderr)."""
    from argmap.cli import main as cli_main

    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    saved = sys.stdin, sys.stdout, sys.stderr
    saved_env = os.environ.get("NO_COLOR")
    os.environ["NO_COLOR"] = "1"
    sys.stdin = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    code = 0
    try:
        cli_main(args)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        if saved_env is None:
            os.environ.pop("NO_COLOR", None)
        else:
            os.environ["NO_COLOR"] = saved_env
    err.flush()
    return code, err.buffer.getvalue().decode("utf-8", "replace")  # type: ignore[attr-defined]


#: The commands the CLI target runs, each with the options it may draw (None: a flag).
_COMMANDS: dict[str, dict[str, list[str] | None]] = {
    "check": {"--format": ["text", "json", "jsonl", "github", "sarif", "x"], "--strict": None, "-q": None},
    "fmt": {"--check": None, "--diff": None},
    "evaluate": {
        "-s": ["grounded", "complete", "preferred", "stable", "nope"],
        "-f": ["text", "json"],
        "--rule": ["structured", "attacks"],
        "-p": ["p", "q", "", "\u202e"],
        "--limit": ["0", "1", "-1", "x"],
        "--time-limit": ["0", "0.5", "-1", "nan"],
    },
    "export": {"--to": ["argmap", "json", "aif", "argdown", "dot", "graphml", "svg"], "-o": ["-"]},
    "render": {
        "-f": ["dot"],
        "-o": ["-"],
        "--labels": ["grounded", "preferred"],
        "--focus": ["a", "zz"],
        "--depth": ["0", "1", "-1"],
        "-p": ["p", "zz"],
        "--question": ["q"],
    },
}


#: The documents `argmap import` is fuzzed with: file suffix -> its strategy.
_IMPORTS = {".json": "json", ".aif.json": "aif", ".argdown": "argdown"}


@st.composite
def cli_runs(draw: st.DrawFn) -> tuple[str, list[str], str]:
    """A file's text, the command to run over it (``{}`` stands for the file), and the file's
    suffix (``argmap import`` reads the other formats, by suffix or by ``--from``)."""
    if draw(st.integers(0, 4)) == 0:
        suffix = draw(st.sampled_from(sorted(_IMPORTS)))
        fmt = _IMPORTS[suffix]
        text = draw(argdown_texts() if fmt == "argdown" else json_documents(fmt))
        guess = draw(st.booleans())
        args = (
            ["import", "-o", "-"]
            + ([] if guess else ["--from", fmt])
            + (["-q"] if draw(st.booleans()) else [])
        )
        return text, [*args, "{}"], suffix
    command = draw(st.sampled_from(sorted(_COMMANDS)))
    options = _COMMANDS[command]
    args = [command]
    for name in draw(st.lists(st.sampled_from(sorted(options)), max_size=3, unique=True)):
        values = options[name]
        args += [name] if values is None else [name, draw(st.sampled_from(values))]
    if command == "render" and "-f" not in args:
        args += ["-f", "dot", "-o", "-"]
    return draw(argmap_texts()), [*args, "{}"], ".argmap"


def check_cli(run: tuple[str, list[str], str]) -> None:
    text, args, suffix = run
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))  # a surrogate: not UTF-8
        code, err = run_cli([str(path) if a == "{}" else a for a in args])
    if code not in (0, 1, 2) or "Traceback" in err or "internal error" in err:
        raise AssertionError(f"argmap {' '.join(args)} -> exit {code}\n{err[-2000:]}")


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


#: name -> (strategy of inputs, the check of one input, the corpus file ending).
TARGETS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], None], str]] = {
    "argmap": (argmap_texts(), check_argmap, ".argmap"),
    "json": (json_documents("json"), _check_import("json"), ".json"),
    "aif": (json_documents("aif"), _check_import("aif"), ".aif.json"),
    "argdown": (argdown_texts(), _check_import("argdown"), ".argdown"),
    "cli": (cli_runs(), check_cli, ".argmap"),
}


def run_target(name: str, examples: int, *, seed: int | None = None) -> None:
    """Run one target on ``examples`` inputs. A broken promise raises :class:`Crash` with the
    minimized input (hypothesis shrinks it first)."""
    strategy, check, _ = TARGETS[name]
    last: list[Any] = []

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=seed is None and examples <= 200,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate, Phase.shrink],
        print_blob=False,
        report_multiple_bugs=False,
    )
    @given(strategy)
    def one(data: Any) -> None:
        try:
            check(data)
        except ArgmapError:
            pass
        except BaseException:
            last[:] = [data]
            raise

    if seed is not None:
        one = __import__("hypothesis").seed(seed)(one)
    try:
        one()
    except Exception as exc:
        data = last[0] if last else None
        shown = data if isinstance(data, str) else json.dumps(data, ensure_ascii=True)
        raise Crash(name, shown, f"{type(exc).__name__}: {exc}") from exc


def _save(crash: Crash, folder: Path) -> Path:
    """The crashing input as a corpus file (named by tests/data/hostile/README.md)."""
    folder.mkdir(parents=True, exist_ok=True)
    suffix = TARGETS[crash.kind][2]
    step = {"argmap": "parse", "cli": "cli"}.get(crash.kind, crash.kind)
    data = crash.data
    if crash.kind == "cli":
        data, _, suffix = json.loads(data)  # the file's text; the command is in the message
    path = folder / f"{step}-fuzz-{_digest(crash.data)}{suffix}"
    path.write_bytes(data.encode("utf-8", "surrogatepass"))
    return path


def _digest(data: str) -> str:
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def main(argv: list[str] | None = None) -> int:
    """The long run: every target (or those named) in turn until the time is up."""
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    parser.add_argument("--target", action="append", choices=sorted(TARGETS), help="only these targets")
    parser.add_argument("--batch", type=int, default=300, help="inputs per target per turn")
    parser.add_argument("--save", default="fuzz-crashers", help="where crashing inputs are saved")
    parser.add_argument("--seed", type=int, default=None, help="the first turn's random seed")
    args = parser.parse_args(argv)
    targets = args.target or sorted(TARGETS)
    stop = time.monotonic() + args.minutes * 60
    rng = random.Random(args.seed)
    runs, crashes = dict.fromkeys(targets, 0), 0
    print(f"fuzzing {', '.join(targets)} for {args.minutes:g} min ({args.batch} inputs per turn)")
    while time.monotonic() < stop:
        for name in targets:
            if time.monotonic() >= stop:
                break
            try:
                run_target(name, args.batch, seed=rng.randrange(2**32))
            except Crash as crash:
                crashes += 1
                where = _save(crash, Path(args.save))
                print(f"CRASH {name}: {crash.why.splitlines()[0][:200]}\n  input: {crash.data[:300]!r}")
                print(f"  saved: {where}")
            runs[name] += args.batch
    total = ", ".join(f"{n}: {c}" for n, c in runs.items())
    print(f"done: {total} inputs; {crashes} crash(es)")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
