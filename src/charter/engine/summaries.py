"""The sessions a lean timeline keeps: what the day's answers need, a few words each.

A streamed replay must not grow with the events it has read. It still answers, on a
session's day, who chaired that session and what it handed over, so it keeps for
each session only its day, kind, format, place, chair (with the seat the chair held,
when the record names the chair's person only) and handovers, as a tuple of plain values; the session is rebuilt (without validation: the values were validated
when read) the moment a question asks for it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from charter.engine.model import (
    SEAT_CAPACITIES,
    Chair,
    Event,
    Participant,
    PassChairmanship,
    Session,
    SessionFormat,
)

__all__ = ["SessionSummaries"]

_Summary = tuple[
    date,
    str,
    "str | None",
    SessionFormat,
    "str | None",
    "str | None",
    "str | None",
    "str | None",
    "str | None",
    bool,
    "tuple[_Plain, ...]",
    "_Plain | None",
]


def _word(text: str | None) -> str | None:
    """A short word of the vocabulary, a state code or a name, shared rather than copied."""
    return sys.intern(text) if text is not None and len(text) <= 40 else text


_M = TypeVar("_M", Participant, PassChairmanship)

_Plain = tuple[object, ...]
"""A model kept as plain values: the names of the fields its file set, then each field's value."""

_FIELDS_SET: dict[frozenset[str], frozenset[str]] = {}
"""The sets of field names seen, each kept once: most models set the same few fields."""


def _plain(model: Participant | PassChairmanship) -> _Plain:
    """A participant or a handover kept as a tuple, a fraction of a pydantic model's size."""
    names = frozenset(model.model_fields_set)
    names = _FIELDS_SET.setdefault(names, names)
    intern = sys.intern
    return (
        names,
        *[intern(v) if v.__class__ is str and len(v) <= 40 else v for v in model.__dict__.values()],
    )


def _rebuilt(model: type[_M], kept: _Plain) -> _M:
    """The model again, without validation (its values were validated when read)."""
    names, *values = kept
    # A set of its own, as pydantic keeps it (``exclude_unset`` and ``model_copy`` need one).
    fields = set(cast("frozenset[str]", names))
    return _made(model, fields, dict(zip(model.model_fields, values, strict=True)))


_Any = TypeVar("_Any", bound=BaseModel)

_DEFAULTS: dict[type[BaseModel], dict[str, Any]] = {}


def _defaults(model: type[BaseModel]) -> dict[str, Any]:
    """Each field of ``model`` at its default (``None``, ``()``...: values shared, never changed)."""
    found = _DEFAULTS.get(model)
    if found is None:
        found = _DEFAULTS[model] = {
            name: field.get_default(call_default_factory=True)
            for name, field in model.model_fields.items()
        }
    return found


def _made(model: type[_Any], fields_set: set[str], values: dict[str, Any]) -> _Any:
    """``model.model_construct(fields_set, **values)`` for values that name every field, in order.

    What pydantic's own does for such values, without its work per field (aliases,
    defaults), which made rebuilding a session cost more than answering its day.
    """
    made = model.__new__(model)
    object.__setattr__(made, "__dict__", values)
    object.__setattr__(made, "__pydantic_fields_set__", fields_set)
    object.__setattr__(made, "__pydantic_extra__", None)
    object.__setattr__(made, "__pydantic_private__", None)
    return made


_CHAIR = ("person", "state")
_SESSION = tuple(Session.model_fields)
_EVENT = ("id", "date", "session")
"""The fields a rebuilt chair, session and event hold as set (all others at their defaults)."""


class SessionSummaries(Mapping[str, Event]):
    """Sessions by id, each kept as a tuple of plain values and rebuilt when asked for."""

    __slots__ = ("_kept",)

    def __init__(self) -> None:
        self._kept: dict[str, _Summary] = {}

    def keep(self, event: Event) -> None:
        """Keep what the answers of the session's day need (its participants are not kept)."""
        session = event.session
        assert session is not None
        chair = session.chair
        decisions = session.decisions
        handovers = (
            tuple(_plain(d) for d in decisions if isinstance(d, PassChairmanship))
            if decisions
            else ()
        )
        seat = None
        if chair is not None and chair.person is not None and chair.state is None:
            for person in session.participants or ():
                if person.person == chair.person and person.capacity in SEAT_CAPACITIES:
                    seat = person
                    break
        self._kept[event.id] = (
            event.date,
            _word(session.kind) or "",
            _word(session.body),
            session.format,
            _word(session.host),
            _word(session.organiser),
            session.city,
            chair.person if chair is not None else None,
            _word(chair.state) if chair is not None else None,
            chair is not None,
            handovers,
            _plain(seat) if seat is not None else None,
        )

    def __getitem__(self, event_id: str) -> Event:
        day, kind, body, fmt, host, organiser, city, person, state, chaired, handovers, seat = (
            self._kept[event_id]
        )
        chair = _made(Chair, set(_CHAIR), {"person": person, "state": state}) if chaired else None
        session = _made(
            Session,
            set(_SESSION),
            {
                "kind": kind,
                "body": body,
                "format": fmt,
                "host": host,
                "organiser": organiser,
                "city": city,
                "chair": chair,
                "participants": None if seat is None else (_rebuilt(Participant, seat),),
                "decisions": tuple(_rebuilt(PassChairmanship, kept) for kept in handovers),
            },
        )
        values = {**_defaults(Event), "id": event_id, "date": day, "session": session}
        return _made(Event, set(_EVENT), values)

    def __iter__(self) -> Iterator[str]:
        return iter(self._kept)

    def __len__(self) -> int:
        return len(self._kept)

    def __contains__(self, event_id: object) -> bool:
        return event_id in self._kept
