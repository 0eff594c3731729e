"""Views: which part of a map one drawing shows, and which of it stands out.

A view is made from the keywords of :func:`argmap.drawing.render.to_dot`: a perspective (its
claims and relations stand out, ``only`` drops the rest), a comparison of two, a question (the
claims answering it and what bears on them), a claim's neighbourhood (``focus`` and ``depth``
steps), or the whole map.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence

import attrs

from argmap.errors import UnknownIdError, UnknownPerspectiveError, ViewError
from argmap.model import ArgumentMap, Contradiction, Rebuttal, Support, Undercut

__all__ = ["View", "agreement", "make_view", "perspective_name", "stance"]


@attrs.frozen
class View:
    """What one drawing shows of a map: which claims, which of them stand out, which relations
    and questions, and the subtitle that says so."""

    shown: frozenset[str]  # claim ids drawn
    strong: frozenset[str]  # claim ids not dimmed
    relation_filter: str  # "all" | "strong" (drop relations not by the view's perspectives)
    focus_of: frozenset[str]  # perspectives whose relations are strong
    questions: frozenset[str] | None  # question ids to draw (None: all answered)
    subtitle: list[str]


def _neighbours(amap: ArgumentMap, claim_id: str, incoming_only: bool) -> Iterable[str]:
    """Claims one step from ``claim_id``; a linked support moves as a whole."""
    for s in amap.supports_of(claim_id):
        yield from s.premises
        if s.name is not None:
            yield from (u.attacker for u in amap.undercuts_of(s.name))
    yield from amap.attackers(claim_id)
    if incoming_only:
        return
    for s in amap.supports_from(claim_id):
        yield s.conclusion
        yield from s.premises
    for rel in amap.attacks_from(claim_id):
        yield rel.target if isinstance(rel, Rebuttal) else (rel.right if rel.left == claim_id else rel.left)
    for e in amap.elements:
        if isinstance(e, Undercut) and claim_id in e.attackers:
            yield from _relation_claims(amap, e)


def _reach(amap: ArgumentMap, start: Iterable[str], depth: int | None, incoming_only: bool) -> set[str]:
    """The claims at most ``depth`` steps from ``start`` (None: any number)."""
    known = {c.id for c in amap.claims}
    seen = {c: 0 for c in start}
    queue = deque(seen)
    while queue:
        current = queue.popleft()
        d = seen[current]
        if depth is not None and d >= depth:
            continue
        for n in _neighbours(amap, current, incoming_only):
            if n not in seen and n in known:
                seen[n] = d + 1
                queue.append(n)
    return set(seen)


def perspective_name(amap: ArgumentMap, perspective_id: str) -> str:
    """The perspective's name, or its id when the map does not define it."""
    try:
        return amap.perspective(perspective_id).name
    except KeyError:
        return perspective_id


def _touches(amap: ArgumentMap, perspective_id: str) -> set[str]:
    """Claims a perspective holds or rejects, or that its relations connect."""
    out = set(amap.accepted_by(perspective_id)) | set(amap.rejected_by(perspective_id))
    for rel in (*amap.relations_by(perspective_id), *amap.relations_rejected_by(perspective_id)):
        out.update(_relation_claims(amap, rel))
    return out


def _relation_claims(amap: ArgumentMap, rel: object, depth: int = 0) -> list[str]:
    """The claims a relation connects (an undercut: its attackers and the claims of the
    relation it attacks, which comes along: an undercut means nothing without its target)."""
    if isinstance(rel, Support):
        return [*rel.premises, rel.conclusion]
    if isinstance(rel, Rebuttal):
        return [*rel.attackers, rel.target]
    if isinstance(rel, Contradiction):
        return [rel.left, rel.right]
    if isinstance(rel, Undercut):
        try:
            target = amap.relation(rel.target)
        except KeyError:
            return list(rel.attackers)
        inner = _relation_claims(amap, target, depth + 1) if depth < 50 else []
        return [*rel.attackers, *inner]
    return []


def make_view(
    amap: ArgumentMap,
    *,
    perspective: str | None,
    only: bool,
    compare: Sequence[str] | None,
    question: str | None,
    focus: str | None,
    depth: int | None,
) -> View:
    """The view the keywords ask for (see :func:`argmap.drawing.render.to_dot`).

    Raises :class:`UnknownPerspectiveError` or :class:`UnknownIdError` for a name the map
    does not have, :class:`ViewError` for options that do not go together.
    """
    perspective_ids = {p.id for p in amap.perspectives} | {s.perspective for s in amap.stances}
    all_claims = [c.id for c in amap.claims]
    shown = set(all_claims)
    strong = set(all_claims)
    subtitle: list[str] = []
    focus_of: set[str] = set()
    relation_filter = "all"
    questions: set[str] | None = None
    if depth is not None and depth < 0:
        raise ViewError(f"depth must be 0 or more, not {depth}")
    if only and perspective is None:
        raise ViewError("only=True needs a perspective")
    if perspective is not None and compare is not None:
        raise ViewError("choose either a perspective or a comparison, not both")
    for p in [perspective, *(compare or ())]:
        if p is not None and p not in perspective_ids:
            raise UnknownPerspectiveError(p, sorted(perspective_ids))
    if question is not None:
        if question not in {q.id for q in amap.questions}:
            raise UnknownIdError("question", question, [q.id for q in amap.questions])
        answers = [c.id for c in amap.answers_to(question)]
        shown &= _reach(amap, answers, depth, incoming_only=True)
        questions = {question}
        subtitle.append(f"Question: {amap.question(question).text}")
    if focus is not None:
        if focus not in shown and focus not in set(all_claims):
            raise UnknownIdError("claim", focus, all_claims)
        reach = _reach(amap, [focus], 2 if depth is None else depth, incoming_only=False)
        shown &= reach
        steps = 2 if depth is None else depth
        subtitle.append(f"Around claim {focus} ({steps} step{'s' if steps != 1 else ''})")
    if perspective is not None:
        strong = _touches(amap, perspective)
        focus_of = {perspective}
        name = perspective_name(amap, perspective)
        if only:
            shown &= strong
            relation_filter = "strong"
            subtitle.append(f"As {name} sees it (only what {name} holds, rejects or argues)")
        else:
            subtitle.append(f"As {name} sees it (the rest is greyed out)")
    if compare is not None:
        if len(compare) != 2:
            raise ViewError("compare takes exactly two perspectives")
        p, q = compare
        if p == q:
            raise ViewError("compare needs two different perspectives")
        strong = _touches(amap, p) | _touches(amap, q)
        focus_of = {p, q}
        p_name, q_name = perspective_name(amap, p), perspective_name(amap, q)
        subtitle.append(f"{p_name} and {q_name}: where they agree and where they differ")
    strong &= shown
    return View(
        frozenset(shown),
        frozenset(strong),
        relation_filter,
        frozenset(focus_of),
        None if questions is None else frozenset(questions),
        subtitle,
    )


# ---- comparing two perspectives ------------------------------------------------------------------
def stance(amap: ArgumentMap, pid: str, claim_id: str) -> str | None:
    """Whether perspective ``pid`` holds or rejects the claim (None: neither)."""
    if pid in amap.holders(claim_id):
        return "holds"
    if pid in amap.rejecters(claim_id):
        return "rejects"
    return None


def agreement(
    amap: ArgumentMap, pair: tuple[str, str], stances: tuple[str | None, str | None], colors: dict[str, str]
) -> tuple[str, str, str]:
    """How two stances on one claim compare: the kind (``agree``, ``disagree``, ``only-p``,
    ``only-q``, or "" when neither takes one), the band's text and its colour."""
    p, q = pair
    sp, sq = stances
    np_, nq = perspective_name(amap, p), perspective_name(amap, q)  # whole names: the band wraps
    if sp and sq:
        if sp == sq:
            return "agree", f"AGREE: both {'hold' if sp == 'holds' else 'reject'}", "#DDDDDD"
        who_holds, who_rejects = (np_, nq) if sp == "holds" else (nq, np_)
        return "disagree", f"DISAGREE: {who_holds} holds, {who_rejects} rejects", "#000000"
    if sp:
        return "only-p", f"only {np_} {sp}", colors.get(p, "#777777")
    if sq:
        return "only-q", f"only {nq} {sq}", colors.get(q, "#777777")
    return "", "", ""
