"""Answers to "as of a day" questions, told the same way by the library, the commands and JSON.

Each answer says how it stands (see ``charter.engine._terms.Answer``): ``known`` (a value
the record holds), ``vacant`` (known to be nobody), ``not_known`` (the record does not
hold it), ``not_decided`` (past the last term the record decided; a projection may be
offered, labelled as such, never as the answer). The chair answer is "who chaired on
that day": on the day of a session, the session's chair, the presidency passing at
its close.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from charter.engine._installed import display
from charter.engine._terms import Answer, handover_at, term_on
from charter.engine.model import SEAT_CAPACITIES, Event, Frozen, SessionKind
from charter.engine.simulate import project
from charter.engine.timeline import Holder, Timeline

__all__ = [
    "ChairOn",
    "Handover",
    "MembersOn",
    "ProjectedChair",
    "ProjectedHolder",
    "Reading",
    "SecretaryGeneralOn",
    "StatusOn",
    "chair_answer",
    "chair_json",
    "contested_on",
    "members_json",
    "sg_answer",
    "sg_json",
    "sg_text",
    "status_answer",
    "status_json",
    "status_text",
]


class MembersOn(Frozen):
    """The members on a day (members in law), and those suspended or frozen."""

    date: dt.date
    members: tuple[str, ...]
    suspended: tuple[str, ...]
    frozen: tuple[str, ...]
    answer: Answer = "known"
    """``not_known`` before the first day the record holds any membership."""
    record_ends: dt.date | None = None
    """The record's last day: past it, statuses are as last recorded."""


class Reading(Frozen):
    """A contested point that bears on an answer: the reading kept, the other one and its sources."""

    event: str
    about: str
    kept: str
    other: str
    source: tuple[str, ...]


def contested_on(timeline: Timeline, day: dt.date, concerns: str | None = None) -> list[Reading]:
    """The contested points whose days include ``day``.

    ``concerns``: only those about that state's membership, or about ``"presidency"``;
    ``None``: all of them.
    """
    found = []
    for event in timeline.contested:
        point = event.contested
        if point is None:
            continue
        start = point.start or event.date
        end = point.end or start + dt.timedelta(days=1)
        if not start <= day < end:
            continue
        about = point.about or (event.membership.state if event.membership else "presidency")
        if concerns is not None and about != concerns:
            continue
        found.append(
            Reading(
                event=event.id, about=about, kept=point.kept, other=point.other, source=point.source
            )
        )
    return found


class Handover(Frozen):
    """The presidency passes, at a session held that day, to ``to`` (``None``: not named)."""

    to: str | None
    effective: dt.date
    session: str


class ProjectedChair(Frozen):
    """A projection, not a fact: who would preside, on what basis."""

    state: str | None
    person: str | None
    basis: str


class ChairOn(Frozen):
    """Who chaired the Council on a day, how that answer stands, and what passes at a session's close.

    ``state`` is asserted only when ``answer`` is ``known``, ``person`` only when
    ``person_answer`` is; past the last decided term both are ``None``, and
    ``projection`` may hold a labelled projection.
    """

    date: dt.date
    state: str | None
    person: str | None
    since: dt.date | None
    answer: Answer = "known"
    person_answer: Answer = "known"
    until: dt.date | None = None
    session: str | None = None
    handover: Handover | None = None
    projection: ProjectedChair | None = None
    contested: tuple[Reading, ...] = ()
    note: str | None = None


def _day_session(timeline: Timeline, day: dt.date) -> Event | None:
    """The session the day's answer is about: the day's last regular session, else its last."""
    held = timeline.sessions_on(day)
    regular = [
        event for event in held if event.session and event.session.kind == SessionKind.REGULAR
    ]
    chosen = (regular or held)[-1:] if held else []
    return chosen[0] if chosen else None


def _projection(timeline: Timeline, day: dt.date) -> ProjectedChair | None:
    years = project(timeline, until=day.year, first=day.year)
    if not years or years[0].state is None:
        return None
    year = years[0]
    basis = {"rotation": "the rotation in Russian alphabetical order (practice)"}.get(
        year.basis, year.basis
    )
    if year.due:
        basis += f"; due to be decided at {year.due}"
    return ProjectedChair(state=year.state, person=year.person, basis=basis)


def chair_answer(timeline: Timeline, day: dt.date) -> ChairOn:
    """Who chaired the Council on ``day``, and how that answer stands."""
    term = term_on(timeline, day, during=True)
    held = _day_session(timeline, day)  # the event itself: a lean timeline rebuilds it when asked
    session_id = held.id if held is not None else None
    found = handover_at(timeline, day)
    handover = (
        Handover(to=found[1].to, effective=found[1].effective or day, session=found[0])
        if found is not None
        else None
    )
    notes: list[str] = []
    state: str | None = term.state
    person: str | None = None
    answer: Answer = term.answer
    person_answer: Answer = term.answer
    if term.reason:
        notes.append(term.reason)
    chair = held.session.chair if held is not None and held.session is not None else None
    if chair is not None and (chair.person or chair.state):
        state = chair.state or _seat_state(held, chair.person) or state
        person = chair.person
        answer = "known" if state is not None else term.answer
        person_answer = "known" if chair.person else "not_known"
        if person is None and state is not None:
            holder = timeline.seat_holder_on(state, day)
            person = holder.person if holder is not None else None
            person_answer = _holder_answer(holder)
        notes = [f"{person or display(state)} chaired the session of {day}"]
    elif state is not None:
        holder = timeline.seat_holder_on(state, day)
        person = holder.person if holder is not None else None
        person_answer = _holder_answer(holder)
        if session_id is not None:
            notes.append(
                f"the record does not name the chair of the session of {day}; the presiding "
                "state's seat-holder chairs every session of its term"
            )
    if handover is not None:
        to = display(handover.to) if handover.to else "a state the record does not name"
        when = "at its close" if handover.effective == day else f"on {handover.effective}"
        notes.append(f"the presidency passes {when} to {to}")
    for event in timeline.scheduled_between(day, day + dt.timedelta(days=1)):
        notes.append(
            f"a session is announced for {day} ({event.id}); the record does not show it held"
        )
    projection = _projection(timeline, day) if answer == "not_decided" else None
    return ChairOn(
        date=day,
        state=state if answer == "known" else None,
        person=person if person_answer == "known" else None,
        since=term.since if answer == "known" and state == term.state else None,
        answer=answer,
        person_answer=person_answer,
        until=term.until if answer == "known" else None,
        session=session_id,
        handover=handover,
        projection=projection,
        contested=tuple(contested_on(timeline, day, "presidency")),
        note="; ".join(notes) or None,
    )


def chair_json(answer: ChairOn) -> dict[str, Any]:
    """The ``charter chair`` document: the contract's four keys first, then how they stand."""
    return answer.model_dump(mode="json")


def _seat_state(held: Event | None, person: str | None) -> str | None:
    """The state a session's chair sat for, when the record gives only the person."""
    session = held.session if held is not None else None
    for participant in (session.participants if session is not None else None) or ():
        if participant.person == person and participant.capacity in SEAT_CAPACITIES:
            return participant.state
    return None


def _holder_answer(holder: Holder | None) -> Answer:
    if holder is None:
        return "not_known"
    return "known" if holder.person is not None else "vacant"


class ProjectedHolder(Frozen):
    """A projection, not a fact: who would hold an office, on what basis."""

    person: str | None
    basis: str


class SecretaryGeneralOn(Frozen):
    """The Secretary General on a day, and how that answer stands."""

    date: dt.date
    person: str | None
    citizenship: str | None
    acting: bool | None
    since: dt.date | None
    until: dt.date | None
    answer: Answer
    projection: ProjectedHolder | None = None
    note: str | None = None


def sg_answer(timeline: Timeline, day: dt.date) -> SecretaryGeneralOn:
    """Who was Secretary General on ``day``: known, vacant, not known, or not decided."""
    since = timeline.secretaries.since(day)
    spell = timeline.secretaries.at(day)
    end = timeline.held_until
    past = end is not None and day > end
    if since is None:
        first = next(iter(timeline.secretaries.changes()), None)
        note = "the record names no Secretary General" + (f" before {first[0]}" if first else "")
        return SecretaryGeneralOn(
            date=day,
            person=None,
            citizenship=None,
            acting=None,
            since=None,
            until=None,
            answer="not_known",
            note=note,
        )
    if spell is None or spell.ended:
        if spell is None:
            note = f"the post is recorded vacant from {since}"
        else:
            note = f"the term of {spell.person} ended on {since - dt.timedelta(days=1)}"
        answer: Answer = "vacant" if spell is None else "not_known"
        if past:
            answer = "not_decided"
            note += f"; the record ends on {end} and no successor is decided"
        elif spell is not None:
            note += "; the record names no successor"
        return SecretaryGeneralOn(
            date=day,
            person=None,
            citizenship=None,
            acting=None,
            since=since,
            until=None,
            answer=answer,
            note=note,
        )
    if past and (spell.until is None or day >= spell.until):
        return SecretaryGeneralOn(
            date=day,
            person=None,
            citizenship=None,
            acting=None,
            since=None,
            until=None,
            answer="not_decided",
            projection=ProjectedHolder(
                person=spell.person,
                basis=f"in office from {spell.start} with no recorded end; the record ends on {end}",
            ),
            note=f"no term end is recorded and the record ends on {end}",
        )
    return SecretaryGeneralOn(
        date=day,
        person=spell.person,
        citizenship=spell.state,
        acting=spell.acting,
        since=_in_office_since(timeline, spell.person, spell.start),
        until=spell.until,
        answer="known",
    )


def _in_office_since(timeline: Timeline, person: str | None, start: dt.date) -> dt.date:
    """The first day of an unbroken run in office (a renewed or extended term continues it)."""
    since = start
    for day, spell in reversed(list(timeline.secretaries.changes())):
        if day > since:
            continue
        if spell is None or spell.ended or spell.person != person:
            if day == since:
                continue  # the entry a renewal replaced on its first day
            break
        since = min(since, spell.start, day)
    return since


def sg_json(answer: SecretaryGeneralOn) -> dict[str, Any]:
    """The ``charter sg`` document."""
    return answer.model_dump(mode="json")


def sg_text(answer: SecretaryGeneralOn) -> str:
    """The ``charter sg`` answer in words."""
    day = answer.date
    if answer.answer == "known":
        acting = "acting " if answer.acting else ""
        term = f" until {answer.until - dt.timedelta(days=1)}" if answer.until else ""
        text = f"{day}: {acting}Secretary General: {answer.person} (from {answer.since}{term})"
    else:
        words = {
            "vacant": "the post is vacant",
            "not_known": "not known",
            "not_decided": "not decided",
        }
        text = f"{day}: Secretary General: {words[answer.answer]}"
    if answer.note:
        text += f"\n  {answer.note}"
    if answer.projection is not None:
        text += f"\n  projection, not a fact: {answer.projection.person}; basis: {answer.projection.basis}"
    return text


class StatusOn(Frozen):
    """A state's membership status on a day, and how that answer stands."""

    date: dt.date
    state: str
    status: str | None
    since: dt.date | None
    answer: Answer
    record_ends: dt.date | None
    contested: tuple[Reading, ...] = ()
    note: str | None = None


def status_answer(timeline: Timeline, state: str, day: dt.date) -> StatusOn:
    """Where ``state`` stood on ``day``: a status, not a party, or not known (before the record)."""
    status = timeline.status_on(state, day)
    firsts = [next(iter(series.changes()))[0] for series in timeline.status.values() if len(series)]
    end = timeline.held_until
    note = None
    if status is None:
        answer: Answer = "not_a_party" if firsts and day >= min(firsts) else "not_known"
        since = None
        if answer == "not_known":
            note = "the record holds no membership before " + (
                str(min(firsts)) if firsts else "any day"
            )
    else:
        answer, since = "known", timeline.status[state].since(day)
    if end is not None and day > end and answer != "not_known":
        note = f"as last recorded; the record ends on {end}"
    return StatusOn(
        date=day,
        state=state,
        status=status,
        since=since,
        answer=answer,
        record_ends=end,
        contested=tuple(contested_on(timeline, day, state)),
        note=note,
    )


def status_json(answer: StatusOn) -> dict[str, Any]:
    """The ``charter status`` document."""
    return answer.model_dump(mode="json")


def status_text(answer: StatusOn) -> str:
    """The ``charter status`` answer in words."""
    name = display(answer.state)
    if answer.answer == "known":
        text = f"{answer.date}: {name}: {answer.status} (since {answer.since})"
    elif answer.answer == "not_a_party":
        text = f"{answer.date}: {name}: not a party"
    else:
        text = f"{answer.date}: {name}: not known"
    if answer.note:
        text += f"\n  {answer.note}"
    for point in answer.contested:
        text += f"\n  contested: the record keeps: {point.kept}; other reading: {point.other} ({'; '.join(point.source)})"
    return text


def members_json(answer: MembersOn) -> dict[str, Any]:
    """The ``charter members`` document."""
    return {
        "date": answer.date.isoformat(),
        "members": list(answer.members),
        "suspended": list(answer.suspended),
        "frozen": list(answer.frozen),
        "answer": answer.answer,
        "record_ends": answer.record_ends.isoformat() if answer.record_ends else None,
    }
