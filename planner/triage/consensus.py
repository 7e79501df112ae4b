"""The consensus a room of raters reaches on each rating, and how far apart they are.

**Consensus.** Scoring reads one value per pilot and criterion (`consensus_value`): the facilitator's
value when one is set (``Rating.consensus``, with its rationale); otherwise the median of the raters'
values; otherwise the single rating (``Rating.score``), exactly as before workshops existed. With
one rater the median is that rater's value, so one rater scores the same as a single rating.
Example: raters 1, 3, 4 → 3; raters 2, 3 → 2.5 (an even count takes the mean of the middle two).

**Spread** (`spread_arrays`) per pilot and criterion, over the raters who rated it: the low and high
ends, the range (high − low) and the interquartile range. Quartiles interpolate linearly between the
sorted values (the quantile at q sits at position q·(n − 1), counting from 0; numpy's default,
Excel's QUARTILE.INC). Example: 1, 2, 4, 5 → Q1 at position 0.75 = 1.75, Q3 at 2.25 = 4.25, IQR 2.5,
range 4. A single value has range and IQR 0; nobody rated: NaN.

``planner.triage.disagreement`` builds on these: each rater's own decision, the decisions at the
ends of the spread, contested pilots and the discussion queue.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from planner.model import Rating
from planner.workshop import RaterRating

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


class Source(StrEnum):
    """Where a consensus value comes from."""

    FACILITATOR = "facilitator"  # the facilitator's value, with a rationale
    MEDIAN = "median"  # the median of the raters' values
    SINGLE = "single"  # the single rating: nobody rated it individually
    NONE = "none"  # not rated at all (scoring counts a typed criterion as 0)


def median_of(values: list[int]) -> float:
    """The median of whole numbers: the middle one, or the mean of the middle two."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        raise ValueError("the median of no values")
    half = n // 2
    return float(ordered[half]) if n % 2 else (ordered[half - 1] + ordered[half]) / 2


def consensus_value(rating: Rating | None) -> float | None:
    """The value scoring reads for this rating (see the module docstring); None when nothing is rated."""
    if rating is None:
        return None
    if rating.consensus is not None:
        return float(rating.consensus.score)
    if rating.raters:
        return median_of([r.score for r in rating.raters.values()])
    return None if rating.score is None else float(rating.score)


def consensus_source(rating: Rating | None) -> Source:
    """Where `consensus_value(rating)` comes from."""
    if rating is None:
        return Source.NONE
    if rating.consensus is not None:
        return Source.FACILITATOR
    if rating.raters:
        return Source.MEDIAN
    return Source.NONE if rating.score is None else Source.SINGLE


@dataclass(frozen=True, eq=False)
class SpreadArrays:
    """Per cell of a (…, raters) array of values: how many rated and where their values lie."""

    count: IntArray
    low: FloatArray
    high: FloatArray
    median: FloatArray
    q1: FloatArray
    q3: FloatArray

    @property
    def range(self) -> FloatArray:
        return self.high - self.low

    @property
    def iqr(self) -> FloatArray:
        return self.q3 - self.q1


def spread_arrays(values: FloatArray) -> SpreadArrays:
    """Count, low, high, median and quartiles over the last axis, ignoring NaN (see the module
    docstring); NaN where a cell has no value. Vectorised: one sort, then order statistics."""
    ordered = np.sort(values, axis=-1)  # NaN sorts last
    count = np.count_nonzero(~np.isnan(values), axis=-1).astype(np.int64)

    def quantile(q: float) -> FloatArray:
        position = q * np.maximum(count - 1, 0)
        lo = np.floor(position).astype(np.int64)
        hi = np.minimum(lo + 1, np.maximum(count - 1, 0))
        a = np.take_along_axis(ordered, lo[..., None], axis=-1)[..., 0]
        b = np.take_along_axis(ordered, hi[..., None], axis=-1)[..., 0]
        out: FloatArray = np.where(count > 0, a + (position - lo) * (b - a), np.nan)
        return out

    if values.shape[-1] == 0:
        empty = np.full(values.shape[:-1], np.nan)
        return SpreadArrays(count, empty, empty, empty, empty, empty)
    return SpreadArrays(
        count=count,
        low=quantile(0.0),
        high=quantile(1.0),
        median=quantile(0.5),
        q1=quantile(0.25),
        q3=quantile(0.75),
    )


# The raters' maps the last preparation read, by id: who rated and their scores (see RaterPanel.add)
_remembered: dict[int, tuple[Mapping[str, RaterRating], tuple[str, ...], list[int]]] = {}


def clear_read_cache() -> None:
    """Forget the raters' maps read so far (for benchmarks that measure a cold preparation)."""
    _remembered.clear()


class RaterPanel:
    """Collects raters' values cell by cell, then lays them out at once as a (pilots, criteria,
    raters) array and writes the medians where they are the consensus (used by scoring's prepare).

    Cells are grouped by which raters rated them (usually the whole room, in one order), so each
    group becomes one 2-D block of values in a single numpy call.

    Scoring re-prepares the whole portfolio after every edit, and edits never change a raters' map
    in place (they copy it), so an unchanged rating's map is the same object as last time: what the
    previous preparation read from it is reused, a lookup instead of one attribute read per rater.
    Only the maps of the latest preparation are remembered (each entry holds its map, so an id is
    never mistaken for another map's while it is remembered)."""

    def __init__(self, pilots: int, criteria: int, raters: list[str]) -> None:
        self.shape = (pilots, criteria)
        self.raters = tuple(raters)
        self._column = {r: k for k, r in enumerate(raters)}
        self._groups: dict[tuple[str, ...], tuple[list[int], list[list[int]]]] = {}
        self._medians: list[int] = []
        self._read: dict[int, tuple[Mapping[str, RaterRating], tuple[str, ...], list[int]]] = {}

    def add(self, row: int, column: int, values: Mapping[str, RaterRating], median: bool) -> None:
        """The raters' values of one cell; `median`: their median is the cell's consensus."""
        cell = row * self.shape[1] + column
        found = _remembered.get(id(values))
        if found is None or found[0] is not values:
            found = (values, tuple(values), [v.score for v in values.values()])
        self._read[id(values)] = found
        _, who, scores = found
        group = self._groups.get(who)
        if group is None:
            group = self._groups[who] = ([], [])
        group[0].append(cell)
        group[1].append(scores)
        if median:
            self._medians.append(cell)

    def values(self, consensus: FloatArray) -> FloatArray:
        """The panel array; the medians of the cells added with `median` are written into `consensus`
        (a (pilots, criteria) array)."""
        global _remembered
        _remembered = self._read
        pilots, criteria = self.shape
        panel = np.full((pilots * criteria, len(self.raters)), np.nan)
        for who, (cells, scores) in self._groups.items():
            columns = np.array([self._column[r] for r in who], dtype=np.intp)
            panel[np.asarray(cells, dtype=np.intp)[:, None], columns[None, :]] = np.array(scores, dtype=float)
        if self._medians:
            cells_ = np.asarray(self._medians, dtype=np.intp)
            consensus.reshape(-1)[cells_] = spread_arrays(panel[cells_]).median
        return panel.reshape(pilots, criteria, len(self.raters))
