"""Article 11, the head of the Secretariat; Article 16, consensus; and who may attend the Council."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from charter.engine._days import add_years
from charter.engine.model import AppointSecretaryGeneral, Event, Severity
from charter.engine.registry import Breach, Finding, Unknown
from charter.engine.timeline import SecretaryGeneral, Timeline, decisions_with_paths
from charter.rulebooks.sco._common import (
    CHARTER,
    CHARTER_IN_FORCE,
    CHS,
    OBSERVER_REGULATION,
    REGISTRY,
    display,
    members_on,
    names,
    next_in_order,
    standing,
)

__all__ = ["attendance", "consensus", "secretariat_rotation", "secretary_general"]

_ART11 = f"{CHARTER}, Art. 11"


def _appointments(event: Event) -> list[tuple[str, AppointSecretaryGeneral]]:
    return [
        (where, decision)
        for where, decision in decisions_with_paths(event)
        if isinstance(decision, AppointSecretaryGeneral) and decision.adopted
    ]


def _terms(world: Timeline) -> list[SecretaryGeneral]:
    """The appointed terms so far, in order (each once, without the entries marking their end)."""
    return [
        spell
        for _, spell in world.secretaries.changes()
        if spell is not None and not spell.ended and not spell.acting
    ]


@REGISTRY.rule(
    "sco.art11.secretary-general",
    kinds=("decisions",),
    citation=f"{_ART11} (original text: Executive Secretary; as amended by the Protocol of "
    "15 Jun 2006: Secretary-General)",
    since=CHARTER_IN_FORCE,
)
def secretary_general(event: Event, world: Timeline) -> Iterator[Finding]:
    """The head of the Secretariat is appointed by the Council of Heads of State, for one three-year term.

    The holder is a citizen of a member, serves one term of three years with no
    extension (the same person is never appointed again), and one holder serves at a
    time: a new term does not begin before the last one ends.
    """
    session = event.session
    for where, decision in _appointments(event):
        start = decision.start or event.date
        if session is not None and session.body not in (None, CHS):
            yield Breach(
                f"{decision.person} is appointed by the {session.body.replace('_', ' ')}; the "
                "Council of Heads of State appoints the head of the Secretariat",
                where=where,
                fix="record the appointment at a meeting of the Council of Heads of State",
            )
        if decision.until is None:
            yield Breach(
                f"{decision.person}'s term has no end; the term is three years",
                where=f"{where}.until",
                fix=f"until: {add_years(start, 3)}",
            )
        elif decision.until > add_years(start, 3):
            yield Breach(
                f"{decision.person}'s term runs from {start} to {decision.until}, longer than "
                "the one term of three years",
                where=f"{where}.until",
                fix=f"until: {add_years(start, 3)}",
            )
        earlier = _terms(world)
        if any(spell.person == decision.person for spell in earlier):
            yield Breach(
                f"{decision.person} is appointed again: the term is not extended or renewed",
                where=f"{where}.person",
                fix="appoint a citizen of the next member in the order",
            )
        if decision.state not in members_on(world, min(start, event.date), event):
            yield Breach(
                f"{decision.person} is a citizen of {display(decision.state)}, which is not a "
                f"member on {start}",
                where=f"{where}.state",
                fix="appoint a citizen of a member",
            )
        last = earlier[-1] if earlier else None
        if last is not None and (last.until is None or last.until > start):
            yield Breach(
                f"{decision.person}'s term begins on {start}, while {last.person}'s runs "
                + (f"until {last.until}" if last.until else "with no end"),
                where=f"{where}.start",
                fix=f"start: {last.until}" if last.until else "end the term in office first",
            )


@REGISTRY.rule(
    "sco.art11.rotation",
    kinds=("decisions",),
    citation=f"{_ART11} (rotation in the Russian alphabetical order of the members' names); the "
    "text does not say where the cycle starts or how new members enter it, and the Council's "
    "appointments depart from a strict reading",
    since=CHARTER_IN_FORCE,
    severity=Severity.WARNING,
)
def secretariat_rotation(event: Event, world: Timeline) -> Iterator[Finding]:
    """The head of the Secretariat comes from the member after the last holder's, in Russian alphabetical order.

    The text sets the rotation but not where the cycle starts nor where a new member
    enters it, and the appointments of 2006, 2009, 2021 and 2024 depart from a strict
    reading, so a departure is reported as a warning.
    """
    for where, decision in _appointments(event):
        earlier = _terms(world)
        if not earlier or earlier[-1].state is None:
            continue
        previous = earlier[-1].state
        expected = next_in_order(previous, members_on(world, event.date, event))
        if expected is not None and decision.state != expected:
            yield Breach(
                f"{decision.person} ({display(decision.state)}) follows {earlier[-1].person} "
                f"({display(previous)}); the Russian alphabetical order gives {display(expected)}",
                where=f"{where}.state",
                fix=f"state: {expected}, or expect this warning",
            )


_STANDINGS = ("observer", "dialogue_partner", "partner")


@REGISTRY.rule(
    "sco.attendance",
    kinds=("session",),
    citation=f"{CHARTER}, Art. 14; Regulation on observer status (2004); Regulation on "
    "dialogue-partner status (2008); CHS decision, Tianjin, 1 Sep 2025",
    since=OBSERVER_REGULATION,
)
def attendance(event: Event, world: Timeline) -> Iterator[Finding]:
    """Besides the seat-holders, the Council admits the head of the Secretariat, the states of a standing, ministers and guests.

    An observer, dialogue partner or partner attends in the standing its state holds
    on the day (an applicant or acceding state keeps the one it held before); the head
    of the Secretariat attending is the one in office; a member's foreign minister
    attending without the seat holds that office. Anyone may attend as an invited guest.
    """
    session = event.session
    if session is None or session.participants is None:
        return
    if session.body not in (None, CHS):
        return
    day = event.date
    for index, person in enumerate(session.participants):
        where = f"session.participants[{index}]"
        who = person.person or "an unnamed person"
        if person.capacity in _STANDINGS and person.state is not None:
            held = standing(world, person.state, day)
            if held != person.capacity:
                stands = held.replace("_", " ") if held else "holds no status"
                yield Breach(
                    f"{who} attends for {display(person.state)} as "
                    f"{person.capacity.replace('_', ' ')}, but on {day} {display(person.state)} "
                    + (f"stands as {stands}" if held else stands),
                    where=f"{where}.capacity",
                    fix=f"capacity: {held}" if held in _STANDINGS else "capacity: invited",
                )
        elif person.capacity == "secretary_general":
            yield from _the_secretary_general(person.person, where, world, day)
        elif person.capacity == "foreign_minister" and person.state is not None:
            yield from _a_minister(event, person.person, person.state, where, world)


def _the_secretary_general(
    person: str | None, where: str, world: Timeline, day: date
) -> Iterator[Finding]:
    if world.secretaries.since(day) is None:
        yield Unknown(f"the record does not say who headed the Secretariat on {day}", where)
        return
    spell = world.secretary_general_on(day)
    if spell is None:
        yield Breach(
            f"{person or 'someone'} attends as head of the Secretariat on {day}, but no one holds "
            "the office in the record",
            where=f"{where}.capacity",
            fix="capacity: invited",
        )
    elif person is not None and spell.person is not None and spell.person != person:
        yield Breach(
            f"{person} attends as head of the Secretariat, but on {day} that is {spell.person}",
            where=f"{where}.person",
            fix=f"expected {spell.person}",
        )


def _a_minister(
    event: Event, person: str | None, state: str, where: str, world: Timeline
) -> Iterator[Finding]:
    day = event.date
    if state not in members_on(world, day, event):
        yield Breach(
            f"{person or 'someone'} attends as {display(state)}'s foreign minister, but "
            f"{display(state)} is not a member on {day}",
            where=f"{where}.capacity",
            fix="capacity: invited",
        )
        return
    holder = world.holder_on(state, "foreign_minister", day)
    if holder is None:
        yield Unknown(
            f"the record does not say who was {display(state)}'s foreign minister on {day}",
            f"{where}.person",
        )
    elif holder.person != person:
        yield Breach(
            f"{person} attends as {display(state)}'s foreign minister, but on {day} that is "
            f"{holder.person or 'vacant in the record'}",
            where=f"{where}.person",
            fix=f"expected {holder.person}" if holder.person else "record who held the office",
        )


@REGISTRY.rule(
    "sco.art16.consensus",
    kinds=("decisions",),
    citation=f"{CHARTER}, Art. 16 (decisions by agreement without a vote; adopted when no member "
    "objects)",
    since=CHARTER_IN_FORCE,
)
def consensus(event: Event, world: Timeline) -> Iterator[Finding]:
    """A decision is adopted only if no member objects.

    The bodies of the SCO decide by agreement, without a vote: a decision is adopted
    when no member objects to it. A decision recorded as adopted over a member's
    objection is a violation.
    """
    members: set[str] | None = None
    for where, decision in decisions_with_paths(event):
        if not decision.adopted or not decision.objected:
            continue
        if members is None:
            members = members_on(world, event.date)
        objecting = [state for state in decision.objected if state in members]
        if objecting:
            title = decision.title or decision.kind.replace("_", " ")
            yield Breach(
                f"{title!r} is recorded as adopted although {names(objecting)} objected; the "
                "SCO decides by consensus",
                where=where,
                fix="record it with adopted: false, or without the objection",
            )
