"""What scaling a pilot costs and returns: NPV, IRR, payback, ROI, risk-adjusted value, scenarios.

The model is monthly and deliberately simple, so a steering committee can check it by hand:

- the scale investment is paid at month 0 (``change_budget`` is the part of it earmarked for change
  management and ``pilot_spend`` is sunk, so neither is added again);
- the pilot goes live at the end of month ``start_month`` (0 = straight after the investment);
  operation starts in the month after, so the k-th month of operation is month ``start_month + k``;
- in the k-th month of operation the benefit is ``annual_benefit × realisation / 12 × min(1, k / ramp)``
  (a linear ramp reaching full benefit in month ``ramp_months``; no ramp when it is 0) and the run cost
  is ``annual_run_cost / 12`` from the first month of operation;
- the horizon is ``12 × horizon_years`` months counted from month 0, so a later go-live captures less;
- cash flows are discounted monthly at ``(1 + discount_rate) ** (1 / 12) - 1``, the monthly rate
  equivalent to the yearly rate: a flow in month m is worth ``flow / (1 + discount_rate) ** (m / 12)``.

Example: investment 1,200, benefit 2,400 a year, no run cost, no ramp, one year, rate 0. The flows
are -1,200 then twelve months of +200; NPV = 1,200, payback in month 6, ROI = (2,400 - 1,200) / 1,200 = 1.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from planner.model import FinanceSettings, Financials

DEFAULT_REALISATIONS: tuple[float, ...] = (0.5, 1.0)


@dataclass(frozen=True, slots=True)
class PilotFinance:
    """One pilot's scaled economics over the horizon (amounts in the portfolio's currency).

    ``cash_flows[m]`` is the net cash flow of month m (index 0 = the investment), undiscounted.
    """

    npv: float  # net present value of all cash flows
    payback_months: int | None  # first month from which cumulative cash stays >= 0; None if not in horizon
    roi: float | None  # (total_benefit - total_cost) / total_cost; None when there is no cost at all
    cash_flows: tuple[float, ...]  # monthly, month 0 .. 12 × horizon_years
    total_benefit: float  # undiscounted benefit over the horizon
    total_cost: float  # undiscounted: investment + run costs over the horizon
    investment: float  # paid at month 0
    pv_benefit: float  # present value of the benefits
    pv_run_cost: float  # present value of the run costs
    realisation: float  # share of the pilot's benefit assumed at scale
    start_month: int  # go-live at the end of this month

    @property
    def irr(self) -> float | None:
        """Yearly internal rate of return; None when undefined (see `irr`). Computed on each access."""
        return irr(self.cash_flows)  # the module function: a method body does not see class attributes

    @property
    def pv_operation(self) -> float:
        """Present value of operating the pilot at scale: benefits minus run costs."""
        return self.pv_benefit - self.pv_run_cost


@dataclass(frozen=True, slots=True)
class Scenario:
    """The economics under one realisation assumption, e.g. "50 % of pilot benefit"."""

    name: str
    realisation: float
    finance: PilotFinance


def monthly_rate(discount_rate: float) -> float:
    """The monthly rate that compounds to `discount_rate` over twelve months."""
    return float((1.0 + discount_rate) ** (1.0 / 12.0) - 1.0)


def evaluate(
    financials: Financials, settings: FinanceSettings, *, realisation: float = 1.0, start_month: int = 0
) -> PilotFinance:
    """The pilot's economics under the model in the module docstring.

    `realisation` scales the annual benefit (0.5 = half of what the pilot showed); `start_month`
    delays go-live. Raises ValueError for a negative or non-finite realisation or a negative start.
    The result's NPV equals ``sum(cf / (1 + monthly_rate) ** m)`` over ``cash_flows``.
    """
    if not math.isfinite(realisation) or realisation < 0:
        raise ValueError(f"realisation must be a finite share >= 0, got {realisation!r}")
    if start_month < 0:
        raise ValueError(f"start_month must be >= 0, got {start_month}")
    horizon = 12 * settings.horizon_years
    months = np.arange(horizon + 1, dtype=float)
    operating = months - start_month  # k-th month of operation, <= 0 before go-live
    live = operating >= 1
    if settings.ramp_months > 0:
        ramp = np.clip(operating / settings.ramp_months, 0.0, 1.0)
    else:
        ramp = np.ones_like(months)
    benefit = np.where(live, financials.annual_benefit * realisation / 12.0 * ramp, 0.0)
    run_cost = np.where(live, financials.annual_run_cost / 12.0, 0.0)
    flows = benefit - run_cost
    flows[0] -= financials.scale_investment

    discount = (1.0 + settings.discount_rate) ** (-months / 12.0)
    pv_benefit = float(benefit @ discount)
    pv_run_cost = float(run_cost @ discount)
    investment = financials.scale_investment
    total_benefit = float(benefit.sum())
    total_cost = investment + float(run_cost.sum())
    cash_flows = tuple(flows.tolist())
    return PilotFinance(
        npv=float(flows @ discount),
        payback_months=payback_month(cash_flows),
        roi=(total_benefit - total_cost) / total_cost if total_cost > 0 else None,
        cash_flows=cash_flows,
        total_benefit=total_benefit,
        total_cost=total_cost,
        investment=investment,
        pv_benefit=pv_benefit,
        pv_run_cost=pv_run_cost,
        realisation=realisation,
        start_month=start_month,
    )


def irr(cash_flows: Sequence[float]) -> float | None:
    """The yearly internal rate of return of monthly `cash_flows` (index = month), or None.

    Defined only when the non-zero flows change sign exactly once: then, by Descartes' rule of signs,
    exactly one rate above -100 % makes the NPV zero, and that rate is returned (annualised as
    ``(1 + monthly) ** 12 - 1``). No sign change (all costs or all gains) or several sign changes
    (several possible rates) give None, and so does a rate above a billion-fold gain per month; gains
    below a billionth of the outlay give -1.0 (-100 %). Flows from `evaluate` change sign at most once.
    """
    flows = np.asarray(cash_flows, dtype=float)
    nonzero = np.flatnonzero(flows)
    signs = np.sign(flows[nonzero])
    if len(signs) < 2 or int(np.count_nonzero(signs[1:] != signs[:-1])) != 1:
        return None
    # Leading and trailing zero months do not move the rate; dropping them keeps the end terms alive.
    flows = flows[nonzero[0] : nonzero[-1] + 1]
    # Solve for x = 1 / (1 + monthly rate) in (0, inf). The polynomial sum(cf_m x^m) is scaled by
    # max(1, x)^-n, which keeps its sign and roots but never overflows, even for rates near -100 %.
    n = len(flows) - 1
    powers = np.arange(n + 1, dtype=float)

    def scaled_npv(log_x: float) -> float:
        exponents = powers - n if log_x > 0 else powers
        return float(flows @ np.exp(exponents * log_x))

    lo, hi = math.log(1e-9), math.log(1e9)
    f_lo, f_hi = scaled_npv(lo), scaled_npv(hi)
    if f_hi == 0.0 or (f_hi > 0) == (flows[0] > 0):
        return -1.0  # the root lies beyond x = 1e9: the gains are a vanishing share of the outlay
    if f_lo == 0.0 or (f_lo > 0) == (f_hi > 0):
        return None  # the root lies beyond a billion-fold gain per month: not a meaningful figure
    from scipy.optimize import brentq  # here, not at the top: scipy.optimize takes ~0.4 s to import

    log_x = brentq(scaled_npv, lo, hi, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=500)
    return float(math.expm1(-12.0 * log_x))


def payback_month(cash_flows: Sequence[float]) -> int | None:
    """The first month m from which the cumulative cash flow is >= 0 for good; None if it ends < 0.

    Month 0 when the flows never take the cumulative position below zero.
    """
    cumulative = np.cumsum(np.asarray(cash_flows, dtype=float))
    if len(cumulative) == 0 or cumulative[-1] < 0:
        return None
    negative = np.flatnonzero(cumulative < 0)
    return 0 if len(negative) == 0 else int(negative[-1]) + 1


def success_probability(readiness: float) -> float:
    """The chance a pilot reaches production at its readiness score (0–100): ``0.2 + 0.75 × r / 100``.

    A pilot with no readiness at all still has a 20 % chance (teams can close gaps); a fully ready
    one is capped at 95 % (nothing is certain). Scores outside 0–100 are clamped; NaN is refused.
    """
    if math.isnan(readiness):
        raise ValueError("readiness must be a number, got NaN")
    r = min(100.0, max(0.0, readiness))
    return 0.2 + 0.75 * r / 100.0


def risk_adjusted_npv(finance: PilotFinance, success_probability: float) -> float:
    """NPV when the investment is certain but operation (benefits minus run costs) happens only with
    probability `success_probability`: ``p × (pv_benefit - pv_run_cost) - investment``.

    Equal to the NPV at p = 1; never above the NPV of a profitable operation. Raises ValueError
    when p is not within 0–1.
    """
    p = success_probability
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"success probability must be within 0–1, got {p!r}")
    return p * finance.pv_operation - finance.investment


def scenario_name(realisation: float) -> str:
    """How a realisation share reads in a report, e.g. "50 % of pilot benefit"."""
    return f"{realisation * 100:g} % of pilot benefit"


def scenarios(
    financials: Financials,
    settings: FinanceSettings,
    realisations: Sequence[float] = DEFAULT_REALISATIONS,
    *,
    start_month: int = 0,
) -> tuple[Scenario, ...]:
    """One evaluated scenario per realisation share, in the order given (default 50 % and 100 %)."""
    return tuple(
        Scenario(
            name=scenario_name(share),
            realisation=share,
            finance=evaluate(financials, settings, realisation=share, start_month=start_month),
        )
        for share in realisations
    )
