"""Map -> Dung framework: the rule that turns a map (a bipolar framework: claims, supports,
attacks) into arguments and attacks, and the way back from arguments to claims.

The "structured" rule is in the spirit of AIF and ASPIC+ (docs/semantics.md has it with a
worked example):

* every claim is an argument, and so is every support (its inference: the premises, together,
  to the conclusion; a linked support is one inference);
* a claim is *given* when it is a ``fact`` or no support concludes it; any other claim needs
  one of its inferences: an auxiliary argument ``unsupported:C`` attacks it, and each
  inference concluding C attacks ``unsupported:C`` (so C stands when some inference does);
* an inference needs all its premises: for each premise P an auxiliary ``failed:P``, attacked
  by P, attacks every inference that uses P;
* a rebuttal attacks its target; a contradiction attacks both ways; an undercut attacks the
  inference of the named support.

The "attacks" rule keeps only rebuttals and contradictions between claims (supports and
undercuts play no part), for comparison.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from argmap.errors import UnknownPerspectiveError
from argmap.model import (
    ArgumentMap,
    Claim,
    ClaimKind,
    Contradiction,
    Rebuttal,
    Support,
    Undercut,
)
from argmap.semantics import RULES, RuleName, rule_name
from argmap.semantics.framework import Framework, Status
from argmap.util.gcpause import paused_gc

__all__ = ["RULES", "Translation", "framework", "perspective_part", "require_perspective", "translate"]


@attrs.frozen(slots=True)
class Translation:
    """A map's Dung framework, with which argument stands for what.

    ``claims`` maps claim id -> argument number; ``inferences`` maps each support's argument
    name -> its number; the rest are auxiliary arguments (``unsupported:C``, ``failed:P``).
    """

    framework: Framework
    rule: RuleName
    claims: dict[str, int]
    inferences: dict[str, int]

    def claim_labels(self, status: Status) -> dict[str, str]:
        """Each claim -> "in" (sceptically accepted), "out" (rejected in every labelling) or
        "undec", from the status of the framework's arguments."""
        out: dict[str, str] = {}
        for c, i in self.claims.items():
            if status.sceptical[i]:
                out[c] = "in"
            elif status.rejected[i]:
                out[c] = "out"
            else:
                out[c] = "undec"
        return out


def _inference_name(s: Support, taken: set[str]) -> str:
    if s.name is not None and s.name not in taken:
        return s.name
    base = f"{'+'.join(s.premises)}>{s.conclusion}"
    name, k = base, 2
    while name in taken:
        name = f"{base}#{k}"
        k += 1
    return name


def translate(
    claims: Sequence[Claim],
    supports: Sequence[Support] = (),
    rebuttals: Sequence[Rebuttal] = (),
    undercuts: Sequence[Undercut] = (),
    contradictions: Sequence[Contradiction] = (),
    *,
    rule: RuleName = "structured",
) -> Translation:
    """The Dung framework of these elements under ``rule`` ("structured" or "attacks").

    Relations that name a claim (or support) not among ``claims`` are skipped: a map with
    dangling references still evaluates. An unknown rule is an UnknownChoiceError.
    """
    checked = rule_name(rule)
    with paused_gc():
        return _translate(claims, supports, rebuttals, undercuts, contradictions, checked)


def _translate(  # noqa: PLR0917 - the element lists of translate
    claims: Sequence[Claim],
    supports: Sequence[Support],
    rebuttals: Sequence[Rebuttal],
    undercuts: Sequence[Undercut],
    contradictions: Sequence[Contradiction],
    rule: RuleName,
) -> Translation:
    names: list[str] = []
    index: dict[str, int] = {}
    for c in claims:
        if c.id not in index:
            index[c.id] = len(names)
            names.append(c.id)
    claim_index = dict(index)
    edges: list[tuple[int, int]] = []
    for r in rebuttals:
        a, t = claim_index.get(r.attacker), claim_index.get(r.target)
        if a is not None and t is not None:
            edges.append((a, t))
    for k in contradictions:
        a, t = claim_index.get(k.left), claim_index.get(k.right)
        if a is not None and t is not None:
            edges.append((a, t))
            edges.append((t, a))
    inferences: dict[str, int] = {}
    if rule == "structured":
        taken = set(claim_index)
        named: dict[str, int] = {}
        concluding: dict[str, list[int]] = {}
        using: dict[str, list[int]] = {}
        for s in supports:
            if s.conclusion not in claim_index or any(p not in claim_index for p in s.premises):
                continue
            name = _inference_name(s, taken)
            taken.add(name)
            i = len(names)
            names.append(name)
            inferences[name] = i
            if s.name is not None:
                named.setdefault(s.name, i)
            concluding.setdefault(s.conclusion, []).append(i)
            for p in dict.fromkeys(s.premises):
                using.setdefault(p, []).append(i)
        for u in undercuts:
            ua, ui = claim_index.get(u.attacker), named.get(u.target)
            if ua is not None and ui is not None:
                edges.append((ua, ui))
        for c in claims:
            if c.kind is ClaimKind.FACT or c.id not in concluding:
                continue
            aux = _fresh(f"unsupported:{c.id}", taken)
            j = len(names)
            names.append(aux)
            edges.append((j, claim_index[c.id]))
            edges.extend((i, j) for i in concluding[c.id])
            concluding.pop(c.id)
        for p, infs in using.items():
            aux = _fresh(f"failed:{p}", taken)
            j = len(names)
            names.append(aux)
            edges.append((claim_index[p], j))
            edges.extend((j, i) for i in infs)
    af = Framework.from_edges(len(names), edges, names)
    return Translation(af, rule, claim_index, inferences)


def _fresh(name: str, taken: set[str]) -> str:
    out, k = name, 2
    while out in taken:
        out = f"{name}#{k}"
        k += 1
    taken.add(out)
    return out


def require_perspective(argmap: ArgumentMap, perspective: str) -> None:
    """Raise UnknownPerspectiveError (a KeyError, with a did-you-mean hint) unless the map
    defines ``perspective``."""
    try:
        argmap.perspective(perspective)
    except KeyError:
        known = list(dict.fromkeys(p.id for p in argmap.perspectives))
        raise UnknownPerspectiveError(perspective, known, argmap.path) from None


def framework(
    argmap: ArgumentMap, *, rule: RuleName = "structured", perspective: str | None = None
) -> Translation:
    """The Dung framework of the whole map, or of one perspective's part of it
    (:func:`perspective_part`; UnknownPerspectiveError when the map has no such perspective)."""
    if perspective is None:
        return translate(
            argmap.claims,
            argmap.supports,
            argmap.rebuttals,
            argmap.undercuts,
            argmap.contradictions,
            rule=rule,
        )
    require_perspective(argmap, perspective)
    claims, sups, rebs, unds, cons = perspective_part(argmap, perspective)
    return translate(claims, sups, rebs, unds, cons, rule=rule)


def perspective_part(
    argmap: ArgumentMap, perspective: str
) -> tuple[list[Claim], list[Support], list[Rebuttal], list[Undercut], list[Contradiction]]:
    """What a perspective asserts: the relations it is named on (``by``), the claims it accepts,
    the claims its relations mention, and the facts everyone shares."""
    rels = argmap.relations_by(perspective)
    wanted: set[str] = set(argmap.accepted_by(perspective))
    sups: list[Support] = []
    rebs: list[Rebuttal] = []
    unds: list[Undercut] = []
    cons: list[Contradiction] = []
    for r in rels:
        if isinstance(r, Support):
            sups.append(r)
            wanted.update(r.premises)
            wanted.add(r.conclusion)
        elif isinstance(r, Rebuttal):
            rebs.append(r)
            wanted.update((r.attacker, r.target))
        elif isinstance(r, Undercut):
            unds.append(r)
            wanted.add(r.attacker)
        else:
            cons.append(r)
            wanted.update((r.left, r.right))
    claims = [c for c in argmap.claims if c.id in wanted or c.kind is ClaimKind.FACT]
    return claims, sups, rebs, unds, cons
