"""Model -> verdicts: abstract (Dung) frameworks and their solvers, the translation of a map
into a framework, evaluation per perspective, the agreement report, and the ICCMA formats.

* :mod:`~argmap.semantics.framework`: frameworks, labellings, the properties of a labelling;
* :mod:`~argmap.semantics.solvers`: grounded, and the SAT-based search for the others;
* :mod:`~argmap.semantics.translate`: a map (or one perspective's part of it) -> a framework;
* :mod:`~argmap.semantics.evaluate`: the verdict on every claim (:func:`evaluate`);
* :mod:`~argmap.semantics.views`: where one perspective stands against the map;
* :mod:`~argmap.semantics.agreement`: the agreement matrix and the cruxes;
* :mod:`~argmap.semantics.findings`: the checker's finding that needs the semantics (W400);
* :mod:`~argmap.semantics.iccma`: the ICCMA file formats.

This module is light (names only): the solvers load when first used.
"""

from __future__ import annotations

from typing import Literal, get_args

from argmap.errors import UnknownChoiceError

__all__ = [
    "ANY_SEMANTICS",
    "ICCMA_FORMATS",
    "RULES",
    "RULE_ALIASES",
    "SEMANTICS",
    "AnySemanticsName",
    "IccmaFormat",
    "RuleName",
    "SemanticsName",
    "rule_name",
    "semantics_name",
]

#: The semantics argmap evaluates with; the CLI's choices come from here.
SemanticsName = Literal["grounded", "complete", "preferred", "stable"]
SEMANTICS: tuple[SemanticsName, ...] = get_args(SemanticsName)
#: Every semantics ``argmap evaluate`` and ``render --labels`` take: the Dung semantics above,
#: which label claims in/out/undec, and the graded ones (argmap.semantics.graded), which give
#: each claim a strength in [0, 1].
AnySemanticsName = Literal["grounded", "complete", "preferred", "stable", "df-quad", "quadratic-energy"]
ANY_SEMANTICS: tuple[AnySemanticsName, ...] = get_args(AnySemanticsName)

#: The rules that turn a map into a framework (docs/semantics.md), the default first:
#: "evidential" (a claim a support concludes needs one of its supports: evidential support,
#: Oren and Norman 2008), "aspic" (every claim is an ordinary premise, supports add arguments
#: for it: ASPIC+, Modgil and Prakken 2013), "attacks" (attacks only, supports play no part).
RuleName = Literal["evidential", "aspic", "attacks"]
RULES: tuple[RuleName, ...] = get_args(RuleName)
#: Former names of rules, still read: "structured" was the evidential rule's name.
RULE_ALIASES: dict[str, RuleName] = {"structured": "evidential"}
#: The ICCMA competition's formats for a Dung framework (argmap.semantics.iccma).
IccmaFormat = Literal["apx", "i23"]
ICCMA_FORMATS: tuple[IccmaFormat, ...] = get_args(IccmaFormat)


def semantics_name(value: str) -> SemanticsName:
    """``value`` as a semantics name (UnknownChoiceError, a ValueError, when it is none)."""
    for name in SEMANTICS:
        if value == name:
            return name
    raise UnknownChoiceError("semantics", str(value), SEMANTICS)


def rule_name(value: str) -> RuleName:
    """``value`` as a translation rule's name (UnknownChoiceError, a ValueError, when it is none)."""
    for name in RULES:
        if value == name:
            return name
    if isinstance(value, str) and value in RULE_ALIASES:
        return RULE_ALIASES[value]
    raise UnknownChoiceError("rule", str(value), RULES)
