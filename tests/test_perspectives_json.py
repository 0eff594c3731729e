"""The JSON of `argmap perspectives` is written by :mod:`argmap.util.jsontext` and
:meth:`AgreementReport.to_json`, faster than json's indented encoder and byte for byte the same:
compared with ``json.dumps(..., indent=2, ensure_ascii=False)`` on any JSON tree and on the
reports of random and generated maps, and through the CLI."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.semantics.agreement import AgreementReport, Cells
from argmap.syntax.parser import parse
from argmap.util import jsontext
from bench.genmap import generate
from tests.conftest import Result
from tests.test_perspectives_parts import small_maps

ROOT = Path(__file__).resolve().parent.parent
Cli = Callable[..., Result]

_text = st.text(st.characters(codec="utf-8"), max_size=6) | st.sampled_from(["", "a", "é", "\u2028", '"\\'])
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.sampled_from([math.inf, -math.inf, math.nan, 0.1, -0.0, 1e300]),
    _text,
)
_keys = st.one_of(_text, st.integers(-5, 5), st.floats(), st.booleans(), st.none())
_trees = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.lists(_text, max_size=4)
        | st.dictionaries(_keys, inner, max_size=4)
        | st.dictionaries(_text, _text, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None)
@given(_trees, st.integers(0, 4))
def test_the_writer_writes_what_json_writes(tree: object, indent: int) -> None:
    assert jsontext.dumps(tree, indent) == json.dumps(tree, indent=indent, ensure_ascii=False)


def test_the_writer_refuses_what_json_refuses() -> None:
    for bad in ({1, 2}, object(), {(1, 2): 3}):
        with pytest.raises(TypeError):
            json.dumps(bad, indent=2)
        with pytest.raises(TypeError):
            jsontext.dumps(bad)


def test_raw_pieces_go_in_as_written() -> None:
    assert jsontext.dumps({"a": jsontext.Raw("[1]"), "b": [jsontext.Raw("x")]}) == (
        '{\n  "a": [1],\n  "b": [\n    x\n  ]\n}'
    )
    assert jsontext.dumps([math.inf, -math.inf, math.nan]) == "[\n  Infinity,\n  -Infinity,\n  NaN\n]"


def _same_json(report: AgreementReport) -> None:
    assert report.to_json() == json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


@settings(max_examples=150, deadline=None)
@given(small_maps(), st.sampled_from(["grounded", "preferred"]))
def test_a_random_map_s_report_is_the_same_json(text: str, semantics: str) -> None:
    _same_json(argmap.perspectives(parse(text), semantics))  # type: ignore[arg-type]


@pytest.mark.parametrize("path", sorted((ROOT / "maps").glob("*.argmap")), ids=lambda p: p.stem)
def test_each_example_map_s_report_is_the_same_json(path: Path) -> None:
    _same_json(argmap.perspectives(argmap.load(path)))


def test_a_generated_map_s_report_is_the_same_json() -> None:
    _same_json(argmap.perspectives(parse(generate(2000, 3).argmap_text)))


def test_odd_reports_are_the_same_json() -> None:
    """Repeated perspectives, a plain dict of cells, no perspectives, labels missing, a
    non-ASCII claim: the JSON stays json's."""
    m = parse('perspective p "P"\nperspective q "Q"\nclaim é "e"\nclaim b "b"\np accepts é\nq rejects b\n')
    base = argmap.perspectives(m)
    cells = Cells({("é", "p"): "accept", ("b", "q"): "reject"})
    for report in (
        base,
        AgreementReport(
            semantics="grounded",
            claims=("é", "b"),
            perspectives=("p", "q", "p"),
            cells=cells,
            labels={"é": "in"},
            agreement={},
            shared={},
            views={},
            cruxes=(),
        ),
        AgreementReport(
            semantics="grounded",
            claims=("é", "b"),
            perspectives=(),
            cells=Cells(),
            labels={},
            agreement={},
            shared={},
            views={},
            cruxes=(),
        ),
        AgreementReport(
            semantics="grounded",
            claims=("é",),
            perspectives=("p",),
            cells={("é", "p"): "accept"},
            labels={"é": "out"},
            agreement={},
            shared={},
            views={},
            cruxes=(),
        ),
    ):
        _same_json(report)
    assert base.row("é") == ("accept", "silent")
    assert base.row("b") == ("silent", "reject")
    assert base.row("nothing") == ("silent", "silent")


@pytest.mark.parametrize("semantics", ["grounded", "preferred"])
def test_the_command_writes_json_s_own_text(cli: Cli, tmp_path: Path, semantics: str) -> None:
    path = tmp_path / "gen.argmap"
    path.write_text(generate(1500, 5).argmap_text, encoding="utf-8")
    for source in (path, *sorted((ROOT / "maps").glob("*.argmap"))):
        report = argmap.perspectives(argmap.load(source), semantics)  # type: ignore[arg-type]
        out = cli("perspectives", str(source), "-f", "json", "-s", semantics).out
        assert out == json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
