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
HOSTILE = ROOT / "tests" / "data" / "hostile"
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


# ---- linear on hostile shapes (issue 21 item 6); the timings are in bench/, these count work ---
def test_fmt_of_a_claim_with_many_held_by_lines_groups_its_stances_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """5k/10k/20k ``held by`` lines took 1.7/6.2/26 s: each stance regrouped all of them."""
    from argmap.formats import writer

    calls = 0
    real = writer._stance_runs

    def counted(stances):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return real(stances)

    monkeypatch.setattr(writer, "_stance_runs", counted)
    text = (HOSTILE / "fmt-held-by-many-lines.argmap").read_text(encoding="utf-8")
    assert text.count("held by") >= 1000
    _check(text)
    assert calls <= 8  # a few per format_text, not one per stance


def test_wrapping_a_long_word_escapes_each_character_a_few_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 200k-character text with escapes and no space took the writer 83 s: each cut escaped
    the whole rest of the word again."""
    from argmap.formats import writer

    escaped = 0
    real = writer.escape

    def counted(text: str) -> str:
        nonlocal escaped
        escaped += len(text)
        return real(text)

    monkeypatch.setattr(writer, "escape", counted)
    text = (HOSTILE / "fmt-long-word-with-escapes.argmap").read_text(encoding="utf-8")
    m = parse(text)
    length = len(m.claims[0].text)
    assert length >= 5000
    out = _check(text)
    assert escaped <= 12 * length
    assert len(out.splitlines()) > 50  # written in pieces, as the writer breaks it


def test_the_parser_locates_a_statement_of_many_lines_counting_each_line_once() -> None:
    """The fast path's spans counted the line breaks from the statement's start for every
    element: a claim with k ``held by`` lines was located in O(k^2) (parse, so check and fmt)."""
    from argmap.syntax.fastpath import _Locator

    class Counted(str):
        scanned = 0

        def count(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
            Counted.scanned += (len(self) if end is None else end) - (start or 0)
            return super().count(sub, start, end)

    text = Counted((HOSTILE / "fmt-held-by-many-lines.argmap").read_text(encoding="utf-8"))
    at = _Locator(None, text)
    offsets = [i for i, ch in enumerate(text) if ch == "h"]
    spans = [at.span(o, o + 1) for o in offsets]
    assert [s.line for s in spans[-3:]] == [text.count("\n", 0, o) + 1 for o in offsets[-3:]]
    Counted.scanned = 0
    at = _Locator(None, text)
    for o in offsets:
        at.span(o, o + 1)
    assert Counted.scanned <= 3 * len(text)
