"""A document read with positions: the data, where each key and value stands, and the limits.

Paths inside a document (``events[3].session.date``) are written here, the one way every
message names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from charter.engine.errors import Problem, shown
from charter.files._env import LIMITS, limit

__all__ = ["DocPath", "Limits", "Located", "Location", "PathPart", "format_path", "shown_path"]


PathPart = str | int
DocPath = tuple[PathPart, ...]


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what one input file may cost to read.

    Each can be set by an environment variable (in brackets) or passed in:
    file size in bytes [``CHARTER_MAX_BYTES``], nesting depth
    [``CHARTER_MAX_DEPTH``], values built in all [``CHARTER_MAX_NODES``],
    values built again by expanding aliases [``CHARTER_MAX_ALIAS_NODES``] and
    events in one scenario [``CHARTER_MAX_EVENTS``]. The alias bound stops a few
    lines of anchors from expanding into billions of values. docs/robustness.md
    lists them with their defaults.
    """

    max_bytes: int = field(default_factory=lambda: limit("CHARTER_MAX_BYTES"))
    max_depth: int = field(default_factory=lambda: limit("CHARTER_MAX_DEPTH"))
    max_nodes: int = field(default_factory=lambda: limit("CHARTER_MAX_NODES"))
    max_alias_nodes: int = field(default_factory=lambda: limit("CHARTER_MAX_ALIAS_NODES"))
    max_events: int = field(default_factory=lambda: limit("CHARTER_MAX_EVENTS"))

    def __post_init__(self) -> None:
        for name, variable in _FIELDS.items():
            value = getattr(self, name)
            spec = LIMITS[variable]
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"Limits({name}=...) must be an int, not {type(value).__name__}")
            if not spec.low <= value <= spec.high:
                raise ValueError(
                    f"Limits({name}={value}) is out of range (expected {spec.low} to {spec.high})"
                )


_FIELDS = {
    "max_bytes": "CHARTER_MAX_BYTES",
    "max_depth": "CHARTER_MAX_DEPTH",
    "max_nodes": "CHARTER_MAX_NODES",
    "max_alias_nodes": "CHARTER_MAX_ALIAS_NODES",
    "max_events": "CHARTER_MAX_EVENTS",
}


@dataclass(frozen=True, slots=True)
class Location:
    """A position in a file, counted from 1."""

    line: int
    column: int


@dataclass(slots=True)
class Located:
    """Plain data read from a file, with the position of every value and key in it."""

    path: str
    data: Any
    values: dict[DocPath, Location]
    keys: dict[DocPath, Location]

    def value_at(self, where: DocPath) -> Location:
        """The position of the value at ``where``, or of its nearest enclosing value."""
        return _nearest(self.values, where)

    def key_at(self, where: DocPath) -> Location:
        """The position of the key that leads to ``where`` (or of the value, if none)."""
        if where in self.keys:
            return self.keys[where]
        return _nearest(self.values, where)

    def problem(self, where: DocPath, message: str, *, at_key: bool = False) -> Problem:
        """A problem located at ``where`` in this file."""
        spot = self.key_at(where) if at_key else self.value_at(where)
        return Problem(self.path, spot.line, spot.column, shown_path(where), message)


def _nearest(table: dict[DocPath, Location], where: DocPath) -> Location:
    for cut in range(len(where), -1, -1):
        spot = table.get(where[:cut])
        if spot is not None:
            return spot
    return Location(1, 1)


_SHOWN_LEVELS = 12
_PLAIN_WORD = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,59}")


def format_path(where: DocPath) -> str:
    """Write a document path the way a user reads it.

    >>> format_path(("events", 3, "session", "date"))
    'events[3].session.date'
    >>> format_path(())
    ''
    """
    out = ""
    for part in where:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def shown_path(where: DocPath) -> str:
    """A document path as an error message shows it: one short line, whatever the keys.

    A key that is not a plain word is quoted, and a path hundreds of levels deep
    keeps its two ends.

    >>> shown_path(("events", 0, "a key"))
    "events[0]['a key']"
    >>> shown_path(("a",) * 20)
    'a.a.a.a.a.a ... a.a.a.a.a.a'
    """
    if len(where) > _SHOWN_LEVELS:  # its ends say enough
        half = _SHOWN_LEVELS // 2
        return f"{shown_path(where[:half])} ... {shown_path(where[-half:])}"
    out = ""
    for part in where:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_WORD.fullmatch(part):
            out += f".{part}" if out else part
        else:
            out += f"[{shown(part)}]"
    return out
