"""A method that renames two of the three dimensions, with 7 criteria and 5 gates, and a portfolio
scored with it: the fixture for "every surface follows the method".

Reuse it for any surface (CLI, workbook, pack, deck, app): build `renamed_portfolio()` (it carries
the method, so nothing needs installing), render the surface, and assert `shipped_names_in(text)`
is empty. The method calls value "Payoff" and readiness "Runnability"; sponsorship keeps its
shipped name, so "Sponsorship" is allowed and every other dimension, criterion, gate, failure mode,
remedy and obligation name of the shipped method is not.

    dimension (weight)           criteria (weight)
    value → Payoff (30)          outcome 3, payoff-ratio 1 (derived: benefit bands 0 / 2 / 5)
    readiness → Runnability (50) data-supply 2, run.team 1, run-fitness 1 (derived: lowest of the two)
    sponsorship (20)             champion 1, champion-contact 1 (derived: sponsor recency 14 / 114 days)

Gates: g-outcome (KPI rule), g-budget, g-data, g.runbook, g-overrule (people can overrule it); the
high-risk tier's obligations "People can overrule it" → g-overrule and "Traceable runs" → g-data,
g.runbook. Thresholds: stop 30, stale 12 months / 50, value 55, readiness 65, sponsorship 40.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from planner.committee import Action, Committee, SignOff
from planner.method import Method, load_method
from planner.model import (
    Decision,
    Financials,
    Kpi,
    MethodChoice,
    Pilot,
    Portfolio,
    Rating,
    RiskTier,
    Snapshot,
    SnapshotEntry,
    Stage,
    Stakeholder,
)
from planner.workshop import Comparison, Judgements, Rater, RaterRating, Workshop

AS_OF = date(2026, 3, 1)
RENAMED = {"value": "Payoff", "readiness": "Runnability"}  # sponsorship keeps "Sponsorship"


def _anchors(what: str) -> dict[str, str]:
    return {"0": f"No {what}.", "1": f"Some {what}.", "3": f"Most {what}.", "5": f"Full {what}."}


def _criterion(cid: str, dim: str, name: str, weight: float, **extra: Any) -> dict[str, Any]:
    return {
        "id": cid,
        "dimension": dim,
        "name": name,
        "description": f"How far the pilot shows {name.lower()}.",
        "weight": weight,
        "anchors": _anchors(name.lower()),
        **extra,
    }


def renamed_method_data() -> dict[str, Any]:
    """The method as a method file holds it (a fresh dict each call, to change in a test)."""
    return {
        "id": "field-guide",
        "name": "Field guide",
        "version": "7",
        "description": "A consultancy's own triage in its own words.",
        "dimensions": [
            {"id": "value", "name": "Payoff", "description": "Would the business gain?", "weight": 30},
            {"id": "readiness", "name": "Runnability", "description": "Could a team run it?", "weight": 50},
            {"id": "sponsorship", "name": "Sponsorship", "description": "Who carries it?", "weight": 20},
        ],
        "criteria": [
            _criterion("outcome", "value", "Measured outcome", 3),
            _criterion("payoff-ratio", "value", "Payoff ratio", 1, derived="benefit"),
            _criterion("data-supply", "readiness", "Data supply", 2),
            _criterion("run.team", "readiness", "Run team", 1),
            _criterion(
                "run-fitness",
                "readiness",
                "Run fitness",
                1,
                derived="lowest",
                inputs=["data-supply", "run.team"],
            ),
            _criterion("champion", "sponsorship", "Champion", 1),
            _criterion("champion-contact", "sponsorship", "Champion contact", 1, derived="sponsor_recency"),
        ],
        "thresholds": {
            "stop_value": 30,
            "stale_months": 12,
            "stale_value": 50,
            "value": 55,
            "readiness": 65,
            "sponsorship": 40,
        },
        "gates": [
            {
                "id": "g-outcome",
                "name": "Outcome baseline recorded",
                "description": "-",
                "criteria": ["outcome"],
                "rule": "kpi_baseline",
            },
            {"id": "g-budget", "name": "Run budget approved", "description": "-", "criteria": ["champion"]},
            {"id": "g-data", "name": "Feeds watched", "description": "-", "criteria": ["data-supply"]},
            {"id": "g.runbook", "name": "Runbook tested", "description": "-", "criteria": ["run.team"]},
            {
                "id": "g-overrule",
                "name": "People can overrule it",
                "description": "-",
                "criteria": ["run.team"],
            },
        ],
        "failure_modes": [
            {
                "id": "thin-evidence",
                "name": "Thin evidence",
                "description": "The outcome was never measured properly.",
                "signals": [{"criterion": "outcome", "at_most": 2}],
                "remedies": ["controlled-trial"],
            },
            {
                "id": "fragile-run",
                "name": "Fragile run",
                "description": "Nobody could run it on a bad day.",
                "signals": [
                    {"criterion": "data-supply", "at_most": 2},
                    {"criterion": "run.team", "at_most": 2},
                ],
                "remedies": ["feed-hardening", "handover"],
            },
        ],
        "remedies": [
            {
                "id": "controlled-trial",
                "name": "Run a controlled trial",
                "description": "-",
                "lifts": {"outcome": 4},
                "weeks": 8,
                "owner_role": "Analyst",
            },
            {
                "id": "feed-hardening",
                "name": "Harden the feeds",
                "description": "-",
                "lifts": {"data-supply": 4},
                "weeks": 6,
                "owner_role": "Engineer",
            },
            {
                "id": "handover",
                "name": "Hand over to a run team",
                "description": "-",
                "lifts": {"run.team": 4},
                "weeks": 4,
                "owner_role": "Service owner",
            },
        ],
        "derivations": {
            "benefit_bands": [
                {"min_ratio": -1e9, "score": 0},
                {"min_ratio": 0, "score": 2},
                {"min_ratio": 1.5, "score": 5},
            ],
            "sponsor_full_days": 14,
            "sponsor_zero_days": 114,
        },
        "obligations": [
            {"id": "overrule", "name": "People can step in", "gates": ["g-overrule"]},
            {"id": "trace", "name": "Traceable runs", "gates": ["g-data", "g.runbook"]},
        ],
    }


def renamed_method() -> Method:
    return Method.model_validate(renamed_method_data())


def renamed_portfolio() -> Portfolio:
    """Five pilots (a scale, a fix with a failing overrule gate at high risk, a sponsor to find, a
    pivot, a stop), people, a snapshot, a committee with a sign-off and two actions, and two raters,
    all scored with `renamed_method` and carrying it."""
    method = renamed_method()
    gates = {g.id: True for g in method.gates}
    kpi = Kpi(name="Hours saved", unit="h", baseline=100, target=60, latest=70, higher_is_better=False)

    def pilot(pid: str, name: str, ratings: dict[str, int], **extra: Any) -> Pilot:
        fields: dict[str, Any] = {
            "stage": Stage.PILOT,
            "pilot_start": date(2025, 9, 1),
            "sponsor": "S-1",
            "sponsor_last_touchpoint": date(2026, 2, 20),
            "kpi": kpi,
            "financials": Financials(scale_investment=100_000, annual_benefit=600_000, change_budget=20_000),
            "gates": gates,
            **extra,
        }
        return Pilot(id=pid, name=name, ratings={c: Rating(score=v) for c, v in ratings.items()}, **fields)

    full = {"outcome": 5, "data-supply": 5, "run.team": 4, "champion": 4}
    pilots = [
        pilot("P-1", "Claims triage", full, risk_tier=RiskTier.MINIMAL, risk_note="Sorts paperwork."),
        pilot(
            "P-2",
            "Hiring screen",
            full,
            risk_tier=RiskTier.HIGH,
            risk_note="Ranks job applicants.",
            gates={**gates, "g-overrule": False},
        ),
        pilot("P-3", "Route planner", {**full, "champion": 0}, sponsor_last_touchpoint=date(2025, 6, 1)),
        pilot("P-4", "Pricing assistant", {**full, "outcome": 2}, financials=Financials()),
        pilot("P-5", "Shelf gaps", {"outcome": 0, "data-supply": 1, "run.team": 1, "champion": 1}),
    ]
    portfolio = Portfolio(
        name="Field guide portfolio",
        organisation="Test Holdings",
        as_of=AS_OF,
        method=MethodChoice(id=method.id, definition=method),
        pilots=pilots,
        stakeholders=[
            Stakeholder(id="S-1", name="Ines Moreau", role="COO", influence=5, interest=4),
            Stakeholder(id="S-2", name="Tom Becker", role="CFO", influence=4, interest=3),
        ],
    )
    entries = [
        SnapshotEntry(
            pilot=p.id,
            name=p.name,
            value=50,
            readiness=50,
            sponsorship=50,
            composite=50,
            rank=k + 1,
            decision=Decision.FIX_THEN_SCALE,
            gates_passed=4,
        )
        for k, p in enumerate(pilots)
    ]
    snapshot = Snapshot(id="SC-1", label="January committee", taken="2026-01-15T10:00:00", entries=entries)
    committee = Committee(
        id="C-1",
        label="January committee",
        held=date(2026, 1, 15),
        snapshot="SC-1",
        sign_offs=[
            SignOff(
                by="Ines Moreau",
                stakeholder="S-1",
                signed=date(2026, 1, 15),
                decisions={"P-1": Decision.FIX_THEN_SCALE},
            )
        ],
        actions=[
            Action(
                id="A-1", title="Write the overrule procedure", owner="S-1", pilot="P-2", due=date(2026, 2, 1)
            ),
            Action(id="A-2", title="Approve the run budget", owner="S-2", due=date(2026, 4, 1)),
        ],
    )
    workshop = Workshop(
        raters=[Rater(id="R-1", name="Ana"), Rater(id="R-2", name="Ben")],
        judgements=[
            Judgements(
                rater="R-1",
                group="value",
                comparisons=[Comparison(first="outcome", second="payoff-ratio", value=3)],
            ),
            Judgements(
                rater="R-2",
                group="value",
                comparisons=[Comparison(first="outcome", second="payoff-ratio", value=2)],
            ),
        ],
    )
    p4 = portfolio.pilots[3]
    rated = p4.ratings["outcome"].model_copy(
        update={"raters": {"R-1": RaterRating(score=1), "R-2": RaterRating(score=4)}}  # the desk said 2
    )
    pilots[3] = p4.model_copy(update={"ratings": {**p4.ratings, "outcome": rated}})
    return portfolio.model_copy(
        update={"pilots": pilots, "snapshots": [snapshot], "committees": [committee], "workshop": workshop}
    )


def shipped_names() -> list[str]:
    """The shipped method's names a surface must not show under the renamed method."""
    shipped = load_method()
    names = [shipped.dimension_name(d) for d in RENAMED]
    names += [c.name for c in shipped.criteria]
    names += [g.name for g in shipped.gates]
    names += [f.name for f in shipped.failure_modes]
    names += [r.name for r in shipped.remedies]
    names += [o.name for o in shipped.obligations]
    return names


def shipped_names_in(text: str) -> list[str]:
    """Every shipped name found in `text`: whole words, case-insensitive for names of two or more
    words; a one-word dimension name also in lower case ("readiness"), and "value" as a dimension
    reads (a score after it, or a column heading)."""
    found = [
        name
        for name in shipped_names()
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, flags=0 if " " not in name else re.I)
    ]
    for word in (d for d in RENAMED if d != "value"):  # "value" is also an ordinary English word
        if re.search(rf"(?<![\w-]){word}(?![\w-])", text):
            found.append(word)
    if re.search(r"\bvalue\s+[\d−-]|\bvalue\s{2,}|\bvalue,", text):
        found.append("value (as a dimension)")
    return sorted(set(found))
