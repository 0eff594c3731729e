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
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.builder import MapBuilder
from argmap.formats import argdown
from argmap.model import ArgumentMap, Claim, Contradiction, Rebuttal, Support, Undercut
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
    for r in doc["relations"]:
        kind = {"contrary": "attack"}.get(r["relationType"], r["relationType"])
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
    assert (
        Contradiction("Tax", "No-tax") in m.contradictions
        or Contradiction("Tax", "no-tax") in m.contradictions
    )
    assert m.undercuts == (Undercut("Obesity", "Price-signal-inference"),) or any(
        u.attacker == "Obesity" for u in m.undercuts
    )
    price = imported.inferences[imported.arguments["Price signal"]]
    assert m.support(price).conclusion == "Tax"
    assert len([s for s in m.supports if s.name and s.name.startswith(price)]) == 2  # intermediate step
    notes = "\n".join(imported.notes)
    assert "heading" in notes and "front matter" in notes and "Modus ponens" in notes


def test_bare_arguments_become_named_supports() -> None:
    text = "<rule>\n\n(1) [a]: A\n(2) [b]: B\n----\n(3) [c]: C\n\n[d]: D\n  _> <rule>\n"
    m = argdown.loads(text)
    assert [c.id for c in m.claims] == ["a", "b", "c", "d"]
    assert m.support("rule").premises == ("a", "b")
    assert m.undercuts == (Undercut("d", "rule"),)


# ---- export then import --------------------------------------------------------------------------
def structure(m: ArgumentMap) -> tuple[dict[str, str], set[tuple[tuple[str, ...], str]], set[Triple], set]:
    """What Argdown can carry: claims and their texts, supports, attacks, undercuts (by the
    premises and conclusion of the support they undercut), contradictions."""
    claims = {c.id: " ".join(c.text.split()) or c.id for c in m.claims if argdown.ARGUMENT_TAG not in c.tags}
    supports = {(tuple(sorted(s.premises)), s.conclusion) for s in m.supports}
    named = {s.name: (tuple(sorted(s.premises)), s.conclusion) for s in m.supports if s.name}
    attacks = {("attack", r.attacker, r.target) for r in m.rebuttals}
    attacks |= {("contradictory", c.left, c.right) for c in m.contradictions}
    undercuts = {(u.attacker, named[u.target]) for u in m.undercuts if u.target in named}
    return claims, supports, attacks, undercuts


ids = st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True)
texts = (
    st.lists(
        st.sampled_from([*"abc xyz.,;:!?'\"()[]<>#*_@{}/\\-+=", "é", "//", "/*", "--", "(1)", "\n", "word "]),
        min_size=1,
        max_size=30,
    )
    .map("".join)
    .filter(lambda t: t.strip())
)


@st.composite
def argdown_maps(draw: st.DrawFn) -> ArgumentMap:
    names = draw(st.lists(ids, min_size=2, max_size=6, unique=True))
    b = MapBuilder()
    for n in names:
        b.claim(n, draw(texts), tags=draw(st.lists(st.from_regex(r"[a-z]{1,5}", fullmatch=True), max_size=2)))
    pick = st.sampled_from(names)
    support_names = []
    for k in range(draw(st.integers(0, 4))):
        premises = draw(st.lists(pick, min_size=1, max_size=3, unique=True))
        conclusion = draw(pick.filter(lambda c, p=premises: c not in p))
        name = f"s{k}" if len(premises) > 1 or draw(st.booleans()) else None
        b.support(premises, conclusion, name=name)
        if name:
            support_names.append(name)
    for _ in range(draw(st.integers(0, 3))):
        a, t = draw(pick), draw(pick)
        if a != t:
            b.rebut(a, t)
    for _ in range(draw(st.integers(0, 2))):
        a, t = draw(pick), draw(pick)
        if a != t:
            b.contradict(a, t)
    if support_names:
        b.undercut(draw(pick), draw(st.sampled_from(support_names)))
    return b.build()


@settings(max_examples=150, suppress_health_check=list(HealthCheck), deadline=None)
@given(argdown_maps())
def test_export_then_import_keeps_the_structure(m: ArgumentMap) -> None:
    back = argdown.read(argdown.dumps(m))
    assert structure(back.map) == structure(m)


def test_export_notes_list_what_argdown_cannot_say() -> None:
    m = (
        MapBuilder()
        .perspective("p", "P")
        .claim("a", "A", kind="fact", held_by=["p"], note="n")
        .claim("b", "B")
        .support(["a"], "b", by=["p"])
        .build()
    )
    notes = "\n".join(argdown.export_notes(m))
    for word in ("perspective", "stance", "claim kind", "note", "by"):
        assert word in notes


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
        imported = argdown.read((tmp_path / f"{stem}.argdown").read_text(encoding="utf-8"))
        assert_same(docs[stem], imported)
        assert structure(imported.map) == structure(m), stem


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
    assert {c.id: c.text for c in back.claims} == {c.id: " ".join(c.text.split()) for c in m.claims}
    assert isinstance(back.claims[0], Claim)
