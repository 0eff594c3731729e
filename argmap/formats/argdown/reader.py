"""Argdown text -> map: statements, arguments, relations, premise-conclusion structures,
headings, tags and data, read as Argdown's own model reads them (see the package docstring for
the correspondence), and a list of what the map cannot hold."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TypeGuard

import attrs

from argmap.errors import InterchangeError
from argmap.formats.argdown import data as D
from argmap.formats.argdown.lexer import Line, Token, lex
from argmap.formats.argdown.shortcodes import SHORTCODES
from argmap.formats.writer import VERB_IDS
from argmap.model import (
    ArgumentMap,
    Claim,
    Contradiction,
    Element,
    Rebuttal,
    Section,
    Source,
    Stance,
    Support,
    Title,
    Undercut,
    is_valid_id,
)
from argmap.util.gcpause import paused_gc

__all__ = ["ARGUMENT_TAG", "INFERENCE_SUFFIX", "Imported", "Loss", "read"]

#: The tag that marks a claim standing for an Argdown argument.
ARGUMENT_TAG = "argument"
#: Suffix of the name of the support holding an argument's premise-conclusion structure when
#: the argument is a claim of its own too.
INFERENCE_SUFFIX = "-inference"
#: The version of the ``argmap`` data argmap writes into Argdown (front matter and ``{data}``).
DATA_VERSION = 1


@attrs.frozen
class Loss:
    """One kind of thing the Argdown source says that the map does not hold: what it is, and
    where (line numbers or titles), one entry per occurrence."""

    kind: str
    where: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.where)

    def __str__(self) -> str:
        shown = ", ".join(self.where[:6]) + (", ..." if len(self.where) > 6 else "")
        return f"{self.kind}: {self.count} ({shown})"


@attrs.frozen
class Imported:
    """An imported map, what the source said that the map cannot (``losses``, and the same as
    sentences in ``notes``), and the id each Argdown title (``[T]`` or ``<T>``; untitled
    statements are ``Untitled N`` as Argdown numbers them) was given."""

    map: ArgumentMap
    notes: tuple[str, ...] = ()
    statements: dict[str, str] = attrs.field(factory=dict)
    arguments: dict[str, str] = attrs.field(factory=dict)
    #: argument id -> name of the support that holds its (main) premise-conclusion step
    inferences: dict[str, str] = attrs.field(factory=dict)
    losses: tuple[Loss, ...] = ()


# ---- refusing what is plainly another format ------------------------------------------------------
def _refuse_other_formats(text: str) -> None:
    start = text.lstrip("\ufeff \t\r\n")
    if not start.startswith(("{", "[")):
        return
    try:
        doc = json.loads(start)
    except (ValueError, RecursionError):
        return
    if isinstance(doc, dict) and doc.get("format") == "argmap":
        what, hint = "argmap JSON", "--from json"
    elif isinstance(doc, dict) and ("nodes" in doc or "AIF" in doc):
        what, hint = "AIF JSON", "--from aif"
    else:
        what, hint = "JSON", "--from json or --from aif"
    raise InterchangeError(f"this is {what}, not Argdown: read it with {hint}")


# ---- front matter ---------------------------------------------------------------------------------
_FRONT = re.compile(r"\A[ \t\n]*===+([\s\S]*?)===+[ \t]*(?=\n|\Z)")


def _front_matter(text: str) -> tuple[str, dict[str, Any] | None, str | None]:
    """The text with its front matter blanked (line numbers kept), the front matter's values,
    and why it could not be read (None when it could)."""
    m = _FRONT.match(text)
    if m is None:
        return text, None, None
    rest = "\n" * m.group().count("\n") + text[m.end() :]
    try:
        values = D.parse_block(m.group(1))
    except ValueError as exc:
        return rest, {}, str(exc)
    return rest, values, None


# ---- lines -> items -----------------------------------------------------------------------------
@attrs.define
class _Item:
    kind: str  # top, rel, pcs, inference, heading
    indent: int
    line: int
    symbol: str = ""
    tokens: list[Token] = attrs.field(factory=list)
    raw: list[str] = attrs.field(factory=list)
    content: _Content | None = None


_INFERENCE = re.compile(r"^--+(.*?)(--+)?\s*$")


def _items(lines: list[Line]) -> list[_Item | None]:
    out: list[_Item | None] = []
    current: _Item | None = None
    in_inference: _Item | None = None
    for line in lines:
        stripped = line.raw.strip()
        if in_inference is not None:  # a rule block "--\nrule\n--"
            in_inference.raw.append(stripped)
            in_inference.tokens.extend(line.tokens)
            if stripped.startswith("--") or stripped.endswith("--"):
                in_inference = None
            continue
        if line.blank:
            out.append(None)
            current = None
            continue
        if line.lead == "inference":
            item = _Item("inference", line.indent, line.number, tokens=list(line.tokens), raw=[stripped])
            out.append(item)
            current = None
            m = _INFERENCE.match(stripped)
            body = m.group(1).strip() if m else ""
            if stripped == "--" or (m and body and m.group(2) is None and not set(body) <= {"-"}):
                in_inference = item
            continue
        if line.lead == "heading":
            current = _Item("heading", 0, line.number, str(len(line.symbol)), list(line.tokens))
            out.append(current)
            continue
        if line.lead in ("rel", "pcs"):
            current = _Item(line.lead, line.indent, line.number, line.symbol, list(line.tokens))
            out.append(current)
            continue
        first = line.tokens[0].kind if line.tokens else ""
        starts_anew = line.indent == 0 and first in ("sdef", "sref", "adef", "aref")
        if line.lead == "list" or current is None or (starts_anew and current.kind == "top"):
            current = _Item("top", line.indent, line.number, tokens=list(line.tokens))
            out.append(current)
        else:
            current.tokens.append(Token("text", " "))
            current.tokens.extend(line.tokens)
    return out


# ---- an item's content --------------------------------------------------------------------------
@attrs.define
class _Content:
    head: str = ""  # "", "statement", "argument"
    title: str = ""
    text: str = ""
    tags: list[str] = attrs.field(factory=list)
    data: list[str] = attrs.field(factory=list)
    links: int = 0
    formats: int = 0


def _fold(pieces: list[tuple[str, bool]]) -> str:
    """Plain pieces fold white space (as Argdown's text does); escaped pieces are exact."""
    out: list[str] = []
    run: list[str] = []
    first_plain = bool(pieces) and pieces[0][1]
    last_plain = bool(pieces) and pieces[-1][1]

    def flush() -> None:
        if run:
            out.append(re.sub(r"[ \t\n]+", " ", "".join(run)))
            run.clear()

    for text, plain in pieces:
        if plain:
            run.append(text)
        else:
            flush()
            out.append(text)
    flush()
    if out and first_plain:
        out[0] = out[0].lstrip(" ")
    if out and last_plain:
        out[-1] = out[-1].rstrip(" ")
    return "".join(out)


def _content(tokens: list[Token]) -> _Content:
    c = _Content()
    pieces: list[tuple[str, bool]] = []
    opened: list[tuple[int, str]] = []
    start = 0
    while start < len(tokens) and tokens[start].kind == "text" and not tokens[start].value.strip(" \t\n"):
        start += 1
    if start < len(tokens) and tokens[start].kind in ("sdef", "sref", "adef", "aref"):
        t = tokens[start]
        c.head = "statement" if t.kind[0] == "s" else "argument"
        c.title = t.value
        start += 1
    for t in tokens[start:]:
        if t.kind == "text":
            pieces.append((t.value, True))
        elif t.kind == "lit":
            pieces.append((t.value, False))
        elif t.kind == "special":  # as Argdown shows it: the symbol, or the text as written
            symbol = SHORTCODES.get(t.value.strip(" \t"))
            if symbol is None:
                pieces.append((t.value, True))
            else:
                pieces.append((symbol, False))
                pieces.append((t.value[len(t.value.rstrip(" \t")) :], True))
        elif t.kind == "tag":
            if t.value and t.value not in c.tags:
                c.tags.append(t.value)
        elif t.kind == "data":
            c.data.append(t.value)
        elif t.kind == "link":
            pieces.append((t.value, True))
            c.links += 1
        elif t.kind == "format":
            if t.value == "end":
                if opened:
                    opened.pop()
                    c.formats += 1
            else:
                opened.append((len(pieces), t.value))
                pieces.append(("", True))
        elif t.kind == "mention":
            pieces.append((t.value, True))
        elif t.kind in ("sdef", "sref"):
            pieces.append((f"[{t.value}]" + (":" if t.kind == "sdef" else ""), True))
        else:
            pieces.append((f"<{t.value}>" + (":" if t.kind == "adef" else ""), True))
    for at, mark in opened:  # a marker never closed is text (Argdown would not read the file)
        pieces[at] = (mark, False)
    c.text = _fold(pieces)
    return c


def _usable(wanted: object) -> TypeGuard[str]:
    """An id argmap's data may give: valid, and not a verb the writer cannot put after a
    definition keyword."""
    return isinstance(wanted, str) and is_valid_id(wanted) and wanted not in VERB_IDS


def _slug(wanted: str) -> str:
    if is_valid_id(wanted) and wanted not in VERB_IDS:
        return wanted
    base = re.sub(r"[^\w-]+", "-", wanted.lower()).strip("-")
    base = re.sub(r"^-+", "", base)[:40].rstrip("-")
    if not base or not is_valid_id(base) or base in VERB_IDS:
        base = "s" if not base else f"s-{base}"
        if not is_valid_id(base):
            base = "s"
    return base


# ---- items -> map -----------------------------------------------------------------------------------
_KINDS = {"+": "support", "-": "attack", "_": "undercut", "><": "contradiction"}
#: Marks a step of an argument in place of a node (no id or title holds this character).
_STEP = "\x00"


@attrs.define
class _Node:
    """A statement (equivalence class) or an argument, as the document builds it up."""

    id: str
    title: str
    argument: bool
    line: int
    defined_at: int | None = None
    section: str | None = None
    text: str | None = None
    tags: list[str] = attrs.field(factory=list)
    notes: list[str] = attrs.field(factory=list)
    sources: list[str] = attrs.field(factory=list)
    argmap: dict[str, Any] | None = None
    steps: list[tuple[list[str], str]] = attrs.field(factory=list)


class _Reader:
    def __init__(self, front: dict[str, Any] | None) -> None:
        self.losses: dict[str, list[str]] = {}
        self.used: set[str] = set()
        self.nodes: dict[str, _Node] = {}  # id -> node
        self.statement_ids: dict[str, str] = {}
        self.argument_ids: dict[str, str] = {}
        self.order: list[str] = []
        self.untitled = 0
        self.relations: list[tuple[str, str, str, str | None, int]] = []  # kind, from, to, section, line
        self.sections: list[tuple[Section, int]] = []
        self.section: str | None = None
        self.heading_stack: list[tuple[int, str]] = []
        self.sources: dict[str, Source] = {}
        self.wanted_ids: dict[tuple[str, str], str] = {}
        self.counters: dict[str, int] = {}
        self.step_undercuts: list[tuple[str, str, int, str | None]] = []  # from, argument, step, section
        self.front = front or {}
        argmap_front = self.front.get("argmap")
        self.meta: dict[str, Any] = argmap_front if isinstance(argmap_front, dict) else {}

    def lose(self, kind: str, where: str) -> None:
        self.losses.setdefault(kind, []).append(where)

    def fresh(self, wanted: str) -> str:
        base = _slug(wanted)
        candidate, n = base, self.counters.get(base, 2)
        while candidate in self.used:
            candidate = f"{base}-{n}"
            n += 1
        self.counters[base] = n  # the next try for this base: no rescans (many equal titles)
        self.used.add(candidate)
        return candidate

    # ---- data ----------------------------------------------------------------------------------
    def read_data(self, raw: list[str], line: int) -> tuple[dict[str, Any] | None, list[str], list[str]]:
        """argmap's own data, a note for the rest, and the sources it names."""
        mine: dict[str, Any] | None = None
        notes: list[str] = []
        sources: list[str] = []
        for block in raw:
            try:
                value = D.parse(block)
            except (ValueError, RecursionError) as exc:
                notes.append(f"Argdown data: {block}")
                self.lose(f"data that could not be read ({exc}), kept as a note", f"line {line}")
                continue
            if not isinstance(value, dict):
                notes.append(f"Argdown data: {block}")
                continue
            rest = dict(value)
            ours = rest.pop("argmap", None)
            if isinstance(ours, dict):
                mine = ours
            elif ours is not None:
                rest["argmap"] = ours
            source = rest.pop("source", None)
            if isinstance(source, str) and source.strip():
                sources.append(self.source(source.strip()))
            elif source is not None:
                rest["source"] = source
            if rest:
                notes.append("Argdown data: " + json.dumps(rest, ensure_ascii=False, default=str))
        return mine, notes, sources

    def source(self, title: str) -> str:
        for s in self.sources.values():
            if s.title == title:
                return s.id
        sid = self.fresh(title)
        self.sources[sid] = Source(sid, title)
        return sid

    # ---- nodes ---------------------------------------------------------------------------------------
    def node(self, c: _Content, line: int) -> str:
        """The id of the statement or argument an item's content names (defining it or
        referring to it), with the item's text, tags and data added to it."""
        if c.head == "argument":
            table, title = self.argument_ids, c.title
        else:
            table = self.statement_ids
            if c.head == "statement":
                title = c.title
            else:
                self.untitled += 1
                title = f"Untitled {self.untitled}"
        known = table.get(title)
        if known is None:
            wanted = self.wanted_ids.get((c.head or "statement", title))
            if wanted is None:
                known = self.fresh(title if c.head else " ".join(c.text.split()[:4]) or "statement")
            else:
                known = wanted
            table[title] = known
            self.nodes[known] = _Node(known, title, c.head == "argument", line, section=self.section)
            self.order.append(known)
        node = self.nodes[known]
        if (c.text or c.data) and node.defined_at is None:
            node.defined_at = line
            node.section = self.section
        if c.text:
            if node.text is None:
                node.text = c.text
            elif node.text != c.text:
                self.lose(
                    "another text for a statement (Argdown's equivalence class; the first is kept)",
                    f"line {line}",
                )
        for t in c.tags:
            if t not in node.tags:
                node.tags.append(t)
        if c.links:
            self.lose("link address (the link's text is kept)", f"line {line}")
        if c.formats:
            self.lose("bold or italic formatting", f"line {line}")
        if c.data:
            mine, notes, sources = self.read_data(c.data, line)
            if mine is not None:
                node.argmap = mine
            node.notes.extend(notes)
            node.sources.extend(s for s in sources if s not in node.sources)
        return known

    def relate(self, symbol: str, parent: str, child: str, line: int) -> None:
        if symbol in ("+>", "->", "_>"):
            self.relations.append((_KINDS[symbol[0]], parent, child, self.section, line))
        elif symbol == "><":
            self.relations.append(("contradiction", parent, child, self.section, line))
        else:
            self.relations.append((_KINDS[symbol.lstrip("<")], child, parent, self.section, line))

    def heading(self, item: _Item) -> None:
        c = item.content
        assert c is not None
        level = int(item.symbol)
        while self.heading_stack and self.heading_stack[-1][0] >= level:
            self.heading_stack.pop()
        parent = self.heading_stack[-1][1] if self.heading_stack else None
        mine, notes, sources = self.read_data(c.data, item.line)
        if sources:
            self.lose("source named on a heading", f"line {item.line}")
        title = c.text
        fields: dict[str, Any] = {}
        if mine is not None:
            fields = {k: v for k, v in mine.items() if k != "type"}
        sid = fields.pop("id", None)
        if not _usable(sid) or sid in self.used:
            sid = self.fresh(title or "section")
        else:
            self.used.add(sid)
        fields.setdefault("parent", parent)
        if notes:
            fields["note"] = "\n".join(([fields["note"]] if fields.get("note") else []) + notes)
        if c.tags:
            self.lose("tag on a heading", f"line {item.line}")
        try:
            section = D.decode(Section, {"title": title, **fields}, id=sid)
        except (TypeError, ValueError) as exc:
            self.lose(f"argmap data that does not fit ({exc})", f"line {item.line}")
            section = Section(sid, title, parent)
        self.sections.append((section, item.line))
        self.section = sid
        self.heading_stack.append((level, sid))

    def collect_ids(self, items: Iterable[_Item | None]) -> None:
        """Ids argmap's own data gives titles: reserved before any other id is made."""
        for item in items:
            if item is None or item.content is None or not item.content.data:
                continue
            c = item.content
            for block in c.data:
                try:
                    value = D.parse(block)
                except (ValueError, RecursionError):
                    continue
                ours = value.get("argmap") if isinstance(value, dict) else None
                wanted = ours.get("id") if isinstance(ours, dict) else None
                if _usable(wanted) and wanted not in self.used:
                    if item.kind == "heading":
                        continue  # sections take theirs when they are met
                    key = (c.head or "statement", c.title)
                    if c.head and key not in self.wanted_ids:
                        self.wanted_ids[key] = wanted
                        self.used.add(wanted)
        # then statements whose title is an id keep it, whatever argument is met first
        for item in items:
            head = item.content if item is not None else None
            if head is None or head.head != "statement" or ("statement", head.title) in self.wanted_ids:
                continue
            if _usable(head.title) and head.title not in self.used:
                self.wanted_ids[("statement", head.title)] = head.title
                self.used.add(head.title)

    def run(self, items: list[_Item | None]) -> None:
        for item in items:
            if item is not None and item.kind != "inference":
                item.content = _content(item.tokens)
        self.collect_ids(items)
        frames: list[tuple[int, str | None]] = []  # indentation levels, each with its parent
        last: str | None = None  # the item a deeper relation belongs to
        argument: str | None = None  # the argument a following structure belongs to
        premises: list[str] = []
        conclusion_next = False
        last_conclusion: str | None = None
        for item in items:
            if item is None:
                frames, last = [], None  # an empty line ends a statement's relations
                continue
            if item.kind == "heading":
                self.heading(item)
                frames, last, argument = [], None, None
                continue
            if item.kind == "inference":
                conclusion_next = True
                rule = " ".join(item.raw)
                rule = re.sub(r"\{[\s\S]*\}", " ", rule).strip("- ").strip()
                if rule:
                    self.lose("inference rule", f"line {item.line}")
                if any(t.kind == "data" for t in item.tokens) or "{" in " ".join(item.raw):
                    self.lose("data of an inference", f"line {item.line}")
                if argument is not None:  # relations under the inference undercut this step
                    step = len(self.nodes[argument].steps)
                    frames, last = [(item.indent, None)], f"{_STEP}{argument}{_STEP}{step}"
                continue
            c = item.content
            assert c is not None
            if item.kind == "top":
                node = self.node(c, item.line)
                frames, last = [(item.indent, None)], node
                is_arg = self.nodes[node].argument
                argument = node if is_arg and not self.nodes[node].steps else None
                premises, conclusion_next, last_conclusion = [], False, None
            elif item.kind == "rel":
                # indentation as Argdown's lexer reads it: deeper opens the relations of the
                # item above; shallower closes levels down to the one it reaches (a depth between
                # two levels is the outer one)
                if frames and item.indent > frames[-1][0]:
                    frames.append((item.indent, last))
                else:
                    while len(frames) > 1 and item.indent < frames[-1][0]:
                        frames.pop()
                parent = frames[-1][1] if frames else None
                if parent is None:
                    self.lose("relation with nothing above it", f"line {item.line}")
                    continue
                node = self.node(c, item.line)
                self.relate(item.symbol, parent, node, item.line)
                last = node
            elif item.kind == "pcs":
                if argument is None:  # Argdown numbers untitled arguments with its statements
                    self.untitled += 1
                    untitled = _Content(head="argument", title=f"Untitled {self.untitled}")
                    argument = self.node(untitled, item.line)
                node = self.node(c, item.line)
                frames, last = [(item.indent, None)], node
                if conclusion_next:
                    used = ([last_conclusion] if last_conclusion else []) + premises
                    self.nodes[argument].steps.append((used, node))
                    last_conclusion, premises, conclusion_next = node, [], False
                else:
                    premises.append(node)

    # ---- building ---------------------------------------------------------------------------------
    def build(self, title: str | None) -> tuple[list[Element], dict[str, str]]:
        """The map's elements, and each reconstructed argument's main support name."""
        # arguments argmap wrote to stand for an attack Argdown cannot say: the attack itself
        # is in the front matter's data, so the argument and its relations are not elements
        stand_ins = {a for a, n in self.nodes.items() if n.argument and n.argmap and "stands for" in n.argmap}
        self.relations = [r for r in self.relations if r[1] not in stand_ins and r[2] not in stand_ins]
        reconstructed = {a for a, n in self.nodes.items() if n.argument and n.steps}
        conclusion = {a: self.nodes[a].steps[-1][1] for a in reconstructed}
        premises_of = {a: {p for used, _c in self.nodes[a].steps for p in used} for a in reconstructed}
        # relations as Argdown's model places them
        placed: list[tuple[str, str, str, str | None, int]] = []
        attacked: dict[str, set[str]] = {}  # statement -> what it attacks or contradicts
        for rel_kind, rel_from, rel_to, _sec, _l in self.relations:
            if rel_kind in ("attack", "contradiction"):
                attacked.setdefault(conclusion.get(rel_from, rel_from), set()).add(rel_to)
        for kind, start, target, section, line in self.relations:
            source = start
            if target.startswith(_STEP) or source.startswith(_STEP):
                self.step_relation(kind, source, target, section, line)
                continue
            if source in conclusion:  # from a reconstructed argument: from its conclusion
                if kind == "support" and target == conclusion[source]:
                    continue
                source = conclusion[source]
            if target in reconstructed:
                if kind == "support" and source in premises_of[target]:
                    continue  # a premise supports its argument: the structure says so
                if kind == "attack" and attacked.get(source, set()) & premises_of[target]:
                    continue  # it attacks a premise: Argdown counts that attack once
            placed.append((kind, source, target, section, line))
        needs_claim = {
            t for k, _s, t, _sec, _l in placed if t in reconstructed and k in ("support", "contradiction")
        }
        needs_claim |= {s for k, s, _t, _sec, _l in placed if s in reconstructed and k == "contradiction"}
        inference: dict[str, str] = {}
        position = {node_id: k for k, node_id in enumerate(self.order)}
        for a in sorted(reconstructed, key=position.__getitem__):
            node = self.nodes[a]
            wanted = node.argmap.get("name", a) if node.argmap is not None else a
            if a in needs_claim:
                name = f"{a}{INFERENCE_SUFFIX}"
                if name in self.used:
                    name = self.fresh(name)
                self.used.add(name)
            elif isinstance(wanted, str) and is_valid_id(wanted):
                name = wanted
            else:
                name = a
            inference[a] = name

        groups: dict[str | None, list[Element]] = {None: []}
        for opened, _line in self.sections:
            groups[opened.id] = []
        if title is not None:
            groups[None].append(Title(title))
        listed = self.meta.get("undefined")
        undefined = {u for u in listed if isinstance(u, str)} if isinstance(listed, list) else set()
        claim_ids = [
            i for i in self.order if (i not in reconstructed or i in needs_claim) and i not in stand_ins
        ]
        claim_ids.sort(key=lambda i: self.nodes[i].defined_at or self.nodes[i].line)
        for cid in claim_ids:
            node = self.nodes[cid]
            if cid in undefined and node.defined_at is None:
                continue
            groups.setdefault(node.section, []).extend(self.claim(node))
        # premise-conclusion structures
        for a in sorted(reconstructed, key=lambda i: self.nodes[i].defined_at or self.nodes[i].line):
            node = self.nodes[a]
            steps = node.steps
            for k, (used, concl) in enumerate(steps):
                if not used:
                    self.lose("conclusion without premises", f"argument '{node.title}'")
                    continue
                last = k == len(steps) - 1
                step_name: str | None = inference[a] + ("" if last else f"-{k + 1}")
                fields: dict[str, Any] = {}
                if last:
                    fields = self.support_fields(node, a in needs_claim)
                    if "name" in fields:
                        step_name = fields.pop("name")
                try:
                    s = D.decode(Support, fields, premises=tuple(used), conclusion=concl, name=step_name)
                except (TypeError, ValueError) as exc:
                    self.lose(f"argmap data that does not fit ({exc})", f"argument '{node.title}'")
                    s = Support(tuple(used), concl, step_name)
                groups.setdefault(node.section, []).append(s)
                groups[node.section].extend(self.stances_of(node))
        # the other relations
        for kind, source, target, section, line in placed:
            e = self.relation(kind, source, target, inference, line)
            groups.setdefault(section, []).append(e)
        for source, argument, step, section in self.step_undercuts:
            count = len(self.nodes[argument].steps)
            if argument in inference and step < count:
                name = inference[argument] + ("" if step == count - 1 else f"-{step + 1}")
                groups.setdefault(section, []).append(Undercut([source], name))
        self.apply_meta(groups)
        for sid in self.sources:
            groups[None].append(self.sources[sid])
        elements: list[Element] = []
        elements.extend(groups.pop(None, []))
        for opened, _line in self.sections:
            elements.append(opened)
            elements.extend(groups.pop(opened.id, []))
        return elements, inference

    def claim(self, node: _Node) -> list[Element]:
        tags = list(node.tags)
        if node.argument and ARGUMENT_TAG not in tags:
            tags.append(ARGUMENT_TAG)
        text = (
            node.text
            if node.text is not None
            else node.title
            if not node.title.startswith("Untitled ")
            else ""
        )
        title = None if node.title == node.id or node.title.startswith("Untitled ") else node.title
        fields: dict[str, Any] = {"text": text, "tags": tuple(tags)}
        if title is not None:
            fields["title"] = title
        if node.notes:
            fields["note"] = "\n".join(node.notes)
        if node.sources:
            fields["sources"] = tuple(node.sources)
        stances: list[Element] = []
        if node.argmap is not None:
            mine = {k: v for k, v in node.argmap.items() if k not in ("id", "name")}
            for key, accepts in (("held by", True), ("rejected by", False)):
                stances += self.inline_stances(mine.pop(key, None), node.id, accepts, node.title)
            mine.pop("stances", None)
            if "title" in mine and mine["title"] is None:
                fields.pop("title", None)
                mine.pop("title")
            if node.notes and "note" in mine:
                mine["note"] = (
                    "\n".join([mine["note"], *node.notes]) if mine["note"] else "\n".join(node.notes)
                )
            fields.update(mine)
        try:
            claim: Claim = D.decode(Claim, {k: v for k, v in fields.items() if k != "id"}, id=node.id)
        except (TypeError, ValueError) as exc:
            self.lose(f"argmap data that does not fit ({exc})", f"'{node.title}'")
            claim = Claim(node.id, text, tags=tags, note="\n".join(node.notes) or None)
        return [claim, *stances]

    def support_fields(self, node: _Node, has_claim: bool) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        if node.argmap is not None and not has_claim:
            fields = {
                k: v for k, v in node.argmap.items() if k not in ("held by", "rejected by", "id", "type")
            }
            return fields
        notes = []
        if not has_claim:
            if node.text:
                notes.append(node.text)
            notes.extend(node.notes)
            if node.tags:
                fields["tags"] = list(node.tags)
            if node.sources:
                fields["sources"] = list(node.sources)
            if node.title != node.id:
                notes.insert(0, f"<{node.title}>")
        if notes:
            fields["note"] = "\n".join(notes)
        return fields

    def stances_of(self, node: _Node) -> list[Element]:
        """The stances argmap's data puts on an argument (on the support it becomes)."""
        out: list[Element] = []
        if node.argmap is None:
            return out
        target = node.argmap.get("name") or node.id
        for key, accepts in (("held by", True), ("rejected by", False)):
            out += self.inline_stances(node.argmap.get(key), target, accepts, node.title)
        return out

    def inline_stances(self, held: object, target: object, accepts: bool, title: str) -> list[Element]:
        """``held by`` / ``rejected by`` in argmap's data: a list of perspective ids."""
        if held is None:
            return []
        if not isinstance(held, list) or not isinstance(target, str):
            self.lose("argmap stance that does not fit", f"'{title}'")
            return []
        out: list[Element] = []
        for p in held:
            try:
                out.append(Stance(p, target, accepts, True))
            except (TypeError, ValueError):
                self.lose("argmap stance that does not fit", f"'{title}'")
        return out

    def step_relation(self, kind: str, source: str, target: str, section: str | None, line: int) -> None:
        """A relation written under an inference line (``--``): an undercut of that step."""
        if kind != "undercut" or source.startswith(_STEP):
            self.lose("relation of an inference that is not an undercut of it", f"line {line}")
            return
        _none, argument, step = target.split(_STEP)
        self.step_undercuts.append((source, argument, int(step), section))

    def relation(self, kind: str, source: str, target: str, inference: dict[str, str], line: int) -> Element:
        if kind == "support":
            if target in inference:
                self.lose(
                    "support of a reconstructed argument (kept as a support of the argument's claim)",
                    f"line {line}",
                )
            return Support([source], target)
        if kind == "attack":
            if target in inference:
                return Undercut([source], inference[target])
            return Rebuttal([source], target)
        if kind == "contradiction":
            return Contradiction(source, target)
        if target in inference:
            return Undercut([source], inference[target])
        self.lose(
            "undercut of a statement or of an argument without premises and conclusion (kept as a rebuttal)",
            f"line {line}",
        )
        return Rebuttal([source], target, note="undercut in Argdown")

    def apply_meta(self, groups: dict[str | None, list[Element]]) -> None:
        """argmap's own data in the front matter: the elements Argdown has no place for, and the
        attributes of relations Argdown writes without them."""
        meta = self.meta
        entries = meta.get("elements") if meta else None
        if not isinstance(entries, list):
            return
        plain: dict[tuple[Any, ...], list[tuple[list[Element], int]]] = {}
        for group in groups.values():
            for i, old in enumerate(group):
                if isinstance(old, (Support, Rebuttal, Undercut, Contradiction)) and _plainish(old):
                    plain.setdefault(_ends(old), []).append((group, i))
        for found in plain.values():
            found.reverse()  # taken from the end: the first written first
        for entry in entries:
            section = entry.get("section") if isinstance(entry, dict) else None
            section = section if isinstance(section, str) else None
            try:
                e = D.element_from(entry)
                if hasattr(e, "id") and not _usable(e.id):
                    raise ValueError(f"'{e.id}' cannot be an id here")
            except (TypeError, ValueError) as exc:
                self.lose(f"argmap data that does not fit ({exc})", "front matter")
                continue
            target_group = groups.setdefault(section if section in groups else None, [])
            if isinstance(entry, dict) and entry.get("written"):
                bucket = plain.get(_ends(e))
                if bucket:
                    group, i = bucket.pop()
                    group[i] = e
                    continue
                self.lose(
                    "argmap relation data that matches no relation (kept as the data says)", "front matter"
                )
            target_group.append(e)


def _ends(e: Element) -> tuple[Any, ...]:
    if isinstance(e, Support):
        return ("support", e.premises, e.conclusion)
    if isinstance(e, (Rebuttal, Undercut)):
        return (type(e).__name__, e.attackers, e.target)
    if isinstance(e, Contradiction):
        return ("contradiction", e.left, e.right)
    return ("other", id(e))


def _plainish(e: Element) -> bool:
    """A relation as Argdown's syntax alone makes it (no name, no attributes)."""
    return D.encode(e, skip=("premises", "conclusion", "attackers", "target", "left", "right")) in (
        {},
        {"note": "undercut in Argdown"},
    )


def read(text: str, *, path: str | None = None) -> Imported:
    """Read Argdown text: the map, what it could not keep, and the ids given to Argdown's titles.

    Text that is plainly another format (AIF or argmap JSON) is refused with an
    InterchangeError that names it."""
    _refuse_other_formats(text)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    body, front, front_error = _front_matter(text)
    reader = _Reader(front)
    title: str | None = None
    if front_error is not None:
        reader.lose(f"front matter that could not be read ({front_error})", "line 1")
    if front:
        raw_title = front.get("title")
        title = None if raw_title is None else str(raw_title)
        for key in front:
            if key not in ("title", "argmap"):
                reader.lose(f"front matter setting '{key}' (Argdown's own)", "front matter")
    meta_title = reader.meta.get("title", "") if reader.meta else ""
    if reader.meta and "title" in reader.meta:
        title = meta_title if isinstance(meta_title, str) else title
    with paused_gc():
        items = _items(lex(body))
        reader.run(items)
        elements, inference = reader.build(title)
    losses = tuple(Loss(kind, tuple(where)) for kind, where in reader.losses.items())
    return Imported(
        ArgumentMap(tuple(elements), path=path),
        tuple(str(loss) for loss in losses),
        dict(reader.statement_ids),
        dict(reader.argument_ids),
        inference,
        losses,
    )


def loads(text: str, *, path: str | None = None) -> ArgumentMap:
    """The map in Argdown text. What it cannot represent is listed by :func:`read`."""
    return read(text, path=path).map
