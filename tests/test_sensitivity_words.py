"""Sensitivity in words and as JSON: ends rounded inward, "holds up to the maximum" at an open end."""

from __future__ import annotations

from planner.triage.sensitivity import Bound, Stability, WeightSensitivity
from planner.triage.sensitivity_words import compact, ends, holds, stability_dict, weight_dict


def interval(low: float | None, high: float | None, minimum: float = 1, maximum: float = 100) -> Stability:
    def bound(weight: float | None) -> Bound:
        return Bound(weight, "" if weight is None else "P-07 overtakes P-03")

    return Stability(bound(low), bound(high), minimum, maximum)


def test_ends_are_rounded_toward_the_current_weight():
    # a change below 5.6 leaves 6 as the lowest safe whole weight (5 would already differ); above 64.7, 64
    assert ends(interval(5.6, 64.7)) == ("6", "64")
    assert ends(interval(3.5, None)) == ("4", "100")
    assert ends(interval(7.8, 55.2)) == ("8", "55")
    assert ends(interval(5.2, 5.8)) == ("5.2", "5.8")  # no whole step fits: tenths, inward too
    assert ends(interval(5.25, 5.75)) == ("5.3", "5.7")
    assert ends(interval(5.212, 5.288)) == ("5.22", "5.28")  # no tenth fits either: hundredths
    assert ends(interval(None, 23)) == ("1", "23")
    assert ends(interval(None, 40, minimum=0.5)) == ("0.5", "40")  # a weight set below the sliders


def test_open_ends_say_the_interval_holds_to_the_end_of_the_range():
    assert holds(interval(5.6, 64.7)) == "from 6 to 64"
    assert holds(interval(12, None)) == "from 12 up to the maximum (100)"
    assert holds(interval(None, 37)) == "from 1 to 37"
    assert holds(interval(None, None)) == "from 1 up to the maximum (100)"
    assert [compact(interval(*b)) for b in ((5.6, 64.7), (12, None), (None, 37), (None, None))] == [
        "6–64",
        "12–max",
        "1–37",
        "any",
    ]


def test_json_says_plainly_whether_an_interval_reaches_the_maximum():
    data = stability_dict(interval(12.5, None))
    assert data == {
        "from": 12.5,
        "to": 100,
        "holds_down_to_minimum": False,
        "holds_up_to_maximum": True,
        "below": {"weight": 12.5, "change": "P-07 overtakes P-03"},
        "above": None,
        "holds": "from 13 up to the maximum (100)",
    }
    ws = WeightSensitivity("criterion", "mlops", "MLOps", 20.0, interval(12.5, None), interval(None, None))
    whole = weight_dict(ws)
    assert (whole["minimum"], whole["maximum"]) == (1, 100)
    assert whole["decisions"]["holds_up_to_maximum"] and whole["decisions"]["holds_down_to_minimum"]
