"""Finance: hand-worked cases with the arithmetic shown, and numpy_financial as an independent peer."""

from __future__ import annotations

import math

import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.model import FinanceSettings, Financials
from planner.triage.finance import (
    evaluate,
    irr,
    monthly_rate,
    payback_month,
    risk_adjusted_npv,
    scenarios,
    success_probability,
)


def test_no_ramp_zero_rate_worked_by_hand() -> None:
    # investment 1,200 at month 0; 2,400 a year = 200 a month for 12 months; rate 0.
    # NPV = -1,200 + 12 × 200 = 1,200.  Cumulative: -1,200, -1,000, ..., month 6: -1,200 + 6 × 200 = 0.
    # ROI = (2,400 - 1,200) / 1,200 = 1.0.
    fin = Financials(scale_investment=1200, annual_benefit=2400)
    result = evaluate(fin, FinanceSettings(discount_rate=0, horizon_years=1, ramp_months=0))
    assert result.cash_flows == (-1200.0,) + (200.0,) * 12
    assert result.npv == pytest.approx(1200.0)
    assert result.payback_months == 6
    assert result.roi == pytest.approx(1.0)
    assert result.total_benefit == pytest.approx(2400.0)
    assert result.total_cost == pytest.approx(1200.0)


def test_linear_ramp_and_run_costs_by_hand() -> None:
    # benefit 1,200 a year = 100 a month at full; ramp 4 months: 25, 50, 75, 100, then 100.
    # run cost 240 a year = 20 a month from month 1. Investment 300. Rate 0, one year.
    # Net: month 0 -300; months 1-4: 5, 30, 55, 80; months 5-12: 80 each.
    # Total benefit = 25+50+75+100 + 8×100 = 1,050; total cost = 300 + 12×20 = 540.
    # NPV = 1,050 - 540 = 510. Cumulative: -300, -295, -265, -210, -130, -50, +30 → payback month 6.
    fin = Financials(scale_investment=300, annual_benefit=1200, annual_run_cost=240)
    result = evaluate(fin, FinanceSettings(discount_rate=0, horizon_years=1, ramp_months=4))
    assert result.cash_flows[:6] == pytest.approx((-300, 5, 30, 55, 80, 80))
    assert result.total_benefit == pytest.approx(1050)
    assert result.total_cost == pytest.approx(540)
    assert result.npv == pytest.approx(510)
    assert result.payback_months == 6
    assert result.roi == pytest.approx((1050 - 540) / 540)


def test_discounting_by_hand() -> None:
    # 10 % a year; a flow in month m is worth flow / 1.1 ** (m / 12).
    # Investment 1,000; 1,200 a year (100 a month), no ramp, one year:
    # NPV = -1,000 + 100 × sum(1.1 ** (-m / 12), m = 1..12).
    fin = Financials(scale_investment=1000, annual_benefit=1200)
    result = evaluate(fin, FinanceSettings(discount_rate=0.10, horizon_years=1, ramp_months=0))
    expected = -1000 + sum(100 * 1.1 ** (-m / 12) for m in range(1, 13))
    assert result.npv == pytest.approx(expected, rel=1e-12)
    # The twelfth month is discounted by exactly one year: 100 / 1.1.
    assert (1 + monthly_rate(0.10)) ** 12 == pytest.approx(1.10)


def test_start_month_delays_operation_within_a_fixed_horizon() -> None:
    # Go-live after month 3: the first operating month is month 4; one-year horizon leaves 9 months.
    fin = Financials(scale_investment=100, annual_benefit=1200, annual_run_cost=120)
    result = evaluate(fin, FinanceSettings(discount_rate=0, horizon_years=1, ramp_months=0), start_month=3)
    assert result.cash_flows[1:4] == (0.0, 0.0, 0.0)
    assert result.cash_flows[4] == pytest.approx(100 - 10)
    assert result.total_benefit == pytest.approx(9 * 100)
    assert result.total_cost == pytest.approx(100 + 9 * 10)


def test_npv_and_irr_match_numpy_financial() -> None:
    fin = Financials(scale_investment=250_000, annual_benefit=180_000, annual_run_cost=30_000)
    fs = FinanceSettings(discount_rate=0.08, horizon_years=5, ramp_months=6)
    result = evaluate(fin, fs, realisation=0.8)
    rate = (1.08) ** (1 / 12) - 1
    assert result.npv == pytest.approx(npf.npv(rate, result.cash_flows), rel=1e-10)
    monthly_irr = npf.irr(result.cash_flows)
    assert result.irr == pytest.approx((1 + monthly_irr) ** 12 - 1, rel=1e-8)


@settings(max_examples=80, deadline=None)
@given(
    investment=st.floats(1_000, 5_000_000),
    benefit=st.just(0.0) | st.floats(0.01, 5_000_000),
    run=st.just(0.0) | st.floats(0.01, 1_000_000),
    rate=st.floats(0, 0.5),
    years=st.integers(1, 10),
    ramp=st.integers(0, 24),
    start=st.integers(0, 24),
    realisation=st.just(0.0) | st.floats(0.01, 1.5),
)
def test_npv_and_irr_agree_with_numpy_financial_everywhere(
    investment: float,
    benefit: float,
    run: float,
    rate: float,
    years: int,
    ramp: int,
    start: int,
    realisation: float,
) -> None:
    fin = Financials(scale_investment=investment, annual_benefit=benefit, annual_run_cost=run)
    fs = FinanceSettings(discount_rate=rate, horizon_years=years, ramp_months=ramp)
    result = evaluate(fin, fs, realisation=realisation, start_month=start)
    scale = investment + benefit + run
    assert result.npv == pytest.approx(npf.npv(monthly_rate(rate), result.cash_flows), abs=1e-9 * scale)
    assert result.npv == pytest.approx(result.pv_benefit - result.pv_run_cost - investment, abs=1e-9 * scale)
    if result.irr is None:
        # Flows from evaluate change sign at most once, so None means no sign change at all.
        assert max(result.cash_flows) <= 0 or min(result.cash_flows) >= 0
        return
    peer = npf.irr(result.cash_flows)
    tolerance = 1e-6 * scale
    peer_residual = abs(npf.npv(peer, result.cash_flows)) if not math.isnan(peer) else math.inf
    if peer_residual <= tolerance:
        # Where the peer's rate is accurate, the two yearly rates agree.
        assert result.irr == pytest.approx((1 + peer) ** 12 - 1, rel=1e-6, abs=1e-9)
    if result.irr > -0.99:  # below that, going back to a monthly rate loses the digits that matter
        # The NPV at our rate is zero (checked with the peer's npv), at least as closely as at the peer's.
        residual = abs(npf.npv((1 + result.irr) ** (1 / 12) - 1, result.cash_flows))
        assert residual <= max(tolerance, peer_residual)


def test_irr_undefined_without_a_sign_change_or_with_several() -> None:
    assert irr([-100, -10, -5]) is None
    assert irr([100, 10, 5]) is None
    assert irr([0, 0, 0]) is None
    # -100, +230, -132 has roots at 10 % and 20 % per period: ambiguous, so undefined.
    assert npf.npv(0.10, [-100, 230, -132]) == pytest.approx(0)
    assert npf.npv(0.20, [-100, 230, -132]) == pytest.approx(0)
    assert irr([-100, 230, -132]) is None


def test_irr_by_hand_one_month() -> None:
    # -100 now, +110 next month: monthly rate 10 %, yearly 1.1 ** 12 - 1.
    assert irr([-100, 110]) == pytest.approx(1.1**12 - 1, rel=1e-12)
    # Leading and trailing zero months do not change the rate.
    assert irr([0, -100, 110, 0, 0]) == pytest.approx(1.1**12 - 1, rel=1e-12)
    # Losing almost everything: -100 now, +1 next month: monthly -99 %.
    assert irr([-100, 1]) == pytest.approx(0.01**12 - 1, abs=1e-12)
    # Gains of a vanishing share of the outlay: -100 %.
    assert irr([-100, 1e-300]) == -1.0


def test_payback_none_when_it_never_pays_back() -> None:
    # Benefit 100 a month minus run cost 150: every month loses 50.
    fin = Financials(scale_investment=100, annual_benefit=1200, annual_run_cost=1800)
    result = evaluate(fin, FinanceSettings(discount_rate=0.05, horizon_years=2, ramp_months=0))
    assert result.payback_months is None
    assert result.irr is None
    assert result.npv < 0
    assert payback_month([]) is None
    assert payback_month([0, 5]) == 0
    # Dips below zero after starting at zero: pays back once it is above zero for good.
    assert payback_month([0, -5, 3, 3]) == 3


def test_roi_none_without_cost() -> None:
    result = evaluate(Financials(annual_benefit=1200), FinanceSettings())
    assert result.roi is None
    assert result.payback_months == 0


def test_realisation_scales_benefit_only() -> None:
    fin = Financials(scale_investment=1000, annual_benefit=2400, annual_run_cost=600)
    fs = FinanceSettings(discount_rate=0, horizon_years=2, ramp_months=0)
    half, full = scenarios(fin, fs)
    assert (half.name, full.name) == ("50 % of pilot benefit", "100 % of pilot benefit")
    # 24 months: full benefit 4,800, half 2,400; costs 1,000 + 24 × 50 = 2,200 in both.
    assert full.finance.total_benefit == pytest.approx(4800)
    assert half.finance.total_benefit == pytest.approx(2400)
    assert half.finance.total_cost == full.finance.total_cost == pytest.approx(2200)
    assert half.finance.npv == pytest.approx(2400 - 2200)
    custom = scenarios(fin, fs, (0.25,))
    assert [s.realisation for s in custom] == [0.25]


def test_success_probability_mapping() -> None:
    assert success_probability(0) == pytest.approx(0.2)
    assert success_probability(100) == pytest.approx(0.95)
    assert success_probability(60) == pytest.approx(0.2 + 0.75 * 0.6)
    assert success_probability(-10) == pytest.approx(0.2)
    assert success_probability(250) == pytest.approx(0.95)
    with pytest.raises(ValueError, match="NaN"):
        success_probability(float("nan"))


def test_risk_adjusted_npv_by_hand() -> None:
    # Rate 0, investment 1,000, operation 12 × (200 - 50) = 1,800. At p = 0.5: 0.5 × 1,800 - 1,000 = -100.
    fin = Financials(scale_investment=1000, annual_benefit=2400, annual_run_cost=600)
    result = evaluate(fin, FinanceSettings(discount_rate=0, horizon_years=1, ramp_months=0))
    assert risk_adjusted_npv(result, 0.5) == pytest.approx(-100)
    assert risk_adjusted_npv(result, 1.0) == pytest.approx(result.npv)
    with pytest.raises(ValueError, match="within 0–1"):
        risk_adjusted_npv(result, 1.5)


def test_invalid_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="realisation"):
        evaluate(Financials(), FinanceSettings(), realisation=-0.1)
    with pytest.raises(ValueError, match="realisation"):
        evaluate(Financials(), FinanceSettings(), realisation=float("inf"))
    with pytest.raises(ValueError, match="start_month"):
        evaluate(Financials(), FinanceSettings(), start_month=-1)
