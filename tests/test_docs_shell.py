"""The shell examples of README.md and docs/*.md, as a user would type them.

Every ``argmap ...`` line of a ``sh``, ``console``, ``bash`` or ``shell`` block (and of an
unmarked block that holds command lines) is run, page by page in order, in a temporary folder
with a copy of the repository's ``maps/`` (and its ``tests/``, read only). It must succeed,
write the file it names with ``-o``, and print the lines a ``$`` prompted example shows after
it (in order; ``...`` stands for anything). A line that cannot run here is skipped with its
reason (:data:`SKIP`); files a page names but does not make are provided from ``tests/data``
(:data:`FILES`)."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHELLS = ("sh", "console", "bash", "shell", "")

#: Why a command line is not run: (a pattern it matches, the reason).
SKIP: list[tuple[str, str]] = [
    (r"--install-completion|--show-completion", "changes the shell's set-up of whoever runs the tests"),
    (r"^argmap lsp\b", "a language server: it waits for an editor on standard input"),
    (r"--watch\b", "runs until stopped"),
    (r"\bFILE\b|\bOUT\b|\[--|\|", "a synopsis of the options, not a command"),
    (r"[<>]|\$\(", "uses the shell's redirection or substitution"),
]
#: Files pages name without making them: name in the page -> where the tests have one.
FILES = {
    "debate.argdown": "tests/data/interchange/argdown/veggie_debate.argdown",
    "nodeset6064.json": "tests/data/interchange/moralmaze-6064.json",
    "drones.argmap": "tests/data/semantics/drones.argmap",
}


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """The fenced blocks of a Markdown page: (language, lines), opening and closing fences paired."""
    blocks: list[tuple[str, list[str]]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        fence = re.match(r"^(`{3,})(\S*)\s*$", line)
        if fence is None:
            if current is not None:
                current.append(line)
            continue
        if current is None:
            current = []
            blocks.append((fence.group(2), current))
        else:
            current = None
    return blocks


def _commands(page: Path) -> list[tuple[str, list[str]]]:
    """Each command line, with the output a ``$ `` prompted example shows after it."""
    found: list[tuple[str, list[str]]] = []
    for lang, body in _blocks(page.read_text(encoding="utf-8")):
        if lang not in SHELLS:
            continue
        shown: list[str] | None = None
        for raw in body:
            line = raw.strip()
            prompted = line.startswith("$ ")
            if prompted:
                line = line[2:]
            if line.startswith("argmap ") and (lang or raw.startswith(("argmap ", "$ argmap "))):
                shown = [] if prompted else None
                found.append((line, shown if shown is not None else []))
            elif shown is not None and not prompted:
                shown.append(raw)
    return found


def _shows(output: str, shown: list[str]) -> str | None:
    """Where ``output`` misses a line the page shows (in order; ``...`` stands for anything)."""
    lines = output.splitlines()
    at = 0
    for want in shown:
        if want.strip() in ("", "..."):
            continue
        pattern = re.compile(".*".join(re.escape(part) for part in want.rstrip().split("...")) + "$")
        while at < len(lines) and not pattern.match(lines[at].rstrip()):
            at += 1
        if at == len(lines):
            return want
        at += 1
    return None


COMMANDS = {page.relative_to(ROOT).as_posix(): _commands(page) for page in PAGES}
COMMANDS = {page: lines for page, lines in COMMANDS.items() if lines}


def _skipped(line: str) -> str | None:
    for pattern, reason in SKIP:
        if re.search(pattern, line):
            return reason
    return None


def test_there_are_shell_examples() -> None:
    assert "docs/interchange.md" in COMMANDS and "README.md" in COMMANDS
    run = [line for lines in COMMANDS.values() for line, _shown in lines if _skipped(line) is None]
    assert len(run) >= 20


@pytest.mark.parametrize("page", sorted(COMMANDS))
def test_the_shell_examples_run(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "maps", tmp_path / "maps")  # fmt rewrites maps/: a copy
    (tmp_path / "tests").symlink_to(ROOT / "tests")  # pages read test data, never write it
    (tmp_path / "docs" / "img").mkdir(parents=True)
    for name, source in FILES.items():
        shutil.copy(ROOT / source, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    ran = 0
    for line, shown in COMMANDS[page]:
        if _skipped(line) is not None:
            continue
        args = shlex.split(line, comments=True)
        result = run_cli(*args[1:])
        assert result.code == 0, f"{page}: `{line}` exited {result.code}\n{result.err[-2000:]}"
        for flag in ("-o", "--output"):
            if flag in args:
                written = tmp_path / args[args.index(flag) + 1]
                assert written.stat().st_size > 0, f"{page}: `{line}` did not write {written.name}"
        missing = _shows(result.out + result.err, shown)
        assert missing is None, f"{page}: `{line}` does not print what the page shows: {missing!r}"
        ran += 1
    if not ran:
        pytest.skip(f"{page}: every command line is skipped for a stated reason")


def test_skipping_is_for_the_stated_reasons_only() -> None:
    """Each skip rule is used, so the list stays the list of what really cannot run."""
    lines = [line for page in COMMANDS.values() for line, _shown in page]
    for pattern, reason in SKIP:
        assert any(re.search(pattern, line) for line in lines), f"unused skip rule: {reason}"
