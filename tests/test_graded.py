"""Graded strength (argmap.semantics.graded): DF-QuAD and quadratic energy, checked on the
papers' own properties (monotonicity of supporters and attackers, balance, directionality) over
random acyclic maps, and on examples worked by hand from their definitions."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.semantics.graded import GRADED, strengths
from tests.conftest import DATA, Result

Cli = Callable[..., Result]
N = 5


@st.composite
def acyclic(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    """Claims c0..c4 with base scores, and relations from a later claim to an earlier one."""
    bases = [draw(st.sampled_from([0.0, 0.2, 0.5, 0.8, 1.0])) for _ in range(N)]
    head = "".join(f'claim c{i} "C{i}." base {b}\n' for i, b in enumerate(bases))
    rels = draw(
        st.lists(
            st.tuples(
                st.integers(1, N - 1), st.integers(0, N - 2), st.sampled_from(["supports", "rebuts"])
            ).filter(lambda t: t[0] > t[1]),
            max_size=6,
        )
    )
    return head, rels


def text_of(head: str, rels: list[tuple[int, int, str]]) -> str:
    return head + "".join(f"c{a} {verb} c{b}\n" for a, b, verb in rels)


def values(text: str, sem: str) -> dict[str, float]:
    return strengths(argmap.parse(text), sem).strengths  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(acyclic(), st.sampled_from(GRADED), st.integers(1, N - 1), st.data())
def test_a_new_supporter_never_lowers_and_a_new_attacker_never_raises(
    m: tuple[str, list[tuple[int, int, str]]], sem: str, a: int, data: st.DataObject
) -> None:
    head, rels = m
    b = data.draw(st.integers(0, a - 1))
    before = values(text_of(head, rels), sem)
    supported = values(text_of(head, [*rels, (a, b, "supports")]), sem)
    attacked = values(text_of(head, [*rels, (a, b, "rebuts")]), sem)
    assert supported[f"c{b}"] >= before[f"c{b}"] - 1e-12
    assert attacked[f"c{b}"] <= before[f"c{b}"] + 1e-12
    assert all(0.0 <= v <= 1.0 for v in (*before.values(), *supported.values(), *attacked.values()))


@settings(max_examples=60, deadline=None)
@given(acyclic(), st.sampled_from(GRADED), st.integers(1, N - 1), st.data())
def test_directionality_a_new_relation_changes_only_what_it_reaches(
    m: tuple[str, list[tuple[int, int, str]]], sem: str, a: int, data: st.DataObject
) -> None:
    head, rels = m
    b = data.draw(st.integers(0, a - 1))
    new = (a, b, data.draw(st.sampled_from(["supports", "rebuts"])))
    before, after = values(text_of(head, rels), sem), values(text_of(head, [*rels, new]), sem)
    reached, todo = {b}, [b]
    while todo:
        x = todo.pop()
        for s, t, _ in rels:
            if s == x and t not in reached:
                reached.add(t)
                todo.append(t)
    assert all(after[f"c{i}"] == before[f"c{i}"] for i in range(N) if i not in reached)


@pytest.mark.parametrize("sem", GRADED)
def test_balance_and_no_relations_keep_the_base_score(sem: str) -> None:
    text = 'claim t "T." base 0.3\nclaim p "P." base 0.7\nclaim q "Q." base 0.7\np supports t\nq rebuts t\n'
    got = values(text, sem)
    assert got == {"t": pytest.approx(0.3), "p": 0.7, "q": 0.7}
    assert values('claim a "A."\n', sem) == {"a": 0.5}  # the default base score


def test_worked_examples() -> None:
    attack = 'claim a "A."\nclaim b "B." base 1\nb rebuts a\n'
    # DF-QuAD: va = 1, vs = 0: 0.5 - 0.5 * 1 = 0; quadratic energy: E = -1, h(1) = 1/2: 0.25
    assert values(attack, "df-quad")["a"] == 0.0
    assert values(attack, "quadratic-energy")["a"] == pytest.approx(0.25)
    support = 'claim a "A."\nclaim b "B." base 0.8\nclaim c "C." base 0.5\nb supports a\nc supports a\n'
    # DF-QuAD: vs = 1 - 0.2 * 0.5 = 0.9: 0.5 + 0.5 * 0.9 = 0.95; energy: E = 1.3: h = 1.69 / 2.69
    assert values(support, "df-quad")["a"] == pytest.approx(0.95)
    assert values(support, "quadratic-energy")["a"] == pytest.approx(0.5 + 0.5 * 1.69 / 2.69)
    # a 2-cycle: DF-QuAD settles at the fixed point a = 0.5 * (1 - a) = 1/3
    cycle = strengths(argmap.parse('claim a "A."\nclaim b "B."\na contradicts b\n'), "df-quad")
    assert cycle.converged and cycle.strengths["a"] == pytest.approx(1 / 3, abs=1e-6)


@pytest.mark.parametrize("sem", GRADED)
def test_undercuts_and_linked_relations_bring_less(sem: str) -> None:
    base = 'claim t "T."\nclaim p "P." base 1\nclaim q "Q." base 0.4\nclaim u "U." base 1\n'
    plain = values(base + "s: p supports t\n", sem)["t"]
    linked = values(base + "s: p + q support t\n", sem)["t"]
    cut = values(base + "s: p supports t\nu undercuts s\n", sem)["t"]
    assert 0.5 < linked < plain and 0.5 <= cut < plain
    if sem == "df-quad":  # an undercut of strength 1 stops the support entirely
        assert cut == pytest.approx(0.5)


def test_cli_evaluate_graded(cli: Cli) -> None:
    drones = str(DATA / "semantics" / "drones.argmap")
    r = cli("evaluate", drones, "-s", "df-quad", "--width", "90")
    assert r.code == 0, r.err
    assert r.out.startswith("df-quad strengths, the whole map: 6 claims")
    lines = r.out.splitlines()
    assert lines[lines.index(next(ln for ln in lines if "strength  base" in ln)) + 1].split()[:2] == [
        "bridgehead",
        "0.583",
    ]
    doc = json.loads(cli("evaluate", drones, "-s", "quadratic-energy", "-p", "radic", "-f", "json").out)
    assert doc["perspective"] == "radic" and doc["strengths"]["bridgehead"] == pytest.approx(0.6)
    assert doc["converged"] is True


def test_render_shades_claims_by_strength(cli: Cli) -> None:
    drones = str(DATA / "semantics" / "drones.argmap")
    r = cli("render", drones, "--labels", "df-quad", "-f", "dot", "-o", "-")
    assert r.code == 0, r.err
    assert r.out.count("STRENGTH 0.4-0.6") == 4 and r.out.count("STRENGTH 0.2-0.4") == 2
    from argmap.drawing.styles import STATUS, strength_status

    assert [strength_status(v) for v in (0.0, 0.19, 0.2, 0.99, 1.0)] == [
        "strength-0",
        "strength-0",
        "strength-1",
        "strength-4",
        "strength-4",
    ]
    assert all(f"strength-{k}" in STATUS for k in range(5))


def test_explain_a_strength(cli: Cli) -> None:
    drones = str(DATA / "semantics" / "drones.argmap")
    g = strengths(argmap.load(drones), "df-quad")
    assert g.influences["bridgehead"] == (
        ("arming: drones + weapons supports", pytest.approx(0.375)),
        ("nato attacks", pytest.approx(-0.2083333, abs=1e-6)),
    )
    r = cli("explain", drones, "bridgehead", "-s", "df-quad")
    assert r.code == 0, r.err
    assert r.out.splitlines() == [
        "bridgehead has strength 0.583 (df-quad; base score 0.50)",
        "  +0.375  arming: drones + weapons supports it",
        "  -0.208  nato attacks it",
    ]
    doc = json.loads(cli("explain", drones, "drones", "-s", "quadratic-energy", "-f", "json").out)
    assert doc["strength"] == 0.5 and doc["influences"] == []
    r = cli("explain", drones, "bridgehed", "-s", "df-quad")
    assert r.code == 2 and "did you mean 'bridgehead'?" in r.err
