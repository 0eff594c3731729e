"""Writing a file safely: whole or not at all, the same file (links, owner, mode kept), no litter.

:func:`atomic_write` is how every command writes a file (``fmt`` in place, ``-o`` outputs):

* **Whole or not at all.** The data goes to a temporary file in the target's folder, flushed to
  disk (fsync), then renamed over the target: a crash leaves the old file or the new one.
* **Symbolic links are followed**: the file the link points to is written, the link stays.
* **Hard links are kept**: a file with several links is rewritten in place (a rename would give
  this name a new file and leave the other names on the old text). Its new text is first
  written whole to a temporary file beside it, removed once the file is written, so even a
  ``kill -9`` mid-write leaves the complete new text on disk (the only case that can leave a
  temporary file behind, on purpose).
* **Owner, group and mode are kept**; where the owner cannot be kept by a rename (a file of
  another user, in a folder we may write), the file is rewritten in place instead.
* **No litter**: SIGINT, SIGTERM and SIGHUP are held back while a temporary file exists (and
  delivered right after), and any error removes it; so neither Ctrl-C nor ``kill`` leaves one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from typing import BinaryIO

__all__ = ["atomic_write", "is_read_only", "write_all"]

#: The signals that end a process which could otherwise clean up after itself.
_DEFERRED = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def write_all(stream: BinaryIO, data: bytes | Iterable[bytes]) -> None:
    """Write all of ``data`` (bytes, or pieces of bytes written one after the other, so that a
    big export is never held whole). A buffered stream's ``write`` returns a short count,
    without an error, when the file fails part way (a reader that went away, a full disk): the
    next call raises it."""
    for piece in (data,) if isinstance(data, bytes) else data:
        view = memoryview(piece)
        while view:
            written = stream.write(view)
            if not written:
                raise OSError(errno.EIO, "the stream took no bytes")
            view = view[written:]


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP back for the duration (they are delivered at its end),
    where the platform and thread allow it."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def is_read_only(path: str) -> bool:
    """Whether the file at ``path`` (followed through symbolic links) is read-only: nobody may
    write it by its mode, or this process may not (root may write anything; a file marked
    read-only is still refused)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not mode & 0o222 or not os.access(path, os.W_OK)


def atomic_write(path: str, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` to ``path`` (see the module's docstring); OSError when it cannot be written,
    the old file left as it was."""
    target = os.path.realpath(path)  # a symbolic link: write the file it points to
    try:
        old: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        old = None
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise OSError(errno.EINVAL, "not a regular file", path)
    with _signals_held():
        linked = old is not None and old.st_nlink > 1
        if linked or not _write_by_rename(target, data, old):  # the latter takes no piece then
            _write_in_place(target, data if isinstance(data, bytes) else b"".join(data))


def _temporary(target: str) -> tuple[int, str]:
    folder, name = os.path.split(target)
    return tempfile.mkstemp(dir=folder or ".", prefix=f".{name}.", suffix=".tmp")


def _write_by_rename(target: str, data: bytes | Iterable[bytes], old: os.stat_result | None) -> bool:
    """Write a temporary file and rename it over ``target``. False, with nothing written (and
    ``data`` not touched), when the old file's owner cannot be given to a new file."""
    fd, tmp = _temporary(target)
    stream = os.fdopen(fd, "wb")  # closes the descriptor whatever happens below
    try:
        if old is not None and hasattr(os, "chown"):
            mine = os.fstat(fd)
            if (mine.st_uid, mine.st_gid) != (old.st_uid, old.st_gid):
                try:
                    os.chown(tmp, old.st_uid, old.st_gid)
                except PermissionError:
                    stream.close()
                    os.unlink(tmp)
                    return False
        with stream as f:
            write_all(f, data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask() if old is None else stat.S_IMODE(old.st_mode))
        os.replace(tmp, target)
    except BaseException:
        stream.close()
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(target)
    return True


def _write_in_place(target: str, data: bytes) -> None:
    """Rewrite ``target``'s own file (its links, owner and mode stay), after writing the new
    text whole to a temporary file beside it (the journal), removed at the end. If the rewrite
    fails, the old text is put back; only if that fails too is the journal left, holding the
    whole new text."""
    with open(target, "rb") as f:
        before = f.read()
    fd, journal = _temporary(target)
    try:
        with os.fdopen(fd, "wb") as f:
            write_all(f, data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(journal)
        raise
    try:
        _overwrite(target, data)
    except BaseException:
        _overwrite(target, before)  # if this raises too, the journal stays: the new text, whole
        with contextlib.suppress(OSError):
            os.unlink(journal)
        raise
    os.unlink(journal)


def _overwrite(path: str, data: bytes) -> None:
    with open(path, "r+b") as f:
        write_all(f, data)
        f.truncate()
        f.flush()
        os.fsync(f.fileno())


def _sync_folder(target: str) -> None:
    """Flush the folder's entry for the renamed file (POSIX; a no-op where not possible)."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(os.path.dirname(target) or ".", os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
