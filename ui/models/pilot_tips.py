"""The portfolio table's tooltips: what a cell's number is made of, in words, computed on hover."""

from __future__ import annotations

from typing import Any

from planner.model import Enabler, Pilot
from ui.theme import DECISION_LABELS


def tooltip(model: Any, key: str, pilot_id: str) -> str | None:
    """The tooltip of one cell, computed when the pointer rests on it (explanations are cached)."""
    score = model.doc.scores().pilots.get(pilot_id)
    if score is None:
        return None
    if key in ("composite", "rank"):
        return _composite_tip(model, pilot_id, score.rank)
    if key in ("value", "readiness", "sponsorship"):
        return _dimension_tip(model, pilot_id, key)
    if key == "decision":
        extra = " (overridden: see the pilot's rationale)" if score.overridden else ""
        return f"{DECISION_LABELS[score.decision]}{extra}\n{score.decision_reason}"
    if key == "gates":
        return f"{score.gates_passed} of {score.gates_total} production gate checks pass"
    if key == "blocked" and score.blocked:
        return "Waiting for dependencies that are not production-ready:\n" + "\n".join(
            "• " + _dependency_state(model, d) for d in score.blocked_by
        )
    if key == "npv":
        return "Net present value of scaling, over the portfolio's horizon and discount rate"
    pilot = model.doc.portfolio.pilot(pilot_id)
    if key == "months":
        if score.months_in_pilot is None or pilot.pilot_start is None:
            return "No pilot start date: months in pilot are unknown"
        stale = model.doc.weights().thresholds.get("stale_months")
        limit = f"; a weak case is stopped after {stale:g} months" if stale is not None else ""
        return f"In pilot {score.months_in_pilot:.0f} months, since {pilot.pilot_start:%d %b %Y}{limit}"
    if key == "stage":
        return f"{pilot.stage.value.capitalize()} stage. Double-click to move the pilot to another stage"
    if key in ("name", "unit"):
        lines = [f"{pilot.name} ({pilot.id}) · {pilot.business_unit or 'no business unit'}"]
        if pilot.sponsor:
            sponsor = next((s for s in model.doc.portfolio.stakeholders if s.id == pilot.sponsor), None)
            lines.append(f"Sponsor: {sponsor.name if sponsor else pilot.sponsor}")
        if pilot.notes:
            lines.append(f"Notes: {pilot.notes[:200]}")
        lines.append("Double-click or F2 to edit")
        return "\n".join(lines)
    return None


def _composite_tip(model: Any, pilot_id: str, rank: int) -> str:
    exp = model.doc.explain(pilot_id)
    weights = model.doc.weights().dimensions
    total = sum(weights.values()) or 1.0
    parts = [
        f"{d.name} {getattr(exp, d.id):.0f} × {weights.get(d.id, 0) / total:.0%}"
        for d in model.doc.method.dimensions
    ]
    lines = [
        f"Composite {exp.composite:.1f} = " + " + ".join(parts),
        f"Rank {rank} of {len(model.doc.scores().ranking)}",
    ]
    if exp.largest_gaps:
        lines.append("Largest gaps (composite points a rating of 5 would add):")
        lines += [f"• {c.name}: {c.composite_gap:.1f}" for c in exp.largest_gaps]
    return "\n".join(lines)


def _dimension_tip(model: Any, pilot_id: str, dimension: str) -> str:
    exp = model.doc.explain(pilot_id)
    name = next((d.name for d in model.doc.method.dimensions if d.id == dimension), dimension)
    lines = [f"{name} {getattr(exp, dimension):.1f} of 100, from its criteria (points added · gap to a 5):"]
    for c in exp.contributions:
        if c.dimension == dimension:
            rating = "not assessed" if c.rating is None else f"rated {_rating_text(c.rating, c.evidence)}"
            lines.append(f"• {c.name}: {rating}, +{c.points:.1f} · gap {c.gap:.1f}")
    return "\n".join(lines)


def _dependency_state(model: Any, item_id: str) -> str:
    item = model.dependency(item_id)
    if isinstance(item, Enabler):
        eta = f", expected {item.eta:%d %b %Y}" if item.eta else ", no date set"
        return f"{item.name} (enabler, {item.status.value.replace('_', ' ')}{eta})"
    if isinstance(item, Pilot):
        return f"{item.name} (pilot, at {item.stage.value} stage)"
    return item_id


HEADER_TIPS = {
    "rank": "Position by composite score; arrows show places gained or lost since the last weight change",
    "months": "Months since the pilot started",
    "value": "Value dimension, 0–100: weighted mean of its criterion ratings",
    "readiness": "Readiness dimension, 0–100",
    "sponsorship": "Sponsorship dimension, 0–100",
    "composite": "Dimension scores weighted by the dimension weights",
    "gates": "Production gate checks passed",
    "decision": "Triage decision; * marks a user override",
    "npv": "Net present value of scaling, in thousands",
}


def _rating_text(rating: float, evidence: str) -> str:
    """A typed rating as the whole number it is; a derived one (e.g. 3.96667) to one decimal."""
    return f"{rating:.1f}" if evidence.startswith("derived") else f"{rating:g}"
