"""On every day of the record and ten years past it, chair, explain and simulate tell one answer."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from charter.engine import _index
from charter.engine.check import default_history
from charter.engine.packs import rulebook_ids
from charter.engine.replaying import replay
from charter.engine.simulate import project
from charter.rulebooks.csto.states import display
from charter.strategies import histories

HISTORY = default_history()
LAST_DAY = HISTORY.timeline.last_day
assert LAST_DAY is not None
END = date(LAST_DAY.year + 10, 12, 31)
LAST_DECIDED = date(2026, 12, 31)  # Russia's presidency for 2026, the last term the record decided
SESSION_DAYS = sorted({day for day, _ in HISTORY.timeline.session_days})

days = st.one_of(
    st.dates(min_value=date(1992, 1, 1), max_value=END),
    st.sampled_from(SESSION_DAYS),  # the days most likely to disagree
)


def _spans(text: str) -> list[tuple[date, date]]:
    found = re.findall(r"from (\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)", text)
    return [(date.fromisoformat(a), date.fromisoformat(b)) for a, b in found]


@given(days)
@example(date(2018, 11, 8))
@example(date(2020, 12, 2))
@example(date(2027, 1, 1))
@example(date(2004, 6, 19))
def test_chair_explain_and_simulate_never_disagree(day: date) -> None:
    """chair, explain and simulate give one answer; past the last decided term it is "not decided"."""
    chair = HISTORY.chair_on(day)
    tree = HISTORY.explain(on=day)
    year = project(HISTORY.timeline, until=day.year, first=day.year)
    assert _index.chair_on(day)["answer"] == chair.answer
    if chair.answer == "known":
        assert chair.state is not None
        assert display(chair.state) in tree.claim or (chair.person or "") in tree.claim
        assert "not decided" not in tree.claim
        assert "not known" not in tree.claim
    else:
        assert (chair.state, chair.person, chair.since) == (None, None, None)
        assert tree.claim.endswith("not decided" if chair.answer == "not_decided" else "not known")
    new_year = HISTORY.chair_on(date(day.year, 1, 1))
    if year and year[0].decided:
        assert (new_year.answer, new_year.state) == ("known", year[0].state)
    elif year:
        assert new_year.answer != "known"
        if new_year.answer == "not_known":
            assert year[0].state is None
    if day > LAST_DECIDED:
        assert chair.answer == "not_decided"
        assert year
        assert not year[0].decided
        assert chair.projection is not None
        assert chair.projection.state == year[0].state
        assert HISTORY.secretary_general(day).answer in ("known", "not_decided")
        if day >= date(2029, 1, 1):
            assert HISTORY.secretary_general(day).answer == "not_decided"
    else:
        assert chair.projection is None


@given(days)
def test_explanations_never_state_empty_evidence(day: date) -> None:
    """No explanation cites a span of days that is empty or runs backwards."""
    text = HISTORY.explain(on=day).render()
    for start, end in _spans(text):
        assert start <= end, text
    assert "takes effect on" not in text or "does not name" in text


@given(st.dates(min_value=date(1992, 1, 1), max_value=END))
def test_a_session_days_chair_is_its_sessions(day: date) -> None:
    """On a session's day with a recorded chair, chair_on names that chair; the next day, the new term."""
    sessions = HISTORY.timeline.sessions_on(day)
    chair = HISTORY.chair_on(day)
    if len(sessions) == 1 and sessions[0].session and sessions[0].session.chair:
        recorded = sessions[0].session.chair
        if recorded.person:
            assert chair.person == recorded.person
        if chair.handover is not None and chair.handover.effective == day and chair.handover.to:
            following = HISTORY.chair_on(day + timedelta(days=1))
            if not HISTORY.timeline.sessions_on(day + timedelta(days=1)):
                assert following.state == chair.handover.to


@pytest.mark.parametrize("rulebook", rulebook_ids())
@given(data=st.data())
def test_any_history_tells_one_answer(rulebook: str, data: st.DataObject) -> None:
    """In any valid history of any rulebook, chair, explain, simulate and sg agree, and nothing is asserted as not decided."""
    plan = data.draw(histories(rulebook=rulebook))
    history = replay(plan.scenario()).history
    end = history.timeline.held_until
    assert end is not None
    day = data.draw(st.dates(min_value=date(2000, 1, 1), max_value=end + timedelta(days=3000)))
    chair = history.chair_on(day)
    claim = history.explain(on=day).claim
    if chair.answer == "known":
        assert chair.state is not None
        assert "not decided" not in claim
    else:
        assert chair.state is None
        assert claim.endswith("not decided" if chair.answer == "not_decided" else "not known")
    if chair.answer == "not_decided":
        assert day > end
        year = project(history.timeline, until=day.year, first=day.year)
        assert year
        assert not year[0].decided
        if chair.projection is not None:
            assert chair.projection.state == year[0].state
    sg = history.secretary_general(day)
    assert (sg.person is None) == (sg.answer != "known")
