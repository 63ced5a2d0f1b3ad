"""The host of a projected year: the regular session the history holds, else the presiding state."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charter.engine.check import default_history
from charter.engine.model import SessionKind
from charter.engine.packs import rulebook_ids
from charter.engine.replaying import replay
from charter.engine.simulate import project
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
    jumped = project(timeline, until=far, first=far)
    assert jumped == [walked]
