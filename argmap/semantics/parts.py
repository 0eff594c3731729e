"""Each perspective's own framework read off the whole map's, instead of translated anew.

A perspective's part of a map (:func:`argmap.semantics.translate.perspective_part`: the
relations it asserts, the claims it accepts and those its relations name) translates to the
framework the whole map's translation has on the same arguments: every claim and relation of
the part is an argument of the whole with the same attacks between them; an ``unsupported:C``
is in the part when one of the part's supports concludes C (it is attacked by those), a
``failed:P`` when one of the part's relations starts from P (it attacks those). Nothing of the
whole attacks into the part that the part's own translation would not have, as long as no two
relations share a name (an undercut names one relation; with two of that name, the whole and
the part could each pick another). So one perspective's framework is the whole framework
restricted to a set of its arguments, found from indexes in the size of the part rather than
by a pass over the map and a new translation; for a map with repeated relation names the part
is translated on its own, as before.

:func:`part_labels` gives the same labels as
:func:`argmap.semantics.evaluate.claim_labels_of_part` (tests/test_perspectives_parts.py
compares them on random maps); :func:`argmap.semantics.agreement.perspectives` uses it for
every perspective's view.
"""

from __future__ import annotations

import attrs

from argmap.model import ArgumentMap, Contradiction, Rebuttal, Relation, Support, Undercut
from argmap.semantics import SemanticsName
from argmap.semantics.framework import IN, OUT, UNDEC
from argmap.semantics.solvers import acceptance
from argmap.semantics.translate import Translation, framework

__all__ = ["PartIndex", "grounded_part", "part_arguments", "part_index", "part_labels"]

#: A label no argument of the part has: marks the arguments outside it.
_OUTSIDE = 3
_WORD = {IN: "in", OUT: "out", UNDEC: "undec"}


@attrs.frozen(slots=True)
class PartIndex:
    """What finding a perspective's part in the whole map's translation needs, found once.

    ``first[id(r)]``: the argument of relation r in the whole framework (a contradiction has
    that one and the next; a relation the translation skipped has none); ``unsupported[C]``,
    ``failed[P]``: the auxiliary arguments; ``named``: relation name -> relation, the last of
    that name (as :func:`~argmap.semantics.translate.perspective_part` reads ``p accepts r``);
    ``exact`` is False when two translated relations share a name (parts are then translated
    on their own).
    """

    translation: Translation
    first: dict[int, int]
    unsupported: dict[str, int]
    failed: dict[str, int]
    named: dict[str, Relation]
    exact: bool


def part_index(argmap: ArgumentMap, whole: Translation) -> PartIndex:
    """The :class:`PartIndex` of ``argmap`` and its whole translation ``whole``."""
    first: dict[int, int] = {}
    names: list[str] = []
    for i, r in whole.relations.items():
        key = id(r)
        if key not in first:
            first[key] = i
            if r.name is not None:
                names.append(r.name)
    unsupported: dict[str, int] = {}
    failed: dict[str, int] = {}
    for j, (kind, claim) in whole.auxiliary.items():
        (unsupported if kind == "unsupported" else failed)[claim] = j
    named = {r.name: r for r in argmap.relations if r.name is not None}
    return PartIndex(whole, first, unsupported, failed, named, len(set(names)) == len(names))


def part_arguments(argmap: ArgumentMap, index: PartIndex, perspective: str) -> list[int]:
    """The arguments of the whole framework that make up ``perspective``'s own framework, in
    order (its claims first, in map order)."""
    rejected = {id(r) for r in argmap.relations_rejected_by(perspective)}
    accepted = argmap.accepted_by(perspective)
    own = {id(r): r for r in argmap.relations_by(perspective)}
    named = index.named
    for target in accepted:
        found = named.get(target)
        if found is not None:
            own.setdefault(id(found), found)
    wanted: set[str] = set(accepted)
    members: list[int] = []
    add, want = members.append, wanted.add
    first, unsupported, failed = index.first, index.unsupported, index.failed
    for key, r in own.items():
        if key in rejected:
            continue
        i = first.get(key)
        starts: tuple[str, ...]
        if isinstance(r, Support):
            starts = r.premises
            want(r.conclusion)
            if i is not None:
                aux = unsupported.get(r.conclusion)
                if aux is not None:
                    add(aux)
        elif isinstance(r, Rebuttal):
            starts = r.attackers
            want(r.target)
        elif isinstance(r, Undercut):
            starts = r.attackers
        elif isinstance(r, Contradiction):
            starts = (r.left, r.right)
            if i is not None:
                add(i + 1)  # the other direction
        else:  # pragma: no cover - the four kinds of relation
            continue
        wanted.update(starts)
        if i is not None:
            add(i)
            members.extend(map(failed.__getitem__, starts))
    claims = index.translation.claims
    members.extend([claims[c] for c in wanted if c in claims])
    return sorted(set(members))


def grounded_part(whole: Translation, members: list[int]) -> dict[str, str]:
    """Each claim among ``members`` -> its grounded label in the whole framework restricted to
    ``members`` (the claims in argument order, which is map order)."""
    af = whole.framework
    attackers, targets = af.attackers, af.targets
    lab = bytearray([_OUTSIDE]) * af.n
    for x in members:
        lab[x] = UNDEC
    count: dict[int, int] = {}
    todo: list[int] = []
    for x in members:
        c = 0
        for a in attackers[x]:
            if lab[a] != _OUTSIDE:
                c += 1
        if c:
            count[x] = c
        else:
            todo.append(x)
    for x in todo:
        lab[x] = IN
    pop, push = todo.pop, todo.append
    while todo:
        x = pop()
        for y in targets[x]:
            if lab[y] == UNDEC:
                lab[y] = OUT
                for z in targets[y]:
                    if lab[z] == UNDEC:
                        c = count[z] - 1
                        count[z] = c
                        if c == 0:
                            lab[z] = IN
                            push(z)
    names, word, n_claims = af.names, _WORD, len(whole.claims)
    return {names[x]: word[lab[x]] for x in members if x < n_claims}


def part_labels(
    argmap: ArgumentMap,
    index: PartIndex,
    perspective: str,
    semantics: SemanticsName,
    time_limit: float | None,
) -> dict[str, str]:
    """The labels of ``perspective``'s own framework under ``semantics``: what
    :func:`argmap.semantics.evaluate.claim_labels_of_part` gives, from the whole translation."""
    whole = index.translation
    if not index.exact:
        tr = framework(argmap, rule=whole.rule, perspective=perspective)
        return tr.claim_labels(acceptance(tr.framework, semantics, time_limit=time_limit))
    members = part_arguments(argmap, index, perspective)
    if semantics == "grounded":
        return grounded_part(whole, members)
    af = whole.framework.induced(members)
    status = acceptance(af, semantics, time_limit=time_limit)
    names, n_claims = af.names, len(whole.claims)
    out: dict[str, str] = {}
    for i, x in enumerate(members):
        if x >= n_claims:
            break
        out[names[i]] = "in" if status.sceptical[i] else "out" if status.rejected[i] else "undec"
    return out
