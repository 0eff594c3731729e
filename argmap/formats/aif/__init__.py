"""Map <-> AIF JSON, the Argument Interchange Format as AIFdb and OVA write it.

A document is ``{"nodes": [...], "edges": [...], "locutions": [...], "participants": [...]}``.
Nodes have a ``nodeID``, a ``text`` and a ``type``:

* ``I``  information: a claim;
* ``RA`` rule application (inference): a support; premises -> RA -> conclusion;
* ``CA`` conflict: attackers -> CA -> target; a rebuttal when the target is an I-node, an
  undercut when it is an RA- or CA-node (an attack on an inference or on another attack, to any
  depth); several attackers into one CA are a linked attack; a contradiction is written as two
  CA-nodes, one each way. An RA or CA node's ``text`` (and ``scheme``) is its argument scheme
  ("Argument From Expert Opinion"), or "Default Inference" / "Default Conflict";
* ``L``  locution (someone said something) with its speaker in ``locutions`` (``personID``) and
  ``participants``; a perspective is a participant; a quote's or stance's date is the locution's
  ``timestamp``;
* ``YA`` illocution, anchoring what was said: ``L -> YA(Asserting) -> I`` is "the speaker holds
  the claim" (a stance), ``YA(Disagreeing)`` a rejection; ``L -> YA(Agreeing | Denying) -> RA/CA``
  a stance on a relation; ``L/TA -> YA(Arguing) -> RA`` and ``YA(Disagreeing) -> CA`` say who put
  the relation forward (its ``by``);
* ``TA`` transition between locutions (the dialogue's flow), ``MA`` rephrase, ``PA`` preference.

Export writes all of that plus an ``"argmap"`` object with what AIF has no place for (ids, names,
kinds, tags, notes, questions, sources, sections, titles, quotes' sources and locators, dates on
claims, the order of the map), so that ``loads(dumps(m)) == m``; the structure itself (claims,
relations, their ends, stances, who said what) is always read from the AIF nodes.

Import reads plain AIF from corpora too. What argmap cannot say -- MA and PA nodes, TA
transitions, illocutions that are neither assertion, disagreement nor arguing, locutions that
anchor nothing, relations with an end argmap has no word for -- is listed in
:attr:`Imported.unrepresented` (kind, count, where) and :attr:`Imported.notes`, never dropped
silently.
"""

from __future__ import annotations

import json
import re

import attrs

from argmap.errors import InterchangeError
from argmap.formats.aif._common import (
    _READABLE_VERSIONS,
    ACCEPTING,
    ARGUING,
    EXTENSION_VERSION,
    REJECTING,
    Unrepresented,
    _Graph,
    _kind,
)
from argmap.formats.aif._extension import _Extension, _Mismatch
from argmap.formats.aif._plain import _Lost, _Reader
from argmap.formats.aif._write import chunks, dumps, export_notes, to_dict
from argmap.model import ArgumentMap

__all__ = [
    "ACCEPTING",
    "ARGUING",
    "EXTENSION_VERSION",
    "REJECTING",
    "Imported",
    "Unrepresented",
    "chunks",
    "dumps",
    "export_notes",
    "loads",
    "read",
    "to_dict",
]


@attrs.frozen
class Imported:
    """An imported map and what the source said that the map cannot (:attr:`unrepresented`,
    and as one sentence each, :attr:`notes`)."""

    map: ArgumentMap
    notes: tuple[str, ...] = ()
    unrepresented: tuple[Unrepresented, ...] = ()


# ---- import: the document -------------------------------------------------------------------------
_ARGMAP_TEXT = re.compile(
    r"^\s*(?:title|claim|fact|interpretation|prediction|value|policy|perspective|question|source|section|allow)\s"
    r"|^\s*[\w-]+(?:\s*\+\s*[\w-]+)*\s+(?:supports?|rebuts|attacks|undercuts|contradicts|accepts|rejects)\s",
    re.M,
)
_ARGDOWN = re.compile(r"^\s*(?:\[[^\]\n]+\]|<[^>\n]+>)\s*(?::|$)|^\s*(?:[-+_]|<?[-+_]>?|><)\s+[\[<]", re.M)


def _looks_like(text: str) -> str | None:
    """The format text that is not JSON plainly is, if it is one argmap knows."""
    head = text[:4000]
    if _ARGMAP_TEXT.search(head):
        return "argmap text"
    if _ARGDOWN.search(head) or head.lstrip().startswith("==="):
        return "Argdown"
    return None


def _decode(text: str | bytes) -> object:
    try:
        return json.loads(text)
    except RecursionError:
        raise InterchangeError("not AIF: the JSON is nested too deeply to read") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        other = _looks_like(text)
        if other is not None:
            hint = "argmap" if other == "argmap text" else "argdown"
            raise InterchangeError(
                f"not AIF: this looks like {other}, not JSON",
                hint=f"read it with --from {hint} (argmap.import_(text, from_={hint!r}))",
            ) from None
        if isinstance(exc, json.JSONDecodeError):
            raise InterchangeError(f"line {exc.lineno} column {exc.colno}: not JSON ({exc.msg})") from None
        raise InterchangeError(f"not JSON: {exc}") from None
    except ValueError as exc:  # Python's limit on the digits of an integer (4,300 by default)
        reason = str(exc).split(";")[0]
        raise InterchangeError(f"not AIF: the JSON cannot be read, a number is too long ({reason})") from None


def read(text: str | bytes, *, path: str | None = None) -> Imported:
    """Read AIF JSON: the map, and what could not be represented in it."""
    doc = _decode(text)
    at = "$."
    if isinstance(doc, dict) and isinstance(doc.get("AIF"), dict):  # OVA3 wraps it
        doc, at = doc["AIF"], "$.AIF."
    if not isinstance(doc, dict):
        raise InterchangeError(f"not AIF: the document is {_kind(doc)}, not a JSON object")
    if doc.get("format") == "argmap" and "nodes" not in doc:
        raise InterchangeError(
            "not AIF: this is argmap JSON",
            hint="read it with --from json (argmap.import_(text, from_='json'))",
        )
    graph = _Graph(doc, at)
    ext = doc.get("argmap")
    lost = _Lost()
    if isinstance(ext, dict) and ext.get("version") in _READABLE_VERSIONS:
        try:
            elements = _Extension(graph, ext, f"{at}argmap").read()
        except _Mismatch as exc:
            lost.add(
                "'argmap' extension that does not match the AIF nodes",
                f"{exc}; read as plain AIF",
            )
        else:
            return Imported(ArgumentMap(elements, path=path))
    elif ext is not None:
        lost.add("'argmap' extension of a version this argmap does not know", "read as plain AIF")
    reader = _Reader(graph)
    reader.plain()
    lost.groups.update(reader.lost.groups)
    unrepresented = lost.items()
    every = (*reader.people, *reader.elements)
    return Imported(ArgumentMap(every, path=path), tuple(map(str, unrepresented)), unrepresented)


def loads(text: str | bytes, *, path: str | None = None) -> ArgumentMap:
    """The map in AIF JSON text. What it cannot represent is listed by :func:`read`."""
    return read(text, path=path).map
