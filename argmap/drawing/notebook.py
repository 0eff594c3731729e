"""What Jupyter shows for a map: its interactive page in a frame (evaluations and agreement
reports show as compact tables: :mod:`argmap.semantics.display`).

The map's display hooks (``ArgumentMap._repr_html_``, ``_repr_mimebundle_``) import this module
when a notebook asks for them, and never before. Every piece of map text is escaped here; the
page in the frame escapes its own (:mod:`argmap.drawing.html`), and the frame is sandboxed: its
script runs, but in an origin of its own, with no access to the notebook.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from argmap.errors import ArgmapError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["FRAME_HEIGHT", "frame", "map_bundle", "map_html"]

#: The frame's height in CSS pixels (its width is the cell's).
FRAME_HEIGHT = 620


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
    """A map as its interactive page (:func:`argmap.drawing.render.html_page`) in a frame; a clear
    message instead when it cannot be drawn (no Graphviz backend, a layout that failed)."""
    from argmap.drawing.render import html_page

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
        svg = render(amap, "svg", links=False).decode("utf-8")
        page = assemble(inert_svg(svg), page_data(amap))
    except ArgmapError as exc:
        return {"text/html": _problem("draw this map", exc)}
    title = f"Interactive map: {amap.title or 'argument map'}"
    return {"text/html": frame(page, title=title, height=height), "image/svg+xml": svg}
