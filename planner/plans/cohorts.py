"""Who goes live in which rollout phase: the pilot's user groups split into cohorts by live share.

A pilot's target users are the headcounts of its user groups. After phase *k* starts,
``round(total × live_percent_k / 100)`` of them are live, so phase *k* brings live the difference
with phase *k-1*. People are taken in a fixed order: first the groups of one business unit (the
pilot's own unit when one of its groups belongs to it, else the unit of its first group), then the
other groups in the pilot's order; a group may be split across phases. A phase marked ``one_unit``
(the limited beta) takes people from that unit only; if the unit is smaller than its share, the
shortfall goes live in the next phase.

Example: groups A (unit Sales, 100) and B (unit Ops, 300), pilot unit Ops, shares 10/25/100:
order B, A; beta brings 40 of B; 25 % brings 60 more of B (100 live); 100 % brings the other 200 of
B and all 100 of A.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.model import Pilot, UserGroup
from planner.plan_settings import PhaseSetting


@dataclass(frozen=True, slots=True)
class CohortSlice:
    """`people` members of user group `group` who go live together."""

    group: str
    people: int


def target_groups(pilot: Pilot, groups: Mapping[str, UserGroup]) -> list[UserGroup]:
    """The pilot's user groups, each once, in the pilot's order."""
    seen: set[str] = set()
    result: list[UserGroup] = []
    for gid in pilot.user_groups:
        if gid not in seen and gid in groups:
            seen.add(gid)
            result.append(groups[gid])
    return result


def beta_unit(pilot: Pilot, members: Sequence[UserGroup]) -> str | None:
    """The business unit the limited beta runs in, or None when the pilot has no user groups."""
    if not members:
        return None
    if any(g.business_unit == pilot.business_unit for g in members):
        return pilot.business_unit
    return members[0].business_unit


def _live(total: int, percent: float) -> int:
    return min(total, math.floor(total * percent / 100 + 0.5))


def allocate_cohorts(
    pilot: Pilot, groups: Mapping[str, UserGroup], phases: Sequence[PhaseSetting]
) -> list[tuple[CohortSlice, ...]]:
    """For each phase, the slices of user groups it brings live; together they cover every member once."""
    members = target_groups(pilot, groups)
    unit = beta_unit(pilot, members)
    ordered = [g for g in members if g.business_unit == unit] + [
        g for g in members if g.business_unit != unit
    ]
    unit_size = sum(g.headcount for g in members if g.business_unit == unit)
    total = sum(g.headcount for g in members)
    remaining = [g.headcount for g in ordered]
    cursor = 0
    live = 0
    cohorts: list[tuple[CohortSlice, ...]] = []
    for index, phase in enumerate(phases):
        goal = total if index == len(phases) - 1 else _live(total, phase.live_percent)
        if phase.one_unit:
            goal = min(goal, max(unit_size, live))
        need = max(goal - live, 0)
        slices: list[CohortSlice] = []
        while need > 0 and cursor < len(ordered):
            take = min(need, remaining[cursor])
            slices.append(CohortSlice(ordered[cursor].id, take))
            remaining[cursor] -= take
            need -= take
            live += take
            if remaining[cursor] == 0:
                cursor += 1
        cohorts.append(tuple(slices))
    return cohorts
