"""DOT written on two processors (argmap.drawing.dot.write with ``jobs``): a forked copy writes
the claims' statements into a spool while this process draws the relations, and the text is
that of one writing, whatever happens to the copy (argmap.util.forking.start_in_copy)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import MAPS, ROOT, run_cli
from hypothesis import HealthCheck, given, settings
from interchange_strategies import maps

from argmap import parse
from argmap.drawing import dot as D
from argmap.drawing.render import dot_chunks, render, to_dot
from argmap.formats import export, export_chunks
from argmap.model import ArgumentMap
from argmap.util import forking

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.genmap import generate

pytestmark = [
    pytest.mark.skipif(not forking.can_fork(), reason="needs os.fork and two processors"),
    pytest.mark.usefixtures("one_thread"),
]

#: Sections (drawn as clusters: a small map), stances, a named and undercut support, a linked
#: attack, an undefined claim, a question, quotes, sources and a claim of an odd id.
_VARIED = """title "Varied"
perspective ann "Ann"
perspective bob "Bob"
source s1 "A source" url "https://example.org/?a=1&b=2"
question q "Why?"
section top "Top"
claim a "A, a claim long enough to be wrapped over more than one line of its box."
  held by ann
  answers q
  source s1
  quote ann "Said so." from s1
claim b "B."
  rejected by bob
section inner "Inner" in top
claim c "C <c> & \\"c\\""
s: a + b supports c by ann scheme "Argument From Expert Opinion"
x: c rebuts a by bob
e undercuts s by bob
f rebuts nowhere
section other "Other"
claim g "G."
  note "a note"
a contradicts g
"""


def _written(m: ArgumentMap, jobs: int | None) -> str:
    return "".join(export_chunks(m, "dot", jobs=jobs))


def _same(m: ArgumentMap) -> str:
    one = _written(m, 1)
    assert _written(m, 2) == one
    return one


def test_a_varied_map_is_written_the_same(forks: list[int]) -> None:
    text = _same(parse(_VARIED))
    assert "cluster_section:top" in text and "relation-s" in text
    assert forks == [1]


@pytest.mark.parametrize("path", sorted(MAPS.glob("*.argmap")), ids=lambda p: p.name)
def test_every_example_map_is_the_same(path: Path, forks: list[int]) -> None:
    m = parse(path.read_text(encoding="utf-8"))
    assert _same(m) == export(m, "dot")  # and the same as the library's default
    assert forks == [1]


@pytest.mark.parametrize(
    "view",
    [
        {"perspective": "pavkovic"},
        {"perspective": "pavkovic", "only": True},
        {"compare": ("pavkovic", "hoti")},
        {"labels": "grounded", "rankdir": "LR", "legend": "full"},
        {"quotes": True, "compact": False, "legend": "none"},
        {"focus": "donation", "depth": 1},
        {"question": "arming"},
    ],
    ids=repr,
)
def test_every_view_is_the_same(view: dict[str, Any], forks: list[int]) -> None:
    m = parse((MAPS / "turkey-kosovo.argmap").read_text(encoding="utf-8"))
    one = to_dot(m, **view)
    assert to_dot(m, **view, jobs=2) == one
    assert "".join(dot_chunks(m, **view, jobs=2)) == one
    assert forks == [1, 1]


def test_a_generated_map_is_the_same(forks: list[int]) -> None:
    _same(parse(generate(3000, 1).argmap_text))
    assert forks == [1]


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(maps())
def test_any_map_is_the_same(m: ArgumentMap) -> None:
    _same(m)


def test_a_copy_that_fails_loses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    m = parse(generate(500, 0).argmap_text)
    expected = _written(m, 1)

    def crash(self: Any, w: D.Writer) -> Any:
        self.spool.append("half a statement")
        self.spool.flush()  # in the file: the claims are written again over it
        os._exit(3)

    monkeypatch.setattr(D._ClaimsElsewhere, "there", crash)
    assert _written(m, 2) == expected

    def raises(self: Any, w: D.Writer) -> Any:
        raise RuntimeError("in the copy")

    monkeypatch.setattr(D._ClaimsElsewhere, "there", raises)
    assert _written(m, 2) == expected


def test_no_fork_writes_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    m = parse(generate(500, 0).argmap_text)
    expected = _written(m, 1)

    def no_fork() -> int:
        raise OSError("no fork here")

    monkeypatch.setattr(os, "fork", no_fork)
    assert _written(m, 2) == expected


def test_no_temporary_file_writes_everything_here(monkeypatch: pytest.MonkeyPatch, forks: list[int]) -> None:
    import tempfile

    m = parse(generate(500, 0).argmap_text)
    expected = _written(m, 1)

    def no_file() -> Any:
        raise OSError("no temporary folder")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_file)
    assert _written(m, 2) == expected
    assert not forks


def test_small_maps_and_the_library_s_default_stay_on_one_processor(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    m = parse(generate(200, 0).argmap_text)
    assert len(m.claims) < D.SPLIT_FROM
    _written(m, None)
    export(m, "dot")  # the library's default: one processor
    "".join(export_chunks(m, "dot"))
    to_dot(m)
    render(m, "dot")
    assert not forks
    monkeypatch.setattr(D, "SPLIT_FROM", len(m.claims))
    _written(m, None)
    assert forks == [1]


def test_a_map_without_claims_is_not_forked(forks: list[int]) -> None:
    m = parse('question q "Q?"\n')
    assert _same(m)
    assert not forks


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
    expected = _written(parse(path.read_text(encoding="utf-8")), 1)
    monkeypatch.setattr(D, "SPLIT_FROM", 1)
    result = run_cli("export", str(path), "--to", "dot")
    assert result.code == 0, result.err
    assert result.out == expected
    out = tmp_path / "out.dot"
    result = run_cli("export", str(path), "--to", "dot", "-o", str(out))
    assert result.code == 0, result.err
    assert out.read_text(encoding="utf-8") == expected
    assert forks == [1, 1]
