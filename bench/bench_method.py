"""What carrying the method and AI governance cost: ratios measured in one run on realistic portfolios.

Run: ``PYTHONPATH=. .venv/bin/python bench/bench_method.py [PILOTS ...]`` (default 300 and 5,000).

- **load**: `store.loads` of a project that carries its method (about 40 kB of JSON, validated with
  the file) against the same project with ``"definition": null`` (the installed method is used),
  both written by `store.dumps`;
- **size**: the file's bytes with and without the method;
- **score**: `prepare` + `rescore` with a risk tier on every pilot (the demo's, tiled) against the same
  portfolio with no tiers (governance then has nothing to look at).

The two sides of each comparison are timed alternately and the median ratio is printed; the machine
is shared, so read the ratios, not the seconds.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial

from bench.portfolios import realistic
from planner.method import Method, Weights, effective_weights, method_of
from planner.model import Portfolio
from planner.portfolio import store
from planner.triage.derived import clear_npv_cache
from planner.triage.scoring import Scores, prepare, rescore


def paired(a: Callable[[], object], b: Callable[[], object], rounds: int = 7) -> tuple[float, float, float]:
    """Best time of `a`, best time of `b`, and the median of the per-round ratios a/b: the two are
    timed alternately, so a burst of load on the shared machine hits both."""
    ta, tb, ratios = [], [], []
    for _ in range(rounds):
        for run, times in ((a, ta), (b, tb)):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        ratios.append(ta[-1] / tb[-1])
    return min(ta), min(tb), statistics.median(ratios)


def main(sizes: list[int]) -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for n in sizes:
        portfolio = realistic(n)
        text = store.dumps(portfolio)
        bare = store.dumps(
            portfolio.model_copy(update={"method": portfolio.method.model_copy(update={"definition": None})})
        )
        carried, named, load_ratio = paired(partial(store.loads, text, "p"), partial(store.loads, bare, "p"))
        method = method_of(portfolio)
        weights = effective_weights(method, portfolio)
        untiered = portfolio.model_copy(
            update={"pilots": [p.model_copy(update={"risk_tier": None}) for p in portfolio.pilots]}
        )
        with_tiers, without, score_ratio = paired(
            partial(_score, portfolio, method, weights), partial(_score, untiered, method, weights)
        )
        print(
            f"{n:>6} pilots: load {carried * 1000:7.1f} ms carrying the method vs {named * 1000:7.1f} ms "
            f"naming it (×{load_ratio:.2f}); file {len(text) / 1e6:.2f} MB vs {len(bare) / 1e6:.2f} MB; "
            f"score {with_tiers * 1000:7.1f} ms with tiers vs {without * 1000:7.1f} ms without "
            f"(×{score_ratio:.2f})"
        )
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


def _score(portfolio: Portfolio, method: Method, weights: Weights) -> Scores:
    clear_npv_cache()
    return rescore(prepare(portfolio, method), weights)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [300, 5_000])
