"""Each rater's decision, the ends of the spread, contested pilots and the discussion queue, worked by
hand on the small method of tests/factories.py.

No financials: benefit is 0, so value = 15 · v_kpi. r_data 3 and r_ops 3 give readiness 60;
s_exec 5 gives sponsorship 100·2·5/15 = 66.7. No gate is ticked, so a strong case (value ≥ 60) is
"fix then scale", value 40–59 is "pivot", below 40 "stop".
"""

from __future__ import annotations

import numpy as np
import pytest

from planner.method import effective_weights
from planner.model import Decision, Financials, Rating
from planner.triage.consensus import Source
from planner.triage.disagreement import Flip, analyse_disagreement, disagreement
from planner.triage.scoring import prepare
from planner.workshop import ConsensusOverride, Rater, RaterRating, Workshop
from tests.factories import pilot, portfolio, small_method

METHOD = small_method()
RATERS = ("ana", "ben", "cy")
WORKSHOP = Workshop(raters=[Rater(id=r, name=r.title()) for r in RATERS])
BASE = {"r_data": 3, "r_ops": 3, "s_exec": 5}


def with_panel(pilot_id: str, v_kpi: dict[str, int], **fields: object) -> object:
    p = pilot(pilot_id, ratings=BASE, **fields)
    raters = {r: RaterRating(score=v) for r, v in v_kpi.items()}
    return p.model_copy(update={"ratings": {**p.ratings, "v_kpi": Rating(raters=raters)}})


def test_one_raters_view_across_a_threshold_contests_the_pilot() -> None:
    # A: v_kpi 3, 4, 5 → median 4 → value 60, fix then scale. Ana's 3 gives value 45: pivot.
    #    Low end (3) → pivot, high end (5) → value 75, fix then scale. Contested.
    # B: v_kpi 4, 4, 5 → value 60; every view ≥ 60 → fix then scale everywhere. Agreed.
    # C: nobody rated; single v_kpi 2 → value 30, stop. Not contested.
    pf = portfolio(
        [
            with_panel("A", {"ana": 3, "ben": 4, "cy": 5}),
            with_panel("B", {"ana": 4, "ben": 4, "cy": 5}),
            pilot("C", ratings={**BASE, "v_kpi": 2}),
        ],
        workshop=WORKSHOP,
    )
    d = disagreement(pf, METHOD)
    a = d.pilot("A")
    assert a.consensus is Decision.FIX_THEN_SCALE
    assert a.by_rater == {
        "ana": Decision.PIVOT,
        "ben": Decision.FIX_THEN_SCALE,
        "cy": Decision.FIX_THEN_SCALE,
    }
    assert (a.low, a.high) == (Decision.PIVOT, Decision.FIX_THEN_SCALE)
    assert a.contested and a.decisions == (Decision.PIVOT, Decision.FIX_THEN_SCALE)
    assert a.flips == (Flip("v_kpi", "low", 3.0, Decision.PIVOT),)
    (kpi,) = a.spreads
    assert (kpi.criterion, kpi.consensus, kpi.source) == ("v_kpi", 4.0, Source.MEDIAN)
    assert kpi.values == {"ana": 3, "ben": 4, "cy": 5}
    assert (kpi.low, kpi.high, kpi.range, kpi.q1, kpi.q3, kpi.iqr) == (3, 5, 2, 3.5, 4.5, 1)

    b = d.pilot("B")
    assert not b.contested and set(b.by_rater.values()) == {Decision.FIX_THEN_SCALE} and b.flips == ()
    c = d.pilot("C")
    assert not c.contested and c.by_rater == {} and c.raters == () and c.spreads == ()
    assert (c.consensus, c.low, c.high) == (Decision.STOP,) * 3
    assert d.queue == ("A",)
    assert d.contested.tolist() == [True, False, False]


def test_a_rater_who_rated_nothing_of_a_pilot_has_no_view_of_it() -> None:
    pf = portfolio([with_panel("A", {"ana": 3, "ben": 5})], workshop=WORKSHOP)
    a = disagreement(pf, METHOD).pilot("A")
    assert a.raters == ("ana", "ben") and "cy" not in a.by_rater
    # median of 3 and 5 is 4 → value 60; Ana alone (45) is a pivot
    assert a.consensus is Decision.FIX_THEN_SCALE and a.by_rater["ana"] is Decision.PIVOT


def test_one_rater_or_agreement_never_contests() -> None:
    one = portfolio([with_panel("A", {"ana": 3})], workshop=WORKSHOP)
    d = disagreement(one, METHOD)
    assert not d.contested.any() and d.queue == ()
    assert d.pilot("A").by_rater == {"ana": Decision.PIVOT}


def test_the_facilitators_value_sets_the_consensus_but_not_the_spread() -> None:
    # raters 4, 4, 5 would agree on fix then scale; the facilitator holds the value at 3 (value 45,
    # pivot), so every rater's own view (≥ 60) now differs from the consensus: contested.
    p = with_panel("A", {"ana": 4, "ben": 4, "cy": 5})
    held = p.ratings["v_kpi"].model_copy(
        update={"consensus": ConsensusOverride(score=3, rationale="one site")}
    )
    pf = portfolio([p.model_copy(update={"ratings": {**p.ratings, "v_kpi": held}})], workshop=WORKSHOP)
    a = disagreement(pf, METHOD).pilot("A")
    assert a.consensus is Decision.PIVOT and a.contested
    assert a.spreads[0].source is Source.FACILITATOR and a.spreads[0].consensus == 3.0
    assert (a.low, a.high) == (Decision.FIX_THEN_SCALE, Decision.FIX_THEN_SCALE)


def test_the_queue_puts_the_most_value_at_stake_first() -> None:
    # Same contested ratings; with no scale investment a positive NPV earns benefit 5, so value is
    # 100·(3·v_kpi + 5)/20: the median 3 gives 70, Ana's 2 gives 55 (pivot). A larger yearly benefit is
    # a larger NPV at stake; equal stakes go by name.
    def contested(pid: str, name: str, benefit: float) -> object:
        return with_panel(
            pid, {"ana": 2, "ben": 3, "cy": 4}, name=name, financials=Financials(annual_benefit=benefit)
        )

    pf = portfolio(
        [
            contested("P1", "Small", 100_000),
            contested("P2", "Large", 300_000),
            contested("P3", "Also small", 100_000),
            with_panel("P4", {"ana": 3, "ben": 3, "cy": 3}, financials=Financials(annual_benefit=900_000)),
        ],
        workshop=WORKSHOP,
    )
    d = disagreement(pf, METHOD)
    assert d.queue == ("P2", "P3", "P1")
    assert d.at_stake[1] > d.at_stake[0] == d.at_stake[2] > 0
    assert not d.pilot("P4").contested


def test_views_follow_the_weights_and_thresholds_given() -> None:
    pf = portfolio([with_panel("A", {"ana": 3, "ben": 4, "cy": 5})], workshop=WORKSHOP)
    prepared = prepare(pf, METHOD)
    weights = effective_weights(METHOD, pf)
    lenient = weights.model_copy(update={"thresholds": {**weights.thresholds, "value": 45}})
    d = analyse_disagreement(prepared, lenient)
    # with a strong case from 45, Ana's 45 is strong too: nobody disagrees
    assert not d.pilot("A").contested


def test_without_a_workshop_nothing_is_contested_and_arrays_are_empty() -> None:
    pf = portfolio([pilot("A", ratings={**BASE, "v_kpi": 4}), pilot("B", ratings=BASE)])
    d = disagreement(pf, METHOD)
    assert d.values.shape == (2, len(METHOD.criteria), 0)
    assert d.queue == () and not d.contested.any()
    assert d.pilot("A").consensus is Decision.FIX_THEN_SCALE and d.pilot("B").consensus is Decision.STOP
    with pytest.raises(KeyError, match="unknown pilot 'Z'"):
        d.pilot("Z")
    assert np.array_equal(d.low, d.consensus) and np.array_equal(d.high, d.consensus)
