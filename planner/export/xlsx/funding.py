"""The Scenario sheet: per saved funding scenario, the funded set, its cost and value, and the budget
frontier as a table and a native chart with the scenario's own budget marked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from xlsxwriter.utility import quote_sheetname

from planner.errors import LiftoffError
from planner.export.xlsx.book import Book, Sheet, add_table, number_width, widest
from planner.export.xlsx.charts import FONT
from planner.export.xlsx.style import decision_label
from planner.funding import scenarios as funding
from planner.model import FundingScenario, Objective, Portfolio
from planner.triage.scoring import Scores

Tick = Callable[[], None]
SHEET = "Scenario"
# The frontier's budgets as shares of the scenario's: denser near the budget asked for, where the
# committee decides; each is an exact integer programme, so they are few.
FRONTIER_SHARES = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
FUNDED = ("ID", "Name", "Kind", "Cost", "Triage decision", "Note")
FRONTIER = ("Budget", "Best value", "Cost", "Marginal value", "Entering")
CHART_ROWS = 17  # rows the frontier chart covers; the next scenario starts below it


def scenario_rows(portfolio: Portfolio) -> int:
    """Rows the Scenario sheet writes (for progress), 0 without saved scenarios."""
    return len(portfolio.scenarios) * (len(portfolio.pilots) + len(FRONTIER_SHARES) + 8)


@dataclass(frozen=True, slots=True)
class Solved:
    """A saved scenario's optimum and frontier, or why it has none."""

    scenario: FundingScenario
    result: funding.FundingResult | None
    points: tuple[funding.FrontierPoint, ...] = ()
    problem: str = ""


def frontier_budgets(scenario: FundingScenario) -> list[float]:
    """The budgets of the scenario's frontier (`FRONTIER_SHARES` of its own)."""
    if scenario.budget <= 0:
        return [0.0, 1.0]
    return [scenario.budget * share for share in FRONTIER_SHARES]


def solve_scenarios(portfolio: Portfolio, scores: Scores, checkpoint: Tick = lambda: None) -> list[Solved]:
    """Each saved scenario solved: its exact optimum and frontier (integer programmes, the costly
    part, which the workbook runs before it holds any sheet). `checkpoint()` is called before each
    scenario (it may raise to cancel)."""
    out = []
    for scenario in portfolio.scenarios:
        checkpoint()
        try:
            result = funding.fund(portfolio, scores, scenario)
            points = funding.frontier(portfolio, scores, scenario, frontier_budgets(scenario))
        except LiftoffError as exc:
            out.append(Solved(scenario, None, problem=str(exc)))
            continue
        out.append(Solved(scenario, result, tuple(points)))
    return out


def write_scenarios(
    book: Book, portfolio: Portfolio, scores: Scores, solved: list[Solved], tick: Tick
) -> None:
    """Per scenario: its constraints, the optimal funded set (a table), and the efficient frontier."""
    sheet = book.sheet(SHEET)
    sheet.title("Funding scenarios")
    sheet.text(
        1,
        0,
        "The exact best portfolio for each saved scenario (a 0/1 integer programme), and its frontier.",
        "note",
    )
    names = {p.id: p.name for p in portfolio.pilots} | {e.id: e.name for e in portfolio.enablers}
    costs = {p.id: p.financials.scale_investment for p in portfolio.pilots}
    costs |= {e.id: e.cost for e in portfolio.enablers}
    row = 2
    largest = 0.0
    breaks = []
    for number, one in enumerate(solved, start=1):
        if number > 1:
            breaks.append(row + 1)  # each scenario (its table and chart) starts a printed page
        row, biggest = _scenario(sheet, number, one, scores, names, costs, row + 2, tick)
        largest = max(largest, biggest)
    money = number_width(largest) + 1
    for k in (0, 1, 3, 5):
        sheet.fit(k, money)
    sheet.fit(1, min(widest(names.values()), 40))
    for k in (2, 4):
        sheet.fit(k, 14)
    sheet.ws.set_h_pagebreaks(breaks)
    sheet.layout(repeat=None, caps={1: 40, 5: 40})


def _scenario(
    sheet: Sheet,
    number: int,
    solved: Solved,
    scores: Scores,
    names: dict[str, str],
    costs: dict[str, float],
    row: int,
    tick: Tick,
) -> tuple[int, float]:
    """One scenario's block from `row`; the next free row and the largest amount written."""
    ws, book = sheet.ws, sheet.book
    money = book.fmt("money")
    scenario, result = solved.scenario, solved.result
    sheet.text(row, 0, scenario.name, "bold")
    cap = "no cap" if scenario.capacity is None else str(scenario.capacity)
    objective = scenario.objective.value.replace("_", " ")
    row += 1
    sheet.label(row, 0, "Budget", "bold")
    ws.write_number(row, 1, scenario.budget, money)
    sheet.label(row, 2, "Capacity", "bold")
    ws.write_string(row, 3, cap)
    sheet.label(row, 4, "Objective", "bold")
    ws.write_string(row, 5, objective)
    budget_row = row
    if result is None:
        sheet.text(row + 1, 0, f"No feasible portfolio: {solved.problem}")
        return row + 2, scenario.budget
    row += 1
    sheet.label(row, 0, "Cost", "bold")
    ws.write_number(row, 1, result.selection.cost, money)
    sheet.label(row, 2, "Risk-adjusted NPV", "bold")
    ws.write_number(row, 3, result.value_npv, money)
    sheet.label(row, 4, "Best value", "bold")
    value_style = "money" if scenario.objective is Objective.RISK_ADJUSTED_NPV else "score"
    ws.write_number(row, 5, result.selection.objective, book.fmt(value_style))
    value_row = row
    row += 1
    sheet.header(row, FUNDED)
    header = row
    for item in (*result.selection.funded, *result.selection.enablers):
        row += 1
        pilot = item in scores.pilots
        note = scenario.forced_in.get(item, "")
        sheet.text(row, 0, item)
        sheet.text(row, 1, names.get(item, item), "wrap")
        ws.write_string(row, 2, "pilot" if pilot else "enabler")
        ws.write_number(row, 3, costs.get(item, 0.0), money)
        if pilot:
            ws.write_string(row, 4, decision_label(scores.pilots[item].decision))
        sheet.text(row, 5, f"forced in: {note}" if note else "", "wrap")
        tick()
    add_table(sheet, f"Funded{number}", FUNDED, header, row)
    row += 2
    per_million = scenario.objective is not Objective.RISK_ADJUSTED_NPV
    frontier_headers = (
        FRONTIER if not per_million else (*FRONTIER[:3], "Marginal value per million", FRONTIER[4])
    )
    sheet.header(row, frontier_headers)
    header = row
    points = solved.points
    for point in points:
        row += 1
        ws.write_number(row, 0, point.budget, money)
        ws.write_number(row, 1, point.selection.objective, book.fmt(value_style))
        ws.write_number(row, 2, point.selection.cost, money)
        ws.write_number(row, 3, point.marginal * (1e6 if per_million else 1), book.fmt("decimal"))
        sheet.text(row, 4, ", ".join(point.entering), "wrap")
        tick()
    add_table(sheet, f"Frontier{number}", frontier_headers, header, row)
    if points:
        _frontier_chart(sheet, scenario, header, row, budget_row, value_row)
    largest = max(
        [*frontier_budgets(scenario), result.selection.cost, abs(result.value_npv), *costs.values()]
    )
    return max(row, header + CHART_ROWS), largest


def _frontier_chart(
    sheet: Sheet, scenario: FundingScenario, header: int, last: int, budget_row: int, value_row: int
) -> None:
    """Best value against budget, with this scenario's budget and best value as a marked point."""
    ref = quote_sheetname(SHEET)
    chart: Any = sheet.book.wb.add_chart({"type": "scatter", "subtype": "straight_with_markers"})
    chart.add_series(
        {
            "name": "Best value for the budget",
            "categories": f"={ref}!$A${header + 2}:$A${last + 1}",
            "values": f"={ref}!$B${header + 2}:$B${last + 1}",
            "line": {"color": "#0072B2", "width": 1.75},
            "marker": {"type": "circle", "size": 4, "fill": {"color": "#0072B2"}, "border": {"none": True}},
        }
    )
    chart.add_series(
        {
            "name": "This scenario",
            "categories": f"={ref}!$B${budget_row + 1}",
            "values": f"={ref}!$F${value_row + 1}",
            "marker": {
                "type": "diamond",
                "size": 9,
                "fill": {"color": "#D55E00"},
                "border": {"color": "#D55E00"},
            },
            "data_labels": {"series_name": True, "position": "right", "font": FONT},
        }
    )
    is_money = scenario.objective is Objective.RISK_ADJUSTED_NPV
    chart.set_x_axis({"name": "Budget", "name_font": FONT, "num_font": FONT, "num_format": "#,##0", "min": 0})
    chart.set_y_axis(
        {
            "name": "Risk-adjusted NPV" if is_money else "Best value",
            "name_font": FONT,
            "num_font": FONT,
            "num_format": "#,##0" if is_money else "0.0",
            "major_gridlines": {"visible": True, "line": {"color": "#E3E6EA"}},
        }
    )
    chart.set_title(
        {"name": "Efficient frontier", "name_font": {"name": "Calibri", "size": 11, "bold": True}}
    )
    chart.set_legend({"position": "bottom", "font": FONT})
    chart.set_size({"width": 520, "height": 320})
    sheet.ws.insert_chart(header, 7, chart, {"x_offset": 8, "object_position": 1})
