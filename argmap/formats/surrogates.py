"""Lone surrogates refused before an export writes anything.

A Python string can hold half of a UTF-16 pair (a lone surrogate, U+D800-U+DFFF); no UTF-8 file
can. The parser refuses them in what it reads, but a map built in Python may hold one in any
text field. A streamed export (:func:`argmap.formats.export_chunks`) would find it only in the
middle of its output, with part of the text already written; :func:`refuse_surrogates` looks at
every text of the map first, so that nothing is written at all.

Which fields hold text is read from the model's own field types (``str``, ``str | None``,
tuples of them, quotes, allow reasons), so that a field added later is looked at too.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from argmap.errors import InterchangeError
from argmap.util.limits import SURROGATE

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["refuse_surrogates"]

#: How many elements' texts are searched at once (their join is a transient copy; this bounds it).
_BATCH = 20_000

_Adder = Callable[[Sequence[Any], list[str]], None]


def _field_kind(declared: object) -> str | None:
    """What a field declared with type ``declared`` (a string: the model uses postponed
    annotations) holds: ``"str"``, ``"strs"`` (a tuple of strings), ``"pairs"`` (a tuple of
    pairs of strings), ``"quotes"``, or None (no text: numbers, flags, kinds, spans)."""
    text = str(declared).replace(" ", "")
    if text in ("str", "str|None"):
        return "str"
    if text == "tuple[str,...]":
        return "strs"
    if text == "tuple[tuple[str,str],...]":
        return "pairs"
    if text == "tuple[Quote,...]":
        return "quotes"
    return None


@functools.cache
def _adder(kind: type) -> _Adder:
    """A function adding every text of the elements given (all of class ``kind``) to a list:
    a few calls into C for all of them (a big map has hundreds of thousands)."""
    by_kind: dict[str, list[str]] = {"str": [], "strs": [], "pairs": [], "quotes": []}
    for field in attrs.fields(kind):
        found = _field_kind(field.type)
        if found is not None:
            by_kind[found].append(field.name)
    plain = _parts(by_kind["str"])
    tuples = _parts(by_kind["strs"])
    nested = _parts(by_kind["pairs"] + by_kind["quotes"])
    chain = itertools.chain.from_iterable

    def add(elements: Sequence[Any], out: list[str]) -> None:
        out.extend(filter(None, chain(map(plain, elements))))  # (None: an optional text not given)
        out.extend(chain(chain(map(tuples, elements))))
        for group in filter(None, chain(map(nested, elements))):  # rare: most are empty
            for item in group:
                if isinstance(item, tuple):
                    out.extend(item)
                else:  # a quote
                    quote_kind: type = type(item)
                    _adder(quote_kind)((item,), out)

    return add


def _parts(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving the values of the fields ``names`` of an element, as a tuple."""
    if not names:
        return lambda _e: ()
    got = operator.attrgetter(*names)
    if len(names) > 1:
        return got
    return lambda e: (got(e),)


def refuse_surrogates(m: ArgumentMap, fmt: str) -> None:
    """InterchangeError when any text of ``m`` holds a lone surrogate (see the module's
    docstring); ``fmt`` names the format in the message."""
    for kind, elements in m._index.by_type.items():
        for start in range(0, len(elements), _BATCH):
            texts: list[str] = []
            _adder(kind)(elements[start : start + _BATCH], texts)
            _search(texts, fmt)


def _search(texts: list[str], fmt: str) -> None:
    joined = "\n".join(texts)
    if joined.isascii():
        return
    lone = SURROGATE.search(joined)
    if lone is not None:
        raise InterchangeError(
            f"cannot export to {fmt}: the map holds a lone surrogate U+{ord(lone.group()):04X}, "
            "which no UTF-8 text can carry",
            hint="replace it (it is half of a UTF-16 pair, from text decoded wrongly)",
        )
