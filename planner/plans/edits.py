"""Pure edits of the plan settings: a new portfolio with the settings changed, or a plain error.

A rejected value never reaches the portfolio, so the plan on screen stays the last good one, and
the message names the setting, e.g. ``plan.phases[1].weeks: Input should be greater than or equal
to 0`` or ``plan.holidays[0]: Input should be a valid date``.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from planner.errors import format_validation_error
from planner.model import Portfolio
from planner.plan_settings import PlanSettings
from planner.portfolio.edits import EditError


def update_plan_settings(portfolio: Portfolio, **changes: Any) -> Portfolio:
    """The portfolio with these plan settings replaced, validated as a whole."""
    unknown = sorted(set(changes) - set(PlanSettings.model_fields))
    if unknown:
        raise EditError(f"plan.{unknown[0]}: there is no such plan setting")
    data = portfolio.plan.model_dump() | changes
    try:
        settings = PlanSettings.model_validate(data)
    except ValidationError as exc:
        raise EditError(_prefixed(format_validation_error(exc))) from None
    return portfolio.model_copy(update={"plan": settings})


def update_phase(portfolio: Portfolio, index: int, **changes: Any) -> Portfolio:
    """The portfolio with one rollout phase's fields (weeks, live_percent, name, gate…) replaced."""
    phases = [p.model_dump() for p in portfolio.plan.phases]
    if not 0 <= index < len(phases):
        raise EditError(f"plan.phases[{index}]: there is no such phase")
    phases[index] |= changes
    return update_plan_settings(portfolio, phases=phases)


def _prefixed(message: str) -> str:
    return "; ".join(part if part.startswith("plan") else f"plan.{part}" for part in message.split("; "))
