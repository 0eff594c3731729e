"""Compiler-style text, colours, JSON."""

from __future__ import annotations

import io
import json

import pytest

import argmap.checks  # noqa: F401 - registers every code the findings below use
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


# ---- CI formats -------------------------------------------------------------------------------
def test_github_workflow_commands() -> None:
    from argmap.diagnostics.report import to_github

    w = Diagnostic.make("W303", Span("a,b.argmap", 3, 7, 3, 9), "claim 'x' stands alone: 100% orphan")
    assert to_github([D, w]) == (
        "::error file=m.argmap,line=2,endLine=2,col=5,endColumn=8,title=argmap E201%3A undefined reference"
        "::the premise 'dron' is not defined (a claim was expected)%0Ahint: did you mean 'drones'?\n"
        "::warning file=a%2Cb.argmap,line=3,endLine=3,col=7,endColumn=8,title=argmap W303%3A orphan claim"
        "::claim 'x' stands alone: 100%25 orphan\n"
    )
    assert to_github([]) == ""


def _sarif_validator() -> object:
    """SARIF's own schema, checked with the validator argmap already depends on."""
    import jsonschema_rs
    from conftest import DATA

    schema = json.loads((DATA / "sarif" / "sarif-2.1.0.schema.json").read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def test_sarif_is_valid_sarif_2_1_0() -> None:
    from argmap.diagnostics.report import to_sarif

    info = Diagnostic.make("W400", None, "no place")
    log = json.loads(to_sarif([D, info], ["m.argmap", "other file.argmap"]))
    validator = _sarif_validator()
    assert list(validator.iter_errors(log)) == []  # type: ignore[attr-defined]
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "argmap"
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["m.argmap", "other%20file.argmap"]
    first = run["results"][0]
    assert first["ruleId"] == "E201" and first["level"] == "error"
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "E201"
    assert first["message"]["text"].endswith("(hint: did you mean 'drones'?)")
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "m.argmap", "index": 0},
        "region": {"startLine": 2, "startColumn": 5, "endLine": 2, "endColumn": 9},
    }
    assert first["relatedLocations"][0]["message"]["text"] == "a close name"
    assert "locations" not in run["results"][1]


def test_the_schema_rejects_what_is_not_sarif() -> None:
    """The validation can fail: a log without its version is not SARIF."""
    from argmap.diagnostics.report import to_sarif

    log = json.loads(to_sarif([D], ["m.argmap"]))
    del log["version"]
    assert list(_sarif_validator().iter_errors(log))  # type: ignore[attr-defined]


def test_a_long_line_is_shown_as_a_window_around_the_column() -> None:
    line = "a" * 5000 + " dron " + "b" * 5000
    d = Diagnostic.make("E201", Span("m.argmap", 1, 5002, 1, 5006), "the premise 'dron' is not defined")
    shown, carets = format_diagnostic(d, [line]).split("\n")[1:3]
    assert len(shown) < 200
    assert shown.startswith("1 | …") and shown.endswith("…")
    assert shown[carets.index("^")] == "d" and carets.count("^") == 4
    start = Diagnostic.make("E201", Span("m.argmap", 1, 1, 1, 2), "at the start")
    assert format_diagnostic(start, [line]).split("\n")[1].startswith("1 | aaa")


def test_the_summary_counts_silenced_findings() -> None:
    assert format_summary([], 2, silenced={"allow": 2, "ignore": 1}) == (
        "ok: 2 files checked, no findings (3 silenced: 2 by allow, 1 by --ignore)"
    )
    assert format_summary([D], 1, silenced={"config": 1}) == (
        "1 error, 0 warnings in 1 file (1 silenced: 1 by the project's settings)"
    )
    assert format_summary([D], 1, silenced={}) == "1 error, 0 warnings in 1 file"
    assert json.loads(to_json([D], ["m.argmap"], ok=False, silenced={"select": 4}))["silenced"] == {
        "select": 4
    }
