"""A Python-Markdown extension (MkDocs uses Python-Markdown): fenced ``argmap`` blocks become the
map's drawing, or its interactive page.

In ``mkdocs.yml``::

    markdown_extensions:
      - argmap                      # or, with options:
      - argmap:
          mode: page                # what a block shows unless it says: drawing (default) or page
          base_dir: docs            # where src= files are found (default: the working folder)
          height: 560               # the page's height in pixels
          strict: true              # a map with an error stops the build (default: a red box)

From Python: ``markdown.markdown(text, extensions=["argmap"])`` (the name is registered as an
entry point of the ``markdown.extensions`` group). In a document::

    ```argmap
    claim a "A."
    claim b "B."
    a supports b
    ```

    ```argmap page perspective=radic labels=grounded height=500
    ...
    ```

    ```argmap src=maps/tweety.argmap caption="Does Tweety fly?"
    ```

Words after ``argmap``: ``drawing`` or ``page``; ``src=FILE`` (the map from a file instead of
the block); ``caption=TEXT``; ``height=PIXELS`` (page); the views of :func:`argmap.render`:
``perspective=P``, ``only``, ``compare=P,Q``, ``question=Q``, ``focus=C``, ``depth=N``,
``labels=SEMANTICS``, ``rankdir=LR``, ``legend=no``. Values with spaces go in quotes. A
drawing is the SVG inline (its ids prefixed, so that several maps can share a page), scaled
to the width of the text; a page is :func:`argmap.drawing.render.html_page` in a sandboxed
frame. A map that does not parse, or an option the extension does not know, gives a red box
that says what is wrong (and a warning in the log), or stops the build under ``strict``.

Run as a program, it turns a Markdown file into a standalone HTML document:
``python -m argmap.drawing.markdown_ext docs/examples/markdown.md -o docs/examples/markdown.html``.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import logging
import re
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

try:
    from markdown import Markdown
    from markdown.extensions import Extension
    from markdown.preprocessors import Preprocessor
except ImportError as exc:  # an optional dependency: say which, and how to get it
    raise ImportError(
        "argmap's Markdown extension needs Python-Markdown: pip install 'argmap[markdown]'"
    ) from exc

from argmap.drawing import RANKDIRS
from argmap.errors import ArgmapError
from argmap.semantics import SEMANTICS
from argmap.util.suggest import did_you_mean

__all__ = ["ArgmapExtension", "BlockError", "document", "makeExtension"]

log = logging.getLogger("MARKDOWN")

#: Any fenced block (so that an argmap block shown inside another, as an example, stays text).
_FENCE = re.compile(
    r"""
    (?P<fence>^(?:~{3,}|`{3,}))[ ]*           # opening fence
    (?P<info>[^\n]*)\n                        # the rest of its line
    (?P<code>.*?)(?<=\n)                       # the content
    (?P=fence)[ ]*$                           # closing fence
    """,
    re.MULTILINE | re.DOTALL | re.VERBOSE,
)
#: The info line of an argmap block: argmap, .argmap or {.argmap ...}, then the options.
_INFO = re.compile(r"\{?\.?argmap(?![\w-])(?P<options>[^}]*)\}?[ ]*\Z")
_MODES = ("drawing", "page")
_FLAGS = ("only",)
_KEYS: tuple[str, ...] = ("src", "caption", "height", "perspective", "compare", "question", "focus")
_KEYS += ("depth", "labels", "rankdir", "legend", "mode")
_ROOT_SIZE = re.compile(r'\A<svg width="([0-9.]+)pt" height="([0-9.]+)pt"')
_ID = re.compile(r'(?<=\sid=")')


class BlockError(ArgmapError, ValueError):
    """An ``argmap`` block that cannot be shown: a bad option, a map that does not parse."""


def _options(words: str) -> dict[str, str]:
    """The words after ``argmap``: flags and key=value pairs (values may be quoted)."""
    try:
        parts = shlex.split(words)
    except ValueError as exc:
        raise BlockError(f"cannot read the options {words.strip()!r}: {exc}") from None
    out: dict[str, str] = {}
    for part in parts:
        key, eq, value = part.partition("=")
        if not eq:
            if key in _MODES:
                key, value = "mode", key
            elif key in _FLAGS:
                value = "yes"
            else:
                raise BlockError(
                    f"unknown option {key!r}",
                    hint=did_you_mean(key, (*_MODES, *_FLAGS, *_KEYS))
                    or f"the options: {', '.join((*_MODES, *_FLAGS, *(k + '=' for k in _KEYS)))}",
                )
        elif key not in _KEYS:
            raise BlockError(f"unknown option {key!r}", hint=did_you_mean(key, _KEYS))
        out[key] = value
    return out


def _yes(value: str, key: str) -> bool:
    if value.lower() in ("yes", "true", "on", "1"):
        return True
    if value.lower() in ("no", "false", "off", "0"):
        return False
    raise BlockError(f"{key}={value!r} must be yes or no")


def _view(options: dict[str, str]) -> dict[str, Any]:
    """The keywords of :func:`argmap.render` the options name, checked."""
    view: dict[str, Any] = {}
    for key in ("perspective", "question", "focus"):
        if key in options:
            view[key] = options[key]
    if "compare" in options:
        view["compare"] = tuple(p.strip() for p in options["compare"].split(","))
    if "only" in options:
        view["only"] = _yes(options["only"], "only")
    if "depth" in options:
        if not options["depth"].isdigit():
            raise BlockError(f"depth={options['depth']!r} must be a whole number")
        view["depth"] = int(options["depth"])
    if "labels" in options:
        if options["labels"] not in SEMANTICS:
            raise BlockError(
                f"labels={options['labels']!r} is not a semantics ({', '.join(SEMANTICS)})",
                hint=did_you_mean(options["labels"], SEMANTICS),
            )
        view["labels"] = options["labels"]
    if "rankdir" in options:
        if options["rankdir"] not in RANKDIRS:
            raise BlockError(f"rankdir={options['rankdir']!r} must be one of {', '.join(RANKDIRS)}")
        view["rankdir"] = options["rankdir"]
    if "legend" in options:
        view["legend"] = _yes(options["legend"], "legend")
    return view


class _Blocks(Preprocessor):
    """Replaces each ``argmap`` block with its drawing or page (kept aside in the HTML stash,
    so that Markdown leaves it alone)."""

    def __init__(self, md: Markdown, ext: ArgmapExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        out: list[str] = []
        pos = 0
        for match in _FENCE.finditer(text):
            info = _INFO.match(match.group("info"))
            if info is None:
                continue  # another language's block: left whole, argmap blocks inside it too
            out.append(text[pos : match.start()])
            shown = self.ext.block(match.group("code"), info.group("options"))
            out.append("\n\n" + self.md.htmlStash.store(shown) + "\n\n")
            pos = match.end()
        out.append(text[pos:])
        return "".join(out).split("\n")


class ArgmapExtension(Extension):
    """Fenced ``argmap`` blocks as drawings or interactive pages (see the module's docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "mode": ["drawing", "What a block shows unless it says: drawing or page"],
            "base_dir": [".", "The folder src= paths are relative to"],
            "height": [560, "The height of an interactive page, in pixels"],
            "strict": [False, "Stop on a block with an error instead of showing the error"],
        }
        super().__init__(**kwargs)
        self.count = 0

    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        md.registerExtension(self)
        # after normalize_whitespace (30), before fenced_code_block (25)
        md.preprocessors.register(_Blocks(md, self), "argmap", 28)

    def reset(self) -> None:
        self.count = 0

    def block(self, code: str, words: str) -> str:
        """The HTML for one block, or a box that says what is wrong with it."""
        self.count += 1
        try:
            return self._block(code, words, f"argmap-{self.count}")
        except ArgmapError as exc:
            if self.getConfig("strict"):
                raise
            hint = f" ({exc.hint})" if exc.hint else ""
            log.warning("argmap block %d: %s%s", self.count, exc.message, hint)
            return (
                '<div class="argmap-error" role="alert"><p><strong>This argmap block cannot be shown:'
                f"</strong></p><pre>{html.escape(exc.message + hint)}</pre></div>"
            )

    def _block(self, code: str, words: str, prefix: str) -> str:
        from argmap.syntax.parser import parse

        options = _options(words)
        mode = options.get("mode", str(self.getConfig("mode")))
        if mode not in _MODES:
            raise BlockError(f"mode {mode!r} must be drawing or page")
        view = _view(options)
        name = "<argmap block>"
        if "src" in options:
            if code.strip():
                raise BlockError("a block with src= must be empty: the map comes from the file")
            path = Path(str(self.getConfig("base_dir"))) / options["src"]
            try:
                code = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise BlockError(f"cannot read {path}: {exc.strerror or exc}") from None
            name = str(path)
        amap = parse(code, name)
        caption = options.get("caption", amap.title or "")
        if mode == "page":
            from argmap.drawing.notebook import frame
            from argmap.drawing.render import html_page

            height = options.get("height", str(self.getConfig("height")))
            if not height.isdigit():
                raise BlockError(f"height={height!r} must be a number of pixels")
            page = html_page(amap, **view)
            title = f"Interactive map: {caption or 'argument map'}"
            return f'<div class="argmap-page">{frame(page, title=title, height=int(height))}</div>'
        if "height" in options:
            raise BlockError("height= is for pages; a drawing takes the width of the text")
        from argmap.drawing.html import inert_svg
        from argmap.drawing.render import render

        svg = inert_svg(render(amap, "svg", links=False, **view))
        return _figure(svg, prefix, caption)


def _figure(svg: str, prefix: str, caption: str) -> str:
    """An inline SVG as a figure: its ids prefixed, as wide as the text at most its own size."""
    size = _ROOT_SIZE.match(svg)
    if size is not None:
        width = float(size.group(1))
        root = f'<svg width="100%" style="max-width:{width:g}pt;height:auto"'
        svg = root + svg[size.end() :]
    svg = _ID.sub(prefix + "-", svg)
    label = html.escape(caption or "An argument map", quote=True)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    figcaption = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return f'<figure class="argmap" id="{prefix}">{svg}{figcaption}</figure>'


def makeExtension(**kwargs: Any) -> ArgmapExtension:  # Python-Markdown's name
    """What Python-Markdown calls for ``extensions=["argmap.drawing.markdown_ext"]``."""
    return ArgmapExtension(**kwargs)


# ---- a standalone document ---------------------------------------------------------------------
_DOCUMENT_STYLE = """
body { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a;
       font: 16px/1.55 system-ui, sans-serif; }
pre, code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 14px; }
pre { background: #f4f5f7; padding: .6rem .8rem; overflow: auto; border-radius: 4px; }
figure.argmap { margin: 1.2rem 0; }
figure.argmap figcaption { color: #4d4d4d; font-size: 14px; text-align: center; }
.argmap-error { border: 1px solid #c0392b; border-radius: 4px; padding: 0 .8rem; color: #9b2c20; }
"""


def document(text: str, *, title: str | None = None, base_dir: str = ".") -> str:
    """A Markdown text as one standalone HTML document, its ``argmap`` blocks shown; the
    first heading is the title unless one is given. The source's SHA-256 is noted in the head,
    so that a stale copy can be told from the source it was made from."""
    body = Markdown(extensions=[ArgmapExtension(base_dir=base_dir), "fenced_code", "tables"]).convert(text)
    if title is None:
        heading = re.search(r"^#\s+(.+)$", text, re.MULTILINE)
        title = heading.group(1).strip() if heading else "argmap"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="argmap-source-sha256" content="{digest}">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_DOCUMENT_STYLE}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m argmap.drawing.markdown_ext IN.md -o OUT.html``."""
    parser = argparse.ArgumentParser(description="Markdown with argmap blocks -> one HTML document")
    parser.add_argument("source", help="the Markdown file")
    parser.add_argument("-o", "--output", help="the HTML file (default: standard output)")
    parser.add_argument("--base-dir", default=".", help="where src= paths start (default: here)")
    a = parser.parse_args(argv)
    try:
        text = Path(a.source).read_text(encoding="utf-8")
        out = document(text, base_dir=a.base_dir)
    except (OSError, ArgmapError) as exc:
        print(f"argmap: error: {exc}", file=sys.stderr)
        return 2
    if a.output:
        Path(a.output).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
