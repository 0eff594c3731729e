"""The DOT writer: a view of a map as the nodes and edges of a ``graphviz.Digraph``.

:class:`Writer` draws one claim, question, missing reference or edge at a time, with the look of
:mod:`argmap.drawing.styles` and each perspective's colour, and notes in :class:`Used` what the
picture uses (for the legend); :func:`write` walks the map in document order and decides which
relations the view shows. Claims are tables (a header with the kind and the id in cells of their
own, the wrapped text, the perspectives' badges with their full names, links to the sources;
with ``quotes`` the quotes too), every text cell as wide as its text measures
(:func:`argmap.drawing.text.cell`). A relation passes through a mark of its own when it is
linked (its premises or attackers meet in a dot) or named and answerable (a small box with its
name and scheme: a named support always, an attack when something undercuts it), so that an
undercut lands on the very relation it attacks. Sections become clusters when the drawing is
small enough and spans two or more.
"""

from __future__ import annotations

import functools
import io
import math
import re
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from argmap.drawing.body import Spool
from argmap.drawing.metrics import text_width
from argmap.drawing.palette import ink_on, readable
from argmap.drawing.styles import (
    DIM_LINE,
    DIM_TEXT,
    FONT,
    INK,
    KIND_STYLE,
    MUTED,
    QUESTION_FILL,
    STATUS,
    TEXT,
    edge_attributes,
    inference_look,
)
from argmap.drawing.text import cell, html_text, literal, text_lines, tooltip
from argmap.drawing.views import View, agreement, perspective_name, stance
from argmap.model import (
    ArgumentMap,
    Claim,
    ClaimKind,
    Contradiction,
    Quote,
    Rebuttal,
    Relation,
    Section,
    Support,
    Undercut,
)
from argmap.util.forking import start_in_copy

__all__ = ["Used", "Writer", "finish", "graph_attributes", "node_order", "relation_marks", "write"]

#: Characters per line of a badge (a perspective's name), a mark's name, a quote.
BADGE_WRAP = 18
MARK_WRAP = 20
QUOTE_WRAP = 44
#: Most claims a drawing may have for its sections to be drawn as clusters.
CLUSTER_LIMIT = 300
#: Node id prefix of each kind of relation's mark.
_KIND = {Support: "support", Rebuttal: "rebuttal", Undercut: "undercut", Contradiction: "contradiction"}


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
    rejected_relation: bool = False
    dimmed: bool = False
    statuses: set[str] = attrs.Factory(set)
    compare: set[str] = attrs.Factory(set)
    missing: bool = False
    sources: bool = False
    quotes: bool = False
    sections: bool = False

    def merged(self, later: Used) -> Used:
        """What this and then ``later`` used, as if noted by one writer."""
        both = Used()
        for field in attrs.fields(Used):
            mine, theirs = getattr(self, field.name), getattr(later, field.name)
            if isinstance(mine, bool):
                setattr(both, field.name, mine or theirs)
            elif isinstance(mine, dict):
                setattr(both, field.name, {**mine, **theirs})
            else:
                setattr(both, field.name, mine | theirs)
        return both


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
        quotes: bool = False,
        links: bool = True,
    ) -> None:
        self.amap = amap
        self.link_sources = links
        self.view = view
        self.colors = colors
        self.status = status
        self.compare = tuple(compare) if compare else None
        self.compact = compact
        self.quotes = quotes
        self.graph = graph
        self.used = Used()
        self.claims = {c.id: c for c in reversed(amap.claims)}  # first definition wins
        self.every_claim_shown = len(view.shown) == len(self.claims)
        self.missing: set[str] = set()
        #: Node ids as :func:`literal` gives them, remembered: every edge names two.
        self.node_id: Callable[[str], Any] = functools.lru_cache(maxsize=None)(literal)
        #: Node ids as they stand in an edge statement, remembered likewise.
        node_id, quote = self.node_id, graph._quote_edge  # (not self: no reference cycle)
        self.quoted_id: Callable[[str], str] = functools.lru_cache(maxsize=None)(
            lambda name: quote(node_id(name))
        )
        #: Badge tables made so far, by (holders, rejecters, strong).
        self._badge_tables: dict[tuple[tuple[str, ...], tuple[str, ...], bool], str] = {}
        #: Label parts made so far, by (kind, strong): see _claim_look.
        self._claim_looks: dict[tuple[ClaimKind | None, bool], tuple[str, str, str, str]] = {}
        self._sources = {s.id: s for s in reversed(amap.sources)}
        #: Each node's estimated size in points, and the edges that rank them (tail, head,
        #: index of the edge's statement in the graph's body): for :mod:`argmap.drawing.shape`.
        self.sizes: dict[str, tuple[float, float]] = {}
        self.links: list[tuple[str, str, int]] = []
        #: With sections drawn as clusters: each claim's and each mark's chain of sections
        #: (outermost first). A mark goes in the cluster of what its arrow ends at (an edge
        #: label between a node outside the clusters and one inside lands on other labels).
        self.cluster_path: dict[str, tuple[str, ...]] = {}
        self.mark_path: dict[str, tuple[str, ...]] = {}
        #: The claims a forked copy is writing, while it does (see :func:`write`).
        self.elsewhere: _ClaimsElsewhere | None = None

    # -- nodes --
    def claim_node(self, claim: Claim) -> None:
        strong = claim.id in self.view.strong
        self.used.kinds.add(claim.kind)
        if not strong:
            self.used.dimmed = True
        table, kind_cell, ink, muted = self._claim_look(claim.kind, strong)
        band = self._band(claim.id) if strong else None
        badges = self._badges(claim.id, strong)
        lines = text_lines(claim.text)
        height = 30 + 13.2 * len(lines) + (16 if band else 0) + (12 * badges.count("<TR>") if badges else 0)
        widest = max([text_width(line, 11) for line in lines], default=0.0)
        self.sizes[claim.id] = (widest + 12 if lines else 40, height)
        rows = [
            band or "",
            '<TR><TD ALIGN="LEFT" CELLPADDING="1"><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
            f'{kind_cell}<TD WIDTH="8"></TD>{_id_cell(claim.id, muted)}</TR></TABLE></TD></TR>',
            f"<TR>{cell(lines, 11, color=ink, padding=3, widest=widest)}</TR>",
            f'<TR><TD ALIGN="LEFT" CELLPADDING="1">{badges}</TD></TR>' if badges else "",
            self._source_row(claim.sources, muted) if claim.sources else "",
            self._quote_rows(claim.quotes, ink, muted) if self.quotes and claim.quotes else "",
        ]
        label = f"{table}{''.join(rows)}</TABLE>>"
        plain = not (claim.date or claim.note or claim.quotes or claim.sources)
        hover = claim.text if plain else self.hover(claim)  # (the text alone, most often)
        self.graph.html_node(
            self.node_id(claim.id),
            label,
            (("id", literal("claim-" + claim.id)), ("tooltip", tooltip(hover))),
        )

    def hover(self, element: Claim | Relation) -> str:
        """The tooltip of a claim or relation: its text, note, quotes (with speaker, source,
        locator and date) and sources."""
        parts = [element.text] if isinstance(element, Claim) else []
        if isinstance(element, Claim) and element.date:
            parts.append(f"Date: {element.date}")
        if element.note:
            parts.append(f"Note: {element.note}")
        for q in element.quotes:
            parts.append(f"\u201c{q.text}\u201d \u2014 {self._attribution(q)}".rstrip(" \u2014"))
        for sid in element.sources:
            source = self._sources.get(sid)
            if source is None:
                parts.append(f"Source: {sid}")
            else:
                bits = [source.title, source.author, source.date, source.url]
                parts.append("Source: " + ", ".join(b for b in bits if b))
        return "\n\n".join(parts)

    def _attribution(self, q: Quote) -> str:
        """Who said a quote, where and when: "Speaker, Source title, locator, date"."""
        bits = []
        if q.speaker:
            bits.append(perspective_name(self.amap, q.speaker))
        if q.source:
            source = self._sources.get(q.source)
            bits.append(source.title if source is not None else q.source)
        bits += [b for b in (q.locator, q.date) if b]
        return ", ".join(bits)

    def _claim_look(self, kind: ClaimKind | None, strong: bool) -> tuple[str, str, str, str]:
        """The parts of a claim's label that only its kind and ``strong`` decide: the table's
        opening, the kind's cell, the text's ink and the muted ink (made once each)."""
        key = (kind, strong)
        look = self._claim_looks.get(key)
        if look is None:
            word, fill, rounded = KIND_STYLE[kind]
            ink = TEXT if strong else DIM_TEXT
            muted = MUTED if strong else DIM_TEXT
            border = "#4A4A4A" if strong else DIM_LINE
            if not strong:
                fill = "#FFFFFF"
            style = ' STYLE="rounded"' if rounded else ""
            look = self._claim_looks[key] = (
                f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2" BGCOLOR="{fill}" '
                f'COLOR="{border}"{style}>',
                cell([word], 8, bold=True, color=muted),
                ink,
                muted,
            )
        return look

    def _source_row(self, sources: Sequence[str], muted: str) -> str:
        """The claim's sources as small cells, each a link when the source has a URL."""
        self.used.sources = True
        cells = []
        for sid in dict.fromkeys(sources):
            source = self._sources.get(sid)
            attributes = ""
            if source is not None:
                attributes = f' TITLE="{html_text(source.title)}"'
                link = _link(source.url) if self.link_sources else None
                if link:
                    attributes += f' HREF="{link}" TARGET="_blank"'
            cells.append(cell(text_lines(f"[{sid}]", 30), 7, color=muted, padding=1, attributes=attributes))
        rows = ["<TR>" + "".join(cells[i : i + 3]) + "</TR>" for i in range(0, len(cells), 3)]
        table = f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0">{"".join(rows)}</TABLE>'
        return f'<TR><TD ALIGN="LEFT" CELLPADDING="1">{table}</TD></TR>'

    def _quote_rows(self, quotes: Sequence[Quote], ink: str, muted: str) -> str:
        """The claim's quotes, each with who said it, where and when (``quotes=True``)."""
        self.used.quotes = True
        rows = []
        for q in quotes:
            text = text_lines(f"\u201c{q.text}\u201d", QUOTE_WRAP)
            rows.append(f"<TR>{cell(text, 9, italic=True, color=ink)}</TR>")
            who = self._attribution(q)
            if who:
                rows.append(f"<TR>{cell(text_lines('- ' + who, QUOTE_WRAP + 6), 8, color=muted)}</TR>")
        return "".join(rows)

    def _band(self, claim_id: str) -> str | None:
        cells: list[str] = []
        status = self.status.get(claim_id)
        if status in STATUS:
            text, bg, fg = STATUS[status]
            self.used.statuses.add(status)
            cells.append(cell([text], 8, bold=True, color=fg, attributes=f' BGCOLOR="{bg}"'))
        if self.compare is not None:
            p, q = self.compare
            sp = stance(self.amap, p, claim_id)
            sq = stance(self.amap, q, claim_id)
            kind, text, bg = agreement(self.amap, (p, q), (sp, sq), self.colors)
            if kind:
                self.used.compare.add(kind)
                cells.append(
                    cell(text_lines(text, 40), 8, bold=True, color=ink_on(bg), attributes=f' BGCOLOR="{bg}"')
                )
        if not cells:
            return None
        inner = "".join(cells)
        return (
            f'<TR><TD ALIGN="LEFT" CELLPADDING="0"><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0">'
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
            name = text_lines(perspective_name(self.amap, pid), BADGE_WRAP)
            cells.append(cell(name, 8, color=ink, attributes=f' BGCOLOR="{color}"'))
        for pid in rejecters:
            color = self.colors.get(pid, "#777777") if strong else DIM_LINE
            self.used.rejects = True
            self.used.perspectives[pid] = None
            name = text_lines(perspective_name(self.amap, pid) + " rejects", BADGE_WRAP)
            ink = readable(color) if strong else DIM_TEXT
            cells.append(
                cell(name, 8, color=ink, attributes=f' BORDER="1" COLOR="{color}" BGCOLOR="#FFFFFF"')
            )
        per_row = 3
        rows = ["<TR>" + "".join(cells[i : i + per_row]) + "</TR>" for i in range(0, len(cells), per_row)]
        return f'<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="0">{"".join(rows)}</TABLE>'

    def question_node(self, qid: str) -> None:
        q = self.amap.question(qid)
        self.used.question = True
        label = (
            f'<<TABLE BORDER="2" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2" BGCOLOR="{QUESTION_FILL}" '
            f'COLOR="#7A6A00" STYLE="rounded"><TR><TD ALIGN="LEFT" CELLPADDING="1"><TABLE BORDER="0" '
            f'CELLSPACING="0" CELLPADDING="0"><TR>{cell(["QUESTION"], 8, bold=True, color=MUTED)}'
            f'<TD WIDTH="8"></TD>{cell([q.id], 8, color=MUTED)}</TR></TABLE></TD></TR>'
            f"<TR>{cell(text_lines(q.text, 30), 12, bold=True, padding=3)}</TR></TABLE>>"
        )
        self.sizes["question:" + qid] = (200.0, 60.0)
        self.graph.node(
            self.node_id("question:" + qid), label, tooltip=tooltip(q.text), id=literal("question-" + qid)
        )

    def missing_node(self, node_id: str, what: str) -> None:
        if node_id in self.missing:
            return
        self.missing.add(node_id)
        self.used.missing = True
        self.sizes[node_id] = (120.0, 24.0)
        label = (
            '<<TABLE BORDER="1" STYLE="dashed" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2" '
            'COLOR="#C0392B">'
            f"<TR>{cell(text_lines(f'? {node_id} ({what})', 30), 10, color='#C0392B')}</TR></TABLE>>"
        )
        self.graph.node(self.node_id(node_id), label, shape="plain", tooltip=tooltip(f"{node_id}: {what}"))

    # -- edges --
    def by_label(
        self,
        by: Sequence[str],
        strong: bool,
        rejected: Sequence[str] = (),
        accepted: Sequence[str] = (),
        scheme: str | None = None,
    ) -> str | None:
        """An HTML label naming the perspectives that assert (or accept) a relation, and those
        that reject it ("NAME rejects"), under the relation's scheme when it has no mark to
        show it in; None: no label."""
        if (not by and not rejected and not accepted and not scheme) or self.compact:
            return None
        rows = []
        if scheme:
            ink = MUTED if strong else DIM_TEXT
            rows.append(cell(text_lines(scheme, MARK_WRAP), 7, italic=True, color=ink, padding=1))
        # In one perspective's view its own name on every relation says nothing new.
        skip = self.view.focus_of if len(self.view.focus_of) == 1 else frozenset()
        for pid in dict.fromkeys(p for p in (*by, *accepted) if p not in skip):
            self.used.perspectives[pid] = None
            color = readable(self.colors.get(pid, "#777777")) if strong else DIM_TEXT
            rows.append(
                cell(text_lines(perspective_name(self.amap, pid), BADGE_WRAP), 8, color=color, padding=1)
            )
        for pid in dict.fromkeys(rejected):
            self.used.perspectives[pid] = None
            self.used.rejected_relation = True
            color = readable(self.colors.get(pid, "#777777"))
            name = text_lines(perspective_name(self.amap, pid) + " rejects", BADGE_WRAP)
            rows.append(cell(name, 8, color=color, padding=1, attributes=f' BORDER="1" COLOR="{color}"'))
        if not rows:
            return None
        body = "".join(f"<TR>{r}</TR>" for r in rows)
        table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="0" BGCOLOR="#FFFFFF">'
        return f"<{table}{body}</TABLE>>"

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
        hover: str | None = None,
    ) -> None:
        self.used.relations.add(kind)
        if not strong:
            self.used.dimmed = True
        look = edge_attributes(kind, strong, arrowhead)
        if kind != "contradiction" or arrowhead is not None:  # (a contradiction does not rank)
            self.links.append((tail, head, len(self.graph.body)))
        if hover:
            self.graph.edge(
                self.node_id(tail), self.node_id(head), label, _attributes=look, tooltip=tooltip(hover)
            )
        elif label is None:
            self.graph.quoted_look_edge(self.quoted_id(tail), self.quoted_id(head), look)
        else:
            self.graph.edge(self.node_id(tail), self.node_id(head), label, _attributes=look)

    def claim_ref(self, claim_id: str) -> str:
        if claim_id not in self.claims:
            self.missing_node(claim_id, "not defined")
        return claim_id

    def mark_node(self, node: str, relation: Relation, strong: bool) -> None:
        """The node a linked or named relation passes through: a dot where linked premises or
        attackers meet, or a small box with the relation's name (and scheme) that undercuts
        land on."""
        name = relation.name
        kind = _KIND[type(relation)]
        if name is None:
            self.sizes[node] = (8.0, 8.0)
            self.used.junction = True
            self.graph.node(self.node_id(node), "", _attributes=inference_look(False, strong))
            return
        self.used.inference = True
        self.sizes[node] = (text_width(name[:MARK_WRAP], 8) + 10, 16.0)
        ink = MUTED if strong else DIM_TEXT
        rows = [f"<TR>{cell(text_lines(name, MARK_WRAP), 8, italic=True, color=ink, padding=1)}</TR>"]
        scheme = getattr(relation, "scheme", None)
        if scheme:
            rows.append(f"<TR>{cell(text_lines(scheme, MARK_WRAP), 7, color=ink, padding=1)}</TR>")
        border = INK if strong else DIM_LINE
        style = ' STYLE="rounded"' if kind == "support" else ""
        label = (
            f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" COLOR="{border}" '
            f'BGCOLOR="#FFFFFF"{style}>{"".join(rows)}</TABLE>>'
        )
        hover = f"{kind} {name}" + (f" ({scheme})" if scheme else "")
        extra = self.hover(relation)
        # node(..., _attributes=look, tooltip=..., id=...) writes the keywords sorted, then the
        # look: html_node writes them as given, faster
        attributes = (
            ("id", literal(f"relation-{name}")),
            ("tooltip", tooltip(hover + ("\n\n" + extra if extra else ""))),
            *inference_look(True, strong),
        )
        self.graph.html_node(self.node_id(node), label, attributes)


def _id_cell(claim_id: str, color: str) -> str:
    """``cell([claim_id], 8, color=color)``, made faster: an id holds no character to escape
    (it matches :data:`argmap.model.ID_PATTERN`) and no line break."""
    if not _ID.fullmatch(claim_id):
        return cell([claim_id], 8, color=color)
    width = math.ceil(text_width(claim_id, 8)) + 6
    return (
        f'<TD ALIGN="LEFT" BALIGN="LEFT" CELLPADDING="2" WIDTH="{width}">'
        f'<FONT POINT-SIZE="8" COLOR="{color}">{claim_id}</FONT></TD>'
    )


#: What an id whose cell needs no escaping looks like (ASCII letters, digits, _ and -).
_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")


def _link(url: str | None) -> str | None:
    """A source's URL as an HREF value, or None when it is not a web or mail address (no
    ``javascript:`` links). Characters a URL should not hold are percent-encoded, and ``&``
    is written so that both renderers put exactly ``&amp;`` in the SVG (system Graphviz
    decodes entities in HREF once more and would write a bare ``&``)."""
    from urllib.parse import quote, urlsplit

    if not url:
        return None
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    if scheme not in ("http", "https", "mailto", "ftp"):
        return None
    safe = quote(url, safe=":/?#[]@!$&()*+,;=%-._~")
    return safe.replace("&", "&amp;amp;")


#: From how many claims drawn a forked copy writes the claims' statements (when the caller lets
#: it: see :func:`write`); below it, the fork costs more than it saves.
SPLIT_FROM = 2_500


def write(w: Writer, jobs: int | None = 1) -> None:
    """Add the view's nodes and edges: claims (in their sections' clusters when that helps),
    questions, relations. With ``jobs`` other than 1 (None: from :data:`SPLIT_FROM` claims
    drawn; 2: any), a forked copy writes the claims' statements meanwhile, into a
    :class:`~argmap.drawing.body.Spool` that comes before the graph's body: then
    :func:`node_order` gives the nodes before :func:`finish` gives their sizes."""
    amap, view = w.amap, w.view
    plan = _claim_plan(w)
    drawn = sum(1 for item in plan if not isinstance(item, str))
    if jobs != 1 and drawn and (jobs is not None or drawn >= SPLIT_FROM):
        w.elsewhere = _ClaimsElsewhere.start(w, plan)
    if w.elsewhere is None:
        _draw_claims(w, plan)
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
    _relations(w)
    if w.mark_path:
        _marks_into_clusters(w)


def node_order(w: Writer) -> Mapping[str, object]:
    """The drawing's nodes in the order :attr:`Writer.sizes` will hold them (its keys; the
    values are not the sizes), already while a copy writes the claims (see :func:`write`)."""
    if w.elsewhere is None:
        return w.sizes
    order: dict[str, object] = dict.fromkeys(w.elsewhere.ids)
    order.update(w.sizes)
    return order


def finish(w: Writer) -> None:
    """Wait for the claims a copy writes (see :func:`write`; if it failed, write them here)
    and take in their sizes and what they used: :attr:`Writer.sizes` and :attr:`Writer.used`
    are then as if they were written here, and the graph's ``spool`` holds their statements."""
    elsewhere, w.elsewhere = w.elsewhere, None
    if elsewhere is not None:
        elsewhere.finish(w)


@attrs.frozen
class _Drawn:
    """What drawing the claims into a spool gives: the spool's pieces (their lengths in
    bytes), each claim's width and height (in the plan's order) and what they used."""

    lengths: list[int]
    sizes: array[float]
    used: Used


class _ClaimsElsewhere:
    """The claims' statements, written by a forked copy into a spool while this process draws
    the rest (or here, into the same spool, when the copy fails)."""

    def __init__(self, plan: list[Claim | str], spool: Spool) -> None:
        self.plan = plan
        self.spool = spool
        self.ids = [item.id for item in plan if not isinstance(item, str)]
        self.result: Callable[[], _Drawn | None] = lambda: None

    @classmethod
    def start(cls, w: Writer, plan: list[Claim | str]) -> _ClaimsElsewhere | None:
        """The copy started, or None when it cannot be (:func:`argmap.util.forking.can_fork`)."""
        try:
            made = cls(plan, Spool())
        except OSError:  # no temporary file to be had: all written here
            return None
        result = start_in_copy(lambda: made.there(w))
        if result is None:
            made.spool.close()
            return None
        made.result = result
        return made

    def there(self, w: Writer) -> _Drawn:
        """In the forked copy: :meth:`draw`."""
        return self.draw(w)

    def draw(self, w: Writer) -> _Drawn:
        """Draw the claims into the spool, with sizes and uses of their own (the writer's are
        put back after)."""
        body, sizes, used = w.graph.body, w.sizes, w.used
        w.graph.body, w.sizes, w.used = self.spool, {}, Used()
        try:
            _draw_claims(w, self.plan)
            self.spool.flush()
            drawn = array("d", [x for cid in self.ids for x in w.sizes[cid]])
            return _Drawn(self.spool.lengths, drawn, w.used)
        finally:
            w.graph.body, w.sizes, w.used = body, sizes, used

    def finish(self, w: Writer) -> None:
        """Take in what the copy wrote (see :func:`finish`), or write it here if it failed (in
        memory: the file may be what failed it)."""
        got = self.result()
        if got is None:
            self.spool.close()
            self.spool = Spool(io.BytesIO())
            got = self.draw(w)
        else:
            self.spool.take(got.lengths)
        sizes: dict[str, tuple[float, float]] = {}
        it = iter(got.sizes)
        for cid, width, height in zip(self.ids, it, it, strict=True):
            sizes[cid] = (width, height)
        sizes.update(w.sizes)  # (what was drawn here comes after, as in one writing)
        w.sizes = sizes
        w.used = got.used.merged(w.used)
        w.graph.spool = self.spool


def _claim_plan(w: Writer) -> list[Claim | str]:
    """The claim nodes to draw, in document order, inside their sections' clusters (the
    statements that open and close them, as text) when the drawing is small enough and its
    claims lie in two sections or more; notes each claim's chain of clusters."""
    amap, view = w.amap, w.view
    drawn: dict[str, Claim] = {}
    for claim in amap.claims:
        if claim.id in view.shown and claim.id not in drawn:
            drawn[claim.id] = claim
    sections: dict[str, list[Claim]] = {}
    if amap.sections and len(drawn) <= CLUSTER_LIMIT and not w.compact:
        for claim in drawn.values():
            section = amap.section_of(claim)
            sections.setdefault(section.id if section is not None else "", []).append(claim)
    if len([s for s in sections if s]) < 2:
        return list(drawn.values())
    w.used.sections = True
    known = {s.id: s for s in reversed(amap.sections)}
    children: dict[str, list[str]] = {}
    for sid, section in known.items():
        parent = section.parent
        children.setdefault(parent if parent in known else "", []).append(sid)
    for kids in children.values():
        kids.reverse()  # back in document order

    def has_claims(sid: str) -> bool:
        return bool(sections.get(sid)) or any(has_claims(k) for k in children.get(sid, ()))

    plan: list[Claim | str] = []

    def emit(sid: str, depth: int, path: tuple[str, ...]) -> None:
        if sid and depth < 8:
            path = (*path, sid)
            section: Section = known[sid]
            title = cell(text_lines(section.title, 60), 10, bold=True, color=MUTED)
            plan.append(
                f"\tsubgraph {w.graph._quote(literal('cluster_section:' + sid))} {{\n"
                '\t\tgraph [label=<<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0">'
                f"<TR>{title}</TR></TABLE>> "
                f'labeljust=l style="rounded,dashed" color="#B0B0B0" margin=10 '
                f"id={w.graph._quote(literal('section-' + sid))}]\n"
            )
        for claim in sections.get(sid, ()):
            plan.append(claim)
            if path:
                w.cluster_path[claim.id] = path
        for kid in children.get(sid, ()):
            if has_claims(kid):
                emit(kid, depth + 1, path)
        if sid and depth < 8:
            plan.append("\t}\n")

    emit("", 0, ())
    return plan


def _draw_claims(w: Writer, plan: list[Claim | str]) -> None:
    """The claim nodes of :func:`_claim_plan`, and the clusters' statements between them."""
    append = w.graph.body.append
    claim_node = w.claim_node
    for item in plan:
        if isinstance(item, str):
            append(item)
        else:
            claim_node(item)


def _marks_into_clusters(w: Writer) -> None:
    """Open each section's cluster again (by its name, nested as before) and add the marks
    that belong in it."""
    by_path: dict[tuple[str, ...], list[str]] = {}
    for node, path in w.mark_path.items():
        if path:
            by_path.setdefault(path, []).append(node)
    for path, nodes in by_path.items():
        opening = "".join(f"subgraph {w.graph._quote(literal('cluster_section:' + sid))} {{ " for sid in path)
        members = " ".join(f"{w.graph._quote_edge(w.node_id(n))};" for n in nodes)
        w.graph.body.append(f"\t{opening}{members}{' }' * len(path)}\n")


def relation_marks(amap: ArgumentMap) -> list[tuple[Relation, str | None, list[str]]]:
    """Each relation of the whole map's drawing, in document order, with the mark it passes
    through (None: none) and its edges as the SVG titles them (``tail->head``): the decisions
    :func:`write` makes, for the interactive page to find a relation's parts."""
    targets = {u.target for u in amap.undercuts}
    names = {r.name for r in amap.relations if r.name is not None}
    found: dict[int, tuple[Relation, str | None, list[str]]] = {}
    marks: dict[str, str] = {}
    n = 0
    for i, e in enumerate(amap.elements):
        if isinstance(e, Support):
            n += 1
            node = _mark_id(e, n) if e.linked or e.name is not None else None
            found[i] = (e, node, _edge_keys(list(e.premises), e.conclusion, node, contradiction=False))
        elif isinstance(e, Rebuttal):
            n += 1
            node = _mark_id(e, n) if e.linked or (e.name is not None and e.name in targets) else None
            found[i] = (e, node, _edge_keys(list(e.attackers), e.target, node, contradiction=False))
        elif isinstance(e, Contradiction):
            n += 1
            node = _mark_id(e, n) if e.name is not None and e.name in targets else None
            found[i] = (e, node, _edge_keys([e.left], e.right, node, contradiction=True))
        else:
            continue
        if node is not None and e.name is not None:
            marks.setdefault(e.name, node)
    for i, e in enumerate(amap.elements):
        if isinstance(e, Undercut):
            n += 1
            answered = e.name is not None and e.name in targets
            node = _mark_id(e, n) if answered or e.linked else None
            if node is not None and e.name is not None:
                marks.setdefault(e.name, node)
            found[i] = (e, node, [])
    for e, node, keys in found.values():
        if isinstance(e, Undercut):
            end = marks.get(e.target) if e.target in names else None
            keys.extend(
                _edge_keys(list(e.attackers), end or f"support:{e.target}", node, contradiction=False)
            )
    return [found[i] for i in sorted(found)]


def _edge_keys(starts: list[str], end: str, node: str | None, *, contradiction: bool) -> list[str]:
    if node is None:
        return [f"{starts[0]}->{end}"]
    if contradiction:
        return [f"{node}->{starts[0]}", f"{node}->{end}"]
    return [*(f"{s}->{node}" for s in starts), f"{node}->{end}"]


def _mark_id(relation: Relation, n: int) -> str:
    kind = _KIND[type(relation)]
    return f"{kind}:{relation.name}" if relation.name is not None else f"{kind}#{n}"


def _relations(w: Writer) -> None:
    """Supports, rebuttals and contradictions in document order, then the undercuts, each
    after the relation it attacks (an undercut of an undercut after that undercut)."""
    amap, view = w.amap, w.view
    undercut_targets = {u.target for u in amap.undercuts}
    focus_undercut_targets = {u.target for u in amap.undercuts if view.focus_of & set(u.by)}
    rejected_by_focus = {
        r.name for p in view.focus_of for r in amap.relations_rejected_by(p) if r.name is not None
    }
    marks: dict[str, str] = {}  # relation name -> the node undercuts land on
    n = 0
    for e in amap.elements:
        if isinstance(e, Support):
            n += 1
            ends = [*e.premises, e.conclusion]
            if not _ends_shown(w, ends):
                continue
            if view.relation_filter == "strong" and not (
                view.focus_of & set(e.by) or e.name in focus_undercut_targets or e.name in rejected_by_focus
            ):
                continue  # not the perspective's, and no undercut of its lands on it
            node = _mark_id(e, n) if e.linked or e.name is not None else None
            _draw(w, e, "support", list(e.premises), e.conclusion, node=node, marks=marks)
        elif isinstance(e, Rebuttal):
            n += 1
            ends = [*e.attackers, e.target]
            if not _relation_shown(w, ends, e, rejected_by_focus):
                continue
            named = e.name is not None and e.name in undercut_targets
            node = _mark_id(e, n) if e.linked or named else None
            _draw(w, e, "rebuttal", list(e.attackers), e.target, node=node, marks=marks)
        elif isinstance(e, Contradiction):
            n += 1
            ends = [e.left, e.right]
            if not _relation_shown(w, ends, e, rejected_by_focus):
                continue
            node = _mark_id(e, n) if e.name is not None and e.name in undercut_targets else None
            _draw(w, e, "contradiction", [e.left], e.right, node=node, marks=marks)
    # Undercuts: breadth first from the marks drawn, so that each lands on a drawn node.
    by_target: dict[str, list[tuple[int, Undercut]]] = {}
    names = {r.name for r in amap.relations if r.name is not None}
    dangling: list[tuple[int, Undercut]] = []
    for e in amap.elements:
        if isinstance(e, Undercut):
            n += 1
            if e.target in names:
                by_target.setdefault(e.target, []).append((n, e))
            else:
                dangling.append((n, e))
    queue = deque(marks)
    while queue:
        target = queue.popleft()
        for number, u in by_target.pop(target, ()):
            if not _undercut_shown(w, u, rejected_by_focus):
                continue
            answered = u.name is not None and u.name in by_target
            node = _mark_id(u, number) if answered or u.linked else None
            _draw(
                w, u, "undercut", list(u.attackers), marks[target], node=node, marks=marks, head_is_mark=True
            )
            if answered and u.name is not None:
                queue.append(u.name)
    for number, u in dangling:
        if not _undercut_shown(w, u, rejected_by_focus):
            continue
        found = f"support:{u.target}"
        w.missing_node(found, "no such relation")
        node = _mark_id(u, number) if u.linked else None
        _draw(w, u, "undercut", list(u.attackers), found, node=node, marks=marks, head_is_mark=True)


def _draw(
    w: Writer,
    e: Relation,
    kind: str,
    starts: list[str],
    end: str,
    *,
    node: str | None,
    marks: dict[str, str],
    head_is_mark: bool = False,
) -> None:
    """One relation: from ``starts`` to ``end``, through its mark ``node`` when it has one."""
    amap = w.amap
    holders: Sequence[str] = ()
    rejecters: Sequence[str] = ()
    if e.name is not None:
        holders, rejecters = amap.holders(e.name), amap.rejecters(e.name)
    claim_ends = starts if head_is_mark else [*starts, end]
    strong = w.relation_strong(e.by, claim_ends)
    label = w.by_label(e.by, strong, rejecters, holders, e.scheme if node is None else None)
    for c in starts:
        w.claim_ref(c)
    if not head_is_mark:
        w.claim_ref(end)
    # a relation's note, quotes and sources show on its last arrow (a mark shows them too)
    hover = w.hover(e) if e.note or e.quotes or e.sources else None
    if node is None:
        w.edge(starts[0], end, kind, strong=strong, label=label, hover=hover)
        return
    if e.name is not None:
        marks[e.name] = node
    w.mark_node(node, e, strong)
    if w.cluster_path:
        w.mark_path[node] = (
            w.mark_path[end] if head_is_mark and end in w.mark_path else w.cluster_path.get(end, ())
        )
    if kind == "contradiction":
        w.edge(node, starts[0], kind, strong=strong, arrowhead="tee")
        w.edge(node, end, kind, strong=strong, label=label, arrowhead="tee", hover=hover)
        return
    for p in starts:
        w.edge(p, node, kind, strong=strong, arrowhead="none")
    w.edge(node, end, kind, strong=strong, label=label, hover=hover)


def _ends_shown(w: Writer, ends: Sequence[str]) -> bool:
    """Whether a relation between ``ends`` is drawn: none of them is a claim left out of the
    view, and at least one is a claim in it."""
    shown = w.view.shown
    if not w.every_claim_shown and not all(c in shown or c not in w.claims for c in ends):
        return False
    return not shown.isdisjoint(ends)


def _relation_shown(w: Writer, ends: Sequence[str], e: Relation, rejected_by_focus: set[str]) -> bool:
    """Whether a rebuttal or contradiction between ``ends`` is drawn."""
    if not _ends_shown(w, ends):
        return False
    view = w.view
    if view.relation_filter != "strong":
        return True
    return bool(view.focus_of & set(e.by)) or e.name in rejected_by_focus


def _undercut_shown(w: Writer, u: Undercut, rejected_by_focus: set[str]) -> bool:
    view = w.view
    if any(a not in view.shown and a in w.claims for a in u.attackers):
        return False
    if view.relation_filter == "strong":
        return bool(view.focus_of & set(u.by)) or u.name in rejected_by_focus
    return True


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
        rows = []
        if title_text:
            rows.append(f"<TR>{cell(text_lines(title_text, 70), 18, bold=True)}</TR>")
        for line in view.subtitle:
            rows.append(f"<TR>{cell(text_lines(line, 90), 12, color=MUTED)}</TR>")
        attrs_["label"] = f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0">{"".join(rows)}</TABLE>>'
        attrs_["labelloc"] = "t"
        attrs_["labeljust"] = "c"
    return attrs_
