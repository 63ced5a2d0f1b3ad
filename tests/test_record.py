"""The embedded record against the five news reports the project began from, and its own health."""

from __future__ import annotations

from datetime import date

import pytest

from charter.engine.check import default_history
from charter.engine.model import (
    Capacity,
    Event,
    MembershipStatus,
    SessionFormat,
    SessionKind,
    Severity,
)
from charter.engine.record import record_scenario
from charter.engine.replaying import replay


def _session(day: str) -> Event:
    found = [e for e in record_scenario().events if e.session is not None and str(e.date) == day]
    assert len(found) == 1, f"expected one session on {day}"
    return found[0]


def _seats(event: Event) -> set[tuple[str | None, str | None, str]]:
    assert event.session is not None
    return {
        (p.person, p.state, p.capacity)
        for p in event.session.participants or ()
        if p.capacity
        in (
            Capacity.HEAD_OF_STATE,
            Capacity.HEAD_OF_GOVERNMENT,
            Capacity.SECRETARY_GENERAL,
            Capacity.INVITED,
        )
    }


def _handover(event: Event) -> tuple[str | None, date | None]:
    assert event.session is not None
    passes = [d for d in event.session.decisions if d.kind == "pass_chairmanship"]
    assert len(passes) == 1
    return passes[0].to, passes[0].effective


def test_record_replays_without_error() -> None:
    """`charter replay` with no path: no violation of severity error, every expectation met."""
    report = replay(record_scenario())
    assert report.ok
    assert [v for v in report.violations if v.severity is Severity.ERROR] == []


def test_astana_2018_seed() -> None:
    """Report 000: Astana, 8 Nov 2018; five presidents, Armenia's acting PM, acting SG Semerikov; Kyrgyzstan presides 2018-2019."""
    event = _session("2018-11-08")
    assert event.session is not None
    assert (event.session.kind, event.session.host, event.session.city) == (
        SessionKind.REGULAR,
        "KAZ",
        "Astana",
    )
    assert _seats(event) == {
        ("Nikol Pashinyan", "ARM", "head_of_government"),
        ("Alexander Lukashenko", "BLR", "head_of_state"),
        ("Nursultan Nazarbayev", "KAZ", "head_of_state"),
        ("Sooronbay Jeenbekov", "KGZ", "head_of_state"),
        ("Vladimir Putin", "RUS", "head_of_state"),
        ("Emomali Rahmon", "TJK", "head_of_state"),
        ("Valery Semerikov", None, "secretary_general"),
    }
    capacities = {p.capacity for p in event.session.participants or ()}
    assert {
        Capacity.FOREIGN_MINISTER,
        Capacity.DEFENCE_MINISTER,
        Capacity.SECURITY_COUNCIL_SECRETARY,
    } <= capacities
    assert _handover(event)[0] == "KGZ"
    history = default_history()
    assert history.chair_on("2019-06-01").state == "KGZ"
    assert history.secretary_general_on("2018-11-08") == ("Valery Semerikov", True)
    pm = [v for v in replay(record_scenario()).violations if v.event == event.id]
    assert [(v.rule, v.severity) for v in pm] == [("art13.seat", Severity.WARNING)]


def test_video_2020_seed() -> None:
    """Report 001: 2 Dec 2020, the first video session, chaired by Putin; Kyrgyzstan's acting president Mamytov; SG Zas."""
    event = _session("2020-12-02")
    assert event.session is not None
    assert event.session.format is SessionFormat.VIDEO
    assert event.session.chair is not None
    assert event.session.chair.person == "Vladimir Putin"
    assert ("Talant Mamytov", "KGZ", "head_of_state") in _seats(event)
    assert ("Stanislav Zas", None, "secretary_general") in _seats(event)
    assert _handover(event)[0] == "TJK"


def test_moscow_2014_seed() -> None:
    """Report 002: Moscow, 23 Dec 2014; the six members' leaders, Armenia's President Sarkisian among them."""
    event = _session("2014-12-23")
    assert event.session is not None
    assert event.session.host == "RUS"
    assert ("Serzh Sargsyan", "ARM", "head_of_state") in _seats(event)
    assert {state for _, state, _ in _seats(event)} == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert default_history().secretary_general_on("2014-12-23") == ("Nikolai Bordyuzha", False)


def test_extraordinary_2021_seed() -> None:
    """Report 003: 23 Aug 2021 by video, chaired by Rahmon; Mirziyoyev a guest; the regular session on 16 Sep in Dushanbe."""
    event = _session("2021-08-23")
    assert event.session is not None
    assert (event.session.kind, event.session.format) == (
        SessionKind.EXTRAORDINARY,
        SessionFormat.VIDEO,
    )
    assert event.session.chair is not None
    assert event.session.chair.person == "Emomali Rahmon"
    assert ("Shavkat Mirziyoyev", "UZB", "invited") in _seats(event)
    assert ("Sadyr Japarov", "KGZ", "head_of_state") in _seats(event)
    assert default_history().chair_on("2021-08-23").person == "Emomali Rahmon"
    assert not [v for v in replay(record_scenario()).violations if v.event == event.id]
    dushanbe = _session("2021-09-16")
    assert dushanbe.session is not None
    assert (dushanbe.session.kind, dushanbe.session.host) == (SessionKind.REGULAR, "TJK")


def test_yerevan_2022_seed() -> None:
    """Report 004: Yerevan, 23 Nov 2022; Belarus accepts the presidency; Tasmagambetov appointed to succeed Zas."""
    event = _session("2022-11-23")
    assert event.session is not None
    assert event.session.chair is not None
    assert event.session.chair.person == "Nikol Pashinyan"
    seated = {state for _, state, capacity in _seats(event) if capacity.startswith("head_of")}
    assert seated == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert _handover(event) == ("BLR", date(2023, 1, 1))
    history = default_history()
    assert history.chair_on("2022-12-31").state == "ARM"
    assert history.chair_on("2023-01-01").person == "Alexander Lukashenko"
    assert history.secretary_general_on("2022-12-31") == ("Stanislav Zas", False)
    assert history.secretary_general_on("2023-01-01") == ("Imangali Tasmagambetov", False)


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (
            "1992-05-15",
            {"ARM", "KAZ", "KGZ", "RUS", "TJK", "UZB"},
        ),  # the six signatories (report background)
        (
            "1994-01-01",
            {"ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB"},
        ),  # joined in 1993
    ],
)
def test_treaty_parties_in_the_seed_background(day: str, status: set[str]) -> None:
    """The reports' background: six signed in 1992; Azerbaijan, Georgia and Belarus joined in 1993."""
    history = default_history()
    parties = {
        s
        for s in ("ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB")
        if history.status_on(s, day) is not None
    }
    assert parties == status


def test_membership_history_in_the_seed_background() -> None:
    """1999: six extend, three lapse; Uzbekistan returns in 2006 and is suspended in 2012."""
    history = default_history()
    assert set(history.members_on("2000-01-01").members) == {
        "ARM",
        "BLR",
        "KAZ",
        "KGZ",
        "RUS",
        "TJK",
    }
    assert history.status_on("UZB", "2005-01-01") == MembershipStatus.WITHDRAWN
    assert history.status_on("UZB", "2007-01-01") == MembershipStatus.MEMBER
    assert history.status_on("UZB", "2013-01-01") == MembershipStatus.SUSPENDED
    assert history.status_on("ARM", "2024-06-01") == MembershipStatus.FROZEN


@pytest.mark.parametrize(
    ("day", "state", "person"),
    [
        ("1992-05-15", None, None),
        ("2007-01-01", "BLR", "Alexander Lukashenko"),
        ("2008-01-01", "KGZ", "Kurmanbek Bakiyev"),
        ("2009-01-01", "ARM", "Serzh Sargsyan"),
        ("2010-01-01", "RUS", "Dmitry Medvedev"),
        ("2011-06-01", "BLR", "Alexander Lukashenko"),
        ("2012-06-01", "KAZ", "Nursultan Nazarbayev"),
        ("2013-06-01", "KGZ", "Almazbek Atambayev"),
        ("2014-06-01", "RUS", "Vladimir Putin"),
        ("2015-06-01", "TJK", "Emomali Rahmon"),
        ("2016-06-01", "ARM", "Serzh Sargsyan"),
        ("2017-06-01", "BLR", "Alexander Lukashenko"),
        ("2018-06-01", "KAZ", "Nursultan Nazarbayev"),
        ("2019-06-01", "KGZ", "Sooronbay Jeenbekov"),
        ("2020-06-01", "RUS", "Vladimir Putin"),
        ("2020-12-01", "RUS", "Vladimir Putin"),
        ("2021-01-01", "TJK", "Emomali Rahmon"),
        ("2022-06-01", "ARM", "Nikol Pashinyan"),
        ("2023-06-01", "BLR", "Alexander Lukashenko"),
        ("2024-06-01", "KAZ", "Kassym-Jomart Tokayev"),
        ("2025-06-01", "KGZ", "Sadyr Japarov"),
        ("2026-01-01", "RUS", "Vladimir Putin"),
    ],
)
def test_chair_across_the_whole_span(day: str, state: str | None, person: str | None) -> None:
    """Who presided, and who held that state's seat, from the Treaty's signature to 2026."""
    answer = default_history().chair_on(day)
    assert (answer.state, answer.person) == (state, person)
