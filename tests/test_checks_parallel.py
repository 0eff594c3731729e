"""Checks on two processors (argmap.checks.parallel): the same findings as on one, whatever
happens to the forked copy."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from argmap import parse
from argmap.checks import check_map
from argmap.checks import parallel as P
from argmap.model import ArgumentMap
from tests.conftest import MAPS, run_cli

pytestmark = [
    pytest.mark.skipif(not P.can_fork(), reason="needs os.fork and two processors"),
    pytest.mark.usefixtures("one_thread"),
]

#: Findings from every family, the ones the copy runs (structure, repeats, provenance, allows)
#: and the ones run here (definitions, references, unused, perspectives), and W400.
BAD = """\
perspective p "P"
perspective q "Q"
perspective idle "Idle"
claim a "A." held by p
claim b "B." held by p, q
claim c "C." date "2024-13-45"
claim a "A again."
fact d "D." held by q
a supports b
b supports c
c supports b
b supports b
a supports c
a supports c
d rebuts a by p
p rejects a
q accepts b
q accepts b
b rebuts nowhere
allow W3O2
"""


def _maps() -> list[ArgumentMap]:
    found = [parse(BAD, "bad.argmap")]
    found += [parse(path.read_text(encoding="utf-8"), str(path)) for path in sorted(MAPS.glob("*.argmap"))]
    return found


@pytest.mark.parametrize("semantics", [True, False])
def test_two_processors_find_what_one_does(semantics: bool) -> None:
    for m in _maps():
        one = check_map(m, jobs=1, settings=None, semantics=semantics)
        two = check_map(m, jobs=2, settings=None, semantics=semantics)
        assert two.findings == one.findings, m.path
        assert [d.span for d in two.findings] == [d.span for d in one.findings]
        assert two.silenced == one.silenced
    codes = {d.code for d in check_map(_maps()[0], jobs=2, settings=None).findings}
    assert {"E200", "E201", "W300", "E203", "W307", "W311", "W314", "E204"} <= codes


def test_the_copy_runs_half_the_families(monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    ran_here: list[str] = []
    real_run = P.run

    def spy(argmap: ArgumentMap, families: list[P.Family]) -> list[object]:
        if os.getpid() == parent:
            ran_here.extend(f.name for f in families)
        return real_run(argmap, families)  # type: ignore[return-value]

    monkeypatch.setattr(P, "run", spy)
    check_map(_maps()[0], jobs=2, settings=None)
    assert ran_here and not set(ran_here) & P.FORKED_FAMILIES


def test_a_copy_that_fails_loses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    m = _maps()[0]
    expected = check_map(m, jobs=1, settings=None).findings
    parent = os.getpid()
    real_run = P.run

    def broken_in_the_copy(argmap: ArgumentMap, families: list[P.Family]) -> list[object]:
        if os.getpid() != parent:
            raise RuntimeError("the copy breaks")
        return real_run(argmap, families)  # type: ignore[return-value]

    monkeypatch.setattr(P, "run", broken_in_the_copy)
    assert check_map(m, jobs=2, settings=None).findings == expected


def test_no_fork_runs_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    m = _maps()[0]
    expected = check_map(m, jobs=1, settings=None).findings

    def no_fork() -> int:
        raise OSError("no fork here")

    monkeypatch.setattr(os, "fork", no_fork)
    assert check_map(m, jobs=2, settings=None).findings == expected


def test_small_maps_stay_on_one_processor_unless_asked(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    m = _maps()[0]
    check_map(m, jobs=None, settings=None)  # auto: far below PARALLEL_FROM
    check_map(m, settings=None)  # the library's default: one processor
    assert not forks
    check_map(m, jobs=2, settings=None)
    assert forks == [1]


def test_cli_jobs(tmp_path: Path) -> None:
    path = tmp_path / "bad.argmap"
    path.write_text(BAD, encoding="utf-8")
    one = run_cli("check", "-f", "json", "-j", "1", str(path))
    two = run_cli("check", "-f", "json", "--jobs", "2", str(path))
    assert one.code == two.code == 1
    assert one.out == two.out
    refused = run_cli("check", "--jobs", "3", str(path))
    assert refused.code == 2
    assert "--jobs" in refused.err
