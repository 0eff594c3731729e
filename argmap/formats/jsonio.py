"""Map <-> JSON: argmap's own interchange format, lossless and versioned.

The document is an object ``{"format": "argmap", "version": 1, "title": ..., "elements": [...]}``
whose elements keep the map's order, each with a ``"type"`` and every field of its model class
(see ``docs/interchange.md``). ``loads(dumps(m)) == m`` for every map; spans are written only
when asked for (``spans=True``) and read back when present.

The JSON Schema shipped in this package (``schema/argmap.schema.json``, :func:`schema`) is the one
definition of a valid document: :func:`from_dict` validates with it (jsonschema-rs, loaded on the
first read) and turns its first error into a message with the JSON path and what was expected.
Only the version policy is code: a document whose ``version`` is newer than this reader knows is
refused with a message saying so, before the schema (whose elements may have changed) is asked.
Fields may be added within a version (readers ignore unknown fields), never removed or changed in
meaning.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from jsonschema_rs import ValidationError, Validator

__all__ = [
    "FORMAT",
    "SCHEMA_ID",
    "SCHEMA_RESOURCE",
    "VERSION",
    "InterchangeError",
    "dumps",
    "from_dict",
    "loads",
    "schema",
    "to_dict",
]

FORMAT = "argmap"
VERSION = 1
#: The schema's ``$id``, written as every export's ``$schema``. A URN: it names the schema, it is
#: not a place to fetch it from (the schema ships in the package: :func:`schema`). Readers accept
#: any ``$schema``, so older exports, which carried an ``https`` identifier, still load.
SCHEMA_ID = "urn:argmap:schema:argmap-1"
#: Where the schema lives inside the package (read with importlib.resources).
SCHEMA_RESOURCE = "schema/argmap.schema.json"


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
@cache
def _schema_text() -> str:
    from importlib.resources import files

    return files(__package__).joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """The JSON Schema of the format (a fresh copy: the caller may change it)."""
    result: dict[str, Any] = json.loads(_schema_text())
    return result


@cache
def _validator() -> tuple[Validator, dict[str, Any]]:
    import jsonschema_rs

    doc = schema()
    return jsonschema_rs.Draft202012Validator(doc), doc


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


#: What each JSON Schema type asks for, in words.
_TYPE_WORDS = {
    "object": "a JSON object",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}


def _where(path: list[str | int]) -> str:
    """A JSON path in the ``$.elements[3].text`` notation."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _at(root: object, pointer: list[str | int]) -> Any:
    """What ``pointer`` leads to inside ``root`` (None when it leads nowhere)."""
    node: Any = root
    for step in pointer:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _words(value: object) -> str:
    return "null" if value is None else str(value)


def _shown(text: str, limit: int = 60) -> str:
    """``text`` cut short: a message quotes a value, not a whole megabyte of it."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _message(error: ValidationError, root: Mapping[str, Any], doc: object) -> str:
    """A schema error as ``<JSON path>: <what was expected>``, worded from the schema itself."""
    where = _where(error.instance_path)
    keyword = error.kind.name
    sub = _at(root, error.schema_path[:-1])
    if not isinstance(sub, Mapping):
        sub = {}
    value = _at(doc, error.instance_path)  # the value itself: the error's copy turns NaN into null
    if keyword == "required" and isinstance(value, dict):
        missing = [key for key in sub.get("required", ()) if key not in value]
        if missing:
            return f"{where}.{missing[0]}: is missing"
    if keyword == "type" and "type" in sub:
        types: list[str] = sub["type"] if isinstance(sub["type"], list) else [sub["type"]]
        expected = " or ".join(_TYPE_WORDS.get(t, t) for t in types)
        return f"{where}: must be {expected}, not {_kind(value)}"
    if keyword == "enum" and "enum" in sub:
        choices = ", ".join(_words(c) for c in sub["enum"])
        if "title" in sub:
            return f"{where}: {_shown(repr(value))} is not {sub['title']} ({choices})"
        return f"{where}: {_shown(repr(value))} is not one of {choices}"
    if keyword == "const" and "const" in sub:
        return f"{where}: must be {json.dumps(sub['const'])}, not {_shown(json.dumps(value))}"
    if keyword == "pattern" and "title" in sub:
        rule = sub.get("description", sub["pattern"])
        return f"{where}: {_shown(repr(value))} is not {sub['title']} ({rule})"
    if keyword == "minItems" and "minItems" in sub:
        count = sub["minItems"]
        return f"{where}: must hold at least {count} item{'s' if count != 1 else ''}, not {len(value or ())}"
    return f"{where}: {error.message}"


def _element_index(error: ValidationError) -> int:
    path = error.instance_path
    return path[1] if len(path) > 1 and path[0] == "elements" and isinstance(path[1], int) else -1


def _validate(doc: object) -> None:
    """Raise InterchangeError for the first place (in document order) where the schema fails."""
    if isinstance(doc, dict):
        # The version policy comes first: a newer document may have elements this schema lacks.
        fmt = doc.get("format", FORMAT)
        if fmt != FORMAT:
            raise InterchangeError(
                f"$.format: {_shown(repr(fmt))} is not 'argmap' (is this AIF or another format?)"
            )
        version = doc.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            raise InterchangeError(
                f"$.version: this document is version {version}; this argmap reads up to version "
                f"{VERSION} (upgrade argmap)"
            )
    validator, root = _validator()
    if validator.is_valid(doc):
        return
    try:
        first = min(validator.iter_errors(doc), key=_element_index)
    except ValueError as exc:  # jsonschema-rs cannot copy a value nested some 300 levels deep
        raise InterchangeError(f"$: a value is nested too deeply ({exc})") from None
    raise InterchangeError(_message(first, root, doc))


def _ids(d: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = d.get(key)
    return () if value is None else tuple(value)


def _read_span(d: Mapping[str, Any]) -> Span | None:
    value = d.get("span")
    if value is None:
        return None
    # JSON Schema counts 3.0 as an integer; the model wants an int.
    return Span(
        value.get("path"),
        int(value["line"]),
        int(value["column"]),
        int(value["end_line"]),
        int(value["end_column"]),
    )


_CLAIM_KINDS: dict[str | None, ClaimKind | None] = {None: None, "claim": None} | {
    k.value: k for k in ClaimKind
}

#: Element builders by ``type``; they trust the document, which the schema has checked.
_BUILDERS: dict[str, Callable[[Mapping[str, Any]], Element]] = {
    "title": lambda d: Title(d["text"], span=_read_span(d)),
    "source": lambda d: Source(
        d["id"], d["title"], d.get("url"), d.get("date"), d.get("author"), d.get("note"), span=_read_span(d)
    ),
    "perspective": lambda d: Perspective(
        d["id"], d["name"], d.get("role"), d.get("color"), d.get("note"), span=_read_span(d)
    ),
    "question": lambda d: Question(d["id"], d["text"], _ids(d, "tags"), d.get("note"), span=_read_span(d)),
    "claim": lambda d: Claim(
        d["id"],
        d["text"],
        _CLAIM_KINDS[d.get("kind")],
        _ids(d, "answers"),
        _ids(d, "tags"),
        _ids(d, "sources"),
        tuple(Quote(q["text"], q.get("speaker"), span=_read_span(q)) for q in d.get("quotes", ())),
        d.get("note"),
        span=_read_span(d),
    ),
    "support": lambda d: Support(
        tuple(d["premises"]), d["conclusion"], d.get("name"), _ids(d, "by"), d.get("note"), span=_read_span(d)
    ),
    "rebuttal": lambda d: Rebuttal(
        d["attacker"], d["target"], _ids(d, "by"), d.get("note"), span=_read_span(d)
    ),
    "undercut": lambda d: Undercut(
        d["attacker"], d["target"], _ids(d, "by"), d.get("note"), span=_read_span(d)
    ),
    "contradiction": lambda d: Contradiction(
        d["left"], d["right"], _ids(d, "by"), d.get("note"), span=_read_span(d)
    ),
    "stance": lambda d: Stance(
        d["perspective"],
        d["claim"],
        d.get("accepts", True),
        d.get("inline", False),
        d.get("note"),
        span=_read_span(d),
    ),
}


def from_dict(doc: object, *, path: str | None = None) -> ArgumentMap:
    """A map from a parsed argmap JSON document; InterchangeError says what is wrong and where."""
    _validate(doc)
    assert isinstance(doc, dict)  # the schema says so
    elements: list[Element] = []
    for i, item in enumerate(doc["elements"]):
        try:
            elements.append(_BUILDERS[item["type"]](item))
        except (TypeError, ValueError) as exc:  # what the model refuses beyond the schema
            raise InterchangeError(f"$.elements[{i}]: {exc}") from None
    return ArgumentMap(tuple(elements), path=path)


def loads(text: str | bytes, *, path: str | None = None) -> ArgumentMap:
    """A map from argmap JSON text (InterchangeError when it is not JSON or not a map)."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InterchangeError(f"line {exc.lineno} column {exc.colno}: not JSON ({exc.msg})") from None
    except UnicodeDecodeError as exc:
        raise InterchangeError(f"not UTF-8 text ({exc.reason})") from None
    except RecursionError:
        raise InterchangeError("not JSON that can be read: lists or objects nested too deeply") from None
    return from_dict(doc, path=path)
