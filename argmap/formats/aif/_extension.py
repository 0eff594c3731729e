"""Reading argmap's own ``argmap`` extension back, checked against the AIF nodes it names."""

from __future__ import annotations

from typing import Any

import attrs

from argmap.errors import InterchangeError, InvalidElementError
from argmap.formats.aif._common import ACCEPTING, _a, _Graph, _kind, _list, _node_id, _shape
from argmap.model import (
    Allow,
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
from argmap.util.limits import check_text_length


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
        check_text_length(value, where=self.at(key))
        return value

    def opt_text(self, key: str) -> str | None:
        value = self.d.get(key)
        if value is not None and not isinstance(value, str):
            raise _shape(self.at(key), "a string or null", value)
        if value is not None:
            check_text_length(value, where=self.at(key))
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
            raise _Mismatch(f"{entry.at(key)}: node {node} is not {_a(kind)}-node")
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
                reasons = entry.d.get("allow_reasons")
                if reasons is not None and not isinstance(element, (Title, Allow)):
                    element = attrs.evolve(element, allow_reasons=self.reasons(entry, reasons))
                elements.append(element)
        left = [n for n in g.nodes if n not in self.accounted]
        if left:
            shown = ", ".join(left[:5]) + (", ..." if len(left) > 5 else "")
            raise _Mismatch(f"nodes {shown} are not in it")
        return elements

    @staticmethod
    def reasons(entry: _Fields, value: object) -> tuple[tuple[str, str], ...]:
        """The reasons given for allowed codes: an object of code -> reason."""
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise InterchangeError(
                f"{entry.at('allow_reasons')}: expected an object of code -> reason, "
                f"got {type(value).__name__}"
            )
        return tuple(value.items())

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
