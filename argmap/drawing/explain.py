"""The drawing of an explanation (``argmap render --explain CLAIM``): just the part of the map
that :func:`argmap.semantics.explain.explain` goes through (the claims and relations of the
defence, of the attacks or of the cycle, with the claims those relations join), each claim
marked with its label.

The picture itself is the ordinary drawing (:mod:`argmap.drawing.render`) of that sub-map, with
the labels given as a mapping; this module only chooses what goes in.
"""

from __future__ import annotations

from argmap.model import (
    ArgumentMap,
    Claim,
    Contradiction,
    Element,
    Perspective,
    Rebuttal,
    Stance,
    Support,
    Title,
    Undercut,
)
from argmap.semantics import RuleName, SemanticsName

__all__ = ["explain_view"]


def explain_view(
    amap: ArgumentMap,
    claim: str,
    semantics: SemanticsName = "grounded",
    perspective: str | None = None,
    *,
    rule: RuleName = "evidential",
    time_limit: float | None = 10.0,
) -> tuple[ArgumentMap, dict[str, str]]:
    """The sub-map an explanation of ``claim`` goes through, and the labels of its claims (in
    the whole map, or in ``perspective``'s framework). The explanation's errors pass through
    (an unknown claim is an UnknownIdError)."""
    from argmap.semantics.evaluate import evaluate
    from argmap.semantics.explain import explain

    found = explain(amap, claim, semantics, perspective, rule=rule, time_limit=time_limit)
    wanted = set(found.claims())
    relations = set()
    for r in found.related:
        relations.add(id(r))
        if isinstance(r, Support):
            wanted.update((*r.premises, r.conclusion))
        elif isinstance(r, Rebuttal):
            wanted.update((*r.attackers, r.target))
        elif isinstance(r, Undercut):
            wanted.update(r.attackers)
        elif isinstance(r, Contradiction):
            wanted.update((r.left, r.right))
    names = {r.name for r in found.related if r.name is not None}
    kept: list[Element] = []
    for e in amap.elements:
        if isinstance(e, (Title, Perspective)):
            kept.append(e)
        elif isinstance(e, Claim):
            if e.id in wanted:
                kept.append(e)
        elif isinstance(e, (Support, Rebuttal, Undercut, Contradiction)):
            if id(e) in relations:
                kept.append(e)
        elif isinstance(e, Stance) and (e.target in wanted or e.target in names):
            kept.append(e)
    labels = evaluate(amap, semantics, perspective, rule=rule, limit=0, time_limit=time_limit).labels
    return amap.with_elements(kept), {c: labels[c] for c in wanted if c in labels}
