"""The keywords the highlighters and the editor know are the grammar's: read off it, sorted by
where they stand, and a keyword the grammar gains is one they know."""

from __future__ import annotations

import re

from argmap.formats.lexicon import grammar_file, lexicon, read_lexicon, textmate_grammar
from argmap.syntax.parser import grammar_text

GRAMMAR = grammar_text()


def test_the_lexicon_reads_the_package_grammar() -> None:
    assert grammar_file().read_text(encoding="utf-8") == GRAMMAR


def test_every_keyword_terminal_is_known_and_sorted() -> None:
    terminals = dict(re.findall(r"^(KW_\w+)\.\d+:\s*/([\w-]+)\(", GRAMMAR, re.M))
    lex = lexicon()
    assert lex.keywords == terminals
    sorted_words = set(lex.declarations) | set(lex.kinds) | set(lex.verbs) | set(lex.attributes)
    assert sorted_words == set(terminals.values())


def test_keywords_by_sort() -> None:
    lex = lexicon()
    assert lex.declarations == ("title", "source", "perspective", "question")
    assert lex.kinds == ("claim", "fact", "interpretation", "prediction", "value", "policy")
    assert lex.verbs == (
        "supports",
        "support",
        "rebuts",
        "attacks",
        "undercuts",
        "contradicts",
        "accepts",
        "rejects",
    )
    assert set(lex.attributes) == {
        "source", "url", "date", "author", "role", "color", "note", "answers", "held", "rejected", "by",
        "tags", "quote",
    }  # fmt: skip
    assert lex.id_pattern == r"\w[\w-]*"


NEW_STATEMENT = GRAMMAR.replace("          | stance\n", "          | stance\n          | section\n") + (
    "\nsection: KW_SECTION ident text (KW_IN ident)?\n"
    "KW_SECTION.2: /section(?![\\w-])/\nKW_IN.2: /in(?![\\w-])/\n"
)


def test_a_keyword_the_grammar_gains_is_sorted_by_where_it_stands() -> None:
    lex = read_lexicon(NEW_STATEMENT)
    assert "section" in lex.declarations
    assert "in" in lex.verbs or "in" in lex.attributes
    tm = str(textmate_grammar(lex))
    assert "section" in tm and "section" not in str(textmate_grammar())


def test_a_new_relation_verb_is_a_verb() -> None:
    grammar = GRAMMAR.replace("KW_REBUTS | KW_ATTACKS", "KW_REBUTS | KW_ATTACKS | KW_REFUTES") + (
        "\nKW_REFUTES.2: /refutes(?![\\w-])/\n"
    )
    assert "refutes" in read_lexicon(grammar).verbs
