"""Article 13: who chairs the Council, where a regular session meets, for how long; its bodies.

The seats and attendance rules live in ``charter.rulebooks.csto.rules.art13_seats`` and are
re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from charter.engine._terms import presidency_unknown
from charter.engine.model import (
    SEAT_CAPACITIES,
    Confidence,
    EstablishBody,
    Event,
    MembershipStatus,
    NameChair,
    PassChairmanship,
    SessionKind,
    SetHost,
    Severity,
)
from charter.engine.registry import Breach, Finding, Unknown
from charter.engine.timeline import Timeline, decisions_with_paths, membership_effect
from charter.rulebooks.csto.rules._registry import rule
from charter.rulebooks.csto.rules.art13_seats import CHARTER_IN_FORCE, CITATION, attendance, seat
from charter.rulebooks.csto.rules.membership import IN_GOOD_STANDING
from charter.rulebooks.csto.states import display

__all__ = [
    "CHARTER_IN_FORCE",
    "ExpectedChair",
    "attendance",
    "bodies",
    "chair",
    "expected_chair",
    "host",
    "seat",
    "tenure",
]


def _resting_on_low_confidence(what: str, where: str) -> Breach:
    return Breach(
        f"the session is {what} on the strength of a Council decision the record holds only "
        "with low confidence (inferred, not found in a source)",
        where=where,
        fix="confirm the decision from a source and raise its confidence, or expect this warning",
        severity=Severity.WARNING,
    )


@dataclass(frozen=True, slots=True)
class ExpectedChair:
    """Who should chair a session, on what basis, and whether that rests on a low-confidence decision.

    ``basis`` is ``named`` (a Council decision), ``presides`` (the presiding state
    since ``since``) or ``host`` (no state presides yet: the host's head).
    """

    state: str | None
    person: str | None
    basis: str
    since: date | None = None
    low_confidence: bool = False

    @property
    def why(self) -> str:
        """The basis in words."""
        if self.basis == "named":
            return "named by a Council decision"
        if self.basis == "presides":
            return f"{display(self.state)} presides since {self.since}"
        return (
            f"no state presides yet, so the head of the host state, {display(self.state)}, chairs"
        )

    def words(self) -> str:
        """The expected chair as a reader would name them."""
        return f"{self.person} ({display(self.state)})" if self.person else display(self.state)


def expected_chair(event: Event, world: Timeline) -> ExpectedChair | None:
    """Who should chair this session; ``None`` when the record cannot say."""
    found = _expected(event, world)
    return ExpectedChair(*found) if found is not None else None


_Expected = tuple[str | None, str | None, str, date | None, bool]
"""An expected chair as plain values, in the order of ``ExpectedChair``'s fields."""


def _expected(event: Event, world: Timeline) -> _Expected | None:
    """``expected_chair`` as plain values: the chair rule asks it of every session."""
    session = event.session
    if session is None:
        return None
    day = event.date
    # Only a session that decides, or one an earlier decision names, can be overridden.
    overrides = (
        world.overrides_for(event) if session.decisions or event.id in world.overrides else None
    )
    named = [found for found in overrides if isinstance(found, NameChair)] if overrides else None
    if named:
        last = named[-1]
        return (last.state, last.person, "named", None, last.confidence is Confidence.LOW)
    presidency = world.presidency_on(day)
    since: date | None = None
    if presidency is not None:
        if presidency.state is None:
            return None
        state, basis, since = presidency.state, "presides", world.presiding_since(day)
    elif session.kind == SessionKind.REGULAR and session.host is not None:
        state, basis = session.host, "host"
    else:
        return None
    for person in session.participants or ():
        if person.state == state and person.capacity in SEAT_CAPACITIES and person.person:
            return (state, person.person, basis, since, False)
    holder = world.seat_holder_on(state, day)
    return (state, holder.person if holder is not None else None, basis, since, False)


@rule(
    "art13.chair",
    kinds=("session",),
    citation=f"{CITATION} (Chairman of the Council; 'unless the Council decides otherwise')",
    since=CHARTER_IN_FORCE,
    severity_note="warning, not error, where the session is exempt only by a Council decision "
    "that the record holds with low confidence",
)
def chair(event: Event, world: Timeline) -> Iterator[Finding]:
    """Every session is chaired by the seat-holder of the presiding state, unless the Council names another.

    The Chairman is the head of the state that hosts the regular session and keeps the
    office until the next regular session, so the presiding state's seat-holder chairs
    every session of the term, regular or not. Before any state presides, the head of
    the host state chairs a regular session. A Council decision may name someone else.
    """
    session = event.session
    if session is None:
        return
    given = session.chair
    if given is None or (given.person is None and given.state is None):
        yield Unknown("the record does not say who chaired this session", "session.chair")
        return
    found = _expected(event, world)
    if found is None:
        yield Unknown(presidency_unknown(world, event.date), "session.chair")
        return
    state, person, _, _, low_confidence = found
    if low_confidence:
        yield _resting_on_low_confidence(
            "chaired by someone other than the presiding state", "session.chair"
        )
    if given.state is not None and state is not None and given.state != state:
        expected = ExpectedChair(*found)  # built only to be put in words
        wanted, why = expected.words(), expected.why
        yield Breach(
            f"chaired by {given.person or display(given.state)} for {display(given.state)}; "
            f"expected {wanted}: {why}",
            where="session.chair",
            fix=f"chair: {wanted}, or record the Council's decision naming this chair",
        )
    elif given.person is not None and person is not None and given.person != person:
        expected = ExpectedChair(*found)
        wanted, why = expected.words(), expected.why
        yield Breach(
            f"chaired by {given.person}; expected {wanted}: {why}",
            where="session.chair",
            fix=f"chair: {wanted}, or record the Council's decision naming this chair",
        )
    elif given.person is not None and person is None and state is not None:
        yield Unknown(
            f"the record does not say who held {display(state)}'s seat on {event.date}",
            "session.chair",
        )


@rule(
    "art13.host",
    kinds=("session",),
    citation=f"{CITATION} (the Chairman is the head of the state hosting the regular session)",
    since=CHARTER_IN_FORCE,
    severity_note="warning, not error, where the session is exempt only by a Council decision "
    "that the record holds with low confidence",
)
def host(event: Event, world: Timeline) -> Iterator[Finding]:
    """A regular session meets in the presiding state (by video: it organises it), unless the Council decides otherwise.

    Because the head of the host state chairs the regular session, a regular session
    held elsewhere than in the presiding state needs a Council decision. Extraordinary,
    informal and anniversary sessions may meet anywhere.
    """
    session = event.session
    if session is None or session.kind != SessionKind.REGULAR:
        return
    overrides = world.overrides_for(event)
    decided = [found for found in overrides if isinstance(found, SetHost)] if overrides else None
    if decided:
        expected, why = decided[-1].state, "as the Council decided"
        if decided[-1].confidence is Confidence.LOW and session.host == expected:
            yield _resting_on_low_confidence("held outside the presiding state", "session.host")
    else:
        presidency = world.presidency_on(event.date)
        if presidency is None:
            return  # no state presides yet: the host's head simply becomes Chairman
        if presidency.state is None:
            yield Unknown(presidency_unknown(world, event.date), "session.host")
            return
        expected, why = presidency.state, f"{display(presidency.state)} presides"
    if session.host is None:
        yield Unknown("the record does not say where the session was held", "session.host")
    elif session.host != expected:
        yield Breach(
            f"the regular session is held in {display(session.host)}, but {why}",
            where="session.host",
            fix=f"host: {expected}, or record the Council's decision (kind: set_host)",
        )


@rule(
    "art13.tenure",
    kinds=("membership", "session", "decision"),
    citation=f"{CITATION} (the Chairman keeps his rights and duties until the next regular session)",
    since=CHARTER_IN_FORCE,
)
def tenure(event: Event, world: Timeline) -> Iterator[Finding]:
    """The chairmanship passes only at a regular session, once, to a member, never backdated.

    The Chairman keeps the office until the next regular session, so the presidency
    changes hands there and nowhere else: at its close, or on a later day the Council
    fixes (since 2023, 1 January). Each regular session names the next presiding
    state, exactly once, and that state is a member taking part in the Council (not
    suspended or withdrawn). The Charter does not bar a member that declared its
    participation frozen; handing it the presidency departs only from practice.
    """
    listed = decisions_with_paths(event)
    is_regular = event.session is not None and event.session.kind == SessionKind.REGULAR
    if not listed and not is_regular and event.membership is None:
        return  # nothing here touches the chairmanship
    presidency = world.presidency_on(event.date)
    for state, status, where in membership_effect(event):
        if (
            presidency is not None
            and state == presidency.state
            and status != MembershipStatus.MEMBER
        ):
            yield Unknown(
                f"{display(state)}, the presiding state, becomes {status}: the Charter does "
                "not say who presides until the next regular session",
                where,
            )
    passes = [
        (where, found)
        for where, found in listed
        if isinstance(found, PassChairmanship) and found.adopted
    ]
    if not is_regular:
        for where, _ in passes:
            yield Breach(
                "the chairmanship is handed over outside a regular session",
                where=where,
                fix="hand it over at the next regular session",
            )
        return
    if not passes:
        yield Breach(
            f"the regular session of {event.date} does not name the next presiding state",
            where="session.decisions",
            fix="add a decision {kind: pass_chairmanship, to: STATE} (to: unknown if not recorded)",
        )
    for where, handover in passes[1:]:
        yield Breach(
            f"a second handover at one session (to {display(handover.to)}): "
            "two states cannot hold the chairmanship",
            where=where,
            fix="keep one pass_chairmanship decision per regular session",
        )
    for where, handover in passes:
        if handover.effective is not None and handover.effective < event.date:
            yield Breach(
                f"the handover takes effect on {handover.effective}, before the session of {event.date}",
                where=where,
                fix=f"effective: {event.date} or later",
            )
        standing = world.status_on(handover.to, event.date) if handover.to else None
        # A frozen member is still a member in law: the Charter does not bar it from the
        # chair (practice.rotation reports the departure from practice).
        if handover.to is not None and standing not in IN_GOOD_STANDING:
            yield Breach(
                f"the chairmanship passes to {display(handover.to)}, which is "
                f"{standing if standing else 'not a party'} on {event.date}: it takes no "
                "part in the Council, so its head cannot chair it",
                where=where,
                fix="pass the chairmanship to a member in full standing (see the rotation)",
            )


@rule(
    "art13.bodies",
    kinds=("decisions",),
    citation=f"{CITATION} (working and subsidiary bodies, permanent or temporary)",
    since=CHARTER_IN_FORCE,
)
def bodies(event: Event, world: Timeline) -> Iterator[Finding]:
    """The Council sets up working and subsidiary bodies, each either permanent or until a stated day.

    A body is permanent or temporary: a decision that says neither, or both, or ends
    the body before it starts, is a violation, as is setting up a body under the name
    of one that still exists.
    """
    for where, found in decisions_with_paths(event):
        if not isinstance(found, EstablishBody) or not found.adopted:
            continue
        if found.permanent and found.until is not None:
            yield Breach(
                f"{found.body!r} is set up both as permanent and until {found.until}",
                where=where,
                fix="drop until: for a permanent body, or permanent: for a temporary one",
            )
        elif not found.permanent and found.until is None:
            yield Breach(
                f"{found.body!r} is set up neither as permanent nor until a day",
                where=where,
                fix="add permanent: true, or until: YYYY-MM-DD",
            )
        if found.until is not None and found.until <= event.date:
            yield Breach(
                f"{found.body!r} would end on {found.until}, before it is set up",
                where=where,
                fix=f"until: a day after {event.date}",
            )
        for body in world.bodies.get(found.body, []):
            if body.until is None or body.until > event.date:
                yield Breach(
                    f"{found.body!r} already exists (set up on {body.start})",
                    where=where,
                    fix="give the new body another name, or end the existing one first",
                )
                break
