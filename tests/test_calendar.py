"""The work calendar and the validation of plan settings."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from planner.errors import format_validation_error
from planner.model import Portfolio
from planner.plan_settings import PlanSettings
from planner.plans.calendar import WorkCalendar, week_start

MON_FRI = [0, 1, 2, 3, 4]
# 2027: New Year's Day is a Friday, Good Friday is 2 April and Easter Monday 5 April.
HOLIDAYS = [date(2027, 1, 1), date(2027, 4, 2), date(2027, 4, 5)]


def test_calendar_with_holidays_worked_by_hand() -> None:
    """Start Friday 2027-01-01, a holiday, so working day 0 is Monday 4 January.

    Days 0–4 are 4–8 January, day 5 is Monday 11 January. From 4 January to Friday 26 March there
    are 12 full weeks = 60 working days, so Monday 29 March is day 60; 29, 30, 31 March and
    Thursday 1 April are days 60–63; Friday 2 and Monday 5 April are holidays, so Tuesday 6 April
    is day 64: the Easter week of work (5 days from day 60) ends on Tuesday 6 April.
    """
    cal = WorkCalendar(date(2027, 1, 1), MON_FRI, HOLIDAYS)
    assert cal.day(0) == date(2027, 1, 4)
    assert cal.day(4) == date(2027, 1, 8)
    assert cal.day(5) == date(2027, 1, 11)
    assert cal.day(60) == date(2027, 3, 29)
    assert cal.day(63) == date(2027, 4, 1)
    assert cal.day(64) == date(2027, 4, 6)
    assert cal.span_end(60, 5) == date(2027, 4, 6)
    assert cal.index_on_or_after(date(2027, 4, 2)) == 64
    assert cal.index_on_or_after(date(2027, 1, 9)) == 5  # Saturday → Monday 11th
    assert cal.index_after(date(2027, 1, 8)) == 5
    assert cal.index_after(date(2027, 1, 7)) == 4
    assert cal.index_on_or_after(date(2026, 12, 1)) == 0  # before the start
    assert not cal.is_working(date(2027, 4, 5))
    assert cal.is_working(date(2027, 4, 6))
    # index and day are inverse on working days, far beyond the first chunk
    for index in (0, 17, 250, 400, 1000):
        assert cal.index_on_or_after(cal.day(index)) == index


def test_weeks_of_work_follow_the_working_week() -> None:
    five = WorkCalendar(date(2027, 1, 4), MON_FRI)
    four = WorkCalendar(date(2027, 1, 4), [0, 1, 2, 3])
    assert five.working_days(3) == 15
    assert four.working_days(3) == 12  # 3 × 4
    assert five.working_days(0.5) == 3  # 2.5 rounded up to a whole day
    assert five.working_days(0) == 0
    assert five.working_days(2.2) == 11
    # on Monday–Thursday, Friday 8 January is not a working day: day 4 is Monday 11 January
    assert four.day(4) == date(2027, 1, 11)
    with pytest.raises(ValueError, match="weeks must be 0 or more"):
        five.working_days(-1)


def test_calendar_refuses_impossible_weeks() -> None:
    with pytest.raises(ValueError, match="at least one working day"):
        WorkCalendar(date(2027, 1, 4), [])
    with pytest.raises(ValueError, match="0 \\(Monday\\) to 6"):
        WorkCalendar(date(2027, 1, 4), [7])
    with pytest.raises(ValueError, match="index must be 0 or more"):
        WorkCalendar(date(2027, 1, 4), MON_FRI).day(-1)


def test_week_start_is_monday() -> None:
    assert week_start(date(2027, 4, 4)) == date(2027, 3, 29)  # Sunday
    assert week_start(date(2027, 3, 29)) == date(2027, 3, 29)


def _plan_error(plan: dict[str, object]) -> str:
    with pytest.raises(ValidationError) as info:
        Portfolio.model_validate({"plan": plan})
    return format_validation_error(info.value, limit=10)


def test_plan_settings_errors_name_the_setting() -> None:
    phases = [
        {"id": "shadow", "name": "Shadow", "weeks": 2, "live_percent": 0},
        {"id": "full", "name": "Full", "weeks": 2, "live_percent": 100},
    ]
    negative = [dict(phases[0], weeks=-1), phases[1]]
    assert "plan.phases[0].weeks: Input should be greater than or equal to 0" in _plan_error(
        {"phases": negative}
    )
    short = [phases[0], dict(phases[1], live_percent=80)]
    assert "live share must reach 100 % by the last phase, got 80 %" in _plan_error({"phases": short})
    falling = [dict(phases[0], live_percent=50), dict(phases[1], live_percent=100), dict(phases[1], id="x")]
    falling[2]["live_percent"] = 40
    assert "phases[2].live_percent: 40 % is below the 100 % of the phase before" in _plan_error(
        {"phases": falling}
    )
    instant = [phases[0], dict(phases[1], weeks=0)]
    assert "phases[1].weeks: a phase that brings people live must last more than 0 weeks" in _plan_error(
        {"phases": instant}
    )
    assert "plan.holidays[1]" in _plan_error({"holidays": ["2027-01-01", "2027-02-30"]})
    assert "plan.max_concurrent_rollouts: Input should be greater than or equal to 1" in _plan_error(
        {"max_concurrent_rollouts": 0}
    )
    assert "plan.trainer_hours_per_week: Input should be greater than 0" in _plan_error(
        {"trainer_hours_per_week": 0}
    )
    assert "session_capacity.classroom: must be at least 1, got 0" in _plan_error(
        {"session_capacity": {"classroom": 0, "virtual": 20, "self_paced": 100}}
    )
    assert "working_days: at least one working day is needed" in _plan_error({"working_days": []})
    assert "plan.working_days[0]" in _plan_error({"working_days": ["monday"]})
    assert "duplicate phase id 'shadow'" in _plan_error({"phases": [phases[0], dict(phases[1], id="shadow")]})


def test_default_settings_round_trip_through_the_project_file() -> None:
    settings = PlanSettings(start=date(2027, 3, 1), holidays=[date(2027, 4, 2)], max_changes_per_group=2)
    portfolio = Portfolio(plan=settings)
    again = Portfolio.model_validate_json(portfolio.model_dump_json())
    assert again.plan == settings
    assert [p.live_percent for p in again.plan.phases] == [0, 10, 25, 50, 100, 100]
    assert again.plan.phase_index("beta") == 1
    with pytest.raises(KeyError, match="unknown phase 'nope'"):
        again.plan.phase_index("nope")


def test_calendar_end_is_a_clear_error() -> None:
    from planner.errors import LiftoffError

    cal = WorkCalendar(date(9998, 6, 1), MON_FRI)
    assert cal.day(10) == date(9998, 6, 15)
    with pytest.raises(LiftoffError, match="runs past the end of the calendar"):
        cal.day(2_000)
