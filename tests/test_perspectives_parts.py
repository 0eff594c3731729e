"""`argmap perspectives` reads each perspective's part off the whole map's translation
(:mod:`argmap.semantics.parts`) instead of translating it anew: the labels must be those of the
part's own translation (:func:`argmap.semantics.evaluate.claim_labels_of_part`), on random maps
with every kind of relation, named relations accepted and rejected, facts, repeated names and
dangling references, under every rule and semantics, and on generated maps."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.model import ArgumentMap
from argmap.semantics.evaluate import claim_labels_of_part
from argmap.semantics.framework import Framework
from argmap.semantics.parts import part_index, part_labels
from argmap.semantics.solvers import grounded_labels
from argmap.semantics.translate import framework
from argmap.syntax.parser import parse
from bench.genmap import generate

PERSPECTIVES = ("p0", "p1", "p2")
RULES = ("evidential", "aspic", "attacks")
SEMANTICS = ("grounded", "complete", "preferred", "stable")


@st.composite
def small_maps(draw: st.DrawFn) -> str:
    """A small map's text: claims (some facts), supports (some linked), rebuttals,
    contradictions and undercuts (some named, some by perspectives, some on names that are
    missing or used twice), and stances on claims and named relations."""
    n = draw(st.integers(1, 8))
    claims = [f"c{i}" for i in range(n)]
    names: list[str] = []
    lines = [f'perspective {p} "{p}"' for p in PERSPECTIVES]
    lines += [f'{draw(st.sampled_from(["claim", "claim", "fact"]))} {c} "{c}"' for c in claims]
    ids = st.sampled_from([*claims, "ghost"]) if draw(st.booleans()) else st.sampled_from(claims)
    for k in range(draw(st.integers(0, 14))):
        kind = draw(st.sampled_from(["supports", "rebuts", "contradicts", "undercuts"]))
        starts = draw(st.lists(ids, min_size=1, max_size=2 if kind != "contradicts" else 1, unique=True))
        if kind == "undercuts":
            if not names:
                continue
            target = draw(st.sampled_from([*names, "nothing"]))
        else:
            target = draw(ids)
        name = ""
        if draw(st.booleans()):
            fresh = f"r{k}"
            name = draw(st.sampled_from([fresh, *names[:1]])) if names and draw(st.booleans()) else fresh
            names.append(name)
        by = draw(st.lists(st.sampled_from(PERSPECTIVES), max_size=2, unique=True))
        line = f"{name + ': ' if name else ''}{' + '.join(starts)} {kind} {target}"
        lines.append(line + (f" by {', '.join(by)}" if by else ""))
    for p in PERSPECTIVES:
        for target in draw(st.lists(st.sampled_from([*claims, *names]), max_size=5, unique=True)):
            lines.append(f"{p} {draw(st.sampled_from(['accepts', 'accepts', 'rejects']))} {target}")
    return "\n".join(lines) + "\n"


def _same_parts(m: ArgumentMap, rule: str, semantics: str) -> None:
    index = part_index(m, framework(m, rule=rule))  # type: ignore[arg-type]
    for p in PERSPECTIVES if m.perspectives else ():
        expected = claim_labels_of_part(m, p, semantics, rule, None)  # type: ignore[arg-type]
        got = part_labels(m, index, p, semantics, None)  # type: ignore[arg-type]
        assert list(got.items()) == list(expected.items()), (p, rule, semantics)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_maps(), st.sampled_from(RULES), st.sampled_from(SEMANTICS))
def test_a_part_read_off_the_whole_translation_has_its_own_translation_s_labels(
    text: str, rule: str, semantics: str
) -> None:
    m = parse(text)
    try:
        framework(m, rule=rule)  # type: ignore[arg-type]
    except argmap.errors.RuleError:
        return  # the attacks rule refuses a map that undercuts a support, whole or in part
    _same_parts(m, rule, semantics)


@pytest.mark.parametrize(("n", "seed"), [(300, 0), (2000, 1)])
@pytest.mark.parametrize("rule", RULES)
def test_parts_of_generated_maps_have_their_own_translation_s_labels(n: int, seed: int, rule: str) -> None:
    m = parse(generate(n, seed).argmap_text)
    try:
        framework(m, rule=rule)  # type: ignore[arg-type]
    except argmap.errors.RuleError:
        pytest.skip("the generated map undercuts supports, which the attacks rule refuses")
    index = part_index(m, framework(m, rule=rule))  # type: ignore[arg-type]
    assert index.exact
    for p in m.perspectives:
        for semantics in ("grounded", "complete"):
            expected = claim_labels_of_part(m, p.id, semantics, rule, None)  # type: ignore[arg-type]
            assert list(part_labels(m, index, p.id, semantics, None).items()) == list(expected.items())


def test_a_repeated_relation_name_makes_parts_be_translated_on_their_own() -> None:
    m = parse(
        'perspective p "p"\nperspective q "q"\nclaim a "a"\nclaim b "b"\nclaim c "c"\n'
        "r: a rebuts b by p\nr: c rebuts b by q\nc undercuts r by q\n"
    )
    index = part_index(m, framework(m))
    assert not index.exact
    for p in ("p", "q"):
        assert part_labels(m, index, p, "grounded", None) == claim_labels_of_part(
            m, p, "grounded", "evidential", None
        )


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 12).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))),
            st.sets(st.integers(0, n - 1)),
        )
    )
)
def test_an_induced_framework_is_the_restriction(fw: tuple[int, set[tuple[int, int]], set[int]]) -> None:
    n, attacks, keep = fw
    af = Framework.from_edges(n, sorted(attacks))
    members = sorted(keep)
    sub = af.induced(members)
    number = {x: i for i, x in enumerate(members)}
    assert sub.names == tuple(af.names[x] for x in members)
    assert set(sub.attacks()) == {(number[a], number[b]) for a, b in attacks if a in keep and b in keep}
    expected = Framework.from_edges(
        len(members), sorted({(number[a], number[b]) for a, b in attacks if a in keep and b in keep})
    )
    assert sub.attackers == expected.attackers
    assert grounded_labels(sub) == grounded_labels(expected)
