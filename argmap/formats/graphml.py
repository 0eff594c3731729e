"""Map -> GraphML, for graph tools (Gephi, yEd, Cytoscape, NetworkX).

Nodes: every claim (``kind`` = claim, with its text, claim kind and tags), every support (a node
of its own, ``kind`` = support, so that linked premises and undercuts have something to point
at) and every perspective. Edges carry a ``relation``: ``premise`` (premise -> support),
``conclusion`` (support -> conclusion), ``rebuttal``, ``undercut`` (attacker -> support),
``contradiction``, ``accepts`` and ``rejects`` (perspective -> claim); ``by`` lists the
perspectives that assert a relation. Export only: GraphML has no argument semantics to read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from argmap.model import ArgumentMap, Claim, Contradiction, Perspective, Rebuttal, Stance, Support, Undercut

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
    ("edge", "relation", "string"),
    ("edge", "by", "string"),
    ("edge", "note", "string"),
)


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _data(parent: ET.Element, key: str, value: str | None) -> None:
    """A data item; characters XML 1.0 cannot hold become U+FFFD."""
    if value:
        item = ET.SubElement(parent, "data", key=key)
        item.text = _NOT_XML.sub("\ufffd", value)


def dumps(m: ArgumentMap) -> str:
    """The map as a GraphML document."""
    root = ET.Element("graphml", xmlns=_NS)
    for domain, name, kind in _KEYS:
        ET.SubElement(root, "key", {"id": name, "for": domain, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="argmap", edgedefault="directed")
    if m.title:
        _data(graph, "title", m.title)
    known: set[str] = set()

    def node(node_id: str, kind: str, label: str) -> ET.Element:
        known.add(node_id)
        element = ET.SubElement(graph, "node", id=node_id)
        _data(element, "kind", kind)
        _data(element, "label", label)
        return element

    edges = 0

    def edge(
        source: str, target: str, relation: str, by: tuple[str, ...] = (), note: str | None = None
    ) -> None:
        nonlocal edges
        edges += 1
        for end in (source, target):
            if end not in known:
                node(end, "undefined", end)
        element = ET.SubElement(graph, "edge", id=f"e{edges}", source=source, target=target)
        _data(element, "relation", relation)
        _data(element, "by", ",".join(by))
        _data(element, "note", note)

    for e in m.elements:
        if isinstance(e, Claim) and f"claim:{e.id}" not in known:
            element = node(f"claim:{e.id}", "claim", e.id)
            _data(element, "text", e.text)
            _data(element, "claim_kind", e.kind.value if e.kind else None)
            _data(element, "tags", ",".join(e.tags))
        elif isinstance(e, Perspective) and f"perspective:{e.id}" not in known:
            element = node(f"perspective:{e.id}", "perspective", e.name)
            _data(element, "role", e.role)
    supports = 0
    names: dict[str, str] = {}
    for e in m.elements:
        if isinstance(e, Support):
            supports += 1
            sid = (
                f"support:{e.name}"
                if e.name is not None and f"support:{e.name}" not in known
                else f"support#{supports}"
            )
            if e.name is not None:
                names.setdefault(e.name, sid)
            node(sid, "support", e.name or "")
            for p in e.premises:
                edge(f"claim:{p}", sid, "premise", e.by, e.note)
            edge(sid, f"claim:{e.conclusion}", "conclusion", e.by, e.note)
    for e in m.elements:
        if isinstance(e, Rebuttal):
            edge(f"claim:{e.attacker}", f"claim:{e.target}", "rebuttal", e.by, e.note)
        elif isinstance(e, Undercut):
            edge(f"claim:{e.attacker}", names.get(e.target, f"support:{e.target}"), "undercut", e.by, e.note)
        elif isinstance(e, Contradiction):
            edge(f"claim:{e.left}", f"claim:{e.right}", "contradiction", e.by, e.note)
        elif isinstance(e, Stance):
            relation = "accepts" if e.accepts else "rejects"
            edge(f"perspective:{e.perspective}", f"claim:{e.claim}", relation, (), e.note)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
