"""Things said twice: a stance or a relation repeated word for word (W307), a premise listed
twice in one support (W308). A named relation said twice is a duplicate id (E200) instead."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from argmap.checks.registry import Context, Family
from argmap.diagnostics import CodeInfo, Related, Severity, register_codes
from argmap.model import Relation, Stance

__all__ = ["CODES", "FAMILY"]

W = Severity.WARNING

CODES = register_codes(
    {
        "W307": CodeInfo(W, "repeated relation or stance"),
        "W308": CodeInfo(W, "premise repeated in one support"),
    }
)


def repeated_premises(context: Context) -> None:
    """W308: a premise listed twice in one support."""
    for s in context.map.supports:
        premises = s.premises
        if len(premises) > 1 and len(set(premises)) != len(premises):
            seen: set[str] = set()
            for p in premises:
                if p in seen:
                    context.emit(
                        "W308",
                        context.locate(s.span, p, 1),
                        f"premise '{p}' appears twice in one support",
                        hint="list each premise once",
                    )
                seen.add(p)


def repeated_stances(context: Context) -> None:
    """W307: a stance said twice."""
    first: dict[tuple[str, str, bool], Stance] = {}
    for st in context.map.stances:
        key = (st.perspective, st.claim, st.accepts)
        other = first.get(key)
        if other is None:
            first[key] = st
            continue
        verb = "accepts" if st.accepts else "rejects"
        context.emit(
            "W307",
            context.locate(st.span, st.perspective),
            f"'{st.perspective}' {verb} '{st.claim}' more than once",
            hint="say it once",
            related=[Related(other.span, "said first here")],
        )


def repeated_relations(context: Context) -> None:
    """W307: a relation said twice, word for word."""
    m = context.map
    # A named relation said twice is a duplicate id (E200) instead.
    every: Iterator[Relation] = chain(m.supports, m.rebuttals, m.undercuts, m.contradictions)
    relations = (r for r in every if r.name is None)
    seen: dict[Relation, Relation] = {}
    for rel in relations:
        first = seen.setdefault(rel, rel)
        if first is not rel:
            context.emit(
                "W307",
                rel.span,
                "this relation repeats an earlier one word for word",
                hint="remove the repeat; to credit more perspectives, list them in one `by`",
                related=[Related(first.span, "the first one")],
            )


FAMILY = Family("repeats", 60, CODES, (repeated_premises, repeated_stances, repeated_relations))
