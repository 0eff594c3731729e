"""Model -> verdicts: abstract (Dung) frameworks and their solvers, the translation of a map
into a framework, evaluation per perspective, the agreement report, and the ICCMA formats.

This module is light (names only): the solvers load when first used.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["ICCMA_FORMATS", "RULES", "SEMANTICS", "IccmaFormat", "RuleName", "SemanticsName"]

#: The semantics argmap evaluates with; the CLI's choices come from here.
SemanticsName = Literal["grounded", "complete", "preferred", "stable"]
SEMANTICS: tuple[SemanticsName, ...] = get_args(SemanticsName)
#: How a map's supports enter the framework (docs/semantics.md).
RuleName = Literal["structured", "attacks"]
RULES: tuple[RuleName, ...] = get_args(RuleName)
#: The ICCMA competition's formats for a Dung framework (argmap.semantics.iccma).
IccmaFormat = Literal["apx", "i23"]
ICCMA_FORMATS: tuple[IccmaFormat, ...] = get_args(IccmaFormat)
