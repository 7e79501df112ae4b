"""Scoring methods as data: criteria, anchors, weights, thresholds, gates, failure modes, remedies.

A method is a JSON file in ``templates/methods/``; a consultancy can ship its own. It is untrusted
input like any other file, so it is validated on load and errors name the JSON path.

The default method, ``pilot-to-production``, rates every criterion 0–5 against written anchors and
groups criteria into three dimensions (value, readiness, sponsorship). Some criteria are *derived*:
their rating is computed from other data (finance, sponsor touchpoints, the stakeholder map)
instead of being typed.
"""

from __future__ import annotations

import json
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationError, model_validator

from planner.errors import LiftoffError, format_validation_error
from planner.model import Id, MethodChoice, Model, Name, Portfolio, Text, WeightSet
from planner.resources import templates_dir

DIMENSIONS = ("value", "readiness", "sponsorship")
THRESHOLD_KEYS = (
    "stop_value",  # value below this: stop
    "stale_months",  # months in pilot after which a weak case is stopped
    "stale_value",  # value below this after stale_months: stop
    "value",  # value at or above this counts as a strong case
    "readiness",  # readiness at or above this counts as technically sound
    "sponsorship",  # sponsorship below this: secure a sponsor
)


def threshold_limit(key: str) -> float:
    """The highest value a decision threshold can take (the lowest is 0): 120 months, or a 0–100 score."""
    return 120.0 if key == "stale_months" else 100.0


class Derivation(StrEnum):
    """How a derived criterion's rating is computed instead of typed."""

    BENEFIT = "benefit"  # from the financials: benefit-to-investment bands
    SPONSOR_RECENCY = "sponsor_recency"  # from days since the sponsor's last touchpoint
    STAKEHOLDER_SUPPORT = "stakeholder_support"  # from the stakeholder map


class Anchors(Model):
    """What a rating of 0, 1, 3 and 5 means for one criterion (2 and 4 lie between)."""

    a0: Text = Field(alias="0")
    a1: Text = Field(alias="1")
    a3: Text = Field(alias="3")
    a5: Text = Field(alias="5")


class Criterion(Model):
    id: Id
    dimension: Id
    name: Name
    description: Text
    weight: float = Field(gt=0, le=100)
    anchors: Anchors
    derived: Derivation | None = None


class Dimension(Model):
    id: Id
    name: Name
    description: Text
    weight: float = Field(gt=0, le=100)


class GateRule(StrEnum):
    """A condition computed from the data that a gate check also needs, beyond the user's tick."""

    SPONSOR_WITHIN_DAYS = "sponsor_within_days"  # a named sponsor, touched within `parameter` days
    CHANGE_BUDGET_SHARE = "change_budget_share"  # change budget >= `parameter` x scale investment
    KPI_BASELINE = "kpi_baseline"  # KPI has a name, a baseline and a target


class GateCheck(Model):
    """One production-gate check: passed when ticked and its rule (if any) holds.

    `criteria` are the ratings that evidence it, so a failed check can point at what to fix.
    """

    id: Id
    name: Name
    description: Text
    criteria: list[Id] = Field(default_factory=list)
    rule: GateRule | None = None
    parameter: float = 0.0


class Signal(Model):
    """A failure mode shows when this criterion is rated at or below `at_most`."""

    criterion: Id
    at_most: int = Field(ge=0, le=5)


class FailureMode(Model):
    """A named reason pilots get stuck; it applies when `min_signals` of its signals show."""

    id: Id
    name: Name
    description: Text
    signals: list[Signal] = Field(min_length=1)
    min_signals: int = Field(default=1, ge=1)
    remedies: list[Id] = Field(min_length=1)


class Remedy(Model):
    """An action that lifts criteria ratings to at least the given level, taking `weeks`."""

    id: Id
    name: Name
    description: Text
    lifts: dict[Id, int] = Field(min_length=1)
    weeks: int = Field(ge=0, le=260)
    owner_role: Annotated[str, StringConstraints(max_length=200)] = ""


class BenefitBand(Model):
    """A benefit rating applies when NPV / scale investment reaches `min_ratio`."""

    min_ratio: float
    score: int = Field(ge=0, le=5)


class Derivations(Model):
    """Parameters of the derived criteria."""

    benefit_bands: list[BenefitBand] = Field(min_length=1)
    sponsor_full_days: int = Field(default=30, ge=0)
    sponsor_zero_days: int = Field(default=180, ge=1)


class Method(Model):
    id: Id
    name: Name
    version: Annotated[str, StringConstraints(max_length=40)] = "1"
    description: Text
    dimensions: list[Dimension]
    criteria: list[Criterion]
    thresholds: dict[Id, float]
    gates: list[GateCheck]
    failure_modes: list[FailureMode]
    remedies: list[Remedy]
    derivations: Derivations

    @model_validator(mode="after")
    def _check(self) -> Method:
        problems: list[str] = []
        dims = [d.id for d in self.dimensions]
        if sorted(dims) != sorted(DIMENSIONS):
            problems.append(f"dimensions: must be exactly {', '.join(DIMENSIONS)}, got {', '.join(dims)}")
        criteria = {c.id for c in self.criteria}
        if len(criteria) != len(self.criteria):
            problems.append("criteria: duplicate criterion id")
        for i, c in enumerate(self.criteria):
            if c.dimension not in DIMENSIONS:
                problems.append(f"criteria[{i}].dimension: unknown dimension {c.dimension!r}")
        for dim in DIMENSIONS:
            if not any(c.dimension == dim for c in self.criteria):
                problems.append(f"criteria: dimension {dim!r} has no criterion")
        missing = [k for k in THRESHOLD_KEYS if k not in self.thresholds]
        if missing:
            problems.append(f"thresholds: missing {', '.join(missing)}")
        for key, value in self.thresholds.items():
            if key not in THRESHOLD_KEYS:
                problems.append(f"thresholds.{key}: unknown threshold")
            elif not 0 <= value <= threshold_limit(key):
                problems.append(
                    f"thresholds.{key}: must be between 0 and {threshold_limit(key):g}, got {value:g}"
                )
        if len({g.id for g in self.gates}) != len(self.gates):
            problems.append("gates: duplicate gate id")
        for i, g in enumerate(self.gates):
            for j, ref in enumerate(g.criteria):
                if ref not in criteria:
                    problems.append(f"gates[{i}].criteria[{j}]: unknown criterion {ref!r}")
        remedies = {r.id for r in self.remedies}
        for i, r in enumerate(self.remedies):
            for ref, level in r.lifts.items():
                if ref not in criteria:
                    problems.append(f"remedies[{i}].lifts.{ref}: unknown criterion")
                if not 0 <= level <= 5:
                    problems.append(f"remedies[{i}].lifts.{ref}: level must be 0–5, got {level}")
        for i, fm in enumerate(self.failure_modes):
            for j, s in enumerate(fm.signals):
                if s.criterion not in criteria:
                    problems.append(
                        f"failure_modes[{i}].signals[{j}].criterion: unknown criterion {s.criterion!r}"
                    )
            for j, ref in enumerate(fm.remedies):
                if ref not in remedies:
                    problems.append(f"failure_modes[{i}].remedies[{j}]: unknown remedy {ref!r}")
            if fm.min_signals > len(fm.signals):
                problems.append(f"failure_modes[{i}].min_signals: more than its {len(fm.signals)} signals")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def criterion(self, criterion_id: str) -> Criterion:
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(f"unknown criterion {criterion_id!r}")

    def criteria_of(self, dimension: str) -> list[Criterion]:
        return [c for c in self.criteria if c.dimension == dimension]


class MethodError(LiftoffError):
    """A method file that cannot be used; the message names the file and the place."""


class Weights(Model):
    """The weights and thresholds in force: the method's defaults with the portfolio's overrides."""

    criteria: dict[Id, float]
    dimensions: dict[Id, float]
    thresholds: dict[Id, float]


def effective_weights(method: Method, portfolio: Portfolio) -> Weights:
    """Method defaults overlaid with the portfolio's overrides (unknown keys are ignored)."""
    choice = portfolio.method
    criteria = {c.id: choice.weights.get(c.id, c.weight) for c in method.criteria}
    dimensions = {d.id: choice.dimension_weights.get(d.id, d.weight) for d in method.dimensions}
    thresholds = {k: choice.thresholds.get(k, v) for k, v in method.thresholds.items()}
    return Weights(criteria=criteria, dimensions=dimensions, thresholds=thresholds)


def weight_shares(method: Method, weights: Weights) -> dict[str, dict[Id, float]]:
    """Each weight as a share (0–1) of its group: a dimension of all dimensions, a criterion of its
    dimension's criteria. A group whose weights add up to nothing has shares of 0."""

    def share(group: dict[Id, float]) -> dict[Id, float]:
        total = sum(group.values())
        return {key: (value / total if total > 0 else 0.0) for key, value in group.items()}

    criteria: dict[Id, float] = {}
    for d in method.dimensions:
        criteria.update(share({c.id: weights.criteria.get(c.id, 0.0) for c in method.criteria_of(d.id)}))
    return {"dimensions": share(dict(weights.dimensions)), "criteria": criteria}


def weight_problems(method: Method, choice: MethodChoice) -> list[str]:
    """Every set of weight overrides that leaves no score computable, each with its field path.

    The project file allows a criterion weight of 0 (it drops that criterion), but when every
    criterion of a dimension is weighted 0 the dimension score is a mean over nothing, and when every
    dimension is weighted 0 so is the composite; either would show as a silent 0. Both the overrides
    in force (``method``) and each named weight set (``method.weight_sets[k]``) are checked.
    """
    problems = zero_weight_problems(method, choice, "method")
    for k, ws in enumerate(choice.weight_sets):
        problems += zero_weight_problems(method, ws, f"method.weight_sets[{k}]")
    return problems


def zero_weight_problems(method: Method, overrides: MethodChoice | WeightSet, base: str = "") -> list[str]:
    """The problems of `weight_problems` for one set of overrides; paths start with `base`."""
    prefix = f"{base}." if base else ""
    problems: list[str] = []
    for dim in method.dimensions:
        criteria = method.criteria_of(dim.id)
        if all(overrides.weights.get(c.id, c.weight) <= 0 for c in criteria):
            ids = ", ".join(c.id for c in criteria)
            problems.append(
                f"{prefix}weights: every criterion of the {dim.id} dimension is weighted 0 ({ids}), "
                f"so no {dim.id} score can be computed; give at least one of them a weight above 0"
            )
    if all(overrides.dimension_weights.get(d.id, d.weight) <= 0 for d in method.dimensions):
        problems.append(
            f"{prefix}dimension_weights: every dimension is weighted 0, so no composite score can be "
            "computed; give at least one of value, readiness and sponsorship a weight above 0"
        )
    return problems


def parse_method(text: str | bytes, source: str = "method") -> Method:
    """Validate a method document; MethodError names `source` and the JSON path of each problem."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise MethodError(f"{source}: not valid JSON ({exc})") from None
    except RecursionError:
        raise MethodError(f"{source}: not a method file: the JSON is nested too deeply") from None
    except ValueError as exc:  # an integer with thousands of digits
        raise MethodError(f"{source}: not valid JSON ({exc})") from None
    try:
        return Method.model_validate(data)
    except ValidationError as exc:
        raise MethodError(f"{source}: {format_validation_error(exc)}") from None


def available_methods() -> list[str]:
    """Ids of the methods shipped in templates/methods."""
    return sorted(p.stem for p in (templates_dir() / "methods").glob("*.json"))


_cache: dict[str, Method] = {}
_METHOD_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")


def load_method(method_id: str = "pilot-to-production") -> Method:
    """The shipped method with this id (cached: methods are read-only once loaded)."""
    if method_id not in _cache:
        path = templates_dir() / "methods" / f"{method_id}.json"
        # an id is a plain name: "../x" or "/tmp/x" must not reach a file outside the methods folder
        if not _METHOD_ID.fullmatch(method_id) or not path.is_file():
            known = ", ".join(available_methods()) or "none"
            raise MethodError(f"unknown scoring method {method_id!r} (available: {known})")
        _cache[method_id] = load_method_file(path)
    return _cache[method_id]


def load_method_file(path: Path) -> Method:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MethodError(f"{path}: cannot read ({exc.strerror})") from None
    return parse_method(data, str(path))
