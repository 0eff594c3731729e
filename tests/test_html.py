"""argmap.drawing.html: the interactive page, without a browser (tests/test_html_browser.py
drives it in Chromium): its parts, its policy, its data, its escaping, its options."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import DATA, MAPS, Result, run_cli

import argmap
from argmap.drawing import html as page
from argmap.drawing.render import html_page
from argmap.errors import ArgmapError, BackendError, SearchStopped
from argmap.model import ArgumentMap, Claim
from argmap.semantics.agreement import perspectives
from argmap.semantics.evaluate import evaluate

SEED = MAPS / "turkey-kosovo.argmap"
XSS = DATA / "html" / "xss.argmap"
ADVERSARIAL = DATA / "render" / "adversarial.argmap"

_DATA_RE = re.compile(r'<script type="application/json" id="argmap-data">(.*?)</script>', re.DOTALL)
_SCRIPT_RE = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_STYLE_RE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def data_of(text: str) -> dict[str, Any]:
    found = _DATA_RE.search(text)
    assert found is not None
    loaded: dict[str, Any] = json.loads(found.group(1))
    return loaded


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def seed() -> ArgumentMap:
    return argmap.load(SEED)


@pytest.fixture(scope="module")
def seed_page(seed: ArgumentMap) -> str:
    return argmap.render(seed, "html").decode("utf-8")


# ---- the page's parts --------------------------------------------------------------------------
def test_one_self_contained_file(seed_page: str) -> None:
    assert seed_page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert seed_page.count("<script") == 2  # the data and the page's own script
    assert seed_page.count("<style>") == 1
    assert "<svg" in seed_page and "<?xml" not in seed_page and "<!DOCTYPE svg" not in seed_page
    # nothing that loads: no src, no stylesheet link, no import, no fetch
    loaders = (r"\ssrc=", r"<link\b", r"@import", r"\bfetch\(", r"XMLHttpRequest", r"\burl\(", r"<iframe")
    for pattern in loaders:
        assert not re.search(pattern, seed_page), pattern
    assert "<!--argmap:" not in seed_page  # every marker was filled


def test_the_policy_allows_exactly_the_inline_script_and_style(seed_page: str) -> None:
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', seed_page)
    assert found is not None
    policy = html.unescape(found.group(1))
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    scripts = _SCRIPT_RE.findall(seed_page)
    (style,) = _STYLE_RE.findall(seed_page)
    assert len(scripts) == 1
    assert directives == {
        "default-src": "'none'",
        "script-src": sha(scripts[0]),
        "style-src": sha(style),
        "base-uri": "'none'",
        "form-action": "'none'",
    }
    # the policy comes before anything it governs
    assert seed_page.index("Content-Security-Policy") < seed_page.index("<style>")


def test_the_same_map_gives_the_same_page(seed: ArgumentMap, seed_page: str) -> None:
    assert argmap.render(seed, "html").decode("utf-8") == seed_page


def test_seed_page_weighs_under_a_megabyte(seed_page: str) -> None:
    assert len(seed_page.encode("utf-8")) < 1_000_000


def test_the_drawing_is_the_svg_of_the_same_layout(seed: ArgumentMap, seed_page: str) -> None:
    svg = argmap.render(seed, "svg").decode("utf-8")
    assert page.inert_svg(svg) in seed_page


# ---- the data ----------------------------------------------------------------------------------
def test_data_holds_claims_relations_perspectives_sources(seed: ArgumentMap, seed_page: str) -> None:
    data = data_of(seed_page)
    assert data["version"] == page.DATA_VERSION
    assert data["title"] == seed.title
    assert data["file"] == "turkey-kosovo.argmap"
    assert [c["id"] for c in data["claims"]] == list(dict.fromkeys(c.id for c in seed.claims))
    bridgehead = next(c for c in data["claims"] if c["id"] == "bridgehead")
    claim = seed.claim("bridgehead")
    assert bridgehead["text"] == claim.text
    assert bridgehead["kind"] == "interpretation"
    assert bridgehead["holders"] == list(seed.holders("bridgehead"))
    assert bridgehead["sources"] == list(claim.sources)
    assert bridgehead["line"] == claim.span.line  # type: ignore[union-attr]
    quoted = next(c for c in seed.claims if c.quotes)
    entry = next(c for c in data["claims"] if c["id"] == quoted.id)
    assert [q["text"] for q in entry["quotes"]] == [q.text for q in quoted.quotes]
    assert [q["speaker"] for q in entry["quotes"]] == [q.speaker for q in quoted.quotes]
    assert len(data["relations"]) == len(seed.relations)
    assert [p["id"] for p in data["perspectives"]] == [p.id for p in seed.perspectives]
    assert all(re.fullmatch(r"#[0-9A-F]{6}", p["color"]) for p in data["perspectives"])
    assert {s["id"] for s in data["sources"]} == {s.id for s in seed.sources}
    radic = next(p for p in data["perspectives"] if p["id"] == "radic")
    assert radic["holds"] == list(seed.accepted_by("radic"))


def test_every_relation_names_edges_the_svg_draws(seed: ArgumentMap, seed_page: str) -> None:
    """The page finds a relation's arrows by the SVG's titles: the names must agree with
    argmap.drawing.render's."""
    titles = {html.unescape(t) for t in re.findall(r"<title>(.*?)</title>", seed_page)}
    data = data_of(seed_page)
    for rel in data["relations"]:
        for edge in rel["edges"]:
            assert edge in titles, (rel, edge)
        if rel["node"] is not None:
            assert rel["node"] in titles
    ids = set(re.findall(r'<g id="claim&#45;([^"]+)" class="node">', seed_page))
    assert {c["id"].replace("-", "&#45;") for c in data["claims"]} == ids


def test_labels_are_the_semantics_of_the_map(seed: ArgumentMap, seed_page: str) -> None:
    data = data_of(seed_page)
    ids = [c["id"] for c in data["claims"]]
    entries = {x["key"]: x for x in data["semantics"]}
    assert list(entries) == [key for key, *_ in page.PAGE_SEMANTICS]
    status = {"i": "in", "o": "out", "u": "undec"}
    for semantics in ("grounded", "preferred", "stable"):
        key = semantics if semantics == "grounded" else f"{semantics}-sceptical"
        labels = dict(zip(ids, (status[ch] for ch in entries[key]["labels"]), strict=True))
        assert labels == argmap.claim_labels(seed, semantics)
    for semantics in ("preferred", "stable"):
        ev = evaluate(seed, semantics)
        credulous = entries[f"{semantics}-credulous"]["labels"]
        assert {c for c, ch in zip(ids, credulous, strict=True) if ch == "i"} == set(ev.credulous)
    # preferred credulous accepts more than preferred sceptical here: the switch shows something
    assert entries["preferred-credulous"]["labels"] != entries["preferred-sceptical"]["labels"]


def test_agreement_matrix_is_the_reports(seed: ArgumentMap, seed_page: str) -> None:
    data = data_of(seed_page)
    report = perspectives(seed)
    ag = data["agreement"]
    assert ag["perspectives"] == list(report.perspectives)
    symbol = {"accept": "a", "reject": "r", "silent": "-"}
    for claim, row in zip(data["claims"], ag["cells"], strict=True):
        assert row == "".join(symbol[v] for v in report.row(claim["id"]))
    ps = ag["perspectives"]
    for i, j, score, shared in ag["pairs"]:
        assert score == report.agreement[(ps[i], ps[j])]
        assert shared == report.shared[(ps[i], ps[j])]
    assert [k["claim"] for k in ag["cruxes"]] == [k.claim for k in report.cruxes[: page.MAX_CRUXES]]


def test_a_quote_shows_source_locator_and_date_when_the_model_has_them() -> None:
    quote = SimpleNamespace(text="We will.", speaker="p", source="s", locator="p. 4", date="2024-05-01")
    amap = ArgumentMap((Claim("c", "C", quotes=(quote,)),))  # type: ignore[arg-type]
    (claim,) = page.page_data(amap)["claims"]
    assert claim["quotes"] == [
        {"text": "We will.", "speaker": "p", "source": "s", "locator": "p. 4", "date": "2024-05-01"}
    ]
    plain = page.page_data(argmap.parse('claim c "C" quote "Said."\n'))["claims"][0]["quotes"]
    assert plain == [{"text": "Said.", "speaker": None, "source": None, "locator": None, "date": None}]


def test_a_search_past_the_time_limit_is_offered_as_not_computed(
    seed: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.semantics import solvers

    real = solvers.acceptance

    def slow(af: Any, semantics: str, *, time_limit: float | None = None) -> Any:
        if semantics == "preferred":
            raise SearchStopped(f"the preferred search stopped after {time_limit} s", "time")
        return real(af, semantics, time_limit=time_limit)

    monkeypatch.setattr(solvers, "acceptance", slow)
    entries = {x["key"]: x for x in page.page_data(seed, time_limit=0.5)["semantics"]}
    for key in ("preferred-sceptical", "preferred-credulous"):
        assert entries[key]["labels"] is None
        assert entries[key]["stopped"] == "the preferred search stopped after 0.5 s"
    assert entries["stable-sceptical"]["labels"] is not None


def test_no_stable_labelling_is_said() -> None:
    odd = argmap.parse('claim a "A"\nclaim b "B"\nclaim c "C"\na rebuts b\nb rebuts c\nc rebuts a\n')
    entries = {x["key"]: x for x in page.page_data(odd)["semantics"]}
    assert entries["stable-sceptical"]["exists"] is False
    assert entries["stable-sceptical"]["labels"] == "uuu"
    assert entries["grounded"]["exists"] is True


def test_colours_beyond_the_palettes_become_css() -> None:
    assert page._css_color("#abc") == "#AABBCC"
    assert page._css_color("#12345678") == "#123456"
    assert page._css_color("0.618 0.55 0.75") == "#5675BF"  # hue 222 degrees: a blue
    assert page._css_color("no colour") == "#777777"
    assert page._ink("#000000") == "#FFFFFF"
    assert page._ink("#FFFF00") == "#000000"
    many = "".join(f'perspective p{i} "P{i}"\n' for i in range(20))
    colors = [p["color"] for p in page.page_data(argmap.parse(many))["perspectives"]]
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in colors)
    assert len(set(colors)) == 20


# ---- escaping ----------------------------------------------------------------------------------
def test_script_json_cannot_close_its_element() -> None:
    text = page.script_json({"a": "</script><!-- & \u2028\u2029 >"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029 >"}


@pytest.mark.parametrize("path", [XSS, ADVERSARIAL], ids=["xss", "adversarial"])
def test_map_text_stays_text(path: Path) -> None:
    amap = argmap.load(path)
    text = argmap.render(amap, "html").decode("utf-8")
    # exactly the page's own elements: its two scripts, one style, no frame, no image
    assert text.count("<script") == 2 and text.count("</script>") == 2
    assert text.count("<style") == 1 and text.count("</style>") == 1
    for tag in ("<img", "<iframe", "<marquee", "<b>", "<svg onload", "<![CDATA[", 'href="javascript'):
        assert tag not in text, tag
    # the page's own "skip to the panel" link; Graphviz's tooltip anchors have no link
    assert len(re.findall(r"<a (?!xlink:title=)", text)) == 1
    # the title is escaped where the page writes it itself
    assert f"<title>{html.escape(amap.title or '', quote=False)} · argmap</title>" in text
    # the data gives back every text exactly
    data = data_of(text)
    for entry, claim in zip(data["claims"], amap.claims, strict=True):
        assert entry["text"] == claim.text
        assert [q["text"] for q in entry["quotes"]] == [q.text for q in claim.quotes]
    assert data["title"] == amap.title


def test_a_colour_that_is_not_one_never_reaches_the_page() -> None:
    data = page.page_data(argmap.load(XSS))
    from argmap.drawing.palette import PERSPECTIVE_PALETTE

    assert {p["id"]: p["color"] for p in data["perspectives"]}["mallory"] == PERSPECTIVE_PALETTE[0]


@pytest.mark.parametrize(
    ("svg", "what"),
    [
        ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "element"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>', "element"),
        ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', "active attribute"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><g ONCLICK="x()"/></svg>', "active attribute"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><g style="background:url(x)"/></svg>', "active attribute"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            '<a xlink:href="javascript:alert(1)"/></svg>',
            "active attribute",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg"><a href="https://example.org"/></svg>', "active attribute"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><image/></svg>', "element"),
        ("<svg><g/></svg>", "element"),  # not in the SVG namespace: not Graphviz's
        ('<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>', "entities"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><text><![CDATA[x]]></text></svg>', "entities"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>', "not well-formed"),
    ],
)
def test_inert_svg_refuses_active_content(svg: str, what: str) -> None:
    with pytest.raises(BackendError, match=what):
        page.inert_svg(svg)


def test_inert_svg_keeps_the_drawing_and_drops_prolog_and_comments(seed: ArgumentMap) -> None:
    for backend in ("auto", "graphviz-pure"):
        raw = argmap.render(seed, "svg", backend=backend).decode("utf-8")
        kept = page.inert_svg(raw)
        assert kept.startswith("<svg ") and kept.endswith("</svg>")
        assert "<!--" not in kept
        assert kept.count('class="node"') == raw.count('class="node"')


# ---- options -----------------------------------------------------------------------------------
def test_initial_state_from_the_render_keywords(seed: ArgumentMap) -> None:
    def initial(**kw: Any) -> dict[str, Any]:
        return data_of(html_page(seed, **kw))["initial"]

    assert initial() == {}
    assert initial(perspective="radic") == {"perspectives": ["radic"]}
    assert initial(compare=("radic", "savkovic"), labels="preferred") == {
        "perspectives": ["radic", "savkovic"],
        "semantics": "preferred-sceptical",
    }
    assert initial(labels="complete") == {"semantics": "grounded"}
    assert initial(focus="bridgehead") == {"select": {"type": "claim", "id": "bridgehead"}}


def test_given_labels_become_a_labelling_of_their_own() -> None:
    amap = argmap.parse('claim a "A"\nclaim b "B"\nclaim c "C"\n')
    text = html_page(amap, labels={"a": "in", "b": "out"})
    data = data_of(text)
    given = data["semantics"][-1]
    assert given["key"] == "given" and given["labels"] == "io-"
    assert data["initial"] == {"semantics": "given"}


def test_drawing_views_keep_part_of_the_map(seed: ArgumentMap, seed_page: str) -> None:
    def nodes(text: str) -> int:
        return len(re.findall(r'<g id="claim&#45;', text))

    only = html_page(seed, perspective="radic", only=True)
    assert 0 < nodes(only) < nodes(seed_page)
    focus = html_page(seed, focus="bridgehead", depth=1)
    assert 0 < nodes(focus) < nodes(seed_page)
    # the panel still knows the whole map
    assert len(data_of(only)["claims"]) == len(data_of(seed_page)["claims"])


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"perspective": "radik"}, "no perspective 'radik'"),
        ({"compare": ("radic", "savkovik")}, "no perspective 'savkovik'"),
        ({"compare": ("radic", "radic")}, "two different perspectives"),
        ({"compare": ("radic",)}, "exactly two"),
        ({"perspective": "radic", "compare": ("radic", "hoti")}, "not both"),
        ({"labels": "groundd"}, "unknown semantics 'groundd'"),
        ({"labels": {"bridgehead": "yes"}}, "must be 'in', 'out' or 'undec'"),
        ({"focus": "nowhere"}, "no claim 'nowhere'"),
    ],
)
def test_bad_options_are_argmap_errors(seed: ArgumentMap, kw: dict[str, Any], message: str) -> None:
    """Unknown names are the general errors (UnknownPerspectiveError, UnknownIdError,
    UnknownChoiceError); options that do not go together a ViewError."""
    with pytest.raises(ArgmapError, match=message) as caught:
        argmap.render(seed, "html", **kw)
    if "radik" in message:
        assert caught.value.hint == "did you mean 'radic'?"


# ---- through the CLI ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["map.html", "map.htm", "MAP.HTML"])
def test_cli_html_from_the_suffix(tmp_path: Path, name: str) -> None:
    src = tmp_path / "map.argmap"
    src.write_text('title "T"\nclaim a "A <b>"\nclaim b "B"\na supports b\n', encoding="utf-8")
    out = tmp_path / name
    result: Result = run_cli("render", str(src), "-o", str(out))
    assert result.code == 0, result.err
    assert f"wrote {out} (html," in result.err
    text = out.read_text(encoding="utf-8")
    assert data_of(text)["claims"][0]["text"] == "A <b>"


def test_cli_html_to_stdout_with_views() -> None:
    result = run_cli(
        "render", str(SEED), "-f", "html", "-o", "-", "--compare", "radic", "savkovic", "--labels", "stable"
    )
    assert result.code == 0, result.err
    data = data_of(result.out)
    assert data["initial"] == {"perspectives": ["radic", "savkovic"], "semantics": "stable-sceptical"}


def test_cli_html_default_output_name(tmp_path: Path) -> None:
    src = tmp_path / "m.argmap"
    src.write_text('claim a "A"\n', encoding="utf-8")
    assert run_cli("render", str(src), "-f", "html").code == 0
    assert (tmp_path / "m.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_html_bad_perspective_is_a_usage_error() -> None:
    result = run_cli("render", str(SEED), "-f", "html", "-o", "-", "--perspective", "radik")
    assert result.code == 2
    assert "no perspective 'radik'" in result.err and "did you mean 'radic'?" in result.err


def test_each_id_once_the_first_definition() -> None:
    """Duplicates are the checker's business; the page shows what the drawing and the
    look-ups take: the first definition, in the order of the file."""
    text = (
        'perspective p "First P"\nperspective q "Q"\nperspective p "Second P"\n'
        'source s "First S"\nsource s "Second S"\nquestion k "First K?"\nquestion k "Second K?"\n'
        'claim b "B"\nclaim a "First A"\nclaim a "Second A"\n'
    )
    data = page.page_data(argmap.parse(text))
    assert [(c["id"], c["text"]) for c in data["claims"]] == [("b", "B"), ("a", "First A")]
    assert [(p["id"], p["name"]) for p in data["perspectives"]] == [("p", "First P"), ("q", "Q")]
    assert [s["title"] for s in data["sources"]] == ["First S"]
    assert [q["text"] for q in data["questions"]] == ["First K?"]
    assert len(data["semantics"][0]["labels"]) == 2 and len(data["agreement"]["cells"]) == 2


@pytest.mark.parametrize("name", ["language2", "kinds", "tweety"])
def test_the_pages_relations_name_the_drawings_marks_and_edges(name: str) -> None:
    """The panel finds each relation's mark and edges in the SVG by the names the drawing gave
    them (language 2: marks of attacks, undercuts of undercuts, linked attacks); a relation's
    scheme reaches the panel."""
    from tests.drawing import edges, load, node_ids

    amap = load(name)
    dot = argmap.to_dot(amap)
    data = page.page_data(amap)
    drawn = {f"{a}->{b}" for a, b in edges(dot)}
    for r in data["relations"]:
        assert set(r["edges"]) <= drawn, r
        assert r["node"] is None or r["node"] in node_ids(dot), r
    if name == "language2":
        schemes = {r["name"]: r["scheme"] for r in data["relations"] if r["name"]}
        assert schemes["cost-step"] == "Argument From Cause To Effect"
        assert "Argument From Cause To Effect" in dot and "Comparison" in dot  # mark and label
