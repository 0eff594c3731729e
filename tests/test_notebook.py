"""argmap.drawing.notebook: what Jupyter shows for a map (the page in a sandboxed frame), an
evaluation and an agreement report (compact tables)."""

from __future__ import annotations

import html
import re

import pytest
from conftest import DATA, MAPS

import argmap
from argmap.drawing import notebook
from argmap.drawing.render import html_page
from argmap.errors import NoBackendError
from argmap.model import ArgumentMap
from argmap.semantics import display
from argmap.semantics.agreement import perspectives
from argmap.semantics.evaluate import evaluate

SEED = MAPS / "turkey-kosovo.argmap"


@pytest.fixture(scope="module")
def seed() -> ArgumentMap:
    return argmap.load(SEED)


def srcdoc(frame: str) -> str:
    found = re.fullmatch(r'<iframe srcdoc="([^"]*)" title="([^"]*)" [^>]*></iframe>', frame)
    assert found is not None, frame[:200]
    return html.unescape(found.group(1))


def test_a_map_shows_as_its_page_in_a_sandboxed_frame(seed: ArgumentMap) -> None:
    shown = seed._repr_html_()
    assert srcdoc(shown) == html_page(seed)
    assert 'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"' in shown
    assert "allow-same-origin" not in shown  # the page's script cannot reach the notebook
    assert f'title="{html.escape(f"Interactive map: {seed.title}", quote=True)}"' in shown
    assert f'height="{notebook.FRAME_HEIGHT}"' in shown


def test_hostile_text_cannot_leave_the_frame() -> None:
    amap = argmap.load(DATA / "html" / "xss.argmap")
    shown = amap._repr_html_()
    assert shown.count("<iframe") == 1 and shown.count("</iframe>") == 1
    assert "<script" not in shown and "<svg" not in shown  # all of the page is inside srcdoc, escaped
    assert srcdoc(shown) == html_page(amap)


def test_one_layout_gives_the_page_and_the_svg(seed: ArgumentMap, monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.drawing import render as render_module

    calls = []
    real = render_module.render

    def counting(*args: object, **kw: object) -> bytes:
        calls.append(args[1] if len(args) > 1 else kw.get("format"))
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(render_module, "render", counting)
    bundle = seed._repr_mimebundle_()
    assert calls == ["svg"]
    assert set(bundle) == {"text/html", "image/svg+xml"}
    assert bundle["image/svg+xml"] == real(seed, "svg").decode("utf-8")
    assert srcdoc(bundle["text/html"]) == html_page(seed)


def test_a_map_that_cannot_be_drawn_says_why(seed: ArgumentMap, monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.drawing import render as render_module

    def no_backend(*args: object, **kw: object) -> bytes:
        raise NoBackendError("no Graphviz backend can write svg", hint="pip install graphviz-pure")

    monkeypatch.setattr(render_module, "render", no_backend)
    for shown in (seed._repr_html_(), seed._repr_mimebundle_()["text/html"]):
        assert 'role="alert"' in shown
        assert "argmap could not draw this map:" in shown
        assert "no Graphviz backend can write svg" in shown and "pip install graphviz-pure" in shown
    assert set(seed._repr_mimebundle_()) == {"text/html"}


def test_an_evaluation_is_a_compact_table(seed: ArgumentMap) -> None:
    ev = evaluate(seed, "preferred")
    shown = ev._repr_html_()
    counts = {k: sum(v == k for v in ev.labels.values()) for k in ("in", "out", "undec")}
    assert (
        f"{len(ev.labels)} claims ({counts['in']} in, {counts['out']} out, {counts['undec']} undec)" in shown
    )
    assert "<strong>preferred</strong> semantics, evidential rule, the whole map" in shown
    rows = re.findall(r"<tr><td[^>]*><code>([^<]*)</code></td><td[^>]*>(IN|OUT|UNDEC)</td>", shown)
    assert rows == [(c, v.upper()) for c, v in list(ev.labels.items())[: display.MAX_ROWS]]
    own = evaluate(seed, "grounded", "radic")._repr_html_()
    assert "perspective <code>radic</code>" in own


def test_a_long_evaluation_says_how_many_more() -> None:
    text = "".join(f'claim c{i} "C{i}"\n' for i in range(display.MAX_ROWS + 7))
    shown = evaluate(argmap.parse(text))._repr_html_()
    assert shown.count("<tr><td") == display.MAX_ROWS + 1
    assert "and 7 more claims" in shown


def test_no_stable_labelling_is_said_in_the_table() -> None:
    odd = argmap.parse('claim a "A"\nclaim b "B"\nclaim c "C"\na rebuts b\nb rebuts c\nc rebuts a\n')
    assert "no stable labelling exists, every claim is undec" in evaluate(odd, "stable")._repr_html_()


def test_an_agreement_report_is_a_matrix_and_its_cruxes(seed: ArgumentMap) -> None:
    report = perspectives(seed)
    shown = report._repr_html_()
    ps = list(report.perspectives)
    assert shown.count("<tr>") == len(ps) + 1
    for p, q in (("vuckovic", "kurti"), ("pavkovic", "savkovic")):
        score = report.agreement[(p, q)]
        assert score is not None
        n = report.shared[(p, q)]
        common = f"{n} claim or relation" if n == 1 else f"{n} claims and relations"
        assert f'{p} / {q}: {common} in common">{score:.0%}' in shown
    crux = argmap.parse(
        'perspective a "A"\nperspective b "B"\n'
        'claim x "X" held by a\n  rejected by b\nclaim y "Y"\nx supports y\n'
    )
    assert "<strong>Cruxes</strong>" in perspectives(crux)._repr_html_()
    assert "nothing to compare" in perspectives(argmap.parse('claim a "A"\n'))._repr_html_()
