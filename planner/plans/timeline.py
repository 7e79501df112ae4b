"""A capped resource over working days: how many things may run at once, and where one still fits.

The rollout scheduler keeps one `CapacityTimeline` for the portfolio (rollouts in flight) and one per
user group (changes landing on that group). Days are working-day indices (see `planner.plans.calendar`);
an interval ``[start, end)`` occupies one unit on each of its days. Usage only ever grows, so the
first day that is not full only moves forward: queries start there and stay near-linear in the
number of intervals placed.
"""

from __future__ import annotations

import numpy as np


class CapacityTimeline:
    """At most `cap` intervals overlap on any day; `earliest` finds the first start that keeps it so."""

    def __init__(self, cap: int) -> None:
        if cap < 1:
            raise ValueError(f"capacity must be at least 1, got {cap}")
        self.cap = cap
        self._usage = np.zeros(1024, dtype=np.int32)
        self._first_open = 0  # every day before this one is full
        self._ends: dict[int, list[str]] = {}

    def _ensure(self, size: int) -> None:
        if size > self._usage.size:
            grown = np.zeros(max(size, 2 * self._usage.size), dtype=np.int32)
            grown[: self._usage.size] = self._usage
            self._usage = grown

    def earliest(self, not_before: int, length: int) -> int:
        """The smallest start >= `not_before` where `length` days stay below the cap on every day."""
        start = max(not_before, 0)
        if length <= 0:
            return start
        start = max(start, self._first_open)
        chunk = max(4 * length, 512)
        while True:
            stop = start + chunk + length
            self._ensure(stop)
            full = self._usage[start:stop] >= self.cap
            if not full[:length].any():
                return start
            sums = np.cumsum(full, dtype=np.int32)
            window = sums[length - 1 :].copy()
            window[1:] -= sums[: sums.size - length]
            fits = np.flatnonzero(window == 0)
            if fits.size:
                return start + int(fits[0])
            start += window.size

    def add(self, start: int, end: int, owner: str) -> None:
        """Occupy one unit on each day of ``[start, end)``; the caller checked it fits."""
        if end <= start:
            return
        self._ensure(end + 1)
        self._usage[start:end] += 1
        self._ends.setdefault(end, []).append(owner)
        if start <= self._first_open < end:
            open_days = np.flatnonzero(self._usage[self._first_open :] < self.cap)
            self._first_open += int(open_days[0]) if open_days.size else self._usage.size - self._first_open

    def released_at(self, day: int) -> list[str]:
        """Owners of the intervals that end at `day` (they free a unit from that day on)."""
        return list(self._ends.get(day, ()))

    def peak(self, start: int, end: int) -> int:
        """The highest usage on any day of ``[start, end)``."""
        if end <= start or start >= self._usage.size:
            return 0
        return int(self._usage[start : min(end, self._usage.size)].max())
