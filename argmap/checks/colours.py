"""Colours readers can tell apart: W500, a perspective's own ``color`` too close (CIEDE2000) to
another perspective's colour or to a colour with a meaning of its own in a picture (the measure
and the palette are :mod:`argmap.util.colour`'s; the drawing, :mod:`argmap.drawing.palette`,
colours perspectives the same way). ``argmap check`` and ``argmap render`` both report it.
"""

from __future__ import annotations

from argmap.checks.registry import Context, Family
from argmap.diagnostics import CodeInfo, Related, Severity, register_codes
from argmap.model import Perspective
from argmap.util.colour import LABEL_COLORS, MIN_DIFFERENCE, PERSPECTIVE_PALETTE, assign, delta_e, valid_color

__all__ = ["CODES", "FAMILY"]

CODES = register_codes({"W500": CodeInfo(Severity.WARNING, "perspective colour hard to tell apart")})


#: Most earlier colours of their own each one is compared with: a map with more perspectives
#: of its own colour than this has each compared with the ones defined just before it (and
#: with every palette colour and label colour), so that checking stays fast on any input.
WINDOW = 200


def clashes(context: Context) -> None:
    """W500 for each perspective whose own colour is closer than ``MIN_DIFFERENCE`` to an
    earlier perspective's own colour (two own colours that clash: reported once, on the later;
    at most :data:`WINDOW` earlier ones), to a colour argmap gave another perspective, or to a
    label colour."""
    perspectives: dict[str, Perspective] = {}
    for p in context.map.perspectives:
        perspectives.setdefault(p.id, p)  # the first definition
    if not any(valid_color(p.color) for p in perspectives.values()):
        return
    colors = assign([(pid, p.color) for pid, p in perspectives.items()])
    given: dict[str, str] = {}  # a colour argmap gave -> the first perspective that has it
    for pid, p in perspectives.items():
        if valid_color(p.color) is None:
            given.setdefault(colors[pid], pid)
    earlier: list[str] = []  # perspectives with a colour of their own, in order
    for pid, p in perspectives.items():
        if valid_color(p.color) is None:
            continue
        own = colors[pid]
        clash: tuple[str, float, tuple[Related, ...]] | None = None
        candidates = [*earlier[-WINDOW:], *given.values()]
        for other in candidates:
            diff = delta_e(own, colors[other])
            if diff < MIN_DIFFERENCE:
                where = (Related(perspectives[other].span, f"'{other}' is defined here"),)
                clash = (f"perspective '{other}''s ({colors[other]})", diff, where)
                break
        earlier.append(pid)
        if clash is None:
            for meaning, label in LABEL_COLORS.items():
                diff = delta_e(own, label)
                if diff < MIN_DIFFERENCE:
                    clash = (f"the picture's {meaning} colour ({label})", diff, ())
                    break
        if clash is not None:
            what, diff, related = clash
            context.emit(
                "W500",
                p.span,
                f"the colour of perspective '{pid}' ({p.color}) is hard to tell from {what}: "
                f"a CIEDE2000 difference of {diff:.1f}, under {MIN_DIFFERENCE:g}",
                hint=_suggest(colors, pid),
                related=related,
            )


def _suggest(colors: dict[str, str], pid: str) -> str:
    taken = [*(c for k, c in colors.items() if k != pid), *LABEL_COLORS.values()]
    for candidate in PERSPECTIVE_PALETTE:
        if all(delta_e(candidate, c) >= MIN_DIFFERENCE for c in taken):
            return f'leave the colour out (argmap then picks one), or try color "{candidate}"'
    return "leave the colour out: argmap then picks one"


FAMILY = Family("colours", 15, CODES, (clashes,))
