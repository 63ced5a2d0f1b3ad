"""Calendar days read strictly, with the standard library only (quick commands import this).

One parser reads every day charter is given, on the command line and in every
file format: ASCII ``YYYY-MM-DD`` and nothing else (no other digits, no spaces or
line breaks, no numbers taken as Unix time). Every day lies in the supported
span, ``FIRST_DAY`` to ``LAST_DAY``: wide enough for any history, and far enough
from the calendar's ends that a term, a three-year term, the next year or a
projection computed from a day inside it is always a day.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from charter.engine.errors import DateError

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "SPAN",
    "add_years",
    "check_day",
    "day_argument",
    "in_span",
    "parse_date",
    "strict_day",
]

FIRST_DAY = date(1000, 1, 1)
"""The first day charter reads or answers for."""

LAST_DAY = date(8999, 12, 31)
"""The last day charter reads or answers for."""

SPAN = f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"
"""The supported span of days, as messages quote it."""

_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)


def in_span(day: date) -> bool:
    """Whether ``day`` lies in the supported span.

    >>> in_span(date(2021, 1, 19)), in_span(date(9999, 12, 31)), in_span(date(1, 1, 1))
    (True, False, False)
    """
    return FIRST_DAY <= day <= LAST_DAY


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
    >>> parse_date("\\uff12\\uff10\\uff12\\uff11-08-23")  # full-width digits
    Traceback (most recent call last):
    ...
    ValueError: '...-08-23' is not a date (expected YYYY-MM-DD, in ASCII digits)
    >>> parse_date("9999-12-31")
    Traceback (most recent call last):
    ...
    ValueError: '9999-12-31' is outside the supported span of days (1000-01-01 to 8999-12-31)
    """
    if not isinstance(text, str):
        raise TypeError(f"a date is written as text YYYY-MM-DD, not {type(text).__name__}")
    match = _ISO_DAY.fullmatch(text)
    if match is None:
        if text.isascii():
            raise ValueError(f"{_quoted(text)} is not a date (expected YYYY-MM-DD)")
        raise ValueError(f"{_quoted(text)} is not a date (expected YYYY-MM-DD, in ASCII digits)")
    year, month, day = (int(part) for part in match.groups())
    try:
        parsed = date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{_quoted(text)} is not a date (expected YYYY-MM-DD): {exc}") from None
    return check_day(parsed, text)


def check_day(day: date, written: str | None = None) -> date:
    """``day`` itself if it lies in the supported span; ``ValueError`` otherwise.

    >>> check_day(date(2021, 1, 19))
    datetime.date(2021, 1, 19)
    """
    if not in_span(day):
        shown = _quoted(written) if written is not None else repr(day.isoformat())
        raise ValueError(f"{shown} is outside the supported span of days ({SPAN})")
    return day


def strict_day(value: object) -> date:
    """A day as a model field accepts it: a ``date`` or its ``YYYY-MM-DD`` text, in the span.

    A number is not a day (``0`` or ``1606867200`` would otherwise be read as Unix
    time), nor is a ``datetime`` (a moment, not a day).

    >>> strict_day("2021-01-19"), strict_day(date(2021, 1, 19))
    (datetime.date(2021, 1, 19), datetime.date(2021, 1, 19))
    >>> strict_day(1606867200)
    Traceback (most recent call last):
    ...
    ValueError: 1606867200 is not a date (expected text written YYYY-MM-DD, found a number)
    """
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, datetime):
        raise ValueError(f"{value!r} is a moment, not a day (expected a date, YYYY-MM-DD)")
    if isinstance(value, date):
        return check_day(value)
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a date (expected text written YYYY-MM-DD)")
    if isinstance(value, int | float):
        raise ValueError(
            f"{value!r} is not a date (expected text written YYYY-MM-DD, found a number)"
        )
    found = "nothing (null)" if value is None else f"a {type(value).__name__}"
    raise ValueError(f"expected a date written YYYY-MM-DD, found {found}")


def day_argument(value: object, parameter: str) -> date:
    """A day passed to a library function, checked at the boundary.

    A ``date`` or ``YYYY-MM-DD`` text in the span is the day; a ``datetime`` or any
    other type is a ``TypeError``, and text that is not a day in the span a
    ``DateError``; both name the parameter.

    >>> day_argument("2021-01-19", "day")
    datetime.date(2021, 1, 19)
    >>> day_argument(datetime(2021, 1, 19), "day")
    Traceback (most recent call last):
    ...
    TypeError: day: expected a date or 'YYYY-MM-DD' text, found a datetime (pass its .date())
    """
    if isinstance(value, datetime):
        raise TypeError(
            f"{parameter}: expected a date or 'YYYY-MM-DD' text, found a datetime (pass its .date())"
        )
    if not isinstance(value, date | str):
        raise TypeError(
            f"{parameter}: expected a date or 'YYYY-MM-DD' text, found {type(value).__name__}"
        )
    try:
        return parse_date(value) if isinstance(value, str) else check_day(value)
    except ValueError as exc:
        raise DateError(f"{parameter}: {exc}") from None


def _quoted(text: str) -> str:
    return repr(text) if len(text) <= 60 else f"{text[:58]!r}... ({len(text)} characters)"


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February falls back to 28 February.

    From any day of the supported span, a few hundred years either way is a day.

    >>> add_years(date(2020, 1, 1), 3)
    datetime.date(2023, 1, 1)
    >>> add_years(date(2024, 2, 29), 1)
    datetime.date(2025, 2, 28)
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
