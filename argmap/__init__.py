"""argmap: multi-perspective argument mapping.

Parse ``.argmap`` text into a typed argument graph, check it for consistency, evaluate it with
formal argumentation semantics, render it with Graphviz, and move it to and from other formats.

    >>> import argmap
    >>> m = argmap.parse('claim a "A."\\nclaim b "B."\\na supports b\\n')
    >>> m.supporters("b")
    ('a',)

Names are imported on first use, so ``import argmap`` stays light. ``argmap.drawing.render`` and
``argmap.semantics.evaluate`` are modules that can be called as their main function.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> module that defines it (imported on first access)
_LAZY: dict[str, str] = {
    # the typed argument graph
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
    # errors: every one argmap raises on purpose is an ArgmapError
    "ArgmapError": "argmap.errors",
    "ConfigError": "argmap.errors",
    "IccmaError": "argmap.errors",
    "InvalidElementError": "argmap.errors",
    "LimitError": "argmap.errors",
    "UnknownChoiceError": "argmap.errors",
    "UnknownIdError": "argmap.errors",
    "UnknownPerspectiveError": "argmap.errors",
    # findings
    "CODES": "argmap.checks",
    "Diagnostic": "argmap.diagnostics",
    "Severity": "argmap.diagnostics",
    # text -> model
    "ParseError": "argmap.syntax.errors",
    "load": "argmap.syntax.parser",
    "parse": "argmap.syntax.parser",
    # building in Python
    "MapBuilder": "argmap.builder",
    # consistency
    "check": "argmap.checks",
    "check_map": "argmap.checks",
    # argumentation semantics over maps and perspectives
    "claim_labels": "argmap.semantics.evaluate",
    "evaluate": "argmap.semantics.evaluate",
    "perspectives": "argmap.semantics.agreement",
    # abstract (Dung) frameworks
    "Framework": "argmap.semantics.solvers",
    "Labelling": "argmap.semantics.solvers",
    "SearchStopped": "argmap.errors",
    # drawing (Graphviz)
    "ViewError": "argmap.errors",
    "render": "argmap.drawing.render",
    "to_dot": "argmap.drawing.render",
    # Graphviz executables
    "BackendError": "argmap.errors",
    "NoBackendError": "argmap.errors",
    # other formats
    "export": "argmap.formats",
    "import_": "argmap.formats",
    "import_with_notes": "argmap.formats",
    "InterchangeError": "argmap.errors",
    "write": "argmap.formats.writer",
    "format_text": "argmap.formats.fmt",
}

__all__ = [
    "CODES",
    "ArgmapError",
    "ArgumentMap",
    "BackendError",
    "Claim",
    "ClaimKind",
    "ConfigError",
    "Contradiction",
    "Diagnostic",
    "Element",
    "Framework",
    "IccmaError",
    "InterchangeError",
    "InvalidElementError",
    "Labelling",
    "LimitError",
    "MapBuilder",
    "NoBackendError",
    "ParseError",
    "Perspective",
    "Question",
    "Quote",
    "Rebuttal",
    "Relation",
    "SearchStopped",
    "Severity",
    "Source",
    "Span",
    "Stance",
    "Support",
    "Title",
    "Undercut",
    "UnknownChoiceError",
    "UnknownIdError",
    "UnknownPerspectiveError",
    "ViewError",
    "__version__",
    "check",
    "check_map",
    "claim_labels",
    "evaluate",
    "export",
    "format_text",
    "import_",
    "import_with_notes",
    "load",
    "parse",
    "perspectives",
    "render",
    "to_dot",
    "write",
]

if TYPE_CHECKING:
    from argmap.builder import MapBuilder
    from argmap.checks import CODES, check, check_map
    from argmap.diagnostics import Diagnostic, Severity
    from argmap.drawing.render import render, to_dot
    from argmap.errors import (
        ArgmapError,
        BackendError,
        ConfigError,
        IccmaError,
        InterchangeError,
        InvalidElementError,
        LimitError,
        NoBackendError,
        SearchStopped,
        UnknownChoiceError,
        UnknownIdError,
        UnknownPerspectiveError,
        ViewError,
    )
    from argmap.formats import export, import_, import_with_notes
    from argmap.formats.fmt import format_text
    from argmap.formats.writer import write
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
    from argmap.semantics.agreement import perspectives
    from argmap.semantics.evaluate import claim_labels, evaluate
    from argmap.semantics.solvers import Framework, Labelling
    from argmap.syntax.errors import ParseError
    from argmap.syntax.parser import load, parse


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    loaded = importlib.import_module(module)
    value = getattr(loaded, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
