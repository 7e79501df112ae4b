"""Ratings computed from data instead of typed, and production gate checks, for one pilot.

- ``benefit_rating``: NPV (from ``planner.triage.finance``) over the scale investment, mapped through the
  method's benefit bands: the highest band whose ``min_ratio`` the ratio reaches. With no investment a
  positive NPV earns the top band and any other NPV the bottom band. Example with the default bands:
  NPV 240k on 100k invested is a ratio of 2.4, band "≥ 2" → 4.
- ``sponsor_recency_rating``: 5 up to ``sponsor_full_days`` since the sponsor's last touchpoint, 0 from
  ``sponsor_zero_days``, linear in between (30/180 days: 105 days → 5·75/150 = 2.5); no sponsor or no
  recorded touchpoint is 0.
- Stakeholder support lives in ``planner.triage.support``.
- ``gate_result``: a check passes when the pilot ticked it *and* its rule, if any, holds; a failed check
  says every reason in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.formatting import day, money, percent
from planner.method import GateCheck, GateRule, Method
from planner.model import FinanceSettings, Financials, Pilot


@dataclass(frozen=True, slots=True)
class GateResult:
    gate: str
    name: str
    passed: bool
    reason: str  # why it failed ("not ticked", "sponsor last seen 140 days ago"), "" when passed


def benefit_rating(npv: float, investment: float, method: Method, currency: str) -> tuple[float, str]:
    """The benefit band rating for this NPV and scale investment, and the reason in words."""
    bands = sorted(method.derivations.benefit_bands, key=lambda b: b.min_ratio)
    if investment <= 0:
        band = bands[-1] if npv > 0 else bands[0]
        return float(band.score), f"NPV {money(npv, currency)} with no scale investment"
    ratio = npv / investment
    rating = 0.0
    for band in bands:
        if band.min_ratio <= ratio:
            rating = float(band.score)
    return rating, (
        f"NPV {money(npv, currency)} / scale investment {money(investment, currency)} = {ratio:.2f}"
    )


_npv_cache: dict[tuple[object, ...], float] = {}
_NPV_CACHE_LIMIT = 200_000


def pilot_npv(financials: Financials, settings: FinanceSettings) -> float:
    """NPV from ``planner.triage.finance``, remembered per distinct (financials, settings) values.

    Preparation reruns after every edit; unchanged pilots then cost a dictionary lookup instead of a
    full cash-flow evaluation. The key is every field value of both models, so any change misses.
    """
    key = (*financials.__dict__.values(), *settings.__dict__.values())
    found = _npv_cache.get(key)
    if found is None:
        from planner.triage import finance

        if len(_npv_cache) >= _NPV_CACHE_LIMIT:
            _npv_cache.clear()
        found = _npv_cache[key] = finance.evaluate(financials, settings).npv
    return found


def clear_npv_cache() -> None:
    """Forget remembered NPVs (for benchmarks that measure cold preparation)."""
    _npv_cache.clear()


def sponsor_recency_rating(pilot: Pilot, as_of: date, method: Method) -> tuple[float, str]:
    """5 within sponsor_full_days of the last touchpoint, 0 from sponsor_zero_days, linear between."""
    if pilot.sponsor is None:
        return 0.0, "no sponsor named"
    if pilot.sponsor_last_touchpoint is None:
        return 0.0, "sponsor's last touchpoint not recorded"
    days = max(0, (as_of - pilot.sponsor_last_touchpoint).days)
    full, zero = method.derivations.sponsor_full_days, method.derivations.sponsor_zero_days
    if days <= full:
        rating = 5.0
    elif days >= zero:
        rating = 0.0
    else:
        rating = 5.0 * (zero - days) / (zero - full)
    return rating, f"sponsor last seen {days} days before {day(as_of)}"


def gate_result(gate: GateCheck, pilot: Pilot, as_of: date, currency: str) -> GateResult:
    """Passed when the pilot ticked the check and its rule (if any) holds; else every reason why not.

    Amounts in the reasons are written in `currency` (the portfolio's)."""
    reasons: list[str] = []
    if pilot.gates.get(gate.id) is not True:
        reasons.append("not ticked")
    if gate.rule is GateRule.KPI_BASELINE:
        kpi = pilot.kpi
        lacking = [
            part
            for part, ok in (
                ("a name", bool(kpi.name.strip())),
                ("a baseline", kpi.baseline is not None),
                ("a target", kpi.target is not None),
            )
            if not ok
        ]
        if lacking:
            reasons.append("KPI lacks " + " and ".join(lacking))
    elif gate.rule is GateRule.SPONSOR_WITHIN_DAYS:
        limit = gate.parameter
        if pilot.sponsor is None:
            reasons.append("no sponsor named")
        elif pilot.sponsor_last_touchpoint is None:
            reasons.append("sponsor's last touchpoint not recorded")
        else:
            days = (as_of - pilot.sponsor_last_touchpoint).days
            if days > limit:
                reasons.append(f"sponsor last seen {days} days ago (limit {limit:g})")
    elif gate.rule is GateRule.CHANGE_BUDGET_SHARE:
        fin = pilot.financials
        needed = gate.parameter * fin.scale_investment
        if fin.change_budget < needed:
            share = fin.change_budget / fin.scale_investment
            reasons.append(
                f"change budget {money(fin.change_budget, currency)} is {percent(share * 100)} of the "
                f"scale investment {money(fin.scale_investment, currency)} "
                f"(needs {percent(gate.parameter * 100, 0)})"
            )
    return GateResult(gate.id, gate.name, not reasons, "; ".join(reasons))
