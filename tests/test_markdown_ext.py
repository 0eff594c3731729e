"""argmap.drawing.markdown_ext: fenced argmap blocks in Python-Markdown (and so in MkDocs)."""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import logging
import re
from pathlib import Path

import markdown
import pytest
from conftest import DATA, MAPS, ROOT

import argmap
from argmap.drawing import markdown_ext
from argmap.drawing.render import html_page
from argmap.syntax.errors import ParseError

SMALL = 'claim a "A <b>claim</b>."\nclaim b "B."\na supports b\n'


def md(text: str, **config: object) -> str:
    return markdown.markdown(text, extensions=[markdown_ext.ArgmapExtension(**config), "fenced_code"])


def block(body: str, words: str = "", fence: str = "```") -> str:
    return f"Before.\n\n{fence}argmap {words}\n{body}{fence}\n\nAfter.\n"


def srcdoc(out: str) -> str:
    found = re.search(r'<iframe srcdoc="([^"]*)"', out)
    assert found is not None
    return html.unescape(found.group(1))


def test_registered_as_the_argmap_extension() -> None:
    (entry,) = importlib.metadata.entry_points(group="markdown.extensions", name="argmap")
    assert entry.load() is markdown_ext.ArgmapExtension
    out = markdown.markdown(block(SMALL), extensions=["argmap"])
    assert '<figure class="argmap" id="argmap-1">' in out
    assert markdown.markdown(block(SMALL), extensions=["argmap.drawing.markdown_ext"]) == out


def test_a_block_becomes_its_drawing() -> None:
    out = md(block(SMALL, 'caption="Two claims"'))
    assert out.startswith("<p>Before.</p>\n<figure") and out.endswith("<p>After.</p>")
    svg = re.search(r"<svg .*?</svg>", out, re.DOTALL)
    assert svg is not None
    assert 'role="img" aria-label="Two claims" width="100%" style="max-width:' in svg.group()
    assert "<figcaption>Two claims</figcaption>" in out
    assert "A &lt;b&gt;claim&lt;/b&gt;." in out and "<b>claim</b>" not in out
    ids = re.findall(r'\sid="([^"]*)"', svg.group())
    assert ids and all(i.startswith("argmap-1-") for i in ids)
    assert "argmap-1-claim&#45;a" in svg.group()


def test_several_maps_share_a_page_without_sharing_ids() -> None:
    out = md(block(SMALL) + block(SMALL, fence="~~~") + "```{.argmap}\n" + SMALL + "```\n")
    ids = re.findall(r'\sid="([^"]*)"', out)
    assert len(ids) == len(set(ids))
    assert {"argmap-1", "argmap-2", "argmap-3"} <= set(ids)


def test_other_code_blocks_are_left_alone() -> None:
    out = md("```python\nprint('argmap')\n```\n\n```argmapper\nx\n```\n")
    assert "<figure" not in out
    assert out.count("<pre><code") == 2


def test_page_mode_embeds_the_interactive_page() -> None:
    seed = MAPS / "turkey-kosovo.argmap"
    out = md(
        block("", "page src=turkey-kosovo.argmap perspective=radic labels=grounded height=480"), base_dir=MAPS
    )
    assert '<div class="argmap-page"><iframe' in out and 'height="480"' in out
    assert 'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"' in out
    amap = argmap.load(seed)
    expected = html_page(
        argmap.parse(seed.read_text(encoding="utf-8"), str(seed)), perspective="radic", labels="grounded"
    )
    assert srcdoc(out) == expected
    assert amap.title is not None and html.escape(f"Interactive map: {amap.title}", quote=True) in out


def test_the_mode_and_height_come_from_the_config() -> None:
    out = md(block(SMALL), mode="page", height=333)
    assert 'height="333"' in out and "<iframe" in out
    assert "<figure" in md(block(SMALL, "drawing"), mode="page")


def test_views_reach_the_drawing() -> None:
    text = 'perspective p "P"\nclaim a "A" held by p\nclaim b "B"\nclaim c "C"\na supports b\nc rebuts b\n'
    out = md(block(text, "perspective=p only rankdir=LR legend=no"))
    assert "argmap-1-claim&#45;a" in out and "argmap-1-claim&#45;c" not in out  # only p's part
    assert "Legend" not in out
    labelled = md(block(text, "labels=grounded"))
    assert "IN: accepted" in labelled


def test_src_is_read_from_the_base_dir(tmp_path: Path) -> None:
    (tmp_path / "m.argmap").write_text(SMALL, encoding="utf-8")
    assert "argmap-1-claim&#45;a" in md(block("", "src=m.argmap"), base_dir=tmp_path)


@pytest.mark.parametrize(
    ("body", "words", "message"),
    [
        ("claim a\n", "", "expected"),  # a map that does not parse: where and what
        (SMALL, "perspectiv=p", "unknown option 'perspectiv' (did you mean 'perspective'?)"),
        (SMALL, "pgae", "unknown option 'pgae' (did you mean 'page'?)"),
        (SMALL, "labels=grund", "did you mean 'grounded'?"),
        (SMALL, "rankdir=XY", "must be one of TB, BT, LR, RL"),
        (SMALL, "depth=two", "must be a whole number"),
        (SMALL, "legend=maybe", "must be yes or no"),
        (SMALL, "height=300", "height= is for pages"),
        (SMALL, "page height=tall", "must be a number of pixels"),
        (SMALL, 'caption="unclosed', "cannot read the options"),
        (SMALL, "src=m.argmap", "a block with src= must be empty"),
        ("", "src=nowhere.argmap", "cannot read nowhere.argmap"),
        (SMALL, "perspective=nobody", "the map has no perspective 'nobody'"),
    ],
)
def test_a_bad_block_says_what_is_wrong(
    body: str, words: str, message: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="MARKDOWN"):
        out = md(block(body, words))
    assert '<div class="argmap-error" role="alert">' in out
    assert html.escape(message) in out
    assert out.startswith("<p>Before.</p>") and out.endswith("<p>After.</p>")  # the rest is there
    assert [r.getMessage() for r in caplog.records] and message in caplog.records[0].getMessage()


def test_strict_stops_on_a_bad_block() -> None:
    with pytest.raises(ParseError):
        md(block("claim a\n"), strict=True)
    with pytest.raises(markdown_ext.BlockError, match="unknown option"):
        md(block(SMALL, "nonsense"), strict=True)


def test_hostile_map_text_stays_text() -> None:
    out = md(block("", "src=xss.argmap"), base_dir=DATA / "html")
    out_page = md(block("", "page src=xss.argmap"), base_dir=DATA / "html")
    for shown in (out, out_page):
        for tag in ("<script", "<img", "<iframe src=", "<svg onload", "<marquee"):
            assert tag not in shown, tag
    assert "&lt;script&gt;window.__pwned=&#39;claim&#39;&lt;/script&gt;" in out


# ---- the standalone document and the docs' example --------------------------------------------
def test_document_is_standalone(tmp_path: Path) -> None:
    text = "# A title\n\nSome *text*.\n\n" + block(SMALL)
    out = markdown_ext.document(text)
    assert out.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')
    assert "<title>A title</title>" in out and "<em>text</em>" in out and "<figure" in out
    assert f'<meta name="argmap-source-sha256" content="{hashlib.sha256(text.encode()).hexdigest()}">' in out
    src = tmp_path / "in.md"
    src.write_text(text, encoding="utf-8")
    assert markdown_ext.main([str(src), "-o", str(tmp_path / "out.html")]) == 0
    assert (tmp_path / "out.html").read_text(encoding="utf-8") == out
    assert markdown_ext.main([str(tmp_path / "missing.md")]) == 2


def test_the_docs_example_was_built_from_its_source() -> None:
    """docs/examples/markdown.html is docs/examples/markdown.md run through the extension:
    rebuilt whenever the source changes (the command is in the example)."""
    source = ROOT / "docs" / "examples" / "markdown.md"
    built = (ROOT / "docs" / "examples" / "markdown.html").read_text(encoding="utf-8")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    assert f'<meta name="argmap-source-sha256" content="{digest}">' in built, (
        "docs/examples/markdown.html is stale: python -m argmap.drawing.markdown_ext "
        "docs/examples/markdown.md -o docs/examples/markdown.html"
    )
    assert built.count('<figure class="argmap"') >= 1 and built.count('<div class="argmap-page">') >= 1
    assert 'class="argmap-error"' not in built
    # and the page in its frame runs today's script
    from argmap.drawing.html import _asset

    assert _asset("page.js") in srcdoc(built) and _asset("page.css") in srcdoc(built)


def test_an_argmap_block_inside_another_block_stays_an_example() -> None:
    out = md("````markdown\n```argmap\n" + SMALL + "```\n````\n\n" + block(SMALL))
    assert out.count("<figure") == 1
    assert "<code>```argmap" in out or '<code class="language-markdown">```argmap' in out


def test_without_python_markdown_the_error_says_what_to_install() -> None:
    import subprocess
    import sys

    probe = (
        "import sys; sys.modules['markdown'] = None\n"
        "try:\n    import argmap.drawing.markdown_ext\nexcept ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "argmap's Markdown extension needs Python-Markdown: pip install 'argmap[markdown]'"
