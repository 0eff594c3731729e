"""Reading a text again statement by statement gives the parser's own answer for the whole
text: the same elements with the same spans, the same syntax errors and warnings, on random
texts and random series of edits."""

from __future__ import annotations

import sys
from pathlib import Path

import attrs
import pytest
from conftest import MAPS, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.lsp.incremental import Reader, statement_starts
from argmap.syntax.errors import ParseError
from argmap.syntax.parser import MAX_SYNTAX_ERRORS, parse

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.genmap import generate

#: Lines texts are made of: statements, broken ones, continuations, comments, long texts.
LINES = [
    'claim a "A."',
    'claim b "B." held by p',
    "  held by q, r",
    '  note "n"',
    '  note "again"',
    "a supports b",
    "n: a + b supports c by p",
    "x undercuts n",
    "p accepts a, b",
    "p rejects c",
    'perspective p "P" role "r"',
    'question q "Q?" tags t, "u v"',
    'source s "S" url "u"',
    'title "T"',
    "",
    "   ",
    "# a comment",
    "  # an indented comment",
    'claim c """a long',
    "text over lines",
    '  with an indented line"""',
    '"""',
    "claim d",
    "a suports b",
    'claim e "never closed',
    'claim f "bad \\q escape"',
    "claim g 'single'",
    "@",
    "held by p",
    '  claim h "indented statement"',
    'claim i "tab"\t# tab',
    'claim j "form\ffeed"\f held by p',
    'claim k "crlf"\r',
    'quote "no speaker"',
    "a rebuts",
    'fact l "L." source s quote p "said"',
    # language 2
    'prediction m "M." answers q yes, r no date "2024"',
    '  quote p "x" from s at "p. 1" on "2013"',
    "r1: a + b rebuts c rejected by p",
    "u1: x undercuts r1",
    "k: a contradicts b",
    'section sec "S" in top allow W303',
    'allow W304 "why"',
    'p accepts r1 on "2023" allow W302',
    'question q2 "Q?" asked by p',
    'source s2 "S" file "s.txt"',
    "a rebuts b rejected by p",
]

texts = st.lists(st.sampled_from(LINES), max_size=14).map(lambda lines: "\n".join(lines) + "\n")


def _snapshot(elements: tuple[object, ...]) -> list[dict[str, object]]:
    """Elements with their spans (which equality leaves out), nested ones included."""
    return [attrs.asdict(e, recurse=True) | {"type": type(e).__name__} for e in elements]  # type: ignore[arg-type]


def assert_same(reader: Reader, text: str) -> None:
    reading = reader.read(text)
    try:
        m = parse(text, "t.argmap")
        errors: list[object] = []
    except ParseError as exc:
        m = exc.partial
        errors = [d for d in exc.diagnostics if d.is_error]
    assert list(reading.errors) == errors
    assert _snapshot(reading.map.elements) == _snapshot(m.elements)
    assert list(reading.map.parse_diagnostics) == list(m.parse_diagnostics)
    assert reading.map.source_text == text and reading.map.path == "t.argmap"


@settings(max_examples=300, deadline=None)
@given(texts)
def test_a_first_reading_is_the_parsers(text: str) -> None:
    assert_same(Reader("t.argmap"), text)


@settings(max_examples=200, deadline=None)
@given(texts, st.lists(st.tuples(st.integers(0, 20), st.integers(0, 3), st.sampled_from(LINES)), max_size=8))
def test_each_reading_after_edits_is_the_parsers(text: str, edits: list[tuple[int, int, str]]) -> None:
    reader = Reader("t.argmap")
    assert_same(reader, text)
    lines = text.split("\n")
    for where, remove, new in edits:
        at = min(where, len(lines))
        lines[at : at + remove] = [new] if remove != 3 else []
        assert_same(reader, "\n".join(lines))


def test_a_big_map_edited_line_by_line() -> None:
    text = generate(300, seed=2).argmap_text
    reader = Reader("t.argmap")
    assert_same(reader, text)
    lines = text.split("\n")
    for i in (40, 41, 200, 201, 5):
        lines.insert(i, 'claim new "A new claim."')
        assert_same(reader, "\n".join(lines))
        lines[i] = "new supports c1 by nobody"
        assert_same(reader, "\n".join(lines))
        lines[i] = "new supports"
        assert_same(reader, "\n".join(lines))
        del lines[i]
        assert_same(reader, "\n".join(lines))


def test_more_syntax_errors_than_the_parser_reports() -> None:
    text = "a suports b\n" * (MAX_SYNTAX_ERRORS + 5)
    reader = Reader("t.argmap")
    assert_same(reader, 'claim a "A."\n')
    assert_same(reader, text)
    assert len(reader.read(text).errors) == MAX_SYNTAX_ERRORS + 1


@pytest.mark.parametrize("path", sorted(MAPS.glob("*.argmap")), ids=lambda p: p.name)
def test_the_example_maps(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    reader = Reader("t.argmap")
    assert_same(reader, text)
    assert_same(reader, text.replace("\n", "\n\n", 3))


def test_statements_start_where_the_parser_resumes() -> None:
    text = 'claim a "A."\n  held by p\n\n# c\nclaim b """x\ny"""\nb supports a\n'
    assert statement_starts(text.split("\n"), text) == [0, 4, 6]
