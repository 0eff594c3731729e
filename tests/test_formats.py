"""argmap.formats: the registry of formats and the front door it drives (export, import_, guessing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest

from argmap.errors import UnknownChoiceError
from argmap.formats import (
    EXPORT_FORMATS,
    FORMATS,
    IMPORT_FORMATS,
    ExportFormat,
    ImportFormat,
    as_export_format,
    as_import_format,
    export,
    guess_format,
    import_,
    import_with_notes,
)
from argmap.syntax.parser import parse

ROOT = Path(__file__).resolve().parent.parent
AIF = ROOT / "tests" / "data" / "interchange" / "moralmaze-6064.json"
MAP = parse('title "Lunch"\nclaim soup "Soup is warm."\nclaim eat "Eat."\nsoup supports eat\n')


def test_the_registry_and_the_literal_types_agree() -> None:
    assert tuple(FORMATS) == EXPORT_FORMATS == get_args(ExportFormat)
    assert tuple(name for name, f in FORMATS.items() if f.read is not None) == IMPORT_FORMATS
    assert get_args(ImportFormat) == IMPORT_FORMATS
    for name, f in FORMATS.items():
        assert f.name == name and f.title and f.suffixes
        assert all(s.startswith(".") and s == s.lower() for s in f.suffixes)
        assert (f.refines is None) == (f.sniff is None)


def test_no_two_formats_claim_one_suffix() -> None:
    suffixes = [s for f in FORMATS.values() for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes))


@pytest.mark.parametrize("fmt", IMPORT_FORMATS)
def test_every_import_format_reads_what_its_export_writes(fmt: ImportFormat) -> None:
    text = export(MAP, to=fmt)
    assert import_(text, from_=fmt) == MAP
    assert import_with_notes(text, fmt) == (MAP, [])


def test_each_export_goes_through_its_module() -> None:
    from argmap.drawing.render import to_dot
    from argmap.formats import aif, argdown, graphml, jsonio, writer

    assert export(MAP, to="argmap") == writer.write(MAP)
    assert export(MAP) == export(MAP, to="json") == jsonio.dumps(MAP)
    assert export(MAP, to="aif") == aif.dumps(MAP)
    assert export(MAP, to="argdown") == argdown.dumps(MAP)
    assert export(MAP, to="graphml") == graphml.dumps(MAP)
    dot = export(MAP, to="dot")
    assert dot.rstrip("\n") == to_dot(MAP).rstrip("\n") and dot.endswith("\n")


def test_import_with_notes_says_what_aif_loses() -> None:
    m, notes = import_with_notes(AIF.read_text(encoding="utf-8"), "aif", path=str(AIF))
    assert len(m.claims) == 9 and m.path == str(AIF)
    assert any("TA node" in n for n in notes)


def test_unknown_format_names_are_unknown_choices() -> None:
    with pytest.raises(UnknownChoiceError, match="unknown export format 'jsn'") as info:
        export(MAP, to="jsn")  # type: ignore[arg-type]
    assert info.value.hint is not None and "json" in info.value.hint
    assert info.value.choices == EXPORT_FORMATS
    with pytest.raises(UnknownChoiceError, match="unknown import format 'dot'; choose one of: argmap, json"):
        import_("digraph {}", from_="dot")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="graphm"):  # still a ValueError, as before
        as_export_format("graphm")
    assert as_export_format("graphml") == "graphml"
    assert as_import_format("argdown") == "argdown"
    with pytest.raises(UnknownChoiceError):
        as_import_format("graphml")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("map.argmap", "argmap"),
        ("dir/MAP.ARGMAP", "argmap"),
        ("m.json", "json"),
        ("m.aif", "aif"),
        ("m.aif.json", "aif"),
        ("m.AIF.JSON", "aif"),
        ("m.argdown", "argdown"),
        ("m.ad", "argdown"),
        ("m.dot", "dot"),
        ("m.gv", "dot"),
        ("m.graphml", "graphml"),
        ("m.txt", None),
        ("m", None),
        ("json", None),
    ],
)
def test_guess_format_from_the_name(path: str, expected: str | None) -> None:
    assert guess_format(path) == expected


def test_guess_format_tells_aif_in_a_json_file_by_its_content() -> None:
    aif_text = AIF.read_text(encoding="utf-8")
    argmap_json = export(MAP, to="json")
    assert guess_format("x.json", aif_text) == "aif"
    assert guess_format("x.json", json.dumps({"AIF": {}})) == "aif"
    assert guess_format("x.json", argmap_json) == "json"
    assert guess_format("x.json", json.dumps({"format": "argmap", "nodes": []})) == "json"
    assert guess_format("x.json", "not json {") == "json"
    assert guess_format("x.json", "[" * 100_000) == "json"
    assert guess_format("x.aif", argmap_json) == "aif"  # the name says AIF: content does not overrule
    assert guess_format("x.argmap", aif_text) == "argmap"


def test_the_registry_is_light() -> None:
    heavy = ("argmap.model", "attrs", "lark", "graphviz", "argmap.formats.jsonio", "jsonschema_rs")
    code = f"import sys, argmap.formats; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
