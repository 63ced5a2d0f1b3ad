"""The host of a projected year: the regular session the history holds, else the presiding state."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charter.engine.answers import chair_answer
from charter.engine.check import default_history
from charter.engine.model import Event, SessionKind
from charter.engine.packs import rulebook_ids
from charter.engine.replaying import replay
from charter.engine.simulate import project
from charter.engine.timeline import Timeline
from charter.strategies import histories


def test_a_recorded_regular_session_gives_its_host() -> None:
    """In 2013 Kyrgyzstan presided and the regular session was held in Sochi: the year's host is Russia."""
    year = next(
        year for year in project(default_history().timeline, 2013, first=2013) if year.year == 2013
    )
    assert (year.state, year.host) == ("KGZ", "RUS")


def test_every_recorded_year_shows_the_host_of_its_last_regular_session() -> None:
    """For every year of the record, the projected host is the host of its last regular session."""
    timeline = default_history().timeline
    for year in project(timeline, 2025, first=2004):
        held = [
            event.session.host
            for event in timeline.sessions_between(date(year.year, 1, 1), date(year.year + 1, 1, 1))
            if event.session is not None and event.session.kind == SessionKind.REGULAR
        ]
        if held:
            assert year.host == held[-1], year
        elif not year.open:
            assert year.host == year.state, year


@pytest.mark.parametrize("rulebook", rulebook_ids())
@given(data=st.data())
@settings(max_examples=25, deadline=None)
def test_a_far_year_is_projected_as_the_whole_walk_projects_it(
    rulebook: str, data: st.DataObject
) -> None:
    """Whole turns of the rotation are skipped on the way to a far year: it is projected exactly as
    walking every year from the history's end projects it (a generated history or the record)."""
    if data.draw(st.booleans()):
        timeline = replay(data.draw(histories(rulebook=rulebook)).scenario()).history.timeline
    else:
        timeline = default_history(rulebook).timeline
    assert timeline.last_day is not None
    start = timeline.last_day.year + 1
    far = data.draw(st.integers(start, start + 400))
    walked = project(timeline, until=far, first=start)[-1]
    timeline.memo.clear()  # the jump finds nothing the walk left behind
    jumped = project(timeline, until=far, first=far)
    assert jumped == [walked]


@pytest.mark.parametrize("rulebook", rulebook_ids())
@given(data=st.data())
@settings(max_examples=25, deadline=None)
def test_what_a_timeline_remembers_between_queries_is_forgotten_when_it_changes(
    rulebook: str, data: st.DataObject
) -> None:
    """Asked about far years while it is folded, event by event, a timeline answers each year as a
    timeline folded to the same event and never asked before: no remembered answer outlives a change."""
    plan = data.draw(histories(rulebook=rulebook))
    asked = Timeline(rulebook=rulebook)
    cut = data.draw(st.integers(1, len(plan.events)))
    for event in plan.events[:cut]:
        asked.apply(event)
        assert asked.last_day is not None
        far = asked.last_day.year + data.draw(st.integers(1, 60))
        project(asked, until=far, first=far)
        chair_answer(asked, date(far, 6, 1))
        chair_answer(asked, event.date)  # remembers the sessions of the day, so far
    fresh = Timeline(rulebook=rulebook)
    for event in plan.events[:cut]:
        fresh.apply(event)
    assert fresh.last_day is not None
    for far in (fresh.last_day.year + 1, fresh.last_day.year + 7, fresh.last_day.year + 90):
        assert project(asked, until=far, first=far) == project(fresh, until=far, first=far)
        assert chair_answer(asked, date(far, 6, 1)) == chair_answer(fresh, date(far, 6, 1))
    for event in plan.events[:cut]:
        assert chair_answer(asked, event.date) == chair_answer(fresh, event.date)
        assert asked.sessions_on(event.date) == fresh.sessions_on(event.date)


def test_a_day_never_answers_with_another_days_session() -> None:
    """A session folded out of date order (a proposal dated before the record's last session) is
    found on its own day, and no session ever appears on a day that is not its own."""
    timeline = default_history().timeline
    assert timeline.held_until is not None
    day = timeline.held_until.replace(month=1, day=5)
    late = Event.model_validate(
        {"id": "out-of-order", "date": day, "session": {"kind": "extraordinary", "host": "RUS"}}
    )
    before = Timeline(rulebook="csto")
    for event in timeline.events.values():
        before.apply(event)
    before.apply(late)
    assert [found.id for found in before.sessions_on(day)] == ["out-of-order"]
    for asked in (day, timeline.held_until, day.replace(month=6)):
        assert all(found.date == asked for found in before.sessions_on(asked))
        assert before.sessions_on(asked) == [
            found
            for found in before.sessions_between(asked, asked.replace(year=asked.year + 1))
            if found.date == asked
        ]


def test_a_timeline_forgets_what_it_answered_for_another_rulebook() -> None:
    """A timeline told to answer for another rulebook forgets what it remembered."""
    timeline = default_history().timeline
    asked = Timeline(rulebook="csto")
    for event in timeline.events.values():
        asked.apply(event)
    assert timeline.last_day is not None
    far = timeline.last_day.year + 30
    project(asked, until=far, first=far)
    assert asked.memo
    asked.use_rulebook("sco")
    assert not asked.memo
    asked.use_rulebook("csto")
    assert project(asked, until=far, first=far) == project(timeline, until=far, first=far)
