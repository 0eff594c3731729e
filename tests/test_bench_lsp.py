"""bench/lsp.py runs end to end on a small map and prints its table."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_the_lsp_benchmark_prints_its_table() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "lsp.py"), "--sizes", "60", "--repeat", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("| 60 |")]
    kinds = [row.split("|")[2].strip() for row in rows]
    assert kinds[0] == "open the map"
    assert {
        "type in a text",
        "insert a claim",
        "break the syntax",
        "mend the syntax",
        "delete a line",
    } <= set(kinds)
