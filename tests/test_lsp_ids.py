"""The table of id fields the language server reads every id from: it lists every element type
of the model, its paths exist, and each id an element holds is found with its kind."""

from __future__ import annotations

import attrs

from argmap import model
from argmap.lsp.grammar import code_rules, list_items, tree_parser
from argmap.lsp.ids import AFTER_KEYWORD, ID_FIELDS, id_values
from argmap.model import (
    Allow,
    Claim,
    Contradiction,
    Question,
    Quote,
    Rebuttal,
    Section,
    Stance,
    Support,
    Undercut,
)


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


def test_language_2_ids_with_their_kinds() -> None:
    """Named relations of every kind, a stance on a relation, sections, askers, quote sources."""
    quote = Quote("x", "p", source="ko", locator="para. 6", date="2013")
    rebuttal = Rebuttal(("a", "b"), "c", by=("p",), name="r1", sources=("s",), quotes=(quote,))
    assert [(v, f.kind, f.defines) for v, f in id_values(rebuttal)] == [
        ("r1", "relation", True),
        ("a", "claim", False),
        ("b", "claim", False),
        ("c", "claim", False),
        ("p", "perspective", False),
        ("s", "source", False),
        ("p", "perspective", False),
        ("ko", "source", False),
    ]
    assert [(v, f.kind) for v, f in id_values(Undercut(("x",), "r1", name="u1"))] == [
        ("u1", "relation"),
        ("x", "claim"),
        ("r1", "relation"),
    ]
    assert [v for v, _ in id_values(Contradiction("a", "b", name="k"))] == ["k", "a", "b"]
    (_, target) = [f for _, f in id_values(Stance("p", "r1", accepts=False))]
    assert target.kinds == ("claim", "relation")  # a stance is on a claim or a named relation
    assert [(v, f.kind, f.defines) for v, f in id_values(Section("inner", "I", parent="top"))] == [
        ("inner", "section", True),
        ("top", "section", False),
    ]
    assert [(v, f.kind) for v, f in id_values(Question("q", "Q?", asked_by=("p",)))] == [
        ("q", "question"),
        ("p", "perspective"),
    ]
    # finding codes are not ids
    assert list(id_values(Allow(("W304",)))) == []
    assert [v for v, _ in id_values(Claim("a", "A.", allow=("W303",)))] == ["a"]


def test_the_keywords_that_expect_an_id_are_the_grammars() -> None:
    terminals = {t.name for t in tree_parser().terminals}
    assert set(AFTER_KEYWORD) <= terminals
    kinds = {k for fields in ID_FIELDS.values() for f in fields for k in f.kinds}
    assert {k for ks in AFTER_KEYWORD.values() for k in ks} <= kinds


def test_code_lists_and_list_items_are_read_off_the_grammar() -> None:
    assert code_rules() == {"allow", "allow_all"}
    assert list_items() == {"ident", "answer", "tag"}
