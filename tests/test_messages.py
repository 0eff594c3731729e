"""Syntax error messages: the words they use come from the grammar, and every did-you-mean from
argmap.util.suggest (the golden files of test_parser.py hold the messages themselves)."""

from __future__ import annotations

import pytest

from argmap.syntax import messages
from argmap.syntax.grammar import facts
from argmap.syntax.parser import ParseError, parse


def test_words_are_the_grammar_s() -> None:
    words = messages._words()
    assert words.statements == ("title", "source", "perspective", "question", "section", "allow")
    assert words.kinds == ("claim", "fact", "interpretation", "prediction", "value", "policy")
    assert words.verbs == (
        "supports",
        "support",
        "rebuts",
        "attacks",
        "undercuts",
        "contradicts",
        "accepts",
        "rejects",
    )
    assert words.ident == {"ID", *(f"KW_{w.upper()}" for w in (*words.statements, *words.kinds))}


def test_the_attributes_hints_name_are_attributes_of_the_grammar() -> None:
    g = facts()
    keyword = {name: word for word, name in g.keywords().items()}
    attribute_rules = {
        r for name in g.rules if name.startswith("_") and name.endswith("_attr") for r in g.alternatives(name)
    }
    attributes = {keyword[k] for rule in attribute_rules for k in g.keywords_of(rule)[:1]}
    assert set(messages._ATTRIBUTES) <= attributes


@pytest.mark.parametrize(
    ("text", "guessed"),
    [
        ('claim a "A"\nfcat b "B"\n', "fcat"),  # a statement keyword
        ('claim a "A"\na suports b\n', "suports"),  # a verb
        ('claim a "A"\n  held bye p\n', "bye"),  # a keyword where one is expected
    ],
)
def test_every_did_you_mean_goes_through_util_suggest(
    text: str, guessed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def did_you_mean(value: str, known: object) -> str | None:
        asked.append(value)
        return "from util.suggest" if value == guessed else None

    monkeypatch.setattr(messages, "did_you_mean", did_you_mean)
    with pytest.raises(ParseError) as info:
        parse(text)
    assert info.value.diagnostics[0].hint == "from util.suggest"
    assert guessed in asked
