"""Funding benchmark: 300 pilots, 30 enablers, random dependencies, budget at half the total.

Targets (issue 8): optimal selection ≤ 1 s; a 50-point frontier ≤ 10 s. Prints medians, and the
ratio against a bare LP relaxation of the same problem solved in the same run (the machine is
shared, so the ratio is steadier than the seconds).

    .venv/bin/python bench/bench_funding.py
"""

from __future__ import annotations

import random
import statistics
import time

import numpy as np
from scipy.optimize import linprog

from planner.funding.scenarios import Item, Problem, solve


def synthetic(pilots: int = 300, enablers: int = 30, seed: int = 7) -> Problem:
    rng = random.Random(seed)
    items = [
        Item(f"P{i}", f"Pilot {i}", rng.uniform(50e3, 2e6), rng.uniform(-2e5, 5e6)) for i in range(pilots)
    ]
    items += [
        Item(f"E{i}", f"Enabler {i}", c := rng.uniform(1e5, 1e6), -c, pilot=False) for i in range(enablers)
    ]
    requires: dict[str, tuple[str, ...]] = {}
    for i in range(pilots):
        needs = {f"E{rng.randrange(enablers)}" for _ in range(rng.randint(0, 2))}
        if i > 10 and rng.random() < 0.2:
            needs.add(f"P{rng.randrange(i)}")
        if needs:
            requires[f"P{i}"] = tuple(sorted(needs))
    budget = sum(item.cost for item in items) / 2
    return Problem(tuple(items), requires, budget=budget, capacity=pilots // 2)


def lp_relaxation(problem: Problem) -> None:
    """The same constraints without integrality: the floor any exact method pays."""
    index = {item.id: i for i, item in enumerate(problem.items)}
    n = len(problem.items)
    rows = [np.array([item.cost for item in problem.items])]
    upper = [problem.budget]
    for pilot, needs in problem.requires.items():
        for need in needs:
            row = np.zeros(n)
            row[index[pilot]], row[index[need]] = 1, -1
            rows.append(row)
            upper.append(0)
    linprog(
        -np.array([item.value for item in problem.items]), A_ub=np.vstack(rows), b_ub=upper, bounds=(0, 1)
    )


def median_seconds(action, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    problem = synthetic()
    exact = median_seconds(lambda: solve(problem))
    relaxed = median_seconds(lambda: lp_relaxation(problem))
    total = sum(item.cost for item in problem.items)
    budgets = [total * k / 49 for k in range(50)]

    def sweep() -> None:
        for budget in budgets:
            solve(Problem(problem.items, problem.requires, budget, problem.capacity))

    frontier = median_seconds(sweep, repeat=3)
    print("300 pilots / 30 enablers, budget half the total")
    print(f"  optimal selection (median of 5): {exact * 1000:8.1f} ms   target ≤ 1000 ms")
    print(f"  LP relaxation, same run:         {relaxed * 1000:8.1f} ms   ratio {exact / relaxed:.1f}×")
    print(f"  50-point frontier (median of 3): {frontier:8.2f} s    target ≤ 10 s")


if __name__ == "__main__":
    main()
