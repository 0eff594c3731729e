"""The public API: what argmap exports, that it is documented, and that importing is light."""

from __future__ import annotations

import inspect
import subprocess
import sys

import argmap


def test_all_names_resolve_and_have_docstrings() -> None:
    for name in argmap.__all__:
        value = getattr(argmap, name)
        if name in ("__version__", "CODES") or not (inspect.isclass(value) or inspect.isfunction(value)):
            continue
        assert inspect.getdoc(value), f"argmap.{name} has no docstring"


def test_all_is_complete() -> None:
    names = set(argmap.__all__)
    assert {
        "parse",
        "load",
        "check",
        "ArgumentMap",
        "Claim",
        "Diagnostic",
        "MapBuilder",
        "ParseError",
    } <= names
    assert {"render", "to_dot", "evaluate", "perspectives", "export", "import_", "format_text"} <= names
    assert len(argmap.__all__) == len(names)


def test_render_and_evaluate_are_plain_functions() -> None:
    import inspect

    import argmap.drawing.render
    import argmap.semantics.evaluate

    m = argmap.parse('claim a "A." answers q\nquestion q "Q?"\n')
    assert inspect.isfunction(argmap.render) and inspect.isfunction(argmap.evaluate)
    assert argmap.render(m, format="dot").startswith(b"digraph")
    assert argmap.to_dot(m).startswith("digraph")
    assert argmap.evaluate(m) is not None


def test_unknown_attribute() -> None:
    try:
        argmap.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_import_is_light() -> None:
    heavy = "('lark', 'graphviz', 'typer', 'attrs')"
    code = f"import sys, argmap; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_five_line_example_from_the_readme() -> None:
    m = argmap.parse('claim a "A."\nclaim b "B."\na supports b\n')
    assert m.supporters("b") == ("a",)
    assert [d.code for d in argmap.check(m)] == []


def test_ci_runs_the_readme_test_command() -> None:
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = readme.splitlines()
    command = next(line for line in lines if "pytest" in line and line.startswith("python3"))
    assert command in ci.splitlines()
