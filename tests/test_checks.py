"""The checker: positions, messages and hints of its findings, beyond the documented examples."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MAPS, ROOT

import argmap
from argmap.checks import CODES, FAMILIES
from argmap.checks.registry import Context, Family, discover
from argmap.checks.registry import run as run_families
from argmap.diagnostics import Diagnostic, sort_key
from argmap.model import ArgumentMap
from argmap.semantics import findings as semantics_findings
from argmap.syntax import codes as syntax_codes
from argmap.syntax.parser import ParseError


def run(text: str) -> list[Diagnostic]:
    return argmap.check(argmap.parse(text, "t.argmap"), semantics=False)


def codes(text: str) -> list[str]:
    return [d.code for d in run(text)]


def test_clean_map_has_no_findings() -> None:
    text = """
perspective p "P"
question q "Q?"
source s "S"
claim a "A." answers q held by p source s
claim b "B."
arming: a supports b by p
claim c "C."
c undercuts arming
claim d "D."
d rebuts c by p
p accepts d
"""
    assert run(text) == []


def test_duplicate_points_at_both_places() -> None:
    (d,) = [d for d in run('claim x "A."\nperspective x "X"\nx accepts x\n') if d.code == "E200"]
    assert (d.span.line, d.span.column) == (2, 13)
    assert d.related[0].span.line == 1
    assert "a claim" in d.message and "a perspective" in d.message


def test_undefined_reference_did_you_mean_and_caret_on_the_name() -> None:
    found = run('claim drones "D."\nclaim bridgehead "B."\ndrones + dron support bridgehead\n')
    (d,) = [d for d in found if d.code == "E201"]
    assert (d.span.line, d.span.column, d.span.end_column) == (3, 10, 14)
    assert d.hint == "did you mean 'drones'?"


def test_undefined_without_close_name_suggests_a_definition() -> None:
    (d,) = [d for d in run('claim a "A."\na supports zzz\n') if d.code == "E201"]
    assert "claim zzz" in (d.hint or "")


def test_wrong_kinds() -> None:
    text = """
perspective p "P"
question q "Q?"
claim a "A." answers a held by q
claim b "B."
s: a supports b
a rebuts s
b undercuts a
q accepts a
"""
    found = [d for d in run(text) if d.code == "E202"]
    assert len(found) == 4
    (aimed,) = [d for d in run(text) if d.code == "E207"]  # `b undercuts a`: a is a claim
    assert aimed.span.line == 8
    messages = " | ".join(d.message for d in found)
    assert "the question 'a' is a claim" in messages
    assert "the perspective 'q' is a question" in messages


def test_self_relations() -> None:
    # self-attack is legal in the theory (a self-defeating argument): a warning, not E203
    assert codes('claim a "A."\na rebuts a\n') == ["W309"]
    assert codes('claim a "A."\na contradicts a\n') == ["W309"]
    assert codes('claim a "A."\nclaim b "B."\na + b rebuts a\n') == ["W309"]
    assert codes('claim a "A."\nclaim b "B."\na + b support a\n').count("E203") == 1


def test_accept_and_reject() -> None:
    found = run('perspective p "P"\nclaim a "A." held by p\nclaim b "B."\na supports b\np rejects a\n')
    (d,) = [d for d in found if d.code == "E204"]
    assert d.span.line == 5
    assert d.related[0].span.line == 2


def test_cycle_is_printed() -> None:
    text = 'claim a "A."\nclaim b "B."\nclaim c "C."\na supports b\nb supports c\nc supports a\n'
    (d,) = [d for d in run(text) if d.code == "W300"]
    assert "a -> b -> c -> a" in d.message
    assert len(d.related) == 2


def test_two_separate_cycles() -> None:
    text = (
        "".join(f'claim {x} "{x}."\n' for x in "abcd")
        + "a supports b\nb supports a\nc supports d\nd supports c\n"
    )
    assert codes(text).count("W300") == 2


def test_deep_support_chain_has_no_recursion_limit() -> None:
    n = 5000
    text = "".join(f'claim c{i} "C{i}."\n' for i in range(n))
    text += "".join(f"c{i} supports c{i + 1}\n" for i in range(n - 1)) + f"c{n - 1} supports c0\n"
    (d,) = [d for d in run(text) if d.code == "W300"]
    assert d.message.count("->") == n


def test_support_and_attack() -> None:
    assert "W301" in codes('claim a "A."\nclaim b "B."\na supports b\nb contradicts a\n')


def test_perspective_conflicts() -> None:
    text = 'perspective p "P"\nclaim a "A." held by p\nclaim b "B." held by p\na rebuts b\n'
    assert codes(text).count("W302") == 1
    undercut = (
        'perspective p "P"\nclaim a "A."\nclaim b "B."\nclaim u "U." held by p\n'
        "s: a supports b by p\nu undercuts s\n"
    )
    assert codes(undercut).count("W302") == 1


def test_unused_things() -> None:
    text = 'perspective p "P"\nsource s "S"\nquestion q "Q?"\nclaim a "A."\n'
    assert sorted(codes(text)) == ["W303", "W304", "W305", "W306"]


def test_quote_speaker_counts_as_use() -> None:
    text = 'perspective p "P"\nclaim a "A." answers q quote p "I said it."\nquestion q "Q?"\n'
    assert codes(text) == []


def test_repeats() -> None:
    assert codes('claim a "A."\nclaim b "B."\na supports b\na supports b\n') == ["W307"]
    # the same relation asserted by different perspectives is not a repeat
    text = (
        'perspective p "P"\nperspective r "R"\nclaim a "A."\nclaim b "B."\n'
        "a supports b by p\na supports b by r\n"
    )
    assert codes(text) == []


def test_findings_are_sorted_by_position() -> None:
    found = run('claim a "A."\nzz supports a\nclaim b "B."\nb supports yy\n')
    lines = [d.span.line for d in found]
    assert lines == sorted(lines)


def test_a_lone_claim_is_an_orphan() -> None:
    m = argmap.parse('claim a "A."\n')
    assert [d.code for d in argmap.check(m)] == ["W303"]


# ---- the families and their registry -------------------------------------------------------------------
DOC_EXAMPLES = re.findall(
    r"```argmap \w+ [EW]\d{3}\n(.*?)```", (ROOT / "docs" / "diagnostics.md").read_text(), re.S
)


def example_maps() -> list[ArgumentMap]:
    out = [argmap.load(p) for p in sorted(MAPS.glob("*.argmap"))]
    for text in DOC_EXAMPLES:
        try:
            out.append(argmap.parse(text, "example.argmap"))
        except ParseError:
            continue
    return out


def test_the_families_run_in_a_fixed_order() -> None:
    names = [f.name for f in FAMILIES]
    known = ["definitions", "references", "unused", "structure", "perspectives", "repeats"]
    assert [n for n in names if n in known] == known
    orders = [f.order for f in FAMILIES]
    assert orders == sorted(set(orders))


def test_the_catalogue_is_the_parsers_the_families_and_the_semantics_codes() -> None:
    owned = [*syntax_codes.CODES, *(c for f in FAMILIES for c in f.codes), *semantics_findings.CODES]
    assert len(owned) == len(set(owned)), "a code has two owners"
    assert set(owned) == set(CODES)
    assert list(CODES) == sorted(CODES, key=lambda c: int(c[1:]))


def test_the_catalogue_is_whole_in_a_fresh_process() -> None:
    code = "import argmap; print(*argmap.CODES)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == list(CODES)


def test_each_family_reports_its_own_codes_and_the_same_findings_alone() -> None:
    """Running each family by itself gives its share of what check() finds, and only codes it
    declares: a family depends on no other having run (shared tables are built on demand)."""
    for m in example_maps():
        alone: list[Diagnostic] = []
        for family in FAMILIES:
            found = run_families(m, [family])
            assert {d.code for d in found} <= set(family.codes), (family.name, found)
            alone.extend(found)
        together = [d for d in argmap.check(m, semantics=False, allow=False) if d not in m.parse_diagnostics]
        assert sorted(alone, key=sort_key) == together


def test_a_new_family_is_one_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "morechecks"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "helpers.py").write_text("X = 1\n")  # defines no FAMILY: not a family
    (package / "loud.py").write_text(
        "from argmap.checks.registry import Family\n"
        "from argmap.diagnostics import CodeInfo, Severity, register_codes\n"
        'CODES = register_codes({"W307": CodeInfo(Severity.WARNING, "repeated relation or stance")})\n'
        "def every_claim(context):\n"
        "    for c in context.map.claims:\n"
        '        context.emit("W307", c.span, f"{c.id} again")\n'
        'FAMILY = Family("loud", 5, CODES, (every_claim,))\n'
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    found = discover("morechecks", [str(package)])
    assert [f.name for f in found] == ["loud"]
    families = sorted([*FAMILIES, *found], key=lambda f: f.order)
    assert families[0].name == "loud"
    m = argmap.parse('claim a "A."\n')
    assert [d.message for d in run_families(m, families)] == [
        "a again",
        "claim 'a' stands alone: no relation touches it and it answers no question",
    ]


def test_shared_tables_are_built_once_and_dropped_after_their_last_user() -> None:
    built: list[int] = []

    def table(context: Context) -> int:
        built.append(1)
        return len(built)

    seen: list[int] = []

    def use(context: Context) -> None:
        seen.append(context.shared(table))

    first = Family("first", 1, {}, (use,), uses=(table,))
    second = Family("second", 2, {}, (use, use), uses=(table,))
    third = Family("third", 3, {}, (use,))
    run_families(argmap.parse(""), [first, second, third])
    assert seen == [1, 1, 1, 2]  # one table for the two families that use it; a new one after


def test_the_checks_import_no_step_above_them() -> None:
    code = "import sys, argmap.checks; print(*sorted(m for m in sys.modules if m.startswith('argmap.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    above = ("argmap.drawing", "argmap.formats", "argmap.cli")
    assert not [m for m in out.split() if m.startswith(above)]
