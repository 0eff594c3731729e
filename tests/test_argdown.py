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
        relations.add((kind, name(r["from"], r["fromType"]), name(r["to"], r["toType"])))
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
        elif isinstance(e, Undercut):
            relations.add(("undercut", e.attacker, owner.get(e.target, e.target)))
        elif isinstance(e, Contradiction):
            relations.add(("contradictory", e.left, e.right))
    for arg, chain in steps.items():
        conclusions = {s.conclusion for s in chain}
        premises = {p for s in chain for p in s.premises} - conclusions
        pcs[arg] = (premises, chain[-1].conclusion)
    return set(imported.statements.values()), set(imported.arguments.values()), relations, pcs


def plain(text: str, tags: Iterable[str]) -> str:
    """Argdown's text of a statement without its tags (Argdown keeps them in the text)."""
    for tag in tags:
        text = text.replace(f"#({tag})", "")
        text = re.sub(rf"#{re.escape(tag)}(?![\w-])", "", text)
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
        if given:
            assert texts[imported.statements[title]] == plain(given[0], cls.get("tags", [])), title


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
        ("special character shortcode (kept as written, not as Argdown's symbol)", 1),
        ("relation with nothing above it", 1),
        ("support of a reconstructed argument (kept as a support of the argument's claim)", 1),
        ("undercut of a statement or of an argument without premises and conclusion (kept as a rebuttal)", 2),
    ]:
        assert kinds[kind].count == count, (kind, kinds[kind])
        assert kind in listed
    assert kinds["relation with nothing above it"].where == ("line 54",)
    assert parse_again(m)


def test_the_import_command_prints_the_list(tmp_path: Path) -> None:
    from conftest import run_cli

    f = tmp_path / "every.argdown"
    f.write_text(EVERYTHING, encoding="utf-8")
    result = run_cli("import", str(f))
    assert result.code == 0
    assert "inference rule: 2 (line " in result.err
    assert "# - relation with nothing above it: 1 (line 54)" in result.out


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
ids = st.from_regex(r"[a-z][a-z0-9_-]{0,6}", fullmatch=True)


@st.composite
def hostile_maps(draw: st.DrawFn) -> ArgumentMap:
    """Maps with every construct Argdown export handles, and hostile text everywhere."""
    names = draw(st.lists(ids.filter(lambda i: i != "arg"), min_size=2, max_size=6, unique=True))
    people = [f"p{k}" for k in range(draw(st.integers(0, 2)))]
    opt = st.none() | hostile_texts
    b = MapBuilder(draw(opt))
    arguments = []
    if draw(st.booleans()):  # a claim standing for an Argdown argument
        b.claim("arg", draw(hostile_texts), tags=["argument", *draw(st.lists(hostile_texts, max_size=1))])
        arguments.append("arg")
    for p in people:
        b.perspective(p, draw(hostile_texts), note=draw(opt))
    b.source("src", draw(hostile_texts))
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
        )
    pick = st.sampled_from(names + arguments)
    relation_names: list[str] = []
    for k in range(draw(st.integers(0, 4))):
        premises = draw(st.lists(pick, min_size=1, max_size=3, unique=True))
        name = f"r{k}" if draw(st.booleans()) else None
        b.support(
            premises,
            draw(pick),
            name=name,
            by=draw(st.lists(st.sampled_from(people), max_size=1)) if people else (),
            note=draw(opt),
        )
        if name:
            relation_names.append(name)
    for k in range(draw(st.integers(0, 3))):
        attackers = draw(st.lists(pick, min_size=1, max_size=2, unique=True))
        name = f"a{k}" if draw(st.booleans()) else None
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
    titles = _Export(m).titles
    arguments = {c.id for c in m.claims if argdown.ARGUMENT_TAG in c.tags}

    def rename(cid: str) -> str:
        table = plain.arguments if cid in arguments else plain.statements
        return table.get(titles.get(cid, cid), cid)

    assert structure(plain.map)[1:3] == structure_plain(m, rename)


def structure_plain(m: ArgumentMap, rename: Callable[[str], str]) -> tuple[set[Any], set[Any]]:
    """Supports and one-attacker attacks: what Argdown's own syntax says of the map, with the
    ids a reader of Argdown alone gives the claims."""
    supports = {(tuple(map(rename, s.premises)), rename(s.conclusion)) for s in m.supports}
    attacks = {("attack", (rename(r.attacker),), rename(r.target)) for r in m.rebuttals if not r.linked}
    attacks |= {("contradictory", (rename(c.left),), rename(c.right)) for c in m.contradictions}
    return supports, attacks


def without_argmap_data(text: str) -> str:
    """The Argdown text as another Argdown tool sees it: argmap's data taken out."""
    text = re.sub(r"^argmap: .*$", "", text, flags=re.M)
    return re.sub(r' \{"argmap": .*\}$', "", text, flags=re.M)


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


def test_claims_keep_texts_with_markup(tmp_path: Path) -> None:
    m = _tricky()
    back = argdown.read(argdown.dumps(m)).map
    assert {c.id: c.text for c in back.claims} == {c.id: c.text for c in m.claims}
    assert isinstance(back.claims[0], Claim)
