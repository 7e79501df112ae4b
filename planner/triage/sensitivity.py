"""How far each weight can move before the top of the ranking or a decision changes.

For every criterion weight and every dimension weight, all other weights fixed, ``sensitivity``
reports the interval of that weight over which

- the top of the ranking (the first ``top`` pilot ids, in order) stays the same, and
- every pilot's decision stays the same (overridden pilots keep their override, so never change),

with the nearest change on each side and what it is ("P-07 overtakes P-03", "P-02: scale →
fix then scale"). Only weights a person can set count: from `WEIGHT_MIN` to `WEIGHT_MAX` (the app's
sliders; the project file stops at 100 too), widened to take in the current weight when a file or a
pairwise weighting put it outside. A side with no change within that range is reported as None: the
ranking or the decisions hold up to the maximum (or down to the minimum). A change beyond the range
(say at 206.7 when a weight stops at 100) is no change anyone can make, so it is not reported.

**Exact, not sampled.** Moving one weight t, each pilot's dimension score is a ratio of linear
functions of t, ``(p + q·t) / (b + t)``, and so is its composite (``C + g·(p + q·t)/(b + t)``). Two
pilots swap places only where their composites are equal, which after multiplying out is a quadratic
in t; a decision flips only where a dimension score meets a threshold, which is linear in t. All these
crossing points are solved in closed form; the ranking and decisions are then evaluated between
consecutive crossing points (where they are constant), walking outward from the current weight, and
the first crossing after which something differs is the bound. Bounds are therefore exact up to
floating-point rounding of the roots (relative error around 1e-12). The interval is open: a tie exactly
at a bound, or exactly at an end of the settable range, is not counted as a change.

Example: a dimension with v_kpi (weight t) and v_benefit (weight 1): pilot A rated 5 and 0 scores
100·5t/(5(t + 1)), pilot B rated 2 and 5 scores 100·(2t + 5)/(5(t + 1)); they tie at 100t = 40t + 100,
t = 5/3. Below 5/3 B leads, above it A.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from planner.method import DIMENSIONS, Weights
from planner.triage.scoring import (
    RULE_DECISION,
    FloatArray,
    IntArray,
    Prepared,
    composite_scores,
    decision_rules,
    dimension_scores,
    weight_vectors,
)

Kind = Literal["criterion", "dimension"]
State = Callable[[FloatArray], IntArray]
Same = Callable[[IntArray, IntArray], bool]
Describe = Callable[[IntArray, IntArray], str]
_DECISIONS = tuple(dict.fromkeys(RULE_DECISION))
_DECISION_OF_RULE = np.array([_DECISIONS.index(d) for d in RULE_DECISION], dtype=np.int64)
METHOD_NOTE = (
    "exact: crossing points of composites and of dimension scores with thresholds are solved in closed "
    "form (quadratic and linear in the weight); the ranking and decisions are checked between them"
)
_CHUNK = 256
WEIGHT_MIN, WEIGHT_MAX = 1, 100  # the range a person sets a weight in (see the module docstring)
# which thresholds each dimension's score is compared with
_THRESHOLDS_OF = {
    "value": ("stop_value", "stale_value", "value"),
    "readiness": ("readiness",),
    "sponsorship": ("sponsorship",),
}


@dataclass(frozen=True, slots=True)
class Bound:
    weight: float | None  # where the nearest change happens; None: no change on this side
    change: str  # what is different just beyond `weight`; "" when weight is None


@dataclass(frozen=True, slots=True)
class Stability:
    low: Bound  # nearest change below the current weight; None: holds down to `minimum`
    high: Bound  # nearest change above the current weight; None: holds up to `maximum`
    minimum: float = WEIGHT_MIN  # the settable range the interval was searched in
    maximum: float = WEIGHT_MAX

    @property
    def span(self) -> tuple[float, float]:
        """The interval of weights that change nothing, within the settable range."""
        low, high = self.low.weight, self.high.weight
        return (self.minimum if low is None else low, self.maximum if high is None else high)


@dataclass(frozen=True, slots=True)
class WeightSensitivity:
    kind: Kind
    key: str  # criterion or dimension id
    name: str
    current: float
    ranking: Stability  # the top pilots, in order
    decisions: Stability  # every pilot's decision


@dataclass(frozen=True, slots=True)
class Sensitivity:
    top: int
    top_ids: tuple[str, ...]  # the current top of the ranking
    weights: tuple[WeightSensitivity, ...]  # criteria in method order, then dimensions
    method: str = METHOD_NOTE


@dataclass(frozen=True, slots=True)
class _Curves:
    """composite_i(t) = C_i + g·(p_i + q_i·t)/(b_i + t); the moving dimension `dim` is the ratio part."""

    C: FloatArray
    g: float
    p: FloatArray
    q: FloatArray
    b: FloatArray
    dim: int | None  # the dimension whose score moves with t (None for a dimension weight)


def sensitivity(prepared: Prepared, weights: Weights, top: int = 5) -> Sensitivity:
    """Stability intervals of every criterion and dimension weight (see the module docstring)."""
    method = prepared.method
    w, dw = weight_vectors(prepared, weights)
    dims = dimension_scores(prepared, w)
    composite = composite_scores(dims, dw)
    top_now = _top(composite[None, :], prepared.tiebreak, top)[0]
    results = [weight_sensitivity(prepared, weights, "criterion", c.id, top) for c in method.criteria]
    results += [weight_sensitivity(prepared, weights, "dimension", d.id, top) for d in method.dimensions]
    return Sensitivity(top, tuple(prepared.pilot_ids[k] for k in top_now), tuple(results))


def weight_sensitivity(
    prepared: Prepared, weights: Weights, kind: Kind, key: str, top: int = 5
) -> WeightSensitivity:
    """Stability interval of one weight; KeyError naming `key` if the method has no such weight."""
    method = prepared.method
    w, dw = weight_vectors(prepared, weights)
    dims = dimension_scores(prepared, w)
    if kind == "criterion":
        if key not in prepared.criteria:
            raise KeyError(f"unknown criterion {key!r}")
        k = prepared.criteria.index(key)
        current, name = float(w[k]), method.criterion(key).name
        curves = _criterion_curves(prepared, w, dw, dims, k)
    else:
        if key not in DIMENSIONS:
            raise KeyError(f"unknown dimension {key!r}")
        k = DIMENSIONS.index(key)
        current = float(dw[k])
        name = next(d.name for d in method.dimensions if d.id == key)
        curves = _dimension_curves(dw, dims, k)

    settable = (min(WEIGHT_MIN, current), max(WEIGHT_MAX, current))
    thresholds = dict(weights.thresholds)
    ids = prepared.pilot_ids
    free = np.array([d is None for d in prepared.overrides], dtype=bool)

    def rank_state(ts: FloatArray) -> IntArray:
        return _top(_composites(curves, ts), prepared.tiebreak, top)

    def decision_state(ts: FloatArray) -> IntArray:
        assert curves.dim is not None
        moving = np.repeat(dims[None, :, :], len(ts), axis=0)
        moving[:, :, curves.dim] = _ratio(curves, ts)
        codes = decision_rules(moving, prepared.months, prepared.gates_ok, thresholds)
        return np.asarray(_DECISION_OF_RULE[codes], dtype=np.int64)

    def describe_rank(old: IntArray, new: IntArray) -> str:
        return _rank_change([ids[i] for i in old], [ids[i] for i in new], top)

    def describe_decisions(old: IntArray, new: IntArray) -> str:
        changed = np.flatnonzero((old != new) & free)
        return ", ".join(f"{ids[i]}: {_word(old[i])} → {_word(new[i])}" for i in changed)

    crossings = _pair_crossings(curves)
    ranking = _stability(
        current, settable, crossings, rank_state, lambda a, b: bool(np.array_equal(a, b)), describe_rank
    )
    if curves.dim is None:
        decisions = Stability(Bound(None, ""), Bound(None, ""), *settable)
    else:
        levels = [thresholds[t] for t in _THRESHOLDS_OF[DIMENSIONS[curves.dim]]]
        decisions = _stability(
            current,
            settable,
            _threshold_crossings(curves, levels),
            decision_state,
            lambda a, b: bool(np.array_equal(a[free], b[free])),
            describe_decisions,
        )
    return WeightSensitivity(kind, key, name, current, ranking, decisions)


# ----------------------------------------------------------------------------------------------------
# curves


def _criterion_curves(prepared: Prepared, w: FloatArray, dw: FloatArray, dims: FloatArray, k: int) -> _Curves:
    d = int(prepared.dimension_of[k])
    in_dim = prepared.dimension_of == d
    others = in_dim.copy()
    others[k] = False
    aw = prepared.assessed[:, others] * w[others]
    a = (prepared.ratings[:, others] * aw).sum(axis=1)
    b = aw.sum(axis=1)
    assessed = prepared.assessed[:, k]
    # an unassessed criterion leaves the dimension score constant: (S + S·t)/(1 + t) = S
    p = np.where(assessed, 20.0 * a, dims[:, d])
    q = np.where(assessed, 20.0 * prepared.ratings[:, k], dims[:, d])
    b = np.where(assessed, b, 1.0)
    total = float(dw.sum())
    if total <= 0:
        zeros = np.zeros(len(p))
        return _Curves(zeros, 0.0, p, q, b, d)
    rest = np.delete(np.arange(len(DIMENSIONS)), d)
    C = dims[:, rest] @ dw[rest] / total
    return _Curves(C, float(dw[d]) / total, p, q, b, d)


def _dimension_curves(dw: FloatArray, dims: FloatArray, k: int) -> _Curves:
    rest = np.delete(np.arange(len(DIMENSIONS)), k)
    n = dims.shape[0]
    return _Curves(
        C=np.zeros(n),
        g=1.0,
        p=dims[:, rest] @ dw[rest],
        q=dims[:, k].copy(),
        b=np.full(n, float(dw[rest].sum())),
        dim=None,
    )


def _ratio(c: _Curves, ts: FloatArray) -> FloatArray:
    """(len(ts), pilots) values of (p + q·t)/(b + t); 0 where nothing is weighted (b + t = 0)."""
    t = ts[:, None]
    num = c.p + c.q * t
    den = np.broadcast_to(c.b + t, num.shape)
    return np.divide(num, den, out=np.zeros(num.shape), where=den > 0)


def _composites(c: _Curves, ts: FloatArray) -> FloatArray:
    return np.asarray(c.C + c.g * _ratio(c, ts), dtype=float)


def _top(composites: FloatArray, tiebreak: IntArray, top: int) -> IntArray:
    """(rows, top) pilot rows best first: composite descending, then name/id order, as in rescore."""
    keys = np.broadcast_to(tiebreak, composites.shape)
    order = np.lexsort((keys, -np.round(composites, 9)), axis=-1)
    return np.asarray(order[:, :top], dtype=np.int64)


# ----------------------------------------------------------------------------------------------------
# crossing points


def _pair_crossings(c: _Curves) -> FloatArray:
    """Every t > 0 where two pilots' composites are equal (roots of a quadratic per pair)."""
    i, j = np.triu_indices(len(c.p), k=1)
    dC = c.C[i] - c.C[j]
    A = dC + c.g * (c.q[i] - c.q[j])
    B = dC * (c.b[i] + c.b[j]) + c.g * (c.p[i] + c.q[i] * c.b[j] - c.p[j] - c.q[j] * c.b[i])
    C0 = dC * c.b[i] * c.b[j] + c.g * (c.p[i] * c.b[j] - c.p[j] * c.b[i])
    return _positive_roots(A, B, C0)


def _threshold_crossings(c: _Curves, levels: list[float]) -> FloatArray:
    """Every t > 0 where the moving dimension score meets a threshold: p + q·t = T·(b + t)."""
    roots = []
    for level in levels:
        denom = c.q - level
        with np.errstate(divide="ignore", invalid="ignore"):
            t = (level * c.b - c.p) / denom
        roots.append(t[np.abs(denom) > 1e-12])
    found = np.concatenate(roots) if roots else np.zeros(0)
    return np.unique(found[np.isfinite(found) & (found > 0)])


def _positive_roots(A: FloatArray, B: FloatArray, C: FloatArray) -> FloatArray:
    """Positive real roots of A·t² + B·t + C = 0, element-wise; identical curves give none."""
    scale = np.maximum(np.maximum(np.abs(A), np.abs(B)), np.abs(C))
    quad = np.abs(A) > 1e-12 * scale
    lin = ~quad & (np.abs(B) > 1e-12 * scale)
    roots = [-C[lin] / B[lin]]
    Aq, Bq, Cq = A[quad], B[quad], C[quad]
    disc = Bq * Bq - 4 * Aq * Cq
    real = disc >= 0
    sq = np.sqrt(disc[real])
    Aq, Bq, Cq = Aq[real], Bq[real], Cq[real]
    # numerically stable pair: q = -(B + sign(B)·√disc)/2, roots q/A and C/q
    qq = -0.5 * (Bq + np.where(Bq >= 0, 1.0, -1.0) * sq)
    with np.errstate(divide="ignore", invalid="ignore"):
        roots += [qq / Aq, Cq / qq]
    found = np.concatenate(roots)
    return np.unique(found[np.isfinite(found) & (found > 0)])


# ----------------------------------------------------------------------------------------------------
# walking outward


def _stability(
    current: float,
    settable: tuple[float, float],
    crossings: FloatArray,
    state: State,
    same: Same,
    describe: Describe,
) -> Stability:
    """Nearest crossing on each side, within `settable`, after which `state` differs from `current`'s.

    The state is constant between consecutive crossings, so one probe per interval decides it. A
    crossing at the current weight itself (a tie or a score exactly on a threshold now) bounds the
    interval at the current weight when the state just beside it differs. Crossings at or beyond an
    end of the settable range are never reached, so they are dropped before the walk.
    """
    lowest, highest = settable
    here = state(np.array([current]))[0]
    tol = 1e-12 * max(1.0, current)
    edge = 1e-12 * max(1.0, highest)
    above = crossings[(crossings > current + tol) & (crossings < highest - edge)]
    below = crossings[(crossings < current - tol) & (crossings > lowest + edge)][::-1]
    # interval k going up is (ends_up[k], above[k]); the last one ends at the highest settable weight
    ends_up = np.concatenate(([current], above))
    probes_up = (ends_up + np.append(above, highest)) / 2
    # interval k going down is (below[k], ends_down[k]); the last one ends at the lowest settable weight
    ends_down = np.concatenate(([current], below))
    probes_down = (ends_down + np.append(below, lowest)) / 2
    return Stability(
        low=_first_change(ends_down, probes_down, here, state, same, describe)
        if current > lowest
        else Bound(None, ""),
        high=_first_change(ends_up, probes_up, here, state, same, describe)
        if current < highest
        else Bound(None, ""),
        minimum=lowest,
        maximum=highest,
    )


def _first_change(
    ends: FloatArray, probes: FloatArray, here: IntArray, state: State, same: Same, describe: Describe
) -> Bound:
    """Walk the intervals outward; the bound is the near end of the first one whose state differs."""
    for start in range(0, len(probes), _CHUNK):
        states = state(probes[start : start + _CHUNK])
        for offset, new in enumerate(states):
            if not same(here, new):
                return Bound(float(ends[start + offset]), describe(here, new))
    return Bound(None, "")


def _word(code: np.int64) -> str:
    """A decision as people read it: "fix then scale"."""
    return _DECISIONS[int(code)].value.replace("_", " ")


def _rank_change(old: list[str], new: list[str], top: int) -> str:
    """The first difference between two top lists, in words."""
    entering = [x for x in new if x not in old]
    leaving = [x for x in old if x not in new]
    if entering:
        return f"{entering[0]} enters the top {top}, {leaving[0]} drops out"
    for a, b in zip(old, new, strict=True):
        if a != b:
            return f"{b} overtakes {a}"
    return ""
