"""argmap.semantics.iccma: apx and ICCMA 2023 (i23) export and import, round trips, errors, and a map's
framework solved by clingo straight from the exported apx text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.semantics.evaluate import claim_labels, framework
from argmap.semantics.iccma import IccmaError, from_apx, from_i23, read, to_apx, to_i23, write
from argmap.semantics.solvers import Framework, enumerate_labellings
from tests.conftest import MAPS

names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=8
).filter(lambda s: s.strip() == s and not s.startswith("#"))


@st.composite
def frameworks(draw: st.DrawFn) -> Framework:
    args = draw(st.lists(names, unique=True, max_size=8))
    n = len(args)
    edges = (
        draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n)) if n else []
    )
    return Framework.from_edges(n, edges, args)


@settings(max_examples=150, deadline=None)
@given(frameworks())
def test_apx_round_trip(f: Framework) -> None:
    back = from_apx(to_apx(f))
    assert back == f and back.names == f.names


@settings(max_examples=150, deadline=None)
@given(frameworks())
def test_i23_round_trip_keeps_names(f: Framework) -> None:
    back = from_i23(to_i23(f))
    assert back == f and back.names == f.names
    bare = from_i23(to_i23(f, names=False))
    assert bare.names == tuple(str(i + 1) for i in range(f.n))
    assert set(bare.attacks()) == set(f.attacks())


def test_apx_text_and_quoting() -> None:
    f = Framework.from_attacks(["a", "b-c", "Up", "unsupported:x", "7"], [("a", "b-c"), ("Up", "7")])
    text = to_apx(f)
    assert text == (
        'arg(a).\narg("b-c").\narg("Up").\narg("unsupported:x").\narg(7).\natt(a,"b-c").\natt("Up",7).\n'
    )
    assert write(f, "apx") == text and read(text, "apx") == f


def test_apx_reader_is_lenient_with_layout_and_comments() -> None:
    text = '  arg(a). arg(b).  % two args\n\n% a comment\narg( "c%d" ).\natt(a , b).att(b,"c%d").\n'
    f = from_apx(text)
    assert f.names == ("a", "b", "c%d")
    assert set(f.named_attacks()) == {("a", "b"), ("b", "c%d")}


def test_apx_errors_name_the_line() -> None:
    with pytest.raises(IccmaError, match="line 2: expected arg") as info:
        from_apx("arg(a).\nargh(b).\n")
    assert info.value.line == 2
    with pytest.raises(IccmaError, match="line 2: attack names 'z'"):
        from_apx("arg(a).\natt(a,z).\n")


def test_i23_text_and_errors() -> None:
    f = Framework.from_attacks(["a", "b", "c"], [("a", "b"), ("b", "c")])
    assert to_i23(f) == "p af 3\n# 1 a\n# 2 b\n# 3 c\n1 2\n2 3\n"
    assert to_i23(f, names=False) == "p af 3\n1 2\n2 3\n"
    assert from_i23("# a comment first\np af 2\n\n1 2\n# trailing\n").n == 2
    with pytest.raises(IccmaError, match="line 1: the first line must be 'p af N'"):
        from_i23("1 2\n")
    with pytest.raises(IccmaError, match=r"line 2: attack 1 3 names an argument outside 1\.\.2"):
        from_i23("p af 2\n1 3\n")
    with pytest.raises(IccmaError, match="line 2: expected an attack"):
        from_i23("p af 2\n1 x\n")
    with pytest.raises(IccmaError, match="no 'p af N' line"):
        from_i23("# nothing\n")
    with pytest.raises(ValueError, match="unknown format"):
        write(f, "tgf")


def test_a_maps_framework_solved_by_clingo_from_the_apx_text() -> None:
    clingo = pytest.importorskip("clingo", reason="clingo is not installed (pip install clingo)")
    from tests.test_semantics import ASPARTIX

    m = argmap.load(MAPS / "nixon-diamond.argmap")
    tr = framework(m)
    apx = to_apx(tr.framework)
    program, options = ASPARTIX["preferred"]
    ctl = clingo.Control([*options, "0", "--warn=none"])
    ctl.add("base", [], apx + program)
    ctl.ground([("base", [])])
    theirs: set[frozenset[str]] = set()
    ctl.solve(
        on_model=lambda model: theirs.add(
            frozenset(str(s.arguments[0]).strip('"') for s in model.symbols(atoms=True) if s.name == "in")
        )
    )
    mine = {lab.extension() for lab in enumerate_labellings(tr.framework, "preferred").labellings}
    assert mine == theirs and len(mine) == 2
    # and the claims IN in every one are the ones claim_labels calls "in"
    sceptical = frozenset.intersection(*theirs) & set(tr.claims)
    assert sceptical == {c for c, v in claim_labels(m, "preferred").items() if v == "in"}
