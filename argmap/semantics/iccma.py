"""Dung frameworks in the ICCMA formats, both ways, so any ICCMA solver can cross-check argmap.

* apx (ASPARTIX): ``arg(a).`` per argument, ``att(a,b).`` per attack. A name that is not a
  plain lower-case ASP constant (argmap ids may hold ``-`` or any script; auxiliary arguments
  hold ``:``) is written as a quoted ASP string, ``arg("unsupported:x").``, which clingo and
  ASPARTIX read as a constant too.
* i23 (ICCMA 2023): a first line ``p af N``, then ``i j`` per attack, arguments numbered 1..N.
  Names are kept in comment lines ``# i name`` right after the header (``names=False`` leaves
  them out; some readers take comment lines for attacks) and read back by :func:`from_i23`.
"""

from __future__ import annotations

import re

from argmap.errors import IccmaError, UnknownChoiceError
from argmap.semantics import ICCMA_FORMATS, IccmaFormat
from argmap.semantics.framework import Framework

__all__ = ["IccmaError", "from_apx", "from_i23", "read", "to_apx", "to_i23", "write"]

FORMATS = ICCMA_FORMATS


_PLAIN = re.compile(r"(?:[a-z][A-Za-z0-9_]*|[1-9][0-9]*|0)\Z")
_NAME = r'(?:[A-Za-z0-9_]+|"(?:[^"\\]|\\.)*")'
_ARG = re.compile(rf"arg\(\s*({_NAME})\s*\)\s*\.")
_ATT = re.compile(rf"att\(\s*({_NAME})\s*,\s*({_NAME})\s*\)\s*\.")


def _apx_name(name: str) -> str:
    if _PLAIN.match(name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _unquote(token: str) -> str:
    if token.startswith('"'):
        return re.sub(r"\\(.)", r"\1", token[1:-1])
    return token


def to_apx(af: Framework) -> str:
    """The framework in apx: every argument, then every attack."""
    names = [_apx_name(n) for n in af.names]
    lines = [f"arg({n})." for n in names]
    lines.extend(f"att({names[a]},{names[b]})." for a, b in af.attacks())
    return "\n".join(lines) + "\n" if lines else ""


def from_apx(text: str) -> Framework:
    """Read apx. ``%`` starts a comment; several facts may share a line; an attack naming an
    argument with no ``arg`` fact is an error."""
    args: list[str] = []
    seen: set[str] = set()
    attacks: list[tuple[str, str, int]] = []
    for line_no, raw in enumerate(text.splitlines(), 1):
        line = _strip_comment(raw).strip()
        pos = 0
        while pos < len(line):
            if line[pos].isspace():
                pos += 1
                continue
            m = _ARG.match(line, pos)
            if m:
                name = _unquote(m.group(1))
                if name not in seen:
                    seen.add(name)
                    args.append(name)
                pos = m.end()
                continue
            m = _ATT.match(line, pos)
            if m:
                attacks.append((_unquote(m.group(1)), _unquote(m.group(2)), line_no))
                pos = m.end()
                continue
            raise IccmaError(f"expected arg(...). or att(...,...). at {line[pos : pos + 20]!r}", line_no)
    for a, b, line_no in attacks:
        for x in (a, b):
            if x not in seen:
                raise IccmaError(f"attack names {x!r}, which no arg(...) fact declares", line_no)
    return Framework.from_attacks(args, ((a, b) for a, b, _ in attacks))


def _strip_comment(line: str) -> str:
    """Drop a ``%`` comment, minding quoted names."""
    if "%" not in line:
        return line
    in_quote = False
    escaped = False
    for i, ch in enumerate(line):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = in_quote
        elif ch == '"':
            in_quote = not in_quote
        elif ch == "%" and not in_quote:
            return line[:i]
    return line


def to_i23(af: Framework, *, names: bool = True) -> str:
    """The framework in the ICCMA 2023 format (``p af N``, then ``i j`` per attack)."""
    lines = [f"p af {af.n}"]
    if names:
        lines.extend(f"# {i + 1} {name}" for i, name in enumerate(af.names))
    lines.extend(f"{a + 1} {b + 1}" for a, b in af.attacks())
    return "\n".join(lines) + "\n"


def from_i23(text: str) -> Framework:
    """Read the ICCMA 2023 format. Comment lines ``# i name`` (as :func:`to_i23` writes them)
    name the arguments; without them arguments are named "1".."N"."""
    n: int | None = None
    edges: list[tuple[int, int]] = []
    given: dict[int, str] = {}
    for line_no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            m = re.fullmatch(r"#\s*(\d+)\s+(\S(?:.*\S)?)", line)
            if m and n is not None:
                given[int(m.group(1))] = m.group(2)
            continue
        if n is None:
            m = re.fullmatch(r"p\s+af\s+(\d+)", line)
            if not m:
                raise IccmaError("the first line must be 'p af N'", line_no)
            n = int(m.group(1))
            continue
        parts = line.split()
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise IccmaError(f"expected an attack 'i j', got {line!r}", line_no)
        a, b = int(parts[0]), int(parts[1])
        if not (1 <= a <= n and 1 <= b <= n):
            raise IccmaError(f"attack {a} {b} names an argument outside 1..{n}", line_no)
        edges.append((a - 1, b - 1))
    if n is None:
        raise IccmaError("no 'p af N' line")
    names = [str(i + 1) for i in range(n)]
    if given and set(given) == set(range(1, n + 1)) and len(set(given.values())) == n:
        names = [given[i + 1] for i in range(n)]
    return Framework.from_edges(n, edges, names)


def write(af: Framework, fmt: IccmaFormat) -> str:
    """The framework as text in ``fmt`` ("apx" or "i23")."""
    if fmt == "apx":
        return to_apx(af)
    if fmt == "i23":
        return to_i23(af)
    raise UnknownChoiceError("format", str(fmt), FORMATS)


def read(text: str, fmt: IccmaFormat) -> Framework:
    """Read a framework from text in ``fmt`` ("apx" or "i23")."""
    if fmt == "apx":
        return from_apx(text)
    if fmt == "i23":
        return from_i23(text)
    raise UnknownChoiceError("format", str(fmt), FORMATS)
