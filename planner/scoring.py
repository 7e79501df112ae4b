"""Triage: dimension scores, composite, production gates, decisions, ranking and explanations.

CONTRACT (types below are shared with the UI, exports and plans; the engine is being written):

- ``prepare(portfolio, method) -> Prepared``: everything that does not depend on weights or
  thresholds (rating matrix incl. derived ratings, gate results, months in pilot, blocked flags).
  Rebuild it after an edit to pilots, stakeholders, enablers or dependencies.
- ``rescore(prepared, weights) -> Scores``: the fast path for a weight or threshold change
  (numpy over the rating matrix; 5,000 pilots well under 10 ms).
- ``score(portfolio, method=None) -> Scores`` = ``rescore(prepare(...), effective_weights(...))``.
- ``explain(prepared, weights, pilot_id) -> Explanation``: contributions, largest gaps, failure
  modes and remedies ranked by expected uplift, for one pilot, on demand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.model import Decision


@dataclass(frozen=True, slots=True)
class GateResult:
    gate: str
    name: str
    passed: bool
    reason: str  # why it failed ("not ticked", "sponsor last seen 140 days ago"), "" when passed


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
    months_in_pilot: float | None


@dataclass(frozen=True, slots=True)
class Scores:
    pilots: dict[str, PilotScore]  # by pilot id
    ranking: tuple[str, ...]  # pilot ids, best first
    tally: dict[Decision, int] = field(default_factory=dict)  # decisions after overrides
