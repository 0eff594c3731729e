"""The statements of a drawing's DOT text, packed when there are many.

A map of 100,000 claims is some 800,000 statements, 130 MB of text (most of it the claims'
HTML-like labels), held until the whole drawing is made: the direction of the arrows, written
at the top, is chosen from every node's size, and the legend comes last. :class:`Body` holds
them as ``graphviz.Digraph.body`` does (a list of statements: append, extend, ``+=``, index,
iterate), but from :data:`PACK_FROM` statements on it keeps them in blocks of :data:`BLOCK`,
each compressed with zlib at its fastest level (a tenth of the size, at some 150 MB/s) by a
thread of its own: zlib lets go of the interpreter while it compresses, so on a machine with
two processors the writer goes on meanwhile. :meth:`Body.pieces` gives the text block by
block, for writing it out; small drawings never pack.
"""

from __future__ import annotations

import os
import zlib
from array import array
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import accumulate
from typing import SupportsIndex

__all__ = ["BLOCK", "PACK_FROM", "Body"]

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


def _packed(statements: list[str]) -> tuple[Future[bytes], array[int]]:
    # surrogatepass: a drawing made through the library may hold a lone surrogate; it comes
    # back as it went in
    data = "".join(statements).encode("utf-8", "surrogatepass")
    return _packer().submit(zlib.compress, data, 1), array("L", map(len, statements))


def _packer() -> ThreadPoolExecutor:
    """The one thread that compresses blocks (made when a body first packs; one per process:
    a forked child has no thread of its parent's)."""
    pid = os.getpid()
    packer = _PACKERS.get(pid)
    if packer is None:
        _PACKERS.clear()
        packer = _PACKERS[pid] = ThreadPoolExecutor(max_workers=1, thread_name_prefix="argmap-body")
    return packer


_PACKERS: dict[int, ThreadPoolExecutor] = {}


def _text(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8", "surrogatepass")
