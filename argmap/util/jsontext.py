"""Indented JSON text, byte for byte what ``json.dumps(obj, indent=2, ensure_ascii=False)``
writes, several times faster for big reports.

With ``indent`` the standard library encodes in pure Python, one generator step per value;
here a list or object whose items are all strings is written by one ``join`` over json's own
C string encoder, and a document can carry pieces already written (:class:`Raw`), such as
the rows of a big table rendered once and reused. Only trees are written (a value reached
twice is written twice; a cycle is a RecursionError, not json's ValueError).
"""

from __future__ import annotations

import json.encoder
import math
from collections.abc import Callable

__all__ = ["Raw", "dumps", "dumps_nested", "encode_string"]

#: A string as JSON text, with non-ASCII characters as they are (json's C encoder when there is one).
encode_string: Callable[[str], str] = json.encoder.encode_basestring

_INF = float("inf")


class Raw:
    """JSON text already written, put in as it is (it must be indented for where it goes)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def dumps(obj: object, indent: int = 2) -> str:
    """``json.dumps(obj, indent=indent, ensure_ascii=False)``, with :class:`Raw` pieces."""
    out: list[str] = []
    _value(obj, 0, " " * indent, out)
    return "".join(out)


def dumps_nested(obj: object, level: int, indent: int = 2) -> str:
    """``obj``'s text as :func:`dumps` writes it nested ``level`` deep in a document (its inner
    lines indented for that depth, its first line not): a big document made a piece at a time."""
    out: list[str] = []
    _value(obj, level, " " * indent, out)
    return "".join(out)


def _float(o: float) -> str:
    if math.isnan(o):
        return "NaN"
    if o == _INF:
        return "Infinity"
    if o == -_INF:
        return "-Infinity"
    return float.__repr__(o)


def _scalar(o: object) -> str | None:
    """The text of a value that is not a container, None when it is one (or not JSON)."""
    if isinstance(o, str):
        return encode_string(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        return _float(o)
    if isinstance(o, Raw):
        return o.text
    return None


def _key(k: object) -> str:
    """An object key as JSON writes it: strings as they are, numbers and constants as text."""
    if isinstance(k, str):
        return encode_string(k)
    if isinstance(k, float):
        return encode_string(_float(k))
    if k is True:
        return '"true"'
    if k is False:
        return '"false"'
    if k is None:
        return '"null"'
    if isinstance(k, int):
        return encode_string(int.__repr__(k))
    raise TypeError(f"keys must be str, int, float, bool or None, not {k.__class__.__name__}")


def _value(o: object, level: int, unit: str, out: list[str]) -> None:
    text = _scalar(o)
    if text is not None:
        out.append(text)
    elif isinstance(o, (list, tuple)):
        _array(o, level, unit, out)
    elif isinstance(o, dict):
        _object(o, level, unit, out)
    else:
        raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def _array(o: list[object] | tuple[object, ...], level: int, unit: str, out: list[str]) -> None:
    if not o:
        out.append("[]")
        return
    inner = "\n" + unit * (level + 1)
    end = "\n" + unit * level + "]"
    if all(type(x) is str for x in o):
        out.append("[" + inner + ("," + inner).join(map(encode_string, o)) + end)  # type: ignore[arg-type]
        return
    sep = "[" + inner
    for x in o:
        out.append(sep)
        _value(x, level + 1, unit, out)
        sep = "," + inner
    out.append(end)


def _object(o: dict[object, object], level: int, unit: str, out: list[str]) -> None:
    if not o:
        out.append("{}")
        return
    inner = "\n" + unit * (level + 1)
    end = "\n" + unit * level + "}"
    enc = encode_string
    if all(type(k) is str and type(v) is str for k, v in o.items()):
        body = ("," + inner).join([enc(k) + ": " + enc(v) for k, v in o.items()])  # type: ignore[arg-type]
        out.append("{" + inner + body + end)
        return
    sep = "{" + inner
    for k, v in o.items():
        out.append(sep + _key(k) + ": ")
        _value(v, level + 1, unit, out)
        sep = "," + inner
    out.append(end)
