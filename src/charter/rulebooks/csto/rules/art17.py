"""Article 17: the Secretary General, appointed by the Council from the members' citizens for three years."""

from __future__ import annotations

from collections.abc import Iterator

from charter.engine.dates import add_years
from charter.engine.model import AppointSecretaryGeneral, Event, Role
from charter.engine.registry import Breach, Finding, Unknown
from charter.engine.timeline import Timeline, decisions_with_paths
from charter.rulebooks.csto.rules._registry import rule
from charter.rulebooks.csto.rules.art13 import CHARTER_IN_FORCE
from charter.rulebooks.csto.rules.membership import IN_GOOD_STANDING
from charter.rulebooks.csto.states import display

__all__ = ["TERM_YEARS", "secretary_general"]

TERM_YEARS = 3


@rule(
    "art17.secretary-general",
    kinds=("office", "decisions"),
    citation="CSTO Charter, Art. 17 (Secretary General)",
    since=CHARTER_IN_FORCE,
)
def secretary_general(event: Event, world: Timeline) -> Iterator[Finding]:
    """The Council appoints the Secretary General, a citizen of a member, for at most three years, one at a time.

    A Secretary General takes office only by a Council decision; the term is three
    years at most; the holder is a citizen of a member state; and there is one
    Secretary General at a time. An acting Secretary General may fill a vacancy, but
    not serve beside an appointed one.
    """
    day = event.date
    office = event.office
    if office is not None and office.role == Role.SECRETARY_GENERAL and office.person is not None:
        current = world.secretary_general_on(day)
        if not office.acting:
            yield Breach(
                f"{office.person} takes office as Secretary General without a Council decision",
                where="office",
                fix="record an appoint_secretary_general decision, or mark the spell acting: true",
            )
        elif current is not None and not current.acting and current.person != office.person:
            yield Breach(
                f"{office.person} acts as Secretary General while {current.person} holds the post",
                where="office",
                fix="an acting Secretary General fills a vacancy: record the end of the current term",
            )
    for where, decision in decisions_with_paths(event):
        if not isinstance(decision, AppointSecretaryGeneral) or not decision.adopted:
            continue
        start = decision.start or day
        if world.status_on(decision.state, day) not in IN_GOOD_STANDING:
            yield Breach(
                f"{decision.person} is a citizen of {display(decision.state)}, "
                f"which is not a member on {day}",
                where=where,
                fix="appoint a citizen of a member state",
            )
        if decision.until is None:
            yield Unknown(f"the end of {decision.person}'s term is not recorded", where)
        elif decision.until <= start:
            yield Breach(
                f"the term ends on {decision.until}, before it starts on {start}",
                where=where,
                fix=f"until: after {start}, and at most {add_years(start, TERM_YEARS)}",
            )
        elif decision.until > add_years(start, TERM_YEARS):
            yield Breach(
                f"{decision.person}'s term [{start}, {decision.until}) is longer than "
                f"{TERM_YEARS} years",
                where=where,
                fix=f"until: {add_years(start, TERM_YEARS)} at the latest",
            )
        current = world.secretary_general_on(start)
        if (
            current is not None
            and not current.acting
            and current.person != decision.person
            and (current.until is None or current.until > start)
        ):
            ends = f"until {current.until}" if current.until else "with no end recorded"
            yield Breach(
                f"{decision.person} is appointed from {start} while {current.person} "
                f"holds the post {ends}; there is one Secretary General at a time",
                where=where,
                fix=f"start: {current.until}"
                if current.until
                else "record the end of the current term",
            )
