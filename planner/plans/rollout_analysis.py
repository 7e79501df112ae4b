"""Slack and the critical path of a scheduled rollout plan.

The scheduler records, for every pilot, the *links* that constrain its start: dependencies (it
starts once the other pilot is in production) and capacity hand-overs (it takes the slot, or the
user group, that another rollout frees). A link says ``start(target) + target_offset >=
start(source) + source_offset``. Slack is computed over those links with every rollout moving as a
block: a pilot may slip by the smallest of (plan end − its end) and, for each link out of it, the
gap to its successor plus that successor's own slack. Zero slack means critical.

The critical path follows, from the rollout that ends last, the link that actually set each start
(the *binding* link) back to the plan start, a remediation or an enabler's ETA.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from planner.plans.calendar import WorkCalendar
from planner.plans.rollout_types import CriticalStep


@dataclass(frozen=True, slots=True)
class Link:
    source: str  # a pilot id; an enabler id for kind "enabler"; the pilot itself for "remediation"
    source_offset: int
    target_offset: int
    kind: str  # "dependency", "capacity", "saturation", "enabler", "remediation"
    group: str = ""
    eta: date | None = None


@dataclass(frozen=True, slots=True)
class Analysis:
    slack: dict[str, int]
    critical: frozenset[str]
    path: tuple[CriticalStep, ...]


_PILOT_LINKS = ("dependency", "capacity", "saturation")


def critical_path_and_slack(
    order: Sequence[str],
    starts: Mapping[str, int],
    rollout_days: int,
    links: Mapping[str, Sequence[Link]],
    binding: Mapping[str, Link | None],
    calendar: WorkCalendar,
    pilot_names: Mapping[str, str],
    enabler_names: Mapping[str, str],
    group_names: Mapping[str, str],
) -> Analysis:
    """Slack per pilot (working days), the zero-slack set and one critical path, first step first.

    `order` must list every pilot after the sources of its links (the scheduler's placement order).
    """
    if not order:
        return Analysis({}, frozenset(), ())
    plan_end = max(starts[p] + rollout_days for p in order)
    outgoing: dict[str, list[tuple[str, Link]]] = {}
    for target, target_links in links.items():
        for out in target_links:
            if out.kind in _PILOT_LINKS:
                outgoing.setdefault(out.source, []).append((target, out))
    slack: dict[str, int] = {}
    for pid in reversed(order):
        best = plan_end - (starts[pid] + rollout_days)
        for target, out in outgoing.get(pid, ()):
            gap = starts[target] + out.target_offset - (starts[pid] + out.source_offset)
            best = min(best, gap + slack[target])
        slack[pid] = best
    critical = frozenset(pid for pid, s in slack.items() if s == 0)

    position = {pid: i for i, pid in enumerate(order)}
    last = min(order, key=lambda p: (-(starts[p] + rollout_days), position[p]))
    steps: list[CriticalStep] = []
    via = ""
    hand_over = starts[last] + rollout_days
    current: str | None = last
    seen: set[str] = set()
    while current is not None and current not in seen:
        seen.add(current)
        link = binding.get(current)
        begin = starts[current]
        if link is not None and link.kind == "remediation":
            begin = 0
        steps.append(
            CriticalStep(
                "pilot",
                current,
                pilot_names.get(current, current),
                calendar.day(begin),
                calendar.day(hand_over - 1),
                via,
            )
        )
        if link is None or link.kind == "remediation":
            current = None
        elif link.kind == "enabler":
            eta = link.eta or calendar.day(begin)
            steps.append(
                CriticalStep(
                    "enabler",
                    link.source,
                    enabler_names.get(link.source, link.source),
                    None,
                    eta,
                    "enabler ETA",
                )
            )
            current = None
        else:
            via = (
                link.kind
                if link.kind != "saturation"
                else (f"saturation of {group_names.get(link.group, link.group)}")
            )
            hand_over = starts[link.source] + link.source_offset
            current = link.source
    steps.reverse()
    return Analysis(slack, critical, tuple(steps))
