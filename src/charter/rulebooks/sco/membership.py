"""The SCO's statuses: how a state's standing changes, how a member is admitted, the partner status."""

from __future__ import annotations

from collections.abc import Iterator

from charter.engine.model import Event, MembershipDecision
from charter.engine.registry import Breach, Finding
from charter.engine.timeline import Timeline, decisions_with_paths, membership_effect, step_effect
from charter.rulebooks.sco._common import (
    ADMISSION_RULES,
    CHARTER,
    CHS,
    FOUNDED,
    MERGER,
    REGISTRY,
    display,
)

__all__ = ["ALLOWED", "STATUS_STEPS", "admission", "partner_status", "transition"]

_OUTSIDE = ("member", "observer", "dialogue_partner", "partner", "applicant")
_FROM_A_STATUS = ("applicant", "acceding:launched", "member", "withdrawn")

ALLOWED: dict[str, frozenset[str]] = {
    "none": frozenset(_OUTSIDE),
    "dialogue_partner": frozenset({"observer", "partner", *_FROM_A_STATUS}),
    "observer": frozenset({"partner", *_FROM_A_STATUS}),
    "partner": frozenset(_FROM_A_STATUS),
    "applicant": frozenset({"acceding:launched", "member", "withdrawn"}),
    "acceding:launched": frozenset({"acceding:memorandum", "member", "withdrawn"}),
    "acceding:memorandum": frozenset({"member", "withdrawn"}),
    "member": frozenset({"withdrawn"}),
    "withdrawn": frozenset(_OUTSIDE),
}
"""From each standing (``acceding`` with its step; ``none``: no status yet), where a state may go."""

STATUS_STEPS = ("launched", "memorandum")
"""The steps of an admission after its launch, in order."""


def _where(status: str | None, step: str | None) -> str:
    if status is None:
        return "none"
    if status == "acceding":
        return f"acceding:{step or 'launched'}"
    return status


def _words(key: str) -> str:
    if key == "none":
        return "holds no status"
    if key.startswith("acceding:"):
        return f"is acceding (step {key.partition(':')[2]})"
    return f"is {'a ' if key != 'observer' else 'an '}{key.replace('_', ' ')}"


def _target_words(key: str) -> str:
    return key.replace("acceding:", "acceding (step ") + (")" if ":" in key else "")


@REGISTRY.rule(
    "sco.membership.transition",
    kinds=("membership", "decisions"),
    citation=f"{CHARTER}, Art. 13 (admission) and Art. 14 (observers and dialogue partners); "
    "Regulation on admission of new members (2010); Procedure for granting member status "
    "(2014); CHS decision, Tianjin, 1 Sep 2025 (SCO partner status)",
    since=FOUNDED,
)
def transition(event: Event, world: Timeline) -> Iterator[Finding]:
    """A state's status changes only by an allowed step from where it stands.

    A state with no status may be a founder, become an observer, a dialogue partner,
    a partner or apply. A dialogue partner may become an observer; observers, dialogue
    partners and partners may move on to partner, apply, have their admission
    launched, be admitted or leave. An acceding state goes from the launch to the
    memorandum of obligations, and is admitted; a member may only leave. Any other
    change, including one to the status (and step) it already holds, is a violation.
    """
    day = event.date
    for state, status, where in membership_effect(event):
        current = _where(world.status_on(state, day), world.step_on(state, day))
        target = _where(status, step_effect(event, state))
        allowed = ALLOWED[current]
        if target not in allowed:
            choices = ", ".join(sorted(_target_words(key) for key in allowed))
            yield Breach(
                f"{display(state)} cannot become {_target_words(target)} on {day}: "
                f"it {_words(current)}",
                where=where,
                fix=f"from where {display(state)} stands, it may become: {choices}",
            )


def _at_a_regular_meeting(event: Event, where: str) -> bool:
    session = event.session
    return (
        session is not None
        and where.startswith("session.decisions")
        and session.kind == "regular"
        and session.body in (None, CHS)
    )


@REGISTRY.rule(
    "sco.membership.admission",
    kinds=("membership", "decisions"),
    citation=f"{CHARTER}, Art. 13; Regulation on admission of new members (CHS Decision No 1, "
    "Tashkent, 11 Jun 2010); Procedure for granting member status (CHS Decision No 2, "
    "Dushanbe, 12 Sep 2014)",
    since=ADMISSION_RULES,
)
def admission(event: Event, world: Timeline) -> Iterator[Finding]:
    """A state becomes a member only by a decision of a regular meeting, after the steps of the procedure.

    The Council of Heads of State first launches a state's admission, for a state that
    already holds observer, dialogue-partner or partner status, or has applied. The
    state then signs a memorandum of obligations. Only then may a regular meeting of
    the Council admit it.
    """
    day = event.date
    for state, status, where in membership_effect(event):
        current = world.status_on(state, day)
        if status == "member":
            step = world.step_on(state, day)
            if current != "acceding" or step != "memorandum":
                stands = f"it {_words(_where(current, step))}"
                yield Breach(
                    f"{display(state)} is admitted on {day}, but {stands}: a state is admitted "
                    "once its admission was launched and its memorandum of obligations signed",
                    where=where,
                    fix=f"launch {display(state)}'s admission and record its memorandum first",
                )
            elif not _at_a_regular_meeting(event, where):
                yield Breach(
                    f"{display(state)} becomes a member on {day} other than by a decision of a "
                    "regular meeting of the Council of Heads of State",
                    where=where,
                    fix="record the admission as an admit_member decision of the regular meeting",
                )
    for where, decision in decisions_with_paths(event):
        if (
            isinstance(decision, MembershipDecision)
            and decision.kind == "launch_admission"
            and decision.adopted
            and world.status_on(decision.state, day) in (None, "member", "withdrawn")
        ):
            stands = _words(_where(world.status_on(decision.state, day), None))
            yield Breach(
                f"the admission of {display(decision.state)} is launched on {day}, but it "
                f"{stands}: a launch is for an observer, a dialogue partner, a partner or an "
                "applicant",
                where=where,
                fix=f"grant {display(decision.state)} a status, or record its application, first",
            )


@REGISTRY.rule(
    "sco.status.partner",
    kinds=("membership", "decisions"),
    citation="CHS decision, Tianjin, 1 Sep 2025 (Tianjin Declaration: observer and "
    "dialogue-partner status merged into the status of SCO partner)",
    since=MERGER.replace(day=MERGER.day + 1),
)
def partner_status(event: Event, world: Timeline) -> Iterator[Finding]:
    """From the Tianjin merger, no state becomes an observer or a dialogue partner: it becomes a partner.

    The meeting of 1 September 2025 merged the two statuses into one, "SCO partner",
    and turned every observer and dialogue partner into a partner. From the next day,
    a state entering either of the old statuses is a violation.
    """
    for state, status, where in membership_effect(event):
        if status in ("observer", "dialogue_partner"):
            yield Breach(
                f"{display(state)} becomes {status.replace('_', ' ')} on {event.date}, but the "
                f"Tianjin meeting of {MERGER} merged that status into SCO partner",
                where=where,
                fix="status: partner",
            )
