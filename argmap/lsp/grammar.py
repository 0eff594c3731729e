"""The grammar as the editor reads it: a Lark parser that keeps every id as a tree of its own.

The package's parser builds the model straight from Lark's callbacks and never a tree; the
language server also needs to know *where* each id is written, and what the grammar allows at
the cursor. This parser is the same grammar with its ``ident`` rule kept in the tree (the
grammar writes it ``?ident``, inlined), so that an id, even one spelt like a keyword, is told
from a keyword by the tree alone. It is built on first use (about 0.1 s).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from argmap.syntax.parser import grammar_text

if TYPE_CHECKING:
    from lark import Lark

__all__ = [
    "ID_RULE",
    "IdToken",
    "code_rules",
    "id_keywords",
    "id_tokens",
    "list_items",
    "terminal_pattern",
    "tree_parser",
]

#: The rule an id is in the grammar.
ID_RULE = "ident"
#: Rules that only list ids: an id in one stands in the rule around the list.
_LISTS = frozenset({"ident_list"})


@functools.cache
def tree_parser() -> Lark:
    """The grammar's LALR parser, building a tree with every id as an ``ident`` tree."""
    import lark

    text, count = re.subn(rf"^\?{ID_RULE}\s*:", f"{ID_RULE}:", grammar_text(), flags=re.M)
    if count != 1:
        raise RuntimeError(f"the grammar has no '?{ID_RULE}' rule: argmap.lsp.grammar must follow it")
    return lark.Lark(
        text, parser="lalr", lexer="contextual", maybe_placeholders=False, propagate_positions=True
    )


@functools.cache
def id_keywords() -> frozenset[str]:
    """The keyword terminals the grammar also takes as an id (``claim``, ``source`` ...)."""
    return frozenset(
        sym.name
        for rule in tree_parser().rules
        if rule.origin.name == ID_RULE
        for sym in rule.expansion
        if sym.is_term and sym.name != "ID"
    )


@functools.cache
def code_rules() -> frozenset[str]:
    """The rules whose ids are finding codes (``allow W302``): those that hold a code-list
    keyword (:data:`argmap.formats.lexicon.CODE_LIST_TERMINALS`), not the id rule (where the
    keyword is an id)."""
    from argmap.formats.lexicon import CODE_LIST_TERMINALS

    return frozenset(
        str(rule.origin.name)
        for rule in tree_parser().rules
        if rule.origin.name != ID_RULE and any(sym.name in CODE_LIST_TERMINALS for sym in rule.expansion)
    )


@functools.cache
def list_items() -> frozenset[str]:
    """The rules that are the items of a comma-separated list (``ident``, ``answer``, ``tag``),
    read off the helper rules Lark makes for ``x (COMMA x)*``."""
    return frozenset(
        str(sym.name)
        for rule in tree_parser().rules
        if rule.origin.name.startswith("__") and any(sym.name == "COMMA" for sym in rule.expansion)
        for sym in rule.expansion
        if not sym.is_term and not sym.name.startswith("__")
    )


def terminal_pattern(name: str) -> str:
    """A terminal of the grammar as a regular expression."""
    return str(tree_parser().get_terminal(name).pattern.to_regexp())


class IdToken:
    """An id as written: its text, where (0-based line, 0-based columns in code points), and
    the grammar rule it stands in (``held``, ``support``, ``tag`` ...)."""

    __slots__ = ("end", "line", "rule", "start", "value")

    def __init__(self, value: str, line: int, start: int, end: int, rule: str) -> None:
        self.value = value
        self.line = line
        self.start = start
        self.end = end
        self.rule = rule

    def __repr__(self) -> str:
        return f"IdToken({self.value!r}, {self.line}:{self.start}-{self.end}, {self.rule})"


def id_tokens(statement: str, first_line: int) -> list[IdToken]:
    """The ids of one statement's text, in order (none when it does not parse); lines count
    from ``first_line``."""
    from lark import Token, Tree
    from lark.exceptions import LarkError

    try:
        tree = tree_parser().parse(statement if statement.endswith("\n") else statement + "\n")
    except LarkError:
        return []
    out: list[IdToken] = []

    def walk(node: Any, parent: str) -> None:
        for child in node.children:
            if isinstance(child, Tree):
                if child.data == ID_RULE:
                    tok = child.children[0]
                    if isinstance(tok, Token):
                        out.append(
                            IdToken(
                                str(tok),
                                (tok.line or 1) - 1 + first_line,
                                (tok.column or 1) - 1,
                                (tok.end_column or 1) - 1,
                                parent,
                            )
                        )
                else:
                    rule = str(child.data)
                    walk(child, parent if rule in _LISTS or rule.startswith("_") else rule)

    walk(tree, "start")
    return out
