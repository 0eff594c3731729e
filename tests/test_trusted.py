"""The trusted constructors (util/trusted.py) build exactly what the classes' own __init__ does."""

from __future__ import annotations

import attrs
import pytest

from argmap.model import Claim, ClaimKind, Contradiction, Rebuttal, Span, Stance, Support, Undercut
from argmap.util.trusted import trusted_constructor

SPAN = Span("m.argmap", 3, 1, 3, 9)


@pytest.mark.parametrize(
    ("cls", "given", "values"),
    [
        (Claim, ("id", "text", "kind", "span"), ("c1", "A claim.", ClaimKind.FACT, SPAN)),
        (Support, ("premises", "conclusion", "name", "by", "span"), (("a", "b"), "c", "s1", ("p",), SPAN)),
        (Rebuttal, ("attackers", "target", "by", "name", "span"), (("a",), "c", (), None, SPAN)),
        (Undercut, ("attackers", "target", "by", "name", "span"), (("a",), "s1", ("p", "q"), "u", SPAN)),
        (Contradiction, ("left", "right", "by", "name", "span"), ("a", "b", (), None, SPAN)),
        (Stance, ("perspective", "target", "accepts", "inline", "span"), ("p", "c", False, True, SPAN)),
        (Span, ("path", "line", "column", "end_line", "end_column"), (None, 300, 2, 301, 7)),
    ],
)
def test_same_element_as_the_class_builds(
    cls: type, given: tuple[str, ...], values: tuple[object, ...]
) -> None:
    made = trusted_constructor(cls, *given)(*values)
    expected = cls(**dict(zip(given, values, strict=True)))
    assert type(made) is cls
    assert made == expected
    for field in attrs.fields(cls):  # every slot set, spans (which equality skips) included
        assert getattr(made, field.name) == getattr(expected, field.name)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.span = None  # still frozen


def test_refuses_what_it_cannot_build() -> None:
    with pytest.raises(ValueError, match="has no field colour"):
        trusted_constructor(Claim, "id", "colour")
    with pytest.raises(ValueError, match=r"Claim\.text has no plain default"):
        trusted_constructor(Claim, "id")
