"""The presidency: handed over at the close of each regular meeting, and the order it follows in practice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from charter.engine.model import Event, PassChairmanship, Severity
from charter.engine.registry import Breach, Finding, Unknown
from charter.engine.timeline import Timeline, decisions_with_paths
from charter.rulebooks.sco._common import (
    CHARTER,
    CHARTER_IN_FORCE,
    CHS,
    REGISTRY,
    display,
    members_on,
    next_in_order,
)

__all__ = ["handover", "next_presiding", "rotation"]


def _handovers(event: Event) -> list[tuple[str, PassChairmanship]]:
    return [
        (where, decision)
        for where, decision in decisions_with_paths(event)
        if isinstance(decision, PassChairmanship) and decision.adopted
    ]


@REGISTRY.rule(
    "sco.presidency.handover",
    kinds=("session", "decisions"),
    citation=f"{CHARTER}, Art. 5 (the member organising the regular meeting chairs it); the "
    "summit declarations, each naming the next presiding state (practice)",
    since=CHARTER_IN_FORCE,
    severity_note="warning, not error, for a regular meeting of the Council of Heads of State "
    "that names no next presiding state: the Charter does not say it must, though every "
    "declaration has",
)
def handover(event: Event, world: Timeline) -> Iterator[Finding]:
    """The presidency passes only at a regular meeting, once, to a member, from the meeting's close or later.

    Each regular meeting names the member that will organise the next one, and so
    preside; the presidency passes at the close of the meeting, never before it. A
    handover at another kind of meeting, or outside a meeting, has no basis; a
    regular meeting that names no next presiding state is reported as a warning. A
    handover at a meeting of the Council of Heads of Government passes that Council's
    own chairmanship and is checked on the same terms, without the warning.
    """
    session = event.session
    found = _handovers(event)
    day = event.date
    if session is None:
        for where, _ in found:
            yield Breach(
                f"the presidency is handed over on {day} outside a meeting",
                where=where,
                fix="record the handover as a decision of the regular meeting",
            )
        return
    principal = session.body in (None, CHS)
    if not found:
        if principal and session.kind == "regular":
            yield Breach(
                f"the regular meeting of {day} names no next presiding state",
                where="session.decisions",
                fix="add a pass_chairmanship decision, or expect this warning",
                severity=Severity.WARNING,
            )
        return
    members: set[str] | None = None
    for index, (where, decision) in enumerate(found):
        if session.kind != "regular":
            yield Breach(
                f"the presidency is handed over at the {session.kind} meeting of {day}; it passes "
                "only at a regular meeting",
                where=where,
                fix="hand it over at the regular meeting",
            )
        if index > 0:
            yield Breach(
                f"the meeting of {day} hands the presidency over a second time",
                where=where,
                fix="keep one pass_chairmanship decision",
            )
        effective = decision.effective or day
        if effective < day:
            yield Breach(
                f"the handover to {display(decision.to)} takes effect on {effective}, before the "
                f"meeting of {day}",
                where=f"{where}.effective",
                fix=f"effective: {day + timedelta(days=1)} (the day after the meeting)",
            )
        if decision.to is None:
            yield Unknown("the record does not say to which state the presidency passed", where)
            continue
        if members is None:
            members = members_on(world, effective, event)
        if decision.to not in members:
            yield Breach(
                f"the presidency passes to {display(decision.to)}, which is not a member on "
                f"{effective}",
                where=f"{where}.to",
                fix="hand it to a member",
            )


def next_presiding(
    current: str, world: Timeline, day: date, event: Event | None = None
) -> str | None:
    """The member after ``current`` in the Russian alphabetical order on ``day``.

    A state admitted at the meeting that hands over (``event``) counts as a member.
    """
    return next_in_order(current, members_on(world, day, event))


@REGISTRY.rule(
    "sco.practice.rotation",
    kinds=("decisions",),
    citation=f"{CHARTER}, Art. 5 (the venue follows the Russian alphabetical order of the "
    "members' names 'as a rule'); not a binding order, and practice departs from it",
    since=CHARTER_IN_FORCE,
    severity=Severity.WARNING,
)
def rotation(event: Event, world: Timeline) -> Iterator[Finding]:
    """The next presiding state is the member after the current one in Russian alphabetical order.

    Article 5 lets the meetings follow the order of the members' Russian names only "as
    a rule", and the Council has often departed from it (Tajikistan before Russia in
    2008 and 2014; Pakistan never presiding). A departure is therefore a warning, and
    the handover takes effect as decided. A state admitted at the meeting counts.
    """
    session = event.session
    if session is None or session.body not in (None, CHS):
        return
    for where, decision in _handovers(event):
        if decision.to is None:
            continue
        presidency = world.presidency_on(event.date)
        if presidency is None or presidency.state is None:
            yield Unknown(f"the record does not say which state presided on {event.date}", where)
            continue
        expected = next_presiding(presidency.state, world, event.date, event)
        if expected is not None and decision.to != expected:
            yield Breach(
                f"the presidency passes from {display(presidency.state)} to "
                f"{display(decision.to)}; the Russian alphabetical order gives {display(expected)}",
                where=where,
                fix=f"to: {expected}, or expect this warning",
            )
