"""argmap.semantics.solvers: textbook frameworks with known answers, properties on random frameworks,
brute force on small ones, and agreement with independent implementations (clingo with the
ASPARTIX encodings, formal-argumentation) where they are installed."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.semantics import solvers as S
from argmap.semantics.solvers import (
    Framework,
    SearchStopped,
    acceptance,
    enumerate_labellings,
    grounded,
    one_labelling,
)


def af(args: str, attacks: str) -> Framework:
    """A framework from 'a b c' and 'a>b b>c'."""
    pairs = [tuple(p.split(">")) for p in attacks.split()]
    return Framework.from_attacks(args.split(), pairs)  # type: ignore[arg-type]


def exts(f: Framework, semantics: str) -> set[frozenset[str]]:
    e = enumerate_labellings(f, semantics)
    assert e.exhaustive and e.stopped_by is None
    return {lab.extension() for lab in e.labellings}


def fs(*groups: str) -> set[frozenset[str]]:
    return {frozenset(g.split()) for g in groups}


# ---- textbook cases --------------------------------------------------------------------------------
def test_unattacked_chain_is_settled_by_grounded() -> None:
    f = af("a b c", "a>b b>c")
    assert grounded(f).as_dict() == {"a": "in", "b": "out", "c": "in"}
    for sem in ("complete", "preferred", "stable"):
        assert exts(f, sem) == fs("a c")


def test_odd_cycle_has_no_stable_extension() -> None:
    f = af("a b c", "a>b b>c c>a")
    assert grounded(f).as_dict() == {"a": "undec", "b": "undec", "c": "undec"}
    assert exts(f, "complete") == {frozenset()}
    assert exts(f, "preferred") == {frozenset()}
    assert exts(f, "stable") == set()
    status = acceptance(f, "stable")
    assert not status.exists and status.count == 0
    assert one_labelling(f, "stable") is None


def test_even_cycle_has_two_preferred_and_stable_extensions() -> None:
    f = af("a b c d", "a>b b>c c>d d>a")
    assert exts(f, "preferred") == fs("a c", "b d")
    assert exts(f, "stable") == fs("a c", "b d")
    assert exts(f, "complete") == fs("a c", "b d") | {frozenset()}


def test_nixon_diamond() -> None:
    f = af("quaker republican", "quaker>republican republican>quaker")
    assert grounded(f).extension() == frozenset()
    assert exts(f, "preferred") == fs("quaker", "republican")
    status = acceptance(f, "preferred")
    assert status.credulous == (True, True)
    assert status.sceptical == (False, False)
    assert len(enumerate_labellings(f, "preferred").labellings) == 2


def test_floating_reinstatement() -> None:
    # a and b attack each other and both attack c, which attacks d: d is reinstated whichever
    # of a and b wins, so it is sceptically preferred, but not grounded.
    f = af("a b c d", "a>b b>a a>c b>c c>d")
    assert grounded(f).extension() == frozenset()
    assert exts(f, "preferred") == fs("a d", "b d")
    status = acceptance(f, "preferred")
    d = f.index("d")
    c = f.index("c")
    assert status.sceptical[d] and status.rejected[c]
    assert not status.sceptical[f.index("a")] and status.credulous[f.index("a")]


def test_self_attack() -> None:
    f = af("a b", "a>a a>b")
    assert grounded(f).as_dict() == {"a": "undec", "b": "undec"}
    assert exts(f, "preferred") == {frozenset()}
    assert exts(f, "stable") == set()
    g = af("a b", "a>a b>a")
    assert exts(g, "stable") == fs("b")
    assert grounded(g).as_dict() == {"a": "out", "b": "in"}


def test_stable_less_component_sinks_the_whole_framework() -> None:
    f = af("a b x y z", "a>b b>a x>y y>z z>x")
    assert exts(f, "stable") == set()
    assert exts(f, "preferred") == fs("a", "b")


def test_empty_framework() -> None:
    f = Framework.from_edges(0, [])
    for sem in ("grounded", "complete", "preferred", "stable"):
        assert exts(f, sem) == {frozenset()}


def test_repeated_attacks_count_once() -> None:
    f = Framework.from_edges(2, [(0, 1), (0, 1), (1, 0)])
    assert f.attack_count() == 2
    assert f.attackers[1] == [0]


def test_unknown_semantics_and_bad_edges() -> None:
    with pytest.raises(ValueError, match="unknown semantics"):
        one_labelling(af("a", ""), "ideal")
    with pytest.raises(ValueError, match="outside"):
        Framework.from_edges(2, [(0, 2)])


# ---- limits ---------------------------------------------------------------------------------------
def test_enumeration_limit_over_independent_components() -> None:
    # ten independent 2-cycles: 1024 preferred extensions
    pairs = [(f"a{i}", f"b{i}") for i in range(10)]
    f = Framework.from_attacks([], [p for a, b in pairs for p in ((a, b), (b, a))])
    e = enumerate_labellings(f, "preferred", limit=5)
    assert len(e.labellings) == 5 and not e.exhaustive and e.stopped_by == "limit"
    assert len({lab.extension() for lab in e.labellings}) == 5
    # acceptance never enumerates them
    status = acceptance(f, "preferred")
    assert all(status.credulous) and not any(status.sceptical) and not any(status.rejected)


def test_acceptance_without_enumeration_in_one_big_component() -> None:
    # 2^40 preferred extensions in one component: 40 2-cycles whose a-sides all attack c;
    # c attacks d; c and d attack e. Nothing is sceptical; c and d are credulous; e is OUT in
    # every labelling (by c or else by d), which is found without listing anything.
    attacks = [p for i in range(40) for p in ((f"a{i}", f"b{i}"), (f"b{i}", f"a{i}"), (f"a{i}", "c"))]
    attacks += [("c", "d"), ("d", "e"), ("c", "e")]
    f = Framework.from_attacks([], attacks)
    for sem in ("preferred", "stable"):
        status = acceptance(f, sem)
        assert all(status.credulous[f.index(x)] for x in ("a0", "b0", "c", "d"))
        assert not any(status.sceptical)
        assert [f.names[x] for x in range(f.n) if status.rejected[x]] == ["e"]
        assert not status.credulous[f.index("e")]
    small = Framework.from_attacks([], [a for a in attacks if not any(f"{i}" in a[0] for i in range(3, 40))])
    brute_pref = {lab.ins() for lab in enumerate_labellings(small, "preferred").labellings}
    status = acceptance(small, "preferred")
    for x in range(small.n):
        assert status.sceptical[x] == all(x in e for e in brute_pref)
        assert status.credulous[x] == any(x in e for e in brute_pref)


def hard(n: int, seed: int) -> Framework:
    """Every argument has 2 or 3 attackers and none is unattacked."""
    r = random.Random(seed)
    edges = [(a, b) for b in range(n) for a in r.sample(range(n), r.choice((2, 3)))]
    return Framework.from_edges(n, edges)


def test_time_limit_is_reported_not_hidden() -> None:
    f = hard(2000, 7)
    assert grounded(f).extension() == frozenset()
    with pytest.raises(SearchStopped) as info:
        one_labelling(f, "preferred", time_limit=0.2)
    assert info.value.reason == "time" and "time limit of 0.2 s" in str(info.value)
    e = enumerate_labellings(f, "preferred", time_limit=0.2)
    assert e.stopped_by == "time" and not e.exhaustive


# ---- brute force and properties ---------------------------------------------------------------------
def brute(f: Framework) -> tuple[set[frozenset[int]], set[frozenset[int]], set[frozenset[int]]]:
    complete = {
        frozenset(c)
        for r in range(f.n + 1)
        for c in itertools.combinations(range(f.n), r)
        if S.is_complete(f, c)
    }
    preferred = {e for e in complete if not any(e < g for g in complete)}
    stable = {e for e in complete if S.is_stable(f, e)}
    return complete, preferred, stable


def random_af(r: random.Random, max_n: int) -> Framework:
    n = r.randrange(0, max_n + 1)
    m = r.randrange(0, 3 * n + 1) if n else 0
    return Framework.from_edges(n, [(r.randrange(n), r.randrange(n)) for _ in range(m)])


def test_agrees_with_brute_force_on_small_frameworks() -> None:
    r = random.Random(2024)
    for _ in range(150):
        f = random_af(r, 8)
        complete, preferred, stable = brute(f)
        for sem, want in (("complete", complete), ("preferred", preferred), ("stable", stable)):
            got = enumerate_labellings(f, sem).labellings
            assert {lab.ins() for lab in got} == want and len(got) == len(want)
            status = acceptance(f, sem)
            if sem != "complete":
                assert status.exists == bool(want)
            if want:
                for x in range(f.n):
                    assert status.credulous[x] == any(x in e for e in want)
                    if sem != "complete":
                        assert status.sceptical[x] == all(x in e for e in want)
        assert grounded(f).ins() == min(complete, key=len)


frameworks = st.integers(0, 9).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0))), max_size=3 * n)
        if n
        else st.just([]),
    )
)


@settings(max_examples=150, deadline=None)
@given(frameworks)
def test_properties(spec: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = spec
    f = Framework.from_edges(n, edges)
    g = grounded(f).ins()
    complete = [lab.ins() for lab in enumerate_labellings(f, "complete").labellings]
    preferred = [lab.ins() for lab in enumerate_labellings(f, "preferred").labellings]
    stable = [lab.ins() for lab in enumerate_labellings(f, "stable").labellings]
    # grounded is the least complete extension
    assert g in complete and all(g <= c for c in complete)
    # every preferred is complete (so admissible); every stable is preferred
    assert all(p in complete and S.is_admissible(f, p) for p in preferred)
    assert all(s in preferred for s in stable)
    # preferred are the maximal complete ones, and there is at least one
    assert preferred and all(not any(p < c for c in complete) for p in preferred)
    # all are conflict-free, and each labelling says IN exactly for its extension
    for e in [*complete, *preferred, *stable]:
        assert S.is_conflict_free(f, e)
    for lab in enumerate_labellings(f, "complete").labellings:
        assert lab == S.labelling_of(f, lab.ins())


@settings(max_examples=100, deadline=None)
@given(frameworks, st.randoms(use_true_random=False))
def test_results_do_not_depend_on_input_order(
    spec: tuple[int, list[tuple[int, int]]], rnd: random.Random
) -> None:
    n, edges = spec
    names = [f"x{i}" for i in range(n)]
    f = Framework.from_attacks(names, [(names[a], names[b]) for a, b in edges])
    shuffled_names = names[:]
    rnd.shuffle(shuffled_names)
    shuffled_edges = edges[:]
    rnd.shuffle(shuffled_edges)
    g = Framework.from_attacks(shuffled_names, [(names[a], names[b]) for a, b in shuffled_edges])
    assert f == g
    for sem in ("grounded", "complete", "preferred", "stable"):
        assert exts(f, sem) == exts(g, sem)


# ---- agreement with independent implementations -------------------------------------------------------
_GUESS = """
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- in(X), in(Y), att(X,Y).
defeated(X) :- in(Y), att(Y,X).
"""
_COMPLETE = _GUESS + (
    "not_defended(X) :- att(Y,X), not defeated(Y).\n:- in(X), not_defended(X).\n"
    ":- out(X), not not_defended(X).\n"
)
ASPARTIX = {
    "complete": (_COMPLETE, []),
    "preferred": (
        _COMPLETE + "#heuristic in(X) : arg(X). [1,true]\n",
        ["--heuristic=Domain", "--enum-mode=domRec"],
    ),
    "stable": (_GUESS + ":- out(X), not defeated(X).\n", []),
}


def clingo_extensions(f: Framework, semantics: str) -> set[frozenset[int]]:
    import clingo

    program, options = ASPARTIX[semantics]
    facts = "".join(f"arg({i})." for i in range(f.n)) + "".join(f"att({a},{b})." for a, b in f.attacks())
    ctl = clingo.Control([*options, "0", "--warn=none"])
    ctl.add("base", [], facts + program)
    ctl.ground([("base", [])])
    found: set[frozenset[int]] = set()
    ctl.solve(
        on_model=lambda m: found.add(
            frozenset(s.arguments[0].number for s in m.symbols(atoms=True) if s.name == "in")
        )
    )
    return found


def test_agrees_with_clingo_aspartix_on_random_frameworks() -> None:
    pytest.importorskip("clingo", reason="clingo is not installed (pip install clingo)")
    r = random.Random(7)
    checked = 0
    for k in range(300):
        f = random_af(r, 14 if k % 3 else 30)
        for sem in ("complete", "preferred", "stable"):
            mine = {lab.ins() for lab in enumerate_labellings(f, sem).labellings}
            assert mine == clingo_extensions(f, sem), (sem, list(f.attacks()))
            checked += 1
    assert checked == 900


def test_agrees_with_formal_argumentation_on_random_frameworks() -> None:
    pytest.importorskip(
        "argumentation", reason="formal-argumentation is not installed (pip install formal-argumentation)"
    )
    from argumentation.core.dung import (
        ArgumentationFramework,
        grounded_extension,
        preferred_extensions,
        stable_extensions,
    )

    r = random.Random(11)
    for k in range(200):
        f = random_af(r, 9 if k % 2 else 200)
        theirs = ArgumentationFramework(arguments=frozenset(f.names), defeats=frozenset(f.named_attacks()))
        assert grounded(f).extension() == grounded_extension(theirs)
        if f.n <= 9:
            assert exts(f, "preferred") == set(preferred_extensions(theirs))
            assert exts(f, "stable") == set(stable_extensions(theirs))


# ---- names ----------------------------------------------------------------------------------------------
def test_the_frameworks_names_are_importable_from_the_solvers() -> None:
    from argmap.semantics import framework

    for name in framework.__all__:
        assert getattr(S, name) is getattr(framework, name), name


def test_semantics_and_rule_names_are_checked_with_a_suggestion() -> None:
    from argmap.errors import UnknownChoiceError
    from argmap.semantics import RULES, SEMANTICS, rule_name, semantics_name

    assert [semantics_name(s) for s in SEMANTICS] == list(SEMANTICS)
    assert [rule_name(r) for r in RULES] == ["evidential", "aspic", "attacks"]
    assert rule_name("structured") == "evidential"  # its former name
    with pytest.raises(UnknownChoiceError, match="unknown semantics 'prefered'") as info:
        semantics_name("prefered")
    assert info.value.hint == "did you mean 'preferred'?"
    with pytest.raises(UnknownChoiceError, match="unknown rule 'atacks'") as info:
        rule_name("atacks")
    assert info.value.hint == "did you mean 'attacks'?"
