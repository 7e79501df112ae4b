"""A work calendar: which days count as working days, numbered from a plan's start.

Plans are computed in *working-day indices* (0 = the first working day on or after the start date)
so that durations are plain integers and holidays or weekends never need special cases in a
scheduler; dates appear only at the edges. For example, with Monday–Friday working days, a start on
Friday 2027-01-01 that is also a holiday, index 0 is Monday 2027-01-04 and index 4 is Friday
2027-01-08.

A week of work is as many working days as the calendar has per week, so "3 weeks" on a four-day
week is 12 working days, and a week containing a holiday simply takes one calendar day longer.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date, timedelta

from planner.errors import LiftoffError

_ONE_DAY = timedelta(days=1)
_CHUNK = 366


class WorkCalendar:
    """Working days numbered from `start`; indices grow without limit as they are asked for."""

    def __init__(self, start: date, working_weekdays: Iterable[int], holidays: Iterable[date] = ()) -> None:
        weekdays = frozenset(working_weekdays)
        if not weekdays:
            raise ValueError("a work calendar needs at least one working day per week")
        if not weekdays <= set(range(7)):
            raise ValueError(f"weekday numbers must be 0 (Monday) to 6 (Sunday), got {sorted(weekdays)}")
        self.start = start
        self.weekdays = weekdays
        self.holidays = frozenset(holidays)
        self._days: list[date] = []
        self._weeks: list[date] = []  # Monday of each working day's week, in step with _days
        self._next = start  # first calendar day not yet examined

    @property
    def days_per_week(self) -> int:
        return len(self.weekdays)

    def is_working(self, day: date) -> bool:
        """True when `day` is one of the working weekdays and not a holiday."""
        return day.weekday() in self.weekdays and day not in self.holidays

    def _extend_to_index(self, index: int) -> None:
        while len(self._days) <= index:
            self._extend()

    def _extend_to_date(self, day: date) -> None:
        while not self._days or self._days[-1] < day:
            self._extend()

    def _extend(self) -> None:
        if self._next > date.max - timedelta(days=_CHUNK):
            raise LiftoffError("the plan runs past the end of the calendar (year 9999)")
        current = self._next
        days, weeks, weekdays, holidays = self._days, self._weeks, self.weekdays, self.holidays
        for _ in range(_CHUNK):
            weekday = current.weekday()
            if weekday in weekdays and current not in holidays:
                days.append(current)
                weeks.append(current - timedelta(days=weekday))
            current += _ONE_DAY
        self._next = current

    def day(self, index: int) -> date:
        """The date of working day `index` (0 = first working day on or after the start)."""
        if index < 0:
            raise ValueError(f"working-day index must be 0 or more, got {index}")
        self._extend_to_index(index)
        return self._days[index]

    def week(self, index: int) -> date:
        """The Monday of the week of working day `index`."""
        if index < 0:
            raise ValueError(f"working-day index must be 0 or more, got {index}")
        self._extend_to_index(index)
        return self._weeks[index]

    def index_on_or_after(self, day: date) -> int:
        """Index of the first working day on or after `day` (0 for any day up to the start)."""
        if day <= self.start:
            return 0
        self._extend_to_date(day)
        return bisect_left(self._days, day)

    def index_after(self, day: date) -> int:
        """Index of the first working day strictly after `day`."""
        if day < self.start:
            return 0
        self._extend_to_date(day + _ONE_DAY)
        return bisect_right(self._days, day)

    def working_days(self, weeks: float) -> int:
        """Working days in `weeks` weeks of work, rounded up to a whole day (never negative)."""
        if weeks < 0:
            raise ValueError(f"weeks must be 0 or more, got {weeks}")
        return math.ceil(round(weeks * self.days_per_week, 9))

    def span_end(self, start_index: int, length: int) -> date:
        """The last working day of a span of `length` working days starting at `start_index`."""
        if length <= 0:
            raise ValueError("an empty span has no last day")
        return self.day(start_index + length - 1)


def week_start(day: date) -> date:
    """The Monday of `day`'s ISO week: the key of a weekly capacity bucket."""
    return day - timedelta(days=day.weekday())
