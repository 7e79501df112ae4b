"""`liftoff fund` and `liftoff frontier`: which pilots to fund under a budget and a capacity."""

from __future__ import annotations

import argparse
from typing import Any

from planner.cli.common import print_json, print_table, solver_output_hidden
from planner.formatting import count, money, ratio
from planner.model import MAX_BUDGET

OBJECTIVES = {
    "risk_adjusted_npv": "risk-adjusted NPV",
    "composite": "sum of composite scores",
    "mix": "mix of NPV and composite score",
}


def register(commands: Any) -> None:
    fund = commands.add_parser(
        "fund",
        group="analyses",
        help="the best set of pilots to fund under a budget",
        description="Choose the pilots that maximise the objective within the budget and capacity, "
        "funding what they depend on (shared enablers counted once). Solved exactly.",
    )
    fund.add_argument("file", help="project file (.liftoff)")
    _scenario_options(fund)
    fund.add_argument("--budget", type=_amount, help="total scale budget (default: the scenario's)")
    fund.add_argument("--format", choices=("table", "json"), default="table")
    fund.set_defaults(handler=_fund)

    frontier = commands.add_parser(
        "frontier",
        group="analyses",
        help="the best value for each of a range of round budgets",
        description="Solve the funding problem for a range of budgets and show what enters as the "
        "budget grows. Budgets step by a round amount near the even step: whole millions from 1 M, "
        "else the nearest 10 k; the table says which.",
    )
    frontier.add_argument("file", help="project file (.liftoff)")
    _scenario_options(frontier)
    frontier.add_argument("--from", dest="start", type=_amount, required=True, help="smallest budget")
    frontier.add_argument("--to", dest="stop", type=_amount, required=True, help="largest budget")
    frontier.add_argument(
        "--steps", type=int, default=10, help="about how many budgets (default 10; the step is rounded)"
    )
    frontier.add_argument("--format", choices=("table", "json"), default="table")
    frontier.set_defaults(handler=_frontier)


def _scenario_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", help="a scenario saved in the project, by name")
    parser.add_argument("--capacity", type=_count, help="most pilots scaled at once")
    parser.add_argument(
        "--objective", choices=("risk_adjusted_npv", "composite", "mix"), help="what to maximise"
    )
    parser.add_argument(
        "--year-budget",
        action="append",
        type=_year_budget,
        default=[],
        metavar="YEAR=AMOUNT",
        help="cap the spend in one calendar year (repeat for several years), e.g. 2027=5000000",
    )


def _amount(text: str) -> float:
    try:
        value = float(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an amount: {text!r}") from None
    if value < 0 or value != value or value in (float("inf"), float("-inf")):
        raise argparse.ArgumentTypeError(f"an amount must be a finite number ≥ 0, got {text!r}")
    if value > MAX_BUDGET:
        raise argparse.ArgumentTypeError(f"an amount must be at most {MAX_BUDGET:g}, got {text!r}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {text!r}")
    return value


def _year_budget(text: str) -> tuple[int, float]:
    year, sep, amount = text.partition("=")
    if not sep or not year.strip().isdigit():
        raise argparse.ArgumentTypeError(f"expected YEAR=AMOUNT, e.g. 2027=5000000, got {text!r}")
    return int(year), _amount(amount)


def _setup(args: argparse.Namespace, budget: float | None) -> tuple[Any, Any, Any]:
    from planner.errors import LiftoffError
    from planner.model import FundingScenario, Objective
    from planner.portfolio.store import load_with_method
    from planner.triage.scoring import score

    portfolio, method = load_with_method(args.file)
    if args.scenario:
        matches = [s for s in portfolio.scenarios if s.name == args.scenario]
        if not matches:
            known = ", ".join(s.name for s in portfolio.scenarios) or "none"
            raise LiftoffError(f"no scenario named {args.scenario!r} (saved scenarios: {known})")
        scenario = matches[0]
    else:
        scenario = FundingScenario(name="command line", budget=budget or 0.0)
    update: dict[str, Any] = {} if budget is None else {"budget": budget}
    if args.capacity is not None:
        update["capacity"] = args.capacity
    if args.objective:
        update["objective"] = Objective(args.objective)
    if args.year_budget:
        update["yearly_budgets"] = dict(args.year_budget)
    return portfolio, score(portfolio, method), FundingScenario.model_validate({**dict(scenario), **update})


def _fund(args: argparse.Namespace) -> int:
    from planner.errors import LiftoffError
    from planner.funding.scenarios import fund

    if args.budget is None and not args.scenario:
        raise LiftoffError("give a --budget or a saved --scenario")
    portfolio, scores, scenario = _setup(args, args.budget)
    with solver_output_hidden():
        result = fund(portfolio, scores, scenario)
    names = {p.id: p.name for p in portfolio.pilots} | {e.id: e.name for e in portfolio.enablers}
    investment = {p.id: p.financials.scale_investment for p in portfolio.pilots}
    investment |= {e.id: e.cost for e in portfolio.enablers}
    if args.format == "json":
        print_json(
            {
                "scenario": scenario.model_dump(mode="json"),
                "funded": list(result.selection.funded),
                "enablers": list(result.selection.enablers),
                "cost": result.selection.cost,
                "objective": result.selection.objective,
                "risk_adjusted_npv": result.value_npv,
                "capacity_used": result.selection.capacity_used,
                "differs_from_triage": [{"pilot": p, "why": why} for p, why in result.differs_from_triage],
            }
        )
        return 0

    def cash(amount: float) -> str:
        return money(amount, portfolio.currency)

    rows = [[i, names[i], "pilot", cash(investment[i])] for i in result.selection.funded]
    rows += [[i, names[i], "enabler", cash(investment[i])] for i in result.selection.enablers]
    cap = "no cap" if scenario.capacity is None else count(scenario.capacity)
    yearly = "".join(f", {year} ≤ {cash(amount)}" for year, amount in sorted(scenario.yearly_budgets.items()))
    print(
        f"Scenario {scenario.name!r}: budget {cash(scenario.budget)}, "
        f"objective {OBJECTIVES[scenario.objective.value]}, capacity {cap}{yearly}"
    )
    print_table(["id", "name", "kind", "cost"], rows)
    print(
        f"\nCost {cash(result.selection.cost)} of {cash(scenario.budget)}; "
        f"risk-adjusted NPV {cash(result.value_npv)}; "
        f"{count(result.selection.capacity_used)} pilots funded."
    )
    for pilot_id, why in result.differs_from_triage:
        print(f"  {pilot_id} {names[pilot_id]}: {why}")
    return 0


def _frontier(args: argparse.Namespace) -> int:
    from planner.funding.scenarios import frontier, round_budget_steps
    from planner.model import Objective

    budgets, step = round_budget_steps(args.start, args.stop, args.steps)
    portfolio, scores, scenario = _setup(args, args.stop)
    with solver_output_hidden():
        points = frontier(portfolio, scores, scenario, budgets)
    if args.format == "json":
        print_json(
            [
                {
                    "budget": p.budget,
                    "objective": p.selection.objective,
                    "cost": p.selection.cost,
                    "marginal": p.marginal,
                    "funded": list(p.selection.funded),
                    "entering": list(p.entering),
                    "leaving": list(p.leaving),
                }
                for p in points
            ]
        )
        return 0
    currency = portfolio.currency

    def cash(amount: float) -> str:
        return money(amount, currency)

    npv = scenario.objective is Objective.RISK_ADJUSTED_NPV
    even = (args.stop - args.start) / (args.steps - 1)
    print(
        f"Budgets from {cash(args.start)} to {cash(args.stop)} in round steps of {cash(step)} "
        f"({args.steps} evenly spaced budgets would be {cash(even)} apart)"
    )
    rows = [
        [
            cash(p.budget),
            cash(p.selection.objective) if npv else ratio(p.selection.objective),
            cash(p.selection.cost),
            None if k == 0 else ratio(p.marginal if npv else p.marginal * 1e6),
            count(len(p.selection.funded)),
            " ".join(p.entering) + ("" if not p.leaving else "  (out: " + " ".join(p.leaving) + ")"),
        ]
        for k, p in enumerate(points)
    ]
    print_table(["budget", "objective", "cost", "marginal", "funded", "entering"], rows)
    gained = "NPV gained per unit of budget" if npv else f"objective gained per {cash(1e6)} of budget"
    print(f"\nobjective: {OBJECTIVES[scenario.objective.value]}; marginal: {gained} since the row above")
    return 0
