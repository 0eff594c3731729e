"""Tests for argmap.drawing.styles: relations told apart by line and arrowhead."""

from __future__ import annotations

import re

from argmap.drawing.render import to_dot
from tests.drawing import load


def _dot_attributes(text: str) -> dict[str, str]:
    return dict(re.findall(r'\b(\w+)=("[^"]*"|[^\s\]]+)', text))


def test_relation_styles_differ_in_line_and_arrowhead() -> None:
    dot = to_dot(load("kinds"))
    # An edge carries what differs from the graph's edge defaults: the two together draw it.
    defaults = _dot_attributes(re.search(r"^\tedge \[(.*)\]$", dot, re.MULTILINE).group(1))  # type: ignore[union-attr]
    styles = set()
    for line in dot.split("cluster_legend")[1].splitlines():
        if "->" in line:
            look = {**defaults, **_dot_attributes(line.split("[", 1)[1])}
            if look.get("style") != "invis":  # (the edge that places the legend's table)
                styles.add((look.get("style", "solid"), look["arrowhead"], look.get("dir") == "both"))
    assert len(styles) == 5  # support, rebuttal, undercut, contradiction, answers: all distinct
