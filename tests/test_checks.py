"""The checker: positions, messages and hints of its findings, beyond the documented examples."""

from __future__ import annotations

import argmap
from argmap.diagnostics import Diagnostic


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
    assert len(found) == 5
    messages = " | ".join(d.message for d in found)
    assert "the question 'a' is a claim" in messages
    assert "the perspective 'q' is a question" in messages


def test_self_relations() -> None:
    assert codes('claim a "A."\na rebuts a\n').count("E203") == 1
    assert codes('claim a "A."\na contradicts a\n').count("E203") == 1
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


def test_check_is_a_method_too() -> None:
    m = argmap.parse('claim a "A."\n')
    assert [d.code for d in m.check()] == ["W303"]
