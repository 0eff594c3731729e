"""Format .argmap text in the canonical layout, keeping its comments where they were.

The parser drops comments, so they are recovered from the source text: a small scanner finds
every token (strings, words, punctuation, comments) and, with the elements' spans, which
statement and which item of it (its head, its ``note``, its ``held by`` line...) each comment
belongs to. The statements are then laid out by :mod:`argmap.formats.writer` and the comments put back:

* a comment at the end of a line stays at the end of the line that now shows its item;
* a comment on a line of its own inside a statement goes before the item that followed it;
* comments between statements stay there (at the start of the line), and an indented comment
  right under a statement stays under it;
* blank lines between statements are kept (several become one).

``format_text(text)`` is idempotent, and ``parse(format_text(text)) == parse(text)``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Hashable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from argmap.formats.writer import (
    INDENT,
    WIDTH,
    Line,
    Statement,
    align,
    group_statements,
    inline_stance_items,
    is_alignable,
    layout,
)
from argmap.model import (
    Allow,
    ArgumentMap,
    Claim,
    Perspective,
    Question,
    Section,
    Source,
    Stance,
    Title,
)
from argmap.span import line_starts
from argmap.syntax.grammar import scanner

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic

__all__ = ["format_text", "format_with_warnings", "is_formatted"]


# ---- scanning -----------------------------------------------------------------------------------
@cache
def _token() -> re.Pattern[str]:
    """The grammar's own terminals, by kind, and single line breaks."""
    return scanner(
        str=("LONG_STRING", "STRING"),
        comment=("COMMENT",),
        num=("NUMBER",),
        word=("ID",),
        punct=("COLON", "PLUS", "COMMA"),
        ws=("WS",),
        line_break="nl",
    )


@dataclass(slots=True)
class _Tok:
    kind: str  # str, comment, num, word, punct
    text: str
    line: int
    column: int
    end_line: int


def _scan(text: str, pos: int = 0, end: int | None = None, line: int = 1, line_start: int = 0) -> list[_Tok]:
    """The tokens of text that parses (white space and line breaks left out), from ``pos`` (on
    ``line``, which starts at offset ``line_start``) to ``end``."""
    toks: list[_Tok] = []
    n = len(text) if end is None else end
    token = _token()
    while pos < n:
        m = token.match(text, pos, n)
        if m is None:  # cannot happen for text that parses; skip the character
            pos += 1
            continue
        kind = m.lastgroup or "ws"
        value = m.group()
        if kind == "nl":
            line += 1
            line_start = m.end()
        elif kind != "ws":
            breaks = value.count("\n")
            toks.append(_Tok(kind, value, line, pos - line_start + 1, line + breaks))
            if breaks:
                line += breaks
                line_start = pos + value.rfind("\n") + 1
        pos = m.end()
    return toks


# ---- items of a statement -----------------------------------------------------------------------
class _Items:
    """Walks the code tokens of one statement and tags each with the item it belongs to."""

    def __init__(self, st: Statement, toks: list[_Tok]) -> None:
        self.st = st
        self.toks = toks
        self.i = 0
        self.tags: list[Hashable] = ["head"] * len(toks)
        #: The string tokens of each item's text (not of a quote's locator or date).
        self.texts: dict[Hashable, list[_Tok]] = {}

    def _peek(self, offset: int = 0) -> _Tok | None:
        j = self.i + offset
        return self.toks[j] if j < len(self.toks) else None

    def _take(self, key: Hashable) -> _Tok | None:
        tok = self._peek()
        if tok is not None:
            self.tags[self.i] = key
            self.i += 1
        return tok

    def _strings(self, key: Hashable, text: bool = True) -> None:
        while (tok := self._peek()) is not None and tok.kind == "str":
            self._take(key)
            if text:
                self.texts.setdefault(key, []).append(tok)

    def _list(self, key: Hashable) -> int:
        """An id or tag list; returns how many items it had."""
        count = 0
        while self._peek() is not None:
            self._take(key)
            count += 1
            nxt = self._peek()
            if nxt is None or nxt.text != ",":
                break
            self._take(key)
        return count

    def _word_is(self, *words: str) -> bool:
        tok = self._peek()
        return tok is not None and tok.kind == "word" and tok.text in words

    def whole(self) -> set[Hashable]:
        """The items whose text the source wrote as one literal on one line: ``fmt`` never
        breaks those (a quote stays searchable); a text written in pieces is laid out by the
        writer's rule, so what the writer broke stays as it broke it."""
        return {
            key for key, toks in self.texts.items() if len(toks) == 1 and toks[0].line == toks[0].end_line
        }

    def run(self) -> list[Hashable]:
        head = self.st.head
        if isinstance(head, (Title, Source, Perspective, Question, Claim, Section)):
            self._take("head")
            if not isinstance(head, Title):
                self._take("head")
            self._strings("head")
            if isinstance(head, Section) and self._word_is("in"):
                self._take("head")
                self._take("head")
        elif isinstance(head, Allow):
            self._take("head")
            self._list("head")
            self._strings("head")
        else:
            self._relation_head()
        stances = [e for e in self.st.elements[1:] if isinstance(e, Stance)]
        stance_keys = inline_stance_items(stances)  # once: per stance it would make fmt quadratic
        stance_no = 0
        quote_no = 0
        while (tok := self._peek()) is not None:
            word = tok.text
            if word in ("held", "rejected", "asked"):
                if word == "asked":
                    key: Hashable = ("asked",)
                else:
                    key = stance_keys[stance_no] if stance_no < len(stance_keys) else ("stances", 0)
                self._take(key)
                self._take(key)  # by
                count = self._list(key)
                if word != "asked":
                    stance_no += count
            elif word == "answers":
                self._take(("answers",))
                self._answers()
            elif word in ("source", "by", "tags"):
                key = (word,)
                self._take(key)
                self._list(key)
            elif word == "base":
                self._take(("base",))
                self._take(("base",))
            elif word == "allow":
                self._take(("allow",))
                self._list(("allow",))
                self._strings(("allow",))
            elif word == "quote":
                key = ("quote", quote_no)
                quote_no += 1
                self._take(key)
                nxt = self._peek()
                if nxt is not None and nxt.kind == "word":
                    self._take(key)
                self._strings(key)
                while self._word_is("from", "at", "on"):
                    detail = self._take(key)
                    if detail is not None and detail.text == "from":
                        self._take(key)
                    else:
                        self._strings(key, text=False)
            else:  # note, url, date, author, role, color, file, on, title, scheme: text-valued
                key = (word,)
                self._take(key)
                self._strings(key)
        return self.tags

    def _answers(self) -> None:
        """``q1 [yes|no], q2 ...``: a list whose items may carry a side."""
        key = ("answers",)
        while self._peek() is not None:
            self._take(key)
            if self._word_is("yes", "no"):
                self._take(key)
            nxt = self._peek()
            if nxt is None or nxt.text != ",":
                break
            self._take(key)

    def _relation_head(self) -> None:
        head = self.st.head
        if isinstance(head, Stance):
            self._take("head")
            self._take("head")
            self._list("head")
            return
        # [name :] end [+ end ...] verb target
        self._take("head")
        while (tok := self._peek()) is not None and tok.text in (":", "+"):
            self._take("head")
            self._take("head")
        self._take("head")  # verb
        self._take("head")  # target


# ---- comments -----------------------------------------------------------------------------------
@dataclass(slots=True)
class _Anchors:
    """The comments of one statement."""

    leading: list[str | None] = field(default_factory=list)  # None: a blank line
    before: dict[Hashable, list[str]] = field(default_factory=dict)
    trailing: dict[Hashable, list[str]] = field(default_factory=dict)
    trailer: list[str] = field(default_factory=list)


def _comment(tok: _Tok) -> str:
    return tok.text.rstrip()


def format_text(text: str, *, path: str | None = None, width: int = WIDTH, jobs: int | None = 1) -> str:
    """``text`` in the canonical layout with its comments kept. ``jobs`` other than 1 lets a big
    text be read and laid out on two processors (None: where it is big enough to gain).

    Raises :class:`argmap.syntax.parser.ParseError` when the text does not parse (nothing is formatted).
    """
    return format_with_warnings(text, path=path, width=width, jobs=jobs)[0]


def format_with_warnings(
    text: str, *, path: str | None = None, width: int = WIDTH, jobs: int | None = 1
) -> tuple[str, tuple[Diagnostic, ...]]:
    """Like :func:`format_text`, also returning the parser's warnings: an attribute given twice
    (W107) keeps only its last value, in the map and so in the formatted text. ``jobs`` is as
    :func:`argmap.parse` takes it (None: a big text is read on two processors)."""
    from argmap.syntax.parser import parse

    if text.startswith("\ufeff"):
        text = text[1:]
    from argmap.util.gcpause import paused_gc

    # Hundreds of thousands of small objects (tokens, lines), no cycles: the cyclic collector
    # would only walk them again and again (a third of the time at 100k claims).
    with paused_gc():
        m = parse(text, path, jobs=jobs)
        return _format(m, text, width, jobs), m.parse_diagnostics


#: A text of at least this many statements (about 5,000 claims) is formatted on two processors
#: where it may (a forked copy lays out the second half): below it the fork costs more than it
#: saves (measured through the CLI: a loss at 6,000 statements, even at 12,000, a gain at 30,000).
SPLIT_FROM = 15_000

#: How many statements are laid out at a time (about; a run ends where :func:`_run_start` says one may start).
_RUN = 4096

_NO_ITEMS: frozenset[Hashable] = frozenset()


def _format(m: ArgumentMap, text: str, width: int, jobs: int | None = 1) -> str:
    """``text`` (which parsed as ``m``) in the canonical layout; see :func:`format_with_warnings`
    for ``jobs``."""
    first_break = text.find("\n")
    newline = "\r\n" if first_break > 0 and text[first_break - 1] == "\r" else "\n"
    layout_ = _Layout(text, group_statements(m.elements, by_span=True), width)
    statements = layout_.statements
    n = len(statements)
    if n == 0:
        out = layout_.lines(0, 0)
        return newline.join(out) + newline if out else ""
    # Laid out a run of statements at a time, so that only one run's tokens and lines are held;
    # the copy's half starts where a run may, as near the middle as that is.
    split = jobs != 1 and (jobs is not None or n >= SPLIT_FROM)
    middle = _run_start(statements, n // 2, n) if split else None
    second = None
    if middle:
        from argmap.util.forking import start_in_copy

        theirs = _runs(statements, middle, n)
        second = start_in_copy(lambda: layout_.text_of(theirs, newline))
    if middle is None or second is None:
        return layout_.text_of(_runs(statements, 0, n), newline) + newline
    try:
        first = layout_.text_of(_runs(statements, 0, middle), newline)
    finally:
        rest = second()
    if rest is None:  # the copy failed: lay the second half out here
        rest = layout_.text_of(theirs, newline)
    return first + newline + rest + newline


def _runs(statements: list[Statement], lo: int, hi: int) -> list[tuple[int, int]]:
    """Statements ``lo`` to ``hi`` in runs of about :data:`_RUN`, each laid out on its own."""
    cuts: list[int] = []
    k = lo + _RUN
    while (cut := _run_start(statements, k, hi)) is not None:
        cuts.append(cut)
        k = cut + _RUN
    return list(pairwise([lo, *cuts, hi]))


def _run_start(statements: list[Statement], k: int, hi: int) -> int | None:
    """The first statement from ``k`` (before ``hi``) where a run may start: one whose id column
    is never aligned (a relation, a stance...), so that no run of aligned definitions spans the
    cut, and the runs lay out as the whole would. None when there is none."""
    for i in range(k, hi):
        if not is_alignable(statements[i]):
            return i
    return None


class _Layout:
    """The statements of a text that parsed and what laying out a run of them needs: the
    comments recovered from the text, the blank lines kept, the ids aligned."""

    def __init__(self, text: str, statements: list[Statement], width: int) -> None:
        self.text = text
        self.statements = statements
        self.width = width
        # Each statement's text runs from its first character to the next statement's; only the
        # parts holding a comment or a string are scanned into tokens (most statements hold neither).
        self.line_offsets = line_offsets = line_starts(text)
        offsets: list[int] = []
        for st in statements:
            span = st.head.span
            assert span is not None
            offsets.append(line_offsets[span.line - 1] + span.column - 1)
        self.offsets = offsets

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_offsets, offset)

    def _line(self, number: int) -> str:
        """Line ``number`` (from 1) of the text, without its line break."""
        starts = self.line_offsets
        stop = starts[number] - 1 if number < len(starts) else len(self.text)
        return self.text[starts[number - 1] : stop]

    def _blank_between(self, a_line: int, b_line: int) -> bool:
        return any(not self._line(ln).strip() for ln in range(a_line + 1, b_line))

    def text_of(self, runs: list[tuple[int, int]], newline: str) -> str:
        """The formatted text of consecutive runs of statements (no final line break)."""
        return newline.join(newline.join(self.lines(lo, hi)) for lo, hi in runs)

    def lines(self, lo: int, hi: int) -> list[str]:
        """The formatted lines of statements ``lo`` to ``hi`` (the text's head comments with the
        first, its footer with the last): the whole layout's lines of those statements, when
        ``lo`` and ``hi`` are where runs may start (:func:`_run_start`)."""
        text, statements, offsets, width = self.text, self.statements, self.offsets, self.width
        find = text.find
        line_of = self.line_of
        blank_between = self._blank_between
        n = len(statements)
        end_line = len(self.line_offsets) + 1  # past the last line
        # Only statements with comments or blank lines around them get anchors: most have none.
        anchors: dict[int, _Anchors] = {}
        wholes: dict[int, set[Hashable]] = {}
        footer: list[str | None] = []

        def anchors_of(i: int) -> _Anchors:
            found = anchors.get(i)
            if found is None:
                found = anchors[i] = _Anchors()
            return found

        def gap(comments: list[_Tok], after_line: int, before_line: int) -> list[str | None]:
            """Blank lines and comments between two lines, in order, blank runs collapsed."""
            found: list[str | None] = []
            prev = after_line
            for c in comments:
                if blank_between(prev, c.line) and (not found or found[-1] is not None):
                    found.append(None)
                found.append(_comment(c))
                prev = c.line
            if blank_between(prev, before_line) and (not found or found[-1] is not None):
                found.append(None)
            return found

        def add_gap(i: int, comments: list[_Tok], after_line: int, before_line: int) -> None:
            """What lies between statement ``i`` and the next, as the next one's leading lines
            (the footer after the last; nowhere when the next statement is past this run)."""
            if i + 1 < n and i + 1 >= hi:
                return
            found = gap(comments, after_line, before_line)
            if found:
                (footer if i + 1 >= n else anchors_of(i + 1).leading).extend(found)

        if lo == 0:  # comments before the first statement
            first = offsets[0] if statements else len(text)
            head_comments = [t for t in _scan(text, 0, first) if t.kind == "comment"]
            if statements:
                anchors_of(0).leading.extend(gap(head_comments, 0, line_of(offsets[0])))
            else:
                footer.extend(gap(head_comments, 0, end_line))

        # From the statement before the run, for what lies between it and the run's first.
        for i in range(max(lo - 1, 0), hi):
            stop = offsets[i + 1] if i + 1 < n else len(text)
            next_line = line_of(offsets[i + 1]) if i + 1 < n else end_line
            plain = find("#", offsets[i], stop) < 0
            if plain and find('"', offsets[i], stop) < 0:  # no comment, no text: no tokens needed
                last = offsets[i] + len(text[offsets[i] : stop].rstrip()) - 1
                add_gap(i, [], line_of(last), next_line)
                continue
            at_line = line_of(offsets[i])
            region = _scan(text, offsets[i], stop, at_line, self.line_offsets[at_line - 1])
            st = statements[i]
            if plain or not any(t.kind == "comment" for t in region):  # only the texts to keep whole matter
                walker = _Items(st, region)
                walker.run()
                whole = walker.whole()
                if whole:
                    wholes[i] = whole
                add_gap(i, [], region[-1].end_line, next_line)
                continue
            code = [t for t in region if t.kind != "comment"]
            walker = _Items(st, code)
            tags = walker.run()
            whole = walker.whole()
            if whole:
                wholes[i] = whole
            tag_of = {id(t): tag for t, tag in zip(code, tags, strict=True)}
            last_line = code[-1].end_line
            code_lines: dict[int, _Tok] = {}
            for t in code:
                code_lines[t.end_line] = t  # the last code token ending on each line
            a = anchors_of(i)
            after: list[_Tok] = []
            for pos, t in enumerate(region):
                if t.kind != "comment":
                    continue
                on_line = code_lines.get(t.line)
                if on_line is not None and (on_line.line, on_line.column) < (t.line, t.column):
                    a.trailing.setdefault(tag_of[id(on_line)], []).append(_comment(t))
                elif t.line < last_line:
                    nxt = next(c for c in region[pos:] if c.kind != "comment")
                    a.before.setdefault(tag_of[id(nxt)], []).append(_comment(t))
                else:
                    after.append(t)
            # comments after the statement: indented ones right under it stay with it
            prev = last_line
            rest: list[_Tok] = []
            for t in after:
                indented = self._line(t.line)[:1] in (" ", "\t")
                if not rest and indented and not blank_between(prev, t.line):
                    a.trailer.append(_comment(t))
                    prev = t.line
                else:
                    rest.append(t)
            add_gap(i, rest, prev, next_line)

        # lay the statements out
        none = _Anchors()
        blocks: list[list[Line]] = []
        for i in range(lo, hi):
            a = anchors.get(i, none)
            trailing_items = [key for key, found in a.trailing.items() if found]
            expand = (
                any(key != "head" and found for key, found in a.before.items()) or len(trailing_items) >= 2
            )
            blocks.append(layout(statements[i], expand=expand, width=width, whole=wholes.get(i, _NO_ITEMS)))
        breaks = [i in anchors and bool(anchors[i].leading) for i in range(lo, hi)]
        blocks = align(
            blocks, statements[lo:hi], breaks, width, [wholes.get(i, _NO_ITEMS) for i in range(lo, hi)]
        )

        out: list[str] = []
        for i, block in zip(range(lo, hi), blocks, strict=True):
            a = anchors.get(i, none)
            leading = list(a.leading)
            if i == 0:
                while leading and leading[0] is None:
                    leading.pop(0)
            out.extend("" if c is None else c for c in leading)
            if not (a.before or a.trailing or a.trailer):  # no comments to put back
                out.extend([line.text for line in block])
                continue
            present = {line.item for line in block}
            before = _regroup(a.before, present)
            trailing = _regroup(a.trailing, present)
            last_of: dict[Hashable, int] = {}
            for k, line in enumerate(block):
                last_of[line.item] = k
            for key, found in trailing.items():  # one comment per line end; others go above
                if len(found) > 1:
                    before.setdefault(key, []).extend(found[1:])
                    trailing[key] = found[:1]
            seen: set[Hashable] = set()
            for k, line in enumerate(block):
                if line.item not in seen:
                    seen.add(line.item)
                    indent = "" if line.item == "head" else INDENT
                    out.extend(indent + c for c in before.get(line.item, []))
                text_line = line.text
                if last_of[line.item] == k and trailing.get(line.item):
                    text_line += "  " + trailing[line.item][0]
                out.append(text_line)
            out.extend(INDENT + c for c in a.trailer)
        if hi == n:
            while footer and footer[-1] is None:
                footer.pop()
            if not statements:
                while footer and footer[0] is None:
                    footer.pop(0)
            out.extend("" if c is None else c for c in footer)
        return out


def _regroup(found: dict[Hashable, list[str]], present: set[Hashable]) -> dict[Hashable, list[str]]:
    """Comments of items the layout does not show on lines of their own go to the head."""
    out: dict[Hashable, list[str]] = {}
    for key, comments in found.items():
        out.setdefault(key if key in present else "head", []).extend(comments)
    return out


def is_formatted(text: str, *, path: str | None = None, width: int = WIDTH) -> bool:
    """True when ``text`` is already in the canonical layout."""
    return format_text(text, path=path, width=width) == text
