"""The parser's fast path: error-free text to model elements, most statements without Lark.

The grammar's top rule is a list of statements, so each can be read on its own:

* :class:`Shapes` matches the statements most maps are made of whole, with one regex, and
  builds their elements directly: a claim with ``held by``/``rejected by`` lines, a support or
  an attack with ``by``, a stance, a perspective, a title;
* every other statement (and a run of them) is handed to Lark's parser (``Lark.parse``, with the
  transformer of :mod:`argmap.syntax.transformer`), its lines counted from where it starts.

Shapes is made from the grammar (:func:`argmap.syntax.grammar.facts`): its keywords are the
grammar's keyword terminals, found in the rules it reads (the claim kinds in ``claim_kind``, the
verbs in ``support``, ``rebuttal``...), and its words, texts, blanks and line breaks are the
grammar's terminal patterns. A shape only matches what Lark would read the same way: a word
that is a keyword anywhere in the grammar is never taken as an id there, text in several
pieces is left to Lark, and a statement ends exactly where Lark's ``_NL`` ends it. On any error
the fast path gives up and the parser reads the whole text with Lark, whose errors carry what a
diagnostic needs. Property tests check that all paths build the same map, spans included.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from argmap.model import (
    Claim,
    ClaimKind,
    Contradiction,
    Element,
    Perspective,
    Rebuttal,
    Span,
    Stance,
    Support,
    Title,
    Undercut,
)
from argmap.syntax.transformer import KINDS, unescape
from argmap.util.limits import exceeded
from argmap.util.trusted import trusted_constructor

if TYPE_CHECKING:
    from lark import Lark

    from argmap.syntax.grammar import Facts
    from argmap.syntax.transformer import Build

#: Where a reader stopped: (offset, line, offset of that line's start).
Position = tuple[int, int, int]

#: The attacks (statements with the shape ``a [+ b] <verb> t``), by rule, and what each makes.
_ATTACKS: dict[str, type[Rebuttal | Undercut]] = {"rebuttal": Rebuttal, "undercut": Undercut}

# The elements a shape makes, built without the classes' converters and validators: every id
# here matched the grammar's ID pattern (the model's own), every list is a tuple, every text a
# str, and a relation's premises or attackers are never empty (see util/trusted.py).
_claim = trusted_constructor(Claim, "id", "text", "kind", "span")
_support = trusted_constructor(Support, "premises", "conclusion", "name", "by", "span")
_contradiction = trusted_constructor(Contradiction, "left", "right", "by", "name", "span")
_attack = {
    rule: trusted_constructor(kind, "attackers", "target", "by", "name", "span")
    for rule, kind in _ATTACKS.items()
}
_stance = trusted_constructor(Stance, "perspective", "target", "accepts", "inline", "span")
_span = trusted_constructor(Span, "path", "line", "column", "end_line", "end_column")


class FastPath:
    """Shapes first; Lark's parser for the statements no shape fits.

    ``lark`` gives Lark's parser, built with ``build`` as its transformer; it is asked for on
    the first statement without a shape (a text of common statements never loads Lark).
    """

    def __init__(self, build: Build, grammar: Facts, lark: Callable[[], Lark]) -> None:
        self.shapes = Shapes(grammar, build)
        self.build, self.lark = build, lark
        # What decides where a statement ends: texts and comments are skipped whole, and a line
        # break ends it unless an indented line follows (then it continues).
        self.boundary = grammar.scanner(
            text=("LONG_STRING", "STRING"), comment=("COMMENT",), more=("_CONTINUATION",), end=("_NL",)
        )

    def parse(self, text: str, start: Position = (0, 1, 0), stop: int | None = None) -> bool:
        """Parse ``text`` (ending in a line break) into the builder; False on any error.

        ``start`` and ``stop`` read only the statements from ``start`` (an offset at the start
        of a statement, its line, the offset of that line's start) up to ``stop`` (the start of
        a statement, or the end): False too if a statement goes on past ``stop``."""
        shapes = self.shapes
        size = len(text) if stop is None else stop
        pos, line, line_start = start
        while True:
            pos, line, line_start = shapes.read(text, pos, line, line_start, size)
            if pos >= size:
                return pos == size
            # Lark reads this statement and those after it up to the next one with a shape.
            end = self._statement_end(text, pos)
            while end < size and not shapes.starts(text, end):
                end = self._statement_end(text, end)
            if end > size:
                return False
            if not self._lark_read(text[line_start:end], line):
                return False
            line += text.count("\n", line_start, end)
            line_start = text.rfind("\n", 0, end) + 1
            pos = end

    def _statement_end(self, text: str, pos: int) -> int:
        """Where the statement at ``pos`` ends: after the ``_NL`` that closes it."""
        search = self.boundary.search
        while (m := search(text, pos)) is not None:
            if m.lastgroup == "end":
                return m.end()
            pos = m.end()
        return len(text)

    def _lark_read(self, piece: str, line: int) -> bool:
        """Parse ``piece`` (whole statements starting at the start of line ``line``) with Lark's
        parser, the callbacks adding its elements; False if it has an error."""
        from lark.exceptions import UnexpectedInput

        lark = self.lark()
        self.build.line_offset = line - 1
        try:
            lark.parse(piece)
        except UnexpectedInput:
            return False
        finally:
            self.build.line_offset = 0
        return True


class Shapes:
    """Common statements matched whole by one regex and built directly into elements."""

    def __init__(self, grammar: Facts, build: Build) -> None:
        t = grammar.terminals
        ws, comment, cont, nl, ident = t["WS"], t["COMMENT"], t["_CONTINUATION"], t["_NL"], t["ID"]
        words = grammar.keywords()
        word = {name: w for w, name in words.items()}

        # A keyword here is always followed by blanks, so its word alone is enough.
        def either(names: list[str]) -> str:
            return "|".join(word[n] for n in names)

        def lead(rule: str) -> str:
            """The keywords a rule starts with, as a regex (``held by``)."""
            return ws.join(word[n] for n in grammar.keywords_of(rule))

        kinds = grammar.keywords_of("claim_kind")
        unknown = [word[k] for k in kinds if word[k] not in KINDS]
        if unknown:
            raise ValueError(f"claim kinds the model does not know: {unknown}")
        verbs = {
            word[k]: rule
            for rule in ("support", *_ATTACKS, "contradiction")
            for k in grammar.keywords_of(rule)
        }
        stances = grammar.keywords_of("stance")
        # The perspective's details of the form `keyword "text"` (role, color, note).
        details = {
            word[grammar.keywords_of(rule)[0]]: rule
            for rule in grammar.alternatives("_perspective_attr")
            if grammar.rules[rule] == [[grammar.keywords_of(rule)[0], "text"]]
        }
        # Any word: one that is a keyword is turned away when it is read (see _name).
        ids = rf"{ident}(?:(?:{ws})?{t['COMMA']}(?:{ws})?{ident})*"
        # Text in one piece (three quotes open a long text, which is left to Lark).
        string = rf'(?!""")(?:{t["STRING"]})'
        # Between two words: blanks, or a line break that continues the statement.
        gap = rf"(?:{ws}|(?:{ws})?(?:{comment})?{cont}(?:{ws})?)"
        held = rf"(?P<how>{lead('held')}|{lead('rejected')})"
        self.regex = re.compile(
            rf"(?:(?P<kind>{either(kinds)}){ws}(?P<id>{ident}){ws}(?P<text>{string})"
            rf"(?P<stances>(?:{gap}(?:{lead('held')}|{lead('rejected')}){ws}{ids})*)"
            rf"|(?:(?P<name>{ident})(?:{ws})?{t['COLON']}(?:{ws})?)?"
            rf"(?P<premises>{ident}(?:(?:{ws})?{t['PLUS']}(?:{ws})?{ident})*)"
            rf"{ws}(?P<verb>{either([words[v] for v in verbs])}){ws}(?P<target>{ident})"
            rf"(?P<by>(?:{gap}{lead('by')}{ws}{ids})*)"
            rf"|(?P<who>{ident}){ws}(?P<stance>{either(stances)}){ws}(?P<claims>{ids})"
            rf"|{lead('perspective')}{ws}(?P<perspective>{ident}){ws}(?P<label>{string})"
            rf"(?P<details>(?:{gap}(?:{either([words[d] for d in details])}){ws}{string})*)"
            rf"|{lead('title')}{ws}(?P<title>{string})"
            rf")(?:{ws})?(?:{comment})?(?!{cont}){nl}"
        )
        # Blank and comment lines before the first statement (later ones end the statement above).
        self.blank_start = re.compile(rf"(?:{ws})?(?:{comment})?(?!{cont}){nl}")
        self.held = re.compile(rf"{gap}{held}{ws}(?P<ids>{ids})")
        self.by = re.compile(rf"{gap}{lead('by')}{ws}(?P<ids>{ids})")
        self.detail = re.compile(
            rf"{gap}(?P<key>{either([words[d] for d in details])}){ws}(?P<value>{string})"
        )
        self.ident = re.compile(ident)
        self.keywords = frozenset(words)
        self.build = build
        self.kinds: dict[str, ClaimKind | None] = {word[k]: KINDS[word[k]] for k in kinds}
        self.verbs = verbs
        self.holds = word[grammar.keywords_of("held")[0]]
        self.accepts = word["KW_ACCEPTS"]
        self.details = details

    def starts(self, text: str, pos: int) -> bool:
        """Whether a statement with a shape starts at ``pos``."""
        return self.regex.match(text, pos) is not None

    def read(self, text: str, pos: int, line: int, line_start: int, stop: int | None = None) -> Position:
        """Read statements (each with the line break that ends it, all before ``stop``) while
        they have a known shape; where the first one that has not starts."""
        match = self.regex.match
        end_at = len(text) if stop is None else stop
        if pos == 0 and (m := self.blank_start.match(text)) is not None:
            pos = m.end()
            line, line_start = 1 + text.count("\n", 0, pos), text.rfind("\n", 0, pos) + 1
        at = _Locator(self.build.path, text)
        count, rfind = text.count, text.rfind
        while (m := match(text, pos, end_at)) is not None:
            at.move(pos, line, line_start)
            try:  # the shapes in the order of how common they are
                if m.group("verb") is not None:
                    self._relation(m, at)
                elif m.group("kind") is not None:
                    self._claim(m, at)
                elif m.group("who") is not None:
                    self._stance(m, at)
                elif m.group("perspective") is not None:
                    self._perspective(m, at)
                else:
                    self._title(m, at)
            except _NotAShape:
                break
            end = m.end()
            line += count("\n", pos, end)
            line_start = rfind("\n", pos, end) + 1
            pos = end
        return pos, line, line_start

    def _name(self, value: str) -> str:
        """One string object per distinct id (a big map names each claim several times).

        A keyword where an id goes raises :class:`_NotAShape`, before the statement has added
        anything: whether Lark reads it as the keyword or as an id depends on its parser state."""
        if value in self.keywords:
            raise _NotAShape(value)
        return self.build.names.setdefault(value, value)

    def _names(self, ids: str) -> list[str]:
        """The ids in a list of ids (``a, b``) or of premises (``a + b``)."""
        if "," not in ids and "+" not in ids:
            return [self._name(ids)]  # one id, the usual case: the list is just it
        return [self._name(found.group()) for found in self.ident.finditer(ids)]

    def _string(self, text: str, m: re.Match[str], group: str) -> str:
        value = unescape(text[m.start(group) + 1 : m.end(group) - 1])
        if len(value) > self.build.text_limit:
            line = text.count("\n", 0, m.start(group)) + 1
            column = m.start(group) - (text.rfind("\n", 0, m.start(group)) + 1) + 1
            where = f"{self.build.path or '<text>'}:{line}:{column}"
            raise exceeded("text_length", len(value), self.build.text_limit, where)
        return value

    def _claim(self, m: re.Match[str], at: _Locator) -> None:
        text = at.text
        claim_id = self._name(m.group("id"))
        end = m.end("text")
        stances: list[Stance] = []
        start, stop = m.span("stances")
        while start < stop:
            held = self.held.match(text, start, stop)
            assert held is not None  # the claim's pattern matched this part already
            accepts = held.group("how").startswith(self.holds)
            for p in self.ident.finditer(text, *held.span("ids")):
                stance = _stance(self._name(p.group()), claim_id, accepts, True, at.span(*p.span()))
                stances.append(stance)
            start = end = held.end()
        kind = self.kinds[m.group("kind")]
        claim = _claim(claim_id, self._string(text, m, "text"), kind, at.span(m.start(), end))
        self.build.elements.append(claim)
        self.build.elements.extend(stances)

    def _relation(self, m: re.Match[str], at: _Locator) -> None:
        name, premises, verb, target, by_clauses = m.group("name", "premises", "verb", "target", "by")
        rule = self.verbs[verb]
        build = self.build
        known = build.names.get  # a known id is no keyword: _name never lets one in
        if "," in premises or "+" in premises:
            premise_ids = build.ids(self._names(premises))
            if rule == "contradiction":
                raise _NotAShape(verb)  # a contradiction joins two claims: Lark says why
        else:  # one premise, the usual case
            premise = known(premises) or self._name(premises)
            one = (premise,)
            premise_ids = build.lists.setdefault(one, one)
        target = known(target) or self._name(target)
        end = m.end("target")
        by: tuple[str, ...] = ()
        if by_clauses:
            by_ids: list[str] = []
            start, stop = m.span("by")
            while start < stop:
                clause = self.by.match(at.text, start, stop)
                assert clause is not None
                by_ids += self._names(clause.group("ids"))
                start = end = clause.end()
            by = build.ids(by_ids)
        span = at.span(m.start(), end)
        if name is not None:
            name = self._name(name)
        relation: Element
        if rule == "support":
            relation = _support(premise_ids, target, name, by, span)
        elif rule == "contradiction":
            relation = _contradiction(premise_ids[0], target, by, name, span)
        else:
            relation = _attack[rule](premise_ids, target, by, name, span)
        build.elements.append(relation)

    def _stance(self, m: re.Match[str], at: _Locator) -> None:
        who = self._name(m.group("who"))
        accepts = m.group("stance") == self.accepts
        start = m.start()
        stances = [
            _stance(who, self._name(c.group()), accepts, False, at.span(start, c.end()))
            for c in self.ident.finditer(at.text, *m.span("claims"))
        ]
        self.build.elements.extend(stances)

    def _perspective(self, m: re.Match[str], at: _Locator) -> None:
        text = at.text
        details: dict[str, str] = {}
        end = m.end("label")
        start, stop = m.span("details")
        while start < stop:
            detail = self.detail.match(text, start, stop)
            assert detail is not None
            key = self.details[detail.group("key")]
            if key in details:
                raise _NotAShape(key)  # given twice: Lark's path warns (W107)
            details[key] = self._string(text, detail, "value")
            start = end = detail.end()
        perspective_id = self._name(m.group("perspective"))
        name = self._string(text, m, "label")
        fields: dict[str, Any] = details  # the grammar's text details: role, color, note
        self.build.elements.append(Perspective(perspective_id, name, **fields, span=at.span(m.start(), end)))

    def _title(self, m: re.Match[str], at: _Locator) -> None:
        title = Title(self._string(at.text, m, "title"), span=at.span(m.start(), m.end("title")))
        self.build.elements.append(title)


class _NotAShape(Exception):
    """A statement matched a shape that Lark does not read the same way (a keyword where an id
    goes, several claims on one side of a contradiction, a perspective's detail given twice):
    the statement goes to Lark."""


class _Locator:
    """Offsets in one statement to spans (line and column), given where the statement starts
    (:meth:`move` goes to the next statement)."""

    __slots__ = ("at", "at_line", "first_break", "line", "line_start", "path", "pos", "recent", "text")

    def __init__(self, path: str | None, text: str) -> None:
        self.path, self.text = path, text
        self.move(0, 1, 0)

    def move(self, pos: int, line: int, line_start: int) -> None:
        self.pos, self.line, self.line_start = pos, line, line_start
        self.first_break = self.text.find("\n", pos)
        self.recent = line
        # The last offset located and its line: lines are counted on from there, so that a
        # statement of k lines is located in O(k), not O(k^2) (issue 21 item 6).
        self.at, self.at_line = pos, line

    def span(self, start: int, end: int) -> Span:
        if end <= self.first_break:  # on the statement's first line, the usual case
            return _span(
                self.path, self.line, start - self.line_start + 1, self.line, end - self.line_start + 1
            )
        if start <= self.first_break:  # a statement that goes on over more lines
            return _span(self.path, self.line, start - self.line_start + 1, *self._where(end))
        return _span(self.path, *self._where(start), *self._where(end))

    def _where(self, offset: int) -> tuple[int, int]:
        last = self.text.rfind("\n", self.pos, offset)
        if last < 0:
            return self.line, offset - self.line_start + 1
        if offset >= self.at:
            line = self.at_line + self.text.count("\n", self.at, offset)
            self.at, self.at_line = offset, line
        else:
            line = self.line + self.text.count("\n", self.pos, offset)
        # Spans on one line share its number: an int above 256 is an object of its own.
        if line == self.recent:
            line = self.recent
        else:
            self.recent = line
        return line, offset - last
