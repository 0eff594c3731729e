"""Constructors for frozen, slotted attrs classes that run no converter and no validator.

A reader that has already held every value to what the class's validators ask (the fast path
of the parser: its ids match the grammar's ID pattern, which is the model's, by construction)
builds hundreds of thousands of elements for a big map; the class's own ``__init__`` would
run a converter or a validator on each of its fields, most of them defaults, for nothing.
:func:`trusted_constructor` makes a function that sets the fields it is given, and the
defaults of the others, straight into the slots: about three times faster. The values must
already be in their canonical form (tuples, not lists). Anything else builds elements the
ordinary way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["trusted_constructor"]

_T = TypeVar("_T")


def trusted_constructor(cls: type[_T], *given: str) -> Callable[..., _T]:
    """A function taking the fields ``given`` positionally, in that order, and returning an
    instance of ``cls`` with every other field at its default, set without converters or
    validators. ``cls`` must be a slotted attrs class whose defaults are plain values."""
    fields = attrs.fields(cls)  # type: ignore[arg-type]  # any attrs class; attrs checks
    names = [f.name for f in fields]
    unknown = [name for name in given if name not in names]
    if unknown:
        raise ValueError(f"{cls.__name__} has no field {', '.join(unknown)}")
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    lines = [f"def make({', '.join(given)}):", "    self = _new(_cls)"]
    for f in fields:
        setter = f"_set_{f.name}"
        scope[setter] = cls.__dict__[f.name].__set__  # the slot's own descriptor
        if f.name in given:
            lines.append(f"    {setter}(self, {f.name})")
            continue
        if isinstance(f.default, attrs.Factory) or f.default is attrs.NOTHING:  # type: ignore[arg-type]
            raise ValueError(f"{cls.__name__}.{f.name} has no plain default: it must be given")
        scope[f"_default_{f.name}"] = f.default
        lines.append(f"    {setter}(self, _default_{f.name})")
    lines.append("    return self")
    exec("\n".join(lines), scope)  # the code is made from the class's own field names
    make: Callable[..., _T] = scope["make"]
    make.__qualname__ = f"trusted {cls.__name__}"
    return make
