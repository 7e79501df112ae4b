"""Random and hostile portfolios for the Excel tests (intake round trip, scorecard recalculation).

Random portfolios exercise every field the intake carries and every branch of the scoring rules:
missing typed ratings, derived ratings assessed or not (stakeholders linked or not), overrides,
gates ticked or not, pilots with and without start dates, dependencies on pilots and enablers.
Numbers have at most 15 significant digits, as a spreadsheet keeps them.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from planner.method import Method
from planner.model import (
    ChangeImpact,
    Decision,
    Dependency,
    Enabler,
    EnablerKind,
    EnablerStatus,
    Evidence,
    Financials,
    Kpi,
    Override,
    Pilot,
    Portfolio,
    Rating,
    RelationKind,
    Stage,
    Stakeholder,
    Stance,
    UserGroup,
)

AS_OF = date(2026, 11, 1)
DEMO = Path(__file__).resolve().parent.parent / "templates" / "demo" / "demo.liftoff"
HOSTILE = (
    "=1+1",
    '=HYPERLINK("http://example.invalid","click")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1)",
    "\t=tab lead",
    "\r=cr lead",
    "=cmd|' /C calc'!A0",
)


def load_demo() -> Portfolio:
    return Portfolio.model_validate_json(DEMO.read_text(encoding="utf-8"))


def random_portfolio(seed: int, n_pilots: int, method: Method) -> Portfolio:
    """A valid portfolio drawn from `seed` (the same seed gives the same portfolio)."""
    rng = random.Random(seed)
    people = [
        Stakeholder(
            id=f"S-{k}",
            name=f"Person {k}",
            role=rng.choice(["CFO", "Head of ops", "", "Data lead"]),
            department=rng.choice(["Finance", "Operations", "IT"]),
            influence=rng.randint(1, 5),
            interest=rng.randint(1, 5),
            stance=rng.choice(list(Stance)),
            desired_stance=rng.choice(list(Stance)),
            position=(round(rng.uniform(-100, 100), 3), round(rng.uniform(-100, 100), 3))
            if rng.random() < 0.5
            else None,
            notes=rng.choice(["", "met twice", "line one\nline two"]),
        )
        for k in range(1, 9)
    ]
    groups = [
        UserGroup(
            id=f"G-{k}",
            name=f"Group {k}",
            role="Clerk",
            business_unit="Ops",
            headcount=rng.randint(1, 900),
            change_impact=rng.choice(list(ChangeImpact)),
        )
        for k in range(1, 4)
    ]
    enablers = [
        Enabler(
            id=f"E-{k}",
            name=f"Enabler {k}",
            kind=rng.choice(list(EnablerKind)),
            status=rng.choice(list(EnablerStatus)),
            eta=AS_OF + timedelta(days=rng.randint(10, 300)) if rng.random() < 0.7 else None,
            cost=float(rng.randint(0, 500_000)),
            owner=rng.choice([None, "S-1", "S-2"]),
        )
        for k in range(1, 4)
    ]
    typed = [c.id for c in method.criteria if c.derived is None]
    gate_ids = [g.id for g in method.gates]
    pilots: list[Pilot] = []
    for k in range(1, n_pilots + 1):
        strength = rng.random()  # correlated ratings spread pilots over every decision
        ratings = {
            cid: Rating(
                score=max(0, min(5, round(rng.gauss(5 * strength, 1.2)))),
                evidence=rng.choice(list(Evidence)),
                note=rng.choice(["", "checked in the workshop"]),
            )
            for cid in typed
            if rng.random() < 0.9
        }
        linked = rng.sample([p.id for p in people], rng.randint(0, 3))
        investment = float(rng.choice([0, 50_000, 120_000, 400_000]))
        pilots.append(
            Pilot(
                id=f"P-{k:03d}",
                name=f"Pilot {rng.choice('ABCDEFG')}{k}",  # duplicate-prone names exercise the tie-break
                description=rng.choice(["", "Forecasts demand per store."]),
                business_unit=rng.choice(["Finance", "Retail", ""]),
                industry=rng.choice(["", "Retail"]),
                stage=rng.choice([Stage.POC, Stage.PILOT, Stage.PILOT, Stage.SCALING]),
                pilot_start=AS_OF - timedelta(days=rng.randint(30, 900)) if rng.random() < 0.8 else None,
                owner=linked[0] if linked else None,
                sponsor=rng.choice([None, "S-1", "S-3", "S-5"]),
                sponsor_last_touchpoint=AS_OF - timedelta(days=rng.randint(0, 250))
                if rng.random() < 0.7
                else None,
                approvers=linked[1:],
                affected=rng.sample([p.id for p in people], rng.randint(0, 2)),
                user_groups=rng.sample([g.id for g in groups], rng.randint(0, 2)),
                kpi=Kpi(
                    name=rng.choice(["", "Hours saved"]),
                    unit=rng.choice(["", "h"]),
                    baseline=rng.choice([None, 10.0, 12.5]),
                    target=rng.choice([None, 20.0]),
                    latest=rng.choice([None, 15.25]),
                    higher_is_better=rng.random() < 0.8,
                ),
                financials=Financials(
                    scale_investment=investment,
                    annual_benefit=float(rng.choice([0, 30_000, 150_000, 600_000])),
                    annual_run_cost=float(rng.choice([0, 20_000, 60_000])),
                    pilot_spend=float(rng.randint(0, 90_000)),
                    change_budget=round(investment * rng.choice([0.0, 0.1, 0.2]), 2),
                ),
                ratings=ratings,
                gates={g: rng.random() < 0.5 + strength / 2 for g in gate_ids if rng.random() < 0.9},
                override=Override(
                    decision=rng.choice(list(Decision)),
                    rationale="The steering committee decided otherwise.",
                    author="SteerCo",
                    decided=AS_OF,
                )
                if rng.random() < 0.1
                else None,
                notes=rng.choice(["", "see minutes"]),
            )
        )
    deps: list[Dependency] = []
    for k in range(2, n_pilots + 1):
        if rng.random() < 0.3:
            deps.append(Dependency(pilot=f"P-{k:03d}", on=f"P-{rng.randint(1, k - 1):03d}"))
        if rng.random() < 0.3:
            deps.append(Dependency(pilot=f"P-{k:03d}", on=rng.choice(enablers).id, note="needs it"))
    rels = []
    seen = set()
    for _ in range(10):
        a, b = rng.sample([p.id for p in people], 2)
        kind = rng.choice(list(RelationKind))
        if (a, b, kind) not in seen:
            seen.add((a, b, kind))
            rels.append({"source": a, "target": b, "kind": kind})
    return Portfolio(
        name=f"Random portfolio {seed}",
        organisation="Test org",
        currency="EUR",
        as_of=AS_OF,
        pilots=pilots,
        stakeholders=people,
        relationships=rels,
        enablers=enablers,
        dependencies=deps,
        user_groups=groups,
    )


def hostile_portfolio(method: Method) -> Portfolio:
    """Every user-text field holds formula-like text, control characters or over-long text."""
    base = random_portfolio(7, 8, method)
    pilots = []
    for k, p in enumerate(base.pilots):
        text = HOSTILE[k % len(HOSTILE)]
        pilots.append(
            p.model_copy(
                update={
                    "name": text.strip() or "x",
                    "description": text + "\x01\x02bell\x07",
                    "notes": "=" + "A" * 19_990,
                    "business_unit": HOSTILE[(k + 1) % len(HOSTILE)],
                }
            )
        )
    people = [
        s.model_copy(update={"name": HOSTILE[k % len(HOSTILE)].strip() or "x", "role": "=2*3"})
        for k, s in enumerate(base.stakeholders)
    ]
    return Portfolio.model_validate(
        {**dict(base), "name": "=evil()", "organisation": "@org", "pilots": pilots, "stakeholders": people}
    )


WORLD_NAMES = (
    "<b>bold</b> & <script>alert(1)</script>",
    "مشروع التنبؤ بالطلب",  # right to left
    "תחזית ביקוש למלאי",
    "需求预测试点项目",
    "🚀 Launch assistant 🤖",
    "x" * 500,  # the longest name a pilot may have
    '=IMPORTXML("http://example.invalid","//a")',
)


def world_portfolio(method: Method) -> Portfolio:
    """Names in markup, right-to-left scripts, CJK and emoji, the longest name allowed, formula starts,
    and an override rationale of 5,000 characters."""
    base = random_portfolio(8, 10, method)
    pilots = []
    for k, p in enumerate(base.pilots):
        update: dict[str, object] = {"name": WORLD_NAMES[k % len(WORLD_NAMES)]}
        if k == 0:
            update["override"] = Override(
                decision=Decision.PIVOT,
                rationale="Δ " + "word " * 999 + "end",
                author="SteerCo",
                decided=AS_OF,
            )
        pilots.append(p.model_copy(update=update))
    people = [
        s.model_copy(update={"name": WORLD_NAMES[k % len(WORLD_NAMES)][:200]})
        for k, s in enumerate(base.stakeholders)
    ]
    return Portfolio.model_validate(
        {**dict(base), "name": "Portfolio 🌍 مشروع", "pilots": pilots, "stakeholders": people}
    )
