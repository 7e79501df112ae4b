"""Pack section: the funding scenario — what the budget buys, the efficient frontier, what comes next.

The scenario shown is the portfolio's first saved scenario (the one the committee is asked to
approve); the section is left out, with the reason, when there is none or it has no feasible
portfolio. Every number comes from `planner.funding.scenarios`.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, PolyLine, String
from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, KeepTogether, Spacer

from planner.errors import LiftoffError
from planner.export.pdf.charts import scale
from planner.export.pdf.common import Ctx, LeftOut, data_table
from planner.formatting import number, ticks
from planner.funding import scenarios as funding
from planner.triage.labels import DECISION_LABELS

FRONTIER_STEPS = 21


def scenario_for(ctx: Ctx) -> funding.FundingScenario:
    if not ctx.portfolio.scenarios:
        raise LeftOut("no funding scenario is saved in the project")
    return ctx.portfolio.scenarios[0]


def frontier_chart(
    ctx: Ctx, points: list[funding.FrontierPoint], chosen: float, width: float, objective: funding.Objective
) -> Drawing:
    """Best objective against budget (a step line) from a budget of 0, with the scenario's budget
    marked, both axes titled and ticked (money in the portfolio's currency)."""
    height = 230.0
    size = 7.5
    left, bottom, right, top = 62.0, 34.0, width - 12, height - 8
    drawing = Drawing(width, height)
    font = ctx.kit.fonts.regular.name
    grey, accent = HexColor("#56606e"), ctx.style.accent
    budgets = [p.budget for p in points]
    values = [p.selection.objective for p in points]
    b1 = max(budgets, default=0.0) or 1.0
    v0, v1 = min(0.0, *values), max(values, default=0.0) or 1.0
    is_money = objective is funding.Objective.RISK_ADJUSTED_NPV

    def xy(budget: float, value: float) -> tuple[float, float]:
        return scale(budget, 0.0, b1, left, right), scale(value, v0, v1, bottom, top)

    for value in ticks(v0, v1):
        _, y = xy(0.0, value)
        drawing.add(Line(left, y, right, y, strokeColor=HexColor("#e3e6ea"), strokeWidth=0.4))
        label = ctx.money_plain(value) if is_money else number(value)
        drawing.add(String(left - 4, y - size / 3, label, fontName=font, fontSize=size, textAnchor="end"))
    for budget in ticks(0.0, b1):
        x, _ = xy(budget, v0)
        drawing.add(Line(x, bottom, x, bottom - 3, strokeColor=grey, strokeWidth=0.6))
        drawing.add(
            String(x, bottom - 12, ctx.money_plain(budget), fontName=font, fontSize=size, textAnchor="middle")
        )
    drawing.add(Line(left, bottom, right, bottom, strokeColor=grey, strokeWidth=0.6))
    drawing.add(Line(left, bottom, left, top, strokeColor=grey, strokeWidth=0.6))
    step: list[float] = []
    for i, p in enumerate(points):
        x, y = xy(p.budget, p.selection.objective)
        if i:
            step += [x, step[-1]]
        step += [x, y]
    if len(step) >= 4:
        drawing.add(PolyLine(step, strokeColor=accent, strokeWidth=1.6))
    for p in points:
        x, y = xy(p.budget, p.selection.objective)
        drawing.add(Circle(x, y, 2.0, fillColor=accent, strokeColor=None))
    if 0 <= chosen <= b1:
        x, _ = xy(chosen, v0)
        orange = HexColor("#d55e00")
        drawing.add(Line(x, bottom, x, top, strokeColor=orange, strokeDashArray=[3, 2]))
        drawing.add(
            String(x + 3, bottom + 4, "this scenario", fontName=font, fontSize=size, fillColor=orange)
        )
    currency = ctx.kit.plain(ctx.portfolio.currency, "portfolio", "currency")
    drawing.add(
        String(
            (left + right) / 2, 8, f"Budget ({currency})", fontName=font, fontSize=size, textAnchor="middle"
        )
    )
    y_title = (
        f"Risk-adjusted NPV ({currency})" if is_money else f"Best {objective.value.replace('_', ' ')} value"
    )
    title = String(0, 0, y_title, fontName=font, fontSize=size, textAnchor="middle")
    group = Group(title)
    group.transform = (0, 1, -1, 0, 9, (bottom + top) / 2)  # rotated a quarter turn, beside the axis
    drawing.add(group)
    return drawing


def section(ctx: Ctx) -> list[Flowable]:
    """The funded pilots, cost and value, the frontier, and what the next slice of budget would buy."""
    scenario = scenario_for(ctx)
    try:
        result = funding.fund(ctx.portfolio, ctx.scores, scenario)
    except LiftoffError as exc:
        raise LeftOut(f"scenario {scenario.name!r} has no feasible portfolio: {exc}") from None
    currency_total = sum(
        p.financials.scale_investment
        for p in ctx.portfolio.pilots
        if p.id in set(funding.candidates(ctx.portfolio))
    )
    top_budget = max(scenario.budget * 2, currency_total) or 1.0
    points = funding.frontier(
        ctx.portfolio, ctx.scores, scenario, funding.budget_steps(0, top_budget, FRONTIER_STEPS)
    )
    out: list[Flowable] = [ctx.heading(f"Funding: {scenario.name}", where="scenario", fld="name")]
    cap = "no cap on rollouts" if scenario.capacity is None else f"at most {scenario.capacity} rollouts"
    out.append(
        ctx.rich(
            f"With a budget of <b>{ctx.money(scenario.budget)}</b> and {cap}, the best portfolio funds "
            f"<b>{len(result.selection.funded)} pilots</b> for {ctx.money(result.selection.cost)}, worth "
            f"<b>{ctx.money(result.value_npv)}</b> in risk-adjusted NPV (net of the enablers they need). "
            "The choice is exact: no other set of pilots within these limits is worth more.",
            "body",
        )
    )
    names = {e.id: e.name for e in ctx.portfolio.enablers}
    rows = [
        [
            ctx.cell(ctx.pilots[pid].name, ctx.width - 250, where=ctx.where(pid), fld="name"),
            DECISION_LABELS[ctx.scores.pilots[pid].decision],
            ctx.money_plain(ctx.pilots[pid].financials.scale_investment),
            "forced in" if pid in scenario.forced_in else "",
        ]
        for pid in result.selection.funded
    ]
    rows += [
        [
            ctx.cell(names[eid], ctx.width - 250, where="enabler", fld="name"),
            "enabler",
            ctx.money_plain(next(e.cost for e in ctx.portfolio.enablers if e.id == eid)),
            "",
        ]
        for eid in result.selection.enablers
    ]
    out += data_table(
        ctx, ["Funded", "Triage", "Cost", "Note"], rows, [ctx.width - 250, 90, 80, 80], numeric=(2,)
    )
    out.append(Spacer(1, 8))
    chart = frontier_chart(ctx, points, scenario.budget, ctx.width, scenario.objective)
    out.append(KeepTogether([ctx.rich("Efficient frontier: the best value for each budget", "h2"), chart]))
    step = funding.next_step(result.selection, scenario.budget, points)
    if step is not None:
        gain = (
            f"{ctx.money(step.extra_value)} more risk-adjusted NPV"
            if scenario.objective is funding.Objective.RISK_ADJUSTED_NPV
            else f"{step.extra_value:,.2f} more on the {scenario.objective.value} objective"
        )
        added = ", ".join(ctx.pilot_name(pid) for pid in step.added)
        dropped = ", ".join(ctx.pilot_name(pid) for pid in step.dropped)
        out.append(
            ctx.rich(
                f"<b>What more budget buys next:</b> about {ctx.money(step.extra_budget)} more (a budget of "
                f"{ctx.money(step.budget)}) would add {added}"
                + (f" in place of {dropped}" if dropped else "")
                + f", for {gain}.",
                "body",
            )
        )
    if result.differs_from_triage:
        out.append(ctx.rich("Where the funding choice differs from the triage", "h2"))
        for pid, why in result.differs_from_triage:
            out.append(ctx.rich(f"{ctx.pilot_name(pid)}: {why}.", "body"))
    return out
