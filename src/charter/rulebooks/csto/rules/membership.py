"""Membership rules: how a state's status may change, and who may take part as a member."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from charter.engine.model import (
    MEMBER_OFFICIAL_CAPACITIES,
    SEAT_CAPACITIES,
    Event,
    MembershipDecision,
    MembershipStatus,
)
from charter.engine.registry import Breach, Finding
from charter.engine.timeline import Timeline, decisions_with_paths, membership_effect
from charter.rulebooks.csto.rules._registry import rule
from charter.rulebooks.csto.states import display

__all__ = ["ALLOWED_TRANSITIONS", "IN_GOOD_STANDING", "good_standing", "transition"]

_S = MembershipStatus

ALLOWED_TRANSITIONS: dict[str | None, frozenset[str]] = {
    None: frozenset({_S.SIGNATORY, _S.MEMBER}),
    _S.SIGNATORY: frozenset({_S.MEMBER, _S.WITHDRAWN}),
    _S.MEMBER: frozenset({_S.SUSPENDED, _S.WITHDRAWN, _S.FROZEN}),
    _S.SUSPENDED: frozenset({_S.MEMBER, _S.WITHDRAWN}),
    _S.FROZEN: frozenset({_S.MEMBER, _S.SUSPENDED, _S.WITHDRAWN}),
    _S.WITHDRAWN: frozenset({_S.SIGNATORY, _S.MEMBER}),
}
"""From each status (``None``: never a party), the statuses a state may move to."""

IN_GOOD_STANDING = frozenset({_S.MEMBER, _S.FROZEN})
"""Statuses in which a state may take part as a member (a frozen member is one in law)."""

TREATY_SIGNED = date(1992, 5, 15)

_FOR_A_MEMBER = SEAT_CAPACITIES | MEMBER_OFFICIAL_CAPACITIES


def _status_words(status: str | None) -> str:
    return "never a party" if status is None else status


@rule(
    "membership.transition",
    kinds=("membership", "decisions"),
    citation="CSTO Charter, Arts. 19-20 (admission, withdrawal, suspension); "
    "CSC decision of 18 Jun 2004 (Regulations on admission, withdrawal and suspension)",
    since=TREATY_SIGNED,
)
def transition(event: Event, world: Timeline) -> Iterator[Finding]:
    """A state's membership changes only by an allowed step from where it stands.

    A state that was never a party may sign or join; a signatory may become a member
    or fall away; a member may be suspended, withdraw or freeze its participation; a
    suspended or frozen member may be restored or withdraw; a state that left may
    sign or join again. Any other change, including a change to the status it
    already has, is a violation. The Council's decision must be the one the step
    implies: a suspended (or frozen) member is restored, a state that left or never
    belonged is admitted.
    """
    yield from _decision_matches_step(event, world)
    for state, status, where in membership_effect(event):
        current = world.status_on(state, event.date)
        allowed = ALLOWED_TRANSITIONS[current]
        if status not in allowed:
            choices = ", ".join(sorted(allowed))
            yield Breach(
                f"{display(state)} cannot become {status} on {event.date}: "
                f"it is {_status_words(current)}",
                where=where,
                fix=f"from {_status_words(current)}, {display(state)} may become: {choices}",
            )


_RESTORABLE = frozenset({MembershipStatus.SUSPENDED, MembershipStatus.FROZEN})


def _decision_matches_step(event: Event, world: Timeline) -> Iterator[Finding]:
    for where, decision in decisions_with_paths(event):
        if not isinstance(decision, MembershipDecision) or not decision.adopted:
            continue
        current = world.status_on(decision.state, event.date)
        name = display(decision.state)
        if decision.kind == "restore_member" and current not in _RESTORABLE:
            yield Breach(
                f"{name} is restored on {event.date}, but it is {_status_words(current)}: only a "
                "suspended or frozen member is restored",
                where=f"{where}.kind",
                fix=f"kind: admit_member (a state that is {_status_words(current)} is admitted)",
            )
        elif decision.kind == "admit_member" and current in _RESTORABLE:
            yield Breach(
                f"{name} is admitted on {event.date}, but it is {_status_words(current)}: a "
                "member is restored, not admitted again",
                where=f"{where}.kind",
                fix="kind: restore_member",
            )


@rule(
    "membership.good-standing",
    kinds=("session",),
    citation="CSTO Charter, Art. 13 (the Council is made up of the member states' heads); "
    "Arts. 20-21 (suspension and withdrawal)",
    since=TREATY_SIGNED,
)
def good_standing(event: Event, world: Timeline) -> Iterator[Finding]:
    """Only a member in good standing takes part as a member.

    A person who holds a state's seat, or attends as one of its ministers, security
    council secretary or representative, does so for a member: the state must be a
    member (or a member that froze its participation, which is still one in law) on
    the day, or be admitted or restored at that very session. A suspended, withdrawn
    or non-party state's leader may attend only as an invited person.
    """
    if event.session is None or event.session.participants is None:
        return
    statuses = world.statuses_on(event.date)
    joining: set[str] | None = None
    for index, person in enumerate(event.session.participants):
        if person.state is None or person.capacity not in _FOR_A_MEMBER:
            continue
        status = statuses.get(person.state)
        if status in IN_GOOD_STANDING:
            continue
        if joining is None:
            # A state the session itself admits or restores takes its place at that session.
            joining = {
                state
                for state, becomes, _ in membership_effect(event)
                if becomes in IN_GOOD_STANDING
            }
        if person.state not in joining:
            who = person.person or "an unnamed person"
            yield Breach(
                f"{who} takes part for {display(person.state)} as {person.capacity}, "
                f"but on {event.date} {display(person.state)} is {_status_words(status)}",
                where=f"session.participants[{index}].capacity",
                fix="list them with capacity: invited, or leave them out",
            )
