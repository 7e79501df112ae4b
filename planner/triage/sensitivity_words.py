"""Weight sensitivity in words and as plain data: one wording for the command line, JSON, app and pack.

An interval of weights that changes nothing reads "from 6 to 64". When no weight up to the most a
person can set changes anything, it reads "up to the maximum (100)": the ranking or the decisions hold
all the way there (`planner.triage.sensitivity` never reports a change beyond what a person can set).

Numbers are rounded toward the current weight, never away from it: a change just below 5.6 leaves 6
as the lowest whole weight that changes nothing (5 would already change something), and a change above
64.7 leaves 64. Weights are set in whole steps, so the whole numbers shown are exactly the safe
settings; when no whole step fits (a weight set by pairwise comparison), tenths or hundredths are
used, still rounded inward.
"""

from __future__ import annotations

import math
from typing import Any

from planner.triage.sensitivity import Bound, Sensitivity, Stability, WeightSensitivity


def ends(stability: Stability) -> tuple[str, str]:
    """The two ends of the interval as text: a change rounded toward the current weight, an end of the
    settable range as it is."""
    lo, hi = stability.span
    for digits in range(3):  # decimals only when no whole step fits
        scale = 10**digits
        first = lo if stability.low.weight is None else math.ceil(round(lo * scale, 6)) / scale
        last = hi if stability.high.weight is None else math.floor(round(hi * scale, 6)) / scale
        if first <= last:
            return f"{first:g}", f"{last:g}"
    return f"{lo:.4g}", f"{hi:.4g}"  # narrower than a hundredth: as computed


def holds(stability: Stability) -> str:
    """Where the interval runs, in words: "from 6 to 64", "from 6 up to the maximum (100)".

    The low end is a plain number whether it is a change or the minimum (weights start at 1 and
    everyone sees that); the high end says when it is the maximum, so 100 is never read as a change.
    """
    first, last = ends(stability)
    end = f"up to the maximum ({last})" if stability.high.weight is None else f"to {last}"
    return f"from {first} {end}"


def compact(stability: Stability) -> str:
    """A few characters for a narrow column: "6–64", "6–max", "1–64", or "any" (nothing changes)."""
    if stability.low.weight is None and stability.high.weight is None:
        return "any"
    first, last = ends(stability)
    return f"{first}–{'max' if stability.high.weight is None else last}"


def beyond(bound: Bound, side: str) -> str:
    """What changes just past one end: "below 5.6: P-07 overtakes P-03"; "" when nothing does."""
    return "" if bound.weight is None else f"{side} {bound.weight:.3g}: {bound.change}"


def stability_dict(stability: Stability) -> dict[str, Any]:
    """One interval as JSON-ready data: exact ends, whether each holds to the end of the range, words."""
    lo, hi = stability.span
    return {
        "from": lo,
        "to": hi,
        "holds_down_to_minimum": stability.low.weight is None,
        "holds_up_to_maximum": stability.high.weight is None,
        "below": None if stability.low.weight is None else {"weight": lo, "change": stability.low.change},
        "above": None if stability.high.weight is None else {"weight": hi, "change": stability.high.change},
        "holds": holds(stability),
    }


def weight_dict(ws: WeightSensitivity) -> dict[str, Any]:
    return {
        "kind": ws.kind,
        "key": ws.key,
        "name": ws.name,
        "current": ws.current,
        "minimum": ws.ranking.minimum,
        "maximum": ws.ranking.maximum,
        "ranking": stability_dict(ws.ranking),
        "decisions": stability_dict(ws.decisions),
    }


def sensitivity_dict(result: Sensitivity) -> dict[str, Any]:
    return {
        "top": result.top,
        "top_ids": list(result.top_ids),
        "method": result.method,
        "weights": [weight_dict(ws) for ws in result.weights],
    }


def joint(ws: WeightSensitivity) -> Stability:
    """Where the top pilots and every decision both hold: the nearer change on each side."""

    def lowest_first(bound: Bound) -> float:
        return -math.inf if bound.weight is None else bound.weight

    def highest_last(bound: Bound) -> float:
        return math.inf if bound.weight is None else bound.weight

    r, d = ws.ranking, ws.decisions
    return Stability(
        low=max(r.low, d.low, key=lowest_first),
        high=min(r.high, d.high, key=highest_last),
        minimum=r.minimum,
        maximum=r.maximum,
    )


NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
                9: "nine", 10: "ten"}  # fmt: skip


def what_holds(ws: WeightSensitivity, top: int) -> str:
    """The joint interval as a sentence: "The top five and every decision hold while this weight stays
    within 14–46" (or "… at 14 or above, up to the maximum (100)", "… at 46 or below", "… wherever
    this weight is set")."""
    stability = joint(ws)
    subject = f"The top {NUMBER_WORDS.get(top, str(top))} and every decision hold"
    if stability.low.weight is None and stability.high.weight is None:
        return f"{subject} wherever this weight is set ({stability.minimum:g}–{stability.maximum:g})"
    first, last = ends(stability)
    if stability.high.weight is None:
        return f"{subject} while this weight stays at {first} or above, up to the maximum ({last})"
    if stability.low.weight is None:
        return f"{subject} while this weight stays at {last} or below"
    return f"{subject} while this weight stays within {first}–{last}"
