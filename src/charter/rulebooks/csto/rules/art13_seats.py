"""Article 13: who sits in the Council (the seats) and who else may attend its sessions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from charter.engine.model import SEAT_CAPACITIES, Capacity, Event, Participant, Role, Severity
from charter.engine.registry import Breach, Finding, Unknown
from charter.engine.timeline import Holder, Timeline
from charter.rulebooks.csto.rules._registry import HEAD_OF_GOVERNMENT_CLAUSE, rule
from charter.rulebooks.csto.rules.membership import IN_GOOD_STANDING
from charter.rulebooks.csto.states import display

__all__ = ["CHARTER_IN_FORCE", "CITATION", "attendance", "role_words", "seat"]

CHARTER_IN_FORCE = date(2003, 9, 18)
CITATION = "CSTO Charter, Art. 13"


def role_words(role: str) -> str:
    """An office or capacity in words: ``head of state``."""
    return role.replace("_", " ")


@rule(
    "art13.seat",
    kinds=("session",),
    citation=f"{CITATION} (composition of the Council); Protocol No 2 of 8 Nov 2018, "
    "in force 19 Jan 2021 (heads of government)",
    since=CHARTER_IN_FORCE,
    severity_note="warning, not error, before 2021-01-19 for a head of government in a member's "
    "seat, or for the head of state where the record gives the seat to the head of government: "
    "the Charter admitted heads of government only from then (Protocol No 2)",
)
def seat(event: Event, world: Timeline) -> Iterator[Finding]:
    """Each member's seat is held by its head of state; by its head of government only from 2021-01-19.

    The Council is made up of the heads of the member states; an acting head counts.
    Since Protocol No 2 entered into force on 19 January 2021, a head of government
    whom national law empowers may sit instead. A head of government in the seat
    before that day has no Charter basis and is reported as a warning. The person in
    a seat must hold that office on the day, and a member has one seat, not two.
    """
    if event.session is None or event.session.participants is None:
        return
    day = event.date
    holders = world.holders_on(day)
    seat_roles = world.seat_roles
    taken: dict[str, str] = {}
    for index, person in enumerate(event.session.participants):
        role = _SEAT_ROLE.get(person.capacity)
        state = person.state
        if role is None or state is None:
            continue
        holder = holders.get((state, role))
        recorded = seat_roles.get(state) if seat_roles else None
        seat_role = recorded.at(day) if recorded is not None else None
        name = person.person
        if (  # the common case: the right person, no words needed
            holder is not None
            and name is not None
            and holder.person == name
            and state not in taken
            and (role == _HEAD_OF_STATE or day >= HEAD_OF_GOVERNMENT_CLAUSE)
            and (seat_role is None or seat_role == role)
        ):
            taken[state] = name
            continue
        if seat_role is not None and seat_role != role and state not in taken:
            yield _wrong_seat_role(person, index, role, seat_role, day=day, world=world)
        yield from _seat_findings(
            person, index=index, role=role, holder=holder, taken=taken, day=day, world=world
        )


def _wrong_seat_role(
    person: Participant, index: int, role: str, seat_role: str, *, day: date, world: Timeline
) -> Breach:
    """The record says the seat is another office's: its holder sits, not this one's."""
    assert person.state is not None
    state = display(person.state)
    who = person.person or "an unnamed person"
    holder = world.holder_on(person.state, seat_role, day)
    expected = holder.person if holder is not None and holder.person else None
    since = world.seat_roles[person.state].since(day)
    return Breach(
        f"{who} sits for {state} as {role_words(role)}, but from {since} the record gives "
        f"{state}'s seat to its {role_words(seat_role)}" + (f" ({expected})" if expected else ""),
        where=f"session.participants[{index}].capacity",
        fix=f"seat {state}'s {role_words(seat_role)}"
        + (f", {expected}," if expected else "")
        + f" and list {who} as invited, or record a seat event",
        severity=Severity.ERROR if day >= HEAD_OF_GOVERNMENT_CLAUSE else Severity.WARNING,
    )


_HEAD_OF_STATE = Role.HEAD_OF_STATE.value

_SEAT_ROLE: dict[str, str] = {
    Capacity.HEAD_OF_STATE.value: Role.HEAD_OF_STATE.value,
    Capacity.HEAD_OF_GOVERNMENT.value: Role.HEAD_OF_GOVERNMENT.value,
}
"""The office of each seat capacity, as plain text: compared and hashed on every seat."""


def _seat_findings(
    person: Participant,
    *,
    index: int,
    role: str,
    holder: Holder | None,
    taken: dict[str, str],
    day: date,
    world: Timeline,
) -> Iterator[Finding]:
    assert person.state is not None
    where = f"session.participants[{index}]"
    who = person.person or "an unnamed person"
    state = display(person.state)
    if person.state in taken:
        yield Breach(
            f"{state} has two seat-holders at this session: {taken[person.state]} and {who}",
            where=where,
            fix=f"keep one seat-holder for {state}; list the other as a minister or invited",
        )
        return
    taken[person.state] = who
    if world.status_on(person.state, day) not in IN_GOOD_STANDING:
        return  # membership.good-standing reports it
    if person.person is None:
        yield Unknown(f"the record does not name {state}'s {role_words(role)}", where)
    elif holder is None:
        yield Unknown(
            f"the record does not say who was {role_words(role)} of {state} on {day}", where
        )
    elif holder.person is None:
        yield Breach(
            f"{who} sits for {state} as {role_words(role)}, but that office is vacant on {day}",
            where=f"{where}.person",
            fix=f"record who holds the office of {role_words(role)} of {state}, or list {who} as invited",
        )
    elif holder.person != person.person:
        yield Breach(
            f"{who} sits for {state} as {role_words(role)}, "
            f"but on {day} the {role_words(role)} of {state} is {holder.person}",
            fix=f"expected {holder.person} ({role_words(role)} of {state})",
            where=f"{where}.person",
        )
    if person.capacity == Capacity.HEAD_OF_GOVERNMENT and day < HEAD_OF_GOVERNMENT_CLAUSE:
        yield Breach(
            f"{who}, head of government of {state}, holds its seat on {day}; the Charter "
            f"admits heads of government only from {HEAD_OF_GOVERNMENT_CLAUSE} (Protocol No 2)",
            where=f"{where}.capacity",
            fix=f"before {HEAD_OF_GOVERNMENT_CLAUSE}, {state}'s seat is its head of state's",
            severity=Severity.WARNING,
        )


@rule(
    "art13.attendance",
    kinds=("session",),
    citation=f"{CITATION} (who may take part in the Council's sessions)",
    since=CHARTER_IN_FORCE,
)
def attendance(event: Event, world: Timeline) -> Iterator[Finding]:
    """Besides the seat-holders, only the officials Article 13 names, or invited persons, attend.

    Foreign ministers, defence ministers, secretaries of security councils and the
    permanent and plenipotentiary representatives of the members may take part, as may
    the Secretary General in office (an acting one counts) and invited persons. A
    participant in any other capacity, or one who claims an office the record shows
    someone else holding (or vacant), is a violation. When the record does not hold
    who held the office on the day, the claim cannot be confirmed: that is an
    unknown (an error under ``--strict``), never a silent pass.
    """
    if event.session is None or event.session.participants is None:
        return
    day = event.date
    statuses = world.statuses_on(day)
    for index, person in enumerate(event.session.participants):
        if person.capacity in _NOT_ATTENDANCE:
            continue
        where = f"session.participants[{index}]"
        who = person.person or "an unnamed person"
        if person.capacity == Capacity.OTHER:
            yield Breach(
                f"{who} takes part in a capacity Article 13 does not admit",
                where=f"{where}.capacity",
                fix="a minister, security council secretary, representative, the Secretary "
                "General, or an invited person (capacity: invited)",
            )
        elif person.capacity == Capacity.SECRETARY_GENERAL:
            yield from _check_secretary_general(person.person, day, world, f"{where}.person")
        elif person.state is not None and statuses.get(person.state) in IN_GOOD_STANDING:
            role = person.capacity
            holder = world.holder_on(person.state, role, day)
            if holder is None:
                claimed = (
                    f"cannot confirm {person.person} in that office"
                    if person.person
                    else "names no one in it"
                )
                yield Unknown(
                    f"the record does not hold who was {role_words(role)} of "
                    f"{display(person.state)} on {day}, so it {claimed}",
                    f"{where}.person",
                )
                continue
            if person.person is None:
                continue
            if holder.person is None:
                yield Breach(
                    f"{who} attends as {role_words(role)} of {display(person.state)}, "
                    f"but that office is vacant on {day}",
                    where=f"{where}.person",
                    fix=f"list {who} as invited, or record who holds the office",
                )
            elif holder.person != person.person:
                yield Breach(
                    f"{who} attends as {role_words(role)} of {display(person.state)}, "
                    f"but on {day} that is {holder.person}",
                    where=f"{where}.person",
                    fix=f"expected {holder.person}, or list {who} as invited",
                )


_NOT_ATTENDANCE = SEAT_CAPACITIES | {Capacity.INVITED}  # the seat rule looks at seat-holders


def _check_secretary_general(
    person: str | None, day: date, world: Timeline, where: str
) -> Iterator[Finding]:
    current = world.secretary_general_on(day)
    spell = world.secretaries.at(day)
    if world.secretaries.since(day) is None:
        yield Unknown(f"the record does not say who was Secretary General on {day}", where)
    elif spell is not None and spell.ended:
        yield Unknown(
            f"the term of {spell.person} ended on {spell.until - timedelta(days=1) if spell.until else day}"
            ", and the record names no successor",
            where,
        )
    elif current is None or current.person is None:
        yield Breach(
            f"{person or 'someone'} attends as Secretary General, but the post is vacant on {day}",
            where=where,
            fix="list them as invited, or record the appointment",
        )
    elif person is not None and current.person != person:
        acting = "acting " if current.acting else ""
        yield Breach(
            f"{person} attends as Secretary General, but on {day} the {acting}Secretary "
            f"General is {current.person}",
            where=where,
            fix=f"expected {current.person}",
        )
