"""The training plan: sessions and totals worked by hand, coverage gaps with reasons, invariants."""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.method import load_method
from planner.model import ChangeImpact, Decision, Portfolio
from planner.plan_settings import PhaseSetting, PlanSettings
from planner.plans.calendar import week_start
from planner.plans.rollout import plan_rollout
from planner.plans.training import plan_training
from planner.plans.training_catalogue import (
    Audience,
    Catalogue,
    CatalogueError,
    ChangeStage,
    Timing,
    load_catalogue,
    parse_catalogue,
)
from tests.plan_helpers import group, portfolios, scores

START = date(2027, 3, 1)  # a Monday


def _module(mid: str, stage: str, audience: str, fmt: str, hours: float, **more: Any) -> dict[str, Any]:
    return {
        "id": mid,
        "name": mid,
        "stage": stage,
        "audience": audience,
        "impacts": more.pop("impacts", ["low", "medium", "high"]),
        "format": fmt,
        "hours": hours,
        "trainers": more.pop("trainers", 0 if fmt == "self_paced" else 1),
        "timing": more.pop("timing", "before"),
        **more,
    }


CATALOGUE = Catalogue.model_validate(
    {
        "modules": [
            _module("exec", "awareness", "executive", "classroom", 1),
            _module("mgr", "desire", "manager", "virtual", 1),
            _module("hands", "ability", "end_user", "classroom", 4, impacts=["high"], required=True),
            _module(
                "office",
                "reinforcement",
                "end_user",
                "virtual",
                1,
                timing="after",
                after_weeks=1,
                fixed_sessions=2,
            ),
        ]
    }
)


def _case(shadow_weeks: float, **plan: Any) -> tuple[Portfolio, Any]:
    settings: dict[str, Any] = {
        "start": START,
        "phases": [
            PhaseSetting(id="shadow", name="Shadow", weeks=shadow_weeks, live_percent=0),
            PhaseSetting(id="full", name="Full", weeks=1, live_percent=100),
        ],
        "training_lead_weeks": 1,
        "training_buffer_days": 1,
        "trainer_hours_per_week": 20,
        "session_capacity": {"classroom": 10, "virtual": 30, "self_paced": 1000},
        "trainer_hour_cost": 100,
        "manager_span": 10,
    }
    settings.update(plan)
    portfolio = Portfolio.model_validate(
        {
            "stakeholders": [{"id": "S1", "name": "Sponsor"}, {"id": "S2", "name": "Owner"}],
            "user_groups": [group("G", 25, "U1", "high")],
            "pilots": [{"id": "T", "name": "Triage", "user_groups": ["G"], "sponsor": "S1", "owner": "S2"}],
            "plan": PlanSettings(**settings),
        }
    )
    rollout = plan_rollout(portfolio, scores({"T": Decision.SCALE}), load_method())
    return portfolio, rollout


def test_sessions_and_totals_worked_by_hand() -> None:
    """Shadow 1 week, so the 25 people of G go live on day 5, Monday 8 March. The lead window is one
    week (5 working days) ending 1 working day before go-live: days 0–3, Monday 1 to Thursday 4
    March, one calendar week.

    Executives: sponsor + owner = 2 → 1 classroom session, 1 trainer hour.
    Managers: ceil(25 / 10) = 3 → 1 virtual session, 1 trainer hour.
    Hands-on (required, high impact): ceil(25 / 10 seats) = 3 sessions × 4 h × 1 trainer = 12 h.
    Week of 1 March: 1 + 1 + 12 = 14 trainer hours ≤ 20.
    Office hours: 2 drop-in sessions, 1 week (5 days) after go-live → day 10 (Mon 15 March) and
    day 15 (Mon 22 March), 1 trainer hour each, no learner hours.
    Totals: 7 sessions; trainer hours 16; learner hours 2·1 + 3·1 + 25·4 = 105; cost 16 × 100 = 1,600.
    """
    portfolio, rollout = _case(1)
    plan = plan_training(portfolio, rollout, catalogue=CATALOGUE)
    rows = [(s.day, s.module, s.count, s.learners, s.trainer_hours, s.learner_hours) for s in plan.sessions]
    assert rows == [
        (date(2027, 3, 1), "exec", 1, 2, 1.0, 2.0),
        (date(2027, 3, 1), "mgr", 1, 3, 1.0, 3.0),
        (date(2027, 3, 1), "hands", 3, 25, 12.0, 100.0),
        (date(2027, 3, 15), "office", 1, 25, 1.0, 0.0),
        (date(2027, 3, 22), "office", 1, 25, 1.0, 0.0),
    ]
    t = plan.totals
    assert (t.sessions, t.trainer_hours, t.learner_hours, t.cost) == (7, 16.0, 105.0, 1600.0)
    assert (t.people, t.covered, t.uncovered) == (25, 25, 0)
    assert plan.gaps == () and plan.unplaced == ()
    assert plan.weekly_trainer_hours == {
        date(2027, 3, 1): 14.0,
        date(2027, 3, 15): 1.0,
        date(2027, 3, 22): 1.0,
    }
    assert all(s.go_live == date(2027, 3, 8) for s in plan.sessions)


def test_capacity_shortfall_is_reported_with_the_people_left_out() -> None:
    """Same case with 8 trainer hours a week: executives 1 h and managers 1 h leave 6 h, room for one
    4-hour hands-on session of 10 people. The other 2 sessions find no room in the only week of the
    window, so 15 people are not trained before go-live."""
    portfolio, rollout = _case(1, trainer_hours_per_week=8)
    plan = plan_training(portfolio, rollout, catalogue=CATALOGUE)
    hands = [s for s in plan.sessions if s.module == "hands"]
    assert [(s.count, s.learners) for s in hands] == [(1, 10)]
    assert (plan.totals.covered, plan.totals.uncovered) == (10, 15)
    (gap,) = plan.gaps
    assert (gap.group, gap.people, gap.module) == ("G", 15, "hands")
    assert "trainer capacity is used up" in gap.reason and "2 session(s)" in gap.reason
    assert plan.weekly_trainer_hours[date(2027, 3, 1)] == 6.0


def test_people_are_counted_once_and_self_paced_places_apart_from_sessions() -> None:
    """The case above with a self-paced quick-reference card for end users (0.5 h, no trainer).

    End users: 25 people take the hands-on workshop (3 sessions) and the card (25 self-paced places),
    and may drop in to 2 office-hours sessions: 25 people, 25 + 25 = 50 attendances (a drop-in takes
    no seat), 3 + 2 = 5 led sessions, learner hours 25·4 + 25·0.5 = 112.5.
    Executives: 2 people in 1 session; managers: 3 people in 1 session.
    Totals: 7 led sessions as before, the card's 25 places counted apart.
    """
    with_card = Catalogue.model_validate(
        {
            "modules": [
                *(m.model_dump() for m in CATALOGUE.modules),
                _module("card", "ability", "end_user", "self_paced", 0.5),
            ]
        }
    )
    portfolio, rollout = _case(1)
    plan = plan_training(portfolio, rollout, catalogue=with_card)
    loads = {a.audience: a for a in plan.by_audience()}
    assert list(loads) == [Audience.EXECUTIVE, Audience.MANAGER, Audience.END_USER]
    rows = {a: (x.people, x.attendances, x.sessions, x.self_paced, x.learner_hours) for a, x in loads.items()}
    assert rows == {
        Audience.EXECUTIVE: (2, 2, 1, 0, 2.0),
        Audience.MANAGER: (3, 3, 1, 0, 3.0),
        Audience.END_USER: (25, 50, 5, 25, 112.5),
    }
    assert (plan.totals.sessions, plan.totals.self_paced) == (7, 25)


def test_a_longer_window_spreads_sessions_over_weeks() -> None:
    """Shadow 2 weeks: go-live day 10 (Mon 15 March), window = 2 weeks before, ending a day early:
    days 0–8, i.e. the weeks of 1 and 8 March. With 8 h a week: week 1 takes executives (1 h),
    managers (1 h) and one hands-on session (4 h); week 2 takes the other two (8 h)."""
    portfolio, rollout = _case(2, trainer_hours_per_week=8, training_lead_weeks=2)
    plan = plan_training(portfolio, rollout, catalogue=CATALOGUE)
    hands = [(s.day, s.count, s.learners) for s in plan.sessions if s.module == "hands"]
    assert hands == [(date(2027, 3, 1), 1, 10), (date(2027, 3, 8), 2, 15)]
    assert plan.totals.uncovered == 0
    assert plan.weekly_trainer_hours[date(2027, 3, 1)] == 6.0
    assert plan.weekly_trainer_hours[date(2027, 3, 8)] == 8.0


def test_no_window_and_oversized_sessions_and_missing_modules_are_explained() -> None:
    portfolio, rollout = _case(0)  # go-live on the plan's first day: no time to train
    plan = plan_training(portfolio, rollout, catalogue=CATALOGUE)
    assert plan.totals.uncovered == 25
    assert "leaves no working day for training" in plan.gaps[0].reason

    portfolio, rollout = _case(1, trainer_hours_per_week=3)
    heavy = plan_training(portfolio, rollout, catalogue=CATALOGUE)
    assert "more than the weekly trainer capacity of 3" in heavy.gaps[0].reason

    low = portfolio.model_copy(
        update={
            "user_groups": [portfolio.user_groups[0].model_copy(update={"change_impact": ChangeImpact.LOW})]
        }
    )
    none = plan_training(low, rollout, catalogue=CATALOGUE)
    assert none.gaps[0].people == 25
    assert "no required end-user module for this group's change impact" in none.gaps[0].reason


def test_change_budget_against_the_guideline() -> None:
    """A: 12,000 of 100,000 = 12 % (under 15 %); B: 30,000 of 100,000 = 30 %. Portfolio: 42,000 of
    200,000 = 21 %, not under. C has no scale budget: its share cannot be checked."""
    portfolio = Portfolio.model_validate(
        {
            "pilots": [
                {
                    "id": "A",
                    "name": "A",
                    "financials": {"scale_investment": 100_000, "change_budget": 12_000},
                },
                {
                    "id": "B",
                    "name": "B",
                    "financials": {"scale_investment": 100_000, "change_budget": 30_000},
                },
                {"id": "C", "name": "C"},
            ],
            "plan": {"start": "2027-03-01"},
        }
    )
    rollout = plan_rollout(portfolio, scores({p.id: Decision.SCALE for p in portfolio.pilots}), load_method())
    plan = plan_training(portfolio, rollout, catalogue=CATALOGUE)
    checks = {b.pilot: b for b in plan.budget}
    assert checks["A"].share_percent == pytest.approx(12.0) and checks["A"].under_guideline
    assert "under the 15–20 % guideline" in checks["A"].note
    assert checks["B"].share_percent == pytest.approx(30.0) and not checks["B"].under_guideline
    assert checks["C"].share_percent is None and "cannot be checked" in checks["C"].note
    assert plan.portfolio_share_percent == pytest.approx(21.0) and not plan.under_guideline
    thin = portfolio.model_copy(update={"pilots": portfolio.pilots[:1]})
    assert plan_training(
        thin, plan_rollout(thin, scores({"A": Decision.SCALE}), load_method())
    ).under_guideline


def test_shipped_catalogue_covers_every_stage_and_impact() -> None:
    catalogue = load_catalogue()
    assert {m.stage for m in catalogue.modules} == set(ChangeStage)
    assert {m.audience for m in catalogue.modules} == set(Audience)
    for impact in ChangeImpact:
        assert any(m.required and impact in m.impacts for m in catalogue.modules), impact
    assert any(m.timing == Timing.AFTER and m.fixed_sessions for m in catalogue.modules)
    text = " ".join(" ".join(m.topics) for m in catalogue.modules)
    assert "override" in text and "output" in text


def test_catalogue_errors_name_the_place() -> None:
    bad = {"modules": [_module("x", "ability", "end_user", "self_paced", 1, trainers=1)]}
    with pytest.raises(CatalogueError, match=r"cat\.json: modules\[0\]: .*self-paced module has no trainer"):
        parse_catalogue(json.dumps(bad), "cat.json")
    with pytest.raises(CatalogueError, match=r"modules\[0\]\.hours"):
        parse_catalogue(json.dumps({"modules": [_module("x", "ability", "end_user", "virtual", -1)]}), "c")
    with pytest.raises(CatalogueError, match="not valid JSON"):
        parse_catalogue("{", "c")
    two = {"modules": [_module("x", "ability", "end_user", "virtual", 1)] * 2}
    with pytest.raises(CatalogueError, match="duplicate module id 'x'"):
        parse_catalogue(json.dumps(two), "c")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(portfolios(), st.booleans())
def test_training_invariants(case: tuple[Portfolio, Any, PlanSettings], shipped: bool) -> None:
    portfolio, s, plan_settings = case
    rollout = plan_rollout(portfolio, s, load_method(), plan_settings)
    catalogue = load_catalogue() if shipped else CATALOGUE
    plan = plan_training(portfolio, rollout, plan_settings, catalogue)
    assert plan.to_dict() == plan_training(portfolio, rollout, plan_settings, catalogue).to_dict()
    calendar = rollout.calendar
    lead = calendar.working_days(plan_settings.training_lead_weeks)
    modules = {m.id: m for m in catalogue.modules}
    weekly: dict[date, float] = {}
    for session in plan.sessions:
        weekly[session.week] = weekly.get(session.week, 0.0) + session.trainer_hours
        assert session.week == week_start(session.day)
        go_live = calendar.index_on_or_after(session.go_live)
        day = calendar.index_on_or_after(session.day)
        if modules[session.module].timing == Timing.BEFORE:
            # ends before go-live by the buffer, within the lead window, never before the plan start
            assert go_live - lead <= day <= go_live - plan_settings.training_buffer_days - 1
            assert day >= 0
            seats = plan_settings.session_capacity[session.format]
            assert session.learners <= session.count * seats
        else:
            assert day >= go_live
    for week, hours in weekly.items():
        assert hours <= plan_settings.trainer_hours_per_week + 1e-9, week
    assert plan.weekly_trainer_hours == pytest.approx(weekly)
    # every person brought live is either covered or reported, once
    people = sum(ph.people for p in rollout.pilots for ph in p.phases)
    assert plan.totals.people == people
    assert plan.totals.covered + plan.totals.uncovered == people
    for gap in plan.gaps:
        assert gap.people > 0 and gap.reason
    # covered people sat in a required session before go-live
    seated: dict[tuple[str, str, str], int] = {}
    for session in plan.sessions:
        if modules[session.module].required:
            key = (session.pilot, session.phase, session.group)
            seated[key] = seated.get(key, 0) + session.learners
    assert plan.totals.covered <= sum(seated.values())
    assert math.isclose(
        plan.totals.cost,
        plan.totals.trainer_hours * plan_settings.trainer_hour_cost
        + plan.totals.learner_hours * plan_settings.learner_hour_cost,
    )
