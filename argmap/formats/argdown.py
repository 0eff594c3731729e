"""Map <-> Argdown (https://argdown.org), the most used argument-mapping language.

Import reads the Argdown language itself:

* statements ``[Title]: text`` (and untitled paragraphs) become claims; statements with the same
  title are one claim (Argdown's equivalence class);
* arguments ``<Title>: text`` become claims tagged ``argument``; an argument's
  premise-conclusion structure (``(1) ... ---- (3) ...``) becomes a linked support named
  ``<argument>-inference`` (a chain ``-1``, ``-2``... for intermediate conclusions);
* relations in both directions: ``+ - _ ><`` (the item below relates to the one above) and
  ``<+ <- <_`` (the same) and ``+> -> _>`` (the one above relates to the item below): support,
  attack (rebuttal), undercut (of the argument's inference) and contradiction;
* ``#tags`` and ``#(longer tags)``; the front matter's ``title``.

What argmap cannot say (headings, front-matter settings, inference rules, several texts for one
statement, an undercut of an argument without a premise-conclusion structure) is listed in
:attr:`Imported.notes`.

Export writes every claim as an Argdown statement (or argument, for claims tagged ``argument``
and for linked or undercut supports, which need an argument to carry them), then the relations;
the result is accepted by Argdown's own CLI. Perspectives, stances, sources, questions, quotes,
notes and claim kinds have no place in Argdown; :func:`export_notes` lists what is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from argmap.formats.writer import VERB_IDS
from argmap.model import (
    ArgumentMap,
    Claim,
    Contradiction,
    Element,
    Perspective,
    Question,
    Rebuttal,
    Source,
    Stance,
    Support,
    Title,
    Undercut,
    is_valid_id,
)

__all__ = ["ARGUMENT_TAG", "Imported", "dumps", "export_notes", "loads", "read"]

#: The tag that marks a claim standing for an Argdown argument.
ARGUMENT_TAG = "argument"
#: Suffix of the name of the support holding an argument's premise-conclusion structure.
INFERENCE_SUFFIX = "-inference"


@attrs.frozen
class Imported:
    """An imported map, what the source said that the map cannot, and the id each Argdown
    title (``[T]`` or ``<T>``; untitled statements are ``Untitled N`` as Argdown numbers them)
    was given."""

    map: ArgumentMap
    notes: tuple[str, ...] = ()
    statements: dict[str, str] = attrs.field(factory=dict)
    arguments: dict[str, str] = attrs.field(factory=dict)
    #: argument id -> name of the support that holds its premise-conclusion structure
    inferences: dict[str, str] = attrs.field(factory=dict)


# ---- reading: text clean-up -------------------------------------------------------------------
def _strip_comments(text: str) -> str:
    """Remove <!-- -->, /* */ and // comments (keeping line breaks, so lines keep their numbers)."""

    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group())

    text = re.sub(r"<!--[\s\S]*?-->", blank, text)
    text = re.sub(r"(?<!\\)/\*[\s\S]*?\*/", blank, text)
    return re.sub(r"(?:(?<=\s)|^)//[^\n]*", blank, text, flags=re.M)


_TAG = re.compile(r"(?<![\w\\])#(?:\(([^)]*)\)|([\w-]+))")
_DATA = re.compile(r"\{[^{}]*\}\s*$")


def _clean(text: str) -> tuple[str, list[str]]:
    """Argdown text -> plain text and its tags (markup, escapes and data removed)."""
    escaped: list[str] = []

    def hide(m: re.Match[str]) -> str:
        escaped.append(m.group(1))
        return f"\ue000{len(escaped) - 1}\ue001"

    text = re.sub(r"\\(.)", hide, text)
    tags = [(m.group(1) or m.group(2)).strip() for m in _TAG.finditer(text)]
    text = _TAG.sub("", text)
    text = _DATA.sub("", text)
    text = re.sub(r"(?<!\\)(\*\*|__)(.+?)(?<!\\)\1", r"\2", text)
    text = re.sub(r"(?<![\w\\])([*_])(?!\s)(.+?)(?<![\s\\])\1(?!\w)", r"\2", text)
    text = re.sub(r"\[([^\]]*)\]\((?:[^)]*)\)", r"\1", text)  # [link](url)
    text = re.sub("\ue000(\\d+)\ue001", lambda m: escaped[int(m.group(1))], text)
    return " ".join(text.split()), [
        re.sub("\ue000(\\d+)\ue001", lambda m: escaped[int(m.group(1))], t) for t in tags
    ]


# ---- reading: lines into items ------------------------------------------------------------------
_RELATION = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)\s+(?=\S)")
_PCS = re.compile(r"\((\d+)\)\s*")
_INFERENCE = re.compile(r"^--+(.*?)(--+)?\s*$")
_HEAD = re.compile(r"^(\[([^\]]+)\]|<([^>]+)>)(?::\s*|\s*$)")


@attrs.define
class _Item:
    kind: str  # top, rel, pcs, inference, heading
    indent: int
    line: int
    symbol: str = ""
    lines: list[str] = attrs.field(factory=list)


def _items(text: str) -> tuple[list[_Item | None], list[str]]:
    """The document as items (None marks a blank line), and notes on what was skipped."""
    notes: list[str] = []
    out: list[_Item | None] = []
    current: _Item | None = None
    in_inference: _Item | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip()
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if in_inference is not None:  # a multi-line inference block "--\nrule\n--"
            in_inference.lines.append(stripped)
            if stripped.startswith("--"):
                in_inference = None
            continue
        if not stripped:
            out.append(None)
            current = None
            continue
        if re.match(r"#{1,6}\s", stripped) and indent == 0:
            current = _Item("heading", indent, number, lines=[stripped.lstrip("#").strip()])
            out.append(current)  # a heading runs on until a blank line
            continue
        inference = _INFERENCE.match(stripped) if stripped.startswith("--") else None
        if inference is not None and not _RELATION.match(stripped):
            item = _Item("inference", indent, number, lines=[stripped])
            out.append(item)
            current = None
            body = inference.group(1).strip()
            if body and inference.group(2) is None and not set(body) <= {"-"}:
                in_inference = item  # "-- rule" continues until a closing "--"
            elif stripped == "--":
                in_inference = item
            continue
        rel = _RELATION.match(stripped)
        pcs = _PCS.match(stripped)
        if rel is not None and not stripped.startswith("--"):
            current = _Item("rel", indent, number, rel.group(1), [stripped[rel.end() :]])
            out.append(current)
        elif pcs is not None:
            current = _Item("pcs", indent, number, pcs.group(1), [stripped[pcs.end() :]])
            out.append(current)
        elif current is None or (indent == 0 and _HEAD.match(stripped) and current.kind == "top"):
            current = _Item("top", indent, number, lines=[stripped])
            out.append(current)
        else:
            current.lines.append(stripped)
    return out, notes


# ---- reading: items into a map ------------------------------------------------------------------
class _Reader:
    def __init__(self) -> None:
        self.notes: list[str] = []
        self.used: set[str] = set()
        self.statement_ids: dict[str, str] = {}  # Argdown title -> claim id
        self.argument_ids: dict[str, str] = {}
        self.texts: dict[str, str] = {}  # claim id -> text
        self.tags: dict[str, list[str]] = {}
        self.order: list[str] = []  # claim ids in order of first appearance
        self.is_argument: set[str] = set()
        self.untitled = 0
        self.headings: list[str] = []
        self.relations: list[tuple[str, str, str]] = []  # (kind, from id, to id)
        self.pcs: dict[str, list[tuple[list[str], str]]] = {}  # argument id -> steps
        self.inference: dict[str, str] = {}  # argument id -> name of its (main) support

    def fresh(self, wanted: str) -> str:
        if is_valid_id(wanted) and wanted not in VERB_IDS:
            base = wanted
        else:
            base = re.sub(r"[^\w-]+", "-", wanted.lower()).strip("-")
            base = re.sub(r"^-+", "", base)[:40].rstrip("-")
            if not base or not is_valid_id(base) or base in VERB_IDS:
                base = "s" if not base else f"s-{base}"
                if not is_valid_id(base):
                    base = "s"
        candidate, n = base, 2
        while candidate in self.used:
            candidate = f"{base}-{n}"
            n += 1
        self.used.add(candidate)
        return candidate

    def node(self, raw: str, *, pcs: bool = False) -> str:
        """The claim id for an item's head text (defining or referring to it)."""
        head = _HEAD.match(raw)
        body = raw[head.end() :] if head else raw
        text, tags = _clean(body)
        if head is not None and head.group(3) is not None:  # <argument>
            title = head.group(3).strip()
            known = self.argument_ids.get(title)
            if known is None:
                known = self.fresh(title)
                self.argument_ids[title] = known
                self.is_argument.add(known)
                self.order.append(known)
            self._describe(known, text, tags, title)
            return known
        if head is not None:
            title = head.group(2).strip()
        else:
            self.untitled += 1
            title = f"Untitled {self.untitled}"
        known = self.statement_ids.get(title)
        if known is None:
            wanted = title if head is not None else " ".join(text.split()[:4]) or "statement"
            known = self.fresh(wanted)
            self.statement_ids[title] = known
            self.order.append(known)
        self._describe(known, text, tags, title)
        return known

    def _describe(self, claim: str, text: str, tags: list[str], title: str) -> None:
        if text:
            old = self.texts.get(claim)
            if old is None:
                self.texts[claim] = text
            elif old != text:
                self.notes.append(
                    f"'{title}' is given several texts (Argdown's equivalence class); the first is kept"
                )
        bucket = self.tags.setdefault(claim, [])
        bucket.extend(t for t in tags if t not in bucket)

    def relate(self, symbol: str, parent: str, child: str) -> None:
        kinds = {"+": "support", "-": "attack", "_": "undercut", "><": "contradiction"}
        if symbol.startswith("<") and symbol != "<":
            symbol = symbol[1:] if symbol != "><" else symbol
        if symbol in ("+>", "->", "_>"):
            self.relations.append((kinds[symbol[0]], parent, child))
        elif symbol == "><":
            self.relations.append(("contradiction", parent, child))
        else:
            self.relations.append((kinds[symbol], child, parent))

    def run(self, items: list[_Item | None]) -> None:
        stack: list[tuple[int, str]] = []
        argument: str | None = None  # the argument a following PCS belongs to
        premises: list[str] = []
        conclusion_next = False
        last_conclusion: str | None = None
        for item in items:
            if item is None:
                continue
            if item.kind == "heading":
                self.headings.append(_clean(" ".join(item.lines))[0])
                stack = []
                argument = None
                continue
            raw = " ".join(item.lines)
            if item.kind == "top":
                node = self.node(raw)
                stack = [(item.indent, node)]
                argument = node if node in self.is_argument else None
                premises, conclusion_next, last_conclusion = [], False, None
                if argument is not None and argument in self.pcs:
                    argument = argument if not self.pcs[argument] else None
            elif item.kind == "rel":
                while stack and stack[-1][0] >= item.indent:
                    stack.pop()
                if not stack:
                    self.notes.append(
                        f"line {item.line}: relation '{item.symbol}' with nothing above it; left out"
                    )
                    continue
                node = self.node(raw)
                self.relate(item.symbol, stack[-1][1], node)
                stack.append((item.indent, node))
            elif item.kind == "inference":
                conclusion_next = True
                rule = " ".join(item.lines).strip("- ").strip()
                if rule:
                    self.notes.append(
                        f"inference rule '{_clean(rule)[0]}' (line {item.line}): argmap keeps no rules"
                    )
            elif item.kind == "pcs":
                if argument is None:
                    argument = self.node(f"<Untitled argument {item.line}>")
                node = self.node(raw, pcs=True)
                stack = [(item.indent, node)]
                if conclusion_next:
                    steps = self.pcs.setdefault(argument, [])
                    used = ([last_conclusion] if last_conclusion else []) + premises
                    steps.append((used, node))
                    last_conclusion, premises, conclusion_next = node, [], False
                else:
                    premises.append(node)

    def _reattach(self) -> None:
        """As Argdown does: an argument with a premise-conclusion structure relates to others
        through its main conclusion; its support of that very conclusion goes without saying."""
        conclusion = {a: steps[-1][1] for a, steps in self.pcs.items() if steps}
        moved: list[tuple[str, str, str]] = []
        for kind, source, target in self.relations:
            start = conclusion.get(source, source)
            if source in conclusion and kind == "support" and start == target:
                continue
            moved.append((kind, start, target))
        self.relations = moved

    def _bare(self) -> set[str]:
        """Arguments that are nothing but their inference: a premise-conclusion structure, no
        description, no relation but undercuts. They become just the (named) support."""
        involved = {s for _k, s, _t in self.relations} | {t for k, _s, t in self.relations if k != "undercut"}
        return {
            a
            for a in self.is_argument
            if self.pcs.get(a) and a not in self.texts and a not in involved and not self.tags.get(a)
        }

    def build(self, title: str | None) -> list[Element]:
        elements: list[Element] = []
        if title:
            elements.append(Title(title))
        self._reattach()
        bare = self._bare()
        self.inference = {
            a: a if a in bare else f"{a}{INFERENCE_SUFFIX}" for a in self.is_argument if self.pcs.get(a)
        }
        for claim in self.order:
            if claim in bare:
                continue
            tags = list(self.tags.get(claim, []))
            if claim in self.is_argument and ARGUMENT_TAG not in tags:
                tags.append(ARGUMENT_TAG)
            elements.append(Claim(claim, self.texts.get(claim, claim), tags=tags))
        for argument, steps in self.pcs.items():
            for k, (premises, conclusion) in enumerate(steps):
                if not premises:
                    self.notes.append(f"argument '{argument}': a conclusion without premises; left out")
                    continue
                last = k == len(steps) - 1
                name = self.inference[argument] + ("" if last else f"-{k + 1}")
                elements.append(Support(premises, conclusion, name))
        seen: set[tuple[str, str, str]] = set()
        for kind, source, target in self.relations:
            if (kind, source, target) in seen:
                continue
            seen.add((kind, source, target))
            if kind == "support":
                elements.append(Support([source], target))
            elif kind == "attack":
                elements.append(Rebuttal(source, target))
            elif kind == "contradiction":
                elements.append(Contradiction(source, target))
            elif target in self.inference:
                elements.append(Undercut(source, self.inference[target]))
            else:
                self.notes.append(
                    f"'{source}' undercuts '{target}', which has no premise-conclusion structure "
                    "to undercut; "
                    "kept as a rebuttal"
                )
                elements.append(Rebuttal(source, target, note="undercut in Argdown"))
        return elements


def _front_matter(text: str) -> tuple[str, str | None, list[str]]:
    """Split off the ``=== ... ===`` front matter; return the rest, its title and notes."""
    m = re.match(r"\A\s*===[ \t]*\n([\s\S]*?)\n===[ \t]*(?:\n|\Z)", text)
    if m is None:
        return text, None, []
    body = m.group(1)
    title_match = re.search(r"^title:\s*(.+?)\s*$", body, re.M)
    title = title_match.group(1).strip("'\" ") if title_match else None
    keys = [k for k in re.findall(r"^(\w[\w-]*):", body, re.M) if k != "title"]
    notes = [f"front matter settings ({', '.join(keys)}) are Argdown's own; left out"] if keys else []
    rest = "\n" * (body.count("\n") + 2) + text[m.end() :]
    return rest, title, notes


def read(text: str, *, path: str | None = None) -> Imported:
    """Read Argdown text: the map, what it could not keep, and the ids given to Argdown's titles."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    body, title, notes = _front_matter(text)
    body = _strip_comments(body)
    items, more = _items(body)
    reader = _Reader()
    reader.notes.extend(notes + more)
    reader.run(items)
    if reader.headings:
        listed = "; ".join(f"'{h}'" for h in reader.headings)
        reader.notes.insert(0, f"{len(reader.headings)} heading(s) (Argdown sections) left out: {listed}")
    elements = reader.build(title)
    return Imported(
        ArgumentMap(tuple(elements), path=path),
        tuple(dict.fromkeys(reader.notes)),
        dict(reader.statement_ids),
        dict(reader.argument_ids),
        dict(reader.inference),
    )


def loads(text: str, *, path: str | None = None) -> ArgumentMap:
    """The map in Argdown text. What it cannot represent is listed by :func:`read`."""
    return read(text, path=path).map


# ---- writing -------------------------------------------------------------------------------------
_SPECIAL = set("[]<>#*_@{}\\`")


def _escape(text: str) -> str:
    """Text for an Argdown statement: one paragraph, markup characters escaped."""
    out: list[str] = []
    flat = " ".join(text.split())
    for i, ch in enumerate(flat):
        if ch in _SPECIAL or (ch == "/" and flat[i + 1 : i + 2] in ("/", "*")):
            out.append("\\" + ch)
        else:
            out.append(ch)
    result = "".join(out)
    # a text that starts like a relation, a numbered premise or an inference line would be misread
    if re.match(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)\s|\(\d+\)|--", result) or result.startswith("="):
        result = "\\" + result
    return result


def _tags(tags: Iterable[str]) -> str:
    out = []
    for t in tags:
        if t == ARGUMENT_TAG:
            continue
        clean = " ".join(t.replace(")", " ").split())
        if not clean:
            continue
        out.append(f"#{clean}" if re.fullmatch(r"[\w-]+", clean) else f"#({clean})")
    return (" " + " ".join(out)) if out else ""


def export_notes(m: ArgumentMap) -> list[str]:
    """What :func:`dumps` leaves out of the Argdown text (one sentence each)."""
    counts: dict[str, int] = {}
    for e in m.elements:
        name = type(e).__name__.lower()
        if isinstance(e, (Perspective, Question, Source, Stance)):
            counts[name] = counts.get(name, 0) + 1
        if isinstance(e, Claim):
            for what, present in (
                ("claim kind", e.kind is not None),
                ("quote", bool(e.quotes)),
                ("note", e.note is not None),
                ("source reference", bool(e.sources)),
                ("answer to a question", bool(e.answers)),
            ):
                if present:
                    counts[what] = counts.get(what, 0) + 1
        if isinstance(e, (Support, Rebuttal, Undercut, Contradiction)):
            if e.by:
                counts["relation's perspectives (by)"] = counts.get("relation's perspectives (by)", 0) + 1
            if e.note is not None:
                counts["relation note"] = counts.get("relation note", 0) + 1
    return [f"Argdown has no place for {what}: {n} left out" for what, n in counts.items()]


def dumps(m: ArgumentMap) -> str:
    """The map as Argdown text (accepted by Argdown's CLI; see :func:`export_notes` for losses)."""
    claims: dict[str, Claim] = {}
    for c in m.claims:
        claims.setdefault(c.id, c)
    undercut_targets = {u.target for u in m.undercuts}
    # supports that need an argument: linked ones and those undercut
    pcs_supports: list[tuple[str, Support]] = []
    arguments: set[str] = {c.id for c in claims.values() if ARGUMENT_TAG in c.tags}
    used_titles = set(claims)
    argument_of: dict[int, str] = {}
    own_pcs: dict[str, list[Support]] = {}
    for i, s in enumerate(m.elements):
        if not isinstance(s, Support):
            continue
        if s.name is not None and s.name.endswith(INFERENCE_SUFFIX):
            owner = s.name[: -len(INFERENCE_SUFFIX)]
            if owner in arguments:
                own_pcs.setdefault(owner, []).append(s)
                argument_of[i] = owner
                continue
        if s.linked or (s.name is not None and s.name in undercut_targets):
            title = s.name or "-".join(s.premises) + "-" + s.conclusion
            base, n = title, 2
            while title in used_titles:
                title = f"{base}-{n}"
                n += 1
            used_titles.add(title)
            pcs_supports.append((title, s))
            argument_of[i] = title
    support_title = {s.name: t for t, s in pcs_supports if s.name is not None}
    for owner, steps in own_pcs.items():
        for s in steps:
            if s.name is not None:
                support_title[s.name] = owner

    out: list[str] = []
    if m.title is not None:
        out += ["===", f"title: {_yaml(m.title)}", "===", ""]

    def ref(claim_id: str) -> str:
        return f"<{claim_id}>" if claim_id in arguments else f"[{claim_id}]"

    referenced = {p for s in m.supports for p in s.premises} | {s.conclusion for s in m.supports}
    referenced |= {r.attacker for r in m.rebuttals} | {r.target for r in m.rebuttals}
    referenced |= {u.attacker for u in m.undercuts}
    referenced |= {c.left for c in m.contradictions} | {c.right for c in m.contradictions}
    for c in claims.values():
        out += [f"{ref(c.id)}: {_escape(c.text) or c.id}{_tags(c.tags)}", ""]
    for missing in sorted(referenced - set(claims)):
        out += [f"[{missing}]: {missing}", ""]
    for owner, steps in own_pcs.items():
        out += _pcs(f"<{owner}>", steps, ref)
    for title, s in pcs_supports:
        out += _pcs(f"<{title}>", [s], ref)
    for i, e in enumerate(m.elements):
        if isinstance(e, Support) and i not in argument_of:
            out += [ref(e.premises[0]), f"  +> {ref(e.conclusion)}", ""]
        elif isinstance(e, Rebuttal):
            out += [ref(e.attacker), f"  -> {ref(e.target)}", ""]
        elif isinstance(e, Contradiction):
            out += [ref(e.left), f"  >< {ref(e.right)}", ""]
        elif isinstance(e, Undercut):
            target = support_title.get(e.target)
            if target is None:
                continue  # an undercut of a support that does not exist: nothing to point at
            out += [ref(e.attacker), f"  _> <{target}>", ""]
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _pcs(head: str, steps: list[Support], ref: object) -> list[str]:
    """An argument's premise-conclusion structure (a chain of steps, the last the main one)."""
    assert callable(ref)
    lines = [head, ""]
    n = 0
    number: dict[str, int] = {}
    for s in steps:
        for p in s.premises:
            if p in number:
                continue
            n += 1
            number[p] = n
            lines.append(f"({n}) [{p}]")
        lines.append("----")
        n += 1
        number[s.conclusion] = n
        lines.append(f"({n}) [{s.conclusion}]")
    lines.append("")
    return lines


def _yaml(value: str) -> str:
    return '"' + " ".join(value.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'
