"""argmap's stated limits (argmap.util.limits): each enforced by every reader, refused fast with a
LimitError that names the limit and how to raise it, raised by a library parameter and by the
CLI's flags (issue 21, "Limits, stated and enforced")."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import run_cli

import argmap
from argmap.util.limits import (
    DEFAULT,
    Limits,
    check_json_depth,
    check_reader_input,
    current,
    parse_size,
    using,
)

SMALL = Limits(input_size=1000, statement_length=200, text_length=50, depth=10)


def _limit_error(call: object) -> argmap.LimitError:
    with pytest.raises(argmap.LimitError) as info:
        call()  # type: ignore[operator]
    return info.value


# ---- the .argmap reader ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("x" * 1001, "input_size"),
        ('claim a "' + "x" * 51 + '"\n', "text_length"),
        ('claim a """' + "x\n" * 30 + '"""\n', "text_length"),
        ('claim a "A"\n  note "' + "x" * 51 + '"\n', "text_length"),
        ('claim a "A" tags "' + "x" * 51 + '"\n', "text_length"),
        ('claim a "A" "' + "x" * 30 + '" "' + "y" * 30 + '"\n', "text_length"),  # pieces join
        ('source s "S"\n  note "' + "x" * 51 + '"\n', "text_length"),  # Lark's path
        ('perspective p "' + "x" * 51 + '"\n', "text_length"),  # the fast path
        ('claim a "A"\n' + "".join(f"  held by p{i}\n" for i in range(30)), "statement_length"),
        ("a" + " + a" * 60 + " supports b\n", "statement_length"),
    ],
)
def test_the_argmap_reader_refuses_what_is_over_a_limit(text: str, limit: str) -> None:
    err = _limit_error(lambda: argmap.parse(text, "m.argmap", limits=SMALL))
    assert err.limit == limit
    assert err.maximum == getattr(SMALL, limit)
    assert "m.argmap" in err.message and "over the limit" in err.message
    flag = "--max-" + limit.replace("_", "-").replace("input-size", "input-size")
    assert err.hint is not None and flag in err.hint and f"Limits({limit}=" in err.hint


def test_what_is_within_the_limits_reads_as_before() -> None:
    text = 'claim a "' + "x" * 50 + '"\n  held by p\na supports b\nclaim b "B"\n'
    assert argmap.parse(text, limits=SMALL) == argmap.parse(text)


def test_the_limits_in_force_apply_when_none_are_given() -> None:
    text = 'claim a "' + "x" * 51 + '"\n'
    assert current() == DEFAULT
    with using(SMALL):
        assert _limit_error(lambda: argmap.parse(text)).limit == "text_length"
    assert current() == DEFAULT
    argmap.parse(text)


def test_a_file_over_the_size_is_refused_before_it_is_read(tmp_path: Path) -> None:
    f = tmp_path / "big.argmap"
    f.write_bytes(b"# " + b"x" * 2000 + b"\n")
    err = _limit_error(lambda: argmap.load(f, limits=SMALL))
    assert err.limit == "input_size" and err.found == 2003
    assert argmap.load(f) == argmap.parse("")


def test_huge_inputs_are_refused_fast() -> None:
    """Refused before parsing: a 50 MB claim line took `check` 16.8 s and 5.9 GB (issue 21).
    (A speed promise belongs in bench/hostile.py; this only checks nothing is parsed first.)"""
    started = time.perf_counter()
    for text in ('claim a "' + "x" * 40_000_000 + '"\n', 'claim a "' + "x" * 5_000_000 + '"\n'):
        _limit_error(lambda text=text: argmap.parse(text))
    assert time.perf_counter() - started < 5


def test_limits_are_checked_when_built() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        Limits(depth=0)
    with pytest.raises(ValueError):
        Limits(input_size=True)
    assert DEFAULT.raised(depth=5, text_length=None) == Limits(depth=5)


@pytest.mark.parametrize(
    ("value", "size"),
    [("1000", 1000), ("64k", 65536), ("32M", 32 * 2**20), ("2GiB", 2 * 2**30), ("1_000", 1000)],
)
def test_sizes_as_people_write_them(value: str, size: int) -> None:
    assert parse_size(value) == size


@pytest.mark.parametrize("value", ["", "1.5M", "-1", "0", "ten", "5X"])
def test_what_is_no_size(value: str) -> None:
    with pytest.raises(ValueError):
        parse_size(value)


# ---- the other readers -------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "aif"])
@pytest.mark.parametrize("depth", [11, 1000, 100_000])
def test_json_nested_too_deep_is_refused_before_it_is_parsed(fmt: str, depth: int) -> None:
    for text in ("[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth, "[" * depth):
        err = _limit_error(lambda text=text: argmap.import_(text, fmt, limits=Limits(depth=10)))  # type: ignore[arg-type]
        assert err.limit == "depth" and "--max-depth" in (err.hint or "")


def test_json_depth_counts_brackets_outside_strings_only() -> None:
    check_json_depth('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "b": "\\"[[[[[[[[[[[[[[[[["}', 3)
    check_json_depth("[" * 10 + "]" * 10, 10)
    with pytest.raises(argmap.LimitError):
        check_json_depth("[" * 11 + "]" * 11, 10)
    with pytest.raises(argmap.LimitError):
        check_json_depth('["\\\\"' + "[" * 11, 10)  # an escaped backslash ends the string


def test_the_default_depth_is_generous_and_refuses_what_would_recurse() -> None:
    doc = argmap.export(argmap.parse('claim a "A"\nclaim b "B"\na supports b\n'), "json")
    assert argmap.import_(doc, "json") is not None
    _limit_error(lambda: argmap.import_("[" * 1000 + "]" * 1000, "json"))


@pytest.mark.parametrize("fmt", ["json", "aif", "argdown"])
def test_every_reader_refuses_input_over_the_size(fmt: str) -> None:
    err = _limit_error(lambda: argmap.import_(" " * 1001, fmt, limits=SMALL))  # type: ignore[arg-type]
    assert err.limit == "input_size"


def test_argmap_through_import_uses_the_limits_given() -> None:
    err = _limit_error(lambda: argmap.import_('claim a "' + "x" * 51 + '"\n', "argmap", limits=SMALL))
    assert err.limit == "text_length"


@pytest.mark.parametrize("fmt", ["json", "aif", "argdown"])
def test_a_lone_surrogate_in_another_format_is_refused(fmt: str) -> None:
    with pytest.raises(argmap.InterchangeError, match="lone surrogate"):
        argmap.import_('{"text": "\udc00"}', fmt)  # type: ignore[arg-type]
    with pytest.raises(argmap.InterchangeError):
        check_reader_input("[a]: \ud800\n", "argdown")


# ---- the CLI -----------------------------------------------------------------------------------
def test_the_cli_refuses_with_the_limit_and_the_flag_then_the_flag_raises_it(tmp_path: Path) -> None:
    f = tmp_path / "long.argmap"
    f.write_text('claim a "' + "x" * 200 + '"\n', encoding="utf-8")
    r = run_cli("check", "--max-text-length", "100", str(f))
    assert r.code == 1
    assert "text length 200 characters, over the limit of 100" in r.err and "--max-text-length" in r.err
    assert run_cli("check", str(f)).code == 0
    r = run_cli("check", "--max-input-size", "100", str(f))
    assert r.code == 1 and "input size 211 bytes" in r.err and "--max-input-size" in r.err
    assert run_cli("check", "--max-input-size", "1k", "--max-text-length", "1k", str(f)).code == 0


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["fmt", "--check"],
        ["evaluate"],
        ["perspectives"],
        ["framework"],
        ["export", "--to", "json"],
        ["render", "-f", "dot", "-o", "-"],
        ["import", "--from", "argmap"],
    ],
)
def test_every_command_that_reads_takes_the_limits(tmp_path: Path, command: list[str]) -> None:
    f = tmp_path / "m.argmap"
    f.write_text('claim a "A"\nclaim b "B"\na supports b\n', encoding="utf-8")
    r = run_cli(*command, "--max-input-size", "10", str(f))
    assert r.code == 1 and "over the limit of 10" in r.err, r.err
    assert "Traceback" not in r.err
    # the limits hold for the command only
    assert current() == DEFAULT


def test_standard_input_is_read_no_further_than_the_limit() -> None:
    r = run_cli("check", "--max-input-size", "100", "-", stdin="# " + "x" * 10_000 + "\n")
    assert r.code == 1 and "<stdin>: input size more than 100 bytes, over the limit of 100" in r.err


def test_a_bad_limit_is_a_usage_error(tmp_path: Path) -> None:
    f = tmp_path / "m.argmap"
    f.write_text('claim a "A"\n', encoding="utf-8")
    r = run_cli("check", "--max-depth", "deep", str(f))
    assert r.code == 2 and "--max-depth" in r.err


def test_json_import_depth_through_the_cli(tmp_path: Path) -> None:
    f = tmp_path / "deep.json"
    f.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    r = run_cli("import", "--from", "json", str(f))
    assert r.code == 1 and "nesting depth" in r.err and "--max-depth" in r.err
    r = run_cli("import", "--from", "json", "--max-depth", "3", str(f))
    assert r.code == 1 and "over the limit of 3" in r.err


def test_the_hostile_shapes_benchmark_runs(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """bench/hostile.py end to end on tiny sizes (its numbers are for docs/benchmarks.md)."""
    from conftest import ROOT

    monkeypatch.syspath_prepend(str(ROOT))
    from bench.hostile import main, shapes

    assert main(["--scale", "0.002", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert all(shape.name in out for shape in shapes())
    assert "exponent" in out


@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_a_long_statement_among_short_ones_is_found(where: str) -> None:
    short = "".join(f'claim c{i} "C."\n' for i in range(100))
    long = 'claim big "B."\n' + "".join(f"  held by p{i}\n" for i in range(40))  # ~600 characters
    text = {"start": long + short + short, "middle": short + long + short, "end": short + short + long}[where]
    limits = Limits(statement_length=500)
    err = _limit_error(lambda: argmap.parse(text, limits=limits))
    assert err.limit == "statement_length"
    line = text[: text.index("claim big")].count("\n") + 1
    assert f"<text>:{line}:" in err.message
    argmap.parse(text, limits=Limits(statement_length=700))
