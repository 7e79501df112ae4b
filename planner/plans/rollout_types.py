"""The rollout plan as plain values: what the Gantt, the exports and the training plan read.

Dates are inclusive (a phase runs from `start` to `end`, both working days). Each phase also carries
its working-day indices ``[start_index, end_index)`` on the plan's calendar, handy for drawing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from planner.model import Decision
from planner.plan_settings import PlanSettings
from planner.plans.calendar import WorkCalendar
from planner.plans.cohorts import CohortSlice


class DelayKind(StrEnum):
    ENABLER = "enabler"  # waits for an enabler's ETA
    PILOT = "pilot"  # waits for a pilot it depends on to be in production
    CAPACITY = "capacity"  # too many rollouts in flight
    SATURATION = "saturation"  # too many changes landing on one user group


@dataclass(frozen=True, slots=True)
class Delay:
    """One reason a rollout starts later than it could have: `days` working days, up to `until`."""

    kind: DelayKind
    ref: str  # the enabler, pilot or user group id ("" for capacity)
    until: date  # the earliest start once this reason is out of the way
    days: int
    reason: str


@dataclass(frozen=True, slots=True)
class Phase:
    pilot: str
    id: str  # "remediation" or a phase id of the plan settings
    name: str
    start: date
    end: date  # last working day of the phase
    start_index: int
    end_index: int  # exclusive
    live_percent: float  # share of target users live once this phase has started
    cohort: tuple[CohortSlice, ...]  # people this phase brings live (on its first day)
    gate: str  # the exit criteria checked at the end of the phase

    @property
    def people(self) -> int:
        """How many people this phase brings live."""
        return sum(piece.people for piece in self.cohort)


@dataclass(frozen=True, slots=True)
class Gate:
    """A milestone at the end of a phase: the rollout continues only if `criteria` are met."""

    pilot: str
    phase: str
    name: str
    date: date
    criteria: str


@dataclass(frozen=True, slots=True)
class PilotPlan:
    pilot: str
    name: str
    rank: int
    decision: Decision
    phases: tuple[Phase, ...]  # in order, without overlap (remediation first when needed)
    gates: tuple[Gate, ...]
    delays: tuple[Delay, ...]  # their `days` add up to the wait before the rollout starts
    target_users: int
    start: date  # first day of the first phase (remediation included)
    end: date  # last day of the last phase
    rollout_start: date  # first day after remediation and any wait
    in_production: date  # last day of the phase that reaches 100 % of target users
    start_index: int  # working-day index of `rollout_start`
    end_index: int  # exclusive working-day index of the end of the rollout
    waits_for: tuple[str, ...]  # pilot and enabler ids it depends on
    slack_days: int  # working days it can slip without moving the plan's end or a dependent
    critical: bool  # zero slack


@dataclass(frozen=True, slots=True)
class Unscheduled:
    pilot: str
    name: str
    decision: Decision | None
    reason: str


@dataclass(frozen=True, slots=True)
class CriticalStep:
    """One link of the critical path; `via` says how it hands over to the next step."""

    kind: str  # "enabler", "remediation" or "pilot"
    id: str
    name: str
    start: date | None
    end: date
    via: str  # "dependency", "capacity", "saturation of <group>", "enabler ETA", "" for the last step


@dataclass(frozen=True, slots=True)
class RolloutPlan:
    start: date
    settings: PlanSettings
    calendar: WorkCalendar
    pilots: tuple[PilotPlan, ...]  # by rollout start, then rank
    unscheduled: tuple[Unscheduled, ...]
    critical_path: tuple[CriticalStep, ...]
    end: date | None
    group_names: dict[str, str] = field(default_factory=dict)

    def pilot(self, pilot_id: str) -> PilotPlan:
        """The scheduled pilot with this id; KeyError naming it if it is not scheduled."""
        for plan in self.pilots:
            if plan.pilot == pilot_id:
                return plan
        raise KeyError(f"pilot {pilot_id!r} is not scheduled")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description (ISO dates, plain lists) for the CLI and exports."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "pilots": [_pilot_dict(p) for p in self.pilots],
            "unscheduled": [
                {
                    "pilot": u.pilot,
                    "name": u.name,
                    "decision": u.decision.value if u.decision else None,
                    "reason": u.reason,
                }
                for u in self.unscheduled
            ],
            "critical_path": [
                {
                    "kind": s.kind,
                    "id": s.id,
                    "name": s.name,
                    "start": s.start.isoformat() if s.start else None,
                    "end": s.end.isoformat(),
                    "via": s.via,
                }
                for s in self.critical_path
            ],
        }


def _pilot_dict(plan: PilotPlan) -> dict[str, Any]:
    return {
        "pilot": plan.pilot,
        "name": plan.name,
        "rank": plan.rank,
        "decision": plan.decision.value,
        "target_users": plan.target_users,
        "start": plan.start.isoformat(),
        "rollout_start": plan.rollout_start.isoformat(),
        "in_production": plan.in_production.isoformat(),
        "end": plan.end.isoformat(),
        "slack_days": plan.slack_days,
        "critical": plan.critical,
        "waits_for": list(plan.waits_for),
        "phases": [
            {
                "id": ph.id,
                "name": ph.name,
                "start": ph.start.isoformat(),
                "end": ph.end.isoformat(),
                "live_percent": ph.live_percent,
                "people": ph.people,
                "cohort": [{"group": c.group, "people": c.people} for c in ph.cohort],
            }
            for ph in plan.phases
        ],
        "gates": [
            {"phase": g.phase, "name": g.name, "date": g.date.isoformat(), "criteria": g.criteria}
            for g in plan.gates
        ],
        "delays": [
            {
                "kind": d.kind.value,
                "ref": d.ref,
                "until": d.until.isoformat(),
                "days": d.days,
                "reason": d.reason,
            }
            for d in plan.delays
        ],
    }
