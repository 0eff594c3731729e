"""The checks of a big map on two processors: some families run in a forked copy of the process.

A fork shares the parsed map with the copy for free (the pages are copied only as they are
written), so no element is pickled: the copy runs its families and sends back only its
findings. Each family runs whole in one process, so its findings come in the order it makes
them, and findings are sorted afterwards anyway (see :func:`argmap.checks.check_map`).

Used only where ``os.fork`` exists and by a caller that asks for it (the CLI's ``check``, for
maps of :data:`PARALLEL_FROM` elements or more), and never from a process that runs threads
(see :mod:`argmap.util.forking`). Whatever goes wrong with the copy (no fork, a crash, a short
answer), its families run here instead: a finding is never lost.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from argmap.checks.registry import Family, run
from argmap.util.forking import can_fork

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic
    from argmap.model import ArgumentMap

__all__ = ["FORKED_FAMILIES", "PARALLEL_FROM", "can_fork", "run_forked"]

#: The families the forked copy runs (the others run here): about half of the work on big
#: generated maps (bench/run.py), none of them needing a table another one builds.
FORKED_FAMILIES = frozenset({"structure", "repeats", "provenance", "allows"})

#: From how many elements a map is worth a fork (below it, forking costs more than it saves).
PARALLEL_FROM = 20_000


def run_forked(
    argmap: ArgumentMap,
    families: Sequence[Family],
    extra: Callable[[], list[Diagnostic]],
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The findings of ``families`` (in two processes) and those of ``extra`` (run in the copy
    alongside its families, e.g. the semantic findings, whose use the caller decides)."""
    import pickle

    here = [f for f in families if f.name not in FORKED_FAMILIES]
    there = [f for f in families if f.name in FORKED_FAMILIES]
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        return run(argmap, families), extra()
    if pid == 0:  # the copy: its findings down the pipe, then gone without any clean-up
        status = 1
        try:
            os.close(read_end)
            payload = pickle.dumps((run(argmap, there), extra()), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        found = run(argmap, here)
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
    finally:
        _, status = os.waitpid(pid, 0)
    if status == 0 and payload:
        theirs, extras = pickle.loads(payload)  # our own fork's findings
        return [*found, *theirs], extras
    return [*found, *run(argmap, there)], extra()
