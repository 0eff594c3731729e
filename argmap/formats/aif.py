"""Map <-> AIF JSON, the Argument Interchange Format as AIFdb and OVA write it.

A document is ``{"nodes": [...], "edges": [...], "locutions": [...], "participants": [...]}``.
Nodes have a ``nodeID``, a ``text`` and a ``type``:

* ``I``  information: a claim;
* ``RA`` rule application (inference): a support; premises -> RA -> conclusion;
* ``CA`` conflict: attacker -> CA -> target; a rebuttal when the target is an I-node, an
  undercut when it is an RA-node; a contradiction is written as two CA-nodes, one each way;
* ``L``  locution (someone said something) with its speaker in ``locutions`` (``personID``) and,
  in the OVA/AIF+ form, ``participants``; a perspective is a participant;
* ``YA`` illocution, anchoring what was said: ``L -> YA(Asserting) -> I`` is "the speaker holds
  the claim" (a stance), ``YA(Disagreeing)`` a rejection; ``L/TA -> YA(Arguing) -> RA/CA`` says
  who put the relation forward (its ``by``);
* ``TA`` transition between locutions (the dialogue's flow).

Export writes all of that plus an ``"argmap"`` object with what AIF has no place for (ids, kinds,
tags, notes, questions, sources, titles, the order of the map), so that ``loads(dumps(m)) == m``;
the structure itself (claims, supports, attacks, stances) is always read from the AIF nodes.

Import reads plain AIF from corpora too. What argmap cannot say -- MA (rephrase) and PA
(preference) nodes, TA transitions, illocutions that are neither assertion nor disagreement,
relations with an end argmap has no word for -- is listed in :attr:`Imported.notes`, never
dropped silently.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from argmap.formats.jsonio import InterchangeError
from argmap.model import (
    ArgumentMap,
    Claim,
    ClaimKind,
    Contradiction,
    Element,
    Perspective,
    Question,
    Quote,
    Rebuttal,
    Source,
    Stance,
    Support,
    Title,
    Undercut,
    is_valid_id,
)

__all__ = ["Imported", "dumps", "loads", "read", "to_dict"]

EXTENSION_VERSION = 1

#: Illocutions (YA texts, lower case) read as holding a claim, and as rejecting one.
ACCEPTING = frozenset(
    {"asserting", "agreeing", "restating", "conceding", "popular conceding", "assertive questioning"}
)
REJECTING = frozenset({"disagreeing", "denying", "arguing against"})


@attrs.frozen
class Imported:
    """An imported map and what the source said that the map cannot (one sentence each)."""

    map: ArgumentMap
    notes: tuple[str, ...] = ()


# ---- export ---------------------------------------------------------------------------------------
class _Writer:
    def __init__(self, m: ArgumentMap) -> None:
        self.m = m
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.locutions: list[dict[str, Any]] = []
        self.participants: list[dict[str, Any]] = []
        self.person: dict[str, str] = {}
        self.claim_node: dict[str, str] = {}
        self.support_node: dict[str, str] = {}
        self.order: list[dict[str, Any]] = []
        self.notes: list[str] = []
        self.claim_nodes: Iterator[str] = iter(())

    def node(self, kind: str, text: str, scheme: str | None = None) -> str:
        node_id = str(len(self.nodes) + 1)
        node: dict[str, Any] = {"nodeID": node_id, "text": text, "type": kind}
        if scheme is not None:
            node["scheme"] = scheme
        self.nodes.append(node)
        return node_id

    def edge(self, source: str, target: str) -> None:
        self.edges.append(
            {"edgeID": str(len(self.edges) + 1), "fromID": source, "toID": target, "formEdgeID": None}
        )

    def speaker(self, perspective: str) -> str:
        """The participant for a perspective (made on first use)."""
        if perspective not in self.person:
            pid = str(len(self.participants) + 1)
            self.person[perspective] = pid
            try:
                name = self.m.perspective(perspective).name
            except KeyError:
                name = perspective
            first, _, last = name.partition(" ")
            self.participants.append({"participantID": pid, "firstname": first, "surname": last})
        return self.person[perspective]

    def locution(self, perspective: str, text: str) -> str:
        try:
            name = self.m.perspective(perspective).name
        except KeyError:
            name = perspective
        node_id = self.node("L", f"{name} : {text}")
        self.locutions.append({"nodeID": node_id, "personID": self.speaker(perspective)})
        return node_id

    def anchor(self, perspective: str, target: str, illocution: str, said: str) -> str:
        loc = self.locution(perspective, said)
        ya = self.node("YA", illocution, illocution)
        self.edge(loc, ya)
        self.edge(ya, target)
        return loc

    def claim(self, c: Claim) -> str:
        node_id = self.node("I", c.text)
        self.claim_node.setdefault(c.id, node_id)
        return node_id

    def claim_ref(self, claim_id: str) -> str:
        """The I-node of a claim; a referenced claim the map never defines gets one of its own."""
        if claim_id not in self.claim_node:
            self.claim_node[claim_id] = self.node("I", claim_id)
            self.order.append({"type": "undefined-claim", "node": self.claim_node[claim_id], "id": claim_id})
        return self.claim_node[claim_id]

    def run(self) -> dict[str, Any]:
        m = self.m
        # I-nodes first (in order) so relations can point at claims defined later
        for e in m.elements:
            if isinstance(e, Claim):
                self.claim(e)
        self.claim_nodes = iter([n["nodeID"] for n in self.nodes])
        for e in m.elements:
            if isinstance(e, Support):
                ra = self.node("RA", "Default Inference", "Default Inference")
                if e.name is not None:
                    self.support_node.setdefault(e.name, ra)
        ra_iter = iter(n["nodeID"] for n in self.nodes if n["type"] == "RA")
        for e in m.elements:
            self.element(e, ra_iter)
        return {
            "nodes": self.nodes,
            "edges": self.edges,
            "locutions": self.locutions,
            "participants": self.participants,
            "argmap": {"version": EXTENSION_VERSION, "elements": self.order, "speakers": self.speakers()},
        }

    def speakers(self) -> dict[str, str]:
        """participantID -> perspective id, for every participant (defined perspective or not)."""
        return {pid: perspective for perspective, pid in self.person.items()}

    def element(self, e: Element, ra_iter: Iterable[str]) -> None:
        entry: dict[str, Any]
        if isinstance(e, Title):
            entry = {"type": "title", "text": e.text}
        elif isinstance(e, Source):
            entry = {"type": "source", "id": e.id, "title": e.title, "url": e.url, "date": e.date}
            entry.update(author=e.author, note=e.note)
        elif isinstance(e, Perspective):
            entry = {"type": "perspective", "id": e.id, "name": e.name, "role": e.role, "color": e.color}
            entry.update(note=e.note, participant=self.speaker(e.id))
        elif isinstance(e, Question):
            entry = {"type": "question", "id": e.id, "text": e.text, "tags": list(e.tags), "note": e.note}
        elif isinstance(e, Claim):
            node_id = next(self.claim_nodes)
            quotes: list[str | None] = []
            for q in e.quotes:
                if q.speaker is None:
                    quotes.append(None)
                else:
                    quotes.append(self.anchor(q.speaker, node_id, "Asserting", q.text))
            entry = {
                "type": "claim",
                "node": node_id,
                "id": e.id,
                "kind": None if e.kind is None else e.kind.value,
                "answers": list(e.answers),
                "tags": list(e.tags),
                "sources": list(e.sources),
                "quotes": [
                    {"text": q.text, "locution": loc} for q, loc in zip(e.quotes, quotes, strict=True)
                ],
                "note": e.note,
            }
        elif isinstance(e, Support):
            ra = next(iter(ra_iter))
            for p in e.premises:
                self.edge(self.claim_ref(p), ra)
            self.edge(ra, self.claim_ref(e.conclusion))
            said = " + ".join(e.premises) + f" support {e.conclusion}"
            entry = {
                "type": "support",
                "node": ra,
                "name": e.name,
                "note": e.note,
                "by": self.by(e.by, ra, said, True),
            }
        elif isinstance(e, (Rebuttal, Undercut)):
            ca = self.node("CA", "Default Conflict", "Default Conflict")
            self.edge(self.claim_ref(e.attacker), ca)
            kind = "rebuttal" if isinstance(e, Rebuttal) else "undercut"
            if isinstance(e, Rebuttal):
                self.edge(ca, self.claim_ref(e.target))
            elif e.target in self.support_node:
                self.edge(ca, self.support_node[e.target])
            else:
                self.notes.append(
                    f"undercut of '{e.target}': no support has that name; its CA-node has no target"
                )
            said = f"{e.attacker} {'rebuts' if kind == 'rebuttal' else 'undercuts'} {e.target}"
            entry = {
                "type": kind,
                "node": ca,
                "target": e.target,
                "note": e.note,
                "by": self.by(e.by, ca, said, False),
            }
        elif isinstance(e, Contradiction):
            there = self.node("CA", "Default Conflict", "Default Conflict")
            back = self.node("CA", "Default Conflict", "Default Conflict")
            left, right = self.claim_ref(e.left), self.claim_ref(e.right)
            self.edge(left, there)
            self.edge(there, right)
            self.edge(right, back)
            self.edge(back, left)
            said = f"{e.left} contradicts {e.right}"
            entry = {"type": "contradiction", "node": there, "back": back, "note": e.note}
            entry["by"] = self.by(e.by, there, said, False)
        elif isinstance(e, Stance):
            target = self.claim_ref(e.claim)
            try:
                said = self.m.claim(e.claim).text
            except KeyError:
                said = e.claim
            loc = self.anchor(e.perspective, target, "Asserting" if e.accepts else "Disagreeing", said)
            entry = {"type": "stance", "locution": loc, "inline": e.inline, "note": e.note}
        else:  # pragma: no cover - the Element union is closed
            raise TypeError(f"not a map element: {e!r}")
        self.order.append(entry)

    def by(self, perspectives: Iterable[str], node: str, said: str, supporting: bool) -> list[str]:
        illocution = "Arguing" if supporting else "Disagreeing"
        return [self.anchor(p, node, illocution, said) for p in perspectives]


def to_dict(m: ArgumentMap) -> dict[str, Any]:
    """The map as an AIF JSON-ready dict (see the module's documentation for the mapping)."""
    return _Writer(m).run()


def dumps(m: ArgumentMap, *, indent: int | None = 2) -> str:
    """The map as AIF JSON text."""
    return json.dumps(to_dict(m), ensure_ascii=False, indent=indent) + "\n"


# ---- import ---------------------------------------------------------------------------------------
_SLUG = re.compile(r"[^\w-]+")


def _node_id(value: Any) -> str:
    return str(value)


class _Graph:
    """The nodes and edges of an AIF document, with look-ups."""

    def __init__(self, doc: dict[str, Any]) -> None:
        raw_nodes = doc.get("nodes")
        raw_edges = doc.get("edges", [])
        if not isinstance(raw_nodes, list) or not isinstance(raw_edges, list):
            raise InterchangeError("not AIF: expected an object with lists 'nodes' and 'edges'")
        self.nodes: dict[str, dict[str, Any]] = {}
        for i, n in enumerate(raw_nodes):
            if not isinstance(n, dict) or "nodeID" not in n or "type" not in n:
                raise InterchangeError(f"nodes[{i}]: a node needs 'nodeID' and 'type'")
            self.nodes[_node_id(n["nodeID"])] = n
        self.into: dict[str, list[str]] = {k: [] for k in self.nodes}
        self.out: dict[str, list[str]] = {k: [] for k in self.nodes}
        self.dangling = 0
        for i, e in enumerate(raw_edges):
            if not isinstance(e, dict) or "fromID" not in e or "toID" not in e:
                raise InterchangeError(f"edges[{i}]: an edge needs 'fromID' and 'toID'")
            a, b = _node_id(e["fromID"]), _node_id(e["toID"])
            if a not in self.nodes or b not in self.nodes:
                self.dangling += 1
                continue
            self.out[a].append(b)
            self.into[b].append(a)
        self.speaker: dict[str, str] = {}
        for loc in doc.get("locutions", []) or []:
            if isinstance(loc, dict) and "nodeID" in loc and loc.get("personID") is not None:
                self.speaker[_node_id(loc["nodeID"])] = _node_id(loc["personID"])
        self.people: dict[str, str] = {}
        for p in doc.get("participants", []) or []:
            if isinstance(p, dict) and "participantID" in p:
                name = " ".join(str(p.get(k) or "") for k in ("firstname", "surname")).strip()
                self.people[_node_id(p["participantID"])] = name

    def type(self, node: str) -> str:
        return str(self.nodes[node].get("type", "")).upper()

    def text(self, node: str) -> str:
        value = self.nodes[node].get("text", "")
        return value if isinstance(value, str) else str(value)


class _Reader:
    def __init__(self, graph: _Graph) -> None:
        self.g = graph
        self.notes: list[str] = []
        self.elements: list[Element] = []
        self.claim_of: dict[str, str] = {}  # I-node -> claim id
        self.support_of: dict[str, str] = {}  # RA-node -> support name (when named)
        self.perspective_of: dict[str, str] = {}  # personID -> perspective id
        self.used_ids: set[str] = set()
        self.people: list[Element] = []  # perspectives made for speakers (they go first)

    # -- names --
    def fresh(self, wanted: str, prefix: str) -> str:
        base = _SLUG.sub("-", wanted).strip("-")
        if not base or not is_valid_id(base):
            base = prefix
        candidate = base
        n = 2
        while candidate in self.used_ids:
            candidate = f"{base}-{n}"
            n += 1
        self.used_ids.add(candidate)
        return candidate

    def claim_id(self, node: str) -> str:
        if node not in self.claim_of:
            self.claim_of[node] = self.fresh(f"i{node}", "i")
        return self.claim_of[node]

    def person(self, person_id: str, locution: str | None) -> str:
        if person_id not in self.perspective_of:
            name = self.g.people.get(person_id, "")
            if not name and locution is not None:
                name = _speaker_label(self.g.text(locution)) or ""
            pid = self.fresh(name.lower() if name else f"p{person_id}", "p")
            self.perspective_of[person_id] = pid
            self.people.append(Perspective(pid, name or f"participant {person_id}"))
        return self.perspective_of[person_id]

    def speaker_of(self, node: str) -> str | None:
        """The perspective that said locution ``node`` (or, for a TA, the locution it leads to)."""
        kind = self.g.type(node)
        if kind == "L":
            person = self.g.speaker.get(node)
            if person is None:
                label = _speaker_label(self.g.text(node))
                if label is None:
                    return None
                person = f"label:{label}"
                self.g.people.setdefault(person, label)
            return self.person(person, node)
        if kind == "TA":
            targets = [t for t in self.g.out[node] if self.g.type(t) == "L"]
            return self.speaker_of(targets[0]) if targets else None
        return None

    def who_anchors(self, node: str, wanted: frozenset[str] | None) -> list[tuple[str, str, str]]:
        """(perspective, illocution, locution) for each YA anchoring ``node``."""
        out: list[tuple[str, str, str]] = []
        for ya in self.g.into[node]:
            if self.g.type(ya) != "YA":
                continue
            illocution = self.g.text(ya).strip().lower()
            if wanted is not None and illocution not in wanted:
                continue
            for loc in self.g.into[ya]:
                who = self.speaker_of(loc)
                if who is not None:
                    out.append((who, illocution, loc))
        return out

    # -- plain AIF --
    def plain(self, skip: set[str]) -> None:
        g = self.g
        nodes = [n for n in g.nodes if n not in skip]
        for n in nodes:
            if g.type(n) == "I":
                self.plain_claim(n)
        for n in nodes:
            kind = g.type(n)
            if kind == "RA":
                self.plain_support(n)
            elif kind == "CA":
                self.plain_conflict(n)
            elif kind == "MA":
                ends = [g.text(x)[:50] for x in g.into[n] + g.out[n]]
                self.notes.append(
                    f"MA node {n} (rephrase) between {' and '.join(map(repr, ends))}: argmap has no rephrase "
                    "relation; left out"
                )
            elif kind == "PA":
                self.notes.append(f"PA node {n} (preference): argmap has no preferences; left out")
            elif kind in ("I", "L", "YA", "TA"):
                continue
            else:
                self.notes.append(f"node {n} of type {kind!r} is not AIF argmap knows; left out")
        transitions = sum(1 for n in nodes if g.type(n) == "TA")
        if transitions:
            self.notes.append(
                f"{transitions} TA node(s) (transitions between locutions, the dialogue's order) have no "
                "equivalent in argmap; left out (who argued what is kept, through the YA nodes they anchor)"
            )
        if g.dangling:
            self.notes.append(f"{g.dangling} edge(s) point at nodes that are not in the document; left out")

    def plain_claim(self, node: str) -> None:
        """An I-node: a claim, held (or rejected) by whoever asserted (or disputed) it; the words
        of each locution, where they differ from the claim's text, become a quote."""
        claim = self.claim_id(node)
        stances: list[Stance] = []
        quotes: list[Quote] = []
        for who, illocution, loc in self.who_anchors(node, None):
            if illocution in ACCEPTING or illocution in REJECTING:
                stances.append(Stance(who, claim, illocution in ACCEPTING, True))
                said = _said(self.g.text(loc))
                if said and said != self.g.text(node):
                    quotes.append(Quote(said, who))
            else:
                self.notes.append(
                    f"YA node '{illocution}' from locution {loc} on claim '{claim}' is neither an assertion "
                    "nor a disagreement; no stance made"
                )
        self.elements.append(Claim(claim, self.g.text(node), quotes=quotes))
        self.elements.extend(stances)

    def plain_support(self, ra: str) -> None:
        g = self.g
        premises = [self.claim_id(p) for p in g.into[ra] if g.type(p) == "I"]
        others = [p for p in g.into[ra] if g.type(p) not in ("I", "YA", "CA")]
        conclusions = [c for c in g.out[ra] if g.type(c) == "I"]
        odd = [c for c in g.out[ra] if g.type(c) != "I"]
        if others:
            self.notes.append(
                f"RA node {ra}: premises of type {', '.join(g.type(o) for o in others)} left out"
            )
        if odd:
            self.notes.append(
                f"RA node {ra} concludes a {', '.join(g.type(o) for o in odd)} node; "
                "argmap supports end in claims"
            )
        if not premises or not conclusions:
            self.notes.append(f"RA node {ra} lacks a premise or a conclusion; left out")
            return
        by = list(dict.fromkeys(who for who, _i, _l in self.who_anchors(ra, None)))
        undercut = any(g.type(x) == "CA" for x in g.into[ra])
        for k, c in enumerate(conclusions):
            name = None
            if undercut and k == 0:
                name = self.fresh(f"ra{ra}", "ra")
                self.support_of[ra] = name
            self.elements.append(Support(premises, self.claim_id(c), name, by))

    def plain_conflict(self, ca: str) -> None:
        g = self.g
        attackers = [self.claim_id(a) for a in g.into[ca] if g.type(a) == "I"]
        targets = g.out[ca]
        by = list(dict.fromkeys(who for who, _i, _l in self.who_anchors(ca, None)))
        if not attackers or not targets:
            self.notes.append(f"CA node {ca} lacks an attacker or a target; left out")
            return
        for t in targets:
            kind = g.type(t)
            for a in attackers:
                if kind == "I":
                    self.elements.append(Rebuttal(a, self.claim_id(t), by))
                elif kind == "RA":
                    if t not in self.support_of:
                        self.support_of[t] = self.fresh(f"ra{t}", "ra")
                    self.elements.append(Undercut(a, self.support_of[t], by))
                else:
                    self.notes.append(
                        f"CA node {ca} attacks a {kind} node; argmap cannot attack that; left out"
                    )

    # -- argmap's own extension --
    def extension(self, ext: dict[str, Any]) -> set[str]:
        """Rebuild the map from the ``argmap`` object; return the nodes it accounted for."""
        g = self.g
        claimed: set[str] = set()
        elements: list[Element] = []
        by_node: dict[str, str] = {}
        for entry in ext.get("elements", []):
            if entry.get("type") == "claim":
                by_node[_node_id(entry["node"])] = entry["id"]
            elif entry.get("type") == "undefined-claim":
                by_node[_node_id(entry["node"])] = entry["id"]
                claimed.add(_node_id(entry["node"]))
            elif entry.get("type") == "support" and entry.get("name") is not None:
                self.support_of[_node_id(entry["node"])] = entry["name"]
        for pid, perspective in (ext.get("speakers") or {}).items():
            self.perspective_of[_node_id(pid)] = perspective
        self.claim_of.update(by_node)
        self.used_ids.update(by_node.values())
        self.used_ids.update(self.perspective_of.values())

        def claim_at(node: str) -> str:
            if node not in by_node:
                raise InterchangeError(f"argmap extension: node {node} is not a claim")
            return by_node[node]

        def anchored(locs: list[Any]) -> list[str]:
            out = []
            for loc in locs:
                who = self.speaker_of(_node_id(loc))
                if who is None:
                    raise InterchangeError(f"argmap extension: locution {loc} has no speaker")
                out.append(who)
                claimed.add(_node_id(loc))
                claimed.update(y for y in g.out[_node_id(loc)] if g.type(y) == "YA")
            return out

        for entry in ext.get("elements", []):
            kind = entry.get("type")
            if kind == "title":
                elements.append(Title(entry["text"]))
            elif kind == "source":
                elements.append(
                    Source(
                        entry["id"],
                        entry["title"],
                        entry["url"],
                        entry["date"],
                        entry["author"],
                        entry["note"],
                    )
                )
            elif kind == "perspective":
                elements.append(
                    Perspective(entry["id"], entry["name"], entry["role"], entry["color"], entry["note"])
                )
            elif kind == "question":
                elements.append(Question(entry["id"], entry["text"], entry["tags"], entry["note"]))
            elif kind == "claim":
                node = _node_id(entry["node"])
                claimed.add(node)
                quotes = []
                for q in entry["quotes"]:
                    speaker = anchored([q["locution"]])[0] if q.get("locution") is not None else None
                    quotes.append(Quote(q["text"], speaker))
                kind_value = entry.get("kind")
                elements.append(
                    Claim(
                        entry["id"],
                        g.text(node),
                        None if kind_value is None else ClaimKind(kind_value),
                        entry["answers"],
                        entry["tags"],
                        entry["sources"],
                        quotes,
                        entry["note"],
                    )
                )
            elif kind == "support":
                ra = _node_id(entry["node"])
                claimed.add(ra)
                premises = [claim_at(p) for p in g.into[ra] if g.type(p) == "I"]
                conclusion = [claim_at(c) for c in g.out[ra] if g.type(c) == "I"]
                if not premises or len(conclusion) != 1:
                    raise InterchangeError(f"argmap extension: RA node {ra} does not match its support")
                elements.append(
                    Support(premises, conclusion[0], entry["name"], anchored(entry["by"]), entry["note"])
                )
            elif kind in ("rebuttal", "undercut"):
                ca = _node_id(entry["node"])
                claimed.add(ca)
                attacker = [claim_at(a) for a in g.into[ca] if g.type(a) == "I"]
                if len(attacker) != 1:
                    raise InterchangeError(f"argmap extension: CA node {ca} has {len(attacker)} attackers")
                if kind == "rebuttal":
                    target = [claim_at(t) for t in g.out[ca]]
                    if len(target) != 1:
                        raise InterchangeError(f"argmap extension: CA node {ca} has {len(target)} targets")
                    elements.append(Rebuttal(attacker[0], target[0], anchored(entry["by"]), entry["note"]))
                else:
                    elements.append(
                        Undercut(attacker[0], entry["target"], anchored(entry["by"]), entry["note"])
                    )
            elif kind == "contradiction":
                ca, back = _node_id(entry["node"]), _node_id(entry["back"])
                claimed.update((ca, back))
                left = [claim_at(a) for a in g.into[ca] if g.type(a) == "I"]
                right = [claim_at(t) for t in g.out[ca]]
                if len(left) != 1 or len(right) != 1:
                    raise InterchangeError(f"argmap extension: CA node {ca} does not match its contradiction")
                elements.append(Contradiction(left[0], right[0], anchored(entry["by"]), entry["note"]))
            elif kind == "stance":
                loc = _node_id(entry["locution"])
                who = anchored([loc])[0]
                yas = [y for y in g.out[loc] if g.type(y) == "YA"]
                if len(yas) != 1 or len(g.out[yas[0]]) != 1:
                    raise InterchangeError(f"argmap extension: locution {loc} does not anchor one claim")
                illocution = g.text(yas[0]).strip().lower()
                claim = claim_at(g.out[yas[0]][0])
                elements.append(
                    Stance(who, claim, illocution in ACCEPTING, bool(entry["inline"]), entry["note"])
                )
            elif kind == "undefined-claim":
                continue
            else:
                raise InterchangeError(f"argmap extension: unknown element type {kind!r}")
        self.elements.extend(elements)
        return claimed


def _speaker_label(text: str) -> str | None:
    """The speaker's label at the start of an AIFdb locution ("CL : words" -> "CL")."""
    head, sep, _rest = text.partition(" : ")
    if not sep:
        head, sep, _rest = text.partition(": ")
    head = head.strip()
    return head if sep and 0 < len(head) <= 40 else None


def _said(text: str) -> str:
    _head, sep, rest = text.partition(" : ")
    return rest.strip() if sep else text.strip()


def read(text: str | bytes, *, path: str | None = None) -> Imported:
    """Read AIF JSON; the map and what could not be represented in it."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InterchangeError(f"line {exc.lineno} column {exc.colno}: not JSON ({exc.msg})") from None
    if isinstance(doc, dict) and "AIF" in doc and isinstance(doc["AIF"], dict):  # OVA3 wraps it
        doc = doc["AIF"]
    if not isinstance(doc, dict):
        raise InterchangeError("not AIF: the document is not a JSON object")
    reader = _Reader(_Graph(doc))
    ext = doc.get("argmap")
    skip: set[str] = set()
    if isinstance(ext, dict) and ext.get("version") == EXTENSION_VERSION:
        try:
            skip = reader.extension(ext)
        except (InterchangeError, KeyError, TypeError, ValueError) as exc:
            reader = _Reader(_Graph(doc))
            skip = set()
            reader.notes.append(
                f"the 'argmap' extension does not match the AIF nodes ({exc}); read as plain AIF"
            )
    elif ext is not None:
        reader.notes.append(
            "the 'argmap' extension has a version this argmap does not know; read as plain AIF"
        )
    if skip:
        leftover = {
            n for n in reader.g.nodes if n not in skip and reader.g.type(n) in ("I", "RA", "CA", "MA", "PA")
        }
        if leftover:
            reader.plain({n for n in reader.g.nodes if n not in leftover})
    else:
        reader.plain(set())
    elements = (*reader.people, *reader.elements)
    return Imported(ArgumentMap(elements, path=path), tuple(reader.notes))


def loads(text: str | bytes, *, path: str | None = None) -> ArgumentMap:
    """The map in AIF JSON text. What it cannot represent is listed by :func:`read`."""
    return read(text, path=path).map
