"""Graded strength of claims: gradual semantics of bipolar maps (docs/semantics.md, "Graded
strength").

Every claim has a base score in [0, 1] (its ``base`` attribute, 0.5 when it has none) and gets
a strength in [0, 1] from its attackers and supporters:

* **DF-QuAD** (Rago, Toni, Aurisicchio and Baroni 2016): the attackers' strengths combine into
  ``va = 1 - prod(1 - v)``, the supporters' into ``vs`` the same way; the strength is the base
  score ``t`` when ``va == vs``, ``t - t * (va - vs)`` when the attack is stronger and
  ``t + (1 - t) * (vs - va)`` when the support is.
* **Quadratic energy** (Potyka 2018): the energy ``E`` is the supporters' strengths summed less
  the attackers'; the strength is ``t - t * h(-E) + (1 - t) * h(E)`` with
  ``h(x) = max(x, 0)**2 / (1 + max(x, 0)**2)``.

Relations are nodes too, as in the Dung reduction (:mod:`argmap.semantics.translate`): a
relation node has base score 1 and is attacked by the undercuts of it; what a relation brings
to its target is its own strength times the strength of the weakest claim it starts from (a
linked relation needs all of them). A relation nobody undercuts from one claim therefore brings
exactly that claim's strength, and on maps without undercuts or links both semantics are the
papers' own. A contradiction is a relation each way.

On an acyclic map the strengths are computed in one pass in topological order (exact). With
cycles, the update is iterated from the base scores (damped for quadratic energy, the Euler
scheme of Potyka's continuous model) until no strength moves by more than 1e-9, at most
``max_rounds`` times; ``converged`` says whether it settled.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from argmap.model import ArgumentMap, Claim, Contradiction, Rebuttal, Support, Undercut
from argmap.semantics.translate import perspective_part, require_perspective

__all__ = ["DEFAULT_BASE", "GRADED", "GradedName", "Strengths", "graded", "strengths"]

#: The graded semantics.
GradedName = Literal["df-quad", "quadratic-energy"]
GRADED: tuple[GradedName, ...] = get_args(GradedName)
#: A claim's base score when it gives none.
DEFAULT_BASE = 0.5
_EPS = 1e-9


@attrs.frozen(slots=True)
class Strengths:
    """Each claim's strength in [0, 1] under a graded semantics (``strengths``), its base score
    (``bases``), whether the computation settled (``converged``; always on acyclic maps), and
    for each claim what each relation into it brings (``influences``: its words and its signed
    value, the relation's strength times its weakest starting claim's)."""

    semantics: GradedName
    perspective: str | None
    strengths: dict[str, float]
    bases: dict[str, float]
    converged: bool
    rounds: int
    influences: dict[str, tuple[tuple[str, float], ...]] = attrs.field(factory=dict)

    def explain(self, claim: str) -> str:
        """Why ``claim`` has its strength: its base score and what each relation into it brings
        (positive: a support, negative: an attack)."""
        lines = [
            f"{claim} has strength {self.strengths[claim]:.3f} ({self.semantics}; base score "
            f"{self.bases[claim]:.2f})"
        ]
        brought = self.influences.get(claim, ())
        if not brought:
            lines.append("Nothing supports or attacks it: its strength is its base score.")
        for what, value in sorted(brought, key=lambda b: -abs(b[1])):
            lines.append(f"  {value:+.3f}  {what} it")
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, object]:
        return {
            "semantics": self.semantics,
            "perspective": self.perspective,
            "strengths": {c: round(v, 6) for c, v in self.strengths.items()},
            "bases": dict(self.bases),
            "converged": self.converged,
        }


def strengths(
    argmap: ArgumentMap,
    semantics: GradedName = "df-quad",
    perspective: str | None = None,
    *,
    supports: bool = True,
    max_rounds: int = 1000,
) -> Strengths:
    """The strength of every claim of the map (or of ``perspective``'s framework, by the rule of
    :func:`~argmap.semantics.translate.perspective_part`) under a graded semantics. ``supports``
    False leaves supports out (the attacks rule)."""
    from argmap.errors import UnknownChoiceError

    UnknownChoiceError.check("graded semantics", semantics, GRADED)
    if perspective is None:
        claims, sups, rebs, unds, cons = (
            list(argmap.claims),
            list(argmap.supports),
            list(argmap.rebuttals),
            list(argmap.undercuts),
            list(argmap.contradictions),
        )
    else:
        require_perspective(argmap, perspective)
        claims, sups, rebs, unds, cons = perspective_part(argmap, perspective)
    found = graded(
        claims, sups if supports else (), rebs, unds, cons, semantics=semantics, max_rounds=max_rounds
    )
    return attrs.evolve(found, perspective=perspective)


def graded(
    claims: Sequence[Claim],
    supports: Sequence[Support] = (),
    rebuttals: Sequence[Rebuttal] = (),
    undercuts: Sequence[Undercut] = (),
    contradictions: Sequence[Contradiction] = (),
    *,
    semantics: GradedName = "df-quad",
    max_rounds: int = 1000,
) -> Strengths:
    """Strengths of these elements (relations naming what is not there are skipped)."""
    net = _Net()
    for c in claims:
        if c.id not in net.index:
            net.add(c.id, c.base if c.base is not None else DEFAULT_BASE)
    claim_count = len(net.base)
    named: dict[str, list[int]] = {}
    said: dict[int, str] = {}  # each relation node in words

    def relation(starts: Sequence[str], target: int | None, sign: int, name: str | None) -> int | None:
        if any(s not in net.index or net.index[s] >= claim_count for s in starts):
            return None
        r = net.add(None, 1.0)
        said[r] = f"{name + ': ' if name else ''}{' + '.join(starts)}"
        net.starts[r] = [net.index[s] for s in dict.fromkeys(starts)]
        if target is not None:
            net.edges.append((r, target, sign))
        if name is not None:
            named.setdefault(name, []).append(r)
        return r

    def claim(cid: str) -> int | None:
        i = net.index.get(cid)
        return i if i is not None and i < claim_count else None

    for s in supports:
        t = claim(s.conclusion)
        if t is not None:
            relation(s.premises, t, +1, s.name)
    for r in rebuttals:
        t = claim(r.target)
        if t is not None:
            relation(r.attackers, t, -1, r.name)
    for k in contradictions:
        left, right = claim(k.left), claim(k.right)
        if left is not None and right is not None:
            relation((k.left,), right, -1, k.name)
            relation((k.right,), left, -1, k.name)
    cuts = [(relation(u.attackers, None, -1, u.name), u.target) for u in undercuts]
    for cut, target in cuts:
        if cut is not None:
            net.edges.extend((cut, j, -1) for j in named.get(target, ()))
    values, converged, rounds = net.solve(semantics, max_rounds)
    names = list(net.index)
    influences: dict[str, list[tuple[str, float]]] = {}
    for node, t, sign in net.edges:
        if t < claim_count:
            brought = values[node] * min((values[x] for x in net.starts.get(node, ())), default=1.0)
            verb = "supports" if sign > 0 else "attacks"
            influences.setdefault(names[t], []).append((f"{said[node]} {verb}", sign * brought))
    return Strengths(
        semantics,
        None,
        {names[i]: values[i] for i in range(claim_count)},
        {names[i]: net.base[i] for i in range(claim_count)},
        converged,
        rounds,
        {c: tuple(v) for c, v in influences.items()},
    )


class _Net:
    """Nodes (claims first, then relations) with base scores; edges (source relation, target,
    +1 support / -1 attack); each relation's starting claims."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.base: list[float] = []
        self.starts: dict[int, list[int]] = {}
        self.edges: list[tuple[int, int, int]] = []

    def add(self, name: str | None, base: float) -> int:
        i = len(self.base)
        self.base.append(base)
        if name is not None:
            self.index[name] = i
        return i

    def solve(self, semantics: GradedName, max_rounds: int) -> tuple[list[float], bool, int]:
        n = len(self.base)
        into: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        for r, t, sign in self.edges:
            into[t].append((r, sign))
        # what a node's value depends on: its incoming relations; a relation's, its starts too
        deps: list[list[int]] = [[r for r, _ in into[i]] for i in range(n)]
        for r, starts in self.starts.items():
            deps[r].extend(starts)
        order = _topological(deps)
        values = list(self.base)
        update = _dfquad if semantics == "df-quad" else _energy

        def new_value(i: int) -> float:
            att: list[float] = []
            sup: list[float] = []
            for r, sign in into[i]:
                brought = values[r] * min((values[s] for s in self.starts.get(r, ())), default=1.0)
                (sup if sign > 0 else att).append(brought)
            return update(self.base[i], att, sup)

        if order is not None:
            for i in order:
                values[i] = new_value(i)
            return values, True, 1
        damp = 1.0 if semantics == "df-quad" else 0.5
        for k in range(1, max_rounds + 1):
            fresh = [new_value(i) for i in range(n)]
            moved = max((abs(f - v) for f, v in zip(fresh, values, strict=True)), default=0.0)
            values = [v + damp * (f - v) for f, v in zip(fresh, values, strict=True)]
            if moved < _EPS:
                return values, True, k
        return values, False, max_rounds


def _topological(deps: list[list[int]]) -> list[int] | None:
    """An order in which every node comes after what it depends on (None when there is a cycle)."""
    n = len(deps)
    waiting = [len(d) for d in deps]
    users: list[list[int]] = [[] for _ in range(n)]
    for i, d in enumerate(deps):
        for j in d:
            users[j].append(i)
    ready = [i for i in range(n) if waiting[i] == 0]
    order: list[int] = []
    while ready:
        i = ready.pop()
        order.append(i)
        for u in users[i]:
            waiting[u] -= 1
            if waiting[u] == 0:
                ready.append(u)
    return order if len(order) == n else None


def _combine(values: list[float]) -> float:
    """DF-QuAD's aggregation: 1 - prod(1 - v) (0 for none)."""
    out = 1.0
    for v in values:
        out *= 1.0 - v
    return 1.0 - out


def _dfquad(base: float, att: list[float], sup: list[float]) -> float:
    va, vs = _combine(att), _combine(sup)
    if va >= vs:
        return base - base * (va - vs)
    return base + (1.0 - base) * (vs - va)


def _energy(base: float, att: list[float], sup: list[float]) -> float:
    e = sum(sup) - sum(att)
    if e >= 0:
        return base + (1.0 - base) * (e * e / (1.0 + e * e))
    return base - base * (e * e / (1.0 + e * e))
