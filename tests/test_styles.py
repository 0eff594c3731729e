"""Tests for argmap.drawing.styles: relations told apart by line and arrowhead, in neutral ink."""

from __future__ import annotations

import re

from argmap.drawing.render import to_dot
from argmap.drawing.styles import EDGE_STYLE, INK
from tests.drawing import load


def _dot_attributes(text: str) -> dict[str, str]:
    return dict(re.findall(r'\b(\w+)=("[^"]*"|[^\s\]]+)', text))


def test_relation_styles_differ_in_line_and_arrowhead() -> None:
    looks = {(s.style, s.arrowhead, s.both) for s in EDGE_STYLE.values()}
    assert len(looks) == 5  # support, rebuttal, undercut, contradiction, answers: all distinct
    # colour belongs to the perspectives: every attack and support is in the same ink
    assert {
        EDGE_STYLE[k].color.split(":")[0] for k in ("support", "rebuttal", "undercut", "contradiction")
    } == {INK}


def test_drawn_edges_carry_their_kind_look() -> None:
    dot = to_dot(load("kinds"), legend="full")
    defaults = _dot_attributes(re.search(r"^\tedge \[(.*)\]$", dot, re.MULTILINE).group(1))  # type: ignore[union-attr]
    styles = set()
    for line in dot.split("cluster_legend")[1].splitlines():
        if "->" in line:
            look = {**defaults, **_dot_attributes(line.split("[", 1)[1] if "[" in line else "")}
            if look.get("style") != "invis":
                styles.add((look.get("style", "solid"), look["arrowhead"], look.get("dir") == "both"))
    assert len(styles) == 5
