"""The statements of a drawing's DOT text, packed when there are many.

A map of 100,000 claims is some 800,000 statements, 130 MB of text (most of it the claims'
HTML-like labels), held until the whole drawing is made: the direction of the arrows, written
at the top, is chosen from every node's size, and the legend comes last. :class:`Body` holds
them as ``graphviz.Digraph.body`` does (a list of statements: append, extend, ``+=``, index,
iterate), but from :data:`PACK_FROM` statements on it keeps them in blocks of :data:`BLOCK`,
each compressed with zlib at its fastest level (a tenth of the size, at some 150 MB/s) by a
(daemon) thread of its own: zlib lets go of the interpreter while it compresses, so on a
machine with two processors the writer goes on meanwhile. :meth:`Body.pieces` gives the text block by
block, for writing it out; small drawings never pack.

A :class:`Spool` takes statements written by a forked copy of the process (a big drawing's
claims, :func:`argmap.drawing.dot.write`) into an unnamed temporary file, whole, and gives
them back the same way.
"""

from __future__ import annotations

import os
import queue
import tempfile
import threading
import zlib
from array import array
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from itertools import accumulate
from typing import BinaryIO, SupportsIndex

__all__ = ["BLOCK", "PACK_FROM", "Body", "Spool"]

#: Statements in one packed block.
BLOCK = 1000
#: Statements a body holds before it packs any (a multiple of BLOCK).
PACK_FROM = 20 * BLOCK


class Body:
    """A list of DOT statements (each ending in a line break) that packs itself when long."""

    def __init__(self, statements: Iterable[str] = ()) -> None:
        #: Packed blocks of BLOCK statements: the text (UTF-8, compressed) and the length of
        #: each statement in characters.
        self._packed: list[tuple[Future[bytes], array[int]]] = []
        #: The statements after the packed ones.
        self._open: list[str] = []
        self.extend(statements)

    # ---- a list's methods that the graphviz package and argmap use ----------------------------
    def append(self, statement: str) -> None:
        self._open.append(statement)
        if len(self._open) >= PACK_FROM or (self._packed and len(self._open) >= BLOCK):
            self._pack()

    def extend(self, statements: Iterable[str]) -> None:
        for statement in statements:
            self.append(statement)

    def __iadd__(self, statements: Iterable[str]) -> Body:
        self.extend(statements)
        return self

    def clear(self) -> None:
        self._packed.clear()
        self._open.clear()

    def __len__(self) -> int:
        return len(self._packed) * BLOCK + len(self._open)

    def __iter__(self) -> Iterator[str]:
        """The statements one by one."""
        for k in range(len(self._packed)):
            yield from self._unpack(k)
        yield from self._open

    def __getitem__(self, index: SupportsIndex) -> str:
        k, i = self._where(index)
        return self._open[i] if k < 0 else self._unpack(k)[i]

    def __setitem__(self, index: SupportsIndex, statement: str) -> None:
        k, i = self._where(index)
        if k < 0:
            self._open[i] = statement
            return
        block = self._unpack(k)
        block[i] = statement
        self._packed[k] = _packed(block)

    def pieces(self) -> Iterator[str]:
        """The text, a block of statements at a time (what iterating gives, joined)."""
        for k in range(len(self._packed)):
            yield _text(self._packed[k][0].result())
        if self._open:
            yield "".join(self._open)

    # ---- packing ----------------------------------------------------------------------------------
    def _pack(self) -> None:
        whole = len(self._open) - len(self._open) % BLOCK
        for start in range(0, whole, BLOCK):
            self._packed.append(_packed(self._open[start : start + BLOCK]))
        del self._open[:whole]

    def _unpack(self, k: int) -> list[str]:
        data, lengths = self._packed[k]
        text = _text(data.result())
        ends = list(accumulate(lengths))
        return [text[end - length : end] for end, length in zip(ends, lengths, strict=True)]

    def _where(self, index: SupportsIndex) -> tuple[int, int]:
        """The packed block (-1: the open statements) and the place in it of statement ``index``."""
        i = int(index)
        size = len(self)
        if i < 0:
            i += size
        if not 0 <= i < size:
            raise IndexError("statement index out of range")
        packed = len(self._packed) * BLOCK
        if i >= packed:
            return -1, i - packed
        return i // BLOCK, i % BLOCK


class Spool:
    """Statements kept in an unnamed temporary file (as UTF-8, in pieces of :data:`BLOCK`
    statements): made before a fork, written by the copy (``append`` then :meth:`flush`), read
    back here (:meth:`pieces`). The copy's file position and pieces are its own, so it hands
    back :attr:`lengths` (see :meth:`take`)."""

    def __init__(self, file: BinaryIO | None = None) -> None:
        #: An unnamed temporary file (closed once read), unless another is given (an
        #: ``io.BytesIO``: in memory).
        self.file: BinaryIO = tempfile.TemporaryFile() if file is None else file  # noqa: SIM115
        #: The length in bytes of each piece written.
        self.lengths: list[int] = []
        self._open: list[str] = []

    def append(self, statement: str) -> None:
        self._open.append(statement)
        if len(self._open) >= BLOCK:
            self._write()

    def flush(self) -> None:
        """Write what is held, and hand it to the file (the copy ends without clean-up)."""
        if self._open:
            self._write()
        self.file.flush()

    def take(self, lengths: list[int]) -> None:
        """The file as the copy wrote it: pieces of these lengths."""
        self.lengths = lengths

    def pieces(self) -> Iterator[str]:
        """The text, a piece at a time; the file is closed after the last."""
        try:
            self.file.seek(0)
            read = self.file.read
            for n in self.lengths:
                yield read(n).decode("utf-8", "surrogatepass")
        finally:
            self.close()

    def close(self) -> None:
        self.file.close()

    def _write(self) -> None:
        data = "".join(self._open).encode("utf-8", "surrogatepass")
        self.file.write(data)
        self.lengths.append(len(data))
        self._open.clear()


def _packed(statements: list[str]) -> tuple[Future[bytes], array[int]]:
    # surrogatepass: a drawing made through the library may hold a lone surrogate; it comes
    # back as it went in
    data = "".join(statements).encode("utf-8", "surrogatepass")
    return _packer().submit(data), array("L", map(len, statements))


def _packer() -> _Packer:
    """The one thread that compresses blocks (made when a body first packs; one per process:
    a forked child has no thread of its parent's)."""
    pid = os.getpid()
    packer = _PACKERS.get(pid)
    if packer is None:
        _PACKERS.clear()
        packer = _PACKERS[pid] = _Packer()
    return packer


class _Packer:
    """A thread that runs compressions in turn, as a one-worker ``ThreadPoolExecutor`` would,
    but as a daemon: a process ends without waiting for it (a command's ends at once, see
    argmap/__main__.py, which waits for threads that are not daemons: the interpreter's
    teardown would cost a big export a tenth of a second)."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Future[bytes], bytes]] = queue.SimpleQueue()
        threading.Thread(target=self._run, name="argmap-body", daemon=True).start()

    def submit(self, data: bytes) -> Future[bytes]:
        """``data`` compressed (zlib at its fastest level), when the thread comes to it."""
        done: Future[bytes] = Future()
        self._jobs.put((done, data))
        return done

    def _run(self) -> None:
        while True:
            done, data = self._jobs.get()
            try:
                done.set_result(zlib.compress(data, 1))
            except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the block
                done.set_exception(exc)


_PACKERS: dict[int, _Packer] = {}


def _text(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8", "surrogatepass")
