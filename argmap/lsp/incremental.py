"""Reading a text again after an edit, statement by statement, with the parser's own answers.

A map is a list of statements, each parsed on its own: the parser's result for a whole text is
the results of its statements put together. So after an edit only the statements whose text
changed are parsed again (:func:`argmap.syntax.parser.parse` on that statement alone); the
others are taken from the previous reading, their spans moved by the lines the edit added or
took away. A map of 5,000 claims is read in tens of milliseconds instead of a third of a
second, and in a small fraction of the second the parser's error path takes.

The result is the parser's, to the byte: the same elements with the same spans, the same
syntax errors with the same messages and hints. Where a statement-by-statement reading could
differ from the parser's reading of the whole text (a statement with a syntax error and a long
text in it, or more syntax errors than the parser reports), the whole text is parsed instead.
The tests compare the two on random texts and edits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TypeVar

import attrs

from argmap.diagnostics import Diagnostic, Related
from argmap.model import ArgumentMap, Element, Span
from argmap.span import line_starts
from argmap.syntax.errors import ParseError
from argmap.syntax.parser import MAX_SYNTAX_ERRORS, parse

__all__ = ["Reader", "Reading", "statement_starts"]

#: A statement that follows a statement parsed alone, so that the parser sees more text after
#: it, as it does in the whole file ("expected ..., got end of line", not "end of input").
_SENTINEL = 'title ""'

_T = TypeVar("_T")
#: A statement's text, and whether it is the text's last.
_Key = tuple[str, bool]


@attrs.frozen(slots=True)
class Reading:
    """What the parser makes of a text: the map (of the statements that parsed, when some did
    not), and the syntax errors (empty when the text parses)."""

    map: ArgumentMap
    errors: tuple[Diagnostic, ...]
    #: The 0-based line where each statement starts, in order.
    starts: tuple[int, ...]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The parser's findings as :class:`ParseError` gives them: errors, then warnings."""
        return [*self.errors, *self.map.parse_diagnostics]


@attrs.frozen(slots=True)
class _Result:
    """One statement parsed alone, with spans from its own line 1."""

    elements: tuple[Element, ...]
    errors: tuple[Diagnostic, ...]
    warnings: tuple[Diagnostic, ...]


def _starts_statement(line: str) -> bool:
    """The parser's own test of a line that starts a statement (syntax.parser._next_statement)."""
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#") and line[:1] not in (" ", "\t")


_LONG_TEXT: re.Pattern[str] | None = None


def _long_texts() -> re.Pattern[str]:
    """Long texts, with the one-line texts and comments that may hide a triple quote, as the
    grammar's terminals read them."""
    global _LONG_TEXT
    if _LONG_TEXT is None:
        from argmap.lsp.grammar import terminal_pattern

        parts = [terminal_pattern(name) for name in ("LONG_STRING", "STRING", "COMMENT")]
        _LONG_TEXT = re.compile("|".join(f"(?:{p})" for p in parts))
    return _LONG_TEXT


def statement_starts(lines: list[str], text: str) -> list[int]:
    """The 0-based lines where statements start: line 0, and every line that starts a statement
    (not indented, not blank, not a comment) and is not inside a long text."""
    inside: set[int] = set()
    if '"""' in text:
        line_of = _line_index(lines)
        for m in _long_texts().finditer(text):
            if m.group(0).startswith('"""') and "\n" in m.group(0):
                first, last = line_of(m.start()), line_of(m.end())
                inside.update(range(first + 1, last + 1))
        opened = _unclosed_long_text(text)
        if opened is not None:
            inside.update(range(line_of(opened) + 1, len(lines)))
    return [0, *(i for i in range(1, len(lines)) if i not in inside and _starts_statement(lines[i]))]


def _unclosed_long_text(text: str) -> int | None:
    """Where a triple quote opens that no long text reading closes, if one does."""
    position = 0
    for m in _long_texts().finditer(text):
        if text.find('"""', position, m.start()) >= 0:
            return text.find('"""', position, m.start())
        position = m.end()
    found = text.find('"""', position)
    return found if found >= 0 else None


def _line_index(lines: list[str]) -> Any:
    import bisect

    offsets = []
    total = 0
    for line in lines:
        offsets.append(total)
        total += len(line) + 1

    def line_of(offset: int) -> int:
        return bisect.bisect_right(offsets, offset) - 1

    return line_of


# ---- moving spans --------------------------------------------------------------------------------
def _shift_span(span: Span | None, lines: int) -> Span | None:
    if span is None or lines == 0:
        return span
    return Span(span.path, span.line + lines, span.column, span.end_line + lines, span.end_column)


#: Per class: its fields, and which of them hold a span (False) or a tuple of things with
#: spans (True), read off the fields' types.
_PLANS: dict[type, tuple[tuple[str, ...], tuple[tuple[int, bool], ...]]] = {}


def _plan(cls: type) -> tuple[tuple[str, ...], tuple[tuple[int, bool], ...]]:
    plan = _PLANS.get(cls)
    if plan is None:
        import typing

        hints = typing.get_type_hints(cls)
        fields = attrs.fields(cls)
        moving = []
        for i, f in enumerate(fields):
            kind = hints[f.name]
            args = typing.get_args(kind)
            if kind is Span or Span in args:
                moving.append((i, False))
            elif (
                typing.get_origin(kind) is tuple and args and isinstance(args[0], type) and attrs.has(args[0])
            ):
                moving.append((i, True))  # quotes; not ids, tags nor a claim's (question, side) pairs
        plan = _PLANS[cls] = (tuple(f.name for f in fields), tuple(moving))
    return plan


def shift(item: _T, lines: int) -> _T:
    """``item`` (an element, a diagnostic, anything of attrs) with every span in it, nested ones
    too, ``lines`` lines further down.

    The copy is made field by field, without running the class's validators again: its values
    are the item's own, already valid (a map of 5,000 claims has 20,000 elements to move when a
    line is added near its top)."""
    if lines == 0:
        return item
    cls = type(item)
    names, moving = _plan(cls)
    copy = object.__new__(cls)
    setattr_ = object.__setattr__
    for name in names:
        setattr_(copy, name, getattr(item, name))
    for i, many in moving:
        name = names[i]
        value = getattr(item, name)
        if many:
            if value:
                setattr_(copy, name, tuple(shift(v, lines) for v in value))
        elif value is not None:
            setattr_(
                copy,
                name,
                Span(value.path, value.line + lines, value.column, value.end_line + lines, value.end_column),
            )
    return copy


def _shift_diagnostic(d: Diagnostic, lines: int) -> Diagnostic:
    if lines == 0:
        return d
    related = tuple(Related(_shift_span(r.span, lines), r.message) for r in d.related)
    return attrs.evolve(d, span=_shift_span(d.span, lines), related=related)


# ---- the reader ------------------------------------------------------------------------------------
class Reader:
    """Reads successive versions of one document, keeping each statement's result for the next."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        #: (statement text, is last) -> the line it was on and its result there.
        self._known: dict[_Key, tuple[int, _Result]] = {}

    def read(self, text: str) -> Reading:
        """The parser's reading of ``text`` (see the module docstring)."""
        from argmap.util.gcpause import paused_gc

        with paused_gc():
            return self._read(text)

    def _read(self, text: str) -> Reading:
        lines = text.split("\n")
        starts = statement_starts(lines, text)
        if not self._known and len(starts) > _WHOLE_FIRST:
            return self._read_whole(text, lines, starts)
        known: dict[_Key, tuple[int, _Result]] = {}
        elements: list[Element] = []
        errors: list[Diagnostic] = []
        warnings: list[Diagnostic] = []
        offsets = line_starts(text)
        last = len(starts) - 1
        for i, first in enumerate(starts):
            if i == last:
                key = (text[offsets[first] :], True)
            else:
                key = (text[offsets[first] : offsets[starts[i + 1]] - 1], False)
            chunk = key[0]
            found = known.get(key) or self._known.get(key)
            if found is None:
                result = _moved(self._parse_alone(*key), first)
            elif found[0] != first:
                result = _moved(found[1], first - found[0])
            else:
                result = found[1]
            known[key] = (first, result)
            if result.errors and ('"""' in chunk or len(errors) + len(result.errors) >= MAX_SYNTAX_ERRORS):
                # where a statement's reading alone may differ from the whole text's
                return self._read_whole(text, lines, starts)
            elements.extend(result.elements)
            errors.extend(result.errors)
            warnings.extend(result.warnings)
            if result.errors and not _resumes(result.errors[-1]):
                break
        self._known = known
        amap = ArgumentMap(
            tuple(elements), path=self.path, parse_diagnostics=tuple(warnings), source_text=text
        )
        return Reading(amap, tuple(errors), tuple(starts))

    def _parse_alone(self, chunk: str, last: bool) -> _Result:
        """One statement parsed alone; spans from its own line 1."""
        count = chunk.count("\n") + 1
        feed = chunk if last else f"{chunk}\n{_SENTINEL}"
        try:
            amap = parse(feed, self.path)
            found: list[Diagnostic] = list(amap.parse_diagnostics)
            built: Iterable[Element] = amap.elements
        except ParseError as exc:
            found = exc.diagnostics
            built = exc.partial.elements
        elements = tuple(e for e in built if e.span is None or e.span.line <= count)
        mine = [d for d in found if d.span is None or d.span.line <= count]
        return _Result(
            elements,
            tuple(d for d in mine if d.is_error),
            tuple(d for d in mine if not d.is_error),
        )

    def _read_whole(self, text: str, lines: list[str], starts: list[int]) -> Reading:
        """The parser's pass over the whole text; a clean one is filed by statement for the
        next reading."""
        try:
            amap = parse(text, self.path)
            errors: tuple[Diagnostic, ...] = ()
        except ParseError as exc:
            errors = tuple(d for d in exc.diagnostics if d.is_error)
            amap = exc.partial
        self._known = {} if errors else self._file(amap, lines, starts)
        return Reading(amap, errors, tuple(starts))

    @staticmethod
    def _file(amap: ArgumentMap, lines: list[str], starts: list[int]) -> dict[_Key, tuple[int, _Result]]:
        """A clean whole-text reading, by statement (nothing when a span is missing)."""
        import bisect

        elements: list[list[Element]] = [[] for _ in starts]
        notes: list[list[Diagnostic]] = [[] for _ in starts]
        for e in amap.elements:
            if e.span is None:
                return {}
            elements[bisect.bisect_right(starts, e.span.line - 1) - 1].append(e)
        for d in amap.parse_diagnostics:
            if d.span is None:
                return {}
            notes[bisect.bisect_right(starts, d.span.line - 1) - 1].append(d)
        ends = [*starts[1:], len(lines)]
        known: dict[_Key, tuple[int, _Result]] = {}
        for i, (first, stop) in enumerate(zip(starts, ends, strict=True)):
            key = ("\n".join(lines[first:stop]), stop == len(lines))
            known.setdefault(key, (first, _Result(tuple(elements[i]), (), tuple(notes[i]))))
        return known


#: A first reading of a text with more statements than this is the parser's pass over all of it
#: (faster than statement by statement when nothing is known yet).
_WHOLE_FIRST = 64


def _moved(result: _Result, lines: int) -> _Result:
    if lines == 0:
        return result
    return _Result(
        tuple([shift(e, lines) for e in result.elements]),
        tuple([_shift_diagnostic(d, lines) for d in result.errors]) if result.errors else (),
        tuple([_shift_diagnostic(d, lines) for d in result.warnings]) if result.warnings else (),
    )


def _resumes(error: Diagnostic) -> bool:
    """Whether the parser reads on after this error: not after the end of the input (E104)
    nor after a long text never closed (E102 at a triple quote)."""
    if error.code == "E104":
        return False
    return not (error.code == "E102" and "long text" in error.message)
