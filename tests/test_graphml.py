"""argmap.formats.graphml: the map as a GraphML graph."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from interchange_strategies import maps

from argmap.builder import MapBuilder
from argmap.formats.graphml import dumps
from argmap.model import ArgumentMap

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}
RELATION_KINDS = {"support", "rebuttal", "undercut", "contradiction"}


def _map():  # type: ignore[no-untyped-def]
    return (
        MapBuilder("Lunch \x07 time")
        .perspective("ann", "Ann", role="cook")
        .claim("a", 'A <&> "quoted"', kind="fact", tags=["x", "y"], held_by=["ann"])
        .claim("b", "B")
        .claim("c", "C")
        .support(["a", "b"], "c", name="ab", by=["ann"])
        .rebut("b", "a")
        .undercut("a", "ab")
        .contradict("a", "c")
        .reject("ann", "b")
        .build()
    )


def _edges(graph: ET.Element) -> list[tuple[str, str, str]]:
    out = []
    for e in graph.findall("g:edge", NS):
        relation = e.find("g:data[@key='relation']", NS)
        assert relation is not None and relation.text is not None
        out.append((e.get("source", ""), e.get("target", ""), relation.text))
    return out


def test_structure() -> None:
    root = ET.fromstring(dumps(_map()).encode("utf-8"))
    graph = root.find("g:graph", NS)
    assert graph is not None
    nodes = {n.get("id"): n for n in graph.findall("g:node", NS)}
    assert set(nodes) == {
        "perspective:ann",
        "claim:a",
        "claim:b",
        "claim:c",
        "support:ab",
        "rebuttal#1",
        "undercut#1",
        "contradiction#1",
    }
    relations = [r for _, _, r in _edges(graph)]
    assert sorted(relations) == sorted(
        [
            "premise",
            "premise",
            "conclusion",
            "attacker",
            "target",
            "attacker",
            "target",
            "side",
            "side",
            "accepts",
            "rejects",
        ]
    )
    text = nodes["claim:a"].find("g:data[@key='text']", NS)
    assert text is not None and text.text == 'A <&> "quoted"'
    title = graph.find("g:data[@key='graph_title']", NS)
    assert title is not None and title.text == "Lunch \ufffd time"  # not XML: replaced


LANGUAGE_2 = """\
perspective p "P"
perspective q "Q"
question conflict "Conflict?"
section facts "Facts"
claim rating "Rated monitor." date "2019" title "Rating" base 0.75 answers conflict yes
claim neglect "Neglect."
claim only "Only monitor."
claim rule "The rule."
claim other "Other."
r1: rating + other rebuts neglect by p scheme "Expert Opinion" tags t
  rejected by q
u1: only undercuts r1 by q
u2: rule undercuts u1 by p
q accepts u1 on "2020"
"""


def test_language_2_attacks_on_attacks_linked_attacks_and_stances_on_relations() -> None:
    from argmap.syntax.parser import parse

    root = ET.fromstring(dumps(parse(LANGUAGE_2)).encode("utf-8"))
    graph = root.find("g:graph", NS)
    assert graph is not None
    edges = set(_edges(graph))
    assert {
        ("claim:rating", "rebuttal:r1", "attacker"),
        ("claim:other", "rebuttal:r1", "attacker"),  # linked: both attackers meet in r1
        ("rebuttal:r1", "claim:neglect", "target"),
        ("claim:only", "undercut:u1", "attacker"),
        ("undercut:u1", "rebuttal:r1", "target"),  # an attack on an attack
        ("undercut:u2", "undercut:u1", "target"),  # ... on an attack on an attack
        ("perspective:q", "rebuttal:r1", "rejects"),  # a stance on a relation
        ("perspective:q", "undercut:u1", "accepts"),
        ("claim:rating", "question:conflict", "answers"),
    } <= edges
    nodes = {n.get("id"): n for n in graph.findall("g:node", NS)}

    def data(node: str, key: str) -> str | None:
        item = nodes[node].find(f"g:data[@key='{key}']", NS)
        return None if item is None else item.text

    assert data("rebuttal:r1", "scheme") == "Expert Opinion"
    assert data("rebuttal:r1", "by") == "p" and data("rebuttal:r1", "name") == "r1"
    assert data("claim:rating", "base") == "0.75" and data("claim:rating", "node_title") == "Rating"
    assert data("claim:rating", "section") == "facts" and data("claim:rating", "node_date") == "2019"
    side = next(e for e in graph.findall("g:edge", NS) if e.get("target") == "question:conflict")
    assert side.find("g:data[@key='side']", NS).text == "yes"  # type: ignore[union-attr]


def test_networkx_reads_it() -> None:
    networkx = pytest.importorskip("networkx", reason="networkx is optional")
    g = networkx.read_graphml(io.BytesIO(dumps(_map()).encode("utf-8")))
    assert g.number_of_nodes() == 8
    assert g.nodes["claim:a"]["claim_kind"] == "fact"
    from argmap.syntax.parser import parse

    g = networkx.read_graphml(io.BytesIO(dumps(parse(LANGUAGE_2)).encode("utf-8")))
    assert g.nodes["claim:rating"]["base"] == 0.75 and g.nodes["claim:rating"]["title"] == "Rating"
    assert g.has_edge("undercut:u2", "undercut:u1")


@settings(max_examples=100, suppress_health_check=list(HealthCheck), deadline=None)
@given(maps())
def test_every_generated_map_is_a_well_formed_graph(m: ArgumentMap) -> None:
    root = ET.fromstring(dumps(m).encode("utf-8"))
    graph = root.find("g:graph", NS)
    assert graph is not None
    ids = [n.get("id") for n in graph.findall("g:node", NS)]
    assert len(ids) == len(set(ids))
    for source, target, _ in _edges(graph):
        assert source in ids and target in ids
    assert len([i for i in ids if i and i.split("#")[0].split(":")[0] in RELATION_KINDS]) == len(m.relations)
