"""The typed argument graph: claims, perspectives, questions, sources, relations and stances.

Everything here is immutable (attrs, frozen, slots) and knows nothing of how a map was written
down: the parser, the builder and the importers all produce these classes. Spans are kept on
every element but never take part in equality, so two maps that say the same thing compare
equal wherever they came from.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import attrs

from argmap.errors import InvalidElementError
from argmap.span import Span

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic

__all__ = [
    "ID_PATTERN",
    "SIDES",
    "Allow",
    "ArgumentMap",
    "Claim",
    "ClaimKind",
    "Contradiction",
    "Element",
    "Perspective",
    "Question",
    "Quote",
    "Rebuttal",
    "Relation",
    "Section",
    "Source",
    "Span",
    "Stance",
    "Support",
    "Title",
    "Undercut",
    "is_valid_id",
]

#: What an id may look like: letters, digits, `_` and `-` in any script, not starting with `-`.
#: The grammar's ID terminal is the same pattern.
ID_PATTERN = r"\w[\w-]*"
_ID_RE = re.compile(ID_PATTERN)
_FULLMATCH = _ID_RE.fullmatch


def is_valid_id(value: object) -> bool:
    """Tell whether ``value`` is a string usable as an id."""
    return isinstance(value, str) and _ID_RE.fullmatch(value) is not None


def _check_id(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or _FULLMATCH(value) is None:
        raise InvalidElementError(f"{attribute.name} {value!r} is not a valid id (pattern {ID_PATTERN})")


def _check_optional_id(_instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and (not isinstance(value, str) or _FULLMATCH(value) is None):
        raise InvalidElementError(f"{attribute.name} {value!r} is not a valid id (pattern {ID_PATTERN})")


def _check_ids(
    _instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    for item in value:
        if not isinstance(item, str) or _FULLMATCH(item) is None:
            raise InvalidElementError(
                f"{attribute.name} holds {item!r}, not a valid id (pattern {ID_PATTERN})"
            )


def _check_text(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be a string, not {type(value).__name__}")


def _check_optional_text(
    _instance: object, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be a string or None, not {type(value).__name__}")


def _check_base(_instance: object, attribute: attrs.Attribute[float | None], value: float | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"base must be a number or None, not {type(value).__name__}")
    if not 0.0 <= value <= 1.0:
        raise InvalidElementError(f"base {value!r} is not between 0 and 1")


def _quotes(value: Iterable[Quote]) -> tuple[Quote, ...]:
    return tuple(value)


def _elements(value: Iterable[Element]) -> tuple[Element, ...]:
    return tuple(value)


def _tuple(value: Iterable[str] | str) -> tuple[str, ...]:
    """Accept any iterable of strings (a lone string is one item, not its characters)."""
    if type(value) is tuple:
        return value
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _reasons(value: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """``allow_reasons``: why codes are allowed, ``(code, reason)`` for each allowed code given
    with a reason (``allow W302 "the witness contradicts herself"``): no written word is lost."""
    if type(value) is tuple and all(type(pair) is tuple for pair in value):
        return value
    return tuple((code, why) for code, why in value)


def _check_reasons(
    instance: Any, attribute: attrs.Attribute[tuple[tuple[str, str], ...]], value: tuple[tuple[str, str], ...]
) -> None:
    """A reason is for a code the element allows, given once, and is text."""
    if not value:
        return
    allowed = set(instance.allow)
    seen: set[str] = set()
    for code, reason in value:
        if code not in allowed:
            raise InvalidElementError(f"allow_reasons gives a reason for {code!r}, which allow does not list")
        if code in seen:
            raise InvalidElementError(f"allow_reasons gives {code!r} two reasons")
        if not isinstance(reason, str):
            raise TypeError(f"the reason for {code!r} must be a string, not {type(reason).__name__}")
        seen.add(code)


def _span_field() -> Span | None:
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    return span


class ClaimKind(enum.Enum):
    """What sort of statement a claim is. A claim written with plain ``claim`` has no kind."""

    FACT = "fact"
    INTERPRETATION = "interpretation"
    PREDICTION = "prediction"
    VALUE = "value"
    POLICY = "policy"


@attrs.frozen(slots=True)
class Title:
    """The map's title (``title "..."``)."""

    text: str = attrs.field(validator=_check_text)
    span: Span | None = _span_field()


@attrs.frozen(slots=True)
class Source:
    """Where claims and quotes come from. ``file`` is a text file holding the source's words
    (a path relative to the map): quotes taken from the source are checked against it."""

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_check_text)
    url: str | None = None
    date: str | None = None
    author: str | None = None
    note: str | None = None
    file: str | None = None
    allow: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    allow_reasons: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_reasons, validator=_check_reasons, kw_only=True
    )
    span: Span | None = _span_field()


@attrs.frozen(slots=True)
class Perspective:
    """A person, group or school of thought that holds claims and asserts relations."""

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_check_text)
    role: str | None = None
    color: str | None = None
    note: str | None = None
    allow: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    allow_reasons: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_reasons, validator=_check_reasons, kw_only=True
    )
    span: Span | None = _span_field()


@attrs.frozen(slots=True)
class Question:
    """An issue under debate; claims answer it (IBIS: issue -> positions). ``asked_by`` names the
    perspectives that ask it."""

    id: str = attrs.field(validator=_check_id)
    text: str = attrs.field(validator=_check_text)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    note: str | None = None
    asked_by: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    allow: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    allow_reasons: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_reasons, validator=_check_reasons, kw_only=True
    )
    span: Span | None = _span_field()


@attrs.frozen(slots=True)
class Quote:
    """Verbatim words backing a claim or a relation: who said them (``speaker``, a perspective),
    where they are written (``source`` and a ``locator`` in it: a page, a paragraph, a
    timestamp ...) and when they were said (``date``, ISO 8601, partial dates allowed)."""

    text: str = attrs.field(validator=_check_text)
    speaker: str | None = attrs.field(default=None, validator=_check_optional_id)
    source: str | None = attrs.field(default=None, validator=_check_optional_id)
    locator: str | None = None
    date: str | None = None
    span: Span | None = _span_field()


#: The sides a claim may take on a yes/no question.
SIDES = ("yes", "no")


def _sides(value: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return value if type(value) is tuple else tuple((q, side) for q, side in value)


def _check_sides(
    _instance: object,
    attribute: attrs.Attribute[tuple[tuple[str, str], ...]],
    value: tuple[tuple[str, str], ...],
) -> None:
    for question, side in value:
        if not isinstance(question, str) or _FULLMATCH(question) is None:
            raise InvalidElementError(
                f"{attribute.name} names {question!r}, not a valid id (pattern {ID_PATTERN})"
            )
        if side not in SIDES:
            raise InvalidElementError(f"{attribute.name}: {side!r} is not a side; choose one of: yes, no")


@attrs.frozen(slots=True)
class Claim:
    """A statement in the debate. ``kind`` is None for a claim written as plain ``claim``.

    ``answers`` lists the questions it answers; ``sides`` says, for those answered with a side
    (``answers q yes``), which way: ``(question, "yes" | "no")`` pairs. ``date`` is when the
    claim was made or what time it is about (ISO 8601, partial dates allowed). ``title`` is a
    short display title (an Argdown statement's title, kept on import); ``base`` is the claim's
    base score in [0, 1] for the graded semantics (None: their default)."""

    id: str = attrs.field(validator=_check_id)
    text: str = attrs.field(validator=_check_text)
    kind: ClaimKind | None = None
    answers: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    quotes: tuple[Quote, ...] = attrs.field(default=(), converter=_quotes)
    note: str | None = None
    date: str | None = None
    sides: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_sides, validator=_check_sides)
    allow: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    title: str | None = attrs.field(default=None, validator=_check_optional_text)
    base: float | None = attrs.field(default=None, validator=_check_base)
    allow_reasons: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_reasons, validator=_check_reasons, kw_only=True
    )
    span: Span | None = _span_field()

    def side(self, question_id: str) -> str | None:
        """The side ("yes" or "no") this claim takes on a question, if it says one."""
        for question, side in self.sides:
            if question == question_id:
                return side
        return None


# Every relation ends with the same attributes, after its own ends: who asserts it (``by``),
# a note, its name, tags, the sources it comes from, quotes, the codes it allows, and the
# argument scheme it instantiates (Walton's names, as AIF uses them).


@attrs.frozen(slots=True)
class Support:
    """Premises that together support a conclusion. One premise is a plain support; several
    are a linked argument. A named support can be undercut."""

    premises: tuple[str, ...] = attrs.field(converter=_tuple, validator=_check_ids)
    conclusion: str = attrs.field(validator=_check_id)
    name: str | None = attrs.field(default=None, validator=_check_optional_id)
    by: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    note: str | None = None
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    quotes: tuple[Quote, ...] = attrs.field(default=(), converter=_quotes)
    allow: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    scheme: str | None = attrs.field(default=None, validator=_check_optional_text)
    allow_reasons: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_reasons, validator=_check_reasons, kw_only=True
    )
    span: Span | None = _span_field()

    @premises.validator
    def _non_empty(self, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
        if not value:
            raise InvalidElementError("a support needs at least one premise")

    @property
    def linked(self) -> bool:
        """True when several premises act together."""
        return len(self.premises) > 1

    @property
    def starts_from(self) -> tuple[str, ...]:
        """The claims it starts from (its premises)."""
        return self.premises


def _attackers(
    _instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    if not value:
        raise InvalidElementError("an attack needs at least one attacker")
    _check_ids(_instance, attribute, value)


@attrs.frozen(slots=True)
class Rebuttal:
    """Claims attack another claim: they speak against its truth. Several attackers act together
    (a linked attack: it needs all of them). A named rebuttal can be undercut."""

    attackers: tuple[str, ...] = attrs.field(converter=_tuple, validator=_attackers)
    target: str = attrs.field(validator=_check_id)
    by: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    note: str | None = None
    name: str | None = attrs.field(default=None, validator=_check_optional_id)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    quotes: tuple[Quote, ...] = attrs.field(default=(), converter=_quotes)
    allow: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    scheme: str | None = attrs.field(default=None, validator=_check_optional_text)
    allow_reasons: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_reasons, validator=_check_reasons, kw_only=True
    )
    span: Span | None = _span_field()

    @property
    def attacker(self) -> str:
        """The first attacker (the only one, unless the attack is linked)."""
        return self.attackers[0]

    @property
    def linked(self) -> bool:
        """True when several attackers act together."""
        return len(self.attackers) > 1

    @property
    def starts_from(self) -> tuple[str, ...]:
        """The claims it starts from (its attackers)."""
        return self.attackers


@attrs.frozen(slots=True)
class Undercut:
    """Claims attack a named relation: the step from its premises or attackers to its
    conclusion or target. Undercutting a support says the inference does not go through;
    undercutting a rebuttal, an undercut or a contradiction says the attack does not."""

    attackers: tuple[str, ...] = attrs.field(converter=_tuple, validator=_attackers)
    target: str = attrs.field(validator=_check_id)
    by: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    note: str | None = None
    name: str | None = attrs.field(default=None, validator=_check_optional_id)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    quotes: tuple[Quote, ...] = attrs.field(default=(), converter=_quotes)
    allow: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    scheme: str | None = attrs.field(default=None, validator=_check_optional_text)
    allow_reasons: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_reasons, validator=_check_reasons, kw_only=True
    )
    span: Span | None = _span_field()

    @property
    def attacker(self) -> str:
        """The first attacker (the only one, unless the attack is linked)."""
        return self.attackers[0]

    @property
    def linked(self) -> bool:
        """True when several attackers act together."""
        return len(self.attackers) > 1

    @property
    def starts_from(self) -> tuple[str, ...]:
        """The claims it starts from (its attackers)."""
        return self.attackers


@attrs.frozen(slots=True)
class Contradiction:
    """Two claims cannot both hold: a rebuttal in both directions."""

    left: str = attrs.field(validator=_check_id)
    right: str = attrs.field(validator=_check_id)
    by: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    note: str | None = None
    name: str | None = attrs.field(default=None, validator=_check_optional_id)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    quotes: tuple[Quote, ...] = attrs.field(default=(), converter=_quotes)
    allow: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    scheme: str | None = attrs.field(default=None, validator=_check_optional_text)
    allow_reasons: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_reasons, validator=_check_reasons, kw_only=True
    )
    span: Span | None = _span_field()

    @property
    def starts_from(self) -> tuple[str, ...]:
        """The claims it joins."""
        return (self.left, self.right)


@attrs.frozen(slots=True)
class Stance:
    """A perspective accepts (or rejects) a claim or a named relation. ``inline`` records that
    it was written on the claim or relation itself (``held by`` / ``rejected by``) rather than
    as a statement of its own; ``date`` says when the stance was taken."""

    perspective: str = attrs.field(validator=_check_id)
    target: str = attrs.field(validator=_check_id)
    accepts: bool = True
    inline: bool = False
    note: str | None = None
    date: str | None = None
    allow: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    allow_reasons: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_reasons, validator=_check_reasons, kw_only=True
    )
    span: Span | None = _span_field()

    @property
    def claim(self) -> str:
        """What the stance is on: a claim, or a named relation (the same as ``target``)."""
        return self.target


@attrs.frozen(slots=True)
class Section:
    """A heading that groups the statements written after it, up to the next section;
    ``parent`` nests it in another section."""

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_check_text)
    parent: str | None = attrs.field(default=None, validator=_check_optional_id)
    note: str | None = None
    allow: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_check_ids)
    allow_reasons: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_reasons, validator=_check_reasons, kw_only=True
    )
    span: Span | None = _span_field()


@attrs.frozen(slots=True)
class Allow:
    """Finding codes silenced for the whole map (``allow W302 "why"`` on a line of its own)."""

    codes: tuple[str, ...] = attrs.field(converter=_tuple, validator=_check_ids)
    reason: str | None = None
    span: Span | None = _span_field()


#: Any relation between claims.
Relation: TypeAlias = "Support | Rebuttal | Undercut | Contradiction"
#: Anything a map is made of.
Element: TypeAlias = (
    "Title | Source | Perspective | Question | Claim | Support | Rebuttal | Undercut | Contradiction"
    " | Stance | Section | Allow"
)
_RELATION_TYPES = (Support, Rebuttal, Undercut, Contradiction)
_E = TypeVar("_E")


@attrs.frozen(slots=True)
class _Index:
    """Look-up by id and by type, built once, on first use."""

    claims: dict[str, Claim]
    perspectives: dict[str, Perspective]
    questions: dict[str, Question]
    sources: dict[str, Source]
    sections: dict[str, Section]
    relations_named: dict[str, Relation]
    relations: tuple[Relation, ...]
    by_type: dict[type, tuple[Element, ...]]


def _group(pairs: Iterable[tuple[str, Any]]) -> dict[str, list[Any]]:
    table: dict[str, list[Any]] = {}
    for key, value in pairs:
        bucket = table.get(key)
        if bucket is None:
            table[key] = [value]
        else:
            bucket.append(value)
    return table


def _attack_pairs(m: ArgumentMap, into: bool) -> Iterator[tuple[str, Any]]:
    for e in m.elements:
        if isinstance(e, Rebuttal):
            if into:
                yield e.target, e
            else:
                for attacker in e.attackers:
                    yield attacker, e
        elif isinstance(e, Contradiction):
            yield (e.right if into else e.left), e
            if e.left != e.right:
                yield (e.left if into else e.right), e


_LINK_TABLES: dict[str, Callable[[ArgumentMap], dict[str, list[Any]]]] = {
    "supports_into": lambda m: _group((s.conclusion, s) for s in m.supports),
    "supports_from": lambda m: _group((p, s) for s in m.supports for p in s.premises),
    "attacks_into": lambda m: _group(_attack_pairs(m, into=True)),
    "attacks_from": lambda m: _group(_attack_pairs(m, into=False)),
    "undercuts_into": lambda m: _group((u.target, u) for u in m.undercuts),
    "relations_by": lambda m: _group(
        (p, e) for e in m.elements if isinstance(e, _RELATION_TYPES) for p in e.by
    ),
    "stances_of": lambda m: _group((s.perspective, s) for s in m.stances),
    "stances_on": lambda m: _group((s.target, s) for s in m.stances),
    "answers": lambda m: _group((q, c) for c in m.claims for q in c.answers),
}


@attrs.frozen(slots=True)
class ArgumentMap:
    """A whole map: its elements in the order they were written, plus ways to query them.

    Build one with :func:`argmap.parse`, :func:`argmap.load` or :class:`argmap.MapBuilder`.
    Ids are looked up first-definition-wins; duplicates are the checker's business.
    """

    elements: tuple[Element, ...] = attrs.field(converter=_elements)
    path: str | None = attrs.field(default=None, eq=False)
    #: Findings the parser made while reading (warnings only; syntax errors raise).
    parse_diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), eq=False, repr=False)
    #: The text the map was parsed from, when it was (for messages that quote it): the text, or
    #: a function that gives it when asked (None if it no longer can: see :attr:`source_text`).
    _source: str | Callable[[], str | None] | None = attrs.field(
        default=None, eq=False, repr=False, alias="source_text"
    )
    _index_cache: list[_Index] = attrs.field(factory=list, init=False, eq=False, repr=False)
    _tables: dict[str, dict[str, list[Any]]] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    _section_cache: list[dict[int, Section]] = attrs.field(factory=list, init=False, eq=False, repr=False)
    #: Holds True once the parser vouched that no text of the map has a lone surrogate (it
    #: refuses them); a map made any other way, ``attrs.evolve`` included, starts without it.
    _surrogate_free: list[bool] = attrs.field(factory=list, init=False, eq=False, repr=False)

    @property
    def source_text(self) -> str | None:
        """The text the map was parsed from, when it was (for messages that quote it).

        A map read by the command line keeps only a way to read its file again, checked
        against what was read (a big map's text is as big as the map): None if the file has
        changed since."""
        source = self._source
        return source() if callable(source) else source

    # ---- element lists (in document order) ------------------------------------------------
    @property
    def title(self) -> str | None:
        """The text of the first ``title`` statement, if any."""
        for element in self.elements:
            if isinstance(element, Title):
                return element.text
        return None

    def _typed(self, kind: type[_E]) -> tuple[_E, ...]:
        return self._index.by_type.get(kind, ())  # type: ignore[return-value]

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self._typed(Claim)

    @property
    def perspectives(self) -> tuple[Perspective, ...]:
        return self._typed(Perspective)

    @property
    def questions(self) -> tuple[Question, ...]:
        return self._typed(Question)

    @property
    def sources(self) -> tuple[Source, ...]:
        return self._typed(Source)

    @property
    def relations(self) -> tuple[Relation, ...]:
        """Every relation, in document order (built once, with the index)."""
        return self._index.relations

    @property
    def supports(self) -> tuple[Support, ...]:
        return self._typed(Support)

    @property
    def rebuttals(self) -> tuple[Rebuttal, ...]:
        return self._typed(Rebuttal)

    @property
    def undercuts(self) -> tuple[Undercut, ...]:
        return self._typed(Undercut)

    @property
    def contradictions(self) -> tuple[Contradiction, ...]:
        return self._typed(Contradiction)

    @property
    def stances(self) -> tuple[Stance, ...]:
        return self._typed(Stance)

    @property
    def sections(self) -> tuple[Section, ...]:
        return self._typed(Section)

    @property
    def allows(self) -> tuple[Allow, ...]:
        """The map-wide silencing statements (``allow CODES`` on a line of its own)."""
        return self._typed(Allow)

    # ---- index ----------------------------------------------------------------------------
    @property
    def _index(self) -> _Index:
        cache = self._index_cache
        if cache:
            return cache[0]
        buckets: dict[type, list[Element]] = {}
        named: dict[str, Relation] = {}
        relations: list[Relation] = []
        for e in self.elements:
            kind = type(e)
            bucket = buckets.get(kind)
            if bucket is None:
                buckets[kind] = [e]
            else:
                bucket.append(e)
            if isinstance(e, _RELATION_TYPES):
                relations.append(e)
                if e.name is not None:
                    named.setdefault(e.name, e)

        def first_by_id(kind: type[Any]) -> dict[str, Any]:
            table: dict[str, Any] = {}
            for item in buckets.get(kind, ()):
                table.setdefault(item.id, item)  # type: ignore[union-attr]
            return table

        index = _Index(
            claims=first_by_id(Claim),
            perspectives=first_by_id(Perspective),
            questions=first_by_id(Question),
            sources=first_by_id(Source),
            sections=first_by_id(Section),
            relations_named=named,
            relations=tuple(relations),
            by_type={kind: tuple(items) for kind, items in buckets.items()},
        )
        cache.append(index)
        return index

    def _table(self, name: str) -> dict[str, list[Any]]:
        """A link table (who points at whom), built on the first query that needs it, so that
        a program pays only for the questions it asks (checking a map asks few)."""
        tables = self._tables
        table = tables.get(name)
        if table is None:
            table = tables[name] = _LINK_TABLES[name](self)
        return table

    # ---- look-ups -------------------------------------------------------------------------
    def claim(self, claim_id: str) -> Claim:
        """The claim with this id (KeyError if there is none)."""
        return self._index.claims[claim_id]

    def perspective(self, perspective_id: str) -> Perspective:
        """The perspective with this id (KeyError if there is none)."""
        return self._index.perspectives[perspective_id]

    def question(self, question_id: str) -> Question:
        """The question with this id (KeyError if there is none)."""
        return self._index.questions[question_id]

    def source(self, source_id: str) -> Source:
        """The source with this id (KeyError if there is none)."""
        return self._index.sources[source_id]

    def support(self, name: str) -> Support:
        """The support with this name (KeyError if there is none)."""
        relation = self._index.relations_named[name]
        if not isinstance(relation, Support):
            raise KeyError(name)
        return relation

    def relation(self, name: str) -> Relation:
        """The relation (of any kind) with this name (KeyError if there is none)."""
        return self._index.relations_named[name]

    def section(self, section_id: str) -> Section:
        """The section with this id (KeyError if there is none)."""
        return self._index.sections[section_id]

    def __contains__(self, item_id: object) -> bool:
        if not isinstance(item_id, str):
            return False
        index = self._index
        return any(
            item_id in table
            for table in (
                index.claims,
                index.perspectives,
                index.questions,
                index.sources,
                index.sections,
                index.relations_named,
            )
        )

    # ---- what users ask ---------------------------------------------------------------------
    def supports_of(self, claim_id: str) -> tuple[Support, ...]:
        """The supports whose conclusion is this claim."""
        return tuple(self._table("supports_into").get(claim_id, ()))

    def supports_from(self, claim_id: str) -> tuple[Support, ...]:
        """The supports in which this claim is a premise."""
        return tuple(self._table("supports_from").get(claim_id, ()))

    def attacks_on(self, claim_id: str) -> tuple[Rebuttal | Contradiction, ...]:
        """Rebuttals of this claim and contradictions it is part of."""
        return tuple(self._table("attacks_into").get(claim_id, ()))

    def attacks_from(self, claim_id: str) -> tuple[Rebuttal | Contradiction, ...]:
        """Rebuttals this claim makes and contradictions it is part of."""
        return tuple(self._table("attacks_from").get(claim_id, ()))

    def undercuts_of(self, relation_name: str) -> tuple[Undercut, ...]:
        """The undercuts that attack this named relation."""
        return tuple(self._table("undercuts_into").get(relation_name, ()))

    def supporters(self, claim_id: str) -> tuple[str, ...]:
        """Ids of the claims that support this claim (as premises), in order, once each."""
        return tuple(dict.fromkeys(p for s in self.supports_of(claim_id) for p in s.premises))

    def attackers(self, claim_id: str) -> tuple[str, ...]:
        """Ids of the claims that rebut or contradict this claim, in order, once each."""
        out: dict[str, None] = {}
        for rel in self.attacks_on(claim_id):
            if isinstance(rel, Rebuttal):
                out.update(dict.fromkeys(rel.attackers))
            else:
                out[rel.left if rel.right == claim_id else rel.right] = None
        return tuple(out)

    def stances_of(self, perspective_id: str) -> tuple[Stance, ...]:
        """Every stance this perspective takes, in order."""
        return tuple(self._table("stances_of").get(perspective_id, ()))

    def stances_on(self, target: str) -> tuple[Stance, ...]:
        """Every stance taken on this claim or named relation, in order."""
        return tuple(self._table("stances_on").get(target, ()))

    def accepted_by(self, perspective_id: str) -> tuple[str, ...]:
        """Ids of the claims (and names of the relations) this perspective accepts, once each."""
        return tuple(dict.fromkeys(s.target for s in self.stances_of(perspective_id) if s.accepts))

    def rejected_by(self, perspective_id: str) -> tuple[str, ...]:
        """Ids of the claims (and names of the relations) this perspective rejects, once each."""
        return tuple(dict.fromkeys(s.target for s in self.stances_of(perspective_id) if not s.accepts))

    def holders(self, claim_id: str) -> tuple[str, ...]:
        """Ids of the perspectives that accept this claim, once each."""
        stances = self._table("stances_on").get(claim_id)
        if not stances:
            return ()
        return tuple(dict.fromkeys([s.perspective for s in stances if s.accepts]))

    def rejecters(self, claim_id: str) -> tuple[str, ...]:
        """Ids of the perspectives that reject this claim, once each."""
        stances = self._table("stances_on").get(claim_id)
        if not stances:
            return ()
        return tuple(dict.fromkeys([s.perspective for s in stances if not s.accepts]))

    def relations_by(self, perspective_id: str) -> tuple[Relation, ...]:
        """The relations this perspective asserts (``by``), in order."""
        return tuple(self._table("relations_by").get(perspective_id, ()))

    def relations_rejected_by(self, perspective_id: str) -> tuple[Relation, ...]:
        """The named relations this perspective rejects (``p rejects r``, ``rejected by p``)."""
        named = self._index.relations_named
        found = (named.get(s.target) for s in self.stances_of(perspective_id) if not s.accepts)
        return tuple(dict.fromkeys(r for r in found if r is not None))

    def section_of(self, element: Element) -> Section | None:
        """The innermost section this element is written in (the last opened above it)."""
        cache = self._section_cache
        if not cache:
            # Sections are statements: what follows one belongs to it, up to the next.
            table: dict[int, Section] = {}
            current: Section | None = None
            for e in self.elements:
                if isinstance(e, Section):
                    current = e
                elif current is not None:
                    table[id(e)] = current
            cache.append(table)
        return cache[0].get(id(element))

    def in_section(self, section_id: str) -> tuple[Element, ...]:
        """The elements written in this section or in the sections nested in it, in order."""
        inside = {section_id}
        for section in self.sections:
            if section.parent in inside:
                inside.add(section.id)
        return tuple(e for e in self.elements if (s := self.section_of(e)) is not None and s.id in inside)

    def answers_to(self, question_id: str) -> tuple[Claim, ...]:
        """The claims that answer this question, in order."""
        return tuple(self._table("answers").get(question_id, ()))

    # ---- views ------------------------------------------------------------------------------
    def with_elements(self, elements: Iterable[Element]) -> ArgumentMap:
        """A new map with these elements, keeping this map's path and source text."""
        return ArgumentMap(tuple(elements), path=self.path, source_text=self._source)

    def _repr_svg_(self) -> str:
        """Jupyter shows a map as its SVG drawing (rendered by :func:`argmap.drawing.render`)."""
        from argmap.drawing.render import render

        svg: bytes = render(self, format="svg")
        return svg.decode("utf-8")

    def _repr_html_(self) -> str:
        """Jupyter shows a map as its interactive page (:mod:`argmap.drawing.notebook`)."""
        from argmap.drawing.notebook import map_html

        return map_html(self)

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        """The page and the SVG from one layout (Jupyter would otherwise draw the map twice)."""
        from argmap.drawing.notebook import map_bundle

        return map_bundle(self)

    def __len__(self) -> int:
        return len(self.elements)
