"""Positions for the two graph maps: a force layout for people, a layered layout for dependencies.

Both are pure functions returning ``{id: (x, y)}`` in layout units: in the force layout the ideal
edge length is 1.0; in the layered layout layers are 1.0 apart on x and rows 1.0 apart on y. A view
multiplies by its own scale and should store positions (``Stakeholder.position``) in layout units,
so a warm start reads them back unchanged.

The force layout is Fruchterman–Reingold (attraction d²/k along edges, repulsion k²/d between all
pairs) with a weak pull to the centre so separate groups stay on screen. Up to `EXACT_LIMIT` nodes
every pair repels exactly; above it, pairs closer than `NEAR` repel exactly and farther nodes are
summed per grid cell at the cell's centre of mass, which keeps 2,000 people well under a second.
Results depend only on the inputs and the seed.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from planner.model import Portfolio

Position = tuple[float, float]

EXACT_LIMIT = 200
NEAR = 3.0  # smallest exact-repulsion radius, in ideal edge lengths
FAR_CELLS = 24  # the far field is summed over at most this many cells per side
GRAVITY = 0.05
FRESH_ITERATIONS = 60
WARM_ITERATIONS = 25


def _initial(
    nodes: Sequence[str],
    neighbours: Mapping[str, Collection[str]],
    initial: Mapping[str, Position],
    rng: np.random.Generator,
) -> np.ndarray:
    """Known positions kept; others placed near already-placed neighbours (breadth first), the rest
    uniformly at random in a square of area n (one unit of area per node)."""
    n = len(nodes)
    side = math.sqrt(max(n, 1))
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    index = {node: i for i, node in enumerate(nodes)}
    placed = {node for node in nodes if node in initial}
    for node in placed:
        pos[index[node]] = initial[node]
    if not placed:
        return pos
    queue = deque(sorted(placed))
    jitter = rng.uniform(-0.5, 0.5, size=(n, 2))
    while queue:
        node = queue.popleft()
        for other in sorted(neighbours.get(node, ())):
            if other in placed:
                continue
            near = [index[p] for p in neighbours[other] if p in placed]
            pos[index[other]] = pos[near].mean(axis=0) + jitter[index[other]]
            placed.add(other)
            queue.append(other)
    return pos


def _pull_from(pos: np.ndarray, sources: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Σ_j weight[i, j] · (pos[i] − sources[j]) for every i, as two matrix products."""
    return pos * weight.sum(axis=1)[:, None] - weight @ sources


def _inverse_square(pos: np.ndarray, sources: np.ndarray, cutoff: float) -> np.ndarray:
    """1 / squared distance from every position to every source; 0 at or within `cutoff`."""
    dx = pos[:, 0, None] - sources[None, :, 0]
    dy = pos[:, 1, None] - sources[None, :, 1]
    dist2 = dx * dx + dy * dy
    inverse = 1.0 / np.maximum(dist2, 1e-4)
    inverse[dist2 <= cutoff * cutoff] = 0.0
    return inverse


def _repulsion(pos: np.ndarray) -> np.ndarray:
    """Sum of k²/d repulsion (k = 1) on every node, exact or near-exact plus far-field by cells."""
    n = len(pos)
    if n <= EXACT_LIMIT:
        inverse = _inverse_square(pos, pos, 0.0)
        np.fill_diagonal(inverse, 0.0)
        return _pull_from(pos, pos, inverse)
    force = np.zeros_like(pos)
    extent = float((pos.max(axis=0) - pos.min(axis=0)).max())
    radius = max(NEAR, extent / FAR_CELLS)
    pairs = cKDTree(pos).query_pairs(radius, output_type="ndarray")
    if len(pairs):
        i, j = pairs[:, 0], pairs[:, 1]
        delta = pos[i] - pos[j]
        push = delta / np.maximum((delta * delta).sum(axis=1), 1e-4)[:, None]
        for axis in (0, 1):
            force[:, axis] += np.bincount(i, push[:, axis], n) - np.bincount(j, push[:, axis], n)
    cell = np.floor((pos - pos.min(axis=0)) / radius).astype(np.int64)
    key = cell[:, 0] * (cell[:, 1].max() + 1) + cell[:, 1]
    cells, owner, mass = np.unique(key, return_inverse=True, return_counts=True)
    centre = np.stack([np.bincount(owner, pos[:, a], len(cells)) for a in (0, 1)], axis=1) / mass[:, None]
    weight = _inverse_square(pos, centre, radius) * mass[None, :]
    return force + _pull_from(pos, centre, weight)


def force_layout(
    nodes: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    seed: int = 0,
    initial: Mapping[str, Position] | None = None,
    fixed: Collection[str] = (),
    iterations: int | None = None,
    progress: Callable[[float], None] | None = None,
) -> dict[str, Position]:
    """A force-directed layout of an undirected graph, ideal edge length 1.

    Nodes in `initial` start there (warm start: a gentle, short relaxation that keeps the picture
    recognisable); others start near their placed neighbours or at random (seeded). Nodes in
    `fixed` never move (a fixed node without an initial position is placed first, then held).
    Same inputs and seed → identical output. Edges to unknown nodes are ignored. `progress`, if
    given, is called with the share done (0–1] after every iteration; a worker thread cancels the
    layout by raising from it.
    """
    order = list(dict.fromkeys(nodes))
    if not order:
        return {}
    index = {node: i for i, node in enumerate(order)}
    neighbours: dict[str, set[str]] = {node: set() for node in order}
    pairs: set[tuple[int, int]] = set()
    for u, v in edges:
        if u in index and v in index and u != v:
            neighbours[u].add(v)
            neighbours[v].add(u)
            pairs.add((min(index[u], index[v]), max(index[u], index[v])))
    rng = np.random.default_rng(seed)
    known = {k: v for k, v in (initial or {}).items() if k in index}
    pos = _initial(order, neighbours, known, rng)
    warm = bool(known)
    steps = iterations if iterations is not None else (WARM_ITERATIONS if warm else FRESH_ITERATIONS)
    n = len(order)
    free = np.ones(n, dtype=bool)
    for node in fixed:
        if node in index:
            free[index[node]] = False
    if not free.any() or n == 1:
        return {node: (float(pos[i, 0]), float(pos[i, 1])) for i, node in enumerate(order)}
    edge_array = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    centre = pos.mean(axis=0)  # gravity pulls towards where the picture starts, so it does not drift
    start = 0.2 if warm else math.sqrt(n) / 8
    for step in range(steps):
        temperature = start * (1.0 - step / steps) + 0.01
        disp = _repulsion(pos)
        if len(edge_array):
            tail, head = edge_array[:, 0], edge_array[:, 1]
            delta = pos[tail] - pos[head]
            pull = delta * np.sqrt((delta * delta).sum(axis=1))[:, None]
            for axis in (0, 1):
                disp[:, axis] += np.bincount(head, pull[:, axis], n) - np.bincount(tail, pull[:, axis], n)
        disp -= GRAVITY * (pos - centre) * np.sqrt(n)
        length = np.sqrt((disp * disp).sum(axis=1))
        scale = np.minimum(length, temperature) / np.maximum(length, 1e-9)
        pos[free] += disp[free] * scale[free, None]
        if progress is not None:
            progress((step + 1) / steps)
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for i, node in enumerate(order)}


def place_node(
    positions: Mapping[str, Position], neighbours: Iterable[str], *, seed: int = 0, node: str = ""
) -> Position:
    """Where to put one new node in an existing layout, without moving anyone else.

    Starts at the centre of its placed neighbours (or just right of the picture if it has none) and
    relaxes locally: pulled towards its neighbours, pushed away from anyone closer than 1.5.
    Deterministic for `seed` and `node` (the id seeds the small offset so two new people differ).
    """
    ids = list(positions)
    if not ids:
        return (0.0, 0.0)
    points = np.array([positions[i] for i in ids], dtype=float)
    near = [positions[n] for n in dict.fromkeys(neighbours) if n in positions]
    rng = np.random.default_rng([seed, *node.encode()])
    if near:
        anchors = np.array(near, dtype=float)
        here = anchors.mean(axis=0) + rng.uniform(-0.5, 0.5, 2)
    else:
        anchors = np.empty((0, 2))
        here = np.array([points[:, 0].max() + 1.0, points[:, 1].mean()]) + rng.uniform(-0.5, 0.5, 2)
    for step in range(40):
        delta = here - points
        dist2 = np.maximum((delta * delta).sum(axis=1), 1e-4)
        close = dist2 < 1.5 * 1.5
        move = (delta[close] / dist2[close, None]).sum(axis=0)
        if len(anchors):
            pull = anchors - here
            move += (pull * np.sqrt((pull * pull).sum(axis=1))[:, None]).sum(axis=0) / len(anchors)
        length = float(np.hypot(*move))
        limit = 0.3 * (1.0 - step / 40) + 0.01
        if length > 0:
            here = here + move * min(length, limit) / length
    return (float(here[0]), float(here[1]))


def stakeholder_layout(
    portfolio: Portfolio,
    *,
    seed: int = 0,
    fresh: bool = False,
    fixed: Collection[str] = (),
    progress: Callable[[float], None] | None = None,
) -> dict[str, Position]:
    """The network map's positions: warm start from stored ``Stakeholder.position`` unless `fresh`.

    Every relationship (any kind) pulls its two people together.
    """
    initial = {} if fresh else {s.id: s.position for s in portfolio.stakeholders if s.position is not None}
    return force_layout(
        [s.id for s in portfolio.stakeholders],
        [(r.source, r.target) for r in portfolio.relationships],
        seed=seed,
        initial=initial,
        fixed=fixed,
        progress=progress,
    )


def layered_layout(
    nodes: Sequence[str], edges: Iterable[tuple[str, str]], *, sweeps: int = 4
) -> dict[str, Position]:
    """Left-to-right layers for a DAG: x = topological generation, y = row within the layer.

    Rows are ordered by barycentre sweeps (down, then up, `sweeps` times) to reduce crossings,
    starting from id order; each layer is centred on y = 0. A graph with cycles is still laid out
    (so a view can show a file with a cycle): the edges that close a cycle in a depth-first search
    from the smallest id are left out when layering, and are drawn pointing backwards.
    """
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    if not nx.is_directed_acyclic_graph(graph):
        graph.remove_edges_from(back_edges(graph))
    layers = [sorted(gen) for gen in nx.topological_generations(graph)]
    layer_of = {node: i for i, layer in enumerate(layers) for node in layer}
    rank = {node: float(i) for layer in layers for i, node in enumerate(layer)}

    def sweep(sequence: Iterable[int], neighbours: Mapping[str, Iterable[str]]) -> None:
        for li in sequence:
            layer = layers[li]
            key = {}
            for node in layer:
                linked = [rank[o] / max(1, len(layers[layer_of[o]]) - 1) for o in neighbours[node]]
                key[node] = sum(linked) / len(linked) if linked else rank[node] / max(1, len(layer) - 1)
            layer.sort(key=lambda node: (key[node], rank[node]))
            rank.update({node: float(i) for i, node in enumerate(layer)})

    for _ in range(sweeps):
        sweep(range(1, len(layers)), graph.pred)
        sweep(range(len(layers) - 2, -1, -1), graph.succ)
    return {
        node: (float(li), float(i) - (len(layer) - 1) / 2.0)
        for li, layer in enumerate(layers)
        for i, node in enumerate(layer)
    }


def back_edges(graph: nx.DiGraph) -> list[tuple[str, str]]:
    """Edges that close a cycle in a depth-first search (roots and neighbours in id order);
    removing them leaves the graph acyclic."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    found: list[tuple[str, str]] = []
    for root in sorted(graph.nodes):
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(sorted(graph.successors(root))))]
        while stack:
            node, successors = stack[-1]
            for nxt in successors:
                if state.get(nxt) == 1:
                    found.append((node, nxt))
                elif nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, iter(sorted(graph.successors(nxt)))))
                    break
            else:
                state[node] = 2
                stack.pop()
    return found


def layer_crossings(positions: Mapping[str, Position], edges: Iterable[tuple[str, str]]) -> int:
    """Crossings among edges joining adjacent layers (x differs by 1) — a quality measure for tests."""
    by_layer: dict[float, list[tuple[float, float]]] = {}
    for u, v in edges:
        (xu, yu), (xv, yv) = positions[u], positions[v]
        if abs(xv - xu - 1.0) < 1e-9:
            by_layer.setdefault(xu, []).append((yu, yv))
    total = 0
    for segments in by_layer.values():
        for i, (a0, a1) in enumerate(segments):
            for b0, b1 in segments[i + 1 :]:
                if (a0 - b0) * (a1 - b1) < 0:
                    total += 1
    return total


def dependency_layout(portfolio: Portfolio) -> dict[str, Position]:
    """The dependency map's positions: dependencies to the left of what needs them.

    Works on a file with a dependency cycle too (see `layered_layout`), so the map can show it;
    `planner.graphs.dependencies.find_cycle` names the cycle to highlight.
    """
    from planner.graphs.dependencies import dependency_graph

    graph = dependency_graph(portfolio)
    return layered_layout(list(graph.nodes), list(graph.edges))
