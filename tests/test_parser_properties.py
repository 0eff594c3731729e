"""Properties of the parser: text generated from the grammar itself always parses; arbitrary
text never raises anything but a ParseError whose diagnostics sit inside the text."""

from __future__ import annotations

import re

import lark
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

from argmap.formats.writer import number
from argmap.model import ID_PATTERN
from argmap.syntax.parser import ParseError, grammar_text, parse

_GRAMMAR = lark.Lark(grammar_text(), parser="lalr", lexer="contextual")


def _escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r" or not ch.isprintable():
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return "".join(out)


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
_word = st.from_regex(re.compile(ID_PATTERN), fullmatch=True).filter(lambda s: len(s) < 20)

# The grammar drives the structure. Word-like terminals get a trailing space (hypothesis joins
# terminals directly, and "claim" + "a" must not become "claima"); the ignored terminals are
# reduced to nothing or one space, since a generated line break followed by indentation would
# continue a statement the generator meant to end.
_SPACE = st.sampled_from([" ", "\t", "  "])
_EXPLICIT = {
    t.name: st.tuples(st.just(t.name[3:].lower()), _SPACE).map("".join)
    for t in _GRAMMAR.terminals
    if t.name.startswith("KW_")
}
_EXPLICIT.update(
    {
        "ID": st.tuples(_word, _SPACE).map("".join),
        # Strings too: `""` right before `"x"` would read as the start of a long text.
        "STRING": st.tuples(_text.map(lambda s: f'"{_escape(s)}"'), _SPACE).map("".join),
        "LONG_STRING": st.tuples(_text.map(lambda s: f'"""{_escape(s)}"""'), _SPACE).map("".join),
        # A base score is from 0 to 1 (the grammar reads any decimal; E108 refuses the rest).
        "NUMBER": st.tuples(st.floats(0, 1).map(number), _SPACE).map("".join),
        "_NL": st.sampled_from(["\n", "\n\n", "\r\n", "\n# comment\n"]),
        "_CONTINUATION": st.just(""),
        "COMMENT": st.just(""),
        # White space after a line break would indent the next line, so none is drawn here.
        "WS": st.just(""),
    }
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(from_lark(_GRAMMAR, explicit=_EXPLICIT))
def test_generated_text_parses(text: str) -> None:
    parse(text)


def _inside(text: str, line: int, column: int) -> bool:
    lines = text.split("\n")
    return 1 <= line <= max(len(lines), 1) and 1 <= column <= len(lines[line - 1]) + 2


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_fails_only_with_positioned_syntax_errors(text: str) -> None:
    try:
        parse(text)
    except ParseError as exc:
        assert exc.diagnostics
        for d in exc.diagnostics:
            assert d.code.startswith(("E1", "W1"))
            assert d.span is not None
            assert _inside(text, d.span.line, d.span.column), (d, text)


_PIECES = st.sampled_from(
    [
        "claim",
        "fact",
        "a",
        "b",
        "p",
        '"x"',
        '"""y"""',
        "supports",
        "support",
        "rebuts",
        "+",
        ":",
        ",",
        "by",
        "held",
        "accepts",
        "\n",
        "\n  ",
        " ",
        "#c",
        "\\",
        '"',
        "undercuts",
        "perspective",
        "question",
        "title",
        "answers",
        "quote",
        "note",
        "tags",
        "\t",
        "\r\n",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map(" ".join))
def test_near_miss_text_fails_only_with_positioned_syntax_errors(text: str) -> None:
    test_arbitrary_text_fails_only_with_positioned_syntax_errors.hypothesis.inner_test(text)  # type: ignore[attr-defined]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_word, _text), min_size=1, max_size=8, unique_by=lambda t: t[0]))
def test_claim_texts_round_trip(claims: list[tuple[str, str]]) -> None:
    source = "".join(f'claim {cid} "{_escape(text)}"\n' for cid, text in claims)
    m = parse(source)
    assert [(c.id, c.text) for c in m.claims] == claims


def _all_paths(text: str) -> list[object]:
    """What each way of parsing makes of ``text``: the fast path (statement shapes, the other
    statements through Lark a few at a time), Lark alone one statement at a time (its lines
    counted from where each starts), and Lark on the whole text (the path that finds errors).
    Each is a map with its spans, or the ParseError's diagnostics."""
    from argmap.syntax.parser import _get_engine

    engine = _get_engine()
    shapes = engine.fast.shapes

    def attempt() -> object:
        try:
            m = parse(text)
        except ParseError as exc:
            return exc.diagnostics
        return m, [e.span for e in m.elements]  # type: ignore[attr-defined]

    results = [attempt()]
    read, starts, fast_read = shapes.read, shapes.starts, engine.read
    shapes.read = lambda _text, *at: at[:3]  # type: ignore[method-assign,assignment,return-value]
    shapes.starts = lambda _text, _pos: True  # type: ignore[method-assign]
    try:
        results.append(attempt())
        engine.read = lambda *_: None  # type: ignore[method-assign]
        results.append(attempt())
    finally:
        shapes.read, shapes.starts, engine.read = read, starts, fast_read  # type: ignore[method-assign]
    return results


def _both_paths(text: str) -> tuple[object, object]:
    """The map from the fast path and from Lark on the whole text."""
    fast, pieces, slow = _all_paths(text)
    assert fast == pieces
    assert isinstance(fast, tuple) and isinstance(slow, tuple), "the text should parse"
    return fast[0], slow[0]


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(from_lark(_GRAMMAR, explicit=_EXPLICIT))
def test_fast_path_builds_the_same_map_as_lark(text: str) -> None:
    fast, slow = _both_paths(text)
    assert fast == slow
    assert [e.span for e in fast.elements] == [e.span for e in slow.elements]  # type: ignore[attr-defined]


def test_fast_path_on_every_construct_file() -> None:
    from conftest import DATA, MAPS

    for path in [*sorted((DATA / "parser" / "ok").glob("*.argmap")), *sorted(MAPS.glob("*.argmap"))]:
        fast, slow = _both_paths(path.read_text(encoding="utf-8"))
        assert fast == slow, path
        assert [e.span for e in fast.elements] == [e.span for e in slow.elements], path  # type: ignore[attr-defined]


# Statements shaped like the common ones (the fast path matches those whole), with the
# variations that must send a statement elsewhere: keywords as ids, odd blanks, comments,
# continuation lines, escapes, CRLF.
_PLAIN = st.sampled_from(["c1", "c2", "p", "é-1", "a_b", "x-", "claimed", "by2"])
_ID_OR_KEYWORD = st.one_of(
    _word,
    _PLAIN,
    _PLAIN,
    st.sampled_from(["by", "held", "claim", "fact", "supports", "accepts", "note", "title", "value"]),
)
_BLANK = st.sampled_from([" ", " ", "\t", "  ", "\f", "\ufeff", "\n  "])
_END = st.sampled_from(["", "", " ", " # note", "\t#", "\r"])
_CUT = st.sampled_from(["\n", "\n", "\r\n", "\n\n", "\n  \n", "\n# c\n", "\n   # c\n"])
_STRING = st.one_of(
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters='"\\\r\n'), max_size=12
    ).map(lambda s: f'"{s}"'),
    st.sampled_from(['"a\\"b"', '""', '"x" "y"', '"""z"""', '"\\u00e9"']),
)
_IDS = st.lists(_ID_OR_KEYWORD, min_size=1, max_size=3).flatmap(
    lambda ids: st.sampled_from([", ", ",", " , "]).map(lambda sep: sep.join(ids))
)
_CONTINUE = st.sampled_from(["\n  ", "\n\t", " ", "\n  # c\n  ", "\n\n  "])
# Language 2's attributes: provenance, sides, dates, allow, titles, base scores and schemes.
_CLAIM_ATTRIBUTE_2 = st.sampled_from(
    [
        "answers q yes",
        "answers q1 no, q2",
        'date "2013-05"',
        'quote p "words" from src at "p. 3" on "2013"',
        'quote "words" at "12:30"',
        "allow W303",
        'title "Short"',
        "base 0.5",
        "source s1, s2",
        'tags a, "b c"',
    ]
)
_RELATION_ATTRIBUTE_2 = st.sampled_from(
    [
        "rejected by p",
        'scheme "Expert Opinion"',
        'tags t, "u v"',
        "source s",
        'quote p "q" from s',
        "allow W300",
        'note "n"',
    ]
)


@st.composite
def _shaped_statement(draw: st.DrawFn) -> str:
    blank = draw(_BLANK)
    shape = draw(
        st.sampled_from(["claim", "relation", "stance", "perspective", "title", "section", "allow", "other"])
    )
    if shape == "claim":
        kind = draw(st.sampled_from(["claim", "fact", "interpretation", "prediction", "value", "policy"]))
        out = f"{kind}{blank}{draw(_ID_OR_KEYWORD)}{draw(_BLANK)}{draw(_STRING)}"
        for _ in range(draw(st.integers(0, 2))):
            how = draw(st.sampled_from(["held", "rejected", "held", "note", "language-2"]))
            if how == "note":
                out += f'{draw(_CONTINUE)}note "n"'
            elif how == "language-2":
                out += draw(_CONTINUE) + draw(_CLAIM_ATTRIBUTE_2)
            else:
                out += f"{draw(_CONTINUE)}{how} by {draw(_IDS)}"
    elif shape == "relation":
        name = draw(st.sampled_from(["", "", "s1: ", "s2 :", "r1: ", "u-2: "]))
        premises = " + ".join(draw(st.lists(_ID_OR_KEYWORD, min_size=1, max_size=3)))
        verb = draw(st.sampled_from(["supports", "support", "rebuts", "attacks", "undercuts", "contradicts"]))
        out = f"{name}{premises}{blank}{verb} {draw(_ID_OR_KEYWORD)}"
        for _ in range(draw(st.integers(0, 2))):
            if draw(st.booleans()):
                out += f"{draw(_CONTINUE)}by{draw(_BLANK)}{draw(_IDS)}"
            else:
                out += draw(_CONTINUE) + draw(_RELATION_ATTRIBUTE_2)
    elif shape == "stance":
        verb = draw(st.sampled_from(["accepts", "rejects"]))
        out = f"{draw(_ID_OR_KEYWORD)}{blank}{verb} {draw(_IDS)}"
        if draw(st.booleans()):
            out += draw(_CONTINUE) + draw(
                st.sampled_from(['on "2013"', 'note "n" on "2023-05"', "allow W302"])
            )
    elif shape == "section":
        out = f"section{blank}{draw(_ID_OR_KEYWORD)}{draw(_BLANK)}{draw(_STRING)}"
        out += draw(st.sampled_from(["", " in parent", f" in {draw(_ID_OR_KEYWORD)}", ' note "n"']))
    elif shape == "allow":
        out = f"allow{blank}{draw(st.sampled_from(['W302', 'W302, E201', 'W303']))}"
        out += draw(st.sampled_from(["", ' "why"', f" {draw(_STRING)}"]))
    elif shape == "perspective":
        out = f"perspective{blank}{draw(_ID_OR_KEYWORD)}{draw(_BLANK)}{draw(_STRING)}"
        for _ in range(draw(st.integers(0, 3))):
            key = draw(st.sampled_from(["role", "color", "note", "by"]))
            out += f"{draw(_CONTINUE)}{key}{draw(_BLANK)}{draw(_STRING)}"
    elif shape == "title":
        out = f"title{blank}{draw(_STRING)}"
    else:
        out = draw(st.sampled_from(["# only a comment", "", '  claim x "X"', 'question q "Q?"']))
    return out + draw(_END)


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.sampled_from(["", "", "# c\n", "\n", "\n\n", "  \n", "# a\n  # b\n", "\n  ", " ", "\f"]),
    st.lists(st.tuples(_shaped_statement(), _CUT), max_size=8).map(lambda ps: "".join(a + b for a, b in ps)),
)
def test_statement_shapes_read_exactly_what_lark_reads(start: str, text: str) -> None:
    fast, pieces, slow = _all_paths(start + text)
    assert fast == pieces == slow
