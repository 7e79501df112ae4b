"""Steering committees as data: who signed off which decisions, and the actions a committee set.

A `Committee` is one meeting: when it was held and the snapshot it saw (``planner.model.Snapshot``,
the scores and decisions as they stood). A `SignOff` is one person's signature under decisions
shown in that snapshot (who, when, what); an `Action` is a task the committee set, with an owner, a
due date and a status that people update until the next committee. Whether an action is overdue is
computed (``planner.triage.actions``), never stored.

References are checked with the portfolio (`committee_problems`): a committee's snapshot must be
recorded, a signed decision must be a pilot of that snapshot, an owner a stakeholder. A signature
keeps the signer's name as it was written, so removing the person from the stakeholder map later
unlinks the signature without erasing who signed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from planner.fields import Decision, Id, Model, Name, Text


def _not_before_1900(value: date) -> date:
    if value.year < 1900:
        raise ValueError(f"a date before 1900 ({value.isoformat()}) is surely a typing slip")
    return value


Day = Annotated[date, AfterValidator(_not_before_1900)]


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"  # the committee decided it is no longer needed


class SignOff(Model):
    """One person's signature under decisions the committee took, as its snapshot showed them.

    `decisions` maps a pilot id to the decision signed; `stakeholder` links the signer to the
    stakeholder map when they are on it.
    """

    by: Name
    stakeholder: Id | None = None
    signed: Day
    decisions: dict[Id, Decision] = Field(min_length=1)
    note: Text = ""


class Action(Model):
    """A task a committee set: what, who owns it (a stakeholder), by when, and where it stands.

    `closed` is the day it was done or dropped (None while open)."""

    id: Id
    title: Name
    owner: Id | None = None
    due: Day
    status: ActionStatus = ActionStatus.OPEN
    pilot: Id | None = None
    closed: Day | None = None
    note: Text = ""

    @model_validator(mode="after")
    def _closed_only_when_closed(self) -> Action:
        if self.closed is not None and self.status is ActionStatus.OPEN:
            raise ValueError("closed: an open action has no closing day")
        return self


class Committee(Model):
    """One steering committee: when it met, the snapshot it saw, its sign-offs and its actions."""

    id: Id
    label: Name
    held: Day
    snapshot: Id
    sign_offs: list[SignOff] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)


def committee_problems(
    committees: list[Committee],
    snapshots: Mapping[str, set[str]],
    people: Mapping[str, object],
    pilots: set[str],
) -> list[str]:
    """Every dangling reference and duplicate id in `committees`, each with its path.

    `snapshots` maps a snapshot id to the pilot ids it recorded; `people` holds the stakeholder ids.
    A signed decision must name a pilot of the committee's snapshot; an action's pilot may also be a
    pilot added since.
    """
    problems: list[str] = []
    seen_committees: set[str] = set()
    seen_actions: dict[str, str] = {}
    for i, committee in enumerate(committees):
        base = f"committees[{i}]"
        if committee.id in seen_committees:
            problems.append(f"{base}.id: duplicate committee id {committee.id!r}")
        seen_committees.add(committee.id)
        shown = snapshots.get(committee.snapshot)
        if shown is None:
            problems.append(f"{base}.snapshot: unknown snapshot {committee.snapshot!r}")
            shown = set()
        for j, sign_off in enumerate(committee.sign_offs):
            where = f"{base}.sign_offs[{j}]"
            if sign_off.stakeholder is not None and sign_off.stakeholder not in people:
                problems.append(f"{where}.stakeholder: unknown stakeholder {sign_off.stakeholder!r}")
            for pilot in sign_off.decisions:
                if pilot not in shown:
                    problems.append(
                        f"{where}.decisions.{pilot}: pilot {pilot!r} is not in snapshot "
                        f"{committee.snapshot!r}"
                    )
        for j, action in enumerate(committee.actions):
            where = f"{base}.actions[{j}]"
            if action.id in seen_actions:
                first = seen_actions[action.id]
                problems.append(f"{where}.id: duplicate action id {action.id!r} (also {first})")
            else:
                seen_actions[action.id] = where
            if action.owner is not None and action.owner not in people:
                problems.append(f"{where}.owner: unknown stakeholder {action.owner!r}")
            if action.pilot is not None and action.pilot not in pilots and action.pilot not in shown:
                problems.append(f"{where}.pilot: unknown pilot {action.pilot!r}")
    return problems
