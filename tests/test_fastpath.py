"""The fast path is on and does its work: generated maps are read by the statement shapes alone,
an error-free text never falls back to the whole-text parse, the other statements go to Lark
with their own lines, and a fast path that cannot be built is an error, not a quiet slowdown."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from conftest import DATA, MAPS, ROOT

from argmap.model import Span
from argmap.syntax import parser
from argmap.syntax.fastpath import FastPath
from argmap.syntax.grammar import Facts, facts
from argmap.syntax.parser import ParseError, parse
from argmap.syntax.transformer import Build

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.genmap import generate

_OK = [*sorted((DATA / "parser" / "ok").glob("*.argmap")), *sorted(MAPS.glob("*.argmap"))]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_generated_maps_are_read_by_the_shapes_alone(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The benchmark's maps: every statement has a shape, so Lark's parser is never asked for
    (with the shapes switched off or falling back, this fails)."""
    text = generate(300, seed).argmap_text
    engine = parser._get_engine()
    assert engine.fast.shapes.read(text, 0, 1, 0)[0] == len(text)

    def no_lark() -> None:
        raise AssertionError("Lark's parser was asked for")

    monkeypatch.setattr(engine.fast, "lark", no_lark)
    m = parse(text)
    assert len(m.claims) == 300


def test_error_free_text_never_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every construct file and example map is read by the fast path; only a text with an error
    goes to the whole-text parse."""
    real = parser._recover
    used: list[str] = []

    def recover(engine: parser._Engine, text: str, path: str | None, *limit: int) -> object:
        used.append(text)
        return real(engine, text, path, *limit)

    monkeypatch.setattr(parser, "_recover", recover)
    for path in _OK:
        parse(path.read_text(encoding="utf-8"), path)
    assert used == []
    with pytest.raises(ParseError):
        parse('claim a "A"\nclaim b\n')
    assert len(used) == 1


def test_other_statements_go_to_lark_with_their_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run of statements without a shape is one piece for Lark, starting at the start of its
    first line; the spans of what it builds count the lines before it."""
    fast = parser._get_engine().fast
    pieces: list[tuple[str, int]] = []
    real = fast._lark_read

    def spy(piece: str, line: int) -> bool:
        pieces.append((piece, line))
        return real(piece, line)

    monkeypatch.setattr(fast, "_lark_read", spy)
    text = (
        'claim a "A"\n'
        'question q "Q?"\n'
        '  note "n"  # a comment\n'
        "\n"
        'claim b """B\n'
        'on two lines"""\n'
        "a supports b\n"
        'source s "S" url "u"\n'
    )
    m = parse(text)
    assert pieces == [
        ('question q "Q?"\n  note "n"  # a comment\n\nclaim b """B\non two lines"""\n', 2),
        ('source s "S" url "u"\n', 8),
    ]
    assert m.question("q").span == Span(None, 2, 1, 3, 11)
    assert m.claim("b").span == Span(None, 5, 1, 6, 16)
    assert m.supports[0].span == Span(None, 7, 1, 7, 13)
    assert m.sources[0].span == Span(None, 8, 1, 8, 21)


def test_a_statement_that_starts_inside_a_line_goes_to_lark_from_the_line_s_start() -> None:
    text = 'claim a "A"\n \fquestion q "Q?" note "n"\n'
    assert parse(text).question("q").span == Span(None, 2, 3, 2, 27)
    elements, _ = parser._recover(parser._get_engine(), text, None)  # Lark on the whole text
    assert [e.span for e in parse(text).elements] == [e.span for e in elements]


def _without(name: str) -> Facts:
    g = facts()
    return Facts({k: v for k, v in g.terminals.items() if k != name}, g.rules)


def test_a_fast_path_that_cannot_be_built_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(KeyError):
        FastPath(Build(), _without("_CONTINUATION"), lambda: pytest.fail("no Lark needed"))
    g = facts()
    odd_kind = Facts(
        {**g.terminals, "KW_RUMOUR": r"rumour(?![\w-])"},
        {**g.rules, "claim_kind": [*g.rules["claim_kind"], ["KW_RUMOUR"]]},
    )
    with pytest.raises(ValueError, match="rumour"):
        FastPath(Build(), odd_kind, lambda: pytest.fail("no Lark needed"))
    # The parser's engine does not swallow it and carry on with Lark alone.
    monkeypatch.setattr(parser, "facts", lambda: _without("KW_HELD"))
    with pytest.raises(KeyError):
        parser._Engine()


def test_the_syntax_package_uses_only_lark_s_public_modules() -> None:
    """No import of Lark's parser internals (tables, actions, token constructors)."""
    package = Path(parser.__file__).parent
    imported: set[str] = set()
    for source in package.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    assert {name for name in imported if name.split(".")[0] == "lark"} <= {"lark", "lark.exceptions"}
    for source in package.glob("*.py"):
        code = source.read_text(encoding="utf-8")
        for internal in ("parse_table", "_future_new", "parser.parser", "lalr_analysis"):
            assert internal not in code, (source.name, internal)
