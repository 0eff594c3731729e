"""Whether this process may hand work to a forked copy of itself (the big map's parse and checks).

A fork copies only the thread that calls it: a copy of a process that runs other threads (a
file watcher's, a compressor's, an editor server's) could wait forever on a lock one of them
held, and Python 3.12 warns about it. So work is forked only from a single-threaded process
with a second processor to give the copy; otherwise it runs here, with the same result.
"""

from __future__ import annotations

import os
import threading

__all__ = ["can_fork"]


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
