"""Weight sensitivity: hand-worked crossing points, and a check of every bound against rescore."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from planner.method import Weights, effective_weights
from planner.model import Decision, Financials, Override, Stakeholder, Stance
from planner.triage.scoring import prepare, rescore
from planner.triage.sensitivity import sensitivity, weight_sensitivity
from tests.factories import AS_OF, all_gates, good_kpi, pilot, portfolio, small_method

METHOD = small_method()


def setup(pilots, **method_weights):
    pf = portfolio(pilots)
    pf.method.weights = method_weights
    prepared = prepare(pf, METHOD)
    return prepared, effective_weights(METHOD, pf)


def test_criterion_weight_crossing_by_hand():
    # value dimension: v_kpi weight t, v_benefit weight 1. A: v_kpi 5, benefit 0 → 100t/(t + 1).
    # B: v_kpi 2, benefit 5 (no investment, positive NPV) → 20(2t + 5)/(t + 1).
    # Equal at 100t = 40t + 100 → t = 5/3; at t = 3 A leads (75 vs 55); below 5/3 B leads.
    a = pilot("A", ratings={"v_kpi": 5})
    b = pilot("B", ratings={"v_kpi": 2}, financials=Financials(annual_benefit=1000))
    prepared, weights = setup([a, b], v_kpi=3)
    s = weight_sensitivity(prepared, weights, "criterion", "v_kpi")
    assert s.current == 3
    assert s.ranking.low.weight == pytest.approx(5 / 3) and s.ranking.low.change == "B overtakes A"
    assert s.ranking.high.weight is None  # A's lead only grows with t
    # decisions at t = 3: A value 75, sponsorship 0 → secure sponsor; B value 55 → pivot.
    # A reaches 60 at 100t = 60(t + 1), t = 1.5; B reaches 60 at 40t + 100 = 60t + 60, t = 2: B first.
    assert s.decisions.low.weight == pytest.approx(2.0)
    assert s.decisions.low.change == "B: pivot → secure sponsor"
    # B tends to 40 from above and A to 100: nothing changes however high t goes
    assert s.decisions.high.weight is None


def test_dimension_weight_crossings_by_hand():
    # A: value 60 (v_kpi 4), readiness 0. B: value 30 (v_kpi 2), readiness 100. Sponsorship 0 for both.
    a = pilot("A", ratings={"v_kpi": 4})
    b = pilot("B", ratings={"v_kpi": 2, "r_data": 5, "r_ops": 5})
    prepared, weights = setup([a, b])
    # value weight t (readiness 30, sponsorship 20): A = 60t/(t + 50), B = (30t + 3000)/(t + 50);
    # equal at t = 100, the most a weight can be: up to there B leads (45 to 30 now, at t = 50), so the
    # top holds over the whole settable range (a tie exactly at the end is no change)
    value = weight_sensitivity(prepared, weights, "dimension", "value")
    assert value.ranking.high.weight is None and value.ranking.low.weight is None
    assert value.ranking.span == (1, 100)
    # readiness weight t (value 50, sponsorship 20): A = 3000/(t + 70), B = (1500 + 100t)/(t + 70);
    # equal at t = 15
    readiness = weight_sensitivity(prepared, weights, "dimension", "readiness")
    assert readiness.ranking.low.weight == pytest.approx(15.0)
    assert readiness.ranking.low.change == "A overtakes B"
    assert readiness.ranking.high.weight is None
    assert readiness.ranking.span == pytest.approx((15.0, 100))
    # decisions never depend on dimension weights
    assert readiness.decisions.low.weight is None and readiness.decisions.high.weight is None


def dimension_setup(pilots, **dimension_weights):
    pf = portfolio(pilots)
    pf.method.dimension_weights = dimension_weights
    return prepare(pf, METHOD), effective_weights(METHOD, pf)


def test_changes_beyond_the_settable_range_are_not_reported():
    # A: value 60, readiness 0; B: value 30, readiness 100; sponsorship 0 for both. With value weight
    # t and readiness weight r, A = 60t/(t + r + 20) and B = (30t + 100r)/(t + r + 20): equal at
    # t = 10r/3. With r = 62 that is t = 206.7, beyond the 100 a weight can reach: B stays ahead up to
    # the maximum. With r = 21 it is t = 70, which a user can set, so it is the bound.
    a = pilot("A", ratings={"v_kpi": 4})
    b = pilot("B", ratings={"v_kpi": 2, "r_data": 5, "r_ops": 5})
    far = weight_sensitivity(*dimension_setup([a, b], readiness=62), "dimension", "value")
    assert far.ranking.high.weight is None and far.ranking.span[1] == 100
    near = weight_sensitivity(*dimension_setup([a, b], readiness=21), "dimension", "value")
    assert near.ranking.high.weight == pytest.approx(70.0) and near.ranking.high.change == "A overtakes B"
    # below: the readiness weight r with value 3: equal at 3·30 = 100r, r = 0.9, below the minimum of 1
    low = weight_sensitivity(*dimension_setup([a, b], value=3), "dimension", "readiness")
    assert low.ranking.low.weight is None and low.ranking.span[0] == 1
    # with value 10 the tie moves to r = 3, which a user can set
    low = weight_sensitivity(*dimension_setup([a, b], value=10), "dimension", "readiness")
    assert low.ranking.low.weight == pytest.approx(3.0)


def test_a_weight_below_the_minimum_widens_the_range_to_take_it_in():
    # v_kpi weight 0.5 (set by a pairwise weighting), v_benefit 1: A (v_kpi 5, benefit 0) scores
    # 100t/(t + 1) = 33.3 and B (v_kpi 2, benefit 5) 20(2t + 5)/(t + 1) = 80: B leads until t = 5/3
    a = pilot("A", ratings={"v_kpi": 5})
    b = pilot("B", ratings={"v_kpi": 2}, financials=Financials(annual_benefit=1000))
    prepared, weights = setup([a, b], v_kpi=0.5)
    s = weight_sensitivity(prepared, weights, "criterion", "v_kpi")
    assert (s.ranking.minimum, s.ranking.maximum) == (0.5, 100)
    assert s.ranking.low.weight is None  # nothing lower can be set from the sliders
    assert s.ranking.high.weight == pytest.approx(5 / 3)


def test_overridden_pilots_do_not_count_as_decision_changes():
    a = pilot("A", ratings={"v_kpi": 5})
    b = pilot(
        "B",
        ratings={"v_kpi": 2},
        financials=Financials(annual_benefit=1000),
        override=Override(decision=Decision.STOP, rationale="no budget"),
    )
    prepared, weights = setup([a, b], v_kpi=3)
    s = weight_sensitivity(prepared, weights, "criterion", "v_kpi")
    # B's flip at t = 2 is hidden by its override; A flips at t = 1.5 (value 60: pivot below)
    assert s.decisions.low.weight == pytest.approx(1.5)
    assert s.decisions.low.change == "A: secure sponsor → pivot"


def test_entering_the_top_is_described():
    pilots = [pilot(f"P{k}", ratings={"v_kpi": 5, "r_data": k % 6}) for k in range(6)]
    pilots.append(pilot("X", ratings={"v_kpi": 1, "r_data": 5, "r_ops": 5}))
    prepared, weights = setup(pilots)
    s = weight_sensitivity(prepared, weights, "dimension", "readiness", top=3)
    assert s.ranking.high.weight is not None
    assert "enters the top 3" in s.ranking.high.change or "overtakes" in s.ranking.high.change


def test_unknown_weight_is_named():
    prepared, weights = setup([pilot("A")])
    with pytest.raises(KeyError, match="nope"):
        weight_sensitivity(prepared, weights, "criterion", "nope")


# ---------------------------------------------------------------------------------------------------
# every bound checked against rescore, on random portfolios


def random_pilots(rng: random.Random, n: int):
    people = [
        Stakeholder(id=f"S{k}", name=f"S{k}", influence=rng.randint(1, 5), stance=rng.choice(list(Stance)))
        for k in range(6)
    ]
    pilots = []
    for k in range(n):
        linked = rng.sample(people, rng.randint(0, 3))
        pilots.append(
            pilot(
                f"P{k:02d}",
                f"Pilot {rng.randint(0, 5)}",
                {c: rng.randint(0, 5) for c in ("v_kpi", "r_data", "r_ops", "s_exec") if rng.random() < 0.9},
                sponsor=linked[0].id if linked else None,
                sponsor_last_touchpoint=AS_OF - timedelta(days=rng.randint(0, 250)),
                approvers=[p.id for p in linked[1:]],
                financials=Financials(
                    scale_investment=rng.uniform(0, 1e5), annual_benefit=rng.uniform(0, 1e5)
                ),
                kpi=good_kpi(),
                gates=all_gates() if rng.random() < 0.5 else {},
                pilot_start=AS_OF - timedelta(days=rng.randint(0, 900)),
            )
        )
    return pilots, people


def state_at(prepared, weights: Weights, kind: str, key: str, value: float, top: int):
    crit, dims = dict(weights.criteria), dict(weights.dimensions)
    (crit if kind == "criterion" else dims)[key] = value
    scores = rescore(prepared, Weights(criteria=crit, dimensions=dims, thresholds=weights.thresholds))
    return scores.ranking[:top], {p: s.decision for p, s in scores.pilots.items()}


@pytest.mark.parametrize("seed", range(8))
def test_bounds_agree_with_rescore(seed):
    rng = random.Random(seed)
    pilots, people = random_pilots(rng, 14)
    pf = portfolio(pilots, people)
    prepared = prepare(pf, METHOD)
    weights = effective_weights(METHOD, pf)
    top = 5
    result = sensitivity(prepared, weights, top)
    assert len(result.weights) == len(METHOD.criteria) + 3
    assert result.top_ids == rescore(prepared, weights).ranking[:top]
    for ws in result.weights:
        here = state_at(prepared, weights, ws.kind, ws.key, ws.current, top)
        for part, stability in ((0, ws.ranking), (1, ws.decisions)):
            low, high = stability.low.weight, stability.high.weight
            # every bound lies within what a user can set; the interval runs to its ends otherwise
            lo, hi = stability.span
            assert stability.minimum <= lo <= ws.current <= hi <= stability.maximum <= 100
            # inside the interval: unchanged, probed at several points
            for f in (0.001, 0.25, 0.5, 0.75, 0.999):
                probe = lo + f * (hi - lo)
                if probe > 0:
                    assert state_at(prepared, weights, ws.kind, ws.key, probe, top)[part] == here[part], (
                        ws.key,
                        part,
                        probe,
                    )
            # just beyond a reported bound: changed
            if high is not None:
                beyond = state_at(prepared, weights, ws.kind, ws.key, high * (1 + 1e-7) + 1e-9, top)
                assert beyond[part] != here[part], (ws.key, part, "high")
            if low is not None:
                beyond = state_at(prepared, weights, ws.kind, ws.key, low * (1 - 1e-7), top)
                assert beyond[part] != here[part], (ws.key, part, "low")


def test_a_weight_at_zero_has_no_lower_side():
    # v_kpi weight t, v_benefit weight 1, benefit 0: B (v_kpi 4) has value 100·4t/(5(t + 1)) = 80t/(t + 1),
    # 0 at t = 0 (stop); it reaches the stop threshold 40 at 80t = 40t + 40, t = 1, and becomes a pivot
    b = pilot("B", ratings={"v_kpi": 4})
    prepared, weights = setup([b], v_kpi=0.0)
    s = weight_sensitivity(prepared, weights, "criterion", "v_kpi")
    assert s.decisions.low.weight is None
    assert s.decisions.high.weight == pytest.approx(1.0)
    assert s.decisions.high.change == "B: stop → pivot"
