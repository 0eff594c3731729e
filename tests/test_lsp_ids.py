"""The table of id fields the language server reads every id from: it lists every element type
of the model, its paths exist, and each id an element holds is found with its kind."""

from __future__ import annotations

import attrs

from argmap import model
from argmap.lsp.ids import ID_FIELDS, id_values
from argmap.model import Claim, Quote, Stance, Support


def _element_types() -> set[type]:
    """Every attrs class of the model that is written as a statement (it has a span), but the
    quote, which lives inside a claim."""
    return {
        cls
        for cls in vars(model).values()
        if isinstance(cls, type) and attrs.has(cls) and "span" in attrs.fields_dict(cls) and cls is not Quote
    }


def test_every_element_type_is_in_the_table() -> None:
    """A new element type (a section, say) fails here until its id fields are listed."""
    assert _element_types() == set(ID_FIELDS)


def test_every_path_names_a_field() -> None:
    for cls, fields in ID_FIELDS.items():
        for field in fields:
            head, _, rest = field.path.partition(".")
            assert head in attrs.fields_dict(cls), (cls, field.path)
            if rest:
                assert rest in attrs.fields_dict(Quote), (cls, field.path)


def test_ids_with_their_kinds() -> None:
    claim = Claim("a", "A.", answers=("q",), sources=("s",), quotes=(Quote("x", "p"), Quote("y")))
    assert [(v, f.kind, f.defines) for v, f in id_values(claim)] == [
        ("a", "claim", True),
        ("q", "question", False),
        ("s", "source", False),
        ("p", "perspective", False),
    ]
    support = Support(("b", "c"), "a", name="n", by=("p",))
    assert [(v, f.kind) for v, f in id_values(support)] == [
        ("n", "relation"),
        ("b", "claim"),
        ("c", "claim"),
        ("a", "claim"),
        ("p", "perspective"),
    ]
    assert [v for v, _ in id_values(Support(("b",), "a"))] == ["b", "a"]
    assert [(v, f.kind) for v, f in id_values(Stance("p", "a"))] == [("p", "perspective"), ("a", "claim")]
