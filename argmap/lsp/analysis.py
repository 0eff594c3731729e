"""One version of a document, understood: its findings (exactly ``argmap check``'s), its map,
and where each id is defined and used.

Everything but the findings is worked out when a request first needs it, statement by
statement: an id's places are found in the statements the model says mention it, each read
once with the grammar (:mod:`argmap.lsp.grammar`), so a hover or a rename in a map of 5,000
claims reads a handful of statements, not all of them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import attrs

from argmap.diagnostics import Diagnostic, sort_key
from argmap.lsp.grammar import IdToken, code_rules, id_tokens
from argmap.lsp.ids import LABEL_RULES, IdField, Kind, id_values
from argmap.lsp.incremental import Reading
from argmap.model import ArgumentMap, Element

__all__ = ["Analysis", "Occurrence", "findings"]


def findings(reading: Reading) -> list[Diagnostic]:
    """What ``argmap check`` reports for the text: its syntax errors (with the parser's
    warnings) when it does not parse, else every finding of the checks; in file order."""
    found = reading.diagnostics if reading.errors else _check(reading.map)
    found.sort(key=sort_key)
    return found


def _check(amap: ArgumentMap) -> list[Diagnostic]:
    """The checks' findings for a map that parses, as ``argmap check`` reports them.

    SILENCING (``allow``): this is the language server's one call of the checks, and it is the
    call ``argmap check`` makes: :func:`argmap.checks.check` leaves out the findings the map
    silences (``allow`` on a statement, under a section, on a line of its own) and those the
    project's settings (``[tool.argmap]`` in ``pyproject.toml``, or ``argmap.toml``, found from
    ``amap.path``) ignore, so the editor shows what ``argmap check`` prints for the same file
    (``test_lsp_server.py`` compares the two).
    """
    from argmap.checks import check

    return check(amap)


@attrs.frozen(slots=True)
class Occurrence:
    """An id where it is written: the token, the kind of thing it names there (None when the
    model does not say), and whether it defines the id."""

    token: IdToken
    kind: Kind | None
    defines: bool

    @property
    def name(self) -> str:
        return self.token.value


_WORD = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*|[\w][\w-]*')


class Analysis:
    """A document's text at one version, with the parser's reading of it and its findings."""

    def __init__(self, text: str, reading: Reading, version: int | None) -> None:
        self.text = text
        self.reading = reading
        self.version = version
        self.diagnostics = findings(reading)
        self._lines: list[str] | None = None
        self._by_statement: list[list[Element]] | None = None
        self._mentions: dict[str, set[int]] | None = None
        self._definitions: dict[str, list[tuple[Element, IdField]]] | None = None
        self._tokens: dict[int, list[IdToken]] = {}
        self._occurrences: dict[int, list[Occurrence]] = {}
        self._labels: dict[str, str] | None = None

    @property
    def map(self) -> ArgumentMap:
        return self.reading.map

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    # ---- statements ---------------------------------------------------------------------------
    @property
    def starts(self) -> tuple[int, ...]:
        """The 0-based first line of each statement."""
        return self.reading.starts

    def statement_at(self, line: int) -> int:
        """The statement a 0-based line belongs to."""
        return max(bisect.bisect_right(self.starts, line) - 1, 0)

    def statement_text(self, index: int) -> str:
        starts = self.starts
        stop = starts[index + 1] if index + 1 < len(starts) else len(self.lines)
        return "\n".join(self.lines[starts[index] : stop])

    @property
    def by_statement(self) -> list[list[Element]]:
        """The elements of each statement."""
        if self._by_statement is None:
            out: list[list[Element]] = [[] for _ in self.starts]
            for e in self.map.elements:
                if e.span is not None:
                    out[self.statement_at(e.span.line - 1)].append(e)
            self._by_statement = out
        return self._by_statement

    def statement_of(self, element: Element) -> int | None:
        return None if element.span is None else self.statement_at(element.span.line - 1)

    # ---- ids ---------------------------------------------------------------------------------------
    @property
    def definitions(self) -> dict[str, list[tuple[Element, IdField]]]:
        """Each defined id, with the elements that define it (more than one is error E200)."""
        if self._definitions is None:
            table: dict[str, list[tuple[Element, IdField]]] = {}
            for e in self.map.elements:
                for value, field in id_values(e):
                    if field.defines:
                        table.setdefault(value, []).append((e, field))
            self._definitions = table
        return self._definitions

    def defined(self, kind: Kind | None = None) -> Iterator[tuple[str, Element, IdField]]:
        """Each defined id (first definition), of one kind or of all."""
        for name, found in self.definitions.items():
            element, field = found[0]
            if kind is None or field.kind == kind:
                yield name, element, field

    @property
    def mentions(self) -> dict[str, set[int]]:
        """Each id, with the statements that hold it in an id field."""
        if self._mentions is None:
            table: dict[str, set[int]] = {}
            for index, elements in enumerate(self.by_statement):
                for e in elements:
                    for value, _ in id_values(e):
                        table.setdefault(value, set()).add(index)
            self._mentions = table
        return self._mentions

    def tokens_in(self, index: int) -> list[IdToken]:
        """Every id the grammar reads in one statement (codes and tags too), in order."""
        cached = self._tokens.get(index)
        if cached is None:
            cached = self._tokens[index] = id_tokens(self.statement_text(index), self.starts[index])
        return cached

    def occurrences_in(self, index: int) -> list[Occurrence]:
        """The ids written in one statement, each with its kind and role from the model (not
        tags nor finding codes, which the grammar reads as ids too)."""
        cached = self._occurrences.get(index)
        if cached is not None:
            return cached
        entries = [(value, field) for e in self.by_statement[index] for value, field in id_values(e)]
        used = [False] * len(entries)
        out: list[Occurrence] = []
        codes = code_rules()
        for token in self.tokens_in(index):
            if token.rule in LABEL_RULES or token.rule in codes:
                continue
            kind: Kind | None = None
            defines = False
            for i, (value, field) in enumerate(entries):
                if not used[i] and value == token.value:
                    used[i] = True
                    kind, defines = field.kind, field.defines
                    break
            out.append(Occurrence(token, kind, defines))
        self._occurrences[index] = out
        return out

    def code_at(self, line: int, column: int) -> IdToken | None:
        """The finding code (``allow W302``) at a 0-based line and column, touching its end
        included."""
        codes = code_rules()
        for token in self.tokens_in(self.statement_at(line)):
            if token.rule in codes and token.line == line and token.start <= column <= token.end:
                return token
        return None

    def occurrence_at(self, line: int, column: int) -> Occurrence | None:
        """The id at a 0-based line and column (code points), touching its end included."""
        for occ in self.occurrences_in(self.statement_at(line)):
            t = occ.token
            if t.line == line and t.start <= column <= t.end:
                return occ
        return None

    def occurrences(self, name: str) -> list[Occurrence]:
        """Every place the id is written, definitions first, then in file order."""
        out = [
            occ
            for index in sorted(self.mentions.get(name, ()))
            for occ in self.occurrences_in(index)
            if occ.name == name
        ]
        return sorted(out, key=lambda o: (not o.defines, o.token.line, o.token.start))

    def definition_places(self, name: str) -> list[IdToken]:
        """Where the id is defined (several when it is defined twice)."""
        return [o.token for o in self.occurrences(name) if o.defines]

    def name_in(self, element: Element, name: str) -> tuple[int, int, int] | None:
        """Where ``name`` is first written as a word in an element's statement (0-based line,
        start and end columns): the defining id of an outline entry, found without the grammar.
        A statement's first word is skipped when it is followed by another word (a keyword)."""
        index = self.statement_of(element)
        if index is None:
            return None
        first_line = self.starts[index]
        fallback = None
        seen = 0
        for offset, line in enumerate(self.statement_text(index).split("\n")):
            for m in _WORD.finditer(line):
                word = m.group(0)
                if word[0] in '"#':
                    continue
                seen += 1
                if word != name:
                    continue
                here = (first_line + offset, m.start(), m.end())
                if seen == 1 and not line[m.end() :].lstrip(" \t\f").startswith(":"):
                    fallback = here
                    continue
                return here
        return fallback

    # ---- semantics -----------------------------------------------------------------------------
    @property
    def labels(self) -> dict[str, str]:
        """Each claim's label under grounded semantics (empty when the map cannot be evaluated)."""
        if self._labels is None:
            from argmap.errors import ArgmapError
            from argmap.semantics.evaluate import claim_labels

            try:
                self._labels = claim_labels(self.map, "grounded")
            except (ArgmapError, ValueError, KeyError):
                self._labels = {}
        return self._labels
