"""What hangs on one argument: the arguments whose grounded label flips when it is forced IN
rather than OUT, for many arguments at once, exactly and without relabelling the framework.

Forcing follows :func:`argmap.semantics.solvers.grounded_labels`: IN as if unattacked, OUT as if
attacked by an unattacked argument. The plain way to weigh one argument x is to compute both
forced grounded labellings of the whole framework, O(n + m) each, and compare them; for the
500 cruxes of a 100k-claim map that is a thousand passes over 400k arguments. Here the
grounded labelling G is computed once, with the order in which each argument got its label
(its rank), and each x costs only what changes around it:

1. Retract x. Let H be the grounded labelling with x held UNDEC (as if x attacked itself and
   nothing else did). Grounded labels depend only on attackers, and H is contained in G, so
   H differs from G only on labelled arguments whose every derivation in G goes through x.
   Those are found in rank order from x: an argument labelled IN is a candidate when an
   attacker is one; one labelled OUT when each IN attacker ranked before it is one (else that
   attacker still defeats it). Everything else keeps its label from G. The candidates are
   set UNDEC and relabelled by the usual propagation from their fixed surroundings.
2. Force. Both forced labellings extend H (H's derivation never uses x), so each is H plus
   the propagation from x labelled IN, or OUT; only arguments labelled on the way can differ.

Each labelling is kept as a small dict of changes over G; counts of not-yet-OUT attackers are
computed on first use. Tests compare every answer with the two full passes
(tests/test_solvers.py), on random frameworks and on generated maps.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from argmap.semantics.framework import IN, OUT, UNDEC, Framework

__all__ = ["RankedGrounded", "flips", "ranked_grounded"]


class RankedGrounded:
    """The grounded labelling of a framework with each labelled argument's rank: the order in
    which the propagation labelled it (IN after all its attackers are OUT, OUT after the IN
    attacker that defeated it); 0 for UNDEC."""

    __slots__ = ("af", "labels", "rank")

    def __init__(self, af: Framework, labels: bytearray, rank: list[int]) -> None:
        self.af = af
        self.labels = labels
        self.rank = rank


def ranked_grounded(af: Framework) -> RankedGrounded:
    """The grounded labelling with ranks, in O(n + m)."""
    targets = af.targets
    count = [len(a) for a in af.attackers]
    lab = bytearray(af.n)
    rank = [0] * af.n
    k = 0
    todo = [i for i, c in enumerate(count) if c == 0]
    for i in todo:
        k += 1
        lab[i] = IN
        rank[i] = k
    pop, push = todo.pop, todo.append
    while todo:
        x = pop()
        for y in targets[x]:
            if lab[y] == UNDEC:
                k += 1
                lab[y] = OUT
                rank[y] = k
                for z in targets[y]:
                    if lab[z] == UNDEC:
                        c = count[z] - 1
                        count[z] = c
                        if c == 0:
                            k += 1
                            lab[z] = IN
                            rank[z] = k
                            push(z)
    return RankedGrounded(af, lab, rank)


def flips(af: Framework, xs: Sequence[int], base: RankedGrounded | None = None) -> list[list[int]]:
    """For each x in ``xs``: the arguments other than x, in order, that are IN in the grounded
    labelling with x forced IN but not in the one with x forced OUT, or the other way round."""
    g = base if base is not None else ranked_grounded(af)
    return [_flip(g, x) for x in xs]


class _Run:
    """One labelling as changes over G (``over``), with the counts of attackers not OUT of the
    arguments UNDEC in it (``cnt``, filled on first use)."""

    __slots__ = ("attackers", "cnt", "frozen", "lab", "over", "targets")

    def __init__(self, g: RankedGrounded, over: dict[int, int], cnt: dict[int, int], frozen: int) -> None:
        self.attackers, self.targets = g.af.attackers, g.af.targets
        self.lab = g.labels
        self.over = over
        self.cnt = cnt
        self.frozen = frozen  # an argument held UNDEC (-1: none)

    def out(self, y: int, todo: list[int]) -> None:
        """Label y OUT; its targets with no attacker left that is not OUT go IN (onto todo)."""
        over, lab, cnt, attackers, frozen = self.over, self.lab, self.cnt, self.attackers, self.frozen
        over[y] = OUT
        for z in self.targets[y]:
            if z != frozen and over.get(z, lab[z]) == UNDEC:
                c = cnt.get(z)
                if c is None:
                    c = 0
                    for b in attackers[z]:
                        if over.get(b, lab[b]) != OUT:
                            c += 1
                else:
                    c -= 1
                cnt[z] = c
                if c == 0:
                    over[z] = IN
                    todo.append(z)

    def spread(self, todo: list[int]) -> None:
        """Propagate from the arguments just labelled IN on ``todo`` until nothing changes."""
        over, lab, frozen, targets, out = self.over, self.lab, self.frozen, self.targets, self.out
        while todo:
            a = todo.pop()
            for y in targets[a]:
                if y != frozen and over.get(y, lab[y]) == UNDEC:
                    out(y, todo)


def _retract(g: RankedGrounded, x: int) -> _Run:
    """H: the grounded labelling with x held UNDEC, as changes over G."""
    lab, rank = g.labels, g.rank
    attackers, targets = g.af.attackers, g.af.targets
    if lab[x] == UNDEC:
        return _Run(g, {}, {}, x)
    cand = {x}
    heap = [(rank[y], y) for y in targets[x] if lab[y] != UNDEC]
    heapq.heapify(heap)
    while heap:
        r, y = heapq.heappop(heap)
        if y in cand:
            continue
        if lab[y] == OUT:
            # still defeated by an IN attacker ranked before it that keeps its label?
            kept = False
            for a in attackers[y]:
                if lab[a] == IN and rank[a] < r and a not in cand:
                    kept = True
                    break
            if kept:
                continue
        # an IN argument is reached only from an attacker that is a candidate
        cand.add(y)
        for z in targets[y]:
            if lab[z] != UNDEC and z not in cand:
                heapq.heappush(heap, (rank[z], z))
    run = _Run(g, dict.fromkeys(cand, UNDEC), {}, x)
    over = run.over
    todo: list[int] = []
    cand.discard(x)
    for y in cand:
        if over[y] == UNDEC:
            for a in attackers[y]:
                if over.get(a, lab[a]) == IN:
                    run.out(y, todo)
                    break
    cnt = run.cnt
    for y in cand:
        if over[y] == UNDEC and y not in cnt:
            c = 0
            for a in attackers[y]:
                if over.get(a, lab[a]) != OUT:
                    c += 1
            cnt[y] = c
            if c == 0:
                over[y] = IN
                todo.append(y)
    run.spread(todo)
    return run


def _flip(g: RankedGrounded, x: int) -> list[int]:
    h = _retract(g, x)
    lab = g.labels
    forced_in = _Run(g, dict(h.over), dict(h.cnt), -1)
    forced_in.over[x] = IN
    forced_in.spread([x])
    forced_out = _Run(g, dict(h.over), dict(h.cnt), -1)
    todo: list[int] = []
    forced_out.out(x, todo)
    forced_out.spread(todo)
    a, b = forced_in.over, forced_out.over
    changed = a.keys() | b.keys()
    changed.discard(x)
    return sorted(i for i in changed if (a.get(i, lab[i]) == IN) != (b.get(i, lab[i]) == IN))
