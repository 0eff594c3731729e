"""Modules that share their name with their main function: ``argmap.render``, ``argmap.evaluate``.

``argmap.render(map)`` is the library's function, but once the module ``argmap.render`` is
imported, Python binds the package attribute ``argmap.render`` to the module. Making the module
callable (calling it calls the function) means ``argmap.render(map)`` works whichever was
imported first, and ``argmap.render.to_dot`` still reaches the module's other names.
"""

from __future__ import annotations

import sys
import types
from typing import Any


def make_module_callable(module_name: str, function_name: str) -> None:
    """Calling the module ``module_name`` calls its function ``function_name``."""

    class _CallableModule(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return getattr(self, function_name)(*args, **kwargs)

    _CallableModule.__doc__ = f"Calling this module calls its function {function_name}()."
    sys.modules[module_name].__class__ = _CallableModule
