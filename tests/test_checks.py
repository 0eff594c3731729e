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


# ---- language 2: relations, provenance, sections -------------------------------------------------------
L2_BASE = """
perspective w "Witness"
perspective c "Council"
claim rating "Rated 'monitor'."
claim diligent "The council was diligent."
claim only "A 'monitor' rating calls for no repairs."
claim rule "The rules call for repairs after 'monitor'."
r1: rating rebuts diligent by w
u1: only undercuts r1 by c
u2: rule undercuts u1 by w
"""


def test_attacks_on_attacks_check_clean() -> None:
    assert run(L2_BASE) == []


def test_undercut_aimed_at_a_claim_and_at_nothing() -> None:
    found = run(L2_BASE + "u3: rule undercuts rating\nu4: rule undercuts nothing\n")
    (aimed,) = [d for d in found if d.code == "E207"]
    assert (aimed.span.line, aimed.span.column) == (11, 20)
    assert "rebuts rating" in (aimed.hint or "")
    (missing,) = [d for d in found if d.code == "E209"]
    assert missing.span.line == 12 and "'nothing'" in missing.message
    assert [d.code for d in run(L2_BASE + "rule undercuts u9\n")] == ["E209"]
    assert run(L2_BASE + "rule undercuts u11\n")[0].hint == "did you mean 'u1'?"


def test_stances_on_relations_resolve() -> None:
    assert run(L2_BASE + "c rejects r1\nw accepts u2\n") == []
    (d,) = run(L2_BASE + "c rejects r9\n")
    assert d.code == "E201" and "a claim or a named relation" in d.message
    (d,) = run(L2_BASE + "c rejects w\n")
    assert d.code == "E202" and "a claim or a named relation is needed" in d.message


def test_a_perspective_asserting_a_relation_it_rejects() -> None:
    (d,) = run(L2_BASE + "w rejects r1\n")
    assert d.code == "E210" and d.span.line == 11
    assert d.related[0].span.line == 8
    (d,) = run(L2_BASE.replace("u2: rule undercuts u1 by w", "u2: rule undercuts u1 by w rejected by w"))
    assert d.code == "E210"


def test_accepting_and_rejecting_a_relation() -> None:
    assert codes(L2_BASE + "c accepts r1\nc rejects r1\n") == ["E204"]


def test_conflicts_count_relation_stances() -> None:
    text = 'perspective p "P"\nclaim a "A." held by p\nclaim b "B." held by p\nr: a rebuts b\n'
    assert codes(text) == ["W302"]
    assert codes(text + "p rejects r\n") == []  # p does not grant the attack
    undercut = text + 'claim x "X." held by p\nx undercuts r\n'
    assert codes(undercut) == []  # p undercuts the attack itself
    linked = (
        'perspective p "P"\nclaim a "A." held by p\nclaim b "B." held by p\n'
        'claim t "T." held by p\na + b rebuts t\n'
    )
    (d,) = run(linked)
    assert d.code == "W302" and "together attack 't'" in d.message
    assert codes(linked.replace('claim b "B." held by p', 'claim b "B."')) == []
    # accepting the claims that undercut a relation p accepts (a stance on the relation)
    accepted = L2_BASE + "c accepts only\nw accepts only, r1\n"
    assert [d.message for d in run(accepted) if d.code == "W302"] == [
        "'w' asserts rebuttal 'r1' but accepts 'only', which undercuts it"
    ]
    # accepting the undercut itself while asserting what it undercuts
    assert [d.message for d in run(L2_BASE + "w accepts u1\n")] == [
        "'w' accepts undercut 'u1' but asserts 'r1', the relation it undercuts"
    ]
    assert run(L2_BASE + "c accepts u1\n") == []


def test_self_attack_is_a_warning_and_undercut_cycles() -> None:
    assert codes('claim a "A."\nu: a undercuts u\n') == ["W310"]
    text = L2_BASE + "u5: rule undercuts u6\nu6: only undercuts u7\nu7: rating undercuts u5\n"
    (d,) = run(text)
    assert d.code == "W310" and "u5 -> u6 -> u7 -> u5" in d.message and len(d.related) == 2


def test_sections() -> None:
    text = (
        'section a "A" in b\nsection b "B" in c\nsection c "C" in a\n'
        'claim x "X." answers q\nquestion q "Q?"\n'
    )
    (d,) = run(text)
    assert d.code == "E208" and "a in b in c in a" in d.message
    assert codes('section a "A" in nowhere\nclaim x "X." answers q\nquestion q "Q?"\n') == ["E201"]
    assert codes('section a "A" in x\nclaim x "X." answers q\nquestion q "Q?"\n') == ["E202"]
    assert codes('section a "A" in a\nclaim x "X." answers q\nquestion q "Q?"\n') == ["E208"]


def test_dates() -> None:
    ok = ["2013", "2013-05", "2013-05-17", "2013-05-17T10:30", "2013-05-17T10:30:00Z"]
    bad = ["2013-13", "2013-02-30", "May 2013", "13", "2013/05/17", ""]
    from argmap.checks.provenance import is_date

    assert all(is_date(d) for d in ok)
    assert not any(is_date(d) for d in bad)
    text = (
        'perspective p "P"\nclaim a "A." date "spring" answers q\nquestion q "Q?"\n'
        'p accepts a on "2013-13"\nclaim b "B." answers q quote p "Said." on "soon"\n'
    )
    found = [d for d in run(text) if d.code == "W311"]
    assert [d.span.line for d in found] == [2, 4, 5]
    # a source's date stays free text
    free = 'source s "S" date "spring 2023"\nclaim a "A." source s answers q\nquestion q "Q?"\n'
    assert codes(free) == []


def test_quotes_checked_against_their_source(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "speech.txt").write_text(
        "Opening words.\nWe will “never”\n   surrender — not today.\nClosing words.\n", encoding="utf-8"
    )
    head = 'source sp "Speech" file "texts/speech.txt"\nquestion q "Q?"\nclaim a "A." answers q source sp\n'
    good = (
        head
        + '  quote "We will \\"never\\" surrender - not today." from sp\n'
        + '  quote "Opening ... Closing words." from sp\n'
    )
    path = tmp_path / "m.argmap"
    path.write_text(good, encoding="utf-8")
    assert argmap.check(argmap.load(path)) == []
    path.write_text(head + '  quote "We shall never surrender." from sp\n', encoding="utf-8")
    (d,) = argmap.check(argmap.load(path))
    assert d.code == "W312" and d.span.line == 4
    assert "on line 2" in d.message and "We will" in d.message
    assert d.related[0].span.line == 2
    path.write_text(head.replace("texts/speech.txt", "texts/gone.txt"), encoding="utf-8")
    (d,) = argmap.check(argmap.load(path))
    assert d.code == "W313" and "does not exist" in d.message
    (tmp_path / "texts" / "latin1.txt").write_bytes(b"caf\xe9")
    path.write_text(head.replace("speech.txt", "latin1.txt"), encoding="utf-8")
    assert "not UTF-8" in argmap.check(argmap.load(path))[0].message


def test_unknown_allow_codes() -> None:
    found = run('allow W399\nclaim a "A." answers q allow E2, X1\nquestion q "Q?"\n')
    assert [(d.code, d.span.line) for d in found] == [("W314", 1), ("W314", 2)]
    assert "'X1'" in found[1].message
    # the drawing's codes (W5xx) are known though checking does not import the drawing
    assert codes('allow W500\nclaim a "A." answers q\nquestion q "Q?"\n') == []


# ---- one finding per undefined name; linear on hostile shapes ------------------------------------------
HOSTILE = ROOT / "tests" / "data" / "hostile"


def test_one_undefined_name_is_one_error_with_its_uses() -> None:
    text = 'claim a "A."\nclaim b "B."\nkurt accepts a\nkurt accepts b\na supports b by kurt\n'
    (d,) = run(text)
    assert d.code == "E201" and (d.span.line, d.span.column) == (3, 1)
    assert "used 3 times, on lines 3, 4, 5" in d.message
    assert [r.span.line for r in d.related] == [4, 5]
    m = argmap.load(HOSTILE / "check-one-name-many-uses.argmap")
    (d,) = argmap.check(m)
    assert d.code == "E201" and "used 1000 times" in d.message
    assert len(d.related) == 20 and "and 980 more" in d.message


def test_a_linked_support_of_undefined_premises_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 21 item 4: each finding used to rescan the statement (2.7 s at 1,000 premises)."""
    from argmap.checks import registry

    scanned: list[int] = []
    words = registry._words

    def counting(lines: list[str], span: argmap.Span) -> dict[str, list[argmap.Span]]:
        scanned.append(1)
        return words(lines, span)

    monkeypatch.setattr(registry, "_words", counting)
    m = argmap.load(HOSTILE / "check-linked-undefined-premises.argmap")
    found = argmap.check(m)
    assert len(found) == 2001 and {d.code for d in found} == {"E201"}
    assert len(scanned) == 1  # the statement was read once for all 2,001 findings
    assert [d.span.column for d in found[:3]] == [1, 6, 11]


def test_the_report_shows_a_window_of_a_long_line() -> None:
    """Issue 21 item 6: every finding printed the whole source line, however long."""
    from argmap.diagnostics.report import format_text

    for name in ("check-long-line.argmap", "check-linked-undefined-premises.argmap"):
        path = HOSTILE / name
        text = path.read_text(encoding="utf-8")
        found = argmap.check(argmap.load(path))
        report = format_text(found, {str(path): text})
        longest = max(len(line) for line in report.split("\n"))
        assert longest < 400, name
        assert "…" in report


# ---- silencing -------------------------------------------------------------------------------------------
SILENCED = """allow W305 "listed for the record"
source s "Unused"
section hearing "Hearing"
  allow W304
perspective clerk "Clerk"
section inner "Inner" in hearing
perspective usher "Usher"
section other "Other"
perspective guard "Guard"
perspective w "Witness"
claim a "A." answers q
claim b "B." answers q
question q "Q?"
a contradicts b
w accepts a, b
  allow W302 "she contradicts herself"
claim lonely "Alone." allow W303
claim lonely2 "Alone too."
"""


def test_allow_on_a_statement_a_section_and_the_map() -> None:
    m = argmap.parse(SILENCED, "s.argmap")
    result = argmap.check_map(m, settings=None)
    assert sorted((d.code, d.span.line) for d in result.findings) == [("W303", 18), ("W304", 9)]
    assert sorted((s.diagnostic.code, s.diagnostic.span.line) for s in result.silenced) == [
        ("W302", 15), ("W303", 17), ("W304", 5), ("W304", 7), ("W305", 2)
    ]  # fmt: skip
    assert result.silenced_by() == {"allow": 5}
    assert {s.reason for s in result.silenced if s.diagnostic.code == "W305"} == {"listed for the record"}
    assert len(argmap.check(m, allow=False, settings=None)) == 7


def test_select_and_ignore_take_codes_and_their_starts() -> None:
    m = argmap.parse(SILENCED, "s.argmap")
    assert [d.code for d in argmap.check(m, select=["W303"], settings=None)] == ["W303"]
    assert [d.code for d in argmap.check(m, ignore=["W3"], settings=None)] == []
    assert [d.code for d in argmap.check(m, ignore=["W303,W304"], settings=None)] == []
    result = argmap.checks.check_map(m, select=["W304"], settings=None)
    assert result.silenced_by() == {"allow": 5, "select": 1}
    with pytest.raises(argmap.UnknownChoiceError, match="W39"):
        argmap.check(m, ignore=["W39"])


def test_an_allowed_error_still_stops_evaluate(tmp_path: Path) -> None:
    from conftest import run_cli

    path = tmp_path / "e.argmap"
    path.write_text('claim a "A."\nclaim b "B."\na + b supports a allow E203\n', encoding="utf-8")
    assert run_cli("check", str(path)).code == 0
    result = run_cli("evaluate", str(path))
    assert result.code == 1 and "E203" in result.out + result.err


def test_project_settings(tmp_path: Path) -> None:
    from argmap.checks.config import Settings, find_settings

    (tmp_path / "pyproject.toml").write_text('[tool.argmap]\nignore = ["W303"]\nstrict = true\n')
    sub = tmp_path / "maps" / "deep"
    sub.mkdir(parents=True)
    path = sub / "m.argmap"
    path.write_text('claim a "A."\nperspective p "P"\n', encoding="utf-8")
    found = find_settings(path)
    assert found == Settings(None, ("W303",), True, tmp_path / "pyproject.toml")
    result = argmap.checks.check_map(argmap.load(path))
    assert [d.code for d in result.findings] == ["W304"] and result.silenced_by() == {"config": 1}
    (sub / "argmap.toml").write_text('select = ["E"]\n')  # nearer, so it wins
    assert argmap.check(argmap.load(path)) == []
    (sub / "argmap.toml").write_text('selct = ["E"]\n')
    with pytest.raises(argmap.ArgmapError, match="unknown setting 'selct'") as info:
        argmap.check(argmap.load(path))
    assert info.value.hint == "did you mean 'select'?"
    (sub / "argmap.toml").write_text('select = ["W39"]\n')
    with pytest.raises(argmap.ArgmapError, match="matches no code"):
        find_settings(path)
    (sub / "argmap.toml").write_text("select = [\n")
    with pytest.raises(argmap.ArgmapError, match="not valid TOML"):
        find_settings(path)
    (sub / "argmap.toml").unlink()
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")  # no [tool.argmap]: none
    assert find_settings(path) == Settings()


def test_the_cli_silences_and_counts(tmp_path: Path) -> None:
    import json

    from conftest import run_cli

    path = tmp_path / "s.argmap"
    path.write_text(SILENCED, encoding="utf-8")
    result = run_cli("check", str(path))
    assert result.code == 0
    assert result.out.strip().splitlines()[-1] == ("0 errors, 2 warnings in 1 file (5 silenced: 5 by allow)")
    result = run_cli("check", "--ignore", "W303", "--ignore", "W304", str(path))
    assert result.out.strip() == "ok: 1 file checked, no findings (7 silenced: 5 by allow, 2 by --ignore)"
    assert run_cli("check", "--strict", str(path)).code == 1
    assert run_cli("check", "--strict", "--select", "E", str(path)).code == 0
    doc = json.loads(run_cli("check", "--format", "json", "--select", "W303", str(path)).out)
    assert doc["silenced"] == {"allow": 5, "select": 1} and len(doc["diagnostics"]) == 1
    bad = run_cli("check", "--ignore", "W399", str(path))
    assert bad.code == 2 and "W399" in bad.err
    (tmp_path / "argmap.toml").write_text('ignore = ["W303"]\nstrict = true\n')
    result = run_cli("check", str(path))
    assert result.code == 1  # strict from the settings: W304 fails
    assert "1 by the project's settings" in result.out
    assert run_cli("check", "--no-strict", str(path)).code == 0
    (tmp_path / "argmap.toml").write_text("strict = 'yes'\n")
    bad = run_cli("check", str(path))
    assert bad.code == 2 and "'strict' must be true or false" in bad.err
