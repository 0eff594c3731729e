"""Write the TextMate grammar made from argmap's Lark grammar where the editors read it.

    python editors/generate.py            # rewrite the files
    python editors/generate.py --check    # exit 1 if a file is not what the grammar gives

The grammar is the one definition of the language; the highlighters' keywords are read off it
(argmap/formats/lexicon.py). Run this after the grammar gains or loses a keyword; the tests
fail until then.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.formats.lexicon import textmate_grammar  # noqa: E402

#: Where the TextMate grammar goes: the repository's grammars/ and the VS Code extension.
TARGETS = (
    ROOT / "grammars" / "argmap.tmLanguage.json",
    ROOT / "editors" / "vscode" / "syntaxes" / "argmap.tmLanguage.json",
)


def rendered() -> str:
    """The TextMate grammar as the files hold it."""
    return json.dumps(textmate_grammar(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    text = rendered()
    stale = [t for t in TARGETS if not t.exists() or t.read_text(encoding="utf-8") != text]
    if "--check" in argv:
        for t in stale:
            print(f"{t.relative_to(ROOT)} is out of date: run python editors/generate.py", file=sys.stderr)
        return 1 if stale else 0
    for t in stale:
        t.parent.mkdir(parents=True, exist_ok=True)
        t.write_text(text, encoding="utf-8")
        print(f"wrote {t.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
