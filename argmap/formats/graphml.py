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

__all__ = ["dumps"]

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

#: An element waiting to be written: its tag, its attributes, and its data items (key, text).
_Element = tuple[str, dict[str, str], list[tuple[str, str]]]


def _data(element: _Element, key: str, value: str | None) -> None:
    """A data item; characters XML 1.0 cannot hold become U+FFFD."""
    if value:
        element[2].append((key, _NOT_XML.sub("\ufffd", value)))


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    return (
        _text(value)
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
        .replace("\n", "&#10;")
        .replace("\t", "&#09;")
    )


def _start(tag: str, attributes: dict[str, str]) -> str:
    return "<" + tag + "".join(f' {k}="{_attribute(v)}"' for k, v in attributes.items())


def _write(element: _Element, indent: str) -> str:
    """One element as indented XML (the layout ``ElementTree.indent`` gives)."""
    tag, attributes, items = element
    if not items:
        return f"{indent}{_start(tag, attributes)} />\n"
    inner = indent + "  "
    body = "".join(f'{inner}<data key="{_attribute(k)}">{_text(v)}</data>\n' for k, v in items)
    return f"{indent}{_start(tag, attributes)}>\n{body}{indent}</{tag}>\n"


def dumps(m: ArgumentMap) -> str:
    """The map as a GraphML document (written piece by piece: a big map builds no XML tree)."""
    known: set[str] = set()
    # Each element is written as text once the next one starts: only the one being filled in
    # is held as an element (a 100k-claim map's tree took 1.7 GB).
    nodes: list[str] = []
    edges: list[str] = []
    filling: list[tuple[list[str], _Element]] = []

    def written() -> None:
        while filling:
            into, element = filling.pop()
            into.append(_write(element, "    "))

    def node(node_id: str, kind: str, label: str) -> _Element:
        written()
        known.add(node_id)
        element: _Element = ("node", {"id": node_id}, [])
        filling.append((nodes, element))
        _data(element, "kind", kind)
        _data(element, "label", label)
        return element

    def edge(source: str, target: str, relation: str, **data: str | None) -> None:
        for end in (source, target):
            if end not in known:
                node(end, "undefined", end.partition(":")[2])
        written()
        element: _Element = ("edge", {"id": f"e{len(edges) + 1}", "source": source, "target": target}, [])
        filling.append((edges, element))
        _data(element, "relation", relation)
        for key, value in data.items():
            _data(element, f"edge_{key}" if ("edge", key) in _SHARED else key, value)

    for e in m.elements:
        if isinstance(e, Claim) and f"claim:{e.id}" not in known:
            element = node(f"claim:{e.id}", "claim", e.id)
            _data(element, "text", e.text)
            _data(element, "claim_kind", e.kind.value if e.kind else None)
            _data(element, "tags", ",".join(e.tags))
            _data(element, "node_title", e.title)
            _data(element, "base", None if e.base is None else repr(float(e.base)))
            _data(element, "node_date", e.date)
            _data(element, "node_note", e.note)
            _data(element, "sources", ",".join(e.sources))
            section = m.section_of(e)
            _data(element, "section", None if section is None else section.id)
        elif isinstance(e, Perspective) and f"perspective:{e.id}" not in known:
            element = node(f"perspective:{e.id}", "perspective", e.name)
            _data(element, "role", e.role)
            _data(element, "node_note", e.note)
        elif isinstance(e, Question) and f"question:{e.id}" not in known:
            element = node(f"question:{e.id}", "question", e.id)
            _data(element, "text", e.text)
            _data(element, "tags", ",".join(e.tags))
            _data(element, "node_note", e.note)
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
        element = node(rid, kind, e.name or "")
        _data(element, "name", e.name)
        _data(element, "by", ",".join(e.by))
        _data(element, "node_note", e.note)
        _data(element, "tags", ",".join(e.tags))
        _data(element, "scheme", e.scheme)
        _data(element, "sources", ",".join(e.sources))
        relation_ids.append(rid)
    for e, rid in zip(m.relations, relation_ids, strict=True):
        if isinstance(e, Support):
            for p in e.premises:
                edge(f"claim:{p}", rid, "premise")
            edge(rid, f"claim:{e.conclusion}", "conclusion")
        elif isinstance(e, Rebuttal):
            for a in e.attackers:
                edge(f"claim:{a}", rid, "attacker")
            edge(rid, f"claim:{e.target}", "target")
        elif isinstance(e, Undercut):
            for a in e.attackers:
                edge(f"claim:{a}", rid, "attacker")
            edge(rid, names.get(e.target, f"relation:{e.target}"), "target")
        else:
            edge(f"claim:{e.left}", rid, "side")
            edge(f"claim:{e.right}", rid, "side")
    for e in m.elements:
        if isinstance(e, Stance):
            relation = "accepts" if e.accepts else "rejects"
            target = names.get(e.target, f"claim:{e.target}")
            edge(f"perspective:{e.perspective}", target, relation, date=e.date, note=e.note)
        elif isinstance(e, Claim):
            for question in e.answers:
                edge(f"claim:{e.id}", f"question:{question}", "answers", side=e.side(question))
    written()
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n', f'<graphml xmlns="{_NS}">\n']
    for domain, name, kind in _KEYS:
        key_id = f"{domain}_{name}" if (domain, name) in _SHARED else name
        attributes = {"id": key_id, "for": domain, "attr.name": name, "attr.type": kind}
        out.append(f"  {_start('key', attributes)} />\n")
    graph: list[tuple[str, str]] = []
    if m.title:
        _data(("graph", {}, graph), "graph_title", m.title)
    if not graph and not nodes and not edges:
        out.append('  <graph id="argmap" edgedefault="directed" />\n')
    else:
        out.append('  <graph id="argmap" edgedefault="directed">\n')
        out.extend(f'    <data key="{_attribute(k)}">{_text(v)}</data>\n' for k, v in graph)
        out.extend(nodes)
        out.extend(edges)
        out.append("  </graph>\n")
    out.append("</graphml>\n")
    return "".join(out)


#: Attribute names used by more than one domain: their key ids are prefixed with the domain
#: (GraphML key ids are one namespace; the ``attr.name`` stays the plain name).
_SHARED = frozenset({("graph", "title"), ("node", "title"), ("node", "date"), ("edge", "date"),
                     ("node", "note"), ("edge", "note")})  # fmt: skip
