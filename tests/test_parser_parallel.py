"""Reading a text on two processors (argmap.syntax.parallel): the same map, spans, warnings and
errors as one reading, wherever the text is cut and whatever happens to the forked copy."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from conftest import MAPS, ROOT, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

from argmap.model import ArgumentMap, Claim, Stance, Support
from argmap.syntax import parallel as P
from argmap.syntax.parser import ParseError, parse
from argmap.util import forking
from tests.test_parser_properties import _EXPLICIT, _GRAMMAR

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.genmap import generate

pytestmark = pytest.mark.skipif(not P.can_fork(), reason="needs os.fork and two processors")


@pytest.fixture(autouse=True)
def _as_if_one_thread(request: pytest.FixtureRequest) -> None:
    """These tests fork as a command's single-threaded process would, but the one about threads."""
    if "thread" not in request.node.name:
        request.getfixturevalue("one_thread")


def _read(text: str, jobs: int | None) -> object:
    """The map with its spans and warnings, or the ParseError's diagnostics."""
    try:
        m = parse(text, "t.argmap", jobs=jobs)
    except ParseError as exc:
        return [(d, d.span) for d in exc.diagnostics]
    return m, [e.span for e in m.elements], [(d, d.span) for d in m.parse_diagnostics]


def _same(text: str) -> None:
    assert _read(text, 2) == _read(text, 1)


@pytest.fixture
def copies(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each reading on two processors took the copy's part (False: read here)."""
    taken: list[bool] = []
    real = P._take

    def spy(*args: object) -> bool:
        taken.append(real(*args))  # type: ignore[arg-type]
        return taken[-1]

    monkeypatch.setattr(P, "_take", spy)
    return taken


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_generated_maps_are_the_same_on_two_processors(seed: int, copies: list[bool]) -> None:
    text = generate(2000, seed).argmap_text
    one, two = parse(text, jobs=1), parse(text, jobs=2)
    assert copies == [True]
    assert two == one
    assert [e.span for e in two.elements] == [e.span for e in one.elements]
    assert two.parse_diagnostics == one.parse_diagnostics


def test_the_copy_s_ids_are_shared_with_this_part_s() -> None:
    """One string per id and one tuple per list of ids, as one reading makes them (a big map
    names each claim many times)."""
    m = parse(generate(2000, 0).argmap_text, jobs=2)
    ids = {c.id: c.id for c in m.claims}
    supports = [e for e in m.elements if isinstance(e, Support)]
    stances = [e for e in m.elements if isinstance(e, Stance)]
    assert all(s.conclusion is ids[s.conclusion] for s in supports if s.conclusion in ids)
    assert all(p is ids[p] for s in supports for p in s.premises if p in ids)
    assert all(s.target is ids[s.target] for s in stances if s.target in ids)
    by_value: dict[tuple[str, ...], tuple[str, ...]] = {}
    assert all(by_value.setdefault(s.premises, s.premises) is s.premises for s in supports)


def test_every_example_map_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    for share in (0.2, 0.5, 0.8):
        monkeypatch.setattr(P, "_OWN_SHARE", share)
        for path in sorted(MAPS.glob("*.argmap")):
            _same(path.read_text(encoding="utf-8"))


_LONG_TEXT = (
    'claim a "A."\n' + 'claim n """\n' + "".join(f'claim x{i} "looks like a claim"\n' for i in range(40))
)


def test_a_cut_inside_a_long_text_is_not_taken(monkeypatch: pytest.MonkeyPatch, copies: list[bool]) -> None:
    text = _LONG_TEXT + '"""\nclaim b "B." held by p\nperspective p "P"\n'
    monkeypatch.setattr(P, "_OWN_SHARE", 0.5)
    assert parse(text, jobs=1)  # the text is a valid map
    _same(text)
    assert copies == []  # the first part does not end at the cut: read whole, here


@pytest.mark.parametrize("where", ["first", "second"])
def test_errors_are_the_same_in_either_part(where: str) -> None:
    good = "".join(f'claim c{i} "C {i}."\nc{i} supports c{i + 1}\n' for i in range(60)) + 'claim c60 "End."\n'
    lines = good.splitlines(keepends=True)
    at = 10 if where == "first" else len(lines) - 10
    lines[at] = "claim broken supports\n"
    text = "".join(lines)
    with pytest.raises(ParseError):
        parse(text, jobs=1)
    _same(text)


def test_statements_without_a_shape_and_warnings_in_the_second_part(copies: list[bool]) -> None:
    first = "".join(f'claim c{i} "C {i}."\n' for i in range(50))
    second = (
        'perspective p "P" role "a" role "b"\n'  # W107 from Lark's path
        'question q "Why?"\n'
        "c1 supports c2\n"
        'claim z "Z." held by p\n'
    )
    text = first + second * 5
    m = parse(text, jobs=2)
    assert copies == [True]
    assert {d.code for d in m.parse_diagnostics} == {"W107"}
    _same(text)


def test_a_copy_that_fails_loses_nothing(monkeypatch: pytest.MonkeyPatch, copies: list[bool]) -> None:
    text = generate(300, 0).argmap_text

    def broken(*_: object) -> None:
        os._exit(3)

    monkeypatch.setattr(P, "_copy", broken)
    _same(text)
    assert copies == [False]


def test_a_copy_that_stops_half_way_loses_nothing(
    monkeypatch: pytest.MonkeyPatch, copies: list[bool]
) -> None:
    """A copy that sends some of its elements and then dies: they are dropped and its part is
    read here."""
    text = generate(2000, 1).argmap_text
    monkeypatch.setattr(P, "_BATCH", 100)
    real_send = P._send
    sent: list[int] = []

    def dies(pipe: object, data: bytes) -> None:
        sent.append(1)
        if len(sent) > 3:
            os._exit(4)
        real_send(pipe, data)  # type: ignore[arg-type]

    monkeypatch.setattr(P, "_send", dies)
    _same(text)
    assert copies == [False]


def test_no_fork_reads_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    text = generate(300, 0).argmap_text
    expected = _read(text, 1)

    def no_fork() -> int:
        raise OSError("no fork here")

    monkeypatch.setattr(os, "fork", no_fork)
    assert _read(text, 2) == expected


def test_small_texts_stay_on_one_processor_unless_asked(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    text = generate(100, 0).argmap_text
    assert len(text) < P.PARALLEL_FROM
    parse(text, jobs=None)
    parse(text)  # the library's default: one processor
    assert not forks
    parse(text, jobs=2)
    assert forks == [1]
    monkeypatch.setattr(P, "PARALLEL_FROM", len(text))
    parse(text, jobs=None)
    assert forks == [1, 1]


@pytest.mark.usefixtures("another_thread")
def test_a_process_running_threads_reads_on_one_processor(forks: list[int]) -> None:
    text = generate(300, 0).argmap_text
    assert not P.can_fork()
    assert _read(text, 2) == _read(text, 1)
    assert not forks


_TEXTS = st.lists(from_lark(_GRAMMAR, explicit=_EXPLICIT), min_size=1, max_size=6).map("".join)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_TEXTS, st.floats(0.0, 1.0))
def test_any_text_cut_anywhere_is_read_the_same(text: str, share: float) -> None:
    """Texts from the grammar (and a mistake made of two), cut anywhere."""
    real = P._OWN_SHARE
    P._OWN_SHARE = share
    try:
        _same(text)
        _same(text + "\n" + text[: len(text) // 2])
    finally:
        P._OWN_SHARE = real


def test_cli_check_reads_on_two_processors(tmp_path: Path) -> None:
    g = generate(1500, 2)
    path = tmp_path / "big.argmap"
    path.write_text(g.argmap_text + 'claim c1 "again"\nnowhere supports c1\n', encoding="utf-8")
    one = run_cli("check", "-f", "json", "-j", "1", str(path))
    two = run_cli("check", "-f", "json", "-j", "2", str(path))
    assert one.code == two.code == 1
    assert one.out == two.out
    assert '"E' in one.out


def test_the_model_s_kinds_survive_the_hand_over() -> None:
    m = parse(generate(1000, 0).argmap_text, jobs=2)
    one = parse(generate(1000, 0).argmap_text, jobs=1)
    assert [c.kind for c in m.claims] == [c.kind for c in one.claims]
    assert isinstance(m, ArgumentMap) and all(isinstance(c, Claim) for c in m.claims)


@pytest.mark.parametrize("where", [10, 90])
def test_a_text_over_the_limit_is_refused_alike_in_either_part(where: int) -> None:
    from argmap.errors import LimitError
    from argmap.util.limits import Limits

    lines = [f'claim c{i} "C {i}."\n' for i in range(100)]
    lines[where] = f'claim long "{"x" * 80}"\n'
    text = "".join(lines)
    limits = Limits(text_length=50)
    messages = []
    for jobs in (1, 2):
        with pytest.raises(LimitError) as raised:
            parse(text, "t.argmap", limits=limits, jobs=jobs)
        messages.append(str(raised.value))
    assert messages[0] == messages[1]
    assert f"t.argmap:{where + 1}:" in messages[0]


def test_export_reads_a_big_file_on_two_processors_with_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    """Commands that read a map (export, evaluate, render) read a big one as check does."""
    path = tmp_path / "big.argmap"
    path.write_text(generate(1500, 2).argmap_text, encoding="utf-8")
    monkeypatch.setattr(P, "PARALLEL_FROM", 1)
    monkeypatch.setattr(forking, "_one_thread", lambda: False)
    one = run_cli("export", "--to", "json", str(path))
    assert not forks
    monkeypatch.setattr(forking, "_one_thread", lambda: True)
    two = run_cli("export", "--to", "json", str(path))
    assert forks == [1]
    assert one.code == two.code == 0
    assert one.out == two.out


def test_fmt_formats_a_text_read_on_two_processors_the_same(forks: list[int]) -> None:
    from argmap.formats.fmt import format_with_warnings

    text = generate(800, 3).argmap_text.replace('"\n', '"   # said\n', 40)
    one = format_with_warnings(text, jobs=1)
    assert not forks
    assert format_with_warnings(text, jobs=2) == one
    assert forks == [1, 1]  # the read's copy, then the layout's (tests/test_fmt_parallel.py)
