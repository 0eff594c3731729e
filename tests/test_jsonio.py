"""argmap.formats.jsonio: the versioned, schema'd JSON format, lossless."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from interchange_strategies import maps

from argmap.formats.jsonio import VERSION, InterchangeError, dumps, loads, to_dict
from argmap.model import ArgumentMap
from argmap.syntax.parser import parse

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "schema" / "argmap.schema.json").read_text(encoding="utf-8"))


def _validate(doc: object) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a test dependency")
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)


def test_schema_is_a_valid_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a test dependency")
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["version"]["const"] == VERSION


@settings(max_examples=200, suppress_health_check=list(HealthCheck), deadline=None)
@given(maps())
def test_round_trip_and_schema(m: ArgumentMap) -> None:
    text = dumps(m)
    assert loads(text) == m
    _validate(json.loads(text))


@pytest.mark.parametrize("path", sorted((ROOT / "maps").glob("*.argmap")), ids=lambda p: p.name)
def test_maps_round_trip_with_spans(path: Path) -> None:
    m = parse(path.read_text(encoding="utf-8"), str(path))
    doc = to_dict(m, spans=True)
    _validate(doc)
    back = loads(json.dumps(doc))
    assert back == m
    assert [e.span for e in back.elements] == [e.span for e in m.elements]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "JSON object"),
        ("{", "not JSON"),
        ('{"format": "argmap", "version": 99, "elements": []}', "version 99"),
        ('{"format": "argmap", "version": 1}', "elements"),
        (
            '{"format": "argmap", "version": 1, "elements": [{"type": "claim", "id": "a"}]}',
            "elements[0].text",
        ),
        (
            '{"format": "argmap", "version": 1, "elements": [{"type": "claim", "id": "-x", "text": ""}]}',
            "not a valid id",
        ),
        ('{"format": "argmap", "version": 1, "elements": [{"type": "wish"}]}', "not one of"),
        (
            '{"format": "argmap", "version": 1, "elements": '
            '[{"type": "claim", "id": "a", "text": "", "kind": "x"}]}',
            "claim kind",
        ),
        ('{"nodes": [], "edges": []}', "version"),
    ],
)
def test_bad_documents_say_where(text: str, message: str) -> None:
    with pytest.raises(InterchangeError, match=message.replace("[", r"\[").replace("]", r"\]")):
        loads(text)


def test_missing_optional_fields_take_defaults() -> None:
    doc = {
        "format": "argmap",
        "version": 1,
        "elements": [{"type": "stance", "perspective": "p", "claim": "c"}],
    }
    m = loads(json.dumps(doc))
    assert m.stances[0].accepts and not m.stances[0].inline
