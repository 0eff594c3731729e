"""`argmap render --watch` and `argmap check --watch`, as a user runs them: a process of its own
that runs again on each save (once for a burst of writes), survives a save that breaks the map,
and stops cleanly on Ctrl-C."""

from __future__ import annotations

import builtins
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import MAPS, ROOT, run_cli

TWEETY = (MAPS / "tweety.argmap").read_text(encoding="utf-8")


class Watcher:
    """A `python -m argmap ... --watch` process whose stderr is read line by line."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "argmap", *args],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.out_lines: queue.Queue[str] = queue.Queue()
        self.pumps = [
            threading.Thread(target=self._pump, args=(self.proc.stderr, self.lines), daemon=True),
            threading.Thread(target=self._pump, args=(self.proc.stdout, self.out_lines), daemon=True),
        ]
        for pump in self.pumps:
            pump.start()

    @staticmethod
    def _pump(stream: object, into: queue.Queue[str]) -> None:
        for line in stream:  # type: ignore[attr-defined]
            into.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 20) -> list[str]:
        """The stderr lines up to and with the first that holds ``text``."""
        got: list[str] = []
        end = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(end - time.monotonic(), 0.01))
            except queue.Empty:
                pytest.fail(f"no line with {text!r} within {timeout}s; stderr so far: {self.seen}")
            got.append(line)
            self.seen.append(line)
            if text in line:
                return got

    def stdout(self) -> list[str]:
        out = []
        while not self.out_lines.empty():
            out.append(self.out_lines.get())
        return out

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(timeout=20)

    def close(self) -> None:
        """End the process if it still runs; close its pipes."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=20)
        for pump in self.pumps:
            pump.join(timeout=20)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def watcher() -> Iterator[list[Watcher]]:
    started: list[Watcher] = []
    yield started
    for w in started:
        w.close()


def save(path: Path, text: str) -> None:
    """Save as many editors do: write a new file, rename it over the old one."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def test_render_watch_redraws_survives_a_syntax_error_and_stops_on_ctrl_c(
    tmp_path: Path, watcher: list[Watcher]
) -> None:
    src = tmp_path / "m.argmap"
    src.write_text(TWEETY, encoding="utf-8")
    w = Watcher(["render", "m.argmap", "-o", "m.gv", "--format", "dot", "--watch"], tmp_path)
    watcher.append(w)
    w.wait_for("watching m.argmap")
    assert "Tweety flies." in (tmp_path / "m.gv").read_text(encoding="utf-8")

    save(src, TWEETY + 'claim broken "never closed\n')
    lines = w.wait_for("not a valid map")
    assert any("error[E102]" in line for line in lines)
    assert w.proc.poll() is None  # still watching

    save(src, TWEETY.replace("Tweety flies.", "Tweety soars."))
    w.wait_for("wrote m.gv")
    assert "Tweety soars." in (tmp_path / "m.gv").read_text(encoding="utf-8")
    assert w.stop() == 0
    assert w.wait_for("stopped watching")


def test_a_burst_of_writes_is_one_run(tmp_path: Path, watcher: list[Watcher]) -> None:
    src = tmp_path / "m.argmap"
    src.write_text(TWEETY, encoding="utf-8")
    w = Watcher(["render", "m.argmap", "-o", "m.gv", "--format", "dot", "--watch"], tmp_path)
    watcher.append(w)
    w.wait_for("watching")
    for i in range(5):
        src.write_text(TWEETY + f"# save {i}\n", encoding="utf-8")
        time.sleep(0.02)
    w.wait_for("wrote m.gv")
    time.sleep(2.5)  # longer than the debounce: any second run would have started
    assert w.stop() == 0
    w.wait_for("stopped watching")
    assert sum("changed" in line for line in w.seen) == 1
    assert sum("wrote m.gv" in line for line in w.seen) == 2  # the first run and one more


def test_check_watch_on_a_folder_sees_new_and_changed_maps(tmp_path: Path, watcher: list[Watcher]) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "a.argmap").write_text(
        'claim a "A."\nclaim b "B."\na supports b\n', encoding="utf-8"
    )
    (tmp_path / "notes.txt").write_text("not a map", encoding="utf-8")
    w = Watcher(["check", "maps", "--watch"], tmp_path)
    watcher.append(w)
    w.wait_for("watching maps")
    save(tmp_path / "maps" / "b.argmap", 'claim c "C."\nc supports nowhere\n')
    w.wait_for("b.argmap changed")
    time.sleep(1)
    out = "\n".join(w.stdout())
    assert "error[E201]: the conclusion 'nowhere' is not defined" in out
    assert "1 error, 0 warnings in 2 files" in out
    (tmp_path / "notes.txt").write_text("still not a map", encoding="utf-8")
    save(tmp_path / "maps" / "b.argmap", 'claim c "C."\nclaim d "D."\nc supports d\n')
    w.wait_for("b.argmap changed")
    time.sleep(1)
    assert "ok: 2 files checked, no findings" in "\n".join(w.stdout())
    assert w.stop() == 0
    assert not any("notes.txt" in line for line in w.seen)


def test_watch_refuses_standard_streams(tmp_path: Path) -> None:
    (tmp_path / "m.argmap").write_text(TWEETY, encoding="utf-8")
    r = run_cli("render", str(tmp_path / "m.argmap"), "-o", "-", "--format", "dot", "--watch")
    assert r.code == 2 and "--watch draws a file to a file" in r.err
    r = run_cli("check", "-", "--watch")
    assert r.code == 2 and "--watch checks files, not standard input" in r.err
    r = run_cli("check", str(tmp_path / "missing.argmap"), "--watch")
    assert r.code == 2 and "no such file" in r.err


def test_watch_without_watchfiles_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_watchfiles(name: str, *args: object, **kwargs: object) -> object:
        if name == "watchfiles":
            raise ImportError("No module named 'watchfiles'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_watchfiles)
    (tmp_path / "m.argmap").write_text(TWEETY, encoding="utf-8")
    r = run_cli("check", str(tmp_path / "m.argmap"), "--watch")
    assert r.code == 2
    assert "--watch needs watchfiles" in r.err and "pip install 'argmap[watch]'" in r.err
