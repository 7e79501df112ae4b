"""Scorecard sheet: the saved funding scenarios — each one's funded set, cost, value and frontier."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planner.errors import LiftoffError
from planner.export.xlsx.style import Styles, add_table, decision_label, print_setup
from planner.funding import scenarios as funding
from planner.model import Objective, Portfolio
from planner.triage.scoring import Scores

Tick = Callable[[], None]
FRONTIER_STEPS = 11
FUNDED = ["ID", "Name", "Kind", "Cost", "Triage decision", "Note"]
FRONTIER = ["Budget", "Best value", "Cost", "Marginal value", "Entering"]


def scenario_sheet(portfolio: Portfolio, scores: Scores) -> tuple[str, int, Any] | None:
    """("Scenario", rows, writer) when the project has saved funding scenarios, else None."""
    if not portfolio.scenarios:
        return None
    rows = len(portfolio.scenarios) * (len(portfolio.pilots) + FRONTIER_STEPS + 8)
    return "Scenario", rows, lambda ws, st, tick: write_scenarios(ws, st, portfolio, scores, tick)


class _Rows:
    """Appends rows to a write-only sheet and remembers the row number (write-only sheets cannot)."""

    def __init__(self, ws: Any) -> None:
        self.ws, self.row = ws, 0

    def add(self, values: list[Any]) -> int:
        self.ws.append(values)
        self.row += 1
        return self.row


def write_scenarios(ws: Any, st: Styles, portfolio: Portfolio, scores: Scores, tick: Tick) -> None:
    """Per scenario: its constraints, the optimal funded set (a table), and the efficient frontier."""
    print_setup(ws, None, [14, 34, 18, 16, 18, 44])
    out = _Rows(ws)
    out.add([st.cell(ws, "Funding scenarios", "title")])
    out.add(["The exact best portfolio for each saved scenario (a 0/1 integer programme), and its frontier."])
    names = {p.id: p.name for p in portfolio.pilots} | {e.id: e.name for e in portfolio.enablers}
    costs = {p.id: p.financials.scale_investment for p in portfolio.pilots}
    costs |= {e.id: e.cost for e in portfolio.enablers}
    for number, scenario in enumerate(portfolio.scenarios, start=1):
        out.add([])
        out.add([st.text(ws, scenario.name, "bold")])
        cap = "no cap" if scenario.capacity is None else scenario.capacity
        objective = scenario.objective.value.replace("_", " ")
        out.add(["Budget", st.cell(ws, scenario.budget, "money"), "Capacity", cap, "Objective", objective])
        try:
            result = funding.fund(portfolio, scores, scenario)
        except LiftoffError as exc:
            out.add([st.text(ws, f"No feasible portfolio: {exc}", "plain")])
            continue
        out.add(
            [
                "Cost",
                st.cell(ws, result.selection.cost, "money"),
                "Risk-adjusted NPV",
                st.cell(ws, result.value_npv, "money"),
                "Pilots funded",
                len(result.selection.funded),
            ]
        )
        header = out.add([st.cell(ws, h, "header") for h in FUNDED])
        for item in (*result.selection.funded, *result.selection.enablers):
            pilot = item in scores.pilots
            note = scenario.forced_in.get(item, "")
            out.add(
                [
                    st.text(ws, item, "plain"),
                    st.text(ws, names.get(item, item), "plain"),
                    "pilot" if pilot else "enabler",
                    st.cell(ws, costs.get(item, 0.0), "money"),
                    decision_label(scores.pilots[item].decision.value) if pilot else "",
                    st.text(ws, f"forced in: {note}" if note else "", "plain"),
                ]
            )
            tick()
        add_table(ws, f"Funded{number}", FUNDED, header, out.row)
        out.add([])
        header = out.add([st.cell(ws, h, "header") for h in FRONTIER])
        top = max(scenario.budget * 2, 1.0)
        value_style = "money" if scenario.objective is Objective.RISK_ADJUSTED_NPV else "rating"
        for point in funding.frontier(
            portfolio, scores, scenario, funding.budget_steps(0, top, FRONTIER_STEPS)
        ):
            out.add(
                [
                    st.cell(ws, point.budget, "money"),
                    st.cell(ws, point.selection.objective, value_style),
                    st.cell(ws, point.selection.cost, "money"),
                    st.cell(ws, point.marginal, "score"),
                    st.text(ws, ", ".join(point.entering), "plain"),
                ]
            )
            tick()
        add_table(ws, f"Frontier{number}", FRONTIER, header, out.row)
