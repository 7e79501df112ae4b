"""The rollout plan: a critical path worked on paper, the scheduling rules, and invariants as properties."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings

from planner.method import Method, load_method
from planner.model import Decision, Portfolio
from planner.plan_settings import PlanSettings
from planner.plans.rollout import DelayKind, RolloutPlan, plan_rollout
from planner.triage.remediation import remediation_for
from tests.plan_helpers import group, portfolios, scores, short_phases

START = date(2027, 3, 1)  # a Monday


def _settings(**changes: Any) -> PlanSettings:
    base: dict[str, Any] = {"start": START, "phases": short_phases(), "max_concurrent_rollouts": 3}
    base.update(changes)
    return PlanSettings(**base)


def test_critical_path_worked_on_paper() -> None:
    """Four pilots, 3 rollouts at once, 1 change per group; each rollout lasts 25 working days
    (shadow 5, beta 5, full 10, hypercare 5), is in production after 20 and lands on its groups
    from day 5 (beta). Day 0 is Monday 2027-03-01; no holidays.

    Placement order: A (rank 1; B depends on it), B, C, D.

    - A starts at 0, ends at 25; its change lands on G1 over [5, 25).
    - B depends on A: starts when A is in production, day 20 → 45. Delay 20 days, waits for A.
    - C (group G1) could start at 0 (capacity: at most A and B in flight), but G1 is busy with A until
      25, so C's beta must start at 25: C starts at 20 → 45. Delay 20 days, saturation of G1.
    - D needs enabler E1 with ETA Friday 2027-03-19 (day 14), so it can start on day 15. Days 20–24
      have A, B and C in flight (3 = cap), so D slides to day 25 → 50, when A ends. Delays:
      15 days for E1 and 10 for capacity.

    Plan end = 50 (D ends last). Slack = min(plan end − own end, each successor's slack + gap):
    D 0; C 50 − 45 = 5; B 5; A min(50 − 25, B: 0 + 5, C: 0 + 5, D: 0 + 0) = 0.
    Critical path: A → (capacity) → D. Day 25 is Monday 5 April, day 49 Friday 7 May.
    """
    portfolio = Portfolio.model_validate(
        {
            "user_groups": [group("G1", 100, "U1"), group("G2", 40, "U2"), group("G3", 20, "U3")],
            "enablers": [{"id": "E1", "name": "Feature store", "eta": "2027-03-19"}],
            "pilots": [
                {"id": "A", "name": "Alpha", "user_groups": ["G1"]},
                {"id": "B", "name": "Bravo", "user_groups": ["G2"]},
                {"id": "C", "name": "Charlie", "user_groups": ["G1"]},
                {"id": "D", "name": "Delta", "user_groups": ["G3"]},
            ],
            "dependencies": [{"pilot": "B", "on": "A"}, {"pilot": "D", "on": "E1"}],
        }
    )
    s = scores({"A": Decision.SCALE, "B": Decision.SCALE, "C": Decision.SCALE, "D": Decision.SCALE})
    plan = plan_rollout(portfolio, s, load_method(), _settings())

    starts = {p.pilot: p.start_index for p in plan.pilots}
    assert starts == {"A": 0, "B": 20, "C": 20, "D": 25}
    assert {p.pilot: p.end_index for p in plan.pilots} == {"A": 25, "B": 45, "C": 45, "D": 50}
    delays = {p.pilot: [(d.kind, d.ref, d.days) for d in p.delays] for p in plan.pilots}
    assert delays == {
        "A": [],
        "B": [(DelayKind.PILOT, "A", 20)],
        "C": [(DelayKind.SATURATION, "G1", 20)],
        "D": [(DelayKind.ENABLER, "E1", 15), (DelayKind.CAPACITY, "", 10)],
    }
    assert {p.pilot: p.slack_days for p in plan.pilots} == {"A": 0, "B": 5, "C": 5, "D": 0}
    assert [(step.id, step.via) for step in plan.critical_path] == [("A", "capacity"), ("D", "")]
    assert plan.pilot("D").rollout_start == date(2027, 4, 5)
    assert plan.end == date(2027, 5, 7)
    assert plan.pilot("A").in_production == date(2027, 3, 26)  # day 19, the Friday of week 4
    assert "waits for enabler 'Feature store' (ETA 19 Mar 2027)" in plan.pilot("D").delays[0].reason
    assert "saturation of group 'Group G1' (G1)" in plan.pilot("C").delays[0].reason
    # A brings 10 % of G1 live in beta (one unit: U1 has all 100), the other 90 at full
    cohorts = [(ph.id, [(c.group, c.people) for c in ph.cohort]) for ph in plan.pilot("A").phases]
    assert cohorts == [("shadow", []), ("beta", [("G1", 10)]), ("full", [("G1", 90)]), ("hypercare", [])]
    gates = [(g.phase, g.date) for g in plan.pilot("A").gates]
    assert gates[0] == ("shadow", date(2027, 3, 5)) and gates[-1] == ("hypercare", date(2027, 4, 2))


def test_progress_is_reported_per_pilot_placed() -> None:
    portfolio = Portfolio.model_validate({"pilots": [{"id": f"P{i}", "name": f"P{i}"} for i in range(4)]})
    calls: list[tuple[int, int]] = []
    plan = plan_rollout(
        portfolio,
        scores({f"P{i}": Decision.SCALE for i in range(4)}),
        load_method(),
        _settings(),
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]
    # three in flight at once: the fourth waits for the first slot, day 25
    assert sorted(p.start_index for p in plan.pilots) == [0, 0, 0, 25]


def test_unschedulable_pilots_are_listed_with_reasons() -> None:
    portfolio = Portfolio.model_validate(
        {
            "enablers": [
                {"id": "E2", "name": "Identity", "status": "planned"},
                {"id": "E3", "name": "Quantum", "status": "planned", "eta": "2099-01-01"},
            ],
            "pilots": [
                {"id": "S", "name": "Stopped"},
                {"id": "F", "name": "Follower"},
                {"id": "N", "name": "Needs identity"},
                {"id": "X", "name": "Loop one"},
                {"id": "Y", "name": "Loop two"},
                {"id": "P", "name": "Live already", "stage": "production"},
                {"id": "Q", "name": "On a live pilot"},
                {"id": "V", "name": "Sponsorless"},
                {"id": "W", "name": "Waits forever"},
            ],
            "dependencies": [
                {"pilot": "F", "on": "S"},
                {"pilot": "N", "on": "E2"},
                {"pilot": "X", "on": "Y"},
                {"pilot": "Y", "on": "X"},
                {"pilot": "Q", "on": "P"},
                {"pilot": "W", "on": "E3"},
            ],
        }
    )
    s = scores(
        {
            "S": Decision.STOP,
            "F": Decision.SCALE,
            "N": Decision.SCALE,
            "X": Decision.SCALE,
            "Y": Decision.SCALE,
            "P": Decision.SCALE,
            "Q": Decision.SCALE,
            "V": Decision.SECURE_SPONSOR,
            "W": Decision.SCALE,
        },
        reasons={"S": "value 31 < 40"},
    )
    plan = plan_rollout(portfolio, s, load_method(), _settings())
    reasons = {u.pilot: u.reason for u in plan.unscheduled}
    assert reasons["S"] == "decision is stop: value 31 < 40"
    assert reasons["F"].startswith("depends on pilot 'Stopped' (S), which is not scheduled (decision is stop")
    assert reasons["N"] == "needs enabler 'Identity', which is not ready and has no ETA"
    assert reasons["X"] == reasons["Y"] == "dependency cycle X → Y → X"
    assert reasons["P"] == "already in production"
    assert reasons["V"] == "decision is secure a sponsor first"
    assert (
        reasons["W"]
        == "needs enabler 'Quantum', whose ETA 1 Jan 2099 is more than 50 years after the plan start"
    )
    assert [p.pilot for p in plan.pilots] == ["Q"]  # a live dependency imposes no wait
    assert plan.pilot("Q").start_index == 0 and plan.pilot("Q").delays == ()


def _method_with_remedies() -> Method:
    data = load_method().model_dump(by_alias=True)
    data["failure_modes"] = [
        {
            "id": "fm_data",
            "name": "Data",
            "description": "d",
            "signals": [{"criterion": "data_pipelines", "at_most": 2}],
            "remedies": ["r_pipes", "r_quality"],
        },
        {
            "id": "fm_kpi",
            "name": "KPI",
            "description": "k",
            "signals": [{"criterion": "kpi_clarity", "at_most": 2}],
            "remedies": ["r_kpi"],
        },
    ]
    data["remedies"] = [
        {
            "id": "r_pipes",
            "name": "Pipelines",
            "description": "p",
            "lifts": {"data_pipelines": 4},
            "weeks": 10,
            "owner_role": "Data engineering",
        },
        {
            "id": "r_quality",
            "name": "Quality checks",
            "description": "q",
            "lifts": {"data_pipelines": 3},
            "weeks": 4,
            "owner_role": "Data engineering",
        },
        {
            "id": "r_kpi",
            "name": "KPI",
            "description": "k",
            "lifts": {"kpi_clarity": 4},
            "weeks": 3,
            "owner_role": "Business owner",
        },
        {
            "id": "r_ops",
            "name": "Runbook",
            "description": "o",
            "lifts": {"operations": 4},
            "weeks": 12,
            "owner_role": "Operations",
        },
        {
            "id": "r_sponsor",
            "name": "Sponsor",
            "description": "s",
            "lifts": {"sponsor_engagement": 4},
            "weeks": 2,
            "owner_role": "Transformation office",
        },
    ]
    return Method.model_validate(data)


def test_remediation_follows_the_busiest_owner() -> None:
    """Data pipelines rated 1 and KPI clarity 2 show both failure modes. Data engineering runs its two
    remedies one after the other (10 + 4 = 14 weeks) while the business owner defines the KPI
    (3 weeks), so remediation takes 14 weeks = 70 working days. The runbook remedy is not chosen:
    operations is rated 5 and its gate is ticked."""
    method = _method_with_remedies()
    ratings = {c.id: {"score": 5} for c in method.criteria if c.derived is None}
    ratings["data_pipelines"] = {"score": 1}
    ratings["kpi_clarity"] = {"score": 2}
    gates = {g.id: True for g in method.gates}
    portfolio = Portfolio.model_validate(
        {"pilots": [{"id": "R", "name": "Repair", "ratings": ratings, "gates": gates}]}
    )
    remedy = remediation_for(portfolio.pilots[0], method, 6)
    assert remedy.weeks == 14 and remedy.remedies == ("r_pipes", "r_quality", "r_kpi")
    plan = plan_rollout(portfolio, scores({"R": Decision.FIX_THEN_SCALE}), method, _settings())
    phases = plan.pilot("R").phases
    assert (phases[0].id, phases[0].start_index, phases[0].end_index) == ("remediation", 0, 70)
    assert phases[1].start_index == 70 and plan.pilot("R").delays == ()
    # the unticked incident/rollback gate (criteria operations, mlops) brings the runbook in when
    # operations is rated 3 (< its lift to 4): an operations queue of 12 weeks, still under 14
    gates["incident_rollback"] = False
    ratings["operations"] = {"score": 3}
    unticked = Portfolio.model_validate(
        {"pilots": [{"id": "R", "name": "R", "ratings": ratings, "gates": gates}]}
    )
    with_runbook = remediation_for(unticked.pilots[0], method, 6)
    assert with_runbook.remedies == ("r_pipes", "r_quality", "r_kpi", "r_ops") and with_runbook.weeks == 14
    # nothing matches: the default length, said so
    clean = Portfolio.model_validate(
        {"pilots": [{"id": "R", "name": "R", "ratings": {c: {"score": 5} for c in ratings}, "gates": {}}]}
    )
    fallback = remediation_for(clean.pilots[0], _method_with_no_gate_criteria(method), 6)
    assert fallback.weeks == 6 and fallback.remedies == () and "default of 6 weeks" in fallback.reason


def test_remediation_uses_the_engine_view_when_given() -> None:
    """Through the scoring engine the derived sponsor-engagement rating is assessed (0: no sponsor) and
    the sponsor gate fails by its rule although ticked, so the sponsor remedy (2 weeks, another owner)
    joins; without the engine that derived criterion is unknown and the ticked gate passes."""
    from planner.triage.scoring import prepare

    method = _method_with_remedies()
    ratings = {c.id: {"score": 5} for c in method.criteria if c.derived is None}
    ratings["data_pipelines"] = {"score": 1}
    gates = {g.id: True for g in method.gates}
    portfolio = Portfolio.model_validate(
        {"pilots": [{"id": "R", "name": "R", "ratings": ratings, "gates": gates}]}
    )
    assert remediation_for(portfolio.pilots[0], method, 6).remedies == ("r_pipes", "r_quality")
    plan = plan_rollout(
        portfolio,
        scores({"R": Decision.FIX_THEN_SCALE}),
        method,
        _settings(),
        prepared=prepare(portfolio, method),
    )
    remediation = plan.pilot("R").phases[0]
    assert remediation.end_index == 70  # data engineering 10 + 4 weeks still the longest queue
    assert "Sponsor" in remediation.gate and "Pipelines" in remediation.gate


def _method_with_no_gate_criteria(method: Method) -> Method:
    data = method.model_dump(by_alias=True)
    for gate in data["gates"]:
        gate["criteria"] = []
    return Method.model_validate(data)


# ---------------------------------------------------------------------------------------------------------
# properties over random portfolios


def _group_windows(plan: RolloutPlan) -> dict[str, list[tuple[int, int]]]:
    windows: dict[str, list[tuple[int, int]]] = {}
    for pilot in plan.pilots:
        first: dict[str, int] = {}
        for phase in pilot.phases:
            for piece in phase.cohort:
                first.setdefault(piece.group, phase.start_index)
        for gid, start in first.items():
            windows.setdefault(gid, []).append((start, pilot.end_index))
    return windows


def _peak(intervals: list[tuple[int, int]]) -> int:
    events = sorted([(s, 1) for s, _ in intervals] + [(e, -1) for _, e in intervals])
    level = peak = 0
    for _, step in events:
        level += step
        peak = max(peak, level)
    return peak


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(portfolios())
def test_rollout_invariants(case: tuple[Portfolio, Any, PlanSettings]) -> None:
    portfolio, s, plan_settings = case
    method = load_method()
    plan = plan_rollout(portfolio, s, method, plan_settings)
    again = plan_rollout(portfolio, s, method, plan_settings)
    assert plan.to_dict() == again.to_dict()  # deterministic

    scheduled = {p.pilot for p in plan.pilots}
    assert scheduled.isdisjoint({u.pilot for u in plan.unscheduled})
    assert scheduled | {u.pilot for u in plan.unscheduled} == {p.id for p in portfolio.pilots}
    for pilot in plan.pilots:
        assert s.pilots[pilot.pilot].decision in (Decision.SCALE, Decision.FIX_THEN_SCALE)

    by_id = {p.pilot: p for p in plan.pilots}
    enablers = {e.id: e for e in portfolio.enablers}
    live = {p.id for p in portfolio.pilots if p.stage == "production"}
    calendar = plan.calendar
    for dep in portfolio.dependencies:
        if dep.pilot not in by_id:
            continue
        pilot = by_id[dep.pilot]
        if dep.on in enablers:
            enabler = enablers[dep.on]
            if enabler.status != "ready":
                assert enabler.eta is not None and pilot.rollout_start > enabler.eta
        elif dep.on not in live:
            assert dep.on in by_id, "a dependency on an unscheduled pilot must make the dependent unscheduled"
            assert pilot.rollout_start > by_id[dep.on].in_production

    for pilot in plan.pilots:
        previous_end: date | None = None
        for phase in pilot.phases:
            assert phase.start <= phase.end
            assert calendar.is_working(phase.start) and calendar.is_working(phase.end)
            assert calendar.day(phase.start_index) == phase.start
            if previous_end is not None:
                assert phase.start > previous_end  # in order, without overlap
            previous_end = phase.end
        remediation_end = pilot.phases[0].end_index if pilot.phases[0].id == "remediation" else 0
        assert sum(d.days for d in pilot.delays) == pilot.start_index - remediation_end  # every day explained
        members = {g for g in portfolio.pilot(pilot.pilot).user_groups}
        headcounts = {g.id: g.headcount for g in portfolio.user_groups}
        assert pilot.target_users == sum(headcounts[g] for g in members)
        assert pilot.slack_days >= 0

    assert _peak([(p.start_index, p.end_index) for p in plan.pilots]) <= plan_settings.max_concurrent_rollouts
    for intervals in _group_windows(plan).values():
        assert _peak(intervals) <= plan_settings.max_changes_per_group
    if plan.pilots:
        assert any(p.critical for p in plan.pilots)
        assert plan.critical_path[-1].end == plan.end


def test_cohorts_worked_by_hand() -> None:
    """Groups A (Sales, 100) and B (Ops, 300); the pilot belongs to Ops, so B comes first.
    Shares 0 / 10 / 25 / 100 of 400: beta 40 (all from B, one unit), 25 % brings 100 − 40 = 60 more
    of B, 100 % brings B's last 200 and A's 100. With a unit of only 20 people (B2), beta stops at 20
    and the 25 % phase catches up to 100: 80 more."""
    from planner.model import Pilot, UserGroup
    from planner.plans.cohorts import allocate_cohorts

    phases = [
        short_phases()[0],
        short_phases()[1],
        short_phases()[2].model_copy(update={"live_percent": 25}),
        short_phases()[2],
    ]
    groups = {
        "A": UserGroup(id="A", name="A", headcount=100, business_unit="Sales"),
        "B": UserGroup(id="B", name="B", headcount=300, business_unit="Ops"),
        "B2": UserGroup(id="B2", name="B2", headcount=20, business_unit="Ops"),
        "C": UserGroup(id="C", name="C", headcount=380, business_unit="Sales"),
    }
    pilot = Pilot(id="P", name="P", business_unit="Ops", user_groups=["A", "B", "A"])
    cohorts = [[(c.group, c.people) for c in cohort] for cohort in allocate_cohorts(pilot, groups, phases)]
    assert cohorts == [[], [("B", 40)], [("B", 60)], [("B", 200), ("A", 100)]]
    small = Pilot(id="Q", name="Q", business_unit="Ops", user_groups=["C", "B2"])
    cohorts = [[(c.group, c.people) for c in cohort] for cohort in allocate_cohorts(small, groups, phases)]
    assert cohorts == [[], [("B2", 20)], [("C", 80)], [("C", 300)]]
