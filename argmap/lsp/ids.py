"""Which fields of the model's elements are ids, of what kind, and which define one: the one
table the language server reads every id from.

Definitions, references, renames, hover and the outline all come from here, so a new element
type or a new id field (a named rebuttal, a section, a quote's source) is one row below. A test
fails when the model has an element type this table does not list.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import attrs

from argmap.model import (
    Allow,
    Claim,
    Contradiction,
    Perspective,
    Question,
    Rebuttal,
    Section,
    Source,
    Stance,
    Support,
    Title,
    Undercut,
)

__all__ = ["AFTER_KEYWORD", "ID_FIELDS", "LABEL_RULES", "IdField", "Kind", "id_values"]

#: What an id names. One namespace holds them all; the kind says what a place expects.
Kind = Literal["claim", "perspective", "question", "source", "relation", "section"]


@attrs.frozen
class IdField:
    """A field of an element that holds ids: its path (``quotes.speaker`` goes into each
    quote), the kind of thing it names, and whether it defines the id (else it refers to it).
    ``also`` are the other kinds it may name (a stance is on a claim or a named relation)."""

    path: str
    kind: Kind
    defines: bool = False
    also: tuple[Kind, ...] = ()

    @property
    def kinds(self) -> tuple[Kind, ...]:
        """Every kind of thing the field may name."""
        return (self.kind, *self.also)


#: A quote's speaker and the source it is written in.
_QUOTE = (IdField("quotes.speaker", "perspective"), IdField("quotes.source", "source"))
#: What every relation may carry after its ends: who asserts it, its sources and quotes.
_RELATION = (IdField("by", "perspective"), IdField("sources", "source"), *_QUOTE)

#: Every element type, with its id fields in the order they are written. Finding codes
#: (``allow W302``) are not ids: no row names them.
ID_FIELDS: dict[type, tuple[IdField, ...]] = {
    Title: (),
    Source: (IdField("id", "source", defines=True),),
    Perspective: (IdField("id", "perspective", defines=True),),
    Question: (IdField("id", "question", defines=True), IdField("asked_by", "perspective")),
    Claim: (
        IdField("id", "claim", defines=True),
        IdField("answers", "question"),
        IdField("sources", "source"),
        *_QUOTE,
    ),
    Support: (
        IdField("name", "relation", defines=True),
        IdField("premises", "claim"),
        IdField("conclusion", "claim"),
        *_RELATION,
    ),
    Rebuttal: (
        IdField("name", "relation", defines=True),
        IdField("attackers", "claim"),
        IdField("target", "claim"),
        *_RELATION,
    ),
    Undercut: (
        IdField("name", "relation", defines=True),
        IdField("attackers", "claim"),
        IdField("target", "relation"),
        *_RELATION,
    ),
    Contradiction: (
        IdField("name", "relation", defines=True),
        IdField("left", "claim"),
        IdField("right", "claim"),
        *_RELATION,
    ),
    # `rejected by p` on a named relation is a stance on it, in the relation's statement.
    Stance: (IdField("perspective", "perspective"), IdField("target", "claim", also=("relation",))),
    Section: (IdField("id", "section", defines=True), IdField("parent", "section")),
    Allow: (),
}

#: Grammar rules whose words are labels, not ids (a tag may look like an id).
LABEL_RULES = frozenset({"tag"})

#: The kinds of id the grammar expects after a keyword or mark (its terminal's name). At the
#: start of a statement: a claim (a relation) or a perspective (a stance).
AFTER_KEYWORD: dict[str, tuple[Kind, ...]] = {
    "KW_BY": ("perspective",),
    "KW_QUOTE": ("perspective",),
    "KW_ANSWERS": ("question",),
    "KW_SOURCE": ("source",),
    "KW_FROM": ("source",),
    "KW_IN": ("section",),
    "KW_SUPPORTS": ("claim",),
    "KW_SUPPORT": ("claim",),
    "KW_REBUTS": ("claim",),
    "KW_ATTACKS": ("claim",),
    "KW_CONTRADICTS": ("claim",),
    "KW_ACCEPTS": ("claim", "relation"),
    "KW_REJECTS": ("claim", "relation"),
    "KW_UNDERCUTS": ("relation",),
    "PLUS": ("claim",),
    "COLON": ("claim",),
}


def _values(item: object, path: str) -> Iterator[str]:
    head, _, rest = path.partition(".")
    value = getattr(item, head, None)
    items = value if isinstance(value, tuple) else (value,)
    for v in items:
        if rest:
            yield from _values(v, rest)
        elif isinstance(v, str):
            yield v


def id_values(element: object) -> Iterator[tuple[str, IdField]]:
    """Every id an element holds, with its field, in the table's order."""
    for field in ID_FIELDS.get(type(element), ()):
        for value in _values(element, field.path):
            yield value, field
