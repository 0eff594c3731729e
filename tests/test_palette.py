"""Tests for argmap.drawing.palette: each perspective's colour, CSS colour names, ink, and the
measured distance that keeps perspective colours apart (W500 when a user's colour is too close)."""

from __future__ import annotations

import itertools

import pytest

import argmap
from argmap.drawing.palette import (
    LABEL_COLORS,
    MIN_CVD_DIFFERENCE,
    MIN_DIFFERENCE,
    PERSPECTIVE_PALETTE,
    colour_findings,
    delta_e,
    perspective_colors,
)
from argmap.drawing.render import to_dot
from tests.drawing import load


def test_perspective_colours_are_stable_and_own_colour_wins() -> None:
    amap = load("kinds")
    colors = perspective_colors(amap)
    assert colors["council"] == "#0072B2"  # its own
    # the palette's first colour is too close to the council's own: the next is taken
    assert colors["residents"] == PERSPECTIVE_PALETTE[1]
    assert colors["engineer"] == PERSPECTIVE_PALETTE[2]  # "not a colour!" is ignored
    whole = to_dot(amap)
    only = to_dot(amap, perspective="engineer", only=True)
    assert f'BGCOLOR="{PERSPECTIVE_PALETTE[2]}"' in whole and f'BGCOLOR="{PERSPECTIVE_PALETTE[2]}"' in only


def test_css_colour_names_become_hex_and_unknown_names_fall_back() -> None:
    amap = argmap.parse(
        'perspective a "A" color "gray"\nperspective b "B" color "navyblue"\nperspective c "C" color "#ABC"\n'
    )
    assert perspective_colors(amap) == {"a": "#808080", "b": PERSPECTIVE_PALETTE[0], "c": "#ABC"}


def test_ciede2000_matches_published_pairs() -> None:
    # Sharma, Wu and Dalal (2005), pairs 1 and 17, through sRGB: white/black is the extreme
    assert delta_e("#FFFFFF", "#000000") == pytest.approx(100.0, abs=0.01)
    assert delta_e("#0072B2", "#0072B2") == 0.0
    assert 0 < delta_e("#0072B2", "#0070B0") < 2


@pytest.mark.parametrize("vision", ["normal", "protan", "deutan"])
def test_palette_colours_are_far_apart_from_each_other_and_from_label_colours(vision: str) -> None:
    least = MIN_DIFFERENCE if vision == "normal" else MIN_CVD_DIFFERENCE
    for a, b in itertools.combinations(PERSPECTIVE_PALETTE, 2):
        assert delta_e(a, b, vision) >= least, (a, b)
    for a in PERSPECTIVE_PALETTE:
        for meaning, b in LABEL_COLORS.items():
            assert delta_e(a, b, vision) >= least, (a, meaning)


def test_a_colour_that_collides_gets_w500() -> None:
    amap = argmap.parse(
        'perspective a "A" color "#0072B2"\nperspective b "B" color "#0070B0"\n'
        'perspective c "C" color "green"\nperspective d "D" color "#AA8855"\n'
        'claim x "X." held by a, b, c, d\n'
    )
    found = colour_findings(amap)
    assert [(d.code, d.span.line if d.span else 0) for d in found] == [("W500", 2), ("W500", 3)]
    assert "'a'" in found[0].message and "IN colour" in found[1].message
    assert found[0].hint and "leave the colour out" in found[0].hint
    assert colour_findings(argmap.parse('perspective a "A"\nperspective b "B"\n')) == []


def test_w500_is_a_check_and_stays_fast_on_many_colours() -> None:
    """argmap check reports W500 too; with hundreds of own colours each is compared with the 200
    before it (the same colour 300 times: every one after the first clashes)."""
    text = "".join(f'perspective p{i} "P{i}" color "#0072B2"\n' for i in range(300))
    amap = argmap.parse(text)
    assert [d.code for d in argmap.check(amap)].count("W500") == 299
    assert len(colour_findings(amap)) == 299
