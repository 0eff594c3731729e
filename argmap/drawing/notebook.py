"""What Jupyter shows for argmap's objects: a map as its interactive page in a frame, an
evaluation and an agreement report as compact tables.

The display hooks (``ArgumentMap._repr_html_``, ``Evaluation._repr_html_``,
``AgreementReport._repr_html_``) import this module when a notebook asks for them, and never
before. Every piece of map text is escaped here; the page in the frame escapes its own
(:mod:`argmap.drawing.html`), and the frame is sandboxed: its script runs, but in an origin of
its own, with no access to the notebook.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING

from argmap.errors import ArgmapError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap
    from argmap.semantics.evaluate import AgreementReport, Evaluation

__all__ = ["FRAME_HEIGHT", "MAX_ROWS", "agreement_html", "evaluation_html", "frame", "map_bundle", "map_html"]

#: The frame's height in CSS pixels (its width is the cell's).
FRAME_HEIGHT = 620
#: An evaluation table lists at most this many claims (then says how many more there are).
MAX_ROWS = 60

_LABEL_LOOK = {
    "in": ("IN", "#1B7837", "#FFFFFF"),
    "out": ("OUT", "#5A5A5A", "#FFFFFF"),
    "undec": ("UNDEC", "#F2C14E", "#000000"),
}
_TABLE = 'style="border-collapse:collapse;font-size:13px;margin:4px 0"'
_CELL = "border:1px solid #d0d4da;padding:2px 8px"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def frame(page: str, *, title: str, height: int = FRAME_HEIGHT) -> str:
    """An HTML page shown in a sandboxed ``<iframe srcdoc>``: its scripts run in an origin of
    their own (no ``allow-same-origin``), links it opens in a new tab may leave the sandbox."""
    return (
        f'<iframe srcdoc="{_e(page)}" title="{_e(title)}" width="100%" height="{int(height)}" '
        'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
        'style="border:1px solid #c9ced6;border-radius:4px"></iframe>'
    )


def _problem(what: str, exc: ArgmapError) -> str:
    hint = f"<br><small>{_e(exc.hint)}</small>" if exc.hint else ""
    return (
        '<div role="alert" style="border:1px solid #c0392b;border-radius:4px;padding:6px 10px;'
        f'color:#9b2c20"><strong>argmap could not {what}:</strong> {_e(exc.message)}{hint}</div>'
    )


def map_html(amap: ArgumentMap, *, height: int = FRAME_HEIGHT) -> str:
    """A map as its interactive page (:func:`argmap.drawing.html.html_page`) in a frame; a clear
    message instead when it cannot be drawn (no Graphviz backend, a layout that failed)."""
    from argmap.drawing.html import html_page

    try:
        page = html_page(amap)
    except ArgmapError as exc:
        return _problem("draw this map", exc)
    return frame(page, title=f"Interactive map: {amap.title or 'argument map'}", height=height)


def map_bundle(amap: ArgumentMap, *, height: int = FRAME_HEIGHT) -> dict[str, str]:
    """What a notebook shows for a map, from one layout: the page in a frame (``text/html``)
    and the drawing itself (``image/svg+xml``, for whatever cannot show the page, such as a
    notebook turned into a PDF). Without it Jupyter would ask ``_repr_html_`` and
    ``_repr_svg_`` in turn and lay the map out twice."""
    from argmap.drawing.html import assemble, inert_svg, page_data
    from argmap.drawing.render import render

    try:
        svg = render(amap, "svg").decode("utf-8")
        page = assemble(inert_svg(svg), page_data(amap))
    except ArgmapError as exc:
        return {"text/html": _problem("draw this map", exc)}
    title = f"Interactive map: {amap.title or 'argument map'}"
    return {"text/html": frame(page, title=title, height=height), "image/svg+xml": svg}


def _label_cell(label: str) -> str:
    word, bg, ink = _LABEL_LOOK.get(label, (label.upper(), "#FFFFFF", "#000000"))
    return (
        f'<td style="{_CELL};background:{bg};color:{ink};font-weight:bold;text-align:center">{_e(word)}</td>'
    )


def _counts(labels: Iterable[str]) -> str:
    values = list(labels)
    return ", ".join(f"{values.count(k)} {k}" for k in ("in", "out", "undec"))


def evaluation_html(ev: Evaluation) -> str:
    """An evaluation as a compact table: what was evaluated, the counts, and each claim's label
    (the word as well as the colour), credulous and sceptical acceptance."""
    who = f"perspective <code>{_e(ev.perspective)}</code>" if ev.perspective else "the whole map"
    af = ev.translation.framework
    head = (
        f'<p style="margin:2px 0"><strong>{_e(ev.semantics)}</strong> semantics, {_e(ev.rule)} rule, '
        f"{who}: {len(ev.labels)} claims ({_counts(ev.labels.values())}); "
        f"{af.n} arguments, {af.attack_count()} attacks"
    )
    if ev.semantics != "grounded":
        if not ev.exists:
            head += f"; no {_e(ev.semantics)} labelling exists, every claim is undec"
        elif ev.count is not None:
            head += f"; {ev.count} labelling{'s' if ev.count != 1 else ''}"
        else:
            head += f"; more than {len(ev.extensions)} labellings (stopped by the {_e(ev.stopped_by)})"
    head += "</p>"
    rows = []
    for cid, label in list(ev.labels.items())[:MAX_ROWS]:
        cred = "yes" if cid in ev.credulous else ""
        scep = "yes" if cid in ev.sceptical else ""
        rows.append(
            f'<tr><td style="{_CELL}"><code>{_e(cid)}</code></td>{_label_cell(label)}'
            f'<td style="{_CELL};text-align:center">{cred}</td>'
            f'<td style="{_CELL};text-align:center">{scep}</td></tr>'
        )
    more = len(ev.labels) - MAX_ROWS
    if more > 0:
        rows.append(f'<tr><td colspan="4" style="{_CELL};color:#4d4d4d">and {more} more claims</td></tr>')
    header = "".join(
        f'<th style="{_CELL};text-align:left">{h}</th>' for h in ("claim", "label", "credulous", "sceptical")
    )
    body = "".join(rows)
    return f"<div>{head}<table {_TABLE}><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div>"


def agreement_html(report: AgreementReport, *, max_cruxes: int = 10) -> str:
    """An agreement report as a compact table: the pairwise agreement of the perspectives (the
    share of shared claims where they take the same stance, and how many they share), and the
    heaviest cruxes."""
    ps = list(dict.fromkeys(report.perspectives))
    if not ps:
        return "<p>No perspectives: nothing to compare.</p>"
    cells = [f'<th style="{_CELL}"></th>'] + [f'<th style="{_CELL}"><code>{_e(p)}</code></th>' for p in ps]
    rows = ["<tr>" + "".join(cells) + "</tr>"]
    for p in ps:
        row = [f'<th style="{_CELL};text-align:left"><code>{_e(p)}</code></th>']
        for q in ps:
            if p == q:
                row.append(f'<td style="{_CELL};color:#4d4d4d;text-align:center">-</td>')
                continue
            score = report.agreement.get((p, q))
            shared = report.shared.get((p, q), 0)
            if score is None:
                row.append(
                    f'<td style="{_CELL};color:#4d4d4d;text-align:center" title="no claim in common">.</td>'
                )
            else:
                shade = f"hsl({round(score * 120)},55%,{88 - 8 * score:.0f}%)"
                row.append(
                    f'<td style="{_CELL};background:{shade};text-align:center" '
                    f'title="{_e(p)} / {_e(q)}: {shared} claims in common">{score:.0%} '
                    f'<small style="color:#4d4d4d">{shared}</small></td>'
                )
        rows.append("<tr>" + "".join(row) + "</tr>")
    out = [
        f'<p style="margin:2px 0"><strong>Agreement</strong> ({_e(report.semantics)} labels, '
        f"{len(report.claims)} claims, {len(ps)} perspectives): the share of the claims both take a "
        "stance on where they take the same one, and how many those are</p>",
        f"<table {_TABLE}>{''.join(rows)}</table>",
    ]
    if report.cruxes:
        items = []
        for k in report.cruxes[:max_cruxes]:
            items.append(
                f"<li><code>{_e(k.claim)}</code>: held by {_e(', '.join(k.accepted_by))}; rejected by "
                f"{_e(', '.join(k.rejected_by))}; weight {k.weight}</li>"
            )
        more = len(report.cruxes) - max_cruxes
        if more > 0:
            items.append(f"<li>and {more} more</li>")
        out.append(
            '<p style="margin:6px 0 2px"><strong>Cruxes</strong>, heaviest first</p>'
            f"<ol>{''.join(items)}</ol>"
        )
    return "<div>" + "".join(out) + "</div>"
