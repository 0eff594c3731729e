"""Tests for argmap.drawing.dot: relation marks (language 2: every named relation can be
undercut, linked attacks, stances on relations), references to what the map does not define,
sections as clusters, provenance in tooltips and links."""

from __future__ import annotations

import re

import argmap
from argmap.drawing.render import to_dot
from tests.drawing import edges, load, node_ids, node_line


def test_linked_and_named_supports_get_one_node() -> None:
    dot = to_dot(load("kinds"))
    assert "<I>case</I>" in node_line(dot, "support:case")  # a small box with the name
    assert {("traffic", "support:case"), ("congestion", "support:case")} <= edges(dot)
    assert ("support:case", "build-it") in edges(dot)
    assert ("cost", "support:case") in edges(dot)  # the undercut lands on the inference


def test_undefined_references_are_drawn_as_such() -> None:
    amap = argmap.parse('claim a "A."\na supports ghost\nb undercuts nowhere\n')
    dot = to_dot(amap)
    ghost = node_line(dot, "ghost")
    assert "shape=plain" in ghost and 'STYLE="dashed"' in ghost
    assert "support:nowhere" in node_ids(dot)
    assert "named but never defined" in dot


LANGUAGE_2 = """
perspective p "Pat"
perspective q "Quinn"
claim a "A."
claim b "B."
claim c "C."
claim d "D."
claim e "E."
r1: a rebuts b by p
u1: c undercuts r1 by q
d undercuts u1
a + c rebuts e
s1: d supports e
q rejects s1
"""


def test_an_undercut_of_a_rebuttal_lands_on_the_rebuttals_own_mark() -> None:
    dot = to_dot(argmap.parse(LANGUAGE_2))
    assert {("a", "rebuttal:r1"), ("rebuttal:r1", "b")} <= edges(dot)
    assert ("c", "undercut:u1") in edges(dot) and ("undercut:u1", "rebuttal:r1") in edges(dot)
    assert ("d", "undercut:u1") in edges(dot)  # an undercut of an undercut, on its mark


def test_linked_attacks_meet_in_a_dot_like_linked_supports() -> None:
    dot = to_dot(argmap.parse(LANGUAGE_2))
    junctions = [n for n in node_ids(dot) if n.startswith("rebuttal#")]
    assert len(junctions) == 1
    (j,) = junctions
    assert {("a", j), ("c", j), (j, "e")} <= edges(dot)


def test_rejected_relations_are_visible_in_the_perspectives_view() -> None:
    amap = argmap.parse(LANGUAGE_2)
    for dot in (to_dot(amap), to_dot(amap, perspective="q"), to_dot(amap, perspective="q", only=True)):
        line = next(ln for ln in dot.splitlines() if ln.startswith('\t"support:s1" -> e'))
        assert "Quinn rejects" in line


def test_sections_become_clusters() -> None:
    amap = argmap.parse(
        'section one "Part one"\nclaim a "A."\nsection two "Part two"\nclaim b "B."\n'
        'section sub "Inside" in two\nclaim c "C."\na supports b\nc supports b\n'
    )
    dot = to_dot(amap)
    assert '"cluster_section:one"' in dot and '"cluster_section:sub"' in dot
    assert dot.index('"cluster_section:two"') < dot.index('"cluster_section:sub"')


def test_provenance_reaches_tooltips_and_links() -> None:
    amap = argmap.parse(
        'perspective p "Pat"\nsource s "The Article" url "https://example.org/a"\n'
        'claim x "X." source s note "Said twice." quote p "It is so." from s at "p. 4" on "2013"\n'
    )
    line = node_line(to_dot(amap), "x")
    assert "It is so." in line and "Pat, The Article, p. 4, 2013" in line and "Note: Said twice." in line
    assert 'HREF="https://example.org/a"' in line


def test_only_web_and_mail_sources_become_links() -> None:
    amap = argmap.parse(
        'source bad "Bad" url "javascript:alert(1)"\nsource good "Good" url "https://e.org/r?a=1&b=<2>"\n'
        'claim x "X." source bad, good\n'
    )
    line = node_line(to_dot(amap), "x")
    assert "javascript" not in line.split("tooltip=")[0]
    assert 'HREF="https://e.org/r?a=1&amp;amp;b=%3C2%3E"' in line
    assert "HREF" not in node_line(to_dot(amap, links=False), "x")


def test_a_relations_provenance_is_its_arrows_tooltip() -> None:
    amap = argmap.parse(
        'perspective p "Pat"\nsource s "The Article"\nclaim a "A." date "2013-05"\nclaim b "B."\n'
        'a supports b note "Only in winter." source s quote p "It follows." from s at "para. 2"\n'
    )
    dot = to_dot(amap)
    line = next(ln for ln in dot.splitlines() if ln.startswith("\ta -> b"))
    assert "Note: Only in winter." in line and "It follows." in line and "Pat, The Article, para. 2" in line
    assert "Date: 2013-05" in node_line(dot, "a")


def test_names_are_never_cut() -> None:
    long_name = "The Extraordinarily Long-Named Association of Concerned Residents"
    amap = argmap.parse(
        f'perspective p "{long_name}"\nperspective q "Q"\nclaim x "X." held by p\n  rejected by q\n'
    )
    for dot in (to_dot(amap), to_dot(amap, compare=("p", "q")), to_dot(amap, perspective="p")):
        assert "..." not in dot
        words = {w for line in dot.splitlines() for w in re.findall(r"[A-Za-z-]+", line)}
        assert set(long_name.split()) <= words
