"""Scoring benchmark (a plain script, not a test): ``python bench/bench_scoring.py``.

Synthetic portfolios of 100, 1,000 and 10,000 pilots scored with the shipped method. Prints the full
scoring time (cold prepare + rescore), the time per pilot, the 10k/1k ratio (target ≤ 11: linear) and the
rescore time for 5,000 pilots (target ≤ 10 ms), plus sensitivity time for 30 pilots (target < 1 s).
Each figure is the best of several runs. The scaling ratio uses CPU time (``time.process_time``):
on a shared, loaded machine a long wall-clock run is preempted more often than a short one, which
inflates wall-clock ratios without saying anything about the code.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.method import Method, effective_weights, load_method
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
    Stance,
)
from planner.triage.scoring import clear_npv_cache, prepare, rescore
from planner.triage.sensitivity import sensitivity

AS_OF = date(2026, 1, 1)


def synthetic(n: int, method: Method, seed: int = 7) -> Portfolio:
    """n pilots with random ratings, finance, sponsors, stakeholders, gates and a few dependencies."""
    rng = random.Random(seed)
    people = [
        Stakeholder(
            id=f"S{k}",
            name=f"Person {k}",
            influence=rng.randint(1, 5),
            stance=rng.choice(list(Stance)),
        )
        for k in range(max(10, n // 5))
    ]
    typed = [c.id for c in method.criteria if c.derived is None]
    pilots = []
    for k in range(n):
        linked = rng.sample(people, rng.randint(0, 4))
        pilots.append(
            Pilot(
                id=f"P{k}",
                name=f"Pilot {rng.randint(0, n)}",
                stage=rng.choice([Stage.PILOT, Stage.SCALING, Stage.PRODUCTION]),
                pilot_start=AS_OF - timedelta(days=rng.randint(30, 1000)),
                sponsor=linked[0].id if linked else None,
                sponsor_last_touchpoint=AS_OF - timedelta(days=rng.randint(0, 300)) if linked else None,
                approvers=[p.id for p in linked[1:]],
                kpi=Kpi(name="kpi", baseline=1.0, target=2.0) if rng.random() < 0.7 else Kpi(),
                financials=Financials(
                    scale_investment=rng.uniform(0, 2e6),
                    annual_benefit=rng.uniform(0, 3e6),
                    annual_run_cost=rng.uniform(0, 5e5),
                    change_budget=rng.uniform(0, 3e5),
                ),
                ratings={c: Rating(score=rng.randint(0, 5)) for c in typed if rng.random() < 0.9},
                gates={g.id: rng.random() < 0.8 for g in method.gates},
            )
        )
    enablers = [
        Enabler(id=f"E{k}", name=f"Enabler {k}", status=rng.choice(list(EnablerStatus))) for k in range(5)
    ]
    deps = [Dependency(pilot=f"P{k}", on=f"E{rng.randint(0, 4)}") for k in range(0, n, 7)]
    deps += [Dependency(pilot=f"P{k}", on=f"P{k - 1}") for k in range(1, n, 11)]
    return Portfolio(
        as_of=AS_OF,
        pilots=pilots,
        stakeholders=people,
        enablers=enablers,
        dependencies=deps,
    )


def best_of(fn: Callable[[], object], runs: int, clock: Callable[[], float] = time.perf_counter) -> float:
    best = float("inf")
    for _ in range(runs):
        start = clock()
        fn()
        best = min(best, clock() - start)
    return best


def cold_prepare(pf: Portfolio, method: Method) -> None:
    clear_npv_cache()
    prepare(pf, method)


def main() -> None:
    method = load_method("pilot-to-production")
    cpu: dict[int, float] = {}
    for n in (100, 1_000, 10_000):
        pf = synthetic(n, method)
        weights = effective_weights(method, pf)
        t_prepare = best_of(lambda pf=pf: cold_prepare(pf, method), 3)
        c_prepare = best_of(lambda pf=pf: cold_prepare(pf, method), 3, time.process_time)
        t_warm = best_of(lambda pf=pf: prepare(pf, method), 3)
        prepared = prepare(pf, method)
        t_rescore = best_of(lambda p=prepared, w=weights: rescore(p, w), 5)
        c_rescore = best_of(lambda p=prepared, w=weights: rescore(p, w), 5, time.process_time)
        t_rows = best_of(lambda p=prepared, w=weights: list(rescore(p, w).pilots.values()), 3)
        cpu[n] = c_prepare + c_rescore
        wall = t_prepare + t_rescore
        print(
            f"{n:>6} pilots: full scoring {wall * 1e3:8.1f} ms wall, {cpu[n] * 1e3:8.1f} ms CPU "
            f"(cold prepare {t_prepare * 1e3:7.1f} ms, rescore {t_rescore * 1e3:6.2f} ms), "
            f"{cpu[n] / n * 1e6:6.1f} µs CPU per pilot; re-prepare after an edit {t_warm * 1e3:6.1f} ms; "
            f"rescore building every PilotScore {t_rows * 1e3:6.1f} ms"
        )
    print(f"10k/1k full-scoring ratio (CPU time): {cpu[10_000] / cpu[1_000]:.2f} (target ≤ 11)")

    pf = synthetic(5_000, method)
    prepared = prepare(pf, method)
    weights = effective_weights(method, pf)
    t = best_of(lambda: rescore(prepared, weights), 20)
    print(f"rescore of 5,000 pilots: {t * 1e3:.2f} ms (target ≤ 10 ms)")

    pf = synthetic(30, method)
    prepared = prepare(pf, method)
    weights = effective_weights(method, pf)
    t = best_of(lambda: sensitivity(prepared, weights), 3)
    print(f"sensitivity of 30 pilots, {len(method.criteria) + 3} weights: {t * 1e3:.0f} ms (target < 1 s)")


if __name__ == "__main__":
    main()
