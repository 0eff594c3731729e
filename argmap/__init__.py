"""argmap: multi-perspective argument mapping.

Parse ``.argmap`` text into a typed argument graph, check it for consistency, evaluate it with
formal argumentation semantics, render it with Graphviz, and move it to and from other formats.

    >>> import argmap
    >>> m = argmap.parse('claim a "A."\\nclaim b "B."\\na supports b\\n')
    >>> m.supporters("b")
    ('a',)

Names are imported on first use, so ``import argmap`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> module that defines it (imported on first access)
_LAZY: dict[str, str] = {
    # model
    "ArgumentMap": "argmap.model",
    "Claim": "argmap.model",
    "ClaimKind": "argmap.model",
    "Contradiction": "argmap.model",
    "Element": "argmap.model",
    "Perspective": "argmap.model",
    "Question": "argmap.model",
    "Quote": "argmap.model",
    "Rebuttal": "argmap.model",
    "Relation": "argmap.model",
    "Source": "argmap.model",
    "Span": "argmap.model",
    "Stance": "argmap.model",
    "Support": "argmap.model",
    "Title": "argmap.model",
    "Undercut": "argmap.model",
    # diagnostics
    "CODES": "argmap.diagnostics",
    "Diagnostic": "argmap.diagnostics",
    "Severity": "argmap.diagnostics",
    # text -> model
    "ParseError": "argmap.parser",
    "load": "argmap.parser",
    "parse": "argmap.parser",
    # building in Python
    "MapBuilder": "argmap.builder",
    # checks
    "check": "argmap.checks",
    # interchange and formatting
    "InterchangeError": "argmap.jsonio",
    "export": "argmap.interchange",
    "format_text": "argmap.fmt",
    "import_": "argmap.interchange",
    "import_with_notes": "argmap.interchange",
    "write": "argmap.writer",
}

__all__ = [  # noqa: PLE0605 - kept in step with _LAZY by tests/test_api.py
    *sorted(_LAZY),
    "__version__",
]

if TYPE_CHECKING:
    from argmap.builder import MapBuilder
    from argmap.checks import check
    from argmap.diagnostics import CODES, Diagnostic, Severity
    from argmap.model import (
        ArgumentMap,
        Claim,
        ClaimKind,
        Contradiction,
        Element,
        Perspective,
        Question,
        Quote,
        Rebuttal,
        Relation,
        Source,
        Span,
        Stance,
        Support,
        Title,
        Undercut,
    )
    from argmap.fmt import format_text
    from argmap.interchange import export, import_, import_with_notes
    from argmap.jsonio import InterchangeError
    from argmap.parser import ParseError, load, parse
    from argmap.writer import write


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
