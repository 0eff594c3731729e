"""Map -> Dung framework -> verdicts: for the whole map, per perspective, and across them.

The rule that turns a map (a bipolar framework: claims, supports, attacks) into a Dung
framework is the "structured" rule, in the spirit of AIF and ASPIC+ (docs/semantics.md has it
with a worked example):

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

What a claim's label means under each semantics (:func:`claim_labels`): grounded -> its
grounded label; complete -> the same (the grounded labelling is the sceptical complete one);
preferred and stable -> "in" when IN in every labelling (sceptically accepted), "out" when OUT
in every labelling, "undec" otherwise; with no stable labelling at all every claim is "undec".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from argmap.model import (
    ArgumentMap,
    Claim,
    ClaimKind,
    Contradiction,
    Rebuttal,
    Span,
    Stance,
    Support,
    Undercut,
)
from argmap.util.gcpause import paused_gc

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic
    from argmap.semantics.solvers import Framework

__all__ = [
    "RULES",
    "AgreementReport",
    "Crux",
    "Evaluation",
    "PerspectiveView",
    "Translation",
    "claim_labels",
    "evaluate",
    "framework",
    "perspective_findings",
    "perspectives",
    "translate",
]

#: The translation rules, the default first.
RULES = ("structured", "attacks")
#: Default time limit (seconds) of a preferred or stable search.
DEFAULT_TIME_LIMIT = 10.0
#: At most this many labellings are listed in an evaluation.
DEFAULT_LIMIT = 100
# An IN label in a labelling's bytes (argmap.semantics.solvers.IN).
_IN_BYTE = re.compile(b"\x01")


# ---- translation -------------------------------------------------------------------------------
@attrs.frozen(slots=True)
class Translation:
    """A map's Dung framework, with which argument stands for what.

    ``claims`` maps claim id -> argument number; ``inferences`` maps each support's argument
    name -> its number; the rest are auxiliary arguments (``unsupported:C``, ``failed:P``).
    """

    framework: Framework
    rule: str
    claims: dict[str, int]
    inferences: dict[str, int]


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
    rule: str = "structured",
) -> Translation:
    """The Dung framework of these elements under ``rule`` ("structured" or "attacks").

    Relations that name a claim (or support) not among ``claims`` are skipped: a map with
    dangling references still evaluates.
    """
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}; choose one of {', '.join(RULES)}")
    with paused_gc():
        return _translate(claims, supports, rebuttals, undercuts, contradictions, rule)


def _translate(  # noqa: PLR0917 - the element lists of translate
    claims: Sequence[Claim],
    supports: Sequence[Support],
    rebuttals: Sequence[Rebuttal],
    undercuts: Sequence[Undercut],
    contradictions: Sequence[Contradiction],
    rule: str,
) -> Translation:
    from argmap.semantics.solvers import Framework

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


def framework(
    argmap: ArgumentMap, *, rule: str = "structured", perspective: str | None = None
) -> Translation:
    """The Dung framework of the whole map, or of one perspective's part of it."""
    if perspective is None:
        return translate(
            argmap.claims,
            argmap.supports,
            argmap.rebuttals,
            argmap.undercuts,
            argmap.contradictions,
            rule=rule,
        )
    claims, sups, rebs, unds, cons = _perspective_part(argmap, perspective)
    return translate(claims, sups, rebs, unds, cons, rule=rule)


def _perspective_part(
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


# ---- evaluation --------------------------------------------------------------------------------
@attrs.frozen(slots=True)
class Evaluation:
    """The verdict on every claim of a map (or of one perspective's part of it).

    ``labels``: claim -> "in"/"out"/"undec" (the reading in the module docstring);
    ``credulous``/``sceptical``: claims IN in some / every labelling; ``exists`` is False when
    there is no labelling (stable only); ``count`` is the number of labellings when known;
    ``extensions`` lists the claims IN in each labelling found (at most the limit;
    ``exhaustive`` says whether that is all of them, ``stopped_by`` why not).
    """

    semantics: str
    rule: str
    perspective: str | None
    translation: Translation
    labels: dict[str, str]
    credulous: frozenset[str]
    sceptical: frozenset[str]
    exists: bool
    count: int | None
    extensions: tuple[frozenset[str], ...]
    exhaustive: bool
    stopped_by: str | None
    view: PerspectiveView | None = None

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (the shape of ``argmap evaluate --format json``)."""
        af = self.translation.framework
        out: dict[str, object] = {
            "semantics": self.semantics,
            "rule": self.rule,
            "perspective": self.perspective,
            "framework": {"arguments": af.n, "attacks": af.attack_count()},
            "exists": self.exists,
            "count": self.count,
            "labels": dict(self.labels),
            "credulous": sorted(self.credulous),
            "sceptical": sorted(self.sceptical),
            "extensions": [sorted(e) for e in self.extensions],
            "exhaustive": self.exhaustive,
            "stopped_by": self.stopped_by,
        }
        if self.view is not None:
            out["view"] = self.view.to_dict()
        return out

    def _repr_html_(self) -> str:
        """Jupyter shows an evaluation as a compact table (:mod:`argmap.drawing.notebook`)."""
        from argmap.drawing.notebook import evaluation_html

        return evaluation_html(self)


def evaluate(
    argmap: ArgumentMap,
    semantics: str = "grounded",
    perspective: str | None = None,
    *,
    rule: str = "structured",
    limit: int = DEFAULT_LIMIT,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> Evaluation:
    """Evaluate the map (or ``perspective``'s part of it) under ``semantics``.

    Raises KeyError for an unknown perspective, ValueError for an unknown semantics or rule,
    and :class:`argmap.semantics.solvers.SearchStopped` when the time limit stops a preferred or
    stable search before its answer is exact (listing the labellings never raises: it says
    ``exhaustive=False`` instead).
    """
    from argmap.semantics.solvers import acceptance, enumerate_labellings

    if perspective is not None:
        argmap.perspective(perspective)  # KeyError when unknown
    tr = framework(argmap, rule=rule, perspective=perspective)
    status = acceptance(tr.framework, semantics, time_limit=time_limit)
    listing = enumerate_labellings(tr.framework, semantics, limit=limit, time_limit=time_limit)
    labels = _labels_from_status(tr, status)
    # The claims are the framework's first arguments, in map order (see _translate). The
    # extensions are listed in a stable order (the solver's is arbitrary): by the map order of
    # their claims.
    k = len(tr.claims)
    names = tr.framework.names
    positions = sorted(
        tuple(m.start() for m in _IN_BYTE.finditer(lab.labels, 0, k)) for lab in listing.labellings
    )
    extensions = tuple(frozenset(map(names.__getitem__, p)) for p in positions)
    view = None
    if perspective is not None:
        whole = claim_labels(argmap, semantics, rule=rule, time_limit=time_limit)
        view = _view(argmap, perspective, whole, labels)
    return Evaluation(
        semantics=status.semantics,
        rule=rule,
        perspective=perspective,
        translation=tr,
        labels=labels,
        credulous=frozenset(c for c, i in tr.claims.items() if status.credulous[i]),
        sceptical=frozenset(c for c, i in tr.claims.items() if status.sceptical[i]),
        exists=status.exists,
        count=(len(listing.labellings) if listing.exhaustive else None) if status.exists else 0,
        extensions=extensions,
        exhaustive=listing.exhaustive,
        stopped_by=listing.stopped_by,
        view=view,
    )


def _labels_from_status(tr: Translation, status: object) -> dict[str, str]:
    from argmap.semantics.solvers import Status

    assert isinstance(status, Status)
    out: dict[str, str] = {}
    for c, i in tr.claims.items():
        if status.sceptical[i]:
            out[c] = "in"
        elif status.rejected[i]:
            out[c] = "out"
        else:
            out[c] = "undec"
    return out


def claim_labels(
    argmap: ArgumentMap,
    semantics: str = "grounded",
    *,
    rule: str = "structured",
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> dict[str, str]:
    """Every claim id -> "in", "out" or "undec" under ``semantics`` (the reading in the module
    docstring: sceptical for preferred and stable). Raises SearchStopped past the time limit."""
    from argmap.semantics.solvers import acceptance

    tr = framework(argmap, rule=rule)
    return _labels_from_status(tr, acceptance(tr.framework, semantics, time_limit=time_limit))


# ---- one perspective against the map -----------------------------------------------------------
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


def _attack_pairs(relations: Iterable[object]) -> list[tuple[str, str, object]]:
    out: list[tuple[str, str, object]] = []
    for r in relations:
        if isinstance(r, Rebuttal):
            out.append((r.attacker, r.target, r))
        elif isinstance(r, Contradiction):
            out.append((r.left, r.right, r))
            out.append((r.right, r.left, r))
    return out


def _unanswered(accepted: set[str], attacks: list[tuple[str, str, object]]) -> list[tuple[str, str, object]]:
    """(accepted claim, attacker, relation) where no accepted claim attacks the attacker."""
    answered = {t for a, t, _ in attacks if a in accepted}
    out = []
    seen: set[tuple[str, str]] = set()
    for a, t, rel in attacks:
        if t in accepted and a != t and a not in accepted and a not in answered and (t, a) not in seen:
            seen.add((t, a))
            out.append((t, a, rel))
    return out


def _view(
    argmap: ArgumentMap,
    perspective: str,
    map_labels: dict[str, str],
    own_labels: dict[str, str],
) -> PerspectiveView:
    accepts = argmap.accepted_by(perspective)
    accepted = set(accepts)
    all_attacks = _attack_pairs(argmap.relations)
    conflicts = tuple(
        dict.fromkeys((a, t) for a, t, _ in all_attacks if a in accepted and t in accepted and a != t)
    )
    unanswered = tuple((t, a) for t, a, _ in _unanswered(accepted, all_attacks))
    owes = tuple((t, a) for t, a, _ in _unanswered(accepted, _attack_pairs(argmap.relations_by(perspective))))
    facts = {c.id for c in argmap.claims if c.kind is ClaimKind.FACT}
    defends = tuple(c for c, v in own_labels.items() if v == "in" and c not in accepted and c not in facts)
    against = {c: map_labels[c] for c in accepts if c in map_labels and map_labels[c] != "in"}
    return PerspectiveView(
        perspective=perspective,
        accepts=accepts,
        rejects=argmap.rejected_by(perspective),
        conflicts=conflicts,
        unanswered=unanswered,
        owes=owes,
        own_labels=dict(own_labels),
        defends_unaccepted=defends,
        against_map=against,
    )


def claim_labels_of_part(
    argmap: ArgumentMap, perspective: str, semantics: str, rule: str, time_limit: float | None
) -> dict[str, str]:
    """The labels of one perspective's own framework."""
    from argmap.semantics.solvers import acceptance

    tr = framework(argmap, rule=rule, perspective=perspective)
    return _labels_from_status(tr, acceptance(tr.framework, semantics, time_limit=time_limit))


# ---- across perspectives -----------------------------------------------------------------------
@attrs.frozen(slots=True)
class Crux:
    """A claim perspectives disagree on (some accept it, some reject it), with the claims whose
    grounded label flips with it (``depends``: IN when it is forced IN, not IN when it is forced
    OUT, or the other way round) and ``weight``: how many stances of the disagreeing
    perspectives are on those claims."""

    claim: str
    accepted_by: tuple[str, ...]
    rejected_by: tuple[str, ...]
    depends: tuple[str, ...]
    weight: int

    def to_dict(self) -> dict[str, object]:
        return {
            "claim": self.claim,
            "accepted_by": list(self.accepted_by),
            "rejected_by": list(self.rejected_by),
            "depends": list(self.depends),
            "weight": self.weight,
        }


@attrs.frozen(slots=True)
class AgreementReport:
    """The agreement matrix of a map and what follows from it.

    ``cells[(claim, perspective)]`` is "accept", "reject" or "silent"; ``labels`` is the map's
    verdict per claim; ``agreement[(p, q)]`` is the share of the claims on which both p and q
    take a stance where they take the same one (None when there is no such claim), with
    ``shared[(p, q)]`` the number of those claims; ``views`` is each perspective's
    :class:`PerspectiveView`; ``cruxes`` are ordered by weight, heaviest first.
    """

    semantics: str
    claims: tuple[str, ...]
    perspectives: tuple[str, ...]
    cells: dict[tuple[str, str], str]
    labels: dict[str, str]
    agreement: dict[tuple[str, str], float | None]
    shared: dict[tuple[str, str], int]
    views: dict[str, PerspectiveView]
    cruxes: tuple[Crux, ...]

    def row(self, claim: str) -> tuple[str, ...]:
        return tuple(self.cells[(claim, p)] for p in self.perspectives)

    def to_dict(self) -> dict[str, object]:
        return {
            "semantics": self.semantics,
            "perspectives": list(self.perspectives),
            "matrix": [
                {
                    "claim": c,
                    "label": self.labels.get(c),
                    "stances": dict(zip(self.perspectives, self.row(c), strict=True)),
                }
                for c in self.claims
            ],
            "agreement": [
                {"a": p, "b": q, "score": self.agreement[(p, q)], "shared": self.shared[(p, q)]}
                for p in self.perspectives
                for q in self.perspectives
                if p < q or (p != q and (q, p) not in self.agreement)
            ],
            "views": {p: v.to_dict() for p, v in self.views.items()},
            "cruxes": [c.to_dict() for c in self.cruxes],
        }

    def _repr_html_(self) -> str:
        """Jupyter shows the report as its agreement table and cruxes (:mod:`argmap.drawing.notebook`)."""
        from argmap.drawing.notebook import agreement_html

        return agreement_html(self)


def perspectives(
    argmap: ArgumentMap,
    semantics: str = "grounded",
    *,
    rule: str = "structured",
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    max_cruxes: int = 500,
) -> AgreementReport:
    """The agreement matrix, pairwise agreement, each perspective's view and the cruxes.

    Cruxes are judged under grounded semantics whatever ``semantics`` is (forcing a claim and
    propagating is linear); at most ``max_cruxes`` disputed claims (those most perspectives
    take sides on) are weighed.
    """
    from argmap.semantics.solvers import IN, _grounded

    pers = tuple(p.id for p in argmap.perspectives)
    claims = tuple(c.id for c in argmap.claims)
    stance: dict[tuple[str, str], str] = {}
    for s in argmap.stances:
        stance.setdefault((s.claim, s.perspective), "accept" if s.accepts else "reject")
    cells = {(c, p): stance.get((c, p), "silent") for c in claims for p in pers}
    labels = claim_labels(argmap, semantics, rule=rule, time_limit=time_limit)
    agreement: dict[tuple[str, str], float | None] = {}
    shared: dict[tuple[str, str], int] = {}
    taken = {p: {c: v for (c, q), v in stance.items() if q == p} for p in pers}
    for i, p in enumerate(pers):
        for q in pers[i + 1 :]:
            both = taken[p].keys() & taken[q].keys()
            same = sum(1 for c in both if taken[p][c] == taken[q][c])
            score = same / len(both) if both else None
            for key in ((p, q), (q, p)):
                agreement[key] = score
                shared[key] = len(both)
    views = {}
    for p in pers:
        own = claim_labels_of_part(argmap, p, semantics, rule, time_limit)
        views[p] = _view(argmap, p, labels, own)
    # cruxes
    disputed = []
    for c in claims:
        acc = tuple(p for p in pers if stance.get((c, p)) == "accept")
        rej = tuple(p for p in pers if stance.get((c, p)) == "reject")
        if acc and rej:
            disputed.append((c, acc, rej))
    disputed.sort(key=lambda d: -(len(d[1]) + len(d[2])))
    tr = framework(argmap, rule=rule)
    af = tr.framework
    claim_of = {i: c for c, i in tr.claims.items()}
    cruxes = []
    for c, acc, rej in disputed[:max_cruxes]:
        x = tr.claims[c]
        forced_in = _grounded(af, {x: IN})
        forced_out = _grounded(af, {x: 2})
        depends = tuple(
            claim_of[i] for i in sorted(claim_of) if i != x and (forced_in[i] == IN) != (forced_out[i] == IN)
        )
        side = set(acc) | set(rej)
        dep = set(depends)
        weight = sum(1 for (d, p) in stance if d in dep and p in side)
        cruxes.append(Crux(c, acc, rej, depends, weight))
    cruxes.sort(key=lambda k: (-k.weight, claims.index(k.claim)))
    return AgreementReport(
        semantics=semantics,
        claims=claims,
        perspectives=pers,
        cells=cells,
        labels=labels,
        agreement=agreement,
        shared=shared,
        views=views,
        cruxes=tuple(cruxes),
    )


# ---- the checker's findings (W400) ------------------------------------------------------------
_WORD_OR_TEXT = re.compile(r'"(?:[^"\\]|\\.)*"|\w[\w-]*')


def _locate(lines: Sequence[str] | None, span: Span | None, name: str) -> Span | None:
    """Narrow a span to where ``name`` is written in it (outside quoted text), if it is."""
    if span is None or lines is None:
        return span
    for line_no in range(span.line, span.end_line + 1):
        if line_no - 1 >= len(lines):
            break
        line = lines[line_no - 1]
        start = span.column - 1 if line_no == span.line else 0
        stop = span.end_column - 1 if line_no == span.end_line else len(line)
        for m in _WORD_OR_TEXT.finditer(line, start, stop):
            if m.group(0) == name:
                return Span(span.path, line_no, m.start() + 1, line_no, m.end() + 1)
    return span


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
    from argmap.diagnostics import Diagnostic, Related

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
        attacks = _attack_pairs(rels)
        owed = _unanswered(accepted, attacks)
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
            span = stance.span if stance.inline else _locate(lines, stance.span, target)
            rel_span = getattr(rel, "span", None)
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
                    related=(Related(rel_span, "the attack"),),
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
