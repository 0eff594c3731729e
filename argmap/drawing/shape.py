"""The drawing's shape chosen for the reader: which way the arrows run, and how far the widest
rank is spread over several, so that the picture fits a page or a screen (an aspect ratio of
at most about 2 : 1) where the graph allows.

:func:`choose` estimates the layout dot will make from each node's size (as the writer measured
it) and the ranks a longest-path layering gives, for top-down and for left-right arrows, and
takes the one whose bounding box is nearest to square (top-down on a tie). When even that is
more than twice as wide as high, the sources of the widest ranks (claims nothing points to, the
evidence) are staggered over two to four ranks (``minlen`` on their edges, as Graphviz's own
``unflatten`` does), if that brings the picture nearer to the target. A caller's ``rankdir``
is kept as given; this only decides when none was.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence

import attrs

__all__ = ["Layering", "Shape", "choose", "estimate", "layering"]

#: The aspect ratio (long side over short side) a drawing should not exceed where it can.
TARGET = 2.0
NODESEP = 0.3 * 72
RANKSEP = 0.45 * 72
#: dot's drawings come out larger than the sum of their parts (edge labels, spreading to
#: uncross edges): measured on the gallery maps, about 1.4 times across the ranks and 1.3
#: times along them.
ACROSS = 1.4
ALONG = 1.3
#: Most nodes a drawing may have for its sources to be staggered (more ranks make a big
#: layout slower, and a big map's aspect hardly changes).
STAGGER_LIMIT = 300
#: The room an edge takes in a rank it crosses.
VIRTUAL = NODESEP + 8


@attrs.frozen
class Shape:
    """A chosen shape: the rank direction, each staggered edge's ``minlen`` (by its index in
    the writer's list of edges), and the estimated size in points."""

    rankdir: str
    minlen: dict[int, int]
    width: float
    height: float

    @property
    def aspect(self) -> float:
        return max(self.width, self.height) / max(1.0, min(self.width, self.height))


def _ranks(nodes: Sequence[str], edges: Sequence[tuple[str, str, int]]) -> tuple[list[int], list[int]]:
    """Longest-path ranks (edges' ``minlen`` counted), cycles broken where they are met: each
    node's, in the order of ``nodes``, and the ends of the edges between two of them (tail,
    head, tail, head ...), by their index in ``nodes`` (a big drawing has 200,000 nodes:
    worked on by index)."""
    index = {n: i for i, n in enumerate(nodes)}
    get = index.get
    size = len(nodes)
    out: list[list[tuple[int, int]]] = [[] for _ in range(size)]
    indegree = [0] * size
    ends: list[int] = []
    for tail, head, length in edges:
        t = get(tail)
        h = get(head)
        if t is not None and h is not None and t != h:
            out[t].append((h, length))
            indegree[h] += 1
            ends += (t, h)
    has_in = [d > 0 for d in indegree]
    rank = [0] * size
    queue = deque([i for i, d in enumerate(indegree) if d == 0])
    popleft, append = queue.popleft, queue.append
    left = bytearray(b"\x01") * size
    remaining = size
    next_waiting = 0  # where to look for the next node still waiting (each is passed once)
    while remaining:
        if not queue:  # a cycle: go on from the first node still waiting, in document order
            while not left[next_waiting]:
                next_waiting += 1
            indegree[next_waiting] = 0
            append(next_waiting)
        n = popleft()
        if not left[n]:
            continue
        left[n] = 0
        remaining -= 1
        base = rank[n]
        for m, length in out[n]:
            if left[m]:
                if base + length > rank[m]:  # noqa: PLR1730 - (max() is a call)
                    rank[m] = base + length
                waiting = indegree[m] - 1
                indegree[m] = waiting
                if waiting <= 0:
                    append(m)
    # dot pulls a source down to its nearest target: so does the estimate (a target is never
    # a source itself, so the order does not matter)
    for n, targets in enumerate(out):
        if targets and not has_in[n]:
            rank[n] = max(0, min([rank[m] - length for m, length in targets]))
    return rank, ends


@attrs.frozen
class Layering:
    """The ranks of a drawing's nodes (a longest-path layering) and, for each rank, how many
    edges pass through it (an edge across several ranks takes room in each rank between):
    what the size estimates of both directions share, made once."""

    rank: dict[str, int]
    passing: dict[int, int]
    #: The estimates made from it so far, by rank direction (see :func:`estimate`).
    estimates: dict[str, tuple[float, float]] = attrs.field(factory=dict, eq=False, repr=False)


def layering(sizes: Mapping[str, object], edges: Sequence[tuple[str, str, int]]) -> Layering:
    """The layering of the nodes of ``sizes`` (its keys: the sizes themselves do not count) by
    ``edges`` (see :class:`Layering`)."""
    nodes = list(sizes)
    ranks, ends = _ranks(nodes, edges)
    rank = dict(zip(nodes, ranks, strict=True))
    # Each edge adds one at the rank after its higher end and takes it away at its lower end:
    # the running sum is the number of edges passing through each rank.
    change = [0] * (max(ranks, default=0) + 2)
    for t, h in zip(ends[::2], ends[1::2], strict=True):
        low = ranks[t]
        high = ranks[h]
        if low > high:
            low, high = high, low
        if high - low > 1:
            change[low + 1] += 1
            change[high] -= 1
    passing: dict[int, int] = {}
    count = 0
    for r, step in enumerate(change):
        count += step
        if count:
            passing[r] = count
    return Layering(rank, passing)


def estimate(
    sizes: Mapping[str, tuple[float, float]],
    edges: Sequence[tuple[str, str, int]],
    rankdir: str,
    layers: Layering | None = None,
) -> tuple[float, float, dict[str, int]]:
    """The estimated width and height of the drawing, and the ranks (``layers``: the
    :func:`layering` of these sizes and edges, when it was made already; it remembers the
    estimate of each direction)."""
    if layers is None:
        layers = layering(sizes, edges)
    rank = layers.rank
    known = layers.estimates.get(rankdir)
    if known is not None:  # (the same sizes and edges: the layering was made from them)
        return (*known, rank)
    across: dict[int, float] = {}
    along: dict[int, float] = {}
    lr = rankdir in ("LR", "RL")
    for n, r in rank.items():
        w, h = sizes[n]
        if lr:
            w, h = h, w
        across[r] = across.get(r, -NODESEP) + w + NODESEP
        along[r] = max(along.get(r, 0.0), h)
    # an edge across several ranks passes through each rank between as a thin virtual node
    for r, count in layers.passing.items():
        across[r] = across.get(r, 0.0) + VIRTUAL * count
    top = max(rank.values(), default=0)
    extent = (sum(along.get(r, 0.0) for r in range(top + 1)) + RANKSEP * top) * ALONG
    width = max(across.values(), default=0.0) * ACROSS
    layers.estimates[rankdir] = (extent, width) if lr else (width, extent)
    return (extent, width, rank) if lr else (width, extent, rank)


def _with_legend(w: float, h: float, rankdir: str, legend: tuple[float, float]) -> tuple[float, float]:
    """The size with the legend on the last rank: below a top-down drawing, beside a
    left-right one."""
    lw, lh = legend
    if not lw:
        return w, h
    if rankdir in ("LR", "RL"):
        return w + RANKSEP + lw, max(h, lh)
    return max(w, lw), h + RANKSEP + lh


def choose(
    sizes: Mapping[str, tuple[float, float]],
    edges: Sequence[tuple[str, str, int]],
    legend: tuple[float, float] = (0.0, 0.0),
    layers: Layering | None = None,
) -> Shape:
    """The shape nearest to :data:`TARGET` (see the module docstring). ``edges`` are
    (tail, head, 1) pairs in the writer's order, constraint edges only; ``legend`` the size
    of a one-column legend (none: zero); ``layers`` their :func:`layering`, if made already
    (both directions share it)."""
    if layers is None:
        layers = layering(sizes, edges)
    best: Shape | None = None
    for rankdir in ("TB", "LR"):
        w, h = _with_legend(*estimate(sizes, edges, rankdir, layers)[:2], rankdir, legend)
        shape = Shape(rankdir, {}, w, h)
        if best is None or shape.aspect < best.aspect - 0.05:
            best = shape
    assert best is not None
    if best.aspect <= TARGET or not edges or len(sizes) > STAGGER_LIMIT:
        return best
    # Too wide even so: stagger the sources of the widest ranks.
    wide_dir = "TB" if best.width > best.height else "LR"
    rank = layers.rank
    has_in = {head for _, head, _ in edges}
    for levels in (2, 3, 4):
        minlen: dict[int, int] = {}
        staggered = list(edges)
        seen: dict[int, int] = {}
        for i, (tail, head, _) in enumerate(edges):
            if tail in has_in or tail not in rank or head not in rank:
                continue
            count = seen.get(rank[head], 0)
            seen[rank[head]] = count + 1
            length = 1 + count % levels
            if length > 1:
                minlen[i] = length
                staggered[i] = (tail, head, length)
        if not minlen:
            break
        w, h = _with_legend(*estimate(sizes, staggered, wide_dir)[:2], wide_dir, legend)
        shape = Shape(wide_dir, minlen, w, h)
        if shape.aspect < best.aspect - 0.05:
            best = shape
        if best.aspect <= TARGET:
            break
    return best
