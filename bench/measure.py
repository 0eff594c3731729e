"""Run a command as a child process and measure it: wall time and peak memory (max RSS).

Shared by bench/parse_check.py and bench/run.py. Peak memory is the child's ``ru_maxrss``
(from ``wait4``), taken through GNU time (``/usr/bin/time -f %M``) when it is installed: Linux
carries a process's RSS high-water mark across ``exec``, so a child forked straight from this
(big) Python process would report at least this process's own RSS; forked from the small
``time`` process it reports its own. Without ``/usr/bin/time`` the child is started from a small
launcher (``python -S``, ~9 MB, which is then the floor of what can be measured). Nothing runs
inside the measured process; wall time is taken around start and reaping. ``alternate`` runs
several commands in turn (A B A B ...) so that drift of the machine spreads over all alike.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ROOT", "Run", "alternate", "child_env", "machine", "median", "run_once", "speed_probe"]

#: The checkout (bench/ is one level down).
ROOT = Path(__file__).resolve().parent.parent


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a measured ``python -m argmap`` child: argmap from this checkout,
    byte-compiled once here as ``pip install`` does, and allowed to use its bytecode (a shell
    with PYTHONDONTWRITEBYTECODE set would otherwise recompile argmap in every run)."""
    import compileall

    compileall.compile_dir(str(ROOT / "argmap"), quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), **extra)
    return env


_GNU_TIME = "/usr/bin/time"
# argv: rss-file, command...; runs the command, writes its wall time (s) and ru_maxrss (KiB),
# exits with its code.
_LAUNCHER = (
    "import os,sys,time\n"
    "t=time.perf_counter()\n"
    "pid=os.posix_spawnp(sys.argv[2],sys.argv[2:],os.environ)\n"
    "_,st,ru=os.wait4(pid,0)\n"
    "open(sys.argv[1],'w').write(f'{time.perf_counter()-t} {ru.ru_maxrss} {ru.ru_utime+ru.ru_stime}')\n"
    "sys.exit(os.waitstatus_to_exitcode(st) & 255)\n"
)


@dataclass(frozen=True)
class Run:
    """One run of a command."""

    wall: float  # seconds
    maxrss: int  # bytes
    cpu: float  # seconds of user + system time
    rc: int
    stdout: str
    stderr: str
    timed_out: bool = False


def run_once(
    cmd: Sequence[str],
    *,
    cwd: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 600.0,
) -> Run:
    """Run ``cmd`` once; its output goes to temporary files (no pipe to fill up)."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r", suffix=".rss") as rss,
    ):
        if os.access(_GNU_TIME, os.X_OK):
            full = [_GNU_TIME, "-f", "%M %U %S", "-o", rss.name, *cmd]
        else:
            full = [sys.executable, "-S", "-c", _LAUNCHER, rss.name, *cmd]
        start = time.perf_counter()
        proc = subprocess.Popen(full, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd, env=env)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            proc.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            proc.wait()
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        words = rss.read().split()
        maxrss, cpu = 0, 0.0
        if full[0] == _GNU_TIME and len(words) >= 3 and words[-3].isdigit():
            # (after "Command exited with non-zero status N" when it did) max RSS, user, system
            maxrss, cpu = int(words[-3]) * 1024, float(words[-2]) + float(words[-1])
        elif full[0] != _GNU_TIME and len(words) == 3:
            wall = float(words[0])  # without the launcher's own start-up
            maxrss, cpu = int(words[1]) * 1024, float(words[2])
        return Run(
            wall=wall,
            maxrss=maxrss,
            cpu=cpu,
            rc=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            timed_out=killed.is_set(),
        )


def alternate(
    commands: Mapping[str, Sequence[str]],
    repeat: int,
    *,
    cwd: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 600.0,
) -> dict[str, list[Run]]:
    """Run each command ``repeat`` times, taking them in turn: A B A B ..."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            runs[name].append(run_once(cmd, cwd=cwd, env=env, timeout=timeout))
    return runs


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def _first_line(path: str, key: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


def _version(cmd: Sequence[str]) -> str:
    try:
        done = subprocess.run(list(cmd), check=False, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr) else "?"


def speed_probe() -> float:
    """Seconds a fixed pure-Python loop takes in this process (best of 3).

    It rises when load from outside slows a virtual machine down, which its load average does
    not show (on the reference machine: 0.04-0.05 s quiet, up to 0.09 s at a load average of
    0.5). Printed at the start and the end of a benchmark as a hint of how busy the host was.
    Only a hint: there the speed also moves from one second to the next (the 10k DOT run took
    0.75-1.18 s within one minute), which is why the tools are run in turn and compared by
    their medians.
    """
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(2_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return best


def machine() -> dict[str, str]:
    """What the numbers were taken on."""
    mem_kb = _first_line("/proc/meminfo", "MemTotal")
    mem = f"{int(mem_kb.split()[0]) / 1024 / 1024:.1f} GiB" if mem_kb else "?"
    return {
        "cpus (nproc)": str(os.cpu_count()),
        "cpu": _first_line("/proc/cpuinfo", "model name") or platform.processor() or "?",
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})",
        "node": _version(["node", "--version"]),
        "load average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "speed probe": f"{speed_probe():.3f} s (bench/measure.py: speed_probe)",
    }
