"""Check a proposed session against a history, and say what would be valid."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from charter.engine._days import FIRST_DAY
from charter.engine._terms import term_on
from charter.engine.answers import chair_json, members_json, sg_answer
from charter.engine.errors import ScenarioError
from charter.engine.model import Capacity, Event, Role, SessionKind
from charter.engine.packs import DEFAULT_RULEBOOK, get_rulebook
from charter.engine.record import record_scenario
from charter.engine.replaying import baseline_timeline, fold, run
from charter.engine.results import History, ScenarioReport
from charter.engine.simulate import next_in_rotation
from charter.engine.timeline import Timeline
from charter.files.scenario import Proposal, Scenario

__all__ = [
    "INDEX_YEARS",
    "allowed_capacities",
    "build_index",
    "check_session",
    "default_history",
    "suggestions",
]


@cache
def default_history(rulebook: str = DEFAULT_RULEBOOK) -> History:
    """A rulebook's embedded record, replayed: ask it ``chair_on``, ``members_on``, ``status_on``."""
    record = record_scenario(rulebook)
    return History(fold(record.events, Timeline(rulebook=rulebook), origin=record.origin))


def suggestions(event: Event, timeline: Timeline) -> dict[str, object]:
    """What would be valid for a session on the event's date, given the timeline before it."""
    day = event.date
    out: dict[str, object] = {}
    presidency = timeline.presidency_on(day)
    out["presiding_state"] = presidency.state if presidency is not None else None
    term = term_on(timeline, day, proposed=event)
    out["presidency"] = {"answer": term.answer, "note": term.reason}
    pack = get_rulebook(timeline.rulebook)
    chair = pack.expected_chair(event, timeline) if pack.expected_chair is not None else None
    if chair is not None:
        out["chair"] = {"state": chair.state, "person": chair.person, "why": chair.why}
    if event.session is not None and event.session.kind == SessionKind.REGULAR and presidency:
        out["host"] = presidency.state
    seats: dict[str, object] = {}
    for state in timeline.states():
        status = timeline.status_on(state, day)
        if status not in pack.in_good_standing:
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
        unconfirmed = _unconfirmed(event, timeline)
        if unconfirmed:
            out["unconfirmed"] = unconfirmed
    if presidency is not None and presidency.state is not None:
        out["next_presiding_state"] = next_in_rotation(presidency.state, timeline, day)
    spell = timeline.secretary_general_on(day)
    out["secretary_general"] = spell.person if spell is not None else None
    out["secretary_general_answer"] = sg_answer(timeline, day).answer
    return out


def _unconfirmed(event: Event, timeline: Timeline) -> dict[str, list[str]]:
    """For each participant, the offices they claim whose holders the record does not hold."""
    out: dict[str, list[str]] = {}
    assert event.session is not None
    for person in event.session.participants or ():
        if person.person is None or person.state is None:
            continue
        if person.capacity not in set(Role):
            continue
        role = person.capacity
        if (
            role != Role.SECRETARY_GENERAL
            and timeline.holder_on(person.state, role, event.date) is None
        ):
            out.setdefault(person.person, []).append(f"{role} of {person.state}")
    return out


def allowed_capacities(person: str, state: str | None, timeline: Timeline, day: date) -> list[str]:
    """The capacities in which ``person`` may take part on ``day``, as the record knows them.

    A person holding an office of a member in good standing may take part in that
    capacity; the Secretary General in office as Secretary General; anyone as invited.
    """
    allowed: list[str] = []
    standing = get_rulebook(timeline.rulebook).in_good_standing
    if state is not None and timeline.status_on(state, day) in standing:
        for role in Role:
            if role == Role.SECRETARY_GENERAL:
                continue
            holder = timeline.holder_on(state, role, day)
            if holder is not None and holder.person == person:
                allowed.append(role.value)
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
    ``TypeError`` names an
    argument of the wrong type (load a file with ``load_proposal`` first).
    """
    if not isinstance(proposal, Proposal | Event):
        raise TypeError(
            f"proposal: expected a charter Proposal or an Event holding a session, found {type(proposal).__name__}"
        )
    if history is not None and not isinstance(history, Scenario):
        raise TypeError(
            f"history: expected a charter Scenario or None, found {type(history).__name__}"
        )
    if not isinstance(strict, bool):
        raise TypeError(f"strict: expected True or False, found {type(strict).__name__}")
    if isinstance(proposal, Event):
        if proposal.session is None:
            raise ValueError("check_session needs an event that holds a session")
        proposal = Proposal(id=proposal.id, date=proposal.date, session=proposal.session)
    if history is not None:
        if history.rulebook != proposal.rulebook:
            raise ScenarioError.single(
                proposal.origin.path if proposal.origin else "the proposal",
                f"belongs to rulebook {proposal.rulebook!r}, but the history "
                f"{history.origin.path if history.origin else ''} belongs to {history.rulebook!r}",
            )
        start = baseline_timeline(history.baseline, rulebook=history.rulebook)
        timeline = fold(history.events, start, history.origin)
    else:
        timeline = baseline_timeline(proposal.history_baseline, rulebook=proposal.rulebook)
    event = proposal.as_event()
    advice = suggestions(event, timeline)
    report = run(
        [event],
        timeline,
        proposal.expect,
        origin=proposal.origin,
        title=proposal.title,
        strict=strict,
        rulebook=proposal.rulebook,
    )
    return replace(report, suggestions=advice, checked=True)


def _chair_breaks(timeline: Timeline) -> list[date]:
    """Every day from which the chair answer may differ from the day before."""
    days: set[date] = {FIRST_DAY}
    days.update(day for day, _ in timeline.presidency.changes())
    days.update(day for series in timeline.offices.values() for day, _ in series.changes())
    days.update(day for series in timeline.seat_roles.values() for day, _ in series.changes())
    for day, _ in [*timeline.session_days, *timeline.scheduled]:
        days.update((day, day + timedelta(days=1)))
    for event in timeline.contested:
        if event.contested is not None:
            start = event.contested.start or event.date
            days.update((start, event.contested.end or start + timedelta(days=1)))
    if timeline.held_until is not None:
        days.add(timeline.held_until + timedelta(days=1))
    last = max(days)
    days.update(date(year, 1, 1) for year in range(1992, last.year + INDEX_YEARS + 1))
    return sorted(days)


INDEX_YEARS = 12
"""How many years past its last change the index covers; later days are answered by replay."""


def _segments(breaks: list[date], answer: Callable[[date], dict[str, Any]]) -> list[list[Any]]:
    out: list[list[Any]] = []
    for day in breaks:
        found = answer(day)
        found.pop("date")
        if not out or out[-1][1] != found:
            out.append([day.isoformat(), found])
    return out


def build_index(rulebook: str = DEFAULT_RULEBOOK) -> dict[str, object]:
    """The compact index of ``rulebook``'s replayed record that ``charter.engine._index`` answers from.

    Each answer is stored from each day it may change on, so the quick path looks
    an answer up and never derives one: it cannot disagree with the library.
    """
    history = default_history(rulebook)
    timeline = history.timeline
    breaks = _chair_breaks(timeline)
    status_days = {FIRST_DAY} | {
        day for series in timeline.status.values() for day, _ in series.changes()
    }
    return {
        "note": "Generated from the embedded record by `make index`; do not edit by hand.",
        "names": dict(sorted(get_rulebook(rulebook).state_names.items())),
        "chair_until": date(breaks[-1].year + 1, 1, 1).isoformat(),
        "chair": _segments(breaks, lambda day: chair_json(history.chair_on(day))),
        "members": _segments(
            sorted(status_days), lambda day: members_json(history.members_on(day))
        ),
    }
