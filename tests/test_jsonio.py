"""argmap.formats.jsonio: the versioned JSON format, lossless, read with its packaged schema."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema_rs
import pytest
from hypothesis import HealthCheck, given, settings
from interchange_strategies import maps

from argmap.formats.jsonio import (
    SCHEMA_ID,
    VERSION,
    InterchangeError,
    dumps,
    from_dict,
    loads,
    schema,
    to_dict,
)
from argmap.model import ID_PATTERN, ArgumentMap
from argmap.syntax.parser import parse

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "interchange"
SCHEMA = schema()
VALIDATOR = jsonschema_rs.Draft202012Validator(SCHEMA)


def _validate(doc: object) -> None:
    VALIDATOR.validate(doc)


def test_schema_is_a_valid_schema() -> None:
    jsonschema_rs.meta.validate(SCHEMA)
    assert SCHEMA["properties"]["version"]["const"] == VERSION
    assert SCHEMA["$id"] == SCHEMA_ID


def test_the_schema_ships_in_the_package_and_the_docs_point_at_it() -> None:
    packaged = ROOT / "argmap" / "formats" / "schema" / "argmap.schema.json"
    assert json.loads(packaged.read_text(encoding="utf-8")) == SCHEMA
    assert not (ROOT / "docs" / "schema").exists()
    doc = (ROOT / "docs" / "interchange.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]*\.schema\.json)\)", doc)
    assert links
    assert all((ROOT / "docs" / link).resolve() == packaged for link in links)


def test_exports_name_the_schema_by_its_urn() -> None:
    assert SCHEMA_ID.startswith("urn:")
    assert to_dict(parse('claim a "A."\n'))["$schema"] == SCHEMA_ID


def test_an_export_with_the_old_schema_id_still_loads() -> None:
    text = (DATA / "tweety-old-schema-id.json").read_text(encoding="utf-8")
    assert json.loads(text)["$schema"] != SCHEMA_ID
    assert loads(text) == parse((ROOT / "maps" / "tweety.argmap").read_text(encoding="utf-8"))


def test_the_schema_takes_every_id_the_model_takes() -> None:
    """The schema's id pattern (Unicode classes, as JSON Schema's regexes have no Unicode \\w) lets
    through every character the model's ``\\w`` does, so every export loads; ASCII agrees exactly."""
    word = re.compile(ID_PATTERN)
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    ids = jsonschema_rs.Draft202012Validator({"type": "array", "items": SCHEMA["$defs"]["id"]})
    assert ids.is_valid([c for c in chars if word.fullmatch(c)])
    assert ids.is_valid([f"a{c}" for c in chars if word.fullmatch(f"a{c}")])
    id_ = jsonschema_rs.Draft202012Validator(SCHEMA["$defs"]["id"])
    for c in map(chr, range(128)):
        for text in (c, f"a{c}"):
            assert id_.is_valid(text) == bool(word.fullmatch(text)), text


def test_reading_json_loads_the_validator_only_then() -> None:
    code = (
        "import sys, argmap.formats, argmap.formats.jsonio as j;"
        "before = 'jsonschema_rs' in sys.modules;"
        'j.loads(\'{"version": 1, "elements": []}\');'
        "print(before, 'jsonschema_rs' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


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


def _doc(*elements: object, **top: object) -> str:
    return json.dumps({"format": "argmap", "version": 1, **top, "elements": list(elements)})


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
        # The whole message: the JSON path and what was expected there.
        ("[]", "$: must be a JSON object, not a list"),
        ('{"nodes": [], "edges": []}', "$: this looks like AIF JSON (it has 'nodes'), not argmap JSON"),
        ('{"elements": []}', "$.version: is missing"),
        ('{"format": "aif", "version": 1, "elements": []}', "$.format: 'aif' is not 'argmap' (is this AIF"),
        ('{"version": "1", "elements": []}', '$.version: must be 2, not "1"'),
        ('{"version": 1, "elements": {}}', "$.elements: must be a list, not an object"),
        ('{"version": 1, "title": 5, "elements": []}', "$.title: must be a string or null, not a number"),
        (_doc(3), "$.elements[0]: must be a JSON object, not a number"),
        (_doc({}), "$.elements[0].type: is missing"),
        (_doc({"type": "claim", "id": "a"}), "$.elements[0].text: is missing"),
        (
            _doc({"type": "claim", "id": "-x", "text": ""}),
            "$.elements[0].id: '-x' is not a valid id (letters, digits, _ and - in any script, not starting",
        ),
        (_doc({"type": "wish"}), "$.elements[0].type: 'wish' is not one of title, source, perspective"),
        (
            _doc({"type": "claim", "id": "a", "text": "", "kind": "x"}),
            "$.elements[0].kind: 'x' is not a claim kind (null, claim, fact, interpretation",
        ),
        (
            _doc({"type": "claim", "id": "a", "text": "", "tags": [1]}),
            "$.elements[0].tags[0]: must be a string",
        ),
        (
            _doc({"type": "claim", "id": "a", "text": "", "quotes": [{"text": "q", "speaker": 5}]}),
            "$.elements[0].quotes[0].speaker: must be a string or null, not a number",
        ),
        (
            _doc({"type": "support", "premises": [], "conclusion": "c"}),
            "$.elements[0].premises: must hold at least 1 item, not 0",
        ),
        (
            _doc({"type": "stance", "perspective": "p", "claim": "c", "accepts": "yes"}),
            "$.elements[0].accepts: must be true or false, not a string",
        ),
        (
            _doc({"type": "claim", "id": "a", "text": "", "span": {"line": 1, "column": 1, "end_line": 1}}),
            "$.elements[0].span.end_column: is missing",
        ),
        (
            '{"version": 1, "elements": [{"type": "claim", "id": "a", "text": "", '
            '"span": {"line": NaN, "column": 1, "end_line": 1, "end_column": 2}}]}',
            "$.elements[0].span.line: must be an integer, not a number",
        ),
        # The first wrong element in document order is the one named.
        (_doc({"type": "claim", "id": "a", "text": ""}, {"type": "claim"}, {"type": 5}), "$.elements[1].id"),
        # What the model refuses beyond the schema still names the element.
        (
            _doc({"type": "claim", "id": "a\u0301", "text": ""}),
            "$.elements[0].id: 'a\u0301' is not a valid id",
        ),
        ('{"version": 1, "elements": ' + "[" * 400 + "]" * 400 + "}", "nested too deeply"),
        ('{"version": 1, "elements": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ],
)
def test_bad_documents_say_where(text: str, message: str) -> None:
    with pytest.raises(InterchangeError, match=re.escape(message)):
        loads(text)


def test_missing_optional_fields_take_defaults() -> None:
    doc = {
        "format": "argmap",
        "version": 1,
        "elements": [{"type": "stance", "perspective": "p", "claim": "c"}],
    }
    m = loads(json.dumps(doc))
    assert m.stances[0].accepts and not m.stances[0].inline


def test_what_readers_always_took_they_still_take() -> None:
    """Leniencies of the reader before the schema became its validator, now written in the schema:
    no ``format``, null for a list, ``"claim"`` as the kind of a plain claim, 3.0 for a line."""
    text = json.dumps(
        {
            "version": 1,
            "elements": [
                {
                    "type": "claim",
                    "id": "a",
                    "text": "A.",
                    "kind": "claim",
                    "tags": None,
                    "answers": None,
                    "span": {"line": 3.0, "column": 1, "end_line": 3, "end_column": 2},
                },
                {"type": "support", "premises": ["a"], "conclusion": "a", "by": None, "extra": [1]},
            ],
        }
    )
    m = loads(text)
    assert m == parse('claim a "A."\na supports a\n')
    span = m.elements[0].span
    assert span is not None and span.line == 3 and isinstance(span.line, int)


def test_both_versions_schemas_are_valid_and_distinct() -> None:
    old = schema(1)
    jsonschema_rs.meta.validate(old)
    assert old["properties"]["version"]["const"] == 1
    assert old["$id"] == "urn:argmap:schema:argmap-1" != SCHEMA_ID
    assert VERSION == 2
    with pytest.raises(ValueError, match="no argmap JSON version 3"):
        schema(3)


def test_a_version_1_file_still_loads_converted() -> None:
    text = (DATA / "four-day-week-version-1.json").read_text(encoding="utf-8")
    doc = json.loads(text)
    assert doc["version"] == 1
    assert any(e["type"] == "rebuttal" and "attacker" in e for e in doc["elements"])
    m = loads(text)
    assert m == parse((ROOT / "maps" / "four-day-week.argmap").read_text(encoding="utf-8"))
    # ... and is written back as version 2, which the current schema takes
    again = json.loads(dumps(m))
    assert again["version"] == 2
    _validate(again)


def test_version_1_documents_are_checked_with_the_version_1_schema() -> None:
    one = {"version": 1, "elements": [{"type": "rebuttal", "attacker": "a", "target": "b"}]}
    assert loads(json.dumps(one)).rebuttals[0].attackers == ("a",)
    two = {"version": 2, "elements": [{"type": "rebuttal", "attacker": "a", "target": "b"}]}
    with pytest.raises(InterchangeError, match=re.escape("$.elements[0].attackers: is missing")):
        loads(json.dumps(two))
    old_stance = {"version": 1, "elements": [{"type": "stance", "perspective": "p"}]}
    with pytest.raises(InterchangeError, match=re.escape("$.elements[0].claim: is missing")):
        loads(json.dumps(old_stance))


LANGUAGE_2 = """\
title "Every construct of language 2"
allow W304 "listed on purpose"
source ko "Kosovo Online" file "article.txt" allow W305
perspective radic "Aleksandar Radić" allow W304
perspective savkovic "Marko Savković"
question conflict "Will it lead to tensions?" asked by radic, savkovic allow W306
section readings "Readings"
section nested "A nested one" in readings note "under readings" allow W303
claim drones "Kosovo bought drones." date "2023-05"
  answers conflict no, other
  held by radic
  rejected by savkovic
  quote radic "brotherhood through arms" from ko at "para. 6" on "2024-05"
  allow W303
claim weapons "W."
claim bridgehead "B."
arming: drones + weapons support bridgehead by radic
  rejected by savkovic
  tags budget, "two words"
  source ko
  quote savkovic "a company" from ko
  note "n"
  allow W300
r1: drones + weapons rebuts bridgehead by savkovic
u1: weapons undercuts r1
u2: drones undercuts u1 by radic
c1: drones contradicts weapons
radic rejects r1, c1 note "why" on "2023" allow W302
savkovic accepts u1
"""


def test_every_language_2_construct_round_trips_and_validates() -> None:
    m = parse(LANGUAGE_2)
    doc = to_dict(m)
    _validate(doc)
    assert loads(json.dumps(doc)) == m
    by_type: dict[str, list[dict[str, object]]] = {}
    for e in doc["elements"]:
        by_type.setdefault(e["type"], []).append(e)
    assert by_type["rebuttal"][0]["attackers"] == ["drones", "weapons"]
    assert by_type["rebuttal"][0]["name"] == "r1"
    assert [u["target"] for u in by_type["undercut"]] == ["r1", "u1"]
    assert by_type["claim"][0]["sides"] == [{"question": "conflict", "side": "no"}]
    assert by_type["claim"][0]["quotes"][0] == {
        "text": "brotherhood through arms",
        "speaker": "radic",
        "source": "ko",
        "locator": "para. 6",
        "date": "2024-05",
    }
    assert by_type["section"][1]["parent"] == "readings"
    assert by_type["allow"] == [{"type": "allow", "codes": ["W304"], "reason": "listed on purpose"}]
    stance = next(s for s in by_type["stance"] if s.get("note"))
    assert stance == {
        "type": "stance",
        "perspective": "radic",
        "target": "r1",
        "accepts": False,
        "note": "why",
        "date": "2023",
        "allow": ["W302"],
    }
    assert any(s["inline"] and s["target"] == "arming" for s in by_type["stance"] if "inline" in s)


def test_compact_by_default_indented_on_request() -> None:
    m = parse(LANGUAGE_2)
    compact, indented = dumps(m), dumps(m, indent=2)
    assert compact.count("\n") == 1 and ", " not in compact.split('"elements"')[0]
    assert indented.count("\n") > 50
    assert loads(compact) == loads(indented) == m


def test_scheme_title_and_base_travel() -> None:
    m = parse('claim a "A." title "Short" base 0.25\nclaim b "B."\nr: a rebuts b scheme "Expert Opinion"\n')
    doc = to_dict(m)
    _validate(doc)
    assert doc["elements"][0]["title"] == "Short" and doc["elements"][0]["base"] == 0.25
    assert doc["elements"][2]["scheme"] == "Expert Opinion"
    assert loads(json.dumps(doc)) == m
    doc["elements"][0]["base"] = 1.5
    with pytest.raises(InterchangeError, match=re.escape("$.elements[0].base: must be at most 1, not 1.5")):
        from_dict(doc)


HOSTILE = ROOT / "tests" / "data" / "hostile"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("json-nested-1000-deep.json", "nested too deeply"),
        ("json-nested-900-deep-in-elements.json", "nested too deeply"),
        ("json-int-4301-digits.json", "a number is too long (Exceeds the limit (4300 digits)"),
        (
            "json-argmap-text.json",
            "this looks like .argmap text, not argmap JSON (read it with --from argmap)",
        ),
        ("json-argdown-text.json", "this looks like Argdown, not argmap JSON (read it with --from argdown)"),
        (
            "json-aif-document.json",
            "this looks like AIF JSON (it has 'nodes'), not argmap JSON (read it with --from aif)",
        ),
    ],
)
def test_hostile_and_foreign_documents_are_clear_errors(name: str, message: str) -> None:
    """Issue 21 item 3 and issue 19 item 4 (the JSON reader's part): no RecursionError or
    ValueError escapes, and text of another format is named."""
    with pytest.raises(InterchangeError, match=re.escape(message)):
        loads((HOSTILE / name).read_text(encoding="utf-8"))
