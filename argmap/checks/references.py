"""References: every id a statement names is defined (E201), as the kind of thing the place
needs (E202); an undercut aims at a named relation (E207: not a claim; E209: a name that
names nothing).

One undefined name is one finding, however often it is used: the first use is its place, the
others are listed (so a misspelt id used a thousand times is one error, not a thousand).

The walk over the references (:func:`references`) also records what they reach, defined or
not; the check of what is never used shares it.
"""

from __future__ import annotations

from typing import NamedTuple

from argmap.checks.definitions import KIND_NAMES, RELATION_TYPES, Names, names, what
from argmap.checks.registry import Context, Family
from argmap.diagnostics import CodeInfo, Related, Severity, register_codes
from argmap.model import (
    Claim,
    Element,
    Perspective,
    Question,
    Quote,
    Relation,
    Section,
    Source,
)
from argmap.span import Span
from argmap.util.suggest import did_you_mean

__all__ = [
    "CODES",
    "FAMILY",
    "AnyRelation",
    "BadReference",
    "ClaimOrRelation",
    "Reached",
    "References",
    "references",
]

E = Severity.ERROR

CODES = register_codes(
    {
        "E201": CodeInfo(E, "undefined reference"),
        "E202": CodeInfo(E, "reference to the wrong kind of element"),
        "E207": CodeInfo(E, "undercut aimed at a claim"),
        "E209": CodeInfo(E, "undefined relation name"),
    }
)

#: How many other uses of an undefined name a finding lists as related places.
MAX_LISTED_USES = 20


class AnyRelation:
    """What an undercut's target must name: a named relation of any kind (a marker type)."""


class ClaimOrRelation:
    """What a stance's target must name: a claim or a named relation (a marker type)."""


_WANTED: dict[type, str] = {
    **KIND_NAMES,
    AnyRelation: "a named relation",
    ClaimOrRelation: "a claim or a named relation",
}


def _fits(want: type, found: Element) -> bool:
    if want is AnyRelation:
        return isinstance(found, RELATION_TYPES)
    if want is ClaimOrRelation:
        return isinstance(found, (Claim, *RELATION_TYPES))
    return isinstance(found, want)


class Reached(NamedTuple):
    """What the references of a map reach, by what they name."""

    claims: set[str]  # touched by a relation, or answering a question
    perspectives: set[str]  # holding, rejecting, asserting, asking or quoted
    sources: set[str]  # cited, or quoted from
    questions: set[str]  # answered


class BadReference(NamedTuple):
    """A name in ``element`` that does not name an element of type ``want``: the n-th time it is
    written there (``occurrence``; -1 for the last), in the ``role`` the message gives it."""

    element: Element
    name: str
    want: type
    role: str
    occurrence: int = 0
    at: Span | None = None  # where to look for the name, when narrower than the element


class References(NamedTuple):
    """The references that do not resolve (in the order they are reported), and what all of
    them reach."""

    bad: list[BadReference]
    reached: Reached


def references(context: Context) -> References:
    """Check every reference against the names the map defines, by type (a shared table)."""
    m = context.map
    ids = context.shared(names).ids
    claims, perspectives = ids[Claim], ids[Perspective]
    questions, sources, sections = ids[Question], ids[Source], ids[Section]
    relations: set[str] = set().union(*(ids[kind] for kind in RELATION_TYPES))
    reached = Reached(set(), set(), set(), set())
    connected, used_perspectives = reached.claims, reached.perspectives
    bad: list[BadReference] = []
    add = bad.append
    # Relations naming an undefined perspective in ``by``: reported last, as they always were.
    unknown_by: list[Relation] = []

    def credited(rel: Relation) -> None:
        used_perspectives.update(rel.by)
        if not perspectives.issuperset(rel.by):
            unknown_by.append(rel)

    def quoted(element: Element, quotes: tuple[Quote, ...]) -> None:
        for quote in quotes:
            if quote.speaker is not None:
                used_perspectives.add(quote.speaker)
                if quote.speaker not in perspectives:
                    add(BadReference(element, quote.speaker, Perspective, "the speaker", 0, quote.span))
            if quote.source is not None:
                reached.sources.add(quote.source)
                if quote.source not in sources:
                    add(BadReference(element, quote.source, Source, "the quote's source", -1, quote.span))

    def cited(element: Element, cites: tuple[str, ...]) -> None:
        reached.sources.update(cites)
        for src in cites:
            if src not in sources:
                add(BadReference(element, src, Source, "the source"))

    def starting(rel: Relation, ends: tuple[str, ...], role: str) -> None:
        """The premises or attackers of a relation: claims, each counted where it is written
        (its n-th appearance in the statement, the relation's own name included)."""
        connected.update(ends)
        if claims.issuperset(ends):
            return
        seen: dict[str, int] = {}
        for p in ends:
            n = seen.get(p, 1 if p == rel.name else 0)
            seen[p] = n + 1
            if p not in claims:
                add(BadReference(rel, p, Claim, role, n))

    def extras(rel: Relation) -> None:
        if rel.by:
            credited(rel)
        if rel.sources:
            cited(rel, rel.sources)
        if rel.quotes:
            quoted(rel, rel.quotes)

    for q in m.questions:
        if q.asked_by:
            used_perspectives.update(q.asked_by)
            for p in q.asked_by:
                if p not in perspectives:
                    add(BadReference(q, p, Perspective, "the asker"))
    for c in m.claims:
        if c.answers:
            reached.questions.update(c.answers)
            connected.add(c.id)
            for q_id in c.answers:
                if q_id not in questions:
                    add(BadReference(c, q_id, Question, "the question"))
        if c.sources:
            cited(c, c.sources)
        if c.quotes:
            quoted(c, c.quotes)
    for s in m.supports:
        starting(s, s.premises, "the premise")
        connected.add(s.conclusion)
        if s.conclusion not in claims:
            add(BadReference(s, s.conclusion, Claim, "the conclusion", -1))
        if s.by or s.sources or s.quotes:
            extras(s)
    for r in m.rebuttals:
        starting(r, r.attackers, "the attacker")
        connected.add(r.target)
        if r.target not in claims:
            add(BadReference(r, r.target, Claim, "the target", -1))
        if r.by or r.sources or r.quotes:
            extras(r)
    for u in m.undercuts:
        starting(u, u.attackers, "the attacker")
        if u.target not in relations:
            add(BadReference(u, u.target, AnyRelation, "the undercut relation", -1))
        if u.by or u.sources or u.quotes:
            extras(u)
    for c2 in m.contradictions:
        connected.add(c2.left)
        connected.add(c2.right)
        if c2.left not in claims:
            add(BadReference(c2, c2.left, Claim, "the claim", 1 if c2.left == c2.name else 0))
        if c2.right not in claims:
            add(BadReference(c2, c2.right, Claim, "the claim", -1))
        if c2.by or c2.sources or c2.quotes:
            extras(c2)
    for st in m.stances:
        used_perspectives.add(st.perspective)
        if st.perspective not in perspectives:
            add(BadReference(st, st.perspective, Perspective, "the perspective"))
        if not st.inline and st.target not in claims and st.target not in relations:
            add(BadReference(st, st.target, ClaimOrRelation, "the stance's target", -1))
    for sec in m.sections:
        if sec.parent is not None and sec.parent not in sections:
            add(BadReference(sec, sec.parent, Section, "the parent section", -1))
    for rel in unknown_by:
        for p in rel.by:
            if p not in perspectives:
                add(BadReference(rel, p, Perspective, "the perspective", -1))
    return References(bad, reached)


def bad_references(context: Context) -> None:
    """E201 (E209 for an undercut's target) for a name nothing defines, once per name with its
    uses listed; E202 for one that names the wrong kind of thing (E207: an undercut aimed at a
    claim)."""
    found = context.shared(references).bad
    if not found:
        return
    table = context.shared(names)
    candidates: dict[type, list[str]] = {}
    undefined: dict[tuple[str, bool], list[BadReference]] = {}
    for ref in found:
        if ref.name in table.defined:
            _wrong_kind(context, table, ref)
        else:
            undefined.setdefault((ref.name, ref.want is AnyRelation), []).append(ref)
    for uses in undefined.values():
        _undefined(context, table, candidates, uses)


def _undefined(
    context: Context, table: Names, candidates: dict[type, list[str]], uses: list[BadReference]
) -> None:
    located = sorted(
        ((context.locate(ref.at or ref.element.span, ref.name, ref.occurrence), ref) for ref in uses),
        key=lambda item: _position(item[0]),
    )
    spans = list(dict.fromkeys(span for span, _ in located))
    first = located[0][1]
    name, want = first.name, first.want
    known = candidates.get(want)
    if known is None:  # what a misspelt reference may have meant: the names of that kind
        known = candidates[want] = [k for k, v in table.defined.items() if _fits(want, v)]
    suggestion = did_you_mean(name, known) or f"define it, e.g. {_definition_example(want, name)}"
    message = f"{first.role} '{name}' is not defined ({_WANTED[want]} was expected)"
    if len(uses) > 1:
        message += f"; it is used {len(uses)} times"
        lines = list(dict.fromkeys(s.line for s in spans if s is not None))
        if lines:
            shown = ", ".join(map(str, lines[:MAX_LISTED_USES]))
            more = f" and {len(lines) - MAX_LISTED_USES} more" if len(lines) > MAX_LISTED_USES else ""
            message += f", on line{'s' if len(lines) > 1 else ''} {shown}{more}"
    related = [Related(s, f"'{name}' is also used here") for s in spans[1 : 1 + MAX_LISTED_USES]]
    code = "E209" if want is AnyRelation else "E201"
    if want is AnyRelation:
        message = f"the undercut's target '{name}' names no relation"
        if len(uses) > 1:
            message += f" (it is used {len(uses)} times)"
        if not did_you_mean(name, known):
            suggestion = f"name the relation it attacks, e.g. `{name}: a rebuts b`, and undercut that name"
    context.emit(code, spans[0], message, suggestion, related)


def _position(span: Span | None) -> tuple[int, int]:
    return (0, 0) if span is None else (span.line, span.column)


def _wrong_kind(context: Context, table: Names, ref: BadReference) -> None:
    element, name, want = ref.element, ref.name, ref.want
    found = table.defined[name]
    span: Span | None = context.locate(ref.at or element.span, name, ref.occurrence)
    there = [Related(context.locate(found.span, name), f"'{name}' is defined here")]
    if want is AnyRelation and isinstance(found, Claim):
        context.emit(
            "E207",
            span,
            f"the undercut aims at '{name}', which is a claim; an undercut attacks a named relation",
            "to speak against the claim itself write `... rebuts "
            f"{name}`; to attack the step to it, name that relation (`r: a supports {name}`) "
            "and undercut `r`",
            there,
        )
        return
    hint: str | None = None
    if want is Claim and isinstance(found, RELATION_TYPES):
        hint = f"'{name}' names {what(found)}; to attack that relation write `... undercuts {name}`"
    elif want is AnyRelation:
        hint = "an undercut attacks a named relation (`r: a supports b`, `r: a rebuts b` ...)"
    elif want is ClaimOrRelation:
        hint = "a perspective accepts or rejects claims and named relations"
    context.emit(
        "E202",
        span,
        f"{ref.role} '{name}' is {what(found)}, but {_WANTED[want]} is needed here",
        hint,
        there,
    )


def _definition_example(want: type, name: str) -> str:
    return {
        Claim: f'`claim {name} "..."`',
        ClaimOrRelation: f'`claim {name} "..."`',
        Perspective: f'`perspective {name} "Name"`',
        Question: f'`question {name} "...?"`',
        Source: f'`source {name} "Title"`',
        Section: f'`section {name} "Title"`',
        AnyRelation: f"`{name}: a rebuts b`",
    }[want]


FAMILY = Family("references", 20, CODES, (bad_references,), uses=(names, references))
