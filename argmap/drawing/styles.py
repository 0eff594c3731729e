"""The look: what each kind of claim, each relation and each status is drawn with, as the graph's
default attributes and as the few attribute sets that differ from them (made once each).

An edge is told apart by line *and* arrowhead, not by colour alone; a claim's kind by its header
word, fill and corners.
"""

from __future__ import annotations

import functools

import attrs

from argmap.drawing.palette import ink_on
from argmap.drawing.text import html_text
from argmap.model import ClaimKind

__all__ = [
    "DIM_LINE",
    "DIM_TEXT",
    "EDGE_DEFAULTS",
    "EDGE_STYLE",
    "FONT",
    "INK",
    "KIND_MEANING",
    "KIND_STYLE",
    "MUTED",
    "NODE_DEFAULTS",
    "PLAIN_EDGE",
    "QUESTION_FILL",
    "STATUS",
    "TEXT",
    "EdgeStyle",
    "Look",
    "edge_attributes",
    "edge_look",
    "inference_look",
    "strength_status",
    "swatch",
]

FONT = "Helvetica"

# ---- claims and questions ------------------------------------------------------------------------
KIND_STYLE: dict[ClaimKind | None, tuple[str, str, bool]] = {
    # kind: (header word, fill, rounded corners)
    ClaimKind.FACT: ("FACT", "#E3EEF9", False),
    ClaimKind.INTERPRETATION: ("INTERPRETATION", "#EFE7F6", True),
    ClaimKind.PREDICTION: ("PREDICTION", "#FCEFD9", True),
    ClaimKind.VALUE: ("VALUE", "#FBE3E6", False),
    ClaimKind.POLICY: ("POLICY", "#E2F2E4", False),
    None: ("CLAIM", "#FFFFFF", False),
}
KIND_MEANING = {
    ClaimKind.FACT: "a checkable statement",
    ClaimKind.INTERPRETATION: "a reading of the facts",
    ClaimKind.PREDICTION: "about what will happen",
    ClaimKind.VALUE: "a judgement of worth",
    ClaimKind.POLICY: "what should be done",
    None: "a statement",
}
QUESTION_FILL = "#FFF3A8"
TEXT = "#1A1A1A"
MUTED = "#5A5A5A"
DIM_TEXT = "#A8A8A8"
DIM_LINE = "#CFCFCF"


# ---- relations -----------------------------------------------------------------------------------
@attrs.frozen
class EdgeStyle:
    """How one kind of relation is drawn, and what the legend says it means."""

    color: str
    style: str
    arrowhead: str
    penwidth: str
    meaning: str
    arrowtail: str = "none"
    both: bool = False


#: The neutral ink every relation is drawn in: colour belongs to the perspectives.
INK = "#3A3A3A"

EDGE_STYLE = {
    "support": EdgeStyle(INK, "solid", "normal", "1.4", "supports"),
    "rebuttal": EdgeStyle(INK, "dashed", "tee", "1.4", "rebuts (attacks the claim)"),
    "undercut": EdgeStyle(INK, "dotted", "tee", "2.2", "undercuts (attacks the step: the small box)"),
    # Two lines side by side. (Not "ink:invis:ink": both renderers draw a tail end in the
    # second colour of the list, and the second mark would be invisible.)
    "contradiction": EdgeStyle(
        f"{INK}:{INK}", "solid", "tee", "1.1", "contradict each other", arrowtail="tee", both=True
    ),
    "answers": EdgeStyle("#9A9A9A", "solid", "empty", "0.8", "answers the question"),
}

#: A claim's status under a labelling: (band text, background, ink).
STATUS = {
    "in": ("IN: accepted", "#1B7837", "#FFFFFF"),
    "out": ("OUT: defeated", "#5A5A5A", "#FFFFFF"),
    "undec": ("UNDECIDED", "#F2C14E", "#000000"),
}
# Graded strength (render --labels df-quad|quadratic-energy), shaded in five bands of 0.2, light
# to dark (a sequential green ramp, ColorBrewer Greens), the band written on the badge too.
_BANDS = (("#EDF8E9", "#000000"), ("#BAE4B3", "#000000"), ("#74C476", "#000000"), ("#31A354", "#FFFFFF"))
for _k, (_bg, _ink) in enumerate((*_BANDS, ("#006D2C", "#FFFFFF"))):
    STATUS[f"strength-{_k}"] = (f"STRENGTH {_k / 5:.1f}-{(_k + 1) / 5:.1f}", _bg, _ink)


def strength_status(value: float) -> str:
    """The STATUS key that shades a graded strength in [0, 1]."""
    return f"strength-{min(int(value * 5), 4)}"


def edge_look(kind: str, strong: bool, arrowhead: str | None = None) -> tuple[tuple[str, str], ...]:
    """All the attributes that draw an edge of ``kind``."""
    st = EDGE_STYLE[kind]
    color = st.color if strong else st.color.replace(st.color.split(":")[0], DIM_LINE)
    out = [
        ("color", color),
        ("style", st.style),
        ("penwidth", st.penwidth),
        ("arrowhead", arrowhead or st.arrowhead),
    ]
    if st.both and arrowhead is None:
        out += [("dir", "both"), ("arrowtail", st.arrowtail), ("constraint", "false")]
    return tuple(out)


class Look(tuple[tuple[str, str], ...]):
    """Attributes that draw many edges or nodes alike, as (name, value) pairs of plain strings
    (their DOT text is made once per graph)."""


@functools.cache
def edge_attributes(kind: str, strong: bool, arrowhead: str | None = None) -> Look:
    """The attributes an edge of ``kind`` must carry itself: those of :func:`edge_look` that the
    graph's edge defaults (:data:`EDGE_DEFAULTS`) do not already give (made once per kind)."""
    return Look((k, v) for k, v in edge_look(kind, strong, arrowhead) if EDGE_DEFAULTS.get(k) != v)


NODE_DEFAULTS = {"shape": "plain", "fontname": FONT, "margin": "0"}
#: Every edge looks like a strong support (the commonest relation) unless it says otherwise, so
#: that most edges need no attributes of their own.
EDGE_DEFAULTS = {"fontname": FONT, "fontsize": "8", "arrowsize": "0.8", **dict(edge_look("support", True))}
#: Graphviz's own values for the attributes the defaults above set (``edge_look``'s four).
PLAIN_EDGE = {"color": "black", "style": "solid", "penwidth": "1", "arrowhead": "normal"}


@functools.cache
def inference_look(named: bool, strong: bool) -> Look:
    """What draws the node a relation passes through: a small box (its HTML label carries the
    name) for a named relation, the target of undercuts; a small dot where linked premises or
    attackers meet (made once each)."""
    color = INK if strong else DIM_LINE
    if named:
        return Look((("shape", "plain"),))
    look = {"shape": "circle", "style": "filled", "fillcolor": color, "color": color}
    look |= {"width": "0.1", "height": "0.1", "tooltip": "linked: the premises or attackers act together"}
    return Look(look.items())


def swatch(
    bg: str, text: str, *, ink: str | None = None, border: str | None = None, bold: bool = True
) -> str:
    """A small coloured cell with escaped text (badges, bands, legend keys)."""
    frame = f' BORDER="{border.split(":")[0]}" COLOR="{border.split(":")[1]}"' if border else ""
    body = html_text(text)
    if bold:
        body = f"<B>{body}</B>"
    return f'<TD BGCOLOR="{bg}"{frame}><FONT POINT-SIZE="8" COLOR="{ink or ink_on(bg)}">{body}</FONT></TD>'
