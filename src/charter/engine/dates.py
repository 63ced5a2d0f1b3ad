"""Calendar days and half-open intervals: the one place where time is defined.

Every interval in charter is half-open, ``[start, end)``: it contains its first
day and not its end day. ``end = None`` means the interval is still open. A
term that runs "until the next regular session" therefore ends on the day of
that session, and the next term starts on the same day without overlap.

>>> term = Interval(start=date(2020, 12, 2), end=date(2021, 9, 16))
>>> term.contains(date(2020, 12, 2)), term.contains(date(2021, 9, 16))
(True, False)
>>> Interval(start=date(2023, 1, 1)).contains(date(2100, 1, 1))
True
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator

from charter.engine._days import FIRST_DAY, LAST_DAY, add_years, parse_date, strict_day

__all__ = ["FIRST_DAY", "LAST_DAY", "Day", "Interval", "add_years", "parse_date"]


Day = Annotated[date, BeforeValidator(strict_day)]
"""A calendar day in a model field: a ``date``, or a ``YYYY-MM-DD`` string, in the supported span."""


class Interval(BaseModel):
    """A half-open span of days ``[start, end)``; ``end=None`` is open-ended.

    >>> a = Interval(start=date(2020, 1, 1), end=date(2021, 1, 1))
    >>> b = Interval(start=date(2021, 1, 1))
    >>> a.overlaps(b)
    False
    >>> a.overlaps(Interval(start=date(2020, 12, 31), end=date(2021, 1, 2)))
    True
    >>> str(a), str(b)
    ('[2020-01-01, 2021-01-01)', '[2021-01-01, open)')
    >>> Interval(start=date(2021, 1, 1), end=date(2020, 1, 1))
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Interval
      Value error, an interval cannot end (2020-01-01) before it starts (2021-01-01) ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: Day
    end: Day | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> Interval:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"an interval cannot end ({self.end}) before it starts ({self.start})")
        return self

    def contains(self, day: date) -> bool:
        """True when ``day`` is in ``[start, end)``."""
        return self.start <= day and (self.end is None or day < self.end)

    def overlaps(self, other: Interval) -> bool:
        """True when the two intervals share at least one day."""
        starts_before_other_ends = other.end is None or self.start < other.end
        other_starts_before_self_ends = self.end is None or other.start < self.end
        return starts_before_other_ends and other_starts_before_self_ends

    def days(self) -> int | None:
        """Number of days in the interval, or ``None`` when it is open.

        >>> Interval(start=date(2020, 1, 1), end=date(2020, 1, 31)).days()
        30
        """
        return None if self.end is None else (self.end - self.start).days

    def __str__(self) -> str:
        return f"[{self.start}, {'open' if self.end is None else self.end})"


ONE_DAY = timedelta(days=1)
