"""Colours as numbers: the CSS colour names, the perspective palette and the colours with a
meaning of their own in a picture, and the measured difference between two colours (CIEDE2000,
for normal vision and as protanopes and deuteranopes see them).

The relations are drawn in neutral ink (told apart by line and arrowhead), so the colours belong
to the perspectives. :data:`PERSPECTIVE_PALETTE` was chosen (greedily, each next colour the one
farthest from those before it and from :data:`LABEL_COLORS`) so that any two of its colours, and
any of them and a label colour, differ by at least :data:`MIN_DIFFERENCE` for normal vision and
:data:`MIN_CVD_DIFFERENCE` for protanopes and deuteranopes (simulated with Machado, Oliveira and
Fernandes 2009, severity 1); tests/test_palette.py measures it. Here, below the model, because
both the checker (W500, :mod:`argmap.checks.colours`) and the drawing
(:mod:`argmap.drawing.palette`) use it.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence

__all__ = [
    "LABEL_COLORS",
    "MIN_CVD_DIFFERENCE",
    "MIN_DIFFERENCE",
    "OKABE_ITO",
    "PERSPECTIVE_PALETTE",
    "TOL_MUTED",
    "assign",
    "delta_e",
    "hex6",
    "palette",
    "simulate",
    "valid_color",
]

#: Perspective colours, in the order perspectives are defined (see the module docstring).
PERSPECTIVE_PALETTE = (
    "#0072B2",
    "#AA99FF",
    "#229999",
    "#DD9988",
    "#CC4477",
    "#999900",
    "#EE77BB",
    "#7766FF",
    "#007766",
    "#AA2288",
    "#AA8855",
    "#7711FF",
)
#: The colours that carry a meaning of their own in a picture (statuses, comparison bands,
#: questions, the relations' ink, dimmed parts): perspectives keep clear. (The red of an
#: undefined reference is not among them: it shows only in a broken map, and red is a colour
#: people choose for a side.)
LABEL_COLORS = {
    "IN": "#1B7837",
    "UNDECIDED": "#F2C14E",
    "question": "#FFF3A8",
    "ink": "#3A3A3A",
    "dimmed": "#CFCFCF",
    "agree": "#DDDDDD",
}
#: Least CIEDE2000 difference between palette colours (and to label colours), normal vision.
MIN_DIFFERENCE = 12.0
#: The same under simulated protanopia and deuteranopia.
MIN_CVD_DIFFERENCE = 8.0
#: Older palettes, kept for callers that named them.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442", "#000000")
TOL_MUTED = (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
)

_HEX_COLOR = re.compile(r"#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?|#[0-9A-Fa-f]{3}")
#: The CSS colour names (a perspective's ``color`` may use them), as hex, so that every backend
#: shows the same colour (Graphviz's own X11 names differ: X11 "gray" is #BEBEBE) and badge text
#: can be chosen to contrast.
_CSS_COLORS = (
    "aliceblue:F0F8FF antiquewhite:FAEBD7 aqua:00FFFF aquamarine:7FFFD4 azure:F0FFFF beige:F5F5DC "
    "bisque:FFE4C4 black:000000 blanchedalmond:FFEBCD blue:0000FF blueviolet:8A2BE2 brown:A52A2A "
    "burlywood:DEB887 cadetblue:5F9EA0 chartreuse:7FFF00 chocolate:D2691E coral:FF7F50 "
    "cornflowerblue:6495ED cornsilk:FFF8DC crimson:DC143C cyan:00FFFF darkblue:00008B darkcyan:008B8B "
    "darkgoldenrod:B8860B darkgray:A9A9A9 darkgreen:006400 darkgrey:A9A9A9 darkkhaki:BDB76B "
    "darkmagenta:8B008B darkolivegreen:556B2F darkorange:FF8C00 darkorchid:9932CC darkred:8B0000 "
    "darksalmon:E9967A darkseagreen:8FBC8F darkslateblue:483D8B darkslategray:2F4F4F "
    "darkslategrey:2F4F4F darkturquoise:00CED1 darkviolet:9400D3 deeppink:FF1493 deepskyblue:00BFFF "
    "dimgray:696969 dimgrey:696969 dodgerblue:1E90FF firebrick:B22222 floralwhite:FFFAF0 "
    "forestgreen:228B22 fuchsia:FF00FF gainsboro:DCDCDC ghostwhite:F8F8FF gold:FFD700 "
    "goldenrod:DAA520 gray:808080 green:008000 greenyellow:ADFF2F grey:808080 honeydew:F0FFF0 "
    "hotpink:FF69B4 indianred:CD5C5C indigo:4B0082 ivory:FFFFF0 khaki:F0E68C lavender:E6E6FA "
    "lavenderblush:FFF0F5 lawngreen:7CFC00 lemonchiffon:FFFACD lightblue:ADD8E6 lightcoral:F08080 "
    "lightcyan:E0FFFF lightgoldenrodyellow:FAFAD2 lightgray:D3D3D3 lightgreen:90EE90 lightgrey:D3D3D3 "
    "lightpink:FFB6C1 lightsalmon:FFA07A lightseagreen:20B2AA lightskyblue:87CEFA "
    "lightslategray:778899 lightslategrey:778899 lightsteelblue:B0C4DE lightyellow:FFFFE0 lime:00FF00 "
    "limegreen:32CD32 linen:FAF0E6 magenta:FF00FF maroon:800000 mediumaquamarine:66CDAA "
    "mediumblue:0000CD mediumorchid:BA55D3 mediumpurple:9370DB mediumseagreen:3CB371 "
    "mediumslateblue:7B68EE mediumspringgreen:00FA9A mediumturquoise:48D1CC mediumvioletred:C71585 "
    "midnightblue:191970 mintcream:F5FFFA mistyrose:FFE4E1 moccasin:FFE4B5 navajowhite:FFDEAD "
    "navy:000080 oldlace:FDF5E6 olive:808000 olivedrab:6B8E23 orange:FFA500 orangered:FF4500 "
    "orchid:DA70D6 palegoldenrod:EEE8AA palegreen:98FB98 paleturquoise:AFEEEE palevioletred:DB7093 "
    "papayawhip:FFEFD5 peachpuff:FFDAB9 peru:CD853F pink:FFC0CB plum:DDA0DD powderblue:B0E0E6 "
    "purple:800080 rebeccapurple:663399 red:FF0000 rosybrown:BC8F8F royalblue:4169E1 "
    "saddlebrown:8B4513 salmon:FA8072 sandybrown:F4A460 seagreen:2E8B57 seashell:FFF5EE sienna:A0522D "
    "silver:C0C0C0 skyblue:87CEEB slateblue:6A5ACD slategray:708090 slategrey:708090 snow:FFFAFA "
    "springgreen:00FF7F steelblue:4682B4 tan:D2B48C teal:008080 thistle:D8BFD8 tomato:FF6347 "
    "turquoise:40E0D0 violet:EE82EE wheat:F5DEB3 white:FFFFFF whitesmoke:F5F5F5 yellow:FFFF00 "
    "yellowgreen:9ACD32 "
)
_NAMED = dict(item.split(":") for item in _CSS_COLORS.split())


# ---- perspective colours and ink -----------------------------------------------------------------
def palette() -> Iterable[str]:
    """The perspective colours in order: the designed palette, then evenly spread hues (beyond
    its twelve colours no palette keeps every pair apart)."""
    yield from PERSPECTIVE_PALETTE
    n = 0
    while True:
        n += 1
        yield f"{(n * 0.618034) % 1:.3f} 0.55 0.75"


def valid_color(value: str | None) -> str | None:
    """A ``#rgb``/``#rrggbb``/``#rrggbbaa`` colour as given, a CSS colour name as hex, else None."""
    if value is None:
        return None
    value = value.strip()
    if value.startswith("#"):
        return value if _HEX_COLOR.fullmatch(value) else None
    named = _NAMED.get(value.lower())
    return None if named is None else "#" + named


def assign(own: Sequence[tuple[str, str | None]]) -> dict[str, str]:
    """Each id's colour, given (id, its own ``color``) in definition order: its own when it is a
    usable colour, else the next palette colour, passing over palette colours too close to a
    colour some id chose itself (so it is the same in every view). The first pair of an id wins."""
    first: dict[str, str | None] = {}
    for key, color in own:
        first.setdefault(key, valid_color(color))
    chosen = [c for c in first.values() if c is not None]
    colors: dict[str, str] = {}
    spare = iter(palette())
    for key, own_color in first.items():
        color = own_color
        while color is None:
            candidate = next(spare)
            if not candidate.startswith("#") or all(delta_e(candidate, c) >= MIN_DIFFERENCE for c in chosen):
                color = candidate
        colors[key] = color
    return colors


def hex6(color: str) -> str | None:
    """``#rrggbb`` for a ``#rgb``, ``#rrggbb`` or ``#rrggbbaa`` colour, else None."""
    if color.startswith("#") and len(color) in (4, 7, 9):
        if len(color) == 4:
            return "#" + "".join(c * 2 for c in color[1:])
        return color[:7]
    return None


# ---- measured colour difference ------------------------------------------------------------------
def _rgb(color: str) -> tuple[int, int, int] | None:
    rgb = hex6(valid_color(color) or "")
    if rgb is None:
        return None
    return int(rgb[1:3], 16), int(rgb[3:5], 16), int(rgb[5:7], 16)


def _linear(c: float) -> float:
    c /= 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return 255 * (12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055)


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in rgb)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return float(t ** (1 / 3)) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


#: Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB.
_CVD = {
    "protan": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deutan": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
}


def simulate(rgb: tuple[float, float, float], vision: str) -> tuple[float, float, float]:
    """``rgb`` as a protanope (``protan``) or deuteranope (``deutan``) sees it."""
    lin = [_linear(c) for c in rgb]
    m = _CVD[vision]
    r, g, b = (_gamma(sum(m[i][j] * lin[j] for j in range(3))) for i in range(3))
    return r, g, b


def _ciede2000(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if not c1p * c2p:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_bar - 30))
        + 0.24 * math.cos(math.radians(2 * h_bar))
        + 0.32 * math.cos(math.radians(3 * h_bar + 6))
        - 0.20 * math.cos(math.radians(4 * h_bar - 63))
    )
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    rc = 2 * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
    sl = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    sc, sh = 1 + 0.045 * cp_bar, 1 + 0.015 * cp_bar * t
    rt = -math.sin(math.radians(2 * d_theta)) * rc
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh))


def delta_e(first: str, second: str, vision: str = "normal") -> float:
    """The CIEDE2000 difference of two colours (hex or CSS names) for ``normal`` vision or as
    a ``protan`` or ``deutan`` sees them (inf when one is not a colour)."""
    a, b = _lab_of(first, vision), _lab_of(second, vision)
    if a is None or b is None:
        return math.inf
    return _ciede2000(a, b)


@functools.lru_cache(maxsize=4096)
def _lab_of(color: str, vision: str) -> tuple[float, float, float] | None:
    """A colour in CIELAB as ``vision`` sees it (None: not a colour); remembered, since a map
    compares its few colours many times."""
    rgb = _rgb(color)
    if rgb is None:
        return None
    return _lab(rgb if vision == "normal" else simulate(rgb, vision))
