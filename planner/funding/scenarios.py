"""Funding scenarios: the best set of pilots to scale under a budget and a capacity, exactly.

The question a steering committee asks is "with this budget and this team, which pilots do we
fund?". It is a 0/1 knapsack with side constraints, solved as an integer program by HiGHS through
``scipy.optimize.milp`` (scipy is already a dependency for the graph layouts; HiGHS proves
optimality, so nothing here is a heuristic).

Model, for candidate pilots p and not-yet-ready enablers e:

    maximise   Σ value_p·x_p − Σ enabler_charge_e·y_e
    subject to Σ cost_p·x_p + Σ cost_e·y_e ≤ budget          (enabler costs counted once)
               Σ x_p ≤ capacity                              (rollouts the team can carry)
               x_p ≤ x_q   for every pilot q that p depends on and that is not in production
               x_p ≤ y_e   for every enabler e that p depends on and that is not ready
               x_p = 1 / 0 for forced-in / forced-out pilots
               Σ x_p ≤ 1   over each group of mutually exclusive alternatives
               Σ cost·x over the items spent in year y ≤ budget_y   (optional per-year budgets)

With the NPV objective an enabler's cost is charged against value (it is money spent); with the
composite objective only the budget sees it. The programme itself is in `planner.funding.solver`;
this module builds it from a portfolio and answers the committee's questions with it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from planner.errors import LiftoffError
from planner.funding.solver import InfeasibleScenario, Item, Problem, Selection, explain_conflicts, solve
from planner.model import Enabler, EnablerStatus, FundingScenario, Objective, Portfolio, Stage
from planner.triage import finance
from planner.triage.scoring import Scores

__all__ = [
    "FrontierPoint",
    "FundingResult",
    "InfeasibleScenario",
    "Item",
    "NextStep",
    "Problem",
    "Selection",
    "budget_steps",
    "build_problem",
    "candidates",
    "compare",
    "default_scenario",
    "delete_scenario",
    "explain_conflicts",
    "force",
    "format_yearly_budgets",
    "frontier",
    "fund",
    "next_step",
    "parse_yearly_budgets",
    "round_budget_steps",
    "save_scenario",
    "solve",
    "spend_years",
]


def _values(portfolio: Portfolio, scores: Scores, objective: Objective, mix: float) -> dict[str, float]:
    npv = {
        p.id: finance.risk_adjusted_npv(
            finance.evaluate(p.financials, portfolio.finance),
            finance.success_probability(scores.pilots[p.id].readiness),
        )
        for p in portfolio.pilots
    }
    composite = {p.id: scores.pilots[p.id].composite for p in portfolio.pilots}
    if objective is Objective.RISK_ADJUSTED_NPV:
        return npv
    if objective is Objective.COMPOSITE:
        return composite
    top_npv = max((abs(v) for v in npv.values()), default=1.0) or 1.0
    top_composite = max(composite.values(), default=1.0) or 1.0
    return {pid: mix * npv[pid] / top_npv + (1 - mix) * composite[pid] / top_composite for pid in npv}


def candidates(portfolio: Portfolio) -> list[str]:
    """Pilots that can still be funded to scale: not in production and not retired."""
    return [p.id for p in portfolio.pilots if p.stage not in (Stage.PRODUCTION, Stage.RETIRED)]


def build_problem(portfolio: Portfolio, scores: Scores, scenario: FundingScenario) -> Problem:
    """The integer program for a scenario: candidates, their costs and values, and the closure."""
    ids = candidates(portfolio)
    values = _values(portfolio, scores, scenario.objective, scenario.mix)
    pilots = {p.id: p for p in portfolio.pilots}
    open_enablers: dict[str, Enabler] = {
        e.id: e for e in portfolio.enablers if e.status is not EnablerStatus.READY
    }
    requires: dict[str, list[str]] = {pid: [] for pid in ids}
    used_enablers: list[str] = []
    for dep in portfolio.dependencies:
        if dep.pilot not in requires:
            continue
        if dep.on in open_enablers:
            requires[dep.pilot].append(dep.on)
            if dep.on not in used_enablers:
                used_enablers.append(dep.on)
        elif dep.on in pilots and dep.on in requires:
            requires[dep.pilot].append(dep.on)
        # a dependency already in production (or retired, or a ready enabler) constrains nothing
    charge = scenario.objective is Objective.RISK_ADJUSTED_NPV
    items = [Item(pid, pilots[pid].name, pilots[pid].financials.scale_investment, values[pid]) for pid in ids]
    items += [
        Item(
            eid,
            open_enablers[eid].name,
            open_enablers[eid].cost,
            -open_enablers[eid].cost if charge else 0.0,
            pilot=False,
        )
        for eid in used_enablers
    ]
    for pid in [*scenario.forced_in, *scenario.forced_out]:
        if pid not in requires:
            state = "unknown" if pid not in pilots else f"{pilots[pid].stage.value}, not a candidate"
            raise InfeasibleScenario(
                f"scenario {scenario.name!r}: pilot {pid!r} is forced in or out but is {state}"
            )
    return Problem(
        items=tuple(items),
        requires={pid: tuple(needs) for pid, needs in requires.items() if needs},
        budget=scenario.budget,
        capacity=scenario.capacity,
        forced_in=dict(scenario.forced_in),
        forced_out=dict(scenario.forced_out),
        exclusive=tuple(tuple(g) for g in scenario.exclusive),
        yearly=dict(scenario.yearly_budgets),
        year_of=spend_years(portfolio, scores) if scenario.yearly_budgets else {},
    )


def spend_years(portfolio: Portfolio, scores: Scores) -> dict[str, int]:
    """The year each candidate's money is spent: a pilot's planned rollout start (from the rollout
    plan; the plan's start year when it is not scheduled), an enabler's ETA (else the as-of year)."""
    from planner.plans.rollout import plan_rollout  # only scenarios with yearly budgets need a plan

    plan = plan_rollout(portfolio, scores)
    years = {p.id: plan.start.year for p in portfolio.pilots}
    years |= {pp.pilot: pp.rollout_start.year for pp in plan.pilots}
    years |= {e.id: (e.eta or portfolio.as_of).year for e in portfolio.enablers}
    return years


@dataclass(frozen=True, slots=True)
class FundingResult:
    scenario: FundingScenario
    selection: Selection
    value_npv: float  # risk-adjusted NPV of the funded pilots, less enabler costs
    differs_from_triage: tuple[tuple[str, str], ...]  # (pilot id, why it differs)


def fund(portfolio: Portfolio, scores: Scores, scenario: FundingScenario) -> FundingResult:
    """Solve one scenario and say where the optimum disagrees with the triage decisions."""
    selection = solve(build_problem(portfolio, scores, scenario))
    npv = _values(portfolio, scores, Objective.RISK_ADJUSTED_NPV, 1.0)
    enablers = {e.id: e.cost for e in portfolio.enablers}
    value = sum(npv[pid] for pid in selection.funded) - sum(enablers[eid] for eid in selection.enablers)
    funded = set(selection.funded)
    differs = []
    for pid in candidates(portfolio):
        decision = scores.pilots[pid].decision.value
        if pid in funded and decision in ("stop", "pivot"):
            differs.append((pid, f"funded although triage says {decision}"))
        elif pid not in funded and decision == "scale":
            differs.append((pid, "triage says scale, but it does not fit this budget and capacity"))
    return FundingResult(scenario, selection, value, tuple(differs))


@dataclass(frozen=True, slots=True)
class FrontierPoint:
    budget: float
    selection: Selection
    marginal: float  # objective gained per unit of budget since the previous point
    entering: tuple[str, ...]  # pilots funded here that were not at the previous point
    leaving: tuple[str, ...]


def frontier(
    portfolio: Portfolio,
    scores: Scores,
    scenario: FundingScenario,
    budgets: Sequence[float],
    progress: Callable[[int, int], None] | None = None,
) -> list[FrontierPoint]:
    """The optimal objective for each budget (ascending), with what enters as the budget grows.

    Budgets too small for the scenario's forced-in pilots have no feasible portfolio and are left
    out; any other conflict (e.g. a forced-in pilot depending on a forced-out one) is raised.
    """
    problem = build_problem(portfolio, scores, scenario)
    explain_conflicts(_with_budget(problem, float("inf")))
    points: list[FrontierPoint] = []
    ordered = sorted(budgets)
    for step, budget in enumerate(ordered):
        if progress:
            progress(step, len(ordered))
        try:
            selection = solve(_with_budget(problem, budget))
        except InfeasibleScenario:
            continue
        previous = points[-1] if points else None
        entering: tuple[str, ...]
        leaving: tuple[str, ...] = ()
        if previous is None:
            marginal, entering = 0.0, selection.funded
        else:
            span = budget - previous.budget
            gain = selection.objective - previous.selection.objective
            marginal = gain / span if span > 0 else 0.0
            before = set(previous.selection.funded)
            entering = tuple(p for p in selection.funded if p not in before)
            leaving = tuple(p for p in previous.selection.funded if p not in set(selection.funded))
        points.append(FrontierPoint(budget, selection, marginal, entering, leaving))
    if progress:
        progress(len(ordered), len(ordered))
    return points


def _with_budget(problem: Problem, budget: float) -> Problem:
    return replace(problem, budget=budget)


MAX_FRONTIER_STEPS = 500  # one exact solve per step: more would run for hours, and no chart shows them


def budget_steps(start: float, stop: float, steps: int) -> list[float]:
    """`steps` evenly spaced budgets from `start` to `stop` inclusive (2 to `MAX_FRONTIER_STEPS`)."""
    if steps < 2 or stop < start or start < 0:
        raise LiftoffError("a frontier needs 0 ≤ from ≤ to and at least 2 steps")
    if steps > MAX_FRONTIER_STEPS:
        raise LiftoffError(f"a frontier takes at most {MAX_FRONTIER_STEPS} steps, got {steps}")
    return [float(b) for b in np.linspace(start, stop, steps)]


def round_budget_steps(start: float, stop: float, steps: int) -> tuple[list[float], float]:
    """Budgets a committee would discuss, about `steps` of them from `start` to `stop`, and the step.

    The even step is rounded to a round amount: whole millions from 1 M up (1,111,111 → 1 M,
    1.6 M → 2 M), else the nearest 10 k, at least 10 k (555,556 → 560 k). The budgets are `start`,
    the multiples of the step above it and `stop`, so their number may differ a little from `steps`
    (never more than `MAX_FRONTIER_STEPS`). Example: 0 to 20 M in 19 steps gives 0, 1 M, …, 20 M.
    """
    budget_steps(start, stop, steps)  # the same checks, the same messages
    even = (stop - start) / (steps - 1)
    unit = 1e6 if even >= 1e6 else 1e4
    step = max(1, math.floor(even / unit + 0.5)) * unit
    while (stop - start) / step + 2 > MAX_FRONTIER_STEPS:
        step += unit
    first = math.floor(start / step) + 1
    inner = [k * step for k in range(first, math.ceil(stop / step)) if start < k * step < stop]
    budgets = [start, *inner, stop] if stop > start else [start]
    return [float(b) for b in budgets], step


def compare(results: Iterable[FundingResult]) -> list[dict[str, object]]:
    """Side-by-side rows (one per scenario) for a comparison table."""
    return [
        {
            "scenario": r.scenario.name,
            "funded": len(r.selection.funded),
            "cost": r.selection.cost,
            "objective": r.selection.objective,
            "risk_adjusted_npv": r.value_npv,
            "capacity_used": r.selection.capacity_used,
            "pilots": list(r.selection.funded),
            "enablers": list(r.selection.enablers),
            "differs_from_triage": len(r.differs_from_triage),
        }
        for r in results
    ]


# --- scenario edits (pure: a new portfolio, the input untouched) -------------------------------


def save_scenario(portfolio: Portfolio, scenario: FundingScenario, replacing: str | None = None) -> Portfolio:
    """The portfolio with `scenario` stored (in place of the one named `replacing`, or of the one
    with the same name, else appended). Validated like a loaded file, so a bad reference raises."""
    target = replacing if replacing is not None else scenario.name
    scenarios = list(portfolio.scenarios)
    for i, existing in enumerate(scenarios):
        if existing.name == target:
            scenarios[i] = scenario
            break
    else:
        scenarios.append(scenario)
    return Portfolio.model_validate({**dict(portfolio), "scenarios": scenarios})


def force(scenario: FundingScenario, pilot_id: str, choice: str | None, reason: str = "") -> FundingScenario:
    """The scenario with `pilot_id` forced "in", forced "out", or (None) left to the optimiser.

    Forcing needs a reason: the committee's choice is shown wherever the scenario is.
    """
    forced_in = {k: v for k, v in scenario.forced_in.items() if k != pilot_id}
    forced_out = {k: v for k, v in scenario.forced_out.items() if k != pilot_id}
    if choice is not None:
        if choice not in ("in", "out"):
            raise LiftoffError(f"a pilot is forced 'in' or 'out', not {choice!r}")
        if not reason.strip():
            raise LiftoffError(f"say why {pilot_id} is forced {choice}")
        (forced_in if choice == "in" else forced_out)[pilot_id] = reason.strip()
    return scenario.model_copy(update={"forced_in": forced_in, "forced_out": forced_out})


def delete_scenario(portfolio: Portfolio, name: str) -> Portfolio:
    return portfolio.model_copy(update={"scenarios": [s for s in portfolio.scenarios if s.name != name]})


def default_scenario(portfolio: Portfolio, name: str = "Scenario 1") -> FundingScenario:
    """A starting point: half of what scaling every candidate (and its enablers) would cost."""
    ids = set(candidates(portfolio))
    total = sum(p.financials.scale_investment for p in portfolio.pilots if p.id in ids)
    total += sum(e.cost for e in portfolio.enablers if e.status is not EnablerStatus.READY)
    return FundingScenario(name=name, budget=round(total / 2, -3) if total >= 2000 else total / 2)


@dataclass(frozen=True, slots=True)
class NextStep:
    """What the next slice of budget buys: the first frontier budget above the scenario's whose
    optimal portfolio differs from the scenario's own."""

    budget: float
    extra_budget: float
    extra_value: float  # objective gained over the scenario's optimum
    added: tuple[str, ...]
    dropped: tuple[str, ...]


def next_step(selection: Selection, budget: float, points: Sequence[FrontierPoint]) -> NextStep | None:
    """The first point of `points` above `budget` that funds a different set than `selection`."""
    current = set(selection.funded)
    for point in sorted(points, key=lambda p: p.budget):
        if point.budget <= budget or set(point.selection.funded) == current:
            continue
        return NextStep(
            budget=point.budget,
            extra_budget=point.budget - budget,
            extra_value=point.selection.objective - selection.objective,
            added=tuple(p for p in point.selection.funded if p not in current),
            dropped=tuple(p for p in selection.funded if p not in set(point.selection.funded)),
        )
    return None


def parse_yearly_budgets(text: str) -> dict[int, float]:
    """ "2027: 5,000,000; 2028: 7,000,000" → {2027: 5e6, 2028: 7e6}; a plain error names the bad part."""
    budgets: dict[int, float] = {}
    for part in (p.strip() for p in text.replace(";", "\n").splitlines()):
        if not part:
            continue
        year, sep, amount = part.partition(":")
        if not sep:
            year, sep, amount = part.partition("=")
        try:
            value = float(amount.replace(",", "").replace("_", "").strip())
        except ValueError:
            value = -1.0
        if (
            not sep
            or not year.strip().isdigit()
            or not 1900 <= int(year) <= 2200
            or not 0 <= value < math.inf
        ):
            raise LiftoffError(f"per-year budget {part!r}: write it as YEAR: AMOUNT, e.g. 2027: 5,000,000")
        budgets[int(year)] = value
    return budgets


def format_yearly_budgets(budgets: dict[int, float]) -> str:
    return "; ".join(f"{year}: {amount:,.0f}" for year, amount in sorted(budgets.items()))
