"""An optional answer-set back end (clingo) for one preferred labelling of a hard component.

On frameworks where the grounded labelling settles nothing and every argument has a few
attackers, the SAT search's hard step is proving that no larger complete labelling exists;
clingo (the Potassco ASP system) does that faster there. :func:`preferred_labels` finds a
preferred labelling of one component with the plain ASPARTIX-style complete encoding and
clingo's domain heuristic in ``domRec`` mode, which makes the first answer subset-maximal
in its IN atoms: a preferred extension, exactly. The dependency is optional
(``pip install argmap[asp]``); :mod:`argmap.semantics.solvers` uses it only when it is
installed and the SAT search has not finished within its first second.
"""

from __future__ import annotations

import importlib.util

from argmap.semantics.framework import IN, OUT, Framework

__all__ = ["available", "preferred_labels"]

_PROGRAM = """
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- in(X), in(Y), att(X,Y).
defeated(X) :- in(Y), att(Y,X).
not_defended(X) :- att(Y,X), not defeated(Y).
:- in(X), not_defended(X).
:- out(X), not not_defended(X).
#heuristic in(X) : arg(X). [1,true]
"""


def available() -> bool:
    """Is clingo installed?"""
    return importlib.util.find_spec("clingo") is not None


def preferred_labels(af: Framework, comp: list[int], timeout: float | None) -> bytes | None:
    """A preferred labelling of the component ``comp`` (its arguments' labels, in its order),
    or None when ``timeout`` seconds pass first."""
    import clingo  # type: ignore[import-not-found, unused-ignore]

    local = {x: i for i, x in enumerate(comp)}
    facts = [f"arg({i})." for i in range(len(comp))]
    for i, x in enumerate(comp):
        facts.extend(f"att({i},{local[t]})." for t in af.targets[x] if t in local)
    ctl = clingo.Control(["--heuristic=Domain", "--enum-mode=domRec", "1"])
    ctl.add("base", [], "\n".join(facts) + _PROGRAM)
    ctl.ground([("base", [])])
    found: list[list[int]] = []
    with ctl.solve(
        on_model=lambda m: found.append(
            [s.arguments[0].number for s in m.symbols(atoms=True) if s.name == "in"]
        ),
        async_=True,
    ) as handle:
        if not handle.wait(timeout):
            handle.cancel()
            return None
        handle.get()
    if not found:  # cannot happen: the empty set is always complete
        return None
    labels = bytearray(len(comp))
    for i in found[-1]:
        labels[i] = IN
    for i in found[-1]:
        for t in af.targets[comp[i]]:
            j = local.get(t)
            if j is not None:
                labels[j] = OUT
    return bytes(labels)
