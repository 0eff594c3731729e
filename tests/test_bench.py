"""Smoke tests of the benchmark tools: the map generator (both languages) and the measuring."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

from argmap.checks import check
from argmap.syntax.parser import parse

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.genmap import PERSPECTIVES, generate  # noqa: E402
from bench.measure import run_once  # noqa: E402


def test_generator_is_deterministic() -> None:
    a, b = generate(300, seed=3), generate(300, seed=3)
    assert a.argmap_text == b.argmap_text
    assert a.argdown_text == b.argdown_text
    assert a.counts == b.counts
    other = generate(300, seed=4)
    assert other.argmap_text != a.argmap_text


@pytest.mark.parametrize("n", [1, 2, 50, 1000])
def test_argmap_text_parses_checks_and_has_the_size(n: int) -> None:
    g = generate(n)
    m = parse(g.argmap_text, f"gen-{n}.argmap")
    assert len(m.claims) == n
    assert len(m.perspectives) == len(PERSPECTIVES)
    assert len(m.supports) == g.counts["supports"]
    assert sum(s.linked for s in m.supports) == g.counts["linked"]
    assert sum(s.name is not None for s in m.supports) == g.counts["named"]
    assert len(m.rebuttals) == g.counts["rebuttals"]
    assert len(m.undercuts) == g.counts["undercuts"]
    assert len(m.contradictions) == g.counts["contradictions"]
    assert len(m.relations) == g.counts["relations"]
    assert len(m.stances) == g.counts["stances"]
    structural = check(m, semantics=False)
    # a tiny map leaves perspectives unused and may leave a claim alone; a real one is clean
    allowed = {"W303", "W304"} if n < 100 else set()
    assert {d.code for d in structural} <= allowed, [str(d) for d in structural]
    assert not [d for d in check(m) if d.is_error]


def test_about_two_relations_and_twelve_words_per_claim() -> None:
    g = generate(2000, seed=1)
    assert 1.7 <= g.counts["relations"] / g.counts["claims"] <= 2.3
    m = parse(g.argmap_text)
    words = sum(len(c.text.split()) for c in m.claims) / len(m.claims)
    assert 11 <= words <= 13
    assert g.counts["linked"] and g.counts["undercuts"] and g.counts["contradictions"]


@pytest.mark.parametrize("n", [1, 50, 1000])
def test_argdown_text_has_the_same_statements_and_relations(n: int) -> None:
    g = generate(n)
    text = g.argdown_text
    statements = re.findall(r"^\[(c\d+)\]: (.*?)((?: #[\w-]+)*)$", text, flags=re.M)
    assert [s[0] for s in statements] == [f"c{i}" for i in range(n)]
    m = parse(g.argmap_text)
    assert [s[1] for s in statements] == [c.text for c in m.claims]
    arrows = re.findall(r"^  (\+>|->|><|_>) ", text, flags=re.M)
    arguments = re.findall(r"^<(s\d+-\d+)>(?::|$)", text, flags=re.M)
    assert len(arguments) == g.counts["named"]
    assert len(arrows) + len(arguments) == g.counts["relations"]
    assert arrows.count("->") == g.counts["rebuttals"]
    assert arrows.count("><") == g.counts["contradictions"]
    assert arrows.count("_>") == g.counts["undercuts"]
    tags = sum(len(s[2].split()) for s in statements)
    assert tags == g.counts["stances"]


def test_argdown_cli_reads_the_generated_text(tmp_path: Path) -> None:
    from bench.run import find_argdown

    command, why = find_argdown()
    if command is None:
        if os.environ.get("ARGMAP_REQUIRE_ARGDOWN"):  # CI installed it: it must be found
            pytest.fail(f"ARGMAP_REQUIRE_ARGDOWN is set but: {why}")
        pytest.skip(why)
    g = generate(200, seed=2)
    _, path = g.write(tmp_path)
    out = tmp_path / "out"
    r = run_once([*command, "json", str(path), str(out)], timeout=120)
    assert r.rc == 0, r.stdout + r.stderr
    assert "error" not in (r.stdout + r.stderr).lower()
    data = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    assert len(data["statements"]) == 200
    assert len(data["arguments"]) == g.counts["named"]
    assert len(data["relations"]) + len(data["arguments"]) == g.counts["relations"]
    kinds = {r["relationType"] for r in data["relations"]}
    assert kinds == {"support", "attack", "undercut", "contradictory"}


def test_peak_memory_is_the_child_s_own() -> None:
    """A child forked from this (big) process reports its own peak, not ours."""
    small = run_once([sys.executable, "-c", "pass"])
    big = run_once([sys.executable, "-c", "x = bytearray(80_000_000)"])
    assert small.rc == big.rc == 0
    assert 0 < small.maxrss < 60_000_000
    assert big.maxrss - small.maxrss > 70_000_000
    failing = run_once([sys.executable, "-c", "import sys; sys.exit(3)"])
    assert failing.rc == 3


def test_run_harness_prints_the_table(tmp_path: Path) -> None:
    """bench/run.py end to end on a tiny map (Argdown too when it is installed)."""
    from bench.run import main

    out = tmp_path / "table.md"
    code = main(["--sizes", "20", "--repeat", "1", "--only", "check", "--markdown", str(out)])
    text = out.read_text(encoding="utf-8")
    assert code == 0, text
    assert "| 20 |" in text
    assert "(!)" not in text
    assert re.search(r"speed probe \d+\.\d{3} s", text)  # at the start, with the machine
    assert re.search(r"speed probe at the end: \d+\.\d{3} s", text)
