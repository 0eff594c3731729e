"""Model -> findings: is the map consistent?

Structure (duplicate ids, references that do not resolve or name the wrong kind of thing,
claims that support or attack themselves), each perspective's own coherence (accepting and
rejecting one claim, accepting claims that attack each other), the shape of the reasoning
(cycles of supports, a pair that both supports and attacks) and the warnings a careful analyst
wants (orphans, unused perspectives and sources, unanswered questions, repeats). Findings that
need the formal semantics come from :mod:`argmap.evaluate`. Every finding is a Diagnostic with
a stable code (docs/diagnostics.md).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator

from argmap._gc import paused_gc
from argmap.diagnostics import Diagnostic, Related, sort_key
from argmap.model import (
    ArgumentMap,
    Claim,
    Contradiction,
    Element,
    Perspective,
    Question,
    Rebuttal,
    Source,
    Span,
    Stance,
    Support,
    Title,
    Undercut,
)

__all__ = ["check"]

_KIND_NAMES: dict[type, str] = {
    Claim: "a claim",
    Perspective: "a perspective",
    Question: "a question",
    Source: "a source",
    Support: "a support",
}
# A quoted text (skipped as a whole) or a word, as the grammar's ID reads it.
_WORD_OR_TEXT = re.compile(r'"(?:[^"\\]|\\.)*"|\w[\w-]*')
_COLOUR = re.compile(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})|[A-Za-z]+[0-9]*")


def check(argmap: ArgumentMap, *, semantics: bool = True) -> list[Diagnostic]:
    """Check a map; return every finding (the parser's warnings included), in file order.

    With ``semantics`` (the default) and no errors in the structure, the perspective findings
    that need formal argumentation semantics are added (see :mod:`argmap.evaluate`).
    """
    findings = list(argmap.parse_diagnostics)
    with paused_gc():
        findings.extend(_Checker(argmap).run())
    if semantics and not any(d.is_error for d in findings):
        from argmap.evaluate import perspective_findings

        findings.extend(perspective_findings(argmap))
    findings.sort(key=sort_key)
    return findings


class _Checker:
    def __init__(self, argmap: ArgumentMap) -> None:
        self.map = argmap
        self._lines: list[str] | None = None
        self.out: list[Diagnostic] = []
        # One namespace: claims, perspectives, questions, sources and support names.
        self.defined: dict[str, Element] = {}

    def run(self) -> list[Diagnostic]:
        self._definitions()
        self._references()
        self._self_relations()
        self._stances()
        self._cycles()
        self._support_and_attack()
        self._perspective_conflicts()
        self._unused()
        self._repeats()
        return self.out

    # ---- helpers ----------------------------------------------------------------------------
    def _emit(
        self,
        code: str,
        span: Span | None,
        message: str,
        hint: str | None = None,
        related: Iterable[Related] = (),
    ) -> None:
        self.out.append(Diagnostic.make(code, span, message, hint, tuple(related)))

    @property
    def lines(self) -> list[str] | None:
        """The source's lines, split on first use (only findings need them)."""
        if self._lines is None and self.map.source_text is not None:
            self._lines = self.map.source_text.split("\n")
        return self._lines

    def _locate(self, span: Span | None, name: str, occurrence: int = 0) -> Span | None:
        """Narrow an element's span to where ``name`` is written inside it (the n-th time;
        -1 for the last), skipping quoted text. Falls back to the element's span."""
        lines = self.lines
        if span is None or lines is None:
            return span
        hits: list[Span] = []
        for line_no in range(span.line, span.end_line + 1):
            if line_no - 1 >= len(lines):
                break
            line = lines[line_no - 1]
            start = span.column - 1 if line_no == span.line else 0
            stop = span.end_column - 1 if line_no == span.end_line else len(line)
            for m in _WORD_OR_TEXT.finditer(line, start, stop):
                if m.group(0) == name:
                    hits.append(Span(span.path, line_no, m.start() + 1, line_no, m.end() + 1))
        if not hits:
            return span
        try:
            return hits[occurrence]
        except IndexError:
            return hits[-1]

    @staticmethod
    def _what(element: Element) -> str:
        return _KIND_NAMES.get(type(element), "an element")

    # ---- ids --------------------------------------------------------------------------------
    def _definitions(self) -> None:
        titles: list[Title] = []
        for e in self.map.elements:
            key: str | None
            if isinstance(e, (Claim, Perspective, Question, Source)):
                key = e.id
            elif isinstance(e, Support):
                key = e.name
            elif isinstance(e, Title):
                titles.append(e)
                continue
            else:
                key = None
            if key is None:
                continue
            first = self.defined.get(key)
            if first is None:
                self.defined[key] = e
                continue
            span = self._locate(e.span, key)
            first_span = self._locate(first.span, key)
            where = f" at line {first_span.line}" if first_span is not None else ""
            self._emit(
                "E200",
                span,
                f"'{key}' is defined twice: {self._what(first)}{where} and {self._what(e)} here",
                hint="ids name one thing each across claims, perspectives, questions, sources and "
                "named supports; rename one of them",
                related=[Related(first_span, f"'{key}' is first defined here")],
            )
        for extra in titles[1:]:
            self._emit(
                "E205",
                extra.span,
                "the map has more than one title",
                hint="keep one `title` statement",
                related=[Related(titles[0].span, "the first title")],
            )
        for p in self.map.perspectives:
            if p.color is not None and _COLOUR.fullmatch(p.color) is None:
                self._emit(
                    "E206",
                    self._locate(p.span, "color"),
                    f"perspective '{p.id}' has colour {p.color!r}, which is not a colour",
                    hint='write "#rrggbb", "#rgb" or a colour name such as "teal"',
                )

    def _ref(self, element: Element, name: str, want: type, role: str, occurrence: int = 0) -> bool:
        """Check that ``name`` names an element of type ``want``; report if not."""
        found = self.defined.get(name)
        if isinstance(found, want):
            return True
        span = self._locate(element.span, name, occurrence)
        wanted = _KIND_NAMES[want]
        if found is None:
            candidates = [k for k, v in self.defined.items() if isinstance(v, want)]
            close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
            suggestion = (
                f"did you mean '{close[0]}'?"
                if close
                else f"define it, e.g. {_definition_example(want, name)}"
            )
            self._emit("E201", span, f"{role} '{name}' is not defined ({wanted} was expected)", suggestion)
            return False
        hint: str | None = None
        if want is Claim and isinstance(found, Support):
            hint = f"'{name}' names a support; to attack the inference write `... undercuts {name}`"
        elif want is Support and isinstance(found, Claim):
            hint = (
                "an undercut attacks a named support; name it (`s: a supports b`) and undercut `s`, "
                "or rebut the claim with `rebuts`"
            )
        self._emit(
            "E202",
            span,
            f"{role} '{name}' is {self._what(found)}, but {wanted} is needed here",
            hint,
            [Related(self._locate(found.span, name), f"'{name}' is defined here")],
        )
        return False

    def _references(self) -> None:
        m = self.map
        for c in m.claims:
            for q in c.answers:
                self._ref(c, q, Question, "the question")
            for src in c.sources:
                self._ref(c, src, Source, "the source")
            for quote in c.quotes:
                if quote.speaker is not None:
                    self._ref(c, quote.speaker, Perspective, "the speaker")
        for s in m.supports:
            offset = 1 if s.name is not None and s.name in s.premises else 0
            for i, p in enumerate(s.premises):
                self._ref(s, p, Claim, "the premise", offset + s.premises[:i].count(p))
            self._ref(s, s.conclusion, Claim, "the conclusion", -1)
        for r in m.rebuttals:
            self._ref(r, r.attacker, Claim, "the attacker")
            self._ref(r, r.target, Claim, "the target", -1)
        for u in m.undercuts:
            self._ref(u, u.attacker, Claim, "the attacker")
            self._ref(u, u.target, Support, "the undercut support", -1)
        for c2 in m.contradictions:
            self._ref(c2, c2.left, Claim, "the claim")
            self._ref(c2, c2.right, Claim, "the claim", -1)
        for st in m.stances:
            self._ref(st, st.perspective, Perspective, "the perspective")
            if not st.inline:
                self._ref(st, st.claim, Claim, "the claim", -1)
        for rel in self._relations():
            for p in rel.by:
                self._ref(rel, p, Perspective, "the perspective", -1)

    def _relations(self) -> Iterator[Support | Rebuttal | Undercut | Contradiction]:
        m = self.map
        yield from m.supports
        yield from m.rebuttals
        yield from m.undercuts
        yield from m.contradictions

    # ---- relations ---------------------------------------------------------------------------
    def _self_relations(self) -> None:
        for e in self.map.supports:
            if e.conclusion in e.premises:
                self._emit(
                    "E203",
                    self._locate(e.span, e.conclusion, -1),
                    f"'{e.conclusion}' supports itself",
                    hint="a claim cannot be its own reason; remove it from the premises",
                )
            if len(set(e.premises)) != len(e.premises):
                seen: set[str] = set()
                for p in e.premises:
                    if p in seen:
                        self._emit(
                            "W308",
                            self._locate(e.span, p, 1),
                            f"premise '{p}' appears twice in one support",
                            hint="list each premise once",
                        )
                    seen.add(p)
        for r in self.map.rebuttals:
            if r.attacker == r.target:
                self._emit(
                    "E203",
                    self._locate(r.span, r.target, -1),
                    f"'{r.target}' attacks itself",
                    hint="a claim that defeats itself is better split into the claims that clash",
                )
        for c in self.map.contradictions:
            if c.left == c.right:
                self._emit(
                    "E203",
                    self._locate(c.span, c.right, -1),
                    f"'{c.right}' contradicts itself",
                    hint="a contradiction needs two different claims",
                )

    def _stances(self) -> None:
        first: dict[tuple[str, str], Stance] = {}
        for s in self.map.stances:
            key = (s.perspective, s.claim)
            other = first.get(key)
            if other is None:
                first[key] = s
            elif other.accepts != s.accepts:
                self._emit(
                    "E204",
                    self._locate(s.span, s.perspective),
                    f"'{s.perspective}' both accepts and rejects '{s.claim}'",
                    hint="keep one stance; if the perspective changed its mind, model the two "
                    "positions as separate claims",
                    related=[Related(self._locate(other.span, s.perspective), "the other stance")],
                )

    def _cycles(self) -> None:
        graph: dict[str, list[Support]] = {}  # premise -> the supports leaving it
        indegree: dict[str, int] = {}
        for s in self.map.supports:
            for p in dict.fromkeys(s.premises):
                if p != s.conclusion:
                    graph.setdefault(p, []).append(s)
                    indegree[s.conclusion] = indegree.get(s.conclusion, 0) + 1
        # Peel off what no cycle can pass through (Kahn): most maps are acyclic, and then
        # nothing is left for Tarjan's algorithm and its tables.
        ready = [p for p in graph if p not in indegree]
        while ready:
            node = ready.pop()
            for s in graph.pop(node, ()):
                left = indegree[s.conclusion] - 1
                indegree[s.conclusion] = left
                if left == 0:
                    ready.append(s.conclusion)
        if not graph:
            return
        for component in _strongly_connected(graph):
            if len(component) < 2:
                continue
            cycle = _a_cycle(graph, component)
            names = " -> ".join([*(c for c, _ in cycle), cycle[0][0]])
            supports = [s for _, s in cycle]
            self._emit(
                "W300",
                supports[0].span,
                f"supports go round in a circle: {names}",
                hint="circular reasoning: one of these supports has to rest on something outside the circle",
                related=[Related(s.span, "part of the cycle") for s in supports[1:]],
            )

    def _support_and_attack(self) -> None:
        attacks: dict[tuple[str, str], Element] = {}
        for r in self.map.rebuttals:
            attacks.setdefault((r.attacker, r.target), r)
        for c in self.map.contradictions:
            attacks.setdefault((c.left, c.right), c)
            attacks.setdefault((c.right, c.left), c)
        if not attacks:
            return
        reported: set[tuple[str, str]] = set()
        for s in self.map.supports:
            for p in s.premises:
                attack = attacks.get((p, s.conclusion))
                if attack is None or (p, s.conclusion) in reported:
                    continue
                reported.add((p, s.conclusion))
                self._emit(
                    "W301",
                    self._locate(s.span, p),
                    f"'{p}' both supports and attacks '{s.conclusion}'",
                    hint="one of the two relations is probably meant for another claim",
                    related=[Related(attack.span, "the attack")],
                )

    def _perspective_conflicts(self) -> None:
        holders: dict[str, dict[str, Stance]] = {}
        for s in self.map.stances:
            if s.accepts:
                holders.setdefault(s.claim, {}).setdefault(s.perspective, s)
        if not holders:
            return
        seen: set[tuple[str, str, str]] = set()

        def clash(p: str, a: str, b: str, relation: Element) -> None:
            key = (p, *sorted((a, b)))
            if key in seen:
                return
            seen.add(key)  # type: ignore[arg-type]
            stance = holders[b][p]
            self._emit(
                "W302",
                self._locate(stance.span, p),
                f"'{p}' accepts both '{a}' and '{b}', but '{a}' attacks '{b}'",
                hint="the perspective's position is not conflict-free; drop one stance or answer the attack",
                related=[
                    Related(relation.span, "the attack"),
                    Related(holders[a][p].span, f"'{p}' accepts '{a}'"),
                ],
            )

        attacks: list[tuple[str, str, Element]] = [(r.attacker, r.target, r) for r in self.map.rebuttals]
        attacks.extend((c.left, c.right, c) for c in self.map.contradictions)
        for a, b, relation in attacks:
            if a == b or a not in holders or b not in holders:
                continue
            for p in holders[a].keys() & holders[b].keys():
                clash(p, a, b, relation)
        # Asserting a support while accepting a claim that undercuts it.
        for u in self.map.undercuts:
            try:
                support = self.map.support(u.target)
            except KeyError:
                continue
            for p in set(support.by) & set(holders.get(u.attacker, {})):
                stance = holders[u.attacker][p]
                self._emit(
                    "W302",
                    self._locate(stance.span, p),
                    f"'{p}' asserts support '{u.target}' but accepts '{u.attacker}', which undercuts it",
                    hint="the perspective's position is not conflict-free; drop the stance or the assertion",
                    related=[Related(u.span, "the undercut"), Related(support.span, "the support")],
                )

    # ---- what is never used --------------------------------------------------------------------
    def _unused(self) -> None:
        m = self.map
        connected: set[str] = set()
        used_perspectives: set[str] = set()
        used_sources: set[str] = set()
        answered: set[str] = set()
        for s in m.supports:
            connected.update(s.premises)
            connected.add(s.conclusion)
        for r in m.rebuttals:
            connected.add(r.attacker)
        for u in m.undercuts:
            connected.add(u.attacker)
        for r in m.rebuttals:
            connected.add(r.target)
        for contradiction in m.contradictions:
            connected.add(contradiction.left)
            connected.add(contradiction.right)
        for st in m.stances:
            used_perspectives.add(st.perspective)
        for c in m.claims:
            if c.answers:
                answered.update(c.answers)
                connected.add(c.id)
            used_sources.update(c.sources)
            used_perspectives.update(q.speaker for q in c.quotes if q.speaker is not None)
        for rel in self._relations():
            used_perspectives.update(rel.by)
        for c in m.claims:
            if c.id not in connected:
                self._emit(
                    "W303",
                    self._locate(c.span, c.id),
                    f"claim '{c.id}' stands alone: no relation touches it and it answers no question",
                    hint="link it with a support or an attack, let it `answers` a question, or remove it",
                )
        for p in m.perspectives:
            if p.id not in used_perspectives:
                self._emit(
                    "W304",
                    self._locate(p.span, p.id),
                    f"perspective '{p.id}' holds no claim and asserts no relation",
                    hint=f"add stances (`{p.id} accepts c`, `held by {p.id}`), `by {p.id}` on relations, "
                    "or remove it",
                )
        for src in m.sources:
            if src.id not in used_sources:
                self._emit(
                    "W305",
                    self._locate(src.span, src.id),
                    f"source '{src.id}' is cited by no claim",
                    hint=f"cite it on a claim with `source {src.id}`, or remove it",
                )
        for q in m.questions:
            if q.id not in answered:
                self._emit(
                    "W306",
                    self._locate(q.span, q.id),
                    f"question '{q.id}' is answered by no claim",
                    hint=f"add `answers {q.id}` to the claims that answer it",
                )

    def _repeats(self) -> None:
        stance_seen: dict[tuple[str, str, bool], Stance] = {}
        for st in self.map.stances:
            key = (st.perspective, st.claim, st.accepts)
            other = stance_seen.get(key)
            if other is None:
                stance_seen[key] = st
                continue
            verb = "accepts" if st.accepts else "rejects"
            self._emit(
                "W307",
                self._locate(st.span, st.perspective),
                f"'{st.perspective}' {verb} '{st.claim}' more than once",
                hint="say it once",
                related=[Related(other.span, "said first here")],
            )
        seen: dict[Element, Element] = {}
        for rel in self._relations():
            if isinstance(rel, Support) and rel.name is not None:
                continue  # a named support that repeats is a duplicate id (E200)
            first = seen.setdefault(rel, rel)
            if first is not rel:
                self._emit(
                    "W307",
                    rel.span,
                    "this relation repeats an earlier one word for word",
                    hint="remove the repeat; to credit more perspectives, list them in one `by`",
                    related=[Related(first.span, "the first one")],
                )


def _definition_example(want: type, name: str) -> str:
    return {
        Claim: f'`claim {name} "..."`',
        Perspective: f'`perspective {name} "Name"`',
        Question: f'`question {name} "...?"`',
        Source: f'`source {name} "Title"`',
        Support: f"`{name}: a supports b`",
    }[want]


def _strongly_connected(graph: dict[str, list[Support]]) -> Iterator[list[str]]:
    """Tarjan's algorithm, iterative (maps can be deep)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    counter = 0
    for root in list(graph):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            edges = graph.get(node, ())
            recurse = False
            while i < len(edges):
                nxt = edges[i].conclusion
                i += 1
                if nxt not in index:
                    work.append((node, i))
                    work.append((nxt, 0))
                    recurse = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if recurse:
                continue
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                yield component[::-1]
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])


def _a_cycle(graph: dict[str, list[Support]], component: list[str]) -> list[tuple[str, Support]]:
    """A shortest cycle through the component's first node, as (node, support leaving it)."""
    members = set(component)
    start = component[0]
    parent: dict[str, tuple[str, Support]] = {}
    queue = [start]
    for node in queue:
        for support in graph.get(node, ()):
            nxt = support.conclusion
            if nxt not in members:
                continue
            if nxt == start:
                path = [(node, support)]
                step = node
                while step != start:
                    prev, via = parent[step]
                    path.append((prev, via))
                    step = prev
                return path[::-1]
            if nxt not in parent:
                parent[nxt] = (node, support)
                queue.append(nxt)
    raise AssertionError("a strongly connected component of two or more nodes has a cycle")
