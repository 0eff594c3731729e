"""Argdown written on two processors (argmap.formats.argdown.writer with ``jobs``): a forked copy
writes the map's second half, and the text and the notes are those of one writing, whatever
happens to the copy (argmap.util.forking.start_in_copy)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from conftest import MAPS, ROOT, run_cli
from hypothesis import HealthCheck, given, settings
from interchange_strategies import maps

from argmap import parse
from argmap.formats import export_chunks
from argmap.formats.argdown import writer as W
from argmap.model import ArgumentMap
from argmap.util import forking

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.genmap import generate

pytestmark = [
    pytest.mark.skipif(not forking.can_fork(), reason="needs os.fork and two processors"),
    pytest.mark.usefixtures("one_thread"),
]

#: Titles (the first one is the map's), nested sections, a chain of supports (one argument of
#: several steps), inline stances, a linked attack, an undercut, undefined claims, data.
_VARIED = """title "First"
title "Second"
section top "Top"
claim a "A." #t
  held by ann
claim b "B."
  note "has a {note}"
section inner "Inner" in top
claim c "C = c"
s-1: a supports b
s: b + c supports d by ann
x: a + b rebuts c
x2: c rebuts a
e undercuts x2
f rebuts nowhere
section other "Other"
claim g "G."
  rejected by bob
perspective ann "Ann"
question q "Q?"
a contradicts g
"""


def _written(m: ArgumentMap, jobs: int | None) -> tuple[str, list[str]]:
    notes: list[str] = []
    text = "".join(export_chunks(m, "argdown", notes=notes, jobs=jobs))
    return text, notes


def _same(m: ArgumentMap) -> None:
    assert _written(m, 2) == _written(m, 1)


def test_a_varied_map_is_written_the_same_cut_anywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    m = parse(_VARIED)
    one = _written(m, 1)
    assert "argmap:" in one[0] and one[1]  # front matter and notes: both halves add to them
    n = len(m.elements)
    for cut in range(1, n):
        monkeypatch.setattr(W, "_half_of", lambda _n, cut=cut: cut)
        assert _written(m, 2) == one, f"cut at {cut}"


@pytest.mark.parametrize("path", sorted(MAPS.glob("*.argmap")), ids=lambda p: p.name)
def test_every_example_map_is_the_same(path: Path, forks: list[int]) -> None:
    m = parse(path.read_text(encoding="utf-8"))
    _same(m)
    assert forks == [1]


def test_a_generated_map_is_the_same(forks: list[int]) -> None:
    _same(parse(generate(3000, 1).argmap_text))
    assert forks == [1]


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(maps())
def test_any_map_is_the_same(m: ArgumentMap) -> None:
    _same(m)


def test_a_copy_that_fails_loses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    m = parse(generate(500, 0).argmap_text)
    expected = _written(m, 1)

    def crash(self: W._Export, half: int) -> W._Half:
        os._exit(3)

    monkeypatch.setattr(W._Export, "_second_half", crash)
    assert _written(m, 2) == expected

    def raises(self: W._Export, half: int) -> W._Half:
        raise RuntimeError("in the copy")

    monkeypatch.setattr(W._Export, "_second_half", raises)
    assert _written(m, 2) == expected


def test_no_fork_writes_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    m = parse(generate(500, 0).argmap_text)
    expected = _written(m, 1)

    def no_fork() -> int:
        raise OSError("no fork here")

    monkeypatch.setattr(os, "fork", no_fork)
    assert _written(m, 2) == expected


def test_small_maps_and_the_library_s_default_stay_on_one_processor(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    m = parse(generate(200, 0).argmap_text)
    assert len(m.elements) < W.SPLIT_FROM
    _written(m, None)
    "".join(export_chunks(m, "argdown"))  # the library's default: one processor
    assert not forks
    monkeypatch.setattr(W, "SPLIT_FROM", len(m.elements))
    _written(m, None)
    assert forks == [1]


@pytest.mark.usefixtures("another_thread")
def test_a_process_running_threads_writes_on_one_processor(forks: list[int]) -> None:
    m = parse(generate(300, 0).argmap_text)
    assert _written(m, 2) == _written(m, 1)
    assert not forks


def test_the_cli_writes_a_big_map_on_two_processors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    path = tmp_path / "big.argmap"
    path.write_text(generate(1500, 2).argmap_text, encoding="utf-8")
    expected = _written(parse(path.read_text(encoding="utf-8")), 1)[0]
    monkeypatch.setattr(W, "SPLIT_FROM", 1)
    result = run_cli("export", str(path), "--to", "argdown")
    assert result.code == 0, result.err
    assert result.out == expected
    assert forks == [1]
