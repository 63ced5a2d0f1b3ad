"""The record's timeline around one day: the same picture, cut to a few years either side."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from charter.engine._days import add_years
from charter.output.picture import Bar, Picture

__all__ = ["AFTER", "BEFORE", "around"]

BEFORE, AFTER = 3, 2
"""Years shown before and after the day."""


def _cut(bars: tuple[Bar, ...], start: date, end: date) -> tuple[Bar, ...]:
    return tuple(
        Bar(max(bar.start, start), min(bar.end, end), bar.label)
        for bar in bars
        if bar.start < end and bar.end > start
    )


def around(picture: Picture, day: date) -> Picture:
    """``picture`` cut to ``[day - BEFORE years, day + AFTER years)``, within what it shows.

    A day outside the picture is taken as its nearest end.
    """
    day = min(max(day, picture.start), picture.end)
    end = min(add_years(day, AFTER), picture.end)
    start = max(add_years(day, -BEFORE), picture.start)
    return replace(
        picture,
        title=f"{picture.title}: {start} to {end}",
        start=start,
        end=end,
        status={row: _cut(bars, start, end) for row, bars in picture.status.items()},
        chair={row: _cut(bars, start, end) for row, bars in picture.chair.items()},
        sessions=tuple(mark for mark in picture.sessions if start <= mark.day < end),
        secretaries=_cut(picture.secretaries, start, end),
    )
