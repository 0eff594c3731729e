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
    Claim,
    Contradiction,
    Perspective,
    Question,
    Rebuttal,
    Source,
    Stance,
    Support,
    Title,
    Undercut,
)

__all__ = ["AFTER_KEYWORD", "ID_FIELDS", "LABEL_RULES", "IdField", "Kind", "id_values"]

#: What an id names. One namespace holds them all; the kind says what a place expects.
Kind = Literal["claim", "perspective", "question", "source", "relation"]


@attrs.frozen
class IdField:
    """A field of an element that holds ids: its path (``quotes.speaker`` goes into each
    quote), the kind of thing it names, and whether it defines the id (else it refers to it)."""

    path: str
    kind: Kind
    defines: bool = False


#: Every element type, with its id fields in the order they are written.
ID_FIELDS: dict[type, tuple[IdField, ...]] = {
    Title: (),
    Source: (IdField("id", "source", defines=True),),
    Perspective: (IdField("id", "perspective", defines=True),),
    Question: (IdField("id", "question", defines=True),),
    Claim: (
        IdField("id", "claim", defines=True),
        IdField("answers", "question"),
        IdField("sources", "source"),
        IdField("quotes.speaker", "perspective"),
    ),
    Support: (
        IdField("name", "relation", defines=True),
        IdField("premises", "claim"),
        IdField("conclusion", "claim"),
        IdField("by", "perspective"),
    ),
    Rebuttal: (IdField("attacker", "claim"), IdField("target", "claim"), IdField("by", "perspective")),
    Undercut: (IdField("attacker", "claim"), IdField("target", "relation"), IdField("by", "perspective")),
    Contradiction: (IdField("left", "claim"), IdField("right", "claim"), IdField("by", "perspective")),
    Stance: (IdField("perspective", "perspective"), IdField("claim", "claim")),
}

#: Grammar rules whose words are labels, not ids (a tag may look like an id).
LABEL_RULES = frozenset({"tag"})

#: The kind of id the grammar expects after a keyword or mark (its terminal's name). At the
#: start of a statement: a claim (a relation) or a perspective (a stance).
AFTER_KEYWORD: dict[str, Kind] = {
    "KW_BY": "perspective",
    "KW_QUOTE": "perspective",
    "KW_ANSWERS": "question",
    "KW_SOURCE": "source",
    "KW_SUPPORTS": "claim",
    "KW_SUPPORT": "claim",
    "KW_REBUTS": "claim",
    "KW_ATTACKS": "claim",
    "KW_CONTRADICTS": "claim",
    "KW_ACCEPTS": "claim",
    "KW_REJECTS": "claim",
    "KW_UNDERCUTS": "relation",
    "PLUS": "claim",
    "COLON": "claim",
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
