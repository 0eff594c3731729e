"""The texts the highlighters are tried on: every ```argmap block of the docs and the README, and
every map in maps/."""

from __future__ import annotations

import re

from conftest import MAPS, ROOT

_FENCE = re.compile(r"^```argmap(?:[ \t]+[\w-]+)?[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)


def examples() -> dict[str, str]:
    """name -> text, for every example."""
    out: dict[str, str] = {}
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        for m in _FENCE.finditer(text):
            out[f"{doc.name}:{text.count(chr(10), 0, m.start()) + 1}"] = m.group(1)
    for path in sorted(MAPS.glob("*.argmap")):
        out[f"maps/{path.name}"] = path.read_text(encoding="utf-8")
    return out


EXAMPLES = examples()
