"""Provenance: dates are ISO 8601 (W311), and a quote ``from`` a source that points to its text
(``file "..."``) is found in that text verbatim (W312), which must be readable (W313).

"Verbatim" forgives what typing and typesetting change: runs of white space (line breaks
included) are one space, typographic quotes, apostrophes and dashes are the plain ones, the
punctuation a quote starts or ends with does not count (a full stop quoted as a comma), and an
elision (``...``, ``…`` or ``[...]``) in the quote stands for any text between its parts. A
quote that is not found is reported with the nearest passage of the text and its line.
"""

from __future__ import annotations

import datetime
import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import NamedTuple

from argmap.checks.registry import Context, Family
from argmap.diagnostics import CodeInfo, Related, Severity, register_codes
from argmap.model import Claim, Element, Quote, Relation
from argmap.span import Span

__all__ = ["CODES", "FAMILY", "SourceText", "is_date", "normalise", "source_path"]

W = Severity.WARNING

CODES = register_codes(
    {
        "W311": CodeInfo(W, "invalid date"),
        "W312": CodeInfo(W, "quote not found in its source's text"),
        "W313": CodeInfo(W, "source file cannot be read"),
    }
)

#: How many candidate places the nearest-passage search compares with a missing quote in full.
CANDIDATES = 12
#: How much of the nearest passage a finding shows.
PASSAGE_CHARS = 160

_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′
        "\u02bc": "'",  # ʼ
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u2033": '"',  # ″
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
        "\u2039": "'",  # ‹
        "\u203a": "'",  # ›
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2212": "-",  # minus
        "\u2026": "...",  # …
    }
)
#: Punctuation a quote may end (or start) with where the text has other: a sentence's full stop
#: becomes a comma when the sentence is quoted inside another.
_EDGE = " .,;:!?"
_WORD_EDGE = "\"'()[]{}.,;:!?-"
_ELISION = re.compile(r"\s*(?:\[\s*\.\.\.\s*\]|\.\.\.)\s*")


def is_date(text: str) -> bool:
    """Whether ``text`` is an ISO 8601 date: ``2013``, ``2013-05``, ``2013-05-17``, or a date
    and time (``2013-05-17T10:30``, with seconds and a zone if wanted)."""
    m = _PARTIAL.fullmatch(text)
    if m is not None:
        year, month, day = m.groups()
        try:
            datetime.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            return False
        return True
    if "T" not in text or _PARTIAL.fullmatch(text.split("T", 1)[0]) is None:
        return False
    try:
        datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def normalise(text: str) -> str:
    """Text as quotes are compared: typographic marks made plain, white space runs one space."""
    return " ".join(text.translate(_TYPOGRAPHIC).split())


def source_path(argmap_path: str | None, file: str) -> Path:
    """Where a source's ``file`` is: relative to the map's folder (the working folder for a map
    read from standard input or from a string)."""
    path = Path(file).expanduser()
    if path.is_absolute() or argmap_path is None or argmap_path.startswith("<"):
        return path
    return Path(argmap_path).parent / path


class SourceText(NamedTuple):
    """A source's text, normalised, with the line each word came from."""

    path: Path
    words: list[str]
    lines: list[int]
    flat: str

    @classmethod
    def read(cls, path: Path) -> SourceText:
        """Read and normalise a text file (OSError, UnicodeDecodeError when it cannot be)."""
        text = path.read_text(encoding="utf-8-sig")
        words: list[str] = []
        lines: list[int] = []
        for number, line in enumerate(text.splitlines(), 1):
            found = line.translate(_TYPOGRAPHIC).split()
            words.extend(found)
            lines.extend([number] * len(found))
        return cls(path, words, lines, " ".join(words))

    def contains(self, quote: str) -> bool:
        """Whether the quote is in the text verbatim (its elided parts in order)."""
        position = 0
        for piece in _ELISION.split(normalise(quote)):
            part = piece.strip(_EDGE)
            if not part:
                continue
            found = self.flat.find(part, position)
            if found < 0:
                return False
            position = found + len(part)
        return True

    def nearest(self, quote: str, index: dict[str, list[int]] | None = None) -> tuple[int, str] | None:
        """The passage most like the quote (as many words long), with its first line.

        Candidates are the places where most of the quote's words stand in the quote's order
        (each word found votes for the start it implies); the best few are compared in full.
        The work is the number of times the quote's words occur in the text, not the text's
        length times the quote's."""
        wanted = normalise(quote)
        quote_words = wanted.split()
        size = max(len(quote_words), 1)
        if not self.words:
            return None
        if index is None:
            index = self.word_index()
        last = max(len(self.words) - size, 0)
        votes: dict[int, int] = {}
        for k, word in enumerate(quote_words):
            for position in index.get(_key(word), ()):
                start = position - k
                votes[start] = votes.get(start, 0) + 1
        ranked = sorted(votes, key=lambda start: (-votes[start], start))[:CANDIDATES]
        starts = {min(max(start + d, 0), last) for start in ranked or [0] for d in (-1, 0, 1)}
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(wanted)
        best, best_at = -1.0, 0
        for start in sorted(starts):
            matcher.set_seq1(" ".join(self.words[start : start + size]))
            ratio = matcher.ratio()
            if ratio > best:
                best, best_at = ratio, start
        passage = " ".join(self.words[best_at : best_at + size])
        if len(passage) > PASSAGE_CHARS:
            passage = passage[: PASSAGE_CHARS - 1] + "…"
        return self.lines[best_at], passage

    def word_index(self) -> dict[str, list[int]]:
        """Where each word stands (by its :func:`_key`), for :meth:`nearest`."""
        table: dict[str, list[int]] = {}
        for position, word in enumerate(self.words):
            key = _key(word)
            found = table.get(key)
            if found is None:
                table[key] = [position]
            else:
                found.append(position)
        return table


def _key(word: str) -> str:
    """A word as the nearest-passage search compares it: lower case, without edge punctuation."""
    return word.strip(_WORD_EDGE).lower()


def dates(context: Context) -> None:
    """W311: a claim's ``date``, a quote's ``on`` or a stance's ``on`` that is not ISO 8601.
    (A source's ``date`` is free text, as it always was.)"""
    m = context.map

    def bad(span: Span | None, keyword: str, value: str, what: str) -> None:
        context.emit(
            "W311",
            context.locate(span, keyword),
            f"{what} date {value!r} is not an ISO 8601 date",
            hint='write a date as "2013", "2013-05" or "2013-05-17" (year, month, day); put '
            "free text in a note",
        )

    def quoted(element: Element, found: tuple[Quote, ...]) -> None:
        for quote in found:
            if quote.date is not None and not is_date(quote.date):
                bad(quote.span or element.span, "on", quote.date, "the quote's")

    for c in m.claims:
        if c.date is not None and not is_date(c.date):
            bad(c.span, "date", c.date, f"claim '{c.id}':")
        quoted(c, c.quotes)
    for rel in m.relations:
        quoted(rel, rel.quotes)
    for st in m.stances:
        if st.date is not None and not is_date(st.date):
            bad(st.span, "on", st.date, "the stance's")


def quotes(context: Context) -> None:
    """W312: a quote ``from`` a source with a ``file`` that the file's text does not contain;
    W313: a source's file that cannot be read."""
    m = context.map
    with_file = {s.id: s for s in m.sources if s.file is not None}
    if not with_file:
        return
    texts: dict[str, SourceText | None] = {}
    for source_id, source in with_file.items():
        assert source.file is not None
        path = source_path(m.path, source.file)
        try:
            texts[source_id] = SourceText.read(path)
        except (OSError, UnicodeDecodeError) as exc:
            texts[source_id] = None
            reason = "is not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else _why(exc)
            context.emit(
                "W313",
                context.locate(source.span, "file"),
                f"source '{source_id}': file {source.file!r} {reason}",
                hint="a source's file is a path relative to the map's folder; quotes from it "
                "are not checked until it can be read",
            )
    quoting: list[Claim | Relation] = [*m.claims, *m.relations]
    indexes: dict[Path, dict[str, list[int]]] = {}  # each text's words, when a quote is missing
    for e in quoting:
        for quote in e.quotes:
            text = texts.get(quote.source) if quote.source is not None else None
            if text is not None and not text.contains(quote.text):
                _missing(context, e, quote, text, indexes)


def _missing(
    context: Context,
    element: Element,
    quote: Quote,
    text: SourceText,
    indexes: dict[Path, dict[str, list[int]]],
) -> None:
    index = indexes.get(text.path)
    if index is None:
        index = indexes[text.path] = text.word_index()
    nearest = text.nearest(quote.text, index)
    name = text.path.name
    message = f"the quote is not in the text of '{quote.source}' ({name}) verbatim"
    related: list[Related] = []
    if nearest is not None:
        line, passage = nearest
        message += f"; the nearest passage, on line {line}: “{passage}”"
        related.append(Related(Span(str(text.path), line, 1, line, 1), "the nearest passage"))
    context.emit(
        "W312",
        quote.span or element.span,
        message,
        hint="copy the words as the source has them (white space, typographic quotes and "
        "dashes do not matter; '...' may stand for left-out words)",
        related=related,
    )


def _why(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "does not exist"
    if isinstance(exc, IsADirectoryError):
        return "is a folder"
    if isinstance(exc, PermissionError):
        return "cannot be read (permission denied)"
    return f"cannot be read ({exc.strerror or exc})"


FAMILY = Family("provenance", 70, CODES, (dates, quotes))
