"""argmap.semantics.stable_sat (one stable labelling by SAT over the arguments alone) and the
preferred search that tries it first on hard components: against a brute force on small
frameworks, with clingo importable and made unavailable, and checks that can fail."""

from __future__ import annotations

import random
import time

import pytest

from argmap.semantics import asp, stable_sat
from argmap.semantics import solvers as S
from argmap.semantics.framework import IN, OUT, Framework, labelling_of
from bench.semantics import hard_af
from tests.test_semantics import brute, random_af


def _small_frameworks(count: int, seed: int) -> list[Framework]:
    r = random.Random(seed)
    out = [random_af(r, 8) for _ in range(count)]
    # the hard family at small sizes: grounded settles nothing, one big component
    out += [Framework.from_edges(n, list(dict.fromkeys(hard_af(n, s)))) for n in (6, 8, 9) for s in range(8)]
    return out


@pytest.fixture(params=["with clingo", "without clingo"])
def clingo_or_not(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with the clingo back end usable (when installed) and made unavailable."""
    if request.param == "without clingo":
        monkeypatch.setattr(asp, "available", lambda: False)
    elif not asp.available():
        pytest.skip("clingo is not installed (pip install argmap[asp])")
    return str(request.param)


def test_one_stable_labelling_agrees_with_a_brute_force(clingo_or_not: str) -> None:
    for f in _small_frameworks(150, 7):
        _, _, stable = brute(f)
        lab = S.one_labelling(f, "stable")
        if not stable:
            assert lab is None
        else:
            assert lab is not None and lab.ins() in stable
            assert lab == labelling_of(f, lab.ins())


def test_one_preferred_labelling_tries_stable_first_and_agrees_with_a_brute_force(
    monkeypatch: pytest.MonkeyPatch, clingo_or_not: str
) -> None:
    monkeypatch.setattr(S, "STABLE_FIRST_MIN_ARGUMENTS", 1)
    monkeypatch.setattr(S, "ASP_MIN_ARGUMENTS", 1)
    monkeypatch.setattr(S, "ASP_AFTER", 0.0)  # past the stable search, straight to clingo (if usable)
    calls: list[bool | None] = []
    real = stable_sat.stable_labels

    def spy(
        af: Framework, comp: list[int], deadline: float | None, max_conflicts: int | None = None
    ) -> tuple[bool | None, bytes]:
        found, labels = real(af, comp, deadline, max_conflicts)
        calls.append(found)
        return found, labels

    monkeypatch.setattr(stable_sat, "stable_labels", spy)
    for f in _small_frameworks(150, 11):
        _, preferred, _ = brute(f)
        lab = S.one_labelling(f, "preferred")
        assert lab is not None and lab.ins() in preferred
        assert lab == labelling_of(f, lab.ins())
    # both ways out of the stable search were taken: a stable labelling, and none
    assert True in calls and False in calls


def test_stable_labels_on_one_component_and_its_answers() -> None:
    # a 3-cycle has no stable labelling; a 2-cycle has two; a 4-cycle has two
    odd = Framework.from_edges(3, [(0, 1), (1, 2), (2, 0)])
    assert stable_sat.stable_labels(odd, [0, 1, 2], None) == (False, b"")
    even = Framework.from_edges(4, [(0, 1), (1, 2), (2, 3), (3, 0)])
    found, labels = stable_sat.stable_labels(even, [0, 1, 2, 3], None)
    assert found and labels in (bytes([IN, OUT, IN, OUT]), bytes([OUT, IN, OUT, IN]))


def test_a_passed_deadline_or_a_spent_budget_stops_the_stable_search() -> None:
    f = Framework.from_edges(200, list(dict.fromkeys(hard_af(200, 1))))
    assert stable_sat.stable_labels(f, list(range(200)), time.monotonic() - 1) == (None, b"")
    assert stable_sat.stable_labels(f, list(range(200)), None, 0) == (None, b"")


def test_the_check_of_a_model_can_fail() -> None:
    # 0 <-> 1: both IN is a conflict, both OUT leaves an unattacked OUT argument
    attackers = [[1], [0]]
    for wrong in ([IN, IN], [OUT, OUT]):
        with pytest.raises(AssertionError):
            stable_sat._check(attackers, bytearray(wrong))
    stable_sat._check(attackers, bytearray([IN, OUT]))


def test_a_wrong_stable_search_is_caught_by_the_brute_force(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison above would see an answer that is not stable: a stable search that
    says "none" for every component makes it fail."""
    monkeypatch.setattr(stable_sat, "stable_labels", lambda *args: (False, b""))
    with pytest.raises(AssertionError):
        test_one_stable_labelling_agrees_with_a_brute_force("without clingo")


def test_without_cadical_the_stable_search_falls_back_to_glucose(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stable_sat, "_solver_name", lambda: "g4")
    test_one_stable_labelling_agrees_with_a_brute_force("without clingo")
    f = Framework.from_edges(500, list(dict.fromkeys(hard_af(500, 1))))
    found, labels = stable_sat.stable_labels(f, list(range(500)), None)
    assert found and S.is_stable(f, [i for i, v in enumerate(labels) if v == IN])
