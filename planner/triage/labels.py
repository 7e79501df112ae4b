"""How the triage looks wherever it is shown: decision names and colours, the matrix's quadrant names.

The app's triage matrix and the pack's both read these, so a workshop on screen and a committee on
paper see the same picture: value on x, readiness on y, the same hues and the same quadrant names.
The quadrant names are built from the method's own names for value and readiness
(`quadrants(method)`), so a method that calls them "Payoff" and "Runnability" reads that way on the
matrix too. The hues are the Okabe–Ito palette, which stays distinguishable for colour-blind readers.
"""

from __future__ import annotations

from typing import NamedTuple

from planner.method import Method
from planner.model import Decision

DECISION_LABELS: dict[Decision, str] = {
    Decision.SCALE: "Scale",
    Decision.FIX_THEN_SCALE: "Fix then scale",
    Decision.SECURE_SPONSOR: "Secure sponsor",
    Decision.PIVOT: "Pivot",
    Decision.STOP: "Stop",
}

DECISION_HUES: dict[Decision, str] = {
    Decision.SCALE: "#009e73",
    Decision.FIX_THEN_SCALE: "#0072b2",
    Decision.SECURE_SPONSOR: "#e69f00",
    Decision.PIVOT: "#cc79a7",
    Decision.STOP: "#d55e00",
}


class Quadrants(NamedTuple):
    """Names of the four quadrants the value and readiness thresholds cut the matrix into."""

    top_left: str
    top_right: str
    bottom_left: str
    bottom_right: str


def quadrant_names(value: str, readiness: str) -> Quadrants:
    """The quadrant names for these words for value and readiness (as in a sentence: `term_of`)."""
    return Quadrants(
        top_left=f"Pivot: high {readiness}, low {value}",
        top_right="Scale candidates",
        bottom_left="Stop or re-think",
        bottom_right="Fix then scale",
    )


def quadrants(method: Method) -> Quadrants:
    """The quadrant names in `method`'s words."""
    return quadrant_names(method.dimension_term("value"), method.dimension_term("readiness"))


QUADRANTS = quadrant_names("value", "readiness")  # the shipped method's words


def quadrant(
    value: float, readiness: float, thresholds: dict[str, float], names: Quadrants = QUADRANTS
) -> str:
    """The name of the quadrant a pilot at (value, readiness) sits in, cut by the value and readiness
    thresholds in force (a score on a threshold counts as reaching it, as the decision rules do);
    `names`: the method's (`quadrants(method)`)."""
    strong = value >= thresholds.get("value", 60.0)
    sound = readiness >= thresholds.get("readiness", 60.0)
    if sound:
        return names.top_right if strong else names.top_left
    return names.bottom_right if strong else names.bottom_left
