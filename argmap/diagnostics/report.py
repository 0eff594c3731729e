"""Findings -> what a person or a program reads: compiler-style text, JSON, JSON lines, GitHub
workflow annotations and SARIF 2.1.0.

Text looks like this::

    maps/x.argmap:3:5: error[E201]: the premise 'dron' is not defined (a claim was expected)
      3 | dron + weapons support bridgehead
        | ^^^^
        = hint: did you mean 'drones'?

Colour is used only when asked for (the CLI asks when writing to a terminal without NO_COLOR).
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import IO

from argmap.diagnostics import CodeInfo, Diagnostic, Severity

__all__ = [
    "format_diagnostic",
    "format_silenced",
    "format_summary",
    "format_text",
    "to_github",
    "to_json",
    "to_json_lines",
    "to_sarif",
    "use_colour",
]

_RESET = "\x1b[0m"
_STYLE = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;36m",
}
_BOLD = "\x1b[1m"
_BLUE = "\x1b[1;34m"
_CYAN = "\x1b[36m"

JSON_VERSION = 1


def use_colour(stream: IO[str], choice: str = "auto") -> bool:
    """Whether to colour output to ``stream``: ``always``/``never``, or ``auto``: only on a
    terminal, never when NO_COLOR is set (https://no-color.org), always when FORCE_COLOR is."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _caret_line(line: str, column: int, end_column: int) -> tuple[str, str]:
    """White space that lines up under ``line`` up to ``column`` (tabs kept), and the carets."""
    before = line[: column - 1]
    pad = "".join(ch if ch == "\t" else " " * _width(ch) for ch in before)
    marked = line[column - 1 : max(end_column - 1, column)]
    return pad, "^" * max(_width(marked.expandtabs(4)), 1)


#: A source line longer than this (in characters) is shown as a window around the finding.
LINE_WINDOW = 160
#: How much of the line the window shows before the finding's column.
WINDOW_BEFORE = 60


def _window(line: str, column: int, end_column: int) -> tuple[str, int, int]:
    """A long line cut to a window around ``column`` (an ellipsis where it is cut), and the
    span's columns inside the window; a short line as it is."""
    if len(line) <= LINE_WINDOW:
        return line, column, end_column
    start = max(column - 1 - WINDOW_BEFORE, 0)
    stop = min(start + LINE_WINDOW, len(line))
    start = max(min(start, stop - LINE_WINDOW), 0)
    head = "…" if start > 0 else ""
    tail = "…" if stop < len(line) else ""
    shift = start - len(head)
    end = min(end_column, stop + 1)
    return head + line[start:stop] + tail, column - shift, max(end - shift, column - shift)


def _source_line(lines: Sequence[str] | None, line_no: int) -> str | None:
    if lines is None or not 1 <= line_no <= len(lines):
        return None
    return lines[line_no - 1].rstrip("\r\n")


def format_diagnostic(d: Diagnostic, lines: Sequence[str] | None = None, colour: bool = False) -> str:
    """One finding as text: the headline, the source line with carets, related places, a hint."""

    def paint(style: str, text: str) -> str:
        return f"{style}{text}{_RESET}" if colour else text

    span = d.span
    where = f"{span.path or '<text>'}:{span.line}:{span.column}" if span is not None else "argmap"
    level = paint(_STYLE[d.severity], f"{d.severity.value}[{d.code}]")
    out = [f"{paint(_BOLD, where)}: {level}: {paint(_BOLD, d.message)}"]
    gutter = 0
    source = _source_line(lines, span.line) if span is not None else None
    if span is not None and source is not None:
        gutter = len(str(span.line))
        end = span.end_column if span.end_line == span.line else len(source) + 1
        source, column, end = _window(source, span.column, end)
        pad, carets = _caret_line(source, column, end)
        out.append(f"{paint(_BLUE, f'{span.line:>{gutter}} |')} {source}")
        out.append(f"{paint(_BLUE, ' ' * gutter + ' |')} {pad}{paint(_STYLE[d.severity], carets)}")
    indent = " " * (gutter + 1)
    for rel in d.related:
        if rel.span is not None:
            place = f"{rel.span.path or '<text>'}:{rel.span.line}:{rel.span.column}"
            out.append(f"{indent}{paint(_BLUE, '=')} note: {rel.message} ({place})")
        else:
            out.append(f"{indent}{paint(_BLUE, '=')} note: {rel.message}")
    if d.hint:
        out.append(f"{indent}{paint(_BLUE, '=')} {paint(_CYAN, 'hint')}: {d.hint}")
    return "\n".join(out)


def format_text(
    diagnostics: Iterable[Diagnostic],
    sources: Mapping[str | None, str] | None = None,
    colour: bool = False,
) -> str:
    """Many findings as text, separated by blank lines. ``sources`` maps a path to its text so
    that the offending lines can be shown."""
    split: dict[str | None, list[str]] = {}
    blocks = []
    for d in diagnostics:
        path = d.span.path if d.span is not None else None
        if path not in split and sources is not None and path in sources:
            split[path] = sources[path].split("\n")
        blocks.append(format_diagnostic(d, split.get(path), colour))
    return "\n\n".join(blocks)


def count(diagnostics: Iterable[Diagnostic]) -> dict[str, int]:
    """How many findings of each severity."""
    counts = {"errors": 0, "warnings": 0, "infos": 0}
    for d in diagnostics:
        counts[{"error": "errors", "warning": "warnings", "info": "infos"}[d.severity.value]] += 1
    return counts


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


#: How the summary names what silenced findings.
SILENCED_BY = {
    "allow": "allow",
    "config": "the project's settings",
    "select": "--select",
    "ignore": "--ignore",
}


def format_silenced(silenced: Mapping[str, int] | None) -> str:
    """``"3 silenced: 2 by allow, 1 by --ignore"``, or "" when nothing was silenced."""
    if not silenced or not sum(silenced.values()):
        return ""
    parts = [f"{n} by {SILENCED_BY.get(by, by)}" for by, n in silenced.items() if n]
    return f"{sum(silenced.values())} silenced: {', '.join(parts)}"


def format_summary(
    diagnostics: Sequence[Diagnostic],
    files: int,
    colour: bool = False,
    silenced: Mapping[str, int] | None = None,
) -> str:
    """The closing line: what was checked, what was found, and how many findings were silenced
    and by what (``silenced``: a count for each of allow, config, select, ignore)."""
    c = count(diagnostics)
    checked = _plural(files, "file")
    quiet = format_silenced(silenced)
    quiet = f" ({quiet})" if quiet else ""
    if not diagnostics:
        text = f"ok: {checked} checked, no findings{quiet}"
        return f"\x1b[1;32m{text}{_RESET}" if colour else text
    parts = [_plural(c["errors"], "error"), _plural(c["warnings"], "warning")]
    if c["infos"]:
        parts.append(_plural(c["infos"], "note"))
    return f"{', '.join(parts)} in {checked}{quiet}"


def to_json(
    diagnostics: Sequence[Diagnostic],
    files: Sequence[str],
    ok: bool,
    silenced: Mapping[str, int] | None = None,
) -> str:
    """One JSON document: the files checked, every finding, counts, how many findings were
    silenced and by what, and the verdict."""
    from argmap import __version__

    doc = {
        "version": JSON_VERSION,
        "argmap": __version__,
        "ok": ok,
        "files": list(files),
        "summary": count(diagnostics),
        "silenced": dict(silenced or {}),
        "diagnostics": [d.to_dict() for d in diagnostics],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def to_json_lines(diagnostics: Sequence[Diagnostic]) -> str:
    """One JSON object per finding, one per line (empty when there are none)."""
    return "".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in diagnostics)


# ---- CI annotations -------------------------------------------------------------------------------
def _github_escape(value: str, *, prop: bool = False) -> str:
    """A workflow command's value: % and line breaks escaped (and : and , in a property)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def to_github(diagnostics: Iterable[Diagnostic]) -> str:
    """GitHub Actions workflow commands (``::error file=...,line=...::message``), one finding a
    line: a workflow step running ``argmap check --format github`` annotates the pull request's
    lines. Columns are 1-based and the end column is the last character's."""
    from argmap.diagnostics import code_info

    out = []
    for d in diagnostics:
        props = []
        span = d.span
        if span is not None:
            props.append(f"file={_github_escape(span.path or '<stdin>', prop=True)}")
            last = (
                span.end_column - 1
                if span.end_line > span.line or span.end_column > span.column
                else span.column
            )
            props += [
                f"line={span.line}",
                f"endLine={span.end_line}",
                f"col={span.column}",
                f"endColumn={last}",
            ]
        try:
            title = f"argmap {d.code}: {code_info(d.code).title}"
        except KeyError:
            title = f"argmap {d.code}"
        props.append(f"title={_github_escape(title, prop=True)}")
        message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
        out.append(f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::{_github_escape(message)}\n")
    return "".join(out)


#: SARIF's name for each severity.
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
#: The published SARIF 2.1.0 schema (OASIS).
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _sarif_region(span: object) -> dict[str, int]:
    from argmap.span import Span

    assert isinstance(span, Span)
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": max(span.end_column, span.column + 1) if span.end_line == span.line else span.end_column,
    }


def _sarif_uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path.replace(os.sep, "/"), safe="/:@-._~")


def to_sarif(
    diagnostics: Sequence[Diagnostic], files: Sequence[str], codes: Mapping[str, CodeInfo] | None = None
) -> str:
    """One SARIF 2.1.0 log (for code scanning: GitHub, GitLab, Azure DevOps ...): argmap as the
    tool with every diagnostic code as a rule, the files checked as artifacts, each finding a
    result with its region (1-based columns in code points, the end exclusive), the places it
    relates to and its hint. ``codes`` is the catalogue to list as rules (default: every code
    registered so far; the CLI passes the whole catalogue, :data:`argmap.checks.CODES`)."""
    from argmap import __version__
    from argmap.diagnostics import registered_codes

    catalogue = registered_codes() if codes is None else codes
    ordered = list(catalogue)
    rules = [
        {
            "id": code,
            "name": "".join(w.capitalize() for w in info.title.replace("'", "").split()),
            "shortDescription": {"text": info.title},
            "defaultConfiguration": {"level": _SARIF_LEVEL[info.severity]},
        }
        for code, info in catalogue.items()
    ]
    artifacts = list(dict.fromkeys([*files, *(d.span.path for d in diagnostics if d.span and d.span.path)]))
    index = {path: i for i, path in enumerate(artifacts)}

    def location(span: object) -> dict[str, object]:
        path = getattr(span, "path", None) or "<stdin>"
        place: dict[str, object] = {"uri": _sarif_uri(path)}
        if path in index:
            place["index"] = index[path]
        return {"physicalLocation": {"artifactLocation": place, "region": _sarif_region(span)}}

    results = []
    for d in diagnostics:
        text = d.message + (f" (hint: {d.hint})" if d.hint else "")
        result: dict[str, object] = {
            "ruleId": d.code,
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": text},
        }
        if d.code in catalogue:
            result["ruleIndex"] = ordered.index(d.code)
        if d.span is not None:
            result["locations"] = [location(d.span)]
        related = [
            {"id": i, **location(r.span), "message": {"text": r.message}}
            for i, r in enumerate(d.related)
            if r.span is not None
        ]
        if related:
            result["relatedLocations"] = related
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "argmap", "version": __version__, "rules": rules}},
                "artifacts": [{"location": {"uri": _sarif_uri(p)}} for p in artifacts],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
