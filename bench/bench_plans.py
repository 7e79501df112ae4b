"""Benchmark: rollout + training plan for synthetic portfolios; medians and the 1,000/100 ratio.

Run: ``.venv/bin/python bench/bench_plans.py`` (add ``--repeat N``). Targets (issue 5): 1,000 pilots with
30 enablers and 200 user groups planned (rollout + training) in ≤ 1 s; time(1,000) / time(100) ≤ 12.

The synthetic portfolio scales with the pilot count: pilots/5 user groups, pilots/33 enablers, about
one pilot dependency for every third pilot (on an earlier pilot, so no cycles), 60 % "scale", 25 %
"fix then scale", the rest stop/pivot. Capacity grows with the portfolio (a tenth of the pilots in
flight at once, trainer hours per week proportional to the groups) so both sizes are equally busy.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.method import load_method
from planner.model import Decision, Portfolio
from planner.plans.rollout import plan_rollout
from planner.plans.training import plan_training
from planner.triage.scoring import PilotScore, Scores


def synthetic(n_pilots: int, seed: int = 7) -> tuple[Portfolio, Scores]:
    rng = random.Random(seed)
    n_groups = max(2, n_pilots // 5)
    n_enablers = max(1, round(n_pilots * 30 / 1000))
    groups = [
        {
            "id": f"G{i}",
            "name": f"Group {i}",
            "headcount": rng.randint(10, 600),
            "business_unit": f"U{i % 12}",
            "change_impact": rng.choice(["low", "medium", "high"]),
        }
        for i in range(n_groups)
    ]
    start = date(2027, 1, 4)
    enablers = [
        {
            "id": f"E{i}",
            "name": f"Enabler {i}",
            "status": rng.choice(["planned", "in_progress", "ready"]),
            "eta": (start + timedelta(days=rng.randint(0, 400))).isoformat(),
        }
        for i in range(n_enablers)
    ]
    pilots: list[dict[str, Any]] = []
    deps: list[dict[str, str]] = []
    for i in range(n_pilots):
        pilots.append(
            {
                "id": f"P{i}",
                "name": f"Pilot {i}",
                "business_unit": f"U{rng.randrange(12)}",
                "user_groups": rng.sample([g["id"] for g in groups], rng.randint(1, 3)),
                "financials": {"scale_investment": 500_000, "change_budget": rng.choice([40_000, 90_000])},
            }
        )
        if i and rng.random() < 0.33:
            deps.append({"pilot": f"P{i}", "on": f"P{rng.randrange(i)}"})
        if rng.random() < 0.3:
            deps.append({"pilot": f"P{i}", "on": f"E{rng.randrange(n_enablers)}"})
    plan = {
        "start": start.isoformat(),
        "holidays": ["2027-04-02", "2027-04-05", "2027-12-24", "2027-12-27", "2028-01-03"],
        "max_concurrent_rollouts": max(2, n_pilots // 10),
        "max_changes_per_group": 2,
        "trainer_hours_per_week": 40.0 * n_groups,
    }
    portfolio = Portfolio.model_validate(
        {"user_groups": groups, "enablers": enablers, "pilots": pilots, "dependencies": deps, "plan": plan}
    )
    decisions = (
        [Decision.SCALE] * 12
        + [Decision.FIX_THEN_SCALE] * 5
        + [Decision.STOP, Decision.PIVOT, Decision.SCALE]
    )
    table = {}
    for rank, p in enumerate(portfolio.pilots, start=1):
        d = rng.choice(decisions)
        table[p.id] = PilotScore(p.id, 70, 70, 70, 70, rank, 12, 12, d, d, False, "", False, (), None)
    return portfolio, Scores(table, tuple(table))


def timed(n_pilots: int, repeat: int) -> dict[str, Any]:
    """Medians over `repeat` runs of wall and CPU time for the rollout, the training plan and both."""
    portfolio, scores = synthetic(n_pilots)
    method = load_method()
    samples: dict[str, list[float]] = {"rollout": [], "training": [], "total": [], "total_cpu": []}
    info: dict[str, Any] = {}
    for _ in range(repeat):
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        rollout = plan_rollout(portfolio, scores, method)
        t1 = time.perf_counter()
        training = plan_training(portfolio, rollout)
        t2, c2 = time.perf_counter(), time.process_time()
        samples["rollout"].append(t1 - t0)
        samples["training"].append(t2 - t1)
        samples["total"].append(t2 - t0)
        samples["total_cpu"].append(c2 - c0)
        info = {
            "scheduled": len(rollout.pilots),
            "not scheduled": len(rollout.unscheduled),
            "plan end": rollout.end.isoformat() if rollout.end else None,
            "session rows": len(training.sessions),
            "people": training.totals.people,
            "uncovered": training.totals.uncovered,
        }
    medians = {key: statistics.median(values) for key, values in samples.items()}
    return {**medians, "info": info}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    results = {}
    for n in (100, 1000):
        timed(n, 1)  # warm-up: imports, method and catalogue caches
        r = timed(n, args.repeat)
        results[n] = r
        print(
            f"{n:>5} pilots: rollout {r['rollout'] * 1000:7.1f} ms  training {r['training'] * 1000:7.1f} ms  "
            f"total {r['total'] * 1000:7.1f} ms wall, {r['total_cpu'] * 1000:7.1f} ms CPU "
            f"(medians of {args.repeat})  {r['info']}"
        )
    wall = results[1000]["total"] / results[100]["total"]
    cpu = results[1000]["total_cpu"] / results[100]["total_cpu"]
    print(f"ratio 1000/100: {wall:.1f} wall, {cpu:.1f} CPU (target ≤ 12)")
    big = results[1000]
    print(f"1,000 pilots: {big['total']:.3f} s wall, {big['total_cpu']:.3f} s CPU (target ≤ 1 s)")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average while measuring: {load} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
