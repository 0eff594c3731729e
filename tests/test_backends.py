"""argmap.drawing.backends: finding dot / graphviz-pure, forcing one, timeouts, failures, warnings."""

from __future__ import annotations

import os
import shutil
import stat
import sys
import sysconfig
from pathlib import Path

import pytest

from argmap.drawing import backends
from argmap.drawing.backends import (
    Backend,
    BackendError,
    NoBackendError,
    UnknownChoiceError,
    find_backend,
    find_executable,
    run_layout,
)

HAVE_DOT = shutil.which("dot") is not None
HAVE_PURE = find_executable("graphviz-pure") is not None
needs_dot = pytest.mark.skipif(not HAVE_DOT, reason="system Graphviz (`dot`) is not installed")
needs_pure = pytest.mark.skipif(not HAVE_PURE, reason="the graphviz-pure pip package is not installed")
needs_posix = pytest.mark.skipif(os.name == "nt", reason="fake executables are shell scripts")

SMALL = "digraph { a -> b }\n"


def fake_executable(tmp_path: Path, body: str) -> Backend:
    """A stand-in Graphviz: a script that does what ``body`` says."""
    script = tmp_path / "fake-graphviz"
    script.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return Backend("fake", str(script), frozenset({"svg"}))


@pytest.fixture(autouse=True)
def _no_env_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARGMAP_BACKEND", raising=False)


@needs_pure
def test_graphviz_pure_is_found_next_to_python() -> None:
    path = find_executable("graphviz-pure")
    assert path is not None
    scripts = {Path(sysconfig.get_path("scripts")).resolve(), Path(sys.executable).parent.resolve()}
    assert Path(path).resolve().parent in scripts or shutil.which("graphviz-pure")


@needs_dot
def test_auto_prefers_real_dot() -> None:
    assert find_backend("svg").name == "dot"
    assert find_backend("pdf").name == "dot"


@needs_pure
def test_auto_falls_back_to_graphviz_pure(monkeypatch: pytest.MonkeyPatch) -> None:
    real = backends.find_executable
    monkeypatch.setattr(backends, "find_executable", lambda name: None if name == "dot" else real(name))
    assert find_backend("svg").name == "graphviz-pure"
    with pytest.raises(NoBackendError) as info:
        find_backend("pdf")
    assert "can write pdf" in info.value.message
    assert info.value.hint is not None and "Graphviz" in info.value.hint


@needs_pure
def test_environment_variable_forces_a_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGMAP_BACKEND", "graphviz-pure")
    assert find_backend("svg").name == "graphviz-pure"
    # an explicit argument wins over the environment
    if HAVE_DOT:
        assert find_backend("svg", "dot").name == "dot"


def test_bad_backend_names(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="not a backend"):
        find_backend("svg", "cairo")
    monkeypatch.setenv("ARGMAP_BACKEND", "nope")
    with pytest.raises(ValueError, match="ARGMAP_BACKEND 'nope'"):
        find_backend("svg")


def test_bad_backend_names_are_unknown_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UnknownChoiceError) as info:
        find_backend("svg", "graphviz_pure")  # type: ignore[arg-type]
    assert info.value.hint == "did you mean 'graphviz-pure'?"
    assert (
        str(info.value)
        == info.value.message
        == ("backend 'graphviz_pure' is not a backend; choose one of auto, dot, graphviz-pure")
    )
    monkeypatch.setenv("ARGMAP_BACKEND", "dott")
    with pytest.raises(UnknownChoiceError) as env:
        find_backend("svg")
    assert env.value.hint == "did you mean 'dot'?"
    with pytest.raises(UnknownChoiceError) as executable:
        find_executable("auto")  # type: ignore[arg-type]
    assert executable.value.choices == ("dot", "graphviz-pure")


def test_no_backend_installed_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backends, "find_executable", lambda name: None)
    with pytest.raises(NoBackendError) as info:
        find_backend("svg")
    assert info.value.hint is not None and "pip install graphviz-pure" in info.value.hint
    with pytest.raises(NoBackendError) as forced:
        find_backend("svg", "dot")
    assert "not installed" in forced.value.message
    assert forced.value.hint is not None and "graphviz" in forced.value.hint.lower()


@needs_pure
def test_graphviz_pure_cannot_write_pdf() -> None:
    with pytest.raises(NoBackendError) as info:
        find_backend("pdf", "graphviz-pure")
    assert "cannot write pdf" in info.value.message


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("dot", marks=needs_dot),
        pytest.param("graphviz-pure", marks=needs_pure),
    ],
)
def test_run_layout_makes_svg(name: str) -> None:
    result = run_layout(SMALL, "svg", backend=name)
    assert result.backend.name == name
    assert b"<svg" in result.data and result.seconds >= 0


@needs_posix
def test_timeout_stops_the_executable(tmp_path: Path) -> None:
    fake = fake_executable(tmp_path, "time.sleep(30)")
    with pytest.raises(BackendError) as info:
        run_layout(SMALL, "svg", backend=fake, timeout=0.5)
    assert "longer than 0.5 s" in info.value.message
    assert info.value.hint is not None and "--timeout" in info.value.hint


@needs_posix
def test_failure_reports_the_executables_message(tmp_path: Path) -> None:
    fake = fake_executable(tmp_path, "sys.stderr.write('Error: syntax error in line 1\\n'); sys.exit(1)")
    with pytest.raises(BackendError) as info:
        run_layout(SMALL, "svg", backend=fake)
    assert "syntax error in line 1" in info.value.message
    assert "syntax error" in info.value.stderr


@needs_posix
def test_warnings_are_returned_not_raised(tmp_path: Path) -> None:
    fake = fake_executable(
        tmp_path, "sys.stdin.read(); sys.stderr.write('Warning: odd font\\n'); sys.stdout.write('<svg/>')"
    )
    result = run_layout(SMALL, "svg", backend=fake)
    assert result.data == b"<svg/>"
    assert "odd font" in result.warnings


@needs_posix
def test_dot_input_reaches_the_executable(tmp_path: Path) -> None:
    fake = fake_executable(tmp_path, "sys.stdout.write(sys.stdin.read().upper() + ' '.join(sys.argv[1:]))")
    result = run_layout("digraph { x }", "svg", engine="neato", backend=fake)
    assert result.data.startswith(b"DIGRAPH { X }")
    assert b"-Tsvg -Kneato" in result.data


def test_vanished_executable(tmp_path: Path) -> None:
    ghost = Backend("ghost", str(tmp_path / "missing"), frozenset({"svg"}))
    with pytest.raises(BackendError, match="cannot run"):
        run_layout(SMALL, "svg", backend=ghost)
