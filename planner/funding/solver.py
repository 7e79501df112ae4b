"""The funding integer programme: choose items (pilots, enablers) to maximise value under limits.

Plain data in, plain data out: an `Item` per candidate, a `Problem` with the budget (and optional
per-year budgets), the capacity in pilots, what each pilot requires, forced choices and groups of
alternatives. `solve` returns the proven optimum (HiGHS via ``scipy.optimize.milp``) or raises
`InfeasibleScenario` naming the conflict. `planner.funding.scenarios` builds problems from a portfolio.

Some HiGHS builds print a debug line on the C-level stdout that no solver option turns off. The library
leaves the process's stdout alone (the desktop app solves in worker threads while other threads write);
the command line hides the line where it would spoil JSON output
(`planner.cli.common.solver_output_hidden`, around the funding and pack commands).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from planner.errors import LiftoffError


class InfeasibleScenario(LiftoffError):
    """No portfolio satisfies the scenario; the message names the conflicting constraints."""


@dataclass(frozen=True, slots=True)
class Item:
    """One thing that can be funded: a pilot (`pilot=True`) or a shared enabler."""

    id: str
    name: str
    cost: float
    value: float
    pilot: bool = True


@dataclass(frozen=True, slots=True)
class Problem:
    items: tuple[Item, ...]
    requires: dict[str, tuple[str, ...]]  # pilot id -> ids of items it cannot be funded without
    budget: float
    capacity: int | None = None
    forced_in: dict[str, str] = field(default_factory=dict)  # id -> reason
    forced_out: dict[str, str] = field(default_factory=dict)
    exclusive: tuple[tuple[str, ...], ...] = ()
    yearly: dict[int, float] = field(default_factory=dict)  # year -> budget for that year
    year_of: dict[str, int] = field(default_factory=dict)  # item id -> year its cost is spent


@dataclass(frozen=True, slots=True)
class Selection:
    funded: tuple[str, ...]  # ids of funded pilots, in item order
    enablers: tuple[str, ...]  # ids of the enablers funded with them
    objective: float
    cost: float
    capacity_used: int


def solve(problem: Problem) -> Selection:
    """The optimal selection; `InfeasibleScenario` explains why there is none."""
    explain_conflicts(problem)
    items = problem.items
    index = {item.id: i for i, item in enumerate(items)}
    n = len(items)
    if n == 0:
        return Selection((), (), 0.0, 0.0, 0)
    costs = np.array([item.cost for item in items])
    rows: list[np.ndarray] = []
    upper: list[float] = []
    rows.append(costs)
    upper.append(problem.budget)
    is_pilot = np.array([1.0 if item.pilot else 0.0 for item in items])
    if problem.capacity is not None:
        rows.append(is_pilot)
        upper.append(problem.capacity)
    for pilot_id, needs in problem.requires.items():
        for need in needs:
            row = np.zeros(n)
            row[index[pilot_id]] = 1.0
            row[index[need]] = -1.0
            rows.append(row)
            upper.append(0.0)
    for group in problem.exclusive:
        row = np.zeros(n)
        for item_id in group:
            row[index[item_id]] = 1.0
        rows.append(row)
        upper.append(1.0)
    for year, limit in sorted(problem.yearly.items()):
        in_year = np.array([1.0 if problem.year_of.get(item.id) == year else 0.0 for item in items])
        rows.append(costs * in_year)
        upper.append(limit)
    low = np.zeros(n)
    high = np.ones(n)
    for item_id in problem.forced_in:
        low[index[item_id]] = 1.0
    for item_id in problem.forced_out:
        high[index[item_id]] = 0.0
    values = np.array([item.value for item in items])
    result = milp(
        c=-values,
        integrality=np.ones(n),
        bounds=Bounds(low, high),
        constraints=LinearConstraint(np.vstack(rows), -np.inf, np.array(upper)),
    )
    if result.status == 2 or result.x is None:
        raise InfeasibleScenario(
            "no set of pilots satisfies the budget, capacity and forced choices together"
        )
    if result.status != 0:
        raise LiftoffError(f"the funding solver stopped without a proven optimum ({result.message})")
    chosen = [i for i in range(n) if result.x[i] > 0.5]
    return Selection(
        funded=tuple(items[i].id for i in chosen if items[i].pilot),
        enablers=tuple(items[i].id for i in chosen if not items[i].pilot),
        objective=float(values[chosen].sum()),
        cost=float(costs[chosen].sum()),
        capacity_used=sum(1 for i in chosen if items[i].pilot),
    )


def explain_conflicts(problem: Problem) -> None:
    """Raise `InfeasibleScenario` naming the conflict when the forced choices cannot all hold."""
    names = {item.id: item.name for item in problem.items}
    known = set(names)
    for item_id in [*problem.forced_in, *problem.forced_out]:
        if item_id not in known:
            raise InfeasibleScenario(f"{item_id!r} is forced in or out but is not a candidate for funding")
    both = sorted(set(problem.forced_in) & set(problem.forced_out))
    if both:
        raise InfeasibleScenario(f"{names[both[0]]} ({both[0]}) is both forced in and forced out")
    closure: dict[str, str] = {}  # every item forced in, directly or through a dependency -> why
    for item_id in problem.forced_in:
        for needed in _closure(item_id, problem.requires):
            closure.setdefault(needed, item_id)
    for needed, origin in closure.items():
        if needed in problem.forced_out:
            raise InfeasibleScenario(
                f"{names[origin]} ({origin}) is forced in but depends on {names[needed]} ({needed}), "
                f"which is forced out ({problem.forced_out[needed]})"
            )
    cost = sum(item.cost for item in problem.items if item.id in closure)
    if cost > problem.budget + 1e-9:
        raise InfeasibleScenario(
            f"the forced-in pilots and what they depend on cost {cost:,.0f}, "
            f"more than the budget of {problem.budget:,.0f}"
        )
    for year, limit in sorted(problem.yearly.items()):
        spent = sum(
            item.cost for item in problem.items if item.id in closure and problem.year_of.get(item.id) == year
        )
        if spent > limit + 1e-9:
            raise InfeasibleScenario(
                f"the forced-in pilots and what they depend on cost {spent:,.0f} in {year}, "
                f"more than that year's budget of {limit:,.0f}"
            )
    pilots = sum(1 for item in problem.items if item.pilot and item.id in closure)
    if problem.capacity is not None and pilots > problem.capacity:
        raise InfeasibleScenario(
            f"{pilots} pilots are forced in (with their dependencies), more than the capacity of "
            f"{problem.capacity}"
        )
    for group in problem.exclusive:
        forced = [item_id for item_id in group if item_id in closure]
        if len(forced) > 1:
            raise InfeasibleScenario(
                f"{names[forced[0]]} and {names[forced[1]]} are alternatives (fund at most one), "
                "but both are forced in"
            )


def _closure(item_id: str, requires: dict[str, tuple[str, ...]]) -> list[str]:
    seen = [item_id]
    stack = [item_id]
    while stack:
        for need in requires.get(stack.pop(), ()):
            if need not in seen:
                seen.append(need)
                stack.append(need)
    return seen
