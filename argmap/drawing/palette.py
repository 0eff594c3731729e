"""Colours: each perspective's colour (its own, else the next of two colour-blind-safe palettes),
the CSS colour names, and the ink (black, white, darker) that reads on a colour.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["OKABE_ITO", "TOL_MUTED", "ink_on", "palette", "perspective_colors", "readable", "valid_color"]

#: Colour-blind-safe qualitative palettes, used in order of perspective definition.
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
    yield from OKABE_ITO
    yield from TOL_MUTED
    n = 0
    while True:  # beyond 17 perspectives: evenly spread hues
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


def perspective_colors(amap: ArgumentMap) -> dict[str, str]:
    """Each perspective's colour: its ``color`` attribute when it is a usable colour, else the
    next palette colour in the order perspectives are defined (so it is the same in every view)."""
    colors: dict[str, str] = {}
    spare = iter(palette())
    for p in amap.perspectives:
        if p.id in colors:
            continue
        own = valid_color(p.color)
        colors[p.id] = own if own is not None else next(spare)
    return colors


def _hex(color: str) -> str | None:
    if color.startswith("#") and len(color) in (4, 7, 9):
        if len(color) == 4:
            return "#" + "".join(c * 2 for c in color[1:])
        return color[:7]
    return None


def ink_on(color: str) -> str:
    """Black or white, whichever reads better on ``color``."""
    rgb = _hex(color)
    if rgb is None:
        return "#000000"
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return "#000000" if lum > 0.22 else "#FFFFFF"


def readable(color: str) -> str:
    """``color`` darkened if needed so text in it reads on white."""
    rgb = _hex(color)
    if rgb is None:
        return color
    r, g, b = (int(rgb[i : i + 2], 16) for i in (1, 3, 5))
    factor = 1.0
    while 0.299 * r * factor + 0.587 * g * factor + 0.114 * b * factor > 150 and factor > 0.3:
        factor -= 0.1
    return f"#{int(r * factor):02X}{int(g * factor):02X}{int(b * factor):02X}"
