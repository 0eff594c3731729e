"""argmap.formats.aif: AIF JSON (AIFdb/OVA) export and import."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from interchange_strategies import maps

from argmap.builder import MapBuilder
from argmap.formats import aif
from argmap.model import ArgumentMap, Claim, Rebuttal, Stance, Support, Undercut
from argmap.syntax.parser import parse

ROOT = Path(__file__).resolve().parent.parent
# AIFdb node set 6064, as in shared/corpus/aif (see tests/data/interchange/README.md).
CORPUS_COPY = ROOT / "tests" / "data" / "interchange" / "moralmaze-6064.json"


def _corpus() -> str:
    return CORPUS_COPY.read_text(encoding="utf-8")


@settings(max_examples=200, suppress_health_check=list(HealthCheck), deadline=None)
@given(maps())
def test_round_trip(m: ArgumentMap) -> None:
    got = aif.read(aif.dumps(m))
    assert got.map == m
    assert got.notes == ()


def test_export_uses_aif_nodes() -> None:
    m = (
        MapBuilder()
        .perspective("ann", "Ann Smith")
        .claim("a", "A.", held_by=["ann"])
        .claim("b", "B.")
        .claim("c", "C.")
        .support(["a", "b"], "c", name="ab", by=["ann"])
        .rebut("b", "a")
        .undercut("a", "ab")
        .contradict("a", "c")
        .build()
    )
    doc = aif.to_dict(m)
    types = [n["type"] for n in doc["nodes"]]
    assert types.count("I") == 3
    assert types.count("RA") == 1
    assert types.count("CA") == 4  # rebuttal, undercut, contradiction (both ways)
    nodes = {n["nodeID"]: n for n in doc["nodes"]}
    ra = next(n["nodeID"] for n in doc["nodes"] if n["type"] == "RA")
    into_ra = [e["fromID"] for e in doc["edges"] if e["toID"] == ra]
    assert sorted(nodes[i]["text"] for i in into_ra if nodes[i]["type"] == "I") == ["A.", "B."]
    assert doc["participants"] == [{"participantID": "1", "firstname": "Ann", "surname": "Smith"}]
    assert all(loc["personID"] == "1" for loc in doc["locutions"])
    # without argmap's extension, plain AIF readers still get the structure
    del doc["argmap"]
    plain = aif.read(json.dumps(doc)).map
    assert len(plain.claims) == 3
    assert len(plain.supports) == 1 and len(plain.supports[0].premises) == 2
    assert len(plain.undercuts) == 1
    assert len(plain.rebuttals) == 3  # the rebuttal and the contradiction's two directions
    assert any(s.accepts for s in plain.stances)


def test_real_aifdb_file() -> None:
    got = aif.read(_corpus())
    m = got.map
    assert len(m.claims) == 9
    assert len(m.supports) == 5
    assert {p.name for p in m.perspectives} == {"CL", "NL"}
    assert all(isinstance(e, (Claim, Stance, Support)) or e in m.perspectives for e in m.elements)
    # what argmap cannot say is reported, not dropped
    assert any("TA node" in n for n in got.notes)
    assert any("pure questioning" in n for n in got.notes)
    # who argued is kept: every support is by the speaker of the transition that anchors it
    assert all(s.by for s in m.supports)
    # the locutions' own words become quotes
    assert any(c.quotes for c in m.claims)


def test_unrepresentable_nodes_are_reported() -> None:
    doc = {
        "nodes": [
            {"nodeID": "1", "text": "A", "type": "I"},
            {"nodeID": "2", "text": "A again", "type": "I"},
            {"nodeID": "3", "text": "Default Rephrase", "type": "MA"},
            {"nodeID": "4", "text": "Default Preference", "type": "PA"},
            {"nodeID": "5", "text": "Default Conflict", "type": "CA"},
            {"nodeID": "6", "text": "Default Conflict", "type": "CA"},
            {"nodeID": "7", "text": "Default Inference", "type": "RA"},
        ],
        "edges": [
            {"edgeID": "1", "fromID": "1", "toID": "3"},
            {"edgeID": "2", "fromID": "3", "toID": "2"},
            {"edgeID": "3", "fromID": "1", "toID": "5"},
            {"edgeID": "4", "fromID": "5", "toID": "6"},
            {"edgeID": "5", "fromID": "1", "toID": "7"},
            {"edgeID": "6", "fromID": "7", "toID": "99"},
        ],
        "locutions": [],
    }
    got = aif.read(json.dumps(doc))
    text = "\n".join(got.notes)
    assert "MA node 3" in text
    assert "PA node 4" in text
    assert "CA node 5 attacks a CA node" in text
    assert "CA node 6 lacks" in text
    assert "RA node 7 lacks" in text
    assert "1 edge(s) point at nodes" in text
    assert [c.text for c in got.map.claims] == ["A", "A again"]


def test_ova_wrapper_and_numeric_ids() -> None:
    doc = {
        "AIF": {
            "nodes": [
                {"nodeID": 1, "text": "P", "type": "I"},
                {"nodeID": 2, "text": "C", "type": "I"},
                {"nodeID": 3, "text": "Default Inference", "type": "RA"},
                {"nodeID": 4, "text": "Default Conflict", "type": "CA"},
            ],
            "edges": [
                {"edgeID": 1, "fromID": 1, "toID": 3},
                {"edgeID": 2, "fromID": 3, "toID": 2},
                {"edgeID": 3, "fromID": 2, "toID": 4},
                {"edgeID": 4, "fromID": 4, "toID": 3},
            ],
        }
    }
    m = aif.loads(json.dumps(doc))
    support = m.supports[0]
    assert support.premises == ("i1",) and support.conclusion == "i2"
    assert m.undercuts == (Undercut("i2", support.name or ""),)
    assert parse_roundtrip(m)


def parse_roundtrip(m: ArgumentMap) -> bool:
    from argmap.formats.writer import write

    return parse(write(m)) == m


def test_a_changed_extension_falls_back_to_plain_aif() -> None:
    m = MapBuilder().claim("a", "A").claim("b", "B").rebut("a", "b").build()
    doc = aif.to_dict(m)
    doc["argmap"]["elements"][2]["node"] = "999"
    got = aif.read(json.dumps(doc))
    assert any("does not match" in n for n in got.notes)
    assert got.map.rebuttals == (Rebuttal("i1", "i2"),)
