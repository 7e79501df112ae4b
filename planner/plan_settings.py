"""Plan settings: the inputs of the rollout and training plans that a user tunes and saves.

They live in the project file as ``Portfolio.plan`` so a plan can be regenerated exactly. Every
number is checked on load and an error names the setting, e.g.
``plan.phases[2].weeks: Input should be greater than or equal to 0`` or
``plan.phases: the live share must reach 100 % by the last phase, got 80 %``.

A rollout runs through ``phases`` in order. ``live_percent`` is the share of the pilot's target users
who are live once the phase has started (cumulative), so the people a phase brings live are the
difference with the phase before. A phase marked ``one_unit`` brings people from one business unit
only (the limited beta). Remediation is not a setting: its length comes from the pilot's gaps and
the method's remedies.

This module depends only on pydantic so ``planner.model`` can import it without a cycle.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

_PhaseId = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
]
_Text = Annotated[str, StringConstraints(max_length=2_000)]


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, validate_default=False)


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def number(self) -> int:
        """0 for Monday … 6 for Sunday, as `date.weekday()` counts."""
        return list(Weekday).index(self)


class TrainingFormat(StrEnum):
    CLASSROOM = "classroom"
    VIRTUAL = "virtual"
    SELF_PACED = "self_paced"


class PhaseSetting(_Settings):
    """One rollout phase: how long it runs, how many target users are live, and its exit gate."""

    id: _PhaseId
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    weeks: float = Field(ge=0, le=260)
    live_percent: float = Field(ge=0, le=100)
    one_unit: bool = False
    gate: _Text = ""


def default_phases() -> list[PhaseSetting]:
    """Shadow run, limited beta in one unit, 25 %, 50 %, 100 %, then hypercare and handover."""
    return [
        PhaseSetting(
            id="shadow",
            name="Shadow run",
            weeks=4,
            live_percent=0,
            gate="Outputs compared with the current process on real data: KPI at or above target, "
            "no severity-1 incident",
        ),
        PhaseSetting(
            id="beta",
            name="Limited beta (one unit)",
            weeks=4,
            live_percent=10,
            one_unit=True,
            gate="Beta users reach the KPI target; incidents within the agreed rate; weekly active use "
            "above 60 %",
        ),
        PhaseSetting(
            id="expand_25",
            name="Expand to 25 %",
            weeks=3,
            live_percent=25,
            gate="KPI holds at the larger scale; latency and error rates within service levels",
        ),
        PhaseSetting(
            id="expand_50",
            name="Expand to 50 %",
            weeks=3,
            live_percent=50,
            gate="KPI holds; support tickets per user falling; adoption above 70 %",
        ),
        PhaseSetting(
            id="full",
            name="Full rollout (100 %)",
            weeks=4,
            live_percent=100,
            gate="All target users live; KPI at target across units; drift alerts tuned",
        ),
        PhaseSetting(
            id="hypercare",
            name="Hypercare and handover",
            weeks=4,
            live_percent=100,
            gate="Operations team owns incidents and retraining; runbook signed off",
        ),
    ]


def default_session_capacity() -> dict[TrainingFormat, int]:
    return {TrainingFormat.CLASSROOM: 12, TrainingFormat.VIRTUAL: 30, TrainingFormat.SELF_PACED: 100_000}


class PlanSettings(_Settings):
    """Everything the plan generators need besides the portfolio itself; defaults are sensible."""

    start: date | None = None  # None: the portfolio's `as_of` date
    working_days: list[Weekday] = Field(
        default_factory=lambda: [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI]
    )
    holidays: list[date] = Field(default_factory=list)
    phases: list[PhaseSetting] = Field(default_factory=default_phases)
    remediation_default_weeks: float = Field(default=6, ge=0, le=260)
    max_concurrent_rollouts: int = Field(default=4, ge=1, le=10_000)
    max_changes_per_group: int = Field(default=1, ge=1, le=100)
    training_lead_weeks: float = Field(default=4, gt=0, le=52)
    training_buffer_days: int = Field(default=2, ge=0, le=60)
    trainer_hours_per_week: float = Field(default=60, gt=0, le=100_000)
    session_capacity: dict[TrainingFormat, int] = Field(default_factory=default_session_capacity)
    trainer_hour_cost: float = Field(default=110, ge=0, le=1_000_000)
    learner_hour_cost: float = Field(default=0, ge=0, le=1_000_000)
    champion_ratio: int = Field(default=25, ge=1, le=100_000)
    manager_span: int = Field(default=10, ge=1, le=100_000)
    change_budget_min_percent: float = Field(default=15, ge=0, le=100)
    change_budget_max_percent: float = Field(default=20, ge=0, le=100)

    @model_validator(mode="after")
    def _check(self) -> PlanSettings:
        problems: list[str] = []
        if not self.working_days:
            problems.append("working_days: at least one working day is needed")
        elif len(set(self.working_days)) != len(self.working_days):
            problems.append("working_days: a day is listed twice")
        if not self.phases:
            problems.append("phases: at least one rollout phase is needed")
        ids = [p.id for p in self.phases]
        for i, phase_id in enumerate(ids):
            if phase_id in ids[:i]:
                problems.append(f"phases[{i}].id: duplicate phase id {phase_id!r}")
        for i in range(1, len(self.phases)):
            before, now = self.phases[i - 1].live_percent, self.phases[i].live_percent
            if now < before:
                problems.append(
                    f"phases[{i}].live_percent: {now:g} % is below the {before:g} % of the phase before"
                )
        if self.phases and self.phases[-1].live_percent != 100:
            problems.append(
                f"phases: the live share must reach 100 % by the last phase, "
                f"got {self.phases[-1].live_percent:g} %"
            )
        for i, phase in enumerate(self.phases):
            before = self.phases[i - 1].live_percent if i else 0.0
            if phase.weeks == 0 and phase.live_percent > before:
                problems.append(
                    f"phases[{i}].weeks: a phase that brings people live must last more than 0 weeks"
                )
        for fmt in TrainingFormat:
            if fmt not in self.session_capacity:
                problems.append(f"session_capacity.{fmt.value}: missing")
            elif self.session_capacity[fmt] < 1:
                problems.append(
                    f"session_capacity.{fmt.value}: must be at least 1, got {self.session_capacity[fmt]}"
                )
        if self.change_budget_max_percent < self.change_budget_min_percent:
            problems.append("change_budget_max_percent: below change_budget_min_percent")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def phase_index(self, phase_id: str) -> int:
        """Position of the phase with this id; KeyError naming the id if there is none."""
        for i, phase in enumerate(self.phases):
            if phase.id == phase_id:
                return i
        raise KeyError(f"unknown phase {phase_id!r}")
