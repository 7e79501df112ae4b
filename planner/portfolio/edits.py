"""Pure edits of a portfolio: each takes a `Portfolio` and returns a new one, never mutating its input.

Because the input is left untouched, undo is exact: an undo command keeps the portfolio from before the
edit and the one after it, and swapping them back restores the domain state bit for bit. Unchanged
pilots, stakeholders and lists are shared between the two versions, so an edit costs one list copy, not
a deep copy of the whole portfolio.

Every edit validates what it changes and raises `EditError` with one plain sentence naming the pilot
and field. The edits the desktop app offers name the pilot as the user knows it, by its name in quotes
(``An override of “Invoice matching” needs a rationale: …``), not by its id::

    >>> after = set_rating(before, "P-07", "mlops", 4)
    >>> before.pilot("P-07").ratings.get("mlops") is after.pilot("P-07").ratings.get("mlops")
    False
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from planner.errors import LiftoffError, format_validation_error
from planner.method import THRESHOLD_KEYS, Method, threshold_limit, zero_weight_problems
from planner.model import (
    Decision,
    Evidence,
    Financials,
    Kpi,
    Override,
    Pilot,
    Portfolio,
    Rating,
    Snapshot,
    Stage,
    WeightSet,
    reference_problems,
)


class EditError(LiftoffError):
    """An edit that would make the portfolio invalid; the message names the pilot and field."""


EDITABLE_PILOT_FIELDS = frozenset(
    {
        "name",
        "description",
        "business_unit",
        "industry",
        "stage",
        "pilot_start",
        "owner",
        "sponsor",
        "sponsor_last_touchpoint",
        "notes",
    }
)


def _index(portfolio: Portfolio, pilot_id: str) -> int:
    for i, pilot in enumerate(portfolio.pilots):
        if pilot.id == pilot_id:
            return i
    raise EditError(f"unknown pilot {pilot_id!r}")


def _replace_pilot(portfolio: Portfolio, index: int, pilot: Pilot) -> Portfolio:
    pilots = list(portfolio.pilots)
    pilots[index] = pilot
    return portfolio.model_copy(update={"pilots": pilots})


def _rebuild(model_type: type[Any], data: Mapping[str, Any], where: str) -> Any:
    try:
        return model_type.model_validate(data)
    except ValidationError as exc:
        raise EditError(f"{where}: {format_validation_error(exc)}") from None


def _check_references(portfolio: Portfolio) -> Portfolio:
    problems = reference_problems(portfolio)
    if problems:
        raise EditError(problems[0])
    return portfolio


def update_pilot(portfolio: Portfolio, pilot_id: str, **changes: Any) -> Portfolio:
    """The portfolio with these top-level fields of one pilot replaced (validated, references checked).

    Only user-editable fields are accepted (`EDITABLE_PILOT_FIELDS`); the id cannot change here.
    """
    index = _index(portfolio, pilot_id)
    unknown = sorted(set(changes) - EDITABLE_PILOT_FIELDS)
    if unknown:
        raise EditError(f"pilot {pilot_id!r}: field {unknown[0]!r} cannot be edited this way")
    pilot = portfolio.pilots[index]
    data = dict(pilot)
    data.update(changes)
    new = _rebuild(Pilot, data, f"“{pilot.name}” was not changed")
    after = _replace_pilot(portfolio, index, new)
    if {"owner", "sponsor"} & set(changes):
        _check_references(after)
    return after


def typed_criterion(method: Method | None, where: str, criterion: str) -> None:
    """EditError unless `criterion` is a typed (not derived) criterion of `method` (None: not checked)."""
    if method is None:
        return
    try:
        crit = method.criterion(criterion)
    except KeyError:
        raise EditError(f"{where}: not a criterion of method {method.id!r}") from None
    if crit.derived is not None:
        raise EditError(f"{where}: derived from other data ({crit.derived.value}), not typed")


def check_score(where: str, score: object) -> int:
    """`score` when it is a whole number 0–5; EditError naming `where` otherwise."""
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 5:
        raise EditError(f"{where}: must be a whole number 0–5, got {score!r}")
    return score


def held(rating: Rating) -> Rating | None:
    """`rating`, or None when it no longer holds a score, a rater's value or a consensus."""
    if rating.score is None and not rating.raters and rating.consensus is None:
        return None
    return rating


def replace_rating(portfolio: Portfolio, index: int, criterion: str, rating: Rating | None) -> Portfolio:
    """The portfolio with pilot `index`'s rating of `criterion` replaced (None: removed)."""
    pilot = portfolio.pilots[index]
    ratings = dict(pilot.ratings)
    if rating is None:
        ratings.pop(criterion, None)
    else:
        ratings[criterion] = rating
    return _replace_pilot(portfolio, index, pilot.model_copy(update={"ratings": ratings}))


def set_rating(
    portfolio: Portfolio,
    pilot_id: str,
    criterion: str,
    score: int | None,
    evidence: Evidence | None = None,
    note: str | None = None,
    method: Method | None = None,
) -> Portfolio:
    """The portfolio with the pilot's single rating of a criterion set; `score=None` removes it.

    Evidence and note keep their previous values unless given. Workshop raters' values and the
    facilitator's consensus on the same criterion are kept as they are (a rating left holding
    nothing is removed, so the criterion is then unrated). When `method` is given, the criterion
    must exist in it and must not be derived (derived ratings are computed, not typed).
    """
    index = _index(portfolio, pilot_id)
    where = f"pilot {pilot_id!r} rating {criterion!r}"
    typed_criterion(method, where, criterion)
    old = portfolio.pilots[index].ratings.get(criterion)
    if score is None:
        after = None if old is None else held(old.model_copy(update={"score": None}))
        return replace_rating(portfolio, index, criterion, after)
    data: dict[str, Any] = {} if old is None else dict(old)
    data["score"] = check_score(where, score)
    if evidence is not None:
        data["evidence"] = Evidence(evidence)
    if note is not None:
        data["note"] = note
    return replace_rating(portfolio, index, criterion, _rebuild(Rating, data, where))


def set_evidence(portfolio: Portfolio, pilot_id: str, criterion: str, evidence: Evidence) -> Portfolio:
    """The portfolio with the evidence level of an existing single rating changed."""
    index = _index(portfolio, pilot_id)
    old = portfolio.pilots[index].ratings.get(criterion)
    if old is None or old.score is None:
        raise EditError(f"pilot {pilot_id!r} rating {criterion!r}: rate it before setting its evidence")
    rating = old.model_copy(update={"evidence": Evidence(evidence)})
    return replace_rating(portfolio, index, criterion, rating)


def set_gate(portfolio: Portfolio, pilot_id: str, gate: str, ticked: bool) -> Portfolio:
    """The portfolio with one gate check ticked or unticked."""
    index = _index(portfolio, pilot_id)
    pilot = portfolio.pilots[index]
    gates = dict(pilot.gates)
    gates[gate] = bool(ticked)
    return _replace_pilot(portfolio, index, pilot.model_copy(update={"gates": gates}))


def set_override(
    portfolio: Portfolio,
    pilot_id: str,
    decision: Decision | None,
    rationale: str = "",
    author: str = "",
) -> Portfolio:
    """The portfolio with the pilot's decision overridden, or the override removed (`decision=None`).

    An override without a written rationale is refused: the reason is what makes it defensible.
    """
    index = _index(portfolio, pilot_id)
    pilot = portfolio.pilots[index]
    override: Override | None = None
    if decision is not None:
        if not rationale.strip():
            raise EditError(
                f"An override of “{pilot.name}” needs a rationale: "
                "say why the method's decision does not apply."
            )
        override = _rebuild(
            Override,
            {"decision": decision, "rationale": rationale, "author": author, "decided": portfolio.as_of},
            f"The override of “{pilot.name}” was not applied",
        )
    return _replace_pilot(portfolio, index, pilot.model_copy(update={"override": override}))


def move_stage(portfolio: Portfolio, pilot_id: str, stage: Stage | str) -> Portfolio:
    """The portfolio with the pilot moved to another stage."""
    try:
        new_stage = Stage(stage)
    except ValueError:
        raise EditError(f"pilot {pilot_id!r} stage: unknown stage {stage!r}") from None
    return update_pilot(portfolio, pilot_id, stage=new_stage)


def set_kpi(portfolio: Portfolio, pilot_id: str, **changes: Any) -> Portfolio:
    """The portfolio with fields of the pilot's KPI replaced (validated)."""
    index = _index(portfolio, pilot_id)
    pilot = portfolio.pilots[index]
    kpi = _rebuild(Kpi, {**dict(pilot.kpi), **changes}, f"The KPI of “{pilot.name}” was not changed")
    return _replace_pilot(portfolio, index, pilot.model_copy(update={"kpi": kpi}))


def set_financials(portfolio: Portfolio, pilot_id: str, **changes: Any) -> Portfolio:
    """The portfolio with fields of the pilot's financials replaced (validated: amounts are ≥ 0)."""
    index = _index(portfolio, pilot_id)
    pilot = portfolio.pilots[index]
    where = f"The finances of “{pilot.name}” were not changed"
    fin = _rebuild(Financials, {**dict(pilot.financials), **changes}, where)
    return _replace_pilot(portfolio, index, pilot.model_copy(update={"financials": fin}))


def add_pilot(portfolio: Portfolio, pilot: Pilot, index: int | None = None) -> Portfolio:
    """The portfolio with a pilot inserted at `index` (default: at the end); its id must be new."""
    if any(p.id == pilot.id for p in portfolio.pilots) or any(e.id == pilot.id for e in portfolio.enablers):
        raise EditError(f"pilot id {pilot.id!r} is already used")
    pilots = list(portfolio.pilots)
    pilots.insert(len(pilots) if index is None else index, pilot)
    return _check_references(portfolio.model_copy(update={"pilots": pilots}))


def remove_pilots(portfolio: Portfolio, pilot_ids: set[str] | frozenset[str]) -> Portfolio:
    """The portfolio without these pilots and without every dependency that names them."""
    for pilot_id in pilot_ids:
        _index(portfolio, pilot_id)
    pilots = [p for p in portfolio.pilots if p.id not in pilot_ids]
    deps = [d for d in portfolio.dependencies if d.pilot not in pilot_ids and d.on not in pilot_ids]
    return portfolio.model_copy(update={"pilots": pilots, "dependencies": deps})


def new_pilot_id(portfolio: Portfolio, prefix: str = "P-") -> str:
    """An id of the form ``P-<n>`` not used by any pilot or enabler."""
    used = {p.id for p in portfolio.pilots} | {e.id for e in portfolio.enablers}
    n = len(portfolio.pilots) + 1
    while f"{prefix}{n:02d}" in used:
        n += 1
    return f"{prefix}{n:02d}"


# --- weights and thresholds -------------------------------------------------------------------------


def _choice(portfolio: Portfolio, **changes: Any) -> Portfolio:
    choice = portfolio.method.model_copy(update=changes)
    return portfolio.model_copy(update={"method": choice})


def set_weight(portfolio: Portfolio, method: Method, criterion: str, weight: float) -> Portfolio:
    """The portfolio with a criterion weight overridden (0 < weight ≤ 100)."""
    try:
        method.criterion(criterion)
    except KeyError:
        raise EditError(f"weight {criterion!r}: not a criterion of method {method.id!r}") from None
    _check_weight(f"weight {criterion!r}", weight)
    return _choice(portfolio, weights={**portfolio.method.weights, criterion: float(weight)})


def set_dimension_weight(portfolio: Portfolio, method: Method, dimension: str, weight: float) -> Portfolio:
    """The portfolio with a dimension weight overridden (0 < weight ≤ 100)."""
    if dimension not in {d.id for d in method.dimensions}:
        raise EditError(f"dimension weight {dimension!r}: not a dimension of method {method.id!r}")
    _check_weight(f"dimension weight {dimension!r}", weight)
    dims = {**portfolio.method.dimension_weights, dimension: float(weight)}
    return _choice(portfolio, dimension_weights=dims)


def set_threshold(portfolio: Portfolio, key: str, value: float) -> Portfolio:
    """The portfolio with a decision threshold overridden (a score 0–100, or months 0–120)."""
    if key not in THRESHOLD_KEYS:
        raise EditError(f"threshold {key!r}: unknown (known: {', '.join(THRESHOLD_KEYS)})")
    top = threshold_limit(key)
    if not 0 <= value <= top:
        raise EditError(f"threshold {key!r}: must be between 0 and {top:g}, got {value:g}")
    return _choice(portfolio, thresholds={**portfolio.method.thresholds, key: float(value)})


def _check_weight(where: str, weight: float) -> None:
    if not 0 < weight <= 100:
        raise EditError(f"{where}: must be above 0 and at most 100, got {weight:g}")


def reset_weights(portfolio: Portfolio) -> Portfolio:
    """The portfolio back on the method's default weights and thresholds (named sets are kept)."""
    return _choice(portfolio, weights={}, dimension_weights={}, thresholds={})


def save_weight_set(portfolio: Portfolio, name: str) -> Portfolio:
    """The portfolio with the weights in force saved under `name` (replacing a set of that name)."""
    choice = portfolio.method
    ws = _rebuild(
        WeightSet,
        {
            "name": name,
            "weights": dict(choice.weights),
            "dimension_weights": dict(choice.dimension_weights),
            "thresholds": dict(choice.thresholds),
        },
        "weight set",
    )
    sets = [s for s in choice.weight_sets if s.name != ws.name] + [ws]
    return _choice(portfolio, weight_sets=sets)


def apply_weight_set(portfolio: Portfolio, method: Method, name: str) -> Portfolio:
    """The portfolio using the weights and thresholds of the named set.

    Refused when the set would weight every criterion of a dimension (or every dimension) 0: no score
    could then be computed (see ``planner.method.zero_weight_problems``).
    """
    for ws in portfolio.method.weight_sets:
        if ws.name == name:
            after = _choice(
                portfolio,
                weights=dict(ws.weights),
                dimension_weights=dict(ws.dimension_weights),
                thresholds=dict(ws.thresholds),
            )
            problems = zero_weight_problems(method, ws)
            if problems:
                raise EditError(f"the weight set “{name}” cannot be used: {problems[0]}")
            return after
    raise EditError(_no_weight_set(name))


def delete_weight_set(portfolio: Portfolio, name: str) -> Portfolio:
    """The portfolio without the named weight set."""
    sets = [s for s in portfolio.method.weight_sets if s.name != name]
    if len(sets) == len(portfolio.method.weight_sets):
        raise EditError(_no_weight_set(name))
    return _choice(portfolio, weight_sets=sets)


def _no_weight_set(name: str) -> str:
    return f"there is no weight set called “{name}”"


def set_weights(portfolio: Portfolio, method: Method, weights: Mapping[str, float]) -> Portfolio:
    """The portfolio with several criterion weights overridden at once (e.g. from an AHP dialog)."""
    after = portfolio
    for criterion, weight in weights.items():
        after = set_weight(after, method, criterion, weight)
    return after


def add_snapshot(portfolio: Portfolio, snapshot: Snapshot) -> Portfolio:
    """The portfolio with a recorded snapshot appended (its id must be new)."""
    if any(s.id == snapshot.id for s in portfolio.snapshots):
        raise EditError(f"snapshot id {snapshot.id!r} is already used")
    return portfolio.model_copy(update={"snapshots": [*portfolio.snapshots, snapshot]})
