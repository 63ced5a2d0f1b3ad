"""The values a timeline keeps: series of changes over time, and who holds what from when.

A *series* is the days on which a fact changed, kept sorted, with the value from
each day on; "as of" questions are answered by binary search. The other values
are what the series hold: an office's holder, a presidency, a Secretary General's
spell, a body of the Council.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

__all__ = ["Body", "Holder", "Presidency", "SecretaryGeneral", "Series"]

T = TypeVar("T")


class Series(Generic[T]):
    """Values that hold from given days on; ``at(day)`` is the latest value on or before ``day``.

    >>> s: Series[str] = Series()
    >>> s.set(date(2020, 1, 1), "a"); s.set(date(2021, 1, 1), "b")
    >>> s.at(date(2019, 12, 31)), s.at(date(2020, 6, 1)), s.at(date(2021, 1, 1))
    (None, 'a', 'b')
    >>> s.since(date(2020, 6, 1))
    datetime.date(2020, 1, 1)
    """

    __slots__ = ("_days", "_values")

    def __init__(self) -> None:
        self._days: list[date] = []
        self._values: list[T] = []

    def set(self, day: date, value: T) -> None:
        """File ``value`` from ``day`` on; on a day already filed, the later call wins."""
        if not self._days or day >= self._days[-1]:
            self._days.append(day)
            self._values.append(value)
            return
        index = bisect_right(self._days, day)
        self._days.insert(index, day)
        self._values.insert(index, value)

    def drop_after(self, day: date) -> None:
        """Forget every value filed for a day after ``day`` (changes decided but not yet in force)."""
        cut = bisect_right(self._days, day)
        del self._days[cut:]
        del self._values[cut:]

    def _index(self, day: date) -> int:
        return bisect_right(self._days, day) - 1

    def at(self, day: date) -> T | None:
        """The value in force on ``day``, or ``None`` before the first change."""
        if self._days and day >= self._days[-1]:
            return self._values[-1]  # replay asks about the newest day: no search needed
        index = self._index(day)
        return self._values[index] if index >= 0 else None

    def since(self, day: date) -> date | None:
        """The day from which the value in force on ``day`` has held."""
        if self._days and day >= self._days[-1]:
            return self._days[-1]
        index = self._index(day)
        return self._days[index] if index >= 0 else None

    def changes(self) -> Iterator[tuple[date, T]]:
        """Every change, in day order."""
        return zip(self._days, self._values, strict=True)

    def __len__(self) -> int:
        return len(self._days)


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds an office from some day: ``person`` is ``None`` when it is vacant."""

    person: str | None
    acting: bool
    event: str
    known: bool = True
    """False when someone held the office whom the record does not name (``person`` is then ``None``)."""


@dataclass(frozen=True, slots=True)
class Presidency:
    """The state that presides (``None``: not recorded), and the event that made it so.

    ``until`` is the first day after the term the Council decided, when it fixed one.
    ``decided`` is false for the entry filed on that day when nothing later is
    recorded: from then on no term is decided (``state`` is then ``None``).
    """

    state: str | None
    event: str
    decided_on: date
    until: date | None = None
    decided: bool = True


@dataclass(frozen=True, slots=True)
class SecretaryGeneral:
    """A Secretary General's spell in office: appointed (with a term) or acting.

    An entry with ``ended`` set marks the end of a term (``person`` is then the one
    whose term ended): the record names no successor from that day.
    """

    person: str | None
    state: str | None
    acting: bool
    start: date
    until: date | None
    event: str
    ended: bool = False


@dataclass(frozen=True, slots=True)
class Body:
    """A working or subsidiary body set up by the Council."""

    name: str
    start: date
    until: date | None
    permanent: bool
    event: str
