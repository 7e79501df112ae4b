"""Pure edits of AI governance: a pilot's risk tier, committees, their sign-offs and their actions.

Like every edit in ``planner.portfolio`` each takes a portfolio and returns a new one (the input is
never changed, so the app can undo by keeping the old one) and refuses what would make the file
invalid with an `EditError` naming the place: an unknown committee, snapshot, stakeholder, pilot or
action; a due date before 1900; a sign-off of a pilot the committee's snapshot did not show.

Edits never read the clock: the day an action is closed is given by the caller (the command line
passes today).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from planner.committee import Action, ActionStatus, Committee, SignOff
from planner.model import Decision, Pilot, Portfolio, RiskTier
from planner.portfolio.edits import EditError, _check_references, _index, _rebuild, _replace_pilot

ACTION_FIELDS = frozenset({"title", "owner", "due", "status", "pilot", "closed", "note"})


def set_risk_tier(
    portfolio: Portfolio, pilot_id: str, tier: RiskTier | str | None, note: str = ""
) -> Portfolio:
    """The pilot's risk tier under the EU AI Act and why (None: not yet assessed)."""
    index = _index(portfolio, pilot_id)
    pilot = portfolio.pilots[index]
    data = {**dict(pilot), "risk_tier": tier, "risk_note": note}
    return _replace_pilot(portfolio, index, _rebuild(type(pilot), data, f"“{pilot.name}”: risk tier"))


def keep_risk_tier(old: Pilot | None, new: Pilot) -> Pilot:
    """`new` (e.g. a pilot read from an intake workbook, which does not carry tiers) with `old`'s risk
    tier and note wherever `new` has none: replacing a pilot never drops its assessment."""
    if old is None or new.risk_tier is not None or old.risk_tier is None:
        return new
    return new.model_copy(update={"risk_tier": old.risk_tier, "risk_note": old.risk_note})


def _committee_index(portfolio: Portfolio, committee_id: str) -> int:
    for i, committee in enumerate(portfolio.committees):
        if committee.id == committee_id:
            return i
    known = ", ".join(c.id for c in portfolio.committees) or "none recorded"
    raise EditError(f"unknown committee {committee_id!r} (committees: {known})")


def _with_committee(portfolio: Portfolio, index: int, committee: Committee) -> Portfolio:
    committees = list(portfolio.committees)
    committees[index] = committee
    return _check_references(portfolio.model_copy(update={"committees": committees}))


def new_committee_id(portfolio: Portfolio, held: date) -> str:
    """``C-<held date>``, with ``-2``, ``-3`` … when that day already has a committee."""
    used = {c.id for c in portfolio.committees}
    base = f"C-{held.isoformat()}"
    n, found = 1, base
    while found in used:
        n += 1
        found = f"{base}-{n}"
    return found


def add_committee(portfolio: Portfolio, label: str, held: date, snapshot: str) -> Portfolio:
    """A committee held on `held` that saw the recorded snapshot `snapshot` (by id), appended."""
    data = {"id": new_committee_id(portfolio, held), "label": label, "held": held, "snapshot": snapshot}
    committee = _rebuild(Committee, data, "committee")
    return _check_references(portfolio.model_copy(update={"committees": [*portfolio.committees, committee]}))


def add_sign_off(
    portfolio: Portfolio,
    committee_id: str,
    by: str,
    signed: date,
    decisions: Mapping[str, Decision | str],
    stakeholder: str | None = None,
    note: str = "",
) -> Portfolio:
    """One person's signature under these decisions (pilot → decision) of the committee."""
    index = _committee_index(portfolio, committee_id)
    committee = portfolio.committees[index]
    where = f"committee {committee_id!r}: sign-off"
    sign_off = _rebuild(
        SignOff,
        {"by": by, "stakeholder": stakeholder, "signed": signed, "decisions": dict(decisions), "note": note},
        where,
    )
    return _with_committee(
        portfolio, index, committee.model_copy(update={"sign_offs": [*committee.sign_offs, sign_off]})
    )


def remove_sign_off(portfolio: Portfolio, committee_id: str, position: int) -> Portfolio:
    """The committee without its sign-off at `position` (0 = the first recorded)."""
    index = _committee_index(portfolio, committee_id)
    committee = portfolio.committees[index]
    if not 0 <= position < len(committee.sign_offs):
        raise EditError(f"committee {committee_id!r} has no sign-off number {position + 1}")
    kept = [s for k, s in enumerate(committee.sign_offs) if k != position]
    return _with_committee(portfolio, index, committee.model_copy(update={"sign_offs": kept}))


def new_action_id(portfolio: Portfolio) -> str:
    """``A-<n>``, the first not used by any committee's action."""
    used = {a.id for c in portfolio.committees for a in c.actions}
    n = 1
    while f"A-{n}" in used:
        n += 1
    return f"A-{n}"


def add_action(portfolio: Portfolio, committee_id: str, **fields: Any) -> Portfolio:
    """An action set by the committee (title, due, and optionally owner, pilot, note), status open."""
    index = _committee_index(portfolio, committee_id)
    committee = portfolio.committees[index]
    unknown = sorted(set(fields) - ACTION_FIELDS)
    if unknown:
        raise EditError(f"an action has no field {unknown[0]!r}")
    action = _rebuild(
        Action, {"id": new_action_id(portfolio), **fields}, f"committee {committee_id!r}: action"
    )
    return _with_committee(
        portfolio, index, committee.model_copy(update={"actions": [*committee.actions, action]})
    )


def _find_action(portfolio: Portfolio, action_id: str) -> tuple[int, int]:
    for i, committee in enumerate(portfolio.committees):
        for j, action in enumerate(committee.actions):
            if action.id == action_id:
                return i, j
    raise EditError(f"unknown action {action_id!r}")


def update_action(portfolio: Portfolio, action_id: str, **changes: Any) -> Portfolio:
    """The action with these fields replaced. Reopening it clears the day it was closed; closing it
    (done, dropped) needs that day (`closed`) unless it already has one."""
    i, j = _find_action(portfolio, action_id)
    committee = portfolio.committees[i]
    unknown = sorted(set(changes) - ACTION_FIELDS)
    if unknown:
        raise EditError(f"action {action_id!r}: field {unknown[0]!r} cannot be edited")
    data = {**dict(committee.actions[j]), **changes}
    if ActionStatus(data["status"]) is ActionStatus.OPEN:
        data["closed"] = None
    elif data.get("closed") is None:
        raise EditError(f"action {action_id!r}: give the day it was {ActionStatus(data['status']).value}")
    actions = list(committee.actions)
    actions[j] = _rebuild(Action, data, f"action {action_id!r}")
    return _with_committee(portfolio, i, committee.model_copy(update={"actions": actions}))


def remove_action(portfolio: Portfolio, action_id: str) -> Portfolio:
    i, j = _find_action(portfolio, action_id)
    committee = portfolio.committees[i]
    actions = [a for k, a in enumerate(committee.actions) if k != j]
    return _with_committee(portfolio, i, committee.model_copy(update={"actions": actions}))
