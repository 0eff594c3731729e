"""Text -> model: the .argmap grammar, run with Lark's LALR parser.

The Transformer is applied while parsing (no parse tree is built) and only ever builds model
elements: it never raises, so every problem it meets is recorded as a Diagnostic. Syntax errors
are turned into Diagnostics too, with a position inside the text; after one, parsing resumes
at the next statement so that a run reports several. Nothing from Lark leaves this module.

An error-free text is read by the fast path first (argmap/_fastpath.py: common statements
matched whole, the others through Lark's tables without its per-token bookkeeping); only a
text it cannot read goes through ``Lark.parse``, which then also finds the errors.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import os
import re
import sys
import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from argmap.diagnostics import Diagnostic
from argmap.model import (
    ArgumentMap,
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
from argmap.syntax.errors import ParseError

if TYPE_CHECKING:
    from lark import Lark

# Lark's tokens are typed with optional positions; they always have them here.
Token = Any

__all__ = ["MAX_SYNTAX_ERRORS", "ParseError", "grammar_path", "grammar_text", "load", "parse"]

#: After this many syntax errors in one text, parsing stops.
MAX_SYNTAX_ERRORS = 25


# ---- finding and building the grammar --------------------------------------------------------
def grammar_path() -> Path:
    """Where the grammar is: ``argmap.lark`` beside this module, inside the package (the
    checkout's ``grammars/argmap.lark`` is a link to it)."""
    path = Path(__file__).resolve().with_name("argmap.lark")
    if not path.is_file():
        raise FileNotFoundError("argmap's grammar (argmap.lark) is missing from this installation")
    return path


def grammar_text() -> str:
    """The grammar's source text."""
    return grammar_path().read_text(encoding="utf-8")


def _cache_dir() -> Path | None:
    base = os.environ.get("ARGMAP_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    if not os.environ.get("ARGMAP_CACHE_DIR"):
        root = root / "argmap"
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return root if os.access(root, os.W_OK) else None


def _build_lark(transformer: _Build) -> Lark:
    """The LALR parser. Its tables are cached in a file (Lark's own cache, keyed by a hash of
    the grammar and the options, checked on load), so they are built once, not on every run."""
    import lark

    folder = _cache_dir()
    digest = hashlib.sha256(f"{lark.__version__}\0{sys.version}".encode()).hexdigest()[:16]
    cache: str | bool = str(folder / f"grammar-{digest}.lark") if folder is not None else False
    return lark.Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        maybe_placeholders=False,
        propagate_positions=False,
        transformer=transformer,
        cache=cache,
    )


# ---- the transformer ------------------------------------------------------------------------
class _Text(NamedTuple):
    value: str
    first: Token
    last: Token


# The escapes the grammar's STRING and LONG_STRING accept (Unicode scalar values only).
_ESCAPE = re.compile(
    r'\\(?:(["\\])|(n)|(t)|u((?![dD][89abAB])[0-9A-Fa-f]{4})'
    r"|u\{((?!0*[dD][89abAB][0-9A-Fa-f]{2}\})0*(?:10|[0-9A-Fa-f])?[0-9A-Fa-f]{1,4})\})"
)
_KINDS = {kind.value: kind for kind in ClaimKind}
_KINDS["claim"] = None  # type: ignore[assignment]


def _end(item: Any) -> tuple[int, int]:
    """End (line, column) of what closes a statement: a token, a list of tokens, a _Text, or
    an attribute tuple (whose last item is its last token)."""
    last = item[-1] if isinstance(item, (tuple, list)) and not isinstance(item, _Text) else item
    if isinstance(last, _Text):
        last = last.last
    return last.end_line, last.end_column  # type: ignore[no-any-return]


class _Build:
    """Callbacks for Lark's LALR parser: each statement becomes model elements, in order."""

    def __init__(self) -> None:
        self.path: str | None = None
        self.elements: list[Element] = []
        self.problems: list[Diagnostic] = []
        self.names: dict[str, str] = {}
        self.lists: dict[tuple[str, ...], tuple[str, ...]] = {}

    def reset(self, path: str | None) -> None:
        self.path = path
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
        return Span(self.path, first.line, first.column, end_line, end_column)

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

    def _decode(self, tok: Token) -> str:
        raw = str(tok)
        body = _dedent(raw[3:-3]) if raw.startswith('"""') else raw[1:-1]
        if "\\" not in body:
            return body
        return _ESCAPE.sub(self._unescape, body)

    @staticmethod
    def _unescape(m: re.Match[str]) -> str:
        if m.group(1):
            return m.group(1)
        if m.group(2):
            return "\n"
        if m.group(3):
            return "\t"
        return chr(int(m.group(4) or m.group(5), 16))

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
        path = self.path
        claim_id = self._id(ident)
        for a in c[3:]:
            name = a[0]
            if name in ("held", "rejected"):
                accepts = name == "held"
                for p in a[1]:
                    span = Span(path, p.line, p.column, p.end_line, p.end_column)
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
                _KINDS[str(kw)],
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
        path = self.path
        for t in c[2]:
            span = Span(path, c[0].line, c[0].column, t.end_line, t.end_column)
            self.elements.append(Stance(perspective, self._id(t), accepts, False, note, span=span))

    def start(self, c: list[Any]) -> None:
        return None


def _dedent(body: str) -> str:
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


# ---- running the parser ---------------------------------------------------------------------
class _Engine:
    """The parser: the fast path, and Lark's parser for the rest, each built on first use."""

    def __init__(self) -> None:
        self.build = _Build()
        self.lock = threading.Lock()
        self._lark: Lark | None = None
        from argmap.syntax.fastpath import FastPath

        self.fast: FastPath | None
        try:
            self.fast = FastPath(self.build, _terminal_patterns(self), lambda: self.lark)
        except (ValueError, KeyError):  # a grammar this path does not know
            self.fast = None

    @property
    def lark(self) -> Lark:
        """Lark's LALR parser (loading it costs about as much as reading a map of 1,000
        claims, so a text whose statements all have common shapes never does)."""
        if self._lark is None:
            self._lark = _build_lark(self.build)
        return self._lark

    @functools.cached_property
    def words(self) -> dict[str, str]:
        """Terminal names as the words a message uses."""
        return _terminal_words(self.lark)

    def parse_fast(self, text: str, path: str | None) -> tuple[list[Element], list[Diagnostic]] | None:
        """Elements and warnings of an error-free text, or None if it has errors (or if the fast
        path is not available)."""
        if self.fast is None:
            return None
        with self.lock:
            self.build.reset(path)
            ok = self.fast.parse(text) and not any(d.is_error for d in self.build.problems)
            result = (self.build.elements, self.build.problems)
            self.build.reset(None)  # let go of this text's tables
            return result if ok else None


def _terminal_patterns(engine: _Engine) -> dict[str, str]:
    """The grammar's terminals as regex source, as Lark compiles them. They are kept in a small
    file beside Lark's cache, keyed by a hash of the grammar, so that a run which never needs
    Lark's parser does not load Lark to learn them."""
    grammar = grammar_text()
    folder = _cache_dir()
    digest = hashlib.sha256(f"terminals 1\0{grammar}".encode()).hexdigest()[:16]
    cached = folder / f"terminals-{digest}.json" if folder is not None else None
    if cached is not None:
        try:
            patterns = json.loads(cached.read_text(encoding="utf-8"))
            if isinstance(patterns, dict) and all(
                isinstance(k, str) and isinstance(v, str) for k, v in patterns.items()
            ):
                return patterns
        except (OSError, ValueError):
            pass  # missing or damaged: learn them from Lark again
    patterns = {t.name: t.pattern.to_regexp() for t in engine.lark.terminals}
    if cached is not None:
        try:
            temporary = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
            temporary.write_text(json.dumps(patterns, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, cached)
        except OSError:
            pass  # a read-only cache: learn them again next time
    return patterns


_engine: _Engine | None = None
_engine_lock = threading.Lock()


def _get_engine() -> _Engine:
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                _engine = _Engine()
    return _engine


def parse(text: str, path: str | os.PathLike[str] | None = None) -> ArgumentMap:
    """Parse .argmap text into an :class:`ArgumentMap`.

    ``path`` only names the text in spans and messages. Raises :class:`ParseError` (with every
    syntax error found) when the text does not parse; warnings the parser noticed are kept on
    the map as ``parse_diagnostics``.
    """
    from argmap.util.gcpause import paused_gc

    name = None if path is None else os.fspath(path)
    with paused_gc():
        elements, problems = _parse_all(text, name)
    errors = [d for d in problems if d.is_error]
    warnings = tuple(d for d in problems if not d.is_error)
    result = ArgumentMap(tuple(elements), path=name, parse_diagnostics=warnings, source_text=text)
    if errors:
        raise ParseError(errors + list(warnings), result)
    return result


def load(path: str | os.PathLike[str]) -> ArgumentMap:
    """Read and parse a .argmap file (UTF-8, with or without a byte-order mark).

    Raises OSError when the file cannot be read and :class:`ParseError` when it is not UTF-8
    text or does not parse.
    """
    name = os.fspath(path)
    text = decode(Path(name).read_bytes(), name)  # the bytes are freed before parsing
    return parse(text, name)


def decode(data: bytes, path: str | None) -> str:
    """UTF-8 bytes to text, or ParseError (E105) pointing at the first byte that is not."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        line = head.count(b"\n") + 1
        column = len(head[head.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        diag = Diagnostic.make(
            "E105",
            Span(path, line, column, line, column + 1),
            f"byte 0x{data[exc.start]:02x} at offset {exc.start} is not UTF-8 text",
            hint="argmap reads UTF-8 text files; is this a binary file, or saved in another encoding?",
        )
        raise ParseError([diag], ArgumentMap((), path=path)) from None
    return text[1:] if text.startswith("\ufeff") else text


def _parse_all(text: str, path: str | None) -> tuple[list[Element], list[Diagnostic]]:
    """Parse, and after each syntax error go on from the next statement."""
    engine = _get_engine()
    fast = engine.parse_fast(text if text.endswith("\n") else text + "\n", path)
    if fast is not None:
        return fast
    from lark.exceptions import UnexpectedInput

    lines = text.split("\n")
    elements: list[Element] = []
    problems: list[Diagnostic] = []
    errors = 0
    start_line = 1  # where the current pass starts reading for real
    while True:
        feed = ("\n" * (start_line - 1)) + "\n".join(lines[start_line - 1 :])
        if not feed.endswith("\n"):
            feed += "\n"
        with engine.lock:
            engine.build.reset(path)
            try:
                engine.lark.parse(feed)
                failure: UnexpectedInput | None = None
            except UnexpectedInput as exc:
                failure = exc
            built, found = engine.build.elements, engine.build.problems
            engine.build.reset(None)
        if failure is None:
            elements.extend(built)
            problems.extend(found)
            return elements, problems
        diag, resume = _syntax_diagnostic(failure, text, lines, path, engine.words)
        bad_line = _statement_start(lines, diag.span.line if diag.span else 1)
        elements.extend(e for e in built if e.span is not None and e.span.line < bad_line)
        problems.extend(d for d in found if d.span is None or d.span.line < bad_line)
        problems.append(diag)
        errors += 1
        if errors >= MAX_SYNTAX_ERRORS:
            problems.append(
                Diagnostic.make("E100", diag.span, f"too many syntax errors ({errors}); stopped reading here")
            )
            return elements, problems
        next_line = _next_statement(lines, bad_line) if resume else None
        if next_line is None:
            return elements, problems
        start_line = next_line


def _statement_start(lines: list[str], line: int) -> int:
    """The first line of the statement that contains ``line``."""
    i = min(line, len(lines))
    while i > 1 and _is_continuation(lines[i - 1]):
        i -= 1
    return i


def _is_continuation(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#") or line[:1] in (" ", "\t")


def _next_statement(lines: list[str], after: int) -> int | None:
    """The first line after ``after`` that starts a statement (not indented, not blank)."""
    for i in range(after + 1, len(lines) + 1):
        line = lines[i - 1]
        if line.strip() and not line.strip().startswith("#") and line[:1] not in (" ", "\t"):
            return i
    return None


# ---- syntax errors as diagnostics -------------------------------------------------------------
_DESCRIPTIONS = {
    "ID": "an id",
    "STRING": 'a "quoted text"',
    "LONG_STRING": 'a """long text"""',
    "_NL": "end of line",
    "$END": "end of input",
}
_STATEMENT_KEYWORDS = ("title", "source", "perspective", "question")
_IDENT_TERMINALS = frozenset(
    {
        "ID",
        "KW_TITLE",
        "KW_SOURCE",
        "KW_PERSPECTIVE",
        "KW_QUESTION",
        "KW_CLAIM",
        "KW_FACT",
        "KW_INTERPRETATION",
        "KW_PREDICTION",
        "KW_VALUE",
        "KW_POLICY",
    }
)


def _terminal_words(parser: Lark) -> dict[str, str]:
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
    if line_start and "KW_PERSPECTIVE" in names and "ID" in names:
        return (
            "a statement (title, source, perspective, question, claim, fact, interpretation, "
            "prediction, value, policy, or a relation or stance that starts with an id)"
        )
    parts: list[str] = []
    if names >= _IDENT_TERMINALS:
        names -= _IDENT_TERMINALS
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


def _syntax_diagnostic(
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


_VERBS = ("supports", "support", "rebuts", "attacks", "undercuts", "contradicts", "accepts", "rejects")
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
    if tok.type != "$END" and 1 <= tok.line <= len(lines):
        line_text = lines[tok.line - 1]
        words_on_line = line_text.split()
        first = words_on_line[0] if words_on_line else ""
        if line_text[:1] not in (" ", "\t") and first not in _KINDS and first not in _STATEMENT_KEYWORDS:
            if first in _ATTRIBUTES and first != "source":
                return f"'{first}' is an attribute: indent this line under the statement it belongs to"
            close = difflib.get_close_matches(first, [*_KINDS, *_STATEMENT_KEYWORDS], n=1, cutoff=0.7)
            if close and tok.column > 1:
                return f"did you mean '{close[0]}'?"
    if tok.type == "ID" and expected & {"KW_SUPPORTS", "KW_REBUTS"}:
        close = difflib.get_close_matches(value, _VERBS, n=1, cutoff=0.6)
        if close:
            return f"did you mean '{close[0]}'?"
        if value in _ATTRIBUTES:
            return f"'{value}' is an attribute: indent this line under the statement it describes"
        return (
            "a relation reads `a supports b`, `a rebuts b`, `a undercuts s`, `a contradicts b`; "
            "a stance `p accepts c`"
        )
    if tok.type == "ID" and "KW_PERSPECTIVE" in expected:
        close = difflib.get_close_matches(value, [*_STATEMENT_KEYWORDS, *_KINDS], n=1, cutoff=0.7)
        if close:
            return f"did you mean '{close[0]}'?"
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
        close = difflib.get_close_matches(
            value, [w.strip("'") for k, w in words.items() if k in expected], n=1, cutoff=0.6
        )
        if close:
            return f"did you mean '{close[0]}'?"
    return None


def _character_diagnostic(
    exc: Any, text: str, lines: list[str], path: str | None, words: dict[str, str]
) -> tuple[Diagnostic, bool]:
    line, column = exc.line, exc.column
    pos = _offset(lines, line, column)
    char = text[pos] if pos < len(text) else ""
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
    elif char == '"':
        end_of_line = text.find("\n", pos)
        end_of_line = len(text) if end_of_line < 0 else end_of_line
        bad = _bad_escape(text, pos + 1, end_of_line)
        if bad is not None:
            return _escape_diagnostic(text, bad, path), True
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
        m = _ESCAPE.match(text, i)
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
