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
from array import array
from collections.abc import Iterator
from json.encoder import encode_basestring as _encode
from typing import Any

import attrs

from argmap.errors import InterchangeError, InvalidElementError
from argmap.formats.writer import VERB_IDS
from argmap.model import (
    Allow,
    ArgumentMap,
    Claim,
    ClaimKind,
    Contradiction,
    Element,
    Perspective,
    Question,
    Quote,
    Rebuttal,
    Relation,
    Section,
    Source,
    Stance,
    Support,
    Title,
    Undercut,
    is_valid_id,
)

__all__ = ["Imported", "Unrepresented", "chunks", "dumps", "export_notes", "loads", "read", "to_dict"]

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


@attrs.frozen
class Imported:
    """An imported map and what the source said that the map cannot (:attr:`unrepresented`,
    and as one sentence each, :attr:`notes`)."""

    map: ArgumentMap
    notes: tuple[str, ...] = ()
    unrepresented: tuple[Unrepresented, ...] = ()


# ---- export ---------------------------------------------------------------------------------------
def _scheme_text(e: Relation) -> str:
    if e.scheme is not None:
        return e.scheme
    return "Default Inference" if isinstance(e, Support) else "Default Conflict"


def _put(entry: dict[str, Any], key: str, value: object) -> None:
    """Set ``key`` when ``value`` says something (the extension leaves out empty fields)."""
    if value is not None and value != ():
        entry[key] = list(value) if isinstance(value, tuple) else value


#: How many nodes (or edges, or entries) go into one piece of the streamed text.
_BATCH = 2000


class _Writer:
    """Writes the document as a stream of text pieces, in one pass over the map.

    The nodes go out as they are made (in the order of their ids); what follows them (edges,
    locutions, participants, the extension) is kept compactly until the nodes are done: edges
    and locutions as arrays of numbers, extension entries as their JSON text. So a big map's
    export holds neither the whole text nor a tree of dicts (issue 20: memory per claim)."""

    def __init__(self, m: ArgumentMap) -> None:
        self.m = m
        self.count = 0  # nodes made; a node's id is its number
        self.batch: list[str] = []
        self.edges = array("q")  # from, to, from, to ...
        self.locutions = array("q")  # node, participant, node, participant ...
        self.timestamps: dict[int, str] = {}
        self.participants: list[str] = []
        self.person: dict[str, int] = {}
        self.names: dict[str, str] = {}
        self.claim_node: dict[str, int] = {}
        self.claim_text: dict[str, str] = {}
        #: relation name -> its S-nodes (the first relation of that name)
        self.relation_nodes: dict[str, list[int]] = {}
        self.entries: list[str] = []

    def node(self, kind: str, text: str, scheme: str | None = None, timestamp: str | None = None) -> int:
        self.count += 1
        extra = ""
        if scheme is not None:
            extra += f',"scheme":{_encode(scheme)}'
        if timestamp is not None:
            extra += f',"timestamp":{_encode(timestamp)}'
        comma = "," if self.count > 1 else ""
        self.batch.append(f'{comma}{{"nodeID":"{self.count}","text":{_encode(text)},"type":"{kind}"{extra}}}')
        return self.count

    def edge(self, source: int, target: int) -> None:
        self.edges.append(source)
        self.edges.append(target)

    def name_of(self, perspective: str) -> str:
        name = self.names.get(perspective)
        if name is None:
            try:
                name = self.m.perspective(perspective).name
            except KeyError:
                name = perspective
            self.names[perspective] = name
        return name

    def speaker(self, perspective: str) -> int:
        """The participant for a perspective (made on first use)."""
        pid = self.person.get(perspective)
        if pid is None:
            pid = self.person[perspective] = len(self.participants) + 1
            first, _, last = self.name_of(perspective).partition(" ")
            self.participants.append(
                f'{{"participantID":"{pid}","firstname":{_encode(first)},"surname":{_encode(last)}}}'
            )
        return pid

    def anchor(
        self, perspective: str, target: int, illocution: str, said: str, date: str | None = None
    ) -> str:
        """``L -> YA(illocution) -> target``, the locution spoken by the perspective; its id."""
        loc = self.node("L", f"{self.name_of(perspective)} : {said}", timestamp=date)
        self.locutions.append(loc)
        self.locutions.append(self.speaker(perspective))
        if date is not None:
            self.timestamps[loc] = date
        ya = self.node("YA", illocution)
        self.edge(loc, ya)
        self.edge(ya, target)
        return str(loc)

    def claim_ref(self, claim_id: str) -> int:
        """The I-node of a claim; a referenced claim the map never defines gets one of its own."""
        node = self.claim_node.get(claim_id)
        if node is None:
            node = self.claim_node[claim_id] = self.node("I", claim_id)
            self.entries.append(_entry({"type": "undefined-claim", "node": str(node), "id": claim_id}))
        return node

    def quotes(self, quotes: tuple[Quote, ...], target: int, illocution: str) -> list[dict[str, Any]]:
        out = []
        for q in quotes:
            entry: dict[str, Any] = {"text": q.text}
            if q.speaker is not None:
                entry["locution"] = self.anchor(q.speaker, target, illocution, q.text, q.date)
            else:
                _put(entry, "date", q.date)
            _put(entry, "source", q.source)
            _put(entry, "locator", q.locator)
            out.append(entry)
        return out

    def flush(self) -> str:
        text = "".join(self.batch)
        self.batch.clear()
        return text

    def run(self) -> Iterator[str]:
        m = self.m
        yield '{"nodes":['
        # I-nodes first (in order) and then the relations' S-nodes, so that relations and
        # undercuts can point at claims and relations written later
        claim_nodes: list[int] = []
        for e in m.elements:
            if isinstance(e, Claim):
                node = self.node("I", e.text)
                claim_nodes.append(node)
                if e.id not in self.claim_node:
                    self.claim_node[e.id] = node
                    self.claim_text[e.id] = e.text
                if len(self.batch) >= _BATCH:
                    yield self.flush()
        relation_nodes: list[list[int]] = []
        for e in m.elements:
            if isinstance(e, _RELATION_TYPES):
                kind = "RA" if isinstance(e, Support) else "CA"
                text = _scheme_text(e)
                nodes = [self.node(kind, text, e.scheme)]
                if isinstance(e, Contradiction):
                    nodes.append(self.node(kind, text, e.scheme))
                relation_nodes.append(nodes)
                if e.name is not None:
                    self.relation_nodes.setdefault(e.name, nodes)
                if len(self.batch) >= _BATCH:
                    yield self.flush()
        claims, relations = iter(claim_nodes), iter(relation_nodes)
        for e in m.elements:
            self.entries.append(_entry(self.element(e, claims, relations)))
            if len(self.batch) >= _BATCH:
                yield self.flush()
        yield self.flush()
        yield '],"edges":['
        edges = self.edges
        for start in range(0, len(edges), 2 * _BATCH):
            yield ",".join(
                f'{{"edgeID":"{k // 2 + 1}","fromID":"{edges[k]}","toID":"{edges[k + 1]}"}}'
                for k in range(start, min(start + 2 * _BATCH, len(edges)), 2)
            ) + ("," if start + 2 * _BATCH < len(edges) else "")
        yield '],"locutions":['
        locs, stamps = self.locutions, self.timestamps
        yield ",".join(
            f'{{"nodeID":"{locs[k]}","personID":"{locs[k + 1]}"'
            + (f',"timestamp":{_encode(stamps[locs[k]])}}}' if locs[k] in stamps else "}")
            for k in range(0, len(locs), 2)
        )
        yield '],"participants":['
        yield ",".join(self.participants)
        yield f'],"argmap":{{"version":{EXTENSION_VERSION},"elements":['
        for start in range(0, len(self.entries), _BATCH):
            piece = ",".join(self.entries[start : start + _BATCH])
            yield piece if start + _BATCH >= len(self.entries) else piece + ","
        speakers = {str(pid): perspective for perspective, pid in self.person.items()}
        yield f'],"speakers":{_entry(speakers)}}}}}\n'

    def element(self, e: Element, claims: Iterator[int], relations: Iterator[list[int]]) -> dict[str, Any]:
        entry: dict[str, Any]
        if isinstance(e, Title):
            entry = {"type": "title", "text": e.text}
        elif isinstance(e, Source):
            entry = {"type": "source", "id": e.id, "title": e.title}
            for key in ("url", "date", "author", "note", "file", "allow"):
                _put(entry, key, getattr(e, key))
        elif isinstance(e, Perspective):
            entry = {
                "type": "perspective",
                "id": e.id,
                "name": e.name,
                "participant": str(self.speaker(e.id)),
            }
            for key in ("role", "color", "note", "allow"):
                _put(entry, key, getattr(e, key))
        elif isinstance(e, Question):
            entry = {"type": "question", "id": e.id, "text": e.text}
            for key in ("tags", "note", "asked_by", "allow"):
                _put(entry, key, getattr(e, key))
        elif isinstance(e, Section):
            entry = {"type": "section", "id": e.id, "title": e.title}
            for key in ("parent", "note", "allow"):
                _put(entry, key, getattr(e, key))
        elif isinstance(e, Allow):
            entry = {"type": "allow", "codes": list(e.codes)}
            _put(entry, "reason", e.reason)
        elif isinstance(e, Claim):
            node = next(claims)
            entry = {"type": "claim", "node": str(node), "id": e.id}
            if e.kind is not None:
                entry["kind"] = e.kind.value
            for key in ("answers", "tags", "sources", "note", "date", "allow", "title", "base"):
                _put(entry, key, getattr(e, key))
            _put(entry, "sides", tuple([q, side] for q, side in e.sides))
            _put(entry, "quotes", tuple(self.quotes(e.quotes, node, "Asserting")))
        elif isinstance(e, _RELATION_TYPES):
            entry = self.relation(e, next(relations))
        elif isinstance(e, Stance):
            entry = self.stance(e)
        else:  # pragma: no cover - the Element union is closed
            raise TypeError(f"not a map element: {e!r}")
        return entry

    def relation(self, e: Relation, nodes: list[int]) -> dict[str, Any]:
        node = nodes[0]
        if isinstance(e, Support):
            kind, verb, illocution = "support", "supports", "Arguing"
            for p in e.premises:
                self.edge(self.claim_ref(p), node)
            self.edge(node, self.claim_ref(e.conclusion))
            said = " + ".join(e.premises) + f" supports {e.conclusion}"
        elif isinstance(e, Contradiction):
            kind, illocution = "contradiction", "Disagreeing"
            left, right = self.claim_ref(e.left), self.claim_ref(e.right)
            self.edge(left, nodes[0])
            self.edge(nodes[0], right)
            self.edge(right, nodes[1])
            self.edge(nodes[1], left)
            said = f"{e.left} contradicts {e.right}"
        else:
            illocution = "Disagreeing"
            kind, verb = ("rebuttal", "rebuts") if isinstance(e, Rebuttal) else ("undercut", "undercuts")
            for a in e.attackers:
                self.edge(self.claim_ref(a), node)
            if isinstance(e, Rebuttal):
                self.edge(node, self.claim_ref(e.target))
            else:
                for target in self.relation_nodes.get(e.target, ()):
                    self.edge(node, target)
            said = " + ".join(e.attackers) + f" {verb} {e.target}"
        entry: dict[str, Any] = {"type": kind, "node": str(node)}
        if isinstance(e, Contradiction):
            entry["back"] = str(nodes[1])
        if isinstance(e, Undercut):
            entry["target"] = e.target
        _put(entry, "name", e.name)
        entry["by"] = [self.anchor(p, node, illocution, said) for p in e.by]
        for key in ("note", "tags", "sources", "allow", "scheme"):
            _put(entry, key, getattr(e, key))
        _put(entry, "quotes", tuple(self.quotes(e.quotes, node, illocution)))
        return entry

    def stance(self, e: Stance) -> dict[str, Any]:
        claim = self.claim_node.get(e.target)
        if claim is None and e.target in self.relation_nodes:
            target = self.relation_nodes[e.target][0]
            illocution = "Agreeing" if e.accepts else "Denying"
            said = e.target
        else:
            target = self.claim_ref(e.target)
            illocution = "Asserting" if e.accepts else "Disagreeing"
            said = self.claim_text.get(e.target, e.target)
        entry: dict[str, Any] = {
            "type": "stance",
            "locution": self.anchor(e.perspective, target, illocution, said, e.date),
        }
        if e.inline:
            entry["inline"] = True
        _put(entry, "note", e.note)
        _put(entry, "date", e.date)
        _put(entry, "allow", e.allow)
        return entry


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
#: A value as compact JSON text (one encoder for all: ``json.dumps`` with options makes one per call).
_entry = _ENCODER.encode


def chunks(m: ArgumentMap) -> Iterator[str]:
    """The map as compact AIF JSON text, in pieces (write them one after the other: a big map's
    export never holds its whole text)."""
    return _Writer(m).run()


def dumps(m: ArgumentMap, *, indent: int | None = None) -> str:
    """The map as AIF JSON text: compact (one line) by default, for machines; ``indent`` lays
    it out for people (slower: Python's JSON encoder has no fast path for indentation)."""
    text = "".join(chunks(m))
    if indent is None:
        return text
    return json.dumps(json.loads(text), ensure_ascii=False, indent=indent) + "\n"


def to_dict(m: ArgumentMap) -> dict[str, Any]:
    """The map as an AIF JSON-ready dict (see the module's documentation for the mapping)."""
    doc: dict[str, Any] = json.loads(dumps(m))
    return doc


def export_notes(m: ArgumentMap) -> list[str]:
    """What an AIF export cannot say in AIF's own nodes, one sentence each (it is kept in the
    ``argmap`` extension, so argmap reads it back; other AIF tools will not see it)."""
    named = {e.name for e in m.relations if e.name is not None}
    return [
        f"undercut of '{u.target}': no relation has that name; its CA-node has no target "
        "(the name is kept in the 'argmap' extension)"
        for u in m.undercuts
        if u.target not in named
    ]


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
            self.texts[node] = _text_of(n.get("text"), f"{where}.text")
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


# ---- import: plain AIF ----------------------------------------------------------------------------
_SLUG = re.compile(r"[^\w-]+")


class _Lost:
    """What the reader could not represent, grouped by kind (in the order first met)."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, str], list[str]] = {}

    def add(self, kind: str, what: str, where: str | None = None) -> None:
        group = self.groups.setdefault((kind, what), [])
        if where is not None:
            group.append(where)
        elif not group:
            group.append("")

    def items(self) -> tuple[Unrepresented, ...]:
        out = []
        for (kind, what), where in self.groups.items():
            places = tuple(dict.fromkeys(w for w in where if w))
            out.append(Unrepresented(kind, max(len(where), 1), places, what))
        return tuple(out)


def _names(name: str) -> set[str]:
    """The ways a participant's name may be written as a locution's label."""
    words = name.lower().split()
    return {" ".join(words), words[0], words[-1]} if words else set()


def _speaker_label(text: str) -> str | None:
    """The speaker's label at the start of a locution ("CL : words", OVA3's "Rachel: words")."""
    head, sep, _rest = text.partition(" : ")
    if not sep:
        head, sep, _rest = text.partition(": ")
    head = head.strip()
    return head if sep and 0 < len(head) <= 40 and "\n" not in head else None


def _without_label(text: str, label: str | None) -> str:
    """The locution's words, the speaker's label taken off."""
    if label is not None:
        for sep in (" : ", ": "):
            head, found, rest = text.partition(sep)
            if found and head.strip() == label:
                return rest.strip()
    return text.strip()


class _Reader:
    def __init__(self, graph: _Graph) -> None:
        self.g = graph
        self.lost = _Lost()
        self.elements: list[Element] = []
        self.claim_of: dict[str, str] = {}  # I-node -> claim id
        self.relation_of: dict[str, str] = {}  # RA/CA-node -> relation name (when named)
        self.perspective_of: dict[str, str] = {}  # personID -> perspective id
        self.used_ids: set[str] = set(VERB_IDS)  # never made: the writer cannot write them
        self.suffix: dict[str, int] = {}
        self.people: list[Element] = []  # perspectives made for speakers (they go first)
        self.by_label: dict[str, str] = {}  # lower-case name -> personID, for unregistered labels
        self.ok: set[str] = set()  # the RA and CA nodes that become relations
        for pid, name in graph.people.items():
            for way in _names(name):
                self.by_label.setdefault(way, pid)
        # a locution with a speaker in 'locutions' names that speaker for the labels of those
        # without one ("Rachel: B" is the Rachel of another locution)
        for node, pid in graph.speaker.items():
            if node in graph.nodes and graph.type(node) == "L":
                label = _speaker_label(graph.text(node))
                if label is not None and not graph.people.get(pid):
                    self.by_label.setdefault(" ".join(label.lower().split()), pid)

    # -- names --
    def fresh(self, wanted: str, prefix: str) -> str:
        base = _SLUG.sub("-", wanted).strip("-")
        if not base or not is_valid_id(base):
            base = prefix
        candidate = base
        if candidate in self.used_ids:
            # the next free number after the last one given for this base (linear, whatever
            # how many speakers share a name)
            n = self.suffix.get(base, 2)
            while f"{base}-{n}" in self.used_ids:
                n += 1
            candidate = f"{base}-{n}"
            self.suffix[base] = n + 1
        self.used_ids.add(candidate)
        return candidate

    def claim_id(self, node: str) -> str:
        if node not in self.claim_of:
            self.claim_of[node] = self.fresh(f"i{node}", "i")
        return self.claim_of[node]

    def relation_name(self, node: str) -> str:
        if node not in self.relation_of:
            prefix = "ra" if self.g.type(node) == "RA" else "ca"
            self.relation_of[node] = self.fresh(f"{prefix}{node}", prefix)
        return self.relation_of[node]

    def person(self, person_id: str, label: str | None) -> str:
        if person_id not in self.perspective_of:
            name = self.g.people.get(person_id, "") or label or ""
            pid = self.fresh(name.lower() if name else f"p{person_id}", "p")
            self.perspective_of[person_id] = pid
            self.people.append(Perspective(pid, name or f"participant {person_id}"))
        return self.perspective_of[person_id]

    def speaker_of(self, node: str) -> str | None:
        """The perspective that said locution ``node`` (or, for a TA, the locution it leads to)."""
        kind = self.g.type(node)
        if kind == "L":
            person = self.g.speaker.get(node)
            label = _speaker_label(self.g.text(node))
            if person is None:
                if label is None:
                    return None
                # a label naming a participant is that participant (one speaker, one perspective)
                person = self.by_label.get(" ".join(label.lower().split()))
                if person is None:
                    person = self.by_label[label.lower()] = f"label:{label}"
            return self.person(person, label)
        if kind == "TA":
            targets = [t for t in self.g.out[node] if self.g.type(t) == "L"]
            return self.speaker_of(targets[0]) if targets else None
        return None

    def words(self, loc: str) -> str:
        """What locution ``loc`` says, its speaker's label taken off (AIFdb's ``CL : words``,
        OVA3's ``Rachel: words``) when the label is the speaker's."""
        text = self.g.text(loc)
        label = _speaker_label(text)
        person = self.g.speaker.get(loc)
        if label is not None and person is not None:
            name = self.g.people.get(person, "")
            if name and label.lower() not in _names(name) | {name.lower()}:
                label = None
        return _without_label(text, label)

    def role(self, node: str, illocution: str, source: str) -> str | None:
        """What an illocution anchoring relation ``node`` says: "by" (the speaker puts the
        relation forward), "accept" or "reject" (a stance on it), or None (argmap cannot say)."""
        if illocution in ARGUING or (illocution == "disagreeing" and self.g.type(node) == "CA"):
            return "by"
        if self.g.type(source) != "L":
            return None
        if illocution in ACCEPTING:
            return "accept"
        return "reject" if illocution in REJECTING else None

    def readable(self) -> set[str]:
        """The RA and CA nodes that become relations (an undercut needs its target to be one):
        an RA with a premise and a conclusion; a CA with an attacker and a target that is a
        claim or such a relation (a worklist, so a long chain of attacks on attacks is linear)."""
        g = self.g
        ok: set[str] = set()
        todo: list[str] = []
        for n, kind in g.types.items():
            if kind == "RA":
                if any(g.type(p) == "I" for p in g.into[n]) and any(g.type(c) == "I" for c in g.out[n]):
                    ok.add(n)
                    todo.append(n)
            elif (
                kind == "CA"
                and any(g.type(a) == "I" for a in g.into[n])
                and any(g.type(t) == "I" for t in g.out[n])
            ):
                ok.add(n)
                todo.append(n)
        while todo:
            target = todo.pop()
            for n in g.into[target]:
                if n not in ok and g.type(n) == "CA" and any(g.type(a) == "I" for a in g.into[n]):
                    ok.add(n)
                    todo.append(n)
        return ok

    def plain(self) -> None:
        g = self.g
        anchors: dict[str, list[tuple[str, str, str, str]]] = {}  # target -> (who, illocution, locution)
        used_locutions: set[str] = set()
        for ya, kind in g.types.items():
            if kind == "YA":
                self.plain_anchor(ya, anchors, used_locutions)
        self.ok = self.readable()
        # relations that something attacks or takes a stance on need names
        for node in g.nodes:
            if node in self.ok:
                attacked = any(g.type(x) == "CA" and x in self.ok for x in g.into[node])
                stanced = any(
                    self.role(node, illocution, loc) in ("accept", "reject")
                    for _who, illocution, loc, _ya in anchors.get(node, ())
                )
                if attacked or stanced:
                    self.relation_name(node)
        for node, kind in g.types.items():
            if kind == "I":
                self.plain_claim(node, anchors.get(node, []))
        for node, kind in g.types.items():
            where = f"node {node}"
            if kind == "RA":
                self.plain_support(node, anchors.get(node, []))
            elif kind == "CA":
                self.plain_conflict(node, anchors.get(node, []))
            elif kind == "MA":
                self.lost.add("MA node (rephrase)", "argmap has no rephrase relation; left out", where)
            elif kind == "PA":
                self.lost.add("PA node (preference)", "argmap has no preferences; left out", where)
            elif kind == "TA":
                self.lost.add(
                    "TA node (transition between locutions)",
                    "the dialogue's order has no place in argmap; left out (who argued what is kept "
                    "through the YA nodes they anchor)",
                    where,
                )
            elif kind == "L":
                if node in used_locutions:
                    continue
                if not g.into[node] and not g.out[node]:
                    self.lost.add("isolated L node (a locution linked to nothing)", "left out", where)
                else:
                    self.lost.add(
                        "L node anchoring no claim or relation",
                        "argmap keeps what was said only as quotes, stances and 'by'; left out",
                        where,
                    )
            elif kind not in ("I", "YA"):
                self.lost.add(
                    f"node of type {kind!r}", "not a kind of AIF node argmap knows; left out", where
                )
        for loc in g.stray_locutions:
            self.lost.add(
                "'locutions' entry for a node that is not an L-node of the document",
                "left out",
                f"node {loc}",
            )
        for edge in g.dangling:
            self.lost.add("edge to a node not in the document", "left out", f"edge {edge}")

    def shown(self, ya: str) -> str:
        return " ".join(self.g.text(ya).split())[:60] or "(no text)"

    def plain_anchor(
        self, ya: str, anchors: dict[str, list[tuple[str, str, str, str]]], used: set[str]
    ) -> None:
        """One YA node: who said it, what it anchors; kept for the claims and relations it
        anchors, listed otherwise."""
        g = self.g
        illocution = " ".join(g.text(ya).lower().split())
        shown = self.shown(ya)
        where = f"node {ya}"
        sources = [s for s in g.into[ya] if g.type(s) in ("L", "TA")]
        targets = g.out[ya]
        kept = [t for t in targets if g.type(t) in ("I", "RA", "CA")]
        if not sources or not kept:
            ends = sorted({g.type(x) for x in g.into[ya] + targets}) or ["no"]
            self.lost.add(
                f"YA node '{shown}' between {' and '.join(ends)} nodes",
                "argmap anchors what was said only in claims and relations; left out",
                where,
            )
            return
        for source in sources:
            who = self.speaker_of(source)
            if who is None:
                self.lost.add(f"YA node '{shown}' from a locution without a speaker", "left out", where)
                continue
            for t in kept:
                anchors.setdefault(t, []).append((who, illocution, source, ya))
                if g.type(source) == "L":
                    used.add(source)
        for t in targets:
            if t not in kept:
                self.lost.add(
                    f"YA node '{shown}' anchoring a {g.type(t)} node",
                    "argmap anchors what was said only in claims and relations; left out",
                    where,
                )

    def plain_claim(self, node: str, anchors: list[tuple[str, str, str, str]]) -> None:
        """An I-node: a claim, held (or rejected) by whoever asserted (or disputed) it; the words
        of each locution, where they differ from the claim's text, become a quote."""
        claim = self.claim_id(node)
        stances: dict[tuple[str, bool], Stance] = {}
        quotes: list[Quote] = []
        for who, illocution, loc, ya in anchors:
            if illocution in ACCEPTING or illocution in REJECTING:
                accepts = illocution in ACCEPTING
                stances.setdefault((who, accepts), Stance(who, claim, accepts, True))
                if self.g.type(loc) == "L":
                    said = self.words(loc)
                    if said and said != self.g.text(node).strip():
                        quotes.append(Quote(said, who))
            else:
                self.lost.add(
                    f"YA node '{self.shown(ya)}' on a claim",
                    "neither an assertion nor a disagreement; no stance made",
                    f"node {ya}",
                )
        self.elements.append(Claim(claim, self.g.text(node), quotes=quotes))
        self.elements.extend(stances.values())

    def relation_anchors(
        self, node: str, anchors: list[tuple[str, str, str, str]]
    ) -> tuple[list[str], list[Stance]]:
        """``by`` and the stances on the relation at ``node``."""
        by: dict[str, None] = {}
        stances: dict[tuple[str, bool], Stance] = {}
        for who, illocution, loc, ya in anchors:
            role = self.role(node, illocution, loc)
            if role == "by":
                by[who] = None
            elif role is not None:
                accepts = role == "accept"
                stances.setdefault((who, accepts), Stance(who, self.relation_name(node), accepts))
            else:
                self.lost.add(
                    f"YA node '{self.shown(ya)}' on a relation",
                    "neither arguing, agreeing nor disagreeing; left out",
                    f"node {ya}",
                )
        return list(by), list(stances.values())

    def plain_support(self, ra: str, anchors: list[tuple[str, str, str, str]]) -> None:
        g = self.g
        where = f"node {ra}"
        for o in g.into[ra]:
            if g.type(o) not in ("I", "YA", "CA"):
                self.lost.add(
                    f"{g.type(o)} node as a premise of an RA node",
                    "argmap premises are claims; left out",
                    where,
                )
        for o in g.out[ra]:
            if g.type(o) != "I":
                self.lost.add(
                    f"RA node concluding a {g.type(o)} node", "argmap supports end in claims; left out", where
                )
        if ra not in self.ok:
            self.lost.add("RA node without a premise or a conclusion", "left out", where)
            return
        premises = [self.claim_id(p) for p in g.into[ra] if g.type(p) == "I"]
        conclusions = [c for c in g.out[ra] if g.type(c) == "I"]
        by, stances = self.relation_anchors(ra, anchors)
        scheme = g.scheme(ra)
        for k, c in enumerate(conclusions):
            name = self.relation_of.get(ra) if k == 0 else None
            self.elements.append(Support(premises, self.claim_id(c), name, by, scheme=scheme))
        self.elements.extend(stances)

    def plain_conflict(self, ca: str, anchors: list[tuple[str, str, str, str]]) -> None:
        g = self.g
        where = f"node {ca}"
        for o in g.into[ca]:
            if g.type(o) not in ("I", "YA", "CA"):
                self.lost.add(
                    f"{g.type(o)} node attacking through a CA node",
                    "argmap attackers are claims; left out",
                    where,
                )
        if ca not in self.ok:
            if any(g.type(a) == "I" for a in g.into[ca]) and g.out[ca]:
                self.lost.add(
                    "CA node attacking only nodes that are no relation",
                    "what it attacks lacks its own ends; left out",
                    where,
                )
            else:
                self.lost.add("CA node without an attacker or a target", "left out", where)
            return
        attackers = [self.claim_id(a) for a in g.into[ca] if g.type(a) == "I"]
        by, stances = self.relation_anchors(ca, anchors)
        scheme = g.scheme(ca)
        name = self.relation_of.get(ca)
        for t in g.out[ca]:
            kind = g.type(t)
            if kind == "I":
                self.elements.append(Rebuttal(attackers, self.claim_id(t), by, name=name, scheme=scheme))
            elif t in self.ok:
                target = self.relation_name(t)
                self.elements.append(Undercut(attackers, target, by, name=name, scheme=scheme))
            elif kind in ("RA", "CA"):
                self.lost.add(
                    f"CA node attacking an {kind} node that is no relation",
                    "what it attacks lacks its own ends; that attack is left out",
                    where,
                )
                continue
            else:
                self.lost.add(
                    f"CA node attacking a {kind} node", "argmap cannot attack that; left out", where
                )
                continue
            name = None  # the name goes to the first relation made from this node
        self.elements.extend(stances)


# ---- import: argmap's own extension ---------------------------------------------------------------
class _Mismatch(Exception):
    """The extension is well formed but does not describe these nodes (the file was edited)."""


class _Fields:
    """One extension entry, read field by field with its JSON path in every error."""

    def __init__(self, value: object, where: str) -> None:
        if not isinstance(value, dict):
            raise _shape(where, "an object", value)
        self.d: dict[str, Any] = value
        self.where = where

    def at(self, key: str) -> str:
        return f"{self.where}.{key}"

    def text(self, key: str) -> str:
        value = self.d.get(key)
        if not isinstance(value, str):
            raise _shape(self.at(key), "a string", value)
        return value

    def opt_text(self, key: str) -> str | None:
        value = self.d.get(key)
        if value is not None and not isinstance(value, str):
            raise _shape(self.at(key), "a string or null", value)
        return value

    def ident(self, key: str) -> str:
        value = self.text(key)
        if not is_valid_id(value):
            raise InterchangeError(f"{self.at(key)}: {value!r} is not an id")
        return value

    def opt_ident(self, key: str) -> str | None:
        return None if self.d.get(key) is None else self.ident(key)

    def texts(self, key: str) -> tuple[str, ...]:
        items = _list(self.d.get(key), self.at(key))
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise _shape(f"{self.at(key)}[{i}]", "a string", item)
        return tuple(items)

    def idents(self, key: str) -> tuple[str, ...]:
        items = self.texts(key)
        for i, item in enumerate(items):
            if not is_valid_id(item):
                raise InterchangeError(f"{self.at(key)}[{i}]: {item!r} is not an id")
        return items

    def node(self, key: str) -> str:
        if key not in self.d:
            raise InterchangeError(f"{self.at(key)}: missing (the AIF node this entry describes)")
        return _node_id(self.d[key], self.at(key))

    def nodes(self, key: str) -> list[str]:
        return [
            _node_id(v, f"{self.at(key)}[{i}]") for i, v in enumerate(_list(self.d.get(key), self.at(key)))
        ]

    def flag(self, key: str) -> bool:
        value = self.d.get(key, False)
        if not isinstance(value, bool):
            raise _shape(self.at(key), "true or false", value)
        return value

    def number(self, key: str) -> float | None:
        value = self.d.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise _shape(self.at(key), "a number or null", value)
        return value

    def items(self, key: str) -> list[_Fields]:
        return [
            _Fields(v, f"{self.at(key)}[{i}]") for i, v in enumerate(_list(self.d.get(key), self.at(key)))
        ]


class _Extension:
    """Rebuild a map from argmap's ``argmap`` object and the AIF nodes it points at."""

    def __init__(self, g: _Graph, ext: dict[str, Any], at: str) -> None:
        self.g = g
        self.at = at
        self.entries = [
            _Fields(e, f"{at}.elements[{i}]")
            for i, e in enumerate(_list(ext.get("elements"), f"{at}.elements"))
        ]
        speakers = ext.get("speakers")
        if speakers is None:
            speakers = {}
        if not isinstance(speakers, dict):
            raise _shape(f"{at}.speakers", "an object (participantID -> perspective id)", speakers)
        self.speakers: dict[str, str] = {}
        for pid, perspective in speakers.items():
            if not is_valid_id(perspective):
                raise InterchangeError(
                    f"{at}.speakers[{pid!r}]: expected a perspective id, got {_kind(perspective)}"
                )
            self.speakers[pid] = perspective
        self.claim_at: dict[str, str] = {}
        self.relation_at: dict[str, str] = {}
        self.accounted: set[str] = set()

    def speaker(self, loc: str, where: str) -> str:
        if loc not in self.g.nodes or self.g.type(loc) != "L":
            raise _Mismatch(f"{where}: node {loc} is not a locution")
        person = self.g.speaker.get(loc)
        if person is None:
            raise _Mismatch(f"{where}: locution {loc} has no speaker in 'locutions'")
        if person not in self.speakers:
            raise InterchangeError(
                f"{self.at}.speakers: no perspective for participant {person!r} "
                f"(the speaker of locution {loc})"
            )
        self.accounted.add(loc)
        return self.speakers[person]

    def anchored(self, loc: str, where: str) -> tuple[str, str, str]:
        """(speaker, illocution, anchored node) of ``loc -> YA -> node``."""
        who = self.speaker(loc, where)
        yas = [y for y in self.g.out[loc] if self.g.type(y) == "YA"]
        if len(yas) != 1 or len(self.g.out[yas[0]]) != 1:
            raise _Mismatch(f"{where}: locution {loc} does not anchor one node")
        self.accounted.add(yas[0])
        return who, " ".join(self.g.text(yas[0]).lower().split()), self.g.out[yas[0]][0]

    def node(self, entry: _Fields, key: str, kind: str) -> str:
        node = entry.node(key)
        if node not in self.g.nodes or self.g.type(node) != kind:
            raise _Mismatch(f"{entry.at(key)}: node {node} is not an {kind}-node")
        self.accounted.add(node)
        return node

    def claim(self, node: str, where: str) -> str:
        if node not in self.claim_at:
            raise _Mismatch(f"{where}: node {node} is not a claim")
        return self.claim_at[node]

    def quotes(self, entry: _Fields, target: str) -> tuple[Quote, ...]:
        out = []
        for q in entry.items("quotes"):
            speaker, date = None, q.opt_text("date")
            if q.d.get("locution") is not None:
                loc = q.node("locution")
                speaker, _illocution, node = self.anchored(loc, q.at("locution"))
                if node != target:
                    raise _Mismatch(f"{q.at('locution')}: locution {loc} is not about its element")
                stamp = self.g.nodes[loc].get("timestamp")
                date = stamp if isinstance(stamp, str) else None
            elif q.d.get("speaker") is not None:
                speaker = q.ident("speaker")
            out.append(Quote(q.text("text"), speaker, q.opt_ident("source"), q.opt_text("locator"), date))
        return tuple(out)

    def by(self, entry: _Fields, node: str) -> tuple[str, ...]:
        out = []
        for i, loc in enumerate(entry.nodes("by")):
            who, _illocution, target = self.anchored(loc, f"{entry.at('by')}[{i}]")
            if target != node:
                raise _Mismatch(f"{entry.at('by')}[{i}]: locution {loc} is not about node {node}")
            out.append(who)
        return tuple(out)

    def read(self) -> list[Element]:
        g = self.g
        # first the names: which node is which claim and which relation
        for entry in self.entries:
            kind = entry.d.get("type")
            if kind in ("claim", "undefined-claim"):
                node = self.node(entry, "node", "I")
                self.claim_at.setdefault(node, entry.ident("id"))
            elif kind in ("support", "rebuttal", "undercut", "contradiction"):
                name = entry.opt_ident("name")
                if name is not None:
                    nodes = [entry.node("node")] + ([entry.node("back")] if kind == "contradiction" else [])
                    for node in nodes:
                        self.relation_at.setdefault(node, name)
        elements: list[Element] = []
        for entry in self.entries:
            element = self.element(entry)
            if element is not None:
                elements.append(element)
        left = [n for n in g.nodes if n not in self.accounted]
        if left:
            shown = ", ".join(left[:5]) + (", ..." if len(left) > 5 else "")
            raise _Mismatch(f"nodes {shown} are not in it")
        return elements

    def element(self, entry: _Fields) -> Element | None:
        g = self.g
        kind = entry.d.get("type")
        try:
            if kind == "title":
                return Title(entry.text("text"))
            if kind == "source":
                return Source(
                    entry.ident("id"),
                    entry.text("title"),
                    entry.opt_text("url"),
                    entry.opt_text("date"),
                    entry.opt_text("author"),
                    entry.opt_text("note"),
                    entry.opt_text("file"),
                    entry.idents("allow"),
                )
            if kind == "perspective":
                return Perspective(
                    entry.ident("id"),
                    entry.text("name"),
                    entry.opt_text("role"),
                    entry.opt_text("color"),
                    entry.opt_text("note"),
                    entry.idents("allow"),
                )
            if kind == "question":
                return Question(
                    entry.ident("id"),
                    entry.text("text"),
                    entry.texts("tags"),
                    entry.opt_text("note"),
                    entry.idents("asked_by"),
                    entry.idents("allow"),
                )
            if kind == "section":
                return Section(
                    entry.ident("id"),
                    entry.text("title"),
                    entry.opt_ident("parent"),
                    entry.opt_text("note"),
                    entry.idents("allow"),
                )
            if kind == "allow":
                return Allow(entry.idents("codes"), entry.opt_text("reason"))
            if kind == "undefined-claim":
                return None
            if kind == "claim":
                node = self.node(entry, "node", "I")
                claim_kind = entry.opt_text("kind")
                sides = []
                for i, pair in enumerate(_list(entry.d.get("sides"), entry.at("sides"))):
                    if not (
                        isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
                    ):
                        raise _shape(f"{entry.at('sides')}[{i}]", "a [question, side] pair", pair)
                    sides.append((pair[0], pair[1]))
                try:
                    kind_value = None if claim_kind is None else ClaimKind(claim_kind)
                except ValueError:
                    raise InterchangeError(
                        f"{entry.at('kind')}: {claim_kind!r} is not a claim kind"
                    ) from None
                return Claim(
                    entry.ident("id"),
                    g.text(node),
                    kind_value,
                    entry.idents("answers"),
                    entry.texts("tags"),
                    entry.idents("sources"),
                    self.quotes(entry, node),
                    entry.opt_text("note"),
                    entry.opt_text("date"),
                    sides,
                    entry.idents("allow"),
                    entry.opt_text("title"),
                    entry.number("base"),
                )
            if kind in ("support", "rebuttal", "undercut", "contradiction"):
                return self.relation(entry, kind)
            if kind == "stance":
                loc = entry.node("locution")
                who, illocution, node = self.anchored(loc, entry.at("locution"))
                if node in self.claim_at and g.type(node) == "I":
                    target = self.claim_at[node]
                elif node in self.relation_at:
                    target = self.relation_at[node]
                else:
                    raise _Mismatch(
                        f"{entry.at('locution')}: locution {loc} anchors no claim or named relation"
                    )
                return Stance(
                    who,
                    target,
                    illocution in ACCEPTING,
                    entry.flag("inline"),
                    entry.opt_text("note"),
                    entry.opt_text("date"),
                    entry.idents("allow"),
                )
        except (InvalidElementError, TypeError) as exc:
            raise InterchangeError(f"{entry.where}: {exc}") from None
        raise InterchangeError(f"{entry.at('type')}: unknown element type {kind!r}")

    def scheme(self, entry: _Fields, node: str) -> str | None:
        """The relation's scheme: the extension's, unless the node says another (edited)."""
        scheme = entry.opt_text("scheme")
        default = "Default Inference" if self.g.type(node) == "RA" else "Default Conflict"
        return scheme if self.g.text(node) == (default if scheme is None else scheme) else self.g.scheme(node)

    def relation(self, entry: _Fields, kind: str) -> Relation:
        g = self.g
        s_kind = "RA" if kind == "support" else "CA"
        node = self.node(entry, "node", s_kind)
        where = entry.at("node")
        starts = [self.claim(a, where) for a in g.into[node] if g.type(a) == "I"]
        ends = g.out[node]
        common: dict[str, Any] = {
            "by": self.by(entry, node),
            "note": entry.opt_text("note"),
            "name": entry.opt_ident("name"),
            "tags": entry.texts("tags"),
            "sources": entry.idents("sources"),
            "quotes": self.quotes(entry, node),
            "allow": entry.idents("allow"),
            "scheme": self.scheme(entry, node),
        }
        if kind == "support":
            if not starts or len(ends) != 1:
                raise _Mismatch(f"{where}: RA node {node} does not match its support")
            return Support(starts, self.claim(ends[0], where), **common)
        if kind == "rebuttal":
            if not starts or len(ends) != 1:
                raise _Mismatch(f"{where}: CA node {node} does not match its rebuttal")
            return Rebuttal(starts, self.claim(ends[0], where), **common)
        if kind == "undercut":
            named = {self.relation_at[t] for t in ends if t in self.relation_at}
            if not starts or len(named) > 1 or (ends and not named):
                raise _Mismatch(f"{where}: CA node {node} does not match its undercut")
            target = named.pop() if named else entry.ident("target")
            return Undercut(starts, target, **common)
        back = self.node(entry, "back", "CA")
        left = [a for a in g.into[node] if g.type(a) == "I"]
        if len(left) != 1 or len(ends) != 1 or [a for a in g.into[back] if g.type(a) == "I"] != ends:
            raise _Mismatch(f"{where}: CA nodes {node} and {back} do not match their contradiction")
        if g.out[back] != left:
            raise _Mismatch(f"{where}: CA nodes {node} and {back} do not match their contradiction")
        return Contradiction(starts[0], self.claim(ends[0], where), **common)


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
