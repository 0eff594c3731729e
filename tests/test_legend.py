"""Tests for argmap.drawing.legend: it lists what the picture uses, and only that, in the form
asked for (compact, full or none)."""

from __future__ import annotations

import pytest

import argmap
from argmap.drawing.render import to_dot
from argmap.errors import UnknownChoiceError


def _legend(dot: str) -> str:
    return next(line for line in dot.splitlines() if line.startswith("\tlegend ["))


def test_compact_legend_lists_only_what_is_used() -> None:
    amap = argmap.parse('claim a "A."\nclaim b "B."\na supports b\n')
    dot = to_dot(amap)
    legend = _legend(dot)
    assert "supports" in legend and "CLAIM" in legend
    for absent in ("rebuts", "undercuts", "contradict", "QUESTION", "FACT", "holds the claim"):
        assert absent not in legend
    assert "cluster_legend" not in dot  # one table, not a framed cluster
    assert "legend" not in to_dot(amap, legend=False) and "legend" not in to_dot(amap, legend="none")


def test_full_legend_draws_samples() -> None:
    amap = argmap.parse('claim a "A."\nclaim b "B."\na supports b\n')
    legend = to_dot(amap, legend="full").split("cluster_legend")[1]
    assert "supports" in legend and "->" in legend
    with pytest.raises(UnknownChoiceError):
        to_dot(amap, legend="big")  # type: ignore[arg-type]


def test_compact_legend_goes_below_a_top_down_drawing() -> None:
    amap = argmap.parse('claim a "A."\nclaim b "B."\na supports b\n')
    dot = to_dot(amap, rankdir="TB")
    assert "b -> legend [" in dot  # tied to the last rank
