"""Argdown text -> lines of tokens, as Argdown's own lexer (``@argdown/core``'s ``lexer.ts``)
cuts it: comments, data, escapes, tags, titles, mentions and links are recognised where
Argdown recognises them, so a comment opener inside a tag or a title stays text, and an
escaped character is always literal.

Every search is bounded and remembered (a closer not found from one position is not found from
any later one), so the whole text is read in time linear in its length, whatever it holds.
"""

from __future__ import annotations

import re

import attrs

__all__ = ["Line", "Token", "lex"]

#: Line terminators of JavaScript's ``.``; Argdown's one-line tokens stop at them.
_BREAKS = "\n\r\u2028\u2029"


@attrs.define
class Token:
    """One piece of a line. ``kind`` is one of: ``text`` (plain words, white space may be
    folded), ``lit`` (escaped characters, kept exactly), ``tag``, ``data`` (the raw ``{...}``),
    ``sdef`` / ``sref`` / ``adef`` / ``aref`` (a statement's or argument's title, defined or
    referred to), ``link`` (``value`` the link text, ``extra`` the url), ``format`` (a bold or
    italic marker, dropped), ``mention`` (``@[T]`` or ``@<T>``, kept as text)."""

    kind: str
    value: str
    extra: str = ""


@attrs.define
class Line:
    """One line of the document: its number (1-based, in the original text), indentation, what
    starts it (``lead``: ``rel`` ``pcs`` ``inference`` ``heading`` ``list`` or empty) and its
    tokens. ``blank`` lines end paragraphs; a line that held only a comment is dropped."""

    number: int
    indent: int
    lead: str = ""
    symbol: str = ""
    tokens: list[Token] = attrs.field(factory=list)
    blank: bool = False
    comment: bool = False
    raw: str = ""


class _Finder:
    """``text.find(needle, start)`` answered from the last search when it can be (searches
    start at increasing positions), so repeated searches cost linear time in all."""

    def __init__(self, text: str, needle: str) -> None:
        self.text = text
        self.needle = needle
        self.start = -1
        self.found = -1

    def find(self, start: int) -> int:
        if self.start != -1 and self.start <= start and (self.found == -1 or self.found >= start):
            return self.found
        self.start = start
        self.found = self.text.find(self.needle, start)
        return self.found


class _Pattern:
    """The next match of a regular expression at or after a position, remembered likewise."""

    def __init__(self, text: str, pattern: str) -> None:
        self.text = text
        self.regex = re.compile(pattern)
        self.start = -1
        self.found: re.Match[str] | None = None

    def search(self, start: int) -> re.Match[str] | None:
        f = self.found
        if self.start != -1 and self.start <= start and (f is None or f.start() >= start):
            return f
        self.start = start
        self.found = self.regex.search(self.text, start)
        return self.found


_LINE_START = (
    ("inference", re.compile(r"[ \t]*--")),
    ("rel", re.compile(r"([ \t]*)(\+>|->|<?\+|<?-|><|_>|<_|_(?=\s))")),
    ("heading", re.compile(r"(#+) ")),
    ("pcs", re.compile(r"[ \t]*\((\d+)\)")),
    ("list", re.compile(r"[ \t]*(?:\d+\.|\*)(?=\s)")),
)
_TAG_WORD = re.compile("[a-zA-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+")
_SPECIAL = {".", ":"}
_PLAIN = r"[^\\@#*_\[\],.:;</>\-\r\n(){} \t]"
#: Argdown's Freestyle token: a run of characters none of which starts another token.
_FREESTYLE = re.compile(f"{_PLAIN}+(?:[ \t]+{_PLAIN}+)*[ \t]*")
_MARKERS = (("**", "bold*"), ("__", "bold_"), ("*", "italic*"), ("_", "italic_"))
_END_AFTER = set(" \t\n\r)}_.,!?;:-*")


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.finders: dict[str, _Finder] = {}
        self.patterns: dict[str, _Pattern] = {}
        self.data_fail_until = -1
        self.newline = _Pattern(text, "[\n\r\u2028\u2029]")

    def find(self, needle: str, start: int) -> int:
        f = self.finders.get(needle)
        if f is None:
            f = self.finders[needle] = _Finder(self.text, needle)
        return f.find(start)

    def search(self, pattern: str, start: int) -> re.Match[str] | None:
        p = self.patterns.get(pattern)
        if p is None:
            p = self.patterns[pattern] = _Pattern(self.text, pattern)
        return p.search(start)

    def line_end(self, start: int) -> int:
        m = self.newline.search(start)
        return self.n if m is None else m.start()

    # ---- tokens that may span lines --------------------------------------------------------
    def comment(self, i: int) -> int:
        """The end of a comment starting at ``i``, or -1."""
        text = self.text
        if text.startswith("<!--", i):
            end = self.find("-->", i + 4)
            return -1 if end == -1 else end + 3
        if text.startswith("/*", i):
            end = self.find("*/", i + 2)
            return -1 if end == -1 else end + 2
        if text.startswith("//", i):
            return self.line_end(i)
        return -1

    def data(self, i: int) -> int:
        """The end of a data block ``{...}`` starting at ``i`` (Argdown's greedy pattern
        ``{((?!}\\s[^,}])(.|\\n))*}(?!\\s*(,|}))``), or -1."""
        if i < self.data_fail_until:
            return -1
        stop_m = self.search(r"\}\s[^,}]|[\r\u2028\u2029]", i + 1)
        if stop_m is None:
            stop, last = self.n, self.n - 1
        elif stop_m.group()[0] == "}":
            stop = last = stop_m.start()
        else:
            stop, last = stop_m.start(), stop_m.start() - 1
        q = last
        text = self.text
        while q > i:
            q = text.rfind("}", i + 1, q + 1)
            if q == -1:
                break
            after = q + 1
            while after < self.n and text[after].isspace():
                after += 1
            if after >= self.n or text[after] not in ",}":
                return q + 1
            q -= 1
        self.data_fail_until = stop
        return -1

    # ---- one-line tokens ---------------------------------------------------------------------
    def closing(self, i: int, close: str, *, min_len: int = 1) -> int:
        """The index just after the first ``close`` at least ``min_len`` characters after ``i``
        on the same line, or -1."""
        end = self.line_end(i)
        at = self.find(close, i + min_len)
        if at == -1 or at + len(close) > end:
            return -1
        return at + len(close)

    def tag(self, i: int, tokens: list[Token]) -> int:
        """A tag ``#word`` or ``#(some words)`` at ``i`` (its end), or -1."""
        text = self.text
        if text.startswith("#(", i):
            end = self.closing(i + 1, ")", min_len=2)
            if end == -1:
                return -1
            value = text[i + 2 : end - 1]
        else:
            m = _TAG_WORD.match(text, i + 1)
            if m is None:
                return -1
            value, end = m.group(), m.end()
        if end < self.n and text[end] in " \t":
            end += 1
        tokens.append(Token("tag", value.strip()))
        return end

    def special(self, i: int) -> int:
        """A special character ``.name.`` or ``:name:`` at ``i`` (its end), or -1."""
        ch = self.text[i]
        at = self.find(ch, i + 2)
        if at == -1:
            return -1
        space = self.search(r"\s", i + 1)
        if space is not None and space.start() < at:
            return -1
        end = at + 1
        if end < self.n and self.text[end] in " \t":
            end += 1
        return end

    def run(self) -> list[Line]:
        text, n = self.text, self.n
        lines: list[Line] = []
        i = 0
        number = 1
        stack: list[str] = []  # open bold/italic markers
        while i <= n:
            # ---- a new line -----------------------------------------------------------------
            indent_end = i
            while indent_end < n and text[indent_end] in " \t":
                indent_end += 1
            line = Line(number, indent_end - i)
            end = text.find("\n", i)
            line.raw = text[i : n if end == -1 else end]
            lines.append(line)
            if indent_end >= n or text[indent_end] == "\n":
                line.blank = True
                i = indent_end + 1
                number += 1
                if indent_end >= n:
                    break
                continue
            i = self._lead(line, i, indent_end)
            # ---- the rest of the line ---------------------------------------------------------
            tokens = line.tokens
            while i < n:
                ch = text[i]
                if ch == "\n":
                    break
                if ch in "/<":
                    end = self.comment(i)
                    if end != -1:
                        number += text.count("\n", i, end)
                        line.comment = True
                        i = end
                        continue
                if ch == "{":
                    end = self.data(i)
                    if end != -1:
                        number += text.count("\n", i, end)
                        tokens.append(Token("data", text[i:end]))
                        i = end
                        continue
                if ch == "\\" and i + 1 < n and text[i + 1] not in _BREAKS:
                    end = i + 2
                    while end < n and text[end] == " ":
                        end += 1
                    tokens.append(Token("lit", text[i + 1 : end]))
                    i = end
                    continue
                if ch in _SPECIAL:
                    end = self.special(i)
                    if end != -1:
                        tokens.append(Token("special", text[i:end]))
                        i = end
                        continue
                if ch in "*_":
                    end = self._marker(i, stack, tokens)
                    if end != -1:
                        i = end
                        continue
                if ch == "[":
                    end = self._bracket(i, tokens)
                    if end != -1:
                        i = end
                        continue
                if ch == "#":
                    end = self.tag(i, tokens)
                    if end != -1:
                        i = end
                        continue
                if ch == "@" and i + 1 < n and text[i + 1] in "[<":
                    end = self.closing(i + 1, "]" if text[i + 1] == "[" else ">", min_len=2)
                    if end != -1:
                        if end < n and text[end] in " \t":
                            end += 1
                        tokens.append(Token("mention", text[i:end]))
                        i = end
                        continue
                if ch == "<":
                    end = self.closing(i, ">:", min_len=2)
                    if end != -1:
                        tokens.append(Token("adef", text[i + 1 : end - 2].strip()))
                        i = end
                        continue
                    if i + 1 < n and text[i + 1] != "-":
                        end = self.closing(i, ">", min_len=2)
                        if end != -1:
                            tokens.append(Token("aref", text[i + 1 : end - 1].strip()))
                            i = end
                            continue
                if ch in " \t":
                    while i < n and text[i] in " \t":
                        i += 1
                    continue
                m = _FREESTYLE.match(text, i)
                if m is not None:
                    tokens.append(Token("text", m.group()))
                    i = m.end()
                    continue
                end = i + 1
                if end < n and text[end] in " \t":
                    end += 1
                tokens.append(Token("text", text[i:end]))
                i = end
            # ---- end of line ------------------------------------------------------------------
            if line.comment and not line.tokens and not line.lead:
                lines.pop()  # a line that held only a comment is not there for Argdown
            i += 1
            number += 1
        while lines and lines[-1].blank:
            lines.pop()
        return lines

    def _lead(self, line: Line, start: int, indent_end: int) -> int:
        text = self.text
        if self.comment(indent_end) != -1:
            return indent_end
        for kind, pattern in _LINE_START:
            if kind == "heading" and indent_end != start:
                continue
            m = pattern.match(text, start)
            if m is None:
                continue
            line.lead = kind
            if kind == "rel":
                line.symbol = m.group(2)
            elif kind in ("heading", "pcs"):
                line.symbol = m.group(1)
            return m.end()
        return indent_end

    def _marker(self, i: int, stack: list[str], tokens: list[Token]) -> int:
        """A bold or italic marker at ``i``: ends are tried before starts, as Argdown does."""
        text = self.text
        if stack and tokens and i > 0 and text[i - 1] not in " \t":
            for mark, name in _MARKERS:
                after = i + len(mark)
                ends = after >= self.n or text[after] in _END_AFTER
                if stack[-1] == name and text.startswith(mark, i) and ends:
                    stack.pop()
                    tokens.append(Token("format", "end"))
                    if after < self.n and text[after] in " \t":
                        tokens.append(Token("text", " "))
                        after += 1
                    return after
        for mark, name in _MARKERS:
            after = i + len(mark)
            if text.startswith(mark, i) and after < self.n and not text[after].isspace():
                stack.append(name)
                tokens.append(Token("format", mark))
                return after
        return -1

    def _bracket(self, i: int, tokens: list[Token]) -> int:
        text = self.text
        close = self.closing(i, "]", min_len=2)
        if close != -1 and close < self.n and text[close] == "(":
            end = self.closing(close, ")", min_len=2)
            if end != -1:
                label, url = text[i + 1 : close - 1], text[close + 1 : end - 1]
                tokens.append(Token("link", label, url))
                if end < self.n and text[end] in " \t":
                    tokens.append(Token("text", text[end]))  # Argdown keeps it in the text
                    end += 1
                return end
        end = self.closing(i, "]:", min_len=2)
        if end != -1:
            tokens.append(Token("sdef", text[i + 1 : end - 2].strip()))
            return end
        if i + 1 < self.n and text[i + 1] != "-" and close != -1:
            tokens.append(Token("sref", text[i + 1 : close - 1].strip()))
            return close
        return -1


def lex(text: str) -> list[Line]:
    """The lines of an Argdown document (front matter already removed), each with its tokens."""
    return _Lexer(text).run()
