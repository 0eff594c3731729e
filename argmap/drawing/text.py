"""Text in the picture: escaping for DOT strings and HTML-like labels, line wrapping, shortening.

Every piece of map text reaches the DOT through :func:`html_text` (inside an HTML-like label),
:func:`literal` (any other attribute value or node id) or :func:`tooltip`, so no claim text can
change the graph's structure or be read as a Graphviz escape.
"""

from __future__ import annotations

import functools
import math
import re
import textwrap
from typing import Any

__all__ = [
    "WRAP",
    "cell",
    "dot_string",
    "escaped",
    "html_text",
    "literal",
    "shorten",
    "text_lines",
    "tooltip",
    "wrap",
    "wrap_lines",
]

#: Characters per line of a claim's text.
WRAP = 34
#: Longer paragraphs are wrapped in linear time at their spaces only (see :func:`wrap_lines`).
LONG = 10_000

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
#: Every character that html_text or escaped changes (and a few they keep): text without any
#: comes back unchanged, which one search tells faster than the replacements below.
_SPECIAL = re.compile(r'[\x00-\x1f\x7f\ufffe\uffff\\&<>"]')
#: A line break in an HTML-like label.
_BR = '<BR ALIGN="CENTER"/>'


def html_text(text: str) -> str:
    """``text`` as the content of a Graphviz HTML-like label: markup characters become entities,
    backslashes are doubled (Graphviz expands ``\\N``, ``\\G`` ... even in HTML text, entities
    included), characters XML cannot hold become U+FFFD, line breaks become ``<BR/>``."""
    if not _SPECIAL.search(text):
        return text or " "
    text = _XML_BAD.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    "))
    text = text.replace("\\", "\\\\")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    # ']' and '}' are plain text inside <...>; only the markup characters above matter. An empty
    # <FONT></FONT> or <B></B> is a syntax error to Graphviz, so empty text becomes one space.
    return text.replace("\n", _BR) or " "


def escaped(text: str) -> str:
    """The inside of :func:`dot_string` (no surrounding quotes)."""
    if not _SPECIAL.search(text):
        return text
    text = _XML_BAD.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("&", "&amp;")


def dot_string(text: str) -> str:
    """``text`` as a quoted DOT string that Graphviz shows literally: a backslash cannot start
    ``\\N``, ``\\n`` ..., and ``&`` is written ``&amp;`` because Graphviz decodes entities in
    plain strings too."""
    return f'"{escaped(text)}"'


def literal(text: str) -> Any:
    """``text`` as an attribute value or node id for the ``graphviz`` package, shown literally.

    The package quotes by itself but leaves backslashes alone (they are Graphviz escapes to it)
    and passes anything that looks like ``<...>`` through as an HTML label. So the text is
    escaped as by :func:`dot_string`, and marked ``nohtml`` when it starts with ``<`` (the only
    text the package takes for HTML; a plain ``str`` formats faster than the subclass). The
    package's quoting then only adds the quotes (or none for a plain identifier, which means the
    same), as tests/test_text.py checks."""
    value = escaped(text)
    return _nohtml()(value) if value[:1] == "<" else value


@functools.cache
def _nohtml() -> Any:
    from graphviz import nohtml

    return nohtml


def tooltip(text: str) -> Any:
    """A tooltip value. Graphviz expands escapes in tooltips twice (the second time when it puts
    them in the SVG), so a backslash is written four times."""
    return literal(text.replace("\\", "\\\\"))


#: Characters of the wide East Asian scripts (each as wide as two Latin letters).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)


def text_lines(text: str, width: int = WRAP) -> list[str]:
    """``text`` wrapped at ``width`` characters (half as many for text in a wide East Asian
    script, which has no spaces to break at and letters twice as wide), its own line breaks
    kept (not escaped)."""
    if not text.isascii() and _WIDE.search(text):
        width = max(4, width // 2)
    if "\n" in text or "\r" in text:
        lines: list[str] = []
        for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            lines.extend(wrap_lines(paragraph, width) or [""])
        while lines and not lines[-1]:
            lines.pop()
        return lines
    return wrap_lines(text, width)


def cell(
    lines: list[str],
    size: int,
    *,
    bold: bool = False,
    italic: bool = False,
    color: str | None = None,
    padding: int = 2,
    attributes: str = "",
    widest: float | None = None,
) -> str:
    """A table cell holding ``lines`` (plain text, escaped here), left-aligned, at least as wide
    as the lines measure in Helvetica's widths (:mod:`argmap.drawing.metrics`), so that neither
    renderer can make it too narrow for its text. ``widest``: the width of the widest line
    (at ``size``, ``bold`` as given), when the caller measured it already."""
    if widest is None:
        from argmap.drawing.metrics import lines_width

        width = lines_width(lines, size, bold) + 2 * padding + 2
    else:
        width = math.ceil(widest) + 2 * padding + 2
    body = "<BR/>".join(html_text(line) for line in lines) if lines else " "
    if bold:
        body = f"<B>{body}</B>"
    if italic:
        body = f"<I>{body}</I>"
    ink = f' COLOR="{color}"' if color else ""
    return (
        f'<TD ALIGN="LEFT" BALIGN="LEFT" CELLPADDING="{padding}" WIDTH="{width}"{attributes}>'
        f'<FONT POINT-SIZE="{size}"{ink}>{body}</FONT></TD>'
    )


def wrap(text: str, width: int = WRAP) -> str:
    """Wrapped, escaped text for a label body (existing line breaks kept)."""
    lines = text_lines(text, width)
    if not _SPECIAL.search(text):  # the lines are pieces of the text: nothing to escape
        return _BR.join(lines) or " "
    return _BR.join(html_text(line) for line in lines) or " "


def wrap_lines(paragraph: str, width: int) -> list[str]:
    """``textwrap.wrap(paragraph, width)``, the same lines, faster for plain text.

    Plain text here is words parted by single spaces, with no other whitespace, no hyphens
    and no space at either end: textwrap's chunks are then just the words and the spaces, and
    each line ends at the last space that fits (tests/test_text.py compares the two on random
    text). Anything else goes to textwrap itself, but for a line that fits as it is (no space
    at either end, no whitespace but spaces): hyphens and double spaces change only where
    textwrap breaks a line, and it breaks none."""
    if len(paragraph) <= width and paragraph[:1] != " " and paragraph[-1:] != " " and paragraph.isprintable():
        return [paragraph] if paragraph else []
    if len(paragraph) > LONG:
        # textwrap cuts a long word off its rest again and again (quadratic): a very long
        # paragraph is wrapped at its spaces only, white space runs made one space
        return _wrap_words(" ".join(paragraph.split()), width) if paragraph.strip() else []
    if (
        not paragraph.isprintable()  # the only whitespace a printable text can hold is " "
        or "-" in paragraph
        or "  " in paragraph
        or paragraph[:1] in ("", " ")
        or paragraph[-1] == " "
    ):
        return textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=True)
    lines: list[str] = []
    start = 0
    while len(paragraph) - start > width:
        end = paragraph.rfind(" ", start, start + width + 1)
        if end < 0:  # a word longer than a line (textwrap starts it on the line before)
            return _wrap_words(paragraph, width)
        lines.append(paragraph[start:end])
        start = end + 1
    lines.append(paragraph[start:])
    return lines


def _wrap_words(paragraph: str, width: int) -> list[str]:
    """:func:`wrap_lines` of plain text with words longer than ``width``: textwrap's
    ``_wrap_chunks`` for chunks that are words and single spaces."""
    lines: list[str] = []
    line = ""
    for word in paragraph.split(" "):
        rest = word
        if not line:
            pass  # the first word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
            continue
        elif len(word) > width and len(line) + 1 <= width:
            # A word longer than a whole line starts right after the space; when only the
            # space fits, textwrap keeps it at the end of the line.
            cut = width - len(line) - 1
            lines.append(line + " " + word[:cut])
            rest = word[cut:]
        else:
            lines.append(line)
        # by index: cutting the rest off again and again copies it each time (quadratic)
        start = 0
        while len(rest) - start > width:
            lines.append(rest[start : start + width])
            start += width
        line = rest[start:]
    lines.append(line)
    return lines


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."
