"""Whether this process may hand work to a forked copy of itself (the big map's parse and checks).

A fork copies only the thread that calls it: a copy of a process that runs other threads (a
file watcher's, a compressor's, an editor server's) could wait forever on a lock one of them
held, and Python 3.12 warns about it. So work is forked only from a single-threaded process
with a second processor to give the copy; otherwise it runs here, with the same result.
:func:`start_in_copy` runs a piece of work in such a copy and hands back its result.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TypeVar

__all__ = ["can_fork", "start_in_copy"]

T = TypeVar("T")


def can_fork() -> bool:
    """Whether this platform can fork, has a second processor, and this process runs one thread."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and _one_thread()


def _one_thread() -> bool:
    """Whether this process runs a single thread, native ones included where the system says."""
    if threading.active_count() != 1:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return True


def start_in_copy(work: Callable[[], T]) -> Callable[[], T | None] | None:
    """Start ``work`` in a forked copy of this process; None when it cannot (see
    :func:`can_fork`), else a function that waits for the copy and gives what ``work``
    returned, or None if the copy failed in any way (the caller then does the work itself).

    The copy shares this process's memory as it was at the fork (pages are copied only as they
    are written) and hands its result back pickled, through an unnamed temporary file: the copy
    never waits for this process to read. Call the returned function exactly once (a ``finally``
    is the place), or the copy stays a zombie until this process ends."""
    if not can_fork():
        return None
    import pickle
    import tempfile

    handover = tempfile.TemporaryFile()  # noqa: SIM115 - closed by result(), after the copy wrote it
    try:
        pid = os.fork()
    except OSError:
        handover.close()
        return None
    if pid == 0:  # the copy: the result into the file, then gone without clean-up
        code = 1
        try:
            pickle.dump(work(), handover, protocol=pickle.HIGHEST_PROTOCOL)
            handover.flush()
            code = 0
        except BaseException:  # noqa: BLE001 - any failure: this process does the work
            pass
        finally:
            os._exit(code)

    def result() -> T | None:
        try:
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                return None
            handover.seek(0)
            got: T = pickle.load(handover)  # written by this process's own copy
            return got
        except Exception:  # noqa: BLE001 - a short or broken answer: the caller does the work
            return None
        finally:
            handover.close()

    return result
