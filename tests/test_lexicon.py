"""The keywords the highlighters and the editor know are the grammar's: read off it, sorted by
where they stand, and a keyword the grammar gains is one they know."""

from __future__ import annotations

import re

from argmap.formats.lexicon import (
    grammar_file,
    language_configuration,
    lexicon,
    read_lexicon,
    textmate_grammar,
)
from argmap.syntax.parser import grammar_text

GRAMMAR = grammar_text()


def test_the_lexicon_reads_the_package_grammar() -> None:
    assert grammar_file().read_text(encoding="utf-8") == GRAMMAR


def test_every_keyword_terminal_is_known_and_sorted() -> None:
    terminals = dict(re.findall(r"^(KW_\w+)\.\d+:\s*/([\w-]+)\(", GRAMMAR, re.M))
    lex = lexicon()
    assert lex.keywords == terminals
    sorted_words = {
        *lex.declarations, *lex.kinds, *lex.verbs, *lex.attributes, *lex.details, *lex.constants
    }  # fmt: skip
    assert sorted_words == set(terminals.values())


def test_keywords_by_sort() -> None:
    lex = lexicon()
    assert lex.declarations == ("title", "source", "perspective", "question", "section", "allow")
    assert lex.naming == ("source", "perspective", "question", "section")  # an id follows them
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
        "tags", "quote", "file", "asked", "allow", "on", "in", "title", "base", "scheme",
    }  # fmt: skip
    assert lex.details == ("from", "at", "on")  # of a quote
    assert lex.constants == ("yes", "no")  # a claim's side on a question
    assert lex.code_lists == ("allow",)
    assert lex.id_pattern == r"\w[\w-]*"


def test_keywords_of_two_sorts() -> None:
    """A word may stand in two places: each is its sort."""
    lex = lexicon()
    assert {"source", "allow"} <= set(lex.declarations) & set(lex.attributes)
    assert "on" in lex.attributes and "on" in lex.details  # a stance's date, a quote's
    assert not set(lex.verbs) & set(lex.attributes)  # `supports` is not an attribute


NEW_STATEMENT = GRAMMAR.replace("          | allow_all\n", "          | allow_all\n          | chapter\n") + (
    "\nchapter: KW_CHAPTER ident text (KW_UNDER ident)?\n"
    "KW_CHAPTER.2: /chapter(?![\\w-])/\nKW_UNDER.2: /under(?![\\w-])/\n"
)


def test_a_keyword_the_grammar_gains_is_sorted_by_where_it_stands() -> None:
    assert "| chapter" in NEW_STATEMENT  # the statement is in the grammar's list
    lex = read_lexicon(NEW_STATEMENT)
    assert "chapter" in lex.declarations and "chapter" in lex.naming
    assert "under" in lex.attributes  # a word inside a definition, as a section's `in`
    tm = str(textmate_grammar(lex))
    assert "chapter" in tm and "chapter" not in str(textmate_grammar())


def test_a_new_relation_verb_is_a_verb() -> None:
    grammar = GRAMMAR.replace("KW_REBUTS | KW_ATTACKS", "KW_REBUTS | KW_ATTACKS | KW_REFUTES") + (
        "\nKW_REFUTES.2: /refutes(?![\\w-])/\n"
    )
    assert "refutes" in read_lexicon(grammar).verbs


def test_a_new_detail_and_a_new_constant() -> None:
    """A part of a quote is a detail; a word after an id in a part is a constant."""
    grammar = (
        GRAMMAR.replace("_quote_detail: quote_from", "_quote_detail: quote_page | quote_from")
        .replace("(KW_YES | KW_NO)?", "(KW_YES | KW_NO | KW_MAYBE)?")
        .replace("quote_at: KW_AT text", "quote_at: KW_AT text\nquote_page: KW_PAGE text")
    ) + "\nKW_PAGE.2: /page(?![\\w-])/\nKW_MAYBE.2: /maybe(?![\\w-])/\n"
    lex = read_lexicon(grammar)
    assert "page" in lex.details and "page" not in lex.attributes
    assert lex.constants == ("yes", "no", "maybe")


def test_a_grammar_without_codes_has_no_code_rules() -> None:
    grammar = GRAMMAR.replace("KW_ALLOW.2:", "KW_PERMIT.2:").replace("KW_ALLOW", "KW_PERMIT")
    lex = read_lexicon(grammar.replace("/allow(", "/permit("))
    assert lex.code_lists == () and "permit" in lex.declarations
    assert "#code" not in str(textmate_grammar(lex))  # no rule reads codes


def test_a_statement_keyword_typed_on_an_indented_line_goes_back_to_the_margin() -> None:
    """VS Code's decreaseIndentPattern: a statement's first word, never an attribute's (an
    indented `source` or `allow` continues the statement above)."""
    pattern = re.compile(str(language_configuration()["indentationRules"]["decreaseIndentPattern"]))  # type: ignore[index]
    for line in ('  claim a "A."', '  section s "S"', '\tperspective p "P"'):
        assert pattern.match(line), line
    for line in ("  source s", "  allow W303", "  held by p", "  in top", 'claim a "A."'):
        assert not pattern.match(line), line
