"""The legend: what the kinds, perspectives, stances, statuses, comparison marks and relations in
a picture mean, and nothing the picture does not use.

Two forms (``legend=`` of :func:`argmap.drawing.render.to_dot`, ``--legend`` on the command
line): ``compact`` (the default) is one small table, two entries a row, laid on the last rank
(below a top-down drawing, beside a left-right one), each relation shown by a sample of its line
and end drawn in text; ``full`` is a framed cluster with a drawn sample of every relation and a
table of the rest. ``none`` leaves it out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.drawing import LEGENDS as _LEGENDS
from argmap.drawing.palette import ink_on
from argmap.drawing.styles import (
    DIM_LINE,
    DIM_TEXT,
    EDGE_STYLE,
    INK,
    KIND_MEANING,
    KIND_STYLE,
    PLAIN_EDGE,
    QUESTION_FILL,
    STATUS,
    edge_attributes,
)
from argmap.drawing.text import cell, text_lines
from argmap.drawing.views import perspective_name
from argmap.model import ClaimKind

if TYPE_CHECKING:
    from argmap.drawing.dot import Writer

__all__ = ["LEGENDS", "draw_legend", "legend_size"]

#: The legend's forms (argmap.drawing.LEGENDS).
LEGENDS = _LEGENDS
#: Each relation's line and end, drawn in text for the compact legend.
_SAMPLE = {
    "support": "\u2014\u2014\u2014>",
    "rebuttal": "- - - -|",
    "undercut": "\u00b7 \u00b7 \u00b7 \u00b7 |",
    "contradiction": "|=====|",
    "answers": "\u2014\u2014\u2014>",
}
_STATUS_MEANING = {
    "in": "accepted: every attack on it is answered",
    "out": "defeated by an accepted attacker",
    "undec": "neither accepted nor defeated",
}


def _entries(w: Writer, *, relations: bool) -> list[tuple[str, str]]:
    """(key cell, meaning) for everything the picture uses."""
    used = w.used
    out: list[tuple[str, str]] = []

    def key(text: str, bg: str = "#FFFFFF", ink: str = "#000000", frame: str = "", bold: bool = False) -> str:
        return cell(text_lines(text, 24), 8, bold=bold, color=ink, attributes=f' BGCOLOR="{bg}"{frame}')

    for kind in (None, *ClaimKind):
        if kind in used.kinds:
            word, fill, _ = KIND_STYLE[kind]
            out.append((key(word, fill, frame=' BORDER="1" COLOR="#4A4A4A"', bold=True), KIND_MEANING[kind]))
    if used.question:
        out.append(
            (
                key("QUESTION", QUESTION_FILL, frame=' BORDER="2" COLOR="#7A6A00"', bold=True),
                "an issue under debate",
            )
        )
    order = {pid: i for i, pid in enumerate(w.colors)}  # definition order
    for pid in sorted(used.perspectives, key=lambda p: order.get(p, len(order))):
        color = w.colors.get(pid, "#777777")
        role = ""
        if pid in {p.id for p in w.amap.perspectives}:
            role = w.amap.perspective(pid).role or ""
        out.append((key(perspective_name(w.amap, pid), color, ink_on(color)), role or "a perspective"))
    if used.holds:
        out.append((key("name", "#777777", "#FFFFFF"), "holds the claim"))
    if used.rejects:
        out.append(
            (key("name rejects", ink="#555555", frame=' BORDER="1" COLOR="#777777"'), "rejects the claim")
        )
    if used.rejected_relation:
        out.append(
            (
                key("name rejects", ink="#555555", frame=' BORDER="1" COLOR="#777777"'),
                "on an arrow: rejects that step",
            )
        )
    for status in ("in", "out", "undec"):
        if status in used.statuses:
            text, bg, fg = STATUS[status]
            out.append((key(text, bg, fg, bold=True), _STATUS_MEANING[status]))
    if w.compare is not None:
        p_name, q_name = (perspective_name(w.amap, x) for x in w.compare)
        meanings = {
            "agree": ("#DDDDDD", "AGREE", "both take the same stance"),
            "disagree": ("#000000", "DISAGREE", "one holds what the other rejects"),
            "only-p": (w.colors.get(w.compare[0], "#777777"), "only ...", f"only {p_name} takes a stance"),
            "only-q": (w.colors.get(w.compare[1], "#777777"), "only ...", f"only {q_name} takes a stance"),
        }
        for name in ("agree", "disagree", "only-p", "only-q"):
            if name in used.compare:
                bg, word, meaning = meanings[name]
                out.append((key(word, bg, ink_on(bg), bold=True), meaning))
    if used.dimmed:
        out.append(
            (
                key("grey", ink=DIM_TEXT, frame=f' BORDER="1" COLOR="{DIM_LINE}"'),
                "not held or argued by the perspective(s) shown" if w.view.focus_of else "outside this view",
            )
        )
    if used.missing:
        out.append(
            (key("? id", ink="#C0392B", frame=' BORDER="1" COLOR="#C0392B"'), "named but never defined")
        )
    if used.sources:
        out.append((key("[source]", ink="#5A5A5A"), "where the claim comes from (a link when it has one)"))
    if relations:
        for kind in ("support", "rebuttal", "undercut", "contradiction", "answers"):
            if kind in used.relations:
                ink = "#9A9A9A" if kind == "answers" else INK
                out.append((key(_SAMPLE[kind], ink=ink, bold=True), EDGE_STYLE[kind].meaning))
    if used.junction:
        out.append((key("\u2014\u25cf\u2014", ink=INK), "premises or attackers that act together"))
    if used.inference:
        out.append(
            (
                key("name", ink="#5A5A5A", frame=f' BORDER="1" COLOR="{INK}"'),
                "a named step (undercuts land on it)",
            )
        )
    return out


def legend_size(w: Writer) -> tuple[float, float]:
    """The estimated size in points of a one-column compact legend of what ``w`` drew."""
    entries = len(_entries(w, relations=True))
    return (340.0, 24.0 + 19.0 * entries) if entries else (0.0, 0.0)


def draw_legend(w: Writer, mode: str = "compact", anchor: str | None = None, columns: int = 2) -> None:
    """Add to ``w``'s graph a legend of what the picture uses (what ``w.used`` noted), in the
    form ``mode`` (``none``, ``compact`` or ``full``); a compact legend (``columns`` entries a
    row) goes one rank after ``anchor`` (a node on the last rank), tied to it by an invisible
    edge."""
    if mode == "none":
        return
    if mode == "full":
        _full(w)
        return
    entries = _entries(w, relations=True)
    if not entries:
        return
    rows = []
    for i in range(0, len(entries), columns):
        cells = []
        for k, meaning in entries[i : i + columns]:
            cells.append(k + cell(text_lines(meaning, 44), 9, color="#333333") + '<TD WIDTH="10"></TD>')
        rows.append("<TR>" + "".join(cells) + "</TR>")
    table = (
        '<<TABLE BORDER="1" COLOR="#BBBBBB" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1" STYLE="rounded">'
        f"<TR>{cell(['Legend'], 10, bold=True)}</TR>{''.join(rows)}</TABLE>>"
    )
    w.graph.node("legend", table, shape="plain", id="map-legend")
    if anchor is not None:
        w.graph.edge(anchor, "legend", _attributes={**PLAIN_EDGE, "style": "invis"})


def _full(w: Writer) -> None:
    """The framed legend: a drawn sample of each relation, a table of the rest."""
    used = w.used
    entries = _entries(w, relations=False)
    edge_kinds = [
        k for k in ("support", "rebuttal", "undercut", "contradiction", "answers") if k in used.relations
    ]
    if not entries and not edge_kinds:
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
            a, b, c = f"legend:{i}:a", f"legend:{i}:b", f"legend:{i}:c"
            # as drawn in the map, except that the legend's own layout keeps every edge's rank
            style = tuple(x for x in edge_attributes(kind, True) if x[0] != "constraint")
            legend.node(a, "", shape="point", width="0.02", color="#FFFFFF")
            legend.node(b, "", shape="point", width="0.02", color="#FFFFFF")
            caption = (
                f'<<TABLE BORDER="0"><TR>{cell(text_lines(EDGE_STYLE[kind].meaning, 30), 9)}</TR></TABLE>>'
            )
            legend.node(c, caption, shape="plain")
            legend.edge(a, b, _attributes=style)
            legend.edge(b, c, _attributes={**PLAIN_EDGE, "style": "invis"})
            first_tail = first_tail or b
        if entries:
            rows = "".join(f"<TR>{k}{cell(text_lines(m, 44), 9)}</TR>" for k, m in entries)
            table = f'<<TABLE BORDER="0" CELLSPACING="3" CELLPADDING="1">{rows}</TABLE>>'
            legend.node("legend:table", table, shape="plain")
            if first_tail is not None:
                # (Graphviz's own look, not the map's edge defaults, with style invis as before)
                legend.edge(first_tail, "legend:table", _attributes={**PLAIN_EDGE, "style": "invis"})
