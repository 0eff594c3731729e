"""Silencing findings that are intended: ``allow`` in the map, ``--select``/``--ignore`` and the
project's settings.

* ``allow CODES ["why"]`` on a statement silences those codes for the findings about that
  statement (a finding is about the statement whose text it points into); on a ``section``, for
  the section's statements and the sections nested in it; on a line of its own, for the whole
  map.
* ``select`` keeps only the findings whose code matches, ``ignore`` drops those whose code
  matches; they come from the command line or from the project's settings
  (:mod:`argmap.checks.config`).

A code pattern is a code (``W302``) or the start of one (``W3``: every ``W3xx``; ``W``: every
warning). This module also reports the ``allow`` that names no code (W314).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

import attrs

from argmap.checks.registry import Context, Family
from argmap.diagnostics import CodeInfo, Diagnostic, Severity, register_codes, registered_codes
from argmap.model import Allow, ArgumentMap, Section
from argmap.span import Span
from argmap.util.suggest import did_you_mean

__all__ = [
    "CODES",
    "FAMILY",
    "Silenced",
    "apply_allows",
    "apply_codes",
    "is_pattern",
    "matches",
    "unknown_patterns",
]

CODES = register_codes({"W314": CodeInfo(Severity.WARNING, "unknown code in allow")})
# A code (or the start of one) of a step above the checks: hundreds 5 and up.
_LATER_STEP = re.compile(r"[EWI][5-9][0-9]{0,2}")


@attrs.frozen(slots=True)
class Silenced:
    """A finding left out, and what left it out: ``by`` is ``"allow"`` (in the map),
    ``"select"`` or ``"ignore"`` (on the command line or in the call) or ``"config"`` (the
    project's settings); ``reason`` is the ``allow``'s text, or the settings file."""

    diagnostic: Diagnostic
    by: str
    reason: str | None = None


def matches(code: str, patterns: Iterable[str]) -> bool:
    """Whether a code matches one of the patterns (a code, or the start of codes)."""
    return any(code.startswith(p) for p in patterns)


def is_pattern(pattern: str) -> bool:
    """Whether a pattern matches at least one code argmap reports.

    The steps above the checks (the drawing's W5xx ...) register their codes when they are
    imported, which checking a map does not do: a well-formed code of those hundreds is taken
    as known."""
    if not pattern:
        return False
    if any(code.startswith(pattern) for code in registered_codes()):
        return True
    return _LATER_STEP.fullmatch(pattern) is not None


def unknown_patterns(patterns: Iterable[str]) -> list[str]:
    """The patterns that match no code."""
    return [p for p in patterns if not is_pattern(p)]


def apply_codes(
    findings: Sequence[Diagnostic],
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    by: str = "",
    reason: str | None = None,
) -> tuple[list[Diagnostic], list[Silenced]]:
    """Keep the findings whose code matches ``select`` (all when None) and not ``ignore``;
    return those kept and those silenced (``by`` says by what: "select"/"ignore" by default)."""
    kept: list[Diagnostic] = []
    silenced: list[Silenced] = []
    for d in findings:
        if select is not None and not matches(d.code, select):
            silenced.append(Silenced(d, by or "select", reason))
        elif ignore and matches(d.code, ignore):
            silenced.append(Silenced(d, by or "ignore", reason))
        else:
            kept.append(d)
    return kept, silenced


class _Allows:
    """Where each ``allow`` of a map applies: the whole map, a section (by position: from the
    section statement to the next one), or one statement (by its span)."""

    def __init__(self, argmap: ArgumentMap) -> None:
        self.everywhere: list[tuple[str, str | None]] = []
        starts: list[tuple[int, int]] = []
        spans: list[tuple[Span, tuple[str, ...]]] = []
        sections: list[tuple[tuple[int, int], Section]] = []
        for e in argmap.elements:
            if isinstance(e, Allow):
                self.everywhere.extend((code, e.reason) for code in e.codes)
                continue
            span = e.span
            if span is None:
                continue
            if isinstance(e, Section):
                sections.append(((span.line, span.column), e))
            allow = getattr(e, "allow", ())
            if allow:
                starts.append((span.line, span.column))
                spans.append((span, allow))
        order = sorted(range(len(starts)), key=starts.__getitem__)
        self.starts = [starts[i] for i in order]
        self.spans = [spans[i] for i in order]
        sections.sort(key=lambda item: item[0])
        self.section_starts = [pos for pos, _ in sections]
        self.sections = [sec for _, sec in sections]
        self.by_id = {sec.id: sec for sec in reversed(self.sections)}
        self._section_codes: dict[str, tuple[str, ...]] = {}

    def section_codes(self, section: Section) -> tuple[str, ...]:
        """The codes a section allows, with those of the sections it is nested in."""
        found = self._section_codes.get(section.id)
        if found is None:
            codes: list[str] = []
            seen: set[str] = set()
            current: Section | None = section
            while current is not None and current.id not in seen:  # a circle (E208) ends here
                seen.add(current.id)
                codes.extend(current.allow)
                current = self.by_id.get(current.parent) if current.parent is not None else None
            found = self._section_codes[section.id] = tuple(codes)
        return found

    def codes_at(self, span: Span | None) -> list[str]:
        """The codes allowed for a finding at ``span``."""
        codes = [code for code, _ in self.everywhere]
        if span is None:
            return codes
        pos = (span.line, span.column)
        i = bisect.bisect_right(self.section_starts, pos) - 1
        if i >= 0:
            codes.extend(self.section_codes(self.sections[i]))
        j = bisect.bisect_right(self.starts, pos) - 1
        # Statements are in order and do not overlap (the stances of one statement may share
        # its start): look back until a statement ends before the position and an earlier
        # start is reached.
        stop: tuple[int, int] | None = None
        while j >= 0:
            where, allow = self.spans[j]
            start = (where.line, where.column)
            if stop is not None and start < stop:
                break
            if pos < (where.end_line, where.end_column) or pos == start:
                codes.extend(allow)
            elif stop is None:
                stop = start
            j -= 1
        return codes

    def reason(self, code: str) -> str | None:
        for allowed, why in self.everywhere:
            if code.startswith(allowed):
                return why
        return None


def apply_allows(
    argmap: ArgumentMap, findings: Sequence[Diagnostic]
) -> tuple[list[Diagnostic], list[Silenced]]:
    """Leave out the findings the map's ``allow``s silence; return those kept and those
    silenced. A finding is about the statement its span points into."""
    if not findings:
        return [], []
    has_allow = bool(argmap.allows) or any(getattr(e, "allow", ()) for e in argmap.elements)
    if not has_allow:
        return list(findings), []
    table = _Allows(argmap)
    kept: list[Diagnostic] = []
    silenced: list[Silenced] = []
    for d in findings:
        if d.span is not None and argmap.path is not None and d.span.path not in (argmap.path, None):
            kept.append(d)  # a finding about another file (a source's text) is not the map's
            continue
        codes = table.codes_at(d.span)
        if codes and matches(d.code, codes):
            silenced.append(Silenced(d, "allow", table.reason(d.code)))
        else:
            kept.append(d)
    return kept, silenced


def unknown_codes(context: Context) -> None:
    """W314: an ``allow`` naming a code (or the start of one) that argmap never reports."""
    known = list(registered_codes())
    for e in context.map.elements:
        codes: Sequence[str] = e.codes if isinstance(e, Allow) else getattr(e, "allow", ())
        for code in codes:
            if not is_pattern(code):
                context.emit(
                    "W314",
                    context.locate(e.span, code, -1),
                    f"`allow {code}`: argmap has no code {code!r}, so it silences nothing",
                    hint=did_you_mean(code, known) or "`argmap codes` lists every code",
                )


FAMILY = Family("allows", 80, CODES, (unknown_codes,))
