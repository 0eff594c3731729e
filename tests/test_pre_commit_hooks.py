""".pre-commit-hooks.yaml: the hooks `argmap-check` and `argmap-fmt`, tried in a scratch git
repository with pre-commit itself (`pre-commit try-repo`, which installs this checkout in a
virtualenv of its own as a user's `pre-commit install` would)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

pytestmark = pytest.mark.slow


def test_the_hooks_file_names_both_hooks() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"]: h["entry"] for h in hooks} == {
        "argmap-check": "argmap check --color never",
        "argmap-fmt": "argmap fmt",
    }
    assert all(h["language"] == "python" and h["files"] == r"\.argmap$" for h in hooks)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_hooks_in_a_scratch_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "good.argmap").write_text('claim a "A."\nclaim b "B."\na supports b\n', encoding="utf-8")
    (repo / "ugly.argmap").write_text('claim a   "A."\nclaim b "B."\na supports   b\n', encoding="utf-8")
    (repo / "bad.argmap").write_text('claim a "A."\na supports nowhere\n', encoding="utf-8")
    (repo / "notes.txt").write_text("a supports nowhere\n", encoding="utf-8")
    _git(repo, "add", ".")

    first = _try_repo(repo, tmp_path / "home")
    assert first.returncode == 1, first.stdout + first.stderr
    out = first.stdout
    assert "argmap check....." in out and "Failed\n- hook id: argmap-check" in out
    assert "bad.argmap:2:12: error[E201]: the conclusion 'nowhere' is not defined" in out
    assert "1 error, 0 warnings in 3 files" in out  # the three maps, not notes.txt
    assert "- hook id: argmap-fmt\n- files were modified by this hook" in out
    assert (repo / "ugly.argmap").read_text(encoding="utf-8") == 'claim a "A."\nclaim b "B."\na supports b\n'

    (repo / "bad.argmap").write_text('claim a "A."\nclaim c "C."\na supports c\n', encoding="utf-8")
    _git(repo, "add", ".")
    second = _try_repo(repo, tmp_path / "home")
    assert second.returncode == 0, second.stdout + second.stderr
    assert second.stdout.count("Passed") == 2
