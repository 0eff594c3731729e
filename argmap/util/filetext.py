"""The text of a file read earlier, read again only when asked for.

A map read by the command line needs its text again only to quote lines in findings; holding
the decoded text of a big map costs as much memory as the map's elements (a text with one
character beyond Latin-1 takes two or four bytes per character). :class:`FileText` keeps the
file's path, size and checksum instead, and reads it again on demand: if the file has changed
meanwhile, it gives None (a finding is then shown without its line), never another text.
"""

from __future__ import annotations

import zlib
from pathlib import Path

__all__ = ["FileText"]


class FileText:
    """Gives the text of ``path`` as it was when ``data`` was read from it, or None."""

    __slots__ = ("_text", "crc", "path", "size")

    def __init__(self, path: str, data: bytes) -> None:
        self.path, self.size, self.crc = path, len(data), zlib.crc32(data)
        self._text: str | None = None

    def __call__(self) -> str | None:
        if self._text is None:
            try:
                data = Path(self.path).read_bytes()
                if len(data) != self.size or zlib.crc32(data) != self.crc:
                    return None
                text = data.decode("utf-8")
            except (OSError, UnicodeDecodeError):
                return None
            self._text = text[1:] if text.startswith("\ufeff") else text
        return self._text
