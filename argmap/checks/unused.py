"""What is never used: a claim nothing touches (W303), a perspective that holds and asserts
nothing (W304), a source nobody cites (W305), a question nobody answers (W306).

"Used" is what the references reach, whether they resolve or not (the walk of
:mod:`argmap.checks.references`): a misspelt reference is reported once, as E201.
"""

from __future__ import annotations

from argmap.checks.references import references
from argmap.checks.registry import Context, Family
from argmap.diagnostics import CodeInfo, Severity, register_codes

__all__ = ["CODES", "FAMILY"]

W = Severity.WARNING

CODES = register_codes(
    {
        "W303": CodeInfo(W, "orphan claim"),
        "W304": CodeInfo(W, "unused perspective"),
        "W305": CodeInfo(W, "unused source"),
        "W306": CodeInfo(W, "unanswered question"),
    }
)


def unused(context: Context) -> None:
    """W303-W306: claims, perspectives, sources and questions no reference reaches."""
    m = context.map
    reached = context.shared(references).reached
    for c in m.claims:
        if c.id not in reached.claims:
            context.emit(
                "W303",
                context.locate(c.span, c.id),
                f"claim '{c.id}' stands alone: no relation touches it and it answers no question",
                hint="link it with a support or an attack, let it `answers` a question, or remove it",
            )
    for p in m.perspectives:
        if p.id not in reached.perspectives:
            context.emit(
                "W304",
                context.locate(p.span, p.id),
                f"perspective '{p.id}' holds no claim and asserts no relation",
                hint=f"add stances (`{p.id} accepts c`, `held by {p.id}`), `by {p.id}` on relations, "
                "or remove it",
            )
    for src in m.sources:
        if src.id not in reached.sources:
            context.emit(
                "W305",
                context.locate(src.span, src.id),
                f"source '{src.id}' is cited by no claim",
                hint=f"cite it on a claim with `source {src.id}`, or remove it",
            )
    for q in m.questions:
        if q.id not in reached.questions:
            context.emit(
                "W306",
                context.locate(q.span, q.id),
                f"question '{q.id}' is answered by no claim",
                hint=f"add `answers {q.id}` to the claims that answer it",
            )


FAMILY = Family("unused", 30, CODES, (unused,), uses=(references,))
