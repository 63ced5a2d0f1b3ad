"""The state of the world on any day, built by folding events in order.

Each fact that changes over time (a state's status, who holds an office, which
state presides, who is Secretary General) is a *series*: the days on which it
changed, kept sorted, with the value from each day on. "As of" questions are
answered by binary search, so a query costs O(log n) whatever the history's length.

A change may take effect later than the event that decides it (a chairmanship
handed over in November with effect from 1 January); it is filed under its
effective day. Queries about a day see every change filed on or before it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Mapping
from datetime import date, timedelta
from types import MappingProxyType
from typing import TypeVar, cast

from charter.engine._packnames import DEFAULT_RULEBOOK
from charter.engine.effects import (
    adopted_decisions,
    decisions_with_paths,
    membership_effect,
    step_effect,
)
from charter.engine.model import (
    UNKNOWN_PERSON,
    AppointSecretaryGeneral,
    Decision,
    EstablishBody,
    Event,
    NameChair,
    OfficeChange,
    PassChairmanship,
    Role,
    SetHost,
)
from charter.engine.packs import get_rulebook
from charter.engine.series import Body, Holder, Presidency, SecretaryGeneral, Series
from charter.engine.summaries import SessionSummaries
from charter.files.scenario import Origin

__all__ = [
    "Body",
    "Holder",
    "Presidency",
    "SecretaryGeneral",
    "Series",
    "Timeline",
    "adopted_decisions",
    "decisions_with_paths",
    "membership_effect",
    "step_effect",
]


_T = TypeVar("_T")

MEMO_SIZE = 4096
"""The answers a timeline remembers between queries, at most (then it forgets them all)."""


class Timeline:
    """The world as the events so far have made it; queries answer "as of" a day.

    A *lean* timeline (``keep_events=False``, for streaming replay) keeps every
    fact the rules and queries need, but not the events themselves: its memory
    grows with the changes it records, not with the number of events.
    """

    def __init__(self, *, keep_events: bool = True, rulebook: str | None = None) -> None:
        self.keep_events = keep_events
        self.rulebook = rulebook if rulebook is not None else DEFAULT_RULEBOOK
        """The rulebook whose record and rules this timeline holds (its pack answers for it)."""
        self._principal: str | None = None
        self.steps: dict[str, Series[str | None]] = {}
        self.other_bodies: dict[str, list[Event]] = {}
        """Sessions of the rulebook's other bodies, by body: they change no presidency of the first."""
        self.other_presidencies: dict[str, Series[Presidency]] = {}
        self.status: dict[str, Series[str]] = {}
        self.offices: dict[tuple[str, str], Series[Holder]] = {}
        self.seat_roles: dict[str, Series[str]] = {}
        self.presidency: Series[Presidency] = Series()
        self.secretaries: Series[SecretaryGeneral | None] = Series()
        self.bodies: dict[str, list[Body]] = {}
        self.sessions: dict[str, Event] | SessionSummaries = (
            {} if keep_events else SessionSummaries()
        )
        """The sessions held, by id (a lean timeline keeps a summary of each, rebuilt when asked)."""
        self._session_dates: list[date] = []
        self._session_ids: list[str] = []
        """The sessions held, in date order (file order within a day): their days, and beside
        each its id (two lists, not pairs)."""
        self.overrides: dict[str, list[Decision]] = {}
        self.scheduled: list[tuple[date, str]] = []
        self.announced: dict[str, Event] = {}
        self.events: dict[str, Event] = {}
        self.memo: dict[Hashable, object] = {}
        """Answers worth keeping between queries, forgotten as soon as another event is folded."""
        self.contested: list[Event] = []
        """The events whose reading is contested, lean or not: few, and asked about on every answer."""
        self.origins: dict[str, Origin] = {}
        self.last_day: date | None = None
        self.held_until: date | None = None
        """The day of the last event that happened (an announced session is not one)."""
        # The newest value of each status and office: what replay asks about, answered
        # without a search (statuses and offices change on their event's day, never later).
        self._status_now: dict[str, str] = {}
        self._holders_now: dict[tuple[str, str], Holder] = {}
        self._status_view = MappingProxyType(self._status_now)
        self._holders_view = MappingProxyType(self._holders_now)

    def use_rulebook(self, rulebook: str) -> None:
        """Answer for ``rulebook`` from now on, forgetting what was worked out for another."""
        if rulebook != self.rulebook:
            self.rulebook = rulebook
            self._principal = None
            self.memo.clear()

    # -- folding --------------------------------------------------------------------------

    def apply(self, event: Event, origin: Origin | None = None) -> None:
        """Fold one event into the timeline (``origin``: the file it was read from)."""
        day = event.date
        if self.memo:
            self.memo.clear()
        if self.keep_events:
            self.events[event.id] = event
            if origin is not None:
                self.origins[event.id] = origin
        if self.last_day is None or day > self.last_day:
            self.last_day = day
        if event.contested is not None:
            self.contested.append(event)
        if event.scheduled is not None:
            self.scheduled.append((day, event.id))
            self.announced[event.id] = event
            return  # announced, not held: it changes nothing
        if self.held_until is None or day > self.held_until:
            self.held_until = day
        session = event.session
        if session is not None and session.body is not None and not self.principal(session.body):
            self._apply_other_body(session.body, event)
            return
        if session is not None:
            if isinstance(self.sessions, dict):
                self.sessions[event.id] = event
            else:  # what the day's answers need: kind, place, chair and the handover
                self.sessions.keep(event)
            dates = self._session_dates
            if not dates or day >= dates[-1]:
                dates.append(day)
                self._session_ids.append(event.id)
            else:  # folded out of date order (a proposal before the record's last session)
                at = bisect_right(dates, day)  # after the day's earlier sessions, in file order
                dates.insert(at, day)
                self._session_ids.insert(at, event.id)
            if not session.decisions:
                return  # the common case: a session that decides nothing changes nothing else
        elif event.office is not None:
            self._apply_office(event.office, event)
        elif event.seat is not None:
            self.seat_roles.setdefault(event.seat.state, Series()).set(day, event.seat.role)
        for state, status, _ in membership_effect(event):
            series = self.status.setdefault(state, Series())
            series.set(day, status)
            self._status_now[state] = series._values[-1]
            step = step_effect(event, state)
            if step is not None or state in self.steps:
                self.steps.setdefault(state, Series()).set(day, step)
        for decision in adopted_decisions(event):
            self._apply_decision(decision, event)

    def principal(self, body: str) -> bool:
        """True when ``body`` is the rulebook's first body, whose presidency the timeline follows."""
        if self._principal is None:
            self._principal = get_rulebook(self.rulebook).vocabulary.bodies[0]
        return body == self._principal

    def _apply_other_body(self, body: str, event: Event) -> None:
        """A session of another body: kept apart, and its handovers pass that body's own chair."""
        self.other_bodies.setdefault(body, []).append(event)
        assert event.session is not None
        for decision in event.session.decisions:
            if isinstance(decision, PassChairmanship) and decision.adopted:
                series = self.other_presidencies.setdefault(body, Series())
                series.drop_after(event.date)
                effective = decision.effective or event.date
                series.set(effective, Presidency(decision.to, event.id, event.date, decision.until))

    def _apply_office(self, office: OfficeChange, event: Event) -> None:
        if office.role == Role.SECRETARY_GENERAL:
            spell = None
            if office.person is not None:
                spell = SecretaryGeneral(
                    office.person, office.state, office.acting, event.date, None, event.id
                )
            self.secretaries.set(event.date, spell)
            return
        known = office.person != UNKNOWN_PERSON
        holder = Holder(office.person if known else None, office.acting, event.id, known)
        key = (office.state, office.role)
        series = self.offices.setdefault(key, Series())
        series.set(event.date, holder)
        if series._values[-1].known:
            self._holders_now[key] = series._values[-1]
        else:  # someone the record does not name: asked about, the holder is unknown
            self._holders_now.pop(key, None)

    def _apply_decision(self, decision: Decision, event: Event) -> None:
        day = event.date
        if isinstance(decision, PassChairmanship):
            # A later handover supersedes one decided earlier and not yet in force.
            self.presidency.drop_after(day)
            effective = decision.effective or day
            until = decision.until
            self.presidency.set(effective, Presidency(decision.to, event.id, day, until))
            if until is not None and until > effective:
                self.presidency.set(until, Presidency(None, event.id, day, None, decided=False))
        elif isinstance(decision, AppointSecretaryGeneral):
            start = decision.start or day
            spell = SecretaryGeneral(
                decision.person, decision.state, False, start, decision.until, event.id
            )
            self.secretaries.set(start, spell)
            if decision.until is not None:
                ended = SecretaryGeneral(
                    decision.person, decision.state, False, start, decision.until, event.id, True
                )
                self.secretaries.set(decision.until, ended)
        elif isinstance(decision, EstablishBody):
            body = Body(decision.body, day, decision.until, decision.permanent, event.id)
            self.bodies.setdefault(decision.body, []).append(body)
        elif isinstance(decision, NameChair | SetHost) and decision.session is not None:
            self.overrides.setdefault(decision.session, []).append(decision)

    # -- queries --------------------------------------------------------------------------

    def locate(self, event_id: str, where: str = "") -> tuple[str | None, int, int]:
        """The file, line and column of an event (or a field in it); line 0 when unknown."""
        origin = self.origins.get(event_id)
        if origin is None:
            return None, 0, 0
        line, column = origin.locate(event_id, where)
        return origin.path, line, column

    def status_on(self, state: str, day: date) -> str | None:
        """A state's membership status on ``day``; ``None`` if it was never a party by then."""
        series = self.status.get(state)
        if series is None:
            return None
        days = series._days  # the newest day is what replay asks about: answer it inline
        return series._values[-1] if days and day >= days[-1] else series.at(day)

    def statuses_on(self, day: date) -> Mapping[str, str]:
        """Every state's membership status on ``day``, by code (states never a party by then are absent).

        On or after the newest day folded in (what replay asks about), this is a
        read-only view kept up to date as events are folded: no search, no copy.
        """
        if self.last_day is None or day >= self.last_day:
            return self._status_view
        found = {state: self.status_on(state, day) for state in self.status}
        return {state: status for state, status in found.items() if status is not None}

    def holders_on(self, day: date) -> Mapping[tuple[str, str], Holder]:
        """Who holds each recorded office on ``day``, by (state, role); a view, as ``statuses_on``."""
        if self.last_day is None or day >= self.last_day:
            return self._holders_view
        found = {key: self.holder_on(*key, day) for key in self.offices}
        return {key: holder for key, holder in found.items() if holder is not None}

    def states(self) -> list[str]:
        """Every state that has had a membership status, by code."""
        return sorted(self.status)

    def holder_on(self, state: str, role: str, day: date) -> Holder | None:
        """Who held ``role`` in ``state`` on ``day``; ``None`` when the record does not say."""
        series = self.offices.get((state, role))
        if series is None:
            return None
        days = series._days
        holder = series._values[-1] if days and day >= days[-1] else series.at(day)
        return holder if holder is None or holder.known else None

    def step_on(self, state: str, day: date) -> str | None:
        """How far ``state`` had gone in a procedure in steps on ``day`` (``None``: no step)."""
        series = self.steps.get(state)
        return series.at(day) if series is not None else None

    def seat_role_on(self, state: str, day: date) -> str:
        """Which office holds the state's seat on ``day`` (the head of state unless recorded)."""
        series = self.seat_roles.get(state)
        role = series.at(day) if series is not None else None
        return role or Role.HEAD_OF_STATE.value

    def seat_holder_on(self, state: str, day: date) -> Holder | None:
        """The person who holds the state's seat on ``day``, when the record knows."""
        return self.holder_on(state, self.seat_role_on(state, day), day)

    def presidency_on(self, day: date) -> Presidency | None:
        """Which state presides on ``day`` (``None`` before the first recorded handover)."""
        return self.presidency.at(day)

    def presiding_since(self, day: date) -> date | None:
        """The day from which the presidency in force on ``day`` has run."""
        return self.presidency.since(day)

    def secretary_general_on(self, day: date) -> SecretaryGeneral | None:
        """The Secretary General (appointed or acting) on ``day``; ``None`` if none is in office.

        ``secretaries.since(day)`` tells the cases apart: ``None`` there means the record
        says nothing yet; otherwise ``None`` here is a recorded vacancy or a term that ended.
        """
        spell = self.secretaries.at(day)
        return None if spell is None or spell.ended else spell

    def sessions_on(self, day: date) -> list[Event]:
        """The sessions held on ``day``, in file order (remembered: a day's answers ask often)."""
        key = ("sessions on", day)
        held = self.memo.get(key)
        if held is None:
            held = self.remember(key, tuple(self.sessions_between(day, day + timedelta(days=1))))
        return list(cast("tuple[Event, ...]", held))

    def remember(self, key: Hashable, value: _T) -> _T:
        """Keep ``value`` in :attr:`memo` until the next event is folded; a full memo starts over."""
        if len(self.memo) >= MEMO_SIZE:
            self.memo.clear()
        self.memo[key] = value
        return value

    def scheduled_between(self, start: date, end: date) -> list[Event]:
        """Sessions announced for ``[start, end)`` and not recorded as held, in order.

        An announcement is passed over on a day the history records a session held.
        """
        return [
            self.announced[event_id]
            for day, event_id in self.scheduled
            if start <= day < end and not self.sessions_on(day)
        ]

    def bodies_on(self, day: date) -> list[Body]:
        """The bodies in existence on ``day``."""
        return [
            body
            for spells in self.bodies.values()
            for body in spells
            if body.start <= day and (body.until is None or day < body.until)
        ]

    @property
    def session_days(self) -> list[tuple[date, str]]:
        """The sessions held, in order: each one's day and id."""
        return list(zip(self._session_dates, self._session_ids, strict=True))

    def sessions_between(self, start: date, end: date) -> list[Event]:
        """Sessions held in ``[start, end)``, in order."""
        dates = self._session_dates  # in date order, however the sessions were folded
        first, last = bisect_left(dates, start), bisect_left(dates, end)
        return [self.sessions[event_id] for event_id in self._session_ids[first:last]]

    def overrides_for(self, event: Event) -> list[Decision]:
        """Adopted ``name_chair`` and ``set_host`` decisions that apply to this session."""
        earlier = self.overrides.get(event.id)
        found = list(earlier) if earlier else []
        if event.session is not None and event.session.decisions:
            found.extend(
                decision
                for decision in event.session.decisions
                if isinstance(decision, NameChair | SetHost)
                and decision.adopted
                and decision.session in (None, event.id)
            )
        return found
