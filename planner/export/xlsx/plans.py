"""The plan sheets of the scorecard workbook: Rollout (phases beside a week-grid Gantt) and Training
(one row per cohort, one column per module), with every session on a Sessions sheet on demand.

A cohort is the people one rollout phase of one pilot brings live; its row says when its training
runs, how many people go live, and per module how many sessions it takes (places, for self-paced
modules), so a person reads the plan in thousands of rows rather than every session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from planner.export.xlsx.book import Book, Sheet, add_table, widest
from planner.export.xlsx.context import HEADER, col
from planner.export.xlsx.style import BLUE, GREY, decision_label
from planner.formatting import day, number

Tick = Callable[[], None]
MAX_WEEKS = 156  # the Gantt grid shows at most three years
STAGES = ("awareness", "desire", "knowledge", "ability", "reinforcement")
ROLLOUT_HEADERS = (
    "Pilot ID",
    "Pilot",
    "Rank",
    "Decision",
    "Phase",
    "Start",
    "End",
    "Live %",
    "People",
    "Gate",
)
SESSION_HEADERS = (
    "Date",
    "Pilot ID",
    "Cohort",
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
)


def _monday(value: date) -> date:
    return value - timedelta(days=value.weekday())


def write_rollout(book: Book, plan: Any, tick: Tick) -> None:
    """Phases with dates, one row each, beside a week grid coloured by conditional formatting. The
    printed page is the table; the grid is for the screen."""
    sheet = book.sheet("Rollout")
    ws = sheet.ws
    first_week = _monday(plan.start)
    weeks = min(MAX_WEEKS, (_monday(plan.end or plan.start) - first_week).days // 7 + 1)
    grid = len(ROLLOUT_HEADERS) + 1  # one spacer column
    sheet.title("Rollout plan")
    end = day(plan.end) if plan.end else "not scheduled"
    critical = " → ".join(step.name for step in plan.critical_path)
    sheet.text(
        1,
        0,
        f"From {day(plan.start)} to {end}." + (f" Critical path: {critical}." if critical else ""),
        "note",
    )
    sheet.header(HEADER, ROLLOUT_HEADERS)
    week_fmt = book.fmt("week")
    for k in range(weeks):
        ws.write_datetime(HEADER, grid + k, first_week + timedelta(weeks=k), week_fmt)
    row = HEADER
    whole, count, plain = book.fmt("int"), book.fmt("count"), book.fmt("plain")
    for pilot in plan.pilots:
        for phase in pilot.phases:
            row += 1
            sheet.text(row, 0, pilot.pilot)
            sheet.text(row, 1, pilot.name, "wrap")
            ws.write_number(row, 2, pilot.rank, count)
            ws.write_string(row, 3, decision_label(pilot.decision), plain)
            sheet.text(row, 4, phase.name, "wrap")
            sheet.date(row, 5, phase.start)
            sheet.date(row, 6, phase.end)
            ws.write_number(row, 7, phase.live_percent, count)
            ws.write_number(row, 8, phase.people, whole)
            sheet.text(row, 9, phase.gate, "wrap")
            tick()
    pilots = plan.pilots
    sheet.fit(0, widest(p.pilot for p in pilots))
    sheet.fit(1, widest(p.name for p in pilots))
    sheet.fit(3, widest(decision_label(p.decision) for p in pilots))
    sheet.fit(4, widest(ph.name for p in pilots for ph in p.phases))
    for k in (5, 6):
        sheet.fit(k, 11)
    sheet.fit(8, 7)
    sheet.fit(9, widest(ph.gate for p in pilots for ph in p.phases))
    for k in range(weeks):
        sheet.fit(grid + k, 1.6)
    if row > HEADER:
        add_table(sheet, "Rollout", ROLLOUT_HEADERS, HEADER, row)
        if weeks:
            area = (HEADER + 1, grid, row, grid + weeks - 1)
            a = col(grid)
            inside = f"AND({a}${HEADER + 1}+6>=$F{HEADER + 2},{a}${HEADER + 1}<=$G{HEADER + 2})"
            remediation = f'AND({inside},$E{HEADER + 2}="Remediation")'
            ws.conditional_format(
                *area,
                {"type": "formula", "criteria": remediation, "format": book.cf(GREY), "stop_if_true": True},
            )
            ws.conditional_format(*area, {"type": "formula", "criteria": inside, "format": book.cf(BLUE)})
    if plan.unscheduled:
        row += 2
        sheet.text(row, 0, "Not scheduled", "bold")
        for item in plan.unscheduled:
            row += 1
            sheet.text(row, 0, item.pilot)
            sheet.text(row, 1, item.name, "wrap")
            sheet.text(row, 4, item.reason)
    sheet.layout(repeat=HEADER, caps={1: 36, 4: 24, 9: 50}, freeze=(HEADER + 1, 2))
    ws.print_area(0, 0, max(row, HEADER + 1), len(ROLLOUT_HEADERS) - 1)


@dataclass(slots=True)
class _Cohort:
    pilot: str
    phase: str
    go_live: date
    first: date
    last: date
    counts: dict[str, int] = field(default_factory=dict)
    trainer_hours: float = 0.0
    learner_hours: float = 0.0


def cohorts(sessions: Any) -> tuple[list[_Cohort], list[tuple[str, str, bool]]]:
    """Sessions grouped by cohort (pilot and phase), in order of go-live; and the modules, in stage
    order, as (module id, name, self-paced)."""
    found: dict[tuple[str, str], _Cohort] = {}
    modules: dict[str, tuple[str, str, bool]] = {}
    stage_of: dict[str, int] = {}
    for s in sessions:
        key = (s.pilot, s.phase)
        c = found.get(key)
        if c is None:
            c = found[key] = _Cohort(s.pilot, s.phase, s.go_live, s.day, s.day)
        c.first, c.last = min(c.first, s.day), max(c.last, s.day)
        self_paced = str(getattr(s.format, "value", s.format)) == "self_paced"
        c.counts[s.module] = c.counts.get(s.module, 0) + (s.learners if self_paced else s.count)
        c.trainer_hours += s.trainer_hours
        c.learner_hours += s.learner_hours
        if s.module not in modules:
            modules[s.module] = (s.module, s.module_name, self_paced)
            stage_of[s.module] = STAGES.index(s.stage) if s.stage in STAGES else len(STAGES)
    ordered = sorted(found.values(), key=lambda c: (c.go_live, c.first, c.pilot))
    order = sorted(modules, key=lambda m: stage_of[m])  # stable: first seen within a stage
    return ordered, [modules[m] for m in order]


def write_training(book: Book, plan: Any, rollout: Any, tick: Tick) -> None:
    """One row per cohort and a column per module, then the change-budget checks and the gaps."""
    sheet = book.sheet("Training")
    ws = sheet.ws
    t = plan.totals
    rows, modules = cohorts(plan.sessions)
    names = {p.pilot: p.name for p in rollout.pilots} if rollout is not None else {}
    phases = {(p.pilot, ph.id): ph for p in rollout.pilots for ph in p.phases} if rollout is not None else {}
    sheet.title("Training plan")
    sheet.text(
        1,
        0,
        f"{number(t.sessions)} led sessions and {number(t.self_paced)} self-paced places; "
        f"{number(t.learner_hours)} learner hours, {number(t.trainer_hours)} trainer hours, "
        f"cost {number(t.cost)}; "
        f"{number(t.covered)} of {number(t.people)} people trained before go-live.",
        "note",
    )
    sheet.text(
        2,
        0,
        "One row per cohort (the people one phase brings live); per module, sessions (or places).",
        "note",
    )
    fixed = ["Pilot ID", "Pilot", "Cohort", "Go-live", "Training from", "Training to", "People"]
    headers = fixed + [f"{name} ({'places' if sp else 'sessions'})" for _, name, sp in modules]
    headers += ["Trainer hours", "Learner hours"]
    sheet.header(HEADER, headers)
    whole = book.fmt("int")
    base = len(fixed)
    for offset, c in enumerate(rows):
        row = HEADER + 1 + offset
        phase = phases.get((c.pilot, c.phase))
        sheet.text(row, 0, c.pilot)
        sheet.text(row, 1, names.get(c.pilot, ""), "wrap")
        sheet.text(row, 2, phase.name if phase is not None else c.phase)
        sheet.date(row, 3, c.go_live)
        sheet.date(row, 4, c.first)
        sheet.date(row, 5, c.last)
        if phase is not None:
            ws.write_number(row, 6, phase.people, whole)
        for k, (module, _, _) in enumerate(modules):
            count = c.counts.get(module)
            if count:
                ws.write_number(row, base + k, count, whole)
        ws.write_number(row, base + len(modules), c.trainer_hours, whole)
        ws.write_number(row, base + len(modules) + 1, c.learner_hours, whole)
        tick()
    sheet.fit(0, widest(c.pilot for c in rows))
    sheet.fit(1, widest(names.values()))
    sheet.fit(2, widest(ph.name for ph in phases.values()))
    for k in (3, 4, 5):
        sheet.fit(k, 11)
    for k in range(6, len(headers)):
        sheet.fit(k, 6)
    last = HEADER + len(rows)
    if rows:
        add_table(sheet, "Training", headers, HEADER, last)
    row = last + 2
    _budget(sheet, plan, row)
    sheet.layout(repeat=HEADER, caps={1: 36, 2: 20}, freeze=(HEADER + 1, 3))


def _budget(sheet: Sheet, plan: Any, row: int) -> int:
    """The change-budget checks and the people not trained in time, below the cohorts."""
    ws, book = sheet.ws, sheet.book
    if plan.budget:
        sheet.text(row, 0, "Change budget against the guideline", "bold")
        row += 1
        for check in plan.budget:
            sheet.text(row, 0, check.pilot)
            sheet.text(row, 1, check.name, "wrap")
            if check.share_percent is not None:
                ws.write_number(row, 2, check.share_percent / 100, book.fmt("pct"))
            sheet.text(row, 3, "under the guideline" if check.under_guideline else "")
            sheet.text(row, 4, check.note)
            row += 1
        row += 1
    if plan.gaps:
        sheet.text(row, 0, "Not trained in time", "bold")
        row += 1
        for gap in plan.gaps:
            sheet.text(row, 0, gap.pilot)
            sheet.text(row, 1, f"{number(gap.people)} people")
            sheet.text(row, 4, gap.reason)
            row += 1
    return row


def write_sessions(book: Book, plan: Any, tick: Tick) -> None:
    """Every training session, by date (the list behind the Training sheet)."""
    sheet = book.sheet("Sessions")
    ws = sheet.ws
    sheet.title("Training sessions")
    sheet.header(HEADER, SESSION_HEADERS)
    whole, hours = book.fmt("int"), book.fmt("score")
    for offset, s in enumerate(plan.sessions):
        row = HEADER + 1 + offset
        sheet.date(row, 0, s.day)
        sheet.text(row, 1, s.pilot)
        sheet.text(row, 2, s.phase)
        sheet.text(row, 3, s.group)
        sheet.text(row, 4, str(getattr(s.audience, "value", s.audience)).replace("_", " "))
        sheet.text(row, 5, s.module_name)
        sheet.text(row, 6, s.stage)
        sheet.text(row, 7, str(getattr(s.format, "value", s.format)).replace("_", " "))
        ws.write_number(row, 8, s.count, whole)
        ws.write_number(row, 9, s.learners, whole)
        for k, value in enumerate((s.hours, s.trainer_hours, s.learner_hours)):
            ws.write_number(row, 10 + k, value, hours)
        sheet.date(row, 13, s.go_live)
        tick()
    sessions = plan.sessions
    sheet.fit(0, 11)
    for k, texts in (
        (1, (s.pilot for s in sessions)),
        (2, (s.phase for s in sessions)),
        (3, (s.group for s in sessions)),
    ):
        sheet.fit(k, widest(texts))
    sheet.fit(5, widest(s.module_name for s in sessions))
    for k in (4, 6, 7, 8, 9, 10, 11, 12):
        sheet.fit(k, 8)
    sheet.fit(13, 11)
    if sessions:
        add_table(sheet, "Sessions", SESSION_HEADERS, HEADER, HEADER + len(sessions))
    sheet.layout(repeat=HEADER, freeze=(HEADER + 1, 1))
