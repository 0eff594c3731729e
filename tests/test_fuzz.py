"""A short run of the fuzzing harness (tests/fuzz.py) over every reader and the CLI.

The long run is ``python -m tests.fuzz --minutes 60`` (docs/security.md); what it finds goes
into tests/data/hostile/, which tests/test_fuzz_corpus.py replays on every run.
"""

from __future__ import annotations

import pytest
from fuzz import TARGETS, Crash, run_target

#: Inputs per target in the suite's short run (fixed seeds: the same inputs every run).
EXAMPLES = {"argmap": 60, "json": 60, "aif": 60, "argdown": 60, "cli": 25}


#: Targets with a known crash fixed on another branch not merged yet (target -> why): they run
#: and may fail. Empty this once those branches are in.
KNOWN: dict[str, str] = {}


@pytest.mark.parametrize(
    "target",
    [
        pytest.param(t, marks=[pytest.mark.xfail(strict=False, reason=KNOWN[t])] if t in KNOWN else [])
        for t in sorted(TARGETS)
    ],
)
def test_short_fuzz_run(target: str) -> None:
    try:
        run_target(target, EXAMPLES[target])
    except Crash as crash:
        pytest.fail(f"{crash}\ninput: {crash.data[:2000]!r}")


def test_a_broken_promise_is_caught_with_its_minimized_input(monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness itself: an exception that is not an ArgmapError is reported, shrunk."""
    import fuzz

    def broken(text: str) -> None:
        if "#" in text:
            raise KeyError("boom")

    monkeypatch.setitem(fuzz.TARGETS, "argdown", (fuzz.hostile_text(), broken, ".argdown"))
    with pytest.raises(Crash) as info:
        run_target("argdown", 200)
    # shrunk to a few characters holding the trigger (how far hypothesis shrinks varies a little)
    assert "#" in info.value.data and len(info.value.data) <= 4, info.value.data
    assert "KeyError" in info.value.why
