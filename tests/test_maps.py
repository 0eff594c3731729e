"""Every example map in maps/ checks clean: no errors, and no warnings beyond those a comment in
the map explains (marked with `# intended: Wnnn`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import MAPS

import argmap

FILES = sorted(MAPS.glob("*.argmap"))


def test_there_are_maps() -> None:
    assert len(FILES) >= 3
    assert (MAPS / "turkey-kosovo.argmap").exists()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_map_checks_clean(path: Path) -> None:
    m = argmap.load(path)
    findings = argmap.check(m)
    assert not [d for d in findings if d.is_error], findings
    lines = path.read_text(encoding="utf-8").split("\n")
    for d in findings:
        # a warning is intended when its line, or a comment line right above, says so
        window = lines[max(d.span.line - 3, 0) : d.span.line]
        assert any(re.search(rf"intended: .*{d.code}", ln) for ln in window), f"unexplained {d}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_map_is_in_the_canonical_layout(path: Path) -> None:
    from argmap.formats.fmt import is_formatted

    assert is_formatted(path.read_text(encoding="utf-8")), f"run `argmap fmt {path}`"
