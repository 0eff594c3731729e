"""A map as one self-contained, interactive HTML page (``argmap render -f html``).

The page holds the SVG that :func:`argmap.drawing.render.render` draws (the same layout as
``-f svg``), the data its panel needs as JSON (claims, relations, perspectives and their
colours, quotes, notes, sources, the labels under grounded, preferred and stable semantics
computed here, and the agreement matrix), and the script and style of ``page/`` inlined. It
makes no network request of any kind: everything is in the file, and a Content-Security-Policy
(``default-src 'none'``, the one script and the one style allowed by their SHA-256 hashes)
forbids loading anything else.

Why hashes and not a nonce: the page is a static file, opened again and again, so a nonce
would be one fixed, public value, no harder to copy into injected markup than to read. A hash
allows exactly the script and style written here and nothing else.

Every piece of map text reaches the page through one of two doors: the SVG, whose text
Graphviz escapes (and which :func:`inert_svg` checks: no script, no event handler, no foreign
object, no link), and the JSON, escaped so that no ``<`` can close its ``<script>`` element.
The script reads the JSON and writes the text into the page with ``textContent`` only.
"""

from __future__ import annotations

import base64
import colorsys
import functools
import hashlib
import html
import importlib.resources
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, TypeVar

from argmap.errors import BackendError, SearchStopped, UnknownChoiceError, UnknownPerspectiveError, ViewError
from argmap.model import (
    ArgumentMap,
    Claim,
    Contradiction,
    Perspective,
    Question,
    Rebuttal,
    Source,
    Support,
)
from argmap.semantics import SEMANTICS, RuleName, SemanticsName

if TYPE_CHECKING:
    pass

__all__ = [
    "DATA_VERSION",
    "PAGE_SEMANTICS",
    "assemble",
    "content_security_policy",
    "inert_svg",
    "initial_state",
    "page_data",
    "script_json",
]

#: The version of the page's JSON data (``data.version``), raised when its shape changes.
DATA_VERSION = 1

#: The labellings a page offers, in the order of its switch: (key, semantics, reading, title).
#: Complete semantics is left out: its sceptical reading is grounded, its credulous one preferred's.
PAGE_SEMANTICS: tuple[tuple[str, SemanticsName, str, str], ...] = (
    ("grounded", "grounded", "sceptical", "Grounded"),
    ("preferred-sceptical", "preferred", "sceptical", "Preferred, sceptical"),
    ("preferred-credulous", "preferred", "credulous", "Preferred, credulous"),
    ("stable-sceptical", "stable", "sceptical", "Stable, sceptical"),
    ("stable-credulous", "stable", "credulous", "Stable, credulous"),
)
#: What ``labels=NAME`` opens the page with (the reading :func:`argmap.claim_labels` gives).
_LABELS_KEY = {
    "grounded": "grounded",
    "complete": "grounded",  # complete, read sceptically, is grounded
    "preferred": "preferred-sceptical",
    "stable": "stable-sceptical",
}
#: At most this many cruxes are listed on the page.
MAX_CRUXES = 25
_STATUS_CHAR = {"in": "i", "out": "o", "undec": "u"}
_HEX = re.compile(r"#[0-9A-Fa-f]{6}")
_HEX3 = re.compile(r"#[0-9A-Fa-f]{3}")
_HEX8 = re.compile(r"#[0-9A-Fa-f]{8}")
_HSV = re.compile(r"([0-9.]+) ([0-9.]+) ([0-9.]+)")
_HasId = TypeVar("_HasId", Claim, Perspective, Question, Source)


# ---- assets -----------------------------------------------------------------------------------
@functools.cache
def _asset(name: str) -> str:
    """A file of ``argmap/drawing/page/`` (shipped in the wheel), as text."""
    return (
        importlib.resources.files("argmap.drawing")
        .joinpath("page")
        .joinpath(name)
        .read_text(encoding="utf-8")
    )


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(script: str, style: str) -> str:
    """The page's policy: nothing may load (``default-src 'none'``), the one inline script and
    the one inline style run because of their hashes, and no base URL or form can send the
    reader elsewhere."""
    return (
        f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(style)}; "
        "base-uri 'none'; form-action 'none'"
    )


# ---- escaping -----------------------------------------------------------------------------------
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_SPECIAL = re.compile("[<>&\u2028\u2029]")


def script_json(data: object) -> str:
    """``data`` as JSON that can stand inside a ``<script>`` element: ``<``, ``>`` and ``&`` are
    written as ``\\u`` escapes (so no ``</script>`` or ``<!--`` can appear), as are the two line
    separators older JavaScript parsers took for line ends. ``JSON.parse`` reads it unchanged."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_SPECIAL.sub(lambda m: _JSON_ESCAPES[m.group()], text)


#: The elements Graphviz writes in an SVG (both backends): anything else is refused.
_SVG_ELEMENTS = frozenset(
    {"svg", "g", "title", "desc", "polygon", "polyline", "path", "ellipse", "circle", "rect", "line"}
    | {"text", "tspan", "a", "defs", "linearGradient", "radialGradient", "stop"}
)
_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_NS = "{http://www.w3.org/1999/xlink}"
_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def inert_svg(svg: bytes | str) -> str:
    """The ``<svg>`` element of a Graphviz SVG, ready to stand in an HTML page, after checking
    that it can do nothing but be drawn: only the elements Graphviz writes, no event handler
    attribute (``on...``), no ``style`` attribute, no link (``href``) and no entity
    declaration. The XML prolog, the doctype and the comments are left out (HTML has no use
    for them). Raises :class:`BackendError` when the check fails: the layout program wrote
    something argmap did not ask for, and the page is not made."""
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    if "<!ENTITY" in text or "<![CDATA[" in text:
        raise BackendError("the layout's SVG declares entities or CDATA; refusing to put it in a page")
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        raise BackendError(f"the layout's SVG is not well-formed XML ({exc})") from None
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        local = tag[len(_SVG_NS) :] if tag.startswith(_SVG_NS) else None
        if local not in _SVG_ELEMENTS:
            raise BackendError(f"the layout's SVG holds an unexpected element {tag!r}; refusing it")
        for name in element.attrib:
            bare = name.rsplit("}", 1)[-1].lower()
            if bare.startswith("on") or bare in ("style", "href", "src") or name == _XLINK_NS + "href":
                raise BackendError(f"the layout's SVG holds an active attribute {name!r}; refusing it")
    body = _PROLOG.sub("", text, count=1)
    return _COMMENT.sub("", body).strip()


# ---- colours -----------------------------------------------------------------------------------
def _css_color(value: str) -> str:
    """A colour of :func:`argmap.drawing.render.perspective_colors` as ``#rrggbb`` (Graphviz's
    "h s v" strings, used beyond the palettes, converted; anything else grey)."""
    if _HEX.fullmatch(value):
        return value.upper()
    if _HEX8.fullmatch(value):
        return value[:7].upper()
    if _HEX3.fullmatch(value):
        return "#" + "".join(c * 2 for c in value[1:]).upper()
    hsv = _HSV.fullmatch(value)
    if hsv:
        r, g, b = colorsys.hsv_to_rgb(*(min(1.0, float(x)) for x in hsv.groups()))
        return f"#{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}"
    return "#777777"


def _ink(color: str) -> str:
    """Black or white, whichever reads better on ``color`` (``#rrggbb``), by WCAG contrast."""
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#FFFFFF"


# ---- the data ----------------------------------------------------------------------------------
def _line(element: object) -> int | None:
    span = getattr(element, "span", None)
    return None if span is None else int(span.line)


def _quote(q: object) -> dict[str, Any]:
    """A quote's fields. ``source``, ``locator`` and ``date`` are read when the model has them
    (quotes carry a speaker only today); the page shows whichever are there."""
    out: dict[str, Any] = {"text": q.text, "speaker": getattr(q, "speaker", None)}  # type: ignore[attr-defined]
    for name in ("source", "locator", "date"):
        value = getattr(q, name, None)
        out[name] = None if value is None else str(value)
    return out


def _first(items: Sequence[_HasId]) -> list[_HasId]:
    """One item per id, the first definition (as the map's look-ups and the drawing take it)."""
    found: dict[str, _HasId] = {}
    for item in items:
        found.setdefault(item.id, item)
    return list(found.values())


def _claim(amap: ArgumentMap, c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "text": c.text,
        "kind": None if c.kind is None else c.kind.value,
        "answers": list(c.answers),
        "tags": list(c.tags),
        "sources": list(c.sources),
        "quotes": [_quote(q) for q in c.quotes],
        "note": c.note,
        "holders": list(amap.holders(c.id)),
        "rejecters": list(amap.rejecters(c.id)),
        "line": _line(c),
    }


def _relations(amap: ArgumentMap) -> list[dict[str, Any]]:
    """Every relation, with the Graphviz edges that draw it (``tail->head``, as the SVG titles
    them) and the mark it passes through: the names :func:`argmap.drawing.render.to_dot` gives
    them (:func:`argmap.drawing.dot.relation_marks`)."""
    from argmap.drawing.dot import relation_marks

    out: list[dict[str, Any]] = []
    for e, node, edges in relation_marks(amap):
        item: dict[str, Any]
        if isinstance(e, Support):
            item = {"type": "support", "from": list(e.premises), "to": e.conclusion}
        elif isinstance(e, Rebuttal):
            item = {"type": "rebuttal", "from": list(e.attackers), "to": e.target}
        elif isinstance(e, Contradiction):
            item = {"type": "contradiction", "from": [e.left], "to": e.right}
        else:
            item = {"type": "undercut", "from": list(e.attackers), "to": e.target}
        item |= {"name": e.name, "node": node, "edges": edges, "scheme": e.scheme}
        item |= {"by": list(e.by), "note": e.note, "line": _line(e)}
        out.append(item)
    return out


def _semantics(
    amap: ArgumentMap,
    claim_ids: Sequence[str],
    *,
    rule: RuleName,
    time_limit: float | None,
    given: Mapping[str, str] | None,
) -> list[dict[str, Any]]:
    """Each labelling the page offers: one character per claim (``i``/``o``/``u``, in the
    order of ``claim_ids``), or why it is missing. Sceptical: in when IN in every labelling,
    out when OUT in every one. Credulous: in when IN in some labelling, out when OUT in every
    one. Each semantics is searched once (its status gives both readings)."""
    from argmap.semantics.evaluate import framework
    from argmap.semantics.solvers import acceptance

    tr = framework(amap, rule=rule)
    index = [tr.claims[c] for c in claim_ids]
    status: dict[str, Any] = {}
    stopped: dict[str, str] = {}
    out: list[dict[str, Any]] = []
    for key, semantics, reading, title in PAGE_SEMANTICS:
        if semantics not in status and semantics not in stopped:
            try:
                status[semantics] = acceptance(tr.framework, semantics, time_limit=time_limit)
            except SearchStopped as exc:
                stopped[semantics] = str(exc)
        entry: dict[str, Any] = {"key": key, "semantics": semantics, "reading": reading, "title": title}
        if semantics in stopped:
            entry |= {"labels": None, "exists": None, "stopped": stopped[semantics]}
        else:
            st = status[semantics]
            yes = st.sceptical if reading == "sceptical" else st.credulous
            chars = ["i" if yes[i] else "o" if st.rejected[i] else "u" for i in index]
            entry |= {"labels": "".join(chars), "exists": bool(st.exists), "stopped": None}
        out.append(entry)
    if given is not None:
        chars = [_STATUS_CHAR.get(given.get(c, ""), "-") for c in claim_ids]
        out.append(
            {
                "key": "given",
                "semantics": None,
                "reading": None,
                "title": "As given",
                "labels": "".join(chars),
                "exists": True,
                "stopped": None,
            }
        )
    return out


def _agreement(amap: ArgumentMap, claim_ids: Sequence[str], *, rule: RuleName) -> dict[str, Any]:
    """The agreement matrix of :func:`argmap.perspectives` (grounded, whose cruxes it weighs):
    per claim one character per perspective (``a`` accepts, ``r`` rejects, ``-`` silent), the
    pairwise agreement, and the heaviest cruxes."""
    from argmap.semantics.agreement import perspectives

    report = perspectives(amap, "grounded", rule=rule, max_cruxes=MAX_CRUXES * 4)
    pers = list(dict.fromkeys(report.perspectives))
    symbol = {"accept": "a", "reject": "r", "silent": "-"}
    cells = ["".join(symbol[report.cells[(c, p)]] for p in pers) for c in claim_ids]
    pairs = []
    for i, p in enumerate(pers):
        for j in range(i + 1, len(pers)):
            q = pers[j]
            pairs.append([i, j, report.agreement[(p, q)], report.shared[(p, q)]])
    cruxes = [
        {
            "claim": k.claim,
            "accepted_by": list(k.accepted_by),
            "rejected_by": list(k.rejected_by),
            "depends": list(k.depends),
            "weight": k.weight,
        }
        for k in report.cruxes[:MAX_CRUXES]
    ]
    return {"perspectives": pers, "cells": cells, "pairs": pairs, "cruxes": cruxes}


def page_data(
    amap: ArgumentMap,
    *,
    rule: RuleName = "evidential",
    time_limit: float | None = 10.0,
    given_labels: Mapping[str, str] | None = None,
    initial: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything the page's panel shows, as JSON-ready data (version :data:`DATA_VERSION`).

    Claims are listed once per id (the first definition, as drawn); ``semantics`` holds the
    labels computed now (see :data:`PAGE_SEMANTICS`), plus ``given_labels`` when a caller
    supplies its own; ``initial`` is what the page opens with (``perspectives``,
    ``semantics``, ``select``) unless its URL fragment says otherwise."""
    from argmap import __version__
    from argmap.drawing.palette import perspective_colors

    claims = _first(amap.claims)
    claim_ids = [c.id for c in claims]
    colors = {pid: _css_color(color) for pid, color in perspective_colors(amap).items()}
    perspectives = []
    for p in _first(amap.perspectives):
        color = colors.get(p.id, "#777777")
        perspectives.append(
            {
                "id": p.id,
                "name": p.name,
                "role": p.role,
                "note": p.note,
                "color": color,
                "ink": _ink(color),
                "holds": list(amap.accepted_by(p.id)),
                "rejects": list(amap.rejected_by(p.id)),
                "line": _line(p),
            }
        )
    return {
        "version": DATA_VERSION,
        "generator": f"argmap {__version__}",
        "title": amap.title,
        "file": PurePath(amap.path).name if amap.path and not amap.path.startswith("<") else None,
        "claims": [_claim(amap, c) for c in claims],
        "questions": [
            {"id": q.id, "text": q.text, "tags": list(q.tags), "note": q.note, "line": _line(q)}
            for q in _first(amap.questions)
        ],
        "perspectives": perspectives,
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "url": s.url,
                "date": s.date,
                "author": s.author,
                "note": s.note,
            }
            for s in _first(amap.sources)
        ],
        "relations": _relations(amap),
        "semantics": _semantics(amap, claim_ids, rule=rule, time_limit=time_limit, given=given_labels),
        "rule": rule,
        "agreement": _agreement(amap, claim_ids, rule=rule),
        "initial": dict(initial or {}),
    }


# ---- the page ----------------------------------------------------------------------------------
def _known_perspective(amap: ArgumentMap, pid: str) -> None:
    known = list(dict.fromkeys([p.id for p in amap.perspectives] + [s.perspective for s in amap.stances]))
    if pid not in known:
        raise UnknownPerspectiveError(pid, known)


def initial_state(
    amap: ArgumentMap,
    *,
    perspective: str | None,
    compare: Sequence[str] | None,
    labels: str | Mapping[str, str] | None,
    focus: str | None,
) -> tuple[dict[str, Any], Mapping[str, str] | None]:
    """What the page opens with, from the same keywords as :func:`argmap.render`, checked."""
    initial: dict[str, Any] = {}
    if perspective is not None and compare is not None:
        raise ViewError("choose either a perspective or a comparison, not both")
    if perspective is not None:
        _known_perspective(amap, perspective)
        initial["perspectives"] = [perspective]
    if compare is not None:
        pair = list(compare)
        if len(pair) != 2:
            raise ViewError("compare takes exactly two perspectives")
        if pair[0] == pair[1]:
            raise ViewError("compare needs two different perspectives")
        for pid in pair:
            _known_perspective(amap, pid)
        initial["perspectives"] = pair
    given: Mapping[str, str] | None = None
    if isinstance(labels, str):
        UnknownChoiceError.check("semantics", labels, SEMANTICS)
        initial["semantics"] = _LABELS_KEY[labels]
    elif labels is not None:
        for key, value in labels.items():
            if value not in _STATUS_CHAR:
                raise ViewError(f"label of {key!r} must be 'in', 'out' or 'undec', not {value!r}")
        given = dict(labels)
        initial["semantics"] = "given"
    if focus is not None:
        initial["select"] = {"type": "claim", "id": focus}
    return initial, given


def assemble(svg: str, data: Mapping[str, Any]) -> str:
    """The page around an SVG already checked by :func:`inert_svg` and the panel's data."""
    script, style = _asset("page.js"), _asset("page.css")
    heading = data.get("title") or (data.get("file") or "Argument map")
    replacements = {
        "<!--argmap:csp-->": html.escape(content_security_policy(script, style), quote=True),
        "<!--argmap:generator-->": html.escape(str(data.get("generator", "argmap")), quote=True),
        "<!--argmap:title-->": html.escape(str(heading), quote=False),
        "<!--argmap:style-->": style,
        "<!--argmap:svg-->": svg,
        "<!--argmap:data-->": script_json(dict(data)),
        "<!--argmap:script-->": script,
    }
    pattern = re.compile("|".join(re.escape(k) for k in replacements))
    # One pass: text put in by one replacement is never searched for the next marker.
    return pattern.sub(lambda m: replacements[m.group()], _asset("page.html"))
