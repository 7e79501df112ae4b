"""How the room's spread changed from one Delphi round to the next.

Each closed round keeps every rater's values as they stood when it closed; the round still open (or
revealed) is read from the live values. For every round and every pilot it is about, the spread of
each typed criterion is taken over the raters who rated it (``planner.triage.consensus``), and
summarised over the cells at least two raters rated (one rater has no spread to narrow): the mean
range, the mean interquartile range, and how many cells still span 2 points or more.

Rounds about different pilots are not comparable as a whole; compare a pilot's figures across rounds
(`RoundSpread.pilots`). Example: three raters give 1, 3, 5 in round 1 (range 4, IQR 2) and 3, 3, 4
in round 2 (range 1, IQR 0.5): the range narrowed by 3 points.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.method import Method
from planner.model import Portfolio
from planner.triage.consensus import FloatArray, spread_arrays
from planner.workshop import RaterRating, Round, RoundRatings, RoundStatus

WIDE = 2.0  # a cell whose range is at least this many points is still wide apart


@dataclass(frozen=True, slots=True)
class Spread:
    cells: int  # criteria rated by at least two raters
    mean_range: float  # NaN when `cells` is 0
    mean_iqr: float
    wide: int  # cells whose range is at least WIDE


@dataclass(frozen=True, slots=True)
class RoundSpread:
    number: int
    label: str
    status: RoundStatus
    overall: Spread  # over every pilot the round is about
    pilots: dict[str, Spread]  # by pilot id, the pilots the round is about that anyone rated


def _summary(ranges: FloatArray, iqrs: FloatArray, counts: np.ndarray) -> Spread:
    mask = counts >= 2
    cells = int(mask.sum())
    if not cells:
        return Spread(0, float("nan"), float("nan"), 0)
    return Spread(
        cells=cells,
        mean_range=float(ranges[mask].mean()),
        mean_iqr=float(iqrs[mask].mean()),
        wide=int((ranges[mask] >= WIDE).sum()),
    )


def _live(portfolio: Portfolio) -> RoundRatings:
    return {
        p.id: {c: dict(r.raters) for c, r in p.ratings.items() if r.raters}
        for p in portfolio.pilots
        if any(r.raters for r in p.ratings.values())
    }


def _round_spread(portfolio: Portfolio, method: Method, rnd: Round) -> RoundSpread:
    kept = rnd.ratings if rnd.status is RoundStatus.CLOSED else _live(portfolio)
    scope = [p for p in (rnd.pilots or [p.id for p in portfolio.pilots]) if p in kept]
    typed = [c.id for c in method.criteria if c.derived is None]
    raters = [r.id for r in portfolio.workshop.raters]
    values = np.full((len(scope), len(typed), len(raters)), np.nan)
    for i, pilot_id in enumerate(scope):
        for j, criterion in enumerate(typed):
            by_rater: dict[str, RaterRating] = kept[pilot_id].get(criterion, {})
            for k, rater in enumerate(raters):
                if rater in by_rater:
                    values[i, j, k] = by_rater[rater].score
    spread = spread_arrays(values)
    ranges, iqrs, counts = spread.range, spread.iqr, spread.count
    return RoundSpread(
        number=rnd.number,
        label=rnd.label,
        status=rnd.status,
        overall=_summary(ranges, iqrs, counts),
        pilots={p: _summary(ranges[i], iqrs[i], counts[i]) for i, p in enumerate(scope)},
    )


def spread_by_round(portfolio: Portfolio, method: Method) -> tuple[RoundSpread, ...]:
    """Every round's spread, first round first (see the module docstring)."""
    return tuple(_round_spread(portfolio, method, rnd) for rnd in portfolio.workshop.rounds)
