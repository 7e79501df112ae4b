"""Consensus and spread: medians and quartiles worked by hand, checked against numpy, and scoring
reading the consensus (the small method of tests/factories.py: value = 15 · v_kpi)."""

from __future__ import annotations

import numpy as np
import pytest

from planner.method import effective_weights
from planner.model import Decision, Rating
from planner.triage.consensus import Source, consensus_source, consensus_value, median_of, spread_arrays
from planner.triage.scoring import prepare, rescore
from planner.workshop import ConsensusOverride, Rater, RaterRating, Workshop
from tests.factories import pilot, portfolio, small_method

METHOD = small_method()
NAN = float("nan")


def panel(**values: int) -> dict[str, RaterRating]:
    return {rater: RaterRating(score=v) for rater, v in values.items()}


def test_consensus_value_and_its_source() -> None:
    assert consensus_value(None) is None and consensus_source(None) is Source.NONE
    single = Rating(score=2)
    assert consensus_value(single) == 2.0 and consensus_source(single) is Source.SINGLE
    # the median of 3, 4, 5 is 4: the raters replace the single rating of 2
    rated = Rating(score=2, raters=panel(a=3, b=5, c=4))
    assert consensus_value(rated) == 4.0 and consensus_source(rated) is Source.MEDIAN
    # two raters: the mean of the middle two, 3 and 4 → 3.5
    assert consensus_value(Rating(raters=panel(a=3, b=4))) == 3.5
    decided = Rating(score=2, raters=panel(a=3, b=5), consensus=ConsensusOverride(score=1, rationale="r"))
    assert consensus_value(decided) == 1.0 and consensus_source(decided) is Source.FACILITATOR


@pytest.mark.parametrize(
    ("values", "median"),
    [
        ([4], 4.0),
        ([1, 3, 4], 3.0),
        ([2, 3], 2.5),
        ([5, 1, 2, 4], 3.0),
        ([0, 0, 5], 0.0),
        ([1, 2, 2, 5, 5, 5], 3.5),
    ],
)
def test_median_by_hand(values: list[int], median: float) -> None:
    assert median_of(values) == median


def test_spread_by_hand() -> None:
    # rows: 1 2 4 5 | 1 3 4 | 2 3 | 4 | nobody
    values = np.array(
        [
            [1, 2, 4, 5],
            [1, 3, 4, NAN],
            [NAN, 2, NAN, 3],
            [NAN, NAN, 4, NAN],
            [NAN, NAN, NAN, NAN],
        ]
    )
    s = spread_arrays(values)
    assert s.count.tolist() == [4, 3, 2, 1, 0]
    # 1 2 4 5: median (2+4)/2 = 3; Q1 at position 0.75 → 1 + 0.75·(2−1) = 1.75; Q3 at 2.25 → 4.25
    # 1 3 4: median 3; Q1 at 0.5 → 2; Q3 at 1.5 → 3.5
    # 2 3: median 2.5; Q1 at 0.25 → 2.25; Q3 at 0.75 → 2.75
    np.testing.assert_array_equal(s.low[:4], [1, 1, 2, 4])
    np.testing.assert_array_equal(s.high[:4], [5, 4, 3, 4])
    np.testing.assert_array_equal(s.median[:4], [3, 3, 2.5, 4])
    np.testing.assert_array_equal(s.q1[:4], [1.75, 2, 2.25, 4])
    np.testing.assert_array_equal(s.q3[:4], [4.25, 3.5, 2.75, 4])
    np.testing.assert_array_equal(s.range[:4], [4, 3, 1, 0])
    np.testing.assert_array_equal(s.iqr[:4], [2.5, 1.5, 0.5, 0])
    assert all(np.isnan(a[4]) for a in (s.low, s.high, s.median, s.q1, s.q3))


def test_spread_matches_numpy_on_random_panels() -> None:
    rng = np.random.default_rng(3)
    values = rng.integers(0, 6, size=(40, 7, 9)).astype(float)
    values[rng.random(values.shape) < 0.4] = np.nan
    values[0, 0, :] = np.nan  # a cell nobody rated
    s = spread_arrays(values)
    rated = s.count > 0
    with np.errstate(all="ignore"), pytest.warns(RuntimeWarning):
        for q, ours in ((0, s.low), (25, s.q1), (50, s.median), (75, s.q3), (100, s.high)):
            theirs = np.nanpercentile(values, q, axis=-1)
            np.testing.assert_allclose(ours[rated], theirs[rated], rtol=0, atol=1e-12)
    assert np.isnan(s.median[0, 0]) and s.count[0, 0] == 0


def test_no_raters_at_all_gives_empty_spread() -> None:
    s = spread_arrays(np.zeros((3, 4, 0)))
    assert s.count.tolist() == [[0] * 4] * 3 and np.isnan(s.low).all()


def score_of(pf):
    return rescore(prepare(pf, METHOD), effective_weights(METHOD, pf))


def rated(v_kpi: Rating) -> object:
    """A pilot with readiness 60 and sponsorship 66.7 (r_data 3, r_ops 3, s_exec 5) and this v_kpi."""
    p = pilot("A", ratings={"r_data": 3, "r_ops": 3, "s_exec": 5})
    return p.model_copy(update={"ratings": {**p.ratings, "v_kpi": v_kpi}})


WORKSHOP = Workshop(raters=[Rater(id=r, name=r) for r in ("a", "b", "c")])


def test_scoring_reads_the_consensus() -> None:
    # desk rating 2 → value 15·2 = 30: stop
    alone = score_of(portfolio([rated(Rating(score=2))])).pilots["A"]
    assert alone.value == pytest.approx(30) and alone.decision is Decision.STOP
    # raters 3, 4, 5 → median 4 → value 60: strong case; no gate ticked → fix then scale
    room = portfolio([rated(Rating(score=2, raters=panel(a=3, b=4, c=5)))], workshop=WORKSHOP)
    s = score_of(room).pilots["A"]
    assert s.value == pytest.approx(60) and s.decision is Decision.FIX_THEN_SCALE
    # two raters 3 and 4 → 3.5 → value 52.5: pivot
    pair = portfolio([rated(Rating(raters=panel(a=3, b=4)))], workshop=WORKSHOP)
    assert score_of(pair).pilots["A"].value == pytest.approx(52.5)
    # the facilitator's 2 replaces the median: value 30 again
    decided = Rating(raters=panel(a=3, b=4, c=5), consensus=ConsensusOverride(score=2, rationale="agreed"))
    assert score_of(portfolio([rated(decided)], workshop=WORKSHOP)).pilots["A"].value == pytest.approx(30)


def test_an_explanation_says_where_a_consensus_comes_from() -> None:
    from planner.triage.explain import explain

    decided = Rating(
        raters=panel(a=3, b=4, c=5), consensus=ConsensusOverride(score=2, rationale="one site only")
    )
    p = pilot("A", ratings={"r_data": 3})
    p = p.model_copy(
        update={"ratings": {**p.ratings, "v_kpi": decided, "r_ops": Rating(score=1, raters=panel(a=4, b=5))}}
    )
    p = p.model_copy(update={"ratings": {**p.ratings, "s_exec": Rating(raters=panel(b=2))}})
    pf = portfolio([p], workshop=WORKSHOP)
    by_id = {
        c.criterion: c for c in explain(prepare(pf, METHOD), effective_weights(METHOD, pf), "A").contributions
    }
    assert (by_id["v_kpi"].rating, by_id["v_kpi"].evidence, by_id["v_kpi"].note) == (
        2,
        "set by the facilitator",
        "one site only",
    )
    assert (by_id["r_ops"].rating, by_id["r_ops"].evidence) == (4.5, "median of 2 raters")
    assert (by_id["s_exec"].rating, by_id["s_exec"].evidence) == (2, "one rater")
    assert (by_id["r_data"].rating, by_id["r_data"].evidence) == (3, "assumed")
