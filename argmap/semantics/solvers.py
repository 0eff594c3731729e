"""The semantics of abstract (Dung) frameworks, exact: grounded, complete, preferred, stable.

The frameworks and labellings are in :mod:`argmap.semantics.framework` (their names are
importable from here too).

How each semantics is computed, and why (measured in ``bench/semantics.py``):

* grounded: the linear propagation of Modgil and Caminada (unattacked -> IN, attacked by IN ->
  OUT, all attackers OUT -> IN), O(n + m), pure Python.
* complete, preferred, stable: the grounded labelling is computed first; every complete
  labelling extends it, so only the arguments it leaves UNDEC need a search. Those are split
  into weakly connected components, whose labellings combine freely (a product), and each
  component is handed to a SAT solver (python-sat) with the standard complete-labelling
  encoding (in_x <-> every attacker out, out_x <-> some attacker in, not both). Preferred
  labellings are found by growing complete ones until no larger one exists (the PrefSAT
  scheme of Cerutti et al.); stable ones add "in or out" for every argument. On random
  frameworks grounded settles almost everything, so the solver sees little; on hard families
  it does the real work in C. A pure-Python labelling search was the alternative; it is what
  peers such as pygarg and py_arg do and they time out at 100k arguments.
* one stable labelling (:func:`one_labelling`) is found by SAT over the arguments alone
  (:mod:`argmap.semantics.stable_sat`: one variable per argument, CaDiCaL with IN as every
  argument's preferred phase), much faster on hard frameworks than the labelling encoding.
* one preferred labelling of a hard component (200+ arguments) is first looked for as a
  stable one, for up to :data:`STABLE_FIRST_CONFLICTS` conflicts (a stable labelling is preferred);
  failing that, when SAT has not finished within 1 s, it is asked of clingo when it is
  installed (the ``argmap[asp]`` extra, :mod:`argmap.semantics.asp`): on frameworks where
  every argument has a few attackers its search is much faster there.
* safety: long clauses reach Glucose sorted by variable (its recursive quicksort overflowed the
  C stack on a 200,000-literal clause), and a component past :data:`SAT_LITERAL_BUDGET` stops
  with SearchStopped before the solver starts, so no input ends in a signal.

Every search takes ``limit`` (how many labellings at most) and ``time_limit`` (seconds); a
result says plainly whether it is exhaustive, or which of the two stopped it.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from typing import Any

from argmap.errors import SearchStopped
from argmap.semantics import SEMANTICS, SemanticsName, semantics_name
from argmap.semantics.framework import (
    IN,
    OUT,
    UNDEC,
    Enumeration,
    Framework,
    Labelling,
    Status,
    is_admissible,
    is_complete,
    is_conflict_free,
    is_stable,
    labelling_of,
)

__all__ = [
    "IN",
    "OUT",
    "SEMANTICS",
    "UNDEC",
    "Enumeration",
    "Framework",
    "Labelling",
    "SearchStopped",
    "Status",
    "acceptance",
    "enumerate_labellings",
    "grounded",
    "grounded_labels",
    "is_admissible",
    "is_complete",
    "is_conflict_free",
    "is_stable",
    "labelling_of",
    "one_labelling",
]


# ---- grounded ----------------------------------------------------------------------------------
def grounded(af: Framework) -> Labelling:
    """The grounded labelling, in O(n + m)."""
    return Labelling(bytes(grounded_labels(af)), af.names)


def grounded_labels(af: Framework, forced: dict[int, int] | None = None) -> bytearray:
    """The grounded labelling, one byte per argument.

    ``forced`` fixes some arguments first: IN as if unattacked, OUT as if attacked by an
    unattacked argument (a virtual attacker that is never defeated, so a forced-OUT argument
    never goes IN and never defeats its targets, even when it has no attacker of its own).
    The result is the grounded labelling of the framework changed that way (used to weigh
    cruxes; :mod:`argmap.semantics.crux` computes the same incrementally).
    """
    attackers, targets = af.attackers, af.targets
    count = [len(a) for a in attackers]
    lab = bytearray(af.n)
    outs: list[int] = []
    if forced:
        for x, v in forced.items():
            if v == IN:
                count[x] = 0
            elif v == OUT:
                count[x] += 1  # the virtual attacker: never OUT, so x is never IN
                outs.append(x)
    todo = [i for i, c in enumerate(count) if c == 0]
    for i in todo:
        lab[i] = IN
    pop, push = todo.pop, todo.append
    for x in outs:
        lab[x] = OUT
    for x in outs:
        for z in targets[x]:
            if lab[z] == UNDEC:
                count[z] -= 1
                if count[z] == 0:
                    lab[z] = IN
                    push(z)
    while todo:
        x = pop()
        for y in targets[x]:
            if lab[y] == UNDEC:
                lab[y] = OUT
                for z in targets[y]:
                    if lab[z] == UNDEC:
                        c = count[z] - 1
                        count[z] = c
                        if c == 0:
                            lab[z] = IN
                            push(z)
    return lab


# ---- the search for complete, preferred and stable labellings ----------------------------------
class _Clock:
    """A deadline shared by every solver call of one request, watched by one timer thread
    that interrupts whichever solver is running when time is up."""

    def __init__(self, time_limit: float | None) -> None:
        self.time_limit = time_limit
        self.expired = False
        self.current: Any = None
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self.deadline = None if time_limit is None else time.monotonic() + time_limit

    def _start(self) -> None:
        """Start the timer on the first solver call (most requests never need one)."""
        assert self.deadline is not None
        self._timer = threading.Timer(max(self.deadline - time.monotonic(), 0.0), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            self.expired = True
            if self.current is not None:
                self.current.interrupt()

    def run(self, solver: Any, assumptions: list[int]) -> bool:
        """Solve under the deadline (raises _TimeUp when it passes).

        Until the timer thread is needed, a call first runs with a budget of
        :data:`UNTIMED_CONFLICTS` conflicts and no thread: most calls finish within it, and
        starting a thread costs milliseconds of wall clock on a loaded machine (more than the
        whole search on a few hundred arguments). The deadline may be overrun by that budget
        (a few tens of milliseconds)."""
        if self.deadline is None:
            return bool(solver.solve(assumptions=assumptions))
        if self._timer is None:
            solver.conf_budget(UNTIMED_CONFLICTS)
            result = solver.solve_limited(assumptions=assumptions)
            solver.conf_budget(-1)  # no budget from here on
            if result is not None:
                return bool(result)
            if time.monotonic() >= self.deadline:
                raise _TimeUp
            self._start()
        with self._lock:
            if self.expired:
                raise _TimeUp
            self.current = solver
        try:
            result = solver.solve_limited(assumptions=assumptions, expect_interrupt=True)
        finally:
            with self._lock:
                self.current = None
        if result is None or self.expired:
            raise _TimeUp
        return bool(result)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()


class _TimeUp(Exception):
    pass


#: Conflicts a solver call may take before the deadline's timer thread is started.
UNTIMED_CONFLICTS = 5_000


def _components(af: Framework, lab: bytearray) -> list[list[int]]:
    """Weakly connected components of the arguments labelled UNDEC (attacks among them)."""
    seen = bytearray(af.n)
    out: list[list[int]] = []
    attackers, targets = af.attackers, af.targets
    for start in range(af.n):
        if lab[start] != UNDEC or seen[start]:
            continue
        seen[start] = 1
        comp = [start]
        stack = [start]
        while stack:
            x = stack.pop()
            for y in itertools.chain(attackers[x], targets[x]):
                if not seen[y] and lab[y] == UNDEC:
                    seen[y] = 1
                    comp.append(y)
                    stack.append(y)
        out.append(comp)
    return out


#: The most literals one component's SAT encoding may have (about 6 per attack and 4 per
#: argument). Far above any map argmap reads (a 1,000,000-argument cycle needs 10 million); it
#: bounds the solver's memory, so that no input can make the C solver fail for want of it. A
#: larger component stops the search with SearchStopped (reason "size"), never a crash.
SAT_LITERAL_BUDGET = 60_000_000


def _check_budget(af: Framework, comp: list[int], sem: SemanticsName) -> None:
    literals = sum(6 * len(af.attackers[x]) + 6 for x in comp)
    if literals > SAT_LITERAL_BUDGET:
        raise SearchStopped(
            f"the {sem} search needs {literals:,} literals for one connected part of "
            f"{len(comp):,} undecided arguments, past the solver's budget of "
            f"{SAT_LITERAL_BUDGET:,}; it was not started",
            "size",
            hint=f"use --semantics grounded (always exact and fast) instead of {sem}, or split the map",
        )


class _Component:
    """One component's SAT encoding: variable 2i+1 is in(x_i), 2i+2 is out(x_i)."""

    def __init__(self, af: Framework, comp: list[int], stable: bool, clock: _Clock) -> None:
        from pysat.solvers import Solver

        self.comp = comp
        self.clock = clock
        local = {x: i for i, x in enumerate(comp)}
        self.solver: Any = Solver(name="g4")
        add = self.add
        for i, x in enumerate(comp):
            vin, vout = 2 * i + 1, 2 * i + 2
            atts = [2 * local[a] + 1 for a in af.attackers[x] if a in local]
            # out(x) <-> some attacker in
            add([-vout, *atts])
            for a in atts:
                add([-a, vout])
            # in(x) <-> every attacker out
            add([vin] + [-(a + 1) for a in atts])
            for a in atts:
                add([-vin, a + 1])
            add([-vin, -vout])
            if stable:
                add([vin, vout])
        self.next_var = 2 * len(comp) + 1

    def add(self, clause: list[int]) -> None:
        """Add a clause, its literals in the solver's own order (by variable). Glucose sorts a
        new clause with a recursive quicksort that takes the middle element as pivot; some
        orders (all IN variables, then all OUT variables) make it recurse once per literal,
        and a clause of 200,000 literals overflowed the C stack (a segfault). Sorted input
        keeps that recursion logarithmic."""
        if len(clause) > 15:
            clause.sort(key=abs)
        self.solver.add_clause(clause)

    def fresh(self) -> int:
        v = self.next_var
        self.next_var += 1
        return v

    def solve(self, assumptions: list[int]) -> bool:
        return self.clock.run(self.solver, assumptions)

    def ins(self) -> list[int]:
        """Local indices labelled IN in the last model."""
        model = self.solver.get_model()
        return [i for i in range(len(self.comp)) if model[2 * i] > 0]

    def labels(self) -> bytes:
        model = self.solver.get_model()
        out = bytearray(len(self.comp))
        for i in range(len(self.comp)):
            if model[2 * i] > 0:
                out[i] = IN
            elif model[2 * i + 1] > 0:
                out[i] = OUT
        return bytes(out)

    def grow(self) -> bytes:
        """From the last model, find complete labellings with strictly more IN until none is
        larger: the result is a preferred labelling (of this component)."""
        while True:
            labels = self.labels()
            ins = [2 * i + 1 for i, v in enumerate(labels) if v == IN]
            rest = [2 * i + 1 for i, v in enumerate(labels) if v != IN]
            if not rest:
                return labels
            act = self.fresh()
            self.add([-act, *rest])
            self.solver.set_phases(rest)
            found = self.solve([act, *ins])
            self.add([-act])
            if not found:
                return labels

    def close(self) -> None:
        self.solver.delete()

    def _larger(self, labels: bytes, assume: list[int]) -> bool:
        """Is there a complete labelling with strictly more IN than ``labels`` (under the
        extra assumptions)? Leaves the larger one as the model when there is."""
        ins = [2 * i + 1 for i, v in enumerate(labels) if v == IN]
        rest = [2 * i + 1 for i, v in enumerate(labels) if v != IN]
        if not rest:
            return False
        act = self.fresh()
        self.add([-act, *rest])
        self.solver.set_phases(rest)  # lean towards many more IN at once
        found = self.solve([*assume, act, *ins])
        self.add([-act])
        return found

    def status(self, semantics: SemanticsName) -> tuple[list[bool], set[int], set[int]] | None:
        """(credulous, sceptically IN, OUT in every labelling) over this component's local
        indices; None when it has no labelling (stable only)."""
        k = len(self.comp)
        if not self.solve([]):
            return None
        first = self.grow() if semantics == "preferred" else self.labels()
        cred = [v == IN for v in first]
        # credulous: is any argument outside the union IN in some labelling?
        while True:
            rest = [2 * i + 1 for i in range(k) if not cred[i]]
            if not rest:
                break
            act = self.fresh()
            self.add([-act, *rest])
            self.solver.set_phases(rest)  # lean towards putting many new ones IN at once
            found = self.solve([act])
            self.add([-act])
            if not found:
                break
            for i, v in enumerate(self.labels()):
                if v == IN:
                    cred[i] = True
        if semantics == "complete":
            # the all-UNDEC labelling of a component is complete: nothing is sceptical here
            return cred, set(), set()
        c_in = {i for i, v in enumerate(first) if v == IN}
        c_out = {i for i, v in enumerate(first) if v == OUT}
        while c_in or c_out:
            act = self.fresh()
            breaks = [-(2 * i + 1) for i in c_in] + [-(2 * i + 2) for i in c_out]
            self.add([-act, *breaks])
            self.solver.set_phases(breaks)  # lean towards breaking many candidates at once
            if not self.solve([act]):
                self.add([-act])
                break
            labels = self.labels()
            if semantics == "preferred":
                while self._larger(labels, [act]):
                    labels = self.labels()
                if self._larger(labels, []):
                    # not preferred; no preferred labelling lies inside it
                    self.add([-act])
                    self.add([2 * i + 1 for i, v in enumerate(labels) if v != IN])
                    continue
            self.add([-act])
            c_in = {i for i in c_in if labels[i] == IN}
            c_out = {i for i in c_out if labels[i] == OUT}
        return cred, c_in, c_out

    def each(self, semantics: SemanticsName, limit: int | None) -> Iterator[bytes]:
        """This component's labellings under ``semantics``, one at a time (raises _TimeUp)."""
        found = 0
        while limit is None or found < limit:
            if not self.solve([]):
                return
            labels = self.grow() if semantics == "preferred" else self.labels()
            found += 1
            yield labels
            if semantics == "complete":
                # another complete labelling: a different IN set
                block = [-(2 * i + 1) if v == IN else 2 * i + 1 for i, v in enumerate(labels)]
            else:
                # preferred and stable labellings are incomparable: never inside this one again
                block = [2 * i + 1 for i, v in enumerate(labels) if v != IN]
            if not block:
                return
            self.add(block)


def one_labelling(
    af: Framework, semantics: SemanticsName, *, time_limit: float | None = None
) -> Labelling | None:
    """One labelling under ``semantics`` (None when there is none: stable only). For complete
    and grounded it is the grounded labelling. Raises SearchStopped past the time limit."""
    sem = semantics_name(semantics)
    lab = grounded_labels(af)
    if sem in ("grounded", "complete"):
        return Labelling(bytes(lab), af.names)
    clock = _Clock(time_limit)
    try:
        for comp in _components(af, lab):
            _check_budget(af, comp, sem)
            labels = _one(af, comp, sem, clock)
            if labels is None:
                return None
            for x, v in zip(comp, labels, strict=True):
                lab[x] = v
    except _TimeUp:
        raise SearchStopped(_timeout_message(sem, time_limit), "time") from None
    finally:
        clock.stop()
    return Labelling(bytes(lab), af.names)


#: A preferred search on a component at least this large that has not finished within
#: ASP_AFTER seconds of SAT is handed to clingo when it is installed (argmap.semantics.asp).
ASP_MIN_ARGUMENTS = 200
ASP_AFTER = 1.0


#: A preferred search on a component at least this large first looks for a stable labelling
#: (every stable labelling is preferred) for up to STABLE_FIRST_CONFLICTS conflicts
#: (argmap.semantics.stable_sat; about 3 s of CPU at 1,000 arguments of the hard family, and
#: a conflict budget, unlike seconds, does not shrink when the machine is loaded): on the hard
#: family that one SAT call is most often the fastest way to a preferred labelling, and when
#: there is none it is usually quick to say so.
STABLE_FIRST_MIN_ARGUMENTS = 200
STABLE_FIRST_CONFLICTS = 100_000


def _one(af: Framework, comp: list[int], sem: SemanticsName, clock: _Clock) -> bytes | None:
    """One labelling of one component (None when it has none); raises _TimeUp."""
    from argmap.semantics import asp, stable_sat

    def sat(c_clock: _Clock) -> bytes | None:
        c = _Component(af, comp, sem == "stable", c_clock)
        try:
            return next(c.each(sem, 1), None)
        finally:
            c.close()

    if sem == "stable":
        found, st_labels = stable_sat.stable_labels(af, comp, clock.deadline)
        if found is None:
            raise _TimeUp
        return st_labels if found else None
    if sem == "preferred" and len(comp) >= STABLE_FIRST_MIN_ARGUMENTS and STABLE_FIRST_CONFLICTS > 0:
        found, st_labels = stable_sat.stable_labels(af, comp, clock.deadline, STABLE_FIRST_CONFLICTS)
        if found:
            return st_labels
        if clock.deadline is not None and time.monotonic() >= clock.deadline:
            raise _TimeUp
    if sem != "preferred" or len(comp) < ASP_MIN_ARGUMENTS or not asp.available():
        return sat(clock)
    remaining = None if clock.deadline is None else clock.deadline - time.monotonic()
    if ASP_AFTER > 0:
        first = _Clock(ASP_AFTER if remaining is None else min(ASP_AFTER, max(remaining, 0.0)))
        try:
            return sat(first)
        except _TimeUp:
            pass
        finally:
            first.stop()
    remaining = None if clock.deadline is None else clock.deadline - time.monotonic()
    if remaining is not None and remaining <= 0:
        raise _TimeUp
    ordered = sorted(range(len(comp)), key=comp.__getitem__)  # clingo's search follows the order
    labels = asp.preferred_labels(af, [comp[i] for i in ordered], remaining)
    if labels is None:
        raise _TimeUp
    out = bytearray(len(comp))
    for i, v in zip(ordered, labels, strict=True):
        out[i] = v
    return bytes(out)


def _timeout_message(sem: SemanticsName, time_limit: float | None) -> str:
    return (
        f"the {sem} search hit its time limit of {time_limit:g} s before it finished; "
        "the framework is hard for this semantics (grounded always finishes)"
    )


def enumerate_labellings(
    af: Framework, semantics: SemanticsName, *, limit: int | None = None, time_limit: float | None = None
) -> Enumeration:
    """All labellings under ``semantics`` (at most ``limit``), within ``time_limit`` seconds.

    Never raises on the limits: the result's ``exhaustive`` and ``stopped_by`` tell whether
    every labelling is there. Raises SearchStopped (reason "size") only when a component is
    past the solver's budget (:data:`SAT_LITERAL_BUDGET`).
    """
    sem = semantics_name(semantics)
    base = grounded_labels(af)
    if sem == "grounded" or (limit is not None and limit <= 0):
        if sem != "grounded":
            return Enumeration(sem, (), False, "limit")
        return Enumeration(sem, (Labelling(bytes(base), af.names),), True)
    clock = _Clock(time_limit)
    # smallest first: their few labellings multiply past the limit before a big one is asked
    # for more than one
    comps = sorted(_components(af, base), key=len)
    per_comp: list[list[bytes]] = []
    stopped: str | None = None
    total = 1
    try:
        for comp in comps:
            # ask each component for just enough to pass the limit with the ones before it;
            # past the limit, one (which also shows the framework has any labelling at all)
            want = None if limit is None else max(1, -(-(limit + 1) // total))
            _check_budget(af, comp, sem)
            c = _Component(af, comp, sem == "stable", clock)
            try:
                got = list(c.each(sem, want))
            finally:
                c.close()
            if not got:
                return Enumeration(sem, (), True)
            if limit is not None and len(got) > limit:
                del got[limit:]
                stopped = "limit"
            total *= len(got)
            per_comp.append(got)
    except _TimeUp:
        return Enumeration(sem, (), False, "time")
    finally:
        clock.stop()
    out: list[Labelling] = []
    if limit is not None and total > limit:
        stopped = "limit"
    # components with one labelling are written once; only the others vary
    fixed = bytearray(base)
    varying: list[tuple[list[int], list[bytes]]] = []
    for comp, got in zip(comps, per_comp, strict=True):
        if len(got) == 1:
            for x, v in zip(comp, got[0], strict=True):
                fixed[x] = v
        else:
            varying.append((comp, got))
    for choice in itertools.product(*(got for _, got in varying)):
        if limit is not None and len(out) >= limit:
            break
        lab = bytearray(fixed)
        for (comp, _), labels in zip(varying, choice, strict=True):
            for x, v in zip(comp, labels, strict=True):
                lab[x] = v
        out.append(Labelling(bytes(lab), af.names))
    return Enumeration(sem, tuple(out), stopped is None, stopped)


def acceptance(af: Framework, semantics: SemanticsName, *, time_limit: float | None = None) -> Status:
    """Credulous and sceptical status of every argument under ``semantics``, exact, without
    enumerating the labellings.

    Per component (after grounded): credulous status grows a union of labellings until no
    labelling puts IN an argument outside it. Sceptical status starts from one labelling's IN
    and OUT sets as candidates and asks for a labelling that breaks one of them; for preferred
    such a labelling is grown to a maximal complete one under that demand and kept only when
    no complete labelling at all is larger (else its subsets are ruled out and the search goes
    on), until none is left (a counter-example-guided loop in the manner of CEGARTIX).
    Raises SearchStopped when the time limit stops it.
    """
    sem = semantics_name(semantics)
    lab = grounded_labels(af)
    n = af.n
    cred = [v == IN for v in lab]
    scep = list(cred)
    rej = [v == OUT for v in lab]
    if sem == "grounded":
        return Status(sem, tuple(cred), tuple(scep), tuple(rej), True, 1)
    clock = _Clock(time_limit)
    try:
        for comp in _components(af, lab):
            _check_budget(af, comp, sem)
            c = _Component(af, comp, sem == "stable", clock)
            try:
                result = c.status(sem)
            finally:
                c.close()
            if result is None:
                f = tuple([False] * n)
                return Status(sem, f, f, f, False, 0)
            c_cred, c_in, c_out = result
            for i, x in enumerate(comp):
                cred[x] = c_cred[i]
                scep[x] = i in c_in
                rej[x] = i in c_out
    except _TimeUp:
        raise SearchStopped(_timeout_message(sem, time_limit), "time") from None
    finally:
        clock.stop()
    return Status(sem, tuple(cred), tuple(scep), tuple(rej), True, None)
