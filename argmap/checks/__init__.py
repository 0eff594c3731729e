"""Model -> findings: is the map consistent?

The checks come in families, one module each, run by :func:`check` in a fixed order:

* :mod:`~argmap.checks.definitions`: duplicate ids, a second title, colours (E200, E205, E206);
* :mod:`~argmap.checks.references`: references that do not resolve or name the wrong kind of
  thing (E201, E202);
* :mod:`~argmap.checks.unused`: orphan claims, unused perspectives and sources, unanswered
  questions (W303-W306);
* :mod:`~argmap.checks.structure`: self relations, cycles of supports, a pair that both
  supports and attacks (E203, W300, W301);
* :mod:`~argmap.checks.perspectives`: each perspective's own coherence (E204, W302);
* :mod:`~argmap.checks.repeats`: stances, relations and premises said twice (W307, W308).

Findings that need the formal semantics come from :mod:`argmap.semantics.findings` (W400).
Every finding is a Diagnostic with a stable code (docs/diagnostics.md); :data:`CODES` is the
whole catalogue. A new check is a new module here that defines ``FAMILY``
(:mod:`argmap.checks.registry`).
"""

from __future__ import annotations

from argmap.checks.registry import Family, discover, run
from argmap.diagnostics import CodeInfo, Diagnostic, registered_codes, sort_key
from argmap.model import ArgumentMap
from argmap.semantics.findings import perspective_findings
from argmap.syntax import codes as _syntax_codes  # noqa: F401  (registers the parser's codes)
from argmap.util.gcpause import paused_gc

__all__ = ["CODES", "FAMILIES", "check"]

#: The families of checks, in the order :func:`check` runs them.
FAMILIES: tuple[Family, ...] = discover(__name__, __path__)

#: Every diagnostic code argmap reports, in code order: the parser's, the checks', the
#: semantics'. Append only; never reuse or renumber.
CODES: dict[str, CodeInfo] = registered_codes()


def check(argmap: ArgumentMap, *, semantics: bool = True) -> list[Diagnostic]:
    """Check a map; return every finding (the parser's warnings included), in file order.

    With ``semantics`` (the default) and no errors in the structure, the perspective findings
    that need formal argumentation semantics are added (see :mod:`argmap.semantics.findings`).
    """
    findings = list(argmap.parse_diagnostics)
    with paused_gc():
        findings.extend(run(argmap, FAMILIES))
    if semantics and not any(d.is_error for d in findings):
        findings.extend(perspective_findings(argmap))
    findings.sort(key=sort_key)
    return findings
