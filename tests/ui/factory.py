"""Small portfolios built in the tests (deterministic, independent of the shipped demo)."""

from __future__ import annotations

import random
from datetime import date

from planner.method import load_method
from planner.model import Financials, Pilot, Portfolio, Stage, Stakeholder


def portfolio(n: int = 6, seed: int = 7) -> Portfolio:
    """`n` pilots with typed ratings drawn from a fixed seed, one sponsor, varied stages and units."""
    rng = random.Random(seed)
    method = load_method()
    typed = [c.id for c in method.criteria if c.derived is None]
    gates = [g.id for g in method.gates]
    stages = [Stage.POC, Stage.PILOT, Stage.PILOT, Stage.SCALING]
    pilots = []
    for i in range(n):
        pilots.append(
            Pilot(
                id=f"P-{i + 1:02d}",
                name=f"Pilot {chr(65 + i % 26)}{i // 26 or ''}",
                business_unit=["Finance", "Operations", "Sales"][i % 3],
                stage=stages[i % len(stages)],
                pilot_start=date(2025, 1 + i % 12, 1),
                sponsor="S-1" if i % 2 == 0 else None,
                sponsor_last_touchpoint=date(2026, 1, 10) if i % 2 == 0 else None,
                ratings={c: {"score": rng.randint(0, 5)} for c in typed},
                gates={g: rng.random() < 0.6 for g in gates},
                financials=Financials(
                    scale_investment=100_000 * (1 + i % 5),
                    annual_benefit=80_000 * (1 + (i * 7) % 6),
                    annual_run_cost=10_000,
                ),
            )
        )
    return Portfolio(
        name="Test portfolio",
        as_of=date(2026, 2, 1),
        stakeholders=[Stakeholder(id="S-1", name="Dana Fischer", influence=5, interest=4)],
        pilots=pilots,
    )
