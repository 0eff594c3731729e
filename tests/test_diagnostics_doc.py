"""docs/diagnostics.md documents every code with a failing and a passing example: run them all.

This is also the test per diagnostic code: each failing example must produce its code, each
passing one must not (and must be free of errors)."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

import argmap
import argmap.checks
from argmap.diagnostics import registered_codes
from argmap.drawing.palette import colour_findings  # the drawing's own code (W500)
from argmap.syntax.parser import ParseError

#: Every code: the checker's catalogue and the drawing's.
CODES = registered_codes()

DOC = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```argmap (fails|passes) ([EW]\d{3})\n(.*?)```", DOC, re.S)
# Codes whose failing input is not text (bytes, unreadable files): tested elsewhere.
NOT_TEXT = {"E105": "tests/test_parser.py::test_not_utf8", "E106": "tests/test_cli.py::test_unreadable_file"}


def findings(text: str) -> list[argmap.Diagnostic]:
    # As a map in docs/: a source's file is found relative to it.
    try:
        amap = argmap.parse(text, str(ROOT / "docs" / "example.argmap"))
    except ParseError as exc:
        return exc.diagnostics
    return argmap.check(amap) + colour_findings(amap)


def test_every_code_is_documented() -> None:
    for code, info in CODES.items():
        assert re.search(rf"^### {code} {re.escape(info.title)}$", DOC, re.M), f"{code} has no section"
        if code in NOT_TEXT:
            continue
        kinds = {kind for kind, c, _ in BLOCKS if c == code}
        assert kinds == {"fails", "passes"}, f"{code} needs a failing and a passing example"


def test_no_undocumented_codes_in_the_doc() -> None:
    assert set(re.findall(r"^### ([EW]\d{3})", DOC, re.M)) == set(CODES)


@pytest.mark.parametrize(("kind", "code", "text"), BLOCKS, ids=[f"{c}-{k}" for k, c, _ in BLOCKS])
def test_example(kind: str, code: str, text: str) -> None:
    found = findings(text)
    codes = [d.code for d in found]
    if kind == "fails":
        assert code in codes, f"{code} not reported; got {codes}"
        d = next(d for d in found if d.code == code)
        assert d.severity is CODES[code].severity
        assert d.message
    else:
        assert code not in codes, f"{code} still reported: {found}"
        assert not [d for d in found if d.is_error], f"the passing example has errors: {found}"


def test_the_silencing_example_is_silent() -> None:
    """The ```argmap block of "Silencing findings": every finding it has is allowed."""
    (block,) = re.findall(r"^```argmap\n(.*?)^```", DOC, re.M | re.S)
    m = argmap.parse(block, str(ROOT / "docs" / "example.argmap"))
    result = argmap.check_map(m, settings=None)
    assert result.findings == []
    assert sorted(s.diagnostic.code for s in result.silenced) == ["W302", "W304", "W305"]
    assert result.silenced_by() == {"allow": 3}
