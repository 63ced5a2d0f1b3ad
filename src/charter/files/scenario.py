"""Scenario and proposal files: their models.

A scenario is a baseline, a list of events and a list of expectations. A
proposal is one session not yet held (an event with a ``session``), checked
against a history. Loading them is ``charter.files.loading``; what is wrong in a
file, and where, is said by ``charter.files.located``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Annotated, Literal, TypeVar

from pydantic import (
    BeforeValidator,
    PrivateAttr,
    model_validator,
)

from charter.engine.dates import Day
from charter.engine.errors import shown
from charter.engine.model import (
    Event,
    EventId,
    Frozen,
    Session,
    Text,
)
from charter.engine.packs import (
    DEFAULT_RULEBOOK,
    active,
    get_rulebook,
    rulebook_ids,
    unknown_rulebook,
    validated_under,
    words_of,
)
from charter.files.expecting import (
    Expectation,
    ProjectedYear,
    Projection,
)

__all__ = [
    "FORMAT_VERSION",
    "Baseline",
    "Expectation",
    "Origin",
    "ProjectedYear",
    "Projection",
    "Proposal",
    "Scenario",
]


_T = TypeVar("_T")

FORMAT_VERSION = 1
"""The version of the file format this charter reads and writes (a file may name it)."""


def _format_version(value: object) -> object:
    """A file's ``format_version``: this one, or a clear word on what to do with another."""
    if type(value) is not int:
        raise ValueError(f"{shown(value)} is not a format version (expected {FORMAT_VERSION})")
    if value > FORMAT_VERSION:
        raise ValueError(
            f"{value} is a newer format than this charter reads ({FORMAT_VERSION}): "
            "upgrade charter to read this file"
        )
    if value < FORMAT_VERSION:
        raise ValueError(f"{value} is not a format (the first is 1): write {FORMAT_VERSION}")
    return value


FormatVersion = Annotated[Literal[1], BeforeValidator(_format_version)]
"""The format a file says it is written in; a file that names none is read as the current one."""


def _baseline_shorthand(value: object) -> object:
    if isinstance(value, str):
        return {"record": value}
    if isinstance(value, dict) and len(value) == 1:
        ((key, until),) = value.items()
        if isinstance(key, str) and key not in Baseline.model_fields:
            return {"record": key, "until": until}
    return value


def _record_of_rulebook(value: object) -> object:
    """A baseline's record: ``empty``, or the embedded record of the file's rulebook.

    Outside ``validating`` (a model built directly) any rulebook's record is taken
    here, and the scenario then checks that it is its own rulebook's.
    """
    own = active().id
    if value in ("empty", own) or (validated_under() is None and value in rulebook_ids()):
        return value
    if isinstance(value, str) and value in rulebook_ids():
        raise ValueError(
            f"{shown(value)} is the record of another rulebook (this file's is {own!r}: "
            f"expected 'empty' or {own!r})"
        )
    raise ValueError(f"{shown(value)} is not allowed (expected 'empty' or {own!r})")


def _installed_rulebook(value: object) -> object:
    if isinstance(value, str) and value in rulebook_ids():
        return value
    raise ValueError(unknown_rulebook(value))


RulebookId = Annotated[str, BeforeValidator(_installed_rulebook)]
"""The id of an installed rulebook pack (``charter rulebooks`` lists them)."""


class Baseline(Frozen):
    """What a scenario starts from: nothing, or its rulebook's embedded record up to a day."""

    record: Annotated[str, BeforeValidator(_record_of_rulebook)] = "empty"
    until: Day | None = None


def _words_checked(loaded: _T, events: list[tuple[str, Event]]) -> _T:
    """``loaded``, once every word in it is known to be one of its own rulebook's.

    Files are read with their rulebook's vocabulary in force (``validating``), so
    each wrong word is reported where it stands and nothing is left to do here. A
    model built directly, with no rulebook in force, took the words of any
    installed rulebook: they are checked against its own rulebook now.
    """
    rulebook: str = getattr(loaded, "rulebook", DEFAULT_RULEBOOK)
    if validated_under() == rulebook:
        return loaded
    baseline = getattr(loaded, "baseline", None)
    record = baseline.record if isinstance(baseline, Baseline) else "empty"
    if record not in ("empty", rulebook):
        raise ValueError(
            f"baseline: {shown(record)} is the record of another rulebook (this file's is "
            f"{rulebook!r}: expected 'empty' or {rulebook!r})"
        )
    for where, word, category in _words(events):
        if word not in words_of(rulebook, category):
            raise ValueError(
                f"{where}: {shown(word)} is not one of rulebook {rulebook!r}'s {category}"
            )
    own = get_rulebook(rulebook).rule_ids()
    for index, expectation in enumerate(getattr(loaded, "expect", ())):
        spec = expectation.violation or expectation.no_violation
        if spec is not None and spec.rule not in own:
            raise ValueError(f"expect[{index}]: {shown(spec.rule)} is not a rule of {rulebook!r}")
    return loaded


def _words(events: list[tuple[str, Event]]) -> Iterator[tuple[str, str, str]]:
    """Every vocabulary word in ``events``: where it stands, the word, its category."""
    for at, event in events:
        prefix = f"{at}." if at else ""
        if event.membership is not None:
            yield f"{prefix}membership.status", event.membership.status, "statuses"
            if event.membership.step is not None:
                yield f"{prefix}membership.step", event.membership.step, "steps"
        if event.office is not None:
            yield f"{prefix}office.role", event.office.role, "roles"
        if event.seat is not None:
            yield f"{prefix}seat.role", event.seat.role, "seat_capacities"
        if event.scheduled is not None:
            yield f"{prefix}scheduled.kind", event.scheduled.kind, "session_kinds"
            if event.scheduled.body is not None:
                yield f"{prefix}scheduled.body", event.scheduled.body, "bodies"
        if event.session is not None:
            yield f"{prefix}session.kind", event.session.kind, "session_kinds"
            if event.session.body is not None:
                yield f"{prefix}session.body", event.session.body, "bodies"
            for n, person in enumerate(event.session.participants or ()):
                yield f"{prefix}session.participants[{n}].capacity", person.capacity, "capacities"


class Origin(Frozen):
    """Where a scenario came from: its file, and the position of each event in it."""

    path: str
    prefix: Mapping[str, str] = {}
    fields: Mapping[str, tuple[int, int]] = {}

    def locate(self, event_id: str | None, where: str = "") -> tuple[int, int]:
        """Line and column of an event (or of a field inside it); ``(0, 0)`` when unknown.

        ``where`` is a path inside the event such as ``session.chair``; when the file
        has no such entry, the nearest enclosing one is used.
        """
        if event_id is None or event_id not in self.prefix:
            return (0, 0)
        base = self.prefix[event_id]
        parts = where.split(".") if where else []
        while True:
            path = ".".join(part for part in (base, *parts) if part)
            if path in self.fields:
                return self.fields[path]
            if not parts:
                return self.fields.get(base, (1, 1))
            last = parts[-1]
            if last.endswith("]"):
                parts[-1] = last[: last.rindex("[")]
            else:
                parts.pop()


class Scenario(Frozen):
    """A scenario: a baseline, events in file order, and expectations."""

    format_version: FormatVersion | None = None
    rulebook: RulebookId = DEFAULT_RULEBOOK
    title: Text | None = None
    description: Text | None = None
    baseline: Annotated[Baseline, BeforeValidator(_baseline_shorthand)] = Baseline()
    events: tuple[Event, ...] = ()
    expect: tuple[Expectation, ...] = ()
    projection: Projection | None = None
    _origin: Origin | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _in_its_rulebook(self) -> Scenario:
        return _words_checked(
            self, [(f"events[{n}]", event) for n, event in enumerate(self.events)]
        )

    @property
    def history_baseline(self) -> Baseline:
        """What the scenario starts from (its ``baseline``)."""
        return self.baseline

    @property
    def origin(self) -> Origin | None:
        """The file this scenario was read from, and where each event is in it."""
        return self._origin

    def located(self, origin: Origin | None) -> Scenario:
        """A copy that knows where it was read from."""
        copy = self.model_copy()
        copy._origin = origin
        return copy


class Proposal(Frozen):
    """A proposed session: an event holding a ``session``, with optional expectations."""

    format_version: FormatVersion | None = None
    rulebook: RulebookId = DEFAULT_RULEBOOK
    title: Text | None = None
    description: Text | None = None
    baseline: Annotated[Baseline, BeforeValidator(_baseline_shorthand)] | None = None
    id: EventId
    date: Day
    session: Session
    expect: tuple[Expectation, ...] = ()
    _origin: Origin | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _in_its_rulebook(self) -> Proposal:
        return _words_checked(self, [("", self.as_event())])

    @property
    def history_baseline(self) -> Baseline:
        """What the proposal is checked against: its baseline, or its rulebook's whole record."""
        # Built, not validated: the rulebook's own record is always a valid baseline for it.
        if self.baseline is not None:
            return self.baseline
        return Baseline.model_construct(record=self.rulebook, until=None)

    @property
    def origin(self) -> Origin | None:
        """The file this proposal was read from."""
        return self._origin

    def located(self, origin: Origin | None) -> Proposal:
        """A copy that knows where it was read from."""
        copy = self.model_copy()
        copy._origin = origin
        return copy

    def as_event(self) -> Event:
        """The proposed session as an event that a replay can fold."""
        return Event(id=self.id, date=self.date, session=self.session)


# --- loading -------------------------------------------------------------------------------
