"""argmap.formats.writer: model -> .argmap text that parses back to the same map."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from interchange_strategies import ids, maps

from argmap.builder import MapBuilder
from argmap.formats.writer import VERB_IDS, escape, number, quote, unexpressible, write
from argmap.model import ArgumentMap, Claim, Source, Stance, Support
from argmap.syntax.parser import parse

ROOT = Path(__file__).resolve().parent.parent


@settings(max_examples=250, suppress_health_check=list(HealthCheck), deadline=None)
@given(maps())
def test_parse_of_write_is_the_same_map(m: ArgumentMap) -> None:
    text = write(m)
    assert parse(text) == m
    assert unexpressible(m) == []


@pytest.mark.parametrize("path", sorted((ROOT / "maps").glob("*.argmap")), ids=lambda p: p.name)
def test_write_round_trips_every_map(path: Path) -> None:
    m = parse(path.read_text(encoding="utf-8"))
    assert parse(write(m)) == m


@given(st.floats(0, 1))
def test_base_scores_are_written_as_plain_digits_and_read_back_exactly(value: float) -> None:
    text = number(value)
    assert "e" not in text.lower()
    assert float(text) == value
    assert parse(f'claim a "A." base {text}\n').claim("a").base == value


def test_the_reasons_given_for_allowed_codes_are_kept() -> None:
    text = (
        'claim two "T."\n  allow W303, W306 "both intended"\n  allow W999\n'
        'p accepts two allow W302 "she contradicts herself"\n'
    )
    m = parse(text)
    assert m.claim("two").allow_reasons == (("W303", "both intended"), ("W306", "both intended"))
    written = write(m)
    assert 'allow W303, W306 "both intended"' in written and "allow W999\n" in written
    assert 'allow W302 "she contradicts herself"' in written
    assert parse(written) == m


def test_escapes() -> None:
    assert escape('say "hi"\\\n\t') == 'say \\"hi\\"\\\\\\n\\t'
    assert escape("bell\x07 nel\x85 bom\ufeff ls\u2028") == "bell\\u{7} nel\\u{85} bom\\u{FEFF} ls\\u{2028}"
    assert quote("é ✓ 日本") == '"é ✓ 日本"'
    with pytest.raises(ValueError, match="surrogate"):
        escape("\ud800")


def test_keywords_as_ids() -> None:
    m = (
        MapBuilder()
        .perspective("by", "By")
        .claim("claim", "a claim called claim", kind="fact", held_by=["by"], tags=["note", "held"])
        .claim("title", "T")
        .support(["claim", "title"], "claim", name="supports", by=["by"])
        .accept("by", "title")
        .build()
    )
    text = write(m)
    assert parse(text) == m


def test_canonical_layout() -> None:
    m = (
        MapBuilder("Lunch")
        .perspective("ann", "Ann", role="cook")
        .perspective("bob", "Bob", role="eater")
        .claim("soup", "Soup is warm.", kind="fact", held_by=["ann"], note="checked")
        .claim("eat", "We should eat.", kind="policy")
        .support(["soup"], "eat", by=["ann"])
        .reject("bob", "eat")
        .build()
    )
    assert write(m) == (
        'title "Lunch"\n'
        "\n"
        'perspective ann "Ann" role "cook"\n'
        'perspective bob "Bob" role "eater"\n'
        "\n"
        'fact soup "Soup is warm."\n'
        "  held by ann\n"
        '  note "checked"\n'
        "\n"
        'policy eat "We should eat."\n'
        "\n"
        "soup supports eat by ann\n"
        "\n"
        "bob rejects eat\n"
    )


def test_multi_line_text_uses_a_long_string() -> None:
    m = ArgumentMap((Claim("a", 'first line\nsecond "quoted" line\n\nlast'),))
    text = write(m)
    assert '"""' in text
    assert parse(text) == m


def test_what_the_language_cannot_say_is_listed() -> None:
    misplaced = ArgumentMap((Claim("a", "A"), Claim("b", "B"), Stance("p", "a", True, True)))
    notes = unexpressible(misplaced)
    assert len(notes) == 1 and "inline" in notes[0]
    assert parse(write(misplaced)).stances == (Stance("p", "a", True, False),)
    with_note = ArgumentMap((Claim("a", "A"), Stance("p", "a", True, True, "why")))
    assert unexpressible(with_note)
    for verb in sorted(VERB_IDS):
        m = ArgumentMap((Source(verb, "S"),))
        assert unexpressible(m)
        with pytest.raises(ValueError, match="cannot be written"):
            write(m)


def test_multi_line_text_of_white_space_keeps_its_meaning() -> None:
    """Issue 21 item 8: a long string whose lines are all white space that is not a space or a
    tab (the parser strips none of its indentation) gained the writer's four spaces."""
    for text in ("\u3000\n", "\u3000\n\u2003", "\n\u00a0\n", "a\n\u3000"):
        m = ArgumentMap((Claim("a", "x", note=text),))
        assert parse(write(m)) == m, repr(text)


_ANY_STANCE = st.builds(
    Stance,
    ids,
    ids,
    st.booleans(),
    st.booleans(),
    st.none() | st.just("n"),
    st.none() | st.just("2013"),
    st.just(()) | st.just(("W302",)),
)


@st.composite
def _maps_with_stray_stances(draw: st.DrawFn) -> ArgumentMap:
    """Maps with stances anywhere, inline or not, on anything in the map or not."""
    elements = list(draw(maps(max_groups=6)).elements)
    names = [n for e in elements if (n := getattr(e, "id", None) or getattr(e, "name", None))]
    for _ in range(draw(st.integers(0, 4))):
        s = draw(_ANY_STANCE)
        if names and draw(st.booleans()):
            s = attrs.evolve(s, target=draw(st.sampled_from(names)))
        elements.insert(draw(st.integers(0, len(elements))), s)
    return ArgumentMap(tuple(elements))


@settings(max_examples=300, suppress_health_check=list(HealthCheck), deadline=None)
@given(_maps_with_stray_stances())
def test_what_the_writer_cannot_say_it_lists(m: ArgumentMap) -> None:
    """Issue 21 item 10: nothing is lost silently; parse(write(m)) == m or unexpressible says why."""
    try:
        text = write(m)
    except ValueError:
        assert unexpressible(m)
        return
    if parse(text) != m:
        assert unexpressible(m)


def test_an_inline_stance_on_a_stance_line_is_listed() -> None:
    m = ArgumentMap((Stance("a", "t", False, False), Stance("a", "t", False, True)))
    assert write(m) == "a rejects t, t\n"
    notes = unexpressible(m)
    assert len(notes) == 1 and "'a rejects t' is marked inline" in notes[0]
    held = ArgumentMap((Support(("a",), "b", name="s"), Stance("p", "s", True, True)))
    assert "takes only 'rejected by'" in unexpressible(held)[0]
