"""The training plan: who is trained in what, when, by how many trainers, and what it costs.

``plan_training(portfolio, rollout)`` reads the rollout plan's cohorts (each phase brings slices of
user groups live on its first day). For every cohort slice it trains:

- the group's **managers** (one per ``manager_span`` people), **champions** (one per
  ``champion_ratio`` people) and **end users** (everyone in the slice), with the catalogue modules
  for the group's change impact (`planner.plans.training_catalogue`), in stage order;
- once per pilot, before its first cohort goes live, the pilot's **executives** (sponsor, owner and
  approvers; at least one person).

Sessions before go-live fall in the *lead window*: the ``training_lead_weeks`` of working days before
go-live, ending ``training_buffer_days`` working days before it, and never before the plan start.
Sessions per module are ``ceil(learners / seats)`` with the seats of its format; a cohort's later
stage never starts in an earlier week than its earlier stage. Trainer hours (session hours × trainers)
never exceed ``trainer_hours_per_week`` in any calendar week: cohorts are served in go-live order,
each in the earliest week that still has room. Reinforcement modules follow go-live.

Every person brought live is either covered (all required end-user modules of their slice placed in
the window) or listed in ``gaps`` with the reason. Totals give sessions, learner hours, trainer hours
and cost; each pilot's change budget is checked against the 15–20 % guideline of its scale budget.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from operator import attrgetter

from planner import formatting
from planner.model import Pilot, Portfolio, UserGroup
from planner.plan_settings import PlanSettings, TrainingFormat
from planner.plans.calendar import WorkCalendar
from planner.plans.rollout_types import RolloutPlan
from planner.plans.training_catalogue import Audience, Catalogue, Timing, TrainingModule, load_catalogue
from planner.plans.training_types import BudgetCheck, Gap, Session, TrainingPlan, TrainingTotals

FOLLOW_UP_WEEKS = 26  # how far past its target week a reinforcement session may be pushed
_EPS = 1e-9


@dataclass(slots=True)
class _Demand:
    """One audience to train for one go-live: a cohort slice, or a pilot's executives."""

    go_live: int
    rank: int
    pilot: str
    phase_pos: int
    phase: str
    group: str
    people: int
    executives: int = 0
    modules: list[TrainingModule] = field(default_factory=list)


class _Weeks:
    """Trainer hours used per calendar week, against the weekly capacity."""

    def __init__(self, capacity: float) -> None:
        self.capacity = capacity
        self.used: dict[date, float] = {}

    def fits(self, week: date, per_session: float, wanted: int) -> int:
        if per_session <= 0:
            return wanted
        free = self.capacity - self.used.get(week, 0.0)
        return max(0, min(wanted, math.floor(free / per_session + _EPS)))

    def take(self, week: date, hours: float) -> None:
        if hours > 0:
            self.used[week] = self.used.get(week, 0.0) + hours


def plan_training(
    portfolio: Portfolio,
    rollout: RolloutPlan,
    settings: PlanSettings | None = None,
    catalogue: Catalogue | None = None,
) -> TrainingPlan:
    """Sessions for every cohort of `rollout`, within the lead window and the weekly trainer capacity.

    Guarantees: no week's trainer hours exceed the capacity; every session held before go-live ends
    at least ``training_buffer_days`` working days before it and starts no earlier than
    ``training_lead_weeks`` before it; every person brought live is counted once, as covered or in
    ``gaps`` with a reason. Deterministic for the same inputs. Settings default to the ones the
    rollout was planned with; the catalogue to the shipped ``templates/training/modules.json``.
    """
    settings = settings or rollout.settings
    catalogue = catalogue or load_catalogue()
    calendar = rollout.calendar
    pilots = {p.id: p for p in portfolio.pilots}
    groups = {g.id: g for g in portfolio.user_groups}
    demands = _demands(rollout, pilots, groups, catalogue.modules)
    weeks = _Weeks(settings.trainer_hours_per_week)
    lead = calendar.working_days(settings.training_lead_weeks)
    sessions: list[Session] = []
    gaps: list[Gap] = []
    unplaced: list[Gap] = []
    windows: dict[int, list[tuple[date, int]]] = {}
    covered_total = 0
    for demand in demands:
        window = windows.get(demand.go_live)
        if window is None:
            window = _window(calendar, demand.go_live, lead, settings.training_buffer_days)
            windows[demand.go_live] = window
        covered = _train_before(demand, window, weeks, settings, calendar, sessions, gaps, unplaced)
        covered_total += covered
        _train_after(demand, weeks, settings, calendar, sessions, unplaced)

    sessions.sort(key=attrgetter("day"))  # stable: demand order (go-live, rank, pilot…) within a day
    costs: dict[str, float] = {}
    for s in sessions:
        costs[s.pilot] = (
            costs.get(s.pilot, 0.0)
            + s.trainer_hours * settings.trainer_hour_cost
            + s.learner_hours * settings.learner_hour_cost
        )
    budget, share, under = _budget(rollout, pilots, costs, settings)
    people = sum(phase.people for plan in rollout.pilots for phase in plan.phases)
    trainer_hours = sum(s.trainer_hours for s in sessions)
    learner_hours = sum(s.learner_hours for s in sessions)
    totals = TrainingTotals(
        sessions=sum(s.count for s in sessions if s.format is not TrainingFormat.SELF_PACED),
        self_paced=sum(s.learners for s in sessions if s.format is TrainingFormat.SELF_PACED),
        learner_hours=learner_hours,
        trainer_hours=trainer_hours,
        cost=trainer_hours * settings.trainer_hour_cost + learner_hours * settings.learner_hour_cost,
        people=people,
        covered=covered_total,
        uncovered=sum(g.people for g in gaps),
    )
    return TrainingPlan(
        sessions=tuple(sessions),
        gaps=tuple(gaps),
        unplaced=tuple(unplaced),
        budget=budget,
        portfolio_share_percent=share,
        under_guideline=under,
        guideline=(settings.change_budget_min_percent, settings.change_budget_max_percent),
        totals=totals,
        weekly_trainer_hours=dict(sorted(weeks.used.items())),
    )


def _modules_for(
    modules: Sequence[TrainingModule], audiences: tuple[Audience, ...], group: UserGroup | None
) -> list[TrainingModule]:
    chosen = [
        m for m in modules if m.audience in audiences and (group is None or group.change_impact in m.impacts)
    ]
    return sorted(chosen, key=lambda m: m.stage.order)  # stable: catalogue order within a stage


def _demands(
    rollout: RolloutPlan,
    pilots: dict[str, Pilot],
    groups: dict[str, UserGroup],
    modules: Sequence[TrainingModule],
) -> list[_Demand]:
    executive_modules = _modules_for(modules, (Audience.EXECUTIVE,), None)
    cohort_audiences = (Audience.MANAGER, Audience.CHAMPION, Audience.END_USER)
    by_impact = {g.change_impact: _modules_for(modules, cohort_audiences, g) for g in groups.values()}
    demands: list[_Demand] = []
    for plan in rollout.pilots:
        pilot = pilots[plan.pilot]
        first = True
        for pos, phase in enumerate(plan.phases):
            if not phase.cohort:
                continue
            if first and executive_modules:
                people = {pilot.sponsor, pilot.owner, *pilot.approvers} - {None}
                demands.append(
                    _Demand(
                        phase.start_index,
                        plan.rank,
                        plan.pilot,
                        pos,
                        phase.id,
                        "",
                        0,
                        max(1, len(people)),
                        executive_modules,
                    )
                )
            first = False
            for piece in phase.cohort:
                chosen = by_impact[groups[piece.group].change_impact]
                demands.append(
                    _Demand(
                        phase.start_index,
                        plan.rank,
                        plan.pilot,
                        pos,
                        phase.id,
                        piece.group,
                        piece.people,
                        0,
                        chosen,
                    )
                )
    demands.sort(key=lambda d: (d.go_live, d.rank, d.pilot, d.phase_pos, d.group))
    return demands


def _window(calendar: WorkCalendar, go_live: int, lead: int, buffer: int) -> list[tuple[date, int]]:
    """(week, first working-day index of the window in that week) for each week of the lead window."""
    first, last = max(0, go_live - lead), go_live - buffer - 1
    weeks: list[tuple[date, int]] = []
    for index in range(first, last + 1):
        week = calendar.week(index)
        if not weeks or weeks[-1][0] != week:
            weeks.append((week, index))
    return weeks


def _learners(demand: _Demand, module: TrainingModule, settings: PlanSettings) -> int:
    if module.audience == Audience.EXECUTIVE:
        return demand.executives
    if module.audience == Audience.MANAGER:
        return math.ceil(demand.people / settings.manager_span)
    if module.audience == Audience.CHAMPION:
        return math.ceil(demand.people / settings.champion_ratio)
    return demand.people


def _session(
    demand: _Demand,
    module: TrainingModule,
    day: date,
    week: date,
    go_live: date,
    count: int,
    learners: int,
    learner_hours: float,
) -> Session:
    """`count` sessions of `module` for the demand's audience on `day`."""
    return Session(
        demand.pilot,
        demand.phase,
        demand.group,
        module.audience,
        module.id,
        module.name,
        module.stage.value,
        module.format,
        day,
        week,
        go_live,
        count,
        learners,
        module.hours,
        count * module.hours * module.trainers,
        learner_hours,
        bool(module.fixed_sessions),
    )


def _train_before(
    demand: _Demand,
    window: list[tuple[date, int]],
    weeks: _Weeks,
    settings: PlanSettings,
    calendar: WorkCalendar,
    sessions: list[Session],
    gaps: list[Gap],
    unplaced: list[Gap],
) -> int:
    """Place the demand's pre-go-live modules; returns how many of its people are covered.

    People not covered go to `gaps` once (with the reason of the required module that fell shortest);
    other modules that found no room go to `unplaced`.
    """
    go_live = calendar.day(demand.go_live)
    covered = demand.people
    shortfall: Gap | None = None
    required_seen = any(m.required for m in demand.modules)
    earliest = 0
    for module in demand.modules:
        if module.timing != Timing.BEFORE:
            continue
        learners = _learners(demand, module, settings)
        if learners == 0:
            continue
        seats = settings.session_capacity[module.format]
        wanted = math.ceil(learners / seats)
        per_session = module.hours * module.trainers
        left = wanted
        first_pos: int | None = None
        for pos in range(earliest, len(window)):
            week, index = window[pos]
            take = weeks.fits(week, per_session, left)
            if take == 0:
                continue
            weeks.take(week, take * per_session)
            seated = min(learners - (wanted - left) * seats, take * seats)
            sessions.append(
                _session(
                    demand, module, calendar.day(index), week, go_live, take, seated, seated * module.hours
                )
            )
            first_pos = pos if first_pos is None else first_pos
            left -= take
            if left == 0:
                break
        if first_pos is not None:
            earliest = first_pos
        trained = min(learners, (wanted - left) * seats)
        if trained == learners:
            continue
        gap = Gap(
            demand.pilot,
            demand.phase,
            demand.group,
            learners - trained,
            module.id,
            _why_not(window, per_session, settings, go_live, left),
        )
        if not module.required:
            unplaced.append(gap)
        elif trained < covered:
            covered, shortfall = trained, gap
    if not demand.group:
        return 0
    if not required_seen:
        gaps.append(
            Gap(
                demand.pilot,
                demand.phase,
                demand.group,
                demand.people,
                "",
                "the module catalogue has no required end-user module for this group's change impact",
            )
        )
        return 0
    if shortfall is not None:
        gaps.append(replace(shortfall, people=demand.people - covered))
    return covered


def _why_not(
    window: list[tuple[date, int]], per_session: float, settings: PlanSettings, go_live: date, left: int
) -> str:
    if not window:
        return (
            f"go-live on {formatting.day(go_live)} leaves no working day for training between the plan start "
            f"and {settings.training_buffer_days} working day(s) before go-live"
        )
    if per_session > settings.trainer_hours_per_week + _EPS:
        return (
            f"one session needs {formatting.hours(per_session)} trainer hours, more than the weekly trainer "
            f"capacity of {formatting.hours(settings.trainer_hours_per_week)}"
        )
    return (
        f"trainer capacity is used up in the weeks of {formatting.day(window[0][0])} to "
        f"{formatting.day(window[-1][0])}: {left} session(s) of {formatting.hours(per_session)} trainer "
        "hours found no room"
    )


def _train_after(
    demand: _Demand,
    weeks: _Weeks,
    settings: PlanSettings,
    calendar: WorkCalendar,
    sessions: list[Session],
    unplaced: list[Gap],
) -> None:
    go_live = calendar.day(demand.go_live)
    per_week = calendar.days_per_week
    for module in demand.modules:
        if module.timing != Timing.AFTER:
            continue
        learners = _learners(demand, module, settings)
        if learners == 0:
            continue
        seats = settings.session_capacity[module.format]
        series = module.fixed_sessions or 1
        per_session = module.hours * module.trainers
        target = demand.go_live + calendar.working_days(module.after_weeks)
        for n in range(series):
            wanted = 1 if module.fixed_sessions else math.ceil(learners / seats)
            left = wanted
            for shift in range(FOLLOW_UP_WEEKS + 1):
                index = target + (n + shift) * per_week
                week = calendar.week(index)
                take = weeks.fits(week, per_session, left)
                if take == 0:
                    continue
                weeks.take(week, take * per_session)
                seated = (
                    learners
                    if module.fixed_sessions
                    else min(learners - (wanted - left) * seats, take * seats)
                )
                learner_hours = 0.0 if module.fixed_sessions else seated * module.hours
                sessions.append(
                    _session(demand, module, calendar.day(index), week, go_live, take, seated, learner_hours)
                )
                left -= take
                if left == 0:
                    break
            if left:
                unplaced.append(
                    Gap(
                        demand.pilot,
                        demand.phase,
                        demand.group,
                        learners,
                        module.id,
                        f"{left} follow-up session(s) found no trainer time within {FOLLOW_UP_WEEKS} weeks",
                    )
                )


def _budget(
    rollout: RolloutPlan, pilots: dict[str, Pilot], costs: dict[str, float], settings: PlanSettings
) -> tuple[tuple[BudgetCheck, ...], float | None, bool]:
    low, high = settings.change_budget_min_percent, settings.change_budget_max_percent
    checks: list[BudgetCheck] = []
    change_total = project_total = 0.0
    for plan in sorted(rollout.pilots, key=lambda p: (p.rank, p.pilot)):
        fin = pilots[plan.pilot].financials
        cost = costs.get(plan.pilot, 0.0)
        share: float | None = None
        if fin.scale_investment > 0:
            share = 100 * fin.change_budget / fin.scale_investment
            change_total += fin.change_budget
            project_total += fin.scale_investment
        notes: list[str] = []
        if share is None:
            notes.append("no scale budget recorded: share cannot be checked")
        elif share < low:
            notes.append(
                f"change budget is {share:.1f} % of the scale budget, under the {low:g}–{high:g} % guideline"
            )
        if fin.change_budget <= 0:
            notes.append("no change budget recorded")
        elif cost > fin.change_budget + _EPS:
            notes.append(
                f"planned training alone costs {cost:,.0f}, more than the change budget of "
                f"{fin.change_budget:,.0f}"
            )
        checks.append(
            BudgetCheck(
                plan.pilot,
                plan.name,
                fin.change_budget,
                fin.scale_investment,
                share,
                cost,
                share is not None and share < low,
                "; ".join(notes),
            )
        )
    portfolio_share = 100 * change_total / project_total if project_total > 0 else None
    under = portfolio_share is not None and portfolio_share < low
    return tuple(checks), portfolio_share, under
