"""What the AIF reader and writer share: the illocutions argmap reads, what is listed as not
represented, and the document's nodes and edges read with the JSON path of every error."""

from __future__ import annotations

from typing import Any

import attrs

from argmap.errors import InterchangeError
from argmap.model import (
    Contradiction,
    Rebuttal,
    Support,
    Undercut,
)
from argmap.util.limits import current, exceeded

#: The version of the ``argmap`` extension written; versions 1 and 2 are read.
EXTENSION_VERSION = 2
_READABLE_VERSIONS = (1, 2)

#: Illocutions (YA texts, lower case) read as holding a claim, and as rejecting one.
ACCEPTING = frozenset(
    {
        "asserting",
        "agreeing",
        "restating",
        "conceding",
        "popular conceding",
        "assertive questioning",
        "default illocuting",
    }
)
REJECTING = frozenset({"disagreeing", "denying", "arguing against"})
#: Illocutions read, on an RA or CA node, as putting the relation forward (its ``by``).
ARGUING = frozenset({"arguing", "default illocuting"})
#: Scheme names that say nothing (a relation without a scheme).
_NO_SCHEME = frozenset(
    {"", "default inference", "default conflict", "inference", "conflict", "ra", "ca", "default"}
)
_RELATION_TYPES = (Support, Rebuttal, Undercut, Contradiction)


@attrs.frozen
class Unrepresented:
    """Something the source says that the map cannot: what it is (``kind``), how many there
    were, where (node ids, the first few) and what became of them."""

    kind: str
    count: int
    where: tuple[str, ...]
    what: str

    def __str__(self) -> str:
        shown = ", ".join(self.where[:8]) + (", ..." if len(self.where) > 8 else "")
        return f"{self.kind}: {self.count}" + (f" ({shown})" if shown else "") + f"; {self.what}"


# ---- import: reading the document's shape ---------------------------------------------------------
def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _shape(where: str, expected: str, value: object) -> InterchangeError:
    return InterchangeError(f"{where}: expected {expected}, got {_kind(value)}")


def _node_id(value: object, where: str) -> str:
    """A node id: AIFdb writes strings, OVA numbers."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise _shape(where, "a node id (a string or a whole number)", value)


def _list(value: object, where: str, *, missing_ok: bool = True) -> list[Any]:
    if value is None and missing_ok:
        return []
    if not isinstance(value, list):
        raise _shape(where, "a list", value)
    return value


def _text_of(value: object, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise _shape(where, "a string", value)


class _Graph:
    """The nodes and edges of an AIF document, with look-ups."""

    def __init__(self, doc: dict[str, Any], at: str) -> None:
        raw_nodes = doc.get("nodes")
        if not isinstance(raw_nodes, list):
            raise InterchangeError(
                f"{at.rstrip('.')}: not AIF: expected an object with a list 'nodes' (and 'edges')"
            )
        raw_edges = _list(doc.get("edges"), f"{at}edges")
        self.nodes: dict[str, dict[str, Any]] = {}
        text_limit = current().text_length
        self.types: dict[str, str] = {}
        self.texts: dict[str, str] = {}
        for i, n in enumerate(raw_nodes):
            where = f"{at}nodes[{i}]"
            if not isinstance(n, dict):
                raise _shape(where, "an object", n)
            if "nodeID" not in n or "type" not in n:
                raise InterchangeError(f"{where}: a node needs 'nodeID' and 'type'")
            node = _node_id(n["nodeID"], f"{where}.nodeID")
            self.nodes[node] = n
            self.types[node] = _text_of(n["type"], f"{where}.type").strip().upper()
            self.texts[node] = text = _text_of(n.get("text"), f"{where}.text")
            if len(text) > text_limit:
                raise exceeded("text_length", len(text), text_limit, f"{where}.text")
        self.into: dict[str, list[str]] = {k: [] for k in self.nodes}
        self.out: dict[str, list[str]] = {k: [] for k in self.nodes}
        self.dangling: list[str] = []
        for i, e in enumerate(raw_edges):
            where = f"{at}edges[{i}]"
            if not isinstance(e, dict):
                raise _shape(where, "an object", e)
            if "fromID" not in e or "toID" not in e:
                raise InterchangeError(f"{where}: an edge needs 'fromID' and 'toID'")
            a, b = _node_id(e["fromID"], f"{where}.fromID"), _node_id(e["toID"], f"{where}.toID")
            if a not in self.nodes or b not in self.nodes:
                self.dangling.append(_text_of(e.get("edgeID", i), f"{where}.edgeID"))
                continue
            self.out[a].append(b)
            self.into[b].append(a)
        #: OVA's scheme ids (``schemefulfillments``, or a node's ``schemeID``): node -> id
        self.scheme_ids: dict[str, str] = {}
        fulfilled = [(f"{at}nodes[{i}]", n) for i, n in enumerate(raw_nodes)]
        fulfilled += [
            (f"{at}schemefulfillments[{i}]", f)
            for i, f in enumerate(_list(doc.get("schemefulfillments"), f"{at}schemefulfillments"))
        ]
        for where, f in fulfilled:
            if not isinstance(f, dict):
                raise _shape(where, "an object", f)
            if "nodeID" in f and f.get("schemeID") not in (None, ""):
                scheme = _node_id(f["schemeID"], f"{where}.schemeID")[:40]
                self.scheme_ids[_node_id(f["nodeID"], f"{where}.nodeID")] = scheme
        self.speaker: dict[str, str] = {}
        self.stray_locutions: list[str] = []  # 'locutions' entries of nodes that are no L-node
        for i, loc in enumerate(_list(doc.get("locutions"), f"{at}locutions")):
            where = f"{at}locutions[{i}]"
            if not isinstance(loc, dict):
                raise _shape(where, "an object", loc)
            if "nodeID" not in loc:
                continue
            node = _node_id(loc["nodeID"], f"{where}.nodeID")
            if self.types.get(node) != "L":
                self.stray_locutions.append(node)
                continue
            if loc.get("personID") is not None:
                self.speaker[node] = _node_id(loc["personID"], f"{where}.personID")
        self.people: dict[str, str] = {}
        for i, p in enumerate(_list(doc.get("participants"), f"{at}participants")):
            where = f"{at}participants[{i}]"
            if not isinstance(p, dict):
                raise _shape(where, "an object", p)
            if "participantID" not in p:
                continue
            parts = [_text_of(p.get(k), f"{where}.{k}").strip() for k in ("firstname", "surname")]
            self.people[_node_id(p["participantID"], f"{where}.participantID")] = " ".join(
                part for part in parts if part
            )

    def type(self, node: str) -> str:
        return self.types[node]

    def text(self, node: str) -> str:
        return self.texts[node]

    def scheme(self, node: str) -> str | None:
        """The argument scheme an RA/CA node names (its ``scheme``, else its text), if any."""
        value = self.nodes[node].get("scheme")
        name = value if isinstance(value, str) and value.strip() else self.texts[node]
        name = " ".join(name.split())
        return None if name.lower() in _NO_SCHEME else name


def _a(kind: str) -> str:
    """A node type with its article, as it is read aloud ("an RA", "a CA")."""
    return ("an " if kind[:1] in tuple("AEFHILMNORSX") else "a ") + kind
