"""One front door for every format a map can leave in or come from.

    >>> from argmap.formats import export, import_
    >>> from argmap.syntax.parser import parse
    >>> m = parse('claim a "A."\\nclaim b "B."\\na supports b\\n')
    >>> text = export(m, to="json")
    >>> import_(text, from_="json") == m
    True

Export: ``argmap`` (the canonical .argmap text), ``json``, ``aif``, ``argdown``, ``dot``,
``graphml``. Import: ``argmap``, ``json``, ``aif``, ``argdown``. :func:`import_with_notes` also
returns what the source said that the map cannot (AIF and Argdown have things argmap has not).
"""

from __future__ import annotations

import importlib
from pathlib import PurePath

from argmap.model import ArgumentMap

__all__ = ["EXPORT_FORMATS", "IMPORT_FORMATS", "export", "guess_format", "import_", "import_with_notes"]

EXPORT_FORMATS = ("argmap", "json", "aif", "argdown", "dot", "graphml")
IMPORT_FORMATS = ("argmap", "json", "aif", "argdown")


def export(m: ArgumentMap, to: str = "json") -> str:
    """The map as text in format ``to`` (one of :data:`EXPORT_FORMATS`)."""
    if to == "argmap":
        from argmap.formats.writer import write

        return write(m)
    if to == "dot":
        from argmap.drawing.render import to_dot

        text = to_dot(m)
        return text if text.endswith("\n") else text + "\n"
    if to in ("json", "aif", "argdown", "graphml"):
        module = importlib.import_module(f"argmap.formats.{'jsonio' if to == 'json' else to}")
        result: str = module.dumps(m)
        return result
    raise ValueError(f"cannot export to {to!r}; choose one of: {', '.join(EXPORT_FORMATS)}")


def import_with_notes(
    text: str, from_: str = "json", *, path: str | None = None
) -> tuple[ArgumentMap, list[str]]:
    """The map in ``text`` (format ``from_``) and what it could not represent, one sentence each."""
    if from_ == "argmap":
        from argmap.syntax.parser import parse

        return parse(text, path), []
    if from_ == "json":
        from argmap.formats.jsonio import loads

        return loads(text, path=path), []
    if from_ == "aif":
        from argmap.formats.aif import read

        got = read(text, path=path)
        return got.map, list(got.notes)
    if from_ == "argdown":
        from argmap.formats.argdown import read as read_argdown

        got_ad = read_argdown(text, path=path)
        return got_ad.map, list(got_ad.notes)
    raise ValueError(f"cannot import from {from_!r}; choose one of: {', '.join(IMPORT_FORMATS)}")


def import_(text: str, from_: str = "json", *, path: str | None = None) -> ArgumentMap:
    """The map in ``text`` (format ``from_``); :func:`import_with_notes` also says what was lost."""
    return import_with_notes(text, from_, path=path)[0]


_SUFFIXES = {
    ".argmap": "argmap",
    ".argdown": "argdown",
    ".ad": "argdown",
    ".aif": "aif",
    ".dot": "dot",
    ".gv": "dot",
    ".graphml": "graphml",
    ".json": "json",
}


def guess_format(path: str, text: str | None = None) -> str | None:
    """The format a file name (and, for ``.json``, its content) suggests, or None."""
    name = PurePath(path).name.lower()
    if name.endswith((".aif.json", ".aif")):
        return "aif"
    suffix = PurePath(name).suffix
    found = _SUFFIXES.get(suffix)
    if found == "json" and text is not None:
        import json

        try:
            doc = json.loads(text)
        except ValueError:
            return found
        if isinstance(doc, dict) and doc.get("format") != "argmap" and ("nodes" in doc or "AIF" in doc):
            return "aif"
    return found
