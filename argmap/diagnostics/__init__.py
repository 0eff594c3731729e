"""The one shape of every finding: syntax errors from the parser and findings of the checker.

Codes are stable: a code, once published, keeps its meaning. Each is listed in :data:`CODES`
and documented with a failing and a passing example in ``docs/diagnostics.md`` (a test keeps
the two in step).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from argmap.span import Span

__all__ = ["CODES", "CodeInfo", "Diagnostic", "Related", "Severity", "sort_key"]


class Severity(enum.Enum):
    """How bad a finding is. Errors make ``argmap check`` fail; warnings do with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info: smaller is worse."""
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@attrs.frozen(slots=True)
class CodeInfo:
    """What a code means: its severity and a short title."""

    severity: Severity
    title: str


E, W = Severity.ERROR, Severity.WARNING

#: Every diagnostic code argmap emits. Append only; never reuse or renumber.
CODES: dict[str, CodeInfo] = {
    # -- reading the text (parser) --
    "E100": CodeInfo(E, "unexpected token"),
    "E101": CodeInfo(E, "unexpected character"),
    "E102": CodeInfo(E, "unterminated text"),
    "E103": CodeInfo(E, "invalid escape sequence"),
    "E104": CodeInfo(E, "unexpected end of input"),
    "E105": CodeInfo(E, "file is not UTF-8 text"),
    "E106": CodeInfo(E, "cannot read file"),
    "W107": CodeInfo(W, "attribute given twice"),
    # -- structure (checker) --
    "E200": CodeInfo(E, "duplicate id"),
    "E201": CodeInfo(E, "undefined reference"),
    "E202": CodeInfo(E, "reference to the wrong kind of element"),
    "E203": CodeInfo(E, "claim supports or attacks itself"),
    "E204": CodeInfo(E, "perspective accepts and rejects the same claim"),
    "E205": CodeInfo(E, "more than one title"),
    "E206": CodeInfo(E, "invalid colour"),
    "W300": CodeInfo(W, "cycle of supports"),
    "W301": CodeInfo(W, "claim both supports and attacks another"),
    "W302": CodeInfo(W, "perspective's accepted claims attack each other"),
    "W303": CodeInfo(W, "orphan claim"),
    "W304": CodeInfo(W, "unused perspective"),
    "W305": CodeInfo(W, "unused source"),
    "W306": CodeInfo(W, "unanswered question"),
    "W307": CodeInfo(W, "repeated relation or stance"),
    "W308": CodeInfo(W, "premise repeated in one support"),
    # -- formal semantics (evaluation) --
    "W400": CodeInfo(W, "perspective accepts a claim it cannot defend"),
}


@attrs.frozen(slots=True)
class Related:
    """Another place a finding points at (the first definition of a duplicate, say)."""

    span: Span | None
    message: str


def _related(value: Iterable[Related]) -> tuple[Related, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class Diagnostic:
    """A finding: a stable code, its severity, where, what, and (often) how to fix it."""

    code: str
    severity: Severity
    span: Span | None
    message: str
    hint: str | None = None
    related: tuple[Related, ...] = attrs.field(default=(), converter=_related)

    @classmethod
    def make(
        cls,
        code: str,
        span: Span | None,
        message: str,
        hint: str | None = None,
        related: tuple[Related, ...] = (),
    ) -> Diagnostic:
        """A diagnostic with the severity its code is registered with."""
        return cls(code, CODES[code].severity, span, message, hint, related)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = str(self.span) if self.span is not None else "<unknown>"
        return f"{where}: {self.severity.value}[{self.code}]: {self.message}"

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (the shape of ``argmap check --format json``)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "span": _span_dict(self.span),
            "related": [{"message": r.message, "span": _span_dict(r.span)} for r in self.related],
        }


def _span_dict(span: Span | None) -> dict[str, str | int | None] | None:
    return None if span is None else span.to_dict()


def sort_key(d: Diagnostic) -> tuple[str, int, int, int, str]:
    """Order findings by file, position, then severity and code."""
    s = d.span
    if s is None:
        return ("", 0, 0, d.severity.rank, d.code)
    return (s.path or "", s.line, s.column, d.severity.rank, d.code)
