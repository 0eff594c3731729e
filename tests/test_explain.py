"""argmap.explain and `argmap explain`: why a claim has its label, checked against the framework
(the defence is a proof, the attackers attack, the cycle is a cycle) on random small maps."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.errors import UnknownIdError
from argmap.semantics.evaluate import claim_labels, evaluate, framework
from argmap.semantics.explain import Explanation, Step, explain
from argmap.semantics.framework import is_admissible
from tests.conftest import DATA, Result
from tests.test_reduction import small_maps

Cli = Callable[..., Result]
DRONES = str(DATA / "semantics" / "drones.argmap")
BRIDGE = """
claim rating "The inspector rated the bridge 'monitor' in 2019."
claim diligent "The council kept the bridge in good repair."
claim only-monitor "A 'monitor' rating does not call for repairs."
claim rules "The council's own rules call for repairs after a 'monitor' rating."
r1: rating rebuts diligent
u1: only-monitor undercuts r1
u2: rules undercuts u1
"""


def _check(m: argmap.ArgumentMap, e: Explanation) -> None:
    """The explanation is a proof of the label in the framework it came from."""
    af = framework(m, rule=e.rule, perspective=e.perspective).framework
    idx = af.index
    attacks = set(af.attacks())

    def edge(a: Step, b: Step) -> bool:
        return (idx(a.argument), idx(b.argument)) in attacks

    if e.reason == "defence":
        ins = set()
        for s in e.tree.walk():
            if s.repeated:
                continue
            if s.label == "in":
                ins.add(idx(s.argument))
                assert {idx(c.argument) for c in s.children} == set(af.attackers[idx(s.argument)])
                assert all(c.label == "out" and edge(c, s) for c in s.children)
            else:
                assert s.label == "out" and len(s.children) == 1
                (d,) = s.children
                assert d.label == "in" and edge(d, s)
        assert is_admissible(af, ins)
    elif e.reason == "attackers":
        assert e.tree.children and all(c.label == "in" and edge(c, e.tree) for c in e.tree.children)
    elif e.reason == "cycle":
        cyc = e.cycle
        assert cyc and all(s.label == "undec" for s in cyc)
        assert all(edge(cyc[k], cyc[(k + 1) % len(cyc)]) for k in range(len(cyc)))
        path = e.tree.walk()
        assert all(edge(b, a) for a, b in itertools.pairwise(path))
        assert any(edge(cyc[k], path[-1]) for k in range(len(cyc))) or path[-1].argument in {
            s.argument for s in cyc
        }


@settings(max_examples=60, deadline=None)
@given(small_maps(), st.sampled_from(["grounded", "preferred", "stable"]))
def test_every_explanation_is_a_proof_of_the_label(text: str, semantics: str) -> None:
    m = argmap.parse(text)
    labels = claim_labels(m, semantics)  # type: ignore[arg-type]
    for c in m.claims:
        e = explain(m, c.id, semantics)  # type: ignore[arg-type]
        assert e.label == labels[c.id], text
        if e.reason != "no labelling":
            _check(m, e)


def test_in_out_and_undec_on_the_bridge() -> None:
    m = argmap.parse(BRIDGE)
    out = explain(m, "diligent")
    assert out.label == "out" and out.reason == "attackers"
    assert [c.element for c in out.tree.children] == ["r1"]
    assert {r.name for r in out.related} == {"r1", "u1", "u2"}
    text = out.to_text()
    assert "diligent is OUT" in text and "defeated by r1: rating rebuts diligent" in text
    assert "attacked by u1: only-monitor undercuts r1" in text
    inside = explain(m, "rules")
    assert inside.label == "in" and inside.reason == "defence" and inside.tree.children == ()
    cyc = explain(argmap.parse('claim a "A"\nclaim b "B"\nclaim c "C"\na contradicts b\nb rebuts c\n'), "c")
    assert cyc.reason == "cycle" and {s.element for s in cyc.cycle if s.kind == "claim"} == {"a", "b"}


def test_self_attack_is_its_own_cycle() -> None:
    e = explain(argmap.parse('claim a "A"\nr: a rebuts a\n'), "a")
    assert e.label == "undec" and [s.kind for s in e.cycle] == ["claim", "failed", "rebuttal"]


def test_preferred_defence_is_an_admissible_set_and_stable_may_have_none() -> None:
    m = argmap.parse('claim a "A"\nclaim b "B"\na contradicts b\n')
    e = explain(m, "a", "preferred")
    assert e.label == "undec" and e.reason == "defence" and not e.sceptical
    assert "IN in some preferred labellings, not in all" in e.to_text()
    odd = argmap.parse('claim a "A"\nclaim b "B"\nclaim c "C"\na rebuts b\nb rebuts c\nc rebuts a\n')
    assert explain(odd, "a", "stable").reason == "no labelling"
    assert evaluate(odd, "stable").exists is False


def test_perspective_and_unknown_claims() -> None:
    m = argmap.load(DRONES)
    assert explain(m, "commerce", perspective="radic").label == "out"
    with pytest.raises(UnknownIdError, match="not in perspective 'radic''s framework"):
        explain(m, "nato", perspective="radic")
    with pytest.raises(UnknownIdError, match="no claim 'bridgehed'") as info:
        explain(m, "bridgehed")
    assert info.value.hint == "did you mean 'bridgehead'?"


def test_a_long_chain_is_explained_without_recursion() -> None:
    n = 3000
    lines = [f'claim c{i} "C{i}."' for i in range(n)]
    lines += [f"c{i} rebuts c{i + 1}" for i in range(n - 1)]
    m = argmap.parse("\n".join(lines) + "\n")
    e = explain(m, f"c{n - 1}")
    assert e.label == ("in" if (n - 1) % 2 == 0 else "out")
    assert len(e.tree.walk()) > n


def test_cli_explain_text_json_and_errors(cli: Cli) -> None:
    r = cli("explain", DRONES, "commerce", "--width", "60")
    assert r.code == 0, r.err
    assert r.out.startswith("commerce is OUT (grounded semantics, evidential rule, the\nwhole map)")
    assert "defeated by state rebuts commerce" in r.out
    assert max(len(line) for line in r.out.splitlines()) <= 60
    doc = json.loads(cli("explain", DRONES, "bridgehead", "-s", "preferred", "-f", "json").out)
    assert doc["label"] == "undec" and doc["reason"] == "defence" and doc["sceptical"] is False
    assert doc["tree"]["element"] == "bridgehead"
    r = cli("explain", DRONES, "bridgehed")
    assert r.code == 2 and "did you mean 'bridgehead'?" in r.err and "Traceback" not in r.err
    r = cli("explain", DRONES, "nato", "-p", "radic")
    assert r.code == 2 and "not in perspective 'radic''s framework" in r.err


def test_render_explain_draws_just_the_explanation(cli: Cli) -> None:
    r = cli("render", DRONES, "--explain", "commerce", "-f", "dot", "-o", "-")
    assert r.code == 0, r.err
    assert "commerce" in r.out and "state" in r.out and "OUT: defeated" in r.out
    assert "bridgehead" not in r.out and "nato" not in r.out  # not part of why commerce is OUT
    r = cli("render", DRONES, "--explain", "bridgehed", "-f", "dot", "-o", "-")
    assert r.code == 2 and "did you mean 'bridgehead'?" in r.err


def test_explain_view_keeps_the_claims_the_relations_join() -> None:
    from argmap.drawing.explain import explain_view

    sub, labels = explain_view(argmap.parse(BRIDGE), "diligent")
    assert {c.id for c in sub.claims} == {"rating", "diligent", "only-monitor", "rules"}
    assert labels == {"rating": "in", "diligent": "out", "only-monitor": "in", "rules": "in"}
    assert {r.name for r in sub.relations} == {"r1", "u1", "u2"}
