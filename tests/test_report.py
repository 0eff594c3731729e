"""Compiler-style text, colours, JSON."""

from __future__ import annotations

import io
import json

import pytest

from argmap.diagnostics import Diagnostic, Related
from argmap.diagnostics.report import (
    format_diagnostic,
    format_summary,
    format_text,
    to_json,
    to_json_lines,
    use_colour,
)
from argmap.model import Span

D = Diagnostic.make(
    "E201",
    Span("m.argmap", 2, 5, 2, 9),
    "the premise 'dron' is not defined (a claim was expected)",
    "did you mean 'drones'?",
    (Related(Span("m.argmap", 1, 7, 1, 13), "a close name"),),
)
TEXT = 'claim drones "D."\na + dron support b\n'


def test_compiler_style() -> None:
    assert format_diagnostic(D, TEXT.split("\n")) == (
        "m.argmap:2:5: error[E201]: the premise 'dron' is not defined (a claim was expected)\n"
        "2 | a + dron support b\n"
        "  |     ^^^^\n"
        "  = note: a close name (m.argmap:1:7)\n"
        "  = hint: did you mean 'drones'?"
    )


def test_without_source_text() -> None:
    assert format_text([D]).splitlines()[0].startswith("m.argmap:2:5: error[E201]")
    assert "|" not in format_text([D]).splitlines()[1]


def test_colour_only_when_asked() -> None:
    assert "\x1b[" in format_diagnostic(D, TEXT.split("\n"), colour=True)
    assert "\x1b[" not in format_diagnostic(D, TEXT.split("\n"), colour=False)


def test_use_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    class TTY(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_colour(TTY()) is True
    assert use_colour(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_colour(TTY()) is False
    assert use_colour(TTY(), "always") is True


def test_summary() -> None:
    assert format_summary([], 3) == "ok: 3 files checked, no findings"
    assert format_summary([D, D], 1) == "2 errors, 0 warnings in 1 file"


def test_json() -> None:
    doc = json.loads(to_json([D], ["m.argmap"], ok=False))
    assert doc["version"] == 1 and doc["ok"] is False and doc["files"] == ["m.argmap"]
    assert doc["summary"] == {"errors": 1, "warnings": 0, "infos": 0}
    (d,) = doc["diagnostics"]
    assert d["code"] == "E201" and d["span"]["line"] == 2 and d["related"][0]["span"]["column"] == 7
    lines = to_json_lines([D, D]).splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["hint"] == "did you mean 'drones'?"
