"""The checker's finding that needs the formal semantics: W400, a perspective that accepts a
claim it cannot defend with the attacks it grants itself.

:func:`argmap.check` adds it when the map has no errors.
"""

from __future__ import annotations

from argmap.diagnostics import CodeInfo, Diagnostic, Related, Severity, register_codes
from argmap.model import ArgumentMap, ClaimKind, Contradiction, Rebuttal, Stance, Support, Undercut
from argmap.semantics.views import attack_pairs, unanswered
from argmap.syntax.locate import locate
from argmap.util.gcpause import paused_gc

__all__ = ["CODES", "perspective_findings"]

CODES = register_codes(
    {
        "W400": CodeInfo(Severity.WARNING, "perspective accepts a claim it cannot defend"),
    }
)


def perspective_findings(argmap: ArgumentMap) -> list[Diagnostic]:
    """W400 for each claim a perspective accepts while an attack it grants itself (a
    rebuttal or contradiction naming it in ``by``) goes unanswered: nothing it accepts attacks
    the attacker by a relation it grants, and the attacker is not a non-fact whose every
    support it grants is undercut, or has a premise attacked, by a claim it accepts.

    One pass over the map's elements plus work per perspective proportional to what it
    asserts; never raises on dangling references.
    """
    with paused_gc():
        return _perspective_findings(argmap)


def _perspective_findings(argmap: ArgumentMap) -> list[Diagnostic]:
    # One pass: each perspective's first accepting stance per claim, and its relations.
    accepting: dict[str, dict[str, Stance]] = {}
    relations: dict[str, list[Support | Rebuttal | Undercut | Contradiction]] = {}
    for e in argmap.elements:
        if isinstance(e, Stance):
            if e.accepts:
                accepting.setdefault(e.perspective, {}).setdefault(e.claim, e)
        elif isinstance(e, (Rebuttal, Contradiction, Support, Undercut)):
            for p in e.by:
                bucket = relations.get(p)
                if bucket is None:
                    relations[p] = [e]
                else:
                    bucket.append(e)
    out: list[Diagnostic] = []
    lines: list[str] | None = None  # the source's, split for the first finding
    for per in argmap.perspectives:
        p = per.id
        first_stance = accepting.get(p)
        rels = relations.get(p)
        if not first_stance or not rels:
            continue
        accepted = set(first_stance)
        attacks = attack_pairs(rels)
        owed = unanswered(accepted, attacks, [u for u in rels if isinstance(u, Undercut)])
        if not owed:
            continue
        hit = {t for a, t, _ in attacks if a in accepted}
        undercut = {u.target for u in rels if isinstance(u, Undercut) and u.attacker in accepted}
        sups: dict[str, list[Support]] = {}
        for r in rels:
            if isinstance(r, Support):
                sups.setdefault(r.conclusion, []).append(r)
        for target, attacker, rel in owed:
            if _falls(argmap, attacker, sups, undercut, hit):
                continue
            stance = first_stance[target]
            if lines is None and argmap.source_text is not None:
                lines = argmap.source_text.split("\n")
            span = stance.span if stance.inline else locate(lines, stance.span, target)
            out.append(
                Diagnostic.make(
                    "W400",
                    span,
                    f"'{p}' accepts '{target}' but grants that '{attacker}' attacks it, "
                    f"and accepts nothing that answers '{attacker}'",
                    hint=(
                        f"accept a claim that attacks '{attacker}' (`... rebuts {attacker} by {p}`), "
                        f"or drop '{p}' from the attack, or drop the stance"
                    ),
                    related=(Related(rel.span, "the attack"),),
                )
            )
    return out


def _falls(
    argmap: ArgumentMap,
    claim: str,
    sups: dict[str, list[Support]],
    undercut: set[str],
    hit: set[str],
) -> bool:
    """Whether a claim the perspective does not answer directly falls by its own relations:
    it is derived (not a fact, with supports granted) and each support is undercut or has a
    premise attacked by an accepted claim."""
    granted = sups.get(claim)
    if not granted:
        return False
    try:
        if argmap.claim(claim).kind is ClaimKind.FACT:
            return False
    except KeyError:
        return False
    return all(
        (s.name is not None and s.name in undercut) or any(q in hit for q in s.premises) for s in granted
    )
