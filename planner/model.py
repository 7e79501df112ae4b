"""The portfolio domain model: plain pydantic data, validated on construction.

A `Portfolio` holds everything a user types or imports: pilots and their ratings, the people around
them, the enablers they need, the user groups they change, recorded snapshots, and the workshop
(raters, rounds, pairwise answers: ``planner.workshop``). Nothing derived (scores, decisions, plans,
graph analyses, consensus) lives here; engines compute those from this model.

Ids are stable strings. Pilots and enablers share one id space (a dependency may point at either);
stakeholders, user groups and raters have their own. Every reference is checked when a portfolio is
validated, and an error names the field path and the dangling id, e.g.
``pilots[3].sponsor: unknown stakeholder 'S-99'``.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from planner.fields import Evidence, Id, Model, Name, Text
from planner.plan_settings import PlanSettings
from planner.workshop import ConsensusOverride, RaterRating, Workshop, workshop_problems

SCHEMA_VERSION = 2

# Amounts and weights from a file are bounded so that sums, NPVs and solvers stay finite: a value near
# the float limit (1e308) loads, then overflows to inf/NaN in the engines. A thousand trillion is far
# above any real budget; weight overrides follow the method's own bounds (0 drops a criterion).
# Budgets may sum many amounts, so their bound is higher, but a budget near the float limit overflowed
# the funding frontier's steps and the pack's chart ticks: a billion billions is the most. KPI values
# and map positions are bounded the same way (a file that passes these bounds exports).
MAX_AMOUNT = 1e15
MAX_BUDGET = 1e18
Measure = Annotated[float, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT)]
Coordinate = Annotated[float, Field(ge=-1e9, le=1e9)]
WeightOverride = Annotated[float, Field(ge=0, le=100)]
ThresholdOverride = Annotated[float, Field(ge=0, le=120)]


class Stage(StrEnum):
    IDEA = "idea"
    POC = "poc"
    PILOT = "pilot"
    SCALING = "scaling"
    PRODUCTION = "production"
    RETIRED = "retired"


class Stance(StrEnum):
    """Ordered from furthest to closest to the change."""

    UNAWARE = "unaware"
    RESISTANT = "resistant"
    NEUTRAL = "neutral"
    SUPPORTIVE = "supportive"
    LEADING = "leading"


class RelationKind(StrEnum):
    REPORTS_TO = "reports_to"
    INFLUENCES = "influences"
    COLLABORATES = "collaborates"
    CONFLICTS = "conflicts"


class Decision(StrEnum):
    STOP = "stop"
    PIVOT = "pivot"
    SECURE_SPONSOR = "secure_sponsor"
    FIX_THEN_SCALE = "fix_then_scale"
    SCALE = "scale"


class ChangeImpact(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class EnablerKind(StrEnum):
    DATA_PLATFORM = "data_platform"
    FEATURE_STORE = "feature_store"
    MLOPS_PLATFORM = "mlops_platform"
    IDENTITY = "identity"
    INTEGRATION = "integration"
    OTHER = "other"


class EnablerStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    READY = "ready"


def _empty(value: object) -> bool:
    return not value


class Rating(Model):
    """A 0–5 rating of one criterion against the method's written anchors.

    `score` is the pilot's single rating (typed, imported, or from before a workshop); `raters` holds
    each workshop rater's own value; `consensus` is the facilitator's value with its rationale. The
    value scoring reads is ``planner.triage.consensus.consensus_value``: the facilitator's value if
    set, else the median of the raters, else `score`. A rating holds at least one of the three.
    """

    score: int | None = Field(default=None, ge=0, le=5)
    evidence: Evidence = Evidence.ASSUMED
    note: Text = ""
    raters: dict[Id, RaterRating] = Field(default_factory=dict, exclude_if=_empty)
    consensus: ConsensusOverride | None = Field(default=None, exclude_if=_empty)

    @model_validator(mode="after")
    def _check_held(self) -> Rating:
        if self.score is None and not self.raters and self.consensus is None:
            raise ValueError("a rating needs a score, a rater's value or a consensus")
        return self


class Kpi(Model):
    """The business measure a pilot is judged on. `latest` is the pilot's result so far."""

    name: Text = ""
    unit: Annotated[str, StringConstraints(max_length=40)] = ""
    baseline: Measure | None = None
    target: Measure | None = None
    latest: Measure | None = None
    higher_is_better: bool = True


class Financials(Model):
    """Money in the portfolio's currency. Benefits and run costs are per year at full scale."""

    scale_investment: float = Field(default=0.0, ge=0, le=MAX_AMOUNT)
    annual_benefit: float = Field(default=0.0, ge=0, le=MAX_AMOUNT)
    annual_run_cost: float = Field(default=0.0, ge=0, le=MAX_AMOUNT)
    pilot_spend: float = Field(default=0.0, ge=0, le=MAX_AMOUNT)
    change_budget: float = Field(default=0.0, ge=0, le=MAX_AMOUNT)


class Override(Model):
    """A user's decision that replaces the computed one; the rationale is mandatory."""

    decision: Decision
    rationale: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
    author: Annotated[str, StringConstraints(max_length=200)] = ""
    decided: date | None = None


class Pilot(Model):
    id: Id
    name: Name
    description: Text = ""
    business_unit: Annotated[str, StringConstraints(max_length=200)] = ""
    industry: Annotated[str, StringConstraints(max_length=200)] = ""
    stage: Stage = Stage.PILOT
    pilot_start: date | None = None
    owner: Id | None = None
    sponsor: Id | None = None
    sponsor_last_touchpoint: date | None = None
    approvers: list[Id] = Field(default_factory=list)
    affected: list[Id] = Field(default_factory=list)
    user_groups: list[Id] = Field(default_factory=list)
    kpi: Kpi = Field(default_factory=Kpi)
    financials: Financials = Field(default_factory=Financials)
    ratings: dict[Id, Rating] = Field(default_factory=dict)
    gates: dict[Id, bool] = Field(default_factory=dict)
    override: Override | None = None
    notes: Text = ""


class Stakeholder(Model):
    id: Id
    name: Name
    role: Annotated[str, StringConstraints(max_length=200)] = ""
    department: Annotated[str, StringConstraints(max_length=200)] = ""
    influence: int = Field(default=3, ge=1, le=5)
    interest: int = Field(default=3, ge=1, le=5)
    stance: Stance = Stance.NEUTRAL
    desired_stance: Stance = Stance.SUPPORTIVE
    position: tuple[Coordinate, Coordinate] | None = None
    notes: Text = ""


class Relationship(Model):
    """A directed tie: `source` reports to / influences / collaborates with / conflicts with `target`."""

    source: Id
    target: Id
    kind: RelationKind


class Enabler(Model):
    """A shared capability pilots need before production (data platform, MLOps, identity…)."""

    id: Id
    name: Name
    kind: EnablerKind = EnablerKind.OTHER
    status: EnablerStatus = EnablerStatus.PLANNED
    eta: date | None = None
    cost: float = Field(default=0.0, ge=0, le=MAX_AMOUNT)
    owner: Id | None = None
    notes: Text = ""


class Dependency(Model):
    """`pilot` cannot reach production before `on` (a pilot or an enabler) is production-ready."""

    pilot: Id
    on: Id
    note: Text = ""


class UserGroup(Model):
    id: Id
    name: Name
    role: Annotated[str, StringConstraints(max_length=200)] = ""
    business_unit: Annotated[str, StringConstraints(max_length=200)] = ""
    headcount: int = Field(ge=1, le=10_000_000)
    change_impact: ChangeImpact = ChangeImpact.MEDIUM


class SnapshotEntry(Model):
    """One pilot's results as recorded at a steering committee (history, kept on purpose)."""

    pilot: Id
    name: Name
    value: float = Field(ge=0, le=100)
    readiness: float = Field(ge=0, le=100)
    sponsorship: float = Field(ge=0, le=100)
    composite: float = Field(ge=0, le=100)
    rank: int = Field(ge=1)
    decision: Decision
    gates_passed: int = Field(ge=0)


class Snapshot(Model):
    id: Id
    label: Name
    taken: datetime
    entries: list[SnapshotEntry] = Field(default_factory=list)


class FinanceSettings(Model):
    discount_rate: float = Field(default=0.08, ge=0, le=1)
    horizon_years: int = Field(default=5, ge=1, le=30)
    ramp_months: int = Field(default=6, ge=0, le=60)


class Objective(StrEnum):
    RISK_ADJUSTED_NPV = "risk_adjusted_npv"
    COMPOSITE = "composite"
    MIX = "mix"


class FundingScenario(Model):
    """A named funding question: budget, capacity and the committee's forced choices.

    `forced_in`/`forced_out` map pilot ids to the reason given; `exclusive` lists groups of pilots
    that are alternatives (fund at most one of each group); `capacity` caps the number of pilots
    scaled at once (None: no cap); `mix` weighs NPV against composite for the "mix" objective.
    `yearly_budgets` optionally caps the spend per calendar year (a pilot's investment falls in the
    year its rollout is planned to start, an enabler's in the year of its ETA).
    """

    name: Name
    budget: float = Field(ge=0, le=MAX_BUDGET)
    yearly_budgets: dict[int, Annotated[float, Field(ge=0, le=MAX_BUDGET)]] = Field(default_factory=dict)
    capacity: int | None = Field(default=None, ge=0)
    objective: Objective = Objective.RISK_ADJUSTED_NPV
    mix: float = Field(default=0.5, ge=0, le=1)
    forced_in: dict[Id, Text] = Field(default_factory=dict)
    forced_out: dict[Id, Text] = Field(default_factory=dict)
    exclusive: list[list[Id]] = Field(default_factory=list)


class WeightSet(Model):
    """A named set of weight and threshold overrides (e.g. "CFO view")."""

    name: Name
    weights: dict[Id, WeightOverride] = Field(default_factory=dict)
    dimension_weights: dict[Id, WeightOverride] = Field(default_factory=dict)
    thresholds: dict[Id, ThresholdOverride] = Field(default_factory=dict)


class MethodChoice(Model):
    """Which scoring method the portfolio uses, and the user's overrides of its defaults."""

    id: Id = "pilot-to-production"
    weights: dict[Id, WeightOverride] = Field(default_factory=dict)
    dimension_weights: dict[Id, WeightOverride] = Field(default_factory=dict)
    thresholds: dict[Id, ThresholdOverride] = Field(default_factory=dict)
    weight_sets: list[WeightSet] = Field(default_factory=list)


class Portfolio(Model):
    schema_version: int = SCHEMA_VERSION
    name: Name = "Untitled portfolio"
    organisation: Annotated[str, StringConstraints(max_length=200)] = ""
    currency: Annotated[str, StringConstraints(min_length=1, max_length=8)] = "EUR"
    as_of: date = Field(default_factory=date.today)
    finance: FinanceSettings = Field(default_factory=FinanceSettings)
    method: MethodChoice = Field(default_factory=MethodChoice)
    pilots: list[Pilot] = Field(default_factory=list)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)
    enablers: list[Enabler] = Field(default_factory=list)
    dependencies: list[Dependency] = Field(default_factory=list)
    user_groups: list[UserGroup] = Field(default_factory=list)
    snapshots: list[Snapshot] = Field(default_factory=list)
    scenarios: list[FundingScenario] = Field(default_factory=list)
    plan: PlanSettings = Field(default_factory=PlanSettings)
    workshop: Workshop = Field(default_factory=Workshop)

    @model_validator(mode="after")
    def _check_references(self) -> Portfolio:
        problems = reference_problems(self)
        if problems:
            raise ValueError(
                "; ".join(problems[:20]) + (f" (and {len(problems) - 20} more)" if len(problems) > 20 else "")
            )
        return self

    def pilot(self, pilot_id: str) -> Pilot:
        """The pilot with this id; KeyError naming the id if there is none."""
        for pilot in self.pilots:
            if pilot.id == pilot_id:
                return pilot
        raise KeyError(f"unknown pilot {pilot_id!r}")


def reference_problems(portfolio: Portfolio) -> list[str]:
    """Every duplicate id, dangling reference, self-loop and duplicate edge, each with its path."""
    problems: list[str] = []

    def unique(kind: str, field: str, ids: list[str], seen: dict[str, str], key: str = "id") -> None:
        for index, item_id in enumerate(ids):
            if item_id in seen:
                first = seen[item_id]
                problems.append(f"{field}[{index}].{key}: duplicate {kind} {key} {item_id!r} (also {first})")
            else:
                seen[item_id] = f"{field}[{index}]"

    work_items: dict[str, str] = {}
    unique("pilot", "pilots", [p.id for p in portfolio.pilots], work_items)
    unique("enabler", "enablers", [e.id for e in portfolio.enablers], work_items)
    people: dict[str, str] = {}
    unique("stakeholder", "stakeholders", [s.id for s in portfolio.stakeholders], people)
    groups: dict[str, str] = {}
    unique("user group", "user_groups", [g.id for g in portfolio.user_groups], groups)
    snapshots: dict[str, str] = {}
    unique("snapshot", "snapshots", [s.id for s in portfolio.snapshots], snapshots)
    scenario_names: dict[str, str] = {}
    unique("scenario", "scenarios", [s.name for s in portfolio.scenarios], scenario_names, "name")

    def person(path: str, ref: str | None) -> None:
        if ref is not None and ref not in people:
            problems.append(f"{path}: unknown stakeholder {ref!r}")

    for i, pilot in enumerate(portfolio.pilots):
        base = f"pilots[{i}]"
        person(f"{base}.owner", pilot.owner)
        person(f"{base}.sponsor", pilot.sponsor)
        for j, ref in enumerate(pilot.approvers):
            person(f"{base}.approvers[{j}]", ref)
        for j, ref in enumerate(pilot.affected):
            person(f"{base}.affected[{j}]", ref)
        for j, ref in enumerate(pilot.user_groups):
            if ref not in groups:
                problems.append(f"{base}.user_groups[{j}]: unknown user group {ref!r}")
    for i, enabler in enumerate(portfolio.enablers):
        person(f"enablers[{i}].owner", enabler.owner)
    found, raters = workshop_problems(portfolio.workshop, people)
    problems += found
    for i, pilot in enumerate(portfolio.pilots):
        for criterion, rating in pilot.ratings.items():
            for rater in rating.raters:
                if rater not in raters:
                    path = f"pilots[{i}].ratings.{criterion}.raters.{rater}"
                    problems.append(f"{path}: unknown rater {rater!r}")

    edges: set[tuple[str, str, str]] = set()
    for i, rel in enumerate(portfolio.relationships):
        base = f"relationships[{i}]"
        person(f"{base}.source", rel.source)
        person(f"{base}.target", rel.target)
        if rel.source == rel.target:
            problems.append(f"{base}: {rel.source!r} cannot have a relationship with themselves")
        key = (rel.source, rel.target, rel.kind.value)
        if key in edges:
            problems.append(f"{base}: duplicate relationship {rel.source!r} {rel.kind.value} {rel.target!r}")
        edges.add(key)

    pilot_ids = {p.id for p in portfolio.pilots}
    deps: set[tuple[str, str]] = set()
    for i, dep in enumerate(portfolio.dependencies):
        base = f"dependencies[{i}]"
        if dep.pilot not in pilot_ids:
            problems.append(f"{base}.pilot: unknown pilot {dep.pilot!r}")
        if dep.on not in work_items:
            problems.append(f"{base}.on: unknown pilot or enabler {dep.on!r}")
        if dep.pilot == dep.on:
            problems.append(f"{base}: pilot {dep.pilot!r} cannot depend on itself")
        if (dep.pilot, dep.on) in deps:
            problems.append(f"{base}: duplicate dependency {dep.pilot!r} on {dep.on!r}")
        deps.add((dep.pilot, dep.on))
    for i, scenario in enumerate(portfolio.scenarios):
        base = f"scenarios[{i}]"
        for field_name, refs in (
            ("forced_in", list(scenario.forced_in)),
            ("forced_out", list(scenario.forced_out)),
        ):
            for ref in refs:
                if ref not in pilot_ids:
                    problems.append(f"{base}.{field_name}.{ref}: unknown pilot {ref!r}")
        for j, group in enumerate(scenario.exclusive):
            for ref in group:
                if ref not in pilot_ids:
                    problems.append(f"{base}.exclusive[{j}]: unknown pilot {ref!r}")
    return problems
