"""Check a proposed session against a history, and say what would be valid."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import cache

from charter.engine import History, ScenarioReport, baseline_timeline, fold, run
from charter.model import Capacity, Event, Role, SessionKind
from charter.record import record_scenario
from charter.rules.art13 import expected_chair
from charter.rules.membership import IN_GOOD_STANDING
from charter.rules.practice import next_in_rotation
from charter.scenario import Proposal, Scenario
from charter.timeline import Timeline

__all__ = ["allowed_capacities", "build_index", "check_session", "default_history", "suggestions"]


@cache
def default_history() -> History:
    """The embedded CSTO record, replayed: ask it ``chair_on``, ``members_on``, ``status_on``."""
    record = record_scenario()
    return History(fold(record.events, origin=record.origin))


def suggestions(event: Event, timeline: Timeline) -> dict[str, object]:
    """What would be valid for a session on the event's date, given the timeline before it."""
    day = event.date
    out: dict[str, object] = {}
    presidency = timeline.presidency_on(day)
    out["presiding_state"] = presidency.state if presidency is not None else None
    chair = expected_chair(event, timeline)
    if chair is not None:
        out["chair"] = {"state": chair.state, "person": chair.person, "why": chair.why}
    if event.session is not None and event.session.kind == SessionKind.REGULAR and presidency:
        out["host"] = presidency.state
    seats: dict[str, object] = {}
    for state in timeline.states():
        status = timeline.status_on(state, day)
        if status not in IN_GOOD_STANDING:
            continue
        holder = timeline.seat_holder_on(state, day)
        seats[state] = {
            "role": timeline.seat_role_on(state, day),
            "person": holder.person if holder is not None else None,
            "status": status if status is not None else None,
        }
    out["seats"] = seats
    if event.session is not None and event.session.participants:
        out["capacities"] = {
            person.person: allowed_capacities(person.person, person.state, timeline, day)
            for person in event.session.participants
            if person.person is not None
        }
    if presidency is not None and presidency.state is not None:
        out["next_presiding_state"] = next_in_rotation(presidency.state, timeline, day)
    spell = timeline.secretary_general_on(day)
    out["secretary_general"] = spell.person if spell is not None else None
    return out


def allowed_capacities(person: str, state: str | None, timeline: Timeline, day: date) -> list[str]:
    """The capacities in which ``person`` may take part on ``day``, as the record knows them.

    A person holding an office of a member in good standing may take part in that
    capacity; the Secretary General in office as Secretary General; anyone as invited.
    """
    allowed: list[str] = []
    if state is not None and timeline.status_on(state, day) in IN_GOOD_STANDING:
        for role in Role:
            if role == Role.SECRETARY_GENERAL:
                continue
            holder = timeline.holder_on(state, role, day)
            if holder is not None and holder.person == person:
                allowed.append(role)
    spell = timeline.secretary_general_on(day)
    if spell is not None and spell.person == person:
        allowed.append(Capacity.SECRETARY_GENERAL.value)
    allowed.append(Capacity.INVITED.value)
    return allowed


def check_session(
    proposal: Proposal | Event, history: Scenario | None = None, *, strict: bool = False
) -> ScenarioReport:
    """Check one proposed session against a history (default: the embedded record).

    The report lists every violation the session would commit and, under
    ``suggestions``, what would be valid on its date: chair, host, seats, the next
    presiding state in rotation, the Secretary General. Its ``ok`` answers "does the
    proposal keep the Charter?": false exactly when a violation has severity error
    (an unknown fact counts as one under ``strict``). Expectations written in the
    proposal are judged too (``expectations_met``) but never change ``ok``.
    """
    if isinstance(proposal, Event):
        if proposal.session is None:
            raise ValueError("check_session needs an event that holds a session")
        proposal = Proposal(id=proposal.id, date=proposal.date, session=proposal.session)
    if history is not None:
        timeline = fold(history.events, baseline_timeline(history.baseline), history.origin)
    else:
        timeline = baseline_timeline(proposal.history_baseline)
    event = proposal.as_event()
    advice = suggestions(event, timeline)
    report = run(
        [event],
        timeline,
        proposal.expect,
        origin=proposal.origin,
        title=proposal.title,
        strict=strict,
    )
    return replace(report, suggestions=advice, checked=True)


def build_index() -> dict[str, object]:
    """The compact index of the replayed record that ``charter._index`` answers from."""
    timeline = default_history().timeline
    offices: dict[str, list[list[str | None]]] = {}
    for (state, role), series in sorted(timeline.offices.items()):
        if role in (Role.HEAD_OF_STATE, Role.HEAD_OF_GOVERNMENT):
            offices[f"{state}:{role}"] = [
                [day.isoformat(), holder.person] for day, holder in series.changes()
            ]
    return {
        "note": "Generated from the embedded record by `make index`; do not edit by hand.",
        "presidency": [
            [day.isoformat(), value.state] for day, value in timeline.presidency.changes()
        ],
        "seat_roles": {
            state: [[day.isoformat(), role] for day, role in series.changes()]
            for state, series in sorted(timeline.seat_roles.items())
        },
        "offices": offices,
        "status": {
            state: [[day.isoformat(), status] for day, status in timeline.status[state].changes()]
            for state in timeline.states()
        },
    }
