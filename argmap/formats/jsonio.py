"""Map <-> JSON: argmap's own interchange format, lossless and versioned.

The document is an object ``{"format": "argmap", "version": 1, "title": ..., "elements": [...]}``
whose elements keep the map's order, each with a ``"type"`` and every field of its model class
(see ``docs/schema/argmap.schema.json`` and ``docs/interchange.md``). ``loads(dumps(m)) == m``
for every map; spans are written only when asked for (``spans=True``) and read back when present.

Readers must reject a document whose ``version`` is newer than they know; fields may be added
within a version (readers ignore unknown fields), never removed or changed in meaning.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from argmap.errors import InterchangeError
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
    Source,
    Span,
    Stance,
    Support,
    Title,
    Undercut,
)

__all__ = ["FORMAT", "SCHEMA_ID", "VERSION", "InterchangeError", "dumps", "from_dict", "loads", "to_dict"]

FORMAT = "argmap"
VERSION = 1
SCHEMA_ID = "https://argmap.example.invalid/schema/argmap-1.schema.json"


# ---- writing --------------------------------------------------------------------------------------
def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else dict(span.to_dict())


def _element(e: Element, spans: bool) -> dict[str, Any]:
    out: dict[str, Any]
    if isinstance(e, Title):
        out = {"type": "title", "text": e.text}
    elif isinstance(e, Source):
        out = {
            "type": "source",
            "id": e.id,
            "title": e.title,
            "url": e.url,
            "date": e.date,
            "author": e.author,
            "note": e.note,
        }
    elif isinstance(e, Perspective):
        out = {
            "type": "perspective",
            "id": e.id,
            "name": e.name,
            "role": e.role,
            "color": e.color,
            "note": e.note,
        }
    elif isinstance(e, Question):
        out = {"type": "question", "id": e.id, "text": e.text, "tags": list(e.tags), "note": e.note}
    elif isinstance(e, Claim):
        out = {
            "type": "claim",
            "id": e.id,
            "text": e.text,
            "kind": None if e.kind is None else e.kind.value,
            "answers": list(e.answers),
            "tags": list(e.tags),
            "sources": list(e.sources),
            "quotes": [
                {
                    "text": q.text,
                    "speaker": q.speaker,
                    **({"span": _span(q.span)} if spans and q.span else {}),
                }
                for q in e.quotes
            ],
            "note": e.note,
        }
    elif isinstance(e, Support):
        out = {
            "type": "support",
            "name": e.name,
            "premises": list(e.premises),
            "conclusion": e.conclusion,
            "by": list(e.by),
            "note": e.note,
        }
    elif isinstance(e, Rebuttal):
        out = {
            "type": "rebuttal",
            "attacker": e.attacker,
            "target": e.target,
            "by": list(e.by),
            "note": e.note,
        }
    elif isinstance(e, Undercut):
        out = {
            "type": "undercut",
            "attacker": e.attacker,
            "target": e.target,
            "by": list(e.by),
            "note": e.note,
        }
    elif isinstance(e, Contradiction):
        out = {"type": "contradiction", "left": e.left, "right": e.right, "by": list(e.by), "note": e.note}
    elif isinstance(e, Stance):
        out = {
            "type": "stance",
            "perspective": e.perspective,
            "claim": e.claim,
            "accepts": e.accepts,
            "inline": e.inline,
            "note": e.note,
        }
    else:  # pragma: no cover - the Element union is closed
        raise TypeError(f"not a map element: {e!r}")
    if spans and e.span is not None:
        out["span"] = _span(e.span)
    return out


def to_dict(m: ArgumentMap, *, spans: bool = False) -> dict[str, Any]:
    """The map as a JSON-ready dict (the document :func:`dumps` writes)."""
    return {
        "$schema": SCHEMA_ID,
        "format": FORMAT,
        "version": VERSION,
        "title": m.title,
        "elements": [_element(e, spans) for e in m.elements],
    }


def dumps(m: ArgumentMap, *, spans: bool = False, indent: int | None = 2) -> str:
    """The map as an argmap JSON document (UTF-8 text, ends with a line break)."""
    return json.dumps(to_dict(m, spans=spans), ensure_ascii=False, indent=indent) + "\n"


# ---- reading --------------------------------------------------------------------------------------
class _Reader:
    """Field access with errors that name the JSON path."""

    def __init__(self, obj: dict[str, Any], where: str) -> None:
        self.obj = obj
        self.where = where

    def fail(self, key: str, message: str) -> InterchangeError:
        return InterchangeError(f"{self.where}.{key}: {message}")

    def text(self, key: str) -> str:
        if key not in self.obj:
            raise self.fail(key, "is missing")
        value = self.obj[key]
        if not isinstance(value, str):
            raise self.fail(key, f"must be a string, not {_kind(value)}")
        return value

    def opt_text(self, key: str) -> str | None:
        value = self.obj.get(key)
        if value is not None and not isinstance(value, str):
            raise self.fail(key, f"must be a string or null, not {_kind(value)}")
        return value

    def texts(self, key: str, required: bool = False) -> tuple[str, ...]:
        if key not in self.obj and required:
            raise self.fail(key, "is missing")
        value = self.obj.get(key, [])
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "must be a list of strings")
        return tuple(value)

    def flag(self, key: str, default: bool) -> bool:
        value = self.obj.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, not {_kind(value)}")
        return value

    def span(self) -> Span | None:
        value = self.obj.get("span")
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail("span", "must be an object")
        try:
            path = value.get("path")
            numbers = [value[k] for k in ("line", "column", "end_line", "end_column")]
        except KeyError as exc:
            raise self.fail("span", f"lacks {exc.args[0]!r}") from None
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
            raise self.fail("span", "line and column numbers must be integers")
        if path is not None and not isinstance(path, str):
            raise self.fail("span.path", "must be a string or null")
        return Span(path, *numbers)


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def _claim_kind(r: _Reader) -> ClaimKind | None:
    value = r.opt_text("kind")
    if value is None or value == "claim":
        return None
    try:
        return ClaimKind(value)
    except ValueError:
        choices = ", ".join(k.value for k in ClaimKind)
        raise r.fail("kind", f"{value!r} is not a claim kind (null, {choices})") from None


def _quotes(r: _Reader) -> tuple[Quote, ...]:
    raw = r.obj.get("quotes", [])
    if not isinstance(raw, list):
        raise r.fail("quotes", "must be a list")
    out: list[Quote] = []
    for i, q in enumerate(raw):
        if not isinstance(q, dict):
            raise r.fail(f"quotes[{i}]", "must be an object")
        qr = _Reader(q, f"{r.where}.quotes[{i}]")
        out.append(Quote(qr.text("text"), qr.opt_text("speaker"), span=qr.span()))
    return tuple(out)


_BUILDERS: dict[str, Callable[[_Reader], Element]] = {
    "title": lambda r: Title(r.text("text"), span=r.span()),
    "source": lambda r: Source(
        r.text("id"),
        r.text("title"),
        r.opt_text("url"),
        r.opt_text("date"),
        r.opt_text("author"),
        r.opt_text("note"),
        span=r.span(),
    ),
    "perspective": lambda r: Perspective(
        r.text("id"),
        r.text("name"),
        r.opt_text("role"),
        r.opt_text("color"),
        r.opt_text("note"),
        span=r.span(),
    ),
    "question": lambda r: Question(
        r.text("id"), r.text("text"), r.texts("tags"), r.opt_text("note"), span=r.span()
    ),
    "claim": lambda r: Claim(
        r.text("id"),
        r.text("text"),
        _claim_kind(r),
        r.texts("answers"),
        r.texts("tags"),
        r.texts("sources"),
        _quotes(r),
        r.opt_text("note"),
        span=r.span(),
    ),
    "support": lambda r: Support(
        r.texts("premises", required=True),
        r.text("conclusion"),
        r.opt_text("name"),
        r.texts("by"),
        r.opt_text("note"),
        span=r.span(),
    ),
    "rebuttal": lambda r: Rebuttal(
        r.text("attacker"), r.text("target"), r.texts("by"), r.opt_text("note"), span=r.span()
    ),
    "undercut": lambda r: Undercut(
        r.text("attacker"), r.text("target"), r.texts("by"), r.opt_text("note"), span=r.span()
    ),
    "contradiction": lambda r: Contradiction(
        r.text("left"), r.text("right"), r.texts("by"), r.opt_text("note"), span=r.span()
    ),
    "stance": lambda r: Stance(
        r.text("perspective"),
        r.text("claim"),
        r.flag("accepts", True),
        r.flag("inline", False),
        r.opt_text("note"),
        span=r.span(),
    ),
}


def from_dict(doc: object, *, path: str | None = None) -> ArgumentMap:
    """A map from a parsed argmap JSON document; InterchangeError says what is wrong and where."""
    if not isinstance(doc, dict):
        raise InterchangeError(f"$: an argmap document is a JSON object, not {_kind(doc)}")
    if doc.get("format", FORMAT) != FORMAT:
        raise InterchangeError(
            f"$.format: {doc.get('format')!r} is not 'argmap' (is this AIF or another format?)"
        )
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise InterchangeError("$.version: missing or not an integer")
    if version > VERSION:
        raise InterchangeError(
            f"$.version: this document is version {version}; this argmap reads up to version {VERSION} "
            "(upgrade argmap)"
        )
    if version < 1:
        raise InterchangeError(f"$.version: {version} is not a version of the argmap format")
    raw = doc.get("elements")
    if not isinstance(raw, list):
        raise InterchangeError("$.elements: missing or not a list")
    elements: list[Element] = []
    for i, item in enumerate(raw):
        where = f"$.elements[{i}]"
        if not isinstance(item, dict):
            raise InterchangeError(f"{where}: must be an object, not {_kind(item)}")
        kind = item.get("type")
        build = _BUILDERS.get(kind) if isinstance(kind, str) else None
        if build is None:
            raise InterchangeError(f"{where}.type: {kind!r} is not one of {', '.join(_BUILDERS)}")
        try:
            elements.append(build(_Reader(item, where)))
        except InterchangeError:
            raise
        except (TypeError, ValueError) as exc:
            raise InterchangeError(f"{where}: {exc}") from None
    return ArgumentMap(tuple(elements), path=path)


def loads(text: str | bytes, *, path: str | None = None) -> ArgumentMap:
    """A map from argmap JSON text (InterchangeError when it is not JSON or not a map)."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InterchangeError(f"line {exc.lineno} column {exc.colno}: not JSON ({exc.msg})") from None
    except UnicodeDecodeError as exc:
        raise InterchangeError(f"not UTF-8 text ({exc.reason})") from None
    return from_dict(doc, path=path)
