"""Why a claim has its label: the defence of an IN claim, the attacks that defeat an OUT one, the
cycle an UNDEC one is caught in (docs/semantics.md, "Explanations").

* **IN under grounded** (and complete): the proof tree of the grounded game. Every argument the
  grounded labelling makes IN is IN because each of its attackers was made OUT, earlier, by an
  argument already IN; the tree lists, for the claim, each attacker and the argument that
  defeated it first, and so on down. It is finite: the defeaters are ever earlier.
* **IN, credulously, under preferred or stable**: an admissible set that holds the claim,
  found by one search (every non-empty admissible set of the framework with one extra argument,
  attacked by the claim and attacking every argument, holds the claim), then cut down to what
  the claim's defence uses. Sceptical acceptance (IN in *every* labelling) is said, not proved.
* **OUT**: the attackers that are IN (each with its own defence), and which relation of the
  map carries each: a rebuttal, a contradiction, or ``unsupported:C`` (no support of C goes
  through).
* **UNDEC**: a path, along UNDEC attackers, from the claim to the cycle that holds it undecided.

Arguments are told in the map's own terms: a claim, a relation (``r1: rating rebuts diligent``),
"'P' does not stand" (``failed:P``) or "no support of 'C' goes through" (``unsupported:C``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, get_args

import attrs

from argmap.errors import UnknownIdError
from argmap.model import ArgumentMap, Contradiction, Rebuttal, Relation, Support, Undercut
from argmap.semantics import RuleName, SemanticsName, rule_name, semantics_name
from argmap.semantics.framework import IN, OUT, UNDEC, Framework
from argmap.semantics.translate import Translation, framework, require_perspective

__all__ = ["ArgumentKind", "Explanation", "Reason", "Step", "explain", "explain_framework"]

#: What an argument of the framework stands for.
ArgumentKind = Literal["claim", "support", "rebuttal", "undercut", "contradiction", "unsupported", "failed"]
#: How a label is explained.
Reason = Literal["defence", "attackers", "cycle", "no labelling"]
REASONS: tuple[Reason, ...] = get_args(Reason)
_WORD = {IN: "in", OUT: "out", UNDEC: "undec"}


@attrs.frozen(slots=True)
class Step:
    """One argument in an explanation, with the arguments that explain its label.

    ``argument`` is its name in the framework; ``kind`` what it stands for; ``element`` the
    claim's id, or the relation's name (its argument's name when it has none), or for an
    auxiliary the claim it is about; ``says`` the same in words. ``children``: for an IN step,
    its attackers (each OUT); for an OUT step, the IN attacker that defeats it; for an UNDEC
    step on a path, the next UNDEC attacker. ``repeated`` marks a step explained higher up.
    """

    argument: str
    label: str
    kind: ArgumentKind
    element: str
    says: str
    children: tuple[Step, ...] = ()
    repeated: bool = False

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "argument": self.argument,
            "label": self.label,
            "kind": self.kind,
            "element": self.element,
            "says": self.says,
        }
        if self.repeated:
            out["repeated"] = True
        if self.children:
            out["children"] = [c.to_dict() for c in self.children]
        return out

    def walk(self) -> list[Step]:
        """This step and every step below it, depth first."""
        out, todo = [], [self]
        while todo:
            s = todo.pop()
            out.append(s)
            todo.extend(reversed(s.children))
        return out


@attrs.frozen(slots=True)
class Explanation:
    """Why ``claim`` has ``label`` under ``semantics`` (module docstring).

    ``reason`` is "defence" (IN: ``tree`` is the proof tree), "attackers" (OUT: ``tree`` is the
    claim with its IN attackers below it, each with its defence), "cycle" (UNDEC: ``tree`` is the
    path along UNDEC attackers, ``cycle`` the arguments of the cycle it ends in, in attack order)
    or "no labelling" (stable semantics, when the framework has no stable labelling).
    ``sceptical`` says, for preferred and stable, whether the claim is IN in every labelling
    (the defence shown is one admissible set); ``related`` holds the map's relations the
    explanation goes through (what ``render --explain`` draws, with the claims).
    """

    claim: str
    label: str
    semantics: SemanticsName
    rule: RuleName
    perspective: str | None
    reason: Reason
    tree: Step
    cycle: tuple[Step, ...] = ()
    sceptical: bool = False
    related: tuple[Relation, ...] = attrs.field(default=(), eq=False, repr=False)

    def steps(self) -> list[Step]:
        """Every step of the explanation (the tree's, then the cycle's), each argument once."""
        seen: dict[str, Step] = {}
        for s in [*self.tree.walk(), *self.cycle]:
            seen.setdefault(s.argument, s)
        return list(seen.values())

    def claims(self) -> dict[str, str]:
        """The claims the explanation mentions -> their labels."""
        return {s.element: s.label for s in self.steps() if s.kind == "claim"}

    def relations(self) -> dict[str, str]:
        """The relations the explanation mentions (by name, or argument name) -> their labels."""
        return {s.element: s.label for s in self.steps() if s.kind not in ("claim", "unsupported", "failed")}

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (the shape of ``argmap explain --format json``)."""
        return {
            "claim": self.claim,
            "label": self.label,
            "semantics": self.semantics,
            "rule": self.rule,
            "perspective": self.perspective,
            "reason": self.reason,
            "sceptical": self.sceptical,
            "tree": self.tree.to_dict(),
            "cycle": [s.to_dict() for s in self.cycle],
        }

    def to_text(self, width: int = 100) -> str:
        """The explanation for people: a heading, then the tree, indented."""
        who = f"perspective '{self.perspective}'" if self.perspective else "the whole map"
        head = f"{self.claim} is {self.label.upper()} ({self.semantics} semantics, {self.rule} rule, {who})"
        import textwrap

        lines = textwrap.wrap(head, width)
        if self.reason == "no labelling":
            lines += textwrap.wrap(
                f"There is no {self.semantics} labelling at all, so every claim is undec.", width
            )
            return "\n".join(lines) + "\n"
        lines += textwrap.wrap(_INTRO[self.reason](self), width)
        lines.append("")
        _tree_lines(self.tree, 0, lines, width)
        if self.cycle:
            lines.append("")
            lines += textwrap.wrap("The cycle (each attacks the next, and the last the first):", width)
            for s in self.cycle:
                lines.append(_clip(f"  {s.label.upper():<5}  {s.says}", width))
        return "\n".join(lines) + "\n"


_INTRO: dict[str, Callable[[Explanation], str]] = {
    "defence": lambda e: (
        "Every attack on it is defeated, by arguments that are themselves defended:"
        if e.semantics in ("grounded", "complete")
        else (
            "It is IN in every labelling. One admissible set that holds it, defeating every attack "
            "on it from within:"
            if e.sceptical
            else f"It is IN in some {e.semantics} labellings, not in all. One admissible set that holds "
            "it, defeating every attack on it from within:"
        )
    ),
    "attackers": lambda e: "It is defeated by these attacks, which go through:",
    "cycle": lambda e: "Nothing decides it: it hangs on a cycle of attacks that nothing breaks.",
}


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 10)] + "…"


def _tree_lines(step: Step, depth: int, lines: list[str], width: int) -> None:
    """The tree, one step a line, indented by depth; each line says how it bears on the line
    above: an IN or UNDEC step's children attack it, an OUT step's child defeats it."""
    stack: list[tuple[Step, int, str]] = [(step, depth, "")]
    while stack:
        s, d, joint = stack.pop()
        more = "  (explained elsewhere in this tree)" if s.repeated else ""
        lines.append(_clip(f"{'  ' * d}{s.label.upper():<5}  {joint}{s.says}{more}", width))
        below = "defeated by " if s.label == "out" else "attacked by "
        stack.extend((c, d + 1, below) for c in reversed(s.children))


# ---- the library entry points --------------------------------------------------------------------
def explain(
    argmap: ArgumentMap,
    claim: str,
    semantics: SemanticsName = "grounded",
    perspective: str | None = None,
    *,
    rule: RuleName = "evidential",
    time_limit: float | None = 10.0,
) -> Explanation:
    """Why ``claim`` has its label in the map (or in ``perspective``'s own framework).

    Raises :class:`~argmap.errors.UnknownIdError` (a KeyError, with a did-you-mean hint) for a
    claim that is not in the framework, UnknownPerspectiveError for an unknown perspective,
    UnknownChoiceError for an unknown semantics or rule, and SearchStopped when a preferred or
    stable search passes ``time_limit``.
    """
    if perspective is not None:
        require_perspective(argmap, perspective)
    rule, semantics = rule_name(rule), semantics_name(semantics)
    tr = framework(argmap, rule=rule, perspective=perspective)
    if claim not in tr.claims:
        error = UnknownIdError("claim", claim, list(tr.claims))
        if perspective is not None and any(c.id == claim for c in argmap.claims):
            error.message = (
                f"'{claim}' is not in perspective '{perspective}''s framework: "
                "it neither accepts the claim nor names it in a relation of its own"
            )
            error.hint = "explain it in the whole map (leave out --perspective)"
        raise error
    return explain_framework(
        tr, claim, semantics, argmap=argmap, perspective=perspective, time_limit=time_limit
    )


def explain_framework(
    tr: Translation,
    claim: str,
    semantics: SemanticsName = "grounded",
    *,
    argmap: ArgumentMap | None = None,
    perspective: str | None = None,
    time_limit: float | None = 10.0,
) -> Explanation:
    """:func:`explain` on a translation already made (``argmap`` gives the claims' texts)."""
    words = _Words(tr, argmap)
    found = _explain(tr, claim, semantics_name(semantics), words, perspective, time_limit)
    return attrs.evolve(found, related=words.related())


def _explain(  # noqa: PLR0917 - explain_framework's arguments
    tr: Translation,
    claim: str,
    sem: SemanticsName,
    words: _Words,
    perspective: str | None,
    time_limit: float | None,
) -> Explanation:
    from argmap.semantics.solvers import acceptance, one_labelling

    af = tr.framework
    x = tr.claims[claim]
    if sem in ("grounded", "complete"):
        lab, killer = _grounded_with_defeaters(af)
        label = _WORD[lab[x]]
        if lab[x] == IN:
            tree = _defence(af, x, lab, killer, words)
            return Explanation(claim, label, sem, tr.rule, perspective, "defence", tree, sceptical=True)
        if lab[x] == OUT:
            tree = _attackers(af, x, lab, killer, words)
            return Explanation(claim, label, sem, tr.rule, perspective, "attackers", tree)
        path, cycle = _cycle(af, x, lab, words)
        return Explanation(claim, label, sem, tr.rule, perspective, "cycle", path, cycle)
    status = acceptance(af, sem, time_limit=time_limit)
    label = "in" if status.sceptical[x] else "out" if status.rejected[x] else "undec"
    if not status.exists:
        root = words.step(x, "undec")
        return Explanation(claim, "undec", sem, tr.rule, perspective, "no labelling", root)
    if status.credulous[x]:
        found = _labelling_with(af, x, sem, time_limit)
        killer = _defeaters(af, found)
        tree = _defence(af, x, found, killer, words)
        return Explanation(
            claim, label, sem, tr.rule, perspective, "defence", tree, sceptical=status.sceptical[x]
        )
    one = one_labelling(af, sem, time_limit=time_limit)
    assert one is not None  # a labelling exists (status.exists)
    lab = bytearray(one.labels)
    killer = _defeaters(af, lab)
    if lab[x] == OUT:
        tree = _attackers(af, x, lab, killer, words)
        return Explanation(claim, label, sem, tr.rule, perspective, "attackers", tree)
    path, cycle = _cycle(af, x, lab, words)
    return Explanation(claim, label, sem, tr.rule, perspective, "cycle", path, cycle)


# ---- the pieces --------------------------------------------------------------------------------
class _Words:
    """Each argument told in the map's terms."""

    def __init__(self, tr: Translation, argmap: ArgumentMap | None) -> None:
        self.tr = tr
        self.names = tr.framework.names
        self.claim_of = {i: c for c, i in tr.claims.items()}
        self.texts = {c.id: c.text for c in argmap.claims} if argmap is not None else {}
        self.used: set[int] = set()

    def related(self) -> tuple[Relation, ...]:
        """The relations of the steps made so far, in map order, once each."""
        found = {id(r): r for i, r in sorted(self.tr.relations.items()) if i in self.used}
        return tuple(found.values())

    def step(self, i: int, label: str, children: tuple[Step, ...] = (), repeated: bool = False) -> Step:
        kind, element, says = self.describe(i)
        self.used.add(i)
        return Step(self.names[i], label, kind, element, says, children, repeated)

    def describe(self, i: int) -> tuple[ArgumentKind, str, str]:
        c = self.claim_of.get(i)
        if c is not None:
            text = " ".join(self.texts.get(c, "").split())
            return "claim", c, f"{c}  {text}".rstrip()
        r = self.tr.relations.get(i)
        if r is not None:
            return _kind(r), r.name or self.names[i], _relation_words(r, self.names[i])
        aux_kind, about = self.tr.auxiliary[i]
        if aux_kind == "failed":
            return "failed", about, f"the failure of '{about}' (what starts from it needs it to stand)"
        return "unsupported", about, f"the lack of a support for '{about}' (it needs one that goes through)"


def _kind(r: Relation) -> ArgumentKind:
    if isinstance(r, Support):
        return "support"
    if isinstance(r, Rebuttal):
        return "rebuttal"
    if isinstance(r, Undercut):
        return "undercut"
    return "contradiction"


def _relation_words(r: Relation, argument: str) -> str:
    name = f"{r.name}: " if r.name else ""
    if isinstance(r, Support):
        return f"{name}{' + '.join(r.premises)} supports {r.conclusion}"
    if isinstance(r, Rebuttal):
        return f"{name}{' + '.join(r.attackers)} rebuts {r.target}"
    if isinstance(r, Undercut):
        return f"{name}{' + '.join(r.attackers)} undercuts {r.target}"
    assert isinstance(r, Contradiction)
    a, b = argument.rsplit(":", 1)[-1].split(">", 1) if ">" in argument else (r.left, r.right)
    return f"{name}{r.left} contradicts {r.right} ({a} against {b})"


def _grounded_with_defeaters(af: Framework) -> tuple[bytearray, list[int]]:
    """The grounded labelling, and for each OUT argument the IN attacker that made it OUT first
    (so a defeater is always labelled IN before what it defends)."""
    attackers, targets = af.attackers, af.targets
    count = [len(a) for a in attackers]
    lab = bytearray(af.n)
    killer = [-1] * af.n
    todo = [i for i, c in enumerate(count) if c == 0]
    for i in todo:
        lab[i] = IN
    todo.reverse()
    pop, push = todo.pop, todo.append
    while todo:
        x = pop()
        for y in targets[x]:
            if lab[y] == UNDEC:
                lab[y] = OUT
                killer[y] = x
                for z in targets[y]:
                    if lab[z] == UNDEC:
                        c = count[z] - 1
                        count[z] = c
                        if c == 0:
                            lab[z] = IN
                            push(z)
    return lab, killer


def _defeaters(af: Framework, lab: bytearray) -> list[int]:
    """For each OUT argument of a complete labelling, one IN attacker (the first)."""
    killer = [-1] * af.n
    for y in range(af.n):
        if lab[y] == OUT:
            for a in af.attackers[y]:
                if lab[a] == IN:
                    killer[y] = a
                    break
    return killer


def _defence(af: Framework, x: int, lab: bytearray, killer: list[int], words: _Words) -> Step:
    """The tree: an IN argument, its attackers (OUT), each with the IN argument that defeats it."""
    return _tree(af, x, lab, killer, words, root_attackers=False)


def _attackers(af: Framework, x: int, lab: bytearray, killer: list[int], words: _Words) -> Step:
    """An OUT argument with its IN attackers below it, each with its own defence."""
    return _tree(af, x, lab, killer, words, root_attackers=True)


def _tree(
    af: Framework, x: int, lab: bytearray, killer: list[int], words: _Words, *, root_attackers: bool
) -> Step:
    """Below an IN argument, its attackers; below an OUT one, its defeater (``killer``); below
    the root, when ``root_attackers``, its IN attackers. Each argument is expanded once (later
    meetings are marked repeated). Built without recursion: trees of a long chain are deep."""
    # one entry per occurrence of an argument; kids[o] lists the occurrences below occurrence o
    args: list[int] = [x]
    repeated: list[bool] = [False]
    kids: list[list[int]] = [[]]
    seen = {x}
    stack = [0]
    while stack:
        o = stack.pop()
        if repeated[o]:
            continue
        i = args[o]
        if o == 0 and root_attackers:
            below = [y for y in af.attackers[i] if lab[y] == IN]
        elif lab[i] == IN:
            below = list(af.attackers[i])
        elif lab[i] == OUT and killer[i] >= 0:
            below = [killer[i]]
        else:
            below = []
        for c in below:
            kids[o].append(len(args))
            args.append(c)
            repeated.append(c in seen)
            kids.append([])
            seen.add(c)
        stack.extend(reversed(kids[o]))
    steps: list[Step | None] = [None] * len(args)
    for o in range(len(args) - 1, -1, -1):
        children = tuple(steps[k] for k in kids[o])
        steps[o] = words.step(args[o], _WORD[lab[args[o]]], children, repeated[o])  # type: ignore[arg-type,unused-ignore]
    root = steps[0]
    assert root is not None
    return root


def _cycle(af: Framework, x: int, lab: bytearray, words: _Words) -> tuple[Step, tuple[Step, ...]]:
    """From an UNDEC argument, along UNDEC attackers, to the first argument met twice: the path
    (as a chain of steps) and the cycle it closes. Every UNDEC argument of a complete labelling
    has an UNDEC attacker, so the walk ends in a cycle. The walk takes the attacker that leads
    back soonest: a breadth-first search for the shortest way back to x, else the first."""
    back = _shortest_cycle_through(af, x, lab)
    if back is not None:
        cycle = tuple(words.step(i, _WORD[lab[i]]) for i in back)
        return words.step(x, _WORD[lab[x]]), cycle
    order: list[int] = []
    where: dict[int, int] = {}
    i = x
    while i not in where:
        where[i] = len(order)
        order.append(i)
        i = next(a for a in af.attackers[i] if lab[a] == UNDEC)
    path, loop = order[: where[i]], order[where[i] :]
    node: Step | None = None
    for j in reversed(path):
        node = words.step(j, _WORD[lab[j]], (node,) if node is not None else ())
    assert node is not None  # x is on the path: it is not on a cycle
    # the cycle as attack order: each attacks the next
    loop.reverse()
    return node, tuple(words.step(j, _WORD[lab[j]]) for j in loop)


def _shortest_cycle_through(af: Framework, x: int, lab: bytearray) -> list[int] | None:
    """The shortest cycle of UNDEC arguments through x, in attack order from x, if any."""
    parent: dict[int, int] = {x: -1}
    frontier = [x]
    while frontier:
        nxt = []
        for i in frontier:
            for t in af.targets[i]:
                if lab[t] != UNDEC:
                    continue
                if t == x:
                    out = [i]
                    while parent[out[-1]] != -1:
                        out.append(parent[out[-1]])
                    out.reverse()
                    return out
                if t not in parent:
                    parent[t] = i
                    nxt.append(t)
        frontier = nxt
    return None


def _labelling_with(af: Framework, x: int, semantics: SemanticsName, time_limit: float | None) -> bytearray:
    """A labelling under ``semantics`` with x IN (x credulously accepted): one search on the
    framework with one more argument w, which attacks every argument and itself and is attacked
    by x alone. w is never IN; every non-empty admissible set of that framework must attack w,
    so it holds x (preferred), and a stable labelling must make w OUT, so x IN (stable)."""
    from argmap.semantics.solvers import one_labelling

    n = af.n
    edges = list(af.attacks())
    edges.extend((n, i) for i in range(n + 1))  # w attacks every argument, itself too
    edges.append((x, n))
    extended = Framework.from_edges(n + 1, edges, [*af.names, "explain:w"])
    found = one_labelling(extended, "preferred" if semantics != "stable" else "stable", time_limit=time_limit)
    assert found is not None and found.labels[x] == IN, "x is credulously accepted"
    return bytearray(found.labels[:n])
