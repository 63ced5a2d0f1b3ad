"""The record after the audit: its corrections, contested points, session days and the end of the record."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from charter.cli import main
from charter.engine.check import check_session, default_history
from charter.engine.model import Confidence, Event, PassChairmanship, SessionKind, Severity
from charter.engine.record import record_scenario
from charter.engine.replaying import replay
from charter.files.loading import load_proposal

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _session(day: str) -> Event:
    found = [e for e in record_scenario().events if e.session and e.date.isoformat() == day]
    assert len(found) == 1, day
    return found[0]


def _participants(day: str) -> dict[str | None, tuple[str | None, str, Confidence]]:
    event = _session(day)
    assert event.session is not None
    return {p.person: (p.state, p.capacity, p.confidence) for p in event.session.participants or ()}


# --- the audit's corrections ---------------------------------------------------------------


def test_borovoye_informal_meeting_is_dated_19_december_2008() -> None:
    """Borovoye met on 2008-12-19 (not 2008-12-01), Sargsyan among five presidents."""
    event = _session("2008-12-19")
    assert event.session is not None
    assert (event.session.kind, event.session.host) == (SessionKind.INFORMAL, "KAZ")
    assert "Serzh Sargsyan" in _participants("2008-12-19")
    assert not [e for e in record_scenario().events if e.date == date(2008, 12, 1)]


def test_moscow_2015_12_21_is_a_council_session_chaired_by_sargsyan() -> None:
    """21 Dec 2015: a Council session (not regular, no handover), Sargsyan chairing, six presidents and the SG."""
    event = _session("2015-12-21")
    assert event.session is not None
    assert event.session.kind == SessionKind.EXTRAORDINARY
    assert event.session.chair is not None
    assert (event.session.chair.person, event.session.chair.state) == ("Serzh Sargsyan", "ARM")
    seated = {
        s for s, capacity, _ in _participants("2015-12-21").values() if capacity == "head_of_state"
    }
    assert seated == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert _participants("2015-12-21")["Nikolai Bordyuzha"][1] == "secretary_general"
    assert not any(isinstance(d, PassChairmanship) for d in event.session.decisions)
    answer = default_history().chair_on("2015-12-21")
    assert (answer.state, answer.person, answer.handover) == ("ARM", "Serzh Sargsyan", None)


@pytest.mark.parametrize(("day", "host"), [("2009-07-31", "KGZ"), ("2016-12-26", "RUS")])
def test_missing_informal_meetings_are_recorded(day: str, host: str) -> None:
    """Cholpon-Ata (31 Jul 2009) and St Petersburg (Dec 2016) are in the record as informal meetings."""
    event = _session(day)
    assert event.session is not None
    assert (event.session.kind, event.session.host) == (SessionKind.INFORMAL, host)


def test_st_petersburg_day_is_held_at_low_confidence() -> None:
    """The St Petersburg day (26 Dec 2016) is not confirmed, and the record says so."""
    assert _session("2016-12-26").confidence is Confidence.LOW


def test_kazakhstan_seat_at_yerevan_2016_is_pm_sagintayev() -> None:
    """Kazakhstan sat at Yerevan 2016 through PM Sagintayev, a warning before Protocol No 2."""
    assert _participants("2016-10-14")["Bakhytzhan Sagintayev"][:2] == ("KAZ", "head_of_government")
    found = [
        v for v in replay(record_scenario()).violations if v.event == "session-2016-10-14-yerevan"
    ]
    assert [(v.rule, v.severity) for v in found] == [("art13.seat", Severity.WARNING)]


def test_kyrgyzstan_at_minsk_2006_is_bakiyev() -> None:
    """President Bakiyev represented Kyrgyzstan at Minsk on 23 Jun 2006."""
    assert _participants("2006-06-23")["Kurmanbek Bakiyev"][:2] == ("KGZ", "head_of_state")


def test_nazarbayev_chaired_astana_2004() -> None:
    """Nazarbayev chaired Astana 2004; who presided after it is still not known."""
    history = default_history()
    assert (history.chair_on("2004-06-18").state, history.chair_on("2004-06-18").person) == (
        "KAZ",
        "Nursultan Nazarbayev",
    )
    later = history.chair_on("2004-06-19")
    assert (later.state, later.answer) == (None, "not_known")


def test_moscow_2005_is_on_23_june() -> None:
    """The Moscow session of 2005 is recorded on 23 Jun, its chair left unknown (presumed only)."""
    event = _session("2005-06-23")
    assert event.session is not None
    assert event.session.chair is None


def test_zas_at_yerevan_2022_is_held_at_low_confidence() -> None:
    """Zas probably attended Yerevan 2022: recorded, but at low confidence."""
    assert _participants("2022-11-23")["Stanislav Zas"] == (
        None,
        "secretary_general",
        Confidence.LOW,
    )


@pytest.mark.parametrize(
    ("day", "present", "absent"),
    [
        ("2010-08-20", {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}, "UZB"),
        ("2011-08-12", {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}, "UZB"),
        ("2011-12-20", {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"}, None),
        ("2012-05-15", {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"}, None),
    ],
)
def test_participants_of_the_2010_2012_meetings(
    day: str, present: set[str], absent: str | None
) -> None:
    """The meetings of 2010-2012 list who took part (Karimov absent in 2010 and 2011)."""
    states = {s for s, capacity, _ in _participants(day).values() if capacity == "head_of_state"}
    assert states == present
    assert absent not in states


def test_moscow_2012_expected_presidents_are_low_confidence() -> None:
    """Seven presidents were expected at Moscow in May 2012, not confirmed: each is low confidence."""
    assert {c for _, _, c in _participants("2012-05-15").values()} == {Confidence.LOW}


def test_russia_presides_for_2026_and_nothing_is_decided_after() -> None:
    """Russia's term is for 2026; from 2027 the chair is not decided, and Tajikistan is only projected."""
    history = default_history()
    assert history.chair_on("2026-12-31").state == "RUS"
    assert history.chair_on("2026-12-31").until == date(2027, 1, 1)
    for day in ("2027-01-01", "2030-01-01", "2040-06-01"):
        answer = history.chair_on(day)
        assert (answer.state, answer.person, answer.answer) == (None, None, "not_decided")
        assert answer.projection is not None
    assert history.chair_on("2027-01-01").projection.state == "TJK"  # type: ignore[union-attr]
    assert "2026-11-11" in history.chair_on("2027-01-01").projection.basis  # type: ignore[union-attr]


def test_the_moscow_2026_session_is_announced_not_held() -> None:
    """11 Nov 2026: an announced session, which changes nothing and which chair and explain name."""
    events = [e for e in record_scenario().events if e.scheduled is not None]
    assert [(e.date, e.scheduled.host) for e in events] == [(date(2026, 11, 11), "RUS")]  # type: ignore[union-attr]
    history = default_history()
    answer = history.chair_on("2026-11-11")
    assert (answer.state, answer.session) == ("RUS", None)
    assert "announced" in (answer.note or "")
    assert "announced" in json.dumps(history.explain(on="2026-11-11").as_json())
    assert history.timeline.held_until == date(2025, 11, 27)


def test_masadykov_term_and_after() -> None:
    """Masadykov serves 2026-2028; from 2029 no Secretary General is decided."""
    history = default_history()
    assert history.secretary_general("2028-12-31").person == "Taalatbek Masadykov"
    assert history.secretary_general("2028-12-31").until == date(2029, 1, 1)
    after = history.secretary_general("2029-01-01")
    assert (after.person, after.answer) == (None, "not_decided")


# --- session days ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "chair", "then"),
    [
        ("2018-11-08", ("KAZ", "Nursultan Nazarbayev"), ("KGZ", "Sooronbay Jeenbekov")),
        ("2019-11-28", ("KGZ", "Sooronbay Jeenbekov"), ("RUS", "Vladimir Putin")),
        ("2020-12-02", ("RUS", "Vladimir Putin"), ("TJK", "Emomali Rahmon")),
        ("2013-09-23", ("KGZ", "Almazbek Atambayev"), ("RUS", "Vladimir Putin")),
    ],
)
def test_on_a_session_day_its_chair_answers(
    day: str, chair: tuple[str, str], then: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """On a handover day `chair --on` names the session's chair and says the presidency passes at its close."""
    assert main(["chair", "--on", day, "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert (found["state"], found["person"]) == chair
    assert found["handover"]["to"] == then[0]
    assert found["handover"]["effective"] == day
    assert "passes at its close" in found["note"]
    following = default_history().chair_on(date.fromisoformat(day) + timedelta(days=1))
    assert (following.state, following.person) == then


def test_every_recorded_chair_answers_on_its_sessions_day() -> None:
    """For every session in the record whose chair is recorded, chair_on that day names that chair."""
    history = default_history()
    for event in record_scenario().events:
        session = event.session
        if session is None or session.chair is None or session.chair.person is None:
            continue
        if len(history.timeline.sessions_on(event.date)) > 1:
            continue
        answer = history.chair_on(event.date)
        assert answer.person == session.chair.person, event.id
        assert answer.session == event.id


# --- contested points ----------------------------------------------------------------------


def _contested() -> list[Event]:
    return [event for event in record_scenario().events if event.contested is not None]


def test_the_five_contested_points_are_recorded() -> None:
    """Kyrgyzstan 2007, Tajikistan 2014, Uzbekistan 1999-2006 and 2012, Georgia 1993 each keep two readings."""
    ids = {event.id for event in _contested()}
    assert ids == {
        "membership-geo-1993-12-09-accession",
        "membership-uzb-1999-04-20-lapse",
        "session-2007-10-06-dushanbe",
        "session-2012-12-19-moscow",
        "session-2014-12-23-moscow",
    }


@pytest.mark.parametrize("event", _contested(), ids=lambda event: event.id)
def test_explain_names_the_other_reading(event: Event) -> None:
    """On each day where the readings differ, explain names the other reading and its source."""
    point = event.contested
    assert point is not None
    start = point.start or event.date
    end = point.end or start + timedelta(days=1)
    history = default_history()
    for day in (start, end - timedelta(days=1)):
        text = history.explain(on=day).render()
        assert point.other in text
        assert point.source[0] in text
    assert point.other not in history.explain(on=end).render()


@pytest.mark.parametrize("event", _contested(), ids=lambda event: event.id)
def test_chair_or_status_carry_the_reading_they_concern(event: Event) -> None:
    """A point about the presidency is in chair's answer; one about a state, in that state's status."""
    point = event.contested
    assert point is not None
    day = point.start or event.date
    history = default_history()
    about = point.about or (event.membership.state if event.membership else "presidency")
    on_chair = [r.other for r in history.chair_on(day).contested]
    if about == "presidency":
        assert on_chair == [point.other]
    else:
        assert point.other not in on_chair
        assert [r.other for r in history.status(about, day).contested] == [point.other]
        assert history.status("RUS", day).contested == ()


@pytest.mark.parametrize("event", _contested(), ids=lambda event: event.id)
def test_docs_list_each_contested_point_with_both_readings(event: Event) -> None:
    """docs/record.md lists every contested point: the other reading and its first source."""
    page = (DOCS / "record.md").read_text(encoding="utf-8")
    point = event.contested
    assert point is not None
    assert event.id in page
    assert point.source[0].split(" (")[0] in page  # the source itself, without its gloss


def test_uzbekistan_returns_by_the_transition_its_reading_implies() -> None:
    """The record keeps 'withdrawn' for 1999, so the 2006 return is an admission, not a restoration."""
    minsk = _session("2006-06-23")
    assert minsk.session is not None
    kinds = [d.kind for d in minsk.session.decisions if getattr(d, "state", None) == "UZB"]
    assert kinds == ["admit_member"]


def test_kyrgyz_handover_of_2007_is_low_confidence() -> None:
    """The contested Dushanbe handover is held at low confidence."""
    minsk = _session("2007-10-06")
    assert minsk.session is not None
    handovers = [d for d in minsk.session.decisions if isinstance(d, PassChairmanship)]
    assert [h.confidence for h in handovers] == [Confidence.LOW]


# --- known, vacant, not known ----------------------------------------------------------------


def test_treaty_era_secretary_general_is_not_known_not_none(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """2002: the record names no Secretary General; the answer is "not known", in text and JSON."""
    assert main(["sg", "--on", "2002-06-01", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert (found["person"], found["answer"]) == (None, "not_known")
    assert main(["sg", "--on", "2002-06-01"]) == 0
    assert "not known" in capsys.readouterr().out


def test_presiding_state_of_2004_2005_is_not_known(capsys: pytest.CaptureFixture[str]) -> None:
    """2004-2005: the chairmanship passed to a state the record does not name: not known, no since."""
    assert main(["chair", "--on", "2005-01-01", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert (found["state"], found["since"], found["answer"]) == (None, None, "not_known")
    assert main(["chair", "--on", "2005-01-01"]) == 0
    assert "not known" in capsys.readouterr().out


def test_a_recorded_vacancy_is_vacant(tmp_path: Path) -> None:
    """A post recorded vacant answers "vacant", told apart from "not known"."""
    from charter.files.loading import load_scenario

    path = tmp_path / "vacant.yaml"
    path.write_text(
        "baseline: empty\nevents:\n"
        "  - {id: sg, date: 2010-01-01, office: {state: RUS, role: secretary_general, person: A B}}\n"
        "  - {id: gone, date: 2011-01-01, office: {state: RUS, role: secretary_general, person: null}}\n"
        "  - {id: later, date: 2012-01-01, membership: {state: RUS, status: member}}\n",
        encoding="utf-8",
    )
    history = replay(load_scenario(path)).history
    assert history.secretary_general("2009-01-01").answer == "not_known"
    assert history.secretary_general("2010-06-01").answer == "known"
    assert history.secretary_general("2011-06-01").answer == "vacant"
    assert history.secretary_general("2013-06-01").answer == "not_decided"


def test_status_command(capsys: pytest.CaptureFixture[str]) -> None:
    """charter status names the status, since when, and a party or not; a bad code exits 2."""
    assert main(["status", "UZB", "--on", "2013-01-01", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert (found["status"], found["since"], found["answer"]) == (
        "suspended",
        "2012-12-19",
        "known",
    )
    assert main(["status", "USA", "--on", "2013-01-01", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["answer"] == "not_a_party"
    assert main(["status", "UZB", "--on", "1990-01-01", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["answer"] == "not_known"
    assert main(["status", "ZZZ", "--on", "2013-01-01"]) == 2
    assert "not a state code" in capsys.readouterr().err


# --- rules that say no more than the Charter ------------------------------------------------


def _proposal(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "proposal.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_donald_duck_as_foreign_minister_is_not_a_silent_pass(tmp_path: Path) -> None:
    """The record holds no Russian foreign minister: unknown, and an error under --strict."""
    path = _proposal(
        tmp_path,
        "id: p\ndate: 2026-06-01\nsession:\n  kind: extraordinary\n  host: RUS\n"
        "  chair: {person: Vladimir Putin, state: RUS}\n  participants:\n"
        "    - {person: Vladimir Putin, state: RUS, capacity: head_of_state}\n"
        "    - {person: Donald Duck, state: RUS, capacity: foreign_minister}\n",
    )
    report = check_session(load_proposal(path))
    assert [u.rule for u in report.unknowns] == ["art13.attendance"]
    assert "Donald Duck" in report.unknowns[0].message
    assert report.suggestions is not None
    assert report.suggestions["unconfirmed"] == {"Donald Duck": ["foreign_minister of RUS"]}
    assert not check_session(load_proposal(path), strict=True).ok
    assert main(["check", "--strict", str(path)]) == 1


def test_handing_the_presidency_to_frozen_armenia_is_a_practice_warning(tmp_path: Path) -> None:
    """Frozen Armenia may be handed the presidency: no art13.tenure error, a practice.rotation warning."""
    path = _proposal(
        tmp_path,
        "id: p\ndate: 2026-11-11\nsession:\n  kind: regular\n  host: RUS\n  city: Moscow\n"
        "  chair: {person: Vladimir Putin, state: RUS}\n"
        "  decisions:\n    - {kind: pass_chairmanship, to: ARM, effective: 2027-01-01}\n",
    )
    report = check_session(load_proposal(path))
    found = {(v.rule, v.severity) for v in report.violations}
    assert ("art13.tenure", Severity.ERROR) not in found
    assert ("practice.rotation", Severity.WARNING) in found
    rotation = next(v for v in report.violations if v.rule == "practice.rotation")
    assert "the Charter does not bar it" in rotation.message
    assert rotation.citation.endswith("not Charter text")


def test_armenias_ceremonial_president_in_the_seat_is_a_violation(tmp_path: Path) -> None:
    """Armenia's seat is its prime minister's (the record's seat event): its president there is an error."""
    path = _proposal(
        tmp_path,
        "id: p\ndate: 2022-05-16\nsession:\n  kind: extraordinary\n  host: RUS\n"
        "  chair: {person: Nikol Pashinyan, state: ARM}\n  participants:\n"
        "    - {person: Vahagn Khachaturyan, state: ARM, capacity: head_of_state}\n",
    )
    report = check_session(load_proposal(path))
    seat = [v for v in report.violations if v.rule == "art13.seat"]
    assert [v.severity for v in seat] == [Severity.ERROR]
    assert "head of government" in seat[0].message


def test_once_the_announced_session_is_held_the_next_term_is_decided(tmp_path: Path) -> None:
    """A history that holds the Moscow session decides 2027; the announcement then says nothing more."""
    from charter.engine.simulate import project
    from charter.files.loading import load_scenario

    path = tmp_path / "held.yaml"
    path.write_text(
        "baseline: csto\nevents:\n  - id: moscow-2026\n    date: 2026-11-11\n    session:\n"
        "      kind: regular\n      host: RUS\n      city: Moscow\n"
        "      chair: {person: Vladimir Putin, state: RUS}\n      decisions:\n"
        "        - {kind: pass_chairmanship, to: TJK, effective: 2027-01-01, until: 2028-01-01}\n",
        encoding="utf-8",
    )
    history = replay(load_scenario(path)).history
    day = history.chair_on("2026-11-11")
    assert (day.person, day.session) == ("Vladimir Putin", "moscow-2026")
    assert "announced" not in (day.note or "")
    assert (history.chair_on("2027-06-01").state, history.chair_on("2027-06-01").answer) == (
        "TJK",
        "known",
    )
    assert history.chair_on("2028-01-01").answer == "not_decided"
    years = {year.year: year for year in project(history.timeline, until=2028, first=2027)}
    assert (years[2027].state, years[2027].decided) == ("TJK", True)
    assert (years[2028].state, years[2028].decided) == ("BLR", False)


def test_a_term_with_no_fixed_end_is_not_stretched_for_ever(tmp_path: Path) -> None:
    """Past a history's end, an open term is answered for the year after it began, then not decided."""
    from charter.files.loading import load_scenario

    path = tmp_path / "open.yaml"
    path.write_text(
        "baseline: empty\nevents:\n"
        "  - {id: m-tjk, date: 2003-09-18, membership: {state: TJK, status: member}}\n"
        "  - {id: m-rus, date: 2003-09-18, membership: {state: RUS, status: member}}\n"
        "  - {id: o-tjk, date: 2003-09-18, office: {state: TJK, role: head_of_state, person: Emomali Rahmon}}\n"
        "  - id: s\n    date: 2020-12-02\n    session:\n      kind: regular\n      host: RUS\n"
        "      decisions:\n        - {kind: pass_chairmanship, to: TJK}\n",
        encoding="utf-8",
    )
    history = replay(load_scenario(path)).history
    within = history.chair_on("2021-12-31")
    assert (within.state, within.answer) == ("TJK", "known")
    assert "history ends on 2020-12-02" in (within.note or "")
    after = history.chair_on("2022-01-01")
    assert (after.state, after.answer) == (None, "not_decided")
    assert after.projection is not None
    assert history.explain(on="2022-01-01").because[0].verdict == "not decided"


@pytest.mark.parametrize(
    "event", [e for e in _contested() if e.session is not None], ids=lambda event: event.id
)
def test_explain_session_names_the_other_reading(event: Event) -> None:
    """explain --session on a contested session names the other reading and its source."""
    assert event.contested is not None
    text = default_history().explain(session=event.id).render()
    assert event.contested.other in text
    assert event.contested.source[0] in text


def test_a_renewed_secretary_general_is_in_office_since_the_first_appointment() -> None:
    """Bordyuzha's renewals continue his time in office: since 2003-04-28, until 31 Dec 2016."""
    answer = default_history().secretary_general("2016-12-31")
    assert (answer.person, answer.since, answer.until) == (
        "Nikolai Bordyuzha",
        date(2003, 4, 28),
        date(2017, 1, 1),
    )
    following = default_history().secretary_general("2023-01-01")
    assert (following.person, following.since) == ("Imangali Tasmagambetov", date(2023, 1, 1))
