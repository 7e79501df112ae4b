"""A scoring method of another shape than the shipped one, and a small portfolio scored with it.

``tests/fixtures/methods/venture-review.json`` stands for a method a consultancy ships itself:

    value (dimension weight 30)        outcome 3, payoff 1 (derived: benefit bands 0 / 2 / 5)
    readiness (50)                     data-supply 2, run.team 1, controls 1
    sponsorship (20)                   champion 1, champion-contact 1 (derived: sponsor recency,
                                       5 up to 14 days, 0 from 114 days, linear between)

No stakeholder-support criterion; five gate checks (g-outcome with the KPI rule, g-budget, g-data,
g.runbook, g-change with a change budget ≥ 20 % of the scale investment); three failure modes; four
remedies; thresholds stop 30, stale 12 months / 50, value 55, readiness 65, sponsorship 40.

So value = 100·(3·outcome + payoff)/20 = 15·outcome + 5·payoff, readiness = 5·(2·data + team +
controls), sponsorship = 10·(champion + contact), composite = 0.3·V + 0.5·R + 0.2·S.

The portfolio, valued on 2026-03-01 (one pilot per decision rule of interest):

=====  ==========================  =====  =====  =====  =========  ===============
pilot  ratings                     V      R      S      composite  decision
=====  ==========================  =====  =====  =====  =========  ===============
V-1    o5 pay5 | d5 t4 c4 | ch4 5  100    90     90     93         scale
V-2    o4 pay0 | d2 t3 c3 | ch3 2.5 60    50     55     54         fix then scale
V-3    o1 pay0 | d1 t1 c0 | ch0 0  15     15     0      12         stop (value < 30)
V-4    o4 pay2 | d4 t4 c4 | ch1 0  70     80     10     63         secure sponsor
V-5    o3 pay0 | d5 t5 c5 | –      45     100    0      63.5       pivot (sound, weak case)
V-6    o3 pay0 | –      | –        45     0      0      13.5       stop (14.9 months > 12, V < 50)
=====  ==========================  =====  =====  =====  =========  ===============

- V-1: NPV of 600,000 a year on 100,000 invested is far above 1.5 × the investment → payoff 5;
  sponsor seen 9 days before → contact 5; every gate ticked, KPI complete, change budget 25 %.
- V-2: no benefit, so NPV < 0 → payoff 0; sponsor seen 64 days before → 5·(114 − 64)/100 = 2.5;
  readiness 50 < 65 → fix then scale. It also waits on the enabler E-1 (not ready) → blocked.
- V-3: no money at all (NPV 0, no investment → the bottom band, 0); no sponsor → contact 0.
- V-4: 60,000 a year for 10,000 run cost on 100,000 invested: NPV between 0 and 1.5 × the investment
  → payoff 2; its sponsor was last seen 181 days before → contact 0.
- V-5 and V-6: no money → payoff 0. V-5 started 9 months before the valuation date, V-6 on
  2024-12-01: 455 days = 14.9 months, over the method's 12 (the shipped method's 18 would pivot it).

Ranking by composite: V-1 93, V-5 63.5, V-4 63, V-2 54, V-6 13.5, V-3 12.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from planner import method_files as method_module
from planner.method import Method, load_method
from planner.model import (
    Dependency,
    Enabler,
    EnablerStatus,
    Financials,
    Kpi,
    Pilot,
    Portfolio,
    Rating,
    Stage,
    Stakeholder,
    UserGroup,
)
from planner.resources import templates_dir

METHOD_ID = "venture-review"
METHOD_FILE = Path(__file__).resolve().parent / "fixtures" / "methods" / f"{METHOD_ID}.json"
AS_OF = date(2026, 3, 1)

# hand-worked above: (value, readiness, sponsorship, composite) per pilot
EXPECTED = {
    "V-1": (100.0, 90.0, 90.0, 93.0),
    "V-2": (60.0, 50.0, 55.0, 54.0),
    "V-3": (15.0, 15.0, 0.0, 12.0),
    "V-4": (70.0, 80.0, 10.0, 63.0),
    "V-5": (45.0, 100.0, 0.0, 63.5),
    "V-6": (45.0, 0.0, 0.0, 13.5),
}
RANKING = ("V-1", "V-5", "V-4", "V-2", "V-6", "V-3")


def install_custom_method(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Method:
    """Make `load_method` find the test method (and the shipped ones) in `folder`, for this test only.

    The method loader reads ``templates_dir()/methods``; the test points it at a copy of the shipped
    methods plus the test method, and starts from an empty method cache (restored afterwards).
    """
    methods = folder / "methods"
    shutil.copytree(templates_dir() / "methods", methods)
    shutil.copy(METHOD_FILE, methods / METHOD_FILE.name)
    monkeypatch.setattr(method_module, "templates_dir", lambda: folder)
    monkeypatch.setattr(method_module, "_cache", {})
    return load_method(METHOD_ID)


def _ratings(**scores: int) -> dict[str, Rating]:
    names = {"data": "data-supply", "team": "run.team"}
    return {names.get(k, k): Rating(score=v) for k, v in scores.items()}


def custom_portfolio() -> Portfolio:
    """The portfolio of the table above, using the test method."""
    all_gates = {"g-outcome": True, "g-budget": True, "g-data": True, "g.runbook": True, "g-change": True}
    kpi = Kpi(name="Hours saved", unit="h", baseline=100, target=60, latest=70, higher_is_better=False)
    pilots = [
        Pilot(
            id="V-1",
            name="Claims triage",
            business_unit="Insurance",
            stage=Stage.PILOT,
            pilot_start=date(2025, 9, 1),
            sponsor="S-1",
            sponsor_last_touchpoint=date(2026, 2, 20),
            kpi=kpi,
            financials=Financials(scale_investment=100_000, annual_benefit=600_000, change_budget=25_000),
            ratings=_ratings(outcome=5, data=5, team=4, controls=4, champion=4),
            gates=all_gates,
            user_groups=["U-1"],
        ),
        Pilot(
            id="V-2",
            name="Churn radar",
            business_unit="Retail",
            stage=Stage.PILOT,
            pilot_start=date(2025, 10, 1),
            sponsor="S-2",
            sponsor_last_touchpoint=date(2025, 12, 27),
            kpi=kpi,
            financials=Financials(scale_investment=200_000, change_budget=50_000),
            ratings=_ratings(outcome=4, data=2, team=3, controls=3, champion=3),
            gates={**all_gates, "g-data": False},
            user_groups=["U-2"],
        ),
        Pilot(
            id="V-3",
            name="Shelf gaps",
            business_unit="Retail",
            stage=Stage.POC,
            ratings=_ratings(outcome=1, data=1, team=1, controls=0, champion=0),
        ),
        Pilot(
            id="V-4",
            name="Route planner",
            business_unit="Logistics",
            stage=Stage.PILOT,
            pilot_start=date(2025, 8, 1),
            sponsor="S-2",
            sponsor_last_touchpoint=date(2025, 9, 1),
            kpi=kpi,
            financials=Financials(
                scale_investment=100_000, annual_benefit=60_000, annual_run_cost=10_000, change_budget=20_000
            ),
            ratings=_ratings(outcome=4, data=4, team=4, controls=4, champion=1),
            gates=all_gates,
            user_groups=["U-2"],
        ),
        Pilot(
            id="V-5",
            name="Pricing assistant",
            business_unit="Retail",
            stage=Stage.PILOT,
            pilot_start=date(2025, 6, 1),
            ratings=_ratings(outcome=3, data=5, team=5, controls=5),
        ),
        Pilot(
            id="V-6",
            name="Forecast refresh",
            business_unit="Logistics",
            stage=Stage.PILOT,
            pilot_start=date(2024, 12, 1),
            ratings=_ratings(outcome=3),
        ),
    ]
    return Portfolio(
        name="Venture review portfolio",
        organisation="Test Holdings",
        as_of=AS_OF,
        method={"id": METHOD_ID},
        pilots=pilots,
        stakeholders=[
            Stakeholder(id="S-1", name="Ines Moreau", role="COO", influence=5, interest=4),
            Stakeholder(id="S-2", name="Tom Becker", role="CFO", influence=4, interest=3),
        ],
        enablers=[
            Enabler(id="E-1", name="Feature store", status=EnablerStatus.IN_PROGRESS, eta=date(2026, 6, 1))
        ],
        dependencies=[Dependency(pilot="V-2", on="E-1")],
        user_groups=[
            UserGroup(id="U-1", name="Claims handlers", headcount=120),
            UserGroup(id="U-2", name="Store managers", headcount=40),
        ],
    )
