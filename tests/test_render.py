"""Tests for argmap.drawing.render: golden DOT, SVG structure from both backends, escaping, views, legend."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import argmap
from argmap.drawing.backends import find_executable
from argmap.drawing.render import (
    OKABE_ITO,
    ViewError,
    dot_string,
    html_text,
    layout_settings,
    perspective_colors,
    render,
    to_dot,
)
from argmap.model import ArgumentMap
from tests.conftest import DATA, MAPS, golden
from tests.interchange_strategies import maps

RENDER = DATA / "render"
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


def load(name: str) -> ArgumentMap:
    path = RENDER / f"{name}.argmap"
    return argmap.load(path if path.exists() else MAPS / f"{name}.argmap")


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
    """Edges the drawing must have, by kind, computed from the map (not from the renderer)."""
    counts = {"support": 0, "rebuttal": 0, "undercut": 0, "contradiction": 0, "answers": 0}
    for s in amap.supports:
        counts["support"] += len(s.premises) + 1 if (s.linked or s.name) else 1
    counts["rebuttal"] = len(amap.rebuttals)
    counts["undercut"] = len(amap.undercuts)
    counts["contradiction"] = len(amap.contradictions)
    counts["answers"] = sum(len(dict.fromkeys(c.answers)) for c in amap.claims)
    return counts


EDGE_COLORS = {
    "support": "#1b7837",
    "rebuttal": "#c0392b",
    "undercut": "#6a3d9a",
    "contradiction": "#d35400",
    "answers": "#9a9a9a",
}


def edge_kind(group: ET.Element) -> str:
    path = group.find(f"{SVG_NS}path")
    assert path is not None
    stroke = (path.get("stroke") or "").lower()
    for kind, color in EDGE_COLORS.items():
        if stroke == color:
            return kind
    raise AssertionError(f"edge {title_of(group)} has unknown colour {stroke}")


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
    clusters = svg_groups(svg, "cluster")
    assert [title_of(c) for c in clusters] == ["cluster_legend"]
    text = "".join(
        texts_of(g)
        for cls in ("node", "edge")
        for g in svg_groups(svg, cls)
        if title_of(g).startswith("legend:")
    )
    for words in ("supports", "rebuts", "undercuts", "contradict", "Town council", "rejects the claim"):
        assert words in text


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("backend", BACKENDS)
def test_adversarial_labels_come_back_intact(backend: str) -> None:
    amap = load("adversarial")
    svg = render(amap, "svg", backend=backend)
    root = ET.fromstring(svg)  # well-formed XML, whatever the text held
    nodes = {title_of(g): g for g in svg_groups(svg, "node")}
    # exactly the claims and the inference node: no text made extra nodes or edges
    claim_nodes = {t for t in nodes if not t.startswith("legend:")}
    assert claim_nodes == {c.id for c in amap.claims} | {"support:named-one"}
    assert len([g for g in svg_groups(svg, "edge") if not title_of(g).startswith("legend:")]) == 7
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


# ---- escaping helpers ----------------------------------------------------------------------------
def test_html_text_escapes_markup_and_breaks_lines() -> None:
    assert html_text('<b>&"x"</b>') == "&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;"
    assert html_text("a\nb") == 'a<BR ALIGN="CENTER"/>b'
    assert html_text("bell\x07") == "bell\ufffd"
    assert html_text("\\N \\") == "\\\\N \\\\"  # Graphviz turns \\ back into one backslash


def test_dot_string_keeps_backslashes_literal() -> None:
    assert dot_string('a"b') == '"a\\"b"'
    assert dot_string("\\N") == '"\\\\N"'
    assert dot_string("x\ny") == '"x\\ny"'
    assert dot_string("&amp;") == '"&amp;amp;"'


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=40))
@example("<b>bold?</b>")  # what the package would pass on as HTML
@example("<>")
@example("<a")
def test_the_graphviz_package_quotes_values_as_dot_string_does(text: str) -> None:
    """Values go to the graphviz package escaped and marked nohtml: its own quoting must then
    only add the quotes (or leave a plain identifier bare), so the DOT means what
    :func:`dot_string` says whatever the text holds (backslashes, quotes, ``<...>``, keywords)."""
    from graphviz.quoting import quote

    from argmap.drawing.render import _s

    quoted = quote(_s(text))
    assert quoted == dot_string(text) or (
        quoted == dot_string(text)[1:-1]
        and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)", quoted)
        and quoted.lower() not in ("node", "edge", "graph", "digraph", "subgraph", "strict")
    )


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


# ---- reading DOT back -----------------------------------------------------------------------------
# The graphviz package writes one statement per line, indented with tabs, and quotes an id only
# when it must ("build-it", but survey).
DOT_ID = r'"(?:[^"\\]|\\.)*"|[A-Za-z_0-9.\-]+'


def unquote(token: str) -> str:
    return token[1:-1].replace('\\"', '"') if token.startswith('"') else token


def node_ids(dot: str) -> set[str]:
    found = re.findall(rf"^\t+({DOT_ID}) \[", dot, re.MULTILINE)
    return {unquote(t) for t in found if t not in ("graph", "node", "edge")}


def node_line(dot: str, node: str) -> str:
    """The statement that declares ``node``."""
    for line in dot.splitlines():
        m = re.match(rf"\t+({DOT_ID}) \[", line)
        if m and m.group(1) not in ("graph", "node", "edge") and unquote(m.group(1)) == node:
            return line
    raise AssertionError(f"no node statement for {node!r}")


def edges(dot: str) -> set[tuple[str, str]]:
    return {
        (unquote(a), unquote(b)) for a, b in re.findall(rf"^\t+({DOT_ID}) -> ({DOT_ID})", dot, re.MULTILINE)
    }


def ends(dot: str) -> set[str]:
    return {n for edge in edges(dot) for n in edge}


# ---- views ---------------------------------------------------------------------------------------


def test_perspective_dims_the_rest() -> None:
    amap = load("kinds")
    dot = to_dot(amap, perspective="engineer")
    assert node_ids(dot) >= {c.id for c in amap.claims}
    assert "As Chief engineer sees it" in dot
    # congestion is not the engineer's claim nor in the engineer's relations: greyed out
    congestion = node_line(dot, "congestion")
    assert 'BGCOLOR="#FFFFFF"' in congestion and "#A8A8A8" in congestion
    survey = node_line(dot, "survey")
    assert "#A8A8A8" not in survey
    assert "not held or argued by the perspective" in dot


def test_perspective_only_drops_the_rest() -> None:
    amap = load("kinds")
    dot = to_dot(amap, perspective="engineer", only=True)
    claims = {c for c in node_ids(dot) if ":" not in c}
    assert claims == {"traffic", "survey", "cheaper"}
    assert "congestion" not in node_ids(dot) | ends(dot)
    assert ("survey", "cheaper") in edges(dot)
    # the engineer's own relation only; the contradiction (nobody's) and the rest are gone
    assert "contradiction" not in dot.split("cluster_legend")[0]
    assert "not held or argued" not in dot


def test_an_undercut_brings_the_support_it_attacks() -> None:
    """The residents undercut the council's support `case`: with --only that support stays, in
    grey, so the undercut has something to land on."""
    dot = to_dot(load("kinds"), perspective="residents", only=True)
    claims = {c for c in node_ids(dot) if ":" not in c}
    assert claims == {"cost", "heritage", "build-it", "cheaper", "survey", "traffic", "congestion"}
    assert ("cost", "support:case") in edges(dot)
    case = node_line(dot, "support:case")
    assert "#CFCFCF" in case  # not the residents' own inference: grey
    assert "not held or argued by the perspective" in dot


def test_compare_marks_agreement_and_disagreement() -> None:
    amap = load("kinds")
    dot = to_dot(amap, compare=("council", "residents"))
    line = node_line(dot, "build-it")
    assert "DISAGREE: Town council holds, Residents&#39; group rejects" in line or (
        "DISAGREE: Town council holds, Residents' group rejects" in line
    )
    cost = node_line(dot, "cost")
    assert "DISAGREE: Residents" in cost
    traffic = node_line(dot, "traffic")
    assert "only Town council holds" in traffic
    with pytest.raises(ViewError):
        to_dot(amap, compare=("council", "council"))
    with pytest.raises(ViewError):
        to_dot(amap, compare=("council", "residents"), perspective="council")


def test_question_view_keeps_what_bears_on_the_answers() -> None:
    amap = argmap.load(MAPS / "turkey-kosovo.argmap")
    dot = to_dot(amap, question="belgrade")
    claims = {c for c in node_ids(dot) if ":" not in c}
    assert {"belgrade-problem", "keeps-belgrade", "both-capitals", "serbia-partner", "donation"} <= claims
    assert "nato" not in claims
    assert [q for q in node_ids(dot) if q.startswith("question:")] == ["question:belgrade"]
    shallow = to_dot(amap, question="belgrade", depth=0)
    assert {c for c in node_ids(shallow) if ":" not in c} == {"belgrade-problem", "keeps-belgrade"}


def test_focus_depth() -> None:
    amap = load("kinds")
    zero = {c for c in node_ids(to_dot(amap, focus="cheaper", depth=0)) if ":" not in c}
    assert zero == {"cheaper"}
    one = {c for c in node_ids(to_dot(amap, focus="cheaper", depth=1)) if ":" not in c}
    assert one == {"cheaper", "survey", "build-it"}
    with pytest.raises(ViewError, match="did you mean 'cheaper'"):
        to_dot(amap, focus="cheeper")


def test_labels_from_a_mapping() -> None:
    amap = load("kinds")
    dot = to_dot(amap, labels={"build-it": "out", "heritage": "in", "cheaper": "undec"})
    assert "IN: accepted" in dot and "OUT: defeated" in dot and "UNDECIDED" in dot
    assert "Claim status as given" in dot
    with pytest.raises(ViewError):
        to_dot(amap, labels={"build-it": "maybe"})
    with pytest.raises(ViewError):
        to_dot(amap, labels="dialectical")


def test_labels_from_a_semantics() -> None:
    amap = argmap.load(MAPS / "tweety.argmap")
    dot = to_dot(amap, labels="grounded")
    assert "Claim status under grounded semantics" in dot
    assert "IN: accepted" in dot


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"perspective": "nobody"}, "no perspective 'nobody'"),
        ({"only": True}, "needs a perspective"),
        ({"question": "nothing"}, "no question"),
        ({"rankdir": "XY"}, "rankdir"),
        ({"engine": "circo"}, "engine"),
        ({"focus": "traffic", "depth": -1}, "depth"),
    ],
)
def test_view_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ViewError, match=message):
        to_dot(load("kinds"), **kwargs)  # type: ignore[arg-type]


# ---- look ----------------------------------------------------------------------------------------
def test_perspective_colours_are_stable_and_own_colour_wins() -> None:
    amap = load("kinds")
    colors = perspective_colors(amap)
    assert colors["council"] == "#0072B2"  # its own
    assert colors["residents"] == OKABE_ITO[0]  # first palette colour
    assert colors["engineer"] == OKABE_ITO[1]  # "not a colour!" is ignored
    whole = to_dot(amap)
    only = to_dot(amap, perspective="engineer", only=True)
    assert f'BGCOLOR="{OKABE_ITO[1]}"' in whole and f'BGCOLOR="{OKABE_ITO[1]}"' in only


def test_legend_lists_only_what_is_used() -> None:
    amap = argmap.parse('claim a "A."\nclaim b "B."\na supports b\n')
    dot = to_dot(amap)
    legend = dot.split("cluster_legend")[1]
    assert "supports" in legend
    for absent in ("rebuts", "undercuts", "contradict", "QUESTION", "FACT", "holds the claim"):
        assert absent not in legend
    assert "CLAIM" in legend
    assert "cluster_legend" not in to_dot(amap, legend=False)


def _dot_attributes(text: str) -> dict[str, str]:
    return dict(re.findall(r'\b(\w+)=("[^"]*"|[^\s\]]+)', text))


def test_relation_styles_differ_in_line_and_arrowhead() -> None:
    dot = to_dot(load("kinds"))
    # An edge carries what differs from the graph's edge defaults: the two together draw it.
    defaults = _dot_attributes(re.search(r"^\tedge \[(.*)\]$", dot, re.MULTILINE).group(1))  # type: ignore[union-attr]
    styles = set()
    for line in dot.split("cluster_legend")[1].splitlines():
        if "->" in line:
            look = {**defaults, **_dot_attributes(line.split("[", 1)[1])}
            if look.get("style") != "invis":  # (the edge that places the legend's table)
                styles.add((look.get("style", "solid"), look["arrowhead"], look.get("dir") == "both"))
    assert len(styles) == 5  # support, rebuttal, undercut, contradiction, answers: all distinct


def test_linked_and_named_supports_get_one_node() -> None:
    dot = to_dot(load("kinds"))
    assert "shape=diamond" in node_line(dot, "support:case")
    assert {("traffic", "support:case"), ("congestion", "support:case")} <= edges(dot)
    assert ("support:case", "build-it") in edges(dot)
    assert ("cost", "support:case") in edges(dot)  # the undercut lands on the inference


def test_undefined_references_are_drawn_as_such() -> None:
    amap = argmap.parse('claim a "A."\na supports ghost\nb undercuts nowhere\n')
    dot = to_dot(amap)
    ghost = node_line(dot, "ghost")
    assert "shape=box" in ghost and "style=dashed" in ghost
    assert "support:nowhere" in node_ids(dot)
    assert "named but never defined" in dot


def test_large_maps_get_fast_settings() -> None:
    assert "nslimit" not in layout_settings(100)
    assert layout_settings(1000)["splines"] == "polyline"
    assert layout_settings(5000)["nslimit"] == "0.02"
    assert layout_settings(5000, "sfdp")["splines"] == "false"


def test_render_dot_format_needs_no_backend() -> None:
    amap = load("kinds")
    assert render(amap, "dot") == to_dot(amap).encode("utf-8")
    with pytest.raises(ViewError):
        render(amap, "gif")


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
    assert any("non-ASCII" in w for w in warnings)


def test_css_colour_names_become_hex_and_unknown_names_fall_back() -> None:
    amap = argmap.parse(
        'perspective a "A" color "gray"\nperspective b "B" color "navyblue"\nperspective c "C" color "#ABC"\n'
    )
    assert perspective_colors(amap) == {"a": "#808080", "b": OKABE_ITO[0], "c": "#ABC"}


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


# ---- wrapping ------------------------------------------------------------------------------------
# Mostly plain words (the fast path), some long ones, some with what sends a text to textwrap.
_WORDS = st.one_of(
    st.text(alphabet="abcé", min_size=1, max_size=9),
    st.text(alphabet="abcé", min_size=1, max_size=9),
    st.text(alphabet="abcé", max_size=45),
    st.text(alphabet="ab-é\u00a0.", max_size=12),
)


@settings(max_examples=600, deadline=None)
@example(words=["aaa", "bbb", "c"], seps=[], width=7)  # a line that fills the width exactly
@example(words=["ab", "cd", "x" * 12], seps=[], width=5)  # the same before a long word
@example(words=["abc", "x" * 12], seps=[], width=5)  # a long word starts after the space
@example(words=["abcd", "x" * 12], seps=[], width=5)  # only the space fits
@given(
    words=st.lists(_WORDS, max_size=12),
    seps=st.lists(st.sampled_from([" "] * 12 + ["  ", "\t", "\n"]), max_size=12),
    width=st.integers(min_value=1, max_value=40),
)
def test_wrap_breaks_lines_where_textwrap_does(words: list[str], seps: list[str], width: int) -> None:
    # _wrap_lines reads plain text itself and hands the rest to textwrap: both must give
    # textwrap's lines, long words, hyphens, odd spaces and all.
    import textwrap

    from argmap.drawing.render import _wrap_lines

    text = "".join((seps[i - 1] if i <= len(seps) else " ") + w if i else w for i, w in enumerate(words))
    for paragraph in text.split("\n"):
        expected = textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=True)
        assert _wrap_lines(paragraph, width) == expected


# ---- DOT text: the graphviz package's, made faster -----------------------------------------------
_DOT_VALUES = st.one_of(
    st.text(alphabet='ab_1.-< >"\\:é', max_size=60),
    st.sampled_from(["node", "Edge", "graph", "strict", "-4.2", ".42", "", "<<B>x</B>>", "a" * 60]),
    st.text(alphabet="abc ", min_size=49, max_size=80),
)
_DOT_NAMES = st.sampled_from(["id", "tooltip", "color", "x y"])
_DOT_ATTRIBUTES = st.lists(st.tuples(_DOT_NAMES, _DOT_VALUES), max_size=4)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=_DOT_VALUES,
    label=st.none() | _DOT_VALUES,
    attributes=_DOT_ATTRIBUTES,
    kwargs=st.dictionaries(st.sampled_from(["shape", "style", "label_x"]), _DOT_VALUES, max_size=2),
    html=st.booleans(),
)
def test_dot_lines_are_the_graphviz_package_s(
    name: str, label: str | None, attributes: list[tuple[str, str]], kwargs: dict[str, str], html: bool
) -> None:
    # argmap's Digraph remembers quoting and skips work: it must write what the package writes.
    import warnings

    import graphviz

    from argmap.drawing.render import _digraph_class, _edge_attributes

    if not html and label is not None:
        label = graphviz.nohtml(label)
    ours, theirs = _digraph_class()(), graphviz.Digraph()
    theirs._quote_edge = theirs._quote  # as argmap's: edge ends are whole node ids
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # odd backslashes: the package warns, both the same
        for graph in (ours, theirs):
            for _ in range(2):  # the second time from what was remembered
                graph.node(name, label, _attributes=attributes, **kwargs)
                graph.edge(name, "b:c", label, _attributes=attributes, **kwargs)
                graph.edge("a", name, _attributes=_edge_attributes("rebuttal", True), **kwargs)
        # The shortcuts for the commonest statements write what the general methods write.
        html, plain = f"<{label or ''}>", tuple((k, v) for k, v in attributes if k != "x y")
        look = _edge_attributes("undercut", False)
        ours.html_node(name, html, plain)
        theirs.node(name, html, _attributes=plain)
        ours.look_edge(name, "b:c", look)
        theirs.edge(name, "b:c", _attributes=look)
    assert ours.source == theirs.source
