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

Ids are validated as they are added (ValueError), exactly as the model validates them; whether
references resolve is the checker's business, so a builder can add things in any order.
"""

from __future__ import annotations

from collections.abc import Iterable

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

__all__ = ["MapBuilder"]


def _kind(kind: ClaimKind | str | None) -> ClaimKind | None:
    if kind is None or isinstance(kind, ClaimKind):
        return kind
    if kind == "claim":
        return None
    try:
        return ClaimKind(kind)
    except ValueError:
        choices = ", ".join(k.value for k in ClaimKind)
        raise ValueError(f"unknown claim kind {kind!r}; choose one of: claim, {choices}") from None


def _ids(value: Iterable[str] | str) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


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
    ) -> MapBuilder:
        """Add a source that claims can cite."""
        self._elements.append(Source(id, title, url, date, author, note))
        return self

    def perspective(
        self,
        id: str,
        name: str,
        *,
        role: str | None = None,
        color: str | None = None,
        note: str | None = None,
    ) -> MapBuilder:
        """Add a perspective (a person, group or school of thought)."""
        self._elements.append(Perspective(id, name, role, color, note))
        return self

    def question(
        self, id: str, text: str, *, tags: Iterable[str] = (), note: str | None = None
    ) -> MapBuilder:
        """Add a question that claims can answer."""
        self._elements.append(Question(id, text, tuple(tags), note))
        return self

    def claim(
        self,
        id: str,
        text: str,
        *,
        kind: ClaimKind | str | None = None,
        answers: Iterable[str] | str = (),
        tags: Iterable[str] = (),
        sources: Iterable[str] | str = (),
        quotes: Iterable[Quote | str | tuple[str | None, str]] = (),
        note: str | None = None,
        held_by: Iterable[str] | str = (),
        rejected_by: Iterable[str] | str = (),
    ) -> MapBuilder:
        """Add a claim; ``held_by``/``rejected_by`` add stances written on the claim.

        A quote is a :class:`Quote`, its text, or ``(speaker, text)``.
        """
        made: list[Quote] = []
        for q in quotes:
            if isinstance(q, Quote):
                made.append(q)
            elif isinstance(q, str):
                made.append(Quote(q))
            else:
                made.append(Quote(q[1], q[0]))
        self._elements.append(
            Claim(id, text, _kind(kind), _ids(answers), tuple(tags), _ids(sources), tuple(made), note)
        )
        for p in _ids(held_by):
            self._elements.append(Stance(p, id, True, True))
        for p in _ids(rejected_by):
            self._elements.append(Stance(p, id, False, True))
        return self

    def support(
        self,
        premises: Iterable[str] | str,
        conclusion: str,
        *,
        name: str | None = None,
        by: Iterable[str] | str = (),
        note: str | None = None,
    ) -> MapBuilder:
        """Premises support a conclusion (several premises: a linked argument)."""
        self._elements.append(Support(_ids(premises), conclusion, name, _ids(by), note))
        return self

    def rebut(
        self, attacker: str, target: str, *, by: Iterable[str] | str = (), note: str | None = None
    ) -> MapBuilder:
        """A claim attacks another claim."""
        self._elements.append(Rebuttal(attacker, target, _ids(by), note))
        return self

    def undercut(
        self, attacker: str, support: str, *, by: Iterable[str] | str = (), note: str | None = None
    ) -> MapBuilder:
        """A claim attacks the named support ``support`` (the inference itself)."""
        self._elements.append(Undercut(attacker, support, _ids(by), note))
        return self

    def contradict(
        self, left: str, right: str, *, by: Iterable[str] | str = (), note: str | None = None
    ) -> MapBuilder:
        """Two claims cannot both hold."""
        self._elements.append(Contradiction(left, right, _ids(by), note))
        return self

    def accept(self, perspective: str, *claims: str, note: str | None = None) -> MapBuilder:
        """A perspective accepts claims (a stance statement of its own)."""
        for c in claims:
            self._elements.append(Stance(perspective, c, True, False, note))
        return self

    def reject(self, perspective: str, *claims: str, note: str | None = None) -> MapBuilder:
        """A perspective rejects claims."""
        for c in claims:
            self._elements.append(Stance(perspective, c, False, False, note))
        return self

    def add(self, *elements: Element) -> MapBuilder:
        """Add ready-made model elements."""
        self._elements.extend(elements)
        return self

    def build(self) -> ArgumentMap:
        """The map made so far (the builder can go on adding afterwards)."""
        return ArgumentMap(tuple(self._elements), path=self._path)
