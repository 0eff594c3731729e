"""Each perspective's own coherence: it does not both accept and reject a claim or a named
relation (E204), nor assert a relation it rejects (E210), and the claims it accepts do not
attack each other, nor undercut a relation it asserts or accepts (W302).

Relation stances count: an attack the perspective rejects (``p rejects r``, ``rejected by p``),
or one it undercuts itself (it accepts every attacker of an undercut of it), is no conflict for
it. Whether a perspective can *defend* what it accepts needs the formal semantics: that is W400,
in :mod:`argmap.semantics.findings`.
"""

from __future__ import annotations

from collections.abc import Iterable

from argmap.checks.registry import Context, Family
from argmap.diagnostics import CodeInfo, Related, Severity, register_codes
from argmap.model import Contradiction, Rebuttal, Relation, Stance

__all__ = ["CODES", "FAMILY"]

E, W = Severity.ERROR, Severity.WARNING

CODES = register_codes(
    {
        "E204": CodeInfo(E, "perspective accepts and rejects the same claim"),
        "E210": CodeInfo(E, "perspective asserts a relation it rejects"),
        "W302": CodeInfo(W, "perspective's accepted claims attack each other"),
    }
)


def accept_and_reject(context: Context) -> None:
    """E204: a perspective that both accepts and rejects one claim (or named relation)."""
    first: dict[tuple[str, str], Stance] = {}
    for s in context.map.stances:
        key = (s.perspective, s.target)
        other = first.get(key)
        if other is None:
            first[key] = s
        elif other.accepts != s.accepts:
            context.emit(
                "E204",
                context.locate(s.span, s.perspective),
                f"'{s.perspective}' both accepts and rejects '{s.target}'",
                hint="keep one stance; if the perspective changed its mind, model the two "
                "positions as separate claims",
                related=[Related(context.locate(other.span, s.perspective), "the other stance")],
            )


def assert_and_reject(context: Context) -> None:
    """E210: a perspective that asserts a named relation (``by p``) and rejects it."""
    m = context.map
    rejections: dict[tuple[str, str], Stance] = {}
    for s in m.stances:
        if not s.accepts:
            rejections.setdefault((s.perspective, s.target), s)
    if not rejections:
        return
    for rel in m.relations:
        if rel.name is None:
            continue
        for p in dict.fromkeys(rel.by):
            stance = rejections.get((p, rel.name))
            if stance is not None:
                context.emit(
                    "E210",
                    context.locate(stance.span, p),
                    f"'{p}' asserts '{rel.name}' (by {p}) and rejects it",
                    hint=f"drop `{p}` from the relation's `by`, or the rejection",
                    related=[Related(context.locate(rel.span, p, -1), f"'{p}' asserts it here")],
                )


def conflicts(context: Context) -> None:
    """W302: accepted claims that attack each other, or undercut a relation the perspective
    asserts or accepts; attacks the perspective rejects or undercuts itself do not count."""
    m = context.map
    holders: dict[str, dict[str, Stance]] = {}  # target -> perspective -> first accepting stance
    rejecters: dict[str, set[str]] = {}  # target -> the perspectives rejecting it
    for s in m.stances:
        if s.accepts:
            holders.setdefault(s.target, {}).setdefault(s.perspective, s)
        else:
            rejecters.setdefault(s.target, set()).add(s.perspective)
    if not holders:
        return
    nobody: set[str] = set()

    def accepting_all(ends: Iterable[str]) -> set[str]:
        """The perspectives that accept every one of ``ends``."""
        common: set[str] | None = None
        for end in ends:
            have = holders.get(end)
            if not have:
                return nobody
            common = set(have) if common is None else common & have.keys()
            if not common:
                return nobody
        return common or nobody

    def waived(rel: Relation) -> set[str]:
        """Who does not count this relation: they reject it or undercut it themselves."""
        if rel.name is None:
            return nobody
        return rejecters.get(rel.name, nobody) | undercut_by.get(rel.name, nobody)

    undercut_by: dict[str, set[str]] = {}  # relation name -> who undercuts it themselves
    for u in m.undercuts:
        who = accepting_all(u.attackers)
        if who and u.name is not None:
            who = who - rejecters.get(u.name, nobody)
        if who:
            undercut_by.setdefault(u.target, set()).update(who)
    seen: set[tuple[str, str, str]] = set()

    attacks: list[Rebuttal | Contradiction] = [*m.rebuttals, *m.contradictions]
    for rel in attacks:
        if isinstance(rel, Rebuttal):
            attackers, target = rel.attackers, rel.target
        else:
            attackers, target = (rel.left,), rel.right
        held = holders.get(target)
        if held is None or target in attackers:
            continue
        if len(attackers) == 1:
            first_holders = holders.get(attackers[0])
            if first_holders is None:
                continue
            who = first_holders.keys() & held.keys()
        else:
            who = accepting_all(attackers) & held.keys()
        if not who:
            continue
        if rel.name is not None and (rejecters or undercut_by):
            who -= waived(rel)
        for p in sorted(who):
            key = (p, min(attackers[0], target), max(attackers[0], target))
            if isinstance(rel, Contradiction) or not rel.linked:
                if key in seen:
                    continue
                seen.add(key)
            first = attackers[0]
            if len(attackers) == 1:
                message = f"'{p}' accepts both '{first}' and '{target}', but '{first}' attacks '{target}'"
            else:
                listed = ", ".join(f"'{a}'" for a in attackers)
                together = " + ".join(f"'{a}'" for a in attackers)
                message = f"'{p}' accepts {listed} and '{target}', but {together} together attack '{target}'"
            context.emit(
                "W302",
                context.locate(holders[target][p].span, p),
                message,
                hint="the perspective's position is not conflict-free; drop one stance, answer "
                "the attack, or reject it (name it and add `rejected by`)",
                related=[
                    Related(rel.span, "the attack"),
                    Related(holders[attackers[0]][p].span, f"'{p}' accepts '{attackers[0]}'"),
                ],
            )
    # Asserting or accepting a relation while accepting the claims that undercut it.
    for u in m.undercuts:
        try:
            target_rel = m.relation(u.target)
        except KeyError:
            continue
        who = accepting_all(u.attackers) - waived(u)
        accepted_rel = holders.get(u.target, {})
        for p in sorted(who):
            if p not in target_rel.by and p not in accepted_rel:
                continue
            stance = holders[u.attackers[0]][p]
            how = "asserts" if p in target_rel.by else "accepts"
            kind = type(target_rel).__name__.lower()
            undercutters = " + ".join(f"'{a}'" for a in u.attackers)
            context.emit(
                "W302",
                context.locate(stance.span, p),
                f"'{p}' {how} {kind} '{u.target}' but accepts {undercutters}, which undercuts it",
                hint="the perspective's position is not conflict-free; drop the stance or the assertion",
                related=[Related(u.span, "the undercut"), Related(target_rel.span, "the relation")],
            )
        # Accepting the undercut itself (a stance on it) while asserting or accepting its target.
        if u.name is None or u.name not in holders:
            continue
        for p in sorted(holders[u.name].keys() - who):
            if p not in target_rel.by and p not in accepted_rel:
                continue
            how = "asserts" if p in target_rel.by else "accepts"
            context.emit(
                "W302",
                context.locate(holders[u.name][p].span, p),
                f"'{p}' accepts undercut '{u.name}' but {how} '{u.target}', the relation it undercuts",
                hint="the perspective's position is not conflict-free; drop one of the two",
                related=[Related(u.span, "the undercut"), Related(target_rel.span, "the relation")],
            )


FAMILY = Family("perspectives", 50, CODES, (accept_and_reject, assert_and_reject, conflicts))
