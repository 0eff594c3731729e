"""References: every id a statement names is defined (E201), as the kind of thing the place
needs (E202).

The walk over the references (:func:`references`) also records what they reach, defined or
not; the check of what is never used shares it.
"""

from __future__ import annotations

from typing import NamedTuple

from argmap.checks.definitions import KIND_NAMES, Names, names, what
from argmap.checks.registry import Context, Family
from argmap.diagnostics import CodeInfo, Related, Severity, register_codes
from argmap.model import (
    Claim,
    Contradiction,
    Element,
    Perspective,
    Question,
    Rebuttal,
    Relation,
    Source,
    Support,
)
from argmap.util.suggest import did_you_mean

__all__ = ["CODES", "FAMILY", "BadReference", "Reached", "References", "references"]

E = Severity.ERROR

CODES = register_codes(
    {
        "E201": CodeInfo(E, "undefined reference"),
        "E202": CodeInfo(E, "reference to the wrong kind of element"),
    }
)


class Reached(NamedTuple):
    """What the references of a map reach, by what they name."""

    claims: set[str]  # touched by a relation, or answering a question
    perspectives: set[str]  # holding, rejecting, asserting or quoted
    sources: set[str]  # cited
    questions: set[str]  # answered


class BadReference(NamedTuple):
    """A name in ``element`` that does not name an element of type ``want``: the n-th time it is
    written there (``occurrence``; -1 for the last), in the ``role`` the message gives it."""

    element: Element
    name: str
    want: type
    role: str
    occurrence: int = 0


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
    questions, sources, supports = ids[Question], ids[Source], ids[Support]
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

    for c in m.claims:
        if c.answers:
            reached.questions.update(c.answers)
            connected.add(c.id)
            for q in c.answers:
                if q not in questions:
                    add(BadReference(c, q, Question, "the question"))
        if c.sources:
            reached.sources.update(c.sources)
            for src in c.sources:
                if src not in sources:
                    add(BadReference(c, src, Source, "the source"))
        for quote in c.quotes:
            if quote.speaker is not None:
                used_perspectives.add(quote.speaker)
                if quote.speaker not in perspectives:
                    add(BadReference(c, quote.speaker, Perspective, "the speaker"))
    for s in m.supports:
        connected.update(s.premises)
        connected.add(s.conclusion)
        if not claims.issuperset(s.premises):
            offset = 1 if s.name is not None and s.name in s.premises else 0
            for i, p in enumerate(s.premises):
                if p not in claims:
                    add(BadReference(s, p, Claim, "the premise", offset + s.premises[:i].count(p)))
        if s.conclusion not in claims:
            add(BadReference(s, s.conclusion, Claim, "the conclusion", -1))
        if s.by:
            credited(s)

    def between_claims(
        rel: Rebuttal | Contradiction, first: str, second: str, roles: tuple[str, str]
    ) -> None:
        connected.add(first)
        connected.add(second)
        if first not in claims:
            add(BadReference(rel, first, Claim, roles[0]))
        if second not in claims:
            add(BadReference(rel, second, Claim, roles[1], -1))
        if rel.by:
            credited(rel)

    for r in m.rebuttals:
        between_claims(r, r.attacker, r.target, ("the attacker", "the target"))
    for u in m.undercuts:
        connected.add(u.attacker)
        if u.attacker not in claims:
            add(BadReference(u, u.attacker, Claim, "the attacker"))
        if u.target not in supports:
            add(BadReference(u, u.target, Support, "the undercut support", -1))
        if u.by:
            credited(u)
    for c2 in m.contradictions:
        between_claims(c2, c2.left, c2.right, ("the claim", "the claim"))
    for st in m.stances:
        used_perspectives.add(st.perspective)
        if st.perspective not in perspectives:
            add(BadReference(st, st.perspective, Perspective, "the perspective"))
        if not st.inline and st.claim not in claims:
            add(BadReference(st, st.claim, Claim, "the claim", -1))
    for rel in unknown_by:
        for p in rel.by:
            if p not in perspectives:
                add(BadReference(rel, p, Perspective, "the perspective", -1))
    return References(bad, reached)


def bad_references(context: Context) -> None:
    """E201 for a name nothing defines, E202 for one that names the wrong kind of thing."""
    found = context.shared(references).bad
    if not found:
        return
    table = context.shared(names)
    candidates: dict[type, list[str]] = {}
    for ref in found:
        _report(context, table, candidates, ref)


def _report(context: Context, table: Names, candidates: dict[type, list[str]], ref: BadReference) -> None:
    element, name, want = ref.element, ref.name, ref.want
    found = table.defined.get(name)
    span = context.locate(element.span, name, ref.occurrence)
    wanted = KIND_NAMES[want]
    if found is None:
        known = candidates.get(want)
        if known is None:  # what a misspelt reference may have meant: the names of that kind
            known = candidates[want] = [k for k, v in table.defined.items() if isinstance(v, want)]
        suggestion = did_you_mean(name, known) or f"define it, e.g. {_definition_example(want, name)}"
        context.emit("E201", span, f"{ref.role} '{name}' is not defined ({wanted} was expected)", suggestion)
        return
    hint: str | None = None
    if want is Claim and isinstance(found, Support):
        hint = f"'{name}' names a support; to attack the inference write `... undercuts {name}`"
    elif want is Support and isinstance(found, Claim):
        hint = (
            "an undercut attacks a named support; name it (`s: a supports b`) and undercut `s`, "
            "or rebut the claim with `rebuts`"
        )
    context.emit(
        "E202",
        span,
        f"{ref.role} '{name}' is {what(found)}, but {wanted} is needed here",
        hint,
        [Related(context.locate(found.span, name), f"'{name}' is defined here")],
    )


def _definition_example(want: type, name: str) -> str:
    return {
        Claim: f'`claim {name} "..."`',
        Perspective: f'`perspective {name} "Name"`',
        Question: f'`question {name} "...?"`',
        Source: f'`source {name} "Title"`',
        Support: f"`{name}: a supports b`",
    }[want]


FAMILY = Family("references", 20, CODES, (bad_references,), uses=(names, references))
