"""argmap.diagnostics: the code catalogue's mechanism (each step registers its codes;
Diagnostic.make looks them up) and what it may import."""

from __future__ import annotations

import subprocess
import sys

import pytest

import argmap.syntax  # noqa: F401  (registers the parser's codes)
from argmap.diagnostics import (
    CodeInfo,
    Diagnostic,
    Severity,
    code_info,
    register_codes,
    registered_codes,
)


def test_make_takes_the_severity_the_code_is_registered_with() -> None:
    assert Diagnostic.make("W107", None, "m").severity is Severity.WARNING
    assert Diagnostic.make("E106", None, "m").severity is Severity.ERROR
    assert code_info("E106") == CodeInfo(Severity.ERROR, "cannot read file")


def test_an_unregistered_code_is_a_key_error_that_names_it() -> None:
    with pytest.raises(KeyError, match="E999"):
        Diagnostic.make("E999", None, "m")


def test_registering_again_must_mean_the_same() -> None:
    same = {"E106": CodeInfo(Severity.ERROR, "cannot read file")}
    assert register_codes(same) == same  # a module imported twice
    with pytest.raises(ValueError, match="E106 is registered twice"):
        register_codes({"E106": CodeInfo(Severity.ERROR, "something else")})
    assert code_info("E106").title == "cannot read file"


def test_a_code_is_its_severitys_letter_and_three_digits() -> None:
    for bad in ("W998", "E99", "X998", "e998"):
        with pytest.raises(ValueError, match="is not a code for"):
            register_codes({"E997": CodeInfo(Severity.ERROR, "fine"), bad: CodeInfo(Severity.ERROR, "bad")})
    # a rejected table registers nothing, not even its good codes
    assert "E997" not in registered_codes()


def test_registered_codes_are_in_number_order_whatever_the_severity() -> None:
    codes = list(registered_codes())
    assert codes.index("E106") + 1 == codes.index("W107")
    assert codes == sorted(codes, key=lambda c: int(c[1:]))


def test_the_mechanism_imports_no_step_above_it() -> None:
    code = "import sys, argmap.diagnostics; print(*sorted(m for m in sys.modules if m.startswith('argmap.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["argmap.diagnostics", "argmap.span"]
