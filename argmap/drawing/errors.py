"""The drawing's errors for names a view or an option asks for that do not exist.

Each is the general error of :mod:`argmap.errors` for its case (an unknown id, perspective or
choice, with a did-you-mean ``hint``) and a :class:`ViewError` too, as drawing errors were
before there were general ones, so ``except ViewError`` still catches them. Their text
(``str()``) ends with the hint, as a ViewError's message used to; ``message`` and ``hint`` stay
apart for callers that show them apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from argmap.errors import (
    ArgmapError,
    UnknownChoiceError,
    UnknownIdError,
    UnknownPerspectiveError,
    ViewError,
)

__all__ = [
    "UnknownViewChoiceError",
    "UnknownViewIdError",
    "UnknownViewPerspectiveError",
    "check_choice",
]


class _HintInText(ArgmapError):
    """``str()`` is the message and then the hint."""

    def __str__(self) -> str:
        return self.message if self.hint is None else f"{self.message}; {self.hint}"


class UnknownViewIdError(_HintInText, UnknownIdError, ViewError):
    """A view names a claim (``focus``) or a question (``question``) the map does not have."""


class UnknownViewPerspectiveError(_HintInText, UnknownPerspectiveError, ViewError):
    """A view names a perspective (``perspective``, ``compare``) the map does not have."""


class UnknownViewChoiceError(_HintInText, UnknownChoiceError, ViewError):
    """An option that is not one of its choices: a format, engine, rank direction or semantics."""


def check_choice(what: str, value: object, choices: Sequence[str]) -> None:
    """Raise :class:`UnknownViewChoiceError` unless ``value`` is one of ``choices`` (a caller
    may pass any value where the types say a ``Literal``)."""
    if value not in choices:
        raise UnknownViewChoiceError(what, str(value), choices)
