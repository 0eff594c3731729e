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
    assert list((ROOT / "maps").glob("*.argmap")), "maps/ holds the example maps"
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


# ---- fmt and files (issue 21 item 11) -------------------------------------------------------------
FORMATTED = 'claim soup "Soup is warm."  # warm\nclaim eat  "Eat."\nsoup supports eat\n'


def test_fmt_follows_a_symbolic_link_and_writes_its_target(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "map.argmap"
    target.write_text(UGLY, encoding="utf-8")
    link = tmp_path / "link.argmap"
    link.symlink_to(target)
    result = run_cli("fmt", str(link))
    assert result.code == 0, result.err
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_text(encoding="utf-8") == FORMATTED
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["link.argmap", "map.argmap", "real"]


def test_fmt_keeps_hard_links(tmp_path: Path) -> None:
    first = tmp_path / "a.argmap"
    first.write_text(UGLY, encoding="utf-8")
    second = tmp_path / "b.argmap"
    os.link(first, second)
    inode = first.stat().st_ino
    result = run_cli("fmt", str(first))
    assert result.code == 0, result.err
    assert first.stat().st_ino == second.stat().st_ino == inode and first.stat().st_nlink == 2
    assert second.read_text(encoding="utf-8") == FORMATTED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.argmap", "b.argmap"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give files away")
def test_fmt_keeps_owner_and_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "theirs.argmap"
    path.write_text(UGLY, encoding="utf-8")
    os.chown(path, 1234, 2345)
    os.chmod(path, 0o664)
    assert run_cli("fmt", str(path)).code == 0
    st = path.stat()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o777) == (1234, 2345, 0o664)
    assert path.read_text(encoding="utf-8") == FORMATTED
    # where the owner cannot be given to a new file, the file is rewritten in place
    path.write_text(UGLY, encoding="utf-8")
    inode = path.stat().st_ino

    def refuse(*_args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", refuse)
    assert run_cli("fmt", str(path)).code == 0
    st = path.stat()
    assert (st.st_ino, st.st_uid, st.st_gid) == (inode, 1234, 2345)
    assert path.read_text(encoding="utf-8") == FORMATTED
    assert [p.name for p in tmp_path.iterdir()] == ["theirs.argmap"]


def test_fmt_refuses_a_read_only_file_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "frozen.argmap"
    path.write_text(UGLY, encoding="utf-8")
    os.chmod(path, 0o444)
    result = run_cli("fmt", str(path))
    assert result.code == 2
    assert "is read-only; left unchanged (--force rewrites it)" in result.err
    assert "0 file(s) reformatted, 0 unchanged, 1 could not be written" in result.err
    assert path.read_text(encoding="utf-8") == UGLY
    result = run_cli("fmt", "--force", str(path))
    assert result.code == 0, result.err
    assert path.read_text(encoding="utf-8") == FORMATTED
    assert path.stat().st_mode & 0o777 == 0o444


def test_fmt_counts_truthfully_when_the_folder_is_not_writable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    path = tmp_path / "ugly.argmap"
    path.write_text(UGLY, encoding="utf-8")
    other = tmp_path / "fine.argmap"
    other.write_text(FORMATTED, encoding="utf-8")

    def denied(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)  # what a folder we may not write gives
    result = run_cli("fmt", str(path), str(other))
    assert result.code == 2
    assert "cannot write (Permission denied); left unchanged" in result.err
    assert "0 file(s) reformatted, 1 unchanged, 1 could not be written" in result.err
    assert path.read_text(encoding="utf-8") == UGLY


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_fmt_stopped_by_a_signal_leaves_no_temporary_file(tmp_path: Path, name: str) -> None:
    """A signal that arrives while the new text is being put in place (here: from os.replace
    itself) is held back until the file is whole, then ends the process: no temporary file."""
    import signal
    import subprocess
    import sys

    path = tmp_path / "ugly.argmap"
    path.write_text(UGLY, encoding="utf-8")
    script = (
        "import os, signal, sys\n"
        "real = os.replace\n"
        f"os.replace = lambda *a: (os.kill(os.getpid(), signal.{name}), real(*a))\n"
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
    assert done.returncode != 0
    assert "Traceback" not in done.stderr.decode(errors="replace") or name == "SIGINT"
    assert [p.name for p in tmp_path.iterdir()] == ["ugly.argmap"]
    assert path.read_text(encoding="utf-8") in (UGLY, FORMATTED)
    if name != "SIGINT":
        assert done.returncode == -getattr(signal, name)


@pytest.mark.parametrize(
    "name",
    [
        "json-nested-1000-deep.json",
        "json-int-4301-digits.json",
        "json-argmap-text.json",
        "json-aif-document.json",
    ],
)
@pytest.mark.parametrize("how", [["--from", "json"], []])
def test_import_of_hostile_json_is_a_clear_error(name: str, how: list[str]) -> None:
    """With --from json and with the suffix guesser: exit 1, a message, no traceback."""
    result = run_cli("import", str(ROOT / "tests" / "data" / "hostile" / name), *how)
    if name == "json-aif-document.json" and not how:
        assert result.code == 0, result.err  # the suffix guesser reads AIF in a .json file as AIF
        return
    assert result.code == 1, result.err
    assert "argmap: error:" in result.err and "Traceback" not in result.err


def test_import_lists_what_the_text_cannot_say(tmp_path: Path) -> None:
    """Issue 21 item 10 through the CLI: an inline stance the text cannot keep inline is listed,
    on standard error and in the header, not lost silently."""
    doc = {
        "format": "argmap",
        "version": 2,
        "elements": [
            {"type": "stance", "perspective": "a", "target": "t", "accepts": False},
            {"type": "stance", "perspective": "a", "target": "t", "accepts": False, "inline": True},
        ],
    }
    path = tmp_path / "stances.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = run_cli("import", str(path))
    assert result.code == 0, result.err
    assert "'a rejects t' is marked inline" in result.err
    assert result.out.startswith("# Imported from stances.json (json) by argmap import. Not represented:")
