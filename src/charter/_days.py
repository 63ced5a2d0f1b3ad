"""Calendar days read strictly, with the standard library only (quick commands import this)."""

from __future__ import annotations

import re
from datetime import date

__all__ = ["add_years", "parse_date"]

_ISO_DAY = re.compile(r"\A([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")


def parse_date(text: str) -> date:
    """Read a calendar day written ``YYYY-MM-DD``; raise ``ValueError`` otherwise.

    >>> parse_date("2021-01-19")
    datetime.date(2021, 1, 19)
    >>> parse_date("2024-13-01")
    Traceback (most recent call last):
    ...
    ValueError: '2024-13-01' is not a date (expected YYYY-MM-DD): month must be in 1..12
    >>> parse_date("2024-02-30")
    Traceback (most recent call last):
    ...
    ValueError: '2024-02-30' is not a date (expected YYYY-MM-DD): day is out of range for month
    """
    match = _ISO_DAY.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a date (expected YYYY-MM-DD)")
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date (expected YYYY-MM-DD): {exc}") from None


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February falls back to 28 February.

    >>> add_years(date(2020, 1, 1), 3)
    datetime.date(2023, 1, 1)
    >>> add_years(date(2024, 2, 29), 1)
    datetime.date(2025, 2, 28)
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
