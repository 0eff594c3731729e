"""Did-you-mean: the one place that guesses which known name a misspelt one meant."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["CUTOFF", "closest", "did_you_mean"]

#: How alike (difflib's ratio, 0..1) a known name must be to be suggested.
CUTOFF = 0.6


def closest(value: str, known: Iterable[str]) -> str | None:
    """The known name most like ``value``, if one is alike enough (never ``value`` itself)."""
    candidates = [k for k in dict.fromkeys(known) if k != value]
    found = difflib.get_close_matches(value, candidates, n=1, cutoff=CUTOFF)
    return found[0] if found else None


def did_you_mean(value: str, known: Iterable[str]) -> str | None:
    """``"did you mean 'x'?"`` for the closest known name, or None."""
    found = closest(value, known)
    return None if found is None else f"did you mean '{found}'?"
