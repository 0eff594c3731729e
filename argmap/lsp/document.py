"""An open document's text, its edits and its positions, as the protocol counts them.

The protocol counts lines as the editor does (``\\r\\n``, ``\\n`` or a lone ``\\r`` ends one) and
characters in the unit agreed at start-up (UTF-16 code units unless the editor offers UTF-32 or
UTF-8); argmap's spans count lines split at ``\\n`` and columns in code points, from 1. Both are
turned into offsets in the text, and back, here. (pygls's own document splits lines with
``str.splitlines``, which also breaks at form feeds and other separators the language allows
inside a line; so this document keeps its own text.)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from lsprotocol import types as lsp

from argmap.model import Span
from argmap.span import line_starts

__all__ = ["Document"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _units(text: str, encoding: str) -> int:
    """How many code units ``text`` is in the position encoding."""
    if text.isascii():
        return len(text)
    if encoding == lsp.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == lsp.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8"))
    return len(text.encode("utf-16-le")) // 2


def _chars(text: str, units: int, encoding: str) -> int:
    """How many code points of ``text`` make ``units`` code units (a unit inside a character
    counts as the whole character)."""
    if text.isascii() or encoding == lsp.PositionEncodingKind.Utf32:
        return min(units, len(text))
    count = 0
    for i, ch in enumerate(text):
        if count >= units:
            return i
        code = ord(ch)
        if encoding == lsp.PositionEncodingKind.Utf8:
            count += 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
        else:
            count += 2 if code > 0xFFFF else 1
    return len(text)


class Document:
    """The text of one open document, at one version."""

    def __init__(self, uri: str, text: str, version: int | None, encoding: str) -> None:
        self.uri = uri
        self.version = version
        self.encoding = encoding
        self._text = text
        self._lsp_starts: list[int] | None = None
        self._span_starts: list[int] | None = None

    @property
    def text(self) -> str:
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        self._text = value
        self._lsp_starts = self._span_starts = None

    # ---- the editor's lines -------------------------------------------------------------------
    @property
    def lsp_starts(self) -> list[int]:
        """Offset of the start of each line, as the editor counts lines."""
        if self._lsp_starts is None:
            self._lsp_starts = [0, *(m.end() for m in _LINE_BREAK.finditer(self._text))]
        return self._lsp_starts

    def _lsp_line(self, line: int) -> tuple[int, str]:
        starts = self.lsp_starts
        start = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else len(self._text)
        return start, self._text[start:end].rstrip("\r\n")

    def offset(self, position: lsp.Position) -> int:
        """The offset of an editor's position (clamped to the text)."""
        starts = self.lsp_starts
        if position.line >= len(starts):
            return len(self._text)
        start, line = self._lsp_line(max(position.line, 0))
        return start + _chars(line, max(position.character, 0), self.encoding)

    def position(self, offset: int) -> lsp.Position:
        """The editor's position of an offset."""
        offset = max(0, min(offset, len(self._text)))
        line = bisect.bisect_right(self.lsp_starts, offset) - 1
        start, text = self._lsp_line(line)
        return lsp.Position(line=line, character=_units(text[: offset - start], self.encoding))

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(start), end=self.position(end))

    def apply(self, changes: Sequence[lsp.TextDocumentContentChangeEvent], version: int | None) -> None:
        """Apply the editor's edits, in order."""
        text = self._text
        for change in changes:
            if isinstance(change, lsp.TextDocumentContentChangePartial):
                start, end = self.offset(change.range.start), self.offset(change.range.end)
                text = text[:start] + change.text + text[end:]
            else:
                text = change.text
            self.text = text
        self.version = version

    # ---- argmap's lines ---------------------------------------------------------------------
    @property
    def span_starts(self) -> list[int]:
        """Offset of the start of each line, as argmap counts lines (split at ``\\n``)."""
        if self._span_starts is None:
            self._span_starts = line_starts(self._text)
        return self._span_starts

    def span_offset(self, line: int, column: int) -> int:
        """The offset of a 1-based line and column of a span."""
        starts = self.span_starts
        if line > len(starts):
            return len(self._text)
        return min(starts[max(line, 1) - 1] + max(column, 1) - 1, len(self._text))

    def span_range(self, span: Span) -> lsp.Range:
        """The editor's range of a span."""
        return self.range(
            self.span_offset(span.line, span.column), self.span_offset(span.end_line, span.end_column)
        )

    def span_position(self, offset: int) -> tuple[int, int]:
        """The 0-based line and column (code points) of an offset, as argmap counts lines."""
        line = bisect.bisect_right(self.span_starts, offset) - 1
        return line, offset - self.span_starts[line]

    def lines(self) -> list[str]:
        """The text's lines, as argmap counts them."""
        return self._text.split("\n")
