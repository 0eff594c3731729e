"""Map -> Argdown text. The structure is written in Argdown's own syntax; what Argdown has no
syntax for goes into data (``{"argmap": {...}}`` on a statement, an argument or a heading, and
an ``argmap`` entry in the front matter), so that argmap reads its own export back whole, and
:func:`export_notes` lists what Argdown itself cannot say."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from argmap.formats.argdown import data as D
from argmap.formats.argdown.reader import ARGUMENT_TAG, DATA_VERSION, _slug
from argmap.model import (
    Allow,
    ArgumentMap,
    Claim,
    Contradiction,
    Element,
    Perspective,
    Question,
    Rebuttal,
    Section,
    Source,
    Stance,
    Support,
    Title,
    Undercut,
)
from argmap.util.forking import start_in_copy
from argmap.util.gcpause import paused_gc

__all__ = ["chunks", "dumps", "export_notes"]

_BREAKS = re.compile("[\n\r\u2028\u2029]")
#: Characters escaped wherever they stand: each starts one of Argdown's tokens.
_ALWAYS = set("\\@#*_[]<>{}")
_TAG_WORD = re.compile("[a-zA-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+")


#: Text that needs escaping somewhere (most claim texts need none: they are returned as they are).
_NEEDS_ESCAPE = re.compile(r"[\\@#*_\[\]<>{}/=\t]|^ | $| \s|\s |[.:](?=\S)")


def escape(text: str) -> str | None:
    """Text Argdown reads back as exactly ``text`` (None when it holds a line break, which
    Argdown cannot escape)."""
    if _BREAKS.search(text):
        return None
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    return _escape_each(text)


def _escape_each(text: str) -> str:
    """:func:`escape`, character by character."""
    n = len(text)
    # for ".x." and ":x:" (special characters): the next whitespace after each position
    next_space = [n] * (n + 1)
    for k in range(n - 1, -1, -1):
        next_space[k] = k if text[k].isspace() else next_space[k + 1]
    next_same: dict[str, list[int]] = {}
    for ch in ".:":
        nxt = [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            nxt[k] = k if text[k] == ch else nxt[k + 1]
        next_same[ch] = nxt
    # text ending in an escaped character is glued to what follows it (see _after): then a
    # "." or ":" with no white space after it could start a special character reaching past it
    glued = bool(text) and (text[-1] in _ALWAYS or text[-1] in " \t")
    out: list[str] = []
    for k, ch in enumerate(text):
        if ch in _ALWAYS:
            out.append("\\" + ch)
        elif ch == "/" and text[k + 1 : k + 2] in ("/", "*"):
            out.append("\\/")
        elif ch == "=" and text[k + 1 : k + 3] == "==":
            out.append("\\=")
        elif ch in ".:":
            later = next_same[ch][k + 2] if k + 2 <= n else n
            special = later < n and later < next_space[k + 1]
            out.append("\\" + ch if special or (glued and next_space[k + 1] == n) else ch)
        elif ch == " ":
            lone = 0 < k < n - 1 and not text[k - 1].isspace() and not text[k + 1].isspace()
            out.append(" " if lone else "\\ ")
        elif ch == "\t":
            out.append("\\\t")
        else:
            out.append(ch)
    return "".join(out)


def _after(text: str) -> str:
    """What separates text from a tag or data after it: nothing after an escaped character
    (Argdown's escape takes the spaces after it into the text), else a space."""
    k = len(text) - 2
    run = 0
    while k >= 0 and text[k] == "\\":
        run += 1
        k -= 1
    return "" if run % 2 else " "


def _tag(tag: str) -> str | None:
    """A tag as Argdown writes it (None when Argdown cannot carry it exactly)."""
    if _BREAKS.search(tag) or "]:" in tag or ">:" in tag:  # a title before would reach into it
        return None
    if tag != tag.strip():  # Argdown's reader trims a tag
        return None
    if _TAG_WORD.fullmatch(tag):
        return f"#{tag}"
    if tag and tag == tag.strip() and ")" not in tag and not _BREAKS.search(tag):
        return f"#({tag})"
    return None


def _unique(wanted: str, taken: set[str]) -> str:
    title, n = wanted, 2
    while title in taken:
        title = f"{wanted} {n}"
        n += 1
    taken.add(title)
    return title


def _noted_title(note: str | None) -> str | None:
    """The Argdown title an imported argument's note starts with (``<Title>`` on a line)."""
    m = re.match(r"<([^\n]*)>(?:\n|\Z)", note or "")
    title = m.group(1) if m else None
    return title if title is not None and _title_ok(title, argument=True) else None


def _description(note: str) -> str:
    """A support's note without the Argdown title line it may start with."""
    return re.sub(r"\A<[^\n]*>(?:\n|\Z)", "", note) if _noted_title(note) else note


def _title_ok(title: str | None, *, argument: bool) -> bool:
    if not title or title != title.strip() or _BREAKS.search(title) or title.startswith("-"):
        return False
    if title.startswith("Untitled "):
        return False
    if argument:
        # "<+", "<-" and "<_" at the start of a line are relations, "<!--" a comment
        return ">" not in title and not title.startswith(("!--", "+", "_"))
    return "]" not in title


#: From how many elements a map's second half is written by a forked copy (when the caller
#: lets it: see :func:`chunks`); below it, the fork costs more than it saves.
SPLIT_FROM = 40_000


@attrs.define
class _Place:
    """Where the writing is in the map's titles and sections."""

    first_title: bool = True
    levels: dict[str, int] = attrs.field(factory=dict)
    stack: list[tuple[int, str]] = attrs.field(factory=list)


@attrs.frozen
class _Half:
    """What the forked copy hands back: its half's body, front matter entries (as text) and
    what it adds to the notes."""

    blocks: list[str]
    entries: list[str]
    undefined: set[str]
    data_only: Counter[str]
    lost: Counter[str]


class _Export:
    def __init__(self, m: ArgumentMap) -> None:
        self.m = m
        self.lost: Counter[str] = Counter()  # left out of the file entirely
        self.data_only: Counter[str] = Counter()  # kept in argmap's data, not in Argdown's syntax
        self.claims: dict[str, Claim] = {}
        for c in m.claims:
            if c.id in self.claims:
                self.lost["second claim with an id already used"] += 1
            else:
                self.claims[c.id] = c
        self.arguments = {c.id for c in self.claims.values() if ARGUMENT_TAG in c.tags}
        self.titles: dict[str, str] = {}
        taken = set(self.claims)
        for c in self.claims.values():
            title = c.title
            ok = title is not None and _title_ok(title, argument=c.id in self.arguments)
            if ok and title not in taken:
                assert title is not None
                self.titles[c.id] = title
                taken.add(title)
            elif c.id in self.arguments and not _title_ok(c.id, argument=True):
                self.titles[c.id] = _unique(f"argument {c.id}", taken)  # "<_x>" would be a relation
            else:
                self.titles[c.id] = c.id
        #: Each support's :meth:`extra`, by the support's id() (the map holds every support).
        self._extras: dict[int, dict[str, Any]] = {}
        self.undefined: set[str] = set()
        self.front: list[dict[str, Any]] = []
        self.section: str | None = None
        self.support_title: dict[str, str] = {}
        self.stand_in_title: dict[str, str] = {}
        self.counters: dict[str, int] = {}
        self.used_arguments = set(self.claims) | set(self.titles.values())
        for r in m.relations:
            self.used_arguments.update(r.starts_from)
            if isinstance(r, Support):
                self.used_arguments.add(r.conclusion)
            elif isinstance(r, Rebuttal):
                self.used_arguments.add(r.target)

    def extra(self, s: Support) -> dict[str, Any]:
        """A support's fields but its premises, conclusion and name, as data (found once)."""
        found = self._extras.get(id(s))
        if found is None:
            found = self._extras[id(s)] = D.encode(s, skip=("premises", "conclusion", "name"))
        return found

    # ---- references ---------------------------------------------------------------------------
    def ref(self, claim_id: str) -> str:
        if claim_id not in self.claims:
            self.undefined.add(claim_id)
            return f"[{claim_id}]"
        title = self.titles[claim_id]
        return f"<{title}>" if claim_id in self.arguments else f"[{title}]"

    def keep(self, e: Element, *, written: bool) -> None:
        entry = D.element_data(e)
        if written:
            entry["written"] = True
        if self.section is not None:
            entry["section"] = self.section
        self.front.append(entry)

    # ---- claims --------------------------------------------------------------------------------------
    def claim(self, c: Claim, stances: list[Stance]) -> list[str]:
        argument = c.id in self.arguments
        title = self.titles[c.id]
        data = D.encode(c, skip=("id", "text", "tags", "title"))
        if title != c.id:
            data["id"] = c.id
        if c.title != title and (c.title is not None or title != c.id):
            data["title"] = c.title  # None: the Argdown title is only a stand-in for the id
        tags, tag_text = [], []
        for t in c.tags:
            if t == ARGUMENT_TAG and argument:
                continue
            written = _tag(t)
            if written is not None and t not in tags:
                tags.append(t)
                tag_text.append(written)
        expected = tags + ([ARGUMENT_TAG] if argument and ARGUMENT_TAG not in tags else [])
        if tuple(expected) != c.tags:
            data["tags"] = list(c.tags)
            self.data_only["tag Argdown cannot write"] += sum(1 for t in c.tags if _tag(t) is None)
        text = escape(c.text)
        if text is None:
            data["text"] = c.text
            self.data_only["text with a line break (written on one line)"] += 1
            text = escape(" ".join(_BREAKS.split(c.text)))
        if not c.text:
            data["text"] = ""
        for s in stances:
            data.setdefault("held by" if s.accepts else "rejected by", []).append(s.perspective)
        for what in ("kind", "answers", "sources", "quotes", "note", "date", "sides", "allow", "base"):
            if what in data:
                self.data_only[f"claim's {what}"] += 1
        if stances:
            self.data_only["stance"] += len(stances)
        head = f"<{title}>" if argument else f"[{title}]"
        line = f"{head}: {text}" if text else head
        if tag_text:
            line += _after(line) + " ".join(tag_text)
        if data:
            line += _after(line) + D.dump({"argmap": data})
        return [line, ""]

    # ---- relations ------------------------------------------------------------------------------------
    def argument_title(self, s: Support | Rebuttal | Undercut, default: str = "") -> str:
        """A title for an argument Argdown needs: the relation's name, unless a claim or another
        argument has it (Argdown's titles of statements and arguments become ids in one
        namespace when read back)."""
        if isinstance(s, Support):
            wanted = s.name or _slug("-".join((*s.premises, s.conclusion)))
            noted = _noted_title(s.note)
            if (
                noted is not None
                and noted not in self.used_arguments
                and _slug(noted) not in self.used_arguments
            ):
                wanted = noted  # an Argdown argument's own title, kept in the note on import
        else:
            wanted = s.name or default
        if not _title_ok(wanted, argument=True):
            wanted = f"argument {wanted}"  # "<_x>" at the start of a line would be a relation
        title, n = wanted, self.counters.get(wanted, 2)
        while title in self.used_arguments:
            title = f"{wanted}-{n}"
            n += 1
        self.counters[wanted] = n  # the next try for this title: no rescans
        self.used_arguments.add(title)
        return title

    def support(
        self, s: Support, stances: list[Stance], title: str | None, chain: list[int] | None = None
    ) -> list[str]:
        """A support: ``[a] +> [b]``, or an argument with a premise-conclusion structure (of
        several steps when ``chain`` names the supports leading to it)."""
        chain = chain or []
        extra = self.extra(s)
        if s.premises == (s.conclusion,):
            self.data_only["relation of a claim to itself (Argdown's model does not keep it)"] += 1
            self.keep(s, written=False)
            for stance in stances:
                self.keep(stance, written=False)
            return []
        if title is None:
            return [self.ref(s.premises[0]), f"  +> {self.ref(s.conclusion)}", ""]
        data = dict(extra)
        if s.name != title:
            data["name"] = s.name
        for st in stances:
            data.setdefault("held by" if st.accepts else "rejected by", []).append(st.perspective)
        self._count_relation_data(extra)
        if stances:
            self.data_only["stance on a relation"] += len(stances)
        head = f"<{title}>"
        description = escape(_description(s.note)) if s.note else None
        if description:
            head += f": {description}"
        if data:
            head += _after(head) + D.dump({"argmap": data})
        lines = [head, ""]
        steps = [e for e in (self.m.elements[j] for j in chain) if isinstance(e, Support)] + [s]
        n = 0
        for k, step in enumerate(steps):
            for p in step.premises if k == 0 else step.premises[1:]:
                n += 1
                lines.append(f"({n}) {self.ref(p)}")
            n += 1
            lines += ["----", f"({n}) {self.ref(step.conclusion)}"]
        return [*lines, ""]

    def _chains(
        self, elements: tuple[Element, ...], attached: dict[int, list[Stance]], undercut: set[str]
    ) -> dict[int, list[int]]:
        """Supports named ``X-1``, ``X-2`` ... that lead step by step to the support ``X`` (each
        step's conclusion the next one's first premise, in one section, nothing attached to the
        steps): one Argdown argument with intermediate conclusions, as the import makes them."""
        by_name = {e.name: i for i, e in enumerate(elements) if isinstance(e, Support) and e.name}
        chains: dict[int, list[int]] = {}
        for i, e in enumerate(elements):
            if not isinstance(e, Support) or e.name is None or i not in self.pre_titles:
                continue
            steps: list[int] = []
            while f"{e.name}-{len(steps) + 1}" in by_name:
                steps.append(by_name[f"{e.name}-{len(steps) + 1}"])
            if not steps:
                continue
            chain = [elements[j] for j in steps]
            whole = [*chain, e]
            section = self.m.section_of(e)
            if all(
                isinstance(step, Support)
                and step.name not in undercut
                and not attached.get(j)
                and not self.extra(step)
                and self.m.section_of(step) is section
                for j, step in zip(steps, chain, strict=True)
            ) and all(
                isinstance(a, Support) and isinstance(b, Support) and b.premises[0] == a.conclusion
                for a, b in itertools.pairwise(whole)
            ):
                chains[i] = steps
        return chains

    def _count_relation_data(self, extra: dict[str, Any]) -> None:
        for key in extra:
            self.data_only[f"relation's {key}"] += 1

    def attack(self, e: Rebuttal | Undercut | Contradiction) -> list[str]:
        extra = D.encode(e, skip=("attackers", "target", "left", "right"))
        if (isinstance(e, Contradiction) and e.left == e.right) or (
            isinstance(e, Rebuttal) and e.target in e.attackers
        ):
            self.data_only["relation of a claim to itself (Argdown's model does not keep it)"] += 1
            self.keep(e, written=False)
            return []
        if isinstance(e, Contradiction):
            if self.arguments.intersection((e.left, e.right)):
                self.data_only["contradiction with an argument (Argdown contradicts statements only)"] += 1
                self.keep(e, written=False)
                return []
            lines = [self.ref(e.left), f"  >< {self.ref(e.right)}", ""]
        elif e.linked:  # (linked attacks are written as arguments standing for them)
            self.keep(e, written=False)
            return []
        elif isinstance(e, Rebuttal):
            lines = [self.ref(e.attacker), f"  -> {self.ref(e.target)}", ""]
        else:
            target = self.support_title.get(e.target)
            if target is None:
                target = self.stand_in_title.get(e.target)
                if target is None:  # of a contradiction, of a support of a claim to itself ...
                    self.data_only["undercut of a relation Argdown does not have"] += 1
                    self.keep(e, written=False)
                    return []
                # an undercut of an attack: of the argument standing for it
                self.data_only["undercut of an attack (written as an undercut of an argument)"] += 1
                self.keep(e, written=False)
                return [self.ref(e.attacker), f"  _> <{target}>", ""]
            lines = [self.ref(e.attacker), f"  _> <{target}>", ""]
        if extra:
            self._count_relation_data(extra)
            self.keep(e, written=True)
        return lines

    def stand_in(self, e: Support | Rebuttal | Undercut, title: str) -> list[str]:
        """A relation Argdown cannot write as a relation or a premise-conclusion structure (a
        linked attack, an attack that is undercut, a support that joins arguments) as an
        argument that stands for it: its premises or attackers support the argument, which
        supports, attacks or undercuts the target. The exact relation is kept in argmap's data."""
        self.keep(e, written=False)
        if isinstance(e, Support):
            what = "support of or from an argument"
        else:
            what = "linked attack" if e.linked else "undercut attack"
        self.data_only[f"{what} (written as an argument standing for it)"] += 1
        lines = [f"<{title}> " + D.dump({"argmap": {"stands for": e.name}})]
        lines += [f"  <+ {self.ref(a)}" for a in e.starts_from]
        if isinstance(e, Support):
            lines.append(f"  +> {self.ref(e.conclusion)}")
        elif isinstance(e, Rebuttal):
            lines.append(f"  -> {self.ref(e.target)}")
        else:
            target = self.support_title.get(e.target) or self.stand_in_title.get(e.target)
            if target is not None:
                lines.append(f"  _> <{target}>")
        return [*lines, ""]

    # ---- the whole map ----------------------------------------------------------------------------------
    def run(self, jobs: int | None = 1) -> tuple[list[str], list[str]]:
        """Write the map: the front matter's lines, and the body as blocks of text (each of
        its lines ended by a line break, the blank lines at the end left out). With ``jobs``
        other than 1, a big map's second half is written by a forked copy meanwhile (None:
        from :data:`SPLIT_FROM` elements; 2: any map), with the same text."""
        m = self.m
        body: list[str] = []
        blocks: list[str] = []
        elements = m.elements
        # stances written on their claim or argument: inline ones, right after it, bare
        attached: dict[int, list[Stance]] = {}
        skip: set[int] = set()
        for i, e in enumerate(elements):
            if isinstance(e, (Claim, Support)):
                k = i + 1
                while k < len(elements):
                    s = elements[k]
                    target = e.id if isinstance(e, Claim) else e.name
                    if (
                        isinstance(s, Stance)
                        and s.inline
                        and s.target == target
                        and D.encode(s, skip=("perspective", "target", "accepts", "inline")) == {}
                    ):
                        attached.setdefault(i, []).append(s)
                        skip.add(k)
                        k += 1
                    else:
                        break
        # supports written as arguments get their titles before anything refers to them
        self.pre_titles: dict[int, str] = {}
        self.stand_ins: dict[int, str] = {}
        for i, e in enumerate(elements):
            if isinstance(e, Support):
                extra = self.extra(e)
                if not (e.linked or e.name is not None or extra or attached.get(i)):
                    continue
                if e.premises == (e.conclusion,):
                    continue  # kept in data only (see support())
                if self.arguments.intersection((*e.premises, e.conclusion)):
                    # a premise-conclusion structure holds statements only: an argument stands
                    # for a support that joins arguments
                    self.stand_ins[i] = self.argument_title(e)
                    if e.name is not None:
                        self.stand_in_title.setdefault(e.name, self.stand_ins[i])
                    continue
                self.pre_titles[i] = self.argument_title(e)
                if e.name is not None:
                    self.support_title.setdefault(e.name, self.pre_titles[i])
        # attacks that need an argument to stand for them: linked ones, and those undercut
        undercut = {u.target for u in m.undercuts}
        self.chains = self._chains(elements, attached, undercut)
        self.absorbed = {j for steps in self.chains.values() for j in steps}
        for i, e in enumerate(elements):
            if isinstance(e, (Rebuttal, Undercut)) and (
                e.linked or (e.name is not None and e.name in undercut)
            ):
                self.stand_ins[i] = self.argument_title(e, "attack")
                if e.name is not None:
                    self.stand_in_title.setdefault(e.name, self.stand_ins[i])
        self._attached = attached
        self._skip = skip
        n = len(elements)
        half = _half_of(n)
        second: Callable[[], _Half | None] | None = None
        if jobs != 1 and (jobs is not None or n >= SPLIT_FROM) and half:
            second = start_in_copy(lambda: self._second_half(half))
        place = _Place()
        self._write(0, half if second is not None else n, body, blocks, place)
        entries = [D.dump(entry) for entry in self.front]
        if second is not None:
            got = second()
            if got is None:  # the copy failed: its half written here
                self._write(half, n, body, blocks, place)
                entries += [D.dump(entry) for entry in self.front[len(entries) :]]
            elif got.blocks:
                if body:  # this half's last lines, blank ones too: lines follow them
                    blocks.append("\n".join(body) + "\n")
                    body.clear()
                blocks += got.blocks
            if got is not None:
                entries += got.entries
                self.undefined |= got.undefined
                self.data_only.update(got.data_only)  # (keys new here follow, as written)
                self.lost.update(got.lost)
        front: list[str] = []
        undefined = sorted(self.undefined)
        if m.title is not None or entries or undefined:
            front.append("===")
            if m.title is not None:
                front.append(f"title: {D.dump(m.title)}")
            if entries or undefined:  # one element a line, so that a diff shows what changed
                front.append(f'argmap: {{"version": {DATA_VERSION}, "elements": [')
                front.append(",\n".join(f"    {entry}" for entry in entries))
                front.append(f'  ], "undefined": {D.dump(undefined)}}}')
            front += ["===", ""]
        while body and body[-1] == "":
            body.pop()
        _flush(body, blocks)
        return front, blocks

    def _write(self, start: int, stop: int, body: list[str], blocks: list[str], place: _Place) -> None:
        """Write the elements from ``start`` to ``stop`` (by index) onto ``body`` and ``blocks``."""
        elements = self.m.elements
        attached, skip = self._attached, self._skip
        for i in range(start, stop):
            e = elements[i]
            if len(body) >= _BLOCK:
                _flush(body, blocks)
            if i in skip:
                continue
            if isinstance(e, Title):
                if place.first_title:
                    place.first_title = False
                    continue
                self.keep(e, written=False)
            elif isinstance(e, Section):
                body += self.heading(e, place.levels, place.stack)
            elif isinstance(e, Claim):
                if self.claims.get(e.id) is not e:
                    continue
                body += self.claim(e, attached.get(i, []))
            elif isinstance(e, Support) and i in self.stand_ins:
                body += self.stand_in(e, self.stand_ins[i])
                for stance in attached.get(i, []):
                    self.keep(stance, written=False)
            elif isinstance(e, Support):
                if i not in self.absorbed:
                    body += self.support(e, attached.get(i, []), self.pre_titles.get(i), self.chains.get(i))
            elif isinstance(e, (Rebuttal, Undercut)) and i in self.stand_ins:
                body += self.stand_in(e, self.stand_ins[i])
            elif isinstance(e, (Rebuttal, Undercut, Contradiction)):
                body += self.attack(e)
            elif isinstance(e, (Perspective, Source, Question, Stance, Allow)):
                self.keep(e, written=False)
                self.data_only[type(e).__name__.lower()] += 1

    def _second_half(self, half: int) -> _Half:
        """In a forked copy: the elements from ``half`` on, written as :meth:`run` would go on,
        and what they add to the front matter and the notes."""
        place = _Place()
        for e in self.m.elements[:half]:  # where the first half leaves the titles and sections
            if isinstance(e, Title):
                place.first_title = False
            elif isinstance(e, Section):
                self.heading(e, place.levels, place.stack)
        self.front, self.undefined, self.data_only, self.lost = [], set(), Counter(), Counter()
        body: list[str] = []
        blocks: list[str] = []
        self._write(half, len(self.m.elements), body, blocks, place)
        while body and body[-1] == "":
            body.pop()
        _flush(body, blocks)
        entries = [D.dump(entry) for entry in self.front]
        return _Half(blocks, entries, self.undefined, self.data_only, self.lost)

    def notes(self) -> list[str]:
        """What Argdown itself cannot say (see :func:`export_notes`), once :meth:`run` ran."""
        notes = [
            f"Argdown has no place for {what}: {n} kept in argmap's data only"
            for what, n in self.data_only.items()
        ]
        notes += [f"Argdown export leaves out {what}: {n}" for what, n in self.lost.items()]
        return notes

    def heading(self, s: Section, levels: dict[str, int], stack: list[tuple[int, str]]) -> list[str]:
        parent_level = levels.get(s.parent) if s.parent is not None else None
        level = 1 if parent_level is None else parent_level + 1
        levels[s.id] = level
        while stack and stack[-1][0] >= level:
            stack.pop()
        derived = stack[-1][1] if stack else None
        stack.append((level, s.id))
        self.section = s.id
        data = D.encode(s, skip=("title", "parent"))
        if derived != s.parent:
            data["parent"] = s.parent
        text = escape(s.title)
        if not text:
            data["title"] = s.title
            text = escape(" ".join(_BREAKS.split(s.title))) or s.id
        if "note" in data or "allow" in data:
            self.data_only["section's note or allow"] += 1
        line = "#" * level + " " + text
        return [line + _after(line) + D.dump({"argmap": data}), ""]


def _half_of(n: int) -> int:
    """Where a map of ``n`` elements is cut for two processors (any cut gives the same text)."""
    return n // 2


#: Lines of the body joined into one block of text at a time.
_BLOCK = 2000


def _flush(body: list[str], blocks: list[str]) -> None:
    """The body's lines so far as one block of text, but for the blank lines at their end (they
    are written only if a line follows them)."""
    end = len(body)
    while end and body[end - 1] == "":
        end -= 1
    if end:
        blocks.append("\n".join(body[:end]) + "\n")
        del body[:end]


def dumps(m: ArgumentMap) -> str:
    """The map as Argdown text, accepted by Argdown's CLI; what Argdown's syntax cannot say is
    kept in argmap's data in the file (see :func:`export_notes`)."""
    return "".join(chunks(m))


def chunks(m: ArgumentMap, notes: list[str] | None = None, *, jobs: int | None = 1) -> Iterator[str]:
    """:func:`dumps`'s text in pieces, to be written one after the other. The front matter comes
    first but is known only once the whole map is written, so the body is held, as blocks of
    text (not line by line), until then. With ``notes``, :func:`export_notes`'s sentences are
    added to it before the first piece: from the same writing, not a second one. ``jobs``: 1
    writes on this processor only; None lets a forked copy write a big map's second half
    meanwhile (2: any map's), where the process may fork (:mod:`argmap.util.forking`)."""
    with paused_gc():
        e = _Export(m)
        front, blocks = e.run(jobs)
    if notes is not None:
        notes += e.notes()
    if not blocks:  # nothing after the front matter: its blank line is left out too
        while front and front[-1] == "":
            front.pop()
        yield "".join(line + "\n" for line in front) or "\n"
        return
    if front:
        yield "".join(line + "\n" for line in front)
    blocks.reverse()
    while blocks:  # each block let go once written
        yield blocks.pop()


def export_notes(m: ArgumentMap) -> list[str]:
    """What Argdown itself cannot say of the map (one sentence each): kept in argmap's data in
    the file, which argmap reads back but other Argdown tools ignore, or left out."""
    e = _Export(m)
    e.run()
    return e.notes()
