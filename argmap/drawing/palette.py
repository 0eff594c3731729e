"""Colours in the picture: each perspective's colour (its own, else the next of the palette
designed for it, :mod:`argmap.util.colour`), the ink (black, white, darker) that reads on a
colour, and the colour findings (W500, :mod:`argmap.checks.colours`) that ``argmap render``
prints.

The relations are drawn in neutral ink (told apart by line and arrowhead), so the colours belong
to the perspectives: chosen far apart from each other and from the colours with a meaning of
their own (:data:`LABEL_COLORS`), by a measured CIEDE2000 difference, for colour-blind readers
too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.util.colour import (
    LABEL_COLORS,
    MIN_CVD_DIFFERENCE,
    MIN_DIFFERENCE,
    OKABE_ITO,
    PERSPECTIVE_PALETTE,
    TOL_MUTED,
    assign,
    delta_e,
    hex6,
    palette,
    simulate,
    valid_color,
)

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic
    from argmap.model import ArgumentMap

__all__ = [
    "LABEL_COLORS",
    "MIN_CVD_DIFFERENCE",
    "MIN_DIFFERENCE",
    "OKABE_ITO",
    "PERSPECTIVE_PALETTE",
    "TOL_MUTED",
    "colour_findings",
    "delta_e",
    "ink_on",
    "palette",
    "perspective_colors",
    "readable",
    "simulate",
    "valid_color",
]


# ---- perspective colours and ink -----------------------------------------------------------------
def perspective_colors(amap: ArgumentMap) -> dict[str, str]:
    """Each perspective's colour: its ``color`` attribute when it is a usable colour, else the
    next palette colour in the order perspectives are defined, passing over palette colours
    too close to a colour some perspective chose itself (so it is the same in every view)."""
    return assign([(p.id, p.color) for p in amap.perspectives])


def ink_on(color: str) -> str:
    """Black or white, whichever reads better on ``color``."""
    rgb = hex6(color)
    if rgb is None:
        return "#000000"
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return "#000000" if lum > 0.22 else "#FFFFFF"


def readable(color: str) -> str:
    """``color`` darkened if needed so text in it reads on white."""
    rgb = hex6(color)
    if rgb is None:
        return color
    r, g, b = (int(rgb[i : i + 2], 16) for i in (1, 3, 5))
    factor = 1.0
    while 0.299 * r * factor + 0.587 * g * factor + 0.114 * b * factor > 150 and factor > 0.3:
        factor -= 0.1
    return f"#{int(r * factor):02X}{int(g * factor):02X}{int(b * factor):02X}"


def colour_findings(amap: ArgumentMap) -> list[Diagnostic]:
    """W500 for each perspective whose own ``color`` readers would take for another's or for a
    label colour (the check :mod:`argmap.checks.colours`, run alone)."""
    from argmap.checks.colours import FAMILY
    from argmap.checks.registry import run

    return list(run(amap, [FAMILY]))
