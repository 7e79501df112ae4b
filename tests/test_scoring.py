"""Scoring engine: hand-worked dimension scores, composite, derived ratings, gates, decisions, ranking.

The small method is described in tests/factories.py: with no financials, no sponsor and nobody linked,
value = 15·v_kpi, readiness = 10·(r_data + r_ops), sponsorship = 100·2·s_exec/15.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.method import effective_weights, load_method
from planner.model import (
    Decision,
    Dependency,
    Enabler,
    EnablerStatus,
    Financials,
    Kpi,
    Override,
    Stage,
    Stakeholder,
    Stance,
)
from planner.triage.scoring import benefit_rating, prepare, rescore, score
from planner.triage.support import support_rating
from tests.factories import AS_OF, all_gates, good_kpi, pilot, portfolio, small_method

METHOD = small_method()


def scores_of(pf, method=METHOD):
    return rescore(prepare(pf, method), effective_weights(method, pf))


def one(p, stakeholders=None, method=METHOD, **fields):
    return scores_of(portfolio([p], stakeholders, **fields), method).pilots[p.id]


def ready_pilot(pid: str = "P1", **changes) -> tuple:
    """A pilot that passes every gate, with a supportive sponsor seen 10 days ago.

    sponsorship = 100·(2·s_exec + 1·5 + 1·4) / (5·4) with recency 5 and support 4 (supportive).
    """
    fields = dict(
        ratings={"v_kpi": 5, "r_data": 4, "r_ops": 4, "s_exec": 5},
        sponsor="S1",
        sponsor_last_touchpoint=AS_OF - timedelta(days=10),
        kpi=good_kpi(),
        financials=Financials(scale_investment=100, change_budget=20),
        gates=all_gates(),
    )
    fields.update(changes)
    ratings = fields.pop("ratings")
    people = [Stakeholder(id="S1", name="Sam", influence=4, stance=Stance.SUPPORTIVE)]
    return pilot(pid, ratings=ratings, **fields), people


# ---------------------------------------------------------------------------------------------------
# dimension scores and composite


def test_dimension_scores_and_composite_by_hand():
    s = one(pilot("P1", ratings={"v_kpi": 4, "r_data": 3, "r_ops": 4, "s_exec": 5}))
    # value: benefit 0 (no financials): 100·(3·4 + 1·0)/(5·4) = 60
    assert s.value == pytest.approx(60.0)
    # readiness: 100·(2·3 + 2·4)/(5·4) = 70
    assert s.readiness == pytest.approx(70.0)
    # sponsorship: recency 0 (no sponsor) counts, support not assessed: 100·(2·5 + 1·0)/(5·3) = 66.67
    assert s.sponsorship == pytest.approx(200 / 3)
    # composite: (50·60 + 30·70 + 20·66.67)/100 = 30 + 21 + 13.33 = 64.33
    assert s.composite == pytest.approx(30 + 21 + 40 / 3)


def test_weights_from_the_portfolio_override_the_method():
    pf = portfolio([pilot("P1", ratings={"v_kpi": 4, "r_data": 2, "r_ops": 4, "s_exec": 5})])
    pf.method.weights = {"r_data": 6}
    pf.method.dimension_weights = {"sponsorship": 0.0}
    s = scores_of(pf).pilots["P1"]
    # readiness: 100·(6·2 + 2·4)/(5·8) = 50; composite without sponsorship: (50·60 + 30·50)/80 = 56.25
    assert s.readiness == pytest.approx(50.0)
    assert s.composite == pytest.approx(56.25)


def test_missing_typed_rating_counts_as_zero_and_unassessed_support_renormalises():
    people = [
        Stakeholder(id="S1", name="Sam", influence=5, stance=Stance.LEADING),
        Stakeholder(id="S2", name="Ria", influence=3, stance=Stance.RESISTANT),
    ]
    linked = one(pilot("P1", ratings={"s_exec": 3}, approvers=["S1", "S2"]), people)
    # support = (5·5 + 3·0)/8 = 3.125; sponsorship = 100·(2·3 + 1·0 + 1·3.125)/(5·4) = 45.625
    assert linked.sponsorship == pytest.approx(45.625)
    unlinked = one(pilot("P1", ratings={"s_exec": 3}), people)
    # support left out, weights renormalise over s_exec and s_recency: 100·(2·3 + 0)/(5·3) = 40
    assert unlinked.sponsorship == pytest.approx(40.0)
    # v_kpi, r_data, r_ops missing: 0
    assert unlinked.value == 0.0 and unlinked.readiness == 0.0


def test_scores_stay_within_0_and_100_at_the_extremes():
    top = one(pilot("P1", ratings={"v_kpi": 5, "r_data": 5, "r_ops": 5, "s_exec": 5}))
    assert top.readiness == 100.0 and top.composite <= 100.0


# ---------------------------------------------------------------------------------------------------
# derived ratings


def test_support_rating_weights_stance_by_influence_and_counts_each_person_once():
    people = [
        Stakeholder(id="S1", name="A", influence=5, stance=Stance.SUPPORTIVE),
        Stakeholder(id="S2", name="B", influence=3, stance=Stance.RESISTANT),
        Stakeholder(id="S3", name="C", influence=2, stance=Stance.UNAWARE),
        Stakeholder(id="S4", name="D", influence=1, stance=Stance.NEUTRAL),
    ]
    p = pilot("P1", sponsor="S1", owner="S1", approvers=["S2"], affected=["S2", "S3", "S4"])
    pf = portfolio([p], people)
    # (5·4 + 3·0 + 2·1 + 1·2.5) / (5 + 3 + 2 + 1) = 24.5/11
    assert support_rating(pf, p) == pytest.approx(24.5 / 11)
    assert support_rating(pf, pf.pilots[0]) == pytest.approx(24.5 / 11)
    alone = pilot("P2")
    assert support_rating(portfolio([alone], people), alone) is None


@pytest.mark.parametrize(
    ("npv", "investment", "expected"),
    [
        (240.0, 100.0, 4),  # ratio 2.4: band 2 → 4
        (100.0, 100.0, 3),  # ratio exactly 1 reaches band 1 → 3
        (49.0, 100.0, 1),  # ratio 0.49: band 0 → 1
        (-10.0, 100.0, 0),  # negative ratio: bottom band
        (500.0, 100.0, 5),  # ratio 5 ≥ 4
        (10.0, 0.0, 5),  # no investment, positive NPV: top band
        (0.0, 0.0, 0),  # no investment, nothing gained: bottom band
    ],
)
def test_benefit_bands(npv, investment, expected):
    rating, reason = benefit_rating(npv, investment, METHOD, "EUR")
    assert rating == expected
    assert "NPV" in reason


def test_benefit_reason_writes_money_with_the_currency():
    # 10,092,903 / 2,200,000 = 4.5877... → "4.59"; both amounts abbreviated to three figures
    assert benefit_rating(10_092_903, 2_200_000, METHOD, "GBP")[1] == (
        "NPV GBP 10.1 M / scale investment GBP 2.2 M = 4.59"
    )
    assert benefit_rating(-45_000, 0, METHOD, "EUR")[1] == "NPV −EUR 45 k with no scale investment"


def test_benefit_is_derived_from_the_finance_engine():
    rich = pilot("P1", financials=Financials(scale_investment=100, annual_benefit=1_000_000))
    poor = pilot("P2", financials=Financials(scale_investment=100, annual_run_cost=1_000))
    prepared = prepare(portfolio([rich, poor]), METHOD)
    col = prepared.criteria.index("v_benefit")
    # a million a year against 100 invested: far above ratio 4 → 5; only run costs: NPV < 0 → 0
    assert prepared.ratings[:, col].tolist() == [5.0, 0.0]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, 5.0),
        (30, 5.0),  # full credit up to sponsor_full_days
        (105, 2.5),  # 5·(180 − 105)/(180 − 30) = 2.5
        (180, 0.0),
        (400, 0.0),
    ],
)
def test_sponsor_recency_decays_linearly(days, expected):
    p = pilot("P1", sponsor="S1", sponsor_last_touchpoint=AS_OF - timedelta(days=days))
    pf = portfolio([p], [Stakeholder(id="S1", name="Sam")])
    prepared = prepare(pf, METHOD)
    assert prepared.ratings[0, prepared.criteria.index("s_recency")] == pytest.approx(expected)


def test_sponsor_recency_is_zero_without_sponsor_or_touchpoint():
    people = [Stakeholder(id="S1", name="Sam")]
    no_touch = pilot("P1", sponsor="S1")
    no_sponsor = pilot("P2", sponsor_last_touchpoint=AS_OF)
    prepared = prepare(portfolio([no_touch, no_sponsor], people), METHOD)
    assert prepared.ratings[:, prepared.criteria.index("s_recency")].tolist() == [0.0, 0.0]


# ---------------------------------------------------------------------------------------------------
# gates


def gates_of(p, people=None):
    prepared = prepare(portfolio([p], people or [Stakeholder(id="S1", name="Sam")]), METHOD)
    return {g.gate: g for g in prepared.gates[0]}


def test_every_gate_passes_when_ticked_and_rules_hold():
    p, people = ready_pilot()
    gates = gates_of(p, people)
    assert all(g.passed and g.reason == "" for g in gates.values())
    assert one(p, people).gates_passed == 4


def test_unticked_gate_fails_with_reason():
    p, people = ready_pilot(gates={**all_gates(), "g_ops": False})
    gate = gates_of(p, people)["g_ops"]
    assert not gate.passed and gate.reason == "not ticked"


def test_kpi_baseline_rule_names_what_is_missing():
    p, people = ready_pilot(kpi=Kpi(name="cycle time", target=5))
    gate = gates_of(p, people)["g_kpi"]
    assert not gate.passed and gate.reason == "KPI lacks a baseline"


def test_sponsor_within_days_rule():
    inside, people = ready_pilot(sponsor_last_touchpoint=AS_OF - timedelta(days=90))
    assert gates_of(inside, people)["g_sponsor"].passed
    outside, _ = ready_pilot(sponsor_last_touchpoint=AS_OF - timedelta(days=91))
    gate = gates_of(outside, people)["g_sponsor"]
    assert not gate.passed and gate.reason == "sponsor last seen 91 days ago (limit 90)"
    nobody, _ = ready_pilot(sponsor=None)
    assert gates_of(nobody, people)["g_sponsor"].reason == "no sponsor named"


def test_change_budget_share_rule():
    # 15 % of 100 = 15: 15 passes, 14 fails
    enough, people = ready_pilot(financials=Financials(scale_investment=100, change_budget=15))
    assert gates_of(enough, people)["g_change"].passed
    short, _ = ready_pilot(financials=Financials(scale_investment=100, change_budget=14))
    gate = gates_of(short, people)["g_change"]
    # 14 / 100 = 14.0 %, written with the portfolio's currency (EUR by default) and the house "%" spacing
    assert not gate.passed and gate.reason.endswith(
        "change budget EUR 14 is 14.0 % of the scale investment EUR 100 (needs 15 %)"
    )


def test_unticked_gate_with_failing_rule_reports_both_reasons():
    p, people = ready_pilot(kpi=Kpi(), gates={})
    assert gates_of(p, people)["g_kpi"].reason == "not ticked; KPI lacks a name and a baseline and a target"


# ---------------------------------------------------------------------------------------------------
# decisions: one test per rule row


def test_stop_when_value_below_stop_threshold():
    s = one(pilot("P1", ratings={"v_kpi": 2, "r_data": 5, "r_ops": 5, "s_exec": 5}))
    # value = 15·2 = 30 < 40
    assert s.decision is Decision.STOP
    assert s.decision_reason == "stop: value 30.0 is below 40"


def test_stop_when_stale_and_weak():
    # started 2024-01-01, as of 2026-01-01: 731 days = 24.0 months > 18; value 15·3 = 45 < 60
    p = pilot("P1", ratings={"v_kpi": 3, "r_data": 5, "r_ops": 5}, pilot_start=date(2024, 1, 1))
    s = one(p)
    assert s.months_in_pilot == pytest.approx(731 / (365.25 / 12))
    assert s.decision is Decision.STOP
    assert "24.0 months in pilot (over 18)" in s.decision_reason


@pytest.mark.parametrize("stage", [Stage.SCALING, Stage.PRODUCTION, Stage.RETIRED])
def test_a_pilot_past_the_pilot_stage_has_no_months_in_pilot_and_is_never_stale(stage):
    # the pilot of the test above, 24 months after its start, but it has left the pilot stage: the
    # stale rule does not apply, and value 45 ≥ 40 does not stop it either
    p = pilot("P1", ratings={"v_kpi": 3, "r_data": 5, "r_ops": 5}, pilot_start=date(2024, 1, 1))
    s = one(p.model_copy(update={"stage": stage}))
    assert s.months_in_pilot is None
    assert s.decision is not Decision.STOP
    assert "months in pilot" not in s.decision_reason


def test_pivot_when_weak_case_but_technically_sound():
    # value 45 (≥ 40, < 60), readiness 10·(3 + 3) = 60 ≥ 60, only 7 months in pilot
    p = pilot("P1", ratings={"v_kpi": 3, "r_data": 3, "r_ops": 3}, pilot_start=date(2025, 6, 1))
    s = one(p)
    assert s.decision is Decision.PIVOT
    assert "sound technology" in s.decision_reason


def test_pivot_when_weak_case_and_not_sound():
    # the rule table's hole: value 45 < 60 and readiness 10·(2 + 3) = 50 < 60, not stale → pivot
    s = one(pilot("P1", ratings={"v_kpi": 3, "r_data": 2, "r_ops": 3}))
    assert s.decision is Decision.PIVOT
    assert "re-scope the case before investing in readiness" in s.decision_reason


def test_secure_sponsor_when_strong_case_and_weak_sponsorship():
    # value 15·4 = 60 ≥ 60 (equality counts as strong); sponsorship 100·2·3/15 = 40 < 50
    s = one(pilot("P1", ratings={"v_kpi": 4, "r_data": 5, "r_ops": 5, "s_exec": 3}))
    assert s.decision is Decision.SECURE_SPONSOR
    assert s.decision_reason.startswith("secure sponsor: value 60.0 reaches 60 but sponsorship 40.0")


def test_fix_then_scale_when_readiness_low():
    p, people = ready_pilot(ratings={"v_kpi": 5, "r_data": 2, "r_ops": 3, "s_exec": 5})
    s = one(p, people)
    # value 75, readiness 50 < 60, sponsorship 100·(10 + 5 + 4)/20 = 95
    assert s.sponsorship == pytest.approx(95.0)
    assert s.decision is Decision.FIX_THEN_SCALE
    assert "readiness 50.0 is below 60" in s.decision_reason


def test_fix_then_scale_when_a_gate_fails():
    p, people = ready_pilot(gates={**all_gates(), "g_ops": False})
    s = one(p, people)
    assert (s.gates_passed, s.gates_total) == (3, 4)
    assert s.decision is Decision.FIX_THEN_SCALE
    assert s.decision_reason.endswith("but 1 production gate check fails")


def test_fix_then_scale_reason_counts_failing_gate_checks_in_the_plural():
    p, people = ready_pilot(gates={**all_gates(), "g_ops": False, "g_kpi": False})
    s = one(p, people)
    assert (s.gates_passed, s.gates_total) == (2, 4)
    assert s.decision_reason.endswith("but 2 production gate checks fail")


def test_scale_when_everything_holds():
    p, people = ready_pilot()
    s = one(p, people)
    # value 75, readiness 80, sponsorship 95, all four gates
    assert (s.value, s.readiness, s.sponsorship) == pytest.approx((75.0, 80.0, 95.0))
    assert s.decision is Decision.SCALE and s.computed_decision is Decision.SCALE


def test_thresholds_from_the_portfolio_change_the_decision():
    p = pilot("P1", ratings={"v_kpi": 3, "r_data": 3, "r_ops": 3})
    pf = portfolio([p])
    assert scores_of(pf).pilots["P1"].decision is Decision.PIVOT
    pf.method.thresholds = {"stop_value": 50}  # value 45 < 50
    assert scores_of(pf).pilots["P1"].decision is Decision.STOP


# ---------------------------------------------------------------------------------------------------
# overrides, ranking, tally, blocked


def test_override_replaces_decision_keeps_computed_and_tally_follows():
    weak = pilot("P1", ratings={"v_kpi": 1})
    kept = pilot("P2", ratings={"v_kpi": 1}, override=Override(decision=Decision.PIVOT, rationale="board"))
    scores = scores_of(portfolio([weak, kept]))
    s = scores.pilots["P2"]
    assert s.overridden and s.decision is Decision.PIVOT and s.computed_decision is Decision.STOP
    assert scores.tally[Decision.STOP] == 1 and scores.tally[Decision.PIVOT] == 1
    assert sum(scores.tally.values()) == 2


def test_ranking_by_composite_then_name_then_id():
    same = {"v_kpi": 3, "r_data": 3}
    pilots = [
        pilot("P3", "Beta", same),
        pilot("P2", "Alpha", same),
        pilot("P1", "Beta", same),
        pilot("P9", "Zulu", {"v_kpi": 5}),  # highest composite: 50·75/100 = 37.5 vs 50·45/100 + 30·30/100
    ]
    scores = scores_of(portfolio(pilots))
    assert scores.ranking == ("P9", "P2", "P1", "P3")
    assert [scores.pilots[p].rank for p in scores.ranking] == [1, 2, 3, 4]


def test_blocked_by_unfinished_pilots_and_unready_enablers():
    pilots = [
        pilot("P1"),
        pilot("P2", stage=Stage.PRODUCTION),
        pilot("P3", stage=Stage.SCALING),
    ]
    enablers = [
        Enabler(id="E1", name="Data platform", status=EnablerStatus.READY),
        Enabler(id="E2", name="MLOps", status=EnablerStatus.IN_PROGRESS),
    ]
    deps = [Dependency(pilot="P1", on=x) for x in ("P2", "P3", "E1", "E2")]
    scores = scores_of(portfolio(pilots, enablers=enablers, dependencies=deps))
    assert scores.pilots["P1"].blocked and scores.pilots["P1"].blocked_by == ("P3", "E2")
    assert not scores.pilots["P2"].blocked and scores.pilots["P2"].blocked_by == ()


def test_score_uses_the_shipped_method_by_default():
    # only criterion ids that stay stable in the shipped method are used
    p = pilot("P1", ratings={"kpi_clarity": 5, "strategic_alignment": 5, "pilot_evidence": 5})
    pf = portfolio([p])
    method = load_method("pilot-to-production")
    assert score(pf) == rescore(prepare(pf, method), effective_weights(method, pf))
    assert score(pf).pilots["P1"].value > 0


# ---------------------------------------------------------------------------------------------------
# explanations


def explain_one(p, people=None):
    from planner.triage.explain import explain

    pf = portfolio([p], people)
    return explain(prepare(pf, METHOD), effective_weights(METHOD, pf), p.id)


def test_explanation_points_and_gaps_by_hand():
    e = explain_one(pilot("P1", ratings={"v_kpi": 4, "r_data": 3, "r_ops": 4, "s_exec": 5}))
    c = {x.criterion: x for x in e.contributions}
    # v_kpi: share 3/4; points 100·0.75·4/5 = 60; gap 100·0.75·1/5 = 15; composite ×0.5: 30 and 7.5
    assert (c["v_kpi"].weight_share, c["v_kpi"].points, c["v_kpi"].gap) == pytest.approx((0.75, 60, 15))
    assert (c["v_kpi"].composite_points, c["v_kpi"].composite_gap) == pytest.approx((30, 7.5))
    # v_benefit (rating 0): gap 100·0.25·5/5 = 25 → 12.5 composite
    assert c["v_benefit"].composite_gap == pytest.approx(12.5)
    assert c["v_benefit"].evidence.startswith("derived: NPV EUR 0")
    # s_recency: share 1/3, gap 100/3 → ×0.2 = 6.67; r_data: share 1/2, gap 20 → ×0.3 = 6; r_ops: 10 → 3
    assert c["s_support"].rating is None and c["s_support"].weight_share == 0.0
    assert [g.criterion for g in e.largest_gaps] == ["v_benefit", "v_kpi", "s_recency", "r_data", "r_ops"]
    assert [g.composite_gap for g in e.largest_gaps] == pytest.approx([12.5, 7.5, 20 / 3, 6, 3])
    assert e.composite == pytest.approx(30 + 21 + 40 / 3)
    assert c["r_data"].evidence == "assumed"
    # contributions add up to the composite
    assert sum(x.composite_points for x in e.contributions) == pytest.approx(e.composite)


def test_failure_modes_need_min_signals_and_ignore_unassessed_ratings():
    # fm_sponsor needs 2 of: s_exec ≤ 1, s_recency ≤ 2, s_support ≤ 2
    # no sponsor → recency 0 signals; s_exec 1 signals; support not assessed never signals → 2 signals
    weak = explain_one(pilot("P1", ratings={"v_kpi": 5, "r_data": 1, "r_ops": 4, "s_exec": 1}))
    modes = {m.mode: m for m in weak.failure_modes}
    assert set(modes) == {"fm_data", "fm_sponsor"}
    assert modes["fm_sponsor"].signals == ("s_exec", "s_recency")
    # sponsor seen yesterday (recency 5) and supportive (4): only s_exec signals → mode absent
    p, people = ready_pilot(ratings={"v_kpi": 5, "r_data": 4, "r_ops": 4, "s_exec": 1})
    assert explain_one(p, people).failure_modes == ()


def test_remedies_ranked_by_expected_uplift_with_decision_change():
    e = explain_one(pilot("P1", ratings={"v_kpi": 5, "r_data": 1, "r_ops": 4, "s_exec": 1}))
    # now: value 75, readiness 10·(1+4) = 50, sponsorship 100·2·1/15 = 13.3 → secure sponsor
    assert e.decision is Decision.SECURE_SPONSOR
    # rem_data: r_data 1 → 4: readiness 80 (+30) → composite +30·0.3 = 9; still secure sponsor
    # rem_sponsor: s_exec 1 → 4: sponsorship 53.3 (+40) → +40·0.2 = 8; then readiness 50 → fix then scale
    assert [r.remedy for r in e.remedies] == ["rem_data", "rem_sponsor"]
    data, sponsor = e.remedies
    assert data.uplift == pytest.approx(9.0) and sponsor.uplift == pytest.approx(8.0)
    assert data.modes == ("fm_data", "fm_sponsor")
    assert not data.changes_decision and data.decision_after is Decision.SECURE_SPONSOR
    assert sponsor.changes_decision and sponsor.decision_after is Decision.FIX_THEN_SCALE
    assert (sponsor.weeks, sponsor.owner_role) == (2, "Transformation office")


def test_remedy_never_lowers_a_rating_already_above_its_level():
    # fm_sponsor shows through recency 0 (no touchpoint) and support 0 (a resistant sponsor), while
    # s_exec is 5: rem_sponsor's lift to 4 leaves it at 5 (max), so its uplift is 0
    people = [Stakeholder(id="S1", name="Sam", stance=Stance.RESISTANT)]
    p = pilot("P1", ratings={"v_kpi": 5, "r_data": 5, "r_ops": 5, "s_exec": 5}, sponsor="S1")
    e = explain_one(p, people)
    assert [m.mode for m in e.failure_modes] == ["fm_sponsor"]
    assert {r.remedy: r.uplift for r in e.remedies} == {"rem_sponsor": 0.0, "rem_data": 0.0}
    # ties on uplift go to the quicker remedy: rem_sponsor (2 weeks) before rem_data (6 weeks)
    assert [r.remedy for r in e.remedies] == ["rem_sponsor", "rem_data"]


def test_a_failed_gate_check_brings_in_the_remedy_that_lifts_its_criterion_without_a_failure_mode():
    # s_exec 3: fm_sponsor needs s_exec ≤ 1 and a second signal, fm_data needs r_data ≤ 2: no mode shows.
    # g_sponsor (criterion s_exec) is not ticked; rem_sponsor lifts s_exec to 4 > 3, so it answers it.
    p, people = ready_pilot(
        ratings={"v_kpi": 5, "r_data": 3, "r_ops": 4, "s_exec": 3}, gates={**all_gates(), "g_sponsor": False}
    )
    e = explain_one(p, people)
    assert e.failure_modes == ()
    assert [(r.remedy, r.modes, r.gates) for r in e.remedies] == [("rem_sponsor", (), ("g_sponsor",))]
    # sponsorship 100·(2·s_exec + 5 + 4)/20: s_exec 3 → 4 adds 10 points, × dimension weight 0.2 = 2
    assert e.remedies[0].uplift == pytest.approx(2.0)
    assert e.unremedied_gates == ()


def test_a_failed_gate_check_no_remedy_lifts_is_reported_as_unremedied():
    # g_ops checks r_ops; no remedy of the small method lifts r_ops
    p, people = ready_pilot(gates={**all_gates(), "g_ops": False})
    e = explain_one(p, people)
    assert e.remedies == ()
    assert e.unremedied_gates == ("g_ops",)


def test_large_gaps_without_a_remedy_are_named():
    # rated ≤ 2: v_kpi 2 (no remedy lifts it), v_benefit 0 (derived: negative NPV, no remedy lifts it),
    # r_data 1 (fm_data shows, rem_data lifts it to 4); r_ops 3 and s_exec 5 are no large gaps
    p, people = ready_pilot(ratings={"v_kpi": 2, "r_data": 1, "r_ops": 3, "s_exec": 5})
    e = explain_one(p, people)
    assert [r.remedy for r in e.remedies] == ["rem_data"]
    assert [(c.criterion, c.rating) for c in e.unremedied_gaps] == [("v_kpi", 2.0), ("v_benefit", 0.0)]


def test_gate_remedy_is_the_best_ranked_remedy_addressing_the_check():
    from planner.triage.explain import gate_remedy

    # the pilot of test_remedies_ranked_by_expected_uplift_with_decision_change, no gate ticked:
    # g_sponsor (s_exec 1) is addressed by rem_sponsor only; nothing lifts g_ops's criterion r_ops
    e = explain_one(pilot("P1", ratings={"v_kpi": 5, "r_data": 1, "r_ops": 4, "s_exec": 1}))
    fix = gate_remedy(e, "g_sponsor")
    assert fix is not None and fix.remedy == "rem_sponsor"
    assert gate_remedy(e, "g_ops") is None and "g_ops" in e.unremedied_gates


def test_explanation_of_unknown_pilot_names_it():
    pf = portfolio([pilot("P1")])
    from planner.triage.explain import explain

    with pytest.raises(KeyError, match="P-404"):
        explain(prepare(pf, METHOD), effective_weights(METHOD, pf), "P-404")
