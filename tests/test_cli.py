"""argmap check and the CLI's promises: exit codes, formats, stdin, folders, colour, and no
traceback for any input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Result, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

CLEAN = 'perspective p "P"\nquestion q "Q?"\nclaim a "A." answers q held by p\n'
WARN = 'claim lonely "Alone."\n'
ERROR = 'claim a "A."\na supports nowhere\n'
SYNTAX = 'claim a\nclaim b "B" @\n'


def write(tmp_path: Path, name: str, text: str | bytes) -> str:
    f = tmp_path / name
    f.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        f.write_bytes(text)
    else:
        f.write_text(text, encoding="utf-8")
    return str(f)


def test_version() -> None:
    r = run_cli("--version")
    assert r.code == 0 and r.out.startswith("argmap ")


def test_clean(tmp_path: Path) -> None:
    r = run_cli("check", write(tmp_path, "a.argmap", CLEAN))
    assert r.code == 0
    assert r.out.strip() == "ok: 1 file checked, no findings"


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    f = write(tmp_path, "w.argmap", WARN)
    r = run_cli("check", f)
    assert r.code == 0 and "warning[W303]" in r.out
    assert run_cli("check", "--strict", f).code == 1


def test_errors_fail_with_compiler_style_output(tmp_path: Path) -> None:
    f = write(tmp_path, "e.argmap", ERROR)
    r = run_cli("check", f)
    assert r.code == 1
    assert f"{f}:2:12: error[E201]: the conclusion 'nowhere' is not defined" in r.out
    assert "2 | a supports nowhere" in r.out
    assert "  |            ^^^^^^^" in r.out
    assert r.out.rstrip().endswith("1 error, 0 warnings in 1 file")


def test_syntax_errors_are_all_reported(tmp_path: Path) -> None:
    r = run_cli("check", write(tmp_path, "s.argmap", SYNTAX))
    assert r.code == 1
    assert "error[E100]" in r.out and "error[E101]" in r.out


def test_json_document(tmp_path: Path) -> None:
    a, b = write(tmp_path, "a.argmap", CLEAN), write(tmp_path, "b.argmap", ERROR)
    r = run_cli("check", "--format", "json", a, b)
    assert r.code == 1
    doc = json.loads(r.out)
    assert doc["ok"] is False and doc["files"] == [a, b]
    assert [d["code"] for d in doc["diagnostics"]] == ["E201"]
    assert doc["diagnostics"][0]["span"]["path"] == b


def test_json_lines(tmp_path: Path) -> None:
    r = run_cli("check", "-f", "jsonl", write(tmp_path, "b.argmap", ERROR + WARN))
    rows = [json.loads(line) for line in r.out.splitlines()]
    assert [row["code"] for row in rows] == ["E201", "W303"]
    assert r.code == 1


def test_stdin() -> None:
    r = run_cli("check", "-", stdin=ERROR)
    assert r.code == 1 and "<stdin>:2:12: error[E201]" in r.out


def test_folder_is_searched(tmp_path: Path) -> None:
    write(tmp_path, "x/one.argmap", CLEAN)
    write(tmp_path, "x/deep/two.argmap", WARN)
    write(tmp_path, "x/ignored.txt", "not a map")
    r = run_cli("check", str(tmp_path / "x"))
    assert r.code == 0
    assert "in 2 files" in r.out


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    r = run_cli("check", str(tmp_path / "missing.argmap"))
    assert r.code == 2 and "no such file" in r.err
    (tmp_path / "empty").mkdir()
    r = run_cli("check", str(tmp_path / "empty"))
    assert r.code == 2 and "no .argmap files" in r.err
    r = run_cli("check")
    assert r.code == 2
    r = run_cli("check", "--format", "yaml", "x")
    assert r.code == 2
    assert "Traceback" not in r.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    f = write(tmp_path, "secret.argmap", CLEAN)
    os.chmod(f, 0)
    r = run_cli("check", f)
    assert r.code == 2 and "error[E106]" in r.out


def test_unreadable_file_as_diagnostic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = write(tmp_path, "secret.argmap", CLEAN)

    def deny(*_args: object) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("argmap.cli.common._read_at_most", deny)
    r = run_cli("check", "--format", "json", f)
    assert r.code == 2
    assert json.loads(r.out)["diagnostics"][0]["code"] == "E106"


def test_binary_and_empty_files(tmp_path: Path) -> None:
    r = run_cli("check", write(tmp_path, "bin.argmap", bytes(range(256)) * 4))
    assert r.code == 1 and "error[E105]" in r.out
    r = run_cli("check", write(tmp_path, "empty.argmap", ""))
    assert r.code == 0


def test_huge_file(tmp_path: Path) -> None:
    n = 20000
    text = "".join(f'claim c{i} "Claim number {i}."\n' for i in range(n))
    text += "".join(f"c{i} supports c{i + 1}\n" for i in range(n - 1))
    r = run_cli("check", "-q", write(tmp_path, "huge.argmap", text))
    assert r.code == 0 and r.out == ""


def test_colour_only_on_request(tmp_path: Path) -> None:
    f = write(tmp_path, "e.argmap", ERROR)
    assert "\x1b[" not in run_cli("check", f).out
    assert "\x1b[" in run_cli("check", "--color", "always", f).out
    assert "\x1b[" not in run_cli("check", f, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).out


def test_codes_listing() -> None:
    r = run_cli("codes")
    assert r.code == 0 and "E201" in r.out and "W400" in r.out
    assert {row["code"] for row in json.loads(run_cli("codes", "-f", "json").out)} >= {"E100", "W300"}


def _process(
    *args: str, probe: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m argmap ARGS``, or ``python -c PROBE ARGS``, in a process of its own."""
    command = [sys.executable, "-m", "argmap"] if probe is None else [sys.executable, "-c", probe]
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=ROOT, env=env, check=False)


def test_real_process_python_m_and_exit_code(tmp_path: Path) -> None:
    proc = _process("check", write(tmp_path, "e.argmap", ERROR), env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 1
    assert "error[E201]" in proc.stdout and "Traceback" not in proc.stderr


def test_the_process_entry_point_runs_without_the_collector_and_the_teardown(tmp_path: Path) -> None:
    """`python -m argmap` and the `argmap` script turn the collector off for their one run and
    end without the interpreter's teardown (an object's __del__ is not called at exit; the
    atexit functions are); argmap.cli.main, which embedders call, does neither."""
    probe = (
        "import atexit, gc, sys\n"
        "import argmap.__main__, argmap.cli\n"
        "class Kept:\n"
        "    def __del__(self):\n"
        "        print('torn down')\n"
        "kept = Kept()\n"
        "try:\n"
        "    argmap.cli.main()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print('argmap.cli', gc.isenabled())\n"
        "atexit.register(lambda: print('argmap.__main__', gc.isenabled()))\n"
        "argmap.__main__.main()\n"
    )
    proc = _process("check", "-q", write(tmp_path, "a.argmap", CLEAN), probe=probe)
    assert proc.stdout.splitlines() == ["argmap.cli True", "argmap.__main__ False"], proc.stderr


def test_the_process_entry_point_ends_as_a_normal_exit_would(tmp_path: Path) -> None:
    """The process skips the interpreter's teardown, and nothing else: exit codes, the whole
    output through a pipe, the atexit functions (above) and what a thread still had to do."""
    from argmap import parse, to_dot

    seed = ROOT / "maps" / "turkey-kosovo.argmap"
    proc = _process("render", "--format", "dot", "-o", "-", str(seed))
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == to_dot(parse(seed.read_text(encoding="utf-8"), str(seed)))

    # exit 1: test_real_process_python_m_and_exit_code
    proc = _process("check", "--no-such-option")
    assert proc.returncode == 2 and "No such option" in proc.stderr

    probe = (
        "import sys, threading, time\n"
        "import argmap.__main__\n"
        "def late():\n"
        "    time.sleep(0.3)\n"
        "    print('the thread finished', flush=True)\n"
        "threading.Thread(target=late).start()\n"
        "argmap.__main__.main()\n"
    )
    proc = _process("check", "-q", write(tmp_path, "a.argmap", CLEAN), probe=probe)
    assert (proc.returncode, proc.stdout) == (0, "the thread finished\n"), proc.stderr


def test_a_reader_that_goes_away_ends_the_command_quietly() -> None:
    """`argmap render -o - big.argmap | head`: exit 1 and no traceback, not a silent exit 0
    after a short write (a buffered write returns a short count instead of raising)."""
    seed = ROOT / "maps" / "turkey-kosovo.argmap"
    proc = subprocess.Popen(
        [sys.executable, "-m", "argmap", "render", "--format", "dot", "-o", "-", str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    with proc.stdout, proc.stderr:
        assert proc.stdout.read(7) == b"digraph"
        proc.stdout.close()  # the DOT is well over a pipe's 64 KB
        err = proc.stderr.read().decode()
    assert (proc.wait(), err) == (1, "")


def test_writes_go_on_after_a_short_count() -> None:
    """write_output and atomic_write share _write_all: a write that takes part of the bytes
    is followed by another, and one that takes none is an error, not a silent loss."""
    import io

    from argmap.cli.common import _write_all

    class Trickle(io.BytesIO):
        def write(self, data: memoryview) -> int:  # type: ignore[override]
            return super().write(data[:3])

    stream = Trickle()
    _write_all(stream, b"digraph argmap {}\n")
    assert stream.getvalue() == b"digraph argmap {}\n"

    class Stuck(io.BytesIO):
        def write(self, data: memoryview) -> int:  # type: ignore[override]
            return 0

    with pytest.raises(OSError, match="took no bytes"):
        _write_all(Stuck(), b"x")


def test_atomic_write_writes_everything_after_a_short_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.cli.common

    real_fdopen = os.fdopen

    class Trickle:
        """A file whose write takes at most 5 bytes at a time, as a failing one may."""

        def __init__(self, fd: int, mode: str) -> None:
            self.file = real_fdopen(fd, mode)

        def write(self, data: memoryview) -> int:
            return self.file.write(data[:5])

        def __enter__(self) -> Trickle:
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def __getattr__(self, name: str) -> object:
            return getattr(self.file, name)

    monkeypatch.setattr(argmap.cli.common.os, "fdopen", Trickle)
    target = tmp_path / "out.dot"
    argmap.cli.common.atomic_write(str(target), b"digraph argmap {}\n")
    assert target.read_bytes() == b"digraph argmap {}\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_standard_output_on_a_full_disk_is_a_clear_error(unbuffered: str) -> None:
    """A result (write_output), a report (print) and a line (--version), written through a
    buffer (the failure surfaces at the exit's flush) or not (PYTHONUNBUFFERED: in print)."""
    seed = str(ROOT / "maps" / "turkey-kosovo.argmap")
    for args in (
        ["render", "--format", "dot", "-o", "-", seed],
        ["export", "--to", "json", seed],
        ["evaluate", seed],
        ["check", seed],
        ["codes"],
        ["--version"],
    ):
        with open("/dev/full", "w") as full:
            proc = subprocess.run(
                [sys.executable, "-m", "argmap", *args],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                env={**os.environ, "PYTHONUNBUFFERED": unbuffered},
                check=False,
            )
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr.startswith("argmap: error: "), (args, proc.stderr)
        assert "cannot write (No space left on device)" in proc.stderr, (args, proc.stderr)


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (RuntimeError("boom"), 3, "argmap: internal error: RuntimeError: boom"),
        (PermissionError(13, "Permission denied"), 3, "argmap: internal error: PermissionError: "),
        (OSError(28, "No space left on device"), 2, "argmap: error: cannot write (No space left on device)"),
    ],
)
def test_an_unexpected_exception_is_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, error: Exception, code: int, message: str
) -> None:
    """A bug is said as one (exit 3; ARGMAP_DEBUG=1 shows its traceback); a full disk is not a
    bug (exit 2); any other OSError that no command expected is."""
    import argmap.cli
    import argmap.cli.common

    def explode(path: str) -> None:
        raise error

    monkeypatch.setattr(argmap.cli.common, "read_map", explode)
    r = run_cli("render", "--format", "dot", "-o", "-", "whatever.argmap")
    assert r.code == code and r.err.startswith(message) and "Traceback" not in r.err, r
    if code == 3:
        monkeypatch.setenv("ARGMAP_DEBUG", "1")
        with pytest.raises(type(error)):
            argmap.cli.main(["render", "--format", "dot", "-o", "-", "whatever.argmap"])


def _no_traceback(r: Result) -> None:
    assert "Traceback" not in r.err and "Traceback" not in r.out
    assert r.code in (0, 1, 2), r


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_no_traceback_for_any_bytes(data: bytes) -> None:
    _no_traceback(run_cli("check", "-", stdin=data))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_no_traceback_for_any_text(text: str) -> None:
    _no_traceback(run_cli("check", "--format", "json", "-", stdin=text))


def test_fmt_on_an_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "none").mkdir()
    r = run_cli("fmt", "--check", str(tmp_path / "none"))
    assert r.code == 2 and "no .argmap files" in r.err


def _choices(command: str, option: str) -> list[str]:
    """The choices the CLI offers for ``argmap COMMAND OPTION``, as click sees them."""
    import typer.main

    from argmap.cli import app

    group = typer.main.get_command(app)
    cmd = group.commands[command]  # type: ignore[attr-defined]
    (param,) = [p for p in cmd.params if option in p.opts]
    return list(param.type.choices)


def test_the_cli_s_choices_are_the_library_s_registries() -> None:
    from argmap.drawing import BACKENDS, ENGINES, FORMATS, RANKDIRS
    from argmap.formats import EXPORT_FORMATS, IMPORT_FORMATS
    from argmap.semantics import ANY_SEMANTICS, ICCMA_FORMATS, RULES, SEMANTICS

    assert _choices("evaluate", "--semantics") == list(ANY_SEMANTICS)
    assert _choices("explain", "--semantics") == list(ANY_SEMANTICS)
    assert _choices("perspectives", "--semantics") == list(SEMANTICS)
    assert _choices("render", "--labels") == list(ANY_SEMANTICS)
    assert _choices("evaluate", "--rule") == _choices("framework", "--rule") == list(RULES)
    assert _choices("framework", "--to") == list(ICCMA_FORMATS)
    assert _choices("render", "--format") == list(FORMATS)
    assert _choices("render", "--engine") == list(ENGINES)
    assert _choices("render", "--rankdir") == list(RANKDIRS)
    assert _choices("render", "--backend") == list(BACKENDS)
    assert _choices("export", "--to") == list(EXPORT_FORMATS)
    assert _choices("import", "--from") == list(IMPORT_FORMATS)


def test_short_options_mean_the_same_in_every_command() -> None:
    import typer.main

    from argmap.cli import app

    meaning: dict[str, set[str]] = {}
    for cmd in typer.main.get_command(app).commands.values():  # type: ignore[attr-defined]
        for param in cmd.params:
            longs = [o for o in param.opts if o.startswith("--")]
            for short in (o for o in param.opts if not o.startswith("--")):
                meaning.setdefault(short, set()).update(longs)
    # -f is the format of what is read or written: --format, and --from for import.
    assert {k: v for k, v in meaning.items() if len(v) > 1} == {"-f": {"--format", "--from"}}


def test_check_for_ci_github_and_sarif(tmp_path: Path) -> None:
    f = write(tmp_path, "e.argmap", ERROR)
    r = run_cli("check", "--format", "github", f)
    assert r.code == 1
    assert r.out.startswith(f"::error file={f},line=2,endLine=2,col=12,endColumn=18,title=argmap E201")
    r = run_cli("check", "--format", "sarif", f, write(tmp_path, "ok.argmap", CLEAN))
    assert r.code == 1
    log = json.loads(r.out)
    assert log["version"] == "2.1.0"
    assert [a["location"]["uri"] for a in log["runs"][0]["artifacts"]] == [f, str(tmp_path / "ok.argmap")]
    assert [x["ruleId"] for x in log["runs"][0]["results"]] == ["E201"]
    r = run_cli("check", "--format", "github", write(tmp_path, "s.argmap", SYNTAX))
    assert r.code == 1 and r.out.count("::error ") == 2


def test_shell_completion_script_and_answers() -> None:
    r = run_cli("--show-completion", "bash")
    assert r.code == 0 and "complete -o default -F _argmap_completion argmap" in r.out
    env = {
        **os.environ,
        "_ARGMAP_COMPLETE": "complete_bash",
        "COMP_WORDS": "argmap render m.argmap --engine ",
        "COMP_CWORD": "4",
    }
    done = subprocess.run(
        [sys.executable, "-m", "argmap"], env=env, capture_output=True, text=True, check=False
    )
    from argmap.drawing import ENGINES

    assert done.stdout.split() == list(ENGINES)
    env.update(COMP_WORDS="argmap ch", COMP_CWORD="1")
    done = subprocess.run(
        [sys.executable, "-m", "argmap"], env=env, capture_output=True, text=True, check=False
    )
    assert done.stdout.split() == ["check"]


# ---- file names that are not UTF-8 (issue 21, item 12) ------------------------------------------
def _odd_names(tmp_path: Path) -> Path:
    """A folder with two maps whose names are not UTF-8 (Python gives them as surrogates)."""
    folder = tmp_path / "odd"
    folder.mkdir()
    for name, text in ((b"\xff\xfe.argmap", ERROR), (b"caf\xe9.argmap", WARN)):
        with open(os.path.join(os.fsencode(folder), name), "wb") as f:
            f.write(text.encode("utf-8"))
    return folder


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the file system must take any bytes")
@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "github"])
def test_file_names_that_are_not_utf8_are_shown_escaped(tmp_path: Path, fmt: str) -> None:
    """The CLI's stdout here is strict UTF-8: a raw name used to kill `check` (exit 3) or, where
    Python's stdout escapes, write a raw byte into the JSON document."""
    folder = _odd_names(tmp_path)
    r = run_cli("check", "--format", fmt, str(folder))
    assert r.code == 1, r.err
    r.out_bytes.decode("utf-8")  # strictly valid
    in_json = "\\\\xff\\\\xfe.argmap"  # the backslashes escaped
    shown = {"json": in_json, "jsonl": in_json, "sarif": "%5Cxff%5Cxfe.argmap"}
    assert shown.get(fmt, "\\xff\\xfe.argmap") in r.out
    if fmt == "json":
        doc = json.loads(r.out)
        assert doc["files"] == [f"{folder}/caf\\xe9.argmap", f"{folder}/\\xff\\xfe.argmap"]
        assert doc["diagnostics"][0]["span"]["path"] == f"{folder}/\\xff\\xfe.argmap"
    if fmt in ("jsonl", "sarif"):
        for line in r.out.splitlines() if fmt == "jsonl" else [r.out]:
            json.loads(line)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the file system must take any bytes")
def test_commands_open_a_file_whose_name_is_not_utf8(tmp_path: Path) -> None:
    folder = _odd_names(tmp_path)
    odd = os.path.join(str(folder), os.fsdecode(b"caf\xe9.argmap"))
    r = run_cli("evaluate", odd)
    assert r.code == 0 and "IN (1)" in r.out
    assert run_cli("fmt", "--check", str(folder)).code == 0
    r = run_cli("export", "--to", "json", os.path.join(str(folder), os.fsdecode(b"\xff\xfe.argmap")))
    assert r.code == 0 and json.loads(r.out)["format"] == "argmap"
    missing = os.path.join(str(folder), os.fsdecode(b"gone\xff.argmap"))
    r = run_cli("check", missing)
    assert r.code == 2 and "gone\\xff.argmap: no such file" in r.err


def test_display_path() -> None:
    from argmap.cli.common import display_path

    assert display_path("maps/é.argmap") == "maps/é.argmap"
    assert display_path(os.fsdecode(b"\xff\xfe.argmap")) == "\\xff\\xfe.argmap"
    assert display_path("x\ud800.argmap") == "x\\ud800.argmap"  # made in Python, no escaped byte
