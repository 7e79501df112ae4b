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
    assert s.decisions.low.change == "B: pivot → secure_sponsor"
    # B tends to 40 from above and A to 100: nothing changes however high t goes
    assert s.decisions.high.weight is None


def test_dimension_weight_crossings_by_hand():
    # A: value 60 (v_kpi 4), readiness 0. B: value 30 (v_kpi 2), readiness 100. Sponsorship 0 for both.
    a = pilot("A", ratings={"v_kpi": 4})
    b = pilot("B", ratings={"v_kpi": 2, "r_data": 5, "r_ops": 5})
    prepared, weights = setup([a, b])
    # value weight t (readiness 30, sponsorship 20): A = 60t/(t + 50), B = (30t + 3000)/(t + 50);
    # equal at t = 100. Now (t = 50) B leads 45 to 30; above 100 A overtakes.
    value = weight_sensitivity(prepared, weights, "dimension", "value")
    assert value.ranking.high.weight == pytest.approx(100.0)
    assert value.ranking.high.change == "A overtakes B"
    assert value.ranking.low.weight is None
    # readiness weight t (value 50, sponsorship 20): A = 3000/(t + 70), B = (1500 + 100t)/(t + 70);
    # equal at t = 15
    readiness = weight_sensitivity(prepared, weights, "dimension", "readiness")
    assert readiness.ranking.low.weight == pytest.approx(15.0)
    assert readiness.ranking.high.weight is None
    # decisions never depend on dimension weights
    assert readiness.decisions.low.weight is None and readiness.decisions.high.weight is None


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
    assert s.decisions.low.change == "A: secure_sponsor → pivot"


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
            # inside the interval: unchanged, probed at several points
            lo = low if low is not None else 0.0
            hi = high if high is not None else ws.current * 50 + 50
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
