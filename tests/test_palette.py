"""Tests for argmap.drawing.palette: each perspective's colour, CSS colour names, ink."""

from __future__ import annotations

import argmap
from argmap.drawing.palette import OKABE_ITO, perspective_colors
from argmap.drawing.render import to_dot
from tests.drawing import load


def test_perspective_colours_are_stable_and_own_colour_wins() -> None:
    amap = load("kinds")
    colors = perspective_colors(amap)
    assert colors["council"] == "#0072B2"  # its own
    assert colors["residents"] == OKABE_ITO[0]  # first palette colour
    assert colors["engineer"] == OKABE_ITO[1]  # "not a colour!" is ignored
    whole = to_dot(amap)
    only = to_dot(amap, perspective="engineer", only=True)
    assert f'BGCOLOR="{OKABE_ITO[1]}"' in whole and f'BGCOLOR="{OKABE_ITO[1]}"' in only


def test_css_colour_names_become_hex_and_unknown_names_fall_back() -> None:
    amap = argmap.parse(
        'perspective a "A" color "gray"\nperspective b "B" color "navyblue"\nperspective c "C" color "#ABC"\n'
    )
    assert perspective_colors(amap) == {"a": "#808080", "b": OKABE_ITO[0], "c": "#ABC"}
