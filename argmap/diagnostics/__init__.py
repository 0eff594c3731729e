"""The one shape of every finding: syntax errors from the parser and findings of the checker.

Codes are stable: a code, once published, keeps its meaning. Each step that reports findings
declares its own codes (code, severity, title) with :func:`register_codes` when it is imported:
the parser's in :mod:`argmap.syntax.codes`, each family of checks in its module under
:mod:`argmap.checks`, the semantics' in :mod:`argmap.semantics.findings`.
:func:`Diagnostic.make` looks a code up among those registered. The whole catalogue is
:data:`argmap.checks.CODES` (``argmap.CODES``), which imports every step; each code is
documented with a failing and a passing example in ``docs/diagnostics.md`` (a test keeps the
two in step).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping

import attrs

from argmap.span import Span

__all__ = [
    "CodeInfo",
    "Diagnostic",
    "Related",
    "Severity",
    "code_info",
    "code_order",
    "register_codes",
    "registered_codes",
    "sort_key",
]


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


# A code: the first letter of its severity, then three digits (the hundreds are the step).
_CODE = re.compile(r"[EWI][0-9]{3}")
# Every code registered so far: code -> what it means.
_REGISTERED: dict[str, CodeInfo] = {}


def register_codes(codes: Mapping[str, CodeInfo]) -> dict[str, CodeInfo]:
    """Register a step's codes, so that :meth:`Diagnostic.make` knows them; return them.

    Called once by each module that reports findings, at import. A code registered again must
    mean the same (a module imported twice); a code whose letter does not match its severity,
    or that another module registered with another meaning, is a bug in argmap (ValueError).
    """
    for code, info in codes.items():
        letter = info.severity.value[0].upper()
        if not _CODE.fullmatch(code) or code[0] != letter:
            raise ValueError(f"{code!r} is not a code for a {info.severity.value}: write {letter}nnn")
        known = _REGISTERED.get(code)
        if known is not None and known != info:
            raise ValueError(f"{code} is registered twice: as {known.title!r} and as {info.title!r}")
    _REGISTERED.update(codes)
    return dict(codes)


def code_info(code: str) -> CodeInfo:
    """What a registered code means (KeyError, naming the code, when none registered it)."""
    info = _REGISTERED.get(code)
    if info is None:
        raise KeyError(f"no step registered diagnostic code {code!r}; import the module that reports it")
    return info


def code_order(code: str) -> tuple[int, str]:
    """The catalogue's order: by number (the step, then the code), whatever the severity."""
    return int(code[1:]), code


def registered_codes() -> dict[str, CodeInfo]:
    """The codes registered so far, in code order. Only the steps imported so far have
    registered theirs: :data:`argmap.checks.CODES` is the whole catalogue."""
    return {code: _REGISTERED[code] for code in sorted(_REGISTERED, key=code_order)}


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
        """A diagnostic with the severity its code is registered with (see :func:`register_codes`)."""
        return cls(code, code_info(code).severity, span, message, hint, related)

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
