"""Text measured the way the picture will show it: the advance widths of Liberation Sans, whose
widths are Helvetica's and Arial's (fonts/helvetica-metrics.json, made by bench/font_metrics.py).

Both renderers are given these sizes (every text cell says how wide it must be), so text stays
inside its box whether or not the renderer knows the font: the embedded renderer only knows the
widths of ASCII letters, and system Graphviz measures with whatever font it finds. The SVG then
names :data:`FONT_STACK`, fonts with these same widths.
"""

from __future__ import annotations

import functools
import json
import math
import unicodedata
from collections.abc import Iterable
from pathlib import Path

__all__ = ["ASCENT", "DESCENT", "FONT_STACK", "lines_width", "text_width"]

#: The fonts a viewer should draw the SVG's text with: all have Helvetica's widths.
FONT_STACK = "Helvetica,Arial,Liberation Sans,Nimbus Sans,Nimbus Sans L,sans-serif"
#: Height above and below the baseline, in ems.
ASCENT = 0.905
DESCENT = 0.212
#: Width (thousandths of an em) of a character the font lacks: wide scripts take a whole em,
#: anything else a generous average.
_WIDE = 1000
_OTHER = 600


@functools.cache
def _widths() -> tuple[dict[str, int], dict[str, int]]:
    """Regular and bold widths by character (read once, when first measured)."""
    doc = json.loads((Path(__file__).parent / "fonts" / "helvetica-metrics.json").read_text("utf-8"))

    def table(runs: list[list[object]]) -> dict[str, int]:
        out: dict[str, int] = {}
        for start, widths in runs:
            assert isinstance(start, int) and isinstance(widths, list)
            for i, w in enumerate(widths):
                out[chr(start + i)] = int(w)
        return out

    return table(doc["regular"]), table(doc["bold"])


@functools.lru_cache(maxsize=4096)
def _missing(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return _WIDE if unicodedata.east_asian_width(char) in ("W", "F") else _OTHER


@functools.cache
def _latin1_tables(bold: bool) -> tuple[bytes, bytes]:
    """The width of each Latin-1 character (the font's, else :func:`_missing`'s) split into its
    low and high byte, as ``bytes.translate`` tables: the widths of a Latin-1 line are then
    summed in C (one translation and one ``sum`` per byte)."""
    table = _widths()[1 if bold else 0]
    widths = [table.get(chr(code)) for code in range(256)]
    full = [_missing(chr(code)) if w is None else w for code, w in enumerate(widths)]
    assert max(full) < 1 << 16
    return bytes(w & 0xFF for w in full), bytes(w >> 8 for w in full)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in points of one line of ``text`` at ``size`` points."""
    if text.isascii():
        raw = text.encode("ascii")
    else:
        try:
            raw = text.encode("latin-1")
        except UnicodeEncodeError:
            return _width_by_character(text, bold) * size / 1000
    low, high = _latin1_tables(bold)
    total = sum(raw.translate(low)) + (sum(raw.translate(high)) << 8)
    return total * size / 1000


def _width_by_character(text: str, bold: bool) -> int:
    """The width of ``text`` in thousandths of an em, character by character."""
    table = _widths()[1 if bold else 0]
    get = table.get
    total = 0
    for char in text:
        w = get(char)
        total += _missing(char) if w is None else w
    return total


def lines_width(lines: Iterable[str], size: float, bold: bool = False) -> int:
    """The width in whole points of the widest of ``lines``, rounded up."""
    return math.ceil(max((text_width(line, size, bold) for line in lines), default=0.0))
