"""Builders for small test portfolios and a small scoring method, worked out easily by hand.

The small method (``small_method()``) has seven criteria::

    value (dimension weight 50)        v_kpi 3, v_benefit 1 (derived: benefit bands)
    readiness (30)                     r_data 2, r_ops 2
    sponsorship (20)                   s_exec 2, s_recency 1 (derived: sponsor recency),
                                       s_support 1 (derived: stakeholder support)

and the default thresholds (stop 40, stale 18 months / 60, value 60, readiness 60, sponsorship 50).
A pilot with no financials has benefit rating 0; with no sponsor its recency is 0; with nobody linked
its support is not assessed. So by default: value = 100·3·v_kpi/20 = 15·v_kpi,
readiness = 10·(r_data + r_ops), sponsorship = 100·2·s_exec/15.

Gates: ``g_kpi`` (rule kpi_baseline), ``g_sponsor`` (sponsor within 90 days), ``g_change`` (change
budget ≥ 15 % of the scale investment), ``g_ops`` (tick only). ``all_gates()`` ticks them all.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from planner.method import Method
from planner.model import Kpi, Pilot, Portfolio, Rating, Stakeholder

AS_OF = date(2026, 1, 1)

SMALL_METHOD: dict[str, Any] = {
    "id": "small",
    "name": "Small test method",
    "description": "Seven criteria, four gates, two failure modes.",
    "dimensions": [
        {"id": "value", "name": "Value", "description": "v", "weight": 50},
        {"id": "readiness", "name": "Readiness", "description": "r", "weight": 30},
        {"id": "sponsorship", "name": "Sponsorship", "description": "s", "weight": 20},
    ],
    "criteria": [
        {"id": "v_kpi", "dimension": "value", "weight": 3},
        {"id": "v_benefit", "dimension": "value", "weight": 1, "derived": "benefit"},
        {"id": "r_data", "dimension": "readiness", "weight": 2},
        {"id": "r_ops", "dimension": "readiness", "weight": 2},
        {"id": "s_exec", "dimension": "sponsorship", "weight": 2},
        {"id": "s_recency", "dimension": "sponsorship", "weight": 1, "derived": "sponsor_recency"},
        {"id": "s_support", "dimension": "sponsorship", "weight": 1, "derived": "stakeholder_support"},
    ],
    "thresholds": {
        "stop_value": 40,
        "stale_months": 18,
        "stale_value": 60,
        "value": 60,
        "readiness": 60,
        "sponsorship": 50,
    },
    "gates": [
        {"id": "g_kpi", "criteria": ["v_kpi"], "rule": "kpi_baseline"},
        {"id": "g_sponsor", "criteria": ["s_exec"], "rule": "sponsor_within_days", "parameter": 90},
        {"id": "g_change", "criteria": ["r_ops"], "rule": "change_budget_share", "parameter": 0.15},
        {"id": "g_ops", "criteria": ["r_ops"]},
    ],
    "failure_modes": [
        {
            "id": "fm_data",
            "name": "Data debt",
            "description": "d",
            "signals": [{"criterion": "r_data", "at_most": 2}],
            "remedies": ["rem_data"],
        },
        {
            "id": "fm_sponsor",
            "name": "Sponsor gone",
            "description": "d",
            "signals": [
                {"criterion": "s_exec", "at_most": 1},
                {"criterion": "s_recency", "at_most": 2},
                {"criterion": "s_support", "at_most": 2},
            ],
            "min_signals": 2,
            "remedies": ["rem_sponsor", "rem_data"],
        },
    ],
    "remedies": [
        {"id": "rem_data", "name": "Fix data", "description": "d", "lifts": {"r_data": 4}, "weeks": 6},
        {
            "id": "rem_sponsor",
            "name": "Find a sponsor",
            "description": "d",
            "lifts": {"s_exec": 4},
            "weeks": 2,
            "owner_role": "Transformation office",
        },
    ],
    "derivations": {
        "benefit_bands": [
            {"min_ratio": -1e9, "score": 0},
            {"min_ratio": 0, "score": 1},
            {"min_ratio": 0.5, "score": 2},
            {"min_ratio": 1, "score": 3},
            {"min_ratio": 2, "score": 4},
            {"min_ratio": 4, "score": 5},
        ],
        "sponsor_full_days": 30,
        "sponsor_zero_days": 180,
    },
}

_ANCHORS = {"0": "none", "1": "weak", "3": "partial", "5": "full"}


def small_method(**changes: Any) -> Method:
    """The small method above; keyword arguments replace top-level keys (e.g. ``thresholds={...}``)."""
    data = copy.deepcopy(SMALL_METHOD)
    data.update(copy.deepcopy(changes))
    for crit in data["criteria"]:
        crit.setdefault("name", crit["id"])
        crit.setdefault("description", crit["id"])
        crit.setdefault("anchors", _ANCHORS)
    for gate in data["gates"]:
        gate.setdefault("name", gate["id"])
        gate.setdefault("description", gate["id"])
    return Method.model_validate(data)


def all_gates(method: Method | None = None) -> dict[str, bool]:
    """Every gate of `method` (default: the small method) ticked."""
    return {g.id: True for g in (method or small_method()).gates}


def pilot(
    pilot_id: str, name: str | None = None, ratings: dict[str, int] | None = None, **fields: Any
) -> Pilot:
    """A pilot with typed ratings given as plain numbers; other fields as keyword arguments."""
    return Pilot(
        id=pilot_id,
        name=name or pilot_id,
        ratings={k: Rating(score=v) for k, v in (ratings or {}).items()},
        **fields,
    )


def good_kpi() -> Kpi:
    return Kpi(name="cycle time", unit="h", baseline=10, target=6)


def portfolio(pilots: list[Pilot], stakeholders: list[Stakeholder] | None = None, **fields: Any) -> Portfolio:
    """A portfolio valued on AS_OF (2026-01-01) unless ``as_of`` is given."""
    fields.setdefault("as_of", AS_OF)
    return Portfolio(pilots=pilots, stakeholders=stakeholders or [], **fields)
