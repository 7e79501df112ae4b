"""The decision table: which rule fires for a pilot, and the rule in words with its numbers.

First match wins (thresholds from the method):

1. stop — value < stop_value; or months in pilot > stale_months and value < stale_value; `months`
   is NaN when it does not apply (no start date, or the pilot is scaling or in production already)
2. pivot — value < value (technically sound or not: a weak case is re-scoped first)
3. secure_sponsor — value ≥ value and sponsorship < sponsorship
4. fix_then_scale — value ≥ value and (readiness < readiness or a gate check fails)
5. scale — otherwise

The rules read the dimensions by their role (value, readiness, sponsorship); the reasons use the
method's own names for them. What a pilot's AI Act risk tier adds (a prohibited system stops, a
high-risk one waits for its obligations) is ``planner.triage.governance``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from planner.method import DIMENSIONS
from planner.model import Decision

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# rule codes: which row of the decision table fired
STOP_LOW, STOP_STALE, PIVOT, PIVOT_WEAK, SECURE_SPONSOR, FIX_READINESS, FIX_GATES, SCALE = range(8)
RULE_DECISION = (
    Decision.STOP,
    Decision.STOP,
    Decision.PIVOT,
    Decision.PIVOT,
    Decision.SECURE_SPONSOR,
    Decision.FIX_THEN_SCALE,
    Decision.FIX_THEN_SCALE,
    Decision.SCALE,
)


def decision_rules(
    dims: FloatArray, months: FloatArray, gates_ok: BoolArray, thresholds: Mapping[str, float]
) -> IntArray:
    """The rule code (STOP_LOW … SCALE) that fires first for every pilot; see the module docstring.

    `dims` is (..., 3); scores are compared after rounding to 9 decimals so that a score that is a
    threshold in exact arithmetic (e.g. 60) counts as reaching it whatever the summation order.
    """
    rounded = np.round(dims, 9)
    value, readiness, sponsorship = rounded[..., 0], rounded[..., 1], rounded[..., 2]
    t = thresholds
    with np.errstate(invalid="ignore"):
        stale = np.nan_to_num(months, nan=-np.inf) > t["stale_months"]
    strong = value >= t["value"]
    sound = readiness >= t["readiness"]
    conditions = [
        value < t["stop_value"],
        stale & (value < t["stale_value"]),
        ~strong & sound,
        ~strong,
        sponsorship < t["sponsorship"],
        ~sound,
        ~gates_ok,
    ]
    codes: IntArray = np.select(conditions, list(range(7)), default=SCALE).astype(np.int64)
    return codes


def _vs(x: float, limit: float) -> str:
    """x with enough decimals that a comparison with `limit` does not read as a tie."""
    text = f"{x:.1f}"
    return f"{x:.2f}" if text == f"{limit:.1f}" and x != limit else text


def rule_reason(
    code: int,
    dims: FloatArray,
    months: float,
    failed_gates: int,
    t: Mapping[str, float],
    terms: tuple[str, ...] = DIMENSIONS,
) -> str:
    """The decision rule `code` in words, with this pilot's numbers; `terms` are the method's words
    for value, readiness and sponsorship (``Method.dimension_term``)."""
    v, r, s = float(dims[0]), float(dims[1]), float(dims[2])
    vt, rt, st = terms
    if code == STOP_LOW:
        return f"stop: {vt} {_vs(v, t['stop_value'])} is below {t['stop_value']:g}"
    if code == STOP_STALE:
        return (
            f"stop: {months:.1f} months in pilot (over {t['stale_months']:g}) "
            f"with {vt} {_vs(v, t['stale_value'])} below {t['stale_value']:g}"
        )
    if code == PIVOT:
        return (
            f"pivot: {vt} {_vs(v, t['value'])} is below {t['value']:g} while {rt} "
            f"{_vs(r, t['readiness'])} reaches {t['readiness']:g}: sound technology, weak case — re-scope"
        )
    if code == PIVOT_WEAK:
        return (
            f"pivot: {vt} {_vs(v, t['value'])} is below {t['value']:g} and {rt} "
            f"{_vs(r, t['readiness'])} below {t['readiness']:g}: "
            f"re-scope the case before investing in {rt}"
        )
    if code == SECURE_SPONSOR:
        return (
            f"secure sponsor: {vt} {_vs(v, t['value'])} reaches {t['value']:g} but {st} "
            f"{_vs(s, t['sponsorship'])} is below {t['sponsorship']:g}"
        )
    if code == FIX_READINESS:
        return (
            f"fix then scale: {vt} {_vs(v, t['value'])} reaches {t['value']:g} but {rt} "
            f"{_vs(r, t['readiness'])} is below {t['readiness']:g}"
        )
    if code == FIX_GATES:
        return f"fix then scale: {vt}, {rt} and {st} reach their thresholds but " + (
            "1 production gate check fails"
            if failed_gates == 1
            else f"{failed_gates} production gate checks fail"
        )
    return (
        f"scale: {vt} {v:.1f}, {rt} {r:.1f} and {st} {s:.1f} reach their thresholds "
        "and every gate check passes"
    )
