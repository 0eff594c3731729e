"""Drawing a map with Graphviz: the map as DOT text (:func:`to_dot`) and as a picture (:func:`render`).

What the picture shows:

* claims as boxes: a header with the kind (FACT, INTERPRETATION, ...) and, in a cell of its own,
  the id; the wrapped text; a row of badges for the perspectives that hold (filled with the
  perspective's colour) or reject (outlined, "NAME rejects") the claim, full names wrapped, never
  cut; the sources (links when they have a web address); with ``quotes=True`` the quotes, each
  with speaker, source, locator and date. Every text cell is as wide as its text measures in
  Helvetica's widths (:mod:`~argmap.drawing.metrics`), so both renderers keep text inside its box;
  questions are yellow boxes with a thick border, and claims point to the questions they answer
  with a thin grey line;
* relations in one neutral ink, told apart by line *and* arrowhead: support a solid line with a
  filled arrow; rebuttal a dashed line ending in a bar; undercut a dotted line ending in a bar on
  the mark of the relation it attacks; contradiction two lines side by side with bars at both ends;
* premises or attackers that act together meeting in one dot before the arrow goes on; a named
  support, and a named attack that something undercuts, through a small box with its name and
  scheme (AIF's RA and CA nodes); a stance on a relation as "NAME rejects" by its arrow;
* each perspective in one colour everywhere (its ``color`` attribute, else the designed palette of
  :mod:`~argmap.drawing.palette`, in the order the perspectives are defined): on the badges and on
  the relations it asserts (a label in its colour; left out of large, compact drawings, where any
  edge label would make dot several times slower);
* sections as framed clusters when the drawing is small enough and spans two or more;
* the title, the view in a subtitle, and a legend listing only what the picture uses (``legend``:
  ``compact``, the default, ``full`` or ``none``);
* tooltips: a claim's text, date, note, quotes and sources; a relation's note, quotes and sources.

Without a ``rankdir`` the direction of the arrows (and how far a wide fan of sources is staggered)
comes from the map's shape (:mod:`~argmap.drawing.shape`), so that the picture fits a page or a
screen; a ``rankdir`` given wins.

Views (all keyword arguments, combinable unless said otherwise): ``perspective`` (its claims and
relations stand out, the rest is dimmed; ``only=True`` drops the rest), ``compare=(P, Q)``
(where two perspectives agree and differ), ``question`` (the claims answering it and what bears
on them), ``focus`` with ``depth`` (the neighbourhood of one claim), ``labels`` (claims marked
in/out/undecided by an argumentation semantics, or by a mapping given directly).

The steps, one module each: :mod:`~argmap.drawing.views` (what the view shows),
:mod:`~argmap.drawing.palette` (each perspective's colour), :mod:`~argmap.drawing.styles` (the
look), :mod:`~argmap.drawing.text` (escaping and wrapping) and :mod:`~argmap.drawing.metrics`
(text widths), :mod:`~argmap.drawing.shape`, :mod:`~argmap.drawing.dot` (the nodes
and edges, in a ``graphviz.Digraph`` from :mod:`~argmap.drawing.digraph`),
:mod:`~argmap.drawing.legend`. This module holds the entry points, the labelling and the layout
settings. The layout runs through :mod:`argmap.drawing.backends` (our own subprocess, with a
timeout, on either backend), never through the graphviz package's ``render``/``pipe``. All text
goes through :func:`html_text` (HTML-like labels) or :func:`dot_string`'s escaping (every other
value), so no claim text can change the graph's structure. Large maps get faster layout settings
(see :func:`layout_settings`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from argmap.drawing import (
    BACKENDS,
    ENGINES,
    FORMATS,
    RANKDIRS,
    BackendName,
    EngineName,
    LegendMode,
    RankDir,
    RenderFormat,
)
from argmap.drawing.body import Body
from argmap.drawing.digraph import digraph_class
from argmap.drawing.dot import Writer, finish, graph_attributes, node_order, write
from argmap.drawing.legend import LEGENDS, draw_legend, legend_size
from argmap.drawing.metrics import FONT_STACK
from argmap.drawing.palette import OKABE_ITO, TOL_MUTED, perspective_colors
from argmap.drawing.styles import EDGE_DEFAULTS, FONT, NODE_DEFAULTS, STATUS
from argmap.drawing.text import WRAP, dot_string, html_text
from argmap.drawing.views import make_view
from argmap.errors import SearchStopped, UnknownChoiceError, ViewError
from argmap.model import ArgumentMap
from argmap.semantics import SEMANTICS, RuleName, SemanticsName
from argmap.util.gcpause import paused_gc

if TYPE_CHECKING:
    from argmap.drawing.backends import Backend
    from argmap.drawing.shape import Layering

__all__ = [
    "ENGINES",
    "FONT",
    "FORMATS",
    "HUGE",
    "LARGE",
    "OKABE_ITO",
    "RANKDIRS",
    "SEMANTICS",
    "TOL_MUTED",
    "WRAP",
    "ViewError",
    "dot_chunks",
    "dot_string",
    "html_page",
    "html_text",
    "layout_settings",
    "perspective_colors",
    "render",
    "to_dot",
]

#: Above this many nodes the layout is tuned for speed (straight edges, fewer passes, no
#: relation labels); above HUGE even more so. See docs/benchmarks.md for the measurements.
LARGE = 300
HUGE = 1500
#: Above this many nodes edges are straight lines (routing them around nodes costs more).
STRAIGHT = 800


# ---- layout settings -----------------------------------------------------------------------------
def layout_settings(nodes: int, engine: EngineName = "dot") -> dict[str, str]:
    """Graph attributes for a layout of ``nodes`` nodes: the full look for small maps, and
    from :data:`LARGE` nodes on fewer crossing-reduction and network-simplex passes, tightened
    step by step up to :data:`HUGE` nodes (so that the time grows smoothly with the size: no
    setting jumps at one size), and straight edges from :data:`STRAIGHT` nodes."""
    if engine == "dot":
        settings = {"newrank": "true", "nodesep": "0.3", "ranksep": "0.45"}
        if nodes > LARGE:
            # 0 at LARGE, 1 at HUGE and above: each limit moves on a log scale between its
            # two ends (network simplex for the x positions dominates big layouts: its limit
            # 0.02 makes a 5,000-claim map 3-4 times faster, bench/render.py, at the price of
            # less balanced spacing).
            t = min(1.0, (nodes - LARGE) / (HUGE - LARGE))
            nslimit = f"{2 * 0.01**t:.3g}"
            settings |= {"mclimit": f"{0.3 * (0.05 / 0.3) ** t:.3g}", "nslimit": nslimit, "nslimit1": nslimit}
            settings |= {"remincross": "false", "searchsize": str(round(30 - 20 * t))}
            settings["splines"] = "line" if nodes > STRAIGHT else "polyline"
        return settings
    settings = {"overlap": "prism" if engine == "sfdp" else "false", "sep": "+6", "splines": "true"}
    if engine in ("neato", "fdp"):
        settings["overlap"] = "scalexy" if nodes > LARGE else "false"
    if nodes > LARGE:
        settings["splines"] = "false"
    return settings


# ---- labels --------------------------------------------------------------------------------------
def _labels_of(
    amap: ArgumentMap, labels: SemanticsName | Mapping[str, str] | None, perspective: str | None = None
) -> tuple[dict[str, str], str | None]:
    """Each claim's status ("in", "out", "undec") for ``labels``, and the semantics that gave it
    (None when the labels were given as a mapping); with ``perspective`` (a view of that
    perspective alone), the labels of its own framework (docs/semantics.md, "Per perspective")."""
    if labels is None:
        return {}, None
    if isinstance(labels, str):
        UnknownChoiceError.check("semantics", labels, SEMANTICS)
        from argmap.semantics.evaluate import claim_labels

        try:
            found = claim_labels(amap, labels, perspective=perspective)
        except SearchStopped as exc:
            raise ViewError(
                f"cannot label the claims under {labels} semantics: {exc}", hint=exc.hint
            ) from None
        return {str(k): str(v) for k, v in found.items()}, labels
    out: dict[str, str] = {}
    for key, value in labels.items():
        if value not in STATUS:
            raise ViewError(f"label of {key!r} must be 'in', 'out' or 'undec', not {value!r}")
        out[key] = value
    return out, None


# ---- DOT -----------------------------------------------------------------------------------------
def _count_nodes(amap: ArgumentMap) -> int:
    """The nodes a drawing of the whole map has: claims, questions and support nodes."""
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
    labels: SemanticsName | Mapping[str, str] | None = None,
    rankdir: RankDir | None = None,
    engine: EngineName = "dot",
    legend: bool | LegendMode = True,
    title: bool = True,
    compact: bool | None = None,
    quotes: bool = False,
    links: bool = True,
    jobs: int | None = 1,
) -> str:
    """The map as DOT text, ready for any Graphviz layout engine.

    The views (``perspective``/``only``, ``compare``, ``question``, ``focus``/``depth``,
    ``labels``) are described in the module docstring; ``compact`` (default: only for large maps)
    leaves out relation labels to keep the layout fast; ``rankdir`` None chooses the direction
    from the map's shape; ``legend`` is ``compact`` (or True), ``full`` or ``none`` (or False);
    ``quotes`` prints each claim's quotes in its box; ``links`` makes sources with a web address
    links (the interactive page draws without them); ``jobs`` other than 1 lets a forked copy
    write the claims meanwhile (None: a big drawing's, 2: any; see
    :func:`argmap.drawing.dot.write`), with the same text. Raises :class:`ViewError` when the view
    asks for something the map does not have (:class:`~argmap.errors.UnknownPerspectiveError` and
    :class:`~argmap.errors.UnknownIdError` for a name it lacks, with a did-you-mean hint) or for an option
    that is not one of its choices (:class:`~argmap.errors.UnknownChoiceError`).
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
        quotes=quotes,
        links=links,
        jobs=jobs,
    )
    return "".join(_pieces(graph))  # (not graph.source: it lacks the statements a copy wrote)


def dot_chunks(amap: ArgumentMap, *, jobs: int | None = 1, **options: Any) -> Iterator[str]:
    """:func:`to_dot`'s text in pieces (of some hundred statements), to be written one after
    the other: the statements are held once, the whole text never (``options`` and ``jobs``
    are :func:`to_dot`'s)."""
    graph = _dot_graph(amap, **{**_TO_DOT_DEFAULTS, **options}, jobs=jobs)
    return _pieces(graph)


def _pieces(graph: Any) -> Iterator[str]:
    """The graph's text in pieces: the lines before the statements, the statements a copy
    wrote (its ``spool``), the body's, the closing line."""
    body = graph.body
    graph.body = []
    try:
        frame = list(graph)  # the lines before the statements, and the closing one
    finally:
        graph.body = body
    yield "".join(frame[:-1])
    if graph.spool is not None:
        yield from graph.spool.pieces()
    if isinstance(body, Body):
        yield from body.pieces()
    else:
        for start in range(0, len(body), _STATEMENTS_PER_CHUNK):
            yield "".join(body[start : start + _STATEMENTS_PER_CHUNK])
    yield frame[-1]


#: Statements per piece of :func:`dot_chunks`.
_STATEMENTS_PER_CHUNK = 500
#: :func:`to_dot`'s keyword arguments and their defaults.
_TO_DOT_DEFAULTS: dict[str, Any] = {
    "perspective": None,
    "only": False,
    "compare": None,
    "question": None,
    "focus": None,
    "depth": None,
    "labels": None,
    "rankdir": None,
    "engine": "dot",
    "legend": True,
    "title": True,
    "compact": None,
    "quotes": False,
    "links": True,
}


def _dot_graph(
    amap: ArgumentMap,
    *,
    perspective: str | None,
    only: bool,
    compare: Sequence[str] | None,
    question: str | None,
    focus: str | None,
    depth: int | None,
    labels: SemanticsName | Mapping[str, str] | None,
    rankdir: RankDir | None,
    engine: EngineName,
    legend: bool | LegendMode,
    title: bool,
    compact: bool | None,
    quotes: bool = False,
    links: bool = True,
    jobs: int | None = 1,
) -> Any:
    """The map as a ``graphviz.Digraph`` (see :func:`to_dot` for the arguments)."""
    if rankdir is not None:
        UnknownChoiceError.check("rankdir", rankdir, RANKDIRS)
    UnknownChoiceError.check("engine", engine, ENGINES)
    mode = ("compact" if legend else "none") if isinstance(legend, bool) else legend
    UnknownChoiceError.check("legend", mode, LEGENDS)
    # thousands of strings and tuples, no cycles: nothing for the collector (which would walk
    # the whole map again, a quarter of a second at 100,000 claims)
    with paused_gc():
        view = make_view(
            amap,
            perspective=perspective,
            only=only,
            compare=compare,
            question=question,
            focus=focus,
            depth=depth,
        )
        status, semantics = _labels_of(amap, labels, perspective if only else None)
        if semantics:
            view.subtitle.append(f"Claim status under {semantics} semantics")
        elif status:
            view.subtitle.append("Claim status as given")
        colors = perspective_colors(amap)
        nodes = _count_nodes(amap) if len(view.shown) == len(amap.claims) else len(view.shown)
        if compact is None:
            compact = nodes > LARGE
        layout = layout_settings(nodes, engine)
        graph = digraph_class()(
            "argmap",
            graph_attr=graph_attributes(amap, view, rankdir=rankdir or "TB", layout=layout, title=title),
            node_attr=NODE_DEFAULTS,
            edge_attr=EDGE_DEFAULTS,
        )
        w = Writer(
            graph,
            amap,
            view=view,
            colors=colors,
            status=status,
            compare=compare,
            compact=compact,
            quotes=quotes,
            links=links,
        )
        write(w, jobs)
        layers: Layering | None = None  # the ranks: made once, for the shape and the legend
        choose_shape = rankdir is None and engine == "dot"
        try:
            edges = [(t, h, 1) for t, h, _ in w.links]
            order = node_order(w)  # (while a copy may still write the claims)
            if choose_shape or (mode == "compact" and order):
                from argmap.drawing.shape import layering

                layers = layering(order, edges)
        finally:
            finish(w)  # the claims' sizes, whoever wrote them
        if choose_shape:
            assert layers is not None
            rankdir = _shape(w, legend_size(w) if mode == "compact" else (0.0, 0.0), edges, layers)
        anchor, columns = None, 1
        if mode == "compact" and w.sizes:
            from argmap.drawing.shape import estimate

            width, _, rank = estimate(w.sizes, edges, rankdir or "TB", layers)
            anchor = max(rank, key=rank.__getitem__)  # a node on the last rank
            # below a wide top-down drawing two entries a row; beside or under a narrow one, one
            columns = 2 if rankdir in (None, "TB", "BT") and width > LEGEND_TWO_COLUMNS else 1
        draw_legend(w, mode, anchor, columns)
        return graph


def _shape(
    w: Writer, legend: tuple[float, float], edges: list[tuple[str, str, int]], layers: Layering
) -> RankDir:
    """Choose the rank direction (and stagger wide ranks) for the reader: see
    :mod:`argmap.drawing.shape` (``edges`` the writer's links, ``layers`` their layering)."""
    from argmap.drawing.shape import choose

    shape = choose(w.sizes, edges, legend, layers)
    body = w.graph.body
    for i, length in shape.minlen.items():
        line = body[w.links[i][2]].rstrip("\n")
        line = f"{line[:-1]} minlen={length}]" if line.endswith("]") else f"{line} [minlen={length}]"
        body[w.links[i][2]] = line + "\n"
    rankdir: RankDir = "LR" if shape.rankdir == "LR" else "TB"
    w.graph.graph_attr["rankdir"] = rankdir
    return rankdir


#: Least estimated width (points) of a top-down drawing whose compact legend has two columns.
LEGEND_TWO_COLUMNS = 900


#: Seconds the interactive page's preferred and stable searches may take each (a search that
#: takes longer is offered as not computed).
PAGE_TIME_LIMIT = 10.0


# ---- running Graphviz ----------------------------------------------------------------------------
def render(
    amap: ArgumentMap,
    format: RenderFormat = "svg",
    *,
    backend: BackendName | Backend | None = None,
    timeout: float | None = None,
    engine: EngineName | None = None,
    warnings: list[str] | None = None,
    perspective: str | None = None,
    only: bool = False,
    compare: Sequence[str] | None = None,
    question: str | None = None,
    focus: str | None = None,
    depth: int | None = None,
    labels: SemanticsName | Mapping[str, str] | None = None,
    rankdir: RankDir | None = None,
    legend: bool | LegendMode = True,
    title: bool = True,
    compact: bool | None = None,
    quotes: bool = False,
    links: bool = True,
) -> bytes:
    """The map drawn in ``format`` (svg, png, pdf, dot for the DOT text itself, or html for the
    interactive page of :func:`argmap.drawing.html.html_page`).

    ``backend`` is ``auto``/``dot``/``graphviz-pure`` (see :mod:`argmap.drawing.backends`); ``timeout``
    stops a layout that runs longer (default :data:`argmap.drawing.backends.DEFAULT_TIMEOUT` s).
    ``engine`` None picks ``dot`` (large maps get faster dot settings, see
    :func:`layout_settings`). Warnings the backend prints are appended to ``warnings`` when a
    list is given. The other keywords are :func:`to_dot`'s, and so are the errors (a format or
    backend that is not one of the choices: :class:`~argmap.errors.UnknownChoiceError`); a failed layout
    raises :class:`argmap.errors.BackendError`.
    """
    from argmap.drawing.backends import DEFAULT_TIMEOUT, run_layout

    UnknownChoiceError.check("format", format, FORMATS)
    if isinstance(backend, str):
        UnknownChoiceError.check("backend", backend, BACKENDS)
    if format == "html":  # the interactive page (html_page below draws its SVG through here)
        options: dict[str, Any] = {"perspective": perspective, "only": only, "compare": compare}
        options |= {"question": question, "focus": focus, "depth": depth, "labels": labels}
        options |= {
            "rankdir": rankdir,
            "legend": legend,
            "title": title,
            "compact": compact,
            "quotes": quotes,
        }
        options |= {"engine": engine, "warnings": warnings}
        return html_page(amap, backend=backend, timeout=timeout, **options).encode("utf-8")
    chosen_engine: EngineName = engine or "dot"
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
        quotes=quotes,
        links=links,
    )
    if format == "dot":
        # Line by line: the whole text at once would be a second copy, two bytes per character
        # as soon as one name has a letter beyond Latin-1.
        return b"".join([line.encode("utf-8") for line in graph])
    result = run_layout(
        graph.source,
        format,
        engine=chosen_engine,
        backend=backend,
        timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
    )
    notes = _quiet(result.warnings)
    if result.backend.name == "graphviz-pure":
        notes.append(EMBEDDED_NOTE)
    if warnings is not None and notes:
        warnings.append("\n".join(notes))
    data = result.data
    if format == "svg":
        # The layout was measured in Helvetica's widths: name fonts that have them.
        data = data.replace(b'font-family="Helvetica,sans-Serif"', f'font-family="{FONT_STACK}"'.encode())
    return data


#: The note said once when the embedded renderer drew a picture.
EMBEDDED_NOTE = (
    "note: drawn by the embedded renderer (graphviz-pure); for the best layout install Graphviz "
    "(https://graphviz.org/download/; apt-get install graphviz, brew install graphviz)"
)


def _quiet(text: str) -> list[str]:
    """The renderer's warnings, without those argmap has made moot: the embedded renderer's
    "no value for width of non-ASCII character" (every text cell is given its measured width)
    and "no hard-coded metrics" (likewise), and without the doubled "Warning: Warning:"."""
    out: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or "no value for width of non-ASCII character" in line or "no hard-coded metrics" in line:
            continue
        out.append(line.replace("Warning: Warning: ", "Warning: "))
    return list(dict.fromkeys(out))


def html_page(
    amap: ArgumentMap,
    *,
    backend: BackendName | Backend | None = None,
    timeout: float | None = None,
    engine: EngineName | None = None,
    warnings: list[str] | None = None,
    perspective: str | None = None,
    only: bool = False,
    compare: Sequence[str] | None = None,
    question: str | None = None,
    focus: str | None = None,
    depth: int | None = None,
    labels: str | Mapping[str, str] | None = None,
    rankdir: RankDir | None = None,
    legend: bool | LegendMode = True,
    title: bool = True,
    compact: bool | None = None,
    quotes: bool = False,
    rule: RuleName = "evidential",
    time_limit: float | None = PAGE_TIME_LIMIT,
) -> str:
    """The map as one interactive HTML page (the text; :func:`argmap.render` with ``format="html"``
    gives it as UTF-8 bytes).

    The keywords are :func:`argmap.render`'s. The drawing is the whole map, or the part that
    ``question``, ``focus``/``depth`` or ``perspective`` with ``only`` keep; ``perspective``
    and ``compare`` choose the perspectives the page opens with (the reader can change them),
    ``labels`` the labelling it opens with (a semantics, or a mapping of claim id to
    in/out/undec shown as "As given"), ``focus`` the claim it opens on. ``rule`` and
    ``time_limit`` are the evaluation's (a semantics whose search outlasts the limit is
    offered as not computed, with the reason).
    """
    from argmap.drawing.html import assemble, inert_svg, initial_state, page_data

    initial, given = initial_state(amap, perspective=perspective, compare=compare, labels=labels, focus=focus)
    svg = render(
        amap,
        "svg",
        backend=backend,
        timeout=timeout,
        engine=engine,
        warnings=warnings,
        perspective=perspective if only else None,
        only=only,
        question=question,
        focus=focus,
        depth=depth,
        rankdir=rankdir,
        legend=legend,
        title=title,
        compact=compact,
        quotes=quotes,
        links=False,  # the page is inert: sources open from its panel
    )
    data = page_data(amap, rule=rule, time_limit=time_limit, given_labels=given, initial=initial)
    return assemble(inert_svg(svg), data)
