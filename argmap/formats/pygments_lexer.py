"""A Pygments lexer for ``.argmap`` text, so that ``pygmentize``, MkDocs and Sphinx highlight
```` ```argmap ```` blocks.

Registered through the ``pygments.lexers`` entry point (Pygments finds it by the name
``argmap``, the ``.argmap`` suffix or the MIME type). Its keywords are read off the grammar
(:mod:`argmap.formats.lexicon`), so a keyword the language gains is highlighted without a change
here. Only Pygments is imported, and the grammar's text read: no parser is built.

Token types: comments ``Comment.Single``; texts ``String`` (long texts ``String.Doc``) with
``String.Escape`` for escapes; the first word of a definition ``Keyword.Declaration`` and a
claim's kind ``Keyword.Type``, the id it defines ``Name.Function``; a relation's name
``Name.Label``; relation and stance words ``Operator.Word``; attributes and a quote's details
``Keyword``; a side on a question (``yes``, ``no``) ``Keyword.Constant``; the finding codes
after ``allow`` ``Name.Constant``; a base score ``Number``; ids ``Name``; ``+`` ``Operator``; ``,`` and ``:``
``Punctuation``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from pygments.lexer import RegexLexer, bygroups, default, include, words
from pygments.token import (
    Comment,
    Error,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Whitespace,
)

from argmap.formats.lexicon import code_list_pattern, lexicon

__all__ = ["ArgmapLexer"]

_LEX = lexicon()
_ID = _LEX.id_pattern
_END = r"(?![\w-])"  # a keyword is a whole word, as in the grammar
_ESCAPE = r'\\(?:["\\nt]|u[0-9A-Fa-f]{4}|u\{[0-9A-Fa-f]{1,6}\})'


def _alt(items: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


_VERB = rf"(?:{_alt(_LEX.verbs)}){_END}"
_CODE_WORD = rf"({_alt(_LEX.code_lists)}){_END}"
_CODE_LIST = rf"(?:([\t \f]+)({code_list_pattern(_LEX)}))?"
_CODE_PIECE = re.compile(rf"({_ID})|(,)|([\t \f]+)")
_ATTRIBUTES = tuple(w for w in (*_LEX.attributes, *_LEX.details) if w not in _LEX.code_lists)


def _codes(keyword: Any) -> Any:
    """A callback for a code-list keyword (``allow``) and the codes after it on its line."""

    def callback(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
        yield match.start(1), keyword, match.group(1)
        if match.group(2) is not None:
            yield match.start(2), Whitespace, match.group(2)
            at = match.start(3)
            for piece in _CODE_PIECE.finditer(match.group(3)):
                kind = Name.Constant if piece.group(1) else Punctuation if piece.group(2) else Whitespace
                yield at + piece.start(), kind, piece.group(0)

    return callback


def _code_rules(attribute: bool = False) -> list[tuple[str, Any]]:
    """The rule of a code-list keyword and its codes: at the start of a line as a statement,
    or anywhere as an attribute (none when the grammar has no such keyword)."""
    if not _LEX.code_lists:
        return []
    if attribute:
        return [(rf"(?<![\w-]){_CODE_WORD}{_CODE_LIST}", _codes(Keyword))]
    return [(rf"^{_CODE_WORD}(?![\t \f]+{_VERB}){_CODE_LIST}", _codes(Keyword.Declaration))]


class ArgmapLexer(RegexLexer):
    """Lexer for argmap's ``.argmap`` files (multi-perspective argument maps)."""

    name = "argmap"
    aliases: ClassVar[list[str]] = ["argmap"]
    filenames: ClassVar[list[str]] = ["*.argmap"]
    mimetypes: ClassVar[list[str]] = ["text/x-argmap"]
    url = "https://pypi.org/project/argmap/"
    flags = re.MULTILINE | re.UNICODE

    tokens: ClassVar[dict[str, Any]] = {
        "root": [
            include("space"),
            # A definition: its keyword at the start of a line and the id it defines (unless
            # the word is an id itself, starting a relation or stance).
            (
                rf"^({_alt(_LEX.kinds)}){_END}([\t \f]+)(?!{_VERB})({_ID})",
                bygroups(Keyword.Type, Whitespace, Name.Function),
            ),
            (
                rf"^({_alt(_LEX.naming)}){_END}([\t \f]+)(?!{_VERB})({_ID})",
                bygroups(Keyword.Declaration, Whitespace, Name.Function),
            ),
            *_code_rules(),
            (rf"^(?:{_alt(_LEX.declarations)}){_END}(?![\t \f]+{_VERB})", Keyword.Declaration),
            # A named relation: `name: ...` at the start of a line.
            (rf"^({_ID})([\t \f]*)(:)", bygroups(Name.Label, Whitespace, Punctuation)),
            # The id a relation or stance starts with, even where it is a keyword's word.
            (rf"^{_ID}(?=[\t \f]+{_VERB})", Name),
            (words(_LEX.verbs, prefix=r"(?<![\w-])", suffix=_END), Operator.Word),
            *_code_rules(attribute=True),
            (words(_ATTRIBUTES, prefix=r"(?<![\w-])", suffix=_END), Keyword),
            (words(_LEX.constants, prefix=r"(?<![\w-])", suffix=_END), Keyword.Constant),
            (rf"(?<![\w-]){_LEX.number_pattern}", Number),
            (_ID, Name),
            (r"\+", Operator),
            (r"[,:]", Punctuation),
            (r'"""', String.Doc, "long-text"),
            (r'"', String.Double, "text"),
            (r".", Error),
        ],
        "space": [
            (r"\r?\n", Whitespace),
            (r"[\t \f\ufeff]+", Whitespace),
            (r"#[^\r\n]*", Comment.Single),
        ],
        "text": [
            (r'[^"\\\r\n]+', String.Double),
            (_ESCAPE, String.Escape),
            (r'"', String.Double, "#pop"),
            (r"\\.?", Error),
            default("#pop"),
        ],
        "long-text": [
            (r'[^"\\]+', String.Doc),
            (_ESCAPE, String.Escape),
            (r'"""', String.Doc, "#pop"),
            (r'"', String.Doc),
            (r"\\.?", Error),
        ],
    }

    def analyse_text(text: str) -> float:  # type: ignore[misc,override]  # Pygments' convention
        """How likely ``text`` is .argmap (for ``pygmentize -g``)."""
        kinds = _alt(_LEX.kinds)
        if re.search(rf"^(?:{kinds})[\t ]+{_ID}[\t ]+\"", text, re.M) and re.search(
            rf"^{_ID}[\t ]+(?:{_alt(_LEX.verbs)})[\t ]", text, re.M
        ):
            return 0.5
        return 0.0
