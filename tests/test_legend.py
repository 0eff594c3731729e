"""Tests for argmap.drawing.legend: it lists what the picture uses, and only that."""

from __future__ import annotations

import argmap
from argmap.drawing.render import to_dot


def test_legend_lists_only_what_is_used() -> None:
    amap = argmap.parse('claim a "A."\nclaim b "B."\na supports b\n')
    dot = to_dot(amap)
    legend = dot.split("cluster_legend")[1]
    assert "supports" in legend
    for absent in ("rebuts", "undercuts", "contradict", "QUESTION", "FACT", "holds the claim"):
        assert absent not in legend
    assert "CLAIM" in legend
    assert "cluster_legend" not in to_dot(amap, legend=False)
