"""Small builders for tests: events from plain mappings, and timelines from events."""

from __future__ import annotations

from typing import Any

from charter.engine.model import Event
from charter.engine.replaying import fold
from charter.engine.timeline import Timeline

SIX = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")
HEADS = {
    "ARM": "Serzh Sargsyan",
    "BLR": "Alexander Lukashenko",
    "KAZ": "Nursultan Nazarbayev",
    "KGZ": "Almazbek Atambayev",
    "RUS": "Vladimir Putin",
    "TJK": "Emomali Rahmon",
}


def event(event_id: str, day: str, **kind: Any) -> Event:
    """An event from keyword arguments as they would appear in a file."""
    return Event.model_validate({"id": event_id, "date": day, **kind})


def founding(day: str = "2003-09-18") -> list[Event]:
    """The six members and their heads of state from ``day``."""
    events = [event(f"m-{s}", day, membership={"state": s, "status": "member"}) for s in SIX]
    events += [
        event(f"o-{s}", day, office={"state": s, "role": "head_of_state", "person": HEADS[s]})
        for s in SIX
    ]
    return events


def presiding(state: str, day: str = "2014-01-01") -> Event:
    """A regular session hosted by ``state`` that hands the chairmanship to ``state`` (on ``day``)."""
    return event(
        f"handover-to-{state}",
        day,
        session={
            "kind": "regular",
            "host": state,
            "decisions": [{"kind": "pass_chairmanship", "to": state}],
        },
    )


def world(*events: Event) -> Timeline:
    """A timeline with the events folded in, no rules checked."""
    return fold(events)


def seats(*states: str, capacity: str = "head_of_state") -> list[dict[str, Any]]:
    """Participants holding the seats of ``states`` (their heads of state by default)."""
    return [{"person": HEADS[s], "state": s, "capacity": capacity} for s in states]
