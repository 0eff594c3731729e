"""Model -> findings: is the map consistent?

Structure (duplicate ids, references that do not resolve or name the wrong kind of thing,
claims that support or attack themselves), each perspective's own coherence (accepting and
rejecting one claim, accepting claims that attack each other), the shape of the reasoning
(cycles of supports, a pair that both supports and attacks) and the warnings a careful analyst
wants (orphans, unused perspectives and sources, unanswered questions, repeats). Findings that
need the formal semantics come from :mod:`argmap.semantics.evaluate`. Every finding is a Diagnostic with
a stable code (docs/diagnostics.md).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from operator import attrgetter
from typing import Any, NamedTuple

from argmap.diagnostics import Diagnostic, Related, sort_key
from argmap.model import (
    ArgumentMap,
    Claim,
    Contradiction,
    Element,
    Perspective,
    Question,
    Rebuttal,
    Relation,
    Source,
    Span,
    Stance,
    Support,
    Title,
)
from argmap.syntax.grammar import scanner
from argmap.util.gcpause import paused_gc

__all__ = ["check"]

_KIND_NAMES: dict[type, str] = {
    Claim: "a claim",
    Perspective: "a perspective",
    Question: "a question",
    Source: "a source",
    Support: "a support",
}
# What names an element in the one namespace, by the element's type (the others name nothing).
_NAME_OF: dict[type, Callable[[Any], str | None]] = {
    Claim: attrgetter("id"),
    Perspective: attrgetter("id"),
    Question: attrgetter("id"),
    Source: attrgetter("id"),
    Support: attrgetter("name"),
}


def _word_or_text() -> re.Pattern[str]:
    """A quoted text (skipped as a whole) or a word: the grammar's own terminals."""
    return scanner(text=("LONG_STRING", "STRING"), word=("ID",))


_COLOUR = re.compile(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})|[A-Za-z]+[0-9]*")


def check(argmap: ArgumentMap, *, semantics: bool = True) -> list[Diagnostic]:
    """Check a map; return every finding (the parser's warnings included), in file order.

    With ``semantics`` (the default) and no errors in the structure, the perspective findings
    that need formal argumentation semantics are added (see :mod:`argmap.semantics.evaluate`).
    """
    findings = list(argmap.parse_diagnostics)
    with paused_gc():
        findings.extend(_Checker(argmap).run())
    if semantics and not any(d.is_error for d in findings):
        from argmap.semantics.evaluate import perspective_findings

        findings.extend(perspective_findings(argmap))
    findings.sort(key=sort_key)
    return findings


class _Reached(NamedTuple):
    """What the references of a map reach, by what they name."""

    claims: set[str]  # touched by a relation, or answering a question
    perspectives: set[str]  # holding, rejecting, asserting or quoted
    sources: set[str]  # cited
    questions: set[str]  # answered


class _Checker:
    def __init__(self, argmap: ArgumentMap) -> None:
        self.map = argmap
        self._lines: list[str] | None = None
        self.out: list[Diagnostic] = []
        # One namespace: claims, perspectives, questions, sources and support names, each name
        # with its first definition.
        self.defined: dict[str, Element] = {}
        self._candidates: dict[type, list[str]] = {}

    def run(self) -> list[Diagnostic]:
        # The look-up sets of these three steps are dropped before the others build their tables.
        self._unused(self._references(self._definitions()))
        self._self_relations()
        self._stances()
        self._cycles()
        self._support_and_attack()
        self._perspective_conflicts()
        self._repeated_stances()
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
            for m in _word_or_text().finditer(line, start, stop):
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
    def _definitions(self) -> dict[type, set[str]]:
        """Fill the namespace, reporting names defined twice; return the names filed by the type
        of their definition, so that a reference is checked by one set look-up."""
        titles: list[Title] = []
        defined = self.defined
        ids: dict[type, set[str]] = {kind: set() for kind in _KIND_NAMES}
        for e in self.map.elements:
            kind = type(e)
            name_of = _NAME_OF.get(kind)
            if name_of is None:
                if isinstance(e, Title):
                    titles.append(e)
                continue
            key = name_of(e)
            if key is None:
                continue
            first = defined.get(key)
            if first is None:
                defined[key] = e
                ids[kind].add(key)
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
        return ids

    def _bad_ref(self, element: Element, name: str, want: type, role: str, occurrence: int = 0) -> None:
        """Report ``name``, which does not name an element of type ``want``."""
        found = self.defined.get(name)
        span = self._locate(element.span, name, occurrence)
        wanted = _KIND_NAMES[want]
        if found is None:
            close = difflib.get_close_matches(name, self._names_of(want), n=1, cutoff=0.6)
            suggestion = (
                f"did you mean '{close[0]}'?"
                if close
                else f"define it, e.g. {_definition_example(want, name)}"
            )
            self._emit("E201", span, f"{role} '{name}' is not defined ({wanted} was expected)", suggestion)
            return
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

    def _names_of(self, kind: type) -> list[str]:
        """The names defined as ``kind``, in order (what a misspelt reference may have meant)."""
        names = self._candidates.get(kind)
        if names is None:
            names = self._candidates[kind] = [k for k, v in self.defined.items() if isinstance(v, kind)]
        return names

    def _references(self, ids: dict[type, set[str]]) -> _Reached:
        """Check every reference against the names ``ids`` files by type, and return what the
        references reach, whether they resolve or not (:meth:`_unused` reports the rest)."""
        m = self.map
        claims, perspectives = ids[Claim], ids[Perspective]
        questions, sources, supports = ids[Question], ids[Source], ids[Support]
        reached = _Reached(set(), set(), set(), set())
        connected, used_perspectives = reached.claims, reached.perspectives
        # Relations naming an undefined perspective in ``by``: reported last, as they always were.
        unknown_by: list[Relation] = []

        def credited(rel: Relation) -> None:
            used_perspectives.update(rel.by)
            if not perspectives.issuperset(rel.by):
                unknown_by.append(rel)

        for c in m.claims:
            if c.answers:
                reached.questions.update(c.answers)
                connected.add(c.id)
                for q in c.answers:
                    if q not in questions:
                        self._bad_ref(c, q, Question, "the question")
            if c.sources:
                reached.sources.update(c.sources)
                for src in c.sources:
                    if src not in sources:
                        self._bad_ref(c, src, Source, "the source")
            for quote in c.quotes:
                if quote.speaker is not None:
                    used_perspectives.add(quote.speaker)
                    if quote.speaker not in perspectives:
                        self._bad_ref(c, quote.speaker, Perspective, "the speaker")
        for s in m.supports:
            connected.update(s.premises)
            connected.add(s.conclusion)
            if not claims.issuperset(s.premises):
                offset = 1 if s.name is not None and s.name in s.premises else 0
                for i, p in enumerate(s.premises):
                    if p not in claims:
                        self._bad_ref(s, p, Claim, "the premise", offset + s.premises[:i].count(p))
            if s.conclusion not in claims:
                self._bad_ref(s, s.conclusion, Claim, "the conclusion", -1)
            if s.by:
                credited(s)

        def between_claims(
            rel: Rebuttal | Contradiction, first: str, second: str, roles: tuple[str, str]
        ) -> None:
            connected.add(first)
            connected.add(second)
            if first not in claims:
                self._bad_ref(rel, first, Claim, roles[0])
            if second not in claims:
                self._bad_ref(rel, second, Claim, roles[1], -1)
            if rel.by:
                credited(rel)

        for r in m.rebuttals:
            between_claims(r, r.attacker, r.target, ("the attacker", "the target"))
        for u in m.undercuts:
            connected.add(u.attacker)
            if u.attacker not in claims:
                self._bad_ref(u, u.attacker, Claim, "the attacker")
            if u.target not in supports:
                self._bad_ref(u, u.target, Support, "the undercut support", -1)
            if u.by:
                credited(u)
        for c2 in m.contradictions:
            between_claims(c2, c2.left, c2.right, ("the claim", "the claim"))
        for st in m.stances:
            used_perspectives.add(st.perspective)
            if st.perspective not in perspectives:
                self._bad_ref(st, st.perspective, Perspective, "the perspective")
            if not st.inline and st.claim not in claims:
                self._bad_ref(st, st.claim, Claim, "the claim", -1)
        for rel in unknown_by:
            for p in rel.by:
                if p not in perspectives:
                    self._bad_ref(rel, p, Perspective, "the perspective", -1)
        return reached

    # ---- relations ---------------------------------------------------------------------------
    def _self_relations(self) -> None:
        for e in self.map.supports:
            premises = e.premises
            if e.conclusion in premises:
                self._emit(
                    "E203",
                    self._locate(e.span, e.conclusion, -1),
                    f"'{e.conclusion}' supports itself",
                    hint="a claim cannot be its own reason; remove it from the premises",
                )
            if len(premises) > 1 and len(set(premises)) != len(premises):
                seen: set[str] = set()
                for p in premises:
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
        holders: dict[str, dict[str, Stance]] = {}  # claim -> perspective -> first accepting stance
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

        attacks: Iterator[tuple[str, str, Element]] = chain(
            ((r.attacker, r.target, r) for r in self.map.rebuttals),
            ((c.left, c.right, c) for c in self.map.contradictions),
        )
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
    def _unused(self, reached: _Reached) -> None:
        m = self.map
        for c in m.claims:
            if c.id not in reached.claims:
                self._emit(
                    "W303",
                    self._locate(c.span, c.id),
                    f"claim '{c.id}' stands alone: no relation touches it and it answers no question",
                    hint="link it with a support or an attack, let it `answers` a question, or remove it",
                )
        for p in m.perspectives:
            if p.id not in reached.perspectives:
                self._emit(
                    "W304",
                    self._locate(p.span, p.id),
                    f"perspective '{p.id}' holds no claim and asserts no relation",
                    hint=f"add stances (`{p.id} accepts c`, `held by {p.id}`), `by {p.id}` on relations, "
                    "or remove it",
                )
        for src in m.sources:
            if src.id not in reached.sources:
                self._emit(
                    "W305",
                    self._locate(src.span, src.id),
                    f"source '{src.id}' is cited by no claim",
                    hint=f"cite it on a claim with `source {src.id}`, or remove it",
                )
        for q in m.questions:
            if q.id not in reached.questions:
                self._emit(
                    "W306",
                    self._locate(q.span, q.id),
                    f"question '{q.id}' is answered by no claim",
                    hint=f"add `answers {q.id}` to the claims that answer it",
                )

    def _repeated_stances(self) -> None:
        """Stances said twice (W307)."""
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

    def _repeats(self) -> None:
        """Relations said twice (W307)."""
        m = self.map
        # A named support that repeats is a duplicate id (E200).
        unnamed = (s for s in m.supports if s.name is None)
        relations: Iterator[Relation] = chain(unnamed, m.rebuttals, m.undercuts, m.contradictions)
        seen: dict[Relation, Relation] = {}
        for rel in relations:
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
