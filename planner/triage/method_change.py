"""What changing the method does to a portfolio's decisions, before the change is made.

``decision_moves(portfolio, method)`` scores the portfolio with the method it carries and with
`method` (the user's weight and threshold overrides apply to both) and lists every pilot whose
decision would differ, in portfolio order: the preview "this change moves 6 decisions" that a
method editor shows before a change is applied, and that ``liftoff method import`` and ``diff``
print. Decisions are compared after overrides and governance, as a committee would read them.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.method import Method, method_of
from planner.model import Decision, Portfolio
from planner.triage.scoring import score


@dataclass(frozen=True, slots=True)
class DecisionMove:
    pilot: str
    name: str
    before: Decision
    after: Decision
    reason: str  # the decision reason under the new method


def decision_moves(
    portfolio: Portfolio, method: Method, current: Method | None = None
) -> tuple[DecisionMove, ...]:
    """The pilots whose decision differs under `method` from under `current` (default: the method
    the portfolio carries), in portfolio order."""
    before = score(portfolio, current or method_of(portfolio)).pilots
    after = score(portfolio, method).pilots
    return tuple(
        DecisionMove(p.id, p.name, before[p.id].decision, after[p.id].decision, after[p.id].decision_reason)
        for p in portfolio.pilots
        if before[p.id].decision is not after[p.id].decision
    )
