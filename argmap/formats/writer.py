"""Model -> .argmap text in the canonical layout (used by ``argmap fmt`` and by the importers).

The text re-parses to an equal map for every model the language can express: text is escaped
(``\\" \\\\ \\n \\t``, other control characters as ``\\u{..}``), long text is wrapped into adjacent
strings on continuation lines (the grammar joins them), ids are written bare (the grammar takes a
keyword as an id wherever an id is expected).

What the language cannot say, the writer says as closely as it can and :func:`unexpressible`
lists: a stance marked ``inline`` that does not directly follow its claim (or, for a rejection of
a named relation, its relation), that carries a note, a date or allowed codes, or that accepts a
relation, is written as a ``p accepts c`` statement (so it comes back with ``inline`` False).

Layout rules (the canonical layout):

* one statement per line; a claim's attributes each on an indented line, in the order
  answers, held by / rejected by (in the order written), tags, source, quote, note, date, title,
  base, allow; a relation's: by, rejected by, tags, source, quote, note, scheme, allow;
* sources, perspectives, questions, relations and stances on one line when it fits in
  :data:`WIDTH` columns, otherwise their attributes go on indented lines;
* ids of consecutive one-line definitions of the same kind are aligned;
* a blank line between statements of different kinds and around multi-line statements.
"""

from __future__ import annotations

import re
from collections.abc import Container, Hashable, Iterable, Sequence
from decimal import Decimal
from typing import TypeAlias

import attrs

from argmap.errors import InterchangeError
from argmap.model import (
    Allow,
    ArgumentMap,
    Claim,
    Contradiction,
    Element,
    Perspective,
    Question,
    Quote,
    Rebuttal,
    Section,
    Source,
    Stance,
    Support,
    Title,
    Undercut,
    is_valid_id,
)

__all__ = [
    "INDENT",
    "VERB_IDS",
    "WIDTH",
    "Line",
    "Statement",
    "align",
    "dumps",
    "escape",
    "group_statements",
    "layout",
    "quote",
    "unexpressible",
    "write",
]

#: Lines are kept within this many columns where the content allows.
WIDTH = 100
#: Indentation of attribute lines.
INDENT = "  "
#: Ids that a definition cannot have: after a definition keyword (which may itself be an id) the
#: grammar takes these words as the verb of a relation or stance.
VERB_IDS = frozenset(
    {"supports", "support", "rebuts", "attacks", "undercuts", "contradicts", "accepts", "rejects"}
)
#: Below this many free columns, a text starts on a continuation line instead.
_MIN_TEXT_ROOM = 24
#: Ids are aligned only when padding stays within this many columns.
_MAX_PAD = 16


# ---- text ---------------------------------------------------------------------------------------
#: Characters written as escapes: quote, backslash, C0/C1 controls, line/paragraph separators,
#: the byte-order mark, and (refused) lone surrogates.
_ESCAPED = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]')
_SHORT = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t"}


def _escape_one(m: re.Match[str]) -> str:
    ch = m.group()
    short = _SHORT.get(ch)
    if short is not None:
        return short
    if 0xD800 <= ord(ch) <= 0xDFFF:
        raise InterchangeError(f"text holds a lone surrogate U+{ord(ch):04X}, which .argmap text cannot hold")
    return f"\\u{{{ord(ch):X}}}"


def escape(text: str) -> str:
    """The inside of a double-quoted literal for ``text``.

    Raises ValueError for a lone surrogate, which no UTF-8 file (and no escape the parser
    accepts) can hold.
    """
    return _ESCAPED.sub(_escape_one, text)


def quote(text: str) -> str:
    """``text`` as one double-quoted literal."""
    return f'"{escape(text)}"'


_WORDS = re.compile(r"\S*\s*|\s+")


def _split_text(text: str, first: int, rest: int) -> list[str]:
    """Cut ``text`` into pieces whose literals fit ``first`` columns, then ``rest`` columns.

    Cuts go after white space (so pieces end with their space: "part one " + "part two") and
    after every line break; a word too long for a line is cut inside. The pieces join to
    ``text`` exactly. Linear in the text's length: each word is escaped once, and a long word is
    measured a piece at a time (issue 21 item 6: it was quadratic).
    """
    if "\n" not in text.rstrip("\n") and len(quote(text)) <= first:
        return [text]
    pieces: list[str] = []
    room = first
    for segment in re.split(r"(?<=\n)", text):
        if not segment:
            continue
        current: list[str] = []
        size = 2  # the literal's two quotes
        for word in _WORDS.findall(segment):
            if not word:
                continue
            word_size = len(escape(word))
            if size + word_size <= room:
                current.append(word)
                size += word_size
                continue
            if current:
                pieces.append("".join(current))
                room = rest
                current, size = [], 2
            if 2 + word_size <= room:
                current, size = [word], 2 + word_size
                continue
            start = 0  # a word too long for a line: cut inside, as much as fits each time
            while True:
                stop, stop_size = _fit(word, start, room)
                if stop == len(word):
                    current, size = [word[start:]], stop_size
                    break
                pieces.append(word[start:stop])
                room = rest
                start = stop
        if current:
            pieces.append("".join(current))
            room = rest
    return pieces or [""]


def _long_ok(text: str) -> bool:
    """Whether ``text`` reads better as a \"\"\"long string\"\"\" (it has line breaks) and comes back
    from one unchanged (no line starts with a space: the parser strips common indentation)."""
    if "\n" not in text:
        return False
    lines = text.split("\n")
    # The parser removes the indentation common to the lines that are not white space only
    # (str.strip); with no such line it would remove none and keep the writer's indentation.
    return not any(line.startswith(" ") for line in lines) and any(line.strip() for line in lines)


def _escape_long(text: str) -> str:
    """The body of a long string for ``text``: line breaks stay, quotes are escaped only where
    they would close the string."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == "\n":
            out.append(ch)
        elif ch == '"':
            out.append('\\"' if text[i + 1 : i + 2] == '"' else '"')
        else:
            out.append(escape(ch))
    return "".join(out)


def _fit(word: str, start: int, room: int) -> tuple[int, int]:
    """Where a literal of ``room`` columns holding ``word`` from ``start`` must end (at least one
    character), and that literal's size; ``len(word)`` when the rest fits."""
    size = 2
    for i in range(start, len(word)):
        step = len(escape(word[i]))
        if size + step > room:
            return max(i, start + 1), size
        size += step
    return len(word), size


def _text_lines(
    prefix: str, text: str, width: int, cont: str | None = None, *, whole: bool = False
) -> list[str]:
    """``prefix`` followed by ``text``, wrapped; continuation pieces sit under the first quote
    (or at ``cont`` + two spaces when that is too far right). ``whole`` writes the text as one
    literal on one line, however long (``fmt`` keeps a text that was written so)."""
    if whole:
        if width - len(prefix) < _MIN_TEXT_ROOM and len(quote(text)) > width - len(prefix):
            pad = " " * (len(INDENT if cont is None else cont) + 2)
            return [prefix.rstrip(), pad + quote(text)]
        return [prefix + quote(text)]
    if _long_ok(text):
        body = INDENT if cont is None else cont + "  "
        lines = _escape_long(text).split("\n")
        return [prefix + '"""', *(body + ln if ln else "" for ln in lines), body + '"""']
    col = len(prefix)
    if cont is None:
        cont = INDENT
    cont_col = col if col <= width // 2 else len(cont) + 2
    if width - col < _MIN_TEXT_ROOM and len(quote(text)) > width - col:
        # too little room on the first line: start the text on a continuation line
        lead = prefix.rstrip()
        pad = " " * (len(cont) + 2)
        pieces = _split_text(text, width - len(pad), width - len(pad))
        return [lead, *(pad + quote(p) for p in pieces)]
    pieces = _split_text(text, width - col, width - cont_col)
    pad = " " * cont_col
    return [prefix + quote(pieces[0]), *(pad + quote(p) for p in pieces[1:])]


def _flow(prefix: str, items: Sequence[str], width: int, cont: str) -> list[str]:
    """``prefix`` then ``items`` joined by commas, broken after a comma when a line gets too long."""
    lines: list[str] = []
    line = prefix
    for i, item in enumerate(items):
        piece = item + ("," if i < len(items) - 1 else "")
        if i == 0:
            line += piece
        elif len(line) + 1 + len(piece) > width:
            lines.append(line)
            line = cont + piece
        else:
            line += " " + piece
    lines.append(line)
    return lines


def _tag(tag: str) -> str:
    return tag if is_valid_id(tag) else quote(tag)


# ---- statements ---------------------------------------------------------------------------------
@attrs.frozen
class Statement:
    """The elements one statement of the language stands for: a claim with the stances written
    on it, the stances of one ``p accepts a, b`` line, or a single element."""

    elements: tuple[Element, ...]

    @property
    def head(self) -> Element:
        return self.elements[0]

    @property
    def category(self) -> str:
        """What kind of statement: title, source, perspective, question, claim, relation,
        stance, section, allow."""
        return _CATEGORIES.get(type(self.head), "relation")

    @property
    def keyword(self) -> str:
        """The word a definition starts with (empty for relations and stances)."""
        head = self.head
        if isinstance(head, Claim):
            return "claim" if head.kind is None else head.kind.value
        category = self.category
        return category if category in _KEYWORDS else ""


_CATEGORIES: dict[type, str] = {
    Title: "title",
    Source: "source",
    Perspective: "perspective",
    Question: "question",
    Claim: "claim",
    Stance: "stance",
    Section: "section",
    Allow: "allow",
}
#: The statements that start with a keyword of their own.
_KEYWORDS = ("title", "source", "perspective", "question", "section", "allow")
_RELATIONS = (Support, Rebuttal, Undercut, Contradiction)
#: The statements that take ``allow``.
_Allowing: TypeAlias = (
    "Source | Perspective | Question | Claim | Support | Rebuttal | Undercut | Contradiction"
    " | Stance | Section"
)


def _writable_inline(stance: Stance) -> bool:
    return stance.inline and stance.note is None and stance.date is None and not stance.allow


def _inline_on(stance: Stance, owner: Element | None) -> bool:
    """Whether ``stance`` is written on ``owner``: ``held by``/``rejected by`` on its claim, or
    ``rejected by`` on its named relation."""
    if owner is None or not _writable_inline(stance):
        return False
    if isinstance(owner, Claim):
        return stance.target == owner.id
    return isinstance(owner, _RELATIONS) and not stance.accepts and stance.target == owner.name


def group_statements(elements: Iterable[Element], *, by_span: bool = False) -> list[Statement]:
    """Group a map's elements into the statements that write them, in order.

    A claim takes the inline stances on it that follow it directly, and a named relation the
    inline rejections of it. Statement stances with the same perspective, verb, note, date and
    allowed codes that follow each other share a line; with ``by_span`` only those the source
    text wrote on one line (same span start) do, so ``fmt`` keeps the lines the author wrote.
    """
    out: list[list[Element]] = []
    owner: Element | None = None  # the claim or relation whose inline stances may follow
    for e in elements:
        if isinstance(e, Stance):
            if _inline_on(e, owner):
                out[-1].append(e)
                continue
            owner = None
            prev = out[-1][-1] if out else None
            if (
                isinstance(prev, Stance)
                and not _inline_kept(prev, out[-1])
                and (prev.perspective, prev.accepts, prev.note, prev.date, prev.allow, prev.allow_reasons)
                == (e.perspective, e.accepts, e.note, e.date, e.allow, e.allow_reasons)
                and _same_line(prev, e, by_span)
            ):
                out[-1].append(e)
                continue
            out.append([e])
            continue
        owner = e if isinstance(e, (Claim, *_RELATIONS)) else None
        out.append([e])
    return [Statement(tuple(group)) for group in out]


def _inline_kept(stance: Stance, group: list[Element]) -> bool:
    return not isinstance(group[0], Stance)


def _same_line(a: Stance, b: Stance, by_span: bool) -> bool:
    if not by_span:
        return True
    if a.span is None or b.span is None:
        return a.span is None and b.span is None
    return (a.span.line, a.span.column) == (b.span.line, b.span.column)


def unexpressible(m: ArgumentMap) -> list[str]:
    """What :func:`write` cannot say exactly (each entry one sentence); empty when the text
    re-parses to an equal map."""
    notes: list[str] = []
    named = {e.name for e in m.relations if e.name is not None}
    for st in group_statements(m.elements):
        head = st.head
        if isinstance(head, (Source, Perspective, Question, Claim, Section)) and head.id in VERB_IDS:
            notes.append(
                f"{st.keyword} '{head.id}' cannot be written: the grammar reads '{head.id}' after "
                f"'{st.keyword}' as a verb (write() raises ValueError)"
            )
        if isinstance(head, Allow) and head.codes[0] in VERB_IDS:
            notes.append(
                f"allow '{head.codes[0]}' on a line of its own cannot be written: the grammar reads "
                f"'allow {head.codes[0]}' as a relation or stance (write() raises ValueError)"
            )
        if isinstance(head, Stance):  # a stance statement: every inline stance in it is lost
            for s in st.elements:
                assert isinstance(s, Stance)
                if not s.inline:
                    continue
                if not _writable_inline(s):
                    why = "it carries a note, a date or allowed codes"
                elif s.accepts and s.target in named:
                    why = "a relation takes only 'rejected by', not 'held by'"
                else:
                    why = "it does not follow its claim or relation"
                verb = "accepts" if s.accepts else "rejects"
                notes.append(
                    f"stance '{s.perspective} {verb} {s.target}' is marked inline but {why}; "
                    "it is written as a statement of its own"
                )
    return notes


# ---- layout -------------------------------------------------------------------------------------
@attrs.frozen
class Line:
    """One output line and the item of its statement it shows (``"head"``, ``("note",)``...),
    which is where ``fmt`` hangs the comments of that item."""

    text: str
    item: Hashable


def _stance_runs(stances: Sequence[Stance]) -> list[tuple[bool, list[Stance]]]:
    runs: list[tuple[bool, list[Stance]]] = []
    for s in stances:
        if runs and runs[-1][0] == s.accepts:
            runs[-1][1].append(s)
        else:
            runs.append((s.accepts, [s]))
    return runs


def inline_stance_items(stances: Sequence[Stance]) -> list[Hashable]:
    """The item key of each inline stance of a claim (its run of held/rejected), in order."""
    keys: list[Hashable] = []
    for run_no, (_accepts, run) in enumerate(_stance_runs(stances)):
        keys.extend([("stances", run_no)] * len(run))
    return keys


def item_of_inline_stance(stances: Sequence[Stance], index: int) -> Hashable:
    """The item key of the ``index``-th inline stance of a claim (its run of held/rejected)."""
    keys = inline_stance_items(stances)
    return keys[index] if 0 <= index < len(keys) else ("stances", 0)


def _attr_items(
    st: Statement, width: int, whole: Container[Hashable] = ()
) -> list[tuple[Hashable, list[str]]]:
    """The statement's attributes, each as its key and its lines (without indentation); the
    texts of the items in ``whole`` are written unbroken."""
    head = st.head
    items: list[tuple[Hashable, list[str]]] = []
    room = width - len(INDENT)
    cont = INDENT + "  "

    def text_attr(key: str, value: str | None) -> None:
        if value is not None:
            items.append(((key,), _text_lines(f"{key} ", value, room, cont="", whole=(key,) in whole)))

    def ids_attr(key: tuple[Hashable, ...], word: str, ids: Sequence[str]) -> None:
        if ids:
            items.append((key, _flow(f"{word} ", list(ids), room, cont[len(INDENT) :] + "  ")))

    def tags_attr(tags: Sequence[str]) -> None:
        if tags:
            items.append((("tags",), _flow("tags ", [_tag(t) for t in tags], room, "    ")))

    def quotes_attr(quotes: Sequence[Quote]) -> None:
        for i, q in enumerate(quotes):
            items.append((("quote", i), _quote_lines(q, room, whole=("quote", i) in whole)))

    def allow_attr(element: _Allowing) -> None:
        """``allow`` codes, one attribute per run of codes with the same reason (or none)."""
        if not element.allow:
            return
        why = dict(element.allow_reasons)
        lines: list[str] = []
        run: list[str] = []
        for i, code in enumerate(element.allow):
            run.append(code)
            nxt = element.allow[i + 1] if i + 1 < len(element.allow) else None
            if nxt is not None and why.get(nxt) == why.get(code):
                continue
            head = _flow("allow ", run, room, cont[len(INDENT) :] + "  ")
            reason = why.get(code)
            if reason is not None:
                head[-1:] = _text_lines(head[-1] + " ", reason, room, cont="")
            lines.extend(head)
            run = []
        items.append((("allow",), lines))

    def stance_runs(words: tuple[str, str]) -> None:
        stances = [s for s in st.elements[1:] if isinstance(s, Stance)]
        for run_no, (accepts, run) in enumerate(_stance_runs(stances)):
            ids_attr(("stances", run_no), words[0] if accepts else words[1], [s.perspective for s in run])

    if isinstance(head, Source):
        for key in ("url", "date", "author", "note", "file"):
            text_attr(key, getattr(head, key))
        allow_attr(head)
    elif isinstance(head, Perspective):
        for key in ("role", "color", "note"):
            text_attr(key, getattr(head, key))
        allow_attr(head)
    elif isinstance(head, Question):
        tags_attr(head.tags)
        ids_attr(("asked",), "asked by", head.asked_by)
        text_attr("note", head.note)
        allow_attr(head)
    elif isinstance(head, Claim):
        if head.answers:
            sides = dict(head.sides)
            answers = [f"{q} {sides[q]}" if q in sides else q for q in head.answers]
            items.append((("answers",), _flow("answers ", answers, room, cont[len(INDENT) :] + "  ")))
        stance_runs(("held by", "rejected by"))
        tags_attr(head.tags)
        ids_attr(("source",), "source", head.sources)
        quotes_attr(head.quotes)
        text_attr("note", head.note)
        text_attr("date", head.date)
        text_attr("title", head.title)
        if head.base is not None:
            items.append((("base",), [f"base {number(head.base)}"]))
        allow_attr(head)
    elif isinstance(head, _RELATIONS):
        ids_attr(("by",), "by", head.by)
        stance_runs(("held by", "rejected by"))  # only rejections are grouped with a relation
        tags_attr(head.tags)
        ids_attr(("source",), "source", head.sources)
        quotes_attr(head.quotes)
        text_attr("note", head.note)
        text_attr("scheme", head.scheme)
        allow_attr(head)
    elif isinstance(head, Stance):
        text_attr("note", head.note)
        text_attr("on", head.date)
        allow_attr(head)
    elif isinstance(head, Section):
        text_attr("note", head.note)
        allow_attr(head)
    return items


def number(value: float) -> str:
    """A base score as the grammar's NUMBER: plain decimal digits, never an exponent, and
    exactly the float it was (``repr`` is the shortest text that reads back the same)."""
    text = format(Decimal(repr(float(value))), "f")
    return text[:-2] if text.endswith(".0") else text


def _quote_lines(q: Quote, room: int, *, whole: bool = False) -> list[str]:
    """A quote attribute: its speaker and text, then where it is written and when."""
    prefix = "quote " if q.speaker is None else f"quote {q.speaker} "
    lines = _text_lines(prefix, q.text, room, cont="", whole=whole)
    details: list[str] = []
    if q.source is not None:
        details.append(f"from {q.source}")
    if q.locator is not None:
        details.append(f"at {quote(q.locator)}")
    if q.date is not None:
        details.append(f"on {quote(q.date)}")
    for detail in details:
        if len(lines[-1]) + 1 + len(detail) <= room and not lines[-1].endswith('"""'):
            lines[-1] += " " + detail
        else:
            lines.append("  " + detail)
    return lines


def _head_tokens(st: Statement) -> list[str]:
    """The words of a relation's or stance's first part (before its attributes)."""
    head = st.head
    if isinstance(head, _RELATIONS):
        words = [f"{head.name}:"] if head.name is not None else []
        ends, verb, target = _relation_parts(head)
        for i, p in enumerate(ends):
            if i:
                words.append("+")
            words.append(p)
        words += [verb, target]
        return words
    assert isinstance(head, Stance)
    verb = "accepts" if head.accepts else "rejects"
    targets = [s.target for s in st.elements if isinstance(s, Stance)]
    return [head.perspective, verb, ", ".join(targets)]


def _relation_parts(head: Support | Rebuttal | Undercut | Contradiction) -> tuple[Sequence[str], str, str]:
    """A relation's ends (premises or attackers), its verb and its target."""
    if isinstance(head, Support):
        return head.premises, "support" if head.linked else "supports", head.conclusion
    if isinstance(head, Rebuttal):
        return head.attackers, "rebuts", head.target
    if isinstance(head, Undercut):
        return head.attackers, "undercuts", head.target
    return (head.left,), "contradicts", head.right


def _head_lines(st: Statement, width: int, pad: int = 0, whole: bool = False) -> list[str]:
    head = st.head
    if isinstance(head, Title):
        return _text_lines("title ", head.text, width, whole=whole)
    if isinstance(head, Allow):
        if head.codes[0] in VERB_IDS:
            raise ValueError(
                f"allow '{head.codes[0]}' cannot be written: the grammar reads 'allow {head.codes[0]}' "
                "as the start of a relation or stance whose first id is 'allow'"
            )
        line = "allow " + ", ".join(head.codes)
        if head.reason is None:
            return [line]
        return _text_lines(line + " ", head.reason, width, whole=whole)
    if isinstance(head, Section):
        if head.id in VERB_IDS:
            raise ValueError(
                f"section '{head.id}' cannot be written: after 'section' the grammar reads "
                f"'{head.id}' as the verb of a relation or stance"
            )
        lines = _text_lines(f"section {head.id} ", head.title, width, whole=whole)
        if head.parent is not None:
            if len(lines[-1]) + 4 + len(head.parent) <= width:
                lines[-1] += f" in {head.parent}"
            else:
                lines.append(f"{INDENT}in {head.parent}")
        return lines
    if isinstance(head, (Source, Perspective, Question, Claim)):
        ident = head.id
        if ident in VERB_IDS:
            raise ValueError(
                f"{st.keyword} '{ident}' cannot be written: after '{st.keyword}' the grammar reads "
                f"'{ident}' as the verb of a relation or stance, so a definition cannot have this id"
            )
        text = (
            head.title
            if isinstance(head, Source)
            else head.name
            if isinstance(head, Perspective)
            else head.text
        )
        prefix = f"{st.keyword} {ident.ljust(pad)} "
        return _text_lines(prefix, text, width, whole=whole)
    if isinstance(head, Stance):
        targets = [s.target for s in st.elements if isinstance(s, Stance)]
        verb = "accepts" if head.accepts else "rejects"
        return _flow(f"{head.perspective} {verb} ", targets, width, INDENT + "  ")
    return _flow_words(_head_tokens(st), width, INDENT + "  ")


def _flow_words(words: Sequence[str], width: int, cont: str) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in words:
        if not line:
            line = (cont if lines else "") + word
        elif len(line) + 1 + len(word) > width:
            lines.append(line)
            line = cont + word
        else:
            line += " " + word
    lines.append(line)
    return lines


def layout(
    st: Statement,
    *,
    expand: bool = False,
    width: int = WIDTH,
    pad: int = 0,
    whole: Container[Hashable] = (),
) -> list[Line]:
    """The lines of one statement, each tagged with its item.

    ``expand`` puts every attribute on a line of its own even where the statement would fit
    on one line; ``pad`` widens the id column (for alignment; one-line definitions only);
    ``whole`` names the items (``"head"``, ``("note",)``, ``("quote", 0)`` ...) whose text is
    written as one literal, however long (``fmt`` keeps so the texts its source wrote so).
    """
    head_lines = _head_lines(st, width, pad, "head" in whole)
    attrs_ = _attr_items(st, width, whole)
    lines = [Line(text, "head") for text in head_lines]
    if not attrs_:
        return lines
    compact_kind = not isinstance(st.head, Claim)
    if compact_kind and not expand and len(head_lines) == 1 and len(attrs_) == 1 and len(attrs_[0][1]) == 1:
        one = head_lines[0] + "".join(" " + v[0] for _, v in attrs_)
        if len(one) <= width:
            return [Line(one, "head")]
    for key, texts in attrs_:
        lines.extend(Line(INDENT + t if t else "", key) for t in texts)
    return lines


def is_alignable(st: Statement) -> bool:
    """Definitions whose id column may be aligned with their neighbours'."""
    return st.category in ("source", "perspective", "question", "claim")


def align(
    blocks: Sequence[list[Line]],
    statements: Sequence[Statement],
    breaks: Sequence[bool],
    width: int = WIDTH,
    wholes: Sequence[Container[Hashable]] | None = None,
) -> list[list[Line]]:
    """Align the ids of runs of one-line definitions with the same keyword.

    ``breaks[i]`` is True when something (a blank line, a comment line) separates statement
    ``i`` from the one before; a run never crosses one.
    """
    out = list(blocks)
    i = 0
    n = len(blocks)
    while i < n:
        j = i
        if is_alignable(statements[i]) and len(blocks[i]) == 1:
            keyword = statements[i].keyword
            j = i + 1
            while (
                j < n
                and not breaks[j]
                and len(blocks[j]) == 1
                and is_alignable(statements[j])
                and statements[j].keyword == keyword
            ):
                j += 1
            ids = [len(_ident(statements[k])) for k in range(i, j)]
            if j - i > 1 and max(ids) - min(ids) <= _MAX_PAD:
                id_width = max(ids)
                padded: list[str] = []
                heads: list[int] = []
                for k in range(i, j):
                    text = blocks[k][0].text
                    start = len(keyword) + 1 + ids[k - i]
                    padded.append(text[:start] + " " * (id_width - ids[k - i]) + text[start:])
                    whole = wholes is not None and "head" in wholes[k]
                    head_len = len(_head_lines(statements[k], width, 0, whole)[0]) + id_width - ids[k - i]
                    heads.append(head_len if head_len < len(padded[-1]) else -1)
                with_attrs = [h for h in heads if h >= 0]
                if len(with_attrs) > 1 and max(with_attrs) - min(with_attrs) <= _MAX_PAD:
                    column = max(with_attrs)
                    padded = [
                        t if h < 0 else t[:h] + " " * (column - h) + t[h:]
                        for t, h in zip(padded, heads, strict=True)
                    ]
                for k, text in zip(range(i, j), padded, strict=True):
                    out[k] = [Line(text, "head")]
            i = max(j, i + 1)
        else:
            i += 1
    return out


def _ident(st: Statement) -> str:
    head = st.head
    assert isinstance(head, (Source, Perspective, Question, Claim))
    return head.id


def _blank_between(a: Statement, b: Statement, a_lines: int, b_lines: int) -> bool:
    return a.category != b.category or a_lines > 1 or b_lines > 1


def write(m: ArgumentMap, *, width: int = WIDTH) -> str:
    """The map as .argmap text in the canonical layout (ends with a line break)."""
    statements = group_statements(m.elements)
    blocks = [layout(st, width=width) for st in statements]
    breaks = [
        i > 0 and _blank_between(statements[i - 1], statements[i], len(blocks[i - 1]), len(blocks[i]))
        for i in range(len(statements))
    ]
    blocks = align(blocks, statements, breaks, width)
    out: list[str] = []
    for i, block in enumerate(blocks):
        if breaks[i]:
            out.append("")
        out.extend(line.text for line in block)
    return "\n".join(out) + "\n" if out else ""


#: Same as :func:`write` (the name every interchange module uses).
dumps = write
