"""Tests for argmap.drawing.dot: support nodes, references to what the map does not define."""

from __future__ import annotations

import argmap
from argmap.drawing.render import to_dot
from tests.drawing import edges, load, node_ids, node_line


def test_linked_and_named_supports_get_one_node() -> None:
    dot = to_dot(load("kinds"))
    assert "shape=diamond" in node_line(dot, "support:case")
    assert {("traffic", "support:case"), ("congestion", "support:case")} <= edges(dot)
    assert ("support:case", "build-it") in edges(dot)
    assert ("cost", "support:case") in edges(dot)  # the undercut lands on the inference


def test_undefined_references_are_drawn_as_such() -> None:
    amap = argmap.parse('claim a "A."\na supports ghost\nb undercuts nowhere\n')
    dot = to_dot(amap)
    ghost = node_line(dot, "ghost")
    assert "shape=box" in ghost and "style=dashed" in ghost
    assert "support:nowhere" in node_ids(dot)
    assert "named but never defined" in dot
