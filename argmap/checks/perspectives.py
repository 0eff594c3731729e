"""Each perspective's own coherence: it does not both accept and reject a claim (E204), and the
claims it accepts do not attack each other, nor undercut a support it asserts (W302).

Whether a perspective can *defend* what it accepts needs the formal semantics: that is W400,
in :mod:`argmap.semantics.findings`.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from argmap.checks.registry import Context, Family
from argmap.diagnostics import CodeInfo, Related, Severity, register_codes
from argmap.model import Element, Stance

__all__ = ["CODES", "FAMILY"]

E, W = Severity.ERROR, Severity.WARNING

CODES = register_codes(
    {
        "E204": CodeInfo(E, "perspective accepts and rejects the same claim"),
        "W302": CodeInfo(W, "perspective's accepted claims attack each other"),
    }
)


def accept_and_reject(context: Context) -> None:
    """E204: a perspective that both accepts and rejects one claim."""
    first: dict[tuple[str, str], Stance] = {}
    for s in context.map.stances:
        key = (s.perspective, s.claim)
        other = first.get(key)
        if other is None:
            first[key] = s
        elif other.accepts != s.accepts:
            context.emit(
                "E204",
                context.locate(s.span, s.perspective),
                f"'{s.perspective}' both accepts and rejects '{s.claim}'",
                hint="keep one stance; if the perspective changed its mind, model the two "
                "positions as separate claims",
                related=[Related(context.locate(other.span, s.perspective), "the other stance")],
            )


def conflicts(context: Context) -> None:
    """W302: accepted claims that attack each other, or undercut a support the perspective
    asserts."""
    m = context.map
    holders: dict[str, dict[str, Stance]] = {}  # claim -> perspective -> first accepting stance
    for s in m.stances:
        if s.accepts:
            holders.setdefault(s.claim, {}).setdefault(s.perspective, s)
    if not holders:
        return
    seen: set[tuple[str, str, str]] = set()

    def clash(p: str, a: str, b: str, relation: Element) -> None:
        key = (p, *sorted((a, b)))
        if key in seen:
            return
        seen.add(key)  # type: ignore[arg-type]
        stance = holders[b][p]
        context.emit(
            "W302",
            context.locate(stance.span, p),
            f"'{p}' accepts both '{a}' and '{b}', but '{a}' attacks '{b}'",
            hint="the perspective's position is not conflict-free; drop one stance or answer the attack",
            related=[
                Related(relation.span, "the attack"),
                Related(holders[a][p].span, f"'{p}' accepts '{a}'"),
            ],
        )

    attacks: Iterator[tuple[str, str, Element]] = chain(
        ((r.attacker, r.target, r) for r in m.rebuttals),
        ((c.left, c.right, c) for c in m.contradictions),
    )
    for a, b, relation in attacks:
        if a == b or a not in holders or b not in holders:
            continue
        for p in holders[a].keys() & holders[b].keys():
            clash(p, a, b, relation)
    # Asserting a support while accepting a claim that undercuts it.
    for u in m.undercuts:
        try:
            support = m.support(u.target)
        except KeyError:
            continue
        for p in set(support.by) & set(holders.get(u.attacker, {})):
            stance = holders[u.attacker][p]
            context.emit(
                "W302",
                context.locate(stance.span, p),
                f"'{p}' asserts support '{u.target}' but accepts '{u.attacker}', which undercuts it",
                hint="the perspective's position is not conflict-free; drop the stance or the assertion",
                related=[Related(u.span, "the undercut"), Related(support.span, "the support")],
            )


FAMILY = Family("perspectives", 50, CODES, (accept_and_reject, conflicts))
