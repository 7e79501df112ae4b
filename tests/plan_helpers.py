"""Builders shared by the rollout, training and CLI plan tests: hand-made scores and short phases."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from hypothesis import strategies as st

from planner.model import Decision, Portfolio
from planner.plan_settings import PhaseSetting, PlanSettings
from planner.triage.scoring import PilotScore, Scores


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


DECISIONS = [Decision.SCALE, Decision.SCALE, Decision.FIX_THEN_SCALE, Decision.STOP, Decision.PIVOT]


@st.composite
def portfolios(draw: st.DrawFn) -> tuple[Portfolio, Any, PlanSettings]:
    n_groups = draw(st.integers(1, 5))
    groups = [
        group(
            f"G{i}",
            draw(st.integers(1, 400)),
            draw(st.sampled_from(["U1", "U2", "U3"])),
            draw(st.sampled_from(["low", "medium", "high"])),
        )
        for i in range(n_groups)
    ]
    n_enablers = draw(st.integers(0, 3))
    enablers = [
        {
            "id": f"E{i}",
            "name": f"Enabler {i}",
            "status": draw(st.sampled_from(["planned", "ready"])),
            "eta": draw(st.one_of(st.none(), st.dates(date(2026, 12, 1), date(2027, 12, 31)))),
        }
        for i in range(n_enablers)
    ]
    n_pilots = draw(st.integers(1, 12))
    pilots = []
    deps = []
    for i in range(n_pilots):
        members = draw(st.lists(st.sampled_from([g["id"] for g in groups]), max_size=3))
        pilots.append(
            {
                "id": f"P{i}",
                "name": f"Pilot {i}",
                "user_groups": members,
                "business_unit": draw(st.sampled_from(["U1", "U2", ""])),
                "stage": draw(st.sampled_from(["pilot", "pilot", "pilot", "production"])),
            }
        )
        for j in sorted(draw(st.sets(st.integers(0, max(i - 1, 0)), max_size=2))):
            if j < i:
                deps.append({"pilot": f"P{i}", "on": f"P{j}"})
        if n_enablers and draw(st.booleans()):
            deps.append({"pilot": f"P{i}", "on": f"E{draw(st.integers(0, n_enablers - 1))}"})
    weeks = [draw(st.sampled_from([0, 0.5, 1, 2])) for _ in range(2)]
    phases = short_phases()
    phases[0] = phases[0].model_copy(update={"weeks": weeks[0]})
    phases[3] = phases[3].model_copy(update={"weeks": weeks[1]})
    plan = PlanSettings(
        start=draw(st.dates(date(2027, 1, 1), date(2027, 6, 30))),
        working_days=draw(
            st.sampled_from([["mon", "tue", "wed", "thu", "fri"], ["mon", "tue", "wed", "thu"]])
        ),
        holidays=draw(st.lists(st.dates(date(2027, 1, 1), date(2028, 6, 30)), max_size=8)),
        phases=phases,
        max_concurrent_rollouts=draw(st.integers(1, 4)),
        max_changes_per_group=draw(st.integers(1, 2)),
        remediation_default_weeks=draw(st.sampled_from([0, 1, 3])),
        trainer_hours_per_week=draw(st.sampled_from([8, 30, 200])),
        training_lead_weeks=draw(st.sampled_from([1, 2, 4])),
        training_buffer_days=draw(st.integers(0, 3)),
    )
    portfolio = Portfolio.model_validate(
        {"user_groups": groups, "enablers": enablers, "pilots": pilots, "dependencies": deps, "plan": plan}
    )
    decisions = {p["id"]: draw(st.sampled_from(DECISIONS)) for p in pilots}
    order = draw(st.permutations(list(decisions)))
    return portfolio, scores({pid: decisions[pid] for pid in order}), plan
