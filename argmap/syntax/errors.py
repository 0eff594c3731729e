"""The error of a text that does not parse: every syntax finding, and what did parse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.errors import ArgmapError

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic
    from argmap.model import ArgumentMap

__all__ = ["ParseError"]


class ParseError(ArgmapError, ValueError):
    """The text has syntax errors. ``diagnostics`` lists them all (each with a position inside
    the text); ``partial`` is the map made of the statements that did parse."""

    def __init__(self, diagnostics: list[Diagnostic], partial: ArgumentMap) -> None:
        first = diagnostics[0]
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(f"{first}{more}", hint=first.hint)
        self.diagnostics = diagnostics
        self.partial = partial
