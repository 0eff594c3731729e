"""argmap export / import / fmt, through the real command line entry point."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import run_cli

from argmap.syntax.parser import parse

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "interchange"
TWEETY = ROOT / "maps" / "tweety.argmap"

SMALL = 'title "Lunch"\nclaim soup "Soup is warm."\n  held by ann\nclaim eat "Eat."\nsoup supports eat\n'
UGLY = 'claim   soup "Soup is warm."   # warm\nclaim eat "Eat."\nsoup   supports   eat\n'


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "lunch.argmap"
    path.write_text(SMALL, encoding="utf-8")
    return path


# ---- export ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "aif", "argdown", "graphml", "argmap"])
def test_export_to_stdout(small: Path, fmt: str) -> None:
    result = run_cli("export", str(small), "--to", fmt)
    assert result.code == 0, result.err
    assert result.out.strip()
    if fmt == "json":
        assert json.loads(result.out)["version"] == 2
    if fmt == "aif":
        assert {n["type"] for n in json.loads(result.out)["nodes"]} >= {"I", "RA", "L", "YA"}
    if fmt == "argdown":
        assert "[soup]" in result.out
        assert "Argdown has no place for stance" in result.err
    if fmt == "argmap":
        assert parse(result.out) == parse(SMALL)


def test_export_dot(small: Path) -> None:
    result = run_cli("export", str(small), "--to", "dot")
    assert result.code == 0, result.err
    assert "digraph" in result.out


def test_export_guesses_the_format_from_the_output_name(small: Path, tmp_path: Path) -> None:
    for name, check in (
        ("out.json", lambda t: json.loads(t)["format"] == "argmap"),
        ("out.aif.json", lambda t: "nodes" in json.loads(t)),
        ("out.argdown", lambda t: "[eat]" in t),
        ("out.graphml", lambda t: "<graphml" in t),
    ):
        target = tmp_path / name
        result = run_cli("export", str(small), "-o", str(target))
        assert result.code == 0, result.err
        assert check(target.read_text(encoding="utf-8")), name


def test_export_round_trips_through_import(small: Path, tmp_path: Path) -> None:
    for fmt in ("json", "aif"):
        out = tmp_path / f"m.{fmt}"
        assert run_cli("export", str(small), "--to", fmt, "-o", str(out)).code == 0
        back = run_cli("import", str(out), "--from", fmt)
        assert back.code == 0, back.err
        assert parse(back.out) == parse(SMALL)


def test_export_usage_errors(small: Path, tmp_path: Path) -> None:
    result = run_cli("export", str(small))
    assert result.code == 2 and "format" in result.err
    result = run_cli("export", str(small), "--to", "pdf")
    assert result.code == 2 and "'pdf' is not one of 'argmap', 'json'" in result.err
    result = run_cli("export", str(small), "--to", "argmap", "-o", str(small))
    assert result.code == 2 and "refusing to overwrite the input" in result.err
    assert small.read_text(encoding="utf-8") == SMALL
    result = run_cli("export", str(tmp_path / "missing.argmap"), "--to", "json")
    assert result.code == 2 and "no such file" in result.err


def test_export_of_a_broken_map_fails_with_its_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.argmap"
    bad.write_text('claim a "unclosed\n', encoding="utf-8")
    result = run_cli("export", str(bad), "--to", "json")
    assert result.code == 1
    assert "E102" in result.err
    assert "Traceback" not in result.err


def test_export_reads_stdin() -> None:
    result = run_cli("export", "-", "--to", "json", stdin=SMALL)
    assert result.code == 0
    assert len(json.loads(result.out)["elements"]) == 5


# ---- import ---------------------------------------------------------------------------------------
def test_import_real_aif_reports_what_is_left_out(tmp_path: Path) -> None:
    out = tmp_path / "maze.argmap"
    result = run_cli("import", str(DATA / "moralmaze-6064.json"), "-o", str(out))
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    m = parse(text)
    assert len(m.claims) == 9
    assert "TA node" in result.err
    assert text.startswith("# Imported from moralmaze-6064.json (aif)")


def test_import_argdown(tmp_path: Path) -> None:
    result = run_cli("import", str(DATA / "argdown" / "semmelweis_betz.argdown"))
    assert result.code == 0, result.err
    m = parse(result.out)
    assert len(m.contradictions) == 1
    quiet = run_cli("import", str(DATA / "argdown" / "semmelweis_betz.argdown"), "-q")
    assert quiet.err == ""


def test_import_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "argmap", "version": 7, "elements": []}', encoding="utf-8")
    result = run_cli("import", str(bad))
    assert result.code == 1 and "version 7" in result.err
    odd = tmp_path / "map.txt"
    odd.write_text("x", encoding="utf-8")
    result = run_cli("import", str(odd))
    assert result.code == 2 and "--from" in result.err
    result = run_cli("import", str(odd), "--from", "yaml")
    assert result.code == 2
    unwritable = tmp_path / "verbs.json"
    unwritable.write_text(
        json.dumps(
            {"format": "argmap", "version": 1, "elements": [{"type": "claim", "id": "rebuts", "text": "x"}]}
        ),
        encoding="utf-8",
    )
    result = run_cli("import", str(unwritable))
    assert result.code == 1 and "cannot be written" in result.err


# ---- fmt ------------------------------------------------------------------------------------------
def test_fmt_in_place(tmp_path: Path) -> None:
    path = tmp_path / "ugly.argmap"
    path.write_text(UGLY, encoding="utf-8")
    os.chmod(path, 0o640)
    result = run_cli("fmt", str(path))
    assert result.code == 0, result.err
    text = path.read_text(encoding="utf-8")
    assert text == 'claim soup "Soup is warm."  # warm\nclaim eat  "Eat."\nsoup supports eat\n'
    assert (path.stat().st_mode & 0o777) == 0o640
    assert "1 file(s) reformatted" in result.err
    again = run_cli("fmt", str(path))
    assert again.code == 0 and path.read_text(encoding="utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["ugly.argmap"]  # no temporary files left


def test_fmt_check_and_diff(tmp_path: Path) -> None:
    path = tmp_path / "ugly.argmap"
    path.write_text(UGLY, encoding="utf-8")
    result = run_cli("fmt", "--check", str(path))
    assert result.code == 1
    assert result.out.startswith(f"--- {path}\n+++ {path} (formatted)\n")
    assert "-soup   supports   eat" in result.out and "+soup supports eat" in result.out
    assert path.read_text(encoding="utf-8") == UGLY
    result = run_cli("fmt", "--diff", str(path))
    assert result.code == 0 and "+soup supports eat" in result.out
    assert path.read_text(encoding="utf-8") == UGLY
    run_cli("fmt", str(path))
    assert run_cli("fmt", "--check", str(path)).code == 0


def test_fmt_refuses_a_file_that_does_not_parse(tmp_path: Path) -> None:
    bad = tmp_path / "bad.argmap"
    text = 'claim a "A."\nclaim b "unclosed\n'
    bad.write_text(text, encoding="utf-8")
    good = tmp_path / "good.argmap"
    good.write_text(UGLY, encoding="utf-8")
    result = run_cli("fmt", str(bad), str(good))
    assert result.code == 1
    assert "E102" in result.err and "does not parse; left unchanged" in result.err
    assert bad.read_text(encoding="utf-8") == text
    assert good.read_text(encoding="utf-8") != UGLY  # the other file is still formatted


def test_fmt_keeps_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ugly.argmap"
    path.write_text(UGLY, encoding="utf-8")

    def crash(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    result = run_cli("fmt", str(path))
    assert result.code == 2
    assert "No space left on device" in result.err
    assert path.read_text(encoding="utf-8") == UGLY
    assert [p.name for p in tmp_path.iterdir()] == ["ugly.argmap"]


def test_fmt_folder_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "a.argmap").write_text(UGLY, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.argmap").write_text(SMALL, encoding="utf-8")
    result = run_cli("fmt", "--check", str(tmp_path))
    assert result.code == 1
    assert "1 file(s) would be reformatted, 1 unchanged" in result.err
    piped = run_cli("fmt", "-", stdin=UGLY)
    assert piped.code == 0 and piped.out.startswith('claim soup "Soup is warm."  # warm\n')


def test_fmt_check_on_the_maps_folder() -> None:
    if not list((ROOT / "maps").glob("*.argmap")):
        pytest.skip("maps/ is empty")
    result = run_cli("fmt", "--diff", str(ROOT / "maps"))
    assert result.code == 0, result.err


def test_fmt_killed_mid_write_leaves_the_old_file_whole(tmp_path: Path) -> None:
    """SIGKILL between writing the new text and putting it in place: the old file is intact."""
    import signal
    import subprocess
    import sys

    path = tmp_path / "ugly.argmap"
    path.write_text(UGLY, encoding="utf-8")
    script = (
        "import os, signal, sys\n"
        "os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
        "from argmap.cli import main\n"
        "main(['fmt', sys.argv[1]])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == -signal.SIGKILL
    assert path.read_text(encoding="utf-8") == UGLY


def test_fmt_warns_when_an_attribute_given_twice_loses_a_value(tmp_path: Path) -> None:
    path = tmp_path / "twice.argmap"
    path.write_text('claim x "X"\n  note "first"\n  note "second"\n', encoding="utf-8")
    result = run_cli("fmt", str(path))
    assert result.code == 0
    assert "W107" in result.err
    assert path.read_text(encoding="utf-8") == 'claim x "X"\n  note "second"\n'
