"""Tests for argmap.drawing.text: escaping for DOT and HTML-like labels, wrapping."""

from __future__ import annotations

import re
import textwrap

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from argmap.drawing.text import dot_string, html_text, literal, wrap_lines


# ---- escaping ------------------------------------------------------------------------------------
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

    quoted = quote(literal(text))
    assert quoted == dot_string(text) or (
        quoted == dot_string(text)[1:-1]
        and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)", quoted)
        and quoted.lower() not in ("node", "edge", "graph", "digraph", "subgraph", "strict")
    )


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
    # wrap_lines reads plain text itself and hands the rest to textwrap: both must give
    # textwrap's lines, long words, hyphens, odd spaces and all.
    text = "".join((seps[i - 1] if i <= len(seps) else " ") + w if i else w for i, w in enumerate(words))
    for paragraph in text.split("\n"):
        expected = textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=True)
        assert wrap_lines(paragraph, width) == expected


def test_widths_are_helveticas() -> None:
    from argmap.drawing.metrics import lines_width, text_width

    assert text_width("M", 10) == pytest.approx(8.33, abs=0.01)  # Helvetica: 833/1000 em
    assert text_width("i", 10) == pytest.approx(2.22, abs=0.01)
    assert text_width("M", 10, bold=True) == pytest.approx(8.33, abs=0.01)
    assert text_width("ć", 10) == text_width("c", 10)  # accents take no room of their own
    assert text_width("ğ", 10) == text_width("g", 10)
    assert text_width("Ж", 10) > text_width("x", 10) > 0  # Cyrillic is in the font
    assert text_width("日本", 10) == 20.0  # wide scripts: a whole em each
    assert text_width("e\u0301", 10) == text_width("e", 10)  # a combining accent: no width
    assert lines_width(["ab", "abcd"], 10) == 22 and lines_width([], 10) == 0


def test_a_cell_is_as_wide_as_its_text() -> None:
    from argmap.drawing.metrics import text_width
    from argmap.drawing.text import cell

    made = cell(["Savković & <Erdoğan>"], 11, padding=2)
    width = int(re.search(r'WIDTH="(\d+)"', made).group(1))  # type: ignore[union-attr]
    assert width >= text_width("Savković & <Erdoğan>", 11) + 4
    assert "&amp; &lt;Erdoğan&gt;" in made and 'ALIGN="LEFT"' in made


def test_very_long_paragraphs_wrap_at_their_spaces() -> None:
    """Above LONG characters the wrapping is linear (bench/render_long_text.py times it):
    one long word is cut into whole lines, white space runs count as one space."""
    from argmap.drawing.text import LONG, text_lines

    word = "x" * (3 * LONG) + "-y\tz"
    lines = wrap_lines(word, 34)
    assert all(len(line) <= 34 for line in lines)
    assert "".join(lines).replace(" ", "") == "x" * (3 * LONG) + "-yz"
    words = " ".join(["word"] * LONG)
    assert text_lines(words, 34) == textwrap.wrap(words, 34)
