"""What an event changes: the decisions it carries, and the statuses and steps they give.

Each rule and the timeline ask these of the same event, so they are answered here
once, from the event alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from charter.engine.model import (
    Decision,
    Event,
    GrantStatus,
    MembershipDecision,
    MembershipStatus,
)

__all__ = [
    "LAUNCHED",
    "adopted_decisions",
    "decisions_with_paths",
    "membership_effect",
    "step_effect",
]

_DECIDED_STATUS = {
    "admit_member": MembershipStatus.MEMBER.value,
    "suspend_member": MembershipStatus.SUSPENDED.value,
    "restore_member": MembershipStatus.MEMBER.value,
    "launch_admission": "acceding",
}
"""The status each membership decision gives; ``grant_status`` names its own."""

LAUNCHED = "launched"
"""The step a ``launch_admission`` decision puts a state at."""


def adopted_decisions(event: Event) -> Iterator[Decision]:
    """The decisions an event carries that were adopted (the only ones that change anything)."""
    if event.decision is not None:
        if event.decision.adopted:
            yield event.decision
    elif event.session is not None:
        yield from (decision for decision in event.session.decisions if decision.adopted)


def membership_effect(event: Event) -> Iterator[tuple[str, str, str]]:
    """Each membership change an event makes: (state, new status, path inside the event)."""
    if event.membership is not None:
        yield event.membership.state, event.membership.status, "membership"
        return
    for path, decision in decisions_with_paths(event):
        if isinstance(decision, MembershipDecision) and decision.adopted:
            yield decision.state, _DECIDED_STATUS[decision.kind], path
        elif isinstance(decision, GrantStatus) and decision.adopted:
            yield decision.state, decision.status, path


def step_effect(event: Event, state: str) -> str | None:
    """The step of a procedure the event puts ``state`` at (``None``: no step)."""
    if event.membership is not None:
        return event.membership.step
    for _, decision in decisions_with_paths(event):
        if (
            isinstance(decision, MembershipDecision)
            and decision.kind == "launch_admission"
            and decision.state == state
        ):
            return LAUNCHED
    return None


_NO_DECISIONS: tuple[tuple[str, Decision], ...] = ()
_last_listed: tuple[Event | None, tuple[tuple[str, Decision], ...]] = (None, _NO_DECISIONS)


def decisions_with_paths(event: Event) -> tuple[tuple[str, Decision], ...]:
    """Every decision an event carries, with its path inside the event.

    Each rule asks this of the same event in turn, so the last answer is kept
    (one entry, matched by identity: safe when several threads replay at once).
    """
    global _last_listed  # noqa: PLW0603
    last_event, listed = _last_listed
    if last_event is event:
        return listed
    if event.decision is not None:
        listed = (("decision", event.decision),)
    elif event.session is not None and event.session.decisions:
        listed = tuple(
            (f"session.decisions[{index}]", decision)
            for index, decision in enumerate(event.session.decisions)
        )
    else:
        listed = _NO_DECISIONS
    _last_listed = (event, listed)
    return listed
