"""Article 12: the Council decides by consensus; a decision some members did not join binds only those who did."""

from __future__ import annotations

from collections.abc import Iterator

from charter.engine.model import Event, Severity
from charter.engine.registry import Breach, Finding
from charter.engine.timeline import Timeline, decisions_with_paths
from charter.rulebooks.csto.rules._registry import rule
from charter.rulebooks.csto.rules.art13 import CHARTER_IN_FORCE
from charter.rulebooks.csto.rules.membership import IN_GOOD_STANDING
from charter.rulebooks.csto.states import display

__all__ = ["consensus"]


def _names(states: list[str]) -> str:
    return ", ".join(display(state) for state in states)


@rule(
    "art12.consensus",
    kinds=("decisions",),
    citation="CSTO Charter, Art. 12 (decisions by consensus; limited format since the 2010 Protocol)",
    since=CHARTER_IN_FORCE,
    severity_note="info, not error, for a decision adopted in limited format: it binds only the "
    "members that joined it",
)
def consensus(event: Event, world: Timeline) -> Iterator[Finding]:
    """A decision is adopted only if no member objects; one that some member did not join is taken in limited format.

    The Council decides by consensus: a single member's objection stops a decision.
    A member that does not object but does not join is not bound, and the decision is
    taken in limited format; this is reported as a note, not a violation. A decision
    recorded as adopted over an objection is a violation.
    """
    for where, decision in decisions_with_paths(event):
        if not decision.adopted:
            continue
        title = decision.title or decision.kind.replace("_", " ")
        if decision.objected:
            yield Breach(
                f"{title!r} is recorded as adopted although {_names(list(decision.objected))} "
                "objected; the Council decides by consensus",
                where=where,
                fix="record it with adopted: false, or without the objection",
            )
        if decision.joined is None:
            continue
        members = [
            state
            for state in world.states()
            if world.status_on(state, event.date) in IN_GOOD_STANDING
        ]
        left_out = [
            state
            for state in members
            if state not in decision.joined and state not in decision.objected
        ]
        if left_out:
            yield Breach(
                f"{title!r} is adopted in limited format, without {_names(left_out)}, "
                "who are not bound by it",
                where=where,
                fix=f"nothing to correct: the decision binds only the members that joined it; "
                f"record {_names(left_out)} in joined: if they did join",
                severity=Severity.INFO,
            )
