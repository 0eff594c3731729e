"""argmap evaluate, argmap perspectives and argmap framework, run through the real entry point.

Golden outputs live in tests/data/semantics/ (ARGMAP_UPDATE_GOLDEN=1 rewrites them)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.semantics.iccma import from_apx, from_i23
from tests.conftest import DATA, MAPS, Result, golden

HERE = DATA / "semantics"
DRONES = str(HERE / "drones.argmap")
NIXON = str(MAPS / "nixon-diamond.argmap")
Cli = Callable[..., Result]


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["evaluate", DRONES], "evaluate-grounded.txt"),
        (["evaluate", DRONES, "--semantics", "preferred"], "evaluate-preferred.txt"),
        (["evaluate", NIXON, "-s", "stable", "--rule", "attacks"], "evaluate-stable-attacks.txt"),
        (["evaluate", DRONES, "--perspective", "radic"], "evaluate-radic.txt"),
        (["evaluate", DRONES, "-p", "savkovic", "-s", "preferred"], "evaluate-savkovic-preferred.txt"),
        (["perspectives", DRONES], "perspectives.txt"),
        (["perspectives", DRONES, "--format", "markdown"], "perspectives.md"),
        (["perspectives", DRONES, "--format", "csv"], "perspectives.csv"),
        (["framework", DRONES, "--to", "apx"], "drones.apx"),
        (["framework", DRONES, "--to", "i23"], "drones.i23"),
    ],
)
def test_golden_outputs(cli: Cli, args: list[str], name: str) -> None:
    if args[0] in ("evaluate", "perspectives"):
        args = [*args, "--width", "100"]
    r = cli(*args)
    assert r.code == 0, r.err
    assert r.err == ""
    golden(HERE / name, r.out.replace(str(HERE) + "/", "").replace(str(MAPS) + "/", ""))


def test_evaluate_json(cli: Cli) -> None:
    r = cli("evaluate", DRONES, "-s", "preferred", "-p", "radic", "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["semantics"] == "preferred" and doc["perspective"] == "radic"
    assert doc["labels"]["bridgehead"] == "in" and doc["labels"]["commerce"] == "out"
    assert doc["view"]["admissible"] is True
    assert doc["view"]["against_map"] == {"bridgehead": "undec"}
    whole = json.loads(cli("evaluate", DRONES, "-s", "preferred", "-f", "json").out)
    assert whole["count"] == 2 and whole["exhaustive"] is True
    assert sorted(map(tuple, whole["extensions"])) == [
        ("bridgehead", "drones", "state", "weapons"),
        ("drones", "nato", "state", "weapons"),
    ]
    assert whole["credulous"] == ["bridgehead", "drones", "nato", "state", "weapons"]


def test_perspectives_json(cli: Cli) -> None:
    doc = json.loads(cli("perspectives", str(MAPS / "nixon-diamond.argmap"), "-f", "json").out)
    assert doc["perspectives"] == ["dove", "hawk", "sceptic"]
    pacifist = next(row for row in doc["matrix"] if row["claim"] == "pacifist")
    assert pacifist == {
        "claim": "pacifist",
        "label": "undec",
        "stances": {"dove": "accept", "hawk": "reject", "sceptic": "reject"},
    }
    assert {(a["a"], a["b"]) for a in doc["agreement"]} == {
        ("dove", "hawk"),
        ("dove", "sceptic"),
        ("hawk", "sceptic"),
    }
    assert [c["claim"] for c in doc["cruxes"]] == ["pacifist", "not-pacifist"]


def test_framework_writes_a_file_and_refuses_the_input(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "drones.apx"
    r = cli("framework", DRONES, "-o", str(out))
    assert r.code == 0 and r.out == ""
    f = from_apx(out.read_text())
    assert "arming" in f.names and f.attack_count() == 18
    i23 = tmp_path / "p.af"
    assert cli("framework", DRONES, "-t", "i23", "-p", "savkovic", "-o", str(i23)).code == 0
    assert "commerce" in from_i23(i23.read_text()).names
    copy = tmp_path / "m.argmap"
    copy.write_text(Path(DRONES).read_text())
    r = cli("framework", str(copy), "-o", str(copy))
    assert r.code == 2 and "refusing to overwrite the input file" in r.err
    assert copy.read_text() == Path(DRONES).read_text()


def test_reads_standard_input(cli: Cli) -> None:
    r = cli("evaluate", "-", stdin='claim a "A."\nclaim b "B."\na rebuts b\n')
    assert r.code == 0 and "IN (1)\n  a  A." in r.out and "OUT (1)\n  b  B." in r.out


def test_unknown_perspective_is_a_usage_error_with_a_suggestion(cli: Cli) -> None:
    r = cli("evaluate", DRONES, "--perspective", "radik")
    assert r.code == 2 and r.out == ""
    assert "no perspective 'radik'" in r.err and "did you mean 'radic'?" in r.err
    assert "Traceback" not in r.err


def test_a_map_with_errors_is_not_evaluated(cli: Cli) -> None:
    r = cli("evaluate", "-", stdin='claim a "A."\nghost rebuts a\n')
    assert r.code == 1 and r.out == ""
    assert "E201" in r.err and "the map has errors; it was not evaluated" in r.err


def test_syntax_errors_and_missing_files(cli: Cli) -> None:
    r = cli("perspectives", "-", stdin='claim a "A\n')
    assert r.code == 1 and "E102" in r.err
    r = cli("framework", "/nonexistent/x.argmap")
    assert r.code == 2 and "no such file" in r.err


def test_time_limit_hit_is_said_plainly(cli: Cli, tmp_path: Path) -> None:
    r_ = random.Random(5)
    n = 2000
    lines = [f'claim c{i} "C{i}."' for i in range(n)]
    for b in range(n):
        for a in r_.sample([x for x in range(n) if x != b], r_.choice((2, 3))):
            lines.append(f"c{a} rebuts c{b}")
    path = tmp_path / "hard.argmap"
    path.write_text("\n".join(lines) + "\n")
    r = cli("evaluate", str(path), "-s", "preferred", "--time-limit", "0.3")
    assert r.code == 1 and r.out == ""
    assert "hit its time limit of 0.3 s" in r.err and "--time-limit" in r.err
    r = cli("evaluate", str(path), "-f", "json")
    assert r.code == 0 and set(json.loads(r.out)["labels"].values()) == {"undec"}


def test_the_attacks_rule_refuses_undercuts_of_supports(cli: Cli) -> None:
    r = cli("evaluate", DRONES, "--rule", "attacks")
    assert r.code == 2 and r.out == "" and "Traceback" not in r.err
    assert "undercuts the support 'arming' (line 26)" in r.err and "--rule evidential" in r.err


def test_help_lists_the_commands(cli: Cli) -> None:
    r = cli("--help")
    for command in ("evaluate", "perspectives", "framework"):
        assert command in r.out


def _chain(n: int) -> str:
    """n claims in 2-cycles (c0 <-> c1, c2 <-> c3 ...): 2 ** (n // 2) preferred labellings."""
    lines = [
        f'claim c{i} "Claim number {i}, with a text long enough to be cut at a narrow width."'
        for i in range(n)
    ]
    lines += [f"c{i} contradicts c{i + 1}" for i in range(0, n - 1, 2)]
    return "\n".join(lines) + "\n"


def test_extensions_are_summarised_unless_all_is_asked(cli: Cli) -> None:
    text = _chain(12)
    r = cli("evaluate", "-", "-s", "preferred", "--width", "60", stdin=text)
    assert r.code == 0, r.err
    assert (
        "64 preferred labellings" in r.out and "Sceptically accepted (in every labelling): 0 claims" in r.out
    )
    assert "Credulously accepted (in some labelling): 12 claims" in r.out
    assert "64 extensions found; --all lists them" in r.out and "1. {" not in r.out
    assert max(len(line) for line in r.out.splitlines()) <= 60
    # natural order: c2 before c10
    cred = next(line for line in r.out.splitlines() if line.startswith("  {c0"))
    assert cred.index("c2,") < cred.index("c10")
    full = cli("evaluate", "-", "-s", "preferred", "--all", "--limit", "3", stdin=text)
    assert "Extensions, claims only (the first 3; stopped by the limit):" in full.out
    assert "  1. {" in full.out and "  4. {" not in full.out
    doc = json.loads(cli("evaluate", "-", "-s", "preferred", "-f", "json", stdin=text).out)
    assert doc["credulous"][:4] == ["c0", "c1", "c2", "c3"] and doc["credulous"][-1] == "c11"


def test_perspectives_leaves_out_pairs_apart_and_counts_in_the_singular(cli: Cli) -> None:
    text = (
        'perspective a "A"\nperspective b "B"\nperspective c "C"\nperspective d "D"\n'
        'claim x "X." held by a, b\nclaim y "Y." held by c\n'
    )
    r = cli("perspectives", "-", "--width", "80", stdin=text)
    assert r.code == 0, r.err
    assert "  a / b: 1.00 over 1 shared claim\n" in r.out
    assert "5 pairs of perspectives with no claim or relation in common are left out" in r.out
    assert "a / c" not in r.out


def test_a_wide_matrix_numbers_its_columns_and_fits_the_width(cli: Cli) -> None:
    ps = [f"perspective-number-{k}" for k in range(12)]
    text = "".join(f'perspective {p} "P"\n' for p in ps) + f'claim x "X." held by {", ".join(ps)}\n'
    r = cli("perspectives", "-", "--width", "50", stdin=text)
    assert r.code == 0, r.err
    assert r.out.startswith("Perspectives: 1 perspective-number-0, 2 perspective-number-1")
    table = r.out.split("\n\n")[1]
    assert max(len(line) for line in table.splitlines()) <= 50


def test_perspectives_prints_the_answers_per_question(cli: Cli) -> None:
    r = cli("perspectives", str(MAPS / "convention-1787.argmap"))
    assert r.code == 0
    block = r.out.split("Answers (per question, what each perspective holds):\n")[1]
    assert "  q-bill: Should the Constitution be prefaced with a bill of rights?\n" in block
    assert "    sherman: not yes (rejects need-bill)\n" in block
    assert "    franklin: yes (sign)\n" in block
    md = cli("perspectives", str(MAPS / "convention-1787.argmap"), "-f", "markdown")
    assert "| q-sign | mason | not yes (rejects sign) |" in md.out
