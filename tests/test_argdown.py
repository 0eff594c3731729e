"""argmap.formats.argdown: the Argdown language in and out, checked against Argdown's own model.

Argdown's CLI (npm ``@argdown/cli``) is the reference: the corpus files in
``tests/data/interchange/argdown/`` ship with the JSON it exports (``argdown json``), and when
node is present the CLI itself is run on more files and on argmap's exports. Set
ARGMAP_ARGDOWN_CLI to an ``argdown`` executable to use that one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.builder import MapBuilder
from argmap.formats import argdown
from argmap.formats.argdown.writer import _Export
from argmap.model import ArgumentMap, Claim, Contradiction, Quote, Rebuttal, Support, Undercut
from argmap.syntax.parser import parse

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "interchange" / "argdown"
CORPUS = sorted(DATA.glob("*.argdown"))
WITH_JSON = [p for p in CORPUS if p.with_suffix(".json").exists()]
CACHE = Path(os.environ.get("ARGMAP_ARGDOWN_PREFIX", Path.home() / ".cache" / "argmap" / "argdown"))

Triple = tuple[str, str, str]


# ---- Argdown's model, as its JSON says it ----------------------------------------------------------
def argdown_model(doc: dict, imported: argdown.Imported) -> tuple[set[str], set[str], set[Triple], dict]:
    """Statements, arguments, relations and premise-conclusion structures of Argdown's JSON,
    named with the ids argmap gave the titles."""
    st_ids, ar_ids = imported.statements, imported.arguments

    def name(title: str, kind: str) -> str:
        table = ar_ids if kind in ("argument", "inference") else st_ids
        return table.get(title, f"?{title}")

    statements = {name(t, "statement") for t in doc["statements"]}
    arguments = {name(t, "argument") for t in doc["arguments"]}
    relations = set()
    reconstructed = {t for t, a in doc["arguments"].items() if a.get("pcs")}
    for r in doc["relations"]:
        kind = {"contrary": "attack"}.get(r["relationType"], r["relationType"])
        if kind == "attack" and r["toType"] == "argument" and r["to"] in reconstructed:
            kind = "undercut"  # an attack on a reconstructed argument lands on its inference
        ends = (name(r["from"], r["fromType"]), name(r["to"], r["toType"]))
        if kind == "contradictory":  # symmetric: Argdown keeps one of a pair written both ways
            ends = (min(ends), max(ends))
        relations.add((kind, *ends))
    pcs = {}
    for title, arg in doc["arguments"].items():
        members = arg.get("pcs") or []
        if members:
            premises = {name(s["title"], "statement") for s in members if s["role"] == "premise"}
            conclusion = name(members[-1]["title"], "statement")
            pcs[name(title, "argument")] = (premises, conclusion)
    return statements, arguments, relations, pcs


def argmap_model(imported: argdown.Imported) -> tuple[set[str], set[str], set[Triple], dict]:
    """The same four things, read from the map argmap imported."""
    m = imported.map
    inference_names = set(imported.inferences.values())
    owner = {v: k for k, v in imported.inferences.items()}
    relations: set[Triple] = set()
    pcs: dict[str, tuple[set[str], str]] = {}
    steps: dict[str, list[Support]] = {}
    for e in m.elements:
        if isinstance(e, Support):
            base = re.sub(r"-\d+$", "", e.name or "")
            if e.name in inference_names or base in inference_names:
                steps.setdefault(owner[e.name if e.name in inference_names else base], []).append(e)
            else:
                relations.add(("support", e.premises[0], e.conclusion))
        elif isinstance(e, Rebuttal):
            relations.add(("undercut" if e.note == "undercut in Argdown" else "attack", e.attacker, e.target))
        elif isinstance(e, Undercut):  # of an argument's step: of the argument
            step = re.sub(r"-\d+$", "", e.target)
            relations.add(("undercut", e.attacker, owner.get(e.target, owner.get(step, e.target))))
        elif isinstance(e, Contradiction):
            relations.add(("contradictory", min(e.left, e.right), max(e.left, e.right)))
    for arg, chain in steps.items():
        conclusions = {s.conclusion for s in chain[:-1]}  # the intermediate ones
        premises = {p for s in chain for p in s.premises} - conclusions
        pcs[arg] = (premises, chain[-1].conclusion)
    return set(imported.statements.values()), set(imported.arguments.values()), relations, pcs


TAG_WORD = "[a-zA-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]"


def plain(text: str, tags: Iterable[str]) -> str:
    """Argdown's text of a statement without its tags (Argdown keeps them in the text)."""
    for tag in tags:
        text = text.replace(f"#({tag})", "")
    for tag in tags:
        if re.fullmatch(f"{TAG_WORD}+", tag):  # Argdown's own class of tag characters
            text = re.sub(rf"#{re.escape(tag)}(?!{TAG_WORD})", "", text)
    return " ".join(text.split())


def assert_same(doc: dict, imported: argdown.Imported) -> None:
    theirs, ours = argdown_model(doc, imported), argmap_model(imported)
    for what, a, b in zip(  # noqa: B905
        ("statements", "arguments", "relations", "premise-conclusion structures"), ours, theirs
    ):
        assert a == b, f"{what} differ"
    m = imported.map
    texts = {c.id: c.text for c in m.claims}
    for title, cls in doc["statements"].items():
        given = [x["text"] for x in cls["members"] if (x.get("text") or "").strip()]
        theirs_text = plain(given[0], cls.get("tags", [])) if given else ""
        if theirs_text:  # (a statement of tags only has no text; argmap shows its title)
            ours = " ".join(texts[imported.statements[title]].split())
            assert ours == theirs_text, title


# ---- without node: the shipped JSON ----------------------------------------------------------------
@pytest.mark.parametrize("path", WITH_JSON, ids=[p.name for p in WITH_JSON])
def test_import_matches_argdowns_own_json(path: Path) -> None:
    imported = argdown.read(path.read_text(encoding="utf-8"))
    doc = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert_same(doc, imported)
    assert parse_again(imported.map)


def parse_again(m: ArgumentMap) -> bool:
    from argmap.formats.writer import write

    return parse(write(m)) == m


def test_own_file_covers_every_relation_symbol() -> None:
    imported = argdown.read((DATA / "relations-both-ways.argdown").read_text(encoding="utf-8"))
    m = imported.map
    assert m.title == "Relations written both ways"
    tax = m.claim(imported.statements["Tax"])
    assert tax.tags == ("policy", "public health")
    assert ("Obesity", "Tax") in {(s.premises[0], s.conclusion) for s in m.supports}
    assert Contradiction("Tax", "no-tax") in m.contradictions
    assert m.claim("no-tax").title == "No tax"  # the Argdown title is kept
    price = imported.inferences[imported.arguments["Price signal"]]
    assert Undercut("Obesity", price) in m.undercuts
    assert m.support(price).conclusion == "Tax"
    assert m.support(price).note == "<Price signal>\nPrices change what people buy."
    assert len([s for s in m.supports if s.name and s.name.startswith(price)]) == 2  # intermediate step
    assert [s.title for s in m.sections] == ["Central"]
    kinds = {loss.kind for loss in imported.losses}
    assert "inference rule" in kinds and "front matter setting 'author' (Argdown's own)" in kinds


def test_an_undercut_under_an_inference_line_undercuts_that_step() -> None:
    text = (
        "<A>\n\n(1) [p]: P\n-- rule --\n  <_ [x]: X.\n(2) [q]: Q\n(3) [r]: R\n"
        "----\n  <_ [y]: Y.\n(4) [c]: C\n"
    )
    m = argdown.loads(text)
    assert m.support("A-1").conclusion == "q" and m.support("A").conclusion == "c"
    assert set(m.undercuts) == {Undercut("x", "A-1"), Undercut("y", "A")}


def test_bare_arguments_become_named_supports() -> None:
    text = "<rule>\n\n(1) [a]: A\n(2) [b]: B\n----\n(3) [c]: C\n\n[d]: D\n  _> <rule>\n"
    m = argdown.loads(text)
    assert [c.id for c in m.claims] == ["a", "b", "c", "d"]
    assert m.support("rule").premises == ("a", "b")
    assert m.undercuts == (Undercut("d", "rule"),)


# ---- issue 19: Argdown's arguments, titles, data, perspectives, line numbers --------------------------
RECONSTRUCTED = """===
title: An attack on an argument
===

[X]: The survey was anonymous, so nobody was pressed.
  -> <Pressure>

<Pressure>: Staff were pressed into saying yes.

(1) [Managers]: Managers handed out the survey.
----
(2) [Biased]: The survey is biased.
"""


def test_an_attack_on_a_reconstructed_argument_lands_on_its_inference() -> None:
    imported = argdown.read(RECONSTRUCTED)
    m = imported.map
    inference = imported.inferences[imported.arguments["Pressure"]]
    assert m.undercuts == (Undercut("X", inference),)
    assert m.support(inference).premises == ("Managers",)
    assert m.support(inference).note == "Staff were pressed into saying yes."
    import argmap

    labels = argmap.evaluate(m).labels
    assert labels["Biased"] == "out" and labels["X"] == "in" and labels["Managers"] == "in"


def test_an_attack_that_also_attacks_a_premise_counts_once() -> None:
    text = RECONSTRUCTED + "\n[X]\n  -> [Managers]\n"
    m = argdown.loads(text)
    assert m.undercuts == () and m.rebuttals == (Rebuttal("X", "Managers"),)


def test_a_support_of_a_reconstructed_argument_is_kept_and_listed() -> None:
    text = RECONSTRUCTED + "\n[Y]: y.\n  +> <Pressure>\n"
    imported = argdown.read(text)
    m = imported.map
    claim = imported.arguments["Pressure"]
    assert Support(["Y"], claim) in m.supports and argdown.ARGUMENT_TAG in m.claim(claim).tags
    assert m.support(imported.inferences[claim]).conclusion == "Biased"
    assert any("support of a reconstructed argument" in n for n in imported.notes)


def test_titles_data_and_sources_are_kept() -> None:
    text = (
        "[Sugar tax]: Sugar should be taxed. {source: WHO report 2016, color: red}\n\n"
        "<The price argument>: Prices steer. {isInMap: true}\n  +> [Sugar tax]\n"
    )
    imported = argdown.read(text)
    m = imported.map
    tax = m.claim(imported.statements["Sugar tax"])
    assert tax.title == "Sugar tax" and tax.id == "sugar-tax"
    assert tax.sources == ("who-report-2016",) and m.source("who-report-2016").title == "WHO report 2016"
    assert tax.note == 'Argdown data: {"color": "red"}'
    argument = m.claim(imported.arguments["The price argument"])
    assert argument.title == "The price argument" and argument.note == 'Argdown data: {"isInMap": true}'
    back = argdown.dumps(m)
    assert "[Sugar tax]: Sugar should be taxed." in back and "<The price argument>: Prices steer." in back


def test_an_argument_keeps_its_title_and_description_through_argmap() -> None:
    text = "<Price signal>: Prices change what people buy.\n\n(1) [a]: A.\n----\n(2) [b]: B.\n"
    m = argdown.loads(text)
    assert m.support("price-signal").note == "<Price signal>\nPrices change what people buy."
    back = argdown.dumps(m)
    assert "<Price signal>: Prices change what people buy." in back
    assert normal(argdown.loads(back)) == normal(m)


def test_a_statement_keeps_its_title_as_id_when_an_argument_has_it_too() -> None:
    m = argdown.loads("<Tax>: An argument.\n  +> [Other]\n\n[Tax]: A statement.\n")
    assert m.claim("Tax").text == "A statement." and m.claim("Tax-2").text == "An argument."


def test_notes_name_the_right_line_after_front_matter() -> None:
    text = "===\ntitle: t\nauthor: me\n===\n\n<A>\n\n(1) [a]: A\n-- Modus ponens --\n(2) [b]: B\n"
    notes = argdown.read(text).notes
    assert "inference rule: 1 (line 9)" in notes


def test_perspectives_and_stances_go_out_and_come_back() -> None:
    m = parse((ROOT / "maps" / "tweety.argmap").read_text(encoding="utf-8"))
    text = argdown.dumps(m)
    assert '"held by": ["naive"' in text  # on the claim, as Argdown data
    back = argdown.read(text).map
    assert normal(back) == normal(m)
    assert back.perspectives == m.perspectives and set(back.stances) == set(m.stances)


def test_sections_are_headings_both_ways() -> None:
    text = "# Readings\n\n## A bridgehead\n\n[b]: B\n\n## NATO\n\n[n]: N\n\n# Facts\n\n[f]: F\n"
    m = argdown.loads(text)
    assert [(s.title, s.parent) for s in m.sections] == [
        ("Readings", None),
        ("A bridgehead", "Readings"),
        ("NATO", "Readings"),
        ("Facts", None),
    ]
    assert [c.id for c in m.in_section("Readings") if isinstance(c, Claim)] == ["b", "n"]
    out = argdown.dumps(m)
    assert re.search(r"^## A bridgehead", out, re.M) and re.search(r"^# Facts", out, re.M)
    assert normal(argdown.loads(out)) == normal(m)


# ---- issue 19: wrong format -------------------------------------------------------------------------------
def test_json_given_to_the_argdown_reader_is_refused_by_name() -> None:
    from argmap.errors import InterchangeError
    from argmap.formats import aif, jsonio

    m = parse((ROOT / "maps" / "tweety.argmap").read_text(encoding="utf-8"))
    for text, name in ((aif.dumps(m), "AIF JSON"), (jsonio.dumps(m), "argmap JSON"), ("[1, 2]", "JSON")):
        with pytest.raises(InterchangeError, match=name):
            argdown.read(text)


def test_the_cli_says_which_format_it_is(tmp_path: Path) -> None:
    from conftest import run_cli

    from argmap.formats import aif

    f = tmp_path / "debate.argdown"
    f.write_text(aif.dumps(parse((ROOT / "maps" / "tweety.argmap").read_text(encoding="utf-8"))))
    result = run_cli("import", str(f))
    assert result.code == 1 and "AIF JSON, not Argdown" in result.err and "--from aif" in result.err


# ---- issue 19: nothing silent ----------------------------------------------------------------------------
EVERYTHING = """===
title: Every construct
author: someone
color: {scheme: default}
===

// a line comment, /* a block comment */ and <!-- an HTML comment -->

# Heading {note: on a heading}

## Nested heading

[S]: A statement with #tag, #(a longer tag), **bold**, _italic_, a [link](https://x.org),
a mention @[T] and a special character .+1. {source: A book, color: red}
  + [T]: Supports it.
  - [U]: Attacks it.
  _ <V>: Undercuts it (an argument without a structure).
  >< [W]: Contradicts it.
  <+ <Arg>
  <- [U]
  <_ [X]: Undercuts the statement.
  +> [Y]: Is supported by it.
  -> [Z]: Is attacked by it.
  _> <Arg>

[S]: Another text for S.

<Steps>

(1) [P0]: p0.
----
  <_ [Z0]: Undercuts the inference.
(2) [C0]: c0.

An untitled statement.

* [L1]: In an unordered list.
1. [L2]: In an ordered list.

<Arg>: An argument with a structure. {data: here}

(1) [P1]: Premise one.
(2) Premise two.
-- Modus ponens {uses: [1, 2]} --
(3) [C1]: An intermediate conclusion.
--
Inference rule
--
(4) [S]

[Q]: q.
  +> <Arg>
  -> <Arg>

<Empty>

(1) [C2]: A conclusion without premises?
----
(2) [C3]: c3.

  + [Lonely]: indented, nothing above.
"""


def test_every_construct_is_represented_or_listed() -> None:
    imported = argdown.read(EVERYTHING)
    m = imported.map
    kinds = {loss.kind: loss for loss in imported.losses}
    listed = "\n".join(imported.notes)
    claims = {c.id: c for c in m.claims}
    # represented
    assert m.title == "Every construct"
    assert [s.title for s in m.sections] == ["Heading", "Nested heading"]
    assert m.sections[0].note == 'Argdown data: {"note": "on a heading"}'
    s = claims["S"]
    assert s.tags == ("tag", "a longer tag") and s.sources == ("a-book",)
    assert s.text.startswith("A statement with , , bold, italic, a link,") and "@[T]" in s.text
    assert s.text.endswith("a special character \U0001f44d")  # .+1. is Argdown's thumbs up
    assert s.note == 'Argdown data: {"color": "red"}'
    relations = {
        (
            type(r).__name__,
            r.starts_from,
            r.conclusion if isinstance(r, Support) else getattr(r, "target", None),
        )
        for r in m.relations
    }
    for kind, ends, target in [
        ("Support", ("T",), "S"),
        ("Rebuttal", ("U",), "S"),
        ("Rebuttal", ("V",), "S"),  # an undercut of a statement: a rebuttal, listed
        ("Support", ("S",), "Y"),
        ("Rebuttal", ("S",), "Z"),
        ("Support", ("P1", "premise-two"), "C1"),
        ("Support", ("C1",), "S"),
    ]:
        assert (kind, ends, target) in relations, (kind, ends, target)
    assert Contradiction("S", "W") in m.contradictions
    inference = imported.inferences["Arg"]
    assert Undercut("S", inference) in m.undercuts and Undercut("Q", inference) in m.undercuts
    assert Undercut("Z0", imported.inferences["Steps"]) in m.undercuts  # under the inference line
    assert {"L1", "L2", "an-untitled-statement"} <= set(claims)
    # listed, each with where
    for kind, count in [
        ("front matter setting 'author' (Argdown's own)", 1),
        ("front matter setting 'color' (Argdown's own)", 1),
        ("another text for a statement (Argdown's equivalence class; the first is kept)", 1),
        ("link address (the link's text is kept)", 1),
        ("bold or italic formatting", 1),
        ("inference rule", 2),
        ("data of an inference", 1),
        ("relation with nothing above it", 1),
        ("support of a reconstructed argument (kept as a support of the argument's claim)", 1),
        ("undercut of a statement or of an argument without premises and conclusion (kept as a rebuttal)", 2),
    ]:
        assert kinds[kind].count == count, (kind, kinds[kind])
        assert kind in listed
    assert kinds["relation with nothing above it"].where == ("line 61",)
    assert parse_again(m)


def test_the_import_command_prints_the_list(tmp_path: Path) -> None:
    from conftest import run_cli

    f = tmp_path / "every.argdown"
    f.write_text(EVERYTHING, encoding="utf-8")
    result = run_cli("import", str(f))
    assert result.code == 0
    assert "inference rule: 2 (line " in result.err
    assert "# - relation with nothing above it: 1 (line 61)" in result.out


# ---- issue 21: hostile input -------------------------------------------------------------------------------
HOSTILE = ROOT / "tests" / "data" / "hostile"


def test_an_empty_parenthesised_tag_is_text() -> None:
    m = argdown.loads((HOSTILE / "argdown-empty-paren-tag.argdown").read_text(encoding="utf-8"))
    assert m.claims == (Claim("a", "x #()"),)


def test_many_italic_starts_read_in_linear_time() -> None:
    """48 KB of ' *a' took 11 s (a regular expression backtracked); it must take a fraction of
    a second. Run in a child process with a generous timeout, so a regression fails, not hangs."""
    import sys

    path = HOSTILE / "argdown-italic-starts.argdown"
    code = (
        "import sys; from argmap.formats import argdown; "
        f"m = argdown.loads(open({str(path)!r}, encoding='utf-8').read()); "
        "assert m.claims[0].text == ('*a ' * 16000).strip(), m.claims[0].text[:40]"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=6, check=False
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("name", ["argdown-comment-tags", "argdown-mangled-tags", "argdown-title-only"])
def test_hostile_texts_and_tags_come_back(name: str) -> None:
    m = parse((HOSTILE / f"{name}.argmap").read_text(encoding="utf-8"))
    assert normal(argdown.loads(argdown.dumps(m))) == normal(m)


ARGDOWN_PIECES = [
    "[a]: ", "[a]", "<b>: ", "<b>", "\n", "\n\n", "  ", "    ", "+ ", "- ", "_ ", "<+ ", "<- ", "<_ ", "+> ",
    "-> ", "_> ", ">< ", "(1) ", "(2) ", "----", "--", "-- rule --", "# ", "## ", "===\n", "title: x\n", "{",
    "}", "{a: [1, {b: 2}]}", "#t", "#(x y)", "#(", ")", "*", "**", "_", "__", "\\", "\\*", "//", "/*", "*/",
    "<!--", "-->", "@[a]", "@<b>", "[l](u)", ".+1.", ":x:", "text", "é", "\r", "\r\n", "\t", "* ", "1. ",
    '{"argmap": {"id": 5}}', '{"argmap": {"stands for": null}}', '{"argmap": {"tags": 3, "text": []}}',
    '{"argmap": {"held by": true}}', '{"argmap": {"id": "supports"}}',
    "# h {argmap: {id: rebuts}}", "argmap: {elements: [{type: claim}, {section: [1]}]}\n", "argmap: 7\n",
    'argmap: {"undefined": [{}], "elements": [{"type": "stance", "perspective": "p", "target": "a"}]}\n',
    'argmap: {"elements": [{"type": "perspective", "id": "accepts", "name": "x"}]}\n',
]  # fmt: skip


@settings(max_examples=300, suppress_health_check=list(HealthCheck), deadline=None)
@given(st.lists(st.sampled_from(ARGDOWN_PIECES), max_size=40).map("".join))
def test_any_text_reads_to_a_map_the_writer_can_write(text: str) -> None:
    """Whatever the Argdown text (or argmap data in it) holds: a map, or a clear error."""
    from argmap.errors import InterchangeError
    from argmap.formats.writer import write

    try:
        imported = argdown.read(text)
    except InterchangeError:
        return
    write(imported.map)


# ---- export then import ------------------------------------------------------------------------------------
def normal(m: ArgumentMap) -> Counter[tuple[str | None, object]]:
    """A map's content without its order (Argdown has its own): each element with its section."""
    out: Counter[tuple[str | None, object]] = Counter()
    for e in m.elements:
        section = m.section_of(e)
        out[(section.id if section else None, e)] += 1
    return out


def structure(m: ArgumentMap) -> tuple[dict[str, str], set[tuple[tuple[str, ...], str]], set[Triple], set]:
    """What Argdown's syntax carries: claims and their texts, supports, attacks, undercuts (by
    the premises and conclusion of the support they undercut), contradictions."""
    claims = {c.id: c.text for c in m.claims if argdown.ARGUMENT_TAG not in c.tags}
    supports = {(tuple(s.premises), s.conclusion) for s in m.supports}
    named = {s.name: (tuple(s.premises), s.conclusion) for s in m.supports if s.name}
    attacks = {("attack", r.attackers, r.target) for r in m.rebuttals}
    attacks |= {("contradictory", (c.left,), c.right) for c in m.contradictions}
    undercuts = {(u.attackers, named[u.target]) for u in m.undercuts if u.target in named}
    return claims, supports, attacks, undercuts


HOSTILE_PIECES = [
    "/*", "*/", "//", "<!--", "-->", "{", "}", "{a: b}", "#", "#(", ")", "(", "[", "]", "]:", "<", ">",
    ">:", "\\", "__0__", "_", "*", "**", "===", "=", ".->.", ":+1:", ".", ":", "e.g.", "@[", "@<",
    "--", "(1)", "+>", "->", "<_", "><", "- ", "+ ", "* ", "1. ", " ", "  ", "\t", "\n", "\r",
    "\u2028", "\u3000", "\x07", "\x00", "é", "\u202e", "word", "two words", "\ufeff", "===\n",
]  # fmt: skip
hostile_texts = st.one_of(
    st.lists(st.sampled_from(HOSTILE_PIECES), max_size=8).map("".join),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=20),
)
ids = st.from_regex(r"[a-z_][a-z0-9_-]{0,6}", fullmatch=True)


@st.composite
def hostile_maps(draw: st.DrawFn) -> ArgumentMap:
    """Maps with every construct Argdown export handles, and hostile text everywhere."""
    names = draw(
        st.lists(ids.filter(lambda i: i not in ("arg", "_arg")), min_size=2, max_size=6, unique=True)
    )
    people = [f"p{k}" for k in range(draw(st.integers(0, 2)))]
    opt = st.none() | hostile_texts
    b = MapBuilder(draw(opt))
    arguments = []
    if draw(st.booleans()):  # a claim standing for an Argdown argument
        arg = draw(st.sampled_from(["arg", "_arg"]))  # "<_arg>" would read as a relation
        b.claim(arg, draw(hostile_texts), tags=["argument", *draw(st.lists(hostile_texts, max_size=1))])
        arguments.append(arg)
    for p in people:
        b.perspective(p, draw(hostile_texts), note=draw(opt))
    b.source("src", draw(hostile_texts), date=draw(st.none() | st.sampled_from(["2013", "2013-05"])))
    b.question("q", draw(hostile_texts), asked_by=people[:1])
    if draw(st.booleans()):
        b.allow("W303", reason=draw(opt))
    sections: list[str] = []
    for n in names:
        if draw(st.integers(0, 4)) == 0:
            sid = f"sec{len(sections)}"
            b.section(sid, draw(hostile_texts), parent=draw(st.none() | st.sampled_from(sections or [sid])))
            sections.append(sid)
        quotes = [
            Quote(
                draw(hostile_texts),
                draw(st.none() | st.sampled_from(people or ["p0"])),
                "src",
                draw(opt),
                draw(opt),
            )
            for _ in range(draw(st.integers(0, 1)))
        ]
        b.claim(
            n,
            draw(hostile_texts),
            tags=draw(st.lists(hostile_texts, max_size=3)),
            title=draw(opt),
            note=draw(opt),
            quotes=quotes,
            held_by=draw(st.lists(st.sampled_from(people), max_size=2, unique=True)) if people else (),
            kind=draw(st.none() | st.sampled_from(["fact", "value"])),
            date=draw(st.none() | st.sampled_from(["2013", "2023-05"])),
            answers=draw(st.sampled_from([(), ("q",)])),
            allow=draw(st.sampled_from([(), ("W303",)])),
            base=draw(st.none() | st.sampled_from([0.0, 0.5, 1.0])),
        )
        if draw(st.integers(0, 3)) == 0:  # a claim with sides and reasons for what it allows
            b.add(Claim(f"{n}X", draw(hostile_texts), answers=("q",), sides=(("q", "yes"),), allow=("W303",),
                        allow_reasons=(("W303", draw(hostile_texts)),)))  # fmt: skip
    pick = st.sampled_from(names + arguments)
    relation_names: list[str] = []
    for k in range(draw(st.integers(0, 4))):
        premises = draw(st.lists(pick, min_size=1, max_size=3, unique=True))
        name = draw(st.sampled_from([None, f"r{k}", f"_r{k}"]))
        b.support(
            premises,
            draw(pick),
            name=name,
            by=draw(st.lists(st.sampled_from(people), max_size=1)) if people else (),
            note=draw(opt),
            scheme=draw(st.none() | st.just("Argument From Expert Opinion")),
            tags=draw(st.lists(hostile_texts, max_size=1)),
        )
        if name:
            relation_names.append(name)
    for k in range(draw(st.integers(0, 3))):
        attackers = draw(st.lists(pick, min_size=1, max_size=2, unique=True))
        name = draw(st.sampled_from([None, f"a{k}", f"_a{k}"]))
        b.rebut(attackers, draw(pick), name=name, note=draw(opt))
        if name:
            relation_names.append(name)
    for _ in range(draw(st.integers(0, 2))):
        b.contradict(draw(pick), draw(pick))
    if relation_names:
        b.undercut(
            draw(st.lists(pick, min_size=1, max_size=2, unique=True)), draw(st.sampled_from(relation_names))
        )
        if people:
            b.reject(people[0], draw(st.sampled_from(relation_names)))
    return b.build()


@settings(max_examples=150, suppress_health_check=list(HealthCheck), deadline=None)
@given(hostile_maps())
def test_export_then_import_keeps_the_map(m: ArgumentMap) -> None:
    """Whatever the text: Argdown export -> import gives the same map back (what Argdown's
    syntax cannot say travels in argmap's data), and the structure is in Argdown's syntax."""
    text = argdown.dumps(m)
    back = argdown.read(text)
    assert normal(back.map) == normal(m)
    assert not back.losses
    plain = argdown.read(without_argmap_data(text))
    export = _Export(m)
    export.run()
    arguments = {c.id for c in m.claims if argdown.ARGUMENT_TAG in c.tags}

    def rename(cid: str) -> str:
        table = plain.arguments if cid in arguments else plain.statements
        return table.get(export.titles.get(cid, cid), cid)

    # arguments standing for attacks Argdown cannot say are checked by Argdown's CLI (below)
    stand_ins = {plain.arguments[t] for t in export.stand_ins.values()}
    supports, attacks = structure(plain.map)[1:3]
    supports = {s for s in supports if s[1] not in stand_ins and not set(s[0]) & stand_ins}
    attacks = {a for a in attacks if a[2] not in stand_ins and not set(a[1]) & stand_ins}
    stood_for = {id(m.elements[i]) for i in export.stand_ins}
    assert (supports, attacks) == structure_plain(m, rename, stood_for)


def structure_plain(
    m: ArgumentMap, rename: Callable[[str], str], stood_for: set[int]
) -> tuple[set[Any], set[Any]]:
    """Supports and plain attacks: what Argdown's own syntax says of the map, with the ids a
    reader of Argdown alone gives the claims."""
    arguments = {a.id for a in m.claims if argdown.ARGUMENT_TAG in a.tags}
    supports = {
        (tuple(map(rename, s.premises)), rename(s.conclusion))
        for s in m.supports
        if id(s) not in stood_for and s.premises != (s.conclusion,)
    }
    attacks = {
        ("attack", (rename(r.attacker),), rename(r.target))
        for r in m.rebuttals
        if id(r) not in stood_for and r.target not in r.attackers
    }
    attacks |= {
        ("contradictory", (rename(c.left),), rename(c.right))
        for c in m.contradictions
        if c.left != c.right and not {c.left, c.right} & arguments
    }
    return supports, attacks


def without_argmap_data(text: str) -> str:
    """The Argdown text as another Argdown tool sees it: argmap's data taken out (the front
    matter's entry, and the data blocks; the space before a block may belong to an escape)."""
    text = re.sub(r"^argmap: [\s\S]*?(?=^===)", "", text, count=1, flags=re.M)
    return re.sub(r'\{"argmap": .*\}$', "", text, flags=re.M)


def test_export_notes_list_what_argdown_cannot_say() -> None:
    m = (
        MapBuilder()
        .perspective("p", "P")
        .claim("a", "A", kind="fact", held_by=["p"], note="n")
        .claim("b", "B")
        .claim("c", "C")
        .support(["a"], "b", by=["p"])
        .rebut(["a", "b"], "c", name="r1")
        .undercut(["c"], "r1")
        .build()
    )
    notes = "\n".join(argdown.export_notes(m))
    for words in ("perspective", "stance", "claim's kind", "claim's note", "relation's by", "linked attack",
                  "undercut of an attack"):  # fmt: skip
        assert words in notes, words


# ---- with node: Argdown's CLI itself --------------------------------------------------------------
def _find_cli() -> str | None:
    given_cli = os.environ.get("ARGMAP_ARGDOWN_CLI")
    if given_cli:
        return given_cli
    local = CACHE / "node_modules" / ".bin" / "argdown"
    return str(local) if local.exists() else None


def _skip(reason: str) -> NoReturn:
    """Skip, or fail where CI says Argdown's CLI must be there (ARGMAP_REQUIRE_ARGDOWN=1)."""
    if os.environ.get("ARGMAP_REQUIRE_ARGDOWN"):
        pytest.fail(f"ARGMAP_REQUIRE_ARGDOWN is set but: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def argdown_cli() -> str:
    """Argdown's CLI, installed from npm into a cache folder on first use."""
    if shutil.which("node") is None:
        _skip("node is not installed: Argdown's CLI cannot run (CI installs node)")
    found = _find_cli()
    if found is None:
        npm = shutil.which("npm")
        if npm is None:
            _skip("npm is not installed: cannot install @argdown/cli")
        CACHE.mkdir(parents=True, exist_ok=True)
        try:
            done = subprocess.run(
                [npm, "install", "--no-audit", "--no-fund", "--prefix", str(CACHE), "@argdown/cli"],
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
        except subprocess.TimeoutExpired:
            _skip("npm install @argdown/cli timed out (no network?)")
        if done.returncode != 0:
            _skip(f"npm install @argdown/cli failed (no network?): {done.stderr.strip()[-300:]}")
        found = _find_cli()
        if found is None:
            _skip("npm installed @argdown/cli but its 'argdown' executable is missing")
    return found


def run_argdown_json(cli: str, files: Iterable[Path], out: Path) -> dict[str, dict]:
    """``argdown json`` on each file; its JSON documents by file stem."""
    result: dict[str, dict] = {}
    for f in files:
        done = subprocess.run(
            [cli, "json", str(f), str(out)], capture_output=True, text=True, timeout=120, check=False
        )
        target = out / f"{f.stem}.json"
        assert done.returncode == 0 and target.exists(), (
            f"Argdown rejected {f.name}: {done.stdout}{done.stderr}"
        )
        assert "Invalid Argdown syntax" not in done.stdout + done.stderr, done.stdout
        result[f.stem] = json.loads(target.read_text(encoding="utf-8"))
    return result


def test_cli_agrees_with_import(argdown_cli: str, tmp_path: Path) -> None:
    docs = run_argdown_json(argdown_cli, CORPUS, tmp_path)
    for path in CORPUS:
        assert_same(docs[path.stem], argdown.read(path.read_text(encoding="utf-8")))


def test_cli_accepts_exports(argdown_cli: str, tmp_path: Path) -> None:
    sources: dict[str, ArgumentMap] = {}
    for path in sorted((ROOT / "maps").glob("*.argmap")):
        sources[path.stem] = parse(path.read_text(encoding="utf-8"))
    for path in CORPUS:
        sources[f"reexport-{path.stem}"] = argdown.loads(path.read_text(encoding="utf-8"))
    sources["tricky"] = _tricky()
    sources["hostile"] = _hostile()
    sources["attacks-on-attacks"] = parse(ATTACKS_ON_ATTACKS)
    files = []
    for stem, m in sources.items():
        target = tmp_path / f"{stem}.argdown"
        target.write_text(argdown.dumps(m), encoding="utf-8")
        files.append(target)
    docs = run_argdown_json(argdown_cli, files, tmp_path / "out")
    for stem, m in sources.items():
        text = (tmp_path / f"{stem}.argdown").read_text(encoding="utf-8")
        assert_same(docs[stem], argdown.read(without_argmap_data(text)))
        assert normal(argdown.read(text).map) == normal(m), stem


def test_cli_reads_generated_hostile_exports(argdown_cli: str, tmp_path: Path) -> None:
    """Argdown itself reads what argmap exports of generated maps full of hostile text as
    the same statements, texts, arguments and relations (argmap's data aside)."""
    maps: list[ArgumentMap] = []

    @settings(max_examples=60, derandomize=True, database=None, deadline=None)
    @given(hostile_maps())
    def collect(m: ArgumentMap) -> None:
        maps.append(m)

    collect()
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    texts = {}
    for k, m in enumerate(maps):
        texts[f"g{k}"] = argdown.dumps(m)
        (folder / f"g{k}.argdown").write_text(texts[f"g{k}"], encoding="utf-8")
    done = subprocess.run(
        [argdown_cli, "json", str(folder / "*.argdown"), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0 and "Invalid Argdown syntax" not in done.stdout + done.stderr, done.stdout
    for stem, text in texts.items():
        doc = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        assert_same(doc, argdown.read(without_argmap_data(text)))


def _tricky() -> ArgumentMap:
    return (
        MapBuilder("A title with \"quotes\" and 'more'")
        .claim("a", "Text with [brackets], <angles>, #hash, *stars*, _under_, @at, {curly}, // and /* */.")
        .claim("b", "- starts like a relation")
        .claim("c", "(1) starts like a premise", tags=["two words"])
        .claim("d", "line one\nline two")
        .support(["a", "b"], "c", name="linked")
        .undercut("d", "linked")
        .rebut("d", "a")
        .contradict("b", "d")
        .build()
    )


ATTACKS_ON_ATTACKS = """
claim rating "The inspector rated the bridge 'monitor' in 2019."
claim diligent "The council was diligent."
claim only-monitor "A 'monitor' rating does not call for repairs."
claim rule "The council's own rules call for repairs after a 'monitor' rating."
claim pilot-cost "The pilot cost 40,000."
claim no-budget "There is no budget."
r1: rating rebuts diligent by witness
u1: only-monitor undercuts r1 by council
u2: rule undercuts u1 by witness
r-cost: pilot-cost + no-budget rebuts diligent
"""


def test_attacks_on_attacks_and_linked_attacks_go_out_as_arguments_standing_for_them() -> None:
    m = parse(ATTACKS_ON_ATTACKS)
    text = argdown.dumps(m)
    assert "<r1> " in text and "  <+ [rating]\n  -> [diligent]" in text
    assert "<u1> " in text and "  _> <r1>" in text and "[rule]\n  _> <u1>" in text
    assert "  <+ [pilot-cost]\n  <+ [no-budget]\n  -> [diligent]" in text
    assert normal(argdown.loads(text)) == normal(m)
    notes = "\n".join(argdown.export_notes(m))
    assert "linked attack (written as an argument standing for it): 1" in notes
    assert "undercut attack (written as an argument standing for it): 2" in notes


def _hostile() -> ArgumentMap:
    """Claims whose texts, titles and tags hold every hostile piece, alone and in pairs (no line
    breaks: those travel in data, which Argdown does not read as text)."""
    import random

    rng = random.Random(21)
    pieces = [p for p in HOSTILE_PIECES if not re.search("[\n\r\u2028\u2029]", p)]
    b = MapBuilder("Hostile: /* <!-- // === {x}")
    names = []
    for k, piece in enumerate(pieces):
        text = f"x{piece}y {piece} " + rng.choice(pieces) + rng.choice(pieces) + " end"
        b.claim(f"c{k}", text.strip() or "x", tags=[piece.strip() or "t", rng.choice(pieces).strip() or "u"])
        names.append(f"c{k}")
    for k in range(len(names) - 1):
        b.support([names[k]], names[k + 1]) if k % 2 else b.rebut([names[k]], names[k + 1])
    b.claim("_arg", "An argument whose id reads like a relation", tags=["argument"])
    b.support(["c0", "_arg"], "c1", name="_s", note="<+> a note that looks like a title")
    b.undercut(["c2"], "_s")
    return b.build()


def test_claims_keep_texts_with_markup(tmp_path: Path) -> None:
    m = _tricky()
    back = argdown.read(argdown.dumps(m)).map
    assert {c.id: c.text for c in back.claims} == {c.id: c.text for c in m.claims}
    assert isinstance(back.claims[0], Claim)


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.lists(st.sampled_from(list("ab .:\t/=*#_\\[]<>{}@\u3000\u00a0\x1c")), max_size=12).map("".join),
        st.text(max_size=20),
    )
)
def test_text_that_needs_no_escape_is_written_as_it_is(text: str) -> None:
    """escape() returns most texts unchanged without walking them: the same as the full walk."""
    from argmap.formats.argdown.writer import _BREAKS, _escape_each, escape

    if not _BREAKS.search(text):
        assert escape(text) == _escape_each(text)


def _dump_each(value: object) -> str:
    """argdown.data.dump as it was first written, character by character: the reference."""
    from argmap.formats.argdown.data import _UNSAFE

    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    out: list[str] = []
    in_string = False
    escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            elif _UNSAFE.match(ch):
                out.append(f"\\u{ord(ch):04x}")
                continue
        elif ch == '"':
            in_string = True
        out.append(ch)
    return "".join(out)


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=500, deadline=None)
@given(_JSONISH)
def test_argmap_data_escapes_markup_only_inside_strings(value: object) -> None:
    from argmap.formats.argdown.data import dump

    assert dump(value) == _dump_each(value)
    assert json.loads(dump(value)) == value
