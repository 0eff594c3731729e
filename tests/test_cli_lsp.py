"""`argmap lsp`: without the lsp extra it says how to install it; and the editor support loads
nothing until its command runs (`import argmap` and the CLI stay light)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
from conftest import ROOT, run_cli


def test_lsp_without_pygls_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec

    def without_pygls(name: str, *args: object) -> object:
        return None if name == "pygls" else real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", without_pygls)
    r = run_cli("lsp")
    assert r.code == 2
    assert r.err == (
        "argmap: error: the language server needs pygls, which is not installed\n"
        "  hint: pip install 'argmap[lsp]'\n"
    )


def test_lsp_is_listed_with_the_commands() -> None:
    r = run_cli("--help")
    assert r.code == 0 and "lsp" in r.out


@pytest.mark.parametrize(
    "code",
    [
        "import argmap",
        "import argmap.cli",
        "from argmap.cli import app; app(['--help'], standalone_mode=False)",
    ],
)
def test_editor_support_loads_only_when_its_command_runs(code: str) -> None:
    probe = (
        f"{code}\nimport sys\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pygls', 'lsprotocol', 'pygments', 'watchfiles', 'cattrs') or m.startswith('argmap.lsp')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
