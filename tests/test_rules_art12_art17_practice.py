"""Articles 12 and 17 and the rotation practice, called directly as functions."""

from __future__ import annotations

from datetime import date

from charter.engine.model import Event, Severity
from charter.rulebooks.csto.rules import Breach, Unknown
from charter.rulebooks.csto.rules.art12 import consensus
from charter.rulebooks.csto.rules.art17 import secretary_general
from charter.rulebooks.csto.rules.practice import next_in_rotation, rotation
from tests.build import SIX, event, founding, presiding, world

# --- art12.consensus -----------------------------------------------------------------------


def test_decision_joined_by_all_holds() -> None:
    """A decision every member joins is adopted by consensus."""
    decision = event("d", "2020-12-02", decision={"kind": "declaration", "joined": list(SIX)})
    assert list(consensus(decision, world(*founding()))) == []


def test_decision_over_an_objection_fires() -> None:
    """One member's objection stops a decision; recording it as adopted is a violation."""
    decision = event("d", "2022-11-23", decision={"kind": "declaration", "objected": ["ARM"]})
    found = list(consensus(decision, world(*founding())))
    assert [f.severity for f in found if isinstance(f, Breach)] == [None]
    assert "Armenia objected" in found[0].message


def test_decision_not_adopted_over_objection_holds() -> None:
    """A decision that fell because of an objection breaks nothing."""
    decision = event(
        "d", "2022-11-23", decision={"kind": "declaration", "objected": ["ARM"], "adopted": False}
    )
    assert list(consensus(decision, world(*founding()))) == []


def test_limited_format_is_a_note() -> None:
    """A decision Armenia did not join is taken in limited format: info, not an error."""
    decision = event(
        "d", "2023-11-23", decision={"kind": "other", "joined": ["BLR", "KAZ", "KGZ", "RUS", "TJK"]}
    )
    found = list(consensus(decision, world(*founding())))
    assert [(type(f), getattr(f, "severity", None)) for f in found] == [(Breach, Severity.INFO)]


# --- art17.secretary-general ---------------------------------------------------------------


def _appoint(day: str, person: str, state: str, start: str, until: str | None) -> Event:
    return event(
        "sg-" + person.replace(" ", "-"),
        day,
        decision={
            "kind": "appoint_secretary_general",
            "person": person,
            "state": state,
            "start": start,
            "until": until,
        },
    )


def test_three_year_appointment_holds() -> None:
    """A citizen of a member, appointed by the Council for three years."""
    found = list(
        secretary_general(
            _appoint("2019-11-28", "Stanislav Zas", "BLR", "2020-01-01", "2023-01-01"),
            world(*founding()),
        )
    )
    assert found == []


def test_term_over_three_years_fires() -> None:
    """A term longer than three years breaks Art. 17."""
    found = list(
        secretary_general(
            _appoint("2019-11-28", "Stanislav Zas", "BLR", "2020-01-01", "2024-01-01"),
            world(*founding()),
        )
    )
    assert "longer than 3 years" in found[0].message


def test_citizen_of_non_member_fires() -> None:
    """The Secretary General is a citizen of a member state."""
    found = list(
        secretary_general(
            _appoint("2019-11-28", "A Diplomat", "SRB", "2020-01-01", "2023-01-01"),
            world(*founding()),
        )
    )
    assert "not a member" in found[0].message


def test_two_at_once_fires() -> None:
    """There is one Secretary General at a time."""
    first = _appoint("2019-11-28", "Stanislav Zas", "BLR", "2020-01-01", "2023-01-01")
    second = _appoint("2021-01-01", "Imangali Tasmagambetov", "KAZ", "2021-06-01", "2024-06-01")
    found = list(secretary_general(second, world(*founding(), first)))
    assert any("one Secretary General at a time" in f.message for f in found)


def test_acting_in_a_vacancy_holds_but_not_beside_an_appointee() -> None:
    """An acting Secretary General fills a vacancy only."""
    acting = event(
        "a",
        "2018-11-02",
        office={
            "state": "RUS",
            "role": "secretary_general",
            "person": "Valery Semerikov",
            "acting": True,
        },
    )
    vacancy = event(
        "v", "2018-11-02", office={"state": "ARM", "role": "secretary_general", "person": None}
    )
    khachaturov = _appoint("2017-04-14", "Yuri Khachaturov", "ARM", "2017-05-02", None)
    assert list(secretary_general(acting, world(*founding(), khachaturov, vacancy))) == []
    found = list(secretary_general(acting, world(*founding(), khachaturov)))
    assert "while Yuri Khachaturov holds the post" in found[0].message


def test_unknown_term_end_is_unknown() -> None:
    """An appointment with no recorded end cannot be checked against the three-year limit."""
    found = list(
        secretary_general(
            _appoint("2009-02-04", "Nikolai Bordyuzha", "RUS", "2009-02-04", None),
            world(*founding()),
        )
    )
    assert [type(f) for f in found] == [Unknown]


# --- practice.rotation ---------------------------------------------------------------------


def test_rotation_in_alphabetical_order_holds() -> None:
    """Kyrgyzstan is followed by Russia."""
    session = event(
        "s",
        "2019-11-28",
        session={
            "kind": "regular",
            "host": "KGZ",
            "decisions": [{"kind": "pass_chairmanship", "to": "RUS"}],
        },
    )
    assert list(rotation(session, world(*founding(), presiding("KGZ", "2018-11-08")))) == []


def test_rotation_out_of_order_warns() -> None:
    """Armenia handing over to Russia instead of Belarus (as in 2009) is a warning."""
    session = event(
        "s",
        "2009-06-14",
        session={
            "kind": "regular",
            "host": "RUS",
            "decisions": [{"kind": "pass_chairmanship", "to": "RUS"}],
        },
    )
    found = list(rotation(session, world(*founding(), presiding("ARM", "2008-09-05"))))
    assert len(found) == 1
    assert "the alphabetical rotation gives Belarus" in found[0].message


def test_rotation_skips_frozen_and_wraps_round() -> None:
    """Tajikistan is followed by Armenia, or by Belarus while Armenia's participation is frozen."""
    history = world(*founding())
    assert next_in_rotation("TJK", history, history.last_day or founding()[0].date) == "ARM"
    frozen = world(
        *founding(), event("f", "2024-02-22", membership={"state": "ARM", "status": "frozen"})
    )
    assert next_in_rotation("TJK", frozen, date(2027, 1, 1)) == "BLR"
