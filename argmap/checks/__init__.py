"""Model -> findings: is the map consistent?

The checks come in families, one module each, run by :func:`check` in a fixed order:

* :mod:`~argmap.checks.definitions`: duplicate ids, a second title, colours (E200, E205, E206);
* :mod:`~argmap.checks.references`: references that do not resolve or name the wrong kind of
  thing (E201, E202), undercuts aimed at a claim or at no relation (E207, E209);
* :mod:`~argmap.checks.unused`: orphan claims, unused perspectives and sources, unanswered
  questions (W303-W306);
* :mod:`~argmap.checks.structure`: self relations, cycles of supports, a pair that both
  supports and attacks, cycles of undercuts, sections in a circle (E203, E208, W300, W301,
  W309, W310);
* :mod:`~argmap.checks.perspectives`: each perspective's own coherence (E204, E210, W302);
* :mod:`~argmap.checks.repeats`: stances, relations and premises said twice (W307, W308);
* :mod:`~argmap.checks.provenance`: dates, and quotes checked against their source's text
  (W311-W313);
* :mod:`~argmap.checks.silence`: an ``allow`` of a code that does not exist (W314), and the
  silencing itself (``allow``, ``select``/``ignore``, the project's settings in
  :mod:`~argmap.checks.config`).

Findings that need the formal semantics come from :mod:`argmap.semantics.findings` (W400).
Every finding is a Diagnostic with a stable code (docs/diagnostics.md); :data:`CODES` is the
whole catalogue. A new check is a new module here that defines ``FAMILY``
(:mod:`argmap.checks.registry`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs

from argmap.checks.config import Settings, find_settings
from argmap.checks.parallel import PARALLEL_FROM, can_fork, run_forked
from argmap.checks.registry import Family, discover, run
from argmap.checks.silence import Silenced, apply_allows, apply_codes, unknown_patterns
from argmap.diagnostics import CodeInfo, Diagnostic, registered_codes, sort_key
from argmap.errors import UnknownChoiceError
from argmap.model import ArgumentMap
from argmap.semantics.findings import perspective_findings
from argmap.syntax import codes as _syntax_codes  # noqa: F401  (registers the parser's codes)
from argmap.util.gcpause import paused_gc

__all__ = ["CODES", "FAMILIES", "Checked", "Settings", "Silenced", "check", "check_map", "find_settings"]

#: The families of checks, in the order :func:`check` runs them.
FAMILIES: tuple[Family, ...] = discover(__name__, __path__)

#: Every diagnostic code argmap reports, in code order: the parser's, the checks', the
#: semantics'. Append only; never reuse or renumber.
CODES: dict[str, CodeInfo] = registered_codes()


@attrs.frozen(slots=True)
class Checked:
    """What checking a map found: the findings reported, those silenced (each with what
    silenced it), and the project's settings that were applied."""

    findings: list[Diagnostic]
    silenced: list[Silenced]
    settings: Settings

    def silenced_by(self) -> dict[str, int]:
        """How many findings each means silenced: ``allow``, ``select``, ``ignore``, ``config``."""
        counts: dict[str, int] = {}
        for s in self.silenced:
            counts[s.by] = counts.get(s.by, 0) + 1
        return counts


def _patterns(option: str, values: Sequence[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    found = tuple(v.strip() for value in values for v in value.split(",") if v.strip())
    unknown = unknown_patterns(found)
    if unknown:
        raise UnknownChoiceError(
            "code",
            unknown[0],
            list(registered_codes()),
            message=f"{option}: {', '.join(map(repr, unknown))} matches no code (give codes such "
            "as W303, or their starts such as W3; `argmap codes` lists them)",
        )
    return found


def check_map(
    argmap: ArgumentMap,
    *,
    semantics: bool = True,
    allow: bool = True,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    settings: Settings | str | Path | None = "auto",
    jobs: int | None = 1,
) -> Checked:
    """Check a map; return the findings, and those silenced with what silenced them.

    ``allow`` (the default) honours the map's ``allow``s; ``select``/``ignore`` keep only, or
    leave out, the codes they match (codes, or starts of codes such as ``"W3"``; a pattern
    matching no code is an UnknownChoiceError). ``settings`` are the project's (see
    :mod:`argmap.checks.config`): ``"auto"`` finds them from the map's path (none for a map
    without one), a path finds them from there, a :class:`Settings` is used as it is, None
    uses none. The settings' ``select``/``ignore`` apply first, then the call's.

    ``jobs`` 2 runs about half of the checks in a forked copy of the process, on the second
    processor (see :mod:`argmap.checks.parallel`; same findings, in the same order); None
    does so for a map of 20,000 elements or more where the platform can fork. Only a program
    that runs no threads should ask for it.
    """
    chosen_select = _patterns("select", select)
    chosen_ignore = _patterns("ignore", ignore) or ()
    if isinstance(settings, Settings):
        project = settings
    elif settings is None:
        project = Settings()
    elif settings == "auto":
        path = argmap.path
        project = find_settings(path) if path is not None and not path.startswith("<") else Settings()
    else:
        project = find_settings(settings)
    findings = list(argmap.parse_diagnostics)
    with paused_gc():
        if _forks(argmap, jobs):
            extra = (lambda: perspective_findings(argmap)) if semantics else list
            found, semantic = run_forked(argmap, FAMILIES, extra)
            findings.extend(found)
            if semantics and not any(d.is_error for d in findings):
                findings.extend(semantic)
        else:
            findings.extend(run(argmap, FAMILIES))
            if semantics and not any(d.is_error for d in findings):
                findings.extend(perspective_findings(argmap))
    findings.sort(key=sort_key)
    silenced: list[Silenced] = []
    if allow:
        findings, gone = apply_allows(argmap, findings)
        silenced += gone
    if project.select is not None or project.ignore:
        where = str(project.path) if project.path is not None else None
        findings, gone = apply_codes(findings, project.select, project.ignore, "config", where)
        silenced += gone
    if chosen_select is not None or chosen_ignore:
        findings, gone = apply_codes(findings, chosen_select, chosen_ignore)
        silenced += gone
    return Checked(findings, silenced, project)


def _forks(argmap: ArgumentMap, jobs: int | None) -> bool:
    """Whether to run the checks on two processors (``jobs`` as :func:`check_map` takes it)."""
    if jobs == 1 or not can_fork():
        return False
    return jobs is not None or len(argmap.elements) >= PARALLEL_FROM


def check(
    argmap: ArgumentMap,
    *,
    semantics: bool = True,
    allow: bool = True,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    settings: Settings | str | Path | None = "auto",
) -> list[Diagnostic]:
    """Check a map; return every finding (the parser's warnings included), in file order,
    less those silenced by the map's ``allow``s, the project's settings and ``select`` /
    ``ignore`` (see :func:`check_map`, which also says what was silenced).

    With ``semantics`` (the default) and no errors in the structure, the perspective findings
    that need formal argumentation semantics are added (see :mod:`argmap.semantics.findings`).
    An allowed error is not reported, but the map still has it: ``allow=False`` gives every
    finding (``evaluate`` uses it to refuse a map with errors).
    """
    return check_map(
        argmap, semantics=semantics, allow=allow, select=select, ignore=ignore, settings=settings
    ).findings
