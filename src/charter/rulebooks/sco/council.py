"""Article 5: who sits in the Council of Heads of State, who chairs its regular meeting, and where."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from charter.engine.model import Event, Participant, Severity
from charter.engine.registry import Breach, Finding, Unknown
from charter.engine.timeline import Timeline
from charter.rulebooks.sco._common import (
    CHARTER,
    CHARTER_IN_FORCE,
    CHS,
    REGISTRY,
    SEATS,
    display,
    members_on,
    seat_holder,
)

__all__ = ["ExpectedChair", "chair", "expected_chair", "seat", "venue"]

_CITATION = f"{CHARTER}, Art. 5"


def _of_the_council(event: Event) -> bool:
    """A meeting of the Council of Heads of State (the rules of Art. 5 are about no other)."""
    return event.session is not None and event.session.body in (None, CHS)


def _words(role: str) -> str:
    return role.replace("_", " ")


@REGISTRY.rule(
    "sco.art5.seat",
    kinds=("session",),
    citation=f"{_CITATION} (the Council of the heads of the member states); practice of "
    "representation by heads of government (India from 2017, Pakistan)",
    since=CHARTER_IN_FORCE,
    severity_note="warning, not error, for a head of government in a member's seat when no seat "
    "event gives the seat to that office: the basis for it has not been verified",
)
def seat(event: Event, world: Timeline) -> Iterator[Finding]:
    """Each member's seat is held by its head of state, or by the office a seat event gives it to.

    The person must hold that office on the day, the state must be a member (or be
    admitted at that meeting), and a member has one seat. India's seat, and often
    Pakistan's, is held by its head of government, as the record's seat events say; a
    head of government in a seat the record has not given to that office is reported
    as a warning, since the basis in the Council's regulations is unverified.
    """
    session = event.session
    if session is None or session.participants is None or not _of_the_council(event):
        return
    day = event.date
    members: set[str] | None = None
    taken: dict[str, str] = {}
    for index, person in enumerate(session.participants):
        if person.capacity not in SEATS or person.state is None:
            continue
        state, where = person.state, f"session.participants[{index}]"
        who = person.person or "an unnamed person"
        if members is None:
            members = members_on(world, day, event)
        if state not in members:
            yield Breach(
                f"{who} holds a seat for {display(state)} on {day}, but {display(state)} is not "
                "a member",
                where=f"{where}.capacity",
                fix="list them as an observer, partner or invited guest, as the state's standing is",
            )
            continue
        if state in taken:
            yield Breach(
                f"{display(state)} has two seat-holders on {day}: {taken[state]} and {who}",
                where=f"{where}.capacity",
                fix=f"keep one seat-holder for {display(state)}; list the other as invited",
            )
            continue
        taken[state] = who
        yield from _holds_the_seat(person, where, world, day)


def _holds_the_seat(
    person: Participant, where: str, world: Timeline, day: date
) -> Iterator[Finding]:
    state, role = person.state, person.capacity
    assert state is not None
    seat_role = world.seat_role_on(state, day)
    if role != seat_role:
        if role == "head_of_government":
            yield Breach(
                f"{person.person or 'someone'} holds {display(state)}'s seat as head of "
                f"government on {day}, but the record does not give the seat to that office",
                where=f"{where}.capacity",
                fix=f"record a seat event for {display(state)}, or expect this warning",
                severity=Severity.WARNING,
            )
        else:
            yield Breach(
                f"{display(state)}'s seat is held by its {_words(seat_role)} from the record's "
                f"seat event, not by its {_words(role)}",
                where=f"{where}.capacity",
                fix=f"capacity: {seat_role}, or record a seat event giving it back",
            )
            return
    holder = world.holder_on(state, role, day)
    if holder is None:
        yield Unknown(
            f"the record does not say who was {display(state)}'s {_words(role)} on {day}",
            f"{where}.person",
        )
    elif holder.person is None:
        yield Breach(
            f"{person.person} sits as {display(state)}'s {_words(role)} on {day}, but the office "
            "is vacant in the record",
            where=f"{where}.person",
            fix="record who took the office, or leave the seat empty",
        )
    elif person.person is not None and holder.person != person.person:
        yield Breach(
            f"{person.person} sits as {display(state)}'s {_words(role)}, but on {day} that is "
            f"{holder.person}",
            where=f"{where}.person",
            fix=f"expected {holder.person}",
        )


@dataclass(frozen=True, slots=True)
class ExpectedChair:
    """Who should chair a regular meeting: the organising member's seat-holder, and why."""

    state: str
    office: str
    person: str | None
    why: str

    def words(self) -> str:
        """The expected chair as a reader would name them."""
        return f"{self.person} ({display(self.state)})" if self.person else display(self.state)


def expected_chair(event: Event, world: Timeline) -> ExpectedChair | None:
    """The chair a regular meeting of the Council should have; ``None`` when the record cannot say."""
    session = event.session
    if session is None or session.kind != "regular" or not _of_the_council(event):
        return None
    presidency = world.presidency_on(event.date)
    organiser = session.organiser or session.host
    state = presidency.state if presidency is not None and presidency.state else organiser
    if state is None:
        return None
    role, person, _ = seat_holder(event, world, state)
    why = (
        f"{display(state)} presides and organises the regular meeting"
        if presidency is not None and presidency.state
        else f"{display(state)} organises the regular meeting"
    )
    return ExpectedChair(state, role, person, why)


@REGISTRY.rule(
    "sco.art5.chair",
    kinds=("session",),
    citation=f"{_CITATION} (the head of state of the member organising the regular meeting "
    "chairs it)",
    since=CHARTER_IN_FORCE,
)
def chair(event: Event, world: Timeline) -> Iterator[Finding]:
    """A regular meeting is organised by the presiding state and chaired by its seat-holder.

    The head of state of the member that organises the regular meeting chairs it (its
    head of government where the record gives the seat to that office); the organiser
    is the state presiding since the last meeting, wherever the meeting is held.
    Extraordinary and informal meetings are not checked: the Charter has no rule on
    them.
    """
    session = event.session
    if session is None or session.kind != "regular" or not _of_the_council(event):
        return
    day = event.date
    presidency = world.presidency_on(day)
    organiser = session.organiser or session.host
    where = "session.organiser" if session.organiser else "session.host"
    if presidency is None or presidency.state is None:
        yield Unknown(f"the record does not say which state presided on {day}", where)
    elif organiser is None:
        yield Unknown("the record does not say which member organised this meeting", where)
    elif organiser != presidency.state:
        yield Breach(
            f"the regular meeting of {day} is organised by {display(organiser)}, but "
            f"{display(presidency.state)} presides",
            where=where,
            fix=f"organiser: {presidency.state}",
        )
    given = session.chair
    if given is None or (given.person is None and given.state is None):
        yield Unknown("the record does not say who chaired this meeting", "session.chair")
        return
    if organiser is None:
        return
    role, expected, known = seat_holder(event, world, organiser)
    if given.state is not None and given.state != organiser:
        yield Breach(
            f"the meeting is chaired for {display(given.state)}, but {display(organiser)} "
            "organises it, and its seat-holder chairs",
            where="session.chair.state",
            fix=f"chair: {expected or ''} ({organiser})".replace(" ()", ""),
        )
    elif given.person is None:
        yield Unknown("the record names the chairing state, not the person", "session.chair")
    elif not known:
        yield Unknown(
            f"the record does not say who was {display(organiser)}'s {_words(role)} on {day}",
            "session.chair.person",
        )
    elif expected != given.person:
        yield Breach(
            f"{given.person} chairs the meeting, but {display(organiser)}'s seat-holder, its "
            f"{_words(role)}, is {expected or 'vacant in the record'}",
            where="session.chair.person",
            fix=f"chair: {expected}" if expected else "record who held the office",
        )


@REGISTRY.rule(
    "sco.art5.venue",
    kinds=("session",),
    citation=f"{_CITATION} (the organiser's head of state chairs; the venue follows the order "
    "'as a rule'); practice",
    since=CHARTER_IN_FORCE,
    severity=Severity.WARNING,
)
def venue(event: Event, world: Timeline) -> Iterator[Finding]:
    """A regular meeting is held on the territory of the member that organises it.

    The Charter ties the chair to the organiser and lets the venue follow the order
    only "as a rule", so a meeting held elsewhere is a departure from practice, not a
    breach: a warning. A meeting by video is held by the member that organises it.
    """
    session = event.session
    if session is None or session.kind != "regular" or not _of_the_council(event):
        return
    if session.format == "video" or session.organiser is None or session.host is None:
        return
    if session.organiser != session.host:
        yield Breach(
            f"the regular meeting organised by {display(session.organiser)} is held in "
            f"{display(session.host)}",
            where="session.host",
            fix=f"host: {session.organiser}, or expect this warning",
        )
