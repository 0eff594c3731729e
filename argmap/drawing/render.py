"""Drawing a map with Graphviz: the map as DOT text (:func:`to_dot`) and as a picture (:func:`render`).

What the picture shows:

* claims as boxes: a header with the kind (FACT, INTERPRETATION, ...) and the id, the wrapped
  text, and a row of badges for the perspectives that hold (filled with the perspective's
  colour) or reject (outlined, "NAME rejects") the claim; each kind has its own fill and
  corners; questions are yellow boxes with a thick border, and claims point to the questions
  they answer with a thin grey line (only ASCII in argmap's own marks: graphviz-pure's
  embedded fonts have no check marks or diamonds);
* relations, each told apart by line *and* arrowhead, not by colour alone: support a solid green
  line with a filled arrow; rebuttal a dashed red line ending in a bar; undercut a dotted purple
  line ending in a bar on the small inference node of the support it attacks; contradiction a
  doubled orange line with bars at both ends;
* a linked support as premises meeting in one junction dot before the arrow goes on; a named
  support through a small inference diamond (AIF's RA node) labelled with its name;
* each perspective in one colour everywhere (its ``color`` attribute, else the Okabe-Ito and
  then Paul Tol palettes in the order the perspectives are defined): on the badges and on the
  relations it asserts (a label in its colour; left out of large, compact drawings, where any
  edge label would make dot several times slower);
* the title, the view in a subtitle, and a legend listing only what the picture uses.

Views (all keyword arguments, combinable unless said otherwise): ``perspective`` (its claims and
relations stand out, the rest is dimmed; ``only=True`` drops the rest), ``compare=(P, Q)``
(where two perspectives agree and differ), ``question`` (the claims answering it and what bears
on them), ``focus`` with ``depth`` (the neighbourhood of one claim), ``labels`` (claims marked
in/out/undecided by an argumentation semantics, or by a mapping given directly).

The DOT is built with the ``graphviz`` package (``Digraph.node``/``edge``/``subgraph``), and the
layout runs through :mod:`argmap.drawing.backends` (our own subprocess, with a timeout, on either
backend), never through the package's ``render``/``pipe``. All text goes through
:func:`html_text` (HTML-like labels, passed to the package as ``<...>`` on purpose) or
:func:`dot_string`'s escaping (every other value, wrapped in ``graphviz.nohtml`` when it starts
with ``<``), so no claim text can change the graph's structure. Large maps get faster layout
settings (see :func:`layout_settings`).
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from argmap.drawing import ENGINES, FORMATS, RANKDIRS
from argmap.errors import ViewError
from argmap.model import (
    ArgumentMap,
    Claim,
    ClaimKind,
    Contradiction,
    Rebuttal,
    Support,
    Undercut,
)
from argmap.semantics import SEMANTICS
from argmap.util.gcpause import paused_gc

if TYPE_CHECKING:
    from argmap.drawing.backends import Backend

__all__ = [
    "ENGINES",
    "FORMATS",
    "OKABE_ITO",
    "RANKDIRS",
    "SEMANTICS",
    "TOL_MUTED",
    "ViewError",
    "dot_string",
    "html_text",
    "layout_settings",
    "perspective_colors",
    "render",
    "to_dot",
]

#: Argumentation semantics ``labels=`` may name.

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

#: Above this many nodes the layout is tuned for speed (straight edges, fewer passes, no
#: relation labels); above HUGE even more so. See docs/benchmarks.md for the measurements.
LARGE = 300
HUGE = 1500

FONT = "Helvetica"
WRAP = 34

# ---- look ----------------------------------------------------------------------------------------
_KIND_STYLE: dict[ClaimKind | None, tuple[str, str, bool]] = {
    # kind: (header word, fill, rounded corners)
    ClaimKind.FACT: ("FACT", "#E3EEF9", False),
    ClaimKind.INTERPRETATION: ("INTERPRETATION", "#EFE7F6", True),
    ClaimKind.PREDICTION: ("PREDICTION", "#FCEFD9", True),
    ClaimKind.VALUE: ("VALUE", "#FBE3E6", False),
    ClaimKind.POLICY: ("POLICY", "#E2F2E4", False),
    None: ("CLAIM", "#FFFFFF", False),
}
_KIND_MEANING = {
    ClaimKind.FACT: "a checkable statement",
    ClaimKind.INTERPRETATION: "a reading of the facts",
    ClaimKind.PREDICTION: "about what will happen",
    ClaimKind.VALUE: "a judgement of worth",
    ClaimKind.POLICY: "what should be done",
    None: "a statement",
}
_QUESTION_FILL = "#FFF3A8"
_TEXT = "#1A1A1A"
_MUTED = "#5A5A5A"
_DIM_TEXT = "#A8A8A8"
_DIM_LINE = "#CFCFCF"


@attrs.frozen
class _EdgeStyle:
    color: str
    style: str
    arrowhead: str
    penwidth: str
    meaning: str
    arrowtail: str = "none"
    both: bool = False


_EDGE_STYLE = {
    "support": _EdgeStyle("#1B7837", "solid", "normal", "1.6", "supports"),
    "rebuttal": _EdgeStyle("#C0392B", "dashed", "tee", "1.6", "rebuts (attacks the claim)"),
    "undercut": _EdgeStyle(
        "#6A3D9A", "dotted", "tee", "2.2", "undercuts (attacks the inference: the small diamond)"
    ),
    "contradiction": _EdgeStyle(
        "#D35400:invis:#D35400", "solid", "tee", "1.2", "contradict each other", arrowtail="tee", both=True
    ),
    "answers": _EdgeStyle("#9A9A9A", "solid", "empty", "0.8", "answers the question"),
}

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


# ---- escaping ------------------------------------------------------------------------------------
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
#: Every character that html_text or _escaped changes (and a few they keep): text without any
#: comes back unchanged, which one search tells faster than the replacements below.
_SPECIAL = re.compile(r'[\x00-\x1f\x7f\ufffe\uffff\\&<>"]')
#: A line break in an HTML-like label.
_BR = '<BR ALIGN="CENTER"/>'


def html_text(text: str) -> str:
    """``text`` as the content of a Graphviz HTML-like label: markup characters become entities,
    backslashes are doubled (Graphviz expands ``\\N``, ``\\G`` ... even in HTML text, entities
    included), characters XML cannot hold become U+FFFD, line breaks become ``<BR/>``."""
    if not _SPECIAL.search(text):
        return text or " "
    text = _XML_BAD.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    "))
    text = text.replace("\\", "\\\\")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    # ']' and '}' are plain text inside <...>; only the markup characters above matter. An empty
    # <FONT></FONT> or <B></B> is a syntax error to Graphviz, so empty text becomes one space.
    return text.replace("\n", _BR) or " "


def _escaped(text: str) -> str:
    """The inside of :func:`dot_string` (no surrounding quotes)."""
    if not _SPECIAL.search(text):
        return text
    text = _XML_BAD.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("&", "&amp;")


def dot_string(text: str) -> str:
    """``text`` as a quoted DOT string that Graphviz shows literally: a backslash cannot start
    ``\\N``, ``\\n`` ..., and ``&`` is written ``&amp;`` because Graphviz decodes entities in
    plain strings too."""
    return f'"{_escaped(text)}"'


def _s(text: str) -> Any:
    """``text`` as an attribute value or node id for the ``graphviz`` package, shown literally.

    The package quotes by itself but leaves backslashes alone (they are Graphviz escapes to it)
    and passes anything that looks like ``<...>`` through as an HTML label. So the text is
    escaped as by :func:`dot_string`, and marked ``nohtml`` when it starts with ``<`` (the only
    text the package takes for HTML; a plain ``str`` formats faster than the subclass). The
    package's quoting then only adds the quotes (or none for a plain identifier, which means the
    same), as tests/test_render.py checks."""
    escaped = _escaped(text)
    return _nohtml()(escaped) if escaped[:1] == "<" else escaped


@functools.cache
def _nohtml() -> Any:
    from graphviz import nohtml

    return nohtml


def _tooltip(text: str) -> Any:
    """A tooltip value. Graphviz expands escapes in tooltips twice (the second time when it puts
    them in the SVG), so a backslash is written four times."""
    return _s(text.replace("\\", "\\\\"))


def _wrap(text: str, width: int = WRAP) -> str:
    """Wrapped, escaped text for a label body (existing line breaks kept)."""
    if "\n" in text or "\r" in text:
        lines: list[str] = []
        for paragraph in text.replace("\r\n", "\n").split("\n"):
            lines.extend(_wrap_lines(paragraph, width) or [""])
        while lines and not lines[-1]:
            lines.pop()
    else:
        lines = _wrap_lines(text, width)
    if not _SPECIAL.search(text):  # the lines are pieces of the text: nothing to escape
        return _BR.join(lines) or " "
    return _BR.join(html_text(line) for line in lines) or " "


def _wrap_lines(paragraph: str, width: int) -> list[str]:
    """``textwrap.wrap(paragraph, width)``, the same lines, faster for plain text.

    Plain text here is words parted by single spaces, with no other whitespace, no hyphens
    and no space at either end: textwrap's chunks are then just the words and the spaces, and
    each line ends at the last space that fits (tests/test_render.py compares the two on random
    text). Anything else goes to textwrap itself."""
    if (
        not paragraph.isprintable()  # the only whitespace a printable text can hold is " "
        or "-" in paragraph
        or "  " in paragraph
        or paragraph[:1] in ("", " ")
        or paragraph[-1] == " "
    ):
        return textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=True)
    lines: list[str] = []
    start = 0
    while len(paragraph) - start > width:
        end = paragraph.rfind(" ", start, start + width + 1)
        if end < 0:  # a word longer than a line (textwrap starts it on the line before)
            return _wrap_words(paragraph, width)
        lines.append(paragraph[start:end])
        start = end + 1
    lines.append(paragraph[start:])
    return lines


def _wrap_words(paragraph: str, width: int) -> list[str]:
    """:func:`_wrap_lines` of plain text with words longer than ``width``: textwrap's
    ``_wrap_chunks`` for chunks that are words and single spaces."""
    lines: list[str] = []
    line = ""
    for word in paragraph.split(" "):
        rest = word
        if not line:
            pass  # the first word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
            continue
        elif len(word) > width and len(line) + 1 <= width:
            # A word longer than a whole line starts right after the space; when only the
            # space fits, textwrap keeps it at the end of the line.
            cut = width - len(line) - 1
            lines.append(line + " " + word[:cut])
            rest = word[cut:]
        else:
            lines.append(line)
        while len(rest) > width:
            lines.append(rest[:width])
            rest = rest[width:]
        line = rest
    lines.append(line)
    return lines


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


# ---- colours -------------------------------------------------------------------------------------
def _palette() -> Iterable[str]:
    yield from OKABE_ITO
    yield from TOL_MUTED
    n = 0
    while True:  # beyond 17 perspectives: evenly spread hues
        n += 1
        yield f"{(n * 0.618034) % 1:.3f} 0.55 0.75"


def _valid_color(value: str | None) -> str | None:
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
    palette = iter(_palette())
    for p in amap.perspectives:
        if p.id in colors:
            continue
        own = _valid_color(p.color)
        colors[p.id] = own if own is not None else next(palette)
    return colors


def _hex(color: str) -> str | None:
    if color.startswith("#") and len(color) in (4, 7, 9):
        if len(color) == 4:
            return "#" + "".join(c * 2 for c in color[1:])
        return color[:7]
    return None


def _ink_on(color: str) -> str:
    """Black or white, whichever reads better on ``color``."""
    rgb = _hex(color)
    if rgb is None:
        return "#000000"
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return "#000000" if lum > 0.22 else "#FFFFFF"


def _readable(color: str) -> str:
    """``color`` darkened if needed so text in it reads on white."""
    rgb = _hex(color)
    if rgb is None:
        return color
    r, g, b = (int(rgb[i : i + 2], 16) for i in (1, 3, 5))
    factor = 1.0
    while 0.299 * r * factor + 0.587 * g * factor + 0.114 * b * factor > 150 and factor > 0.3:
        factor -= 0.1
    return f"#{int(r * factor):02X}{int(g * factor):02X}{int(b * factor):02X}"


def _swatch(
    bg: str, text: str, *, ink: str | None = None, border: str | None = None, bold: bool = True
) -> str:
    """A small coloured cell with escaped text (badges, bands, legend keys)."""
    frame = f' BORDER="{border.split(":")[0]}" COLOR="{border.split(":")[1]}"' if border else ""
    body = html_text(text)
    if bold:
        body = f"<B>{body}</B>"
    return f'<TD BGCOLOR="{bg}"{frame}><FONT POINT-SIZE="8" COLOR="{ink or _ink_on(bg)}">{body}</FONT></TD>'


# ---- views ---------------------------------------------------------------------------------------
@attrs.frozen
class _View:
    shown: frozenset[str]  # claim ids drawn
    strong: frozenset[str]  # claim ids not dimmed
    relation_filter: str  # "all" | "strong" (drop relations not by the view's perspectives)
    focus_of: frozenset[str]  # perspectives whose relations are strong
    questions: frozenset[str] | None  # question ids to draw (None: all answered)
    subtitle: list[str]


def _neighbours(amap: ArgumentMap, claim_id: str, incoming_only: bool) -> Iterable[str]:
    """Claims one step from ``claim_id``; a linked support moves as a whole."""
    for s in amap.supports_of(claim_id):
        yield from s.premises
        if s.name is not None:
            yield from (u.attacker for u in amap.undercuts_of(s.name))
    yield from amap.attackers(claim_id)
    if incoming_only:
        return
    for s in amap.supports_from(claim_id):
        yield s.conclusion
        yield from s.premises
    for rel in amap.attacks_from(claim_id):
        yield rel.target if isinstance(rel, Rebuttal) else (rel.right if rel.left == claim_id else rel.left)
    for e in amap.elements:
        if isinstance(e, Undercut) and e.attacker == claim_id:
            try:
                target = amap.support(e.target)
            except KeyError:
                continue
            yield target.conclusion
            yield from target.premises


def _reach(amap: ArgumentMap, start: Iterable[str], depth: int | None, incoming_only: bool) -> set[str]:
    known = {c.id for c in amap.claims}
    seen = {c: 0 for c in start}
    queue = deque(seen)
    while queue:
        current = queue.popleft()
        d = seen[current]
        if depth is not None and d >= depth:
            continue
        for n in _neighbours(amap, current, incoming_only):
            if n not in seen and n in known:
                seen[n] = d + 1
                queue.append(n)
    return set(seen)


def _name(amap: ArgumentMap, perspective_id: str) -> str:
    try:
        return amap.perspective(perspective_id).name
    except KeyError:
        return perspective_id


def _touches(amap: ArgumentMap, perspective_id: str) -> set[str]:
    """Claims a perspective holds or rejects, or that its relations connect."""
    out = set(amap.accepted_by(perspective_id)) | set(amap.rejected_by(perspective_id))
    for rel in amap.relations_by(perspective_id):
        out.update(_relation_claims(amap, rel))
    return out


def _relation_claims(amap: ArgumentMap, rel: object) -> list[str]:
    if isinstance(rel, Support):
        return [*rel.premises, rel.conclusion]
    if isinstance(rel, Rebuttal):
        return [rel.attacker, rel.target]
    if isinstance(rel, Contradiction):
        return [rel.left, rel.right]
    if isinstance(rel, Undercut):
        # the support it attacks comes along: an undercut means nothing without its target
        supports = [s for s in amap.supports if s.name == rel.target][:1]
        return [rel.attacker, *(c for s in supports for c in (*s.premises, s.conclusion))]
    return []


def _make_view(
    amap: ArgumentMap,
    *,
    perspective: str | None,
    only: bool,
    compare: Sequence[str] | None,
    question: str | None,
    focus: str | None,
    depth: int | None,
) -> _View:
    perspective_ids = {p.id for p in amap.perspectives} | {s.perspective for s in amap.stances}
    all_claims = [c.id for c in amap.claims]
    shown = set(all_claims)
    strong = set(all_claims)
    subtitle: list[str] = []
    focus_of: set[str] = set()
    relation_filter = "all"
    questions: set[str] | None = None
    if depth is not None and depth < 0:
        raise ViewError(f"depth must be 0 or more, not {depth}")
    if only and perspective is None:
        raise ViewError("only=True needs a perspective")
    if perspective is not None and compare is not None:
        raise ViewError("choose either a perspective or a comparison, not both")
    for p in [perspective, *(compare or ())]:
        if p is not None and p not in perspective_ids:
            raise ViewError(_unknown("perspective", p, sorted(perspective_ids)))
    if question is not None:
        if question not in {q.id for q in amap.questions}:
            raise ViewError(_unknown("question", question, [q.id for q in amap.questions]))
        answers = [c.id for c in amap.answers_to(question)]
        shown &= _reach(amap, answers, depth, incoming_only=True)
        questions = {question}
        subtitle.append(f"Question: {amap.question(question).text}")
    if focus is not None:
        if focus not in shown and focus not in set(all_claims):
            raise ViewError(_unknown("claim", focus, all_claims))
        reach = _reach(amap, [focus], 2 if depth is None else depth, incoming_only=False)
        shown &= reach
        steps = 2 if depth is None else depth
        subtitle.append(f"Around claim {focus} ({steps} step{'s' if steps != 1 else ''})")
    if perspective is not None:
        strong = _touches(amap, perspective)
        focus_of = {perspective}
        name = _name(amap, perspective)
        if only:
            shown &= strong
            relation_filter = "strong"
            subtitle.append(f"As {name} sees it (only what {name} holds, rejects or argues)")
        else:
            subtitle.append(f"As {name} sees it (the rest is greyed out)")
    if compare is not None:
        if len(compare) != 2:
            raise ViewError("compare takes exactly two perspectives")
        p, q = compare
        if p == q:
            raise ViewError("compare needs two different perspectives")
        strong = _touches(amap, p) | _touches(amap, q)
        focus_of = {p, q}
        subtitle.append(f"{_name(amap, p)} and {_name(amap, q)}: where they agree and where they differ")
    strong &= shown
    return _View(
        frozenset(shown),
        frozenset(strong),
        relation_filter,
        frozenset(focus_of),
        None if questions is None else frozenset(questions),
        subtitle,
    )


def _unknown(what: str, value: str, known: Sequence[str]) -> str:
    import difflib

    close = difflib.get_close_matches(value, list(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"the map has no {what} {value!r}{hint}"


# ---- labels --------------------------------------------------------------------------------------
_STATUS = {
    "in": ("IN: accepted", "#1B7837", "#FFFFFF"),
    "out": ("OUT: defeated", "#5A5A5A", "#FFFFFF"),
    "undec": ("UNDECIDED", "#F2C14E", "#000000"),
}


def _labels_of(
    amap: ArgumentMap, labels: str | Mapping[str, str] | None
) -> tuple[dict[str, str], str | None]:
    if labels is None:
        return {}, None
    if isinstance(labels, str):
        if labels not in SEMANTICS:
            raise ViewError(f"labels must be one of {', '.join(SEMANTICS)} or a mapping, not {labels!r}")
        try:
            from argmap.semantics.evaluate import claim_labels  # type: ignore[import-not-found,unused-ignore]
        except ImportError as exc:  # the evaluation step is not installed/ready
            raise ViewError(
                f"labelling needs argmap.semantics.evaluate, which is not available ({exc})"
            ) from None
        from argmap.semantics.solvers import SearchStopped

        try:
            found = claim_labels(amap, labels)
        except SearchStopped as exc:
            raise ViewError(f"cannot label the claims under {labels} semantics: {exc}") from None
        return {str(k): str(v) for k, v in found.items()}, labels
    out: dict[str, str] = {}
    for key, value in labels.items():
        if value not in _STATUS:
            raise ViewError(f"label of {key!r} must be 'in', 'out' or 'undec', not {value!r}")
        out[key] = value
    return out, None


# ---- emission ------------------------------------------------------------------------------------
@attrs.define
class _Used:
    kinds: set[ClaimKind | None] = attrs.Factory(set)
    question: bool = False
    relations: set[str] = attrs.Factory(set)
    junction: bool = False
    inference: bool = False
    perspectives: dict[str, None] = attrs.Factory(dict)
    holds: bool = False
    rejects: bool = False
    dimmed: bool = False
    statuses: set[str] = attrs.Factory(set)
    compare: set[str] = attrs.Factory(set)
    missing: bool = False


def layout_settings(nodes: int, engine: str = "dot") -> dict[str, str]:
    """Graph attributes for a layout of ``nodes`` nodes: the full look for small maps, faster
    settings above :data:`LARGE` and :data:`HUGE` nodes (fewer crossing-reduction and
    network-simplex passes, straight edges)."""
    if engine == "dot":
        settings = {"newrank": "true", "nodesep": "0.3", "ranksep": "0.45"}
        if nodes > LARGE:
            settings.update({"mclimit": "0.3", "nslimit": "2", "nslimit1": "2", "remincross": "false"})
            settings["splines"] = "line" if nodes > HUGE else "polyline"
        if nodes > HUGE:
            # Network simplex for x positions dominates above this size: 0.02 makes a 5,000-claim
            # map 3-4 times faster (bench/render.py) at the price of less balanced spacing.
            settings.update({"mclimit": "0.05", "nslimit": "0.02", "nslimit1": "0.02", "searchsize": "10"})
        return settings
    settings = {"overlap": "prism" if engine == "sfdp" else "false", "sep": "+6", "splines": "true"}
    if engine in ("neato", "fdp"):
        settings["overlap"] = "scalexy" if nodes > LARGE else "false"
    if nodes > LARGE:
        settings["splines"] = "false"
    return settings


@functools.cache
def _digraph_class() -> Any:
    """``graphviz.Digraph`` that takes edge ends as whole node ids and remembers its quoting.

    The package reads ``a:b:c`` in an edge end as node ``a``, port ``b``, compass ``c`` (and has
    no way to write a literal colon there, xflr6/graphviz#53), while argmap's own nodes are
    named ``question:ID``, ``support:NAME`` ... and the names come out in the SVG titles. Edge
    ends are therefore quoted like node names (argmap uses no ports).

    A map is thousands of nodes and edges, and the package's quoting of their parts gives the
    same text again and again, so each graph remembers it: ``quote`` of node ids, attribute
    names and short values (keyed on the type too: ``nohtml`` text quotes differently from a
    ``str``), and the text of each :class:`_Look`. ``node``, ``edge`` and ``_attr_list`` are the
    package's own, without its check of positional arguments and with the remembered quoting;
    ``html_node`` (a claim) and ``look_edge`` (an edge without a label) write the commonest
    statements without the general attribute list. The text is the package's
    (tests/test_render.py compares)."""
    import graphviz
    from graphviz import quoting

    # The same function without the package's argument check (where it has one).
    quote = getattr(quoting.quote, "__wrapped__", quoting.quote)
    is_id = quoting.ID.match

    def mapping_items(mapping: Any) -> Any:
        """The items in the package's order: a plain dict's sorted, any other mapping's as
        they come (graphviz._tools.mapping_items)."""
        return sorted(mapping.items()) if type(mapping) is dict else mapping.items()

    class _Digraph(graphviz.Digraph):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._quote = self._quote_edge = functools.lru_cache(maxsize=None, typed=True)(quote)
            self._look_list = functools.lru_cache(maxsize=None)(self._make_look_list)

        def node(self, name: str, label: str | None = None, _attributes: Any = None, **attrs: Any) -> None:
            attr_list = self._attr_list(label, kwargs=attrs, attributes=_attributes)
            self.body.append(self._node(self._quote(name), attr_list))

        def edge(
            self,
            tail_name: str,
            head_name: str,
            label: str | None = None,
            _attributes: Any = None,
            **attrs: Any,
        ) -> None:
            attr_list = self._attr_list(label, kwargs=attrs, attributes=_attributes)
            tail, head = self._quote_edge(tail_name), self._quote_edge(head_name)
            self.body.append(self._edge(tail=tail, head=head, attr=attr_list))

        def html_node(self, name: str, label: str, attributes: tuple[tuple[str, str], ...]) -> None:
            """``node(name, label, _attributes=attributes)`` for the commonest node: its label
            is HTML (``<...>``, which the package passes as it is) and its attribute names are
            plain identifiers (which it does not quote)."""
            value = self._value
            attrs = "".join([f" {k}={value(v)}" for k, v in attributes])
            self.body.append(f"\t{self._quote(name)} [label={label}{attrs}]\n")

        def look_edge(self, tail: str, head: str, look: _Look) -> None:
            """``edge(tail, head, _attributes=look)``: an edge without a label of its own."""
            tail, head = self._quote_edge(tail), self._quote_edge(head)
            self.body.append(f"\t{tail} -> {head}{self._look_list(look)}\n")

        def _make_look_list(self, look: _Look) -> str:
            return self._attr_list(None, None, tuple(look))

        def _value(self, value: Any) -> str:
            if '"' in value or "\\" in value or value[:1] == "<" or is_id(value):
                # Labels are long and each different: not worth remembering.
                return self._quote(value) if len(value) <= 48 else quote(value)  # type: ignore[no-any-return]
            # Neither HTML nor an identifier (so not a keyword either), with no quote or
            # backslash to escape: quote() would only put it in quotes.
            return f'"{value}"'

        def _attr_list(self, label: Any = None, kwargs: Any = None, attributes: Any = None) -> str:
            look = type(attributes) is _Look
            if look and label is None and not kwargs:
                return self._look_list(attributes)  # type: ignore[no-any-return]
            q, value = self._quote, self._value
            result = [f"label={value(label)}"] if label is not None else []
            if kwargs:
                result += [f"{q(k)}={value(v)}" for k, v in mapping_items(kwargs) if v is not None]
            if look:
                if attributes:
                    result.append(self._look_list(attributes)[2:-1])  # the inside of " [...]"
            elif attributes:
                if hasattr(attributes, "items"):
                    attributes = mapping_items(attributes)
                result += [f"{q(k)}={value(v)}" for k, v in attributes if v is not None]
            return f" [{' '.join(result)}]" if result else ""

    return _Digraph


class _Writer:
    """Adds the map's nodes and edges to a ``graphviz.Digraph`` and notes what they used (for
    the legend)."""

    def __init__(
        self,
        graph: Any,
        amap: ArgumentMap,
        *,
        view: _View,
        colors: dict[str, str],
        status: dict[str, str],
        compare: Sequence[str] | None,
        compact: bool,
    ) -> None:
        self.amap = amap
        self.view = view
        self.colors = colors
        self.status = status
        self.compare = tuple(compare) if compare else None
        self.compact = compact
        self.graph = graph
        self.used = _Used()
        self.claims = {c.id: c for c in reversed(amap.claims)}  # first definition wins
        self.every_claim_shown = len(view.shown) == len(self.claims)
        self.missing: set[str] = set()
        #: Node ids as :func:`_s` gives them, remembered: every edge names two.
        self.node_id: Callable[[str], Any] = functools.lru_cache(maxsize=None)(_s)
        #: Badge tables made so far, by (holders, rejecters, strong).
        self._badge_tables: dict[tuple[tuple[str, ...], tuple[str, ...], bool], str] = {}
        #: Label parts made so far, by (kind, strong): see _claim_look.
        self._claim_looks: dict[tuple[ClaimKind | None, bool], tuple[str, str, str]] = {}

    # -- nodes --
    def claim_node(self, claim: Claim) -> None:
        strong = claim.id in self.view.strong
        self.used.kinds.add(claim.kind)
        if not strong:
            self.used.dimmed = True
        table, header, body = self._claim_look(claim.kind, strong)
        band = self._band(claim.id) if strong else None
        badges = self._badges(claim.id, strong)
        rows = [
            band or "",
            f"{header}{html_text(claim.id)}</FONT></TD></TR>",
            f"{body}{_wrap(claim.text)}</FONT></TD></TR>",
            f"<TR><TD>{badges}</TD></TR>" if badges else "",
        ]
        label = f"{table}{''.join(rows)}</TABLE>>"
        tooltip = claim.text if claim.note is None else f"{claim.text}\n\nNote: {claim.note}"
        self.graph.html_node(
            self.node_id(claim.id),
            label,
            (("id", _s("claim-" + claim.id)), ("tooltip", _tooltip(tooltip))),
        )

    def _claim_look(self, kind: ClaimKind | None, strong: bool) -> tuple[str, str, str]:
        """The parts of a claim's label that only its kind and ``strong`` decide: the table's
        opening, the header row up to the id, the text row up to the text (made once each)."""
        key = (kind, strong)
        look = self._claim_looks.get(key)
        if look is None:
            word, fill, rounded = _KIND_STYLE[kind]
            ink = _TEXT if strong else _DIM_TEXT
            border = "#4A4A4A" if strong else _DIM_LINE
            if not strong:
                fill = "#FFFFFF"
            style = ' STYLE="rounded"' if rounded else ""
            look = self._claim_looks[key] = (
                f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" BGCOLOR="{fill}" '
                f'COLOR="{border}"{style}>',
                f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="8" '
                f'COLOR="{_MUTED if strong else _DIM_TEXT}"><B>{word}</B>  ',
                f'<TR><TD><FONT POINT-SIZE="11" COLOR="{ink}">',
            )
        return look

    def _band(self, claim_id: str) -> str | None:
        cells: list[str] = []
        status = self.status.get(claim_id)
        if status in _STATUS:
            text, bg, fg = _STATUS[status]
            self.used.statuses.add(status)
            cells.append(f'<TD BGCOLOR="{bg}"><FONT POINT-SIZE="8" COLOR="{fg}"><B>{text}</B></FONT></TD>')
        if self.compare is not None:
            p, q = self.compare
            sp = _stance(self.amap, p, claim_id)
            sq = _stance(self.amap, q, claim_id)
            kind, text, bg = _agreement(self.amap, (p, q), (sp, sq), self.colors)
            if kind:
                self.used.compare.add(kind)
                cells.append(_swatch(bg, text))
        if not cells:
            return None
        inner = "".join(cells)
        return (
            f'<TR><TD CELLPADDING="0"><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2">'
            f"<TR>{inner}</TR></TABLE></TD></TR>"
        )

    def _badges(self, claim_id: str, strong: bool) -> str:
        holders = self.amap.holders(claim_id)
        rejecters = self.amap.rejecters(claim_id)
        if not holders and not rejecters:
            return ""
        key = (holders, rejecters, strong)
        table = self._badge_tables.get(key)
        if table is None:  # the same few sets of badges come back on claim after claim
            table = self._badge_tables[key] = self._badge_table(holders, rejecters, strong)
        return table

    def _badge_table(self, holders: Sequence[str], rejecters: Sequence[str], strong: bool) -> str:
        cells: list[str] = []
        for pid in holders:
            color = self.colors.get(pid, "#777777") if strong else _DIM_LINE
            ink = _ink_on(color) if strong else "#FFFFFF"
            self.used.holds = True
            self.used.perspectives[pid] = None
            cells.append(
                f'<TD BGCOLOR="{color}" COLOR="{color}"><FONT POINT-SIZE="8" COLOR="{ink}">'
                f"{html_text(self._short(pid))}</FONT></TD>"
            )
        for pid in rejecters:
            color = self.colors.get(pid, "#777777") if strong else _DIM_LINE
            self.used.rejects = True
            self.used.perspectives[pid] = None
            cells.append(
                f'<TD BGCOLOR="#FFFFFF" BORDER="1" COLOR="{color}"><FONT POINT-SIZE="8" '
                f'COLOR="{_readable(color) if strong else _DIM_TEXT}">'
                f"{html_text(_shorten(_name(self.amap, pid), 16))} rejects</FONT></TD>"
            )
        per_row = 3
        rows = ["<TR>" + "".join(cells[i : i + per_row]) + "</TR>" for i in range(0, len(cells), per_row)]
        return f'<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="1">{"".join(rows)}</TABLE>'

    def _short(self, pid: str) -> str:
        return _shorten(_name(self.amap, pid), 22) or pid

    def question_node(self, qid: str) -> None:
        q = self.amap.question(qid)
        self.used.question = True
        label = (
            f'<<TABLE BORDER="2" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4" BGCOLOR="{_QUESTION_FILL}" '
            f'COLOR="#7A6A00" STYLE="rounded"><TR><TD ALIGN="LEFT"><FONT POINT-SIZE="8" COLOR="{_MUTED}">'
            f"<B>QUESTION</B>  {html_text(q.id)}</FONT></TD></TR>"
            f'<TR><TD><FONT POINT-SIZE="12"><B>{_wrap(q.text, 30)}</B></FONT></TD></TR></TABLE>>'
        )
        self.graph.node(
            self.node_id("question:" + qid), label, tooltip=_tooltip(q.text), id=_s("question-" + qid)
        )

    def missing_node(self, node_id: str, what: str) -> None:
        if node_id in self.missing:
            return
        self.missing.add(node_id)
        self.used.missing = True
        self.graph.node(
            self.node_id(node_id),
            _s(f"? {node_id} ({what})"),
            shape="box",
            style="dashed",
            color="#C0392B",
            fontcolor="#C0392B",
            fontsize="10",
        )

    # -- edges --
    def _by_label(self, by: Sequence[str], strong: bool) -> str | None:
        """An HTML label naming the perspectives that assert a relation (None: no label)."""
        if not by or self.compact:
            return None
        parts = []
        # In one perspective's view its own name on every relation says nothing new.
        skip = self.view.focus_of if len(self.view.focus_of) == 1 else frozenset()
        for pid in dict.fromkeys(p for p in by if p not in skip):
            self.used.perspectives[pid] = None
            color = _readable(self.colors.get(pid, "#777777")) if strong else _DIM_TEXT
            parts.append(f'<FONT COLOR="{color}">{html_text(self._short(pid))}</FONT>')
        if not parts:
            return None
        return f'<<FONT POINT-SIZE="8">{"<BR/>".join(parts)}</FONT>>'

    def _relation_strong(self, by: Sequence[str], ends: Iterable[str]) -> bool:
        if self.view.focus_of:
            return bool(self.view.focus_of & set(by))
        return self.view.strong.issuperset(ends)

    def edge(
        self,
        tail: str,
        head: str,
        kind: str,
        *,
        strong: bool,
        label: str | None = None,
        arrowhead: str | None = None,
    ) -> None:
        self.used.relations.add(kind)
        if not strong:
            self.used.dimmed = True
        look = _edge_attributes(kind, strong, arrowhead)
        if label is None:
            self.graph.look_edge(self.node_id(tail), self.node_id(head), look)
        else:
            self.graph.edge(self.node_id(tail), self.node_id(head), label, _attributes=look)

    def claim_ref(self, claim_id: str) -> str:
        if claim_id not in self.claims:
            self.missing_node(claim_id, "not defined")
        return claim_id


def _edge_look(kind: str, strong: bool, arrowhead: str | None = None) -> tuple[tuple[str, str], ...]:
    """All the attributes that draw an edge of ``kind``."""
    st = _EDGE_STYLE[kind]
    color = st.color if strong else st.color.replace(st.color.split(":")[0], _DIM_LINE)
    out = [
        ("color", color),
        ("style", st.style),
        ("penwidth", st.penwidth),
        ("arrowhead", arrowhead or st.arrowhead),
    ]
    if st.both:
        out += [("dir", "both"), ("arrowtail", st.arrowtail), ("constraint", "false")]
    return tuple(out)


class _Look(tuple[tuple[str, str], ...]):
    """Attributes that draw many edges or nodes alike, as (name, value) pairs of plain strings
    (their DOT text is made once per graph)."""


@functools.cache
def _edge_attributes(kind: str, strong: bool, arrowhead: str | None = None) -> _Look:
    """The attributes an edge of ``kind`` must carry itself: those of :func:`_edge_look` that the
    graph's edge defaults (:data:`_EDGE_DEFAULTS`) do not already give (made once per kind)."""
    return _Look((k, v) for k, v in _edge_look(kind, strong, arrowhead) if _EDGE_DEFAULTS.get(k) != v)


def _stance(amap: ArgumentMap, pid: str, claim_id: str) -> str | None:
    if pid in amap.holders(claim_id):
        return "holds"
    if pid in amap.rejecters(claim_id):
        return "rejects"
    return None


def _agreement(
    amap: ArgumentMap, pair: tuple[str, str], stances: tuple[str | None, str | None], colors: dict[str, str]
) -> tuple[str, str, str]:
    p, q = pair
    sp, sq = stances
    np_, nq = _shorten(_name(amap, p), 18), _shorten(_name(amap, q), 18)
    if sp and sq:
        if sp == sq:
            return "agree", f"AGREE: both {'hold' if sp == 'holds' else 'reject'}", "#DDDDDD"
        who_holds, who_rejects = (np_, nq) if sp == "holds" else (nq, np_)
        return "disagree", f"DISAGREE: {who_holds} holds, {who_rejects} rejects", "#000000"
    if sp:
        return "only-p", f"only {np_} {sp}", colors.get(p, "#777777")
    if sq:
        return "only-q", f"only {nq} {sq}", colors.get(q, "#777777")
    return "", "", ""


def _count_nodes(amap: ArgumentMap) -> int:
    return len(amap.claims) + sum(1 for s in amap.supports if s.linked or s.name) + len(amap.questions)


def to_dot(
    amap: ArgumentMap,
    *,
    perspective: str | None = None,
    only: bool = False,
    compare: Sequence[str] | None = None,
    question: str | None = None,
    focus: str | None = None,
    depth: int | None = None,
    labels: str | Mapping[str, str] | None = None,
    rankdir: str = "TB",
    engine: str = "dot",
    legend: bool = True,
    title: bool = True,
    compact: bool | None = None,
) -> str:
    """The map as DOT text, ready for any Graphviz layout engine.

    The views (``perspective``/``only``, ``compare``, ``question``, ``focus``/``depth``,
    ``labels``) are described in the module docstring; ``compact`` (default: only for large maps)
    leaves out relation labels to keep the layout fast. Raises :class:`ViewError` when a view
    names something the map does not have.
    """
    graph = _dot_graph(
        amap,
        perspective=perspective,
        only=only,
        compare=compare,
        question=question,
        focus=focus,
        depth=depth,
        labels=labels,
        rankdir=rankdir,
        engine=engine,
        legend=legend,
        title=title,
        compact=compact,
    )
    source: str = graph.source
    return source


def _dot_graph(
    amap: ArgumentMap,
    *,
    perspective: str | None,
    only: bool,
    compare: Sequence[str] | None,
    question: str | None,
    focus: str | None,
    depth: int | None,
    labels: str | Mapping[str, str] | None,
    rankdir: str,
    engine: str,
    legend: bool,
    title: bool,
    compact: bool | None,
) -> Any:
    """The map as a ``graphviz.Digraph`` (see :func:`to_dot` for the arguments)."""
    if rankdir not in RANKDIRS:
        raise ViewError(f"rankdir must be one of {', '.join(RANKDIRS)}, not {rankdir!r}")
    if engine not in ENGINES:
        raise ViewError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    view = _make_view(
        amap, perspective=perspective, only=only, compare=compare, question=question, focus=focus, depth=depth
    )
    status, semantics = _labels_of(amap, labels)
    if semantics:
        view.subtitle.append(f"Claim status under {semantics} semantics")
    elif status:
        view.subtitle.append("Claim status as given")
    colors = perspective_colors(amap)
    nodes = _count_nodes(amap) if len(view.shown) == len(amap.claims) else len(view.shown)
    if compact is None:
        compact = nodes > LARGE
    graph = _digraph_class()(
        "argmap",
        graph_attr=_graph_attributes(amap, view, rankdir=rankdir, engine=engine, nodes=nodes, title=title),
        node_attr=_NODE_DEFAULTS,
        edge_attr=_EDGE_DEFAULTS,
    )
    w = _Writer(graph, amap, view=view, colors=colors, status=status, compare=compare, compact=compact)
    with paused_gc():  # thousands of strings and tuples, no cycles: nothing for the collector
        _write(w, amap, view, legend=legend)
    return graph


def _write(w: _Writer, amap: ArgumentMap, view: _View, *, legend: bool) -> None:
    """Add the view's nodes and edges, then the legend."""
    # claims, in document order
    drawn: set[str] = set()
    for claim in amap.claims:
        if claim.id in view.shown and claim.id not in drawn:
            drawn.add(claim.id)
            w.claim_node(claim)
    # questions and "answers" edges
    answered: dict[str, list[str]] = {}
    for claim in amap.claims:
        if claim.id in view.shown:
            for q in claim.answers:
                answered.setdefault(q, []).append(claim.id)
    for qid in dict.fromkeys(q.id for q in amap.questions):
        if qid in answered and (view.questions is None or qid in view.questions):
            w.question_node(qid)
            for cid in dict.fromkeys(answered[qid]):
                w.edge(cid, "question:" + qid, "answers", strong=cid in view.strong)
    # relations
    undercut_targets = {u.target for u in amap.undercuts if view.focus_of & set(u.by)}
    n_support = 0
    inference_nodes: dict[str, str] = {}
    for e in amap.elements:
        if isinstance(e, Support):
            n_support += 1
            ends = [*e.premises, e.conclusion]
            if not _ends_shown(w, ends):
                continue
            if (
                view.relation_filter == "strong"
                and not (view.focus_of & set(e.by))
                and e.name not in undercut_targets
            ):
                continue  # not the perspective's, and no undercut of its lands on it
            strong = w._relation_strong(e.by, ends)
            label = w._by_label(e.by, strong)
            for c in ends:
                w.claim_ref(c)
            if e.linked or e.name is not None:
                node = f"support:{e.name}" if e.name is not None else f"support#{n_support}"
                if e.name is not None:
                    inference_nodes.setdefault(e.name, node)
                _inference_node(w, node, e, strong)
                for p in e.premises:
                    w.edge(p, node, "support", strong=strong, arrowhead="none")
                w.edge(node, e.conclusion, "support", strong=strong, label=label)
            else:
                w.edge(e.premises[0], e.conclusion, "support", strong=strong, label=label)
        elif isinstance(e, (Rebuttal, Contradiction)):
            if isinstance(e, Rebuttal):
                ends, kind = [e.attacker, e.target], "rebuttal"
            else:
                ends, kind = [e.left, e.right], "contradiction"
            if not _relation_shown(w, view, ends, e.by):
                continue
            strong = w._relation_strong(e.by, ends)
            w.edge(
                w.claim_ref(ends[0]),
                w.claim_ref(ends[1]),
                kind,
                strong=strong,
                label=w._by_label(e.by, strong),
            )
    support_names: set[str | None] | None = None  # made when first needed
    for e in amap.elements:
        if isinstance(e, Undercut):
            if e.attacker not in view.shown and e.attacker in w.claims:
                continue
            if view.relation_filter == "strong" and not (view.focus_of & set(e.by)):
                continue
            found = inference_nodes.get(e.target)
            if found is None:
                if support_names is None:
                    support_names = {s.name for s in amap.supports}
                if e.target in support_names:
                    continue  # the support it attacks is not in this view
                found = f"support:{e.target}"
                w.missing_node(found, "no such support")
            node = found
            strong = w._relation_strong(e.by, [e.attacker])
            w.edge(w.claim_ref(e.attacker), node, "undercut", strong=strong, label=w._by_label(e.by, strong))

    if legend:
        _legend(w)


def _ends_shown(w: _Writer, ends: Sequence[str]) -> bool:
    """Whether a relation between ``ends`` is drawn: none of them is a claim left out of the
    view, and at least one is a claim in it."""
    shown = w.view.shown
    if not w.every_claim_shown and not all(c in shown or c not in w.claims for c in ends):
        return False
    return not shown.isdisjoint(ends)


def _relation_shown(w: _Writer, view: _View, ends: Sequence[str], by: Sequence[str]) -> bool:
    if not _ends_shown(w, ends):
        return False
    return not (view.relation_filter == "strong" and not (view.focus_of & set(by)))


def _inference_node(w: _Writer, node: str, support: Support, strong: bool) -> None:
    look = _inference_look(support.name is not None, strong)
    if support.name is not None:
        w.used.inference = True
        w.graph.node(
            w.node_id(node),
            "",
            _attributes=look,
            tooltip=_tooltip("support " + support.name),
            xlabel=f'<<FONT POINT-SIZE="8" COLOR="{_MUTED}"><I>{html_text(support.name)}</I></FONT>>',
        )
    else:
        w.used.junction = True
        w.graph.node(w.node_id(node), "", _attributes=look)


@functools.cache
def _inference_look(named: bool, strong: bool) -> _Look:
    """What draws the node a support passes through: a diamond for a named support (the target
    of undercuts), a small dot where linked premises meet (made once each)."""
    color = _EDGE_STYLE["support"].color if strong else _DIM_LINE
    size = "0.18" if named else "0.1"
    look = {"shape": "diamond" if named else "circle", "style": "filled", "fillcolor": color}
    look |= {"color": color, "width": size, "height": size}
    if not named:
        look["tooltip"] = "linked support"
    return _Look(look.items())


_NODE_DEFAULTS = {"shape": "plain", "fontname": FONT, "margin": "0"}
#: Every edge looks like a strong support (the commonest relation) unless it says otherwise, so
#: that most edges need no attributes of their own.
_EDGE_DEFAULTS = {"fontname": FONT, "fontsize": "8", "arrowsize": "0.8", **dict(_edge_look("support", True))}
#: Graphviz's own values for the attributes the defaults above set (``_edge_look``'s four).
_PLAIN_EDGE = {"color": "black", "style": "solid", "penwidth": "1", "arrowhead": "normal"}


def _graph_attributes(
    amap: ArgumentMap, view: _View, *, rankdir: str, engine: str, nodes: int, title: bool
) -> dict[str, Any]:
    attrs_: dict[str, Any] = {
        "rankdir": rankdir,
        "fontname": FONT,
        "bgcolor": "white",
        "pad": "0.3",
        "charset": "UTF-8",
    }
    for key, value in layout_settings(nodes, engine).items():
        attrs_[key] = _s(value)
    title_text = amap.title if title else None
    if title_text or view.subtitle:
        parts = []
        if title_text:
            parts.append(f'<FONT POINT-SIZE="18"><B>{_wrap(title_text, 70)}</B></FONT>')
        for line in view.subtitle:
            parts.append(f'<FONT POINT-SIZE="12" COLOR="{_MUTED}">{_wrap(line, 90)}</FONT>')
        attrs_["label"] = "<" + "<BR/>".join(parts) + ">"
        attrs_["labelloc"] = "t"
        attrs_["labeljust"] = "c"
    return attrs_


def _legend(w: _Writer) -> None:
    """A cluster explaining what the picture uses, and only that."""
    used = w.used
    rows: list[str] = []

    def row(cell: str, text: str) -> None:
        rows.append(f'<TR>{cell}<TD ALIGN="LEFT"><FONT POINT-SIZE="9">{html_text(text)}</FONT></TD></TR>')

    for kind in (None, *ClaimKind):
        if kind in used.kinds:
            word, fill, _ = _KIND_STYLE[kind]
            row(
                _swatch(fill, word, ink="#000000", border="1:#4A4A4A"),
                _KIND_MEANING[kind],
            )
    if used.question:
        row(
            _swatch(_QUESTION_FILL, "QUESTION", ink="#000000", border="2:#7A6A00"),
            "an issue under debate",
        )
    order = {pid: i for i, pid in enumerate(w.colors)}  # definition order
    for pid in sorted(used.perspectives, key=lambda p: order.get(p, len(order))):
        color = w.colors.get(pid, "#777777")
        role = ""
        if pid in {p.id for p in w.amap.perspectives}:
            role = w.amap.perspective(pid).role or ""
        text = _name(w.amap, pid) + (f", {role}" if role else "")
        row(
            f'<TD BGCOLOR="{color}"><FONT POINT-SIZE="8" COLOR="{_ink_on(color)}">'
            f"{html_text(_shorten(_name(w.amap, pid), 22))}</FONT></TD>",
            _shorten(text, 60),
        )
    if used.holds:
        row('<TD BGCOLOR="#777777"><FONT POINT-SIZE="8" COLOR="#FFFFFF">name</FONT></TD>', "holds the claim")
    if used.rejects:
        row(
            '<TD BORDER="1" COLOR="#777777"><FONT POINT-SIZE="8" COLOR="#555555">name rejects</FONT></TD>',
            "rejects the claim",
        )
    for status in ("in", "out", "undec"):
        if status in used.statuses:
            text, bg, fg = _STATUS[status]
            meaning = {
                "in": "accepted: every attack on it is answered",
                "out": "defeated by an accepted attacker",
                "undec": "neither accepted nor defeated",
            }[status]
            row(f'<TD BGCOLOR="{bg}"><FONT POINT-SIZE="8" COLOR="{fg}"><B>{text}</B></FONT></TD>', meaning)
    if w.compare is not None:
        p_name, q_name = (_name(w.amap, x) for x in w.compare)
        meanings = {
            "agree": ("#DDDDDD", "AGREE", "both take the same stance"),
            "disagree": ("#000000", "DISAGREE", "one holds what the other rejects"),
            "only-p": (w.colors.get(w.compare[0], "#777777"), "only ...", f"only {p_name} takes a stance"),
            "only-q": (w.colors.get(w.compare[1], "#777777"), "only ...", f"only {q_name} takes a stance"),
        }
        for key in ("agree", "disagree", "only-p", "only-q"):
            if key in used.compare:
                bg, word, meaning = meanings[key]
                row(
                    _swatch(bg, word),
                    meaning,
                )
    if used.dimmed:
        row(
            f'<TD BORDER="1" COLOR="{_DIM_LINE}"><FONT POINT-SIZE="8" COLOR="{_DIM_TEXT}">grey</FONT></TD>',
            "not held or argued by the perspective(s) shown" if w.view.focus_of else "outside this view",
        )
    if used.missing:
        row(
            '<TD BORDER="1" COLOR="#C0392B"><FONT POINT-SIZE="8" COLOR="#C0392B">? id</FONT></TD>',
            "named but never defined",
        )
    edge_kinds = [
        k for k in ("support", "rebuttal", "undercut", "contradiction", "answers") if k in used.relations
    ]
    if not rows and not edge_kinds:
        return
    with w.graph.subgraph(name="cluster_legend") as legend:
        legend.attr(
            "graph",
            label="<<B>Legend</B>>",
            fontsize="11",
            labeljust="l",
            style="rounded",
            color="#BBBBBB",
            margin="8",
            rank="",
        )
        first_tail: str | None = None
        for i, kind in enumerate(edge_kinds):
            a, b = f"legend:{i}:a", f"legend:{i}:b"
            meaning = _EDGE_STYLE[kind].meaning
            if kind == "support" and (used.junction or used.inference):
                notes = []
                if used.junction:
                    notes.append("premises that act together meet in a dot")
                if used.inference:
                    notes.append("a named support passes through a diamond")
                meaning = "supports\n(" + ";\n".join(notes) + ")"
            # as drawn in the map, except that the legend's own layout keeps every edge's rank
            style = tuple(a for a in _edge_attributes(kind, True) if a[0] != "constraint")
            legend.node(a, "", shape="point", width="0.02", color="#FFFFFF")
            if w.compact:
                # One edge label makes dot double every rank of the whole graph (measured: 9 s
                # instead of 3 s for 5,000 claims), so in a compact drawing the text is a node.
                legend.node(b, _s(meaning), shape="plaintext", fontsize="9")
                legend.edge(a, b, _attributes=style)
            else:
                legend.node(b, "", shape="point", width="0.02", color="#FFFFFF")
                legend.edge(a, b, _s(meaning), _attributes=(*style, ("fontsize", "9")))
            first_tail = first_tail or b
        if rows:
            table = f'<<TABLE BORDER="0" CELLSPACING="3" CELLPADDING="2">{"".join(rows)}</TABLE>>'
            legend.node("legend:table", table, shape="plain")
            if first_tail is not None:
                # (Graphviz's own look, not the map's edge defaults, with style invis as before)
                legend.edge(first_tail, "legend:table", _attributes={**_PLAIN_EDGE, "style": "invis"})


# ---- running Graphviz ----------------------------------------------------------------------------
def render(
    amap: ArgumentMap,
    format: str = "svg",
    *,
    backend: str | Backend | None = None,
    timeout: float | None = None,
    engine: str | None = None,
    warnings: list[str] | None = None,
    perspective: str | None = None,
    only: bool = False,
    compare: Sequence[str] | None = None,
    question: str | None = None,
    focus: str | None = None,
    depth: int | None = None,
    labels: str | Mapping[str, str] | None = None,
    rankdir: str = "TB",
    legend: bool = True,
    title: bool = True,
    compact: bool | None = None,
) -> bytes:
    """The map drawn in ``format`` (svg, png, pdf, dot for the DOT text itself, or html for the
    interactive page of :func:`argmap.drawing.html.html_page`).

    ``backend`` is ``auto``/``dot``/``graphviz-pure`` (see :mod:`argmap.drawing.backends`); ``timeout``
    stops a layout that runs longer (default :data:`argmap.drawing.backends.DEFAULT_TIMEOUT` s).
    ``engine`` None picks ``dot`` (large maps get faster dot settings, see
    :func:`layout_settings`). Warnings the backend prints
    are appended to ``warnings`` when a list is given. The other keywords are :func:`to_dot`'s.
    """
    from argmap.drawing.backends import DEFAULT_TIMEOUT, run_layout

    if format == "html":  # the interactive page: argmap.drawing.html draws the SVG through here
        from argmap.drawing.html import html_page

        options: dict[str, Any] = {"perspective": perspective, "only": only, "compare": compare}
        options |= {"question": question, "focus": focus, "depth": depth, "labels": labels}
        options |= {"rankdir": rankdir, "legend": legend, "title": title, "compact": compact}
        options |= {"engine": engine, "warnings": warnings}
        return html_page(amap, backend=backend, timeout=timeout, **options).encode("utf-8")
    chosen_engine = engine or "dot"
    graph = _dot_graph(
        amap,
        perspective=perspective,
        only=only,
        compare=compare,
        question=question,
        focus=focus,
        depth=depth,
        labels=labels,
        rankdir=rankdir,
        engine=chosen_engine,
        legend=legend,
        title=title,
        compact=compact,
    )
    if format == "dot":
        # Line by line: the whole text at once would be a second copy, two bytes per character
        # as soon as one name has a letter beyond Latin-1.
        return b"".join([line.encode("utf-8") for line in graph])
    if format not in FORMATS:
        raise ViewError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    result = run_layout(
        graph.source,
        format,
        engine=chosen_engine,
        backend=backend,
        timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
    )
    if warnings is not None and result.warnings.strip():
        warnings.append(result.warnings)
    return result.data
