"""Article 13 rules, called directly as functions."""

from __future__ import annotations

from typing import Any

from charter.engine.model import Severity
from charter.rulebooks.csto.rules import Breach, Unknown
from charter.rulebooks.csto.rules.art13 import attendance, bodies, chair, host, seat, tenure
from tests.build import HEADS, event, founding, presiding, seats, world


def _session(day: str, **fields: Any) -> Any:
    return event("s", day, session=fields)


# --- art13.seat ----------------------------------------------------------------------------


def test_seat_held_by_head_of_state_holds() -> None:
    """Each member's president in its seat breaks nothing."""
    found = list(
        seat(
            _session("2015-01-01", kind="informal", participants=seats("ARM", "RUS")),
            world(*founding()),
        )
    )
    assert found == []


def test_seat_held_by_someone_else_fires() -> None:
    """A person who is not the state's head of state cannot hold its seat as head of state."""
    wrong = [{"person": "Dmitry Medvedev", "state": "RUS", "capacity": "head_of_state"}]
    found = list(
        seat(_session("2015-01-01", kind="informal", participants=wrong), world(*founding()))
    )
    assert len(found) == 1
    assert isinstance(found[0], Breach)
    assert "the head of state of Russia is Vladimir Putin" in found[0].message


def test_head_of_government_before_2021_is_a_warning() -> None:
    """Before Protocol No 2 entered into force, a head of government in the seat is a warning."""
    history = [
        *founding(),
        event(
            "pm",
            "2018-05-08",
            office={"state": "ARM", "role": "head_of_government", "person": "Nikol Pashinyan"},
        ),
    ]
    pm = [{"person": "Nikol Pashinyan", "state": "ARM", "capacity": "head_of_government"}]
    found = list(seat(_session("2018-11-08", kind="regular", participants=pm), world(*history)))
    assert [(type(f), getattr(f, "severity", None)) for f in found] == [(Breach, Severity.WARNING)]


def test_head_of_government_from_2021_holds() -> None:
    """From 19 January 2021 a head of government may sit."""
    history = [
        *founding(),
        event(
            "pm",
            "2018-05-08",
            office={"state": "ARM", "role": "head_of_government", "person": "Nikol Pashinyan"},
        ),
    ]
    pm = [{"person": "Nikol Pashinyan", "state": "ARM", "capacity": "head_of_government"}]
    assert (
        list(seat(_session("2021-01-19", kind="informal", participants=pm), world(*history))) == []
    )


def test_two_seat_holders_for_one_member_fires() -> None:
    """A member has one seat."""
    history = [
        *founding(),
        event(
            "pm",
            "2021-01-01",
            office={"state": "ARM", "role": "head_of_government", "person": "Nikol Pashinyan"},
        ),
    ]
    both = [
        *seats("ARM"),
        {"person": "Nikol Pashinyan", "state": "ARM", "capacity": "head_of_government"},
    ]
    found = list(
        seat(_session("2022-01-10", kind="extraordinary", participants=both), world(*history))
    )
    assert any("two seat-holders" in f.message for f in found)


def test_unrecorded_office_is_unknown_not_a_guess() -> None:
    """When nobody recorded who held the office, the rule answers unknown."""
    history = [event("m", "2003-09-18", membership={"state": "KAZ", "status": "member"})]
    pm = [{"person": "Someone", "state": "KAZ", "capacity": "head_of_government"}]
    found = list(seat(_session("2021-06-01", kind="informal", participants=pm), world(*history)))
    assert [type(f) for f in found] == [Unknown]


# --- art13.attendance ----------------------------------------------------------------------


def test_attendance_in_admitted_capacities_holds() -> None:
    """Ministers, the Secretary General in office and guests may take part."""
    history = [
        *founding(),
        event(
            "sg",
            "2020-01-01",
            decision={
                "kind": "appoint_secretary_general",
                "person": "Stanislav Zas",
                "state": "BLR",
                "until": "2023-01-01",
            },
        ),
        event(
            "fm",
            "2004-03-09",
            office={"state": "RUS", "role": "foreign_minister", "person": "Sergey Lavrov"},
        ),
    ]
    people = [
        {"person": "Sergey Lavrov", "state": "RUS", "capacity": "foreign_minister"},
        {"person": "Stanislav Zas", "capacity": "secretary_general"},
        {"person": "Shavkat Mirziyoyev", "state": "UZB", "capacity": "invited"},
    ]
    assert (
        list(
            attendance(
                _session("2021-08-23", kind="extraordinary", participants=people), world(*history)
            )
        )
        == []
    )


def test_minister_the_record_does_not_hold_is_unknown_not_a_pass() -> None:
    """A foreign minister the record cannot confirm is an unknown, whoever the name is."""
    people = [{"person": "Donald Duck", "state": "RUS", "capacity": "foreign_minister"}]
    found = list(
        attendance(
            _session("2021-08-23", kind="extraordinary", participants=people), world(*founding())
        )
    )
    assert len(found) == 1
    assert isinstance(found[0], Unknown)
    assert "Donald Duck" in found[0].message
    assert "foreign minister of Russia" in found[0].message


def test_wrong_minister_where_the_record_knows_the_holder_fires() -> None:
    """Where the record knows the foreign minister, another name is a violation."""
    history = [
        *founding(),
        event(
            "fm",
            "2004-03-09",
            office={"state": "RUS", "role": "foreign_minister", "person": "Sergey Lavrov"},
        ),
    ]
    people = [{"person": "Donald Duck", "state": "RUS", "capacity": "foreign_minister"}]
    found = list(
        attendance(
            _session("2021-08-23", kind="extraordinary", participants=people), world(*history)
        )
    )
    assert len(found) == 1
    assert isinstance(found[0], Breach)
    assert "Sergey Lavrov" in found[0].message


def test_attendance_in_other_capacity_fires() -> None:
    """A capacity Article 13 does not name is a violation."""
    people = [{"person": "A Deputy", "state": "RUS", "capacity": "other"}]
    found = list(
        attendance(
            _session("2021-08-23", kind="extraordinary", participants=people), world(*founding())
        )
    )
    assert len(found) == 1
    assert "does not admit" in found[0].message


def test_wrong_secretary_general_fires() -> None:
    """Only the Secretary General in office attends as Secretary General."""
    history = [
        *founding(),
        event(
            "sg",
            "2020-01-01",
            decision={
                "kind": "appoint_secretary_general",
                "person": "Stanislav Zas",
                "state": "BLR",
                "until": "2023-01-01",
            },
        ),
    ]
    people = [{"person": "Valery Semerikov", "capacity": "secretary_general"}]
    found = list(
        attendance(
            _session("2021-08-23", kind="extraordinary", participants=people), world(*history)
        )
    )
    assert "the Secretary General is Stanislav Zas" in found[0].message


# --- art13.chair ---------------------------------------------------------------------------


def test_chair_by_presiding_states_head_holds() -> None:
    """During Tajikistan's term its president chairs even an extraordinary session."""
    history = [*founding(), presiding("TJK", "2020-12-02")]
    session = _session(
        "2021-08-23",
        kind="extraordinary",
        chair={"person": "Emomali Rahmon"},
        participants=seats("TJK"),
    )
    assert list(chair(session, world(*history))) == []


def test_chair_by_host_instead_of_presiding_state_fires() -> None:
    """The host of an extraordinary session does not chair it; the presiding state does."""
    history = [*founding(), presiding("TJK", "2020-12-02")]
    session = _session(
        "2021-08-23",
        kind="extraordinary",
        host="RUS",
        chair={"person": "Vladimir Putin", "state": "RUS"},
    )
    found = list(chair(session, world(*history)))
    assert len(found) == 1
    assert "expected Emomali Rahmon (Tajikistan)" in found[0].message


def test_chair_named_by_council_decision_holds() -> None:
    """The Council may decide otherwise and name the chair."""
    history = [*founding(), presiding("ARM", "2008-09-05")]
    session = _session(
        "2009-06-14",
        kind="regular",
        host="RUS",
        chair={"person": "Vladimir Putin", "state": "RUS"},
        decisions=[
            {"kind": "name_chair", "person": "Vladimir Putin", "state": "RUS"},
            {"kind": "pass_chairmanship", "to": "RUS"},
        ],
    )
    assert list(chair(session, world(*history))) == []


def test_first_regular_session_chaired_by_host_holds() -> None:
    """Before any state presides, the host's head chairs the regular session (Art. 13)."""
    session = _session("2004-06-18", kind="regular", host="KAZ", chair={"person": HEADS["KAZ"]})
    assert list(chair(session, world(*founding()))) == []


def test_unknown_chair_is_unknown() -> None:
    """A chair nobody recorded gives unknown, not a violation."""
    found = list(chair(_session("2005-06-23", kind="regular", host="RUS"), world(*founding())))
    assert [type(f) for f in found] == [Unknown]


# --- art13.host ----------------------------------------------------------------------------


def test_regular_session_in_presiding_state_holds() -> None:
    """Kazakhstan presides and hosts the regular session."""
    history = [*founding(), presiding("KAZ", "2017-11-30")]
    assert list(host(_session("2018-11-08", kind="regular", host="KAZ"), world(*history))) == []


def test_regular_session_elsewhere_fires() -> None:
    """Held in Russia while Kyrgyzstan presides, with no Council decision."""
    history = [*founding(), presiding("KGZ", "2012-12-19")]
    found = list(host(_session("2013-09-23", kind="regular", host="RUS"), world(*history)))
    assert len(found) == 1
    assert "held in Russia, but Kyrgyzstan presides" in found[0].message


def test_regular_session_elsewhere_by_decision_holds() -> None:
    """The Council decided to meet in Sochi: no violation."""
    history = [*founding(), presiding("KGZ", "2012-12-19")]
    session = _session(
        "2013-09-23", kind="regular", host="RUS", decisions=[{"kind": "set_host", "state": "RUS"}]
    )
    assert list(host(session, world(*history))) == []


def test_extraordinary_session_anywhere_holds() -> None:
    """Only regular sessions are bound to the presiding state."""
    history = [*founding(), presiding("ARM", "2021-09-16")]
    assert list(host(_session("2022-05-16", kind="anniversary", host="RUS"), world(*history))) == []


# --- art13.tenure --------------------------------------------------------------------------


def test_handover_at_regular_session_holds() -> None:
    """A regular session names the next presiding state, effective on 1 January."""
    session = _session(
        "2022-11-23",
        kind="regular",
        host="ARM",
        decisions=[{"kind": "pass_chairmanship", "to": "BLR", "effective": "2023-01-01"}],
    )
    assert list(tenure(session, world(*founding()))) == []


def test_handover_at_extraordinary_session_fires() -> None:
    """The chairmanship does not pass outside a regular session."""
    session = _session(
        "2022-01-10", kind="extraordinary", decisions=[{"kind": "pass_chairmanship", "to": "BLR"}]
    )
    found = list(tenure(session, world(*founding())))
    assert "outside a regular session" in found[0].message


def test_regular_session_without_handover_fires() -> None:
    """Each regular session names who presides next."""
    found = list(tenure(_session("2022-11-23", kind="regular", host="ARM"), world(*founding())))
    assert "does not name the next presiding state" in found[0].message


def test_backdated_handover_fires() -> None:
    """A handover cannot take effect before the session that decides it."""
    session = _session(
        "2022-11-23",
        kind="regular",
        decisions=[{"kind": "pass_chairmanship", "to": "BLR", "effective": "2022-01-01"}],
    )
    assert any("before the session" in f.message for f in tenure(session, world(*founding())))


# --- art13.bodies --------------------------------------------------------------------------


def test_body_with_end_date_holds() -> None:
    """A temporary body with an end date is well formed."""
    decision = event(
        "b",
        "2022-10-28",
        decision={
            "kind": "establish_body",
            "body": "Working group on Armenia",
            "until": "2023-10-28",
        },
    )
    assert list(bodies(decision, world(*founding()))) == []


def test_body_neither_permanent_nor_temporary_fires() -> None:
    """A body must be permanent or have an end date."""
    decision = event(
        "b", "2022-10-28", decision={"kind": "establish_body", "body": "Working group on Armenia"}
    )
    found = list(bodies(decision, world(*founding())))
    assert "neither as permanent nor until a day" in found[0].message


def test_body_twice_fires() -> None:
    """A body that exists cannot be set up again under its name."""
    first = event(
        "a",
        "2011-12-20",
        decision={"kind": "establish_body", "body": "Crisis Response Centre", "permanent": True},
    )
    again = event(
        "b",
        "2015-01-01",
        decision={"kind": "establish_body", "body": "Crisis Response Centre", "permanent": True},
    )
    assert any("already exists" in f.message for f in bodies(again, world(*founding(), first)))


def test_host_decision_held_with_low_confidence_is_a_warning() -> None:
    """An exemption resting on an inferred (low-confidence) decision stays visible as a warning."""
    history = [*founding(), presiding("KAZ", "2011-12-20")]
    session = _session(
        "2012-12-19",
        kind="regular",
        host="RUS",
        decisions=[{"kind": "set_host", "state": "RUS", "confidence": "low"}],
    )
    found = list(host(session, world(*history)))
    assert [getattr(f, "severity", None) for f in found] == [Severity.WARNING]
    assert "low confidence" in found[0].message


def test_secretary_general_after_the_term_ended_is_unknown_not_vacant() -> None:
    """After a term ends with no successor recorded, an SG attending is unknown, not a vacancy breach."""
    history = [
        *founding(),
        event(
            "sg",
            "2020-01-01",
            decision={
                "kind": "appoint_secretary_general",
                "person": "Stanislav Zas",
                "state": "BLR",
                "until": "2023-01-01",
            },
        ),
    ]
    people = [{"person": "Stanislav Zas", "capacity": "secretary_general"}]
    found = list(
        attendance(
            _session("2023-06-01", kind="extraordinary", participants=people), world(*history)
        )
    )
    assert len(found) == 1
    assert isinstance(found[0], Unknown)
    assert "ended on 2022-12-31" in found[0].message
