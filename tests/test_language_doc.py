"""docs/language.md cannot drift from the parser: every ```argmap example in it parses, every
```argmap-error example fails with a positioned syntax error, the examples use every keyword of
the grammar, and what the prose says an example means is what the parser builds. Also: every
map in maps/ parses without a parser warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import MAPS, ROOT

import argmap
from argmap.model import Claim, ClaimKind, Stance, Support, Undercut
from argmap.syntax.parser import ParseError, grammar_text

DOC = ROOT / "docs" / "language.md"
# A fenced block: ```argmap or ```argmap-error, optionally followed by a name for the tests below.
_FENCE = re.compile(r"^```(argmap(?:-error)?)(?:[ \t]+([\w-]+))?[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)


class Block:
    """One example from the document."""

    def __init__(self, tag: str, name: str | None, text: str, line: int) -> None:
        self.tag = tag
        self.name = name
        self.text = text
        self.line = line

    @property
    def label(self) -> str:
        return f"line{self.line}-{self.name or self.tag}"


def _blocks() -> list[Block]:
    doc = DOC.read_text(encoding="utf-8")
    return [
        Block(m.group(1), m.group(2), m.group(3), doc.count("\n", 0, m.start()) + 1)
        for m in _FENCE.finditer(doc)
    ]


BLOCKS = _blocks()
GOOD = [b for b in BLOCKS if b.tag == "argmap"]
BAD = [b for b in BLOCKS if b.tag == "argmap-error"]
MAP_FILES = sorted(MAPS.glob("*.argmap"))


def _named(name: str) -> argmap.ArgumentMap:
    matches = [b for b in GOOD if b.name == name]
    assert len(matches) == 1, f"docs/language.md should have one ```argmap {name} block"
    return argmap.parse(matches[0].text, path=f"{DOC.name}:{matches[0].line}")


def test_the_document_has_examples() -> None:
    assert len(GOOD) >= 25
    assert len(BAD) >= 5
    names = [b.name for b in GOOD if b.name]
    assert len(names) == len(set(names)), "block names must be unique"


@pytest.mark.parametrize("block", GOOD, ids=lambda b: b.label)
def test_example_parses(block: Block) -> None:
    m = argmap.parse(block.text, path=f"{DOC.name}:{block.line}")
    assert len(m) > 0, "an example should define something"
    assert not m.parse_diagnostics, [str(d) for d in m.parse_diagnostics]


@pytest.mark.parametrize("block", BAD, ids=lambda b: b.label)
def test_error_example_fails(block: Block) -> None:
    with pytest.raises(ParseError) as info:
        argmap.parse(block.text)
    for d in info.value.diagnostics:
        assert d.is_error
        assert d.span is not None and d.span.line >= 1


def test_every_keyword_has_an_example() -> None:
    keywords = re.findall(r"^KW_\w+\.\d+:\s*/(\w+)\(", grammar_text(), re.M)
    assert len(keywords) >= 30
    words = set()
    for b in GOOD:
        for line in b.text.splitlines():
            words.update(re.findall(r"[\w-]+", re.sub(r'"(?:[^"\\]|\\.)*"|#.*', " ", line)))
    missing = sorted(k for k in keywords if k not in words)
    assert not missing, f"no ```argmap example uses {missing}"


# ---- what the prose says the examples mean -------------------------------------------------------
def test_continuation_is_the_same_as_one_line() -> None:
    m = _named("continuation")
    one, two = m.claim("safer"), m.claim("safer-too")
    assert one.sources == two.sources == ("kurti-2023",)
    assert m.holders("safer") == m.holders("safer-too") == ("kurti",)
    assert one.note == "said when the first drones arrived"


def test_broken_lines() -> None:
    m = _named("broken-lines")
    assert m.holders("drones") == ("kurti", "maqedonci")
    assert m.support("arms").premises == ("drones", "weapons")
    assert m.support("arms").conclusion == "bridgehead"


def test_comments_are_not_text_and_text_keeps_hashes() -> None:
    m = _named("comments")
    assert m.claim("hashtag").text == "Item #1 on the agenda."
    assert m.holders("bridgehead") == ("radic",)


def test_ids_in_any_script_and_before_definition() -> None:
    m = _named("ids")
    assert m.elements[0] == Support(("turkey-in-nato", "no-eu"), "nato", "nato-frame", ("savković",))
    assert "довод" in m and "2013-speech" in m


def test_keywords_as_ids() -> None:
    m = _named("keyword-ids")
    assert m.claim("value").kind is None
    assert m.claim("policy").kind is ClaimKind.VALUE
    assert m.perspective("source").name == "A perspective whose id is 'source'."
    assert m.source("note").title == "A source whose id is 'note'."
    assert Support(("value",), "policy", None, ("source",)) in m.supports
    assert m.accepted_by("source") == ("value",)
    assert Support(("by",), "value", None, ("source",)) in m.supports


def test_quoted_text() -> None:
    m = _named("quoted")
    assert m.claim("q1").text == "Turkey’s ‘soft power’ is real — says «ISAK»."
    assert m.claim("q2").text == ""


def test_escapes() -> None:
    m = _named("escapes")
    assert m.claim("go-alone").text == 'Turkey is "going it alone" relative to the EU and NATO.'
    assert m.claim("path").text == "Saved under C:\\maps\\turkey.argmap"
    assert m.claim("lines").text == "first line\nsecond line\tafter a tab"
    assert m.claim("codes").text == "Vučković and Erdoğan"


def test_long_text_is_dedented() -> None:
    m = _named("long-text")
    (quote,) = m.claim("benefits-kurti").quotes
    assert quote.speaker == "pavkovic"
    assert quote.text == (
        "This solo approach is primarily reflected in support for the government in Pristina.\n"
        "\n"
        "At the same time, Turkey has seen an opportunity to strengthen relations with Kosovo."
    )


def test_long_text_starting_on_the_quote_line_keeps_indentation() -> None:
    m = _named("long-text-same-line")
    assert m.claim("same-line").note == (
        "This first line has no indentation,\n"
        + " " * 10
        + "so this second line keeps its ten leading spaces."
    )


def test_long_text_holds_quotes() -> None:
    m = _named("long-text-quotes")
    assert m.claim("answer").text == 'She said "yes", then ""no"", then """maybe""".'


def test_layout_rules_stated_in_prose() -> None:
    # the first statement may be indented; blank and comment lines do not end a statement
    m = argmap.parse('  claim a "x"\n\n# comment\n\n  held by p\nclaim b "y"\n')
    assert m.holders("a") == ("p",) and m.holders("b") == ()
    # a no-break space does not separate words
    with pytest.raises(ParseError):
        argmap.parse('claim a\u00a0"x"\n')
    # ids are case-sensitive
    m = argmap.parse('claim Nato "x"\nclaim nato "y"\n')
    assert m.claim("Nato").text == "x" and m.claim("nato").text == "y"


def test_adjacent_texts_join() -> None:
    m = _named("adjacent")
    assert m.claim("mixed").text == "one, two, three"
    (quote,) = m.claim("muslim-ties").quotes
    assert quote.text.startswith(
        "In doing so, Turkey is actually sending a message that it is strengthening its"
    )
    assert "\n" not in quote.text


def test_unicode_names() -> None:
    m = _named("unicode")
    assert m.perspective("radic").name == "Aleksandar Radić"
    assert m.perspective("erdogan").name == "Recep Tayyip Erdoğan"
    assert m.claim("одговор").text == "Текст на српском ћирилицом."


def test_definitions_and_their_attributes() -> None:
    assert _named("title").title is not None
    src = _named("source").source("hearing")
    assert (src.url, src.date, src.author) == (
        "https://example.org/millbrook/hearing-2025-10-14",
        "2025-10-14",
        "Millbrook council",
    )
    p = _named("perspective").perspective("savkovic")
    assert (p.role, p.color, p.note) == (
        "senior advisor, ISAK Fund",
        "#27ae60",
        "spelled Savkovic in the article",
    )
    q = _named("question").question("interests")
    assert q.tags == ("turkey", "Western Balkans")


def test_claim_kinds() -> None:
    m = _named("claim-kinds")
    kinds = [c.kind for c in m.claims]
    assert kinds == [None, *ClaimKind]


def test_claim_attributes() -> None:
    m = _named("claim-attributes")
    c = m.claim("adopt-now")
    assert c.kind is ClaimKind.POLICY
    assert c.answers == ("adopt", "cost")
    assert c.tags == ("policy", "working time")
    assert c.sources == ("staff-survey", "hearing")
    assert [(q.speaker, q.text) for q in c.quotes] == [
        ("union", "Nobody is asking to shut the town hall on Fridays."),
        (None, "Four days, full pay, same service."),
    ]
    assert c.note == "the union's motion"
    assert m.holders("adopt-now") == ("union",)
    assert m.rejecters("adopt-now") == ("finance", "residents")
    assert all(s.inline for s in m.stances)


def test_relations() -> None:
    linked = _named("linked").supports
    assert [s.premises for s in linked] == [
        ("drones", "weapons"),
        ("exported", "drones-sought", "ukraine-lesson"),
    ]
    assert all(s.linked for s in linked)
    assert len(_named("convergent").supports_of("soft-power")) == 3
    named = _named("named")
    assert named.support("arms-bridgehead").by == ("radic",)
    assert named.support("kurti-case").premises == ("drones", "buildup")
    rebuts = _named("rebuts").rebuttals
    assert [(r.attacker, r.target) for r in rebuts] == [
        ("keeps-belgrade", "belgrade-problem"),
        ("extra-cost", "adopt-now"),
    ]
    under = _named("undercuts")
    assert under.undercuts == (Undercut("private-company", "arms-bridgehead", ("savkovic",)),)
    c = _named("contradicts")
    assert c.attackers("no-conflict") == ("tensions",) and c.attackers("tensions") == ("no-conflict",)


def test_by_and_note() -> None:
    m = _named("by-note")
    (contra,) = m.contradictions
    assert contra.by == ("vuckovic",)
    assert contra.note == "the article sets the two readings of the visit against each other"
    (under,) = m.undercuts
    assert under.by == ("finance", "councillor")
    assert under.note == "two perspectives, one relation"


def test_stances() -> None:
    m = _named("stances")
    assert m.accepted_by("savkovic") == ("no-conflict",)
    assert m.rejected_by("savkovic") == ("tensions", "belgrade-problem", "belgrade-problem-too")
    assert m.accepted_by("vuckovic") == ("donation", "fidan-visited", "spy-arrest", "weapons")
    assert [s.note for s in m.stances if s.claim == "belgrade-problem-too"] == [
        "'one might say ... However, I believe ...'"
    ]


def test_inline_and_statement_stances_mean_the_same() -> None:
    m = _named("stances-inline")

    def plain(claim: str) -> set[tuple[str, bool]]:
        return {(s.perspective, s.accepts) for s in m.stances_on(claim)}

    assert plain("adopt-now") == plain("adopt-now-2") == {("union", True), ("finance", False)}
    assert {s.inline for s in m.stances_on("adopt-now")} == {True}
    assert {s.inline for s in m.stances_on("adopt-now-2")} == {False}


def test_first_map() -> None:
    m = _named("first")
    assert m.title == "Does Tweety fly?"
    assert isinstance(m.elements[-1], Undercut)
    assert m.perspective("bird-watcher").role == "knows Tweety"
    assert any(
        isinstance(e, Stance) and e.perspective == "bird-watcher" and not e.accepts for e in m.elements
    )


def test_crlf_and_bom_as_documented() -> None:
    text = _named("continuation")
    crlf = "\ufeff" + next(b.text for b in GOOD if b.name == "continuation").replace("\n", "\r\n")
    assert argmap.parse(crlf) == text
    with pytest.raises(ParseError):
        argmap.parse('claim a "x"\rclaim b "y"\n')


# ---- the example maps ------------------------------------------------------------------------------
def test_there_are_example_maps() -> None:
    assert {p.name for p in MAP_FILES} >= {
        "turkey-kosovo.argmap",
        "four-day-week.argmap",
        "tweety.argmap",
        "nixon-diamond.argmap",
    }


@pytest.mark.parametrize("path", MAP_FILES, ids=lambda p: p.name)
def test_map_parses(path: Path) -> None:
    m = argmap.load(path)
    assert m.title
    assert m.claims and m.perspectives
    assert not m.parse_diagnostics, [str(d) for d in m.parse_diagnostics]


def test_turkey_kosovo_covers_the_article() -> None:
    m = argmap.load(MAPS / "turkey-kosovo.argmap")
    expected = {
        "radic", "pavkovic", "hoti", "savkovic", "kurti", "erdogan", "fidan", "maqedonci",
        "some-media", "ko-sources", "vuckovic",
    }  # fmt: skip
    assert {p.id for p in m.perspectives} == expected
    # the three positions of the design card, each answering the question it is a position on
    assert "interests" in m.claim("bridgehead").answers
    assert "interests" in m.claim("nato").answers
    assert "conflict" in m.claim("no-conflict").answers
    # the undercut of the inference from drone sales to a bridgehead
    target = m.support("arms-bridgehead")
    assert "drones" in target.premises and target.conclusion == "bridgehead"
    assert any(
        u.attacker == "private-company" and u.by == ("savkovic",) for u in m.undercuts_of("arms-bridgehead")
    )
    # every quote is verbatim from the article, up to white space
    article = ROOT / "maps" / "turkey-kosovo-article.txt"  # the seed map's checked source
    assert article.exists(), f"the seed article is not at {article}"
    flat = " ".join(article.read_text(encoding="utf-8").split())
    for claim in m.claims:
        for quote in claim.quotes:
            assert " ".join(quote.text.split()) in flat, (claim.id, quote.text)
    assert all(isinstance(c, Claim) for c in m.claims)
