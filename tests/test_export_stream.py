"""Exports written in pieces (issue 20 item 4): ``argmap.formats.export_chunks`` and the CLI's
streamed ``argmap export``.

The pieces joined are the text :func:`argmap.formats.export` gives, for every format, on the
repository's maps and on generated ones; the CLI writes the same bytes to a file and to standard
output; a lone surrogate is refused before anything is written; a writer that fails half-way
leaves the old output file as it was and no temporary file; a long drawing's packed statements
(argmap.drawing.body) give the same DOT text, its edits by index included.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from interchange_strategies import maps

import argmap
from argmap.builder import MapBuilder
from argmap.errors import InterchangeError
from argmap.formats import EXPORT_FORMATS, ExportFormat, export, export_chunks
from argmap.model import ArgumentMap, Claim, Perspective, Quote

ROOT = Path(__file__).resolve().parent.parent
SMALL_WITH_STANCE = 'claim a "A."\n  held by ann\nclaim b "B."\na supports b\n'
MAPS = sorted((ROOT / "maps").glob("*.argmap"))


def _joined(m: ArgumentMap, fmt: ExportFormat) -> str:
    pieces = list(export_chunks(m, fmt))
    assert all(isinstance(p, str) for p in pieces)
    return "".join(pieces)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_the_pieces_are_the_whole_text(path: Path, fmt: ExportFormat) -> None:
    m = argmap.load(path)
    assert _joined(m, fmt) == export(m, fmt)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(maps())
def test_the_pieces_are_the_whole_text_of_any_map(m: ArgumentMap) -> None:
    for fmt in EXPORT_FORMATS:
        try:
            whole = export(m, fmt)
        except argmap.ArgmapError as exc:  # refused whole: refused in pieces too
            with pytest.raises(type(exc)):
                _joined(m, fmt)
            continue
        assert _joined(m, fmt) == whole, fmt


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_an_empty_map_in_pieces(fmt: ExportFormat) -> None:
    m = ArgumentMap(())
    assert _joined(m, fmt) == export(m, fmt)


def test_the_notes_come_from_the_same_writing() -> None:
    from argmap.formats import aif, argdown

    m = argmap.parse(SMALL_WITH_STANCE + "a undercuts nosuch\n")
    for fmt, module in (("argdown", argdown), ("aif", aif)):
        notes: list[str] = []
        text = "".join(export_chunks(m, fmt, notes=notes))  # type: ignore[arg-type]
        assert text == export(m, fmt)  # type: ignore[arg-type]
        assert notes == module.export_notes(m)
        assert notes


# ---- lone surrogates -------------------------------------------------------------------------------
_LONE = [
    Claim("a", "text \ud800"),
    Claim("a", "A", note="\udfff"),
    Claim("a", "A", tags=("t\udc00",)),
    Claim("a", "A", quotes=(Quote("said \udbff"),)),
    Perspective("p", "P \ud800"),
]


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@pytest.mark.parametrize("element", _LONE, ids=lambda e: type(e).__name__)
def test_a_lone_surrogate_is_refused_before_the_first_piece(element: object, fmt: ExportFormat) -> None:
    m = ArgumentMap((element,))  # type: ignore[arg-type]
    with pytest.raises(InterchangeError, match="lone surrogate U\\+D"):
        export_chunks(m, fmt)  # the call itself, not the first piece


def test_a_parsed_map_is_not_searched_again_but_a_changed_one_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser refuses lone surrogates, so a parsed map's texts are not walked again (a
    second of a big export); a map evolved from it, or built in Python, is."""
    import attrs

    from argmap.formats import surrogates

    walked: list[int] = []
    real = surrogates.refuse_surrogates

    def counting(m: ArgumentMap, fmt: str) -> None:
        walked.append(len(m.elements))
        real(m, fmt)

    monkeypatch.setattr(surrogates, "refuse_surrogates", counting)
    parsed = argmap.parse(SMALL_WITH_STANCE)
    assert "".join(export_chunks(parsed, "argdown")) == export(parsed, "argdown")
    assert walked == []
    changed = attrs.evolve(parsed, elements=(*parsed.elements, Claim("c", "C \udc00")))
    with pytest.raises(InterchangeError, match="lone surrogate U\\+DC00"):
        export_chunks(changed, "argdown")
    assert walked == [len(parsed.elements) + 1]


@pytest.mark.parametrize("fmt", ["graphml", "dot", "argdown", "aif", "json --indent", "aif --indent"])
@pytest.mark.parametrize("to_file", [True, False])
def test_the_cli_refuses_a_lone_surrogate_and_writes_nothing(
    fmt: str, to_file: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No file holds a lone surrogate (the reader refuses one), but a map made in Python can:
    the command is given one here."""
    import argmap.cli.common

    source = tmp_path / "lunch.argmap"
    source.write_text('claim a "A."\n', encoding="utf-8")
    monkeypatch.setattr(argmap.cli.common, "read_map", lambda _path: ArgumentMap((Claim("a", "A \ud800"),)))
    name, *options = fmt.split()
    target = tmp_path / f"out.{name}"
    target.write_text("old\n", encoding="utf-8")
    result = run_cli("export", str(source), "--to", name, *options, *(["-o", str(target)] if to_file else []))
    assert result.code == 1
    assert "lone surrogate U+D800" in result.err
    assert "Traceback" not in result.err
    assert result.out == ""
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lunch.argmap", f"out.{name}"]


# ---- the CLI writes the pieces ------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "aif", "argdown", "dot", "graphml", "argmap"])
def test_the_cli_writes_the_same_text_to_a_file_and_to_stdout(fmt: ExportFormat, tmp_path: Path) -> None:
    path = ROOT / "maps" / "convention-1787.argmap"
    expected = export(argmap.load(path), fmt).encode("utf-8")
    target = tmp_path / "out"
    assert run_cli("export", str(path), "--to", fmt, "-o", str(target)).code == 0
    assert target.read_bytes() == expected
    result = run_cli("export", str(path), "--to", fmt)
    assert result.code == 0, result.err
    assert result.out_bytes == expected


@pytest.mark.parametrize("fmt", ["aif", "argdown"])
def test_the_cli_still_says_what_the_format_cannot(fmt: str, tmp_path: Path) -> None:
    from argmap.formats import aif, argdown

    path = tmp_path / "lunch.argmap"  # (an undercut of no relation: AIF has no target for it)
    path.write_text(SMALL_WITH_STANCE + "a undercuts nosuch\n", encoding="utf-8")
    notes = (argdown if fmt == "argdown" else aif).export_notes(argmap.load(path))
    assert notes
    result = run_cli("export", str(path), "--to", fmt, "-o", str(tmp_path / "out"))
    assert result.code == 0
    assert [line.removeprefix("argmap: note: ") for line in result.err.splitlines()] == notes


def test_a_writer_failing_half_way_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pieces already written go to a temporary file, removed when the writer fails: the
    output file keeps its old text, and the error is a message (exit 1), not a traceback."""
    from argmap.formats import graphml

    monkeypatch.setattr(graphml, "_PER_CHUNK", 1)  # a piece per node: some are written first
    written: list[str] = []
    real = graphml._node

    def node(node_id: str, items: object) -> str:
        written.append(node_id)
        if len(written) > 3:
            raise InterchangeError("the writer broke")
        return real(node_id, items)  # type: ignore[arg-type]

    monkeypatch.setattr(graphml, "_node", node)
    target = tmp_path / "out.graphml"
    target.write_text("old\n", encoding="utf-8")
    path = ROOT / "maps" / "tweety.argmap"
    result = run_cli("export", str(path), "-o", str(target))
    assert result.code == 1
    assert "cannot export to graphml: the writer broke" in result.err
    assert "Traceback" not in result.err
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.graphml"]


def test_export_never_overwrites_its_input(tmp_path: Path) -> None:
    path = tmp_path / "lunch.argmap"
    path.write_text('claim a "A."\n', encoding="utf-8")
    result = run_cli("export", str(path), "--to", "argmap", "-o", str(path))
    assert result.code == 2
    assert "refusing to overwrite the input file" in result.err
    assert path.read_text(encoding="utf-8") == 'claim a "A."\n'


# ---- a long drawing's statements, packed ---------------------------------------------------------------
def _fan(n: int) -> ArgumentMap:
    """``n`` claims supporting one: a wide rank, which the drawing staggers (its edges get
    ``minlen`` by their index in the statements)."""
    b = MapBuilder("Fan").claim("top", "The top.")
    for i in range(n):
        b = b.claim(f"c{i}", f"Claim number {i}, a reason.").support([f"c{i}"], "top", name=f"s{i}")
    return b.build()


@pytest.mark.parametrize("m", [_fan(40), argmap.load(ROOT / "maps" / "turkey-kosovo.argmap")])
def test_packed_statements_give_the_same_dot(m: ArgumentMap, monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.drawing import body

    plain = argmap.to_dot(m)
    chunks = "".join(export_chunks(m, "dot"))
    monkeypatch.setattr(body, "BLOCK", 4)
    monkeypatch.setattr(body, "PACK_FROM", 8)
    assert argmap.to_dot(m) == plain
    assert "".join(export_chunks(m, "dot")) == chunks
    assert chunks == (plain if plain.endswith("\n") else plain + "\n")


def test_the_fan_is_staggered() -> None:
    """(The map above does reach the edits by index.)"""
    assert "minlen=" in argmap.to_dot(_fan(40))


def _draw_in_child(expected: str) -> None:
    import os

    os._exit(0 if argmap.to_dot(_fan(40)) == expected else 1)


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork here")
def test_a_forked_child_packs_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """The thread that compresses blocks is the parent's: a forked child (argmap check forks
    one on big maps) makes its own."""
    import multiprocessing

    from argmap.drawing import body

    monkeypatch.setattr(body, "BLOCK", 4)
    monkeypatch.setattr(body, "PACK_FROM", 8)
    expected = argmap.to_dot(_fan(40))  # the parent's thread exists now
    child = multiprocessing.get_context("fork").Process(target=_draw_in_child, args=(expected,))
    child.start()
    child.join(60)
    if child.is_alive():
        child.kill()
        pytest.fail("the child hung")
    assert child.exitcode == 0


# ---- indented argmap JSON, streamed -----------------------------------------------------------------
def _indented_reference(m: ArgumentMap, spans: bool = False) -> str:
    """What ``--indent`` wrote before it was streamed: json.dumps of the whole document."""
    import json

    from argmap.formats.jsonio import to_dict

    return json.dumps(to_dict(m, spans=spans), ensure_ascii=False, indent=2) + "\n"


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(maps(), st.booleans())
def test_indented_json_in_pieces_is_json_dumps_exactly(m: ArgumentMap, spans: bool) -> None:
    from argmap.formats.jsonio import dumps, indented_chunks

    text = "".join(indented_chunks(m, spans=spans))
    assert text == _indented_reference(m, spans) == dumps(m, spans=spans, indent=2)


def test_indented_json_of_a_map_without_elements_and_of_many_pieces() -> None:
    from argmap.formats.jsonio import _PIECE, indented_chunks

    empty = ArgumentMap(())
    assert "".join(indented_chunks(empty)) == _indented_reference(empty)
    big = argmap.parse("".join(f'claim c{i} "C {i}."\n' for i in range(2 * _PIECE + 3)))
    pieces = list(indented_chunks(big))
    assert len(pieces) == 4  # three pieces of elements, then the document's end
    assert "".join(pieces) == _indented_reference(big)


def test_indented_json_refuses_a_lone_surrogate_before_the_first_piece() -> None:
    from argmap.formats.jsonio import indented_chunks

    with pytest.raises(InterchangeError, match="lone surrogate U\\+D800"):
        indented_chunks(ArgumentMap((Claim("a", "A \ud800"),)))  # the call itself


def test_the_cli_writes_indented_json_in_pieces(tmp_path: Path) -> None:
    source = ROOT / "maps" / "convention-1787.argmap"
    target = tmp_path / "out.json"
    assert run_cli("export", str(source), "--to", "json", "--indent", "-o", str(target)).code == 0
    expected = _indented_reference(argmap.load(source))
    assert target.read_text(encoding="utf-8") == expected
    assert run_cli("export", str(source), "--to", "json", "--indent").out == expected
