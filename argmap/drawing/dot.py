"""The DOT writer: a view of a map as the nodes and edges of a ``graphviz.Digraph``.

:class:`Writer` draws one claim, question, missing reference or edge at a time, with the look of
:mod:`argmap.drawing.styles` and each perspective's colour, and notes in :class:`Used` what the
picture uses (for the legend); :func:`write` walks the map in document order and decides which
relations the view shows. Claims are tables (a header with the kind and the id, the wrapped text,
the perspectives' badges); a linked or named support passes through a small node of its own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from argmap.drawing.palette import ink_on, readable
from argmap.drawing.styles import (
    DIM_LINE,
    DIM_TEXT,
    FONT,
    KIND_STYLE,
    MUTED,
    QUESTION_FILL,
    STATUS,
    TEXT,
    edge_attributes,
    inference_look,
    swatch,
)
from argmap.drawing.text import html_text, literal, shorten, tooltip, wrap
from argmap.drawing.views import View, agreement, perspective_name, stance
from argmap.model import ArgumentMap, Claim, ClaimKind, Contradiction, Rebuttal, Support, Undercut

__all__ = ["Used", "Writer", "graph_attributes", "write"]


@attrs.define
class Used:
    """What the nodes and edges written so far use (the legend lists only that)."""

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


class Writer:
    """Adds the map's nodes and edges to a ``graphviz.Digraph`` and notes what they used (for
    the legend)."""

    def __init__(
        self,
        graph: Any,
        amap: ArgumentMap,
        *,
        view: View,
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
        self.used = Used()
        self.claims = {c.id: c for c in reversed(amap.claims)}  # first definition wins
        self.every_claim_shown = len(view.shown) == len(self.claims)
        self.missing: set[str] = set()
        #: Node ids as :func:`literal` gives them, remembered: every edge names two.
        self.node_id: Callable[[str], Any] = functools.lru_cache(maxsize=None)(literal)
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
            f"{body}{wrap(claim.text)}</FONT></TD></TR>",
            f"<TR><TD>{badges}</TD></TR>" if badges else "",
        ]
        label = f"{table}{''.join(rows)}</TABLE>>"
        hover = claim.text if claim.note is None else f"{claim.text}\n\nNote: {claim.note}"
        self.graph.html_node(
            self.node_id(claim.id),
            label,
            (("id", literal("claim-" + claim.id)), ("tooltip", tooltip(hover))),
        )

    def _claim_look(self, kind: ClaimKind | None, strong: bool) -> tuple[str, str, str]:
        """The parts of a claim's label that only its kind and ``strong`` decide: the table's
        opening, the header row up to the id, the text row up to the text (made once each)."""
        key = (kind, strong)
        look = self._claim_looks.get(key)
        if look is None:
            word, fill, rounded = KIND_STYLE[kind]
            ink = TEXT if strong else DIM_TEXT
            border = "#4A4A4A" if strong else DIM_LINE
            if not strong:
                fill = "#FFFFFF"
            style = ' STYLE="rounded"' if rounded else ""
            look = self._claim_looks[key] = (
                f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" BGCOLOR="{fill}" '
                f'COLOR="{border}"{style}>',
                f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="8" '
                f'COLOR="{MUTED if strong else DIM_TEXT}"><B>{word}</B>  ',
                f'<TR><TD><FONT POINT-SIZE="11" COLOR="{ink}">',
            )
        return look

    def _band(self, claim_id: str) -> str | None:
        cells: list[str] = []
        status = self.status.get(claim_id)
        if status in STATUS:
            text, bg, fg = STATUS[status]
            self.used.statuses.add(status)
            cells.append(f'<TD BGCOLOR="{bg}"><FONT POINT-SIZE="8" COLOR="{fg}"><B>{text}</B></FONT></TD>')
        if self.compare is not None:
            p, q = self.compare
            sp = stance(self.amap, p, claim_id)
            sq = stance(self.amap, q, claim_id)
            kind, text, bg = agreement(self.amap, (p, q), (sp, sq), self.colors)
            if kind:
                self.used.compare.add(kind)
                cells.append(swatch(bg, text))
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
            color = self.colors.get(pid, "#777777") if strong else DIM_LINE
            ink = ink_on(color) if strong else "#FFFFFF"
            self.used.holds = True
            self.used.perspectives[pid] = None
            cells.append(
                f'<TD BGCOLOR="{color}" COLOR="{color}"><FONT POINT-SIZE="8" COLOR="{ink}">'
                f"{html_text(self._short(pid))}</FONT></TD>"
            )
        for pid in rejecters:
            color = self.colors.get(pid, "#777777") if strong else DIM_LINE
            self.used.rejects = True
            self.used.perspectives[pid] = None
            cells.append(
                f'<TD BGCOLOR="#FFFFFF" BORDER="1" COLOR="{color}"><FONT POINT-SIZE="8" '
                f'COLOR="{readable(color) if strong else DIM_TEXT}">'
                f"{html_text(shorten(perspective_name(self.amap, pid), 16))} rejects</FONT></TD>"
            )
        per_row = 3
        rows = ["<TR>" + "".join(cells[i : i + per_row]) + "</TR>" for i in range(0, len(cells), per_row)]
        return f'<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="1">{"".join(rows)}</TABLE>'

    def _short(self, pid: str) -> str:
        return shorten(perspective_name(self.amap, pid), 22) or pid

    def question_node(self, qid: str) -> None:
        q = self.amap.question(qid)
        self.used.question = True
        label = (
            f'<<TABLE BORDER="2" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4" BGCOLOR="{QUESTION_FILL}" '
            f'COLOR="#7A6A00" STYLE="rounded"><TR><TD ALIGN="LEFT"><FONT POINT-SIZE="8" COLOR="{MUTED}">'
            f"<B>QUESTION</B>  {html_text(q.id)}</FONT></TD></TR>"
            f'<TR><TD><FONT POINT-SIZE="12"><B>{wrap(q.text, 30)}</B></FONT></TD></TR></TABLE>>'
        )
        self.graph.node(
            self.node_id("question:" + qid), label, tooltip=tooltip(q.text), id=literal("question-" + qid)
        )

    def missing_node(self, node_id: str, what: str) -> None:
        if node_id in self.missing:
            return
        self.missing.add(node_id)
        self.used.missing = True
        self.graph.node(
            self.node_id(node_id),
            literal(f"? {node_id} ({what})"),
            shape="box",
            style="dashed",
            color="#C0392B",
            fontcolor="#C0392B",
            fontsize="10",
        )

    # -- edges --
    def by_label(self, by: Sequence[str], strong: bool) -> str | None:
        """An HTML label naming the perspectives that assert a relation (None: no label)."""
        if not by or self.compact:
            return None
        parts = []
        # In one perspective's view its own name on every relation says nothing new.
        skip = self.view.focus_of if len(self.view.focus_of) == 1 else frozenset()
        for pid in dict.fromkeys(p for p in by if p not in skip):
            self.used.perspectives[pid] = None
            color = readable(self.colors.get(pid, "#777777")) if strong else DIM_TEXT
            parts.append(f'<FONT COLOR="{color}">{html_text(self._short(pid))}</FONT>')
        if not parts:
            return None
        return f'<<FONT POINT-SIZE="8">{"<BR/>".join(parts)}</FONT>>'

    def relation_strong(self, by: Sequence[str], ends: Iterable[str]) -> bool:
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
        look = edge_attributes(kind, strong, arrowhead)
        if label is None:
            self.graph.look_edge(self.node_id(tail), self.node_id(head), look)
        else:
            self.graph.edge(self.node_id(tail), self.node_id(head), label, _attributes=look)

    def claim_ref(self, claim_id: str) -> str:
        if claim_id not in self.claims:
            self.missing_node(claim_id, "not defined")
        return claim_id


def write(w: Writer) -> None:
    """Add the view's nodes and edges: claims, questions, relations."""
    amap, view = w.amap, w.view
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
            strong = w.relation_strong(e.by, ends)
            label = w.by_label(e.by, strong)
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
            strong = w.relation_strong(e.by, ends)
            w.edge(
                w.claim_ref(ends[0]),
                w.claim_ref(ends[1]),
                kind,
                strong=strong,
                label=w.by_label(e.by, strong),
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
            strong = w.relation_strong(e.by, [e.attacker])
            w.edge(w.claim_ref(e.attacker), node, "undercut", strong=strong, label=w.by_label(e.by, strong))


def _ends_shown(w: Writer, ends: Sequence[str]) -> bool:
    """Whether a relation between ``ends`` is drawn: none of them is a claim left out of the
    view, and at least one is a claim in it."""
    shown = w.view.shown
    if not w.every_claim_shown and not all(c in shown or c not in w.claims for c in ends):
        return False
    return not shown.isdisjoint(ends)


def _relation_shown(w: Writer, view: View, ends: Sequence[str], by: Sequence[str]) -> bool:
    """Whether a rebuttal or contradiction between ``ends``, asserted by ``by``, is drawn."""
    if not _ends_shown(w, ends):
        return False
    return not (view.relation_filter == "strong" and not (view.focus_of & set(by)))


def _inference_node(w: Writer, node: str, support: Support, strong: bool) -> None:
    """The node a linked or named support passes through."""
    look = inference_look(support.name is not None, strong)
    if support.name is not None:
        w.used.inference = True
        w.graph.node(
            w.node_id(node),
            "",
            _attributes=look,
            tooltip=tooltip("support " + support.name),
            xlabel=f'<<FONT POINT-SIZE="8" COLOR="{MUTED}"><I>{html_text(support.name)}</I></FONT>>',
        )
    else:
        w.used.junction = True
        w.graph.node(w.node_id(node), "", _attributes=look)


def graph_attributes(
    amap: ArgumentMap, view: View, *, rankdir: str, layout: Mapping[str, str], title: bool
) -> dict[str, Any]:
    """The graph's own attributes: direction, font, the ``layout`` settings, title and subtitle."""
    attrs_: dict[str, Any] = {
        "rankdir": rankdir,
        "fontname": FONT,
        "bgcolor": "white",
        "pad": "0.3",
        "charset": "UTF-8",
    }
    for key, value in layout.items():
        attrs_[key] = literal(value)
    title_text = amap.title if title else None
    if title_text or view.subtitle:
        parts = []
        if title_text:
            parts.append(f'<FONT POINT-SIZE="18"><B>{wrap(title_text, 70)}</B></FONT>')
        for line in view.subtitle:
            parts.append(f'<FONT POINT-SIZE="12" COLOR="{MUTED}">{wrap(line, 90)}</FONT>')
        attrs_["label"] = "<" + "<BR/>".join(parts) + ">"
        attrs_["labelloc"] = "t"
        attrs_["labeljust"] = "c"
    return attrs_
