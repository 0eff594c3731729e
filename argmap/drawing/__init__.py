"""Model -> picture: views of a map, styles and palette, text fitting, DOT writing, the legend,
and the Graphviz executables (system ``dot`` or the embedded renderer) that lay it out.

This module is light (names only): Graphviz and the drawing code load when first used.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "BACKENDS",
    "ENGINES",
    "FORMATS",
    "LEGENDS",
    "RANKDIRS",
    "BackendName",
    "EngineName",
    "LegendMode",
    "RankDir",
    "RenderFormat",
]

#: Output formats :func:`argmap.render` knows (``dot`` is the DOT text itself, no layout;
#: ``html`` the interactive page of :mod:`argmap.drawing.html` around the SVG).
RenderFormat = Literal["svg", "png", "pdf", "dot", "html"]
FORMATS: tuple[RenderFormat, ...] = get_args(RenderFormat)
#: Graphviz layout engines offered.
EngineName = Literal["dot", "neato", "fdp", "sfdp"]
ENGINES: tuple[EngineName, ...] = get_args(EngineName)
#: Directions the arrows may run.
RankDir = Literal["TB", "BT", "LR", "RL"]
RANKDIRS: tuple[RankDir, ...] = get_args(RankDir)
#: The legend's forms: none, one compact table, or a framed cluster with drawn samples.
LegendMode = Literal["none", "compact", "full"]
LEGENDS: tuple[LegendMode, ...] = get_args(LegendMode)
#: The Graphviz executables a caller may ask for (``auto``: dot if installed, else the embedded one).
BackendName = Literal["auto", "dot", "graphviz-pure"]
BACKENDS: tuple[BackendName, ...] = get_args(BackendName)
