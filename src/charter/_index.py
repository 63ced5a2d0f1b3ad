"""A compact index of the embedded record, for answering chair and members without the model.

Importing pydantic alone costs more than the whole budget of ``charter chair``;
this module needs only the standard library. The index is generated from the
replayed record (``build_index``, called by ``make index``) and shipped as
``data/csto-index.json``; a test keeps the two in step, and a property test
checks that both give the same answers on any day.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["INDEX_NAME", "chair_on", "load_index", "members_on"]

INDEX_NAME = "csto-index.json"
_SEAT_ROLES = ("head_of_state", "head_of_government")


def _at(series: list[list[Any]], day: str) -> list[Any] | None:
    """The entry in force on ``day`` in a list of ``[start, ...]`` sorted by start."""
    index = bisect_right([entry[0] for entry in series], day) - 1
    return series[index] if index >= 0 else None


@cache
def load_index() -> dict[str, Any]:
    """The shipped index of the record."""
    text = (resources.files("charter") / "data" / INDEX_NAME).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def chair_on(day: date, index: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``charter chair`` answer for ``day``: state, seat-holder and since when."""
    data = index if index is not None else load_index()
    when = day.isoformat()
    entry = _at(data["presidency"], when)
    state = entry[1] if entry is not None else None
    person = None
    if state is not None:
        role_entry = _at(data["seat_roles"].get(state, []), when)
        role = role_entry[1] if role_entry is not None else "head_of_state"
        holder = _at(data["offices"].get(f"{state}:{role}", []), when)
        person = holder[1] if holder is not None else None
    return {"date": when, "state": state, "person": person, "since": entry[0] if entry else None}


def members_on(day: date, index: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``charter members`` answer for ``day``: members in law, suspended and frozen."""
    data = index if index is not None else load_index()
    when = day.isoformat()
    statuses = {}
    for state, series in data["status"].items():
        entry = _at(series, when)
        statuses[state] = entry[1] if entry is not None else None
    return {
        "date": when,
        "members": [s for s, status in statuses.items() if status in ("member", "frozen")],
        "suspended": [s for s, status in statuses.items() if status == "suspended"],
        "frozen": [s for s, status in statuses.items() if status == "frozen"],
    }
