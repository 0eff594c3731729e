"""Text -> model: parse, load and decode, the engine that runs the grammar, and error recovery.

An error-free text is read by the fast path (:mod:`argmap.syntax.fastpath`): the statements most
maps are made of are matched whole, the others handed to Lark's parser a few at a time. A text
with an error goes through Lark's parser whole, which finds the errors (turned into Diagnostics
by :mod:`argmap.syntax.messages`); after one, parsing resumes at the next statement so that a
run reports several. Nothing from Lark leaves this package.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap, Element, Span
from argmap.syntax.errors import ParseError
from argmap.syntax.grammar import build_lark, facts, grammar_path, grammar_text
from argmap.syntax.messages import syntax_diagnostic, terminal_words
from argmap.syntax.transformer import Build
from argmap.util.limits import DEFAULT as DEFAULT_LIMITS
from argmap.util.limits import Limits, check_size, exceeded, resolve

if TYPE_CHECKING:
    from collections.abc import Callable

    from lark import Lark

    from argmap.syntax.fastpath import FastPath

__all__ = [
    "MAX_SYNTAX_ERRORS",
    "ParseError",
    "grammar_path",
    "grammar_text",
    "load",
    "parse",
    "parse_keeping",
]

#: After this many syntax errors in one text, parsing stops.
MAX_SYNTAX_ERRORS = 25


class _Engine:
    """The parser: the fast path, and Lark's parser (built on first use) for the rest.

    The fast path is built from the grammar's terminals and rules; if it cannot be (a grammar it
    does not understand), that is a bug and the error is raised, never hidden behind a slower
    parser."""

    def __init__(self) -> None:
        from argmap.syntax.fastpath import FastPath

        self.build = Build()
        self.lock = threading.Lock()
        self._lark: Lark | None = None
        self.fast: FastPath = FastPath(self.build, facts(), lambda: self.lark)

    @property
    def lark(self) -> Lark:
        """Lark's LALR parser (loading it costs about as much as reading a map of 1,000
        claims, so a text whose statements all have common shapes never does)."""
        if self._lark is None:
            self._lark = build_lark(self.build)
        return self._lark

    @functools.cached_property
    def words(self) -> dict[str, str]:
        """Terminal names as the words a message uses."""
        return terminal_words(self.lark)

    def read(
        self,
        text: str,
        path: str | None,
        text_limit: int = DEFAULT_LIMITS.text_length,
        two: bool = False,
    ) -> tuple[list[Element], list[Diagnostic]] | None:
        """Elements and warnings of an error-free text (ending in a line break) read by the fast
        path (on two processors if ``two``: see :mod:`argmap.syntax.parallel`), or None if it
        has errors."""
        with self.lock:
            self.build.reset(path, text_limit)
            try:
                if two:
                    from argmap.syntax.parallel import read_in_two

                    ok = read_in_two(self.fast, self.build, text)
                else:
                    ok = self.fast.parse(text)
                ok = ok and not any(d.is_error for d in self.build.problems)
                result = (self.build.elements, self.build.problems)
            finally:
                self.build.reset(None)  # let go of this text's tables
            return result if ok else None


_engine: _Engine | None = None
_engine_lock = threading.Lock()


def _get_engine() -> _Engine:
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                _engine = _Engine()
    return _engine


def parse(
    text: str,
    path: str | os.PathLike[str] | None = None,
    *,
    limits: Limits | None = None,
    jobs: int | None = 1,
) -> ArgumentMap:
    """Parse .argmap text into an :class:`ArgumentMap`.

    ``path`` only names the text in spans and messages. Raises :class:`ParseError` (with every
    syntax error found) when the text does not parse; warnings the parser noticed are kept on
    the map as ``parse_diagnostics``. ``limits`` (default: the limits in force, see
    :mod:`argmap.util.limits`) bound the text's size, each statement's length and each text's
    length: going over one raises :class:`argmap.errors.LimitError`, the size and statements
    checked before anything is parsed.

    ``jobs`` 2 reads the second part of the text in a forked copy of the process, on the
    second processor (see :mod:`argmap.syntax.parallel`; the same map); None does so for a text
    of 500,000 characters or more where the platform can fork. Only a program that runs no
    threads should ask for it.
    """
    return parse_keeping(text, text, path, limits=limits, jobs=jobs)


def parse_keeping(
    text: str,
    source: str | Callable[[], str | None],
    path: str | os.PathLike[str] | None = None,
    *,
    limits: Limits | None = None,
    jobs: int | None = 1,
) -> ArgumentMap:
    """:func:`parse`, the map keeping ``source`` as its source text (the text, or a function
    that gives it again: see :class:`argmap.util.filetext.FileText`)."""
    from argmap.util.gcpause import paused_gc

    name = None if path is None else os.fspath(path)
    held = resolve(limits)
    check_size(len(text), held, name or "<text>", "characters")
    if len(text) > held.statement_length:
        _check_statements(text, held.statement_length, name)
    with paused_gc():
        elements, problems = _parse_all(text, name, held.text_length, _forks(len(text), jobs))
    errors = [d for d in problems if d.is_error]
    warnings = tuple(d for d in problems if not d.is_error)
    result = ArgumentMap(tuple(elements), path=name, parse_diagnostics=warnings, source_text=source)
    if errors:
        raise ParseError(errors + list(warnings), result)
    result._surrogate_free.append(True)  # the parser refuses lone surrogates (see messages.py)
    return result


def load(path: str | os.PathLike[str], *, limits: Limits | None = None, jobs: int | None = 1) -> ArgumentMap:
    """Read and parse a .argmap file (UTF-8, with or without a byte-order mark).

    Raises OSError when the file cannot be read, :class:`ParseError` when it is not UTF-8 text
    or does not parse, and :class:`argmap.errors.LimitError` when it is over ``limits`` (a file
    over the size limit is refused before it is read). ``jobs`` is as for :func:`parse`.
    """
    name = os.fspath(path)
    held = resolve(limits)
    with Path(name).open("rb") as f:
        check_size(os.fstat(f.fileno()).st_size, held, name)
        data = f.read(held.input_size + 1)  # a file that grew meanwhile is still bounded
    check_size(len(data), held, name, at_least=True)
    text = decode(data, name)
    del data  # the bytes are freed before parsing
    return parse(text, name, limits=held, jobs=jobs)


def decode(data: bytes, path: str | None) -> str:
    """UTF-8 bytes to text, or ParseError (E105) pointing at the first byte that is not."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        line = head.count(b"\n") + 1
        column = len(head[head.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        diag = Diagnostic.make(
            "E105",
            Span(path, line, column, line, column + 1),
            f"byte 0x{data[exc.start]:02x} at offset {exc.start} is not UTF-8 text",
            hint="argmap reads UTF-8 text files; is this a binary file, or saved in another encoding?",
        )
        raise ParseError([diag], ArgumentMap((), path=path)) from None
    return text[1:] if text.startswith("\ufeff") else text


#: Where a statement starts: a line that is not indented, blank or a comment (a line inside a
#: long text may look like one too: then a statement looks shorter, never longer).
_STATEMENT_START = re.compile(r"\n(?=[^ \t\r\n#])")


def _check_statements(text: str, limit: int, path: str | None) -> None:
    """Refuse a statement longer than ``limit`` characters, in one scan before parsing.

    A statement that long spans a whole window of ``limit // 2`` characters (at a multiple of
    it) without a statement start; when every such window has one (a real map: a few searches
    that each stop at the window's first line), no statement is too long."""
    half = max(limit // 2, 1)
    search = _STATEMENT_START.search
    if all(search(text, w, w + half) for w in range(0, len(text) - half + 1, half)):
        return
    start = 0
    for m in _STATEMENT_START.finditer(text):
        if m.start() - start > limit:
            break
        start = m.end()
    else:
        if len(text) - start <= limit:
            return
    line = text.count("\n", 0, start) + 1
    raise exceeded("statement_length", limit + 1, limit, f"{path or '<text>'}:{line}", at_least=True)


def _forks(size: int, jobs: int | None) -> bool:
    """Whether to read a text of ``size`` characters on two processors (``jobs`` as
    :func:`parse` takes it)."""
    if jobs == 1:
        return False
    from argmap.syntax.parallel import PARALLEL_FROM, can_fork

    return can_fork() and (jobs is not None or size >= PARALLEL_FROM)


def _parse_all(
    text: str, path: str | None, text_limit: int = DEFAULT_LIMITS.text_length, two: bool = False
) -> tuple[list[Element], list[Diagnostic]]:
    """The elements and the problems of a text: read by the fast path, or, when it has errors,
    by :func:`_recover`."""
    engine = _get_engine()
    read = engine.read(text if text.endswith("\n") else text + "\n", path, text_limit, two)
    if read is not None:
        return read
    return _recover(engine, text, path, text_limit)


def _recover(
    engine: _Engine, text: str, path: str | None, text_limit: int = DEFAULT_LIMITS.text_length
) -> tuple[list[Element], list[Diagnostic]]:
    """Parse the whole text with Lark, and after each syntax error go on from the next
    statement (the lines before it are fed as blank lines, so that positions stay right)."""
    from lark.exceptions import UnexpectedInput

    lines = text.split("\n")
    elements: list[Element] = []
    problems: list[Diagnostic] = []
    errors = 0
    start_line = 1  # where the current pass starts reading for real
    while True:
        feed = ("\n" * (start_line - 1)) + "\n".join(lines[start_line - 1 :])
        if not feed.endswith("\n"):
            feed += "\n"
        with engine.lock:
            engine.build.reset(path, text_limit)
            try:
                engine.lark.parse(feed)
                failure: UnexpectedInput | None = None
            except UnexpectedInput as exc:
                failure = exc
            finally:
                built, found = engine.build.elements, engine.build.problems
                engine.build.reset(None)
        if failure is None:
            elements.extend(built)
            problems.extend(found)
            return elements, problems
        diag, resume = syntax_diagnostic(failure, text, lines, path, engine.words)
        bad_line = _statement_start(lines, diag.span.line if diag.span else 1)
        elements.extend(e for e in built if e.span is not None and e.span.line < bad_line)
        problems.extend(d for d in found if d.span is None or d.span.line < bad_line)
        problems.append(diag)
        errors += 1
        if errors >= MAX_SYNTAX_ERRORS:
            problems.append(
                Diagnostic.make("E100", diag.span, f"too many syntax errors ({errors}); stopped reading here")
            )
            return elements, problems
        next_line = _next_statement(lines, bad_line) if resume else None
        if next_line is None:
            return elements, problems
        start_line = next_line


def _statement_start(lines: list[str], line: int) -> int:
    """The first line of the statement that contains ``line``."""
    i = min(line, len(lines))
    while i > 1 and _is_continuation(lines[i - 1]):
        i -= 1
    return i


def _is_continuation(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#") or line[:1] in (" ", "\t")


def _next_statement(lines: list[str], after: int) -> int | None:
    """The first line after ``after`` that starts a statement (not indented, not blank)."""
    for i in range(after + 1, len(lines) + 1):
        line = lines[i - 1]
        if line.strip() and not line.strip().startswith("#") and line[:1] not in (" ", "\t"):
            return i
    return None
