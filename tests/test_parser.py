"""The parser: every construct (golden), syntax errors (golden), encodings and positions."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, golden

import argmap
from argmap.diagnostics.report import format_text
from argmap.model import ArgumentMap, Span
from argmap.syntax.parser import MAX_SYNTAX_ERRORS, ParseError, load, parse

OK = sorted((DATA / "parser" / "ok").glob("*.argmap"))
ERRORS = sorted((DATA / "parser" / "errors").glob("*.argmap"))


def dump(m: ArgumentMap) -> str:
    """A stable text form of a parsed map: each element's repr and its span."""
    lines = []
    for e in m.elements:
        s = e.span
        where = f"{s.line}:{s.column}-{s.end_line}:{s.end_column}" if s else "?"
        lines.append(f"{where}  {e!r}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("path", OK, ids=lambda p: p.stem)
def test_construct_golden(path: Path) -> None:
    m = load(path)
    golden(path.with_suffix(".expected"), dump(m))


@pytest.mark.parametrize("path", ERRORS, ids=lambda p: p.stem)
def test_syntax_error_golden(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    name = f"errors/{path.name}"
    with pytest.raises(ParseError) as info:
        parse(text, name)
    golden(path.with_suffix(".expected"), format_text(info.value.diagnostics, {name: text}) + "\n")


def test_several_errors_in_one_run_and_the_rest_is_kept() -> None:
    text = (DATA / "parser" / "errors" / "several.argmap").read_text(encoding="utf-8")
    with pytest.raises(ParseError) as info:
        parse(text)
    codes = [d.code for d in info.value.diagnostics]
    assert len(codes) >= 5
    assert {"E100", "E102", "E103"} <= set(codes)
    # The statements that did parse are kept in the partial map, in order.
    assert [c.id for c in info.value.partial.claims] == ["a", "g"]


def test_error_at_end_points_at_real_end() -> None:
    text = 'claim a "A"\n  held by   \n\n\n# trailing comment\n'
    with pytest.raises(ParseError) as info:
        parse(text)
    (d,) = info.value.diagnostics
    assert d.code == "E104"
    assert (d.span.line, d.span.column) == (2, 10)


def test_error_at_end_without_newline() -> None:
    with pytest.raises(ParseError) as info:
        parse('claim a "A"\nclaim')
    (d,) = info.value.diagnostics
    assert d.code == "E104"
    assert (d.span.line, d.span.column) == (2, 6)


def test_too_many_errors_stop() -> None:
    text = "".join(f"claim c{i}\n" for i in range(MAX_SYNTAX_ERRORS + 10))
    with pytest.raises(ParseError) as info:
        parse(text)
    assert len(info.value.diagnostics) == MAX_SYNTAX_ERRORS + 1
    assert "too many" in info.value.diagnostics[-1].message


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [(b'claim a "\xe9"\n', 1, 10), (b'claim a "A"\nclaim b "\xff\xfe"', 2, 10), (b"\x00\x01\x02\xff", 1, 4)],
)
def test_not_utf8(tmp_path: Path, data: bytes, line: int, column: int) -> None:
    f = tmp_path / "latin1.argmap"
    f.write_bytes(data)
    with pytest.raises(ParseError) as info:
        load(f)
    (d,) = info.value.diagnostics
    assert d.code == "E105"
    assert (d.span.line, d.span.column) == (line, column)


def test_binary_utf8_with_nul_is_a_syntax_error() -> None:
    with pytest.raises(ParseError) as info:
        parse('claim a "A" \x00\x01\n')
    assert info.value.diagnostics[0].code == "E101"
    assert info.value.diagnostics[0].hint and "binary" in info.value.diagnostics[0].hint


def test_bom_and_crlf(tmp_path: Path) -> None:
    f = tmp_path / "windows.argmap"
    f.write_bytes('\ufeffclaim a "A"\r\n  held by p\r\nclaim b "B"\r\na supports b\r\n'.encode())
    m = load(f)
    assert [c.id for c in m.claims] == ["a", "b"]
    assert m.holders("a") == ("p",)
    assert m.supports[0].span == Span(str(f), 4, 1, 4, 13)


def test_empty_and_blank_texts() -> None:
    for text in ["", "\n", "   \n\t\n", "# only a comment", "# c\n\n# d\n"]:
        assert parse(text).elements == ()


def test_text_values() -> None:
    m = load(DATA / "parser" / "ok" / "escapes.argmap")
    texts = [c.text for c in m.claims]
    assert texts[0] == 'She said "Turkey is Kosovo" in 2013.'
    assert texts[1] == "A backslash \\ and a tab\tand a line\nbreak."
    assert texts[2] == "Escaped: İstanbul, 🇹🇷, é."
    m = load(DATA / "parser" / "ok" / "multiline.argmap")
    assert m.claim("long").text == (
        "Turkey has developed very strong soft power in the Western Balkans,\n"
        "a power of attraction,\n"
        "  largely thanks to its educational system."
    )
    assert m.claim("joined").text == "Adjacent strings join into one text."


def test_keywords_can_be_ids() -> None:
    m = load(DATA / "parser" / "ok" / "keywords_as_ids.argmap")
    assert [c.id for c in m.claims] == ["fact", "source", "claim", "by"]
    assert m.supporters("claim") == ("fact",)
    assert m.attackers("fact") == ("source",)


def test_keyword_prefix_is_an_id() -> None:
    m = parse('claim factual "x"\nclaim bystander "y"\nfactual supports bystander\n')
    assert [c.id for c in m.claims] == ["factual", "bystander"]


def test_parse_diagnostics_warn_about_repeated_attributes() -> None:
    m = parse('perspective p "P" role "a" role "b"\n')
    assert m.perspective("p").role == "b"
    assert [d.code for d in m.parse_diagnostics] == ["W107"]


def test_base_out_of_range_is_e108_and_left_out() -> None:
    with pytest.raises(ParseError) as caught:
        parse('claim a "A." base 1.5\nclaim b "B." base 0.25\n')
    [finding] = caught.value.diagnostics
    assert finding.code == "E108" and finding.span is not None and finding.span.column == 14
    m = caught.value.partial
    assert m.claim("a").base is None and m.claim("b").base == 0.25


def test_base_takes_decimal_digits_only() -> None:
    with pytest.raises(ParseError):
        parse('claim a "A." base 7.5e-1\n')


def test_path_is_kept_in_spans() -> None:
    m = parse('claim a "A"\n', "somewhere/x.argmap")
    assert m.claims[0].span == Span("somewhere/x.argmap", 1, 1, 1, 12)
    assert m.path == "somewhere/x.argmap"


def test_public_names() -> None:
    assert argmap.parse is parse
    assert argmap.load is load


def _values(obj: object) -> list[object]:
    """Every value reachable from a model object (attributes, tuples)."""
    import attrs as _attrs

    out: list[object] = []
    stack = [obj]
    while stack:
        item = stack.pop()
        out.append(item)
        if _attrs.has(type(item)):
            stack.extend(getattr(item, f.name) for f in _attrs.fields(type(item)))
        elif isinstance(item, tuple):
            stack.extend(item)
    return out


def test_no_lark_types_leave_the_parser() -> None:
    from conftest import MAPS

    for path in [*OK, *sorted(MAPS.glob("*.argmap"))]:
        m = load(path)
        for element in m.elements:
            for value in _values(element):
                assert not type(value).__module__.startswith("lark"), (path, element, type(value))
                if isinstance(value, str):
                    assert type(value) is str, (path, element, type(value))


def _run(code: str, cache: Path) -> str:
    import os
    import subprocess
    import sys

    env = dict(os.environ, ARGMAP_CACHE_DIR=str(cache))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


_COMMON = (
    '# the statements most maps are made of\ntitle "T"\nperspective p "P" role "r"\n'
    'fact a "A."\n  held by p\nclaim b "B."\na supports b by p\np rejects b\n'
)


def test_common_statements_parse_without_loading_lark(tmp_path: Path) -> None:
    """A text made only of the common statement shapes is read without Lark's parser (once the
    grammar's terminals are cached); anything else loads it."""
    code = (
        "import sys, argmap\n"
        "m = argmap.parse({text!r})\n"
        "argmap.check(m)\n"
        "print(len(m.elements), 'lark' in sys.modules)"
    )
    assert _run(code.format(text=_COMMON), tmp_path) == "7 True"  # first run: terminals learnt from Lark
    assert list(tmp_path.glob("grammar-facts-*.json"))
    assert _run(code.format(text=_COMMON), tmp_path) == "7 False"
    assert _run(code.format(text=_COMMON + 'claim c "C" note "n"\n'), tmp_path) == "8 True"


@pytest.mark.parametrize(
    "escape",
    [r"\uD800", r"\uDBFF", r"\uDC00", r"\udfff", r"\u{d800}", r"\u{DC00}", r"\u{dfff}", r"\u{00DFFF}"],
)
@pytest.mark.parametrize("quotes", ['"', '"""'])
def test_every_surrogate_escape_is_refused(escape: str, quotes: str) -> None:
    """D800-DFFF are not characters: an escape of any of them is E103 (issue 21, item 1: the
    low half DC00-DFFF used to pass the checker and crash fmt, evaluate and export)."""
    text = f"claim b {quotes}x{escape}y{quotes}\n"
    with pytest.raises(ParseError) as info:
        parse(text)
    (d,) = info.value.diagnostics
    assert d.code == "E103"
    assert d.span.column == len(f"claim b {quotes}x") + 1
    assert "D800-DFFF" in (d.hint or "")


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('claim b "x\udc00y"\n', 1, 11),
        ('claim b """a\ud800"""\n', 1, 13),
        ('claim b "ok" # \udfff\n', 1, 16),
        ('claim b "ok"\n# \udc00\nclaim c "d"\n', 2, 3),
        ('claim b "ok"\n  note "\udc00"\n', 2, 9),
        ("\udc00\n", 1, 1),
        ("a supports b\n   # \ud800\n  by p\n", 2, 6),
    ],
)
def test_a_lone_surrogate_character_is_refused_where_it_stands(text: str, line: int, column: int) -> None:
    """A Python string can hold a lone surrogate (no UTF-8 file can): in text or in a comment it
    is E101 at its place, never a map that cannot be written back."""
    with pytest.raises(ParseError) as info:
        parse(text)
    d = info.value.diagnostics[0]
    assert d.code == "E101"
    assert (d.span.line, d.span.column) == (line, column)
    assert "lone surrogate" in d.message


def test_the_highest_scalar_values_around_the_surrogates_still_read() -> None:
    m = parse('claim a "\\uD7FF\\uE000\\u{10FFFF}\\u{FFFF}"\n')
    assert m.claims[0].text == "\ud7ff\ue000\U0010ffff\uffff"
