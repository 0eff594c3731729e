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
    Allow,
    Claim,
    ClaimKind,
    Contradiction,
    Element,
    Perspective,
    Question,
    Quote,
    Rebuttal,
    Section,
    Source,
    Span,
    Stance,
    Support,
    Title,
    Undercut,
)
from argmap.util.limits import DEFAULT as DEFAULT_LIMITS
from argmap.util.limits import exceeded

__all__ = ["ESCAPE", "KINDS", "Build", "dedent", "unescape"]

# Lark's tokens are typed with optional positions; they always have them here.
Token = Any


class _Text(NamedTuple):
    value: str
    first: Token
    last: Token


# The escapes the grammar's STRING and LONG_STRING accept (Unicode scalar values only).
ESCAPE = re.compile(
    r'\\(?:(["\\])|(n)|(t)|u((?![dD][89a-fA-F])[0-9A-Fa-f]{4})'
    r"|u\{((?!0*[dD][89a-fA-F][0-9A-Fa-f]{2}\})0*(?:10|[0-9A-Fa-f])?[0-9A-Fa-f]{1,4})\})"
)
#: Claim kind keyword -> kind (``claim`` is a claim of no particular kind).
KINDS: dict[str, ClaimKind | None] = {"claim": None, **{kind.value: kind for kind in ClaimKind}}


def _end(item: Any) -> tuple[int, int]:
    """End (line, column) of what closes a statement: a token, a list of tokens, a _Text, or
    an attribute tuple (whose last item is its last token)."""
    last = item[-1] if isinstance(item, (tuple, list)) and not isinstance(item, _Text) else item
    if isinstance(last, _Text):
        last = last.last
    return last.end_line, last.end_column


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
        #: The longest text a statement may hold (argmap.util.limits.Limits.text_length).
        self.text_limit = DEFAULT_LIMITS.text_length

    def reset(self, path: str | None, text_limit: int = DEFAULT_LIMITS.text_length) -> None:
        self.path = path
        self.line_offset = 0
        self.text_limit = text_limit
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
            return tok.update(value=self._limited(self._decode(tok), tok))
        return tok

    def text(self, c: list[Token]) -> _Text:
        if len(c) == 1:
            return _Text(self._limited(self._decode(c[0]), c[0]), c[0], c[0])
        return _Text(self._limited("".join(self._decode(t) for t in c), c[0]), c[0], c[-1])

    def _limited(self, value: str, first: Token) -> str:
        """``value``, or LimitError when it is longer than the text length limit."""
        if len(value) > self.text_limit:
            where = f"{self.path or '<text>'}:{first.line + self.line_offset}:{first.column}"
            raise exceeded("text_length", len(value), self.text_limit, where)
        return value

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
        if name in ("url", "date", "author", "role", "color", "note", "file", "on", "scheme"):
            return self._attr(name)
        raise AttributeError(name)

    def claim_title(self, c: list[Any]) -> tuple[str, Any, Any, Any]:
        return ("title", c[1], c[0], c[1].last)

    def base(self, c: list[Token]) -> tuple[str, Any, Any, Any]:
        return ("base", c[1], c[0], c[1])

    def answer(self, c: list[Token]) -> tuple[Token, Token | None]:
        return (c[0], c[1] if len(c) > 1 else None)

    def answers(self, c: list[Any]) -> tuple[str, Any, Any, Any]:
        items = c[1::2]
        last = items[-1]
        return ("answers", items, c[0], last[1] if last[1] is not None else last[0])

    def asked(self, c: list[Any]) -> tuple[str, Any, Any, Any]:
        return ("asked", c[2], c[0], c[2][-1])

    def allow(self, c: list[Any]) -> tuple[str, Any, Any, Any]:
        reason = c[2] if len(c) > 2 else None
        return ("allow", (c[1], reason), c[0], reason.last if reason is not None else c[1][-1])

    def quote_from(self, c: list[Any]) -> tuple[str, Any, Any, Any]:
        return ("from", c[1], c[0], c[1])

    def quote_at(self, c: list[Any]) -> tuple[str, Any, Any, Any]:
        return ("at", c[1], c[0], c[1].last)

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
        speaker = None if isinstance(c[1], _Text) else c[1]
        text: _Text = c[2] if speaker is not None else c[1]
        details = c[3:] if speaker is not None else c[2:]
        return ("quote", (speaker, text, details), c[0], details[-1][3] if details else text.last)

    def _quote(self, a: tuple[str, Any, Any, Any]) -> Quote:
        """A quote attribute as a Quote (its details each once: W107 for a second)."""
        speaker, text, details = a[1]
        seen: dict[str, Any] = {}
        for d in details:
            self._once(seen, d[0], d)
        source = seen.get("from")
        return Quote(
            text.value,
            None if speaker is None else self._id(speaker),
            None if source is None else self._id(source[1]),
            seen["at"][1].value if "at" in seen else None,
            seen["on"][1].value if "on" in seen else None,
            span=self._span(a[2], a),
        )

    def _allowed(self, a: tuple[str, Any, Any, Any], why: list[tuple[str, str]]) -> list[str]:
        """The codes of an ``allow`` attribute; each, with the attribute's reason if it gives
        one, is added to ``why`` (once per code: the first reason given for it)."""
        codes = [self._id(t) for t in a[1][0]]
        reason = a[1][1]
        if reason is not None:
            given = {code for code, _ in why}
            why.extend((code, reason.value) for code in dict.fromkeys(codes) if code not in given)
        return codes

    def claim_kind(self, c: list[Token]) -> Token:
        return c[0]

    # -- statements --
    def title(self, c: list[Any]) -> None:
        text: _Text = c[1]
        self.elements.append(Title(text.value, span=self._span(c[0], text)))

    def _definition(self, c: list[Any]) -> tuple[dict[str, Any], list[str], list[tuple[str, str]]]:
        """A definition's attributes: the single ones by name (W107 for a second), the codes it
        allows (repeatable) and the reasons given for them."""
        fields: dict[str, Any] = {}
        allow: list[str] = []
        why: list[tuple[str, str]] = []
        for a in c[3:]:
            if a[0] == "allow":
                allow.extend(self._allowed(a, why))
            else:
                self._once(fields, a[0], a)
        return fields, allow, why

    def source(self, c: list[Any]) -> None:
        fields, allow, why = self._definition(c)
        self.elements.append(
            Source(
                self._id(c[1]),
                c[2].value,
                **{k: v[1].value for k, v in fields.items()},
                allow=allow,
                allow_reasons=why,
                span=self._span(c[0], c[-1]),
            )
        )

    def perspective(self, c: list[Any]) -> None:
        fields, allow, why = self._definition(c)
        self.elements.append(
            Perspective(
                self._id(c[1]),
                c[2].value,
                **{k: v[1].value for k, v in fields.items()},
                allow=allow,
                allow_reasons=why,
                span=self._span(c[0], c[-1]),
            )
        )

    def question(self, c: list[Any]) -> None:
        tags: list[str] = []
        asked: list[str] = []
        allow: list[str] = []
        why: list[tuple[str, str]] = []
        fields: dict[str, Any] = {}
        for a in c[3:]:
            if a[0] == "tags":
                tags.extend(str(t) for t in a[1])
            elif a[0] == "asked":
                asked.extend(map(self._id, a[1]))
            elif a[0] == "allow":
                allow.extend(self._allowed(a, why))
            else:
                self._once(fields, a[0], a)
        note = fields["note"][1].value if "note" in fields else None
        self.elements.append(
            Question(
                self._id(c[1]),
                c[2].value,
                tags,
                note,
                self.ids(asked),
                allow,
                allow_reasons=why,
                span=self._span(c[0], c[-1]),
            )
        )

    def section(self, c: list[Any]) -> None:
        parent: str | None = None
        rest = c[3:]
        if rest and not isinstance(rest[0], tuple) and rest[0].type == "KW_IN":
            parent = self._id(rest[1])
            rest = rest[2:]
        fields: dict[str, Any] = {}
        allow: list[str] = []
        why: list[tuple[str, str]] = []
        for a in rest:
            if a[0] == "allow":
                allow.extend(self._allowed(a, why))
            else:
                self._once(fields, a[0], a)
        note = fields["note"][1].value if "note" in fields else None
        self.elements.append(
            Section(
                self._id(c[1]),
                c[2].value,
                parent,
                note,
                allow,
                allow_reasons=why,
                span=self._span(c[0], c[-1]),
            )
        )

    def allow_all(self, c: list[Any]) -> None:
        reason: _Text | None = c[2] if len(c) > 2 else None
        codes = [self._id(t) for t in c[1]]
        last = reason if reason is not None else c[1][-1]
        self.elements.append(
            Allow(codes, None if reason is None else reason.value, span=self._span(c[0], last))
        )

    def claim(self, c: list[Any]) -> None:
        kw, ident, text = c[0], c[1], c[2]
        answers: list[str] = []
        sides: list[tuple[str, str]] = []
        allow: list[str] = []
        why: list[tuple[str, str]] = []
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
                for question, side in a[1]:
                    answers.append(self._id(question))
                    if side is not None:
                        sides.append((answers[-1], str(side)))
            elif name == "allow":
                allow.extend(self._allowed(a, why))
            elif name == "tags":
                tags.extend(map(str, a[1]))
            elif name == "source":
                sources.extend(map(self._id, a[1]))
            elif name == "quote":
                quotes.append(self._quote(a))
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
                note["note"][1].value if "note" in note else None,
                note["date"][1].value if "date" in note else None,
                sides,
                allow,
                note["title"][1].value if "title" in note else None,
                self._base(note["base"]) if "base" in note else None,
                allow_reasons=why,
                span=self._span(kw, c[-1]),
            )
        )
        self.elements.extend(stances)

    def _relation(self, c: list[Any], make: Callable[..., Element]) -> None:
        """A relation statement: ``[name:] a [+ b ...] <verb> target`` and its attributes, as
        ``make(ends, target, by, note, name, tags, sources, quotes, allow, scheme)``; ``rejected by``
        on it adds stances on its name."""
        first = c[0]
        name: str | None = None
        i = 0
        if c[1].type == "COLON":
            name = self._id(c[0])
            i = 2
        ends: list[str] = []
        while True:
            ends.append(self._id(c[i]))
            if c[i + 1].type != "PLUS":
                break
            i += 2
        target = self._id(c[i + 2])
        by: list[str] = []
        tags: list[str] = []
        sources: list[str] = []
        quotes: list[Quote] = []
        allow: list[str] = []
        why: list[tuple[str, str]] = []
        rejected: list[Any] = []
        seen: dict[str, Any] = {}
        for a in c[i + 3 :]:
            kind = a[0]
            if kind == "by":
                by.extend(map(self._id, a[1]))
            elif kind == "rejected":
                rejected.append(a)
            elif kind == "tags":
                tags.extend(map(str, a[1]))
            elif kind == "source":
                sources.extend(map(self._id, a[1]))
            elif kind == "quote":
                quotes.append(self._quote(a))
            elif kind == "allow":
                allow.extend(self._allowed(a, why))
            else:
                self._once(seen, kind, a)
        note = seen["note"][1].value if "note" in seen else None
        relation = make(
            self.ids(ends), target, self.ids(by), note, name, tags, sources, quotes, allow,
            seen["scheme"][1].value if "scheme" in seen else None, allow_reasons=why,
            span=self._span(first, c[-1]),
        )  # fmt: skip
        self.elements.append(relation)
        if name is not None:  # the grammar takes `rejected by` only on a named relation
            path, offset = self.path, self.line_offset
            for a in rejected:
                for p in a[1]:
                    span = Span(path, p.line + offset, p.column, p.end_line + offset, p.end_column)
                    self.elements.append(Stance(self._id(p), name, False, True, span=span))

    def _base(self, a: tuple[str, Any, Any, Any]) -> float | None:
        """A base score; one outside [0, 1] is E108 and left out."""
        tok = a[1]
        value = float(tok)
        if value <= 1.0:
            return value
        self.problems.append(
            Diagnostic.make(
                "E108",
                self._span(a[2], a),
                f"the base score {tok} is not between 0 and 1",
                hint="a base score is a number from 0 to 1, such as 0.5 or 0.75",
            )
        )
        return None

    def support(self, c: list[Any]) -> None:
        self._relation(c, _support)

    def rebuttal(self, c: list[Any]) -> None:
        self._relation(c, Rebuttal)

    def undercut(self, c: list[Any]) -> None:
        self._relation(c, Undercut)

    def contradiction(self, c: list[Any]) -> None:
        self._relation(c, _contradiction)

    def stance(self, c: list[Any]) -> None:
        perspective = self._id(c[0])
        accepts = c[1].type == "KW_ACCEPTS"
        note = date = None
        allow: list[str] = []
        why: list[tuple[str, str]] = []
        if len(c) > 3:
            seen: dict[str, Any] = {}
            for a in c[3:]:
                if a[0] == "allow":
                    allow.extend(self._allowed(a, why))
                else:
                    self._once(seen, a[0], a)
            note = seen["note"][1].value if "note" in seen else None
            date = seen["on"][1].value if "on" in seen else None
        path, offset, first = self.path, self.line_offset, c[0]
        allowed = self.ids(allow)
        for t in c[2]:
            span = Span(path, first.line + offset, first.column, t.end_line + offset, t.end_column)
            self.elements.append(
                Stance(
                    perspective,
                    self._id(t),
                    accepts,
                    False,
                    note,
                    date,
                    allowed,
                    allow_reasons=why,
                    span=span,
                )
            )

    def start(self, c: list[Any]) -> None:
        return None


def _support(  # noqa: PLR0917 - the order of every relation's fields
    ends: tuple[str, ...],
    target: str,
    by: tuple[str, ...],
    note: str | None,
    name: str | None,
    tags: list[str],
    sources: list[str],
    quotes: list[Quote],
    allow: list[str],
    scheme: str | None,
    *,
    allow_reasons: list[tuple[str, str]],
    span: Span,
) -> Support:
    """A support made in the order of the other relations' fields (its name comes second)."""
    return Support(
        ends,
        target,
        name,
        by,
        note,
        tags,
        sources,
        quotes,
        allow,
        scheme,
        allow_reasons=allow_reasons,
        span=span,
    )


def _contradiction(  # noqa: PLR0917 - the order of every relation's fields
    ends: tuple[str, ...],
    target: str,
    by: tuple[str, ...],
    note: str | None,
    name: str | None,
    tags: list[str],
    sources: list[str],
    quotes: list[Quote],
    allow: list[str],
    scheme: str | None,
    *,
    allow_reasons: list[tuple[str, str]],
    span: Span,
) -> Contradiction:
    """A contradiction made in the order of the other relations' fields (one claim each side)."""
    return Contradiction(
        ends[0],
        target,
        by,
        note,
        name,
        tags,
        sources,
        quotes,
        allow,
        scheme,
        allow_reasons=allow_reasons,
        span=span,
    )


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
