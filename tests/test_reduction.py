"""Attacks on attacks, linked attacks and self-attack: the reduction of a map to a Dung framework
(argmap.semantics.translate), against a brute force over the map's own meaning.

The brute force below knows nothing of frameworks: it reads a map as equations on labels of
claims and relations (docs/semantics.md, "What the labels mean on the map") and tries every
assignment. A relation goes through when every claim it starts from is IN and every undercut of
it is OUT; it fails when one of them is OUT or one undercut IN. A claim is IN when every attack
on it fails and (if it needs support) some support goes through; OUT when an attack goes through
or (needing support) every support fails. Complete labellings are the assignments that satisfy
every equation; grounded, preferred and stable are read off them by their definitions.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.model import ArgumentMap, ClaimKind, Contradiction, Rebuttal, Support, Undercut
from argmap.semantics.evaluate import claim_labels, evaluate, framework
from argmap.semantics.solvers import acceptance

IN, OUT, UNDEC = "in", "out", "undec"


# ---- the brute force ----------------------------------------------------------------------------
def _ends(r: object) -> list[tuple[tuple[str, ...], str]]:
    """A relation's attacks (or inference) as (what it starts from, what it reaches)."""
    if isinstance(r, Contradiction):
        return [((r.left,), r.right), ((r.right,), r.left)]
    if isinstance(r, Support):
        return [(r.premises, r.conclusion)]
    assert isinstance(r, (Rebuttal, Undercut))
    return [(r.attackers, r.target)]


def _all(labels: list[str]) -> str:
    """IN when every one is IN, OUT when one is OUT, else UNDEC (and of an empty list: IN)."""
    if OUT in labels:
        return OUT
    return IN if all(v == IN for v in labels) else UNDEC


def _some(labels: list[str]) -> str:
    if IN in labels:
        return IN
    return OUT if all(v == OUT for v in labels) else UNDEC


def _not(v: str) -> str:
    return {IN: OUT, OUT: IN, UNDEC: UNDEC}[v]


def complete_labellings(m: ArgumentMap, rule: str = "evidential") -> list[dict[str, str]]:
    """Every assignment of labels to claims and relation steps that satisfies the map's equations."""
    claims = [c.id for c in m.claims]
    facts = {c.id for c in m.claims if c.kind is ClaimKind.FACT}
    steps: list[tuple[str, object, tuple[str, ...], str]] = []  # (key, relation, starts, reaches)
    for k, r in enumerate(m.relations):
        if rule == "attacks" and isinstance(r, Support):
            continue
        for j, (starts, reaches) in enumerate(_ends(r)):
            steps.append((f"#{k}.{j}", r, starts, reaches))
    keys = claims + [s[0] for s in steps]
    out = []
    for values in itertools.product((IN, OUT, UNDEC), repeat=len(keys)):
        lab = dict(zip(keys, values, strict=True))
        if _satisfies(m, lab, claims, facts, steps, rule):
            out.append(lab)
    return out


def _satisfies(  # noqa: PLR0917
    m: ArgumentMap,
    lab: dict[str, str],
    claims: list[str],
    facts: set[str],
    steps: list[tuple[str, object, tuple[str, ...], str]],
    rule: str,
) -> bool:
    for key, r, starts, _ in steps:
        name = getattr(r, "name", None)
        cuts = [lab[k2] for k2, r2, _, _ in steps if isinstance(r2, Undercut) and r2.target == name]
        if lab[key] != _all([lab[p] for p in starts] + [_not(v) for v in cuts]):
            return False
    for c in claims:
        attacks = [lab[k] for k, r, _, t in steps if not isinstance(r, (Support, Undercut)) and t == c]
        sups = [lab[k] for k, r, _, t in steps if isinstance(r, Support) and t == c]
        parts = [_not(v) for v in attacks]
        if rule == "evidential" and sups and c not in facts:
            parts.append(_some(sups))
        if lab[c] != _all(parts):
            return False
    return True


def brute(m: ArgumentMap, semantics: str, rule: str = "evidential") -> dict[str, str]:
    """Every claim's label the way evaluate reads it (sceptical for preferred and stable)."""
    claims = [c.id for c in m.claims]
    comp = complete_labellings(m, rule)
    # labellings ordered by information: one is below another when it decides less
    decided = [frozenset((k, v) for k, v in lab.items() if v != UNDEC) for lab in comp]
    if semantics in ("grounded", "complete"):
        chosen = [lab for lab, d in zip(comp, decided, strict=True) if all(d <= e for e in decided)]
        assert len(chosen) == 1  # the grounded labelling is the least one
    elif semantics == "preferred":
        chosen = [lab for lab, d in zip(comp, decided, strict=True) if not any(d < e for e in decided)]
    else:
        chosen = [lab for lab in comp if UNDEC not in lab.values()]
        if not chosen:
            return dict.fromkeys(claims, UNDEC)
    return {
        c: IN
        if all(lab[c] == IN for lab in chosen)
        else OUT
        if all(lab[c] == OUT for lab in chosen)
        else UNDEC
        for c in claims
    }


# ---- random small maps --------------------------------------------------------------------------
NAMES = ["a", "b", "c", "d"]


@st.composite
def small_maps(draw: st.DrawFn) -> str:
    n = draw(st.integers(1, 4))
    ids = NAMES[:n]
    lines = [f'{"fact" if draw(st.booleans()) and draw(st.booleans()) else "claim"} {c} "{c}"' for c in ids]
    rel_names: list[str] = []
    for k in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["supports", "rebuts", "rebuts", "contradicts", "undercuts"]))
        name = f"r{k}"
        if kind == "undercuts":
            if not rel_names:
                continue
            ends = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
            lines.append(f"{name}: {' + '.join(ends)} undercuts {draw(st.sampled_from([*rel_names, name]))}")
        elif kind == "contradicts":
            lines.append(f"{name}: {draw(st.sampled_from(ids))} contradicts {draw(st.sampled_from(ids))}")
        else:
            ends = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
            lines.append(f"{name}: {' + '.join(ends)} {kind} {draw(st.sampled_from(ids))}")
        rel_names.append(name)
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(
    small_maps(),
    st.sampled_from(["grounded", "preferred", "stable"]),
    st.sampled_from(["evidential", "aspic"]),
)
def test_the_reduction_agrees_with_the_brute_force(text: str, semantics: str, rule: str) -> None:
    m = argmap.parse(text)
    assert claim_labels(m, semantics, rule=rule) == brute(m, semantics, rule), text  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(small_maps())
def test_the_attacks_rule_agrees_with_the_brute_force(text: str) -> None:
    m = argmap.parse(text)
    if any(u.target in {s.name for s in m.supports} for u in m.undercuts):
        return  # refused: tested below
    assert claim_labels(m, "grounded", rule="attacks") == brute(m, "grounded", "attacks"), text


@settings(max_examples=60, deadline=None)
@given(small_maps())
def test_credulous_acceptance_agrees_with_the_brute_force(text: str) -> None:
    m = argmap.parse(text)
    comp = complete_labellings(m)
    ev = evaluate(m, "preferred")
    assert ev.credulous == {c.id for c in m.claims if any(lab[c.id] == IN for lab in comp)}, text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMES), st.booleans()), max_size=7))
def test_plain_attacks_keep_the_labels_of_the_claim_level_framework(
    pairs: list[tuple[str, str, bool]],
) -> None:
    """Without undercuts or links, making every attack an argument changes no claim's label
    under any semantics: the labels are those of the Dung framework of the claims themselves."""
    from argmap.semantics.framework import Framework

    lines = [f'claim {c} "{c}"' for c in NAMES]
    edges = []
    for a, b, both in pairs:
        lines.append(f"{a} {'contradicts' if both else 'rebuts'} {b}")
        edges.append((a, b))
        if both:
            edges.append((b, a))
    m = argmap.parse("\n".join(lines) + "\n")
    direct = Framework.from_attacks(NAMES, edges)
    for sem in ("grounded", "preferred", "stable"):
        status = acceptance(direct, sem)  # type: ignore[arg-type]
        want = {
            c: IN if status.sceptical[i] else OUT if status.rejected[i] else UNDEC
            for i, c in enumerate(direct.names)
        }
        assert claim_labels(m, sem) == want  # type: ignore[arg-type]


# ---- the worked cases ---------------------------------------------------------------------------
BRIDGE = """
claim rating "The inspector rated the bridge 'monitor' in 2019."
claim diligent "The council kept the bridge in good repair."
claim only-monitor "A 'monitor' rating does not call for repairs."
claim rule "The council's own rules call for repairs after a 'monitor' rating."
r1: rating rebuts diligent
"""


def labels(text: str, semantics: str = "grounded", rule: str = "evidential") -> dict[str, str]:
    return claim_labels(argmap.parse(text), semantics, rule=rule)  # type: ignore[arg-type]


def test_an_undercut_of_a_rebuttal_stops_it_to_any_depth() -> None:
    assert labels(BRIDGE)["diligent"] == "out"
    cut = BRIDGE + "u1: only-monitor undercuts r1\n"
    assert labels(cut)["diligent"] == "in"
    recut = cut + "u2: rule undercuts u1\n"
    assert labels(recut)["diligent"] == "out"
    # a fourth level: the rule is itself undercut, so u1 stands again
    assert labels(recut + 'claim old "The rule was repealed."\nold undercuts u2\n')["diligent"] == "in"


def test_an_undercut_whose_attacker_falls_does_not_stop_the_attack() -> None:
    text = BRIDGE + "u1: only-monitor undercuts r1\nrule rebuts only-monitor\n"
    got = labels(text)
    assert got["only-monitor"] == "out" and got["diligent"] == "out"


def test_a_linked_attack_needs_every_attacker() -> None:
    text = 'claim p "P"\nclaim q "Q"\nclaim t "T"\nclaim x "X"\nr: p + q rebuts t\n'
    assert labels(text)["t"] == "out"
    assert labels(text + "x rebuts q\n")["t"] == "in"
    # a linked undercut likewise
    cut = (
        'claim p "P"\nclaim q "Q"\nclaim t "T"\nclaim a "A"\nclaim x "X"\nr: a rebuts t\np + q undercuts r\n'
    )
    assert labels(cut)["t"] == "in"
    assert labels(cut + "x rebuts p\n")["t"] == "out"


def test_self_attack_is_undecided_and_has_no_stable_labelling() -> None:
    text = 'claim a "A"\nclaim b "B"\na rebuts a\na rebuts b\n'
    assert labels(text) == {"a": "undec", "b": "undec"}
    assert labels(text, "preferred") == {"a": "undec", "b": "undec"}
    assert evaluate(argmap.parse(text), "stable").exists is False
    # a self-attacking claim that is itself defeated is OUT, and frees what it attacked
    assert labels(text + 'claim c "C"\nc rebuts a\n') == {"a": "out", "b": "in", "c": "in"}


def test_a_self_undercut_and_an_undercut_contradiction() -> None:
    text = 'claim a "A"\nclaim b "B"\nclaim x "X"\nr: a rebuts b\nu: x undercuts u\n'
    assert labels(text)["b"] == "out"
    text2 = 'claim a "A"\nclaim b "B"\nclaim x "X"\nk: a contradicts b\nx undercuts k\n'
    assert labels(text2) == {"a": "in", "b": "in", "x": "in"}


def test_every_relation_is_an_argument() -> None:
    tr = framework(argmap.parse(BRIDGE + "u1: only-monitor undercuts r1\nk: rating contradicts rule\n"))
    names = set(tr.framework.names)
    assert {"r1", "u1", "k:rating>rule", "k:rule>rating", "failed:rating"} <= names
    assert {type(r).__name__ for r in tr.relations.values()} == {"Rebuttal", "Undercut", "Contradiction"}


@pytest.mark.parametrize("rule", ["evidential", "aspic"])
def test_adding_a_support_never_lowers_a_claim_under_aspic(rule: str) -> None:
    before = 'claim a "A"\nclaim b "B"\nclaim c "C"\nc rebuts b\n'
    after = before + "b supports a\n"
    assert labels(before, rule=rule)["a"] == "in"
    assert labels(after, rule=rule)["a"] == ("out" if rule == "evidential" else "in")


_RANK = {"out": 0, "undec": 1, "in": 2}


@settings(max_examples=60, deadline=None)
@given(small_maps(), st.sampled_from(NAMES), st.sampled_from(NAMES))
def test_aspic_supports_never_lower_a_claim(text: str, p: str, c: str) -> None:
    m = argmap.parse(text)
    ids = {x.id for x in m.claims}
    if p not in ids or c not in ids:
        return
    before = claim_labels(m, rule="aspic")
    after = claim_labels(argmap.parse(text + f"{p} supports {c}\n"), rule="aspic")
    assert all(_RANK[after[x]] >= _RANK[before[x]] for x in before)


def test_the_argmap_blocks_of_docs_semantics_parse_and_evaluate() -> None:
    import re

    from tests.conftest import ROOT

    text = (ROOT / "docs" / "semantics.md").read_text(encoding="utf-8")
    blocks = dict(re.findall(r"^```argmap (\S+)\n(.*?)^```", text, re.S | re.M))
    assert set(blocks) >= {"bridge"}
    assert claim_labels(argmap.parse(blocks["bridge"]))["diligent"] == "out"
