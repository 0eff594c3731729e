"""The npm tools some tests run (the TextMate grammar tester, VS Code's packager), where `.ci/run`
installs them: ``$ARGMAP_NODE_TOOLS`` or ``~/.cache/argmap/node``. A test without them skips with
the reason, unless ``ARGMAP_REQUIRE_NODE`` is set (CI sets it), where it fails."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

#: Where `.ci/run` installs the npm packages the tests use.
NODE_TOOLS = Path(os.environ.get("ARGMAP_NODE_TOOLS") or Path.home() / ".cache" / "argmap" / "node")


def missing(reason: str) -> None:
    """Skip, or fail where CI says the npm tools must be there."""
    if os.environ.get("ARGMAP_REQUIRE_NODE"):
        pytest.fail(f"ARGMAP_REQUIRE_NODE is set but {reason}")
    pytest.skip(reason)


def node_tool(name: str) -> str:
    """The path of an npm tool's command (skips or fails where it is not installed)."""
    if shutil.which("node") is None:
        missing("Node.js is not installed (`.ci/run` installs it)")
    path = NODE_TOOLS / "node_modules" / ".bin" / name
    if not path.exists():
        missing(f"{name} is not installed in {NODE_TOOLS} (`.ci/run` installs it with npm)")
    return str(path)
