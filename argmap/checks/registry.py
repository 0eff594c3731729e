"""The machinery of the checks: the families, the context their rules share, and the run.

A family is a module of :mod:`argmap.checks` that defines ``FAMILY``: its name, its place in
the run, the codes it reports (registered with :mod:`argmap.diagnostics` when the module is
imported) and its rules. :func:`discover` finds every such module, so a new check is one new
module (with its test and its entry in ``docs/diagnostics.md``).

A rule is a function of the :class:`Context`: it reads the map and reports findings with
:meth:`Context.emit`. Tables that several families need (the map's names, what the references
reach) are *shared*: a function of the context, computed once by :meth:`Context.shared` and
kept while a family still to run lists it in ``uses``.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from argmap.diagnostics import CodeInfo, Diagnostic, Related
from argmap.model import ArgumentMap, Span
from argmap.syntax.grammar import scanner

__all__ = ["Context", "Family", "Rule", "discover", "run"]

_T = TypeVar("_T")
#: A rule: reads ``context.map``, reports with ``context.emit``.
Rule = Callable[["Context"], None]


@attrs.frozen(slots=True)
class Family:
    """A family of rules and the codes they report.

    ``order`` places it in the run (smaller first). Findings are sorted by position afterwards,
    so the order only decides between findings with one code at one place, and when the shared
    tables in ``uses`` are built and dropped.
    """

    name: str
    order: int
    codes: Mapping[str, CodeInfo]
    rules: tuple[Rule, ...]
    uses: tuple[Callable[[Context], Any], ...] = ()


class Context:
    """One run of the checks over a map: the map, the findings so far, and the shared tables."""

    __slots__ = ("_lines", "_shared", "_words", "findings", "map")

    def __init__(self, argmap: ArgumentMap) -> None:
        self.map = argmap
        self.findings: list[Diagnostic] = []
        self._lines: list[str] | None = None
        self._shared: dict[Callable[[Context], Any], Any] = {}
        self._words: dict[Span, dict[str, list[Span]]] = {}

    def emit(
        self,
        code: str,
        span: Span | None,
        message: str,
        hint: str | None = None,
        related: Iterable[Related] = (),
    ) -> None:
        """Report a finding."""
        self.findings.append(Diagnostic.make(code, span, message, hint, tuple(related)))

    def shared(self, make: Callable[[Context], _T]) -> _T:
        """The table ``make`` builds from this context, built on first use."""
        try:
            value: _T = self._shared[make]
        except KeyError:
            value = self._shared[make] = make(self)
        return value

    def keep_only(self, wanted: Iterable[Callable[[Context], Any]]) -> None:
        """Drop the shared tables not in ``wanted`` (no family still to run needs them)."""
        keep = set(wanted)
        for make in [m for m in self._shared if m not in keep]:
            del self._shared[make]

    @property
    def lines(self) -> list[str] | None:
        """The source's lines, split on first use (only findings need them)."""
        if self._lines is None and self.map.source_text is not None:
            self._lines = self.map.source_text.split("\n")
        return self._lines

    def locate(self, span: Span | None, name: str, occurrence: int = 0) -> Span | None:
        """Narrow an element's span to where ``name`` is written inside it (the n-th time;
        -1 for the last), skipping quoted text. Falls back to the element's span.

        Each statement is read once, the first time a finding points into it, into a table of
        where each word is written: a statement with thousands of findings (a linked support
        with a thousand undefined premises) costs one reading, not one per finding."""
        lines = self.lines
        if span is None or lines is None:
            return span
        words = self._words.get(span)
        if words is None:
            words = self._words[span] = _words(lines, span)
        hits = words.get(name)
        if not hits:
            return span
        try:
            return hits[occurrence]
        except IndexError:
            return hits[-1]


@functools.cache
def _word_or_text() -> re.Pattern[str]:
    """A quoted text (skipped as a whole) or a word, by the grammar's own terminals."""
    return scanner(text=("LONG_STRING", "STRING"), word=("ID",))


def _words(lines: Sequence[str], span: Span) -> dict[str, list[Span]]:
    """Where each word (not quoted text) is written inside ``span``."""
    table: dict[str, list[Span]] = {}
    pattern = _word_or_text()
    for line_no in range(span.line, min(span.end_line, len(lines)) + 1):
        line = lines[line_no - 1]
        start = span.column - 1 if line_no == span.line else 0
        stop = span.end_column - 1 if line_no == span.end_line else len(line)
        for m in pattern.finditer(line, start, stop):
            if m.lastgroup == "text":
                continue
            word = m.group(0)
            hit = Span(span.path, line_no, m.start() + 1, line_no, m.end() + 1)
            found = table.get(word)
            if found is None:
                table[word] = [hit]
            else:
                found.append(hit)
    return table


def discover(package: str, path: Iterable[str]) -> tuple[Family, ...]:
    """Every family of the package: each of its modules that defines ``FAMILY``, in order."""
    found: list[Family] = []
    for info in pkgutil.iter_modules(path):
        module = importlib.import_module(f"{package}.{info.name}")
        family = getattr(module, "FAMILY", None)
        if isinstance(family, Family):
            found.append(family)
    return tuple(sorted(found, key=lambda f: (f.order, f.name)))


def run(argmap: ArgumentMap, families: Sequence[Family]) -> list[Diagnostic]:
    """Run the families' rules over the map, in order; return their findings (unsorted)."""
    context = Context(argmap)
    for i, family in enumerate(families):
        for rule in family.rules:
            rule(context)
        context.keep_only(make for later in families[i + 1 :] for make in later.uses)
    return context.findings
