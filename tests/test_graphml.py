"""argmap.formats.graphml: the map as a GraphML graph."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest

from argmap.builder import MapBuilder
from argmap.formats.graphml import dumps

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


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


def test_structure() -> None:
    root = ET.fromstring(dumps(_map()).encode("utf-8"))
    graph = root.find("g:graph", NS)
    assert graph is not None
    nodes = {n.get("id"): n for n in graph.findall("g:node", NS)}
    assert set(nodes) == {"perspective:ann", "claim:a", "claim:b", "claim:c", "support:ab"}
    relations = [e.find("g:data[@key='relation']", NS).text for e in graph.findall("g:edge", NS)]  # type: ignore[union-attr]
    assert sorted(relations) == sorted(
        ["premise", "premise", "conclusion", "rebuttal", "undercut", "contradiction", "accepts", "rejects"]
    )
    text = nodes["claim:a"].find("g:data[@key='text']", NS)
    assert text is not None and text.text == 'A <&> "quoted"'
    title = graph.find("g:data[@key='title']", NS)
    assert title is not None and title.text == "Lunch \ufffd time"  # not XML: replaced


def test_networkx_reads_it() -> None:
    networkx = pytest.importorskip("networkx", reason="networkx is optional")
    g = networkx.read_graphml(io.BytesIO(dumps(_map()).encode("utf-8")))
    assert g.number_of_nodes() == 5
    assert g.nodes["claim:a"]["claim_kind"] == "fact"
