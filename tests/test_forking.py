"""argmap.util.forking: work handed to a forked copy comes back as it was made there, and every
way the copy can fail gives None (the caller then does the work itself)."""

from __future__ import annotations

import os

import pytest

from argmap.util import forking

pytestmark = pytest.mark.skipif(not forking.can_fork(), reason="needs os.fork and two processors")


def test_the_copy_s_result_comes_back(one_thread: None, forks: list[int]) -> None:
    here = os.getpid()
    result = forking.start_in_copy(lambda: (os.getpid(), "é" * 100_000, {"a": [1, 2]}))
    assert result is not None
    pid, text, data = result()  # type: ignore[misc]
    assert pid != here  # made in the copy
    assert text == "é" * 100_000 and data == {"a": [1, 2]}
    assert forks == [1]


@pytest.mark.parametrize("how", ["raises", "exits", "unpicklable"])
def test_a_copy_that_fails_gives_none(how: str, one_thread: None) -> None:
    def work() -> object:
        if how == "raises":
            raise RuntimeError("in the copy")
        if how == "exits":
            os._exit(0)  # a clean exit, but no answer
        return lambda: None  # pickle cannot take it

    result = forking.start_in_copy(work)
    assert result is not None
    assert result() is None


def test_no_fork_gives_none(monkeypatch: pytest.MonkeyPatch, one_thread: None) -> None:
    def no_fork() -> int:
        raise OSError("no fork here")

    monkeypatch.setattr(os, "fork", no_fork)
    assert forking.start_in_copy(lambda: 1) is None


@pytest.mark.usefixtures("another_thread")
def test_a_process_running_another_thread_does_not_fork(forks: list[int]) -> None:
    assert not forking.can_fork()
    assert forking.start_in_copy(lambda: 1) is None
    assert not forks
