"""Model -> verdicts: abstract (Dung) frameworks and their solvers, the translation of a map
into a framework, evaluation per perspective, the agreement report, and the ICCMA formats.

This module is light (names only): the solvers load when first used.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["SEMANTICS", "SemanticsName"]

#: The semantics argmap evaluates with; the CLI's choices come from here.
SemanticsName = Literal["grounded", "complete", "preferred", "stable"]
SEMANTICS: tuple[SemanticsName, ...] = get_args(SemanticsName)
