"""The timeline: as-of answers by binary search, effective dates, superseded handovers."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charter.engine.model import MembershipStatus
from charter.engine.replaying import fold
from charter.engine.timeline import Series
from charter.strategies import HistoryPlan, histories
from tests.build import event, founding, world


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2019, 12, 31), None),  # before the first change
        (date(2020, 1, 1), "a"),  # first day of the first value
        (date(2020, 12, 31), "a"),  # last day before the next change
        (date(2021, 1, 1), "b"),  # the change's own day
        (date(2099, 1, 1), "b"),  # open end
    ],
)
def test_series_answers_as_of_a_day(day: date, expected: str | None) -> None:
    """A value holds from its day up to, not including, the next change."""
    series: Series[str] = Series()
    series.set(date(2021, 1, 1), "b")
    series.set(date(2020, 1, 1), "a")  # filed out of order: still found
    assert series.at(day) == expected


def test_handover_effective_on_first_of_january() -> None:
    """A presidency decided in November with effect from 1 January starts on 1 January."""
    decided = event(
        "yerevan",
        "2022-11-23",
        session={
            "kind": "regular",
            "host": "ARM",
            "decisions": [{"kind": "pass_chairmanship", "to": "BLR", "effective": "2023-01-01"}],
        },
    )
    timeline = world(*founding(), decided)
    assert timeline.presidency_on(date(2022, 12, 31)) is None
    presidency = timeline.presidency_on(date(2023, 1, 1))
    assert presidency is not None
    assert presidency.state == "BLR"


def test_later_handover_supersedes_a_pending_one() -> None:
    """A handover decided later cancels one decided earlier that was not yet in force."""
    first = event(
        "s1",
        "2004-01-02",
        session={
            "kind": "regular",
            "decisions": [{"kind": "pass_chairmanship", "to": "ARM", "effective": "2005-01-01"}],
        },
    )
    second = event(
        "s2",
        "2004-10-01",
        session={"kind": "regular", "decisions": [{"kind": "pass_chairmanship", "to": "BLR"}]},
    )
    timeline = world(*founding(), first, second)
    presidency = timeline.presidency_on(date(2005, 6, 1))
    assert presidency is not None
    assert presidency.state == "BLR"


def test_same_day_events_apply_in_file_order() -> None:
    """Two changes on one day: the later in the file wins."""
    timeline = world(
        event("a", "2024-02-22", membership={"state": "ARM", "status": "member"}),
        event("b", "2024-02-22", membership={"state": "ARM", "status": "frozen"}),
    )
    assert timeline.status_on("ARM", date(2024, 2, 22)) is not None
    assert timeline.status_on("ARM", date(2024, 2, 22)) == "frozen"


@given(plan=histories(), when=st.dates(date(1990, 1, 1), date(2040, 12, 31)))
def test_all_statuses_and_holders_on_a_day_agree_with_one_at_a_time(
    plan: HistoryPlan, when: date
) -> None:
    """The bulk answers (a live view on the newest day, a table before it) match the single ones."""
    timeline = fold(plan.events)
    for day in (when, timeline.last_day or when):
        statuses = timeline.statuses_on(day)
        assert dict(statuses) == {
            state: status
            for state in timeline.states()
            if (status := timeline.status_on(state, day)) is not None
        }
        holders = timeline.holders_on(day)
        assert dict(holders) == {
            key: holder
            for key in timeline.offices
            if (holder := timeline.holder_on(*key, day)) is not None
        }


def test_the_newest_view_follows_the_timeline() -> None:
    """On the newest day the answer is a read-only view that sees later events as they fold."""
    timeline = world(event("arm-in", "2000-01-01", membership={"state": "ARM", "status": "member"}))
    view = timeline.statuses_on(date(2000, 1, 1))
    assert view == {"ARM": MembershipStatus.MEMBER}
    timeline.apply(
        event("arm-out", "2001-01-01", membership={"state": "ARM", "status": "withdrawn"})
    )
    assert view == {"ARM": MembershipStatus.WITHDRAWN}
    assert timeline.statuses_on(date(2000, 6, 1)) == {"ARM": MembershipStatus.MEMBER}
    with pytest.raises(TypeError):
        view["ARM"] = MembershipStatus.MEMBER  # type: ignore[index]
