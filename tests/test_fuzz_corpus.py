"""The corpus of past crashers (tests/data/hostile/), replayed on every run.

Each file is an input that once crashed argmap, hung it or changed a map silently (issue 21 and
after). Its name says which reader reads it (the suffix) and which step is replayed after
reading (the first word); tests/data/hostile/README.md is the convention. Every step must end
with a result or an :class:`argmap.ArgmapError`; in the CLI, with exit status 0, 1 or 2 and no
traceback.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from conftest import DATA, run_cli

import argmap
from argmap.formats import EXPORT_FORMATS, ImportFormat, export, import_with_notes
from argmap.syntax.parser import decode

HOSTILE = DATA / "hostile"
#: File name ending -> the reader (the longest ending wins, as in argmap.formats.guess_format).
READERS: dict[str, ImportFormat] = {
    ".argmap": "argmap",
    ".aif.json": "aif",
    ".json": "json",
    ".argdown": "argdown",
}
#: The first word of a name -> what is replayed after reading.
STEPS = ("parse", "json", "aif", "argdown", "check", "fmt", "export", "roundtrip", "cli")
#: Files whose bug is known and fixed on another branch not merged yet (name -> why): each runs
#: and may fail. Empty this once those branches are in.
KNOWN: dict[str, str] = {}

CASES = sorted(p for p in HOSTILE.iterdir() if p.is_file() and p.name != "README.md")


def reader_of(path: Path) -> ImportFormat | None:
    name = path.name.lower()
    endings = [e for e in READERS if name.endswith(e)]
    return READERS[max(endings, key=len)] if endings else None


def step_of(path: Path) -> str:
    return path.name.split("-", 1)[0]


def test_the_corpus_is_there_and_every_name_follows_the_convention() -> None:
    """A file whose name the replay does not understand would be skipped silently."""
    assert len(CASES) >= 3
    for path in CASES:
        assert reader_of(path) is not None, f"{path.name}: the suffix names no reader"
        assert step_of(path) in STEPS, f"{path.name}: the first word names no step ({', '.join(STEPS)})"
        assert path.stat().st_size <= 256 * 1024, f"{path.name}: keep corpus files under 256 KB"
        assert "-" in path.name and path.name == path.name.lower(), f"{path.name}: <step>-<what>.<suffix>"
    for name in KNOWN:
        assert (HOSTILE / name).is_file(), f"KNOWN lists {name}, which is not in the corpus"


def _cases() -> list[object]:
    return [
        pytest.param(p, id=p.name, marks=[pytest.mark.xfail(strict=False, reason=KNOWN[p.name])])
        if p.name in KNOWN
        else pytest.param(p, id=p.name)
        for p in CASES
    ]


@pytest.mark.parametrize("path", _cases())
def test_replay(path: Path) -> None:
    fmt = reader_of(path)
    assert fmt is not None
    step = step_of(path)
    if step == "cli":
        _replay_cli(path, fmt)
        return
    try:
        text = decode(path.read_bytes(), path.name)
        m, _ = import_with_notes(text, fmt, path=path.name)
    except argmap.ArgmapError:
        return  # refused cleanly
    if step == "check":
        argmap.check(m)
    elif step == "fmt":
        _replay_fmt(text, fmt, m)
    elif step == "export":
        for to in EXPORT_FORMATS:
            with contextlib.suppress(argmap.ArgmapError):
                export(m, to)
    elif step == "roundtrip":
        _replay_round_trips(m)
    elif step in ("json", "aif", "argdown") and fmt == "argmap":
        _replay_round_trips(m, (step,))  # a map in .argmap text: its trip through that format


def _replay_fmt(text: str, fmt: ImportFormat, m: argmap.ArgumentMap) -> None:
    assert fmt == "argmap", "fmt- files are .argmap text"
    try:
        once = argmap.format_text(text)
    except argmap.ArgmapError:
        return
    assert argmap.parse(once) == m, "fmt changed the map's meaning"
    assert argmap.format_text(once) == once, "fmt is not idempotent"


def _replay_round_trips(
    m: argmap.ArgumentMap, formats: tuple[ImportFormat, ...] = ("argmap", "json", "aif", "argdown")
) -> None:
    """Export and import back keeps the map, or someone says what was lost."""
    from argmap.formats.argdown import export_notes
    from argmap.formats.writer import unexpressible

    told = {"argmap": unexpressible(m), "argdown": export_notes(m)}
    for to in formats:
        try:
            written = export(m, to)
        except argmap.ArgmapError:
            continue  # refused to write, with a message: allowed
        back, notes = import_with_notes(written, to)
        assert back == m or notes or told.get(to), f"{to} round trip changed the map silently"


#: The commands replayed over a cli- file (``{}`` is the file), by the file's reader.
CLI_RUNS: dict[str, list[list[str]]] = {
    "argmap": [
        ["check", "{}"],
        ["check", "--format", "json", "{}"],
        ["fmt", "--check", "{}"],
        ["evaluate", "{}"],
        *(["export", "--to", to, "{}"] for to in EXPORT_FORMATS),
        ["render", "-f", "dot", "-o", "-", "{}"],
    ],
}


def _replay_cli(path: Path, fmt: ImportFormat) -> None:
    runs = CLI_RUNS.get(fmt, [["import", "--from", fmt, "{}"]])
    for args in runs:
        r = run_cli(*(str(path) if a == "{}" else a for a in args))
        shown = " ".join(args)
        assert r.code in (0, 1, 2), f"argmap {shown}: exit {r.code}\n{r.err}"
        assert "Traceback" not in r.err and "internal error" not in r.err, f"argmap {shown}:\n{r.err}"
