"""Benchmarks for the graph engines: stakeholder analyses, force layout, placement, dependencies.

Run: ``.venv/bin/python bench/bench_graphs.py [--repeat N] [--skip-baseline]``

Prints medians (seconds) for 200 → 2,000 people (3 relationships per person, departments of ~20
with most ties inside the department), networkx ``spring_layout`` at the same sizes as the
baseline (same run, same graphs), placing one new person into an existing layout, and all
dependency analyses on 1,000 pilots / 50 enablers. Targets (issue 4): analyses ≤ 1 s and a fresh
layout ≤ 2 s at 2,000 people; placement ≤ 50 ms; dependency analyses ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from planner.graphs.dependencies import analyse_dependencies, slip
from planner.graphs.layout import dependency_layout, force_layout, place_node, stakeholder_layout
from planner.graphs.stakeholders import analyse_stakeholders
from planner.model import (
    Dependency,
    Enabler,
    EnablerStatus,
    Financials,
    Pilot,
    Portfolio,
    RelationKind,
    Relationship,
    Stage,
    Stakeholder,
    Stance,
)

SIZES = (200, 500, 1000, 2000)


def people_portfolio(people: int, seed: int = 1) -> Portfolio:
    """`people` stakeholders in departments of ~20, 3 relationships each (90 % inside the department),
    and one pilot per 10 people with a sponsor, an owner, two approvers and three affected people."""
    rng = random.Random(seed)
    stances = list(Stance)
    persons = [
        Stakeholder(
            id=f"S{i}",
            name=f"Person {i}",
            department=f"D{i // 20}",
            influence=rng.randint(1, 5),
            interest=rng.randint(1, 5),
            stance=rng.choice(stances),
        )
        for i in range(people)
    ]
    kinds = list(RelationKind)
    seen: set[tuple[str, str, str]] = set()
    relationships = []
    while len(relationships) < 3 * people:
        a = rng.randrange(people)
        b = (a // 20) * 20 + rng.randrange(20) if rng.random() < 0.9 else rng.randrange(people)
        kind = rng.choice(kinds)
        if a == b or b >= people or (f"S{a}", f"S{b}", kind.value) in seen:
            continue
        seen.add((f"S{a}", f"S{b}", kind.value))
        relationships.append(Relationship(source=f"S{a}", target=f"S{b}", kind=kind))
    pilots = []
    for p in range(people // 10):
        team = rng.sample(range(people), 7)
        pilots.append(
            Pilot(
                id=f"P{p}",
                name=f"Pilot {p}",
                sponsor=f"S{team[0]}",
                owner=f"S{team[1]}",
                approvers=[f"S{t}" for t in team[2:4]],
                affected=[f"S{t}" for t in team[4:]],
            )
        )
    return Portfolio(stakeholders=persons, relationships=relationships, pilots=pilots)


def dependency_portfolio(pilots: int = 1000, enablers: int = 50, seed: int = 2) -> Portfolio:
    """Pilots each depending on 1–2 enablers and 0–2 earlier pilots (acyclic by construction)."""
    rng = random.Random(seed)
    today = date(2026, 1, 1)
    ens = [
        Enabler(
            id=f"E{i}",
            name=f"Enabler {i}",
            status=rng.choice(list(EnablerStatus)),
            eta=today + timedelta(days=rng.randrange(0, 300)),
        )
        for i in range(enablers)
    ]
    items = [
        Pilot(
            id=f"P{i}",
            name=f"Pilot {i}",
            stage=rng.choice(list(Stage)),
            financials=Financials(scale_investment=rng.uniform(1e5, 1e6), annual_benefit=rng.uniform(0, 2e6)),
        )
        for i in range(pilots)
    ]
    deps: set[tuple[str, str]] = set()
    for i in range(pilots):
        for e in rng.sample(range(enablers), rng.randint(1, 2)):
            deps.add((f"P{i}", f"E{e}"))
        for _ in range(rng.randint(0, 2) if i else 0):
            deps.add((f"P{i}", f"P{rng.randrange(i)}"))
    return Portfolio(
        as_of=today,
        pilots=items,
        enablers=ens,
        dependencies=[Dependency(pilot=p, on=o) for p, o in sorted(deps)],
    )


def edge_ratio(positions: dict[str, tuple[float, float]], edges: list[tuple[str, str]]) -> float:
    """Median edge length / median nearest-neighbour distance: how close related people are drawn
    relative to how crowded the picture is (lower is better; scale-free, so layouts compare)."""
    ids = list(positions)
    points = np.array([positions[i] for i in ids])
    nearest, _ = cKDTree(points).query(points, k=2)
    lengths = [math.dist(positions[a], positions[b]) for a, b in edges]
    return float(np.median(lengths) / np.median(nearest[:, 1]))


CLOCK: Callable[[], float] = time.perf_counter


def median_time(action: Callable[[], Any], repeat: int) -> float:
    """Median over `repeat` runs, on `CLOCK` (wall time, or process CPU time with ``--cpu``)."""
    times = []
    for _ in range(repeat):
        start = CLOCK()
        action()
        times.append(CLOCK() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-baseline", action="store_true", help="do not time networkx spring_layout")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="time with process CPU time instead of wall time (fairer on a shared, loaded machine)",
    )
    args = parser.parse_args()
    global CLOCK
    if args.cpu:
        CLOCK = time.process_time
    print(f"clock: {'process CPU' if args.cpu else 'wall'}; load average at start: {os.getloadavg()[0]:.1f}")

    header = ("people", "rels", "analyses", "layout", "nx spring", "ratio", "place", "edge/nn ours|nx")
    print(" ".join(f"{h:>{w}}" for h, w in zip(header, (6, 6, 9, 8, 10, 6, 8, 16), strict=True)))
    first: dict[str, float] = {}
    last: dict[str, float] = {}
    for size in SIZES:
        portfolio = people_portfolio(size)
        nodes = [s.id for s in portfolio.stakeholders]
        edges = [(r.source, r.target) for r in portfolio.relationships]
        analyses = median_time(lambda p=portfolio: analyse_stakeholders(p), args.repeat)
        layout = median_time(lambda p=portfolio: stakeholder_layout(p, fresh=True), args.repeat)
        ours = edge_ratio(stakeholder_layout(portfolio, fresh=True), edges)
        baseline = theirs = float("nan")
        if not args.skip_baseline:
            graph = nx.Graph()
            graph.add_nodes_from(nodes)
            graph.add_edges_from(edges)
            baseline = median_time(lambda g=graph: nx.spring_layout(g, seed=0), max(1, args.repeat // 2))
            spring = nx.spring_layout(graph, seed=0)
            theirs = edge_ratio({k: (float(x), float(y)) for k, (x, y) in spring.items()}, edges)
        positions = force_layout(nodes[:-1], [e for e in edges if nodes[-1] not in e], seed=0)
        newcomer = [b if a == nodes[-1] else a for a, b in edges if nodes[-1] in (a, b)]
        place = median_time(
            lambda pos=positions, near=newcomer, new=nodes[-1]: place_node(pos, near, node=new),
            args.repeat * 4,
        )
        row = {"analyses": analyses, "layout": layout, "baseline": baseline, "place": place}
        first = first or row
        last = row
        print(
            f"{size:>6} {len(edges):>6} {analyses:>9.3f} {layout:>8.3f} {baseline:>10.3f} "
            f"{baseline / layout:>6.1f} {place * 1000:>6.2f}ms {ours:>7.2f}|{theirs:<8.2f}"
        )
    print(
        f"scaling {SIZES[0]} → {SIZES[-1]} people (×{SIZES[-1] // SIZES[0]}): analyses "
        f"×{last['analyses'] / first['analyses']:.1f}, layout ×{last['layout'] / first['layout']:.1f}"
    )

    deps = dependency_portfolio()
    values = {p.id: 1.0 for p in deps.pilots}
    analyse = median_time(lambda: analyse_dependencies(deps), args.repeat)
    analyse_given = median_time(lambda: analyse_dependencies(deps, npv=values), args.repeat)
    what_if = median_time(lambda: slip(deps, "E0", 4), args.repeat)
    layered = median_time(lambda: dependency_layout(deps), args.repeat)
    print(
        f"dependencies 1,000 pilots / 50 enablers / {len(deps.dependencies)} edges: analyses "
        f"{analyse * 1000:.1f} ms (NPV given: {analyse_given * 1000:.1f} ms), slip {what_if * 1000:.1f} ms, "
        f"layered layout {layered * 1000:.1f} ms"
    )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
