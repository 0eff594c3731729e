"""The shape of the reasoning: a claim that supports itself (E203) or attacks itself (W309),
supports that go round in a circle (W300), a claim that both supports and attacks another
(W301), undercuts that only undercut themselves or each other (W310), and sections nested in a
circle (E208)."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks.registry import Context, Family
from argmap.diagnostics import CodeInfo, Related, Severity, register_codes
from argmap.model import Element, Section, Support, Undercut

__all__ = ["CODES", "FAMILY"]

E, W = Severity.ERROR, Severity.WARNING

CODES = register_codes(
    {
        "E203": CodeInfo(E, "claim supports itself"),
        "E208": CodeInfo(E, "sections nested in a circle"),
        "W300": CodeInfo(W, "cycle of supports"),
        "W301": CodeInfo(W, "claim both supports and attacks another"),
        "W309": CodeInfo(W, "claim attacks itself"),
        "W310": CodeInfo(W, "undercut of itself or a cycle of undercuts"),
    }
)


def self_relations(context: Context) -> None:
    """E203: a support from a claim to itself; W309: a rebuttal or contradiction from a claim
    to itself (legal in the theory: a self-defeating argument, but rarely what was meant)."""
    m = context.map
    for s in m.supports:
        if s.conclusion in s.premises:
            context.emit(
                "E203",
                context.locate(s.span, s.conclusion, -1),
                f"'{s.conclusion}' supports itself",
                hint="a claim cannot be its own reason; remove it from the premises",
            )
    for r in m.rebuttals:
        if r.target in r.attackers:
            context.emit(
                "W309",
                context.locate(r.span, r.target, -1),
                f"'{r.target}' attacks itself",
                hint="a claim that defeats itself is labelled out under every semantics; if two "
                "claims clash, split it into the claims that clash",
            )
    for c in m.contradictions:
        if c.left == c.right:
            context.emit(
                "W309",
                context.locate(c.span, c.right, -1),
                f"'{c.right}' contradicts itself",
                hint="a contradiction needs two different claims",
            )


def undercut_cycles(context: Context) -> None:
    """W310: an undercut that undercuts itself, or undercuts that only undercut each other
    round a circle (nothing outside the circle is attacked: the undercuts cancel out)."""
    target: dict[str, Undercut] = {}  # an undercut's name -> the undercut (at most one each)
    for u in context.map.undercuts:
        if u.name is not None:
            target.setdefault(u.name, u)
    done: set[str] = set()
    for start in target:
        if start in done:
            continue
        path: list[str] = []
        on_path: dict[str, int] = {}
        node: str | None = start
        while node is not None and node in target and node not in done:
            if node in on_path:
                circle = path[on_path[node] :]
                _report_undercut_cycle(context, [target[n] for n in circle])
                break
            on_path[node] = len(path)
            path.append(node)
            node = target[node].target
        done.update(path)


def _report_undercut_cycle(context: Context, circle: list[Undercut]) -> None:
    first = circle[0]
    if len(circle) == 1:
        context.emit(
            "W310",
            context.locate(first.span, first.target, -1),
            f"undercut '{first.target}' undercuts itself",
            hint="an undercut attacks another relation; name the relation it answers",
        )
        return
    names = " -> ".join([*(u.name or "?" for u in circle), first.name or "?"])
    context.emit(
        "W310",
        first.span,
        f"undercuts undercut each other round a circle: {names}",
        hint="each undercut answers the next and nothing else: one of them should attack a "
        "relation outside the circle",
        related=[Related(u.span, "part of the circle") for u in circle[1:]],
    )


def section_cycles(context: Context) -> None:
    """E208: sections whose ``in`` parents lead back to themselves."""
    parent: dict[str, Section] = {}
    for sec in context.map.sections:
        parent.setdefault(sec.id, sec)
    done: set[str] = set()
    for start in parent:
        if start in done:
            continue
        path: list[str] = []
        on_path: dict[str, int] = {}
        node: str | None = start
        while node is not None and node in parent and node not in done:
            if node in on_path:
                circle = [parent[n] for n in path[on_path[node] :]]
                names = " in ".join([*(s.id for s in circle), circle[0].id])
                context.emit(
                    "E208",
                    context.locate(circle[0].span, circle[0].parent or circle[0].id, -1),
                    f"sections are nested in a circle: {names}",
                    hint="a section cannot be inside itself; give one of them another parent, or none",
                    related=[Related(s.span, "part of the circle") for s in circle[1:]],
                )
                break
            on_path[node] = len(path)
            path.append(node)
            node = parent[node].parent
        done.update(path)


def cycles(context: Context) -> None:
    """W300: supports that go round in a circle, one finding per circle (a shortest one)."""
    graph: dict[str, list[Support]] = {}  # premise -> the supports leaving it
    indegree: dict[str, int] = {}
    for s in context.map.supports:
        premises, conclusion = s.premises, s.conclusion
        for p in premises if len(premises) == 1 else dict.fromkeys(premises):
            if p != conclusion:
                leaving = graph.get(p)
                if leaving is None:
                    graph[p] = [s]
                else:
                    leaving.append(s)
                indegree[conclusion] = indegree.get(conclusion, 0) + 1
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
        context.emit(
            "W300",
            supports[0].span,
            f"supports go round in a circle: {names}",
            hint="circular reasoning: one of these supports has to rest on something outside the circle",
            related=[Related(s.span, "part of the cycle") for s in supports[1:]],
        )


def support_and_attack(context: Context) -> None:
    """W301: a premise that also rebuts or contradicts its conclusion."""
    m = context.map
    attacks: dict[tuple[str, str], Element] = {}
    for r in m.rebuttals:
        for a in r.attackers:
            attacks.setdefault((a, r.target), r)
    for c in m.contradictions:
        attacks.setdefault((c.left, c.right), c)
        attacks.setdefault((c.right, c.left), c)
    if not attacks:
        return
    reported: set[tuple[str, str]] = set()
    for s in m.supports:
        for p in s.premises:
            attack = attacks.get((p, s.conclusion))
            if attack is None or (p, s.conclusion) in reported:
                continue
            reported.add((p, s.conclusion))
            context.emit(
                "W301",
                context.locate(s.span, p),
                f"'{p}' both supports and attacks '{s.conclusion}'",
                hint="one of the two relations is probably meant for another claim",
                related=[Related(attack.span, "the attack")],
            )


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


FAMILY = Family(
    "structure",
    40,
    CODES,
    (self_relations, cycles, support_and_attack, undercut_cycles, section_cycles),
)
