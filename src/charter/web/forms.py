"""The check page's form: a proposed session as form fields, as a proposal file, and its fixes.

The form never holds anything the command line would not read: it is turned into
the text of a proposal file, and that text is loaded by the same reader as a
file given to ``charter check``. A fix is offered only when it has been tried:
the edited proposal is checked again and the finding is gone, with no new error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from charter.engine._days import parse_date
from charter.engine._installed import display
from charter.engine.check import check_session, default_history
from charter.engine.model import Capacity, MembershipStatus, Role, SessionFormat, SessionKind
from charter.engine.packs import DEFAULT_RULEBOOK
from charter.engine.results import ScenarioReport, Violation
from charter.files.loading import load_text
from charter.files.scenario import Proposal

__all__ = [
    "PROPOSAL_NAME",
    "Fix",
    "ProposalForm",
    "RecordOnDate",
    "fixes",
    "record_on",
]

PROPOSAL_NAME = "proposal.yaml"
"""The name a proposal built on the page goes by in its report (and its download)."""

_FIELD = re.compile(r"session\.participants\[(\d+)\]")


@dataclass(frozen=True, slots=True)
class Row:
    """One participant row of the form; blank fields are empty strings."""

    person: str = ""
    state: str = ""
    capacity: str = ""

    @property
    def blank(self) -> bool:
        """A row with nothing in it is left out of the proposal."""
        return not (self.person or self.state or self.capacity)


@dataclass(frozen=True, slots=True)
class ProposalForm:
    """What the check form holds, field by field, as submitted (strings, possibly empty)."""

    date: str = ""
    id: str = "proposed-session"
    kind: str = SessionKind.REGULAR.value
    format: str = SessionFormat.IN_PERSON.value
    host: str = ""
    city: str = ""
    chair_person: str = ""
    chair_state: str = ""
    pass_to: str = ""
    effective: str = ""
    rows: tuple[Row, ...] = field(default=())

    @classmethod
    def from_query(
        cls, fields: Mapping[str, str], lists: Mapping[str, Sequence[str]]
    ) -> ProposalForm:
        """The form from query or form fields; participants come as parallel lists."""
        people, states, capacities = (
            list(lists.get(name, ())) for name in ("p_person", "p_state", "p_capacity")
        )
        count = max(len(people), len(states), len(capacities))

        def at(values: list[str], index: int) -> str:
            return values[index].strip() if index < len(values) else ""

        rows = tuple(
            row
            for row in (Row(at(people, i), at(states, i), at(capacities, i)) for i in range(count))
            if not row.blank
        )
        simple = {name: fields.get(name, "").strip() for name in _SIMPLE}
        return cls(
            **{key: value for key, value in simple.items() if value or key not in _DEFAULTED},
            rows=rows,
        )

    def query(self) -> list[tuple[str, str]]:
        """The form as query fields: a permalink that reproduces the check."""
        out = [(name, getattr(self, name)) for name in _SIMPLE if getattr(self, name)]
        for row in self.rows:
            out += [("p_person", row.person), ("p_state", row.state), ("p_capacity", row.capacity)]
        return out

    def document(self) -> dict[str, Any]:
        """The proposal as the data of a proposal file (blank fields left out)."""
        session: dict[str, Any] = {"kind": self.kind, "format": self.format}
        if self.host:
            session["host"] = self.host
        if self.city:
            session["city"] = self.city
        chair = {
            key: value
            for key, value in (("person", self.chair_person), ("state", self.chair_state))
            if value
        }
        if chair:
            session["chair"] = chair
        if self.rows:
            session["participants"] = [
                {
                    key: value
                    for key, value in (
                        ("person", row.person),
                        ("state", row.state),
                        ("capacity", row.capacity),
                    )
                    if value
                }
                for row in self.rows
            ]
        if self.pass_to:
            decision = {"kind": "pass_chairmanship", "to": self.pass_to}
            if self.effective:
                decision["effective"] = self.effective
            session["decisions"] = [decision]
        return {"baseline": DEFAULT_RULEBOOK, "id": self.id, "date": self.date, "session": session}

    def text(self) -> str:
        """The proposal file: YAML that ``charter check`` reads unchanged."""
        header = "# A proposed Council session; check it with: charter check FILE\n"
        return header + yaml.safe_dump(self.document(), sort_keys=False, allow_unicode=True)

    def load(self) -> Proposal:
        """The proposal, read from its file text by the reader every file goes through."""
        loaded = load_text(PROPOSAL_NAME, self.text())
        if not isinstance(loaded, Proposal):  # pragma: no cover - the text always has a session
            raise TypeError("the form did not make a proposal")
        return loaded

    def day(self) -> dt.date | None:
        """The form's date, or ``None`` when it is not a date."""
        try:
            return parse_date(self.date)
        except ValueError:
            return None


_SIMPLE = (
    "date",
    "id",
    "kind",
    "format",
    "host",
    "city",
    "chair_person",
    "chair_state",
    "pass_to",
    "effective",
)
_DEFAULTED = frozenset({"id", "kind", "format"})


@dataclass(frozen=True, slots=True)
class Fix:
    """An edit of the form that makes one finding go away, tried and found to work."""

    label: str
    form: ProposalForm


def _candidates(
    form: ProposalForm, found: Violation, advice: Mapping[str, Any]
) -> Iterator[tuple[str, ProposalForm]]:
    """Edits of the form that may clear ``found``, from what would be valid on its date."""
    where = found.where or ""
    chair = advice.get("chair")
    if where.startswith("session.chair") and isinstance(chair, dict):
        person, state = chair.get("person") or "", chair.get("state") or ""
        yield (
            f"chair: {person or 'seat-holder'} ({display(state)})",
            replace(form, chair_person=person, chair_state=state),
        )
    host = advice.get("host")
    if where.startswith("session.host") and isinstance(host, str):
        yield f"host: {display(host)}", replace(form, host=host)
    nxt = advice.get("next_presiding_state")
    if where.startswith("session.decisions") and isinstance(nxt, str):
        yield f"pass the chairmanship to {display(nxt)}", replace(form, pass_to=nxt)
    match = _FIELD.match(where)
    if match is None or int(match.group(1)) >= len(form.rows):
        return
    index = int(match.group(1))
    row = form.rows[index]
    rows = list(form.rows)
    seats = advice.get("seats")
    seat = seats.get(row.state) if isinstance(seats, dict) else None
    if isinstance(seat, dict) and seat.get("person") and seat.get("person") != row.person:
        rows[index] = Row(seat["person"], row.state, seat.get("role") or row.capacity)
        yield f"seat of {display(row.state)}: {seat['person']}", replace(form, rows=tuple(rows))
    capacities = advice.get("capacities")
    allowed = capacities.get(row.person) if isinstance(capacities, dict) else None
    for capacity in allowed if isinstance(allowed, list) else [Capacity.INVITED.value]:
        if capacity != row.capacity:
            rows = list(form.rows)
            rows[index] = replace(row, capacity=capacity)
            yield (
                f"{row.person or 'participant'} as {capacity.replace('_', ' ')}",
                replace(form, rows=tuple(rows)),
            )
    rows = [other for number, other in enumerate(form.rows) if number != index]
    yield f"leave out {row.person or 'this participant'}", replace(form, rows=tuple(rows))


def _key(found: Violation) -> tuple[str, str | None, str]:
    return (found.rule, found.where, found.message)


def fixes(form: ProposalForm, report: ScenarioReport) -> dict[int, Fix]:
    """For each finding (by its index), the first edit that clears it without a new error."""
    advice = report.suggestions or {}
    errors = {_key(found) for found in report.errors()}
    out: dict[int, Fix] = {}
    for number, found in enumerate(report.violations):
        for label, edited in _candidates(form, found, advice):
            try:
                after = check_session(edited.load())
            except ValueError:
                continue
            cleared = not any(
                other.rule == found.rule and other.where == found.where
                for other in after.violations
            )
            new_errors = {_key(other) for other in after.errors()} - errors
            if cleared and not new_errors:
                out[number] = Fix(label, edited)
                break
    return out


@dataclass(frozen=True, slots=True)
class Person:
    """Someone in office on the day: who, for which state, in which office."""

    name: str
    state: str | None
    role: str


@dataclass(frozen=True, slots=True)
class RecordOnDate:
    """What the form offers on a day: states with their status, the people in office."""

    day: dt.date
    states: tuple[tuple[str, str], ...]
    people: tuple[Person, ...]
    presiding: str | None


def record_on(day: dt.date) -> RecordOnDate:
    """The states (with their status) and the people in office on ``day``, from the record."""
    timeline = default_history().timeline
    states: list[tuple[str, str]] = []
    people: list[Person] = []
    for state in timeline.states():
        status = timeline.status_on(state, day)
        if status is None:
            continue
        states.append((state, status))
        if status == MembershipStatus.WITHDRAWN:
            continue
        for role in Role:
            if role == Role.SECRETARY_GENERAL:
                continue
            holder = timeline.holder_on(state, role, day)
            if holder is not None and holder.person:
                people.append(Person(holder.person, state, role.value))
    spell = timeline.secretary_general_on(day)
    if spell is not None and spell.person:
        people.append(Person(spell.person, None, Role.SECRETARY_GENERAL.value))
    presidency = timeline.presidency_on(day)
    return RecordOnDate(day, tuple(states), tuple(people), presidency.state if presidency else None)


def seated_form(day: dt.date, base: ProposalForm) -> ProposalForm:
    """A form for ``day`` with the record's seat-holders of the members as participants."""
    record = record_on(day)
    rows = tuple(
        Row(person.name, person.state or "", person.role)
        for person in record.people
        if person.role in (Role.HEAD_OF_STATE.value, Role.HEAD_OF_GOVERNMENT.value)
        and person.state is not None
        and dict(record.states).get(person.state) == MembershipStatus.MEMBER.value
        and default_history().timeline.seat_role_on(person.state, day) == person.role
    )
    return replace(base, rows=rows)
