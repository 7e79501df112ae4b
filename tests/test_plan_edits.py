"""Plan-setting edits: valid changes apply, bad ones name the setting and change nothing."""

from datetime import date

import pytest

from planner.model import Portfolio
from planner.plans.edits import update_phase, update_plan_settings
from planner.portfolio.edits import EditError


def test_valid_change_applies_and_leaves_the_input_alone() -> None:
    before = Portfolio()
    after = update_plan_settings(before, max_concurrent_rollouts=2, holidays=["2027-01-01"])
    assert after.plan.max_concurrent_rollouts == 2
    assert after.plan.holidays == [date(2027, 1, 1)]
    assert before.plan.max_concurrent_rollouts == 4  # the default, untouched


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"max_concurrent_rollouts": 0},
            r"plan\.max_concurrent_rollouts: Input should be greater than or equal to 1",
        ),
        ({"holidays": ["2027-02-30"]}, r"plan\.holidays\[0\]"),
        ({"trainer_hours_per_week": -5}, r"plan\.trainer_hours_per_week"),
        ({"colour": "red"}, r"plan\.colour: there is no such plan setting"),
    ],
)
def test_bad_settings_name_the_setting(changes: dict[str, object], message: str) -> None:
    with pytest.raises(EditError, match=message):
        update_plan_settings(Portfolio(), **changes)


def test_phase_edits() -> None:
    p = Portfolio()
    assert update_phase(p, 0, weeks=2).plan.phases[0].weeks == 2
    negative = r"plan\.phases\[1\]\.weeks: Input should be greater than or equal to 0"
    with pytest.raises(EditError, match=negative):
        update_phase(p, 1, weeks=-1)
    last = len(p.plan.phases) - 1
    with pytest.raises(EditError, match="must reach 100 %"):
        update_phase(p, last, live_percent=80)
    with pytest.raises(EditError, match=r"plan\.phases\[99\]: there is no such phase"):
        update_phase(p, 99, weeks=1)
