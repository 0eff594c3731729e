"""argmap: multi-perspective argument mapping.

Parse ``.argmap`` text into a typed argument graph, check it for consistency, evaluate it with
formal argumentation semantics, render it with Graphviz, and move it to and from other formats.

    >>> import argmap
    >>> m = argmap.parse('claim a "A."\\nclaim b "B."\\na supports b\\n')
    >>> m.supporters("b")
    ('a',)

Names are imported on first use, so ``import argmap`` stays light. ``argmap.render`` and
``argmap.evaluate`` are modules that can be called as their main function.
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
    # findings
    "CODES": "argmap.diagnostics",
    "Diagnostic": "argmap.diagnostics",
    "Severity": "argmap.diagnostics",
    # text -> model
    "ParseError": "argmap.parser",
    "load": "argmap.parser",
    "parse": "argmap.parser",
    # building in Python
    "MapBuilder": "argmap.builder",
    # consistency
    "check": "argmap.checks",
    # argumentation semantics over maps and perspectives
    "claim_labels": "argmap.evaluate",
    "evaluate": "argmap.evaluate",
    "perspectives": "argmap.evaluate",
    # abstract (Dung) frameworks
    "Framework": "argmap.semantics",
    "Labelling": "argmap.semantics",
    "SearchStopped": "argmap.semantics",
    # drawing (Graphviz)
    "ViewError": "argmap.render",
    "render": "argmap.render",
    "to_dot": "argmap.render",
    # Graphviz executables
    "BackendError": "argmap.backends",
    "NoBackendError": "argmap.backends",
    # other formats
    "export": "argmap.interchange",
    "import_": "argmap.interchange",
    "import_with_notes": "argmap.interchange",
    "InterchangeError": "argmap.jsonio",
    "write": "argmap.writer",
    "format_text": "argmap.fmt",
}
# Functions whose module has their name: the package gives out the (callable) module.
_MODULES = frozenset({"render", "evaluate"})

__all__ = [
    "CODES",
    "ArgumentMap",
    "BackendError",
    "Claim",
    "ClaimKind",
    "Contradiction",
    "Diagnostic",
    "Element",
    "Framework",
    "InterchangeError",
    "Labelling",
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
    "ViewError",
    "__version__",
    "check",
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
    from argmap import evaluate, render
    from argmap.backends import BackendError, NoBackendError
    from argmap.builder import MapBuilder
    from argmap.checks import check
    from argmap.diagnostics import CODES, Diagnostic, Severity
    from argmap.evaluate import claim_labels, perspectives
    from argmap.fmt import format_text
    from argmap.interchange import export, import_, import_with_notes
    from argmap.jsonio import InterchangeError
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
    from argmap.parser import ParseError, load, parse
    from argmap.render import ViewError, to_dot
    from argmap.semantics import Framework, Labelling, SearchStopped
    from argmap.writer import write


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    loaded = importlib.import_module(module)
    value = loaded if name in _MODULES else getattr(loaded, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
