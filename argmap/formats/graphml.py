"""Map -> GraphML, for graph tools (Gephi, yEd, Cytoscape, NetworkX).

Nodes (``kind``): every claim, question and perspective, and every relation as a node of its
own (``support``, ``rebuttal``, ``undercut``, ``contradiction``, as AIF's RA and CA nodes), so
that linked premises and attackers meet in one place and an undercut (an attack on an attack
too) has a node to point at. Edges carry a ``relation``:

* ``premise`` (premise -> support) and ``conclusion`` (support -> conclusion);
* ``attacker`` (attacker -> rebuttal or undercut) and ``target`` (rebuttal -> the claim it
  attacks; undercut -> the node of the relation it attacks, of any kind);
* ``side`` (each of a contradiction's two claims -> the contradiction);
* ``accepts`` and ``rejects`` (perspective -> claim, or -> the node of a named relation);
* ``answers`` (claim -> question, with the ``side`` it takes, if any).

A relation node carries its ``name`` (also its ``label``), ``by`` (the perspectives asserting it),
``note``, ``tags``, ``scheme`` and ``sources``; a claim its ``text``, ``claim_kind``, ``tags``,
``title``, ``base``, ``date``, ``note``, ``sources`` and ``section`` (the innermost section it is
written in). Lists are comma-separated. Export only: GraphML has no argument semantics to read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from argmap.model import (
    ArgumentMap,
    Claim,
    Contradiction,
    Perspective,
    Question,
    Rebuttal,
    Stance,
    Support,
    Undercut,
)
from argmap.util.gcpause import paused_gc

__all__ = ["chunks", "dumps"]

_NS = "http://graphml.graphdrawing.org/xmlns"
_KEYS = (
    ("graph", "title", "string"),
    ("node", "kind", "string"),
    ("node", "label", "string"),
    ("node", "text", "string"),
    ("node", "claim_kind", "string"),
    ("node", "tags", "string"),
    ("node", "role", "string"),
    ("node", "name", "string"),
    ("node", "by", "string"),
    ("node", "note", "string"),
    ("node", "scheme", "string"),
    ("node", "sources", "string"),
    ("node", "title", "string"),
    ("node", "base", "double"),
    ("node", "date", "string"),
    ("node", "section", "string"),
    ("edge", "relation", "string"),
    ("edge", "side", "string"),
    ("edge", "date", "string"),
    ("edge", "note", "string"),
)
_RELATION_KINDS = {
    Support: "support",
    Rebuttal: "rebuttal",
    Undercut: "undercut",
    Contradiction: "contradiction",
}


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: A character that XML text (or an attribute value) writes as an entity: text without any is
#: written as it is (most is: one search, no replacements).
_ESCAPED = re.compile('[&<>"\t\n\r]')
#: Elements written per piece of :func:`chunks` (pieces of some 100 KB).
_PER_CHUNK = 500


def _clean(value: str) -> str:
    """``value`` with the characters XML 1.0 cannot hold made U+FFFD."""
    return value if value.isascii() and value.isprintable() else _NOT_XML.sub("\ufffd", value)


def _text(value: str) -> str:
    if _ESCAPED.search(value) is None:
        return value
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    if _ESCAPED.search(value) is None:
        return value
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
        .replace("\n", "&#10;")
        .replace("\t", "&#09;")
    )


def _start(tag: str, attributes: dict[str, str]) -> str:
    return "<" + tag + "".join(f' {k}="{_attribute(v)}"' for k, v in attributes.items())


#: A data item's opening, by key (the keys are the module's own: their escaping is done once).
_OPEN: dict[str, str] = {}


def _items(items: Iterable[tuple[str, str | None]]) -> str:
    """The data items of an element, indented as ``ElementTree.indent`` does, each with a
    value (empty ones are left out)."""
    out = []
    for key, value in items:
        if value:
            opening = _OPEN.get(key)
            if opening is None:
                opening = _OPEN[key] = f'      <data key="{_attribute(key)}">'
            out.append(f"{opening}{_text(_clean(value))}</data>\n")
    return "".join(out)


def _node(node_id: str, items: Iterable[tuple[str, str | None]]) -> str:
    """A node element (it always has data: its kind)."""
    return f'    <node id="{_attribute(node_id)}">\n{_items(items)}    </node>\n'


def _edge(number: int, source: str, target: str, items: Iterable[tuple[str, str | None]]) -> str:
    body = _items(items)
    start = f'    <edge id="e{number}" source="{_attribute(source)}" target="{_attribute(target)}"'
    return f"{start}>\n{body}    </edge>\n" if body else f"{start} />\n"


#: An edge to write: source, target, and its data items.
_Edge = tuple[str, str, tuple[tuple[str, str | None], ...]]


def dumps(m: ArgumentMap) -> str:
    """The map as a GraphML document (see :func:`chunks`)."""
    return "".join(chunks(m))


def chunks(m: ArgumentMap) -> Iterator[str]:
    """The map as a GraphML document, in pieces of some 100 KB to be written one after the
    other (element by element: a big map builds no XML tree, and its text is never whole)."""
    with paused_gc():  # strings and tuples by the hundred thousand, no cycles
        body = _body(m)
        first = next(body, None)
        yield '<?xml version="1.0" encoding="UTF-8"?>\n' + f'<graphml xmlns="{_NS}">\n'
        keys = []
        for domain, name, kind in _KEYS:
            key_id = f"{domain}_{name}" if (domain, name) in _SHARED else name
            attributes = {"id": key_id, "for": domain, "attr.name": name, "attr.type": kind}
            keys.append(f"  {_start('key', attributes)} />\n")
        graph = m.title
        if not graph and first is None:
            yield "".join(keys) + '  <graph id="argmap" edgedefault="directed" />\n</graphml>\n'
            return
        keys.append('  <graph id="argmap" edgedefault="directed">\n')
        if graph:
            keys.append(f'    <data key="graph_title">{_text(_clean(graph))}</data>\n')
        yield "".join(keys)
        if first is not None:
            yield first
            yield from body
        yield "  </graph>\n</graphml>\n"


def _body(m: ArgumentMap) -> Iterator[str]:
    """The nodes, then the edges, in pieces."""
    known: set[str] = set()
    out: list[str] = []
    for e in m.elements:
        if isinstance(e, Claim):
            nid = f"claim:{e.id}"
            if nid in known:
                continue
            section = m.section_of(e)
            items: tuple[tuple[str, str | None], ...] = (
                ("kind", "claim"),
                ("label", e.id),
                ("text", e.text),
                ("claim_kind", e.kind.value if e.kind else None),
                ("tags", ",".join(e.tags)),
                ("node_title", e.title),
                ("base", None if e.base is None else repr(float(e.base))),
                ("node_date", e.date),
                ("node_note", e.note),
                ("sources", ",".join(e.sources)),
                ("section", None if section is None else section.id),
            )
        elif isinstance(e, Perspective):
            nid = f"perspective:{e.id}"
            if nid in known:
                continue
            items = (("kind", "perspective"), ("label", e.name), ("role", e.role), ("node_note", e.note))
        elif isinstance(e, Question):
            nid = f"question:{e.id}"
            if nid in known:
                continue
            items = (
                ("kind", "question"),
                ("label", e.id),
                ("text", e.text),
                ("tags", ",".join(e.tags)),
                ("node_note", e.note),
            )
        else:
            continue
        known.add(nid)
        out.append(_node(nid, items))
        if len(out) >= _PER_CHUNK:
            yield "".join(out)
            out.clear()
    # Every relation is a node; a named one is found by its name (first definition wins).
    relation_ids: list[str] = []
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    for e in m.relations:
        kind = _RELATION_KINDS[type(e)]
        counts[kind] = counts.get(kind, 0) + 1
        named = e.name is not None and e.name not in names
        rid = f"{kind}:{e.name}" if named and f"{kind}:{e.name}" not in known else f"{kind}#{counts[kind]}"
        if e.name is not None:
            names.setdefault(e.name, rid)
        known.add(rid)
        out.append(
            _node(
                rid,
                (
                    ("kind", kind),
                    ("label", e.name),
                    ("name", e.name),
                    ("by", ",".join(e.by)),
                    ("node_note", e.note),
                    ("tags", ",".join(e.tags)),
                    ("scheme", e.scheme),
                    ("sources", ",".join(e.sources)),
                ),
            )
        )
        relation_ids.append(rid)
        if len(out) >= _PER_CHUNK:
            yield "".join(out)
            out.clear()
    # An edge's end that is no node yet (a claim never defined ...) becomes one, before the
    # edges: a first pass over them finds those ends, the second writes the edges.
    for source, target, _ in _edges(m, relation_ids, names):
        for end in (source, target):
            if end not in known:
                known.add(end)
                out.append(_node(end, (("kind", "undefined"), ("label", end.partition(":")[2]))))
    for number, (source, target, items) in enumerate(_edges(m, relation_ids, names), 1):
        out.append(_edge(number, source, target, items))
        if len(out) >= _PER_CHUNK:
            yield "".join(out)
            out.clear()
    if out:
        yield "".join(out)


def _edges(m: ArgumentMap, relation_ids: list[str], names: dict[str, str]) -> Iterator[_Edge]:
    """Every edge, in the order they are written."""
    for e, rid in zip(m.relations, relation_ids, strict=True):
        if isinstance(e, Support):
            for p in e.premises:
                yield f"claim:{p}", rid, _PREMISE
            yield rid, f"claim:{e.conclusion}", _CONCLUSION
        elif isinstance(e, Rebuttal):
            for a in e.attackers:
                yield f"claim:{a}", rid, _ATTACKER
            yield rid, f"claim:{e.target}", _TARGET
        elif isinstance(e, Undercut):
            for a in e.attackers:
                yield f"claim:{a}", rid, _ATTACKER
            yield rid, names.get(e.target, f"relation:{e.target}"), _TARGET
        else:
            yield f"claim:{e.left}", rid, _SIDE
            yield f"claim:{e.right}", rid, _SIDE
    for element in m.elements:
        if isinstance(element, Stance):
            relation = "accepts" if element.accepts else "rejects"
            target = names.get(element.target, f"claim:{element.target}")
            items = (("relation", relation), ("edge_date", element.date), ("edge_note", element.note))
            yield f"perspective:{element.perspective}", target, items
        elif isinstance(element, Claim):
            for question in element.answers:
                side = element.side(question)
                yield f"claim:{element.id}", f"question:{question}", (("relation", "answers"), ("side", side))


_PREMISE: tuple[tuple[str, str | None], ...] = (("relation", "premise"),)
_CONCLUSION: tuple[tuple[str, str | None], ...] = (("relation", "conclusion"),)
_ATTACKER: tuple[tuple[str, str | None], ...] = (("relation", "attacker"),)
_TARGET: tuple[tuple[str, str | None], ...] = (("relation", "target"),)
_SIDE: tuple[tuple[str, str | None], ...] = (("relation", "side"),)


#: Attribute names used by more than one domain: their key ids are prefixed with the domain
#: (GraphML key ids are one namespace; the ``attr.name`` stays the plain name).
_SHARED = frozenset({("graph", "title"), ("node", "title"), ("node", "date"), ("edge", "date"),
                     ("node", "note"), ("edge", "note")})  # fmt: skip
