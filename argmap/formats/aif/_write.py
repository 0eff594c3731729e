"""AIF export: the map as compact AIF JSON, streamed in pieces (see :mod:`argmap.formats.aif`)."""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterator
from json.encoder import encode_basestring as _encode
from typing import Any

from argmap.errors import InterchangeError
from argmap.formats.aif._common import _RELATION_TYPES, EXTENSION_VERSION
from argmap.model import (
    Allow,
    ArgumentMap,
    Claim,
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
)
from argmap.util.limits import first_surrogate


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
            entry = self.element(e, claims, relations)
            reasons = getattr(e, "allow_reasons", ())
            if reasons:
                entry["allow_reasons"] = dict(reasons)
            self.entries.append(_entry(entry))
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
    export never holds its whole text). A lone surrogate in a text (half of a UTF-16 pair: a
    Python string can hold one, no UTF-8 file can) is refused with an InterchangeError."""
    for piece in _Writer(m).run():
        if not piece.isascii():
            at = first_surrogate(piece)
            if at is not None:
                shown = piece[max(0, at - 30) : at + 10].encode("utf-8", "backslashreplace").decode()
                raise InterchangeError(
                    f"cannot export to AIF: a text holds the lone surrogate U+{ord(piece[at]):04X} "
                    f"(...{shown}...), which no UTF-8 file can hold",
                    hint="replace it (it is half of a UTF-16 pair, from text decoded wrongly)",
                )
        yield piece


def dumps(m: ArgumentMap, *, indent: int | None = None) -> str:
    """The map as AIF JSON text: compact (one line) by default, for machines; ``indent`` lays
    it out for people (slower, and held whole: the compact text is read back and laid out)."""
    text = "".join(chunks(m))
    if indent is None:
        return text
    from argmap.util.jsontext import dumps as indented  # json.dumps's text, faster

    return indented(json.loads(text), indent) + "\n"


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
