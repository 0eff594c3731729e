"""argmap.formats.aif: AIF JSON (AIFdb/OVA) export and import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from interchange_strategies import def_ids, element_groups, id_lists, ids, opt_text, tags, texts

import argmap
from argmap.builder import MapBuilder
from argmap.errors import ArgmapError, InterchangeError, LimitError
from argmap.formats import aif
from argmap.formats.writer import VERB_IDS, write
from argmap.model import (
    Allow,
    ArgumentMap,
    Claim,
    ClaimKind,
    Contradiction,
    Element,
    Perspective,
    Question,
    Quote,
    Rebuttal,
    Section,
    Source,
    Stance,
    Support,
    Undercut,
)
from argmap.syntax.parser import parse

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "interchange"
HOSTILE = ROOT / "tests" / "data" / "hostile"
# AIFdb node set 6064, as in shared/corpus/aif (see tests/data/interchange/README.md).
CORPUS_COPY = DATA / "moralmaze-6064.json"
EVERY_KIND = DATA / "aif-every-node-kind.json"


def _corpus() -> str:
    return CORPUS_COPY.read_text(encoding="utf-8")


# ---- language 2 maps for the round trip -------------------------------------------------------------
dates = st.none() | st.sampled_from(["2013", "2013-05", "2024-05-17"]) | texts
quotes = st.lists(st.builds(Quote, texts, st.none() | ids, st.none() | ids, opt_text, dates), max_size=2).map(
    tuple
)
attackers = st.lists(ids, min_size=1, max_size=3).map(tuple)
codes = st.lists(st.sampled_from(["W302", "E201", "W305"]), max_size=2).map(tuple)
schemes = st.none() | st.sampled_from(["Argument From Expert Opinion", "Default Inference", ""]) | texts


def _relation_fields() -> dict[str, st.SearchStrategy[object]]:
    return {
        "by": id_lists,
        "note": opt_text,
        "name": st.none() | ids,
        "tags": tags,
        "sources": id_lists,
        "quotes": quotes,
        "allow": codes,
        "scheme": schemes,
    }


def _one(strategy: st.SearchStrategy[Element]) -> st.SearchStrategy[list[Element]]:
    return strategy.map(lambda e: [e])


names = st.sampled_from(["r1", "r2", "u1", "c1", "s1"])
language2_groups = st.one_of(
    element_groups,
    _one(
        st.builds(
            Claim,
            def_ids,
            texts,
            st.none() | st.sampled_from(list(ClaimKind)),
            id_lists,
            tags,
            id_lists,
            quotes,
            opt_text,
            dates,
            st.lists(st.tuples(ids, st.sampled_from(["yes", "no"])), max_size=2).map(tuple),
            codes,
            opt_text,
            st.none() | st.floats(0, 1),
        )
    ),
    _one(st.builds(Support, attackers, ids, **_relation_fields() | {"name": st.none() | names})),
    _one(st.builds(Rebuttal, attackers, ids, **_relation_fields() | {"name": st.none() | names})),
    _one(st.builds(Undercut, attackers, names | ids, **_relation_fields() | {"name": st.none() | names})),
    _one(st.builds(Contradiction, ids, ids, **_relation_fields() | {"name": st.none() | names})),
    _one(st.builds(Stance, ids, names | ids, st.booleans(), st.booleans(), opt_text, dates, codes)),
    _one(st.builds(Section, def_ids, texts, st.none() | ids, opt_text, codes)),
    _one(st.builds(Allow, st.lists(st.sampled_from(["W302", "E201"]), min_size=1, max_size=2), opt_text)),
    _one(st.builds(Question, def_ids, texts, tags, opt_text, id_lists, codes)),
    _one(st.builds(Source, def_ids, texts, opt_text, dates, opt_text, opt_text, opt_text, codes)),
    _one(st.builds(Perspective, def_ids, texts, opt_text, opt_text, opt_text, codes)),
)


@st.composite
def language2_maps(draw: st.DrawFn) -> ArgumentMap:
    """Maps with every construct of language 2 (named relations of every kind, attacks on
    attacks, linked attacks, stances on relations, provenance, sections, schemes)."""
    groups = draw(st.lists(language2_groups, max_size=12))
    return ArgumentMap(tuple(e for g in groups for e in g))


@settings(max_examples=200, suppress_health_check=list(HealthCheck), deadline=None)
@given(language2_maps())
def test_round_trip(m: ArgumentMap) -> None:
    got = aif.read(aif.dumps(m))
    assert got.map == m
    assert got.notes == () and got.unrepresented == ()


@settings(max_examples=100, suppress_health_check=list(HealthCheck), deadline=None)
@given(language2_maps())
def test_plain_aif_of_any_map_imports_to_a_writable_map(m: ArgumentMap) -> None:
    """Without argmap's extension (what another AIF tool would keep), the import still has the
    structure and makes only ids the writer can write."""
    doc = aif.to_dict(m)
    del doc["argmap"]
    got = aif.read(json.dumps(doc))
    write(got.map)  # raises on an id the writer cannot write
    assert not {p.id for p in got.map.perspectives} & VERB_IDS
    assert len(got.map.claims) == sum(1 for n in doc["nodes"] if n["type"] == "I")


SECOND = """\
title "Bridge hearing"
source hearing "Council hearing, 3 May"
perspective witness "Ann Witness"
perspective council "The Council"
section facts "Facts"
claim rating "The inspector rated the bridge 'monitor' in 2019." date "2019"
  quote witness "It was rated monitor." from hearing at "14:32" on "2024-05-03"
claim diligent "The council was diligent." held by council
claim only-monitor "A 'monitor' rating does not call for repairs."
claim rule "The council's own rules call for repairs after a 'monitor' rating."
claim cost "Repairs cost money."
claim budget "There was no budget."
section args "Arguments" in facts
r1: rating rebuts diligent by witness
u1: only-monitor undercuts r1 by council
u2: rule undercuts u1 by witness
r2: cost + budget rebuts rule by council scheme "Argument From Consequences"
s1: budget supports diligent scheme "Argument From Expert Opinion"
witness rejects u1 on "2024"
council accepts r2
c1: cost contradicts rule
u3: budget undercuts c1
allow W302 "intended"
"""


def _doc(m: ArgumentMap) -> tuple[dict[str, dict[str, str]], list[tuple[str, str]]]:
    doc = aif.to_dict(m)
    return {n["nodeID"]: n for n in doc["nodes"]}, [(e["fromID"], e["toID"]) for e in doc["edges"]]


def test_language_2_in_aif_nodes() -> None:
    m = parse(SECOND)
    nodes, edges = _doc(m)

    def ends(node: str) -> tuple[list[str], list[str]]:
        into = [nodes[a]["type"] + ":" + nodes[a]["text"] for a, b in edges if b == node]
        out = [nodes[b]["type"] + ":" + nodes[b]["text"] for a, b in edges if a == node]
        return into, out

    cas = [k for k, n in nodes.items() if n["type"] == "CA"]
    # an undercut of a rebuttal and of an undercut: CA -> CA
    ca_on_ca = [(a, b) for a, b in edges if nodes[a]["type"] == "CA" and nodes[b]["type"] == "CA"]
    assert len(ca_on_ca) == 4  # u1 -> r1, u2 -> u1, u3 -> both CA nodes of c1
    # the linked rebuttal: two I-nodes into one CA, its scheme its text
    linked = next(k for k in cas if nodes[k]["text"] == "Argument From Consequences")
    assert sorted(ends(linked)[0]) == [
        "I:Repairs cost money.",
        "I:There was no budget.",
        "YA:Agreeing",  # council accepts r2
        "YA:Disagreeing",  # by council
    ]
    assert nodes[linked]["scheme"] == "Argument From Consequences"
    ra = next(k for k, n in nodes.items() if n["type"] == "RA")
    assert nodes[ra]["text"] == "Argument From Expert Opinion"
    # stances on relations: Denying / Agreeing anchored on the CA
    u1 = next(k for k in cas if "I:A 'monitor' rating does not call for repairs." in ends(k)[0])
    assert "YA:Denying" in ends(u1)[0]  # witness rejects u1
    # the quote's date is its locution's timestamp; the stance's too
    stamps = sorted(n.get("timestamp", "") for n in nodes.values() if n["type"] == "L")
    assert [s for s in stamps if s] == ["2024", "2024-05-03"]
    assert aif.loads(aif.dumps(m)) == m


def test_language_2_without_the_extension() -> None:
    """What another AIF tool would keep: the structure of language 2 is in the nodes."""
    doc = aif.to_dict(parse(SECOND))
    del doc["argmap"]
    m = aif.loads(json.dumps(doc))
    by_text = {c.text: c.id for c in m.claims}
    r1 = next(r for r in m.rebuttals if r.target == by_text["The council was diligent."])
    assert r1.name is not None
    u1 = next(u for u in m.undercuts if u.target == r1.name)
    assert u1.name is not None and m.undercuts_of(u1.name)  # the undercut of the undercut
    linked = next(r for r in m.rebuttals if r.linked)
    assert linked.scheme == "Argument From Consequences" and linked.name is not None
    assert [s.target for s in m.stances if not s.inline] == [u1.name, linked.name]
    assert [s.accepts for s in m.stances if not s.inline] == [False, True]
    assert m.supports[0].scheme == "Argument From Expert Opinion"
    assert {p.name for p in m.perspectives} == {"Ann Witness", "The Council"}


def test_export_uses_aif_nodes() -> None:
    m = (
        MapBuilder()
        .perspective("ann", "Ann Smith")
        .claim("a", "A.", held_by=["ann"])
        .claim("b", "B.")
        .claim("c", "C.")
        .support(["a", "b"], "c", name="ab", by=["ann"])
        .rebut("b", "a")
        .undercut("a", "ab")
        .contradict("a", "c")
        .build()
    )
    doc = aif.to_dict(m)
    types = [n["type"] for n in doc["nodes"]]
    assert types.count("I") == 3
    assert types.count("RA") == 1
    assert types.count("CA") == 4  # rebuttal, undercut, contradiction (both ways)
    nodes = {n["nodeID"]: n for n in doc["nodes"]}
    ra = next(n["nodeID"] for n in doc["nodes"] if n["type"] == "RA")
    into_ra = [e["fromID"] for e in doc["edges"] if e["toID"] == ra]
    assert sorted(nodes[i]["text"] for i in into_ra if nodes[i]["type"] == "I") == ["A.", "B."]
    assert doc["participants"] == [{"participantID": "1", "firstname": "Ann", "surname": "Smith"}]
    assert all(loc["personID"] == "1" for loc in doc["locutions"])
    # without argmap's extension, plain AIF readers still get the structure
    del doc["argmap"]
    plain = aif.read(json.dumps(doc)).map
    assert len(plain.claims) == 3
    assert len(plain.supports) == 1 and len(plain.supports[0].premises) == 2
    assert len(plain.undercuts) == 1
    assert len(plain.rebuttals) == 3  # the rebuttal and the contradiction's two directions
    assert any(s.accepts for s in plain.stances)


def test_export_is_compact_unless_indented() -> None:
    m = parse(SECOND)
    compact = aif.dumps(m)
    assert compact.count("\n") == 1
    indented = aif.dumps(m, indent=2)
    assert json.loads(indented) == json.loads(compact)
    assert indented.count("\n") > 100


def test_export_notes_say_what_aif_nodes_cannot() -> None:
    m = MapBuilder().claim("a", "A").undercut("a", "nowhere").build()
    assert any("nowhere" in n for n in aif.export_notes(m))
    assert aif.loads(aif.dumps(m)) == m  # the extension keeps it
    assert aif.export_notes(parse(SECOND)) == []


# ---- plain AIF ------------------------------------------------------------------------------------
def test_real_aifdb_file() -> None:
    got = aif.read(_corpus())
    m = got.map
    assert len(m.claims) == 9
    assert len(m.supports) == 5
    assert {p.name for p in m.perspectives} == {"CL", "NL"}
    assert all(isinstance(e, (Claim, Stance, Support)) or e in m.perspectives for e in m.elements)
    assert (len(m.accepted_by("cl")), len(m.accepted_by("nl")), len(m.stances)) == (6, 2, 8)
    assert m.holders("i111829") == ()  # the moderator's question: listed, no stance
    # what argmap cannot say is reported, not dropped
    kinds = {u.kind: u for u in got.unrepresented}
    assert kinds["TA node (transition between locutions)"].count == 8
    assert kinds["YA node 'Pure Questioning' on a claim"].count == 1
    assert kinds["isolated L node (a locution linked to nothing)"].count == 7
    assert len(got.notes) == len(got.unrepresented) == 3
    # who argued is kept: every support is by the speaker of the transition that anchors it
    assert all(s.by for s in m.supports)
    # the locutions' own words become quotes, without the speaker's label
    quotes = [q for c in m.claims for q in c.quotes]
    assert [q.speaker for q in quotes] == ["cl", "cl", "nl"]
    assert not any(q.text.startswith(("CL", "NL")) for q in quotes)
    write(m)


def test_every_node_kind_is_represented_or_listed() -> None:
    """A file with every kind of AIF node (OVA3's wrapper, its `Name: ` labels, Default
    Illocuting, Analysing, schemes, attacks on attacks, linked attacks ...): each node is
    either in the map or in the list of what could not be represented."""
    text = EVERY_KIND.read_text(encoding="utf-8")
    got = aif.read(text)
    m = got.map
    listed = {w for u in got.unrepresented for w in u.where}
    nodes = {n["nodeID"]: n for n in json.loads(text)["AIF"]["nodes"]}
    kept = {
        # I-nodes are claims
        *(k for k, n in nodes.items() if n["type"] == "I"),
        # RA/CA nodes are relations
        "10", "11", "12", "13", "14",
        # L and YA nodes are stances, quotes and 'by'
        "20", "21", "22", "23", "25", "26", "30", "31", "32", "33", "35", "36", "37",
    }  # fmt: skip
    assert {f"node {k}" for k in nodes} - {f"node {k}" for k in kept} <= listed
    assert {f"node {k}" for k in nodes if k not in kept} | {"edge 38"} == listed
    assert [c.id for c in m.claims] == [f"i{k}" for k in range(1, 8)]
    # one speaker, one perspective: Rachel's locution without a 'locutions' entry is hers
    assert [p.name for p in m.perspectives] == ["Rachel Smith", "Tom Jones"]
    rachel, tom = (p.id for p in m.perspectives)
    # OVA3's "Name: " labels are not part of the quotes
    assert m.claim("i1").quotes == (Quote("it is safe", rachel),)
    # Default Illocuting is an assertion (on a claim) and arguing (on a relation)
    assert m.holders("i1") == (rachel,)
    assert m.rejecters("i4") == (tom,)
    # schemes, attacks on inferences and on attacks, linked attacks, stances on relations
    support = m.supports[0]
    assert support.scheme == "Argument From Expert Opinion" and support.by == (rachel,)
    assert support.name is not None and m.undercuts_of(support.name)[0].attackers == ("i3",)
    assert m.rejected_by(tom) == ("i4", support.name)
    linked = next(r for r in m.rebuttals if r.linked)
    assert linked.attackers == ("i5", "i6") and linked.by == (tom,)
    attacked = next(r for r in m.rebuttals if r.attackers == ("i4",))
    assert attacked.name is not None and m.undercuts_of(attacked.name)[0].attackers == ("i1",)
    kinds = " | ".join(u.kind for u in got.unrepresented)
    for kind in ("Analysing", "MA node", "PA node", "TA node", "isolated L node", "'X'", "Pure Questioning"):
        assert kind in kinds
    write(m)


def test_unrepresentable_nodes_are_reported() -> None:
    doc = {
        "nodes": [
            {"nodeID": "1", "text": "A", "type": "I"},
            {"nodeID": "2", "text": "A again", "type": "I"},
            {"nodeID": "3", "text": "Default Rephrase", "type": "MA"},
            {"nodeID": "4", "text": "Default Preference", "type": "PA"},
            {"nodeID": "5", "text": "Default Conflict", "type": "CA"},
            {"nodeID": "6", "text": "Default Conflict", "type": "CA"},
            {"nodeID": "7", "text": "Default Inference", "type": "RA"},
        ],
        "edges": [
            {"edgeID": "1", "fromID": "1", "toID": "3"},
            {"edgeID": "2", "fromID": "3", "toID": "2"},
            {"edgeID": "3", "fromID": "1", "toID": "5"},
            {"edgeID": "4", "fromID": "5", "toID": "6"},
            {"edgeID": "5", "fromID": "1", "toID": "7"},
            {"edgeID": "6", "fromID": "7", "toID": "99"},
        ],
        "locutions": [],
    }
    got = aif.read(json.dumps(doc))
    text = "\n".join(got.notes)
    assert "MA node (rephrase): 1 (node 3)" in text
    assert "PA node (preference): 1 (node 4)" in text
    assert "CA node attacking only nodes that are no relation: 1 (node 5)" in text
    assert "CA node without an attacker or a target: 1 (node 6)" in text
    assert "RA node without a premise or a conclusion: 1 (node 7)" in text
    assert "edge to a node not in the document: 1 (edge 6)" in text
    assert [c.text for c in got.map.claims] == ["A", "A again"]


def test_ova_wrapper_and_numeric_ids() -> None:
    doc = {
        "AIF": {
            "nodes": [
                {"nodeID": 1, "text": "P", "type": "I"},
                {"nodeID": 2, "text": "C", "type": "I"},
                {"nodeID": 3, "text": "Default Inference", "type": "RA"},
                {"nodeID": 4, "text": "Default Conflict", "type": "CA"},
            ],
            "edges": [
                {"edgeID": 1, "fromID": 1, "toID": 3},
                {"edgeID": 2, "fromID": 3, "toID": 2},
                {"edgeID": 3, "fromID": 2, "toID": 4},
                {"edgeID": 4, "fromID": 4, "toID": 3},
            ],
        }
    }
    m = aif.loads(json.dumps(doc))
    support = m.supports[0]
    assert support.premises == ("i1",) and support.conclusion == "i2"
    assert m.undercuts == (Undercut("i2", support.name or ""),)
    assert parse(write(m)) == m


def test_one_speaker_is_one_perspective() -> None:
    """Issue 19: a locution with a personID and another of the same speaker without a
    'locutions' entry made two perspectives (rachel, rachel-2)."""
    doc = {
        "nodes": [
            {"nodeID": "1", "text": "A", "type": "I"},
            {"nodeID": "2", "text": "B", "type": "I"},
            {"nodeID": "3", "text": "Rachel: A", "type": "L"},
            {"nodeID": "4", "text": "Rachel: B", "type": "L"},
            {"nodeID": "5", "text": "Asserting", "type": "YA"},
            {"nodeID": "6", "text": "Asserting", "type": "YA"},
        ],
        "edges": [
            {"edgeID": "1", "fromID": "3", "toID": "5"},
            {"edgeID": "2", "fromID": "5", "toID": "1"},
            {"edgeID": "3", "fromID": "4", "toID": "6"},
            {"edgeID": "4", "fromID": "6", "toID": "2"},
        ],
        "locutions": [{"nodeID": "3", "personID": "7"}],
    }
    for participants in ([], [{"participantID": "7", "firstname": "Rachel", "surname": ""}]):
        m = aif.loads(json.dumps(doc | {"participants": participants}))
        assert [p.id for p in m.perspectives] == ["rachel"]
        assert m.accepted_by("rachel") == ("i1", "i2")
        assert [c.quotes for c in m.claims] == [(), ()]  # "Rachel: A" is the claim's text


def test_speakers_named_like_keywords_get_ids_the_writer_can_write() -> None:
    got = aif.read((HOSTILE / "aif-speaker-named-like-a-keyword.aif.json").read_text(encoding="utf-8"))
    assert [p.id for p in got.map.perspectives] == ["support-2", "accepts-2"]
    assert parse(write(got.map)) == got.map


def test_schemes_from_aifdb_and_ova() -> None:
    doc = {
        "nodes": [
            {"nodeID": "1", "text": "P", "type": "I"},
            {"nodeID": "2", "text": "C", "type": "I"},
            {"nodeID": "3", "text": "Argument From Expert Opinion", "type": "RA"},
            {"nodeID": "4", "text": "Default Inference", "type": "RA", "scheme": "Argument From Sign"},
            {"nodeID": "5", "text": "Default Inference", "type": "RA"},
        ],
        "edges": [
            {"fromID": "1", "toID": n} for n in ("3", "4", "5")
        ] + [{"fromID": n, "toID": "2"} for n in ("3", "4", "5")],
    }  # fmt: skip
    m = aif.loads(json.dumps(doc))
    assert [s.scheme for s in m.supports] == ["Argument From Expert Opinion", "Argument From Sign", None]
    back = aif.to_dict(m)
    assert [n["text"] for n in back["nodes"] if n["type"] == "RA"] == [
        "Argument From Expert Opinion",
        "Argument From Sign",
        "Default Inference",
    ]


def test_a_changed_extension_falls_back_to_plain_aif() -> None:
    m = MapBuilder().claim("a", "A").claim("b", "B").rebut("a", "b").build()
    doc = aif.to_dict(m)
    doc["argmap"]["elements"][2]["node"] = "999"
    got = aif.read(json.dumps(doc))
    assert any("does not match" in n for n in got.notes)
    assert got.map.rebuttals == (Rebuttal("i1", "i2"),)


def test_version_1_extension_still_reads() -> None:
    doc = {
        "nodes": [
            {"nodeID": "1", "text": "A", "type": "I"},
            {"nodeID": "2", "text": "B", "type": "I"},
            {"nodeID": "3", "text": "Default Inference", "type": "RA"},
        ],
        "edges": [{"fromID": "1", "toID": "3"}, {"fromID": "3", "toID": "2"}],
        "argmap": {
            "version": 1,
            "elements": [
                {"type": "claim", "node": "1", "id": "a", "kind": "fact", "answers": [], "tags": ["t"],
                 "sources": [], "quotes": [], "note": None},
                {"type": "claim", "node": "2", "id": "b", "kind": None, "answers": [], "tags": [],
                 "sources": [], "quotes": [], "note": "n"},
                {"type": "support", "node": "3", "name": "s", "note": None, "by": []},
            ],
            "speakers": {},
        },
    }  # fmt: skip
    got = aif.read(json.dumps(doc))
    assert got.notes == ()
    assert got.map == parse('fact a "A" tags t\nclaim b "B" note "n"\ns: a supports b\n')


# ---- bad input: clear errors ------------------------------------------------------------------------
@pytest.mark.parametrize("path", sorted(HOSTILE.glob("aif-*")), ids=lambda p: p.name)
def test_hostile_files_give_clear_errors(path: Path) -> None:
    """Each crashed (AttributeError, TypeError, RecursionError) or made an unwritable map."""
    text = path.read_text(encoding="utf-8")
    try:
        m = argmap.import_(text, from_="aif")
    except LimitError as exc:  # the readers' nesting limit (argmap.util.limits), before AIF's
        assert exc.limit == "depth"
    except ArgmapError as exc:
        assert isinstance(exc, InterchangeError)
        # the JSON path of what is wrong, or why the JSON text itself cannot be read
        assert "$." in str(exc) or "cannot be read" in str(exc), str(exc)
    else:
        write(m)


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("aif-extension-elements-not-object.aif.json", "$.argmap.elements[0]: expected an object"),
        ("aif-extension-quote-not-object.aif.json", "$.argmap.elements[0].quotes[0]: expected an object"),
        ("aif-extension-note-not-string.aif.json", "$.argmap.elements[0].note: expected a string"),
        ("aif-extension-speakers-empty.aif.json", "$.argmap.speakers: no perspective for participant"),
        ("aif-locutions-number.aif.json", "$.locutions: expected a list, got a number"),
        ("aif-participants-number.aif.json", "$.participants: expected a list, got a number"),
        ("aif-nested-1000-deep.aif.json", "nested too deeply"),
    ],
)
def test_hostile_error_messages(name: str, where: str) -> None:
    with pytest.raises(InterchangeError) as info:
        aif.read((HOSTILE / name).read_text(encoding="utf-8"))
    assert where in str(info.value)


@pytest.mark.parametrize(
    ("text", "looks_like", "hint"),
    [
        ('claim a "A"\nclaim b "B"\na supports b\n', "argmap text", "--from argmap"),
        ("[Safe]: The bridge is safe.\n  + <Expert>: The engineer says so.\n", "Argdown", "--from argdown"),
        ("===\ntitle: x\n===\n\n# Heading\n\n[A]: a\n", "Argdown", "--from argdown"),
    ],
)
def test_other_formats_are_named(text: str, looks_like: str, hint: str) -> None:
    with pytest.raises(InterchangeError, match=f"looks like {looks_like}") as info:
        aif.read(text)
    assert info.value.hint is not None and hint in info.value.hint


def test_argmap_json_is_named() -> None:
    text = argmap.export(parse('claim a "A"\n'), to="json")
    with pytest.raises(InterchangeError, match="this is argmap JSON") as info:
        aif.read(text)
    assert info.value.hint is not None and "--from json" in info.value.hint


def test_cli_import_lists_what_is_not_represented(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from argmap.cli import app

    result = CliRunner().invoke(app, ["import", str(EVERY_KIND), "--from", "aif"])
    assert result.exit_code == 0, result.output
    assert "YA node 'Analysing' between L nodes: 1 (node 38)" in result.output
    assert "isolated L node (a locution linked to nothing): 1 (node 24)" in result.output


def test_arguebuf_rewrite_of_the_same_node_set() -> None:
    """arguebuf's own AIF export of node set 6064: RA text "RA" and scheme "Default Inference"
    say no scheme; its 'locutions' name L-nodes the file does not have: listed, as its MAs."""
    got = aif.read((DATA / "aif-moralmaze-6064-arguebuf.json").read_text(encoding="utf-8"))
    m = got.map
    assert len(m.claims) == 9 and len(m.supports) == 5
    assert all(s.scheme is None for s in m.supports)
    assert m.perspectives == () and m.stances == ()
    kinds = {u.kind: u.count for u in got.unrepresented}
    assert kinds == {
        "MA node (rephrase)": 3,
        "'locutions' entry for a node that is not an L-node of the document": 13,
    }
    # the same claims and supports as AIFdb's original
    original = aif.loads(_corpus())
    assert {c.text for c in m.claims} == {c.text for c in original.claims}
    assert {(s.premises, s.conclusion) for s in m.supports} == {
        (s.premises, s.conclusion) for s in original.supports
    }


def test_ova_scheme_ids_without_a_name_are_listed() -> None:
    doc = {
        "AIF": {
            "nodes": [
                {"nodeID": 1, "text": "P", "type": "I"},
                {"nodeID": 2, "text": "C", "type": "I"},
                {"nodeID": 3, "text": "RA", "type": "RA"},
                {"nodeID": 4, "text": "Argument From Sign", "type": "RA"},
                {"nodeID": 5, "text": "Default Inference", "type": "RA", "schemeID": "72"},
            ],
            "edges": [
                {"edgeID": 1, "fromID": 1, "toID": 3},
                {"edgeID": 2, "fromID": 3, "toID": 2},
                {"edgeID": 3, "fromID": 1, "toID": 4},
                {"edgeID": 4, "fromID": 4, "toID": 2},
                {"edgeID": 5, "fromID": 1, "toID": 5},
                {"edgeID": 6, "fromID": 5, "toID": 2},
            ],
            "schemefulfillments": [{"nodeID": 3, "schemeID": 72}, {"nodeID": 4, "schemeID": 5}],
        }
    }
    got = aif.read(json.dumps(doc))
    assert [s.scheme for s in got.map.supports] == [None, "Argument From Sign", None]
    assert [(u.kind, u.where) for u in got.unrepresented] == [
        ("OVA scheme id with no scheme name in the file", ("node 3 (scheme 72)",))
    ]
    with pytest.raises(InterchangeError, match=r"\$\.AIF\.schemefulfillments\[0\]: expected an object"):
        aif.read(json.dumps({"AIF": doc["AIF"] | {"schemefulfillments": [5]}}))


NODE_TYPES = ["I", "I", "RA", "CA", "CA", "MA", "PA", "L", "L", "TA", "YA", "YA", "X", ""]
ILLOCUTIONS = [
    "Asserting",
    "Disagreeing",
    "Arguing",
    "Default Illocuting",
    "Agreeing",
    "Denying",
    "Analysing",
]


@st.composite
def aif_documents(draw: st.DrawFn) -> dict[str, object]:
    """Random AIF graphs: any node type joined to any other, speakers named like anything."""
    n = draw(st.integers(1, 14))
    kinds = draw(st.lists(st.sampled_from(NODE_TYPES), min_size=n, max_size=n))
    names = st.sampled_from(["Ann", "Support", "accepts", "Ann Smith", "", "  ", "Tom: x"]) | texts
    nodes = []
    for i, kind in enumerate(kinds):
        if kind == "YA":
            text = draw(st.sampled_from(ILLOCUTIONS) | texts)
        elif kind == "L":
            text = draw(names) + draw(st.sampled_from([": ", " : ", ""])) + draw(texts)
        else:
            text = draw(texts)
        nodes.append({"nodeID": str(i), "text": text, "type": kind})
    pairs = st.tuples(st.integers(0, n), st.integers(0, n))  # n: a node that is not there
    edges = [{"fromID": str(a), "toID": str(b)} for a, b in draw(st.lists(pairs, max_size=3 * n))]
    locutions = [
        {"nodeID": str(i), "personID": draw(st.sampled_from(["1", "2", "3"]))}
        for i, kind in enumerate(kinds)
        if kind == "L" and draw(st.booleans())
    ]
    participants = [
        {"participantID": p, "firstname": draw(names), "surname": draw(names)}
        for p in draw(st.lists(st.sampled_from(["1", "2"]), unique=True))
    ]
    return {"nodes": nodes, "edges": edges, "locutions": locutions, "participants": participants}


@settings(max_examples=100, suppress_health_check=list(HealthCheck), deadline=None)
@given(aif_documents())
def test_any_aif_graph_imports_to_a_map_the_writer_can_write(doc: dict[str, object]) -> None:
    got = aif.read(json.dumps(doc))
    assert parse(write(got.map)) == got.map
    # every node that is neither a claim nor in the map's relations, stances or quotes is listed
    listed = {w.split(" (")[0] for u in got.unrepresented for w in u.where}
    nodes = doc["nodes"]
    assert isinstance(nodes, list)
    for node in nodes:
        if node["type"] in ("MA", "PA", "TA", "X", ""):
            assert f"node {node['nodeID']}" in listed


def test_cli_export_streams_the_same_text(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from argmap.cli import app

    source = tmp_path / "m.argmap"
    source.write_text(SECOND, encoding="utf-8")
    out = tmp_path / "m.aif.json"
    result = CliRunner().invoke(app, ["export", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == aif.dumps(parse(SECOND))
    result = CliRunner().invoke(app, ["export", str(source), "--to", "aif"])
    assert result.stdout == aif.dumps(parse(SECOND))


def _paths(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every place in a JSON value (as a path of keys and indexes)."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*path, i))
    return found


@settings(max_examples=100, suppress_health_check=list(HealthCheck), deadline=None)
@given(language2_maps(), st.data())
def test_a_corrupted_document_reads_or_fails_clearly(m: ArgumentMap, data: st.DataObject) -> None:
    """Any one value of an export (the extension's or the nodes') replaced by a value of
    another type: the reader gives a map or an InterchangeError, never another exception."""
    doc = aif.to_dict(m)
    place = data.draw(st.sampled_from(_paths(doc)[1:]), label="place")
    new = data.draw(st.sampled_from([5, -1, 2.5, True, None, "", "x", "support", [], {}, [5], {"a": 1}]))
    target: object = doc
    for key in place[:-1]:
        target = target[key]  # type: ignore[index]
    target[place[-1]] = new  # type: ignore[index]
    try:
        got = aif.read(json.dumps(doc))
    except InterchangeError as exc:
        assert str(exc)
    else:
        assert isinstance(got.map, ArgumentMap)


def test_texts_over_the_text_length_limit_are_refused() -> None:
    from argmap.util.limits import Limits, using

    m = MapBuilder().claim("a", "A claim of some length").build()
    text = aif.dumps(m)
    with using(Limits(text_length=10)), pytest.raises(LimitError, match=r"\$\.nodes\[0\]\.text"):
        aif.read(text)
    m = MapBuilder().claim("a", "A", note="a note longer than ten").build()
    with using(Limits(text_length=10)), pytest.raises(LimitError, match=r"\$\.argmap\.elements\[0\]\.note"):
        aif.read(aif.dumps(m))


def test_a_lone_surrogate_is_refused_on_export() -> None:
    m = ArgumentMap((Claim("a", "before \udc00 after"),))
    with pytest.raises(InterchangeError, match="lone surrogate U\\+DC00"):
        aif.dumps(m)
