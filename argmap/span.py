"""Where something was written in a text: the one position shape of elements and findings."""

from __future__ import annotations

import attrs

__all__ = ["Span", "line_starts"]


@attrs.frozen(slots=True)
class Span:
    """Where an element was written: 1-based line and column; the end column is exclusive."""

    path: str | None
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.path or '<text>'}:{self.line}:{self.column}"

    def to_dict(self) -> dict[str, str | int | None]:
        """The span as a JSON-ready dict (the shape diagnostics and the JSON format use)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts, as spans count lines (split at ``\n``):
    line ``n`` (from 1) starts at ``line_starts(text)[n - 1]``."""
    starts = [0]
    find = text.find
    at = find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = find("\n", at + 1)
    return starts
