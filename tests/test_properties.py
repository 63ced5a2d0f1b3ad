"""Properties over generated valid histories: no violation, one presiding state, determinism,
and every rule caught alone by a mutation that breaks exactly it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charter.engine.check import check_session
from charter.engine.model import Chair, Event, MembershipStatus, Severity
from charter.engine.packs import get_rulebook, rulebook_ids
from charter.engine.replaying import replay
from charter.files.scenario import Proposal, Scenario
from charter.rulebooks.csto.rules._registry import RULE_IDS
from charter.strategies import (
    HistoryPlan,
    histories,
    membership_histories,
    offices,
    persons,
    proposed_sessions,
    sessions,
)

RULEBOOKS = rulebook_ids()
"""Every installed rulebook: the properties below hold for each, with no pack-specific code."""


def _replay(events: list[Event], rulebook: str = "csto") -> list[tuple[str, str, str]]:
    report = replay(Scenario(rulebook=rulebook, events=tuple(events)))
    return [(found.rule, found.severity.value, found.event) for found in report.violations]


@pytest.mark.parametrize("rulebook", RULEBOOKS)
@given(data=st.data())
def test_valid_history_has_no_violation(rulebook: str, data: st.DataObject) -> None:
    """A history built by the rules replays with no violation of any severity."""
    plan = data.draw(histories(rulebook=rulebook))
    assert _replay(plan.events, rulebook) == []


@pytest.mark.parametrize("rulebook", RULEBOOKS)
@given(data=st.data())
def test_one_presiding_state_after_first_regular_session(
    rulebook: str, data: st.DataObject
) -> None:
    """After the first handover, exactly one state presides on every day, the one handed to.

    On a session's day the chair is that session's: the handover takes effect at
    its close, so ``chair_on`` names the new state from the next day; and past the
    history's end it is not decided once the open term's year has run out.
    """
    plan = data.draw(histories(rulebook=rulebook))
    history = replay(plan.scenario()).history
    first = plan.handovers[0][0]
    day = data.draw(st.dates(min_value=first, max_value=first + timedelta(days=3000)))
    expected = [state for effective, state in plan.handovers if effective <= day][-1]
    presidency = history.timeline.presidency_on(day)
    assert presidency is not None
    assert presidency.state == expected
    if day not in {effective for effective, _ in plan.handovers}:
        chair = history.chair_on(day)
        if chair.answer == "known":
            assert chair.state == expected
        else:  # past the history's end a term with no fixed end runs on for a year, no more
            assert chair.answer == "not_decided"
            assert history.timeline.held_until is not None
            assert day > history.timeline.held_until


@pytest.mark.parametrize("rulebook", RULEBOOKS)
@given(data=st.data())
def test_replay_is_deterministic(rulebook: str, data: st.DataObject) -> None:
    """Replaying the same events twice gives the same report."""
    plan = data.draw(histories(rulebook=rulebook))
    first, second = replay(plan.scenario()), replay(plan.scenario())
    assert first.violations == second.violations
    assert first.unknowns == second.unknowns


@pytest.mark.parametrize("rulebook", RULEBOOKS)
@given(data=st.data())
def test_members_on_agrees_with_statuses(rulebook: str, data: st.DataObject) -> None:
    """members_on lists exactly the states whose status is member (or frozen) that day."""
    plan = data.draw(histories(rulebook=rulebook))
    history = replay(plan.scenario()).history
    day = data.draw(st.dates(min_value=plan.events[0].date, max_value=plan.events[-1].date))
    members = history.members_on(day).members
    assert set(members) == {
        state
        for state in plan.members
        if history.status_on(state, day) in (MembershipStatus.MEMBER, MembershipStatus.FROZEN)
    }


@pytest.mark.parametrize("rulebook", RULEBOOKS)
@given(data=st.data(), cut=st.integers(min_value=0))
def test_prefix_reports_nothing_after_its_end(rulebook: str, data: st.DataObject, cut: int) -> None:
    """Replaying a prefix never reports a violation dated after the prefix."""
    plan = data.draw(histories(rulebook=rulebook))
    prefix = plan.events[: cut % (len(plan.events) + 1)]
    report = replay(Scenario(rulebook=rulebook, events=tuple(prefix)))
    last = prefix[-1].date if prefix else None
    assert all(last is not None and found.date <= last for found in report.violations)


# --- each rule caught alone ----------------------------------------------------------------


def _session_index(plan: HistoryPlan, session_id: str) -> int:
    return next(i for i, found in enumerate(plan.events) if found.id == session_id)


def _with_session(plan: HistoryPlan, session_id: str, **changes: object) -> list[Event]:
    index = _session_index(plan, session_id)
    original = plan.events[index]
    assert original.session is not None
    session = original.session.model_copy(update=changes)
    events = list(plan.events)
    events[index] = original.model_copy(update={"session": session})
    return events


def _append(plan: HistoryPlan, **kind: object) -> list[Event]:
    day = plan.events[-1].date + timedelta(days=1)
    return [*plan.events, Event.model_validate({"id": "mutation", "date": day, **kind})]


def _chair(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    session_id = data.draw(st.sampled_from(plan.regular_sessions))
    session = plan.events[_session_index(plan, session_id)].session
    assert session is not None
    assert session.chair is not None
    return _with_session(plan, session_id, chair=Chair(person="Somebody Else")), session_id


def _host(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    session_id = data.draw(st.sampled_from(plan.regular_sessions[1:]))
    session = plan.events[_session_index(plan, session_id)].session
    assert session is not None
    other = next(state for state in plan.members if state != session.host)
    return _with_session(plan, session_id, host=other), session_id


def _tenure(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    current = plan.handovers[-1][1]
    session = {
        "kind": "informal",
        "decisions": [{"kind": "pass_chairmanship", "to": current}],
    }
    del data
    return _append(plan, session=session), "mutation"


def _transition(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    state = data.draw(st.sampled_from(plan.members))
    return _append(plan, membership={"state": state, "status": "member"}), "mutation"


def _good_standing(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    capacity = data.draw(st.sampled_from(["head_of_state", "foreign_minister"]))
    people = [{"person": "Shavkat Mirziyoyev", "state": "UZB", "capacity": capacity}]
    return _append(plan, session={"kind": "informal", "participants": people}), "mutation"


def _seat(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    state = data.draw(st.sampled_from(plan.members))
    people = [{"person": "Not The Head", "state": state, "capacity": "head_of_state"}]
    return _append(plan, session={"kind": "informal", "participants": people}), "mutation"


def _attendance(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    state = data.draw(st.sampled_from(plan.members))
    people = [{"person": "A Deputy", "state": state, "capacity": "other"}]
    return _append(plan, session={"kind": "informal", "participants": people}), "mutation"


def _consensus(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    state = data.draw(st.sampled_from(plan.members))
    return _append(plan, decision={"kind": "declaration", "objected": [state]}), "mutation"


def _secretary_general(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    state = data.draw(st.sampled_from(plan.members))
    office = {"state": state, "role": "secretary_general", "person": "Self Appointed"}
    return _append(plan, office=office), "mutation"


def _bodies(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    del data
    return _append(plan, decision={"kind": "establish_body", "body": "A working group"}), "mutation"


def _rotation(plan: HistoryPlan, data: st.DataObject) -> tuple[list[Event], str]:
    session_id = plan.regular_sessions[-1]
    index = _session_index(plan, session_id)
    original = plan.events[index]
    assert original.session is not None
    previous = plan.handovers[-2][1] if len(plan.handovers) > 1 else None
    handover = original.session.decisions[0]
    # Hand the chairmanship back to the state that presides (never next in rotation).
    presiding_now = previous if previous is not None else original.session.host
    changed = handover.model_copy(update={"to": presiding_now})
    session = original.session.model_copy(update={"decisions": (changed,)})
    events = list(plan.events)
    events[index] = original.model_copy(update={"session": session})
    del data
    return events, session_id


MUTATIONS: dict[str, Callable[[HistoryPlan, st.DataObject], tuple[list[Event], str]]] = {
    "membership.transition": _transition,
    "membership.good-standing": _good_standing,
    "art13.seat": _seat,
    "art13.attendance": _attendance,
    "art13.chair": _chair,
    "art13.host": _host,
    "art13.tenure": _tenure,
    "art12.consensus": _consensus,
    "art17.secretary-general": _secretary_general,
    "art13.bodies": _bodies,
    "practice.rotation": _rotation,
}


def test_every_rule_has_a_mutation() -> None:
    """The property below covers the whole rulebook."""
    assert set(MUTATIONS) == set(RULE_IDS)


@pytest.mark.parametrize("rule", RULE_IDS)
@given(data=st.data())
def test_each_rule_caught_alone(rule: str, data: st.DataObject) -> None:
    """Breaking exactly one rule in a valid history makes replay report that rule and no other error."""
    plan = data.draw(histories(min_years=2, max_years=4))
    events, event_id = MUTATIONS[rule](plan, data)
    found = _replay(events)
    severity = Severity.WARNING.value if rule == "practice.rotation" else Severity.ERROR.value
    caught = [entry for entry in found if entry[1] == severity]
    assert {entry[0] for entry in caught} == {rule}, found
    assert all(entry[2] == event_id for entry in caught)
    errors = [entry for entry in found if entry[1] == Severity.ERROR.value]
    assert all(entry[0] == rule for entry in errors), errors


# --- the other public strategies ------------------------------------------------------------


@pytest.mark.parametrize("rulebook", RULEBOOKS)
@given(data=st.data())
def test_allowed_membership_steps_never_break_the_transition_rule(
    rulebook: str, data: st.DataObject
) -> None:
    """A membership history built from a pack's allowed steps replays without its transition rule."""
    events = data.draw(membership_histories(rulebook=rulebook))
    rule = get_rulebook(rulebook).explained_by["transition"]
    assert rule not in {found for found, _, _ in _replay(events, rulebook)}


@pytest.mark.parametrize("rulebook", RULEBOOKS)
@given(data=st.data())
def test_a_valid_proposal_passes_check(rulebook: str, data: st.DataObject) -> None:
    """A proposed session built by the rules passes charter check against the history."""
    plan = data.draw(histories(min_years=1, max_years=3, rulebook=rulebook))
    event = data.draw(proposed_sessions(plan))
    assert event.session is not None
    proposal = Proposal(rulebook=rulebook, id=event.id, date=event.date, session=event.session)
    report = check_session(proposal, plan.scenario())
    assert [v.rule for v in report.violations] == []
    assert report.ok


@pytest.mark.parametrize("rulebook", RULEBOOKS)
@given(data=st.data())
def test_rules_never_crash_on_any_session(rulebook: str, data: st.DataObject) -> None:
    """Whatever a well-formed session says, replay returns a report (violations are values)."""
    plan = data.draw(histories(max_years=2, rulebook=rulebook))
    session = data.draw(sessions(rulebook))
    day = plan.events[-1].date + timedelta(days=1)
    event = Event(id="any", date=day, session=session)
    report = replay(Scenario(rulebook=rulebook, events=(*plan.events, event)))
    assert report.events == len(plan.events) + 1


@given(offices(), persons())
def test_office_strategy_builds_valid_events(office: dict[str, object], person: str) -> None:
    """Generated offices load as events, and a person's name has two words."""
    event = Event.model_validate({"id": "o", "date": "2020-01-01", "office": office})
    assert event.office is not None
    assert len(person.split()) == 2
