"""The scoring method in force: the method a portfolio carries, and the weights and thresholds it uses.

A method is data (criteria, anchors, weights, thresholds, gates, failure modes, remedies, AI Act
obligations): its types and validation are in ``planner.method_schema``, reading and writing method
files in ``planner.method_files``; both are re-exported here, so ``from planner.method import
Method, load_method`` works as it always did.

**Which method scores a portfolio**: the one its project file carries
(``portfolio.method.definition``), so a file scores the same on every laptop whatever methods are
installed there; a portfolio that carries none (one that names a method it was never saved with)
uses the installed method its id names. `method_of` is that rule; every engine and surface calls it
rather than `load_method(portfolio.method.id)`.

The default method, ``pilot-to-production``, rates every criterion 0–5 against written anchors and
groups criteria into three dimensions (value, readiness, sponsorship). Some criteria are *derived*:
their rating is computed from other data (finance, sponsor touchpoints, the stakeholder map, other
criteria) instead of being typed.
"""

from __future__ import annotations

from planner.method_files import (
    MethodError,
    available_methods,
    installed_method,
    load_method,
    load_method_file,
    method_json,
    parse_method,
)
from planner.method_schema import (
    COMBINED,
    DEFAULT_METHOD,
    DIMENSION_ROLES,
    DIMENSIONS,
    THRESHOLD_KEYS,
    Anchors,
    BenefitBand,
    Criterion,
    Derivation,
    Derivations,
    Dimension,
    FailureMode,
    GateCheck,
    GateRule,
    Method,
    Obligation,
    Remedy,
    Signal,
    term_of,
    threshold_limit,
)
from planner.model import Id, MethodChoice, Model, Portfolio, WeightSet

__all__ = [
    "COMBINED",
    "DEFAULT_METHOD",
    "DIMENSIONS",
    "DIMENSION_ROLES",
    "THRESHOLD_KEYS",
    "Anchors",
    "BenefitBand",
    "Criterion",
    "Derivation",
    "Derivations",
    "Dimension",
    "FailureMode",
    "GateCheck",
    "GateRule",
    "Method",
    "MethodError",
    "Obligation",
    "Remedy",
    "Signal",
    "Weights",
    "available_methods",
    "effective_weights",
    "installed_method",
    "load_method",
    "load_method_file",
    "method_json",
    "method_of",
    "parse_method",
    "term_of",
    "threshold_limit",
    "weight_problems",
    "zero_weight_problems",
]


def method_of(portfolio: Portfolio) -> Method:
    """The method `portfolio` is scored with: the one it carries, else the installed one its id names.

    Raises MethodError (naming the id and the installed methods) when it carries none and none is
    installed by that id.
    """
    return portfolio.method.definition or load_method(portfolio.method.id)


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
                f"{prefix}weights: every criterion of the {term_of(dim.name)} dimension is weighted 0 "
                f"({ids}), so no {term_of(dim.name)} score can be computed; give at least one of them "
                "a weight above 0"
            )
    if all(overrides.dimension_weights.get(d.id, d.weight) <= 0 for d in method.dimensions):
        terms = [method.dimension_term(d) for d in DIMENSIONS]
        names = f"{', '.join(terms[:-1])} and {terms[-1]}"
        problems.append(
            f"{prefix}dimension_weights: every dimension is weighted 0, so no composite score can be "
            f"computed; give at least one of {names} a weight above 0"
        )
    return problems
