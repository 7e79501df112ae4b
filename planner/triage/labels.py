"""How the triage looks wherever it is shown: decision names and colours, the matrix's quadrant names.

The app's triage matrix and the pack's both read these, so a workshop on screen and a committee on
paper see the same picture: value on x, readiness on y, the same hues and the same quadrant names.
The hues are the Okabe–Ito palette, which stays distinguishable for colour-blind readers.
"""

from __future__ import annotations

from typing import NamedTuple

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


QUADRANTS = Quadrants(
    top_left="Pivot: sound tech, weak case",
    top_right="Scale candidates",
    bottom_left="Stop or re-think",
    bottom_right="Fix then scale",
)


def quadrant(value: float, readiness: float, thresholds: dict[str, float]) -> str:
    """The name of the quadrant a pilot at (value, readiness) sits in, cut by the value and readiness
    thresholds in force (a score on a threshold counts as reaching it, as the decision rules do)."""
    strong = value >= thresholds.get("value", 60.0)
    sound = readiness >= thresholds.get("readiness", 60.0)
    if sound:
        return QUADRANTS.top_right if strong else QUADRANTS.top_left
    return QUADRANTS.bottom_right if strong else QUADRANTS.bottom_left
