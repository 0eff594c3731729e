"""A big text read on two processors: its second part by a forked copy of the process.

The text is cut at the start of a statement near the middle. The copy reads the second part
with the fast path and sends back what it built, each common element as a tuple of its fields
(pickle moves tuples of strings many times faster than slotted objects); meanwhile this process
reads the first part, then rebuilds the copy's elements after its own. The result is the one a
reading of the whole text gives, in the same order, spans included: the cut is taken only if
the first part's statements end exactly there (a cut inside a long text is not), and whatever
goes wrong in the copy (no fork, an error in its part, a crash), this process reads the second
part itself. A process that runs other threads never forks (see :mod:`argmap.util.forking`).
"""

from __future__ import annotations

import os
import re
from operator import attrgetter
from typing import TYPE_CHECKING, Any, BinaryIO

import attrs

from argmap.model import Claim, Contradiction, Rebuttal, Stance, Support, Undercut
from argmap.syntax.fastpath import _attack, _claim, _contradiction, _span, _stance, _support
from argmap.util.forking import can_fork

if TYPE_CHECKING:
    from collections.abc import Callable

    from argmap.syntax.fastpath import FastPath
    from argmap.syntax.transformer import Build

__all__ = ["PARALLEL_FROM", "can_fork", "read_in_two"]

#: From how many characters a text is worth reading on two processors (about 2,500 claims;
#: below it, the fork and the hand-over cost more than they save).
PARALLEL_FROM = 500_000

#: The share of the text this process reads (it also rebuilds the copy's elements after).
_OWN_SHARE = 0.5

#: How many elements the copy sends at a time.
_BATCH = 1024

#: A line that starts a statement: not indented, not blank, not a comment.
_STATEMENT_START = re.compile(r"\n(?=[^ \t\r\n#])")

# The common elements as (code, fields, span fields), and back: each constructor takes the
# fields in the getter's order, then the span. Only an element whose other fields are at their
# defaults (what the fast path makes) goes as a tuple; any other one goes whole.
_GIVEN: dict[type[Any], tuple[str, ...]] = {
    Claim: ("id", "text", "kind"),
    Support: ("premises", "conclusion", "name", "by"),
    Rebuttal: ("attackers", "target", "by", "name"),
    Undercut: ("attackers", "target", "by", "name"),
    Contradiction: ("left", "right", "by", "name"),
    Stance: ("perspective", "target", "accepts", "inline"),
}


def _fields(
    code: int, cls: type[Any]
) -> tuple[int, Callable[[Any], Any], Callable[[Any], Any], tuple[Any, ...]]:
    """The code, the getter of the given fields, the getter of the others and their defaults."""
    given = _GIVEN[cls]
    rest = [f for f in attrs.fields(cls) if f.name not in given and f.name != "span"]
    defaults = tuple(f.default for f in rest)
    return code, attrgetter(*given), attrgetter(*(f.name for f in rest), "__class__"), (*defaults, cls)


_FIELDS = {cls: _fields(code, cls) for code, cls in enumerate(_GIVEN)}
_MAKERS = (_claim, _support, _attack["rebuttal"], _attack["undercut"], _contradiction, _stance)
_SPAN_FIELDS = attrgetter("line", "column", "end_line", "end_column")


def read_in_two(fast: FastPath, build: Build, text: str) -> bool:
    """Read ``text`` (ending in a line break) into ``build`` as ``fast.parse`` does, on two
    processors; False on any error (as ``fast.parse``)."""
    cut = _STATEMENT_START.search(text, int(len(text) * _OWN_SHARE))
    if cut is None:
        return fast.parse(text)
    split = cut.end()
    second = (split, text.count("\n", 0, split) + 1, split)
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        return fast.parse(text)
    if pid == 0:  # the copy: its part's elements down the pipe, then gone without clean-up
        _copy(fast, build, text, second, (read_end, write_end))
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as pipe:
            if not fast.parse(text, stop=split):
                _stop(pid)
                return False
            mine = len(build.elements), len(build.problems)
            taken = _take(build, pipe)
    finally:
        _, status = os.waitpid(pid, 0)
    if taken and status == 0:
        return True
    del build.elements[mine[0] :], build.problems[mine[1] :]  # what came of a failed copy
    return fast.parse(text, second)


def _copy(
    fast: FastPath, build: Build, text: str, start: tuple[int, int, int], ends: tuple[int, int]
) -> None:
    """The forked copy's work: read from ``start``, send the result in batches of elements
    (this process makes the next while the other rebuilds the last), exit (1 on any error)."""
    import pickle

    status = 1
    try:
        read_end, write_end = ends
        os.close(read_end)
        build.elements, build.problems = [], []
        if fast.parse(text, start) and not any(d.is_error for d in build.problems):
            fields = _FIELDS.get
            elements = build.elements
            with os.fdopen(write_end, "wb") as pipe:
                for at in range(0, len(elements), _BATCH):
                    records: list[tuple[int, Any, Any]] = []
                    add = records.append
                    for element in elements[at : at + _BATCH]:
                        found = fields(type(element))
                        if found is None or element.span is None or found[2](element) != found[3]:
                            add((-1, element, None))
                        else:
                            add((found[0], found[1](element), _SPAN_FIELDS(element.span)))
                    _send(pipe, pickle.dumps((records, None), protocol=pickle.HIGHEST_PROTOCOL))
                _send(pipe, pickle.dumps(([], build.problems), protocol=pickle.HIGHEST_PROTOCOL))
            status = 0
    finally:
        os._exit(status)


def _send(pipe: BinaryIO, data: bytes) -> None:
    pipe.write(len(data).to_bytes(8, "little"))
    pipe.write(data)


def _take(build: Build, pipe: BinaryIO) -> bool:
    """Add the copy's elements and problems to ``build`` as its batches come, every id and
    list of ids shared with this part's (as one reading shares them); whether all came."""
    import pickle

    path = build.path
    makers = _MAKERS
    names, lists = build.names.setdefault, build.lists
    add = build.elements.append

    def ids(given: tuple[str, ...]) -> tuple[str, ...]:
        known = lists.get(given)
        if known is None:
            known = tuple([names(i, i) for i in given])
            lists[known] = known
        return known

    line = 0  # a line's number is one int object for every span on it, as one reading makes it
    while len(head := pipe.read(8)) == 8:
        data = pipe.read(int.from_bytes(head, "little"))
        records, problems = pickle.loads(data)  # from our own fork
        for code, f, where in records:
            if code >= 0:
                first, column, last, end_column = where
                if first != line:
                    line = first
                span = _span(path, line, column, line if last == line else last, end_column)
            if code == 0:
                add(_claim(names(f[0], f[0]), f[1], f[2], span))
            elif code == 5:
                add(_stance(names(f[0], f[0]), names(f[1], f[1]), f[2], f[3], span))
            elif code == 4:
                add(_contradiction(names(f[0], f[0]), names(f[1], f[1]), ids(f[2]), f[3], span))
            elif code > 0:
                name = f[2 if code == 1 else 3]
                if name is not None:
                    name = names(name, name)
                if code == 1:
                    add(_support(ids(f[0]), names(f[1], f[1]), name, ids(f[3]), span))
                else:
                    add(makers[code](ids(f[0]), names(f[1], f[1]), ids(f[2]), name, span))
            else:
                add(f)
        if problems is not None:
            build.problems.extend(problems)
            return True
    return False


def _stop(pid: int) -> None:
    """End the copy early (this process's part has an error: the whole text is read again)."""
    import contextlib
    import signal

    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
