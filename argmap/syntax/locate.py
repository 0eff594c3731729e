"""Where a name is written inside an element: narrowing a span to one word, as the grammar
reads words (quoted text is skipped whole), for findings that point at one name."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from argmap.span import Span
from argmap.syntax.grammar import scanner

__all__ = ["locate"]


@functools.cache
def _word_or_text() -> re.Pattern[str]:
    """A quoted text (skipped as a whole) or a word, by the grammar's own terminals."""
    return scanner(text=("LONG_STRING", "STRING"), word=("ID",))


def locate(lines: Sequence[str] | None, span: Span | None, name: str, occurrence: int = 0) -> Span | None:
    """Narrow ``span`` to where ``name`` is written inside it (the n-th time; -1 for the last),
    skipping quoted text; the span itself when the name is not found or the text is unknown."""
    if span is None or lines is None:
        return span
    hits: list[Span] = []
    pattern = _word_or_text()
    for line_no in range(span.line, span.end_line + 1):
        if line_no - 1 >= len(lines):
            break
        line = lines[line_no - 1]
        start = span.column - 1 if line_no == span.line else 0
        stop = span.end_column - 1 if line_no == span.end_line else len(line)
        for m in pattern.finditer(line, start, stop):
            if m.group(0) == name:
                hits.append(Span(span.path, line_no, m.start() + 1, line_no, m.end() + 1))
    if not hits:
        return span
    try:
        return hits[occurrence]
    except IndexError:
        return hits[-1]
