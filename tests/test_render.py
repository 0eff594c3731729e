"""Tests for argmap.drawing.render: golden DOT, SVG structure from both backends, labels, layout
settings, the render entry point."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.drawing.backends import find_executable
from argmap.drawing.render import (
    ViewError,
    layout_settings,
    render,
    to_dot,
)
from argmap.errors import UnknownChoiceError
from argmap.model import ArgumentMap
from tests.conftest import MAPS, golden
from tests.drawing import RENDER, edges, load, node_ids
from tests.interchange_strategies import maps

SVG_NS = "{http://www.w3.org/2000/svg}"

HAVE_DOT = shutil.which("dot") is not None
HAVE_PURE = find_executable("graphviz-pure") is not None
BACKENDS = [
    pytest.param(
        "dot", marks=pytest.mark.skipif(not HAVE_DOT, reason="system Graphviz (`dot`) is not installed")
    ),
    pytest.param(
        "graphviz-pure",
        marks=pytest.mark.skipif(not HAVE_PURE, reason="the graphviz-pure pip package is not installed"),
    ),
]

EXAMPLE_MAPS = sorted(MAPS.glob("*.argmap"))
DATA_MAPS = sorted(RENDER.glob("*.argmap"))


# ---- golden DOT ----------------------------------------------------------------------------------
@pytest.mark.parametrize("path", EXAMPLE_MAPS + DATA_MAPS, ids=lambda p: p.stem)
def test_golden_dot_whole_map(path: Path) -> None:
    golden(RENDER / "golden" / f"{path.stem}.dot", to_dot(argmap.load(path)))


VIEWS: dict[str, dict[str, object]] = {
    "perspective-savkovic": {"perspective": "savkovic"},
    "perspective-radic-only": {"perspective": "radic", "only": True},
    "compare-radic-savkovic": {"compare": ("radic", "savkovic")},
    "question-conflict": {"question": "conflict"},
    "focus-bridgehead-1": {"focus": "bridgehead", "depth": 1, "rankdir": "LR"},
}


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_golden_dot_views_of_the_seed_map(view: str) -> None:
    amap = argmap.load(MAPS / "turkey-kosovo.argmap")
    golden(RENDER / "golden" / f"turkey-kosovo.{view}.dot", to_dot(amap, **VIEWS[view]))  # type: ignore[arg-type]


# ---- SVG structure -------------------------------------------------------------------------------
def svg_groups(svg: bytes, cls: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    return [g for g in root.iter(f"{SVG_NS}g") if g.get("class") == cls]


def title_of(group: ET.Element) -> str:
    t = group.find(f"{SVG_NS}title")
    assert t is not None and t.text is not None
    return t.text


def texts_of(group: ET.Element) -> str:
    return "".join(t.text or "" for t in group.iter(f"{SVG_NS}text"))


def expected_edges(amap: ArgumentMap) -> dict[str, int]:
    """Edges the drawing must have, by kind, computed from the map (not from the renderer): a
    relation through a mark (linked, or named and undercut; a named support always) has one
    edge per premise or attacker and one on."""
    targets = {u.target for u in amap.undercuts}
    counts = {"support": 0, "rebuttal": 0, "undercut": 0, "contradiction": 0, "answers": 0}
    for s in amap.supports:
        counts["support"] += len(s.premises) + 1 if (s.linked or s.name) else 1
    for r in amap.rebuttals:
        counts["rebuttal"] += len(r.attackers) + 1 if (r.linked or r.name in targets) else 1
    for u in amap.undercuts:
        counts["undercut"] += len(u.attackers) + 1 if (u.linked or (u.name and u.name in targets)) else 1
    for c in amap.contradictions:
        counts["contradiction"] += 2 if c.name in targets else 1
    counts["answers"] = sum(len(dict.fromkeys(c.answers)) for c in amap.claims)
    return counts


def edge_kind(group: ET.Element) -> str:
    """A drawn edge's kind, told by its line and ends alone (every relation is in one ink)."""
    paths = list(group.iter(f"{SVG_NS}path"))  # (inside a link when the arrow has a tooltip)
    assert paths
    stroke = (paths[0].get("stroke") or "").lower()
    dashes = paths[0].get("stroke-dasharray") or ""
    if len(paths) > 1:  # a doubled line
        invisible = ("white", "#ffffff", "none", "transparent")  # (the label's background too)
        heads = [p for p in group.iter(f"{SVG_NS}polygon") if p.get("fill", "").lower() not in invisible]
        assert len(heads) == 2, "a contradiction has a visible mark at both ends"
        return "contradiction"
    if stroke == "#9a9a9a":
        return "answers"
    if dashes.startswith("5"):
        return "rebuttal"
    if dashes.startswith("1"):
        return "undercut"
    return "support"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", ["kinds", "adversarial", "turkey-kosovo"])
def test_svg_structure(backend: str, name: str) -> None:
    amap = load(name)
    svg = render(amap, "svg", backend=backend, legend=False)
    nodes = {title_of(g): g for g in svg_groups(svg, "node")}
    for claim in amap.claims:
        assert claim.id in nodes, f"claim {claim.id} is not a node"
        assert f"claim-{claim.id}" == nodes[claim.id].get("id")
    for q in {c_q for c in amap.claims for c_q in c.answers}:
        assert f"question:{q}" in nodes
    edges = svg_groups(svg, "edge")
    found: dict[str, int] = {}
    for g in edges:
        found[edge_kind(g)] = found.get(edge_kind(g), 0) + 1
    expected = {k: v for k, v in expected_edges(amap).items() if v}
    assert found == expected


@pytest.mark.parametrize("backend", BACKENDS)
def test_legend_is_drawn_in_svg(backend: str) -> None:
    svg = render(load("kinds"), "svg", backend=backend)
    assert not svg_groups(svg, "cluster")  # compact: one table
    (legend,) = [g for g in svg_groups(svg, "node") if title_of(g) == "legend"]
    text = texts_of(legend)
    for words in ("supports", "rebuts", "undercuts", "contradict", "Town council", "rejects the claim"):
        assert words in text
    full = render(load("kinds"), "svg", backend=backend, legend="full")
    assert [title_of(c) for c in svg_groups(full, "cluster")] == ["cluster_legend"]


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("backend", BACKENDS)
def test_adversarial_labels_come_back_intact(backend: str) -> None:
    amap = load("adversarial")
    svg = render(amap, "svg", backend=backend)
    root = ET.fromstring(svg)  # well-formed XML, whatever the text held
    nodes = {title_of(g): g for g in svg_groups(svg, "node")}
    # exactly the claims and the inference node: no text made extra nodes or edges
    claim_nodes = {t for t in nodes if not t.startswith("legend")}
    assert claim_nodes == {c.id for c in amap.claims} | {"support:named-one"}
    assert len([g for g in svg_groups(svg, "edge") if "legend" not in title_of(g)]) == 7
    for claim in amap.claims:
        shown = normalise(texts_of(nodes[claim.id]))
        wanted = normalise(claim.text.replace("\x07", "\ufffd").replace("\x1b", "\ufffd"))
        assert wanted in shown, f"{claim.id}: {wanted!r} not in {shown!r}"
        tooltip = nodes[claim.id].find(f".//{SVG_NS}a")
        if tooltip is not None and backend == "graphviz-pure":
            title = tooltip.get("{http://www.w3.org/1999/xlink}title") or ""
            assert normalise(title) == wanted
    title = "".join(
        t.text or ""
        for g in root.iter(f"{SVG_NS}g")
        if g.get("class") == "graph"
        for t in g.findall(f"{SVG_NS}text")
    )
    assert normalise(amap.title or "") in normalise(title)


@pytest.mark.skipif(not HAVE_PURE, reason="the graphviz-pure pip package is not installed")
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(exclude_categories=("Cs",)), min_size=0, max_size=60))
def test_any_claim_text_is_one_node(text: str) -> None:
    from argmap.model import Claim, Perspective, Stance, Support

    amap = ArgumentMap(
        (
            Perspective("p", text or "x", role=text),
            Claim("a", text),
            Claim("b", text[::-1]),
            Support(("a",), "b", by=("p",)),
            Stance("p", "a"),
        )
    )
    svg = render(amap, "svg", backend="graphviz-pure", legend=False)
    nodes = [title_of(g) for g in svg_groups(svg, "node")]
    assert sorted(nodes) == ["a", "b"]
    assert len(svg_groups(svg, "edge")) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_keyword_and_colon_ids_stay_single_nodes(backend: str) -> None:
    """DOT keywords as claim ids are quoted, and ids with colons (argmap's own question:ID,
    support:NAME nodes) are never read as node:port in an edge."""
    ids = ["node", "edge", "graph", "Subgraph", "strict", "digraph", "Zoë-1", "_", "42"]
    text = "".join(f'claim {c} "{c.upper()} <b>&</b>"\n' for c in ids)
    text += "node supports edge\ngraph rebuts strict\ns1: digraph + Subgraph support node\n42 undercuts s1\n"
    text += 'question q "Q?"\nclaim answer "A." answers q\n'
    amap = argmap.parse(text)
    dot = to_dot(amap, legend=False)
    assert node_ids(dot) == {*ids, "answer", "question:q", "support:s1"}
    assert ("answer", "question:q") in edges(dot) and ("42", "support:s1") in edges(dot)
    svg = render(amap, "svg", backend=backend, legend=False)
    assert sorted(title_of(g) for g in svg_groups(svg, "node")) == sorted(node_ids(dot))
    assert len(svg_groups(svg, "edge")) == len(edges(dot)) == 7


def test_graphviz_is_imported_only_when_drawing() -> None:
    import subprocess
    import sys

    code = "import argmap, sys; argmap.parse('claim a \"A.\"'); print('graphviz' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---- labels --------------------------------------------------------------------------------------
def test_labels_from_a_mapping() -> None:
    amap = load("kinds")
    dot = to_dot(amap, labels={"build-it": "out", "heritage": "in", "cheaper": "undec"})
    assert "IN: accepted" in dot and "OUT: defeated" in dot and "UNDECIDED" in dot
    assert "Claim status as given" in dot
    with pytest.raises(ViewError):
        to_dot(amap, labels={"build-it": "maybe"})
    with pytest.raises(UnknownChoiceError):
        to_dot(amap, labels="dialectical")


def test_labels_from_a_semantics() -> None:
    amap = argmap.load(MAPS / "tweety.argmap")
    dot = to_dot(amap, labels="grounded")
    assert "Claim status under grounded semantics" in dot
    assert "IN: accepted" in dot


# ---- layout settings and the render entry point --------------------------------------------------
def test_large_maps_get_fast_settings() -> None:
    assert "nslimit" not in layout_settings(100)
    assert layout_settings(500)["splines"] == "polyline"
    assert layout_settings(1000)["splines"] == "line"
    assert layout_settings(5000)["nslimit"] == "0.02"
    assert layout_settings(5000, "sfdp")["splines"] == "false"


def test_layout_limits_tighten_smoothly_with_size() -> None:
    """No cliff (issue 20): every limit moves a little from one size to the next, never jumps."""
    previous = layout_settings(301)
    for nodes in range(310, 1600, 10):
        now = layout_settings(nodes)
        for key in ("nslimit", "mclimit", "searchsize"):
            a, b = float(previous[key]), float(now[key])
            assert b <= a and (a - b) / a < 0.1, (nodes, key, a, b)
        previous = now


def test_render_dot_format_needs_no_backend() -> None:
    amap = load("kinds")
    assert render(amap, "dot") == to_dot(amap).encode("utf-8")
    with pytest.raises(UnknownChoiceError):
        render(amap, "gif")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("option", "value", "what", "hint"),
    [
        ("format", "svgz", "format", "did you mean 'svg'?"),
        ("engine", "circo", "engine", None),
        ("rankdir", "RT", "rankdir", None),
        ("labels", "groundd", "semantics", "did you mean 'grounded'?"),
        ("backend", "graphviz_pure", "backend", "did you mean 'graphviz-pure'?"),
    ],
)
def test_options_outside_their_registries_are_unknown_choices(
    option: str, value: str, what: str, hint: str | None
) -> None:
    """Parameters are typed with the Literal registries; a caller may still pass any string, and
    gets the general UnknownChoiceError, before any drawing is done."""
    options = {"format": "dot", option: value}
    with pytest.raises(UnknownChoiceError) as info:
        render(load("kinds"), **options)  # type: ignore[arg-type]
    assert (info.value.what, info.value.value, info.value.hint) == (what, value, hint)
    assert info.value.message.startswith(f"unknown {what} {value!r}; choose one of: ")


@pytest.mark.parametrize("view", ["whole", *sorted(VIEWS)])
def test_render_dot_bytes_are_to_dot_s_text_in_utf_8(view: str) -> None:
    """render() encodes the DOT line by line; the seed map's names (Vučković) go beyond Latin-1."""
    amap = argmap.load(MAPS / "turkey-kosovo.argmap")
    options = VIEWS.get(view, {})
    data = render(amap, "dot", **options)  # type: ignore[arg-type]
    assert data == to_dot(amap, **options).encode("utf-8")  # type: ignore[arg-type]
    if view == "whole":
        assert "Vučković".encode() in data


@pytest.mark.parametrize("backend", BACKENDS)
def test_png_and_jupyter_svg(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    amap = load("kinds")
    assert render(amap, "png", backend=backend).startswith(b"\x89PNG\r\n\x1a\n")
    monkeypatch.setenv("ARGMAP_BACKEND", backend)
    svg = amap._repr_svg_()
    assert svg.lstrip().startswith("<?xml") and "</svg>" in svg


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("engine", ["neato", "fdp", "sfdp"])
def test_other_engines(backend: str, engine: str) -> None:
    svg = render(load("kinds"), "svg", backend=backend, engine=engine)
    assert {c.id for c in load("kinds").claims} <= {title_of(g) for g in svg_groups(svg, "node")}


def test_warnings_are_collected_not_raised() -> None:
    if not HAVE_PURE:
        pytest.skip("the graphviz-pure pip package is not installed")
    warnings: list[str] = []
    render(load("adversarial"), "svg", backend="graphviz-pure", warnings=warnings)
    assert any("embedded renderer" in w for w in warnings)
    assert not any("non-ASCII" in w for w in warnings)  # every cell is given its width


@pytest.mark.skipif(not HAVE_PURE, reason="the graphviz-pure pip package is not installed")
@pytest.mark.parametrize("text", ["", "\r", "\n", " ", "\t\n"])
def test_blank_text_everywhere_still_lays_out(text: str) -> None:
    """Empty <FONT></FONT> is a syntax error to Graphviz; blank names and texts must not make one."""
    from argmap.model import Claim, Perspective, Question, Stance, Support

    amap = ArgumentMap(
        (
            Perspective("p", text, role=text),
            Perspective("r", text),
            Question("q", text),
            Claim("a", text, answers=("q",)),
            Claim("b", text),
            Support(("a",), "b", by=("p",)),
            Stance("p", "a"),
            Stance("p", "b", accepts=False),
            Stance("r", "b"),
        )
    )
    views: list[dict[str, object]] = [
        {},
        {"perspective": "p"},
        {"compare": ("p", "r")},
        {"labels": {"a": "in", "b": "out"}},
    ]
    for view in views:
        svg = render(amap, "svg", backend="graphviz-pure", **view)  # type: ignore[arg-type]
        assert {"a", "b", "question:q"} <= {title_of(g) for g in svg_groups(svg, "node")}


def test_large_maps_have_no_edge_labels_at_all() -> None:
    """One edge label makes dot double every rank (3x slower at 5,000 claims): a compact
    drawing must have none, the legend's included."""
    lines = ['perspective p "P"']
    lines += [f'claim c{i} "Claim {i}."' for i in range(400)]
    lines += [f"c{i} supports c{i // 2} by p" for i in range(1, 400)]
    lines += ["c3 rebuts c1", "c5 contradicts c6"]
    dot = to_dot(argmap.parse("\n".join(lines) + "\n"))
    edge_lines = [ln for ln in dot.splitlines() if " -> " in ln]
    assert len(edge_lines) > 400
    assert not [ln for ln in edge_lines if re.search(r"\blabel=", ln)]
    assert "nslimit" in dot
    small = to_dot(load("kinds"))
    assert any(re.search(r"\blabel=", ln) for ln in small.splitlines() if " -> " in ln)


@pytest.mark.skipif(not HAVE_PURE, reason="the graphviz-pure pip package is not installed")
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(), st.data())
def test_any_map_lays_out_with_one_node_per_claim(amap: ArgumentMap, data: st.DataObject) -> None:
    """Random maps (undefined references, duplicates, odd colours and text included) always give
    DOT that Graphviz accepts, with each claim drawn once, in any view."""
    perspectives = sorted({s.perspective for s in amap.stances} | {p.id for p in amap.perspectives})
    view: dict[str, object] = {}
    if perspectives and data.draw(st.booleans()):
        view = {"perspective": data.draw(st.sampled_from(perspectives)), "only": data.draw(st.booleans())}
    svg = render(amap, "svg", backend="graphviz-pure", **view)  # type: ignore[arg-type]
    titles = [title_of(g) for g in svg_groups(svg, "node")]
    claim_ids = {c.id for c in amap.claims}
    drawn = [t for t in titles if t in claim_ids]
    assert len(drawn) == len(set(drawn))
    if not view.get("only"):
        assert set(drawn) == claim_ids


# ---- nothing cut, nothing on top of something else -----------------------------------------------
Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def _points(element: ET.Element) -> list[tuple[float, float]]:
    tag = element.tag.removeprefix(SVG_NS)
    if tag == "ellipse":
        cx, cy = float(element.get("cx", 0)), float(element.get("cy", 0))
        rx, ry = float(element.get("rx", 0)), float(element.get("ry", 0))
        return [(cx - rx, cy - ry), (cx + rx, cy + ry)]
    raw = element.get("points") if tag == "polygon" else element.get("d") if tag == "path" else None
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", raw or "")]
    return list(zip(numbers[::2], numbers[1::2], strict=False))


def _bounds(points: list[tuple[float, float]]) -> Box | None:
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _text_box(t: ET.Element) -> Box | None:
    from argmap.drawing.metrics import text_width

    content = "".join(t.itertext())
    if not content.strip():
        return None
    size = float(t.get("font-size", "14"))
    width = text_width(content, size, t.get("font-weight") == "bold")
    x, y = float(t.get("x", 0)), float(t.get("y", 0))
    anchor = t.get("text-anchor", "start")
    x0 = x if anchor == "start" else x - width / 2 if anchor == "middle" else x - width
    # the ink of the letters: Helvetica's capitals rise 0.72 em, its descenders fall 0.21 em
    return x0, y - 0.72 * size, x0 + width, y + 0.21 * size


def _overlap(a: Box, b: Box, slack: float) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def _inside(a: Box, b: Box, slack: float) -> bool:
    return a[0] >= b[0] - slack and a[1] >= b[1] - slack and a[2] <= b[2] + slack and a[3] <= b[3] + slack


def layout_problems(svg: bytes) -> list[str]:
    """Text that overlaps other text, spills out of its node, or lies on another node.

    Text is measured with the widths the drawing assumes (argmap.drawing.metrics, the widths of
    the fonts the SVG names); a node's border is the box around its shapes."""
    root = ET.fromstring(svg)
    texts: list[tuple[Box, str, str]] = []  # box, owner node (or ""), the text
    nodes: dict[str, Box] = {}
    for group in root.iter(f"{SVG_NS}g"):
        cls = group.get("class")
        if cls not in ("node", "edge", "cluster", "graph"):
            continue
        name = title_of(group) if group.find(f"{SVG_NS}title") is not None else cls
        shapes = [
            p
            for tag in ("polygon", "path", "ellipse")
            for e in group.iter(f"{SVG_NS}{tag}")
            for p in _points(e)
        ]
        if cls == "node":
            box = _bounds(shapes)
            if box is not None:
                nodes[name] = box
        direct = group.iter(f"{SVG_NS}text") if cls != "graph" else group.findall(f"{SVG_NS}text")
        for t in direct:
            tb = _text_box(t)
            if tb is not None:
                texts.append((tb, name if cls == "node" else "", "".join(t.itertext())))
    problems = []
    for box, owner, content in texts:
        # (the full legend's captions and table have no border to cross)
        if owner in nodes and not owner.startswith("legend:") and not _inside(box, nodes[owner], 1.5):
            problems.append(f"{content!r} spills out of node {owner}")
        for other, nbox in nodes.items():
            if other != owner and _overlap(box, nbox, 0.5):
                problems.append(f"{content!r} ({owner or 'a label'}) lies on node {other}")
    ordered = sorted(texts, key=lambda t: t[0][0])
    for i, (a, _, ca) in enumerate(ordered):
        for b, _, cb in ordered[i + 1 :]:
            if b[0] >= a[2]:
                break
            if _overlap(a, b, 0.5):
                problems.append(f"{ca!r} overlaps {cb!r}")
    return problems


GALLERY: list[tuple[str, dict[str, object]]] = [
    ("tweety", {}),
    ("nixon-diamond", {"labels": "grounded"}),
    ("four-day-week", {}),
    ("turkey-kosovo", {}),
    ("turkey-kosovo", {"perspective": "radic", "only": True}),
    ("turkey-kosovo", {"perspective": "savkovic", "only": True}),
    ("turkey-kosovo", {"compare": ("radic", "savkovic")}),
    ("turkey-kosovo", {"question": "conflict", "quotes": True}),
    ("adversarial", {}),
    ("kinds", {"legend": "full"}),
    ("language2", {}),
    ("convention-1787", {}),
    ("language2", {"perspective": "union"}),
]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("name", "view"), GALLERY, ids=[f"{n}-{'-'.join(map(str, v))}" for n, v in GALLERY])
def test_no_text_is_cut_or_overlapping(backend: str, name: str, view: dict[str, object]) -> None:
    svg = render(load(name), "svg", backend=backend, **view)  # type: ignore[arg-type]
    assert layout_problems(svg) == []


# ---- shape chosen for the reader -----------------------------------------------------------------
def _aspect(svg: bytes) -> float:
    found = re.search(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    assert found is not None
    w, h = float(found.group(1)), float(found.group(2))
    return max(w, h) / min(w, h)


@pytest.mark.parametrize("backend", BACKENDS)
def test_gallery_pictures_fit_a_screen(backend: str) -> None:
    for name, view in GALLERY:
        if view.get("legend") == "full":
            continue
        svg = render(load(name), "svg", backend=backend, **view)  # type: ignore[arg-type]
        assert _aspect(svg) <= 2.05, (name, view, _aspect(svg))


def _fan_in(n: int) -> ArgumentMap:
    lines = ['claim c0 "The conclusion everyone argues about."', 'claim c1 "A second conclusion."']
    lines += [f'claim e{i} "Evidence number {i} for the case, a sentence long."' for i in range(n)]
    lines += [f"e{i} supports c{i % 2}" for i in range(n)]
    return argmap.parse("\n".join(lines) + "\n")


def test_a_wide_map_is_turned_and_its_sources_staggered() -> None:
    dot = to_dot(_fan_in(40))
    assert "rankdir=LR" in dot and "minlen=" in dot
    if HAVE_DOT:
        assert _aspect(render(_fan_in(40), "svg", backend="dot")) < 2.2
        assert _aspect(render(_fan_in(40), "svg", backend="dot", rankdir="TB")) > 20


def test_the_callers_rankdir_wins() -> None:
    for rankdir in ("TB", "BT", "LR", "RL"):
        dot = to_dot(_fan_in(40), rankdir=rankdir)  # type: ignore[arg-type]
        assert f"rankdir={rankdir}" in dot and "minlen" not in dot


@pytest.mark.parametrize("backend", BACKENDS)
def test_text_in_every_script_stays_in_its_box(backend: str) -> None:
    """Accents, Cyrillic, Greek, Japanese and the widest Latin letters: the embedded renderer
    knows only ASCII widths, so the cells carry measured widths; nothing spills."""
    warnings: list[str] = []
    svg = render(load("scripts"), "svg", backend=backend, warnings=warnings)
    assert layout_problems(svg) == []
    assert not [w for w in warnings if "non-ASCII" in w or "metrics" in w]
