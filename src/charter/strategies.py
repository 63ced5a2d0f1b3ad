"""Hypothesis strategies for charter's values and for whole valid histories.

Users can import these for their own tests (``pip install hypothesis``); the core
of charter never imports this module. Every strategy builds valid values
directly, never by filtering, so shrinking stays fast and examples stay small.

A *valid history* is one under which replay reports nothing: members join, each
regular session is hosted and chaired by the presiding state, hands the
chairmanship on in alphabetical rotation, every seat is held by the head of
state in office, and Secretaries-General serve three-year terms back to back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from charter.engine._installed import rotation_key
from charter.engine.dates import Interval, add_years
from charter.engine.model import (
    Chair,
    Event,
    Participant,
    Session,
    SessionFormat,
)
from charter.engine.packs import DEFAULT_RULEBOOK, Generation, get_rulebook
from charter.files.scenario import Scenario

__all__ = [
    "FOUNDING_MEMBERS",
    "HistoryPlan",
    "days",
    "histories",
    "intervals",
    "member_pool",
    "membership_histories",
    "offices",
    "persons",
    "proposed_sessions",
    "scenarios",
    "sessions",
    "state_codes",
]


def _generation(rulebook: str) -> Generation:
    return get_rulebook(rulebook).generation


def _order(rulebook: str) -> dict[str, str]:
    orders = get_rulebook(rulebook).rotation_orders
    return dict(next(iter(orders.values()), {}))


def member_pool(rulebook: str = DEFAULT_RULEBOOK) -> tuple[str, ...]:
    """The states a pack's generated histories draw their members from."""
    return _generation(rulebook).members or tuple(_order(rulebook))


FOUNDING_MEMBERS = member_pool(DEFAULT_RULEBOOK)
"""The states the default rulebook's generated histories draw their members from."""
GUEST_STATES = (_generation(DEFAULT_RULEBOOK).guest, "FRA", "DEU", "SRB")


def state_codes() -> st.SearchStrategy[str]:
    """A member or guest state code."""
    return st.sampled_from(FOUNDING_MEMBERS + GUEST_STATES)


def days(
    start: date = date(1992, 5, 15), end: date = date(2030, 12, 31)
) -> st.SearchStrategy[date]:
    """A calendar day in ``[start, end]``."""
    return st.dates(min_value=start, max_value=end)


@st.composite
def intervals(draw: st.DrawFn, start: date = date(1992, 5, 15)) -> Interval:
    """A half-open interval, open-ended about one time in four."""
    first = draw(days(start=start))
    if draw(st.integers(0, 3)) == 0:
        return Interval(start=first)
    return Interval(start=first, end=first + timedelta(days=draw(st.integers(0, 4000))))


@dataclass
class HistoryPlan:
    """A generated valid history, with what the generator knows about it."""

    events: list[Event]
    members: tuple[str, ...]
    handovers: list[tuple[date, str]] = field(default_factory=list)
    regular_sessions: list[str] = field(default_factory=list)
    rulebook: str = DEFAULT_RULEBOOK
    guest: str = "FRA"

    def scenario(self) -> Scenario:
        """The history as a scenario of its rulebook, on an empty baseline."""
        return Scenario(
            rulebook=self.rulebook, title="generated history", events=tuple(self.events)
        )


def _event(event_id: str, day: date, **kind: Any) -> Event:
    return Event.model_validate({"id": event_id, "date": day, **kind})


@st.composite
def histories(
    draw: st.DrawFn,
    min_members: int = 2,
    max_members: int = 6,
    min_years: int = 1,
    max_years: int = 6,
    *,
    rulebook: str = DEFAULT_RULEBOOK,
) -> HistoryPlan:
    """A valid history of ``rulebook``: members, heads of state, sessions, handovers in rotation, SGs.

    Built forward year by year from the pack's words, its rotation order and its
    ``Generation`` hints, so that every fact a rule checks is true by construction.
    Replaying it reports no violation of any severity.
    """
    hints = _generation(rulebook)
    key = rotation_key(rulebook)
    members = tuple(
        sorted(
            draw(
                st.sets(
                    st.sampled_from(member_pool(rulebook)),
                    min_size=min_members,
                    max_size=max_members,
                )
            ),
            key=key,
        )
    )
    other_kinds = [
        kind for kind in get_rulebook(rulebook).vocabulary.session_kinds if kind != "regular"
    ]
    first_year = draw(st.integers(*hints.first_years))
    years = draw(st.integers(min_years, max_years))
    joined = date(first_year - 1, 1, 1)
    events: list[Event] = []
    leader = {state: f"{state} Leader 0" for state in members}
    changes = dict.fromkeys(members, 0)
    for state in members:
        events.append(
            _event(f"join-{state}", joined, membership={"state": state, "status": "member"})
        )
        events.append(
            _event(
                f"head-{state}-0",
                joined,
                office={"state": state, "role": "head_of_state", "person": leader[state]},
            )
        )
    with_sg = draw(st.booleans())
    sg_until: date | None = None
    sg_count = 0
    if with_sg:
        sg_until = add_years(joined, 3)
        events.append(
            _event(
                "sg-0",
                joined,
                decision={
                    "kind": "appoint_secretary_general",
                    "person": "Secretary 0",
                    "state": members[0],
                    "start": joined,
                    "until": sg_until,
                },
            )
        )
    plan = HistoryPlan(events=events, members=members, rulebook=rulebook, guest=hints.guest)
    presiding = draw(st.sampled_from(members))
    host_first = presiding
    presiding_known = False
    for offset in range(years):
        year = first_year + offset
        months = hints.first_months if offset == 0 else (6, 11)
        session_day = date(year, draw(st.integers(*months)), draw(st.integers(1, 28)))
        if draw(st.booleans()):
            state = draw(st.sampled_from(members))
            changes[state] += 1
            leader[state] = f"{state} Leader {changes[state]}"
            events.append(
                _event(
                    f"head-{state}-{changes[state]}",
                    date(year, 3, 1),
                    office={
                        "state": state,
                        "role": "head_of_state",
                        "person": leader[state],
                        "acting": draw(st.booleans()),
                    },
                )
            )
        if presiding_known and other_kinds and draw(st.booleans()):
            extra_day = date(year, 4, draw(st.integers(1, 28)))
            sg_count, sg_until = _advance_secretaries(
                events, members, sg_count, sg_until, extra_day
            )
            events.append(
                _session(
                    f"extra-{year}",
                    extra_day,
                    kind=draw(st.sampled_from(other_kinds)),
                    host=draw(st.sampled_from(members)),
                    chair=leader[presiding],
                    seats=draw(st.sets(st.sampled_from(members), min_size=1)),
                    leader=leader,
                    sg=_sg_name(sg_count) if with_sg else None,
                    guest=hints.guest if draw(st.booleans()) else None,
                    key=key,
                )
            )
        sg_count, sg_until = _advance_secretaries(events, members, sg_count, sg_until, session_day)
        host = presiding if presiding_known else host_first
        following = members[(members.index(presiding) + 1) % len(members)]
        calendar_year = draw(st.booleans())
        effective = date(year + 1, 1, 1) if calendar_year else session_day
        session_id = f"regular-{year}"
        events.append(
            _session(
                session_id,
                session_day,
                kind="regular",
                host=host,
                chair=leader[host],
                seats=set(members),
                leader=leader,
                sg=_sg_name(sg_count) if with_sg else None,
                guest=hints.guest if draw(st.booleans()) else None,
                handover=(following, effective),
                key=key,
            )
        )
        plan.regular_sessions.append(session_id)
        plan.handovers.append((effective, following))
        presiding, presiding_known = following, True
    plan.events = sorted(events, key=lambda found: found.date)
    return plan


def _advance_secretaries(
    events: list[Event], members: tuple[str, ...], count: int, until: date | None, day: date
) -> tuple[int, date | None]:
    """Appoint each Secretary General whose three-year term starts on or before ``day``."""
    while until is not None and until <= day:
        count += 1
        start, until = until, add_years(until, 3)
        events.append(
            _event(
                f"sg-{count}",
                start,
                decision={
                    "kind": "appoint_secretary_general",
                    "person": _sg_name(count),
                    "state": members[count % len(members)],
                    "start": start,
                    "until": until,
                },
            )
        )
    return count, until


def _sg_name(count: int) -> str:
    return f"Secretary {count}"


def _session(
    event_id: str,
    day: date,
    *,
    kind: str,
    host: str,
    chair: str,
    seats: set[str],
    leader: dict[str, str],
    sg: str | None,
    guest: str | None,
    handover: tuple[str, date] | None = None,
    key: Any = None,
) -> Event:
    participants: list[dict[str, Any]] = [
        {"person": leader[state], "state": state, "capacity": "head_of_state"}
        for state in sorted(seats, key=key)
    ]
    if sg is not None:
        participants.append({"person": sg, "capacity": "secretary_general"})
    if guest is not None:
        participants.append({"person": "A Guest", "state": guest, "capacity": "invited"})
    decisions: list[dict[str, Any]] = []
    if handover is not None:
        decisions.append({"kind": "pass_chairmanship", "to": handover[0], "effective": handover[1]})
    return _event(
        event_id,
        day,
        session={
            "kind": kind,
            "host": host,
            "chair": {"person": chair},
            "participants": participants,
            "decisions": decisions,
        },
    )


_GIVEN = ("Alexander", "Emomali", "Kassym", "Nikol", "Sadyr", "Vladimir", "Serzh", "Talant")
_FAMILY = ("Lukashenko", "Rahmon", "Tokayev", "Pashinyan", "Japarov", "Putin", "Sargsyan")


def persons() -> st.SearchStrategy[str]:
    """A person's name, such as ``Sadyr Rahmon`` (combinations, to keep shrinking readable)."""
    return st.builds(
        lambda given, family: f"{given} {family}", st.sampled_from(_GIVEN), st.sampled_from(_FAMILY)
    )


def offices() -> st.SearchStrategy[dict[str, Any]]:
    """An ``office`` mapping as it appears in a file: a state's office and its holder."""
    return st.fixed_dictionaries(
        {
            "state": st.sampled_from(FOUNDING_MEMBERS),
            "role": st.sampled_from(["head_of_state", "head_of_government", "foreign_minister"]),
            "person": persons(),
            "acting": st.booleans(),
        }
    )


@st.composite
def membership_histories(
    draw: st.DrawFn,
    state: str | None = None,
    max_steps: int = 8,
    *,
    rulebook: str = DEFAULT_RULEBOOK,
) -> list[Event]:
    """A state's membership changes in ``rulebook``, each an allowed step from the status before it.

    The steps are the pack's ``Vocabulary.transitions``.
    """
    code = state if state is not None else draw(state_codes())
    day = draw(days(end=date(2020, 1, 1)))
    allowed = get_rulebook(rulebook).vocabulary.transitions
    current = "none"
    events: list[Event] = []
    for step in range(draw(st.integers(1, max_steps))):
        status = draw(st.sampled_from(sorted(allowed.get(current, frozenset()))))
        events.append(_event(f"{code}-{step}", day, membership={"state": code, "status": status}))
        current = status
        day += timedelta(days=draw(st.integers(0, 700)))
    return events


def sessions(rulebook: str = DEFAULT_RULEBOOK) -> st.SearchStrategy[Session]:
    """Any well-formed session of ``rulebook``, valid or not: for checking that rules never crash.

    Its words (kinds, capacities) are the pack's; its states any member or guest.
    """
    words = get_rulebook(rulebook).vocabulary
    codes = st.sampled_from(member_pool(rulebook) + GUEST_STATES)
    participant = st.builds(
        Participant,
        person=st.one_of(st.none(), persons()),
        state=codes,
        capacity=st.sampled_from(words.capacities),
        remote=st.booleans(),
    )
    decision = st.one_of(
        st.builds(lambda to: {"kind": "pass_chairmanship", "to": to}, st.one_of(st.none(), codes)),
        st.builds(lambda state: {"kind": "set_host", "state": state}, codes),
        st.builds(lambda person: {"kind": "name_chair", "person": person}, persons()),
        st.builds(
            lambda objected: {"kind": "declaration", "objected": objected},
            st.lists(codes, max_size=2),
        ),
    )
    return st.builds(
        lambda kind, fmt, host, chair, people, decisions: Session.model_validate(
            {
                "kind": kind,
                "format": fmt,
                "host": host,
                "chair": chair,
                "participants": people,
                "decisions": decisions,
            }
        ),
        st.sampled_from(words.session_kinds),
        st.sampled_from(list(SessionFormat)),
        st.one_of(st.none(), codes),
        st.one_of(
            st.none(),
            st.builds(
                Chair,
                person=st.one_of(st.none(), persons()),
                state=st.one_of(st.none(), codes),
            ),
        ),
        st.one_of(st.none(), st.lists(participant, max_size=8)),
        st.lists(decision, max_size=3),
    )


@st.composite
def proposed_sessions(draw: st.DrawFn, plan: HistoryPlan) -> Event:
    """A valid proposed session after ``plan``: the next regular one, or an extraordinary one.

    Chaired by the presiding state's head of state (as the plan last recorded it),
    hosted by the presiding state when regular, attended by members' heads of state.
    """
    last = max(plan.events[-1].date, plan.handovers[-1][0])
    day = last + timedelta(days=draw(st.integers(1, 300)))
    presiding = [state for effective, state in plan.handovers if effective <= day][-1]
    heads = {
        event.office.state: event.office.person
        for event in plan.events
        if event.office is not None and event.office.role == "head_of_state"
    }
    regular = draw(st.booleans())
    following = plan.members[(plan.members.index(presiding) + 1) % len(plan.members)]
    seats = set(draw(st.sets(st.sampled_from(plan.members), min_size=1))) | {presiding}
    return _session(
        "proposed",
        day,
        kind="regular" if regular else "extraordinary",
        host=presiding if regular else draw(st.sampled_from(plan.members)),
        chair=str(heads[presiding]),
        seats=seats,
        leader={state: str(person) for state, person in heads.items()},
        sg=None,
        guest=plan.guest if draw(st.booleans()) else None,
        handover=(following, day) if regular else None,
        key=rotation_key(plan.rulebook),
    )


def scenarios() -> st.SearchStrategy[Scenario]:
    """Valid scenarios (a generated history on an empty baseline)."""
    return histories().map(HistoryPlan.scenario)
