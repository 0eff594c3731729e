"""Tests for argmap.drawing.digraph: the DOT text is the graphviz package's, made faster."""

from __future__ import annotations

import warnings

import graphviz
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.drawing.digraph import digraph_class
from argmap.drawing.styles import edge_attributes

_DOT_VALUES = st.one_of(
    st.text(alphabet='ab_1.-< >"\\:é', max_size=60),
    st.sampled_from(["node", "Edge", "graph", "strict", "-4.2", ".42", "", "<<B>x</B>>", "a" * 60]),
    st.text(alphabet="abc ", min_size=49, max_size=80),
)
_DOT_NAMES = st.sampled_from(["id", "tooltip", "color", "x y"])
_DOT_ATTRIBUTES = st.lists(st.tuples(_DOT_NAMES, _DOT_VALUES), max_size=4)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=_DOT_VALUES,
    label=st.none() | _DOT_VALUES,
    attributes=_DOT_ATTRIBUTES,
    kwargs=st.dictionaries(st.sampled_from(["shape", "style", "label_x"]), _DOT_VALUES, max_size=2),
    html=st.booleans(),
)
def test_dot_lines_are_the_graphviz_package_s(
    name: str, label: str | None, attributes: list[tuple[str, str]], kwargs: dict[str, str], html: bool
) -> None:
    # argmap's Digraph remembers quoting and skips work: it must write what the package writes.
    if not html and label is not None:
        label = graphviz.nohtml(label)
    ours, theirs = digraph_class()(), graphviz.Digraph()
    theirs._quote_edge = theirs._quote  # as argmap's: edge ends are whole node ids
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # odd backslashes: the package warns, both the same
        for graph in (ours, theirs):
            for _ in range(2):  # the second time from what was remembered
                graph.node(name, label, _attributes=attributes, **kwargs)
                graph.edge(name, "b:c", label, _attributes=attributes, **kwargs)
                graph.edge("a", name, _attributes=edge_attributes("rebuttal", True), **kwargs)
        # The shortcuts for the commonest statements write what the general methods write.
        html, plain = f"<{label or ''}>", tuple((k, v) for k, v in attributes if k != "x y")
        look = edge_attributes("undercut", False)
        ours.html_node(name, html, plain)
        theirs.node(name, html, _attributes=plain)
        ours.look_edge(name, "b:c", look)
        theirs.edge(name, "b:c", _attributes=look)
    assert ours.source == theirs.source
