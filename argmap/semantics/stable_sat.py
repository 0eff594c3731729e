"""One stable labelling of one component by SAT over the arguments alone.

The encoding has one variable per argument (is it IN?) and no OUT variables: an argument is
IN or attacked by an IN argument (one clause), and no two IN arguments attack each other (a
clause per attack). A model is a stable extension, and every stable extension is a model.
It is the encoding of the ICCMA winners (mu-toksia, crustabri) for stable semantics; on the
hard family of ``bench/semantics.py`` it is solved much faster than the labelling encoding,
by CaDiCaL 1.9.5 with every argument's preferred phase set to IN (a search that first tries
to put arguments IN, as clingo's domain heuristic does).

Since every stable extension is preferred, the same search answers one preferred labelling
whenever the framework has a stable one (:mod:`argmap.semantics.solvers` tries it first on
hard components).

CaDiCaL cannot be interrupted from another thread the way Glucose is, so the search runs in
slices of :data:`SLICE_CONFLICTS` conflicts and looks at the deadline between them: a time
limit is kept to within one slice (well under a second on these frameworks).
"""

from __future__ import annotations

import time
from typing import Any

from argmap.semantics.framework import IN, OUT, Framework

__all__ = ["SLICE_CONFLICTS", "stable_labels"]

#: Conflicts per solver call between two looks at the deadline. Small slices disturb
#: CaDiCaL's search (restarts and inprocessing run per call); 20,000 cost little on the hard
#: family at 1,000 arguments (a few tenths of a second each).
SLICE_CONFLICTS = 20_000


def stable_labels(
    af: Framework, comp: list[int], deadline: float | None, max_conflicts: int | None = None
) -> tuple[bool | None, bytes]:
    """A stable labelling of the component ``comp`` (whose attackers from outside are all OUT,
    as after the grounded labelling).

    Returns ``(True, labels)`` with the labels in ``comp``'s order, ``(False, b"")`` when the
    component has no stable labelling, ``(None, b"")`` when ``deadline`` (a
    ``time.monotonic()`` value) passed first or the search has used ``max_conflicts``
    conflicts (rounded up to a slice; a budget that does not depend on the machine's load).
    Every labelling returned has been checked.
    """
    from pysat.solvers import Solver

    local = {x: i for i, x in enumerate(comp)}
    attackers = [[local[a] for a in af.attackers[x] if a in local] for x in comp]
    solver: Any = Solver(name=_solver_name())
    try:
        add = solver.add_clause
        for i, atts in enumerate(attackers):
            v = i + 1
            add([v, *(a + 1 for a in atts)])  # IN, or attacked by an IN argument
            for a in atts:
                add([-v, -(a + 1)])  # conflict-free
        solver.set_phases(list(range(1, len(comp) + 1)))
        used = 0
        while True:
            if deadline is not None and time.monotonic() >= deadline:
                return None, b""
            if max_conflicts is not None and used >= max_conflicts:
                return None, b""
            used += SLICE_CONFLICTS
            solver.conf_budget(SLICE_CONFLICTS)
            result = solver.solve_limited()
            if result is None:
                continue
            if not result:
                return False, b""
            model = solver.get_model()
            break
    finally:
        solver.delete()
    labels = bytearray(len(comp))
    for i in range(len(comp)):
        labels[i] = IN if model[i] > 0 else OUT
    _check(attackers, labels)
    return True, bytes(labels)


def _solver_name() -> str:
    """CaDiCaL 1.9.5 where this python-sat has it, else Glucose 4 (slower on hard frameworks)."""
    from pysat.solvers import SolverNames

    return "cd195" if hasattr(SolverNames, "cadical195") else "g4"


def _check(attackers: list[list[int]], labels: bytearray) -> None:
    """Raise when ``labels`` is not stable (it never is: the check guards the encoding)."""
    for i, atts in enumerate(attackers):
        attacked = any(labels[a] == IN for a in atts)
        if (labels[i] == IN) == attacked:
            raise AssertionError(f"stable_sat: argument {i} is labelled wrongly by the solver's model")
