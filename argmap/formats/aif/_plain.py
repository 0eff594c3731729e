"""Reading plain AIF (AIFdb, OVA, argument-mining pipelines) into a map, listing what it cannot say."""

from __future__ import annotations

import re

from argmap.formats.aif._common import ACCEPTING, ARGUING, REJECTING, Unrepresented, _a, _Graph
from argmap.formats.writer import VERB_IDS
from argmap.model import (
    Claim,
    Element,
    Perspective,
    Quote,
    Rebuttal,
    Stance,
    Support,
    Undercut,
    is_valid_id,
)

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
                key = " ".join(label.lower().split())
                person = self.by_label.get(key)
                if person is None:
                    person = self.by_label[key] = f"label:{key}"
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
        self.ok = self.readable()
        for ya, kind in g.types.items():
            if kind == "YA":
                self.plain_anchor(ya, anchors, used_locutions)
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
        for node, scheme_id in g.scheme_ids.items():
            # "Default Inference" (AIFdb's scheme 72) names the default: only a bare node has
            # a scheme argmap cannot name
            if node in self.ok and g.text(node).strip().lower() in ("", "ra", "ca"):
                self.lost.add(
                    "OVA scheme id with no scheme name in the file",
                    'argmap names schemes in words (scheme "Argument From ..."); no scheme set',
                    f"node {node} (scheme {scheme_id})",
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
        kept = [t for t in targets if g.type(t) == "I" or t in self.ok]
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
                    f"YA node '{shown}' anchoring {_a(g.type(t))} node",
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
                    f"RA node concluding {_a(g.type(o))} node",
                    "argmap supports end in claims; left out",
                    where,
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
                    f"CA node attacking {_a(kind)} node that is no relation",
                    "what it attacks lacks its own ends; that attack is left out",
                    where,
                )
                continue
            else:
                self.lost.add(
                    f"CA node attacking {_a(kind)} node", "argmap cannot attack that; left out", where
                )
                continue
            name = None  # the name goes to the first relation made from this node
        self.elements.extend(stances)
