"""The model of the Council's world: states, offices, membership, sessions and decisions.

Every value is a frozen pydantic model that rejects unknown keys; a change makes
a new object. A field that may be unknown is ``None`` (``null`` in a file, or
the word ``unknown``), and rules that need it answer "unknown" rather than guess.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    model_validator,
)

from charter.engine._iso3166 import ALPHA3
from charter.engine.dates import Day
from charter.engine.errors import CONTROL, control_message
from charter.engine.packs import state_capacities, word_check

__all__ = [
    "MEMBER_OFFICIAL_CAPACITIES",
    "SEAT_CAPACITIES",
    "UNKNOWN_PERSON",
    "Capacity",
    "Chair",
    "Confidence",
    "Contested",
    "Decision",
    "Event",
    "EventId",
    "Frozen",
    "GrantStatus",
    "MembershipChange",
    "MembershipStatus",
    "OfficeChange",
    "Participant",
    "PersonName",
    "Role",
    "RuleId",
    "ScheduledSession",
    "SeatChange",
    "Session",
    "SessionFormat",
    "SessionKind",
    "Severity",
    "StateCode",
]


class Frozen(BaseModel):
    """Base of every model: immutable, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


def _known_state(code: str) -> str:
    if code not in ALPHA3:
        raise ValueError(f"{code!r} is not a state code (expected ISO 3166-1 alpha-3, such as FRA)")
    return code


def _unknown_is_none(value: object) -> object:
    return None if value == "unknown" else value


def _printable(text: str) -> str:
    """Refuse a control character in a name or a text, whoever built the model (a file or a program)."""
    if CONTROL.search(text):
        raise ValueError(control_message(text))
    return text


StateCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$"), AfterValidator(_known_state)]
"""A state, by ISO 3166-1 alpha-3 code: ``FRA``, ``DEU``..."""

EventId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")]
"""An event's id: letters, digits, ``.``, ``_`` and ``-``, at most 80 characters."""

PersonName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=120),
    AfterValidator(_printable),
]
"""A person, by the name the record uses (``Emomali Rahmon``)."""

RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(\.[a-z0-9-]+)+$")]
"""A rule id such as ``membership.transition``: the rulebook files its rules under their ids."""

Text = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_printable)]

Unknowable = BeforeValidator(_unknown_is_none)

RoleWord = Annotated[str, BeforeValidator(word_check("roles"))]
"""An office, one of the roles of the file's rulebook (``head_of_state``...)."""

StatusWord = Annotated[str, BeforeValidator(word_check("statuses"))]
"""A membership status, one of the statuses of the file's rulebook (``member``...)."""

CapacityWord = Annotated[str, BeforeValidator(word_check("capacities"))]
"""A capacity in which a person takes part, one of the file's rulebook."""

SeatRoleWord = Annotated[str, BeforeValidator(word_check("seat_capacities"))]
"""An office whose holder sits for a state, one of the seat capacities of the file's rulebook."""

SessionKindWord = Annotated[str, BeforeValidator(word_check("session_kinds"))]
"""A kind of session, one of the file's rulebook (``regular``...)."""

BodyWord = Annotated[str, BeforeValidator(word_check("bodies"))]
"""A council of the rulebook; the first of its bodies is the one whose presidency the engine follows."""

StepWord = Annotated[str, BeforeValidator(word_check("steps"))]
"""How far a state has gone in a procedure of the rulebook (an admission in steps)."""

UNKNOWN_PERSON = "unknown"
"""Written as an office's ``person``: someone held the office, and the record does not say who."""


class Role(StrEnum):
    """The offices of the first rulebook (the default); the words a rulebook's files use are its vocabulary."""

    HEAD_OF_STATE = "head_of_state"
    HEAD_OF_GOVERNMENT = "head_of_government"
    FOREIGN_MINISTER = "foreign_minister"
    DEFENCE_MINISTER = "defence_minister"
    SECURITY_COUNCIL_SECRETARY = "security_council_secretary"
    PERMANENT_REPRESENTATIVE = "permanent_representative"
    SECRETARY_GENERAL = "secretary_general"


class MembershipStatus(StrEnum):
    """The membership statuses of the first rulebook (the default)."""

    SIGNATORY = "signatory"
    MEMBER = "member"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"
    FROZEN = "frozen"


class SessionKind(StrEnum):
    """The kinds of session of the first rulebook (the default)."""

    REGULAR = "regular"
    EXTRAORDINARY = "extraordinary"
    INFORMAL = "informal"
    ANNIVERSARY = "anniversary"


class SessionFormat(StrEnum):
    """How a session met."""

    IN_PERSON = "in_person"
    VIDEO = "video"
    HYBRID = "hybrid"


class Capacity(StrEnum):
    """The capacities of the first rulebook (the default) in which a person takes part in a session."""

    HEAD_OF_STATE = "head_of_state"
    HEAD_OF_GOVERNMENT = "head_of_government"
    FOREIGN_MINISTER = "foreign_minister"
    DEFENCE_MINISTER = "defence_minister"
    SECURITY_COUNCIL_SECRETARY = "security_council_secretary"
    PERMANENT_REPRESENTATIVE = "permanent_representative"
    SECRETARY_GENERAL = "secretary_general"
    INVITED = "invited"
    OTHER = "other"


SEAT_CAPACITIES = frozenset({Capacity.HEAD_OF_STATE, Capacity.HEAD_OF_GOVERNMENT})
"""Capacities in which a person holds a member's seat in the Council."""

MEMBER_OFFICIAL_CAPACITIES = frozenset(
    {
        Capacity.FOREIGN_MINISTER,
        Capacity.DEFENCE_MINISTER,
        Capacity.SECURITY_COUNCIL_SECRETARY,
        Capacity.PERMANENT_REPRESENTATIVE,
    }
)
"""Capacities in which a member's officials attend without holding its seat (by the default rulebook's vocabulary)."""


class Severity(StrEnum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Confidence(StrEnum):
    """How well a fact is sourced: high (stated by a cited source), medium, low (flagged)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class MembershipChange(Frozen):
    """A state's membership status changes on the event's date (signature, lapse, freeze...)."""

    state: StateCode
    status: StatusWord
    step: StepWord | None = None
    """How far the state has gone in a procedure in steps (the rulebook's words), if any."""
    basis: Text | None = None


class OfficeChange(Frozen):
    """A person takes an office on the event's date; ``person: null`` leaves it vacant.

    ``person: unknown`` says someone held it whom the record does not name: from
    then on, a question about the holder is answered "unknown", not "vacant".
    For ``secretary_general``, ``state`` is the holder's citizenship; an SG who is
    not acting takes office through an ``appoint_secretary_general`` decision instead.
    """

    state: StateCode
    role: RoleWord
    person: PersonName | None
    acting: StrictBool = False


class SeatChange(Frozen):
    """From the event's date, the state's Council seat is held by the holder of ``role``."""

    state: StateCode
    role: SeatRoleWord


class Participant(Frozen):
    """A person taking part in a session, for a state, in a capacity."""

    person: Annotated[PersonName | None, Unknowable]
    state: StateCode | None = None
    capacity: CapacityWord
    remote: StrictBool = False
    confidence: Confidence = Confidence.HIGH
    """How well the person's presence is sourced (``low``: implied, not stated)."""

    @model_validator(mode="after")
    def _state_when_needed(self) -> Participant:
        needs_state = self.capacity in state_capacities()
        if needs_state and self.state is None:
            raise ValueError(f"a participant in capacity {self.capacity} needs a state")
        return self


class Chair(Frozen):
    """Who chaired a session: a person, a state, or both; either may be unknown."""

    person: Annotated[PersonName | None, Unknowable] = None
    state: StateCode | None = None


class _DecisionBase(Frozen):
    id: EventId | None = None
    title: Text | None = None
    joined: tuple[StateCode, ...] | None = None
    objected: tuple[StateCode, ...] = ()
    adopted: StrictBool = True
    source: tuple[Text, ...] = ()
    confidence: Confidence = Confidence.HIGH
    note: Text | None = None


class PassChairmanship(_DecisionBase):
    """The chairmanship passes to ``to``, at the session's close or on ``effective``."""

    kind: Literal["pass_chairmanship"]
    to: Annotated[StateCode | None, Unknowable]
    effective: Day | None = None
    until: Day | None = None
    """The first day after the term the Council decided (a presidency "for 2026": 2027-01-01).

    ``None``: the term runs until the next regular session, as the Charter's rule on tenure says.
    """


class NameChair(_DecisionBase):
    """The Council names a chair other than the presiding state's seat-holder for a session."""

    kind: Literal["name_chair"]
    person: PersonName | None = None
    state: StateCode | None = None
    session: EventId | None = None


class SetHost(_DecisionBase):
    """The Council holds a regular session outside the presiding state."""

    kind: Literal["set_host"]
    state: StateCode
    session: EventId | None = None


class AppointSecretaryGeneral(_DecisionBase):
    """The Council appoints a Secretary General for a term."""

    kind: Literal["appoint_secretary_general"]
    person: PersonName
    state: StateCode
    start: Day | None = None
    until: Day | None = None


class MembershipDecision(_DecisionBase):
    """The Council admits, suspends or restores a member, or launches a state's admission."""

    kind: Literal["admit_member", "suspend_member", "restore_member", "launch_admission"]
    state: StateCode


class GrantStatus(_DecisionBase):
    """The Council grants a state a status short of membership (one of the rulebook's statuses)."""

    kind: Literal["grant_status"]
    state: StateCode
    status: StatusWord


class EstablishBody(_DecisionBase):
    """The Council sets up a working or subsidiary body, permanent or until a date."""

    kind: Literal["establish_body"]
    body: Annotated[
        str, StringConstraints(min_length=1, max_length=200), AfterValidator(_printable)
    ]
    permanent: StrictBool = False
    until: Day | None = None


class Statement(_DecisionBase):
    """Any other act (declaration, statement, programme): recorded with who joined."""

    kind: Literal["declaration", "statement", "other"]


Decision = Annotated[
    PassChairmanship
    | NameChair
    | SetHost
    | AppointSecretaryGeneral
    | MembershipDecision
    | GrantStatus
    | EstablishBody
    | Statement,
    Field(discriminator="kind"),
]
"""A Council decision, told apart by its ``kind``."""


class Session(Frozen):
    """A Council session: its kind, format, host, chair, participants and decisions.

    ``body`` names the council that met when the rulebook has several (absent: the
    first, whose presidency the engine follows); ``organiser`` the member organising
    the session when it is not the ``host`` (the state of the venue).
    """

    kind: SessionKindWord
    body: BodyWord | None = None
    format: SessionFormat = SessionFormat.IN_PERSON
    host: Annotated[StateCode | None, Unknowable] = None
    organiser: StateCode | None = None
    city: Text | None = None
    chair: Annotated[Chair | None, Unknowable] = None
    participants: tuple[Participant, ...] | None = None
    decisions: tuple[Decision, ...] = ()


class ScheduledSession(Frozen):
    """A session announced for the event's date and not (yet) recorded as held.

    It changes nothing: no one chairs it, no decision is taken at it. Explanations
    and projections name it as what is due, never as what happened.
    """

    kind: SessionKindWord
    body: BodyWord | None = None
    format: SessionFormat = SessionFormat.IN_PERSON
    host: Annotated[StateCode | None, Unknowable] = None
    city: Text | None = None
    year: Annotated[int, Field(ge=1000, le=8999, strict=True)] | None = None
    """The year the session is due in, when the announcement gives no day: the event's
    date is then the day of the announcement."""
    status: Literal["announced"] = "announced"


class Contested(Frozen):
    """A point the sources disagree on: the reading the record keeps, and the other one.

    ``start`` and ``end`` (half-open; default: the event's day alone) are the days on
    which the two readings give different answers; ``about`` is what they disagree on.
    """

    kept: Text
    other: Text
    source: tuple[Text, ...] = Field(min_length=1)
    start: Day | None = None
    end: Day | None = None
    about: StateCode | Literal["presidency"] | None = None
    """What the readings disagree on: a state's membership, or the presidency. Default:
    the state of a membership event, else the presidency."""


EVENT_KINDS: tuple[str, ...] = ("membership", "office", "seat", "session", "decision", "scheduled")


class Event(Frozen):
    """Something that happened on a date: exactly one of the event kinds, with its sources."""

    id: EventId
    date: Day
    membership: MembershipChange | None = None
    office: OfficeChange | None = None
    seat: SeatChange | None = None
    session: Session | None = None
    decision: Decision | None = None
    scheduled: ScheduledSession | None = None
    source: tuple[Text, ...] = ()
    confidence: Confidence = Confidence.HIGH
    note: Text | None = None
    contested: Contested | None = None

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> Event:
        present = [kind for kind in EVENT_KINDS if getattr(self, kind) is not None]
        if len(present) != 1:
            found = ", ".join(present) if present else "none"
            raise ValueError(
                f"an event has exactly one of {', '.join(EVENT_KINDS)} (found: {found})"
            )
        return self

    @property
    def decides(self) -> bool:
        """True when the event carries a decision (a decision event, or a session that decides)."""
        return self.decision is not None or (
            self.session is not None and bool(self.session.decisions)
        )

    @property
    def kind(self) -> str:
        """Which kind of event this is: one of ``EVENT_KINDS``."""
        # Spelled out rather than looped: replay asks this of every event.
        if self.session is not None:
            return "session"
        if self.decision is not None:
            return "decision"
        if self.membership is not None:
            return "membership"
        if self.office is not None:
            return "office"
        if self.scheduled is not None:
            return "scheduled"
        return "seat"
