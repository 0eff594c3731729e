"""Map <-> JSON: argmap's own interchange format, lossless and versioned.

The document is an object ``{"format": "argmap", "version": 2, "title": ..., "elements": [...]}``
whose elements keep the map's order, each with a ``"type"`` and the fields of its model class
(see ``docs/interchange.md``); a field at its default (null, an empty list, false) is left out.
``loads(dumps(m)) == m`` for every map; spans are written only when asked for (``spans=True``)
and read back when present.

The JSON Schema shipped in this package (``schema/argmap.schema.json``, :func:`schema`) is the one
definition of a valid document: :func:`from_dict` validates with it (jsonschema-rs, loaded on the
first read) and turns its first error into a message with the JSON path and what was expected.
Version 1 documents (language 1) are validated with the version-1 schema, kept beside it
(``schema/argmap-1.schema.json``), and converted. Only the version policy is code: a document
whose ``version`` is newer than this reader knows is refused with a message saying so, before a
schema (whose elements may have changed) is asked. Fields may be added within a version (readers
ignore unknown fields), never removed or changed in meaning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from argmap.errors import InterchangeError
from argmap.model import (
    Allow,
    ArgumentMap,
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
    Span,
    Stance,
    Support,
    Title,
    Undercut,
)
from argmap.util.limits import SURROGATE, first_surrogate

if TYPE_CHECKING:
    from jsonschema_rs import ValidationError, Validator

__all__ = [
    "FORMAT",
    "SCHEMA_ID",
    "SCHEMA_RESOURCE",
    "SCHEMA_RESOURCES",
    "VERSION",
    "InterchangeError",
    "dumps",
    "from_dict",
    "loads",
    "schema",
    "to_dict",
]

FORMAT = "argmap"
#: The version this argmap writes; it reads every version up to this one.
VERSION = 2
#: The schema's ``$id``, written as every export's ``$schema``. A URN: it names the schema, it is
#: not a place to fetch it from (the schema ships in the package: :func:`schema`). Readers accept
#: any ``$schema``, so older exports, which carried an ``https`` identifier, still load.
SCHEMA_ID = "urn:argmap:schema:argmap-2"
#: Where the schema of each version lives inside the package (read with importlib.resources).
SCHEMA_RESOURCES: Mapping[int, str] = {1: "schema/argmap-1.schema.json", 2: "schema/argmap.schema.json"}
#: The current version's schema.
SCHEMA_RESOURCE = SCHEMA_RESOURCES[VERSION]


# ---- writing --------------------------------------------------------------------------------------
def _span(span: Span) -> dict[str, Any]:
    return dict(span.to_dict())


def _quote(q: Quote, spans: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"text": q.text}
    if q.speaker is not None:
        out["speaker"] = q.speaker
    if q.source is not None:
        out["source"] = q.source
    if q.locator is not None:
        out["locator"] = q.locator
    if q.date is not None:
        out["date"] = q.date
    if spans and q.span is not None:
        out["span"] = _span(q.span)
    return out


def _put_allow(out: dict[str, Any], e: Any) -> None:
    """The codes an element allows, and the reasons given for them (code -> reason)."""
    _put(out, "allow", e.allow)
    if e.allow_reasons:
        out["allow_reasons"] = dict(e.allow_reasons)


def _read_reasons(d: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple((d.get("allow_reasons") or {}).items())


def _put(out: dict[str, Any], key: str, value: object) -> None:
    """``out[key] = value`` unless the value is the field's default (None or empty)."""
    if value is not None and value != ():
        out[key] = list(value) if isinstance(value, tuple) else value


#: The fields every relation writes after its ends (and name), in order; quotes come last.
_RELATION_FIELDS = ("by", "note", "tags", "sources", "scheme")


def _element(e: Element, spans: bool) -> dict[str, Any]:
    out: dict[str, Any]
    if isinstance(e, Claim):  # the commonest first
        out = {"type": "claim", "id": e.id, "text": e.text}
        if e.kind is not None:
            out["kind"] = e.kind.value
        _put(out, "answers", e.answers)
        if e.sides:
            out["sides"] = [{"question": q, "side": side} for q, side in e.sides]
        _put(out, "tags", e.tags)
        _put(out, "sources", e.sources)
        if e.quotes:
            out["quotes"] = [_quote(q, spans) for q in e.quotes]
        _put(out, "note", e.note)
        _put(out, "date", e.date)
        _put_allow(out, e)
        _put(out, "title", e.title)
        _put(out, "base", e.base)
    elif isinstance(e, Stance):
        out = {"type": "stance", "perspective": e.perspective, "target": e.target, "accepts": e.accepts}
        if e.inline:
            out["inline"] = True
        _put(out, "note", e.note)
        _put(out, "date", e.date)
        _put_allow(out, e)
    elif isinstance(e, (Support, Rebuttal, Undercut, Contradiction)):
        if isinstance(e, Support):
            out = {"type": "support", "premises": list(e.premises), "conclusion": e.conclusion}
        elif isinstance(e, Rebuttal):
            out = {"type": "rebuttal", "attackers": list(e.attackers), "target": e.target}
        elif isinstance(e, Undercut):
            out = {"type": "undercut", "attackers": list(e.attackers), "target": e.target}
        else:
            out = {"type": "contradiction", "left": e.left, "right": e.right}
        _put(out, "name", e.name)
        for key in _RELATION_FIELDS:
            _put(out, key, getattr(e, key))
        _put_allow(out, e)
        if e.quotes:
            out["quotes"] = [_quote(q, spans) for q in e.quotes]
    elif isinstance(e, Title):
        out = {"type": "title", "text": e.text}
    elif isinstance(e, Source):
        out = {"type": "source", "id": e.id, "title": e.title}
        for key in ("url", "date", "author", "note", "file"):
            _put(out, key, getattr(e, key))
        _put_allow(out, e)
    elif isinstance(e, Perspective):
        out = {"type": "perspective", "id": e.id, "name": e.name}
        for key in ("role", "color", "note"):
            _put(out, key, getattr(e, key))
        _put_allow(out, e)
    elif isinstance(e, Question):
        out = {"type": "question", "id": e.id, "text": e.text}
        for key in ("tags", "note", "asked_by"):
            _put(out, key, getattr(e, key))
        _put_allow(out, e)
    elif isinstance(e, Section):
        out = {"type": "section", "id": e.id, "title": e.title}
        for key in ("parent", "note"):
            _put(out, key, getattr(e, key))
        _put_allow(out, e)
    elif isinstance(e, Allow):
        out = {"type": "allow", "codes": list(e.codes)}
        _put(out, "reason", e.reason)
    else:  # pragma: no cover - the Element union is closed
        raise TypeError(f"not a map element: {e!r}")
    if spans and e.span is not None:
        out["span"] = _span(e.span)
    return out


def to_dict(m: ArgumentMap, *, spans: bool = False) -> dict[str, Any]:
    """The map as a JSON-ready dict (the document :func:`dumps` writes)."""
    return _document(m.title, [_element(e, spans) for e in m.elements])


def _document(title: str | None, elements: object) -> dict[str, Any]:
    """The document around its elements (``to_dict``'s, and the frame of ``indented_chunks``)."""
    return {"$schema": SCHEMA_ID, "format": FORMAT, "version": VERSION, "title": title, "elements": elements}


def dumps(m: ArgumentMap, *, spans: bool = False, indent: int | None = None) -> str:
    """The map as an argmap JSON document (UTF-8 text, ends with a line break).

    Compact by default (one line: what programs read, and fast to write); ``indent`` lays it
    out for people, each element on lines of its own.
    """
    if indent is None:
        # json's C encoder, no spaces after separators: the smallest and fastest document.
        text = json.dumps(to_dict(m, spans=spans), ensure_ascii=False, separators=(",", ":")) + "\n"
    else:
        text = json.dumps(to_dict(m, spans=spans), ensure_ascii=False, indent=indent) + "\n"
    lone = first_surrogate(text)
    if lone is not None:  # half of a UTF-16 pair: no UTF-8 file can hold it, and the reader refuses it
        raise InterchangeError(
            f"the map holds a lone surrogate U+{ord(text[lone]):04X}, which JSON text cannot carry"
        )
    return text


def indented_chunks(m: ArgumentMap, *, spans: bool = False, indent: int = 2) -> Iterator[str]:
    """``dumps(m, spans=spans, indent=indent)``'s text in pieces of some hundred elements, to be
    written one after the other: a big map's indented document is never held whole (nor its
    dict). A lone surrogate is refused with an InterchangeError before the first piece."""
    from argmap.formats.surrogates import refuse_surrogates

    if not m._surrogate_free:  # a parsed map has none: the parser refuses them
        refuse_surrogates(m, "JSON")
    return _indented(m, spans, indent)


def _indented(m: ArgumentMap, spans: bool, indent: int) -> Iterator[str]:
    from argmap.util.jsontext import Raw, dumps_nested

    mark = "\x00elements\x00"  # (no string in the document holds it: JSON escapes NUL)
    head, tail = dumps_nested(_document(m.title, Raw(mark)), 0, indent).split(mark)
    elements = m.elements
    if not elements:
        yield head + "[]" + tail + "\n"
        return
    inner = "\n" + " " * (2 * indent)
    sep = "[" + inner
    for start in range(0, len(elements), _PIECE):
        parts = [dumps_nested(_element(e, spans), 2, indent) for e in elements[start : start + _PIECE]]
        yield head + sep + ("," + inner).join(parts)
        head, sep = "", "," + inner
    yield "\n" + " " * indent + "]" + tail + "\n"


#: Elements in each piece of :func:`indented_chunks`.
_PIECE = 500


# ---- reading --------------------------------------------------------------------------------------
@cache
def _schema_text(version: int = VERSION) -> str:
    from importlib.resources import files

    return files(__package__).joinpath(SCHEMA_RESOURCES[version]).read_text(encoding="utf-8")


def schema(version: int = VERSION) -> dict[str, Any]:
    """The JSON Schema of the format (of ``version``; a fresh copy: the caller may change it)."""
    if version not in SCHEMA_RESOURCES:
        raise ValueError(f"there is no argmap JSON version {version}; versions: 1 to {VERSION}")
    result: dict[str, Any] = json.loads(_schema_text(version))
    return result


@cache
def _validator(version: int = VERSION) -> tuple[Validator, dict[str, Any]]:
    import jsonschema_rs

    doc = schema(version)
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


def _where(path: Sequence[str | int]) -> str:
    """A JSON path in the ``$.elements[3].text`` notation."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _at(root: object, pointer: Sequence[str | int]) -> Any:
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
    if keyword in ("minimum", "maximum") and keyword in sub:
        bound = "at least" if keyword == "minimum" else "at most"
        return f"{where}: must be {bound} {sub[keyword]}, not {_shown(json.dumps(value))}"
    if keyword == "minItems" and "minItems" in sub:
        count = sub["minItems"]
        return f"{where}: must hold at least {count} item{'s' if count != 1 else ''}, not {len(value or ())}"
    return f"{where}: {_shown(error.message, 200)}"


def _element_index(error: ValidationError) -> int:
    path = error.instance_path
    return path[1] if len(path) > 1 and path[0] == "elements" and isinstance(path[1], int) else -1


def _version_of(doc: object) -> int:
    """The version whose schema checks ``doc`` (the current one unless the document says 1)."""
    if isinstance(doc, dict):
        # The version policy comes first: a newer document may have elements this schema lacks.
        fmt = doc.get("format", FORMAT)
        if fmt != FORMAT:
            raise InterchangeError(
                f"$.format: {_shown(repr(fmt))} is not 'argmap' (is this AIF or another format?)"
            )
        version = doc.get("version")
        if isinstance(version, int) and not isinstance(version, bool):
            if version > VERSION:
                raise InterchangeError(
                    f"$.version: this document is version {version}; this argmap reads up to version "
                    f"{VERSION} (upgrade argmap)"
                )
            if version in SCHEMA_RESOURCES:
                return version
    return VERSION


def _validate(doc: object) -> int:
    """The document's version; InterchangeError for the first place (in document order) where
    its schema fails."""
    version = _version_of(doc)
    validator, root = _validator(version)
    try:
        if validator.is_valid(doc):
            return version
        first = min(validator.iter_errors(doc), key=_element_index)
    except (ValueError, RecursionError) as exc:  # a value nested too deep to copy or walk
        raise InterchangeError(f"$: a value is nested too deeply ({_shown(str(exc), 120)})") from None
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


def _read_quotes(d: Mapping[str, Any]) -> tuple[Quote, ...]:
    return tuple(
        Quote(
            q["text"],
            q.get("speaker"),
            q.get("source"),
            q.get("locator"),
            q.get("date"),
            span=_read_span(q),
        )
        for q in d.get("quotes") or ()
    )


def _relation_fields(d: Mapping[str, Any]) -> dict[str, Any]:
    """The fields every relation has, as keyword arguments of its model class."""
    return {
        "name": d.get("name"),
        "by": _ids(d, "by"),
        "note": d.get("note"),
        "tags": _ids(d, "tags"),
        "sources": _ids(d, "sources"),
        "quotes": _read_quotes(d),
        "allow": _ids(d, "allow"),
        "allow_reasons": _read_reasons(d),
        "scheme": d.get("scheme"),
        "span": _read_span(d),
    }


_CLAIM_KINDS: dict[str | None, ClaimKind | None] = {None: None, "claim": None} | {
    k.value: k for k in ClaimKind
}

#: Element builders by ``type``; they trust the document, which the schema has checked.
_BUILDERS: dict[str, Callable[[Mapping[str, Any]], Element]] = {
    "title": lambda d: Title(d["text"], span=_read_span(d)),
    "source": lambda d: Source(
        d["id"],
        d["title"],
        d.get("url"),
        d.get("date"),
        d.get("author"),
        d.get("note"),
        d.get("file"),
        _ids(d, "allow"),
        allow_reasons=_read_reasons(d),
        span=_read_span(d),
    ),
    "perspective": lambda d: Perspective(
        d["id"],
        d["name"],
        d.get("role"),
        d.get("color"),
        d.get("note"),
        _ids(d, "allow"),
        allow_reasons=_read_reasons(d),
        span=_read_span(d),
    ),
    "question": lambda d: Question(
        d["id"],
        d["text"],
        _ids(d, "tags"),
        d.get("note"),
        _ids(d, "asked_by"),
        _ids(d, "allow"),
        allow_reasons=_read_reasons(d),
        span=_read_span(d),
    ),
    "claim": lambda d: Claim(
        d["id"],
        d["text"],
        _CLAIM_KINDS[d.get("kind")],
        _ids(d, "answers"),
        _ids(d, "tags"),
        _ids(d, "sources"),
        _read_quotes(d),
        d.get("note"),
        d.get("date"),
        tuple((s["question"], s["side"]) for s in d.get("sides") or ()),
        _ids(d, "allow"),
        d.get("title"),
        d.get("base"),
        allow_reasons=_read_reasons(d),
        span=_read_span(d),
    ),
    "support": lambda d: Support(tuple(d["premises"]), d["conclusion"], **_relation_fields(d)),
    "rebuttal": lambda d: Rebuttal(tuple(d["attackers"]), d["target"], **_relation_fields(d)),
    "undercut": lambda d: Undercut(tuple(d["attackers"]), d["target"], **_relation_fields(d)),
    "contradiction": lambda d: Contradiction(d["left"], d["right"], **_relation_fields(d)),
    "stance": lambda d: Stance(
        d["perspective"],
        d["target"],
        d.get("accepts", True),
        d.get("inline", False),
        d.get("note"),
        d.get("date"),
        _ids(d, "allow"),
        allow_reasons=_read_reasons(d),
        span=_read_span(d),
    ),
    "section": lambda d: Section(
        d["id"],
        d["title"],
        d.get("parent"),
        d.get("note"),
        _ids(d, "allow"),
        allow_reasons=_read_reasons(d),
        span=_read_span(d),
    ),
    "allow": lambda d: Allow(tuple(d["codes"]), d.get("reason"), span=_read_span(d)),
}


def _from_version_1(item: Mapping[str, Any]) -> Mapping[str, Any]:
    """A version-1 element as version 2 says it: a rebuttal's and an undercut's one
    ``attacker`` became ``attackers``, a stance's ``claim`` became ``target``."""
    kind = item["type"]
    if kind in ("rebuttal", "undercut"):
        return {**item, "attackers": [item["attacker"]]}
    if kind == "stance":
        return {**item, "target": item["claim"]}
    return item


def from_dict(doc: object, *, path: str | None = None) -> ArgumentMap:
    """A map from a parsed argmap JSON document (version 1 or 2); InterchangeError says what is
    wrong and where."""
    version = _validate(doc)
    assert isinstance(doc, dict)  # the schema says so
    elements: list[Element] = []
    builders = _BUILDERS
    for i, item in enumerate(doc["elements"]):
        try:
            fields = _from_version_1(item) if version == 1 else item
            element = builders[fields["type"]](fields)
        except (TypeError, ValueError) as exc:  # what the model refuses beyond the schema
            raise InterchangeError(f"$.elements[{i}]: {exc}") from None
        _refuse_unwritable_id(element, i)
        elements.append(element)
    return ArgumentMap(tuple(elements), path=path)


def _refuse_unwritable_id(e: Element, i: int) -> None:
    """An id the .argmap text cannot give a definition (a verb read as the verb, issue 21): an
    importer never makes a map the writer cannot write."""
    from argmap.formats.writer import VERB_IDS

    if isinstance(e, (Source, Perspective, Question, Claim, Section)) and e.id in VERB_IDS:
        raise InterchangeError(
            f"$.elements[{i}].id: {e.id!r} cannot be written as the id of a "
            f"{type(e).__name__.lower()} in .argmap text (after the keyword it reads as the verb)",
            hint="rename it, for example to '" + e.id + "-1'",
        )
    if isinstance(e, Allow) and e.codes[0] in VERB_IDS:
        raise InterchangeError(
            f"$.elements[{i}].codes[0]: 'allow {e.codes[0]}' on a line of its own reads as a "
            f"relation or stance in .argmap text",
            hint="list a finding code first",
        )


def loads(text: str | bytes, *, path: str | None = None) -> ArgumentMap:
    """A map from argmap JSON text (InterchangeError when it is not JSON or not a map)."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InterchangeError(_not_json(text, exc)) from None
    except UnicodeDecodeError as exc:
        raise InterchangeError(f"not UTF-8 text ({exc.reason})") from None
    except RecursionError:
        raise InterchangeError("not JSON that can be read: lists or objects nested too deeply") from None
    except ValueError as exc:  # Python's limit on the digits of an integer (4,300 by default)
        raise InterchangeError(
            f"not JSON that can be read: a number is too long ({_shown(str(exc).split(';')[0], 120)})"
        ) from None
    if _SURROGATE_HINT.search(text if isinstance(text, str) else text.decode("utf-8", "replace")):
        _refuse_surrogates(doc)
    looks = _looks_like_other_json(doc)
    if looks is not None:
        raise InterchangeError(looks)
    return from_dict(doc, path=path)


#: A surrogate escape (or character) in the text: only then are the document's strings walked.
_SURROGATE_HINT = re.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")


def _refuse_surrogates(doc: object) -> None:
    """InterchangeError naming the first string (or key) holding a lone surrogate: no UTF-8
    text, so no map file and no export, can hold one (JSON's escapes can write one)."""
    todo: list[tuple[object, list[str | int]]] = [(doc, [])]
    while todo:
        node, where = todo.pop()
        items: list[tuple[str | int, object]]
        if isinstance(node, dict):
            for key in node:
                if SURROGATE.search(key):
                    raise InterchangeError(
                        f"{_where(where)}: a key holds a lone surrogate, which no text can hold"
                    )
            items = list(node.items())
        elif isinstance(node, list):
            items = list(enumerate(node))
        else:
            if isinstance(node, str) and (bad := SURROGATE.search(node)):
                raise InterchangeError(
                    f"{_where(where)}: holds a lone surrogate U+{ord(bad.group()):04X}, which no text holds"
                )
            continue
        todo.extend((value, [*where, key]) for key, value in reversed(items))


# ---- telling other formats apart ------------------------------------------------------------------
def _not_json(text: str | bytes, exc: json.JSONDecodeError) -> str:
    """The message for text that is not JSON, naming the format it looks like when it is one
    argmap knows (.argmap text, Argdown)."""
    message = f"line {exc.lineno} column {exc.colno}: not JSON ({exc.msg})"
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            return message
    looks = _looks_like_text_format(text)
    if looks is None:
        return message
    return f"{message}; this looks like {looks[0]}, not argmap JSON (read it with --from {looks[1]})"


def _looks_like_text_format(text: str) -> tuple[str, str] | None:
    """(what it is, its --from name) when ``text`` looks like .argmap text or Argdown."""
    head = text[:20_000].lstrip("\ufeff")
    first = next((ln for ln in head.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), "")
    argmap_start = re.compile(
        r"(title|source|perspective|question|claim|fact|interpretation|prediction|value|policy|section"
        r"|allow)\s+\S|[\w-]+\s*:\s*[\w-]+.*\s(supports?|rebuts|attacks|undercuts|contradicts)\s"
        r"|[\w-]+(\s*\+\s*[\w-]+)*\s+(supports?|rebuts|attacks|undercuts|contradicts|accepts|rejects)\s"
    )
    if argmap_start.match(first):
        return ".argmap text", "argmap"
    # A statement or argument defined ([Title]: text, <Title>: text), a relation line
    # (+ <a>, <- [b], _> <c>), a heading of equals signs.
    argdown = re.compile(
        r"^[ \t]*(\[[^\]\n]+\]|<[^>\n]+>)[ \t]*:|^[ \t]*(<?[+\-_]>?)[ \t]+[\[<]|^={3,}[ \t]*$", re.M
    )
    if argdown.search(head):
        return "Argdown", "argdown"
    return None


def _looks_like_other_json(doc: object) -> str | None:
    """A message when a JSON document is plainly another format's (AIF), else None."""
    if (
        isinstance(doc, dict)
        and "format" not in doc
        and "version" not in doc
        and ("nodes" in doc or "AIF" in doc)
    ):
        return "$: this looks like AIF JSON (it has 'nodes'), not argmap JSON (read it with --from aif)"
    return None
