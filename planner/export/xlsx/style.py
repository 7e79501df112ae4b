"""How the scorecard workbook shows decisions and states: the app's decision names and hues
(`planner.triage.labels`), with light tints of the hues behind text so it stays readable."""

from __future__ import annotations

from planner.model import Decision
from planner.triage.labels import DECISION_HUES, DECISION_LABELS

GREEN, RED, GREY, BLUE = "#C6EFCE", "#FFC7CE", "#E7E6E6", "#BDD7EE"


def tint(hue: str, share: float = 0.35) -> str:
    """`hue` (``#rrggbb``) mixed with white: `share` of the hue, the rest white."""
    rgb = [int(hue[k : k + 2], 16) for k in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02X}" for c in rgb)


def decision_label(decision: Decision | str) -> str:
    """A decision as every surface shows it ("Fix then scale")."""
    return DECISION_LABELS[Decision(decision)]


DECISIONS: tuple[Decision, ...] = tuple(DECISION_LABELS)
DECISION_TINTS: dict[str, str] = {DECISION_LABELS[d]: tint(DECISION_HUES[d]) for d in DECISIONS}
DECISION_COLOURS: dict[str, str] = {DECISION_LABELS[d]: DECISION_HUES[d].upper() for d in DECISIONS}
