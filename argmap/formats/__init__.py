"""One front door for every format a map can leave in or come from, driven by one registry.

    >>> from argmap.formats import export, import_
    >>> from argmap.syntax.parser import parse
    >>> m = parse('claim a "A."\\nclaim b "B."\\na supports b\\n')
    >>> text = export(m, to="json")
    >>> import_(text, from_="json") == m
    True

Export: ``argmap`` (the canonical .argmap text), ``json``, ``aif``, ``argdown``, ``dot``,
``graphml``. Import: ``argmap``, ``json``, ``aif``, ``argdown``. :func:`import_with_notes` also
returns what the source said that the map cannot (AIF and Argdown have things argmap has not).

:data:`FORMATS` says, per format, its file name endings and how it is written and read; the
functions here and the CLI's choices, help and suffix guessing all come from it. Adding a format
is a module of its own, its name in :data:`ExportFormat` (and :data:`ImportFormat` if it reads),
and its entry here. This module is light: a format's module loads when it is first used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar, get_args

from argmap.errors import InterchangeError, UnknownChoiceError
from argmap.util.limits import first_surrogate

if TYPE_CHECKING:
    from argmap.model import ArgumentMap
    from argmap.util.limits import Limits

__all__ = [
    "EXPORT_FORMATS",
    "FORMATS",
    "IMPORT_FORMATS",
    "ExportFormat",
    "Format",
    "ImportFormat",
    "as_export_format",
    "as_import_format",
    "export",
    "export_chunks",
    "guess_format",
    "import_",
    "import_with_notes",
]

#: The formats a map can be written in (every format argmap knows).
ExportFormat = Literal["argmap", "json", "aif", "argdown", "dot", "graphml"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)
#: The formats a map can be read from.
ImportFormat = Literal["argmap", "json", "aif", "argdown"]
IMPORT_FORMATS: tuple[ImportFormat, ...] = get_args(ImportFormat)


class Format(NamedTuple):
    """One format: what it is called, which file names it has, how a map is written and read."""

    name: ExportFormat
    #: A few words for help texts.
    title: str
    #: File name endings, lower case; the longest that matches a file name wins.
    suffixes: tuple[str, ...]
    write: Callable[[ArgumentMap], str]
    #: ``(text, path) -> (map, notes)``; None for a format argmap only writes.
    read: Callable[[str, str | None], tuple[ArgumentMap, list[str]]] | None = None
    #: A format whose file names this one shares ...
    refines: ExportFormat | None = None
    #: ... and the test that tells, from the content, that such a file is really this format.
    sniff: Callable[[str], bool] | None = None
    #: ``(map, notes, jobs) -> pieces``: ``write``'s text in pieces, for a writer that streams
    #: (None: ``write``'s text whole); what the format cannot say is added to ``notes`` (once
    #: the pieces are all made); ``jobs`` as :func:`export_chunks` takes it.
    chunks: Callable[[ArgumentMap, list[str], int | None], Iterable[str]] | None = None


# ---- the hooks (each imports its module when called) ----------------------------------------------
def _write_argmap(m: ArgumentMap) -> str:
    from argmap.formats.writer import write

    return write(m)


def _read_argmap(text: str, path: str | None) -> tuple[ArgumentMap, list[str]]:
    from argmap.syntax.parser import parse

    return parse(text, path), []


def _write_json(m: ArgumentMap) -> str:
    from argmap.formats.jsonio import dumps

    return dumps(m)


def _read_json(text: str, path: str | None) -> tuple[ArgumentMap, list[str]]:
    from argmap.formats.jsonio import loads

    return loads(text, path=path), []


def _write_aif(m: ArgumentMap) -> str:
    from argmap.formats.aif import dumps

    return dumps(m)


def _read_aif(text: str, path: str | None) -> tuple[ArgumentMap, list[str]]:
    from argmap.formats.aif import read

    got = read(text, path=path)
    return got.map, list(got.notes)


def _looks_like_aif(text: str) -> bool:
    """A JSON document with AIF's ``nodes`` (or an ``AIF`` member) and no argmap ``format``."""
    import json

    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return isinstance(doc, dict) and doc.get("format") != "argmap" and ("nodes" in doc or "AIF" in doc)


def _write_argdown(m: ArgumentMap) -> str:
    from argmap.formats.argdown import dumps

    return dumps(m)


def _argdown_chunks(m: ArgumentMap, notes: list[str], jobs: int | None = 1) -> Iterable[str]:
    from argmap.formats.argdown import chunks

    return chunks(m, notes, jobs=jobs)


def _aif_chunks(m: ArgumentMap, notes: list[str], _jobs: int | None = 1) -> Iterable[str]:
    from argmap.formats.aif import chunks, export_notes

    notes += export_notes(m)
    return chunks(m)


def _read_argdown(text: str, path: str | None) -> tuple[ArgumentMap, list[str]]:
    from argmap.formats.argdown import read

    got = read(text, path=path)
    return got.map, list(got.notes)


def _write_dot(m: ArgumentMap) -> str:
    return "".join(_dot_chunks(m))


def _dot_chunks(m: ArgumentMap, _notes: list[str] | None = None, jobs: int | None = 1) -> Iterator[str]:
    from argmap.drawing.render import dot_chunks

    last = ""
    for piece in dot_chunks(m, jobs=jobs):
        if piece:
            last = piece
            yield piece
    if not last.endswith("\n"):
        yield "\n"


def _write_graphml(m: ArgumentMap) -> str:
    from argmap.formats.graphml import dumps

    return dumps(m)


def _graphml_chunks(m: ArgumentMap, _notes: list[str], _jobs: int | None = 1) -> Iterable[str]:
    from argmap.formats.graphml import chunks

    return chunks(m)


#: Every format, by name, in the order of :data:`EXPORT_FORMATS`.
FORMATS: Mapping[ExportFormat, Format] = {
    f.name: f
    for f in (
        Format("argmap", "argmap text, canonical layout", (".argmap",), _write_argmap, _read_argmap),
        Format("json", "argmap JSON (lossless, versioned)", (".json",), _write_json, _read_json),
        Format(
            "aif",
            "AIF JSON (AIFdb, OVA)",
            (".aif", ".aif.json"),
            _write_aif,
            _read_aif,
            refines="json",
            sniff=_looks_like_aif,
            chunks=_aif_chunks,
        ),
        Format(
            "argdown", "Argdown", (".argdown", ".ad"), _write_argdown, _read_argdown, chunks=_argdown_chunks
        ),
        Format("dot", "Graphviz DOT (the drawing)", (".dot", ".gv"), _write_dot, chunks=_dot_chunks),
        Format("graphml", "GraphML (the graph)", (".graphml",), _write_graphml, chunks=_graphml_chunks),
    )
}

_Name = TypeVar("_Name", bound=str)


def _choose(name: str, choices: tuple[_Name, ...], what: str) -> _Name:
    for choice in choices:
        if choice == name:
            return choice
    raise UnknownChoiceError(what, name, choices)


def as_export_format(name: str) -> ExportFormat:
    """``name`` as an export format (UnknownChoiceError, with a did-you-mean, when it is none)."""
    return _choose(name, EXPORT_FORMATS, "export format")


def as_import_format(name: str) -> ImportFormat:
    """``name`` as an import format (UnknownChoiceError, with a did-you-mean, when it is none)."""
    return _choose(name, IMPORT_FORMATS, "import format")


def export(m: ArgumentMap, to: ExportFormat = "json") -> str:
    """The map as text in format ``to`` (one of :data:`EXPORT_FORMATS`).

    Text that holds a lone surrogate (half of a UTF-16 pair, which no UTF-8 file can hold) is
    refused here for every format, with an InterchangeError, rather than written half-broken."""
    fmt = as_export_format(to)
    text = FORMATS[fmt].write(m)
    lone = first_surrogate(text)
    if lone is not None:
        raise InterchangeError(
            f"cannot export to {fmt}: the map holds a lone surrogate U+{ord(text[lone]):04X}, "
            "which no UTF-8 text can carry"
        )
    return text


def export_chunks(
    m: ArgumentMap, to: ExportFormat = "json", *, notes: list[str] | None = None, jobs: int | None = 1
) -> Iterator[str]:
    """:func:`export`'s text in pieces, to be written one after the other: a format that has a
    streaming writer (AIF, Argdown, DOT, GraphML) never holds a big map's text whole (Argdown
    holds its body, which must follow the front matter its writing decides).

    The map is looked at for lone surrogates first (:func:`~argmap.formats.surrogates.refuse_surrogates`):
    one is refused with an InterchangeError before any piece is made, so that nothing is written.
    The pieces joined are :func:`export`'s text exactly. With ``notes``, what the format cannot
    say (AIF and Argdown, as their ``export_notes``) is added to it, sentence by sentence,
    by the time the last piece is made. ``jobs`` other than 1 lets a writer hand part of a big
    map to a forked copy of the process (None: where the map is big enough to gain; 2: any
    map), as :func:`argmap.parse` does: the same text, sooner (Argdown's and DOT's writers do)."""
    from argmap.formats.surrogates import refuse_surrogates

    fmt = as_export_format(to)
    entry = FORMATS[fmt]
    if entry.chunks is None:  # made whole, and refused whole, before it is given
        return iter((export(m, fmt),))
    if not m._surrogate_free:  # a parsed map has none: the parser refuses them
        refuse_surrogates(m, fmt)
    return iter(entry.chunks(m, [] if notes is None else notes, jobs))


def import_with_notes(
    text: str, from_: ImportFormat = "json", *, path: str | None = None, limits: Limits | None = None
) -> tuple[ArgumentMap, list[str]]:
    """The map in ``text`` (format ``from_``) and what it could not represent, one sentence each.

    ``limits`` (default: those in force) bound the input: see :mod:`argmap.util.limits`."""
    from argmap.util.limits import check_reader_input, resolve, using

    read = FORMATS[as_import_format(from_)].read
    assert read is not None  # every import format reads
    held = resolve(limits)
    if from_ != "argmap":  # the .argmap reader checks its own
        check_reader_input(text, from_, held, path or "")
    with using(held):
        return read(text, path)


def import_(
    text: str, from_: ImportFormat = "json", *, path: str | None = None, limits: Limits | None = None
) -> ArgumentMap:
    """The map in ``text`` (format ``from_``); :func:`import_with_notes` also says what was lost."""
    return import_with_notes(text, from_, path=path, limits=limits)[0]


def guess_format(path: str, text: str | None = None) -> ExportFormat | None:
    """The format a file name suggests (the longest matching ending in :data:`FORMATS`), or None.

    With the file's ``text``, a format that refines the one the name says (AIF in a ``.json``
    file) is recognised by its content."""
    name = PurePath(path).name.lower()
    found = max(
        ((len(suffix), f.name) for f in FORMATS.values() for suffix in f.suffixes if name.endswith(suffix)),
        default=None,
    )
    if found is None:
        return None
    guess = found[1]
    if text is not None:
        for f in FORMATS.values():
            if f.refines == guess and f.sniff is not None and f.sniff(text):
                return f.name
    return guess
