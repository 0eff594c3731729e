"""Helpers for the drawing tests: the maps they draw, and reading the DOT text back."""

from __future__ import annotations

import re

import argmap
from argmap.model import ArgumentMap
from tests.conftest import DATA, MAPS

RENDER = DATA / "render"


def load(name: str) -> ArgumentMap:
    """A map of tests/data/render, else of maps/."""
    path = RENDER / f"{name}.argmap"
    return argmap.load(path if path.exists() else MAPS / f"{name}.argmap")


# The graphviz package writes one statement per line, indented with tabs, and quotes an id only
# when it must ("build-it", but survey).
DOT_ID = r'"(?:[^"\\]|\\.)*"|[A-Za-z_0-9.\-]+'


def unquote(token: str) -> str:
    return token[1:-1].replace('\\"', '"') if token.startswith('"') else token


def node_ids(dot: str) -> set[str]:
    """The map's nodes (the legend, drawn as a node of its own, is not one of them)."""
    found = re.findall(rf"^\t+({DOT_ID}) \[", dot, re.MULTILINE)
    return {unquote(t) for t in found if t not in ("graph", "node", "edge", "legend")}


def node_line(dot: str, node: str) -> str:
    """The statement that declares ``node``."""
    for line in dot.splitlines():
        m = re.match(rf"\t+({DOT_ID}) \[", line)
        if m and m.group(1) not in ("graph", "node", "edge") and unquote(m.group(1)) == node:
            return line
    raise AssertionError(f"no node statement for {node!r}")


def edges(dot: str) -> set[tuple[str, str]]:
    return {
        (unquote(a), unquote(b)) for a, b in re.findall(rf"^\t+({DOT_ID}) -> ({DOT_ID})", dot, re.MULTILINE)
    }


def ends(dot: str) -> set[str]:
    return {n for edge in edges(dot) for n in edge}
