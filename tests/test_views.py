"""Tests for argmap.drawing.views: what each view shows and dims, and the errors for what a view
asks of a map that does not have it."""

from __future__ import annotations

import pytest

import argmap
from argmap.drawing.render import ViewError, to_dot
from argmap.errors import ArgmapError, UnknownIdError, UnknownPerspectiveError
from tests.conftest import MAPS
from tests.drawing import edges, ends, load, node_ids, node_line


def test_perspective_dims_the_rest() -> None:
    amap = load("kinds")
    dot = to_dot(amap, perspective="engineer")
    assert node_ids(dot) >= {c.id for c in amap.claims}
    assert "As Chief engineer sees it" in dot
    # congestion is not the engineer's claim nor in the engineer's relations: greyed out
    congestion = node_line(dot, "congestion")
    assert 'BGCOLOR="#FFFFFF"' in congestion and "#A8A8A8" in congestion
    survey = node_line(dot, "survey")
    assert "#A8A8A8" not in survey
    assert "not held or argued by the perspective" in dot


def test_perspective_only_drops_the_rest() -> None:
    amap = load("kinds")
    dot = to_dot(amap, perspective="engineer", only=True)
    claims = {c for c in node_ids(dot) if ":" not in c}
    assert claims == {"traffic", "survey", "cheaper"}
    assert "congestion" not in node_ids(dot) | ends(dot)
    assert ("survey", "cheaper") in edges(dot)
    # the engineer's own relation only; the contradiction (nobody's) and the rest are gone
    assert "contradiction" not in dot.split("cluster_legend")[0]
    assert "not held or argued" not in dot


def test_an_undercut_brings_the_support_it_attacks() -> None:
    """The residents undercut the council's support `case`: with --only that support stays, in
    grey, so the undercut has something to land on."""
    dot = to_dot(load("kinds"), perspective="residents", only=True)
    claims = {c for c in node_ids(dot) if ":" not in c}
    assert claims == {"cost", "heritage", "build-it", "cheaper", "survey", "traffic", "congestion"}
    assert ("cost", "support:case") in edges(dot)
    case = node_line(dot, "support:case")
    assert "#CFCFCF" in case  # not the residents' own inference: grey
    assert "not held or argued by the perspective" in dot


def test_compare_marks_agreement_and_disagreement() -> None:
    amap = load("kinds")
    dot = to_dot(amap, compare=("council", "residents"))
    line = node_line(dot, "build-it").replace("<BR/>", " ")  # badges wrap rather than cut
    assert "DISAGREE: Town council holds, Residents&#39; group rejects" in line or (
        "DISAGREE: Town council holds, Residents' group rejects" in line
    )
    cost = node_line(dot, "cost").replace("<BR/>", " ")
    assert "DISAGREE: Residents" in cost
    traffic = node_line(dot, "traffic").replace("<BR/>", " ")
    assert "only Town council holds" in traffic
    with pytest.raises(ViewError):
        to_dot(amap, compare=("council", "council"))
    with pytest.raises(ViewError):
        to_dot(amap, compare=("council", "residents"), perspective="council")


def test_question_view_keeps_what_bears_on_the_answers() -> None:
    amap = argmap.load(MAPS / "turkey-kosovo.argmap")
    dot = to_dot(amap, question="belgrade")
    claims = {c for c in node_ids(dot) if ":" not in c}
    assert {"belgrade-problem", "keeps-belgrade", "both-capitals", "serbia-partner", "donation"} <= claims
    assert "nato" not in claims
    assert [q for q in node_ids(dot) if q.startswith("question:")] == ["question:belgrade"]
    shallow = to_dot(amap, question="belgrade", depth=0)
    assert {c for c in node_ids(shallow) if ":" not in c} == {"belgrade-problem", "keeps-belgrade"}


def test_focus_depth() -> None:
    amap = load("kinds")
    zero = {c for c in node_ids(to_dot(amap, focus="cheaper", depth=0)) if ":" not in c}
    assert zero == {"cheaper"}
    one = {c for c in node_ids(to_dot(amap, focus="cheaper", depth=1)) if ":" not in c}
    assert one == {"cheaper", "survey", "build-it"}
    with pytest.raises(UnknownIdError) as unknown:
        to_dot(amap, focus="cheeper")
    assert unknown.value.hint == "did you mean 'cheaper'?"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"perspective": "nobody"}, "no perspective 'nobody'"),
        ({"only": True}, "needs a perspective"),
        ({"question": "nothing"}, "no question"),
        ({"rankdir": "XY"}, "rankdir"),
        ({"engine": "circo"}, "engine"),
        ({"focus": "traffic", "depth": -1}, "depth"),
    ],
)
def test_view_errors(kwargs: dict[str, object], message: str) -> None:
    """Unknown names are the general errors (UnknownIdError, UnknownChoiceError); options that do
    not go together are a ViewError: all ArgmapErrors."""
    with pytest.raises(ArgmapError, match=message):
        to_dot(load("kinds"), **kwargs)  # type: ignore[arg-type]


def test_unknown_names_are_the_general_errors_with_a_hint() -> None:
    """An unknown perspective, claim or question is an UnknownIdError (a KeyError) of the one
    ArgmapError family, the same error the rest of the library raises; the did-you-mean is the
    hint."""
    amap = load("kinds")
    with pytest.raises(UnknownPerspectiveError) as perspective:
        to_dot(amap, perspective="councill")
    assert isinstance(perspective.value, KeyError)
    assert perspective.value.message == "the map has no perspective 'councill'"
    assert perspective.value.hint == "did you mean 'council'?"
    assert str(perspective.value) == "the map has no perspective 'councill'"
    with pytest.raises(UnknownPerspectiveError) as compared:
        to_dot(amap, compare=("council", "resident"))
    assert compared.value.hint == "did you mean 'residents'?"
    with pytest.raises(UnknownIdError) as claim:
        to_dot(amap, focus="cheeper")
    assert (claim.value.what, claim.value.hint) == ("claim", "did you mean 'cheaper'?")
    with pytest.raises(UnknownIdError) as question:
        to_dot(amap, question="biuld")
    assert (question.value.what, question.value.hint) == ("question", "did you mean 'build'?")
    for error in (perspective.value, claim.value, question.value):
        assert isinstance(error, ArgmapError)
