"""argmap.formats.fmt: canonical layout with comments kept; idempotent; parse(fmt(t)) == parse(t)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from interchange_strategies import maps

from argmap.formats.fmt import _scan, format_text, is_formatted
from argmap.formats.writer import write
from argmap.syntax.parser import ParseError, parse

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "interchange"
MAP_FILES = sorted((ROOT / "maps").glob("*.argmap"))


def _check(text: str) -> str:
    once = format_text(text)
    assert parse(once) == parse(text)
    assert format_text(once) == once, "fmt is not idempotent"
    return once


@pytest.mark.parametrize("path", MAP_FILES, ids=[p.name for p in MAP_FILES])
def test_fmt_is_idempotent_on_every_map(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    once = _check(text)
    # every comment of the file is still there, in the same order
    assert [t.text.rstrip() for t in _scan(text) if t.kind == "comment"] == [
        t.text.rstrip() for t in _scan(once) if t.kind == "comment"
    ]


def test_maps_folder_is_not_empty() -> None:
    """The round-trip tests below are parametrized over maps/: with no map they would test nothing."""
    assert len(MAP_FILES) >= 4


def test_golden_layout() -> None:
    """A hand-written messy file and its canonical form (tests/data/interchange/messy*.argmap)."""
    source = (DATA / "messy.argmap").read_text(encoding="utf-8")
    expected = (DATA / "messy.formatted.argmap").read_text(encoding="utf-8")
    assert format_text(source) == expected
    assert is_formatted(expected)
    assert not is_formatted(source)


def test_comments_stay_with_their_items() -> None:
    text = (
        "# header\n"
        "\n"
        'claim a "A."   # on the head\n'
        "  # about the note\n"
        '  note "n"\n'
        "  held by p  # about p\n"
        "  # under a\n"
        "\n"
        "# before the support\n"
        "a supports b by p   # trailing\n"
    )
    out = format_text(text)
    assert out == (
        "# header\n"
        "\n"
        'claim a "A."  # on the head\n'
        "  held by p  # about p\n"
        "  # about the note\n"
        '  note "n"\n'
        "  # under a\n"
        "\n"
        "# before the support\n"
        "a supports b by p  # trailing\n"
    )
    assert format_text(out) == out


def test_hash_inside_strings_is_not_a_comment() -> None:
    text = 'claim a "not # a comment"  # a comment\nclaim b """\n  # not one either\n  x\n  """\n'
    out = _check(text)
    assert '"not # a comment"  # a comment' in out
    assert parse(out).claim("b").text == "# not one either\nx"


def test_blank_lines_collapse_and_crlf_is_kept() -> None:
    text = 'claim a "A."\r\n\r\n\r\n\r\nclaim b "B."\r\n'
    assert format_text(text) == 'claim a "A."\r\n\r\nclaim b "B."\r\n'


def test_only_comments() -> None:
    assert format_text("\n\n# just a note\n\n\n# and another\n\n") == "# just a note\n\n# and another\n"
    assert format_text("") == ""


def test_refuses_text_that_does_not_parse() -> None:
    with pytest.raises(ParseError):
        format_text('claim a "unclosed\n')


def test_a_text_written_on_one_line_is_never_broken() -> None:
    """Issue 14 item 5: a verbatim quote (or any text) written as one literal on one line stays
    one literal, so searching the map for the sentence finds it."""
    words = " ".join(f"word{i}" for i in range(60))
    out = _check(f'claim a "{words}"\n')
    assert out == f'claim a "{words}"\n'
    quoted = (
        f'claim b "B."\n  quote p "{words}" from src at "p. 3"\n  note "{words}"\n'
        f'section s "{words}"\nperspective p "{words}" role "r"\nr: b rebuts a scheme "{words}"\n'
    )
    out = _check(quoted)
    for line in out.splitlines():
        if "word0" in line:
            assert f'"{words}"' in line
    assert out.count(f'"{words}"') == 5
    # a one-line literal with escaped line breaks stays one literal too
    assert _check('claim c "first\\nsecond"\n') == 'claim c "first\\nsecond"\n'


def test_a_broken_text_is_laid_out_as_the_writer_breaks_it() -> None:
    words = " ".join(f"word{i}" for i in range(60))
    half = len(words) // 2
    out = _check(f'claim a "{words[:half]}"\n  "{words[half:]}"\n')
    lines = out.splitlines()
    assert len(lines) > 2
    assert all(len(line) <= 100 for line in lines)
    assert lines[1].startswith(" " * len("claim a ") + '"')
    assert out == write(parse(out))
    # pieces that fit on one line join into one literal (and then stay so)
    assert _check('claim b "short " "text"\n') == 'claim b "short text"\n'


# ---- properties ---------------------------------------------------------------------------------
def _code_lines(text: str) -> set[int]:
    """Lines on which a comment may be put at the end (not inside a long string)."""
    inside: set[int] = set()
    for tok in _scan(text):
        if tok.kind == "str" and tok.end_line > tok.line:
            inside.update(range(tok.line, tok.end_line))
    return inside


@st.composite
def commented(draw: st.DrawFn) -> str:
    """A written map with comments and blank lines sprinkled where a person might put them;
    written wide, its long texts are one-line literals (which fmt keeps whole)."""
    text = write(draw(maps()), width=draw(st.sampled_from([100, 100, 10_000])))
    lines = text.split("\n")[:-1]
    no_comment = _code_lines(text)
    out: list[str] = []
    for n, line in enumerate(lines, start=1):
        inside = n in no_comment or ((n - 1) in no_comment and not line.strip().startswith('"""'))
        if not inside and draw(st.integers(0, 5)) == 0:
            indent = draw(st.sampled_from(["", "  ", "\t"]))
            out.append(
                indent
                + "# "
                + draw(st.text(st.characters(codec="ascii", exclude_characters="\r\n"), max_size=8))
            )
        if not inside and draw(st.integers(0, 6)) == 0:
            out.append("")
        suffix = "  # t" + str(n) if n not in no_comment and draw(st.integers(0, 4)) == 0 else ""
        out.append(line + suffix)
    if draw(st.booleans()):
        out.append("# the end")
    return "\n".join(out) + "\n"


@settings(max_examples=200, suppress_health_check=list(HealthCheck), deadline=None)
@given(maps())
def test_fmt_of_written_maps(m: object) -> None:
    text = write(m)  # type: ignore[arg-type]
    assert format_text(text) == text, "the writer's output is already canonical"


@settings(max_examples=200, suppress_health_check=list(HealthCheck), deadline=None)
@given(commented())
def test_fmt_keeps_meaning_and_comments_and_is_idempotent(text: str) -> None:
    try:
        parse(text)
    except ParseError:  # a comment put where it changes the text's meaning (rare): not this test
        return
    once = _check(text)
    before = [t.text.rstrip() for t in _scan(text) if t.kind == "comment"]
    after = [t.text.rstrip() for t in _scan(once) if t.kind == "comment"]
    assert sorted(before) == sorted(after)
