"""The model: immutability, id validation, equality without spans, and the map's queries."""

from __future__ import annotations

import attrs
import pytest

import argmap
from argmap.model import Claim, ClaimKind, Rebuttal, Span, Stance, Support, is_valid_id

SEED = """
title "T"
perspective radic "Radic"
perspective savkovic "Savkovic"
question interests "Interests?"
fact drones "Drones." source ko
fact weapons "Weapons."
claim bridgehead "Bridgehead." answers interests held by radic
claim nato "NATO." answers interests held by savkovic
claim commerce "Commerce." held by savkovic
arming: drones + weapons support bridgehead by radic
commerce undercuts arming by savkovic
nato rebuts bridgehead by savkovic
nato contradicts drones
savkovic rejects bridgehead
"""


@pytest.fixture
def seed() -> argmap.ArgumentMap:
    return argmap.parse(SEED)


def test_queries(seed: argmap.ArgumentMap) -> None:
    assert seed.title == "T"
    assert seed.supporters("bridgehead") == ("drones", "weapons")
    assert seed.attackers("bridgehead") == ("nato",)
    assert seed.attackers("drones") == ("nato",)
    assert seed.attackers("nato") == ("drones",)
    assert [s.name for s in seed.supports_of("bridgehead")] == ["arming"]
    assert seed.supports_from("drones")[0].conclusion == "bridgehead"
    assert [u.attacker for u in seed.undercuts_of("arming")] == ["commerce"]
    assert seed.accepted_by("savkovic") == ("nato", "commerce")
    assert seed.rejected_by("savkovic") == ("bridgehead",)
    assert seed.holders("bridgehead") == ("radic",)
    assert seed.rejecters("bridgehead") == ("savkovic",)
    assert [type(r).__name__ for r in seed.relations_by("savkovic")] == ["Undercut", "Rebuttal"]
    assert [c.id for c in seed.answers_to("interests")] == ["bridgehead", "nato"]
    assert seed.claim("nato").text == "NATO."
    assert seed.support("arming").linked
    assert seed.perspective("radic").name == "Radic"
    assert seed.question("interests").text == "Interests?"
    assert "arming" in seed and "nope" not in seed and 3 not in seed
    with pytest.raises(KeyError):
        seed.claim("nope")


def test_element_lists(seed: argmap.ArgumentMap) -> None:
    assert len(seed.claims) == 5
    assert len(seed.relations) == 4
    assert len(seed.supports) == len(seed.rebuttals) == len(seed.undercuts) == len(seed.contradictions) == 1
    assert len(seed.stances) == 4
    assert [p.id for p in seed.perspectives] == ["radic", "savkovic"]
    assert [c.kind for c in seed.claims][:2] == [ClaimKind.FACT, ClaimKind.FACT]


def test_immutable(seed: argmap.ArgumentMap) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        seed.claims[0].text = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        seed.claims[0].extra = 1  # type: ignore[attr-defined]


def test_ids_validated_at_construction() -> None:
    for bad in ["", "-x", "has space", "a:b", 'quo"te']:
        assert not is_valid_id(bad)
        with pytest.raises(ValueError, match="not a valid id"):
            Claim(bad, "text")
    with pytest.raises(ValueError):
        Support([], "a")
    with pytest.raises(ValueError):
        Rebuttal("a", "b", by=["not valid"])
    assert is_valid_id("đ_ć-1") and is_valid_id("東京") and is_valid_id("2013")


def test_equality_ignores_spans() -> None:
    a = Claim("a", "A", span=Span("x", 1, 1, 1, 5))
    b = Claim("a", "A", span=Span("y", 9, 9, 9, 9))
    assert a == b and hash(a) == hash(b)
    assert argmap.parse('claim a "A"\n', "one") == argmap.parse('\n\nclaim   a   "A"\n', "two")


def test_builder_makes_the_same_map_as_the_text(seed: argmap.ArgumentMap) -> None:
    built = (
        argmap.MapBuilder("T")
        .perspective("radic", "Radic")
        .perspective("savkovic", "Savkovic")
        .question("interests", "Interests?")
        .claim("drones", "Drones.", kind="fact", sources="ko")
        .claim("weapons", "Weapons.", kind=ClaimKind.FACT)
        .claim("bridgehead", "Bridgehead.", answers="interests", held_by="radic")
        .claim("nato", "NATO.", answers=["interests"], held_by=["savkovic"])
        .claim("commerce", "Commerce.", held_by="savkovic")
        .support(["drones", "weapons"], "bridgehead", name="arming", by="radic")
        .undercut("commerce", "arming", by="savkovic")
        .rebut("nato", "bridgehead", by="savkovic")
        .contradict("nato", "drones")
        .reject("savkovic", "bridgehead")
        .build()
    )
    assert built == seed


def test_builder_validates() -> None:
    b = argmap.MapBuilder()
    with pytest.raises(ValueError, match="unknown claim kind"):
        b.claim("a", "A", kind="opinion")
    with pytest.raises(ValueError, match="not a valid id"):
        b.claim("a b", "A")
    built = b.claim("a", "A", quotes=["plain", ("p", "said"), argmap.Quote("q")]).accept("p", "a").build()
    assert [q.speaker for q in built.claims[0].quotes] == [None, "p", None]
    assert built.stances == (Stance("p", "a", True, False),)


def test_with_elements_keeps_path_and_text(seed: argmap.ArgumentMap) -> None:
    m = argmap.parse('claim a "A"\n', "f.argmap")
    sub = m.with_elements(m.elements[:0])
    assert sub.path == "f.argmap" and sub.source_text == m.source_text and len(sub) == 0
