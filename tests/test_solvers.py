"""argmap.semantics.solvers and argmap.semantics.crux: forced grounded labellings against a brute
force, the incremental crux weighing against the full recomputation, and the solver's safety
budget."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.errors import SearchStopped
from argmap.model import ArgumentMap
from argmap.semantics import solvers as S
from argmap.semantics.crux import flips
from argmap.semantics.framework import IN, OUT, UNDEC, Framework, labelling_of
from argmap.semantics.solvers import grounded_labels
from argmap.semantics.translate import framework
from argmap.syntax.parser import parse
from bench.genmap import generate
from tests.conftest import Result

Cli = Callable[..., Result]


def brute_grounded(n: int, attacks: set[tuple[int, int]]) -> list[int]:
    """The grounded labelling by iterating the characteristic function from the empty set."""
    ext: set[int] = set()
    while True:
        beaten = {b for a, b in attacks if a in ext}
        nxt = {x for x in range(n) if all(a in beaten for a, b in attacks if b == x)}
        if nxt == ext:
            break
        ext = nxt
    beaten = {b for a, b in attacks if a in ext}
    return [IN if x in ext else OUT if x in beaten else UNDEC for x in range(n)]


def brute_forced(n: int, attacks: set[tuple[int, int]], forced: dict[int, int]) -> list[int]:
    """Forcing by changing the framework: IN drops the argument's attackers, OUT adds an
    unattacked attacker (argument n)."""
    changed = {(a, b) for a, b in attacks if forced.get(b) != IN}
    changed |= {(n, x) for x, v in forced.items() if v == OUT}
    return brute_grounded(n + 1, changed)[:n]


def test_a_forced_out_argument_without_attackers_defeats_nothing() -> None:
    # a -> z, w <-> z; forcing a OUT leaves z and w undecided (argmap used to give z OUT, w IN)
    af = Framework.from_attacks(["a", "z", "w"], [("a", "z"), ("w", "z"), ("z", "w")])
    lab = grounded_labels(af, {af.index("a"): OUT})
    assert dict(zip(af.names, lab, strict=True)) == {"a": OUT, "z": UNDEC, "w": UNDEC}
    lab = grounded_labels(af, {af.index("a"): IN})
    assert dict(zip(af.names, lab, strict=True)) == {"a": IN, "z": OUT, "w": IN}


@st.composite
def small_frameworks(draw: st.DrawFn) -> tuple[int, set[tuple[int, int]]]:
    n = draw(st.integers(1, 7))
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    return n, draw(st.sets(pairs, max_size=3 * n))


Fw = tuple[int, set[tuple[int, int]]]


@settings(max_examples=300, deadline=None)
@given(small_frameworks(), st.data())
def test_forced_labellings_match_a_brute_force(fw: Fw, data: st.DataObject) -> None:
    n, attacks = fw
    forced = data.draw(st.dictionaries(st.integers(0, n - 1), st.sampled_from([IN, OUT]), max_size=3))
    af = Framework.from_edges(n, attacks)
    assert list(grounded_labels(af, forced)) == brute_forced(n, attacks, forced)


# ---- the solver kept safe (issue 21) ------------------------------------------------------------
def _support_cycle(n: int) -> str:
    claims = "".join(f'claim c{i} "C {i}"\n' for i in range(n))
    return claims + "".join(f"c{i} supports c{(i + 1) % n}\n" for i in range(n))


def _child(*args: str) -> subprocess.CompletedProcess[str]:
    """Run argmap in a child process, so that a crash fails the test instead of killing pytest."""
    return subprocess.run(
        [sys.executable, *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
    )


@pytest.mark.slow
def test_a_50000_claim_support_cycle_is_solved_not_crashed(tmp_path: Path) -> None:
    # one undecided cycle of 200,000 arguments: its sceptical search adds a clause of 200,000
    # literals (the IN variables, then the OUT ones), which sent Glucose's recursive quicksort
    # one level deep per literal until the C stack overflowed (exit 139)
    path = tmp_path / "cycle.argmap"
    path.write_text(_support_cycle(50_000), encoding="utf-8")
    r = _child("-m", "argmap", "evaluate", "-s", "preferred", str(path))
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.startswith("preferred semantics, evidential rule, the whole map: 50000 claims")
    assert "2 preferred labellings" in r.stdout


_CYCLE = """
from argmap.semantics.framework import Framework
from argmap.semantics.solvers import acceptance
n = 200_000
af = Framework.from_edges(n, [(i, (i + 1) % n) for i in range(n)])
for sem in ("preferred", "stable"):
    status = acceptance(af, sem)
    assert status.exists and all(status.credulous) and not any(status.sceptical)
print("ok")
"""


def test_long_clauses_reach_the_solver_in_its_own_order() -> None:
    # the same shape straight to the solver, under both semantics that search
    r = _child("-c", _CYCLE)
    assert r.returncode == 0 and r.stdout == "ok\n", r.stderr[-2000:]


def test_a_component_past_the_budget_stops_with_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.setattr(S, "SAT_LITERAL_BUDGET", 1_000)
    af = Framework.from_edges(400, [(i, (i + 1) % 400) for i in range(400)])
    for call in (S.acceptance, S.one_labelling, S.enumerate_labellings):
        with pytest.raises(SearchStopped, match="past the solver's budget of 1,000") as info:
            call(af, "preferred")
        assert info.value.reason == "size"
    assert S.acceptance(af, "grounded").exists  # grounded needs no solver
    r = cli("evaluate", "-s", "stable", "-", stdin=_support_cycle(100))
    assert r.code == 1
    assert "past the solver's budget" in r.err and "--semantics grounded" in r.err
    assert "Traceback" not in r.err


# ---- crux weighing: incremental against the two full passes (issue 20 item 2) -------------------
def brute_flips(af: Framework, x: int) -> list[int]:
    """The arguments whose IN-ness differs between x forced IN and x forced OUT, by two full
    grounded passes (the computation argmap used before argmap.semantics.crux)."""
    a, b = grounded_labels(af, {x: IN}), grounded_labels(af, {x: OUT})
    return [i for i in range(af.n) if i != x and (a[i] == IN) != (b[i] == IN)]


@settings(max_examples=300, deadline=None)
@given(small_frameworks())
def test_flips_match_the_full_recomputation(fw: Fw) -> None:
    n, attacks = fw
    af = Framework.from_edges(n, attacks)
    assert flips(af, range(n)) == [brute_flips(af, x) for x in range(n)]


@pytest.mark.parametrize("seed", range(4))
def test_flips_match_on_larger_random_frameworks(seed: int) -> None:
    rng = random.Random(seed)
    n = 600
    density = (0.8, 1.2, 1.6, 2.5)[seed]
    af = Framework.from_edges(n, [(rng.randrange(n), rng.randrange(n)) for _ in range(int(density * n))])
    xs = rng.sample(range(n), 60)
    assert flips(af, xs) == [brute_flips(af, x) for x in xs]


def _reference_cruxes(m: ArgumentMap, max_cruxes: int = 500) -> list[tuple[str, tuple[str, ...], int]]:
    """The cruxes as argmap weighed them before (two forced grounded passes each)."""
    pers = tuple(p.id for p in m.perspectives)
    claims = tuple(c.id for c in m.claims)
    stance: dict[tuple[str, str], str] = {}
    for s in m.stances:
        stance.setdefault((s.claim, s.perspective), "accept" if s.accepts else "reject")
    disputed = []
    for c in claims:
        acc = tuple(p for p in pers if stance.get((c, p)) == "accept")
        rej = tuple(p for p in pers if stance.get((c, p)) == "reject")
        if acc and rej:
            disputed.append((c, acc, rej))
    disputed.sort(key=lambda d: -(len(d[1]) + len(d[2])))
    tr = framework(m)
    claim_of = {i: c for c, i in tr.claims.items()}
    out = []
    for c, acc, rej in disputed[:max_cruxes]:
        args = brute_flips(tr.framework, tr.claims[c])
        depends = tuple(claim_of[i] for i in args if i in claim_of)
        side = set(acc) | set(rej)
        weight = sum(1 for (d, p) in stance if d in set(depends) and p in side)
        out.append((c, depends, weight))
    out.sort(key=lambda k: (-k[2], claims.index(k[0])))
    return out


@pytest.mark.parametrize(("n", "seed"), [(300, 0), (1000, 1), (2000, 2)])
def test_cruxes_match_the_full_recomputation_on_generated_maps(n: int, seed: int) -> None:
    m = parse(generate(n, seed).argmap_text)
    report = argmap.perspectives(m)
    assert report.cruxes, "the generated maps have disputed claims"
    assert [(k.claim, k.depends, k.weight) for k in report.cruxes] == _reference_cruxes(m)


# ---- the clingo back end for hard preferred components (issue 20 item 3) -------------------------
@pytest.mark.parametrize("seed", range(6))
def test_the_clingo_back_end_gives_a_preferred_labelling(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    pytest.importorskip("clingo", reason="clingo is not installed (pip install argmap[asp])")
    from bench.semantics import hard_af

    monkeypatch.setattr(S, "ASP_MIN_ARGUMENTS", 1)
    monkeypatch.setattr(S, "ASP_AFTER", 0.0)  # straight to clingo
    from argmap.semantics import asp

    calls = []
    real = asp.preferred_labels

    def spy(*args: object) -> bytes | None:
        calls.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(asp, "preferred_labels", spy)
    n = 12 + seed
    af = Framework.from_edges(n, list(dict.fromkeys(hard_af(n, seed))))
    lab = S.one_labelling(af, "preferred")
    assert lab is not None
    ext = lab.ins()
    assert lab == labelling_of(af, ext)
    assert ext in {e.ins() for e in S.enumerate_labellings(af, "preferred").labellings}
    assert calls, "clingo was asked"
