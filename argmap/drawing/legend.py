"""The legend: a cluster that explains the kinds, perspectives, stances, statuses, comparison
marks and relations a picture uses, and nothing it does not use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.drawing.palette import ink_on
from argmap.drawing.styles import (
    DIM_LINE,
    DIM_TEXT,
    EDGE_STYLE,
    KIND_MEANING,
    KIND_STYLE,
    PLAIN_EDGE,
    QUESTION_FILL,
    STATUS,
    edge_attributes,
    swatch,
)
from argmap.drawing.text import html_text, literal, shorten
from argmap.drawing.views import perspective_name
from argmap.model import ClaimKind

if TYPE_CHECKING:
    from argmap.drawing.dot import Writer

__all__ = ["draw_legend"]


def draw_legend(w: Writer) -> None:
    """Add to ``w``'s graph a cluster explaining what the picture uses, and only that (what
    ``w.used`` noted)."""
    used = w.used
    rows: list[str] = []

    def row(cell: str, text: str) -> None:
        rows.append(f'<TR>{cell}<TD ALIGN="LEFT"><FONT POINT-SIZE="9">{html_text(text)}</FONT></TD></TR>')

    for kind in (None, *ClaimKind):
        if kind in used.kinds:
            word, fill, _ = KIND_STYLE[kind]
            row(
                swatch(fill, word, ink="#000000", border="1:#4A4A4A"),
                KIND_MEANING[kind],
            )
    if used.question:
        row(
            swatch(QUESTION_FILL, "QUESTION", ink="#000000", border="2:#7A6A00"),
            "an issue under debate",
        )
    order = {pid: i for i, pid in enumerate(w.colors)}  # definition order
    for pid in sorted(used.perspectives, key=lambda p: order.get(p, len(order))):
        color = w.colors.get(pid, "#777777")
        role = ""
        if pid in {p.id for p in w.amap.perspectives}:
            role = w.amap.perspective(pid).role or ""
        text = perspective_name(w.amap, pid) + (f", {role}" if role else "")
        row(
            f'<TD BGCOLOR="{color}"><FONT POINT-SIZE="8" COLOR="{ink_on(color)}">'
            f"{html_text(shorten(perspective_name(w.amap, pid), 22))}</FONT></TD>",
            shorten(text, 60),
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
            text, bg, fg = STATUS[status]
            meaning = {
                "in": "accepted: every attack on it is answered",
                "out": "defeated by an accepted attacker",
                "undec": "neither accepted nor defeated",
            }[status]
            row(f'<TD BGCOLOR="{bg}"><FONT POINT-SIZE="8" COLOR="{fg}"><B>{text}</B></FONT></TD>', meaning)
    if w.compare is not None:
        p_name, q_name = (perspective_name(w.amap, x) for x in w.compare)
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
                    swatch(bg, word),
                    meaning,
                )
    if used.dimmed:
        row(
            f'<TD BORDER="1" COLOR="{DIM_LINE}"><FONT POINT-SIZE="8" COLOR="{DIM_TEXT}">grey</FONT></TD>',
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
            meaning = EDGE_STYLE[kind].meaning
            if kind == "support" and (used.junction or used.inference):
                notes = []
                if used.junction:
                    notes.append("premises that act together meet in a dot")
                if used.inference:
                    notes.append("a named support passes through a diamond")
                meaning = "supports\n(" + ";\n".join(notes) + ")"
            # as drawn in the map, except that the legend's own layout keeps every edge's rank
            style = tuple(a for a in edge_attributes(kind, True) if a[0] != "constraint")
            legend.node(a, "", shape="point", width="0.02", color="#FFFFFF")
            if w.compact:
                # One edge label makes dot double every rank of the whole graph (measured: 9 s
                # instead of 3 s for 5,000 claims), so in a compact drawing the text is a node.
                legend.node(b, literal(meaning), shape="plaintext", fontsize="9")
                legend.edge(a, b, _attributes=style)
            else:
                legend.node(b, "", shape="point", width="0.02", color="#FFFFFF")
                legend.edge(a, b, literal(meaning), _attributes=(*style, ("fontsize", "9")))
            first_tail = first_tail or b
        if rows:
            table = f'<<TABLE BORDER="0" CELLSPACING="3" CELLPADDING="2">{"".join(rows)}</TABLE>>'
            legend.node("legend:table", table, shape="plain")
            if first_tail is not None:
                # (Graphviz's own look, not the map's edge defaults, with style invis as before)
                legend.edge(first_tail, "legend:table", _attributes={**PLAIN_EDGE, "style": "invis"})
