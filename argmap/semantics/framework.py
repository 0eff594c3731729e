"""Abstract argumentation (Dung) frameworks and their labellings.

A :class:`Framework` numbers its arguments 0..n-1 and keeps, for each one, the list of its
attackers and of its targets (plain lists of ints: compact and fast to walk in CPython).
Labellings give every argument IN, OUT or UNDEC (Caminada's labellings; an extension is the set
labelled IN). The solvers (:mod:`argmap.semantics.solvers`) find them; the properties below
verify one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import attrs

from argmap.semantics import SemanticsName

__all__ = [
    "IN",
    "OUT",
    "UNDEC",
    "Enumeration",
    "Framework",
    "Labelling",
    "Status",
    "is_admissible",
    "is_complete",
    "is_conflict_free",
    "is_stable",
    "labelling_of",
]

#: Labels, as small ints in a bytearray (one byte per argument).
UNDEC, IN, OUT = 0, 1, 2
_NAMES = {UNDEC: "undec", IN: "in", OUT: "out"}


class Framework:
    """A Dung framework: arguments 0..n-1 (with names) and attacks between them.

    ``attackers[x]`` lists the arguments attacking x, ``targets[x]`` those x attacks; both
    without repeats. Build one with :meth:`from_attacks` (names) or :meth:`from_edges` (ints).
    """

    __slots__ = ("_index", "attackers", "names", "targets")

    def __init__(self, names: Sequence[str], attackers: list[list[int]], targets: list[list[int]]) -> None:
        self.names: tuple[str, ...] = tuple(names)
        self.attackers = attackers
        self.targets = targets
        self._index: dict[str, int] | None = None

    @classmethod
    def from_edges(
        cls, n: int, edges: Iterable[tuple[int, int]], names: Sequence[str] | None = None
    ) -> Framework:
        """A framework on arguments 0..n-1 with these (attacker, target) pairs; repeats are
        dropped. Names default to "1".."n" (as in the ICCMA formats)."""
        from argmap.util.gcpause import paused_gc

        with paused_gc():
            targets: list[list[int]] = [[] for _ in range(n)]
            for a, b in edges:
                if not (0 <= a < n and 0 <= b < n):
                    raise ValueError(f"attack ({a}, {b}) names an argument outside 0..{n - 1}")
                targets[a].append(b)
            attackers: list[list[int]] = [[] for _ in range(n)]
            for a, ts in enumerate(targets):
                if len(ts) > 1 and len(set(ts)) < len(ts):
                    ts[:] = dict.fromkeys(ts)
                for b in ts:
                    attackers[b].append(a)
            if names is None:
                names = [str(i + 1) for i in range(n)]
            elif len(names) != n:
                raise ValueError(f"{len(names)} names for {n} arguments")
            return cls(names, attackers, targets)

    @classmethod
    def from_attacks(cls, arguments: Iterable[str], attacks: Iterable[tuple[str, str]]) -> Framework:
        """A framework from argument names and (attacker, target) name pairs. An attack naming
        an unknown argument adds it."""
        names: list[str] = []
        index: dict[str, int] = {}
        for a in arguments:
            if a not in index:
                index[a] = len(names)
                names.append(a)
        pairs: list[tuple[int, int]] = []
        for a, b in attacks:
            for x in (a, b):
                if x not in index:
                    index[x] = len(names)
                    names.append(x)
            pairs.append((index[a], index[b]))
        af = cls.from_edges(len(names), pairs, names)
        af._index = index
        return af

    @classmethod
    def from_targets(cls, names: Sequence[str], targets: list[list[int]]) -> Framework:
        """A framework from prepared tables: ``targets[x]`` lists the arguments x attacks,
        each in 0..n-1 and without repeats (not checked: for tables built from a framework,
        as :meth:`induced` does); the attackers are derived."""
        attackers: list[list[int]] = [[] for _ in range(len(targets))]
        for a, ts in enumerate(targets):
            for b in ts:
                attackers[b].append(a)
        return cls(names, attackers, targets)

    def induced(self, members: Sequence[int]) -> Framework:
        """The framework restricted to ``members`` (distinct arguments, in the order given):
        argument i of the result is ``members[i]``, with the attacks among them."""
        number = {x: i for i, x in enumerate(members)}
        get, targets = number.get, self.targets
        table = [[j for j in map(get, targets[x]) if j is not None] for x in members]
        return Framework.from_targets([self.names[x] for x in members], table)

    def __len__(self) -> int:
        return len(self.names)

    @property
    def n(self) -> int:
        """How many arguments."""
        return len(self.names)

    def index(self, name: str) -> int:
        """The number of the argument with this name (KeyError if none)."""
        if self._index is None:
            self._index = {name: i for i, name in enumerate(self.names)}
        return self._index[name]

    def attacks(self) -> Iterator[tuple[int, int]]:
        """Every attack as (attacker, target), grouped by attacker."""
        for a, ts in enumerate(self.targets):
            for b in ts:
                yield a, b

    def attack_count(self) -> int:
        return sum(len(ts) for ts in self.targets)

    def named_attacks(self) -> Iterator[tuple[str, str]]:
        names = self.names
        for a, b in self.attacks():
            yield names[a], names[b]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Framework):
            return NotImplemented
        return set(self.names) == set(other.names) and set(self.named_attacks()) == set(other.named_attacks())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Framework({self.n} arguments, {self.attack_count()} attacks)"


@attrs.frozen(slots=True, eq=True)
class Labelling:
    """IN/OUT/UNDEC for every argument of a framework (one byte each: 0 undec, 1 in, 2 out)."""

    labels: bytes
    names: tuple[str, ...] = attrs.field(eq=False, repr=False)

    def label(self, x: int) -> str:
        return _NAMES[self.labels[x]]

    def ins(self) -> frozenset[int]:
        """The extension: the arguments labelled IN."""
        return frozenset(i for i, v in enumerate(self.labels) if v == IN)

    def extension(self) -> frozenset[str]:
        """The names of the arguments labelled IN."""
        return frozenset(self.names[i] for i, v in enumerate(self.labels) if v == IN)

    def as_dict(self) -> dict[str, str]:
        """Argument name -> "in", "out" or "undec"."""
        return {name: _NAMES[v] for name, v in zip(self.names, self.labels, strict=True)}


@attrs.frozen(slots=True)
class Enumeration:
    """Labellings found by a search. ``exhaustive`` is True when they are all there are;
    otherwise ``stopped_by`` says why the search ended early: "limit" or "time"."""

    semantics: SemanticsName
    labellings: tuple[Labelling, ...]
    exhaustive: bool
    stopped_by: str | None = None


@attrs.frozen(slots=True)
class Status:
    """Credulous and sceptical acceptance of every argument under one semantics.

    ``credulous[x]``: x is IN in some labelling; ``sceptical[x]``: IN in every one;
    ``rejected[x]``: OUT in every one. ``count`` is the number of labellings when it is known
    without enumerating them (1 for grounded, 0 when there is none, else None); ``exists`` is
    False when there is none at all (stable only).
    """

    semantics: SemanticsName
    credulous: tuple[bool, ...]
    sceptical: tuple[bool, ...]
    rejected: tuple[bool, ...]
    exists: bool
    count: int | None


# ---- properties (used by tests and callers that want to verify a result) -----------------------
def is_conflict_free(af: Framework, ext: Iterable[int]) -> bool:
    s = set(ext)
    return not any(a in s for x in s for a in af.attackers[x])


def is_admissible(af: Framework, ext: Iterable[int]) -> bool:
    s = set(ext)
    if not is_conflict_free(af, s):
        return False
    attacked = {t for x in s for t in af.targets[x]}
    return all(a in attacked for x in s for a in af.attackers[x])


def is_complete(af: Framework, ext: Iterable[int]) -> bool:
    s = set(ext)
    if not is_admissible(af, s):
        return False
    attacked = {t for x in s for t in af.targets[x]}
    defended = {x for x in range(af.n) if all(a in attacked for a in af.attackers[x])}
    return defended == s


def is_stable(af: Framework, ext: Iterable[int]) -> bool:
    s = set(ext)
    if not is_conflict_free(af, s):
        return False
    attacked = {t for x in s for t in af.targets[x]}
    return len(s) + len(attacked) == af.n and not (s & attacked)


def labelling_of(af: Framework, ext: Iterable[int]) -> Labelling:
    """The labelling an extension induces: IN, OUT when attacked by IN, UNDEC otherwise."""
    lab = bytearray(af.n)
    for x in ext:
        lab[x] = IN
    for x in ext:
        for t in af.targets[x]:
            lab[t] = OUT
    return Labelling(bytes(lab), af.names)
