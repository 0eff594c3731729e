"""Make a map from Python without writing text: a fluent, order-keeping builder.

    >>> from argmap import MapBuilder
    >>> m = (MapBuilder("Lunch")
    ...      .perspective("ann", "Ann")
    ...      .claim("soup", "Soup is warm.", kind="fact", held_by=["ann"])
    ...      .claim("eat", "We should eat soup.", kind="policy")
    ...      .support(["soup"], "eat", by=["ann"])
    ...      .build())
    >>> m.supporters("eat")
    ('soup',)

Ids are validated as they are added (InvalidElementError, a ValueError), exactly as the model
validates them; whether references resolve is the checker's business, so a builder can add
things in any order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from argmap.errors import InvalidElementError, UnknownChoiceError
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
    Title,
    Undercut,
)

__all__ = ["MapBuilder"]


def _kind(kind: ClaimKind | str | None) -> ClaimKind | None:
    if kind is None or isinstance(kind, ClaimKind):
        return kind
    if kind == "claim":
        return None
    try:
        return ClaimKind(kind)
    except ValueError:
        raise UnknownChoiceError("claim kind", kind, ["claim", *(k.value for k in ClaimKind)]) from None


def _ids(value: Iterable[str] | str) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


#: A quote as the builder takes it: a :class:`Quote`, its text, or ``(speaker, text)``.
QuoteLike = Quote | str | tuple[str | None, str]


def _quotes(quotes: Iterable[QuoteLike]) -> tuple[Quote, ...]:
    made: list[Quote] = []
    for q in quotes:
        if isinstance(q, Quote):
            made.append(q)
        elif isinstance(q, str):
            made.append(Quote(q))
        else:
            made.append(Quote(q[1], q[0]))
    return tuple(made)


class MapBuilder:
    """Collects elements in order; :meth:`build` returns the immutable :class:`ArgumentMap`."""

    def __init__(self, title: str | None = None, *, path: str | None = None) -> None:
        self._elements: list[Element] = []
        self._path = path
        if title is not None:
            self.title(title)

    def title(self, text: str) -> MapBuilder:
        """Set the map's title."""
        self._elements.append(Title(text))
        return self

    def source(
        self,
        id: str,
        title: str,
        *,
        url: str | None = None,
        date: str | None = None,
        author: str | None = None,
        note: str | None = None,
        file: str | None = None,
        allow: Iterable[str] | str = (),
    ) -> MapBuilder:
        """Add a source that claims and quotes can cite (``file``: its text, to check quotes)."""
        self._elements.append(Source(id, title, url, date, author, note, file, _ids(allow)))
        return self

    def perspective(
        self,
        id: str,
        name: str,
        *,
        role: str | None = None,
        color: str | None = None,
        note: str | None = None,
        allow: Iterable[str] | str = (),
    ) -> MapBuilder:
        """Add a perspective (a person, group or school of thought)."""
        self._elements.append(Perspective(id, name, role, color, note, _ids(allow)))
        return self

    def question(
        self,
        id: str,
        text: str,
        *,
        tags: Iterable[str] = (),
        note: str | None = None,
        asked_by: Iterable[str] | str = (),
        allow: Iterable[str] | str = (),
    ) -> MapBuilder:
        """Add a question that claims can answer."""
        self._elements.append(Question(id, text, tuple(tags), note, _ids(asked_by), _ids(allow)))
        return self

    def claim(
        self,
        id: str,
        text: str,
        *,
        kind: ClaimKind | str | None = None,
        answers: Iterable[str] | str = (),
        sides: Mapping[str, str] | None = None,
        tags: Iterable[str] = (),
        sources: Iterable[str] | str = (),
        quotes: Iterable[QuoteLike] = (),
        note: str | None = None,
        date: str | None = None,
        held_by: Iterable[str] | str = (),
        rejected_by: Iterable[str] | str = (),
        allow: Iterable[str] | str = (),
        title: str | None = None,
        base: float | None = None,
    ) -> MapBuilder:
        """Add a claim; ``held_by``/``rejected_by`` add stances written on the claim.

        ``sides`` maps a question the claim answers to "yes" or "no" (questions in it are
        answered even if ``answers`` leaves them out). A quote is a :class:`Quote`, its text, or
        ``(speaker, text)``.
        """
        answered = _ids(answers)
        side_pairs = tuple((sides or {}).items())
        answered += tuple(q for q, _ in side_pairs if q not in answered)
        self._elements.append(
            Claim(
                id,
                text,
                _kind(kind),
                answered,
                tuple(tags),
                _ids(sources),
                _quotes(quotes),
                note,
                date,
                side_pairs,
                _ids(allow),
                title,
                base,
            )
        )
        for p in _ids(held_by):
            self._elements.append(Stance(p, id, True, True))
        for p in _ids(rejected_by):
            self._elements.append(Stance(p, id, False, True))
        return self

    def _relation(
        self, relation: Support | Rebuttal | Undercut | Contradiction, rejected_by: Iterable[str] | str
    ) -> MapBuilder:
        self._elements.append(relation)
        rejecters = _ids(rejected_by)
        if rejecters and relation.name is None:
            raise InvalidElementError("a relation that perspectives reject needs a name (name=...)")
        for p in rejecters:
            self._elements.append(Stance(p, str(relation.name), False, True))
        return self

    def support(
        self,
        premises: Iterable[str] | str,
        conclusion: str,
        *,
        name: str | None = None,
        by: Iterable[str] | str = (),
        note: str | None = None,
        tags: Iterable[str] = (),
        sources: Iterable[str] | str = (),
        quotes: Iterable[QuoteLike] = (),
        rejected_by: Iterable[str] | str = (),
        allow: Iterable[str] | str = (),
        scheme: str | None = None,
    ) -> MapBuilder:
        """Premises support a conclusion (several premises: a linked argument)."""
        relation = Support(
            _ids(premises),
            conclusion,
            name,
            _ids(by),
            note,
            tuple(tags),
            _ids(sources),
            _quotes(quotes),
            _ids(allow),
            scheme,
        )
        return self._relation(relation, rejected_by)

    def rebut(
        self,
        attackers: Iterable[str] | str,
        target: str,
        *,
        name: str | None = None,
        by: Iterable[str] | str = (),
        note: str | None = None,
        tags: Iterable[str] = (),
        sources: Iterable[str] | str = (),
        quotes: Iterable[QuoteLike] = (),
        rejected_by: Iterable[str] | str = (),
        allow: Iterable[str] | str = (),
        scheme: str | None = None,
    ) -> MapBuilder:
        """Claims attack another claim (several attackers: a linked attack)."""
        relation = Rebuttal(
            _ids(attackers),
            target,
            _ids(by),
            note,
            name,
            tuple(tags),
            _ids(sources),
            _quotes(quotes),
            _ids(allow),
            scheme,
        )
        return self._relation(relation, rejected_by)

    def undercut(
        self,
        attackers: Iterable[str] | str,
        relation: str,
        *,
        name: str | None = None,
        by: Iterable[str] | str = (),
        note: str | None = None,
        tags: Iterable[str] = (),
        sources: Iterable[str] | str = (),
        quotes: Iterable[QuoteLike] = (),
        rejected_by: Iterable[str] | str = (),
        allow: Iterable[str] | str = (),
        scheme: str | None = None,
    ) -> MapBuilder:
        """Claims attack the named relation ``relation``: the inference of a support, or the
        attack of a rebuttal, undercut or contradiction, does not go through."""
        made = Undercut(
            _ids(attackers),
            relation,
            _ids(by),
            note,
            name,
            tuple(tags),
            _ids(sources),
            _quotes(quotes),
            _ids(allow),
            scheme,
        )
        return self._relation(made, rejected_by)

    def contradict(
        self,
        left: str,
        right: str,
        *,
        name: str | None = None,
        by: Iterable[str] | str = (),
        note: str | None = None,
        tags: Iterable[str] = (),
        sources: Iterable[str] | str = (),
        quotes: Iterable[QuoteLike] = (),
        rejected_by: Iterable[str] | str = (),
        allow: Iterable[str] | str = (),
        scheme: str | None = None,
    ) -> MapBuilder:
        """Two claims cannot both hold."""
        relation = Contradiction(
            left, right, _ids(by), note, name, tuple(tags), _ids(sources), _quotes(quotes), _ids(allow),
            scheme,
        )  # fmt: skip
        return self._relation(relation, rejected_by)

    def accept(
        self, perspective: str, *targets: str, note: str | None = None, date: str | None = None
    ) -> MapBuilder:
        """A perspective accepts claims or named relations (a stance statement of its own)."""
        for c in targets:
            self._elements.append(Stance(perspective, c, True, False, note, date))
        return self

    def reject(
        self, perspective: str, *targets: str, note: str | None = None, date: str | None = None
    ) -> MapBuilder:
        """A perspective rejects claims or named relations."""
        for c in targets:
            self._elements.append(Stance(perspective, c, False, False, note, date))
        return self

    def section(
        self, id: str, title: str, *, parent: str | None = None, note: str | None = None
    ) -> MapBuilder:
        """Open a section: what is added after it belongs to it, up to the next section."""
        self._elements.append(Section(id, title, parent, note))
        return self

    def allow(self, *codes: str, reason: str | None = None) -> MapBuilder:
        """Silence these finding codes for the whole map."""
        self._elements.append(Allow(codes, reason))
        return self

    def add(self, *elements: Element) -> MapBuilder:
        """Add ready-made model elements."""
        self._elements.extend(elements)
        return self

    def build(self) -> ArgumentMap:
        """The map made so far (the builder can go on adding afterwards)."""
        return ArgumentMap(tuple(self._elements), path=self._path)
