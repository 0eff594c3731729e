"""The Python examples in README.md and docs/*.md, as a user would run them: they type-check with
``mypy --strict`` in a user's own code (the public API is typed: plain functions, Literal
choices) and they run."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def _examples() -> dict[str, str]:
    """Each page's Python blocks, in order, as one script (a page's blocks build on each other)."""
    found = {}
    for page in PAGES:
        blocks = _BLOCK.findall(page.read_text(encoding="utf-8"))
        if blocks:
            found[page.relative_to(ROOT).as_posix()] = "\n".join(blocks)
    return found


EXAMPLES = _examples()


def _mypy(tmp_path: Path, scripts: dict[str, str]) -> subprocess.CompletedProcess[str]:
    files = []
    for i, (name, code) in enumerate(scripts.items()):
        f = tmp_path / f"example_{i}_{re.sub(r'[^a-z0-9]+', '_', name.lower())}.py"
        f.write_text(code, encoding="utf-8")
        files.append(str(f))
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--config-file", "/dev/null", *files],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )


def test_there_are_examples_to_check() -> None:
    assert "README.md" in EXAMPLES and "docs/interchange.md" in EXAMPLES


def test_the_examples_type_check_strictly_in_a_user_s_code(tmp_path: Path) -> None:
    result = _mypy(tmp_path, EXAMPLES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_wrong_choice_does_not_type_check(tmp_path: Path) -> None:
    """The check above would pass vacuously if the API took any str: a format, a semantics and
    a backend that do not exist must fail it."""
    wrong = {
        "format": 'import argmap\nargmap.render(argmap.parse(""), "jpg")\n',
        "semantics": 'import argmap\nargmap.evaluate(argmap.parse(""), "groundd")\n',
        "backend": 'import argmap\nargmap.render(argmap.parse(""), "svg", backend="dott")\n',
        "export": 'import argmap\nargmap.export(argmap.parse(""), to="xml")\n',
    }
    result = _mypy(tmp_path, wrong)
    assert result.returncode == 1
    assert result.stdout.count("error: Argument") == len(wrong), result.stdout


@pytest.mark.parametrize("page", sorted(EXAMPLES))
def test_the_examples_run(page: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", EXAMPLES[page]], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
