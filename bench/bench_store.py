"""Project file speed: load + save of a large portfolio against a bare ``json.loads`` + ``json.dumps``.

Run: ``.venv/bin/python bench/bench_store.py [PILOTS]`` (default 10,000). Prints the best of several
runs for each step and the ratios; the target is load + save ≤ 3 × the bare JSON round trip of the
same data. Two baselines are shown: ``json.dumps`` compact (the strict one) and with ``indent=2``
(the layout the project file actually uses).
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from planner import store
from planner.method import load_method
from planner.model import Evidence, Financials, Kpi, Pilot, Portfolio, Rating, Stakeholder, Stance


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


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(n: int = 10_000, repeat: int = 5) -> None:
    portfolio = big_portfolio(n)
    text = store.dumps(portfolio)
    data = json.loads(text)
    print(f"{n:,} pilots, {len(text.encode()) / 1e6:.1f} MB project file; best of {repeat}")

    loads = best(lambda: json.loads(text), repeat)
    dumps = best(lambda: json.dumps(data, ensure_ascii=False), repeat)
    dumps_indent = best(lambda: json.dumps(data, ensure_ascii=False, indent=2), max(1, repeat // 2))
    our_load = best(lambda: store.loads(text), repeat)
    our_dump = best(lambda: store.dumps(portfolio), repeat)
    print(f"  json.loads                 {loads:7.3f} s")
    print(f"  json.dumps (compact)       {dumps:7.3f} s")
    print(f"  json.dumps (indent=2)      {dumps_indent:7.3f} s")
    print(f"  store.loads                {our_load:7.3f} s  (parse, version check, validation)")
    print(f"  store.dumps                {our_dump:7.3f} s  (reference check, sorted maps, indent 2)")
    ours = our_load + our_dump
    print(f"  load + save / bare JSON (compact dumps):  {ours / (loads + dumps):.2f}x   (target <= 3)")
    print(f"  load + save / bare JSON (indent=2 dumps): {ours / (loads + dumps_indent):.2f}x")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.liftoff"
        store.save(portfolio, path)
        save = best(lambda: store.save(portfolio, path), repeat)
        load = best(lambda: store.load(path), repeat)
    print(f"  on disk: store.save {save:.3f} s (fsync, backup, replace), store.load {load:.3f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
