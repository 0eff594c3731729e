"""Syntax errors as diagnostics: Lark's exceptions -> E1xx Diagnostics, with a position inside
the text, what the parser expected in words, and a hint where one helps.

The words come from the grammar (:func:`argmap.syntax.grammar.facts`): which terminals an id can
be, the statement keywords, the claim kinds, the verbs of relations and stances. Every
did-you-mean goes through :mod:`argmap.util.suggest`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING, Any, NamedTuple

from argmap.diagnostics import Diagnostic
from argmap.model import Span
from argmap.syntax.grammar import facts
from argmap.syntax.transformer import ESCAPE
from argmap.util.limits import SURROGATE
from argmap.util.suggest import did_you_mean

if TYPE_CHECKING:
    from lark import Lark

__all__ = ["syntax_diagnostic", "terminal_words"]

# Lark's tokens are typed with optional positions; they always have them here.
Token = Any

_DESCRIPTIONS = {
    "ID": "an id",
    "STRING": 'a "quoted text"',
    "LONG_STRING": 'a """long text"""',
    "NUMBER": "a number from 0 to 1",
    "_NL": "end of line",
    "$END": "end of input",
}


class _Words(NamedTuple):
    """The grammar's words that messages and hints name."""

    ident: frozenset[str]  # the terminals an id can be (the rule `ident`)
    statements: tuple[str, ...]  # the keywords that open a statement: title, source...
    kinds: tuple[str, ...]  # the claim kinds (the rule `claim_kind`)
    verbs: tuple[str, ...]  # the verbs of relations and stances (statements that start with an id)


@functools.cache
def _words() -> _Words:
    grammar = facts()
    word = {name: w for w, name in grammar.keywords().items()}
    statements = grammar.alternatives("_statement")

    def first_symbols(rule: str) -> set[str]:
        """What a rule's text can start with, through the inlined rules it starts with."""
        found: set[str] = set()
        for expansion in grammar.rules[rule]:
            head = expansion[0]
            found |= first_symbols(head) if head.startswith("_") and head in grammar.rules else {head}
        return found

    first = {rule: first_symbols(rule) for rule in statements}
    openers = [word[s] for rule in statements for s in sorted(first[rule]) if s in word]
    # The statements that start with an id: relations and stances; their keywords are verbs.
    verbs = [word[k] for rule in statements if first[rule] == {"ident"} for k in grammar.keywords_of(rule)]
    return _Words(
        frozenset(s for expansion in grammar.rules["ident"] for s in expansion),
        tuple(openers),
        tuple(word[k] for k in grammar.keywords_of("claim_kind")),
        tuple(verbs),
    )


def terminal_words(parser: Lark) -> dict[str, str]:
    """Terminal names -> the words a message uses for them."""
    words = dict(_DESCRIPTIONS)
    for term in parser.terminals:
        if term.name.startswith("KW_"):
            words[term.name] = f"'{term.name[3:].lower()}'"
        elif term.pattern.type == "str":
            words[term.name] = f"'{term.pattern.value}'"
    return words


def _offset(lines: list[str], line: int, column: int) -> int:
    """Offset in the text of a 1-based line and column (lines split on \\n)."""
    return sum(len(ln) + 1 for ln in lines[: line - 1]) + column - 1


def _describe_expected(expected: set[str], words: dict[str, str], line_start: bool = False) -> str:
    """What the parser wanted, in words. At the start of a line it wanted a statement (the
    set of terminals is then the same as for an id, so the caller says which it is)."""
    names = set(expected)
    vocabulary = _words()
    if line_start and "KW_PERSPECTIVE" in names and "ID" in names:
        openers = ", ".join((*vocabulary.statements, *vocabulary.kinds))
        return f"a statement ({openers}, or a relation or stance that starts with an id)"
    parts: list[str] = []
    if names >= vocabulary.ident:
        names -= vocabulary.ident
        parts.append("an id")
    if {"STRING", "LONG_STRING"} <= names:
        names -= {"LONG_STRING"}
    parts.extend(sorted(words.get(n, n) for n in names))
    if not parts:
        return "nothing more here"
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " or " + parts[-1]


def _describe_token(tok: Token, words: dict[str, str]) -> str:
    if tok.type == "_NL":
        return "end of line"
    if tok.type == "$END":
        return "end of input"
    if tok.type in ("STRING", "LONG_STRING"):
        return f"text {_shorten(str(tok))}"
    if tok.type.startswith("KW_"):
        return f"keyword '{tok}'"
    if tok.type == "ID":
        return f"'{tok}'"
    return words.get(tok.type, f"'{tok}'")


def _shorten(value: str, limit: int = 40) -> str:
    value = value.replace("\n", "\\n")
    return value if len(value) <= limit else value[: limit - 3] + '..."'


def _real_end(text: str, path: str | None) -> Span:
    """The position just after the last character that is not white space."""
    stripped = text.rstrip()
    line = stripped.count("\n") + 1
    column = len(stripped) - (stripped.rfind("\n") + 1) + 1
    return Span(path, line, column, line, column + 1)


def syntax_diagnostic(
    exc: Any, text: str, lines: list[str], path: str | None, words: dict[str, str]
) -> tuple[Diagnostic, bool]:
    """One syntax error as a Diagnostic, and whether parsing can resume after it."""
    from lark.exceptions import UnexpectedCharacters, UnexpectedToken

    if isinstance(exc, UnexpectedToken):
        tok = exc.token
        wanted = _expected(exc)
        expected = _describe_expected(wanted, words, tok.column == 1 and tok.type != "_NL")
        at_end = tok.type == "$END"
        if tok.type == "_NL":
            rest = text[_offset(lines, tok.line, tok.column) :]
            at_end = all(not ln.strip() or ln.strip().startswith("#") for ln in rest.split("\n"))
        if at_end:
            if tok.type == "_NL":
                before = lines[tok.line - 1][: tok.column - 1].rstrip()
                end = Span(path, tok.line, len(before) + 1, tok.line, len(before) + 2)
            else:
                end = _real_end(text, path)
            return (
                Diagnostic.make(
                    "E104",
                    end,
                    f"unexpected end of input: expected {expected}",
                    hint=_hint(tok, wanted, words, lines),
                ),
                False,
            )
        line, column = tok.line, tok.column
        if tok.type == "_NL":
            end_line, end_column = line, column + 1
        else:
            end_line, end_column = tok.end_line, tok.end_column
        span = Span(path, line, column, end_line, end_column)
        return (
            Diagnostic.make(
                "E100",
                span,
                f"expected {expected}, got {_describe_token(tok, words)}",
                hint=_hint(tok, wanted, words, lines),
            ),
            True,
        )
    if isinstance(exc, UnexpectedCharacters):
        return _character_diagnostic(exc, text, lines, path, words)
    span = Span(path, max(exc.line, 1), max(exc.column, 1), max(exc.line, 1), max(exc.column, 1) + 1)
    return Diagnostic.make("E100", span, str(exc).splitlines()[0]), False


# The attributes a hint names when one is found alone or where a verb goes (a test checks that
# each is an attribute's keyword in the grammar).
_ATTRIBUTES = (
    "held",
    "rejected",
    "answers",
    "tags",
    "source",
    "quote",
    "note",
    "role",
    "url",
    "date",
    "author",
)


def _expected(exc: Any) -> set[str]:
    """The terminals that could really come next. Lark's own ``expected`` holds the merged
    look-aheads of an LALR state, which can list words that would fail one step later."""
    try:
        accepted = set(exc.interactive_parser.accepts())
    except Exception:  # noqa: BLE001 - fall back to Lark's coarser set
        accepted = set(getattr(exc, "expected", None) or getattr(exc, "allowed", None) or ())
    accepted.discard("$END")
    return accepted


def _hint(tok: Token, expected: set[str], words: dict[str, str], lines: list[str]) -> str | None:
    value = str(tok)
    vocabulary = _words()
    if tok.type != "$END" and 1 <= tok.line <= len(lines):
        line_text = lines[tok.line - 1]
        words_on_line = line_text.split()
        first = words_on_line[0] if words_on_line else ""
        openers = (*vocabulary.kinds, *vocabulary.statements)
        if line_text[:1] not in (" ", "\t") and first not in openers:
            if first in _ATTRIBUTES and first != "source":
                return f"'{first}' is an attribute: indent this line under the statement it belongs to"
            guess = did_you_mean(first, openers)
            if guess and tok.column > 1:
                return guess
    if tok.type == "KW_REJECTED" and "KW_BY" in expected:
        return "only a named relation can be rejected: name it, as in `r1: a rebuts b rejected by p`"
    if tok.type == "KW_CONTRADICTS" and "KW_CONTRADICTS" not in expected and "KW_SUPPORTS" in expected:
        return "a contradiction joins two claims: `a contradicts b` (a joint attack: `a + b rebuts c`)"
    if tok.type == "ID" and expected & {"KW_SUPPORTS", "KW_REBUTS"}:
        guess = did_you_mean(value, vocabulary.verbs)
        if guess:
            return guess
        if value in _ATTRIBUTES:
            return f"'{value}' is an attribute: indent this line under the statement it describes"
        return (
            "a relation reads `a supports b`, `a rebuts b`, `a undercuts r`, `a contradicts b`, "
            "optionally named (`r1: a rebuts b`); a stance `p accepts c`"
        )
    if tok.type == "ID" and "KW_PERSPECTIVE" in expected:
        guess = did_you_mean(value, (*vocabulary.statements, *vocabulary.kinds))
        if guess:
            return guess
    if tok.type in ("ID",) and "STRING" in expected:
        return 'text goes in double quotes: "like this"'
    if tok.type in ("STRING", "LONG_STRING") and "ID" in expected:
        return "ids are bare words (letters, digits, _ and -); the text comes after the id"
    if tok.type == "_NL" and "STRING" in expected:
        return 'give the text in double quotes after the id: claim my-id "what it says"'
    if tok.type.startswith("KW_") and "KW_PERSPECTIVE" not in expected and tok.line > 1:
        line = lines[tok.line - 1] if tok.line - 1 < len(lines) else ""
        if line[:1] in (" ", "\t") and line.strip().startswith(value):
            return (
                "an indented line continues the statement above; start a new statement at the start of a line"
            )
    if tok.type == "ID" and expected <= {"_NL", "KW_BY", "KW_NOTE"} | {
        t for t in expected if t.startswith("KW_")
    }:
        return did_you_mean(value, [w.strip("'") for k, w in words.items() if k in expected])
    return None


def _character_diagnostic(
    exc: Any, text: str, lines: list[str], path: str | None, words: dict[str, str]
) -> tuple[Diagnostic, bool]:
    line, column = exc.line, exc.column
    pos = _offset(lines, line, column)
    char = text[pos] if pos < len(text) else ""
    if SURROGATE.match(char):
        return _surrogate_diagnostic(text, pos, path), True
    if pos >= 2 and text.startswith('"""', pos - 2):  # `""` was read as an empty text
        pos, column = pos - 2, column - 2
    if text.startswith('"""', pos):
        close = text.find('"""', pos + 3)
        if close < 0:
            return (
                Diagnostic.make(
                    "E102",
                    Span(path, line, column, line, column + 3),
                    'this """long text""" is never closed',
                    hint='end it with """; everything after the opening quotes was read as text',
                ),
                False,
            )
        bad = _bad_escape(text, pos + 3, close)
        if bad is not None:
            return _escape_diagnostic(text, bad, path), True
        lone = SURROGATE.search(text, pos + 3, close)
        if lone is not None:
            return _surrogate_diagnostic(text, lone.start(), path), True
    elif char == '"':
        end_of_line = text.find("\n", pos)
        end_of_line = len(text) if end_of_line < 0 else end_of_line
        bad = _bad_escape(text, pos + 1, end_of_line)
        if bad is not None:
            return _escape_diagnostic(text, bad, path), True
        lone = SURROGATE.search(text, pos + 1, end_of_line)
        if lone is not None:
            return _surrogate_diagnostic(text, lone.start(), path), True
        width = len(text[pos:end_of_line].rstrip("\r"))
        return (
            Diagnostic.make(
                "E102",
                Span(path, line, column, line, column + max(width, 1)),
                "this text is never closed: a quoted text ends on the line where it starts",
                hint='add the closing ", or use """triple quotes""" for text over several lines',
            ),
            True,
        )
    expected = _describe_expected(_expected(exc), words, column == 1)
    return (
        Diagnostic.make(
            "E101",
            Span(path, line, column, line, column + 1),
            f"unexpected character {_char_name(char)}: expected {expected}",
            hint=_char_hint(char),
        ),
        True,
    )


def _bad_escape(text: str, start: int, stop: int) -> int | None:
    """Offset of the first backslash in text[start:stop] that does not start a valid escape."""
    i = text.find("\\", start, stop)
    while i >= 0:
        m = ESCAPE.match(text, i)
        if m is None:
            return i
        i = text.find("\\", m.end(), stop)
    return None


def _escape_diagnostic(text: str, offset: int, path: str | None) -> Diagnostic:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    seq = text[offset : offset + 2]
    message = f"'{seq}' is not an escape sequence"
    hint = r"the escapes are \" \\ \n \t \uXXXX and \u{X...}; write \\ for a backslash"
    code_point = _CODE_POINT.match(text, offset)
    if code_point is not None:
        seq = code_point.group(0)
        message = f"'{seq}' is not a Unicode character"
        hint = "use a code point up to 10FFFF that is not a surrogate (D800-DFFF)"
    return Diagnostic.make("E103", Span(path, line, column, line, column + len(seq)), message, hint=hint)


_CODE_POINT = re.compile(r"\\u(?:\{[0-9A-Fa-f]+\}|[0-9A-Fa-f]{4})")
#: A lone surrogate: not a character (no UTF-8 file holds one), though a Python string may.


def _surrogate_diagnostic(text: str, offset: int, path: str | None) -> Diagnostic:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Diagnostic.make(
        "E101",
        Span(path, line, column, line, column + 1),
        f"U+{ord(text[offset]):04X} is a lone surrogate, not a Unicode character",
        hint="the text was decoded wrongly (surrogateescape?); argmap reads UTF-8 text only",
    )


def _char_name(char: str) -> str:
    if not char:
        return "(end of input)"
    if char.isprintable() and not char.isspace():
        return f"'{char}'"
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def _char_hint(char: str) -> str | None:
    if char in "\u201c\u201d\u201e\u00ab\u00bb":
        return 'quote text with plain double quotes ("), not typographic ones'
    if char == "'":
        return 'text goes in double quotes ("), not single ones'
    if char == "\x00":
        return "this looks like a binary file, not .argmap text"
    if char == "\r":
        return "a lone carriage return: save the file with \\n or \\r\\n line endings"
    return None
