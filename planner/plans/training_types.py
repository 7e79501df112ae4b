"""The training plan as plain values: sessions, coverage gaps, totals and the change-budget check.

The training calendar view groups `Session` rows by week and audience; the session table lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planner.plan_settings import TrainingFormat
from planner.plans.training_catalogue import Audience


@dataclass(frozen=True, slots=True)
class Session:
    """`count` identical sessions of one module for one audience, on one day."""

    pilot: str
    phase: str
    group: str  # user group id; "" for a pilot's executives
    audience: Audience
    module: str
    module_name: str
    stage: str
    format: TrainingFormat
    day: date
    week: date  # Monday of the session's week
    go_live: date
    count: int
    learners: int
    hours: float  # length of one session
    trainer_hours: float  # for all `count` sessions
    learner_hours: float
    drop_in: bool = False  # open to all `learners` (office hours): not a seat each of them takes


@dataclass(frozen=True, slots=True)
class Gap:
    """People not trained before go-live (or a follow-up that found no room), and why."""

    pilot: str
    phase: str
    group: str
    people: int
    module: str
    reason: str


@dataclass(frozen=True, slots=True)
class BudgetCheck:
    pilot: str
    name: str
    change_budget: float
    project_budget: float  # the pilot's scale investment
    share_percent: float | None  # change budget / project budget; None when there is no project budget
    training_cost: float
    under_guideline: bool
    note: str


@dataclass(frozen=True, slots=True)
class TrainingTotals:
    sessions: int  # led by a trainer (classroom and virtual); self-paced modules are not sessions
    self_paced: int  # places on self-paced modules
    learner_hours: float
    trainer_hours: float
    cost: float
    people: int  # brought live by the rollout
    covered: int
    uncovered: int


@dataclass(frozen=True, slots=True)
class AudienceLoad:
    """One audience's share of the plan. A person who takes three modules is one person and three
    attendances; drop-in sessions (office hours) are open to everyone and count no attendance."""

    audience: Audience
    people: int  # counted once per cohort (pilot, phase, user group), however many modules they take
    attendances: int  # seats taken, led sessions and self-paced modules together
    sessions: int  # led sessions
    self_paced: int  # places on self-paced modules
    learner_hours: float


@dataclass(frozen=True, slots=True)
class TrainingPlan:
    sessions: tuple[Session, ...]  # by date; within a day by go-live, rank, pilot, phase, group, stage
    gaps: tuple[Gap, ...]  # people not covered before go-live
    unplaced: tuple[Gap, ...]  # other sessions that found no room (briefings, follow-ups)
    budget: tuple[BudgetCheck, ...]
    portfolio_share_percent: float | None
    under_guideline: bool
    guideline: tuple[float, float]  # (min %, max %)
    totals: TrainingTotals
    weekly_trainer_hours: dict[date, float] = field(default_factory=dict)

    def by_audience(self) -> tuple[AudienceLoad, ...]:
        """People, attendances, led sessions and self-paced places per audience (catalogue order).

        A cohort's people in an audience are the most learners any one module of that audience seats
        for the cohort: everyone takes the audience's main module, so nobody is counted twice.
        """
        seated: dict[tuple[Audience, str, str, str, str], int] = {}
        rows: dict[Audience, list[float]] = {}
        for s in self.sessions:
            key = (s.audience, s.pilot, s.phase, s.group, s.module)
            # a drop-in series is open to the same people each time; other sessions seat new people
            before = seated.get(key, 0)
            seated[key] = max(before, s.learners) if s.drop_in else before + s.learners
            row = rows.setdefault(s.audience, [0, 0, 0, 0.0])
            self_paced = s.format is TrainingFormat.SELF_PACED
            row[0] += 0 if s.drop_in else s.learners
            row[1] += 0 if self_paced else s.count
            row[2] += s.learners if self_paced else 0
            row[3] += s.learner_hours
        people: dict[tuple[Audience, str, str, str], int] = {}
        for (audience, pilot, phase, group, _module), n in seated.items():
            cohort = (audience, pilot, phase, group)
            people[cohort] = max(people.get(cohort, 0), n)
        return tuple(
            AudienceLoad(
                audience,
                sum(n for cohort, n in people.items() if cohort[0] is audience),
                int(rows[audience][0]),
                int(rows[audience][1]),
                int(rows[audience][2]),
                rows[audience][3],
            )
            for audience in Audience
            if audience in rows
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description (ISO dates) for the CLI and exports."""
        return {
            "totals": {
                "sessions": self.totals.sessions,
                "self_paced": self.totals.self_paced,
                "learner_hours": self.totals.learner_hours,
                "trainer_hours": self.totals.trainer_hours,
                "cost": self.totals.cost,
                "people": self.totals.people,
                "covered": self.totals.covered,
                "uncovered": self.totals.uncovered,
            },
            "change_budget": {
                "portfolio_share_percent": self.portfolio_share_percent,
                "guideline_percent": list(self.guideline),
                "under_guideline": self.under_guideline,
                "pilots": [
                    {
                        "pilot": b.pilot,
                        "name": b.name,
                        "change_budget": b.change_budget,
                        "project_budget": b.project_budget,
                        "share_percent": b.share_percent,
                        "training_cost": b.training_cost,
                        "under_guideline": b.under_guideline,
                        "note": b.note,
                    }
                    for b in self.budget
                ],
            },
            "sessions": [
                {
                    "date": s.day.isoformat(),
                    "pilot": s.pilot,
                    "phase": s.phase,
                    "group": s.group,
                    "audience": s.audience.value,
                    "module": s.module,
                    "module_name": s.module_name,
                    "stage": s.stage,
                    "format": s.format.value,
                    "count": s.count,
                    "learners": s.learners,
                    "hours": s.hours,
                    "trainer_hours": s.trainer_hours,
                    "learner_hours": s.learner_hours,
                    "go_live": s.go_live.isoformat(),
                }
                for s in self.sessions
            ],
            "gaps": [_gap_dict(g) for g in self.gaps],
            "unplaced": [_gap_dict(g) for g in self.unplaced],
        }


def _gap_dict(gap: Gap) -> dict[str, Any]:
    return {
        "pilot": gap.pilot,
        "phase": gap.phase,
        "group": gap.group,
        "people": gap.people,
        "module": gap.module,
        "reason": gap.reason,
    }
