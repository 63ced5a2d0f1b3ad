"""Each rule of the sco rulebook caught alone: a generated valid SCO history, broken in one way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charter.engine.dates import add_years
from charter.engine.model import Chair, Event, Severity
from charter.engine.packs import get_rulebook
from charter.engine.replaying import replay
from charter.files.scenario import Scenario
from charter.strategies import HistoryPlan, histories

SCO = get_rulebook("sco")
LATER = date(2011, 1, 1)
"""A day after every generated SCO history and after the admission regulation of 2010."""

Mutation = Callable[[HistoryPlan, st.DataObject], tuple[list[Event], str]]


def _found(events: list[Event]) -> list[tuple[str, str, str]]:
    report = replay(Scenario(rulebook="sco", events=tuple(events)))
    return [(found.rule, found.severity.value, found.event) for found in report.violations]


def _index(plan: HistoryPlan, event_id: str) -> int:
    return next(i for i, found in enumerate(plan.events) if found.id == event_id)


def _with_session(plan: HistoryPlan, session_id: str, **changes: object) -> list[Event]:
    index = _index(plan, session_id)
    original = plan.events[index]
    assert original.session is not None
    events = list(plan.events)
    session = original.session.model_copy(update=changes)
    events[index] = original.model_copy(update={"session": session})
    return events


def _add(plan: HistoryPlan, day: date | None = None, **kind: object) -> list[Event]:
    when = day or plan.events[-1].date + timedelta(days=1)
    return [*plan.events, Event.model_validate({"id": "mutation", "date": when, **kind})]


def _meeting(people: list[dict[str, str]]) -> dict[str, object]:
    return {"kind": "informal", "participants": people}


def _transition(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    state = data.draw(st.sampled_from(plan.members))
    return _add(plan, membership={"state": state, "status": "observer"}), "mutation"


def _admission(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    del data
    joins = {"state": plan.guest, "status": "member"}
    return _add(plan, LATER, membership=joins), "mutation"


def _partner(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    status = data.draw(st.sampled_from(["observer", "dialogue_partner"]))
    day = date(2026, 1, 1)
    return _add(plan, day, membership={"state": plan.guest, "status": status}), "mutation"


def _seat(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    state = data.draw(st.sampled_from(plan.members))
    people = [{"person": "Not The Head", "state": state, "capacity": "head_of_state"}]
    return _add(plan, session=_meeting(people)), "mutation"


def _chair(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    session_id = data.draw(st.sampled_from(plan.regular_sessions[1:]))
    return _with_session(plan, session_id, chair=Chair(person="Somebody Else")), session_id


def _venue(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    session_id = data.draw(st.sampled_from(plan.regular_sessions[1:]))
    session = plan.events[_index(plan, session_id)].session
    assert session is not None
    assert session.host is not None
    elsewhere = next(state for state in plan.members if state != session.host)
    events = _with_session(plan, session_id, organiser=session.host, host=elsewhere)
    return events, session_id


def _handover(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    del data
    session = {
        "kind": "informal",
        "decisions": [{"kind": "pass_chairmanship", "to": plan.members[0]}],
    }
    return _add(plan, session=session), "mutation"


def _rotation(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    del data
    session_id = plan.regular_sessions[-1]
    original = plan.events[_index(plan, session_id)]
    assert original.session is not None
    presiding = plan.handovers[-2][1] if len(plan.handovers) > 1 else original.session.host
    handover = original.session.decisions[0].model_copy(update={"to": presiding})
    return _with_session(plan, session_id, decisions=(handover,)), session_id


def _last_term(plan: HistoryPlan) -> tuple[str | None, date | None]:
    """The state and end of the last appointment of the head of the Secretariat, if any."""
    found: tuple[str | None, date | None] = (None, None)
    for event in plan.events:
        decision = event.decision
        if decision is not None and decision.kind == "appoint_secretary_general":
            found = (decision.state, decision.until)
    return found


def _secretary_general(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    del data
    _, until = _last_term(plan)
    start = max(until or LATER, LATER)
    appointment = {
        "kind": "appoint_secretary_general",
        "person": "A Long Term",
        "state": plan.members[0],
        "start": start,
        "until": add_years(start, 5),
    }
    return _add(plan, start, decision=appointment), "mutation"


def _secretariat_rotation(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    del data
    state, until = _last_term(plan)
    start = max(until or LATER, LATER)
    events = list(plan.events)
    if state is None:  # a first appointment, then the same state again
        first = {
            "kind": "appoint_secretary_general",
            "person": "A First Holder",
            "state": plan.members[0],
            "start": start,
            "until": add_years(start, 3),
        }
        events = _add(plan, start, decision=first)
        events[-1] = events[-1].model_copy(update={"id": "first-holder"})
        state, start = plan.members[0], add_years(start, 3)
    again = {
        "kind": "appoint_secretary_general",
        "person": "A Second Holder",
        "state": state,
        "start": start,
        "until": add_years(start, 3),
    }
    mutated = Event.model_validate({"id": "mutation", "date": start, "decision": again})
    return [*events, mutated], "mutation"


def _attendance(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    capacity = data.draw(st.sampled_from(["observer", "dialogue_partner", "partner"]))
    people = [{"person": "A Delegate", "state": plan.guest, "capacity": capacity}]
    return _add(plan, LATER, session=_meeting(people)), "mutation"


def _consensus(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    state = data.draw(st.sampled_from(plan.members))
    return _add(plan, decision={"kind": "declaration", "objected": [state]}), "mutation"


MUTATIONS: dict[str, Mutation] = {
    "sco.membership.transition": _transition,
    "sco.membership.admission": _admission,
    "sco.status.partner": _partner,
    "sco.art5.seat": _seat,
    "sco.art5.chair": _chair,
    "sco.art5.venue": _venue,
    "sco.presidency.handover": _handover,
    "sco.practice.rotation": _rotation,
    "sco.art11.secretary-general": _secretary_general,
    "sco.art11.rotation": _secretariat_rotation,
    "sco.attendance": _attendance,
    "sco.art16.consensus": _consensus,
}


def test_every_sco_rule_has_a_mutation() -> None:
    """The property below covers the whole sco rulebook."""
    assert set(MUTATIONS) == set(SCO.rule_ids())


@pytest.mark.parametrize("rule", SCO.rule_ids())
@given(data=st.data())
def test_each_sco_rule_caught_alone(rule: str, data: st.DataObject) -> None:
    """Breaking one rule of a valid SCO history makes replay report that rule, at its severity, and no other error."""
    plan = data.draw(histories(min_years=2, max_years=4, rulebook="sco"))
    events, event_id = MUTATIONS[rule](plan, data)
    found = _found(events)
    severity = SCO.rules[rule].severity.value
    caught = [entry for entry in found if entry[1] == severity]
    assert {entry[0] for entry in caught} == {rule}, found
    assert all(entry[2] == event_id for entry in caught), found
    errors = [entry for entry in found if entry[1] == Severity.ERROR.value]
    assert all(entry[0] == rule for entry in errors), errors
