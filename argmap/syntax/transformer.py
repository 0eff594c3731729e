"""Lark's parse -> model elements: the callbacks (a Transformer run while Lark parses, so no tree
is built), and the decoding of text (escapes, the indentation of a long text).

The callbacks never raise: what they find wrong (an attribute given twice) is recorded as a
Diagnostic. They build only model elements; no Lark type leaves them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from argmap.diagnostics import Diagnostic
from argmap.model import (
    Claim,
    ClaimKind,
    Contradiction,
    Element,
    Perspective,
    Question,
    Quote,
    Rebuttal,
    Source,
    Span,
    Stance,
    Support,
    Title,
    Undercut,
)

__all__ = ["ESCAPE", "KINDS", "Build", "dedent", "unescape"]

# Lark's tokens are typed with optional positions; they always have them here.
Token = Any


class _Text(NamedTuple):
    value: str
    first: Token
    last: Token


# The escapes the grammar's STRING and LONG_STRING accept (Unicode scalar values only).
ESCAPE = re.compile(
    r'\\(?:(["\\])|(n)|(t)|u((?![dD][89abAB])[0-9A-Fa-f]{4})'
    r"|u\{((?!0*[dD][89abAB][0-9A-Fa-f]{2}\})0*(?:10|[0-9A-Fa-f])?[0-9A-Fa-f]{1,4})\})"
)
#: Claim kind keyword -> kind (``claim`` is a claim of no particular kind).
KINDS: dict[str, ClaimKind | None] = {"claim": None, **{kind.value: kind for kind in ClaimKind}}


def _end(item: Any) -> tuple[int, int]:
    """End (line, column) of what closes a statement: a token, a list of tokens, a _Text, or
    an attribute tuple (whose last item is its last token)."""
    last = item[-1] if isinstance(item, (tuple, list)) and not isinstance(item, _Text) else item
    if isinstance(last, _Text):
        last = last.last
    return last.end_line, last.end_column  # type: ignore[no-any-return]


class Build:
    """Callbacks for Lark's LALR parser: each statement becomes model elements, in order.

    ``line_offset`` is the number of lines before the text Lark is given, when that is a piece
    of a longer text (the fast path hands Lark the statements it does not read itself)."""

    def __init__(self) -> None:
        self.path: str | None = None
        self.elements: list[Element] = []
        self.problems: list[Diagnostic] = []
        self.names: dict[str, str] = {}
        self.lists: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.line_offset = 0

    def reset(self, path: str | None) -> None:
        self.path = path
        self.line_offset = 0
        self.elements = []
        self.problems = []
        self.names = {}
        self.lists = {}

    def _id(self, tok: Token) -> str:
        """The id as a plain string, one object per distinct id in a text (a map of 100k claims
        names each claim several times; sharing the string saves ~0.4 KB per claim)."""
        name = str(tok)
        return self.names.setdefault(name, name)

    def ids(self, items: list[str]) -> tuple[str, ...]:
        """A list of ids as a tuple, one object per distinct list (``by`` lists repeat a lot)."""
        key = tuple(items)
        return self.lists.setdefault(key, key)

    def _span(self, first: Any, last: Any) -> Span:
        end_line, end_column = _end(last)
        offset = self.line_offset
        return Span(self.path, first.line + offset, first.column, end_line + offset, end_column)

    def _once(self, seen: dict[str, Any], key: str, item: Any) -> None:
        if key in seen:
            self.problems.append(
                Diagnostic.make(
                    "W107",
                    self._span(item[2], item),
                    f"'{key}' is given twice; the later one is kept",
                    hint=f"give '{key}' once per statement",
                )
            )
        seen[key] = item

    # -- words --
    def ident(self, c: list[Token]) -> Token:
        return c[0]

    def ident_list(self, c: list[Token]) -> list[Token]:
        return c[::2]

    def tag(self, c: list[Token]) -> Token:
        tok = c[0]
        if tok.type == "STRING":
            return tok.update(value=self._decode(tok))
        return tok

    def text(self, c: list[Token]) -> _Text:
        if len(c) == 1:
            return _Text(self._decode(c[0]), c[0], c[0])
        return _Text("".join(self._decode(t) for t in c), c[0], c[-1])

    @staticmethod
    def _decode(tok: Token) -> str:
        raw = str(tok)
        return unescape(dedent(raw[3:-3]) if raw.startswith('"""') else raw[1:-1])

    # -- attributes: (name, value, first token, last item) --
    def _attr(self, name: str) -> Callable[[list[Any]], tuple[str, Any, Any, Any]]:
        def build(c: list[Any]) -> tuple[str, Any, Any, Any]:
            last = c[-1]
            return (name, last, c[0], last[-1] if isinstance(last, list) else last.last)

        return build

    def __getattr__(self, name: str) -> Any:
        if name in ("url", "date", "author", "role", "color", "note", "answers"):
            return self._attr(name)
        raise AttributeError(name)

    def held(self, c: list[Any]) -> tuple[str, Any, Any, Any]:
        return ("held", c[2], c[0], c[2][-1])

    def rejected(self, c: list[Any]) -> tuple[str, Any, Any, Any]:
        return ("rejected", c[2], c[0], c[2][-1])

    def by(self, c: list[Any]) -> tuple[str, Any, Any, Any]:
        return ("by", c[1], c[0], c[1][-1])

    def tags(self, c: list[Any]) -> tuple[str, Any, Any, Any]:
        return ("tags", c[1::2], c[0], c[-1])

    def source_ref(self, c: list[Any]) -> tuple[str, Any, Any, Any]:
        return ("source", c[1], c[0], c[1][-1])

    def quote(self, c: list[Any]) -> tuple[str, Any, Any, Any]:
        speaker = c[1] if len(c) == 3 else None
        return ("quote", (speaker, c[-1]), c[0], c[-1].last)

    def claim_kind(self, c: list[Token]) -> Token:
        return c[0]

    # -- statements --
    def title(self, c: list[Any]) -> None:
        text: _Text = c[1]
        self.elements.append(Title(text.value, span=self._span(c[0], text)))

    def source(self, c: list[Any]) -> None:
        fields: dict[str, Any] = {}
        for a in c[3:]:
            self._once(fields, a[0], a)
        self.elements.append(
            Source(
                self._id(c[1]),
                c[2].value,
                **{k: v[1].value for k, v in fields.items()},
                span=self._span(c[0], c[-1]),
            )
        )

    def perspective(self, c: list[Any]) -> None:
        fields: dict[str, Any] = {}
        for a in c[3:]:
            self._once(fields, a[0], a)
        self.elements.append(
            Perspective(
                self._id(c[1]),
                c[2].value,
                **{k: v[1].value for k, v in fields.items()},
                span=self._span(c[0], c[-1]),
            )
        )

    def question(self, c: list[Any]) -> None:
        tags: list[str] = []
        fields: dict[str, Any] = {}
        for a in c[3:]:
            if a[0] == "tags":
                tags.extend(str(t) for t in a[1])
            else:
                self._once(fields, a[0], a)
        note = fields["note"][1].value if "note" in fields else None
        self.elements.append(Question(self._id(c[1]), c[2].value, tags, note, span=self._span(c[0], c[-1])))

    def claim(self, c: list[Any]) -> None:
        kw, ident, text = c[0], c[1], c[2]
        answers: list[str] = []
        tags: list[str] = []
        sources: list[str] = []
        quotes: list[Quote] = []
        stances: list[Stance] = []
        note: dict[str, Any] = {}
        path, offset = self.path, self.line_offset
        claim_id = self._id(ident)
        for a in c[3:]:
            name = a[0]
            if name in ("held", "rejected"):
                accepts = name == "held"
                for p in a[1]:
                    span = Span(path, p.line + offset, p.column, p.end_line + offset, p.end_column)
                    stances.append(Stance(self._id(p), claim_id, accepts, True, span=span))
            elif name == "answers":
                answers.extend(map(self._id, a[1]))
            elif name == "tags":
                tags.extend(map(str, a[1]))
            elif name == "source":
                sources.extend(map(self._id, a[1]))
            elif name == "quote":
                speaker, qtext = a[1]
                quotes.append(
                    Quote(
                        qtext.value,
                        None if speaker is None else self._id(speaker),
                        span=self._span(a[2], qtext),
                    )
                )
            else:
                self._once(note, name, a)
        self.elements.append(
            Claim(
                claim_id,
                text.value,
                KINDS[str(kw)],
                answers,
                tags,
                sources,
                quotes,
                note["note"][1].value if note else None,
                span=self._span(kw, c[-1]),
            )
        )
        self.elements.extend(stances)

    def _relation_attrs(self, attrs: list[Any]) -> tuple[tuple[str, ...], str | None]:
        by: list[str] = []
        seen: dict[str, Any] = {}
        for a in attrs:
            if a[0] == "by":
                by.extend(map(self._id, a[1]))
            else:
                self._once(seen, a[0], a)
        return self.ids(by), (seen["note"][1].value if seen else None)

    def support(self, c: list[Any]) -> None:
        first = c[0]
        name: str | None = None
        i = 0
        if len(c) > 1 and c[1].type == "COLON":
            name = self._id(c[0])
            i = 2
        premises: list[str] = []
        while True:
            premises.append(self._id(c[i]))
            if c[i + 1].type != "PLUS":
                break
            i += 2
        conclusion = self._id(c[i + 2])
        by, note = self._relation_attrs(c[i + 3 :])
        support = Support(self.ids(premises), conclusion, name, by, note, span=self._span(first, c[-1]))
        self.elements.append(support)

    def rebuttal(self, c: list[Any]) -> None:
        by, note = self._relation_attrs(c[3:])
        self.elements.append(Rebuttal(self._id(c[0]), self._id(c[2]), by, note, span=self._span(c[0], c[-1])))

    def undercut(self, c: list[Any]) -> None:
        by, note = self._relation_attrs(c[3:])
        self.elements.append(Undercut(self._id(c[0]), self._id(c[2]), by, note, span=self._span(c[0], c[-1])))

    def contradiction(self, c: list[Any]) -> None:
        by, note = self._relation_attrs(c[3:])
        self.elements.append(
            Contradiction(self._id(c[0]), self._id(c[2]), by, note, span=self._span(c[0], c[-1]))
        )

    def stance(self, c: list[Any]) -> None:
        perspective = self._id(c[0])
        accepts = c[1].type == "KW_ACCEPTS"
        note = None
        if len(c) > 3:
            seen: dict[str, Any] = {}
            for a in c[3:]:
                self._once(seen, a[0], a)
            note = seen["note"][1].value
        path, offset, first = self.path, self.line_offset, c[0]
        for t in c[2]:
            span = Span(path, first.line + offset, first.column, t.end_line + offset, t.end_column)
            self.elements.append(Stance(perspective, self._id(t), accepts, False, note, span=span))

    def start(self, c: list[Any]) -> None:
        return None


def dedent(body: str) -> str:
    """A long string's text: drop a line break right after the opening quotes, the
    indentation common to its lines, and a last line holding only white space."""
    if body.startswith("\r\n"):
        body = body[2:]
    elif body.startswith("\n"):
        body = body[1:]
    lines = body.replace("\r\n", "\n").split("\n")
    if len(lines) > 1 and not lines[-1].strip():
        lines[-1] = ""
    indents = [len(ln) - len(ln.lstrip(" \t")) for ln in lines if ln.strip()]
    cut = min(indents) if indents else 0
    out = "\n".join(ln[cut:] for ln in lines)
    return out[:-1] if out.endswith("\n") else out


def unescape(body: str) -> str:
    """A text's characters, its escapes replaced by what they stand for."""
    if "\\" not in body:
        return body
    return ESCAPE.sub(_unescape_one, body)


def _unescape_one(m: re.Match[str]) -> str:
    if m.group(1):
        return m.group(1)
    if m.group(2):
        return "\n"
    if m.group(3):
        return "\t"
    return chr(int(m.group(4) or m.group(5), 16))
