"""Map -> Dung framework: the rule that turns a map (claims, supports, attacks, attacks on
relations) into arguments and attacks, and the way back from arguments to claims.

Every claim is an argument, and so is every relation: a support is its inference, an attack
(rebuttal, undercut, each direction of a contradiction) is the attack going through. That is
the meta-argumentation reduction of attacks on attacks (Boella, van der Torre and Villata
2009; Modgil and Bench-Capon 2011; cf. AFRA, Baroni et al. 2011): docs/semantics.md has it in
full, with worked examples.

* a relation needs all of the claims it starts from: for each such claim P an auxiliary
  ``failed:P``, attacked by P, attacks every relation starting from P (a linked support or
  attack needs every premise);
* a rebuttal's argument attacks its target; a contradiction is two such arguments, one each
  way; an undercut's argument attacks the argument(s) of the relation it names, to any depth;
* the **evidential** rule (the default): a claim is *given* when it is a ``fact`` or no support
  concludes it; any other claim needs one of its inferences (an auxiliary ``unsupported:C``
  attacks it, and each inference concluding C attacks ``unsupported:C``);
* the **aspic** rule: every claim is given (an ordinary premise, as in ASPIC+); its supports
  add inferences for it, which can be undercut, but it never needs them;
* the **attacks** rule: no supports at all (rebuttals, contradictions and the undercuts of
  those); a map that undercuts a support is refused (RuleError), never read partly.

A plain attack ``a rebuts b`` becomes the path a -> failed:a -> [the rebuttal] -> b, of odd
length, so the claims' labels are those of the attack a -> b under every semantics; only when
something attacks the attack, or it is linked, does the path say more.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import attrs

from argmap.errors import RuleError, UnknownPerspectiveError
from argmap.model import (
    ArgumentMap,
    Claim,
    ClaimKind,
    Contradiction,
    Rebuttal,
    Relation,
    Support,
    Undercut,
)
from argmap.semantics import RULES, RuleName, rule_name
from argmap.semantics.framework import Framework, Status
from argmap.util.gcpause import paused_gc

__all__ = [
    "RULES",
    "AuxKind",
    "Translation",
    "framework",
    "perspective_part",
    "require_perspective",
    "translate",
]

#: What an auxiliary argument says: ``unsupported:C`` (no inference of C stands) or
#: ``failed:P`` (P does not stand, so nothing starting from P goes through).
AuxKind = Literal["unsupported", "failed"]


@attrs.frozen(slots=True)
class Translation:
    """A map's Dung framework, with which argument stands for what.

    ``claims`` maps claim id -> argument number (the first arguments, in map order);
    ``inferences`` maps each support's argument name -> its number; ``relations`` maps the
    argument number of every relation (supports too; a contradiction has two, one per
    direction) -> the relation; ``auxiliary`` maps each auxiliary argument's number -> what it
    says (``("unsupported", C)`` or ``("failed", P)``).
    """

    framework: Framework
    rule: RuleName
    claims: dict[str, int]
    inferences: dict[str, int]
    relations: dict[int, Relation] = attrs.field(factory=dict)
    auxiliary: dict[int, tuple[AuxKind, str]] = attrs.field(factory=dict)

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


def _unique(base: str, taken: set[str]) -> str:
    name, k = base, 2
    while name in taken:
        name = f"{base}#{k}"
        k += 1
    taken.add(name)
    return name


def relation_argument_names(r: Relation) -> tuple[str, ...]:
    """The names a relation's argument(s) are given before they are made unique: its own name
    when it has one; otherwise ``a+b>c`` (support), ``rebuts:a+b>c``, ``undercuts:a+b>s``;
    a contradiction has two, ``k:a>b`` and ``k:b>a`` (``k`` its name or ``contradicts``)."""
    if isinstance(r, Support):
        return (r.name or f"{'+'.join(r.premises)}>{r.conclusion}",)
    if isinstance(r, Rebuttal):
        return (r.name or f"rebuts:{'+'.join(r.attackers)}>{r.target}",)
    if isinstance(r, Undercut):
        return (r.name or f"undercuts:{'+'.join(r.attackers)}>{r.target}",)
    k = r.name or "contradicts"
    return (f"{k}:{r.left}>{r.right}", f"{k}:{r.right}>{r.left}")


def translate(
    claims: Sequence[Claim],
    supports: Sequence[Support] = (),
    rebuttals: Sequence[Rebuttal] = (),
    undercuts: Sequence[Undercut] = (),
    contradictions: Sequence[Contradiction] = (),
    *,
    rule: RuleName = "evidential",
) -> Translation:
    """The Dung framework of these elements under ``rule`` (module docstring).

    Relations that name a claim (or relation) not among these elements are skipped: a map
    with dangling references still evaluates (``argmap check`` reports them). An unknown rule
    is an UnknownChoiceError; an undercut of a support under the attacks rule a RuleError.
    """
    checked = rule_name(rule)
    if checked == "attacks":
        named_supports = {s.name for s in supports if s.name is not None}
        cut = [u for u in undercuts if u.target in named_supports]
        if cut:
            u = cut[0]
            where = f" (line {u.span.line})" if u.span is not None else ""
            raise RuleError(
                f"the attacks rule has no inferences, but the map undercuts the support "
                f"'{u.target}'{where}: that undercut would be ignored",
                hint="use --rule evidential or --rule aspic, which read supports and their undercuts",
            )
    with paused_gc():
        return _translate(claims, supports, rebuttals, undercuts, contradictions, checked)


def _translate(  # noqa: PLR0917 - the element lists of translate, one pass each
    claims: Sequence[Claim],
    supports: Sequence[Support],
    rebuttals: Sequence[Rebuttal],
    undercuts: Sequence[Undercut],
    contradictions: Sequence[Contradiction],
    rule: RuleName,
) -> Translation:
    names: list[str] = []
    claim_index: dict[str, int] = {}
    for c in claims:
        if c.id not in claim_index:
            claim_index[c.id] = len(names)
            names.append(c.id)
    taken = set(claim_index)
    edges: list[tuple[int, int]] = []
    relations: dict[int, Relation] = {}
    inferences: dict[str, int] = {}
    by_name: dict[str, list[int]] = {}  # a relation's name -> its argument(s), for undercuts
    using: dict[str, list[int]] = {}  # a claim -> the relation arguments starting from it
    concluding: dict[str, list[int]] = {}

    def add(r: Relation, starts: Sequence[str]) -> list[int]:
        made = []
        for base in relation_argument_names(r):
            i = len(names)
            names.append(_unique(base, taken))
            relations[i] = r
            made.append(i)
        if r.name is not None:
            by_name.setdefault(r.name, made)
        for p in dict.fromkeys(starts):
            using.setdefault(p, []).extend(made[:1])
        return made

    known = claim_index.__contains__
    if rule != "attacks":  # supports and rebuttals, the most of a map, without add's generality
        for s in supports:
            premises, conclusion = s.premises, s.conclusion
            if conclusion not in claim_index or not all(map(known, premises)):
                continue
            i = len(names)
            base = s.name or f"{'+'.join(premises)}>{conclusion}"
            name = _unique(base, taken) if base in taken else base
            taken.add(name)
            names.append(name)
            relations[i] = s
            if s.name is not None:
                by_name.setdefault(s.name, [i])
            for p in premises if len(premises) == 1 else dict.fromkeys(premises):
                using.setdefault(p, []).append(i)
            inferences[name] = i
            concluding.setdefault(conclusion, []).append(i)
    for r in rebuttals:
        attackers = r.attackers
        t = claim_index.get(r.target)
        if t is None or not all(map(known, attackers)):
            continue
        i = len(names)
        base = r.name or f"rebuts:{'+'.join(attackers)}>{r.target}"
        name = _unique(base, taken) if base in taken else base
        taken.add(name)
        names.append(name)
        relations[i] = r
        if r.name is not None:
            by_name.setdefault(r.name, [i])
        for p in attackers if len(attackers) == 1 else dict.fromkeys(attackers):
            using.setdefault(p, []).append(i)
        edges.append((i, t))
    for k in contradictions:
        left, right = claim_index.get(k.left), claim_index.get(k.right)
        if left is None or right is None:
            continue
        forward, backward = add(k, ())
        edges.append((forward, right))
        edges.append((backward, left))
        using.setdefault(k.left, []).append(forward)
        using.setdefault(k.right, []).append(backward)
    cuts: list[tuple[int, str]] = []
    for u in undercuts:
        if not all(map(known, u.attackers)):
            continue
        (i,) = add(u, u.attackers)
        cuts.append((i, u.target))
    for i, target in cuts:
        for j in by_name.get(target, ()):
            edges.append((i, j))
    auxiliary: dict[int, tuple[AuxKind, str]] = {}
    if rule == "evidential":
        for c in claims:
            if c.kind is ClaimKind.FACT or c.id not in concluding:
                continue
            j = len(names)
            names.append(_unique(f"unsupported:{c.id}", taken))
            auxiliary[j] = ("unsupported", c.id)
            edges.append((j, claim_index[c.id]))
            edges.extend((i, j) for i in concluding.pop(c.id))
    failed_from = len(names)
    for p in using:
        j = len(names)
        base = f"failed:{p}"
        name = _unique(base, taken) if base in taken else base
        taken.add(name)
        names.append(name)
        auxiliary[j] = ("failed", p)
        edges.append((claim_index[p], j))
    targets: list[list[int]] = [[] for _ in range(failed_from)]
    for a, b in edges:  # each attack once, between arguments made here: nothing to check
        targets[a].append(b)
    targets.extend(using.values())  # failed:P attacks the relations starting from P, in order
    af = Framework.from_targets(names, targets)
    return Translation(af, rule, claim_index, inferences, relations, auxiliary)


def require_perspective(argmap: ArgumentMap, perspective: str) -> None:
    """Raise UnknownPerspectiveError (a KeyError, with a did-you-mean hint) unless the map
    defines ``perspective``."""
    try:
        argmap.perspective(perspective)
    except KeyError:
        known = list(dict.fromkeys(p.id for p in argmap.perspectives))
        raise UnknownPerspectiveError(perspective, known, argmap.path) from None


def framework(
    argmap: ArgumentMap, *, rule: RuleName = "evidential", perspective: str | None = None
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
    """What a perspective asserts (docs/semantics.md, "Per perspective"): the relations it is
    named on (``by``) or accepts (``p accepts r``), less those it rejects; the claims it
    accepts; and the claims those relations name. Nothing else: a fact enters a perspective's
    framework as any claim does, when the perspective accepts it or its relations use it (and
    there, as everywhere, a fact is given)."""
    rejected = {id(r) for r in argmap.relations_rejected_by(perspective)}
    accepted = argmap.accepted_by(perspective)
    named = {r.name: r for r in argmap.relations if r.name is not None}
    own: dict[int, Relation] = {}
    for r in argmap.relations_by(perspective):
        own.setdefault(id(r), r)
    for target in accepted:
        found = named.get(target)
        if found is not None:
            own.setdefault(id(found), found)
    wanted: set[str] = set(accepted)
    sups: list[Support] = []
    rebs: list[Rebuttal] = []
    unds: list[Undercut] = []
    cons: list[Contradiction] = []
    for r in argmap.relations:  # map order
        if id(r) not in own or id(r) in rejected:
            continue
        if isinstance(r, Support):
            sups.append(r)
            wanted.update(r.premises)
            wanted.add(r.conclusion)
        elif isinstance(r, Rebuttal):
            rebs.append(r)
            wanted.update(r.attackers)
            wanted.add(r.target)
        elif isinstance(r, Undercut):
            unds.append(r)
            wanted.update(r.attackers)
        else:
            cons.append(r)
            wanted.update((r.left, r.right))
    claims = [c for c in argmap.claims if c.id in wanted]
    return claims, sups, rebs, unds, cons
