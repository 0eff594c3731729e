"""Argdown's ``{data}`` and front matter (YAML) read for what argmap needs, and argmap's own
elements as JSON data (``{"argmap": {...}}``), which is YAML too, so Argdown reads it.

argmap writes data as one-line JSON in which ``{``, ``}``, ``=`` and line breaks inside strings
are ``\\u`` escapes: Argdown's lexer then finds the block's end where argmap does, and js-yaml
reads it back as the same values. Data written by people (``{color: red, isInMap: false}``) is
read by a small reader of YAML's flow style; what it cannot read is kept as text.
"""

from __future__ import annotations

import enum
import functools
import json
import re
from collections.abc import Callable
from operator import attrgetter
from typing import Any

import attrs

from argmap.model import (
    Allow,
    Claim,
    ClaimKind,
    Contradiction,
    Element,
    Perspective,
    Question,
    Quote,
    Rebuttal,
    Section,
    Source,
    Stance,
    Support,
    Title,
    Undercut,
)

__all__ = ["TYPES", "decode", "dump", "encode", "parse", "parse_block"]

#: Element classes by the ``type`` argmap's data gives them.
TYPES: dict[str, type[Any]] = {
    "title": Title,
    "source": Source,
    "perspective": Perspective,
    "question": Question,
    "claim": Claim,
    "support": Support,
    "rebuttal": Rebuttal,
    "undercut": Undercut,
    "contradiction": Contradiction,
    "stance": Stance,
    "section": Section,
    "allow": Allow,
}
TYPE_NAMES = {cls: name for name, cls in TYPES.items()}


# ---- argmap elements <-> plain values ------------------------------------------------------------
def _plain(value: object) -> Any:
    if type(value) is str:
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Quote):
        return encode(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def encode(obj: object, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """An element (or quote) as a dict of the fields that differ from their defaults."""
    cls: Any = type(obj)
    names, defaults, values = _encoded_fields(cls, skip)
    got = values(obj)
    if got == defaults:  # the usual case, in one comparison
        return {}
    out: dict[str, Any] = {}
    for name, default, value in zip(names, defaults, got, strict=True):
        if default is not attrs.NOTHING and value in (default, ()):
            continue
        out[name] = _plain(value)
    return out


@functools.cache
def _encoded_fields(
    cls: Any, skip: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[object, ...], Callable[[object], tuple[Any, ...]]]:
    """The fields :func:`encode` looks at, their defaults and a getter of their values as a
    tuple (found once per class)."""
    fields = [f for f in attrs.fields(cls) if f.name != "span" and f.name not in skip and f.init]
    names = tuple(f.name for f in fields)
    return names, tuple(f.default for f in fields), _values_getter(names)


def _values_getter(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """A function giving an object's attributes ``names`` as a tuple (attrgetter gives a bare
    value for one name)."""
    if len(names) > 1:
        return attrgetter(*names)
    return lambda obj: tuple(getattr(obj, n) for n in names)


def _strings(name: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{name} must be a list of texts")
    return tuple(value)


def _field_value(name: str, kind: str, value: object) -> object:
    """A field's value from data, checked against the field's declared type (the model checks
    ids and some values, not every type)."""
    if name == "quotes":
        if not isinstance(value, list):
            raise TypeError("quotes must be a list")
        return tuple(decode(Quote, q) for q in value)
    if name == "kind":
        return None if value is None else ClaimKind(value)
    if kind == "tuple[tuple[str, str], ...]":  # sides, allow_reasons
        pairs = value if isinstance(value, (list, tuple)) else None
        if pairs is None or not all(
            isinstance(p, (list, tuple)) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in pairs
        ):
            raise TypeError(f"{name} must be a list of pairs of texts")
        return tuple((a, b) for a, b in pairs)
    if kind == "tuple[str, ...]":
        return _strings(name, value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be true or false")
        return value
    if kind in ("str", "str | None"):
        if not isinstance(value, str) and not (value is None and kind == "str | None"):
            raise TypeError(f"{name} must be a text")
        return value
    if kind == "float | None":
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise TypeError(f"{name} must be a number")
        return value
    raise TypeError(f"{name} cannot be read from data")


def decode(cls: type[Any], fields: object, **given: Any) -> Any:
    """An element of class ``cls`` from a dict made by :func:`encode` (and the fields
    ``given``); TypeError or ValueError (from the model's own checks) when it cannot be one."""
    if not isinstance(fields, dict):
        raise TypeError("element data must be an object")
    types = {f.name: str(f.type) for f in attrs.fields(cls) if f.init and f.name != "span"}
    unknown = set(fields) - set(types)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(map(str, unknown)))}")
    kwargs = {name: _field_value(name, types[name], v) for name, v in fields.items()}
    kwargs.update(given)
    return cls(**kwargs)


def element_data(e: Element) -> dict[str, Any]:
    """An element as data with its ``type``."""
    return {"type": TYPE_NAMES[type(e)], **encode(e)}


def element_from(d: object) -> Element:
    """The element a dict made by :func:`element_data` stands for (TypeError/ValueError)."""
    if not isinstance(d, dict) or d.get("type") not in TYPES:
        raise TypeError("not an argmap element")
    rest = {k: v for k, v in d.items() if k not in ("type", "section", "written")}
    result: Element = decode(TYPES[d["type"]], rest)
    return result


# ---- writing -----------------------------------------------------------------------------------------
_UNSAFE = re.compile("[{}=<>\\[\\]\u2028\u2029\x7f]")


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def _safe_string(m: re.Match[str]) -> str:
    token = m.group()
    if _UNSAFE.search(token) is None:
        return token
    return _UNSAFE.sub(lambda c: f"\\u{ord(c.group()):04x}", token)


def dump(value: object) -> str:
    """Data as one line of JSON that Argdown's lexer and js-yaml read back unchanged: inside its
    strings (only there: a brace outside one is JSON's own syntax) the characters Argdown would
    read as markup are written as \\u escapes."""
    text = _json(value)
    if _UNSAFE.search("".join(_JSON_STRING.findall(text))) is None:
        return text  # the usual case: no string needs an escape (found without a call a string)
    return _JSON_STRING.sub(_safe_string, text)


#: ``json.dumps(value, ensure_ascii=False, separators=(", ", ": "))``, one encoder for all
#: (json.dumps with options makes one per call).
_json = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


# ---- reading: YAML's flow style, as far as data blocks use it ----------------------------------------
class _Flow:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def ws(self) -> None:
        while self.i < len(self.text) and self.text[self.i].isspace():
            self.i += 1

    def value(self, depth: int = 0) -> Any:
        if depth > 50:
            raise ValueError("nested too deeply")
        self.ws()
        if self.i >= len(self.text):
            raise ValueError("a value is missing")
        ch = self.text[self.i]
        if ch == "{":
            return self.mapping(depth)
        if ch == "[":
            return self.sequence(depth)
        if ch == '"':
            decoder = json.JSONDecoder()
            value, end = decoder.raw_decode(self.text, self.i)
            self.i = end
            return value
        if ch == "'":
            end = self.i + 1
            parts = []
            while True:
                at = self.text.find("'", end)
                if at == -1:
                    raise ValueError("a quoted text is not closed")
                parts.append(self.text[end:at])
                if self.text.startswith("''", at):
                    parts.append("'")
                    end = at + 2
                    continue
                self.i = at + 1
                return "".join(parts)
        m = re.compile(r"[^,\[\]{}\n]*").match(self.text, self.i)
        assert m is not None
        self.i = m.end()
        return _scalar(m.group().strip())

    def key(self) -> str:
        self.ws()
        if self.i < len(self.text) and self.text[self.i] in "\"'":
            k = self.value()
            return str(k)
        m = re.compile(r"[^:,\[\]{}\n]*").match(self.text, self.i)
        assert m is not None
        self.i = m.end()
        return m.group().strip()

    def mapping(self, depth: int) -> dict[str, Any]:
        self.i += 1
        out: dict[str, Any] = {}
        while True:
            self.ws()
            if self.text.startswith("}", self.i):
                self.i += 1
                return out
            k = self.key()
            self.ws()
            if self.text.startswith(":", self.i):
                self.i += 1
                out[k] = self.value(depth + 1)
            else:
                out[k] = None
            self.ws()
            if self.text.startswith(",", self.i):
                self.i += 1
            elif not self.text.startswith("}", self.i):
                raise ValueError("expected ',' or '}'")

    def sequence(self, depth: int) -> list[Any]:
        self.i += 1
        out: list[Any] = []
        while True:
            self.ws()
            if self.text.startswith("]", self.i):
                self.i += 1
                return out
            out.append(self.value(depth + 1))
            self.ws()
            if self.text.startswith(",", self.i):
                self.i += 1
            elif not self.text.startswith("]", self.i):
                raise ValueError("expected ',' or ']'")


def _scalar(text: str) -> Any:
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if text in ("null", "~", "", "Null", "NULL"):
        return None
    if re.fullmatch(r"[-+]?\d{1,15}", text):
        return int(text)
    if re.fullmatch(r"[-+]?\d{1,15}\.\d{0,15}", text):
        return float(text)
    return text


def parse(text: str) -> Any:
    """A data block ``{...}`` (flow style, or Argdown's block style: ``{`` and a line break,
    then ``key: value`` lines); ValueError when it is not data this reader understands."""
    stripped = text.strip()
    block = re.match(r"\{[ \t]*\n", stripped)
    if block is not None:
        return parse_block(stripped[block.end() : -1])
    try:
        return json.loads(stripped)
    except (ValueError, RecursionError):
        pass
    flow = _Flow(stripped)
    value = flow.value()
    flow.ws()
    if flow.i != len(stripped):
        raise ValueError("text after the data")
    return value


def _flow_value(text: str) -> Any:
    """One whole value in YAML's flow style (JSON first); ValueError when it is not one."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except ValueError:
        pass
    flow = _Flow(text)
    value = flow.value()
    flow.ws()
    if flow.i != len(text):
        raise ValueError("text after the value")
    return value


def parse_block(text: str) -> dict[str, Any]:
    """Top-level ``key: value`` lines of YAML's block style (front matter). A flow value may go
    on over indented lines; a value that cannot be read (a nested block) is kept as its text.
    ValueError for what is not key-value lines at all."""
    groups: list[tuple[str, str, list[str]]] = []
    for line in text.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] in " \t":
            if not groups:
                raise ValueError("an indented line before any key")
            groups[-1][2].append(line.strip())
            continue
        m = re.match(r"""("[^"]*"|'[^']*'|[^:]+):(?:\s+(.*))?$""", line)
        if m is None:
            raise ValueError(f"not 'key: value': {line.strip()[:40]}")
        groups.append((m.group(1).strip().strip("\"'"), (m.group(2) or "").strip(), []))
    out: dict[str, Any] = {}
    for key, raw, more in groups:
        whole = "\n".join([raw, *more]).strip()
        if not whole:
            out[key] = None
            continue
        try:
            out[key] = _flow_value(whole) if raw else whole
        except (ValueError, RecursionError):
            out[key] = whole
    return out
