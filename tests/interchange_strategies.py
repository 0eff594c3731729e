"""Hypothesis strategies for whole maps (shared by the interchange and fmt tests).

Every map drawn is one the .argmap language can express exactly: inline stances follow their
claim and carry no note (see ``argmap.formats.writer.unexpressible``).
"""

from __future__ import annotations

from hypothesis import strategies as st

from argmap.formats.writer import VERB_IDS
from argmap.model import (
    ArgumentMap,
    Claim,
    ClaimKind,
    Contradiction,
    Element,
    Perspective,
    Question,
    Quote,
    Rebuttal,
    Source,
    Stance,
    Support,
    Title,
    Undercut,
)

KEYWORDS = [
    "title", "source", "perspective", "question", "claim", "fact", "interpretation", "prediction",
    "value", "policy", "url", "date", "author", "role", "color", "note", "answers", "held", "rejected",
    "by", "tags", "quote", "supports", "support", "rebuts", "attacks", "undercuts", "contradicts",
    "accepts", "rejects",
]  # fmt: skip

ids = st.one_of(
    st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True),
    st.from_regex(r"\w[\w-]{0,6}", fullmatch=True),
    st.sampled_from(KEYWORDS),
)
texts = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.lists(
        st.sampled_from(["word", "longer-word", " ", "\n", '"', "\\", "\t", "é", "\x07"]), max_size=60
    ).map("".join),
)
opt_text = st.none() | texts
#: Ids a definition can have (see argmap.formats.writer.VERB_IDS).
def_ids = ids.filter(lambda i: i not in VERB_IDS)
id_lists = st.lists(ids, max_size=4).map(tuple)
tags = st.lists(st.one_of(ids, texts), max_size=3).map(tuple)


@st.composite
def claims(draw: st.DrawFn) -> list[Element]:
    claim = Claim(
        draw(def_ids),
        draw(texts),
        draw(st.none() | st.sampled_from(list(ClaimKind))),
        draw(id_lists),
        draw(tags),
        draw(id_lists),
        tuple(Quote(t, s) for s, t in draw(st.lists(st.tuples(st.none() | ids, texts), max_size=2))),
        draw(opt_text),
    )
    stances = [
        Stance(p, claim.id, a, True) for p, a in draw(st.lists(st.tuples(ids, st.booleans()), max_size=4))
    ]
    return [claim, *stances]


def _one(strategy: st.SearchStrategy[Element]) -> st.SearchStrategy[list[Element]]:
    return strategy.map(lambda e: [e])


@st.composite
def stance_lines(draw: st.DrawFn) -> list[Element]:
    p, accepts, note = draw(ids), draw(st.booleans()), draw(opt_text)
    return [Stance(p, c, accepts, False, note) for c in draw(st.lists(ids, min_size=1, max_size=3))]


element_groups = st.one_of(
    _one(st.builds(Title, texts)),
    _one(st.builds(Source, def_ids, texts, opt_text, opt_text, opt_text, opt_text)),
    _one(st.builds(Perspective, def_ids, texts, opt_text, opt_text, opt_text)),
    _one(st.builds(Question, def_ids, texts, tags, opt_text)),
    claims(),
    _one(
        st.builds(
            Support,
            st.lists(ids, min_size=1, max_size=4).map(tuple),
            ids,
            st.none() | ids,
            id_lists,
            opt_text,
        )
    ),
    _one(st.builds(Rebuttal, ids, ids, id_lists, opt_text)),
    _one(st.builds(Undercut, ids, ids, id_lists, opt_text)),
    _one(st.builds(Contradiction, ids, ids, id_lists, opt_text)),
    stance_lines(),
)


@st.composite
def maps(draw: st.DrawFn, max_groups: int = 12) -> ArgumentMap:
    """A map the language can express, its elements in random order."""
    groups = draw(st.lists(element_groups, max_size=max_groups))
    return ArgumentMap(tuple(e for g in groups for e in g))
