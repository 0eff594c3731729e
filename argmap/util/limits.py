"""The stated limits on what argmap reads, and the cheap checks that enforce them.

A hostile or broken input (a 50 MB line, a JSON document nested a million deep) must be refused
fast, before any work that grows with it, and with an error that names the limit and how to
raise it. :class:`Limits` holds the four limits; their defaults are far above any real map:

========================  =================  ================================================
limit                     default            what it bounds
========================  =================  ================================================
``input_size``            32 MiB             one input (a file's bytes, a string's characters)
``statement_length``      1 MiB              one ``.argmap`` statement, with its indented lines
``text_length``           100,000            one text (a claim's text, a note, a quote ...)
``depth``                 200                nesting of a structured input (JSON, AIF)
========================  =================  ================================================

Every reader takes ``limits=`` (``argmap.parse(text, limits=Limits(input_size=2**30))``); left
out, the limits in force are used: :data:`DEFAULT`, or what :func:`using` set for a block (the CLI
sets them from ``--max-input-size``, ``--max-statement-length``, ``--max-text-length`` and
``--max-depth``). Going over one raises :class:`argmap.errors.LimitError`.

The checks here scan once, with no recursion, and cost nothing next to reading the input:
:func:`check_size` before anything else, :func:`check_json_depth` before ``json.loads``,
:func:`check_text_length` on each text a reader builds.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace

from argmap.errors import InterchangeError, LimitError

__all__ = [
    "DEFAULT",
    "LIMITS",
    "SURROGATE",
    "Limits",
    "check_json_depth",
    "check_reader_input",
    "check_size",
    "check_text_length",
    "current",
    "exceeded",
    "first_surrogate",
    "parse_size",
    "resolve",
    "using",
]


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits a read is held to (each a positive whole number)."""

    #: Bytes of a file, characters of a string: the whole input.
    input_size: int = 32 * 1024 * 1024
    #: Characters of one .argmap statement, from its first line to the end of its last
    #: indented line.
    statement_length: int = 1024 * 1024
    #: Characters of one text once read (escapes decoded): a claim's text, a note, a tag ...
    text_length: int = 100_000
    #: Nesting of a structured input: arrays and objects inside each other in JSON and AIF.
    depth: int = 200

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"the limit {f.name} must be a whole number of at least 1, not {value!r}")

    def raised(self, **changes: int | None) -> Limits:
        """These limits with some changed (a None leaves that one as it is)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


#: The limits when nobody says otherwise.
DEFAULT = Limits()

#: Each limit: (what it measures, its unit, the CLI flag that raises it).
LIMITS: dict[str, tuple[str, str, str]] = {
    "input_size": ("input size", "bytes", "--max-input-size"),
    "statement_length": ("statement length", "characters", "--max-statement-length"),
    "text_length": ("text length", "characters", "--max-text-length"),
    "depth": ("nesting depth", "levels", "--max-depth"),
}

_current: ContextVar[Limits] = ContextVar("argmap_limits", default=DEFAULT)


def current() -> Limits:
    """The limits in force (:data:`DEFAULT` unless :func:`using` set others)."""
    return _current.get()


def resolve(limits: Limits | None) -> Limits:
    """``limits``, or the limits in force when it is None."""
    return _current.get() if limits is None else limits


@contextlib.contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    """Hold every read inside the block to ``limits`` (the CLI's flags go through here)."""
    token = _current.set(limits)
    try:
        yield limits
    finally:
        _current.reset(token)


def set_current(limits: Limits) -> None:
    """Put ``limits`` in force from now on in this context (the CLI, for one command)."""
    _current.set(limits)


def exceeded(
    name: str, found: int, limit: int, where: str = "", *, at_least: bool = False, unit: str | None = None
) -> LimitError:
    """The error for ``found`` over the limit ``name`` (``where``: the input and the place;
    ``at_least``: the scan stopped once over the limit, so ``found`` is a lower bound)."""
    what, default_unit, flag = LIMITS[name]
    unit = unit or default_unit
    prefix = f"{where}: " if where else ""
    amount = f"more than {limit:,} {unit}" if at_least else f"{found:,} {unit}"
    return LimitError(
        f"{prefix}{what} {amount}, over the limit of {limit:,}",
        limit=name,
        maximum=limit,
        found=found,
        hint=f"if the input is trusted, raise the limit: {flag} on the command line, "
        f"or limits=Limits({name}=...) in Python",
    )


def check_size(
    size: int, limits: Limits | None = None, where: str = "", unit: str = "bytes", *, at_least: bool = False
) -> None:
    """Refuse an input of ``size`` bytes (or characters, for a string) over the input size limit
    (``at_least``: reading stopped at ``size``, the input may be longer)."""
    limit = resolve(limits).input_size
    if size > limit:
        raise exceeded("input_size", size, limit, where, unit=unit, at_least=at_least)


def check_text_length(text: str, limits: Limits | None = None, where: str = "") -> None:
    """Refuse one text over the text length limit."""
    limit = resolve(limits).text_length
    if len(text) > limit:
        raise exceeded("text_length", len(text), limit, where)


# A JSON string (skipped whole: brackets inside it do not nest), or a bracket.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[{]|[\]}]')


def check_json_depth(text: str, limit: int, where: str = "") -> None:
    """Refuse a JSON text whose arrays and objects nest deeper than ``limit``.

    One pass over the text without recursion (and none at all when the text has no more
    brackets than the limit), so that a document nested a million deep is refused before
    ``json.loads`` recurses into it. The text need not be valid JSON: only the nesting is
    looked at, and a broken document is left for the reader to report."""
    if text.count("[") + text.count("{") <= limit:
        return
    depth = 0
    for m in _JSON_TOKEN.finditer(text):
        token = m.group()
        if token in ("[", "{"):
            depth += 1
            if depth > limit:
                line = text.count("\n", 0, m.start()) + 1
                place = f"{where}: line {line}" if where else f"line {line}"
                raise exceeded("depth", depth, limit, place, at_least=True)
        elif token in ("]", "}"):
            depth -= 1


#: A lone surrogate (half of a UTF-16 pair): no character, and no UTF-8 text can hold it.
SURROGATE = re.compile("[\ud800-\udfff]")


def first_surrogate(text: str) -> int | None:
    """The offset of the first lone surrogate in ``text`` (half of a UTF-16 pair, which no
    UTF-8 file holds but a Python string can), or None."""
    m = SURROGATE.search(text)
    return None if m is None else m.start()


def check_reader_input(text: str, kind: str, limits: Limits | None = None, where: str = "") -> None:
    """What every reader of another format checks first: the size, lone surrogates (they are no
    characters, and the map read could not be written), and, for JSON-based formats, the
    nesting depth."""
    held = resolve(limits)
    check_size(len(text), held, where, "characters")
    bad = first_surrogate(text)
    if bad is not None:
        line = text.count("\n", 0, bad) + 1
        prefix = f"{where}: " if where else ""
        raise InterchangeError(
            f"{prefix}line {line}: U+{ord(text[bad]):04X} is a lone surrogate, not a Unicode character",
            hint="the text was decoded wrongly (surrogateescape?); argmap reads UTF-8 text only",
        )
    if kind in ("json", "aif"):
        check_json_depth(text, held.depth, where)


_SIZE = re.compile(r"\s*(\d+(?:_\d+)*)\s*([kmgt]?)(i?b?)\s*", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}


def parse_size(value: str) -> int:
    """A size as people write it: ``1000``, ``64k``, ``32M``, ``2GiB`` (powers of 1024)."""
    m = _SIZE.fullmatch(value)
    if m is None:
        raise ValueError(f"{value!r} is not a size: write a whole number, optionally with k, M or G")
    number = int(m.group(1).replace("_", ""))
    size = number * _UNITS[m.group(2).lower()]
    if size < 1:
        raise ValueError(f"{value!r}: a limit must be at least 1")
    return size
