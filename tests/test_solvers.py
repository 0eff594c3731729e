"""argmap.semantics.solvers and argmap.semantics.crux: forced grounded labellings against a brute
force, the incremental crux weighing against the full recomputation, and the solver's safety
budget."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.semantics.framework import IN, OUT, UNDEC, Framework
from argmap.semantics.solvers import grounded_labels


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
