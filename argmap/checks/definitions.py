"""Definitions: every id names one thing (E200), the map has one title (E205), and every
perspective's colour is a colour (E206).

Claims, perspectives, questions, sources, sections and named relations (of every kind) share
one namespace; the table of it (:func:`names`) is shared with the checks of references and of
what is never used.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from operator import attrgetter
from typing import Any, NamedTuple

from argmap.checks.registry import Context, Family
from argmap.diagnostics import CodeInfo, Related, Severity, register_codes
from argmap.model import (
    Claim,
    Contradiction,
    Element,
    Perspective,
    Question,
    Rebuttal,
    Section,
    Source,
    Support,
    Title,
    Undercut,
)

__all__ = ["CODES", "FAMILY", "KIND_NAMES", "RELATION_TYPES", "Names", "names", "what"]

E = Severity.ERROR

CODES = register_codes(
    {
        "E200": CodeInfo(E, "duplicate id"),
        "E205": CodeInfo(E, "more than one title"),
        "E206": CodeInfo(E, "invalid colour"),
    }
)

#: The kinds of element that an id names, as findings call them.
KIND_NAMES: dict[type, str] = {
    Claim: "a claim",
    Perspective: "a perspective",
    Question: "a question",
    Source: "a source",
    Section: "a section",
    Support: "a support",
    Rebuttal: "a rebuttal",
    Undercut: "an undercut",
    Contradiction: "a contradiction",
}
#: The kinds of relation a name can name (an undercut or a stance may name any of them).
RELATION_TYPES: tuple[type, ...] = (Support, Rebuttal, Undercut, Contradiction)
# What names an element in the one namespace, by the element's type (the others name nothing).
_NAME_OF: dict[type, Callable[[Any], str | None]] = {
    Claim: attrgetter("id"),
    Perspective: attrgetter("id"),
    Question: attrgetter("id"),
    Source: attrgetter("id"),
    Section: attrgetter("id"),
    Support: attrgetter("name"),
    Rebuttal: attrgetter("name"),
    Undercut: attrgetter("name"),
    Contradiction: attrgetter("name"),
}
_COLOUR = re.compile(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})|[A-Za-z]+[0-9]*")


class Names(NamedTuple):
    """The map's namespace.

    ``defined``: each name with its first definition; ``ids``: the names filed by the type of
    their definition (so that a reference is checked by one set look-up); ``repeated``: each
    later definition of a name, with the name; ``titles``: the title statements.
    """

    defined: dict[str, Element]
    ids: dict[type, set[str]]
    repeated: list[tuple[Element, str]]
    titles: list[Title]


def names(context: Context) -> Names:
    """The map's namespace (a shared table)."""
    defined: dict[str, Element] = {}
    ids: dict[type, set[str]] = {kind: set() for kind in KIND_NAMES}
    repeated: list[tuple[Element, str]] = []
    titles: list[Title] = []
    for e in context.map.elements:
        kind = type(e)
        name_of = _NAME_OF.get(kind)
        if name_of is None:
            if isinstance(e, Title):
                titles.append(e)
            continue
        key = name_of(e)
        if key is None:
            continue
        if key not in defined:
            defined[key] = e
            ids[kind].add(key)
        else:
            repeated.append((e, key))
    return Names(defined, ids, repeated, titles)


def what(element: Element) -> str:
    """What kind of thing an element is, as findings say it ("a claim")."""
    return KIND_NAMES.get(type(element), "an element")


def duplicate_ids(context: Context) -> None:
    """E200: a name defined twice."""
    table = context.shared(names)
    for e, key in table.repeated:
        first = table.defined[key]
        span = context.locate(e.span, key)
        first_span = context.locate(first.span, key)
        where = f" at line {first_span.line}" if first_span is not None else ""
        context.emit(
            "E200",
            span,
            f"'{key}' is defined twice: {what(first)}{where} and {what(e)} here",
            hint="ids name one thing each across claims, perspectives, questions, sources, "
            "sections and named relations; rename one of them",
            related=[Related(first_span, f"'{key}' is first defined here")],
        )


def titles(context: Context) -> None:
    """E205: a second title."""
    found = context.shared(names).titles
    for extra in found[1:]:
        context.emit(
            "E205",
            extra.span,
            "the map has more than one title",
            hint="keep one `title` statement",
            related=[Related(found[0].span, "the first title")],
        )


def colours(context: Context) -> None:
    """E206: a perspective's colour that is not a colour."""
    for p in context.map.perspectives:
        if p.color is not None and _COLOUR.fullmatch(p.color) is None:
            context.emit(
                "E206",
                context.locate(p.span, "color"),
                f"perspective '{p.id}' has colour {p.color!r}, which is not a colour",
                hint='write "#rrggbb", "#rgb" or a colour name such as "teal"',
            )


FAMILY = Family("definitions", 10, CODES, (duplicate_ids, titles, colours), uses=(names,))
