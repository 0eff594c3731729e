"""The parser's fast path: error-free text to model elements without Lark's per-token machinery.

Two readers share one text, statement by statement (the grammar's top rule is a list of
statements, so each can be read on its own):

* :class:`Shapes` matches the statements most maps are made of whole, with one regex, and
  builds their elements directly: a claim with ``held by``/``rejected by`` lines, a support or
  an attack with ``by``, a stance;
* :class:`TokenLoop` reads any other statement by driving Lark's own LALR tables and rule
  callbacks (parser.py's transformer) with a lexer of one regex.

Both are made from the grammar's terminal patterns. A shape only matches what Lark would read
the same way: a word that is a keyword anywhere in the grammar is never taken as an id there,
text with escapes or in several pieces is left to the loop, and a statement ends exactly where
Lark's ``_NL`` ends it. On anything unexpected the fast path gives up and parser.py parses the
whole text with ``Lark.parse``, whose errors carry what a diagnostic needs. Property tests check
that all paths build the same map, spans included.
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

if TYPE_CHECKING:
    from lark import Lark

    from argmap.syntax.parser import _Build

#: Where a reader stopped: (offset, line, offset of that line's start).
Position = tuple[int, int, int]

_PASS_ONE_ON = object()  # marks a `?rule`: one kept value is passed on as it is


def _keywords(patterns: dict[str, str]) -> dict[str, str]:
    """The grammar's keywords: word -> terminal name."""
    keywords: dict[str, str] = {}
    for name, pattern in patterns.items():
        if name.startswith("KW_"):
            word = re.fullmatch(r"([a-z]+)\(\?!\[\\w-\]\)", pattern)
            if word is None:
                raise ValueError(f"keyword {name} is not a whole-word pattern")
            keywords[word.group(1)] = name
    return keywords


class FastPath:
    """Shapes first, the token loop for the statements no shape fits.

    ``patterns`` are the grammar's terminals as regex source; ``lark`` gives Lark's parser,
    which only the token loop needs, so it is asked for on the first statement without a shape.
    """

    def __init__(self, build: _Build, patterns: dict[str, str], lark: Callable[[], Lark]) -> None:
        keywords = _keywords(patterns)
        if set(patterns) != set(TokenLoop.ORDER) | set(keywords.values()):
            raise ValueError("the grammar's terminals changed; update TokenLoop.ORDER")
        self.shapes = Shapes(patterns, keywords, build)
        self.patterns, self.keywords, self.build, self.lark = patterns, keywords, build, lark
        self._loop: TokenLoop | None = None
        self.loop_failed = False

    @property
    def loop(self) -> TokenLoop | None:
        """The token loop, or None with a Lark whose insides it does not know."""
        if self._loop is None and not self.loop_failed:
            try:
                self._loop = TokenLoop(self.lark(), self.build, self.patterns, self.keywords)
            except (AttributeError, KeyError, TypeError, ValueError):
                self.loop_failed = True
        return self._loop

    def parse(self, text: str) -> bool:
        """Parse ``text`` (ending in a line break) into the builder; False on any error."""
        at: Position | None = (0, 1, 0)
        size = len(text)
        while at is not None and at[0] < size:
            at = self.shapes.read(text, *at)
            if at[0] < size:
                loop = self.loop
                at = None if loop is None else loop.parse(text, *at)
        return at is not None


class Shapes:
    """Common statements matched whole by one regex and built directly into elements."""

    KINDS = ("claim", *(kind.value for kind in ClaimKind))

    def __init__(self, patterns: dict[str, str], keywords: dict[str, str], build: _Build) -> None:
        ws, comment = patterns["WS"], patterns["COMMENT"]
        cont, nl = patterns["_CONTINUATION"], patterns["_NL"]
        # Any word: one that is a keyword is turned away when it is read (see _name).
        ident = patterns["ID"]
        ids = rf"{ident}(?:(?:{ws})?,(?:{ws})?{ident})*"
        # Text in one piece without escapes ("(?!"")": three quotes open a long string).
        string = r'"(?!"")[^"\\\r\n]*"'
        # Between two words: blanks, or a line break that continues the statement.
        gap = rf"(?:{ws}|(?:{ws})?(?:{comment})?{cont}(?:{ws})?)"
        if set(self.KINDS) - set(keywords):
            raise ValueError("a claim kind is not a keyword of the grammar")
        self.regex = re.compile(
            rf"(?:(?P<kind>{'|'.join(self.KINDS)}){ws}(?P<id>{ident}){ws}(?P<text>{string})"
            rf"(?P<stances>(?:{gap}(?:held|rejected){ws}by{ws}{ids})*)"
            rf"|(?:(?P<name>{ident})(?:{ws})?:(?:{ws})?)?(?P<premises>{ident}(?:(?:{ws})?\+(?:{ws})?{ident})*)"
            rf"{ws}(?P<verb>supports|support|rebuts|attacks|undercuts|contradicts){ws}(?P<target>{ident})"
            rf"(?P<by>(?:{gap}by{ws}{ids})*)"
            rf"|(?P<who>{ident}){ws}(?P<stance>accepts|rejects){ws}(?P<claims>{ids})"
            rf"|perspective{ws}(?P<perspective>{ident}){ws}(?P<label>{string})"
            rf"(?P<details>(?:{gap}(?:role|color|note){ws}{string})*)"
            rf"|title{ws}(?P<title>{string})"
            rf")(?:{ws})?(?:{comment})?(?!{cont}){nl}"
        )
        # Blank and comment lines before the first statement (later ones end the statement above).
        self.blank_start = re.compile(rf"(?:{ws})?(?:{comment})?(?!{cont}){nl}")
        self.held = re.compile(rf"{gap}(?P<how>held|rejected){ws}by{ws}(?P<ids>{ids})")
        self.by = re.compile(rf"{gap}by{ws}(?P<ids>{ids})")
        self.detail = re.compile(rf"{gap}(?P<key>role|color|note){ws}(?P<value>{string})")
        self.ident = re.compile(patterns["ID"])
        self.keywords = frozenset(keywords)
        self.build = build
        kinds: dict[str, ClaimKind | None] = {kind.value: kind for kind in ClaimKind}
        kinds["claim"] = None
        self.kinds = kinds

    def read(self, text: str, pos: int, line: int, line_start: int) -> Position:
        """Read statements (each with the line break that ends it) while they have a known
        shape; where the first one that has not starts."""
        match = self.regex.match
        if pos == 0 and (m := self.blank_start.match(text)) is not None:
            pos = m.end()
            line, line_start = 1 + text.count("\n", 0, pos), text.rfind("\n", 0, pos) + 1
        at = _Locator(self.build.path, text)
        while (m := match(text, pos)) is not None:
            at.move(pos, line, line_start)
            try:
                if m.group("kind") is not None:
                    self._claim(m, at)
                elif m.group("verb") is not None:
                    self._relation(m, at)
                elif m.group("who") is not None:
                    self._stance(m, at)
                elif m.group("perspective") is not None:
                    self._perspective(m, at)
                else:
                    self._title(m, at)
            except _NotAShape:
                break
            end = m.end()
            line += text.count("\n", pos, end)
            line_start = text.rfind("\n", pos, end) + 1
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

    @staticmethod
    def _string(text: str, m: re.Match[str], group: str) -> str:
        return text[m.start(group) + 1 : m.end(group) - 1]

    def _claim(self, m: re.Match[str], at: _Locator) -> None:
        text = at.text
        claim_id = self._name(m.group("id"))
        end = m.end("text")
        stances: list[Stance] = []
        start, stop = m.span("stances")
        while start < stop:
            held = self.held.match(text, start, stop)
            assert held is not None  # the claim's pattern matched this part already
            accepts = held.group("how") == "held"
            for p in self.ident.finditer(text, *held.span("ids")):
                stance = Stance(self._name(p.group()), claim_id, accepts, True, span=at.span(*p.span()))
                stances.append(stance)
            start = end = held.end()
        kind = self.kinds[m.group("kind")]
        claim = Claim(claim_id, self._string(text, m, "text"), kind, span=at.span(m.start(), end))
        self.build.elements.append(claim)
        self.build.elements.extend(stances)

    def _relation(self, m: re.Match[str], at: _Locator) -> None:
        name, premises, verb, target, by_clauses = m.group("name", "premises", "verb", "target", "by")
        support = verb.startswith("support")
        premise_ids = self._names(premises)
        if (name is not None or len(premise_ids) > 1) and not support:
            raise _NotAShape(verb)  # only a support has a name or several premises: Lark says why
        target = self._name(target)
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
            by = self.build.ids(by_ids)
        span = at.span(m.start(), end)
        relation: Element
        if support:
            name = None if name is None else self._name(name)
            relation = Support(self.build.ids(premise_ids), target, name, by, None, span=span)
        elif verb == "undercuts":
            relation = Undercut(premise_ids[0], target, by, None, span=span)
        elif verb == "contradicts":
            relation = Contradiction(premise_ids[0], target, by, None, span=span)
        else:  # rebuts, attacks
            relation = Rebuttal(premise_ids[0], target, by, None, span=span)
        self.build.elements.append(relation)

    def _stance(self, m: re.Match[str], at: _Locator) -> None:
        who = self._name(m.group("who"))
        accepts = m.group("stance") == "accepts"
        start = m.start()
        stances = [
            Stance(who, self._name(c.group()), accepts, False, None, span=at.span(start, c.end()))
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
            if detail.group("key") in details:
                raise _NotAShape(detail.group("key"))  # given twice: Lark's path warns (W107)
            details[detail.group("key")] = self._string(text, detail, "value")
            start = end = detail.end()
        perspective_id = self._name(m.group("perspective"))
        name = self._string(text, m, "label")
        self.build.elements.append(Perspective(perspective_id, name, **details, span=at.span(m.start(), end)))

    def _title(self, m: re.Match[str], at: _Locator) -> None:
        title = Title(self._string(at.text, m, "title"), span=at.span(m.start(), m.end("title")))
        self.build.elements.append(title)


class _NotAShape(Exception):
    """A statement matched a shape that Lark does not read the same way (a keyword where an id
    goes, a name or several premises on an attack, a perspective's detail given twice): the
    token loop reads that statement, as Lark does."""


class _Locator:
    """Offsets in one statement to spans (line and column), given where the statement starts
    (:meth:`move` goes to the next statement)."""

    __slots__ = ("first_break", "line", "line_start", "path", "pos", "recent", "text")

    def __init__(self, path: str | None, text: str) -> None:
        self.path, self.text = path, text
        self.move(0, 1, 0)

    def move(self, pos: int, line: int, line_start: int) -> None:
        self.pos, self.line, self.line_start = pos, line, line_start
        self.first_break = self.text.find("\n", pos)
        self.recent = line

    def span(self, start: int, end: int) -> Span:
        if end <= self.first_break:  # on the statement's first line, the usual case
            return Span(
                self.path, self.line, start - self.line_start + 1, self.line, end - self.line_start + 1
            )
        return Span(self.path, *self._where(start), *self._where(end))

    def _where(self, offset: int) -> tuple[int, int]:
        last = self.text.rfind("\n", self.pos, offset)
        if last < 0:
            return self.line, offset - self.line_start + 1
        line = self.line + self.text.count("\n", self.pos, offset)
        # Spans on one line share its number: an int above 256 is an object of its own.
        if line == self.recent:
            line = self.recent
        else:
            self.recent = line
        return line, offset - last


class TokenLoop:
    """One statement at a time: lexes with one regex and drives Lark's LALR tables.

    The regex is made of the grammar's own terminal patterns, in the order of Lark's priorities;
    keyword-or-id is decided from the parser's state, as Lark's contextual lexer does. Shifts,
    reductions and the rule callbacks (our transformer, behind Lark's child filters) are Lark's
    own; what is left out is the per-token bookkeeping that only error reporting needs.
    """

    # Alternatives in the order Lark's priorities give them.
    ORDER = ("_CONTINUATION", "_NL", "LONG_STRING", "STRING", "COMMENT", "WS", "ID", "COLON", "PLUS", "COMMA")
    MULTILINE = frozenset({"_CONTINUATION", "_NL", "LONG_STRING"})

    def __init__(
        self, parser: Lark, transformer: _Build, patterns: dict[str, str], keywords: dict[str, str]
    ) -> None:
        from lark.lexer import Token as LarkToken
        from lark.parsers.lalr_analysis import Shift

        # White space before a token is read with it (one match instead of two); WS itself
        # remains an alternative for a text that ends in blanks.
        self.regex = re.compile(
            rf"(?:{patterns['WS']})?(?:" + "|".join(f"(?P<{n}>{patterns[n]})" for n in self.ORDER) + ")"
        )
        self.keywords = keywords
        frontend: Any = parser.parser
        lalr: Any = frontend.parser.parser
        table = lalr.parse_table

        # Each action as (True, next state) for a shift, or (False, reduction) for a reduction,
        # where a reduction says what Lark's tree builder would do, done in the loop itself:
        # (how many values the rule takes, which of them it keeps and which it splices in (the
        # rules named `_...` are inlined), what to call on the result, the name of what it
        # makes). Lark's Rule objects are not used in the loop: they hash in Python.
        def reduction(rule: Any) -> tuple[int, tuple[tuple[int, bool], ...] | None, Any, str]:
            name = str(rule.origin.name)
            keep = tuple(
                (i, not sym.is_term and sym.name.startswith("_"))
                for i, sym in enumerate(rule.expansion)
                if not (sym.is_term and sym.filter_out)
            )
            plain = len(keep) == len(rule.expansion) and not any(expand for _, expand in keep)
            call: Any
            if name.startswith("_"):
                call = None  # inlined: its kept values are spliced into the parent's
            elif rule.options.expand1:
                call = _PASS_ONE_ON
            else:
                call = getattr(transformer, name)
            return (len(rule.expansion), None if plain else keep, call, name)

        made = {rule: reduction(rule) for rule in lalr.callbacks}
        self.states: dict[int, dict[str, tuple[bool, Any]]] = {
            state: {
                term: (True, arg) if action is Shift else (False, made[arg])
                for term, (action, arg) in actions.items()
            }
            for state, actions in table.states.items()
        }
        self.start_state: int = table.start_states["start"]
        self.end_state: int = table.end_states["start"]
        self.new_token: Any = LarkToken._future_new

    def parse(self, text: str, pos: int, line: int, line_start: int) -> Position | None:
        """Read the statement at ``pos`` and the line break that ends it (or, at the start, any
        blank lines before it), running the callbacks; None on any error."""
        match = self.regex.match
        keywords = self.keywords
        states = self.states
        new = self.new_token
        multiline = self.MULTILINE
        state_stack = [self.start_state]
        value_stack: list[Any] = []
        size = len(text)
        read_any = False  # a token of a statement has been read
        while True:
            if pos < size:
                m: Any = match(text, pos)
                if m is None:
                    return None
                kind = m.lastgroup
                end = m.end()
                if kind in ("WS", "COMMENT"):
                    pos = end
                    continue
                pos = m.start(kind)
                value = m.group(kind)
                newline = value.rfind("\n") if kind in multiline else -1
                if newline >= 0:
                    end_line = line + value.count("\n")
                    last_start = pos + newline + 1
                    if kind == "_CONTINUATION":
                        line, line_start, pos = end_line, last_start, end
                        continue
                    if kind == "_NL":
                        token: Any = None
                        if read_any:
                            size = end  # the statement is over: what follows is for the next read
                    else:
                        token = new(
                            kind, value, pos, line, pos - line_start + 1, end_line, end - last_start + 1, end
                        )
                        read_any = True
                else:
                    end_line, last_start = line, line_start
                    if kind == "ID":
                        keyword = keywords.get(value)
                        if keyword is not None and keyword in states[state_stack[-1]]:
                            kind = keyword
                    token = new(kind, value, pos, line, pos - line_start + 1, line, end - line_start + 1, end)
                    read_any = True
                line, line_start, pos = end_line, last_start, end
            else:
                kind, token = "$END", None
            while True:
                action = states[state_stack[-1]].get(kind)
                if action is None:
                    return None
                if action[0]:
                    state_stack.append(action[1])
                    value_stack.append(token)
                    break
                take, keep, call, made = action[1]
                if call is _PASS_ONE_ON and take == 1 and keep is None:
                    # `?ident`, `?claim_kind`: the value stays, only the state changes
                    del state_stack[-1]
                    state_stack.append(states[state_stack[-1]][made][1])
                    continue
                if take:
                    values = value_stack[-take:]
                    del state_stack[-take:]
                    del value_stack[-take:]
                else:
                    values = []
                if keep is not None:
                    kept: list[Any] = []
                    for i, splice in keep:
                        if not splice:
                            kept.append(values[i])
                        elif kept:
                            kept += values[i]
                        else:  # left recursion (`x*`): go on with the list built so far
                            kept = values[i]
                    values = kept
                if call is None:
                    value_stack.append(values)
                elif call is _PASS_ONE_ON:
                    value_stack.append(values[0] if len(values) == 1 else values)
                else:
                    value_stack.append(call(values))
                state_stack.append(states[state_stack[-1]][made][1])
                if kind == "$END" and state_stack[-1] == self.end_state:
                    return pos, line, line_start
