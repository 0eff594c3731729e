"""Map -> verdicts: the label of every claim, for the whole map or one perspective's part of it.

The map becomes a Dung framework by a translation rule (:mod:`argmap.semantics.translate`),
the solvers (:mod:`argmap.semantics.solvers`) decide it, and the verdicts are read back onto
the claims. What a claim's label means under each semantics (:func:`claim_labels`): grounded
-> its grounded label; complete -> the same (the grounded labelling is the sceptical complete
one); preferred and stable -> "in" when IN in every labelling (sceptically accepted), "out"
when OUT in every labelling, "undec" otherwise; with no stable labelling at all every claim is
"undec".

The translation and the W400 finding (:mod:`argmap.semantics.findings`) can be imported from
here too; the agreement report, which builds on this module, is :mod:`argmap.semantics.agreement`.
"""

from __future__ import annotations

import re

import attrs

from argmap.model import ArgumentMap
from argmap.semantics import RULES, RuleName, SemanticsName, rule_name, semantics_name
from argmap.semantics.display import natural_sorted
from argmap.semantics.findings import perspective_findings
from argmap.semantics.solvers import acceptance, enumerate_labellings
from argmap.semantics.translate import Translation, framework, require_perspective, translate
from argmap.semantics.views import PerspectiveView, perspective_view

__all__ = [
    "RULES",
    "Evaluation",
    "PerspectiveView",
    "Translation",
    "claim_labels",
    "evaluate",
    "framework",
    "perspective_findings",
    "translate",
]

#: Default time limit (seconds) of a preferred or stable search.
DEFAULT_TIME_LIMIT = 10.0
#: At most this many labellings are listed in an evaluation.
DEFAULT_LIMIT = 100
# An IN label in a labelling's bytes (argmap.semantics.framework.IN).
_IN_BYTE = re.compile(b"\x01")


@attrs.frozen(slots=True)
class Evaluation:
    """The verdict on every claim of a map (or of one perspective's part of it).

    ``labels``: claim -> "in"/"out"/"undec" (the reading in the module docstring);
    ``credulous``/``sceptical``: claims IN in some / every labelling; ``exists`` is False when
    there is no labelling (stable only); ``count`` is the number of labellings when known;
    ``extensions`` lists the claims IN in each labelling found (at most the limit;
    ``exhaustive`` says whether that is all of them, ``stopped_by`` why not).
    """

    semantics: SemanticsName
    rule: RuleName
    perspective: str | None
    translation: Translation
    labels: dict[str, str]
    credulous: frozenset[str]
    sceptical: frozenset[str]
    exists: bool
    count: int | None
    extensions: tuple[frozenset[str], ...]
    exhaustive: bool
    stopped_by: str | None
    view: PerspectiveView | None = None

    def _repr_html_(self) -> str:
        """Jupyter shows an evaluation as a compact table (:mod:`argmap.semantics.display`)."""
        return _evaluation_html(self)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (the shape of ``argmap evaluate --format json``)."""
        af = self.translation.framework
        out: dict[str, object] = {
            "semantics": self.semantics,
            "rule": self.rule,
            "perspective": self.perspective,
            "framework": {"arguments": af.n, "attacks": af.attack_count()},
            "exists": self.exists,
            "count": self.count,
            "labels": dict(self.labels),
            "credulous": natural_sorted(self.credulous),
            "sceptical": natural_sorted(self.sceptical),
            "extensions": [natural_sorted(e) for e in self.extensions],
            "exhaustive": self.exhaustive,
            "stopped_by": self.stopped_by,
        }
        if self.view is not None:
            out["view"] = self.view.to_dict()
        return out


def evaluate(
    argmap: ArgumentMap,
    semantics: SemanticsName = "grounded",
    perspective: str | None = None,
    *,
    rule: RuleName = "evidential",
    limit: int = DEFAULT_LIMIT,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> Evaluation:
    """Evaluate the map (or ``perspective``'s part of it) under ``semantics``.

    Raises :class:`~argmap.errors.UnknownPerspectiveError` (a KeyError) for an unknown
    perspective, :class:`~argmap.errors.UnknownChoiceError` (a ValueError) for an unknown
    semantics or rule, and :class:`~argmap.errors.SearchStopped` when the time limit stops a
    preferred or stable search before its answer is exact (listing the labellings never raises:
    it says ``exhaustive=False`` instead).
    """
    if perspective is not None:
        require_perspective(argmap, perspective)
    rule, semantics = rule_name(rule), semantics_name(semantics)
    tr = framework(argmap, rule=rule, perspective=perspective)
    status = acceptance(tr.framework, semantics, time_limit=time_limit)
    listing = enumerate_labellings(tr.framework, semantics, limit=limit, time_limit=time_limit)
    labels = tr.claim_labels(status)
    # The claims are the framework's first arguments, in map order (see translate). The
    # extensions are listed in a stable order (the solver's is arbitrary): by the map order of
    # their claims.
    k = len(tr.claims)
    names = tr.framework.names
    positions = sorted(
        tuple(m.start() for m in _IN_BYTE.finditer(lab.labels, 0, k)) for lab in listing.labellings
    )
    extensions = tuple(frozenset(map(names.__getitem__, p)) for p in positions)
    view = None
    if perspective is not None:
        whole = claim_labels(argmap, semantics, rule=rule, time_limit=time_limit)
        view = perspective_view(argmap, perspective, whole, labels)
    return Evaluation(
        semantics=status.semantics,
        rule=rule,
        perspective=perspective,
        translation=tr,
        labels=labels,
        credulous=frozenset(c for c, i in tr.claims.items() if status.credulous[i]),
        sceptical=frozenset(c for c, i in tr.claims.items() if status.sceptical[i]),
        exists=status.exists,
        count=(len(listing.labellings) if listing.exhaustive else None) if status.exists else 0,
        extensions=extensions,
        exhaustive=listing.exhaustive,
        stopped_by=listing.stopped_by,
        view=view,
    )


def claim_labels(
    argmap: ArgumentMap,
    semantics: SemanticsName = "grounded",
    *,
    rule: RuleName = "evidential",
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    perspective: str | None = None,
) -> dict[str, str]:
    """Every claim id -> "in", "out" or "undec" under ``semantics`` (the reading in the module
    docstring: sceptical for preferred and stable), in the whole map or in ``perspective``'s
    own framework (only the claims in it). Raises SearchStopped past the time limit."""
    if perspective is not None:
        require_perspective(argmap, perspective)
    tr = framework(argmap, rule=rule, perspective=perspective)
    return tr.claim_labels(acceptance(tr.framework, semantics, time_limit=time_limit))


def claim_labels_of_part(
    argmap: ArgumentMap, perspective: str, semantics: SemanticsName, rule: RuleName, time_limit: float | None
) -> dict[str, str]:
    """The labels of one perspective's own framework."""
    tr = framework(argmap, rule=rule, perspective=perspective)
    return tr.claim_labels(acceptance(tr.framework, semantics, time_limit=time_limit))


def _evaluation_html(ev: Evaluation) -> str:
    """An evaluation as a compact table: what was evaluated, the counts, and each claim's label
    (the word as well as the colour), credulous and sceptical acceptance."""
    from argmap.semantics.display import CELL, MAX_ROWS, TABLE, counts, escape, label_cell

    who = f"perspective <code>{escape(ev.perspective)}</code>" if ev.perspective else "the whole map"
    af = ev.translation.framework
    head = (
        f'<p style="margin:2px 0"><strong>{escape(ev.semantics)}</strong> semantics, {escape(ev.rule)} rule, '
        f"{who}: {len(ev.labels)} claims ({counts(ev.labels.values())}); "
        f"{af.n} arguments, {af.attack_count()} attacks"
    )
    if ev.semantics != "grounded":
        if not ev.exists:
            head += f"; no {escape(ev.semantics)} labelling exists, every claim is undec"
        elif ev.count is not None:
            head += f"; {ev.count} labelling{'s' if ev.count != 1 else ''}"
        else:
            head += f"; more than {len(ev.extensions)} labellings (stopped by the {escape(ev.stopped_by)})"
    head += "</p>"
    rows = []
    for cid, label in list(ev.labels.items())[:MAX_ROWS]:
        cred = "yes" if cid in ev.credulous else ""
        scep = "yes" if cid in ev.sceptical else ""
        rows.append(
            f'<tr><td style="{CELL}"><code>{escape(cid)}</code></td>{label_cell(label)}'
            f'<td style="{CELL};text-align:center">{cred}</td>'
            f'<td style="{CELL};text-align:center">{scep}</td></tr>'
        )
    more = len(ev.labels) - MAX_ROWS
    if more > 0:
        rows.append(f'<tr><td colspan="4" style="{CELL};color:#4d4d4d">and {more} more claims</td></tr>')
    header = "".join(
        f'<th style="{CELL};text-align:left">{h}</th>' for h in ("claim", "label", "credulous", "sceptical")
    )
    body = "".join(rows)
    return f"<div>{head}<table {TABLE}><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div>"
