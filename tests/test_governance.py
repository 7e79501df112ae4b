"""AI governance under the EU AI Act, worked by hand on the small method (``tests/factories.py``).

The method gets two obligations: "Human oversight" (gate g_ops) for high-risk pilots, and "Records"
(gate g_kpi) for high and limited ones. The pilot "A" is strong everywhere: v_kpi 5 and no money
(benefit 0) give value 15·5 = 75; r_data 5 and r_ops 5 give readiness 10·10 = 100; s_exec 5, its
sponsor seen 10 days before (recency 5) and supportive (support 4) give sponsorship
100·(2·5 + 5 + 4)/20 = 95. With every gate ticked it is "scale".
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pytest

from planner.method import effective_weights
from planner.model import Decision, Override, RiskTier, Stakeholder, Stance
from planner.triage.decisions import RULE_DECISION, decision_rules
from planner.triage.disagreement import analyse_disagreement
from planner.triage.explain import explain
from planner.triage.governance import unassessed
from planner.triage.scoring import prepare, rescore, score
from planner.triage.sensitivity import sensitivity
from tests.factories import all_gates, good_kpi, pilot, portfolio, small_method

OBLIGATIONS = [
    {"id": "oversight", "name": "Human oversight", "gates": ["g_ops"]},
    {"id": "records", "name": "Records", "gates": ["g_kpi"], "tiers": ["high", "limited"]},
]
METHOD = small_method(obligations=OBLIGATIONS)
PEOPLE = [Stakeholder(id="S-1", name="Sam", stance=Stance.SUPPORTIVE)]


def strong(pid: str = "A", **fields: Any) -> Any:
    fields.setdefault("gates", all_gates())
    return pilot(
        pid,
        ratings={"v_kpi": 5, "r_data": 5, "r_ops": 5, "s_exec": 5},
        kpi=good_kpi(),
        sponsor="S-1",
        sponsor_last_touchpoint=date(2025, 12, 22),
        **fields,
    )


def one(pf_pilot: Any) -> Any:
    return score(portfolio([pf_pilot], PEOPLE), METHOD).pilots[pf_pilot.id]


def test_the_strong_pilot_scales_at_every_tier_but_unacceptable() -> None:
    for tier in (None, RiskTier.MINIMAL, RiskTier.LIMITED, RiskTier.HIGH):
        s = one(strong(risk_tier=tier))
        assert (s.value, s.readiness, s.sponsorship) == pytest.approx((75, 100, 95))
        assert s.decision is Decision.SCALE and s.unmet_obligations == ()
    assert one(strong(risk_tier=RiskTier.HIGH)).decision_reason == (
        "scale: value 75.0, readiness 100.0 and sponsorship 95.0 reach their thresholds and every gate "
        "check passes; high risk under the EU AI Act: the gate checks of all its obligations pass"
    )


def test_a_high_risk_pilot_with_a_failing_oversight_gate_is_never_scale() -> None:
    gates = {**all_gates(), "g_ops": False}
    s = one(strong(risk_tier=RiskTier.HIGH, gates=gates))
    assert s.decision is Decision.FIX_THEN_SCALE and s.unmet_obligations == ("oversight",)
    assert s.decision_reason == (
        "fix then scale: value, readiness and sponsorship reach their thresholds but 1 production gate "
        "check fails; high risk under the EU AI Act: it cannot scale until these obligations are met: "
        "Human oversight (g_ops)"
    )
    # a committee's override to scale is withheld while the obligation is unmet …
    rushed = Override(decision=Decision.SCALE, rationale="The ward wants it before winter")
    s = one(strong(risk_tier=RiskTier.HIGH, gates=gates, override=rushed))
    assert s.decision is Decision.FIX_THEN_SCALE and s.override_withheld and not s.overridden
    assert s.decision_reason.endswith("Human oversight (g_ops); the override to scale is withheld")
    # … an override to anything else applies, and at a lower tier the override to scale applies too
    paused = Override(decision=Decision.PIVOT, rationale="Re-scope to one ward")
    assert one(strong(risk_tier=RiskTier.HIGH, gates=gates, override=paused)).decision is Decision.PIVOT
    s = one(strong(risk_tier=RiskTier.MINIMAL, gates=gates, override=rushed))
    assert s.decision is Decision.SCALE and s.overridden and not s.override_withheld


def test_limited_risk_brings_only_its_own_obligations() -> None:
    gates = {**all_gates(), "g_ops": False, "g_kpi": False}
    assert one(strong(risk_tier=RiskTier.LIMITED, gates=gates)).unmet_obligations == ("records",)
    assert one(strong(risk_tier=RiskTier.MINIMAL, gates=gates)).unmet_obligations == ()


def test_a_prohibited_system_stops_whatever_its_scores() -> None:
    s = one(strong(risk_tier=RiskTier.UNACCEPTABLE, risk_note="scores citizens' social behaviour"))
    assert s.computed_decision is Decision.STOP and s.decision is Decision.STOP and not s.overridden
    assert s.decision_reason == (
        "stop: unacceptable risk under the EU AI Act (scores citizens' social behaviour): a prohibited "
        "practice may not be put into service; re-scope it out of the ban or stop it"
    )
    rescope = Override(decision=Decision.PIVOT, rationale="Drop the behaviour score")
    s = one(strong(risk_tier=RiskTier.UNACCEPTABLE, override=rescope))
    assert s.decision is Decision.PIVOT and s.overridden
    for decision in (Decision.SCALE, Decision.FIX_THEN_SCALE, Decision.SECURE_SPONSOR):
        s = one(strong(risk_tier=RiskTier.UNACCEPTABLE, override=Override(decision=decision, rationale="x")))
        assert s.decision is Decision.STOP and s.override_withheld


def test_the_prepared_overrides_are_what_a_fast_view_applies() -> None:
    """The app's fast path takes the rules' decisions and replaces them by `Prepared.overrides`:
    that must give the final decisions, governance included."""
    rushed = Override(decision=Decision.SCALE, rationale="now")
    pf = portfolio(
        [
            strong("A", risk_tier=RiskTier.UNACCEPTABLE),
            strong("B", risk_tier=RiskTier.HIGH, gates={**all_gates(), "g_ops": False}, override=rushed),
            strong("C", override=Override(decision=Decision.STOP, rationale="no")),
            strong("D"),
        ],
        PEOPLE,
    )
    prepared = prepare(pf, METHOD)
    weights = effective_weights(METHOD, pf)
    scores = rescore(prepared, weights)
    from planner.triage.scoring import dimension_scores, weight_vectors

    dims = dimension_scores(prepared, weight_vectors(prepared, weights)[0])
    fast = [
        RULE_DECISION[c] for c in decision_rules(dims, prepared.months, prepared.gates_ok, weights.thresholds)
    ]
    fast = [o if o is not None else d for o, d in zip(prepared.overrides, fast, strict=True)]
    assert fast == [scores.pilots[p].decision for p in "ABCD"]
    assert fast == [Decision.STOP, Decision.FIX_THEN_SCALE, Decision.STOP, Decision.SCALE]
    assert scores.tally[Decision.STOP] == 2


def test_explanations_sensitivity_and_disagreement_respect_a_ban() -> None:
    pf = portfolio([strong("A", risk_tier=RiskTier.UNACCEPTABLE), strong("B")], PEOPLE)
    prepared = prepare(pf, METHOD)
    weights = effective_weights(METHOD, pf)
    ex = explain(prepared, weights, "A")
    assert ex.decision is Decision.STOP and ex.governance.prohibited
    assert all(r.decision_after is Decision.STOP for r in ex.remedies)
    assert np.array_equal(prepared.prohibited, [True, False])
    assert analyse_disagreement(prepared, weights).pilot("A").consensus is Decision.STOP
    # A's decision is fixed, so how far each weight can move before a decision changes is B's alone
    alone = portfolio([strong("B")], PEOPLE)
    spans = [(ws.key, ws.decisions.span) for ws in sensitivity(prepared, weights).weights]
    assert spans == [
        (ws.key, ws.decisions.span) for ws in sensitivity(prepare(alone, METHOD), weights).weights
    ]


def test_explain_lists_each_obligation_with_its_failing_gates() -> None:
    gates = {**all_gates(), "g_ops": False}
    pf = portfolio([strong(risk_tier=RiskTier.HIGH, risk_note="ranks applicants", gates=gates)], PEOPLE)
    gov = explain(prepare(pf, METHOD), effective_weights(METHOD, pf), "A").governance
    assert (gov.tier, gov.note) == (RiskTier.HIGH, "ranks applicants")
    assert [(o.obligation, o.met, o.failing) for o in gov.obligations] == [
        ("oversight", False, ("g_ops",)),
        ("records", True, ()),
    ]


def test_unassessed_lists_pilots_without_a_tier_until_retired() -> None:
    pf = portfolio(
        [strong("A"), strong("B", risk_tier=RiskTier.MINIMAL), strong("C", stage="retired")], PEOPLE
    )
    assert unassessed(pf) == ["A"]


# --- derived criteria that read other criteria ---------------------------------------------------------


def combined_method(kind: str) -> Any:
    """The small method with r_fit (weight 1, readiness) = `kind` of r_data and r_ops."""
    from tests.factories import SMALL_METHOD

    criteria = [
        *SMALL_METHOD["criteria"],
        {
            "id": "r_fit",
            "dimension": "readiness",
            "weight": 1,
            "derived": kind,
            "inputs": ["r_data", "r_ops"],
        },
    ]
    return small_method(criteria=criteria)


@pytest.mark.parametrize(("kind", "fit"), [("mean", 2.5), ("lowest", 1)])
def test_a_derived_criterion_reads_its_inputs_and_moves_with_a_remedy(kind: str, fit: float) -> None:
    # r_data 1, r_ops 4: mean 2.5, lowest 1. Readiness = 100·(2·1 + 2·4 + fit)/25. The remedy "Fix
    # data" lifts r_data to 4: the mean becomes 4, the lowest 4: readiness 100·(8 + 8 + 4)/25 = 80.
    method = combined_method(kind)
    pf = portfolio([pilot("A", ratings={"v_kpi": 5, "r_data": 1, "r_ops": 4, "s_exec": 5})])
    prepared = prepare(pf, method)
    j = prepared.criteria.index("r_fit")
    assert prepared.ratings[0, j] == fit
    s = rescore(prepared, effective_weights(method, pf)).pilots["A"]
    assert s.readiness == pytest.approx(100 * (2 + 8 + fit) / 25)
    ex = explain(prepared, effective_weights(method, pf), "A")
    fix = next(r for r in ex.remedies if r.remedy == "rem_data")
    # composite weights 50/30/20: the readiness gain (80 − before) counts 0.3
    assert fix.uplift == pytest.approx(0.3 * (80 - 100 * (2 + 8 + fit) / 25))
    evidence = next(c for c in ex.contributions if c.criterion == "r_fit").evidence
    assert evidence == f"derived: {kind} of r_data, r_ops"


def test_a_derived_criterion_with_no_assessed_input_is_not_assessed() -> None:
    criteria = [
        *small_method().model_dump()["criteria"],
        {
            "id": "s_mood",
            "dimension": "sponsorship",
            "name": "Mood",
            "description": "-",
            "weight": 1,
            "anchors": {"0": "-", "1": "-", "3": "-", "5": "-"},
            "derived": "lowest",
            "inputs": ["s_support"],
        },
    ]
    method = small_method(criteria=criteria)
    prepared = prepare(portfolio([pilot("A", ratings={"s_exec": 5})]), method)
    assert not prepared.assessed[0, prepared.criteria.index("s_mood")]  # nobody linked: support not assessed
