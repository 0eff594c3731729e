"""The codes of reading the text (E1xx), registered with :mod:`argmap.diagnostics` on import.

The parser reports them; the CLI reports E106 for a file it cannot read.
"""

from __future__ import annotations

from argmap.diagnostics import CodeInfo, Severity, register_codes

__all__ = ["CODES"]

E, W = Severity.ERROR, Severity.WARNING

#: The parser's codes. Append only; never reuse or renumber.
CODES = register_codes(
    {
        "E100": CodeInfo(E, "unexpected token"),
        "E101": CodeInfo(E, "unexpected character"),
        "E102": CodeInfo(E, "unterminated text"),
        "E103": CodeInfo(E, "invalid escape sequence"),
        "E104": CodeInfo(E, "unexpected end of input"),
        "E105": CodeInfo(E, "file is not UTF-8 text"),
        "E106": CodeInfo(E, "cannot read file"),
        "W107": CodeInfo(W, "attribute given twice"),
        "E108": CodeInfo(E, "number out of range"),
    }
)
