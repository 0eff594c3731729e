"""Each perspective's view reads the map through the indexes of :class:`MapFacts` (the attacks
on and from the claims it accepts) instead of scanning all the map's attacks: the conflicts and
unanswered attacks must be those of the scan, in the same order, on random and generated maps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

import argmap
from argmap.model import ArgumentMap, Rebuttal
from argmap.semantics.views import attack_pairs, map_facts, perspective_view, unanswered
from argmap.syntax.parser import parse
from bench.genmap import generate
from tests.test_perspectives_parts import small_maps


def _scanned(m: ArgumentMap, p: str) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """The conflicts and unanswered attacks of ``p`` by a scan over every attack of the map (the
    computation before the indexes)."""
    claim_ids = {c.id for c in m.claims}
    accepted = {c for c in m.accepted_by(p) if c in claim_ids}
    attacks = attack_pairs(m.relations)

    def starts(a: str, rel: object) -> tuple[str, ...]:
        return rel.attackers if isinstance(rel, Rebuttal) else (a,)

    conflicts = tuple(
        dict.fromkeys(
            (a, t)
            for a, t, rel in attacks
            if t in accepted and a != t and all(s in accepted for s in starts(a, rel))
        )
    )
    open_attacks = tuple((t, a) for t, a, _ in unanswered(accepted, attacks, m.undercuts))
    return conflicts, open_attacks


def _same_views(m: ArgumentMap) -> None:
    facts = map_facts(m)
    labels = argmap.claim_labels(m)
    for p in m.perspectives:
        view = perspective_view(m, p.id, labels, {}, facts)
        assert (view.conflicts, view.unanswered) == _scanned(m, p.id), p.id


@settings(max_examples=400, deadline=None)
@given(small_maps())
def test_a_view_from_the_indexes_is_the_scan_s(text: str) -> None:
    _same_views(parse(text))


@pytest.mark.parametrize(("n", "seed"), [(500, 0), (3000, 2)])
def test_views_of_generated_maps_are_the_scan_s(n: int, seed: int) -> None:
    m = parse(generate(n, seed).argmap_text)
    _same_views(m)
    assert any(v.unanswered for v in argmap.perspectives(m).views.values())
