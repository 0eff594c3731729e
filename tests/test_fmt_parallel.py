"""Formatting a big text a run of statements at a time and on two processors (argmap.formats.fmt):
the same text as laid out whole, wherever the runs are cut and whatever happens to the copy."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from conftest import MAPS, ROOT, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.formats import fmt as F
from argmap.formats.fmt import format_text, format_with_warnings
from argmap.syntax.parser import ParseError, parse
from argmap.util import forking
from tests.test_fmt import commented

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.genmap import generate

DATA = ROOT / "tests" / "data" / "interchange"
TEXTS = sorted(MAPS.glob("*.argmap")) + sorted(DATA.glob("*.argmap"))


def _whole(text: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """``text`` formatted as one run, on one processor."""
    with monkeypatch.context() as m:
        m.setattr(F, "_RUN", 10**9)
        return format_text(text)


def _commented_big(n: int, seed: int) -> str:
    """A generated map with comments at line ends, on lines of their own and between
    statements, and blank lines: every kind of thing a cut might separate."""
    lines = generate(n, seed).argmap_text.split("\n")
    out: list[str] = []
    for k, line in enumerate(lines):
        if k % 7 == 3 and line and not line.startswith(" "):
            out.append("# about what follows")
        out.append(line + "  # said" if k % 11 == 5 and line.endswith('"') else line)
        if k % 13 == 8 and line.startswith("  "):
            out.append("  # under it")
        if k % 17 == 2:
            out.append("")
    return "\n".join(out)


@pytest.mark.parametrize("path", TEXTS, ids=[p.name for p in TEXTS])
def test_every_file_laid_out_a_statement_at_a_time_is_the_same(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        parse(text)
    except ParseError:
        pytest.skip("not a valid map")
    whole = _whole(text, monkeypatch)
    monkeypatch.setattr(F, "_RUN", 1)  # a cut before every statement that allows one
    assert format_text(text) == whole


@settings(max_examples=150, suppress_health_check=list(HealthCheck), deadline=None)
@given(commented(), st.integers(1, 4))
def test_any_commented_text_cut_into_runs_is_laid_out_the_same(text: str, run: int) -> None:
    try:
        parse(text)
    except ParseError:
        return
    saved = F._RUN
    try:
        F._RUN = 10**9
        whole = format_text(text)
        F._RUN = run
        assert format_text(text) == whole
    finally:
        F._RUN = saved


def test_a_cut_never_splits_a_run_of_aligned_definitions(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "".join(f'perspective p{"x" * (k % 3)}{k} "P {k}."\n' for k in range(12))
    text += 'claim a "A."\nclaim bb "B."\na supports bb\n'
    whole = _whole(text, monkeypatch)
    assert "perspective px1  " in whole or "perspective p0   " in whole  # the ids are aligned
    monkeypatch.setattr(F, "_RUN", 1)
    assert format_text(text) == whole


@pytest.fixture
def small_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs of 50 statements, so that a small text has several and may be split."""
    monkeypatch.setattr(F, "_RUN", 50)


needs_fork = pytest.mark.skipif(
    not (hasattr(os, "fork") and (os.cpu_count() or 1) > 1),
    reason="needs os.fork and two processors",
)


@needs_fork
@pytest.mark.usefixtures("one_thread", "small_runs")
def test_two_processors_give_the_same_text(forks: list[int]) -> None:
    text = _commented_big(600, 4)
    one = format_with_warnings(text, jobs=1)
    assert not forks
    two = format_with_warnings(text, jobs=2)
    assert two == one
    assert len(forks) == 2  # the parse's copy and the layout's
    assert argmap.format_text(text, jobs=2) == one[0]  # the public face
    assert len(forks) == 4


@needs_fork
@pytest.mark.usefixtures("one_thread", "small_runs")
def test_a_copy_that_fails_loses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _commented_big(400, 5)
    one = format_text(text)
    monkeypatch.setattr(forking, "start_in_copy", lambda work: lambda: None)
    assert format_with_warnings(text, jobs=2)[0] == one


@needs_fork
@pytest.mark.usefixtures("one_thread", "small_runs")
def test_a_copy_that_raises_loses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _commented_big(400, 6)
    one = format_text(text)
    real = F._Layout.text_of
    parent = os.getpid()

    def text_of(self: F._Layout, runs: list[tuple[int, int]], newline: str) -> str:
        if os.getpid() != parent:
            raise RuntimeError("the copy breaks")
        return real(self, runs, newline)

    monkeypatch.setattr(F._Layout, "text_of", text_of)
    assert format_with_warnings(text, jobs=2)[0] == one


@pytest.mark.usefixtures("one_thread")
def test_small_texts_are_laid_out_here_unless_asked(
    forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.syntax import parallel as P

    monkeypatch.setattr(P, "PARALLEL_FROM", 10**9)  # count only the layout's forks
    text = generate(300, 1).argmap_text
    format_with_warnings(text, jobs=None)
    assert not forks
    monkeypatch.setattr(F, "_RUN", 50)
    monkeypatch.setattr(F, "SPLIT_FROM", 100)
    format_with_warnings(text, jobs=None)
    assert len(forks) == (1 if forking.can_fork() else 0)


@needs_fork
@pytest.mark.usefixtures("one_thread", "small_runs")
def test_cli_fmt_check_and_fmt_on_two_processors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    from argmap.syntax import parallel as P

    monkeypatch.setattr(P, "PARALLEL_FROM", 10**9)
    monkeypatch.setattr(F, "SPLIT_FROM", 100)
    text = _commented_big(500, 7)
    expected = _whole(text, monkeypatch)
    path = tmp_path / "big.argmap"
    path.write_text(text, encoding="utf-8")
    checked = run_cli("fmt", "--check", str(path))
    assert checked.code == 1, checked.out + checked.err
    assert forks == [1]
    done = run_cli("fmt", str(path))
    assert done.code == 0, done.err
    assert path.read_text(encoding="utf-8") == expected
    again = run_cli("fmt", "--check", str(path))
    assert again.code == 0, again.out + again.err


@needs_fork
@pytest.mark.usefixtures("one_thread")
def test_the_copy_takes_the_second_half(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cut falls at the first statement from the middle that may start a run."""
    from argmap.formats.writer import group_statements, is_alignable

    text = generate(300, 8).argmap_text
    statements = group_statements(parse(text).elements, by_span=True)
    n = len(statements)
    expected = next(k for k in range(n // 2, n) if not is_alignable(statements[k]))
    starts: list[int] = []
    real = F._runs

    def runs(sts: list[object], lo: int, hi: int) -> list[tuple[int, int]]:
        starts.append(lo)
        return real(sts, lo, hi)  # type: ignore[arg-type]

    monkeypatch.setattr(F, "_runs", runs)
    assert format_with_warnings(text, jobs=2)[0] == _whole(text, monkeypatch)
    assert starts[:2] == [expected, 0]  # the copy's half is cut off first, then this one's
    assert n // 2 <= expected < n // 2 + 10
