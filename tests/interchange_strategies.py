"""Hypothesis strategies for whole maps (shared by the interchange, writer and fmt tests).

Every map drawn is one the .argmap language can express exactly (see
``argmap.formats.writer.unexpressible``): inline stances follow their claim (or, for rejections,
their named relation) and carry no note, date or allowed codes; a claim's sides are on questions
it answers, once each. Every construct of language 2 is drawn: named relations of every kind,
linked attackers, undercuts of any relation, stances on relations, quotes with a source, a
locator and a date, dates on claims and stances, answers that take a side, askers, source files,
nested sections, allowed codes on statements and on the whole map, claims' titles and base
scores, relations' schemes.
"""

from __future__ import annotations

import attrs
from hypothesis import strategies as st

from argmap.formats.writer import VERB_IDS
from argmap.model import (
    SIDES,
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
    Title,
    Undercut,
)

KEYWORDS = [
    "title", "source", "perspective", "question", "claim", "fact", "interpretation", "prediction",
    "value", "policy", "url", "date", "author", "role", "color", "note", "answers", "held", "rejected",
    "by", "tags", "quote", "supports", "support", "rebuts", "attacks", "undercuts", "contradicts",
    "accepts", "rejects", "section", "in", "allow", "file", "asked", "yes", "no", "from", "at", "on",
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
        st.sampled_from(["word", "longer-word", " ", "\n", '"', "\\", "\t", "é", "\x07", "\u3000"]),
        max_size=60,
    ).map("".join),
)
opt_text = st.none() | texts
dates = st.none() | st.sampled_from(["2013", "2013-05", "2013-05-17", "spring 2023"]) | texts
#: Ids a definition can have (see argmap.formats.writer.VERB_IDS).
def_ids = ids.filter(lambda i: i not in VERB_IDS)
id_lists = st.lists(ids, max_size=4).map(tuple)
some_ids = st.lists(ids, min_size=1, max_size=4).map(tuple)
tags = st.lists(st.one_of(ids, texts), max_size=3).map(tuple)
codes = st.lists(st.one_of(st.sampled_from(["W302", "W303", "E201", "W107"]), ids), max_size=3).map(tuple)
quotes = st.lists(st.builds(Quote, texts, st.none() | ids, st.none() | ids, opt_text, dates), max_size=2).map(
    tuple
)


@st.composite
def claims(draw: st.DrawFn) -> list[Element]:
    answered = draw(
        st.lists(st.tuples(ids, st.none() | st.sampled_from(SIDES)), max_size=3, unique_by=lambda a: a[0])
    )
    claim = Claim(
        draw(def_ids),
        draw(texts),
        draw(st.none() | st.sampled_from(list(ClaimKind))),
        tuple(q for q, _ in answered),
        draw(tags),
        draw(id_lists),
        draw(quotes),
        draw(opt_text),
        draw(dates),
        tuple((q, side) for q, side in answered if side is not None),
        draw(codes),
        draw(opt_text),
        draw(st.none() | st.floats(0, 1) | st.sampled_from([0, 1, 0.5, 1e-7, 0.1])),
    )
    stances = [
        Stance(p, claim.id, a, True) for p, a in draw(st.lists(st.tuples(ids, st.booleans()), max_size=4))
    ]
    return [claim, *stances]


def _one(strategy: st.SearchStrategy[Element]) -> st.SearchStrategy[list[Element]]:
    return strategy.map(lambda e: [e])


def _reasons(draw: st.DrawFn, allow: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Reasons for some of the allowed codes, one per code (as `allow W302 "why"` gives them)."""
    why = {code: draw(st.none() | texts) for code in dict.fromkeys(allow)}
    return tuple((code, reason) for code, reason in why.items() if reason is not None)


@st.composite
def stance_lines(draw: st.DrawFn) -> list[Element]:
    p, accepts, note, date, allow = draw(ids), draw(st.booleans()), draw(opt_text), draw(dates), draw(codes)
    why = _reasons(draw, allow)  # one line: the same reasons for each of its stances
    return [
        Stance(p, c, accepts, False, note, date, allow, allow_reasons=why)
        for c in draw(st.lists(ids, min_size=1, max_size=3))
    ]


@st.composite
def relations(draw: st.DrawFn) -> list[Element]:
    """A relation of any kind, named or not, with every attribute; a named one may be followed
    by inline rejections (``rejected by``)."""
    kind = draw(st.sampled_from([Support, Rebuttal, Undercut, Contradiction]))
    name = draw(st.none() | ids)
    common = {
        "name": name,
        "by": draw(id_lists),
        "note": draw(opt_text),
        "tags": draw(tags),
        "sources": draw(id_lists),
        "quotes": draw(quotes),
        "allow": draw(codes),
        "scheme": draw(st.none() | st.sampled_from(["Expert Opinion", "Default Inference"]) | texts),
    }
    relation: Element
    if kind is Contradiction:
        relation = Contradiction(draw(ids), draw(ids), **common)
    else:
        relation = kind(draw(some_ids), draw(ids), **common)
    out: list[Element] = [relation]
    if name is not None:
        out += [Stance(p, name, False, True) for p in draw(st.lists(ids, max_size=2))]
    return out


element_groups = st.one_of(
    _one(st.builds(Title, texts)),
    _one(st.builds(Source, def_ids, texts, opt_text, opt_text, opt_text, opt_text, opt_text, codes)),
    _one(st.builds(Perspective, def_ids, texts, opt_text, opt_text, opt_text, codes)),
    _one(st.builds(Question, def_ids, texts, tags, opt_text, id_lists, codes)),
    claims(),
    relations(),
    relations(),
    stance_lines(),
    _one(st.builds(Section, def_ids, texts, st.none() | ids, opt_text, codes)),
    _one(
        st.builds(Allow, st.lists(ids, min_size=1, max_size=3).map(tuple), opt_text).filter(
            lambda a: a.codes[0] not in VERB_IDS
        )
    ),
)


def _with_reasons(draw: st.DrawFn, e: Element) -> Element:
    """The element with reasons for some of the codes it allows (stance lines draw their own)."""
    allow: tuple[str, ...] = getattr(e, "allow", ())
    if isinstance(e, (Allow, Stance)) or not allow:
        return e
    reasons = _reasons(draw, allow)
    return attrs.evolve(e, allow_reasons=reasons) if reasons else e


@st.composite
def maps(draw: st.DrawFn, max_groups: int = 12) -> ArgumentMap:
    """A map the language can express, its elements in random order."""
    groups = draw(st.lists(element_groups, max_size=max_groups))
    return ArgumentMap(tuple(_with_reasons(draw, e) for g in groups for e in g))
