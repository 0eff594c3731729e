"""The translation (map -> Dung framework) inlines its supports and rebuttals and builds the
attack table without re-checking it (issue 20 item 2): it must make the very framework the
general way made (every relation through one ``add``, then ``Framework.from_edges``), the same
argument names and numbers, attacks in the same order, on random and generated maps under
every rule, whole or per perspective."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings

from argmap.errors import RuleError
from argmap.model import (
    ArgumentMap,
    Claim,
    ClaimKind,
    Contradiction,
    Rebuttal,
    Relation,
    Support,
    Undercut,
)
from argmap.semantics import RuleName
from argmap.semantics.framework import Framework
from argmap.semantics.translate import (
    AuxKind,
    Translation,
    _unique,
    framework,
    perspective_part,
    relation_argument_names,
)
from argmap.syntax.parser import parse
from bench.genmap import generate
from tests.test_perspectives_parts import small_maps

RULES: tuple[RuleName, ...] = ("evidential", "aspic", "attacks")


def _reference(  # noqa: PLR0917 - the element lists of translate, one pass each
    claims: Sequence[Claim],
    supports: Sequence[Support],
    rebuttals: Sequence[Rebuttal],
    undercuts: Sequence[Undercut],
    contradictions: Sequence[Contradiction],
    rule: RuleName,
) -> Translation:
    names: list[str] = []
    claim_index: dict[str, int] = {}
    for c in claims:
        if c.id not in claim_index:
            claim_index[c.id] = len(names)
            names.append(c.id)
    taken = set(claim_index)
    edges: list[tuple[int, int]] = []
    relations: dict[int, Relation] = {}
    inferences: dict[str, int] = {}
    by_name: dict[str, list[int]] = {}  # a relation's name -> its argument(s), for undercuts
    using: dict[str, list[int]] = {}  # a claim -> the relation arguments starting from it
    concluding: dict[str, list[int]] = {}

    def add(r: Relation, starts: Sequence[str]) -> list[int]:
        made = []
        for base in relation_argument_names(r):
            i = len(names)
            names.append(_unique(base, taken))
            relations[i] = r
            made.append(i)
        if r.name is not None:
            by_name.setdefault(r.name, made)
        for p in dict.fromkeys(starts):
            using.setdefault(p, []).extend(made[:1])
        return made

    if rule != "attacks":
        for s in supports:
            if s.conclusion not in claim_index or any(p not in claim_index for p in s.premises):
                continue
            (i,) = add(s, s.premises)
            inferences[names[i]] = i
            concluding.setdefault(s.conclusion, []).append(i)
    for r in rebuttals:
        t = claim_index.get(r.target)
        if t is None or any(a not in claim_index for a in r.attackers):
            continue
        (i,) = add(r, r.attackers)
        edges.append((i, t))
    for k in contradictions:
        left, right = claim_index.get(k.left), claim_index.get(k.right)
        if left is None or right is None:
            continue
        forward, backward = add(k, ())
        edges.append((forward, right))
        edges.append((backward, left))
        using.setdefault(k.left, []).append(forward)
        using.setdefault(k.right, []).append(backward)
    cuts: list[tuple[int, str]] = []
    for u in undercuts:
        if any(a not in claim_index for a in u.attackers):
            continue
        (i,) = add(u, u.attackers)
        cuts.append((i, u.target))
    for i, target in cuts:
        for j in by_name.get(target, ()):
            edges.append((i, j))
    auxiliary: dict[int, tuple[AuxKind, str]] = {}
    if rule == "evidential":
        for c in claims:
            if c.kind is ClaimKind.FACT or c.id not in concluding:
                continue
            j = len(names)
            names.append(_unique(f"unsupported:{c.id}", taken))
            auxiliary[j] = ("unsupported", c.id)
            edges.append((j, claim_index[c.id]))
            edges.extend((i, j) for i in concluding.pop(c.id))
    for p, rels in using.items():
        j = len(names)
        names.append(_unique(f"failed:{p}", taken))
        auxiliary[j] = ("failed", p)
        edges.append((claim_index[p], j))
        edges.extend((j, i) for i in rels)
    af = Framework.from_edges(len(names), edges, names)
    return Translation(af, rule, claim_index, inferences, relations, auxiliary)


def _same(m: ArgumentMap) -> None:
    for rule in RULES:
        try:
            got = framework(m, rule=rule)
        except RuleError:
            continue
        parts = [(None, (m.claims, m.supports, m.rebuttals, m.undercuts, m.contradictions))]
        parts += [(p.id, perspective_part(m, p.id)) for p in m.perspectives]
        for who, (claims, sups, rebs, unds, cons) in parts:
            if who is not None:
                got = framework(m, rule=rule, perspective=who)
            expected = _reference(claims, sups, rebs, unds, cons, rule)
            assert got.framework.names == expected.framework.names, (rule, who)
            assert got.framework.targets == expected.framework.targets, (rule, who)
            assert got.framework.attackers == expected.framework.attackers, (rule, who)
            assert list(got.claims.items()) == list(expected.claims.items())
            assert list(got.inferences.items()) == list(expected.inferences.items())
            assert list(got.relations.items()) == list(expected.relations.items())
            assert list(got.auxiliary.items()) == list(expected.auxiliary.items())


@settings(max_examples=500, deadline=None)
@given(small_maps())
def test_a_random_map_translates_as_the_general_way_does(text: str) -> None:
    _same(parse(text))


@pytest.mark.parametrize(("n", "seed"), [(400, 0), (3000, 1)])
def test_a_generated_map_translates_as_the_general_way_does(n: int, seed: int) -> None:
    _same(parse(generate(n, seed).argmap_text))


def test_repeated_generated_names_are_made_unique_as_before() -> None:
    _same(
        parse(
            'perspective p "p"\nclaim a "a"\nclaim b "b"\n'
            "a supports b by p\na supports b\na + a supports b\na rebuts b\na rebuts b by p\na + a rebuts b\n"
            "a contradicts b\na contradicts b\n"
        )
    )
