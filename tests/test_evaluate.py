"""argmap.semantics.evaluate: the map -> Dung translation rule, per-perspective evaluation, the agreement
matrix, cruxes and the W400 finding, through the public functions."""

from __future__ import annotations

import re
import time

import pytest

import argmap
from argmap.errors import RuleError, UnknownChoiceError, UnknownPerspectiveError
from argmap.semantics.agreement import perspectives
from argmap.semantics.evaluate import (
    claim_labels,
    evaluate,
    framework,
    perspective_findings,
)
from argmap.semantics.solvers import SearchStopped
from tests.conftest import MAPS


def labels(text: str, semantics: str = "grounded", **kw: str) -> dict[str, str]:
    return claim_labels(argmap.parse(text), semantics, **kw)  # type: ignore[arg-type]


# ---- the translation rule -----------------------------------------------------------------------------
def test_unsupported_claims_are_given_and_rebuttals_attack() -> None:
    got = labels('claim a "A."\nclaim b "B."\nclaim c "C."\na rebuts b\nb rebuts c\n')
    assert got == {"a": "in", "b": "out", "c": "in"}


def test_a_supported_claim_needs_one_standing_inference() -> None:
    text = """
claim p "P."
claim q "Q."
claim c "C."
claim u "U."
s1: p supports c
s2: q supports c
u undercuts s1
"""
    # one of two convergent supports is undercut: the other carries c
    assert labels(text)["c"] == "in"
    # both undercut: c falls, though nothing rebuts it
    assert labels(text + "u undercuts s2\n")["c"] == "out"


def test_a_linked_support_needs_every_premise() -> None:
    text = 'claim p "P."\nclaim q "Q."\nclaim c "C."\nclaim x "X."\nlink: p + q support c\n'
    assert labels(text)["c"] == "in"
    got = labels(text + "x rebuts q\n")
    assert got["q"] == "out" and got["c"] == "out"


def test_facts_are_given_even_when_supported() -> None:
    text = 'fact c "C."\nclaim p "P."\nclaim u "U."\ns: p supports c\nu undercuts s\n'
    assert labels(text)["c"] == "in"


def test_contradiction_is_an_attack_both_ways() -> None:
    text = 'claim a "A."\nclaim b "B."\na contradicts b\n'
    assert labels(text) == {"a": "undec", "b": "undec"}
    assert labels(text, "preferred") == {"a": "undec", "b": "undec"}
    ev = evaluate(argmap.parse(text), "preferred")
    assert set(ev.extensions) == {frozenset({"a"}), frozenset({"b"})}
    assert ev.credulous == {"a", "b"} and ev.sceptical == frozenset()


def test_attacks_rule_ignores_supports_and_refuses_their_undercuts() -> None:
    text = 'claim p "P."\nclaim c "C."\nclaim x "X."\ns: p supports c\nx rebuts p\n'
    assert labels(text)["c"] == "out"
    assert labels(text, rule="attacks")["c"] == "in"
    tr = framework(argmap.parse(text), rule="attacks")
    assert set(tr.framework.names) == {"p", "c", "x", "rebuts:x>p", "failed:x"}
    with pytest.raises(RuleError, match="undercuts the support 's'"):
        labels(text + "u undercuts s\n", rule="attacks")


def test_the_derived_framework_names_its_arguments() -> None:
    m = argmap.parse('claim p "P."\nclaim c "C."\nclaim u "U."\ns: p supports c\nu undercuts s\n')
    tr = framework(m)
    af = tr.framework
    assert set(af.names) == {"p", "c", "u", "s", "undercuts:u>s", "unsupported:c", "failed:p", "failed:u"}
    assert set(af.named_attacks()) == {
        ("undercuts:u>s", "s"),
        ("u", "failed:u"),
        ("failed:u", "undercuts:u>s"),
        ("s", "unsupported:c"),
        ("unsupported:c", "c"),
        ("p", "failed:p"),
        ("failed:p", "s"),
    }
    assert tr.claims == {"p": 0, "c": 1, "u": 2} and tr.inferences == {"s": 3}


def test_dangling_references_are_skipped_not_raised() -> None:
    m = argmap.parse('claim a "A."\nghost rebuts a\na rebuts nobody\nnope undercuts missing\n')
    assert claim_labels(m) == {"a": "in"}
    assert perspective_findings(m) == []


def test_example_maps() -> None:
    tweety = argmap.load(MAPS / "tweety.argmap")
    got = claim_labels(tweety, "grounded")
    assert got["flies"] == "out" and got["flightless"] == "in"
    nixon = argmap.load(MAPS / "nixon-diamond.argmap")
    ev = evaluate(nixon, "preferred")
    assert ev.labels["pacifist"] == "undec" and ev.labels["quaker"] == "in"
    assert ev.count == 2 and {"pacifist", "not-pacifist"} <= ev.credulous
    assert evaluate(nixon, "stable").count == 2


def test_claim_labels_covers_every_claim_for_every_semantics() -> None:
    for path in sorted(MAPS.glob("*.argmap")):
        m = argmap.load(path)
        for sem in ("grounded", "complete", "preferred", "stable"):
            got = claim_labels(m, sem)
            assert set(got) == {c.id for c in m.claims}
            assert set(got.values()) <= {"in", "out", "undec"}
        assert claim_labels(m, "complete") == claim_labels(m, "grounded")


def test_no_stable_labelling_leaves_every_claim_undec() -> None:
    text = 'claim a "A."\nclaim b "B."\nclaim c "C."\nclaim d "D."\na rebuts b\nb rebuts c\nc rebuts a\n'
    ev = evaluate(argmap.parse(text), "stable")
    assert not ev.exists and ev.count == 0 and ev.extensions == ()
    assert set(ev.labels.values()) == {"undec"}


def test_time_limit_surfaces_as_search_stopped() -> None:
    import random

    r = random.Random(3)
    n = 2000
    lines = [f'claim c{i} "C{i}."' for i in range(n)]
    for b in range(n):
        for a in r.sample([x for x in range(n) if x != b], r.choice((2, 3))):
            lines.append(f"c{a} rebuts c{b}")
    m = argmap.parse("\n".join(lines) + "\n")
    with pytest.raises(SearchStopped, match="time limit"):
        claim_labels(m, "preferred", time_limit=0.2)
    assert set(claim_labels(m, "grounded").values()) == {"undec"}


# ---- per perspective --------------------------------------------------------------------------------
ANALYSTS = """
perspective radic "Radic"
perspective savkovic "Savkovic"
fact drones "Kosovo bought drones."
claim bridgehead "Turkey builds a bridgehead." held by radic
  rejected by savkovic
claim commerce "The drone sales are commerce." held by savkovic
claim nato "NATO integration is the aim." held by savkovic
claim state "The sales are steered by the state." held by radic
arming: drones supports bridgehead by radic
commerce undercuts arming by savkovic
nato rebuts bridgehead by savkovic
commerce rebuts bridgehead by radic
state rebuts commerce by radic
"""


def test_each_perspective_evaluates_what_it_asserts() -> None:
    m = argmap.parse(ANALYSTS)
    radic = evaluate(m, "grounded", "radic")
    # radic's framework: its own relations, its claims, the facts; not savkovic's undercut
    assert radic.labels == {"drones": "in", "bridgehead": "in", "commerce": "out", "state": "in"}
    sav = evaluate(m, "grounded", "savkovic")
    assert sav.labels["bridgehead"] == "out" and sav.labels["commerce"] == "in"
    whole = claim_labels(m)
    assert whole["bridgehead"] == "out"  # undercut and rebutted by nato in the whole map
    v = radic.view
    assert v is not None
    assert v.conflict_free and v.owes == ()
    assert ("bridgehead", "nato") in v.unanswered and not v.admissible
    assert v.against_map == {"bridgehead": "out"}
    with pytest.raises(KeyError):
        evaluate(m, "grounded", "nobody")


def test_w400_doc_examples() -> None:
    fails = (
        'perspective radic "Aleksandar Radic"\n'
        'claim bridgehead "Turkey builds a bridgehead." held by radic\n'
        'claim commerce "The drone sales are commerce."\n'
        "commerce rebuts bridgehead by radic\n"
    )
    found = perspective_findings(argmap.parse(fails, "f.argmap"))
    assert [d.code for d in found] == ["W400"]
    d = found[0]
    assert "'commerce'" in d.message and "'radic'" in d.message and d.hint
    assert d.span is not None and (d.span.line, d.span.column) == (2, 56)  # `radic` in `held by`
    assert d.related[0].span is not None and d.related[0].span.line == 4
    passes = fails + 'claim state "State."  held by radic\nstate rebuts commerce by radic\n'
    assert perspective_findings(argmap.parse(passes)) == []


def test_w400_points_at_a_stance_statement_and_knows_other_answers() -> None:
    base = (
        'perspective p "P"\nclaim t "T."\nclaim a "A."\nclaim q "Q."\nclaim u "U."\n'
        "p accepts q, t\na rebuts t by p\n"
    )
    found = perspective_findings(argmap.parse(base, "m.argmap"))
    assert len(found) == 1 and found[0].span is not None
    assert (found[0].span.line, found[0].span.column) == (6, 14)  # `t` in `p accepts q, t`
    # a contradiction the perspective grants answers the attack by itself
    assert perspective_findings(argmap.parse(base + "t contradicts a by p\n")) == []
    # the attacker's only support, granted by p, is undercut by a claim p accepts
    derived = base + "s: q supports a by p\np accepts u\nu undercuts s by p\n"
    assert perspective_findings(argmap.parse(derived)) == []
    # an attack p does not grant is not its debt
    assert perspective_findings(argmap.parse(base.replace(" by p\n", "\n"))) == []


def test_check_adds_w400_and_example_maps_stay_clean() -> None:
    m = argmap.parse(ANALYSTS.replace("state rebuts commerce by radic\n", ""))
    assert "W400" in [d.code for d in argmap.check(m)]
    for path in sorted(MAPS.glob("*.argmap")):
        assert perspective_findings(argmap.load(path)) == []


def test_perspective_findings_is_fast_on_a_big_map() -> None:
    # not a timing assertion (benchmarks do that): a sanity bound far above the real cost
    n = 10_000
    lines = ['perspective p "P"', 'perspective q "Q"']
    for i in range(n):
        lines.append(f'claim c{i} "C{i}." held by {"p" if i % 2 else "q"}')
    for i in range(1, n):
        lines.append(f"c{i} rebuts c{i - 1} by {'p' if i % 3 else 'q'}")
    m = argmap.parse("\n".join(lines) + "\n")
    t = time.perf_counter()
    found = perspective_findings(m)
    assert time.perf_counter() - t < 5
    assert found and all(d.code == "W400" for d in found)


# ---- across perspectives -------------------------------------------------------------------------------
def test_agreement_matrix_scores_and_cruxes_on_the_nixon_diamond() -> None:
    m = argmap.load(MAPS / "nixon-diamond.argmap")
    r = perspectives(m)
    assert r.perspectives == ("dove", "hawk", "sceptic")
    assert r.row("pacifist") == ("accept", "reject", "reject")
    assert r.row("not-pacifist") == ("reject", "accept", "reject")
    assert r.row("quaker") == ("accept", "accept", "accept")
    # dove and hawk agree on the 4 shared premises, not on the 2 conclusions
    assert r.agreement[("dove", "hawk")] == pytest.approx(4 / 6)
    assert r.agreement[("hawk", "dove")] == r.agreement[("dove", "hawk")]
    # 6 claims, and the support quaker-default both assert
    assert r.shared[("dove", "sceptic")] == 7 and r.shared_relations[("dove", "sceptic")] == 1
    assert r.relations == ("quaker-default", "republican-default")
    assert r.row("quaker-default") == ("accept", "silent", "accept")
    assert [c.claim for c in r.cruxes] == ["pacifist", "not-pacifist"]
    assert r.cruxes[0].depends == ("not-pacifist",) and r.cruxes[0].weight == 3
    assert r.views["sceptic"].conflict_free


def test_stances_on_relations_count_in_the_agreement() -> None:
    text = (
        'perspective a "A"\nperspective b "B"\nperspective c "C"\nclaim x "X."\nclaim y "Y."\n'
        "r: x rebuts y by a\nb rejects r\n"
    )
    r = perspectives(argmap.parse(text))
    assert r.relations == ("r",) and r.row("r") == ("accept", "reject", "silent")
    assert r.agreement[("a", "b")] == 0.0 and r.shared_relations[("a", "b")] == 1
    assert r.pairs() == [("a", "b")] and r.apart() == 2
    doc = r.to_dict()
    assert doc["pairs_apart"] == 2 and [(d["a"], d["b"]) for d in doc["agreement"]] == [("a", "b")]


def test_silent_perspectives_and_no_shared_claims() -> None:
    m = argmap.parse('perspective a "A"\nperspective b "B"\nclaim x "X." held by a\n')
    r = perspectives(m)
    assert r.cells[("x", "b")] == "silent"
    assert r.agreement[("a", "b")] is None and r.cruxes == ()


def test_cruxes_rank_by_the_positions_that_depend_on_them() -> None:
    text = """
perspective p "P"
perspective q "Q"
claim root "Root." held by p
  rejected by q
claim leaf "Leaf." rejected by p
  held by q
claim mid "Mid." held by q
  rejected by p
claim other "Other." held by p
  rejected by q
root rebuts mid
mid rebuts leaf
"""
    r = perspectives(argmap.parse(text))
    by = {c.claim: c for c in r.cruxes}
    assert set(by) == {"root", "leaf", "mid", "other"}
    assert by["root"].depends == ("leaf", "mid") and by["root"].weight == 4
    assert by["other"].weight == 0
    assert r.cruxes[0].claim == "root"


# ---- asking for what is not there ------------------------------------------------------------------------
def test_an_unknown_perspective_is_one_error_with_a_suggestion() -> None:
    m = argmap.parse(ANALYSTS, "analysts.argmap")
    for ask in (lambda: evaluate(m, "grounded", "radik"), lambda: framework(m, perspective="radik")):
        with pytest.raises(UnknownPerspectiveError) as info:
            ask()
        assert isinstance(info.value, KeyError)
        assert str(info.value) == "analysts.argmap: the map has no perspective 'radik'"
        assert info.value.hint == "did you mean 'radic'?"
    with pytest.raises(UnknownPerspectiveError) as info:
        evaluate(argmap.parse(ANALYSTS), "grounded", "zz")
    assert info.value.hint == "the map's perspectives: radic, savkovic"


def test_an_unknown_semantics_or_rule_is_an_unknown_choice() -> None:
    m = argmap.parse(ANALYSTS)
    calls = [
        lambda: evaluate(m, "ideal"),  # type: ignore[arg-type]
        lambda: claim_labels(m, "ideal"),  # type: ignore[arg-type]
        lambda: perspectives(m, "ideal"),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(UnknownChoiceError, match="unknown semantics 'ideal'; choose one of: grounded"):
            call()
    for call in (
        lambda: evaluate(m, rule="strict"),  # type: ignore[arg-type]
        lambda: framework(m, rule="strict"),  # type: ignore[arg-type]
        lambda: perspectives(m, rule="strict"),  # type: ignore[arg-type]
    ):
        with pytest.raises(
            UnknownChoiceError, match="unknown rule 'strict'; choose one of: evidential, aspic, attacks"
        ):
            call()
    with pytest.raises(ValueError, match="unknown semantics") as info:  # a ValueError too
        evaluate(m, "prefered")  # type: ignore[arg-type]
    assert isinstance(info.value, UnknownChoiceError) and info.value.hint == "did you mean 'preferred'?"


def test_the_evaluation_step_is_importable_from_its_front_door() -> None:
    import argmap.semantics.evaluate as front
    from argmap.semantics import agreement, findings, translate, views

    assert argmap.perspectives is agreement.perspectives
    assert front.perspective_findings is findings.perspective_findings
    assert front.framework is translate.framework and front.translate is translate.translate
    assert front.PerspectiveView is views.PerspectiveView
    with pytest.raises(AttributeError, match="no_such_name"):
        front.no_such_name  # noqa: B018


# ---- what a perspective's framework takes in (docs/semantics.md, "Per perspective") -------------------
PART = """
perspective a "A"
perspective b "B"
fact f "A fact a uses."
fact g "A fact nobody in b's part mentions."
claim x "X."
claim y "Y."
claim z "Z."
r: f rebuts y by a, b
s: x rebuts z by a
b accepts s
b rejects r
"""


def test_a_perspective_framework_takes_its_relations_less_those_it_rejects() -> None:
    m = argmap.parse(PART)
    a = claim_labels(m, perspective="a")
    assert a == {"f": "in", "y": "out", "x": "in", "z": "out"}  # g is no part of a's reasoning
    b = claim_labels(m, perspective="b")
    # b asserts r but rejects it: out of b's framework; b accepts s: in it
    assert b == {"x": "in", "z": "out"}
    assert evaluate(m, perspective="b").labels == b


def test_render_of_one_perspective_alone_uses_its_own_labels() -> None:
    from argmap.drawing.render import to_dot

    m = argmap.parse(PART + "g rebuts x\n")  # unattributed: the whole map's, not a's
    assert claim_labels(m)["x"] == "out" and claim_labels(m, perspective="a")["x"] == "in"
    alone = to_dot(m, perspective="a", only=True, labels="grounded")
    whole = to_dot(m, labels="grounded")
    node = re.compile(r"^\s*x \[label=.*$", re.M)
    assert "IN: accepted" in node.findall(alone)[0] and "OUT: defeated" in node.findall(whole)[0]


def test_a_linked_attack_is_answered_by_defeating_one_attacker_or_undercutting_it() -> None:
    head = 'perspective p "P"\nclaim t "T." held by p\nclaim a "A."\nclaim b "B."\nclaim x "X." held by p\n'
    open_attack = head + "r: a + b rebuts t by p\n"
    assert evaluate(argmap.parse(open_attack), perspective="p").view.owes == (("t", "a"),)  # type: ignore[union-attr]
    assert [d.code for d in perspective_findings(argmap.parse(open_attack))] == ["W400"]
    for answer in ("x rebuts b by p\n", "x undercuts r by p\n"):
        m = argmap.parse(open_attack + answer)
        view = evaluate(m, perspective="p").view
        assert view is not None and view.owes == () and view.unanswered == ()
        assert perspective_findings(m) == []
    # accepting only one of two linked attackers is no conflict
    one = argmap.parse(head + "a + x rebuts t by p\n")
    view = evaluate(one, perspective="p").view
    assert view is not None and view.conflicts == ()


def test_perspectives_line_up_the_answers_per_question() -> None:
    """Issue 14: each perspective's answers to each question, with the sides the claims take."""
    m = argmap.parse(
        'perspective a "A"\nperspective b "B"\nperspective c "C"\n'
        'question q "Will it rain?"\nquestion r "Who pays?"\n'
        'claim wet "It will rain." answers q yes held by a rejected by b\n'
        'claim dry "It stays dry." answers q no held by b\n'
        'claim city "The city pays." answers r held by c\n'
    )
    report = argmap.perspectives(m)
    said = [(x.question, x.perspective, x.said()) for x in report.answers]
    assert said == [
        ("q", "a", "yes (wet)"),
        ("q", "b", "not yes (rejects wet)"),
        ("q", "b", "no (dry)"),
        ("r", "c", "city"),
    ]
    assert [x.claim for x in report.answers_to("q")["b"]] == ["wet", "dry"]
    assert report.to_dict()["answers"][0] == {
        "question": "q", "perspective": "a", "claim": "wet", "side": "yes", "accepts": True
    }  # fmt: skip
