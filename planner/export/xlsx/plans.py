"""Plan and graph sheets of the scorecard workbook: Rollout (with a week-grid Gantt), Training,
Stakeholders and Dependencies.

`available` decides which of them the workbook gets. ``plans``/``graphs`` may be dicts or objects
with ``rollout``/``training`` and ``stakeholders``/``dependencies``; when they are None the plans
and analyses are computed here, and a plan that cannot be made (a dependency cycle, say) leaves its
sheet out rather than failing the export. An empty dict means "no plan sheets".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from openpyxl.formatting.rule import FormulaRule
from openpyxl.utils import get_column_letter

from planner.errors import LiftoffError
from planner.export.xlsx.funding import scenario_sheet
from planner.export.xlsx.style import BLUE, GREY, RED, Styles, add_table, cf_fill, decision_label, print_setup
from planner.method import Method
from planner.model import Portfolio
from planner.triage.scoring import Scores

Tick = Callable[[], None]
Writer = Callable[[Any, Styles, Tick], None]
MAX_WEEKS = 156  # the Gantt grid shows at most three years


def _get(container: Any, key: str) -> Any:
    if container is None:
        return None
    if isinstance(container, dict):
        return container.get(key)
    return getattr(container, key, None)


def available(
    portfolio: Portfolio, scores: Scores, method: Method, plans: Any, graphs: Any
) -> list[tuple[str, int, Writer]]:
    """(sheet name, rows it writes, writer) for every plan or analysis at hand, in workbook order."""
    rollout = _get(plans, "rollout")
    training = _get(plans, "training")
    people = _get(graphs, "stakeholders")
    deps = _get(graphs, "dependencies")
    if plans is None:
        rollout, training = _compute_plans(portfolio, scores, method)
    if graphs is None:
        people, deps = _compute_graphs(portfolio)
    out: list[tuple[str, int, Writer]] = []
    if rollout is not None:
        rows = sum(len(p.phases) for p in rollout.pilots)
        out.append(("Rollout", rows, lambda ws, st, tick: write_rollout(ws, st, rollout, tick)))
    if training is not None:
        out.append(
            ("Training", len(training.sessions), lambda ws, st, tick: write_training(ws, st, training, tick))
        )
    if people is not None:
        out.append(
            (
                "Stakeholders",
                len(portfolio.stakeholders),
                lambda ws, st, tick: write_stakeholders(ws, st, portfolio, people, tick),
            )
        )
    if deps is not None:
        out.append(
            (
                "Dependencies",
                len(deps.wave_of),
                lambda ws, st, tick: write_dependencies(ws, st, portfolio, deps, tick),
            )
        )
    scenario = scenario_sheet(portfolio, scores)
    if scenario is not None:
        out.append(scenario)
    return out


def _compute_plans(portfolio: Portfolio, scores: Scores, method: Method) -> tuple[Any, Any]:
    try:
        from planner.plans.rollout import plan_rollout
        from planner.plans.training import plan_training
    except ModuleNotFoundError:  # a build without the planners
        return None, None
    try:
        rollout = plan_rollout(portfolio, scores, method)
    except LiftoffError:
        return None, None
    try:
        training = plan_training(portfolio, rollout)
    except LiftoffError:
        training = None
    return rollout, training


def _compute_graphs(portfolio: Portfolio) -> tuple[Any, Any]:
    people = deps = None
    try:
        from planner.graphs.stakeholders import analyse_stakeholders

        people = analyse_stakeholders(portfolio)
    except (ModuleNotFoundError, LiftoffError):
        pass
    try:
        from planner.graphs.dependencies import analyse_dependencies

        deps = analyse_dependencies(portfolio)
    except (ModuleNotFoundError, LiftoffError):
        pass
    return people, deps


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def write_rollout(ws: Any, st: Styles, plan: Any, tick: Tick) -> None:
    """Phases with dates, one row each, beside a week grid coloured by conditional formatting."""
    headers = ["Pilot ID", "Pilot", "Rank", "Decision", "Phase", "Start", "End", "Live %", "People", "Gate"]
    first_week = _monday(plan.start)
    last_day = plan.end or plan.start
    weeks = min(MAX_WEEKS, (_monday(last_day) - first_week).days // 7 + 1)
    grid_first = len(headers) + 2  # one spacer column
    ws.freeze_panes = "C5"
    print_setup(ws, "4:4", [10, 26, 6, 14, 22, 11, 11, 7, 8, 40, 2] + [3.2] * weeks)
    ws.append([st.cell(ws, "Rollout plan", "title")])
    end = plan.end.isoformat() if plan.end else "not scheduled"
    critical = " → ".join(step.name for step in plan.critical_path)
    ws.append(
        [
            f"Plan start {plan.start.isoformat()}, end {end}",
            None,
            None,
            None,
            st.text(ws, f"Critical path: {critical}" if critical else "", "plain"),
        ]
    )
    ws.append([])
    week_cells = [st.cell(ws, first_week + timedelta(weeks=k), "week") for k in range(weeks)]
    ws.append([st.cell(ws, h, "header") for h in headers] + [None] + week_cells)
    row = 5
    for pilot in plan.pilots:
        for phase in pilot.phases:
            ws.append(
                [
                    st.text(ws, pilot.pilot, "plain"),
                    st.text(ws, pilot.name, "plain"),
                    pilot.rank,
                    decision_label(pilot.decision.value),
                    st.text(ws, phase.name, "plain"),
                    st.cell(ws, phase.start, "date"),
                    st.cell(ws, phase.end, "date"),
                    phase.live_percent,
                    phase.people,
                    st.text(ws, phase.gate, "plain"),
                ]
            )
            row += 1
            tick()
    last = row - 1
    if last >= 5:
        add_table(ws, "Rollout", headers, 4, last)
        if weeks:
            a = get_column_letter(grid_first)
            area = f"{a}5:{get_column_letter(grid_first + weeks - 1)}{last}"
            inside = f"AND({a}$4+6>=$F5,{a}$4<=$G5)"
            ws.conditional_formatting.add(
                area,
                FormulaRule(
                    formula=[f'AND({inside},$E5="Remediation")'], fill=cf_fill(GREY), stopIfTrue=True
                ),
            )
            ws.conditional_formatting.add(area, FormulaRule(formula=[inside], fill=cf_fill(BLUE)))
    ws.append([])
    if plan.unscheduled:
        ws.append([st.cell(ws, "Not scheduled", "bold")])
        for item in plan.unscheduled:
            ws.append(
                [
                    st.text(ws, item.pilot, "plain"),
                    st.text(ws, item.name, "plain"),
                    None,
                    None,
                    st.text(ws, item.reason, "plain"),
                ]
            )


def write_training(ws: Any, st: Styles, plan: Any, tick: Tick) -> None:
    """Sessions by date with totals, and the change-budget check per pilot."""
    headers = [
        "Date",
        "Pilot",
        "Phase",
        "Group",
        "Audience",
        "Module",
        "Stage",
        "Format",
        "Sessions",
        "Learners",
        "Hours each",
        "Trainer hours",
        "Learner hours",
        "Go-live",
    ]
    t = plan.totals
    ws.freeze_panes = "A5"
    print_setup(ws, "4:4", [11, 10, 12, 10, 14, 30, 13, 11, 8, 8, 8, 10, 10, 11])
    ws.append([st.cell(ws, "Training plan", "title")])
    ws.append(
        [
            f"{t.sessions} led sessions, {t.self_paced} self-paced places, "
            f"{t.learner_hours:,.0f} learner hours, {t.trainer_hours:,.0f} trainer "
            f"hours, cost {t.cost:,.0f}; {t.covered} of {t.people} people trained before go-live"
        ]
    )
    ws.append([])
    ws.append([st.cell(ws, h, "header") for h in headers])
    for s in plan.sessions:
        ws.append(
            [
                st.cell(ws, s.day, "date"),
                st.text(ws, s.pilot, "plain"),
                st.text(ws, s.phase, "plain"),
                st.text(ws, s.group, "plain"),
                str(getattr(s.audience, "value", s.audience)),
                st.text(ws, s.module_name, "plain"),
                st.text(ws, s.stage, "plain"),
                str(getattr(s.format, "value", s.format)),
                s.count,
                s.learners,
                st.cell(ws, s.hours, "rating"),
                st.cell(ws, s.trainer_hours, "rating"),
                st.cell(ws, s.learner_hours, "rating"),
                st.cell(ws, s.go_live, "date"),
            ]
        )
        tick()
    if plan.sessions:
        add_table(ws, "Training", headers, 4, 4 + len(plan.sessions))
    ws.append([])
    ws.append([st.cell(ws, "Change budget against the guideline", "bold")])
    for check in plan.budget:
        share = None if check.share_percent is None else check.share_percent / 100
        ws.append(
            [
                st.text(ws, check.pilot, "plain"),
                st.text(ws, check.name, "plain"),
                None if share is None else st.cell(ws, share, "pct"),
                "under the guideline" if check.under_guideline else "",
                st.text(ws, check.note, "plain"),
            ]
        )
    for gap in plan.gaps:
        ws.append(
            [
                st.text(ws, gap.pilot, "plain"),
                "not trained in time",
                gap.people,
                None,
                st.text(ws, gap.reason, "plain"),
            ]
        )


def write_stakeholders(ws: Any, st: Styles, portfolio: Portfolio, analysis: Any, tick: Tick) -> None:
    """Every person with their grid quadrant, stance gap and influence rank."""
    headers = [
        "ID",
        "Name",
        "Role",
        "Department",
        "Influence",
        "Interest",
        "Stance",
        "Desired stance",
        "Stance gap",
        "Quadrant",
        "Influence rank",
        "Broker",
    ]
    ws.freeze_panes = "C4"
    print_setup(ws, "3:3", [9, 24, 18, 16, 9, 9, 11, 13, 9, 18, 9, 8])
    ws.append([st.cell(ws, "Stakeholders", "title")])
    ws.append([])
    ws.append([st.cell(ws, h, "header") for h in headers])
    for person in portfolio.stakeholders:
        a = analysis.people.get(person.id)
        ws.append(
            [
                st.text(ws, person.id, "plain"),
                st.text(ws, person.name, "plain"),
                st.text(ws, person.role, "plain"),
                st.text(ws, person.department, "plain"),
                person.influence,
                person.interest,
                person.stance.value,
                person.desired_stance.value,
                None if a is None else a.stance_gap,
                None if a is None else str(getattr(a.quadrant, "value", a.quadrant)).replace("_", " "),
                None if a is None else a.influence_rank,
                None if a is None else ("yes" if a.broker else "no"),
            ]
        )
        tick()
    last = 3 + len(portfolio.stakeholders)
    if portfolio.stakeholders:
        add_table(ws, "Stakeholders", headers, 3, last)
        ws.conditional_formatting.add(
            f"G4:G{last}", FormulaRule(formula=['$G4="resistant"'], fill=cf_fill(RED))
        )


def write_dependencies(ws: Any, st: Styles, portfolio: Portfolio, analysis: Any, tick: Tick) -> None:
    """Pilots and enablers by wave, with what blocks each and the value each enabler unblocks."""
    headers = ["ID", "Name", "Kind", "Wave", "Ready", "Blocked by", "Root blockers", "Value unblocked"]
    names = {p.id: p.name for p in portfolio.pilots} | {e.id: e.name for e in portfolio.enablers}
    value = {e.enabler: e.value_unblocked for e in analysis.enablers}
    ws.freeze_panes = "C4"
    print_setup(ws, "3:3", [10, 28, 9, 7, 7, 24, 24, 14])
    ws.append([st.cell(ws, "Dependencies", "title")])
    ws.append(
        ["Wave 0 needs nothing; each later wave needs only earlier ones. Enablers by the value they unblock."]
    )
    ws.append([st.cell(ws, h, "header") for h in headers])
    count = 0
    for wave, members in enumerate(analysis.waves):
        for item in members:
            blocked = analysis.blocked.get(item)
            ws.append(
                [
                    st.text(ws, item, "plain"),
                    st.text(ws, names.get(item, ""), "plain"),
                    analysis.kinds.get(item, ""),
                    wave,
                    "yes" if analysis.ready.get(item) else "no",
                    st.text(ws, ", ".join(blocked.blocked_by) if blocked else "", "plain"),
                    st.text(ws, ", ".join(blocked.root_blockers) if blocked else "", "plain"),
                    st.cell(ws, value[item], "money") if item in value else None,
                ]
            )
            count += 1
            tick()
    if count:
        add_table(ws, "Dependencies", headers, 3, 3 + count)
