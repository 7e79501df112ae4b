"""Triage: dimension scores, composite, production gates, decisions and ranking.

- ``prepare(portfolio, method) -> Prepared``: everything that does not depend on weights or
  thresholds (rating matrix incl. derived ratings, gate results, months in pilot, blocked flags).
  Rebuild it after an edit to pilots, stakeholders, enablers or dependencies.
- ``rescore(prepared, weights) -> Scores``: the fast path for a weight or threshold change
  (numpy over the rating matrix).
- ``score(portfolio, method=None) -> Scores`` = ``rescore(prepare(...), effective_weights(...))``.
- ``planner.triage.explain.explain(prepared, weights, pilot_id)`` reads a `Prepared` and its `Scores`.

**Scores.** A dimension score is the weighted mean of its criteria ratings on 0–100:
``100 · Σ(w·r) / (5 · Σw)`` over the criteria of that dimension that are *assessed*. A typed rating
is its consensus (``planner.triage.consensus``: the facilitator's value, else the median of the
workshop's raters, else the single rating; one rater gives the same as a single rating). A typed
rating that is missing counts as 0 (no evidence, no credit). A derived rating that cannot be assessed
(stakeholder support with nobody linked to the pilot) is left out and the remaining weights
renormalise. The composite is the dimension scores weighted by the dimension weights. Example: ratings
4 (weight 3) and 2 (weight 1) give 100 · (3·4 + 1·2) / (5 · 4) = 70.

**Derived ratings** are computed in ``planner.triage.derived`` (gate checks too): ``benefit`` from NPV
over the scale investment through the method's benefit bands, ``sponsor_recency`` from days since the
sponsor's last touchpoint, ``stakeholder_support`` from ``planner.triage.support``.

**Decisions** (``planner.triage.decisions``; thresholds from the method; first match wins):

1. stop — value < stop_value; or months in pilot > stale_months and value < stale_value (months in
   pilot are counted only while the stage is idea, proof of concept or pilot)
2. pivot — value < value: a weak case is re-scoped before money goes into readiness, whether the
   pilot is technically sound (readiness ≥ readiness) or not. The design leaves "weak case, not
   sound, not yet stopped" open; fixing the engineering of a case that does not pay is the wrong
   move, and stopping is kept for the clear-cut rules above, so it is pivot.
3. secure_sponsor — value ≥ value and sponsorship < sponsorship
4. fix_then_scale — value ≥ value and (readiness < readiness or a gate check fails)
5. scale — otherwise

A user's override replaces the decision (the computed one is kept). Ranking is by composite,
best first; ties go by pilot name, then id. Months in pilot run from ``pilot_start`` to
``portfolio.as_of`` (days / 30.44); a pilot without a start date is never stale. A pilot is blocked
while a pilot it depends on is not in production or an enabler it needs is not ready.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from planner.method import DIMENSIONS, Derivation, Method, Weights, effective_weights
from planner.model import Decision, EnablerStatus, Portfolio, Stage
from planner.triage.consensus import RaterPanel
from planner.triage.decisions import RULE_DECISION, decision_rules, rule_reason
from planner.triage.derived import (
    GateResult,
    benefit_rating,
    clear_npv_cache,
    gate_result,
    pilot_npv,
    sponsor_recency_rating,
)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

__all__ = [
    "RULE_DECISION",
    "GateResult",
    "PilotScore",
    "Prepared",
    "ScoreTable",
    "Scores",
    "benefit_rating",
    "clear_npv_cache",
    "composite_scores",
    "decision_rules",
    "dimension_scores",
    "dimension_scores_of",
    "gate_result",
    "pilot_npv",
    "prepare",
    "rescore",
    "rule_reason",
    "score",
    "sponsor_recency_rating",
    "weight_vectors",
]

DAYS_PER_MONTH = 365.25 / 12
# Months in pilot count from the pilot's start while it is still being piloted. The model records no
# date for leaving the pilot, so a pilot in scaling, production or retired has no months in pilot: it
# cannot be stale in pilot, and the stale rule never stops it.
STILL_PILOTING = frozenset({Stage.IDEA, Stage.POC, Stage.PILOT})


@dataclass(frozen=True, slots=True)
class PilotScore:
    pilot: str
    value: float  # 0–100
    readiness: float  # 0–100
    sponsorship: float  # 0–100
    composite: float  # 0–100, dimension scores weighted by the dimension weights
    rank: int  # 1 = best composite
    gates_passed: int
    gates_total: int
    computed_decision: Decision  # by the method's rules
    decision: Decision  # the override's decision when overridden, else computed_decision
    overridden: bool
    decision_reason: str  # the rule that fired, in words, with the numbers
    blocked: bool  # some dependency (pilot or enabler) is not production-ready
    blocked_by: tuple[str, ...]  # ids of the dependencies that are not ready
    months_in_pilot: float | None  # None without a start date or once the pilot has left the pilot stage


@dataclass(frozen=True, slots=True)
class Scores:
    pilots: Mapping[str, PilotScore]  # by pilot id (rescore returns a lazily built ScoreTable)
    ranking: tuple[str, ...]  # pilot ids, best first
    tally: dict[Decision, int] = field(default_factory=dict)  # decisions after overrides
    vectors: ScoreVectors | None = field(default=None, compare=False, repr=False)  # from rescore


@dataclass(frozen=True, eq=False)
class ScoreVectors:
    """Every pilot's numbers as the arrays `rescore` computed them (row i = the portfolio's i-th
    pilot), for views that draw all pilots at once without building a `PilotScore` each."""

    dims: FloatArray  # (pilots, 3): value, readiness, sponsorship
    composite: FloatArray
    ranks: IntArray  # 1 = best
    decisions: IntArray  # index into tuple(Decision), after overrides


@dataclass(frozen=True, eq=False)
class Prepared:
    """The weight-independent part of scoring one portfolio with one method.

    Rows follow ``portfolio.pilots``; columns follow ``method.criteria``. ``ratings`` holds 0–5
    floats (derived ones may be fractional, a median of raters may end in .5); where ``assessed`` is
    False the rating is left out of its dimension. ``notes[i][criterion]`` says how a derived rating
    was obtained. ``panel`` holds every workshop rater's own value (NaN where they gave none).
    """

    portfolio: Portfolio
    method: Method
    pilot_ids: tuple[str, ...]
    criteria: tuple[str, ...]
    dimension_of: IntArray  # (criteria,) index into DIMENSIONS
    ratings: FloatArray  # (pilots, criteria)
    assessed: BoolArray  # (pilots, criteria)
    notes: tuple[dict[str, str], ...]
    gates: tuple[tuple[GateResult, ...], ...]
    gates_passed: IntArray  # (pilots,)
    months: FloatArray  # (pilots,), NaN when the pilot has no start date
    blocked_by: tuple[tuple[str, ...], ...]
    overrides: tuple[Decision | None, ...]
    tiebreak: IntArray  # (pilots,) position of the pilot when sorted by (name, id)
    index: dict[str, int]
    raters: tuple[str, ...] = ()  # the workshop's raters, in its order
    panel: FloatArray = field(default_factory=lambda: np.zeros((0, 0, 0)))  # (pilots, criteria, raters)

    @property
    def overrides_at(self) -> list[tuple[int, Decision]]:
        """(row, decision) of every overridden pilot."""
        return [(i, d) for i, d in enumerate(self.overrides) if d is not None]

    @property
    def gates_ok(self) -> BoolArray:
        return self.gates_passed == len(self.method.gates)

    def row(self, pilot_id: str) -> int:
        """Row of `pilot_id`; KeyError naming it if the portfolio has no such pilot."""
        try:
            return self.index[pilot_id]
        except KeyError:
            raise KeyError(f"unknown pilot {pilot_id!r}") from None


# ----------------------------------------------------------------------------------------------------
# prepare


def prepare(portfolio: Portfolio, method: Method) -> Prepared:
    """Rating matrix, gate results, months in pilot and blocked flags for every pilot (linear time).

    The cyclic garbage collector is paused meanwhile: preparing allocates many small objects and
    creates no reference cycles, and with a large portfolio alive each full collection rescans the
    whole heap, which made preparation grow faster than the number of pilots (10k/1k ratio ~16).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _prepare(portfolio, method)
    finally:
        if enabled:
            gc.enable()


def _prepare(portfolio: Portfolio, method: Method) -> Prepared:
    from planner.triage.support import support_rating_in

    pilots = portfolio.pilots
    crit_ids = tuple(c.id for c in method.criteria)
    n, m = len(pilots), len(crit_ids)
    ratings = np.zeros((n, m))
    assessed = np.ones((n, m), dtype=bool)
    notes: list[dict[str, str]] = []
    gates: list[tuple[GateResult, ...]] = []
    months = np.full(n, np.nan)
    as_of = portfolio.as_of
    status = {e.id: e.status for e in portfolio.enablers}
    people = {s.id: s for s in portfolio.stakeholders}
    stage = {p.id: p.stage for p in pilots}
    deps: dict[str, list[str]] = {}
    for dep in portfolio.dependencies:
        deps.setdefault(dep.pilot, []).append(dep.on)
    blocked_by: list[tuple[str, ...]] = []
    panel = RaterPanel(n, m, [r.id for r in portfolio.workshop.raters])

    for i, pilot in enumerate(pilots):
        pilot_notes: dict[str, str] = {}
        for j, crit in enumerate(method.criteria):
            if crit.derived is None:
                rating = pilot.ratings.get(crit.id)
                if rating is None:
                    continue
                if rating.raters:
                    panel.add(i, j, rating.raters, median=rating.consensus is None)
                if rating.consensus is not None:
                    ratings[i, j] = rating.consensus.score
                elif not rating.raters and rating.score is not None:
                    ratings[i, j] = rating.score
            elif crit.derived is Derivation.BENEFIT:
                npv = pilot_npv(pilot.financials, portfolio.finance)
                ratings[i, j], pilot_notes[crit.id] = benefit_rating(
                    npv, pilot.financials.scale_investment, method, portfolio.currency
                )
            elif crit.derived is Derivation.SPONSOR_RECENCY:
                ratings[i, j], pilot_notes[crit.id] = sponsor_recency_rating(pilot, as_of, method)
            else:
                support = support_rating_in(people, pilot)
                if support is None:
                    assessed[i, j] = False
                    pilot_notes[crit.id] = "not assessed: no stakeholders linked to the pilot"
                else:
                    ratings[i, j] = support
                    pilot_notes[crit.id] = "influence-weighted stance of the linked stakeholders"
        notes.append(pilot_notes)
        gates.append(tuple(gate_result(g, pilot, as_of, portfolio.currency) for g in method.gates))
        if pilot.pilot_start is not None and pilot.stage in STILL_PILOTING:
            months[i] = max(0, (as_of - pilot.pilot_start).days) / DAYS_PER_MONTH
        blocked_by.append(
            tuple(
                ref
                for ref in deps.get(pilot.id, [])
                if (ref in stage and stage[ref] is not Stage.PRODUCTION)
                or (ref in status and status[ref] is not EnablerStatus.READY)
            )
        )

    values = panel.values(ratings)
    order = sorted(range(n), key=lambda k: (pilots[k].name, pilots[k].id))
    tiebreak = np.empty(n, dtype=np.int64)
    tiebreak[order] = np.arange(n)
    return Prepared(
        portfolio=portfolio,
        method=method,
        pilot_ids=tuple(p.id for p in pilots),
        criteria=crit_ids,
        dimension_of=np.array([DIMENSIONS.index(c.dimension) for c in method.criteria], dtype=np.int64),
        ratings=ratings,
        assessed=assessed,
        notes=tuple(notes),
        gates=tuple(gates),
        gates_passed=np.array([sum(g.passed for g in row) for row in gates], dtype=np.int64),
        months=months,
        blocked_by=tuple(blocked_by),
        overrides=tuple(p.override.decision if p.override else None for p in pilots),
        tiebreak=tiebreak,
        index={p.id: i for i, p in enumerate(pilots)},
        raters=panel.raters,
        panel=values,
    )


# ----------------------------------------------------------------------------------------------------
# rescore


def weight_vectors(prepared: Prepared, weights: Weights) -> tuple[FloatArray, FloatArray]:
    """Criterion weights in column order and dimension weights in DIMENSIONS order.

    A criterion or dimension missing from `weights` keeps the method's default weight.
    """
    method = prepared.method
    w = np.array([weights.criteria.get(c.id, c.weight) for c in method.criteria], dtype=float)
    dims = {d.id: d.weight for d in method.dimensions}
    dw = np.array([weights.dimensions.get(d, dims[d]) for d in DIMENSIONS], dtype=float)
    return w, dw


def dimension_scores(prepared: Prepared, w: FloatArray) -> FloatArray:
    """(pilots, 3) scores 0–100: 100·Σ(w·r)/(5·Σw) over assessed criteria; 0 where none is weighted."""
    return dimension_scores_of(prepared.ratings, prepared.assessed, prepared.dimension_of, w)


def dimension_scores_of(
    ratings: FloatArray, assessed: BoolArray, dimension_of: IntArray, w: FloatArray
) -> FloatArray:
    """`dimension_scores` over explicit arrays (rows of pilots, columns of criteria)."""
    indicator = np.zeros((len(dimension_of), len(DIMENSIONS)))
    indicator[np.arange(len(dimension_of)), dimension_of] = 1.0
    aw = assessed * w
    num = (ratings * aw) @ indicator
    den = 5.0 * (aw @ indicator)
    out = np.divide(100.0 * num, den, out=np.zeros_like(num), where=den > 0)
    return np.clip(out, 0.0, 100.0)


def composite_scores(dims: FloatArray, dw: FloatArray) -> FloatArray:
    """Dimension scores weighted by the dimension weights (0 when all dimension weights are 0)."""
    total = float(dw.sum())
    if total <= 0:
        return np.zeros(dims.shape[0])
    return np.clip(dims @ dw / total, 0.0, 100.0)


def rescore(prepared: Prepared, weights: Weights) -> Scores:
    """Scores, decisions, ranking and tally for these weights and thresholds (vectorised).

    Numbers, decisions, ranking and tally are computed at once for all pilots; each pilot's
    `PilotScore` (with its reason in words) is built on first access and then kept, so a live
    re-rank of thousands of pilots does not pay for rows nobody looks at.
    """
    w, dw = weight_vectors(prepared, weights)
    dims = dimension_scores(prepared, w)
    composite = composite_scores(dims, dw)
    codes = decision_rules(dims, prepared.months, prepared.gates_ok, weights.thresholds)
    order = np.lexsort((prepared.tiebreak, -np.round(composite, 9)))
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = np.arange(1, len(order) + 1)
    decision_codes = np.array([_DECISION_CODE[d] for d in RULE_DECISION], dtype=np.int64)[codes]
    for i, override in prepared.overrides_at:
        decision_codes[i] = _DECISION_CODE[override]
    counts = np.bincount(decision_codes, minlength=len(_DECISIONS)).tolist()
    tally = {d: int(counts[k]) for k, d in enumerate(_DECISIONS)}

    gates_total = len(prepared.method.gates)
    thresholds = dict(weights.thresholds)

    def build(i: int) -> PilotScore:
        computed = RULE_DECISION[int(codes[i])]
        override = prepared.overrides[i]
        passed = int(prepared.gates_passed[i])
        months = float(prepared.months[i])
        return PilotScore(
            pilot=prepared.pilot_ids[i],
            value=float(dims[i, 0]),
            readiness=float(dims[i, 1]),
            sponsorship=float(dims[i, 2]),
            composite=float(composite[i]),
            rank=int(ranks[i]),
            gates_passed=passed,
            gates_total=gates_total,
            computed_decision=computed,
            decision=override if override is not None else computed,
            overridden=override is not None,
            decision_reason=rule_reason(int(codes[i]), dims[i], months, gates_total - passed, thresholds),
            blocked=bool(prepared.blocked_by[i]),
            blocked_by=prepared.blocked_by[i],
            months_in_pilot=None if np.isnan(months) else months,
        )

    ids = prepared.pilot_ids
    return Scores(
        pilots=ScoreTable(ids, prepared.index, build),
        ranking=tuple(ids[k] for k in order.tolist()),
        tally=tally,
        vectors=ScoreVectors(dims=dims, composite=composite, ranks=ranks, decisions=decision_codes),
    )


_DECISIONS = tuple(Decision)
_DECISION_CODE = {d: k for k, d in enumerate(_DECISIONS)}


class ScoreTable(Mapping[str, PilotScore]):
    """A read-only mapping pilot id → PilotScore whose entries are built on first access."""

    __slots__ = ("_build", "_cache", "_ids", "_index")

    def __init__(self, ids: tuple[str, ...], index: Mapping[str, int], build: Callable[[int], PilotScore]):
        self._ids = ids
        self._index = index
        self._build = build
        self._cache: dict[int, PilotScore] = {}

    def __getitem__(self, pilot_id: str) -> PilotScore:
        i = self._index[pilot_id]
        found = self._cache.get(i)
        if found is None:
            found = self._cache[i] = self._build(i)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        return f"ScoreTable({len(self._ids)} pilots)"


def score(portfolio: Portfolio, method: Method | None = None) -> Scores:
    """Score every pilot with `method` (default: the portfolio's method) and the portfolio's weights."""
    if method is None:
        from planner.method import load_method

        method = load_method(portfolio.method.id)
    return rescore(prepare(portfolio, method), effective_weights(method, portfolio))
