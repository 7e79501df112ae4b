"""Which candidate pilots can be placed, and in which order the rollout scheduler places them.

A candidate is a "scale" or "fix then scale" pilot. It cannot be placed when it depends on a pilot
that is neither a candidate nor in production (transitively), or when it sits in (or depends on) a
dependency cycle; each such pilot gets a reason. The others are placed dependencies first and,
among the pilots ready to place, by triage rank — where a pilot inherits the best rank of the
pilots that wait for it, so a top pilot's prerequisite is not left behind lower-ranked work.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from planner.model import Decision, Pilot


@dataclass(slots=True)
class Candidate:
    pilot: str
    rank: int
    decision: Decision
    remediation_days: int = 0
    remediation_reason: str = ""
    pilot_deps: list[str] = field(default_factory=list)
    enabler_bounds: list[tuple[int, str, date]] = field(default_factory=list)  # (day, enabler id, eta)
    dependents: list[str] = field(default_factory=list)


def drop_unschedulable(
    candidates: dict[str, Candidate], unscheduled: dict[str, str], pilots: Mapping[str, Pilot]
) -> None:
    """Remove candidates that cannot be scheduled, then those that depend on them, transitively."""
    for pid in list(candidates):
        if pid in unscheduled:
            del candidates[pid]
    changed = True
    while changed:
        changed = False
        for pid in sorted(candidates):
            cand = candidates[pid]
            for dep_id in cand.pilot_deps:
                if dep_id not in candidates:
                    why = unscheduled.get(dep_id, "not scheduled")
                    unscheduled[pid] = (
                        f"depends on pilot {pilots[dep_id].name!r} ({dep_id}), which is not scheduled ({why})"
                    )
                    del candidates[pid]
                    changed = True
                    break


def placement_order(
    candidates: dict[str, Candidate], unscheduled: dict[str, str], pilots: Mapping[str, Pilot]
) -> list[str]:
    """Candidates in placement order: dependencies first, otherwise best (inherited) rank first.

    Pilots in a dependency cycle, and pilots that depend on them, are moved to `unscheduled`.
    """
    waiting = {pid: len(set(c.pilot_deps)) for pid, c in candidates.items()}
    dependents: dict[str, set[str]] = {pid: set() for pid in candidates}
    for pid, cand in candidates.items():
        for dep_id in cand.pilot_deps:
            dependents[dep_id].add(pid)
    topo: list[str] = []
    ready = sorted(pid for pid, n in waiting.items() if n == 0)
    counts = dict(waiting)
    while ready:
        pid = ready.pop()
        topo.append(pid)
        for nxt in sorted(dependents[pid]):
            counts[nxt] -= 1
            if counts[nxt] == 0:
                ready.append(nxt)
    if len(topo) < len(candidates):
        stuck = sorted(set(candidates) - set(topo))
        cycle = _find_cycle(stuck, candidates)
        names = " → ".join(cycle + cycle[:1])
        for pid in stuck:
            unscheduled[pid] = (
                f"dependency cycle {names}"
                if pid in cycle
                else (f"depends on pilots in the dependency cycle {names}")
            )
            del candidates[pid]
        return placement_order(candidates, unscheduled, pilots)
    inherited = {pid: candidates[pid].rank for pid in topo}
    for pid in reversed(topo):
        for nxt in dependents[pid]:
            inherited[pid] = min(inherited[pid], inherited[nxt])
    heap = [(inherited[pid], candidates[pid].rank, pid) for pid, n in waiting.items() if n == 0]
    heapq.heapify(heap)
    order: list[str] = []
    while heap:
        _, _, pid = heapq.heappop(heap)
        order.append(pid)
        for nxt in sorted(dependents[pid]):
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                heapq.heappush(heap, (inherited[nxt], candidates[nxt].rank, nxt))
    return order


def _find_cycle(stuck: list[str], candidates: dict[str, Candidate]) -> list[str]:
    """One dependency cycle among `stuck` pilots (every stuck pilot leads into a cycle)."""
    inside = set(stuck)
    path: list[str] = []
    position: dict[str, int] = {}
    node = stuck[0]
    while node not in position:
        position[node] = len(path)
        path.append(node)
        node = min(d for d in candidates[node].pilot_deps if d in inside)
    return path[position[node] :]
