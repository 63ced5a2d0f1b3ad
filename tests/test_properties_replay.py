"""Replay as a whole: round trips, regression files, a broken rule caught, and a state machine."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from charter.engine.model import Event
from charter.engine.packs import get_rulebook, rulebook_ids, validating
from charter.engine.registry import Finding, Rule
from charter.engine.replaying import replay
from charter.engine.timeline import Timeline
from charter.files.dumping import dump_scenario
from charter.files.loading import load_scenario
from charter.files.scenario import Scenario
from charter.rulebooks.csto.rules import REGISTRY, Breach
from charter.strategies import HistoryPlan, histories, member_pool
from tests.regressions import regression_on_failure


def _violations(scenario: Scenario) -> list[tuple[str, str, str, str]]:
    report = replay(scenario)
    return [(v.rule, v.severity.value, v.event, v.message) for v in report.violations]


@pytest.mark.parametrize("rulebook", rulebook_ids())
@given(data=st.data())
def test_yaml_round_trip_replays_identically(
    tmp_path_factory: pytest.TempPathFactory, rulebook: str, data: st.DataObject
) -> None:
    """A history dumped to YAML and loaded back replays identically, in every rulebook."""
    plan = data.draw(histories(rulebook=rulebook))
    path = tmp_path_factory.mktemp("round-trip") / "history.yaml"
    path.write_text(dump_scenario(plan.scenario()), encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.model_dump() == plan.scenario().model_dump()
    assert _violations(loaded) == _violations(plan.scenario())


def _check_valid_history(plan: HistoryPlan) -> None:
    with regression_on_failure("valid-history-has-no-violation", plan.events):
        assert _violations(plan.scenario()) == []


def test_regression_file_replays_the_counterexample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failing property leaves a scenario that charter replays to the same violations."""
    from tests import regressions

    monkeypatch.setattr(regressions, "REGRESSIONS", tmp_path)
    monkeypatch.delenv("CHARTER_NO_REGRESSIONS", raising=False)
    broken = (
        [
            *histories().example().events,
            Event.model_validate(
                {
                    "id": "bad",
                    "date": "2031-01-01",
                    "membership": {"state": "GEO", "status": "suspended"},
                }
            ),
        ]
        if False
        else None
    )
    del broken
    plan = HistoryPlan(
        events=[
            Event.model_validate(
                {
                    "id": "bad",
                    "date": "2031-01-01",
                    "membership": {"state": "GEO", "status": "suspended"},
                }
            )
        ],
        members=(),
    )
    with pytest.raises(AssertionError) as failure:
        _check_valid_history(plan)
    written = tmp_path / "valid-history-has-no-violation.yaml"
    assert str(written) in "\n".join(failure.value.__notes__)
    assert [v.rule for v in replay(load_scenario(written)).violations] == ["membership.transition"]


def _chair_against_host(event: Event, world: Timeline) -> Iterator[Finding]:
    """Broken on purpose: every session's chair checked against the host's head of state."""
    session = event.session
    if session is None or session.chair is None or session.host is None:
        return
    holder = world.seat_holder_on(session.host, event.date)
    if holder is not None and session.chair.person not in (None, holder.person):
        yield Breach("chair is not the host's head")


def test_a_deliberately_broken_rule_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking the chair against the host on every session kind makes the properties fail."""
    original = REGISTRY["art13.chair"]
    broken = Rule(
        original.id, original.citation, original.in_force, original.severity, _chair_against_host
    )
    monkeypatch.setitem(REGISTRY, "art13.chair", broken)
    monkeypatch.setenv("CHARTER_NO_REGRESSIONS", "1")

    @settings(max_examples=300, database=None, derandomize=True)
    @given(histories(min_years=3))
    def property_under_broken_rule(plan: HistoryPlan) -> None:
        _check_valid_history(plan)

    with pytest.raises(AssertionError):
        property_under_broken_rule()


@given(histories())
def test_valid_history_property_with_regressions(plan: HistoryPlan) -> None:
    """The main property, wired to write its counterexample as a scenario if it ever fails."""
    _check_valid_history(plan)


# --- replay as a state machine -------------------------------------------------------------


def replay_machine(rulebook: str) -> type[RuleBasedStateMachine]:
    """Replay of ``rulebook`` as a state machine, from the pack's words and rules alone."""
    pack = get_rulebook(rulebook)
    words = pack.vocabulary
    transition, tenure = pack.explained_by["transition"], pack.explained_by["tenure"]
    pool = member_pool(rulebook)

    class ReplayMachine(RuleBasedStateMachine):
        """Random events, valid and invalid, checked step by step against a simple reference model."""

        def __init__(self) -> None:
            super().__init__()
            self.timeline = Timeline(rulebook=rulebook)
            self.day = date(2004, 1, 1)
            self.status: dict[str, str] = {}
            self.presidency: list[tuple[date, str]] = []
            self.count = 0
            self.last_findings: list[tuple[str, str]] = []

        def _apply(self, **kind: object) -> list[tuple[str, str]]:
            self.count += 1
            event = Event.model_validate({"id": f"e{self.count}", "date": self.day, **kind})
            findings = []
            for entry in pack.rules.values():
                if entry.applies_on(self.day):
                    findings += [
                        (entry.id, type(f).__name__) for f in entry.check(event, self.timeline)
                    ]
            self.timeline.apply(event)
            self.last_findings = findings
            return findings

        @initialize()
        def founding(self) -> None:
            for state in pool[:4]:
                self._apply(membership={"state": state, "status": "member"})
                self.status[state] = "member"

        @rule(days=st.integers(1, 400))
        def time_passes(self, days: int) -> None:
            self.day += timedelta(days=days)

        @rule(
            state=st.sampled_from((*pool, pack.generation.guest)),
            status=st.sampled_from(words.statuses),
        )
        def membership_changes(self, state: str, status: str) -> None:
            before = self.status.get(state)
            with validating(rulebook):
                findings = self._apply(membership={"state": state, "status": status})
            allowed = status in words.transitions.get(before or "none", frozenset())
            assert ((transition, "Breach") in findings) == (not allowed)
            self.status[state] = status

        @rule(
            state=st.sampled_from(pool),
            kind=st.sampled_from(words.session_kinds),
            later=st.booleans(),
        )
        def session_hands_over(self, state: str, kind: str, later: bool) -> None:
            effective = date(self.day.year + 1, 1, 1) if later else self.day
            with validating(rulebook):
                findings = self._apply(
                    session={
                        "kind": kind,
                        "decisions": [
                            {"kind": "pass_chairmanship", "to": state, "effective": effective}
                        ],
                    }
                )
            outside = kind != "regular"
            taking_part = self.status.get(state) in pack.in_good_standing
            assert ((tenure, "Breach") in findings) == (outside or not taking_part)
            # Reference: a new handover cancels any handover still pending on its date.
            self.presidency = [(when, who) for when, who in self.presidency if when <= self.day]
            self.presidency.append((effective, state))

        @precondition(lambda self: bool(self.presidency))
        @invariant()
        def presiding_state_matches_reference(self) -> None:
            in_force = [
                state
                for effective, state in sorted(self.presidency, key=lambda p: p[0])
                if effective <= self.day
            ]
            answer = self.timeline.presidency_on(self.day)
            assert (answer.state if answer else None) == (in_force[-1] if in_force else None)

        @invariant()
        def statuses_match_reference(self) -> None:
            for state, status in self.status.items():
                assert self.timeline.status_on(state, self.day) == status

    ReplayMachine.__name__ = f"ReplayMachine_{rulebook}"
    return ReplayMachine


for _rulebook in rulebook_ids():
    _case = replay_machine(_rulebook).TestCase
    _case.settings = settings(max_examples=100, stateful_step_count=30, deadline=None)
    globals()[f"TestReplayMachine_{_rulebook}"] = _case
del _case, _rulebook  # collected once each, under their own names
