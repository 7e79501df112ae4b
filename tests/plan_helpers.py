"""Builders shared by the rollout, training and CLI plan tests: hand-made scores and short phases."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.model import Decision
from planner.plansettings import PhaseSetting
from planner.scoring import PilotScore, Scores


def scores(decisions: Mapping[str, Decision], reasons: Mapping[str, str] | None = None) -> Scores:
    """Scores whose ranking is the order of `decisions` (rank 1 first); only plan inputs matter."""
    table: dict[str, PilotScore] = {}
    for rank, (pid, decision) in enumerate(decisions.items(), start=1):
        table[pid] = PilotScore(
            pilot=pid,
            value=70.0,
            readiness=70.0,
            sponsorship=70.0,
            composite=70.0,
            rank=rank,
            gates_passed=12,
            gates_total=12,
            computed_decision=decision,
            decision=decision,
            overridden=False,
            decision_reason=(reasons or {}).get(pid, ""),
            blocked=False,
            blocked_by=(),
            months_in_pilot=None,
        )
    return Scores(pilots=table, ranking=tuple(decisions))


def short_phases() -> list[PhaseSetting]:
    """Shadow 1 week, beta 1 week (10 %, one unit), full 2 weeks, hypercare 1 week: 25 working days."""
    return [
        PhaseSetting(id="shadow", name="Shadow", weeks=1, live_percent=0, gate="shadow ok"),
        PhaseSetting(id="beta", name="Beta", weeks=1, live_percent=10, one_unit=True, gate="beta ok"),
        PhaseSetting(id="full", name="Full", weeks=2, live_percent=100, gate="full ok"),
        PhaseSetting(id="hypercare", name="Hypercare", weeks=1, live_percent=100, gate="handed over"),
    ]


def group(gid: str, headcount: int, unit: str = "U1", impact: str = "medium") -> dict[str, Any]:
    return {
        "id": gid,
        "name": f"Group {gid}",
        "headcount": headcount,
        "business_unit": unit,
        "change_impact": impact,
    }
