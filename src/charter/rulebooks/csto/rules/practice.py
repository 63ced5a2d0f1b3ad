"""Practice, not Charter text: the chairmanship rotates in Russian alphabetical order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from charter.engine._installed import following
from charter.engine._terms import presidency_unknown
from charter.engine.model import Event, MembershipStatus, PassChairmanship, Severity
from charter.engine.registry import Breach, Finding, Unknown
from charter.engine.timeline import Timeline, decisions_with_paths
from charter.rulebooks.csto.rules._registry import rule
from charter.rulebooks.csto.states import display, rotation_key

__all__ = ["next_in_rotation", "rotation"]

ROTATION_OBSERVED = date(2009, 1, 1)


def next_in_rotation(current: str, world: Timeline, day: date) -> str | None:
    """The member that follows ``current`` in Russian alphabetical order, wrapping round.

    Only members in full standing (not suspended, withdrawn or frozen) are in the
    rotation. ``None`` when no other member is.
    """
    members = [
        state
        for state, status in world.statuses_on(day).items()
        if status == MembershipStatus.MEMBER
    ]
    return following(current, members, rotation_key)


@rule(
    "practice.rotation",
    kinds=("decisions",),
    citation="Council practice since Armenia's presidency of 2008-2009 "
    "(rotation in Russian alphabetical order); not Charter text",
    since=ROTATION_OBSERVED,
    severity=Severity.WARNING,
)
def rotation(event: Event, world: Timeline) -> Iterator[Finding]:
    """The next presiding state is the next member in Russian alphabetical order.

    In practice the presidency goes round the members in the order of their Russian
    names: Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia, Tajikistan. The Charter
    does not say so, so a departure is a warning, not an error. Suspended, withdrawn
    and frozen members are skipped.
    """
    for where, decision in decisions_with_paths(event):
        if (
            not isinstance(decision, PassChairmanship)
            or not decision.adopted
            or decision.to is None
        ):
            continue
        presidency = world.presidency_on(event.date)
        if presidency is None or presidency.state is None:
            yield Unknown(f"before this handover, {presidency_unknown(world, event.date)}", where)
            continue
        expected = next_in_rotation(presidency.state, world, event.date)
        if expected is not None and decision.to != expected:
            frozen = world.status_on(decision.to, event.date) == MembershipStatus.FROZEN
            why = (
                f" ({display(decision.to)} has frozen its participation: practice passes over it, "
                "the Charter does not bar it)"
                if frozen
                else ""
            )
            yield Breach(
                f"the chairmanship passes from {display(presidency.state)} to "
                f"{display(decision.to)}; the alphabetical rotation gives {display(expected)}{why}",
                where=where,
                fix=f"to: {expected}, or expect this warning",
            )
