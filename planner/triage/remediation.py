"""How long a "fix then scale" pilot needs before its rollout can start, from the method's remedies.

A pilot's gaps are the method's failure modes whose signals show in its ratings and the production
gate checks it has not passed. Each gap names remedies; a remedy is kept only if it would lift some
criterion above the pilot's current rating. Remedies owned by the same role run one after the other,
remedies of different owners in parallel, so the remediation lasts as long as the busiest owner's
queue. Example: *build pipelines* (data engineering, 10 weeks) and *define KPI* (business owner,
3 weeks) and *adopt MLOps* (ML platform, 8 weeks) → 10 weeks; two data-engineering remedies of 10
and 4 weeks → 14 weeks.

When the scoring engine's prepared data is at hand, pass its ratings (derived ones included, None
when not assessed) and the ids of the gate checks that failed (their rules included). Without it,
typed ratings are read from the pilot (unrated counts as 0), a derived criterion counts only when the
pilot carries a rating for it, and a gate check fails when it is not ticked.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from planner.method import Method, Remedy
from planner.model import Pilot
from planner.triage.consensus import consensus_value


@dataclass(frozen=True, slots=True)
class Remediation:
    weeks: float
    remedies: tuple[str, ...]  # remedy ids, in the method's order
    reason: str  # what the length follows from, in words


def _rating(pilot: Pilot, criterion: str, derived: bool) -> float | None:
    value = consensus_value(pilot.ratings.get(criterion))
    if value is not None:
        return value
    return None if derived else 0  # an unrated typed criterion has no evidence at all


def _lifts(remedy: Remedy, ratings: Mapping[str, float | None], only: Collection[str] | None) -> bool:
    """True when the remedy raises some criterion (of `only`, when given) above its current rating."""
    return any(
        (only is None or cid in only) and (current := ratings.get(cid)) is not None and current < level
        for cid, level in remedy.lifts.items()
    )


def gate_remedies(
    method: Method, ratings: Mapping[str, float | None], failed_gates: Collection[str]
) -> dict[str, tuple[str, ...]]:
    """The remedies that address failed gate checks, each with the ids of those checks (method order).

    A remedy addresses a failed check when it lifts one of the check's criteria above the pilot's
    rating. A failed check whose criteria are all rated at or above every remedy's level has no
    remedy in the method: the work it asks for is not one the method describes.
    """
    out: dict[str, tuple[str, ...]] = {}
    for remedy in method.remedies:
        gates = tuple(
            check.id
            for check in method.gates
            if check.id in failed_gates and _lifts(remedy, ratings, check.criteria)
        )
        if gates:
            out[remedy.id] = gates
    return out


def remediation_for(
    pilot: Pilot,
    method: Method,
    default_weeks: float,
    ratings: Mapping[str, float | None] | None = None,
    failed_gates: Collection[str] | None = None,
) -> Remediation:
    """The remedies a pilot needs and how long they take (see the module docstring for the rule)."""
    if ratings is None:
        ratings = {c.id: _rating(pilot, c.id, c.derived is not None) for c in method.criteria}
    if failed_gates is None:
        failed_gates = {check.id for check in method.gates if not pilot.gates.get(check.id, False)}
    wanted: set[str] = set()
    for mode in method.failure_modes:
        showing = sum(
            1 for s in mode.signals if (r := ratings.get(s.criterion)) is not None and r <= s.at_most
        )
        if showing >= mode.min_signals:
            wanted.update(mode.remedies)
    for_gates = gate_remedies(method, ratings, failed_gates)
    chosen = [
        r for r in method.remedies if (r.id in wanted and _lifts(r, ratings, None)) or r.id in for_gates
    ]
    if not chosen:
        return Remediation(
            weeks=default_weeks,
            remedies=(),
            reason=f"no remedy of the method matches its gaps: default of {default_weeks:g} weeks",
        )
    queues: dict[str, float] = {}
    for remedy in chosen:
        owner = remedy.owner_role or remedy.id
        queues[owner] = queues.get(owner, 0.0) + remedy.weeks
    busiest = max(sorted(queues), key=lambda owner: queues[owner])
    weeks = queues[busiest]
    names = ", ".join(r.name for r in chosen)
    return Remediation(
        weeks=weeks,
        remedies=tuple(r.id for r in chosen),
        reason=f"{names}; longest owner queue: {busiest} ({weeks:g} weeks)",
    )
