"""Shared test helpers: running the CLI in-process, finding data files, golden comparisons."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest

from argmap.util.forking import _one_thread as _REAL_ONE_THREAD  # before any test stands in for it

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
MAPS = ROOT / "maps"

#: Set ARGMAP_UPDATE_GOLDEN=1 to rewrite golden files instead of comparing with them.
UPDATE_GOLDEN = bool(os.environ.get("ARGMAP_UPDATE_GOLDEN"))


@attrs.frozen
class Result:
    """What a CLI run gave: exit code, standard output and standard error."""

    code: int
    out: str
    err: str
    out_bytes: bytes = b""


def run_cli(*args: str, stdin: bytes | str | None = None, env: dict[str, str] | None = None) -> Result:
    """Run ``argmap ARGS`` in this process through ``argmap.cli.main`` (its real entry point)."""
    from argmap.cli import main

    data = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
    fake_in = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    out_buf, err_buf = io.BytesIO(), io.BytesIO()
    fake_out = io.TextIOWrapper(out_buf, encoding="utf-8", write_through=True)
    fake_err = io.TextIOWrapper(err_buf, encoding="utf-8", write_through=True)
    saved = sys.stdin, sys.stdout, sys.stderr
    saved_env = dict(os.environ)
    os.environ.update(env or {})
    os.environ.setdefault("NO_COLOR", "1")
    sys.stdin, sys.stdout, sys.stderr = fake_in, fake_out, fake_err
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        fake_out.flush()
        fake_err.flush()
        sys.stdin, sys.stdout, sys.stderr = saved
        os.environ.clear()
        os.environ.update(saved_env)
    raw = out_buf.getvalue()
    return Result(code, raw.decode("utf-8", "replace"), err_buf.getvalue().decode("utf-8", "replace"), raw)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one at each ``os.fork`` this process makes (which still forks)."""
    made: list[int] = []
    real_fork = os.fork

    def counting_fork() -> int:
        made.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", counting_fork)
    return made


@pytest.fixture
def another_thread(one_thread: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Another thread runs in this process during the test, and the real test of
    ``argmap.util.forking`` counts the threads (whatever ``one_thread`` stood in for it)."""
    import threading

    from argmap.util import forking

    monkeypatch.setattr(forking, "_one_thread", _REAL_ONE_THREAD)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        yield
    finally:
        stop.set()
        other.join()


@pytest.fixture
def one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process counted as single-threaded, as a command's is: an earlier test may have left
    an idle thread (a DOT compressor's) that would keep big maps' work from being forked."""
    from argmap.util import forking

    monkeypatch.setattr(forking, "_one_thread", lambda: True)


@pytest.fixture
def cli() -> Callable[..., Result]:
    """The argmap command, run in-process."""
    return run_cli


def golden(path: Path, actual: str) -> None:
    """Compare ``actual`` with the golden file exactly (or rewrite it under ARGMAP_UPDATE_GOLDEN)."""
    if UPDATE_GOLDEN or not path.exists():
        if not UPDATE_GOLDEN:
            pytest.fail(f"golden file {path} is missing; run with ARGMAP_UPDATE_GOLDEN=1 to create it")
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path} (ARGMAP_UPDATE_GOLDEN=1 rewrites it)"
