"""Write what the editors read that is made from argmap's Lark grammar: the TextMate grammar
and VS Code's language configuration.

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

from argmap.formats.lexicon import language_configuration, textmate_grammar  # noqa: E402

#: Where the TextMate grammar goes: the repository's grammars/ and the VS Code extension.
TARGETS = (
    ROOT / "grammars" / "argmap.tmLanguage.json",
    ROOT / "editors" / "vscode" / "syntaxes" / "argmap.tmLanguage.json",
)
#: VS Code's language configuration.
LANGUAGE_CONFIGURATION = ROOT / "editors" / "vscode" / "language-configuration.json"


def _json(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def rendered() -> str:
    """The TextMate grammar as the files hold it."""
    return _json(textmate_grammar())


def files() -> dict[Path, str]:
    """Every file this script writes, with what it should hold."""
    out = {target: rendered() for target in TARGETS}
    out[LANGUAGE_CONFIGURATION] = _json(language_configuration())
    return out


def main(argv: list[str]) -> int:
    wanted = files()
    stale = [t for t, text in wanted.items() if not t.exists() or t.read_text(encoding="utf-8") != text]
    if "--check" in argv:
        for t in stale:
            print(f"{t.relative_to(ROOT)} is out of date: run python editors/generate.py", file=sys.stderr)
        return 1 if stale else 0
    for t in stale:
        t.parent.mkdir(parents=True, exist_ok=True)
        t.write_text(wanted[t], encoding="utf-8")
        print(f"wrote {t.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
