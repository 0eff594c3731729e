"""Where one perspective stands against the map: which of its accepted claims attack each
other, which attacks on them it leaves unanswered, and how its own verdicts differ from the
map's.

The attack pairs and the unanswered attacks are shared with the W400 finding
(:mod:`argmap.semantics.findings`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeAlias

import attrs

from argmap.model import ArgumentMap, ClaimKind, Contradiction, Rebuttal, Undercut

__all__ = [
    "Attack",
    "MapFacts",
    "PerspectiveView",
    "attack_pairs",
    "map_facts",
    "perspective_view",
    "unanswered",
]

#: (attacker, target, the relation that says so).
Attack: TypeAlias = tuple[str, str, Rebuttal | Contradiction]


@attrs.frozen(slots=True)
class PerspectiveView:
    """Where one perspective stands.

    ``conflicts``: pairs of its accepted claims where the first attacks the second (in the
    whole map); ``unanswered``: (accepted claim, attacker) pairs where nothing it accepts
    attacks the attacker, in the whole map (so its position is not admissible there);
    ``owes``: the same, counting only the attacks it grants itself (warning W400);
    ``own_labels``: the labels of its own framework; ``defends_unaccepted``: claims (not
    facts) IN there that it does not accept; ``against_map``: its accepted claims the map's verdict labels
    "out" or "undec", with that label.
    """

    perspective: str
    accepts: tuple[str, ...]
    rejects: tuple[str, ...]
    conflicts: tuple[tuple[str, str], ...]
    unanswered: tuple[tuple[str, str], ...]
    owes: tuple[tuple[str, str], ...]
    own_labels: dict[str, str]
    defends_unaccepted: tuple[str, ...]
    against_map: dict[str, str]

    @property
    def conflict_free(self) -> bool:
        return not self.conflicts

    @property
    def admissible(self) -> bool:
        return not self.conflicts and not self.unanswered

    def to_dict(self) -> dict[str, object]:
        return {
            "perspective": self.perspective,
            "accepts": list(self.accepts),
            "rejects": list(self.rejects),
            "conflict_free": self.conflict_free,
            "admissible": self.admissible,
            "conflicts": [list(p) for p in self.conflicts],
            "unanswered": [list(p) for p in self.unanswered],
            "owes": [list(p) for p in self.owes],
            "own_labels": dict(self.own_labels),
            "defends_unaccepted": list(self.defends_unaccepted),
            "against_map": dict(self.against_map),
        }


def attack_pairs(relations: Iterable[object]) -> list[Attack]:
    """The attacks between claims among ``relations``: a rebuttal one way, a contradiction both."""
    out: list[Attack] = []
    for r in relations:
        if isinstance(r, Rebuttal):
            out.append((r.attacker, r.target, r))
        elif isinstance(r, Contradiction):
            out.append((r.left, r.right, r))
            out.append((r.right, r.left, r))
    return out


def _starts(attacker: str, rel: Rebuttal | Contradiction) -> tuple[str, ...]:
    """What an attack needs: every attacker of a (linked) rebuttal, the one side of a contradiction."""
    return rel.attackers if isinstance(rel, Rebuttal) else (attacker,)


def unanswered(accepted: set[str], attacks: list[Attack], undercuts: Iterable[Undercut] = ()) -> list[Attack]:
    """(accepted claim, attacker, relation) where the attack is not answered: no accepted claim
    attacks one of its attackers (a linked attack falls with any of them), no undercut whose
    attackers are all accepted stops the relation, and not all its attackers are accepted (that
    is a conflict, not an open attack)."""
    answered = {t for a, t, rel in attacks if all(s in accepted for s in _starts(a, rel))}
    cut = {u.target for u in undercuts if all(s in accepted for s in u.attackers)}
    out: list[Attack] = []
    seen: set[tuple[str, str]] = set()
    for a, t, rel in attacks:
        if t not in accepted or a == t or (t, a) in seen:
            continue
        starts = _starts(a, rel)
        if all(s in accepted for s in starts) or any(s in answered for s in starts):
            continue
        if rel.name is not None and rel.name in cut:
            continue
        seen.add((t, a))
        out.append((t, a, rel))
    return out


@attrs.frozen(slots=True)
class MapFacts:
    """What every perspective's view reads of the whole map, found once for all of them
    (:func:`map_facts`): its claim ids, its attacks between claims, its facts, and indexes
    so that a view reads only what touches the claims its perspective accepts: ``starts[k]``
    (what attack k needs, :func:`_starts`), ``on[c]`` (the attacks on claim c, in order),
    ``starting[c]`` (those that need c), ``cuts_by[c]`` (the undercuts that need c; every
    attack and undercut needs at least one claim)."""

    claim_ids: frozenset[str]
    attacks: list[Attack]
    facts: frozenset[str]
    starts: list[tuple[str, ...]]
    on: dict[str, list[int]]
    starting: dict[str, list[int]]
    cuts_by: dict[str, list[Undercut]]


def map_facts(argmap: ArgumentMap) -> MapFacts:
    """The :class:`MapFacts` of ``argmap``."""
    attacks = attack_pairs(argmap.relations)
    starts = [_starts(a, rel) for a, _, rel in attacks]
    on: dict[str, list[int]] = {}
    starting: dict[str, list[int]] = {}
    for k, (_, t, _) in enumerate(attacks):
        on.setdefault(t, []).append(k)
        needs = starts[k]
        for s in dict.fromkeys(needs) if len(needs) > 1 else needs:
            starting.setdefault(s, []).append(k)
    cuts_by: dict[str, list[Undercut]] = {}
    for u in argmap.undercuts:
        for s in dict.fromkeys(u.attackers):
            cuts_by.setdefault(s, []).append(u)
    return MapFacts(
        frozenset(c.id for c in argmap.claims),
        attacks,
        frozenset(c.id for c in argmap.claims if c.kind is ClaimKind.FACT),
        starts,
        on,
        starting,
        cuts_by,
    )


def _open_in_map(accepted: set[str], whole: MapFacts) -> tuple[list[tuple[str, str]], list[Attack]]:
    """The conflicts among ``accepted`` (attacker, target) and its unanswered attacks in the
    whole map: what the scans over all the map's attacks in :func:`perspective_view` and
    :func:`unanswered` find, from the attacks on and from the accepted claims only."""
    attacks, starts = whole.attacks, whole.starts
    on, starting, cuts_by = whole.on, whole.starting, whole.cuts_by
    answered: set[str] = set()
    for c in accepted:
        for k in starting.get(c, ()):
            needs = starts[k]
            if len(needs) == 1 or all(s in accepted for s in needs):
                answered.add(attacks[k][1])
    cut: set[str] = set()
    for c in accepted:
        for u in cuts_by.get(c, ()):
            if all(s in accepted for s in u.attackers):
                cut.add(u.target)
    found = sorted(k for c in accepted for k in on.get(c, ()))  # map order
    conflicts: list[tuple[str, str]] = []
    out: list[Attack] = []
    seen: set[tuple[str, str]] = set()
    for k in found:
        a, t, rel = attacks[k]
        needs = starts[k]
        if all(s in accepted for s in needs):
            if a != t:
                conflicts.append((a, t))
            continue
        if a == t or (t, a) in seen or any(s in answered for s in needs):
            continue
        if rel.name is not None and rel.name in cut:
            continue
        seen.add((t, a))
        out.append((t, a, rel))
    return conflicts, out


def perspective_view(
    argmap: ArgumentMap,
    perspective: str,
    map_labels: dict[str, str],
    own_labels: dict[str, str],
    whole: MapFacts | None = None,
) -> PerspectiveView:
    """Where ``perspective`` stands, given the map's labels and those of its own framework
    (``whole``: the map's :class:`MapFacts`, when several views share them)."""
    whole = whole or map_facts(argmap)
    claim_ids = whole.claim_ids
    accepts = tuple(c for c in argmap.accepted_by(perspective) if c in claim_ids)
    accepted = set(accepts)
    found, open_in_map = _open_in_map(accepted, whole)
    conflicts = tuple(dict.fromkeys(found))
    open_attacks = tuple((t, a) for t, a, _ in open_in_map)
    rejected = {id(r) for r in argmap.relations_rejected_by(perspective)}
    own = [r for r in argmap.relations_by(perspective) if id(r) not in rejected]
    own_cuts = [u for u in own if isinstance(u, Undercut)]
    owes = tuple((t, a) for t, a, _ in unanswered(accepted, attack_pairs(own), own_cuts))
    facts = whole.facts
    defends = tuple(c for c, v in own_labels.items() if v == "in" and c not in accepted and c not in facts)
    against = {c: map_labels[c] for c in accepts if c in map_labels and map_labels[c] != "in"}
    return PerspectiveView(
        perspective=perspective,
        accepts=accepts,
        rejects=tuple(c for c in argmap.rejected_by(perspective) if c in claim_ids),
        conflicts=conflicts,
        unanswered=open_attacks,
        owes=owes,
        own_labels=dict(own_labels),
        defends_unaccepted=defends,
        against_map=against,
    )
