"""Where the committee's actions stand: "actions from the last committee: done, open, overdue".

``action_review(portfolio, as_of=None)`` takes the last committee held on or before `as_of`
(default: the portfolio's ``as_of``) and sorts its actions into done, open (not yet due), overdue
(open and past its due date: due the day before `as_of` or earlier) and dropped; actions still open
from earlier committees are carried too, so nothing set by a committee is forgotten. It is pure and
JSON-serialisable (`ActionReview.to_dict`), for the committee brief to carry as its "actions from
the last committee" section; ``liftoff actions FILE`` prints it.

Example: a committee on 20 August set three actions; on 15 November one is done, one is due on
10 December (open) and one was due on 31 October (overdue, by 15 days).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.committee import Action, ActionStatus, Committee
from planner.model import Portfolio


@dataclass(frozen=True, slots=True)
class ActionLine:
    action: Action
    committee: str  # the committee's id
    owner: str | None  # the owner's name (None: nobody owns it)
    pilot: str | None  # the pilot's name, where the action concerns one
    days_overdue: int  # 0 unless overdue

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.action.model_dump(mode="json"),
            "committee": self.committee,
            "owner_name": self.owner,
            "pilot_name": self.pilot,
            "days_overdue": self.days_overdue,
        }


@dataclass(frozen=True, slots=True)
class ActionReview:
    as_of: date
    committee: Committee | None  # the last committee held on or before as_of (None: none yet)
    done: tuple[ActionLine, ...]
    open: tuple[ActionLine, ...]  # open and not yet due
    overdue: tuple[ActionLine, ...]  # open and past due, most overdue first
    dropped: tuple[ActionLine, ...]
    earlier: tuple[ActionLine, ...]  # still open from committees before the last one

    @property
    def summary(self) -> str:
        """One line: "actions from the last committee (Steering committee, August): 1 done, …"."""
        if self.committee is None:
            return "no committee recorded yet"
        counts = f"{len(self.done)} done, {len(self.open)} open, {len(self.overdue)} overdue"
        if self.dropped:
            counts += f", {len(self.dropped)} dropped"
        if self.earlier:
            counts += f"; {len(self.earlier)} still open from earlier committees"
        return f"actions from the last committee ({self.committee.label}): {counts}"

    def to_dict(self) -> dict[str, Any]:
        committee = self.committee
        return {
            "as_of": self.as_of.isoformat(),
            "committee": None
            if committee is None
            else {"id": committee.id, "label": committee.label, "held": committee.held.isoformat()},
            "summary": self.summary,
            **{
                name: [line.to_dict() for line in getattr(self, name)]
                for name in ("done", "open", "overdue", "dropped", "earlier")
            },
        }


def last_committee(portfolio: Portfolio, as_of: date | None = None) -> Committee | None:
    """The committee held most recently on or before `as_of` (default the portfolio's); ties: the
    one recorded last."""
    when = as_of or portfolio.as_of
    held = [(c.held, k) for k, c in enumerate(portfolio.committees) if c.held <= when]
    return portfolio.committees[max(held)[1]] if held else None


def action_review(portfolio: Portfolio, as_of: date | None = None) -> ActionReview:
    """The actions of the last committee, by where they stand on `as_of` (see the module docstring)."""
    when = as_of or portfolio.as_of
    last = last_committee(portfolio, when)
    people = {s.id: s.name for s in portfolio.stakeholders}
    pilots = {p.id: p.name for p in portfolio.pilots}
    for snapshot in portfolio.snapshots:  # a pilot removed since keeps the name the committee saw
        for entry in snapshot.entries:
            pilots.setdefault(entry.pilot, entry.name)

    def line(committee: Committee, action: Action) -> ActionLine:
        late = (when - action.due).days if action.status is ActionStatus.OPEN and action.due < when else 0
        return ActionLine(
            action,
            committee.id,
            people.get(action.owner) if action.owner else None,
            pilots.get(action.pilot) if action.pilot else None,
            late,
        )

    lines = [line(last, a) for a in last.actions] if last is not None else []
    earlier = [
        line(c, a)
        for c in portfolio.committees
        if last is not None and c is not last and c.held <= last.held
        for a in c.actions
        if a.status is ActionStatus.OPEN
    ]
    return ActionReview(
        as_of=when,
        committee=last,
        done=tuple(x for x in lines if x.action.status is ActionStatus.DONE),
        open=tuple(x for x in lines if x.action.status is ActionStatus.OPEN and not x.days_overdue),
        overdue=tuple(
            sorted((x for x in lines if x.days_overdue), key=lambda x: (-x.days_overdue, x.action.id))
        ),
        dropped=tuple(x for x in lines if x.action.status is ActionStatus.DROPPED),
        earlier=tuple(earlier),
    )
