"""DOT text as the ``graphviz`` package writes it, made fast enough for maps of thousands of
claims: :func:`digraph_class` gives a ``graphviz.Digraph`` that remembers its quoting and writes
the commonest statements directly (tests/test_digraph.py compares its text with the package's).
"""

from __future__ import annotations

import functools
from typing import Any

from argmap.drawing.body import Body, Spool
from argmap.drawing.styles import Look

__all__ = ["digraph_class"]


@functools.cache
def digraph_class() -> Any:
    """``graphviz.Digraph`` that takes edge ends as whole node ids and remembers its quoting.

    The package reads ``a:b:c`` in an edge end as node ``a``, port ``b``, compass ``c`` (and has
    no way to write a literal colon there, xflr6/graphviz#53), while argmap's own nodes are
    named ``question:ID``, ``support:NAME`` ... and the names come out in the SVG titles. Edge
    ends are therefore quoted like node names (argmap uses no ports).

    A map is thousands of nodes and edges, and the package's quoting of their parts gives the
    same text again and again, so each graph remembers it: ``quote`` of node ids, attribute
    names and short values (keyed on the type too: ``nohtml`` text quotes differently from a
    ``str``), and the text of each :class:`Look`. ``node``, ``edge`` and ``_attr_list`` are the
    package's own, without its check of positional arguments and with the remembered quoting;
    ``html_node`` (a claim) and ``look_edge`` (an edge without a label) write the commonest
    statements without the general attribute list. The text is the package's
    (tests/test_digraph.py compares)."""
    import graphviz
    from graphviz import quoting

    # The same function without the package's argument check (where it has one).
    quote = getattr(quoting.quote, "__wrapped__", quoting.quote)
    is_id = quoting.ID.match

    def mapping_items(mapping: Any) -> Any:
        """The items in the package's order: a plain dict's sorted, any other mapping's as
        they come (graphviz._tools.mapping_items)."""
        return sorted(mapping.items()) if type(mapping) is dict else mapping.items()

    class _Digraph(graphviz.Digraph):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            given: list[str] = self.__dict__["body"]
            self.body = Body(given)  # packed when long (argmap.drawing.body)
            #: Statements that come before the body's, written elsewhere (a forked copy's
            #: claims, argmap.drawing.dot.write): None when there are none.
            self.spool: Spool | None = None
            self._quote = self._quote_edge = functools.lru_cache(maxsize=None, typed=True)(quote)
            self._look_list = functools.lru_cache(maxsize=None)(self._make_look_list)

        def node(self, name: str, label: str | None = None, _attributes: Any = None, **attrs: Any) -> None:
            attr_list = self._attr_list(label, kwargs=attrs, attributes=_attributes)
            self.body.append(self._node(self._quote(name), attr_list))

        def edge(
            self,
            tail_name: str,
            head_name: str,
            label: str | None = None,
            _attributes: Any = None,
            **attrs: Any,
        ) -> None:
            attr_list = self._attr_list(label, kwargs=attrs, attributes=_attributes)
            tail, head = self._quote_edge(tail_name), self._quote_edge(head_name)
            self.body.append(self._edge(tail=tail, head=head, attr=attr_list))

        def html_node(self, name: str, label: str, attributes: tuple[tuple[str, str], ...]) -> None:
            """``node(name, label, _attributes=attributes)`` for the commonest node: its label
            is HTML (``<...>``, which the package passes as it is) and its attribute names are
            plain identifiers (which it does not quote)."""
            value = self._value
            attrs = "".join([f" {k}={value(v)}" for k, v in attributes])
            self.body.append(f"\t{self._quote(name)} [label={label}{attrs}]\n")

        def look_edge(self, tail: str, head: str, look: Look) -> None:
            """``edge(tail, head, _attributes=look)``: an edge without a label of its own."""
            tail, head = self._quote_edge(tail), self._quote_edge(head)
            self.body.append(f"\t{tail} -> {head}{self._look_list(look)}\n")

        def quoted_look_edge(self, tail: str, head: str, look: Look) -> None:
            """:meth:`look_edge` of ends quoted already (``_quote_edge``)."""
            self.body.append(f"\t{tail} -> {head}{self._look_list(look)}\n")

        def _make_look_list(self, look: Look) -> str:
            return self._attr_list(None, None, tuple(look))

        def _value(self, value: Any) -> str:
            if '"' in value or "\\" in value or value[:1] == "<" or is_id(value):
                # Labels are long and each different: not worth remembering.
                return self._quote(value) if len(value) <= 48 else quote(value)  # type: ignore[no-any-return]
            # Neither HTML nor an identifier (so not a keyword either), with no quote or
            # backslash to escape: quote() would only put it in quotes.
            return f'"{value}"'

        def _attr_list(self, label: Any = None, kwargs: Any = None, attributes: Any = None) -> str:
            look = type(attributes) is Look
            if look and label is None and not kwargs:
                return self._look_list(attributes)
            q, value = self._quote, self._value
            result = [f"label={value(label)}"] if label is not None else []
            if kwargs:
                result += [f"{q(k)}={value(v)}" for k, v in mapping_items(kwargs) if v is not None]
            if look:
                if attributes:
                    result.append(self._look_list(attributes)[2:-1])  # the inside of " [...]"
            elif attributes:
                if hasattr(attributes, "items"):
                    attributes = mapping_items(attributes)
                result += [f"{q(k)}={value(v)}" for k, v in attributes if v is not None]
            return f" [{' '.join(result)}]" if result else ""

    return _Digraph
