"""The pieces of the compact HTML tables Jupyter shows for the evaluation step's results (the
display hooks ``Evaluation._repr_html_`` and ``AgreementReport._repr_html_`` build their tables
with them). Every piece of map text goes through :func:`escape`; a label is written as a word
as well as a colour."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

__all__ = [
    "CELL",
    "MAX_ROWS",
    "TABLE",
    "counts",
    "escape",
    "label_cell",
    "natural_key",
    "natural_sorted",
    "plural",
]

#: An evaluation table lists at most this many claims (then says how many more there are).
MAX_ROWS = 60

_LABEL_LOOK = {
    "in": ("IN", "#1B7837", "#FFFFFF"),
    "out": ("OUT", "#5A5A5A", "#FFFFFF"),
    "undec": ("UNDEC", "#F2C14E", "#000000"),
}
TABLE = 'style="border-collapse:collapse;font-size:13px;margin:4px 0"'
CELL = "border:1px solid #d0d4da;padding:2px 8px"


def escape(text: object) -> str:
    """``text`` safe inside HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def label_cell(label: str) -> str:
    """A table cell showing a label as its word on its colour."""
    word, bg, ink = _LABEL_LOOK.get(label, (label.upper(), "#FFFFFF", "#000000"))
    look = f"{CELL};background:{bg};color:{ink};font-weight:bold;text-align:center"
    return f'<td style="{look}">{escape(word)}</td>'


def counts(labels: Iterable[str]) -> str:
    """How many of the labels are in, out and undec."""
    values = list(labels)
    return ", ".join(f"{values.count(k)} {k}" for k in ("in", "out", "undec"))


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that reads runs of digits as numbers: c2 before c10 (natural sort)."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(text) if part)


def natural_sorted(items: Iterable[str]) -> list[str]:
    """``items`` in natural order (:func:`natural_key`): c1, c2, c10, c10a, d."""
    return sorted(items, key=natural_key)


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 claim``, ``2 claims``, ``0 claims``: the count with the word in the right number
    (``words`` for an irregular plural; by default ``word`` + s)."""
    return f"{count} {word if count == 1 else (words or word + 's')}"
