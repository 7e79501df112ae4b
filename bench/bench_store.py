"""Project file speed: load + save of a large portfolio against a bare ``json.loads`` + ``json.dumps``.

Run: ``PYTHONPATH=. .venv/bin/python bench/bench_store.py [PILOTS]`` (default 10,000). Prints the best
time of each step and the median ratio over several rounds; the target is load + save ≤ 3 × the bare
JSON round trip of the same data. Two baselines are shown: ``json.dumps`` compact (the strict one)
and with ``indent=2`` (the layout the project file actually uses).
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from planner.method import load_method
from planner.model import Evidence, Financials, Kpi, Pilot, Portfolio, Rating, Stakeholder, Stance
from planner.portfolio import store


def big_portfolio(n: int, seed: int = 7) -> Portfolio:
    """`n` pilots rated on every typed criterion with notes, every gate set, 1 stakeholder per 20 pilots."""
    rng = random.Random(seed)
    method = load_method("pilot-to-production")
    typed = [c.id for c in method.criteria if c.derived is None]
    gates = [g.id for g in method.gates]
    people = [
        Stakeholder(
            id=f"S{i}", name=f"Person {i}", influence=rng.randint(1, 5), stance=rng.choice(list(Stance))
        )
        for i in range(max(1, n // 20))
    ]
    pilots = [
        Pilot(
            id=f"P{i:05d}",
            name=f"Pilot {i}: demand forecasting for region {i % 40}",
            description="Forecasts weekly demand per store and product; pilot ran in two regions. " * 2,
            business_unit=f"Unit {i % 12}",
            pilot_start=date(2024, 1, 1) + timedelta(days=rng.randrange(700)),
            sponsor=rng.choice(people).id,
            sponsor_last_touchpoint=date(2025, 1, 1) + timedelta(days=rng.randrange(300)),
            kpi=Kpi(name="Forecast error", unit="%", baseline=30.0, target=20.0, latest=rng.uniform(15, 35)),
            financials=Financials(
                scale_investment=rng.uniform(1e5, 2e6),
                annual_benefit=rng.uniform(0, 4e6),
                annual_run_cost=rng.uniform(1e4, 3e5),
                change_budget=rng.uniform(0, 2e5),
            ),
            ratings={
                c: Rating(
                    score=rng.randint(0, 5), evidence=rng.choice(list(Evidence)), note="Checked in review"
                )
                for c in typed
            },
            gates={g: rng.random() < 0.5 for g in gates},
        )
        for i in range(n)
    ]
    return Portfolio(name="Benchmark", as_of=date(2025, 12, 1), pilots=pilots, stakeholders=people)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(n: int = 10_000, rounds: int = 7) -> None:
    """Each round times every step back to back, so a busy machine slows numerator and denominator
    alike; the ratio reported is the median over the rounds, the step times the best."""
    portfolio = big_portfolio(n)
    text = store.dumps(portfolio)
    data = json.loads(text)
    print(f"{n:,} pilots, {len(text.encode()) / 1e6:.1f} MB project file; {rounds} rounds")
    steps: dict[str, Callable[[], object]] = {
        "json.loads": lambda: json.loads(text),
        "json.dumps (compact)": lambda: json.dumps(data, ensure_ascii=False),
        "json.dumps (indent=2)": lambda: json.dumps(data, ensure_ascii=False, indent=2),
        "store.loads": lambda: store.loads(text),
        "store.dumps": lambda: store.dumps(portfolio),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    compact: list[float] = []
    indented: list[float] = []
    for _ in range(rounds):
        t = {name: timed(fn) for name, fn in steps.items()}
        for name, value in t.items():
            times[name].append(value)
        ours = t["store.loads"] + t["store.dumps"]
        compact.append(ours / (t["json.loads"] + t["json.dumps (compact)"]))
        indented.append(ours / (t["json.loads"] + t["json.dumps (indent=2)"]))
    notes = {"store.loads": "(parse, version check, validation)", "store.dumps": "(references, sorted maps)"}
    for name, values in times.items():
        print(f"  {name:<24} {min(values):7.3f} s  {notes.get(name, '')}")
    print(
        f"  load + save / bare JSON, compact dumps:  median {statistics.median(compact):.2f}x "
        f"(range {min(compact):.2f}-{max(compact):.2f}; target <= 3)"
    )
    print(
        f"  load + save / bare JSON, indent=2 dumps: median {statistics.median(indented):.2f}x "
        f"(range {min(indented):.2f}-{max(indented):.2f})"
    )

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.liftoff"
        store.save(portfolio, path)
        save = min(timed(lambda: store.save(portfolio, path)) for _ in range(3))
        load = min(timed(lambda: store.load(path)) for _ in range(3))
    print(f"  on disk: store.save {save:.3f} s (fsync, backup, replace), store.load {load:.3f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
