"""Across perspectives: who accepts and rejects which claim, how far each pair agrees, where
each perspective stands, and the cruxes (the disputed claims most else hangs on)."""

from __future__ import annotations

import attrs

from argmap.model import ArgumentMap
from argmap.semantics import RuleName, SemanticsName, rule_name, semantics_name
from argmap.semantics.crux import RankedGrounded, ranked_grounded
from argmap.semantics.evaluate import DEFAULT_TIME_LIMIT
from argmap.semantics.framework import IN, OUT
from argmap.semantics.parts import part_index, part_labels
from argmap.semantics.solvers import acceptance
from argmap.semantics.translate import Translation, framework
from argmap.semantics.views import PerspectiveView, map_facts, perspective_view
from argmap.util import jsontext

__all__ = ["AgreementReport", "Answer", "Cells", "Crux", "perspectives"]


@attrs.frozen(slots=True)
class Crux:
    """A claim perspectives disagree on (some accept it, some reject it), with the claims whose
    grounded label flips with it (``depends``: IN when it is forced IN, not IN when it is forced
    OUT, or the other way round) and ``weight``: how many stances of the disagreeing
    perspectives are on those claims."""

    claim: str
    accepted_by: tuple[str, ...]
    rejected_by: tuple[str, ...]
    depends: tuple[str, ...]
    weight: int

    def to_dict(self) -> dict[str, object]:
        return {
            "claim": self.claim,
            "accepted_by": list(self.accepted_by),
            "rejected_by": list(self.rejected_by),
            "depends": list(self.depends),
            "weight": self.weight,
        }


class Cells(dict[tuple[str, str], str]):
    """The agreement matrix's cells, ``(claim or relation, perspective) -> "accept" | "reject"``;
    a cell nobody filled is "silent" (only stances are stored: a 100k-claim map with a dozen
    perspectives would otherwise hold a million "silent" entries)."""

    __slots__ = ()

    def __missing__(self, key: tuple[str, str]) -> str:
        return "silent"


@attrs.frozen(slots=True)
class Answer:
    """A perspective's answer to a question: a claim that answers it (with the side it takes,
    ``answers q yes``, when it says one) which the perspective accepts, or rejects."""

    question: str
    perspective: str
    claim: str
    side: str | None
    accepts: bool

    def said(self) -> str:
        """The answer in words: ``yes (c)``, ``c``, ``not yes (rejects c)``, ``rejects c``."""
        if self.accepts:
            return self.claim if self.side is None else f"{self.side} ({self.claim})"
        return f"rejects {self.claim}" if self.side is None else f"not {self.side} (rejects {self.claim})"

    def to_dict(self) -> dict[str, object]:
        return {
            "question": self.question,
            "perspective": self.perspective,
            "claim": self.claim,
            "side": self.side,
            "accepts": self.accepts,
        }


@attrs.frozen(slots=True)
class AgreementReport:
    """The agreement matrix of a map and what follows from it.

    ``cells[(claim, perspective)]`` is "accept", "reject" or "silent", and so is
    ``cells[(relation, perspective)]`` for the named ``relations`` some perspective takes a
    stance on (``p accepts r``, ``rejected by p``; asserting it, ``by p``, is accepting it);
    ``labels`` is the map's verdict per claim; ``agreement[(p, q)]`` is the share of the claims
    and relations on which both p and q take a stance where they take the same one (None when
    there is none), with ``shared[(p, q)]`` the number of those claims and relations
    (``shared_relations[(p, q)]`` of them relations); ``views`` is each perspective's
    :class:`PerspectiveView`; ``cruxes`` are ordered by weight, heaviest first; ``answers``
    lines the perspectives' answers up per question (in the order questions, perspectives and
    claims are defined), with ``questions`` the questions' texts.
    """

    semantics: SemanticsName
    claims: tuple[str, ...]
    perspectives: tuple[str, ...]
    cells: dict[tuple[str, str], str]
    labels: dict[str, str]
    agreement: dict[tuple[str, str], float | None]
    shared: dict[tuple[str, str], int]
    views: dict[str, PerspectiveView]
    cruxes: tuple[Crux, ...]
    relations: tuple[str, ...] = ()
    shared_relations: dict[tuple[str, str], int] = attrs.field(factory=dict)
    answers: tuple[Answer, ...] = ()
    questions: dict[str, str] = attrs.field(factory=dict)
    #: the rows, made on first use (:meth:`_rows`)
    _row_cache: list[dict[str, tuple[str, ...]]] = attrs.field(init=False, factory=list, eq=False, repr=False)

    def answers_to(self, question: str) -> dict[str, list[Answer]]:
        """Each perspective's answers to ``question`` (only perspectives that give one)."""
        out: dict[str, list[Answer]] = {}
        for a in self.answers:
            if a.question == question:
                out.setdefault(a.perspective, []).append(a)
        return out

    def pairs(self) -> list[tuple[str, str]]:
        """The pairs of perspectives (each once, in the order they are defined) that take a
        stance on at least one common claim or relation."""
        ps = self.perspectives
        return [(p, q) for i, p in enumerate(ps) for q in ps[i + 1 :] if self.shared.get((p, q), 0) > 0]

    def apart(self) -> int:
        """How many pairs of perspectives share no claim or relation (left out of :meth:`pairs`)."""
        k = len(self.perspectives)
        return k * (k - 1) // 2 - len(self.pairs())

    def row(self, claim: str) -> tuple[str, ...]:
        """The stances of the perspectives on ``claim`` (or a relation), in their order."""
        if not isinstance(self.cells, Cells):
            return tuple(self.cells[(claim, p)] for p in self.perspectives)
        found = self._rows().get(claim)
        return found if found is not None else ("silent",) * len(self.perspectives)

    def _rows(self) -> dict[str, tuple[str, ...]]:
        """Every row with a stance in it (claim or relation -> :meth:`row`), made from the
        cells in one pass on first use: a big map's rows are mostly silent, and looking up
        each cell would call ``Cells.__missing__`` for nearly all of them."""
        if self._row_cache:
            return self._row_cache[0]
        columns: dict[str, list[int]] = {}
        for i, p in enumerate(self.perspectives):
            columns.setdefault(p, []).append(i)
        silent = ["silent"] * len(self.perspectives)
        rows: dict[str, list[str]] = {}
        for (c, p), v in self.cells.items():
            at = columns.get(p)
            if at is not None:
                row = rows.get(c)
                if row is None:
                    row = rows[c] = silent.copy()
                for i in at:
                    row[i] = v
        table = {c: tuple(r) for c, r in rows.items()}
        self._row_cache.append(table)
        return table

    def _repr_html_(self) -> str:
        """Jupyter shows the report as its agreement table and cruxes (:mod:`argmap.semantics.display`)."""
        return _agreement_html(self)

    def to_dict(self) -> dict[str, object]:
        return self._document(
            [
                {
                    "claim": c,
                    "label": self.labels.get(c),
                    "stances": dict(zip(self.perspectives, self.row(c), strict=True)),
                }
                for c in self.claims
            ],
            [
                {"relation": r, "stances": dict(zip(self.perspectives, self.row(r), strict=True))}
                for r in self.relations
            ],
        )

    def to_json(self) -> str:
        """The report as indented JSON text: ``json.dumps(self.to_dict(), indent=2,
        ensure_ascii=False)``, byte for byte, written faster (:mod:`argmap.util.jsontext`;
        the rows of the matrix, a 100k-claim map's 100k, from one text per distinct row)."""
        if len(set(self.perspectives)) != len(self.perspectives) or not isinstance(self.cells, Cells):
            return jsontext.dumps(self.to_dict())
        enc = jsontext.encode_string
        keys = [enc(p) for p in self.perspectives]
        blocks: dict[tuple[str, ...], str] = {}

        def stances(row: tuple[str, ...]) -> str:
            block = blocks.get(row)
            if block is None:
                if row:
                    pairs = ",\n        ".join(k + ": " + enc(v) for k, v in zip(keys, row, strict=True))
                    block = "{\n        " + pairs + "\n      }"
                else:
                    block = "{}"
                blocks[row] = block
            return block

        table, silent, labels = self._rows(), ("silent",) * len(self.perspectives), self.labels
        matrix = [
            '{\n      "claim": '
            + enc(c)
            + ',\n      "label": '
            + (enc(label) if type(label := labels.get(c)) is str else jsontext.dumps(label))
            + ',\n      "stances": '
            + stances(table.get(c, silent))
            + "\n    }"
            for c in self.claims
        ]
        relations = [
            '{\n      "relation": '
            + enc(r)
            + ',\n      "stances": '
            + stances(table.get(r, silent))
            + "\n    }"
            for r in self.relations
        ]
        return jsontext.dumps(self._document(_rows_text(matrix), _rows_text(relations)))

    def _document(self, matrix: object, relations: object) -> dict[str, object]:
        """:meth:`to_dict`, with the matrix and the relations' rows given."""
        return {
            "semantics": self.semantics,
            "perspectives": list(self.perspectives),
            "matrix": matrix,
            "relations": relations,
            "agreement": [
                {
                    "a": p,
                    "b": q,
                    "score": self.agreement[(p, q)],
                    "shared": self.shared[(p, q)],
                    "shared_relations": self.shared_relations.get((p, q), 0),
                }
                for p, q in self.pairs()
            ],
            "pairs_apart": self.apart(),
            "views": {p: v.to_dict() for p, v in self.views.items()},
            "cruxes": [c.to_dict() for c in self.cruxes],
            "answers": [a.to_dict() for a in self.answers],
        }


def _rows_text(rows: list[str]) -> jsontext.Raw:
    """A list of rows written already (each an object at depth 2) as the JSON list of them."""
    return jsontext.Raw("[\n    " + ",\n    ".join(rows) + "\n  ]" if rows else "[]")


def perspectives(
    argmap: ArgumentMap,
    semantics: SemanticsName = "grounded",
    *,
    rule: RuleName = "evidential",
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    max_cruxes: int = 500,
) -> AgreementReport:
    """The agreement matrix, pairwise agreement, each perspective's view and the cruxes.

    Cruxes are judged under grounded semantics whatever ``semantics`` is (forcing a claim and
    propagating is linear); at most ``max_cruxes`` disputed claims (those most perspectives
    take sides on) are weighed.
    """
    rule, semantics = rule_name(rule), semantics_name(semantics)
    pers = tuple(p.id for p in argmap.perspectives)
    claims = tuple(c.id for c in argmap.claims)
    stance: dict[tuple[str, str], str] = {}
    for s in argmap.stances:
        stance.setdefault((s.claim, s.perspective), "accept" if s.accepts else "reject")
    # asserting a named relation (by p) is accepting it, unless p says otherwise
    for r in argmap.relations:
        if r.name is not None:
            for p in r.by:
                stance.setdefault((r.name, p), "accept")
    claim_ids = set(claims)
    named = {r.name for r in argmap.relations if r.name is not None}
    relations = tuple(dict.fromkeys(t for t, _ in stance if t in named and t not in claim_ids))
    pers_set, rel_ids = set(pers), set(relations)
    cells = Cells(
        (key, v)
        for key, v in stance.items()
        if key[1] in pers_set and (key[0] in claim_ids or key[0] in rel_ids)
    )
    # translated once: the labels, every perspective's own part and the cruxes share it
    whole = framework(argmap, rule=rule)
    ranked: RankedGrounded | None = None
    if semantics == "grounded":  # one grounded pass, with the ranks the cruxes need
        ranked = ranked_grounded(whole.framework)
        lab = ranked.labels
        labels = {
            c: "in" if lab[i] == IN else "out" if lab[i] == OUT else "undec" for c, i in whole.claims.items()
        }
    else:
        labels = whole.claim_labels(acceptance(whole.framework, semantics, time_limit=time_limit))
    agreement: dict[tuple[str, str], float | None] = {}
    shared: dict[tuple[str, str], int] = {}
    shared_relations: dict[tuple[str, str], int] = {}
    taken: dict[str, dict[str, str]] = {p: {} for p in pers}
    for (c, q), v in stance.items():
        if q in taken and (c in claim_ids or c in rel_ids):
            taken[q][c] = v
    for i, p in enumerate(pers):
        for q in pers[i + 1 :]:
            both = taken[p].keys() & taken[q].keys()
            same = sum(1 for c in both if taken[p][c] == taken[q][c])
            score = same / len(both) if both else None
            for key in ((p, q), (q, p)):
                agreement[key] = score
                shared[key] = len(both)
                shared_relations[key] = len(both & rel_ids)
    views = {}
    facts = map_facts(argmap)
    parts = part_index(argmap, whole)
    for p in pers:
        own = part_labels(argmap, parts, p, semantics, time_limit)
        views[p] = perspective_view(argmap, p, labels, own, facts)
    cruxes = _cruxes(whole, claims=claims, pers=pers, stance=stance, max_cruxes=max_cruxes, base=ranked)
    answering: dict[str, list[tuple[str, str | None]]] = {}
    for claim in argmap.claims:
        for q in claim.answers:
            answering.setdefault(q, []).append((claim.id, claim.side(q)))
    answers = tuple(
        Answer(q.id, p, c, side, cells[(c, p)] == "accept")
        for q in argmap.questions
        for p in pers
        for c, side in answering.get(q.id, ())
        if cells.get((c, p), "silent") != "silent"
    )
    return AgreementReport(
        semantics=semantics,
        claims=claims,
        perspectives=pers,
        cells=cells,
        labels=labels,
        agreement=agreement,
        shared=shared,
        views=views,
        cruxes=tuple(cruxes),
        relations=relations,
        shared_relations=shared_relations,
        answers=answers,
        questions={q.id: q.text for q in argmap.questions},
    )


def _cruxes(
    tr: Translation,
    *,
    claims: tuple[str, ...],
    pers: tuple[str, ...],
    stance: dict[tuple[str, str], str],
    max_cruxes: int,
    base: RankedGrounded | None = None,
) -> list[Crux]:
    """The disputed claims most perspectives take sides on (at most ``max_cruxes``), each with
    the claims whose grounded label flips with it in the whole map's framework ``tr``
    (:func:`argmap.semantics.crux.flips`, exact and incremental) and its weight, heaviest
    first (``base``: the framework's ranked grounded labelling, when it is known already)."""
    from argmap.semantics.crux import flips

    order = {p: i for i, p in enumerate(pers)}
    sides: dict[str, tuple[list[str], list[str]]] = {}
    by_claim: dict[str, list[str]] = {}
    for (c, p), v in stance.items():
        by_claim.setdefault(c, []).append(p)
        if p in order:
            sides.setdefault(c, ([], []))[0 if v == "accept" else 1].append(p)
    disputed = []
    for c in claims:
        taken = sides.get(c)
        if taken and taken[0] and taken[1]:
            acc = tuple(sorted(taken[0], key=order.__getitem__))
            rej = tuple(sorted(taken[1], key=order.__getitem__))
            disputed.append((c, acc, rej))
    disputed.sort(key=lambda d: -(len(d[1]) + len(d[2])))
    chosen = disputed[:max_cruxes]
    if not chosen:
        return []
    claim_of = {i: c for c, i in tr.claims.items()}
    flipped = flips(tr.framework, [tr.claims[c] for c, _, _ in chosen], base)
    position = {c: i for i, c in enumerate(claims)}
    cruxes = []
    for (c, acc, rej), args in zip(chosen, flipped, strict=True):
        depends = tuple(claim_of[i] for i in args if i in claim_of)
        side = set(acc) | set(rej)
        weight = sum(1 for d in depends for p in by_claim.get(d, ()) if p in side)
        cruxes.append(Crux(c, acc, rej, depends, weight))
    cruxes.sort(key=lambda k: (-k.weight, position[k.claim]))
    return cruxes


def _agreement_html(report: AgreementReport, *, max_cruxes: int = 10) -> str:
    """An agreement report as a compact table: the pairwise agreement of the perspectives (the
    share of shared claims where they take the same stance, and how many they share), and the
    heaviest cruxes."""
    from argmap.semantics.display import CELL, TABLE, escape, plural

    ps = list(dict.fromkeys(report.perspectives))
    if not ps:
        return "<p>No perspectives: nothing to compare.</p>"
    cells = [f'<th style="{CELL}"></th>'] + [f'<th style="{CELL}"><code>{escape(p)}</code></th>' for p in ps]
    rows = ["<tr>" + "".join(cells) + "</tr>"]
    for p in ps:
        row = [f'<th style="{CELL};text-align:left"><code>{escape(p)}</code></th>']
        for q in ps:
            if p == q:
                row.append(f'<td style="{CELL};color:#4d4d4d;text-align:center">-</td>')
                continue
            score = report.agreement.get((p, q))
            shared = report.shared.get((p, q), 0)
            if score is None:
                none = "no claim or relation in common"
                row.append(f'<td style="{CELL};color:#4d4d4d;text-align:center" title="{none}">.</td>')
            else:
                shade = f"hsl({round(score * 120)},55%,{88 - 8 * score:.0f}%)"
                common = plural(shared, "claim or relation", "claims and relations")
                row.append(
                    f'<td style="{CELL};background:{shade};text-align:center" '
                    f'title="{escape(p)} / {escape(q)}: {common} in common">{score:.0%} '
                    f'<small style="color:#4d4d4d">{shared}</small></td>'
                )
        rows.append("<tr>" + "".join(row) + "</tr>")
    out = [
        f'<p style="margin:2px 0"><strong>Agreement</strong> ({escape(report.semantics)} labels, '
        f"{len(report.claims)} claims, {len(ps)} perspectives): the share of the claims both take a "
        "stance on where they take the same one, and how many those are</p>",
        f"<table {TABLE}>{''.join(rows)}</table>",
    ]
    if report.cruxes:
        items = []
        for k in report.cruxes[:max_cruxes]:
            items.append(
                f"<li><code>{escape(k.claim)}</code>: held by {escape(', '.join(k.accepted_by))};"
                f" rejected by {escape(', '.join(k.rejected_by))}; weight {k.weight}</li>"
            )
        more = len(report.cruxes) - max_cruxes
        if more > 0:
            items.append(f"<li>and {more} more</li>")
        out.append(
            '<p style="margin:6px 0 2px"><strong>Cruxes</strong>, heaviest first</p>'
            f"<ol>{''.join(items)}</ol>"
        )
    return "<div>" + "".join(out) + "</div>"
