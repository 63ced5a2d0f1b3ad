"""Membership rules, called directly as functions."""

from __future__ import annotations

import pytest

from charter.rulebooks.csto.rules import Breach
from charter.rulebooks.csto.rules.membership import good_standing, transition
from tests.build import event, founding, seats, world


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (None, "signatory"),
        (None, "member"),
        ("signatory", "member"),
        ("member", "suspended"),
        ("member", "frozen"),
        ("suspended", "member"),
        ("withdrawn", "member"),
    ],
)
def test_allowed_transition_holds(before: str | None, after: str) -> None:
    """A state may take each step the table allows (Arts. 19-20)."""
    history = (
        []
        if before is None
        else [event("a", "2000-01-01", membership={"state": "UZB", "status": before})]
    )
    change = event("b", "2001-01-01", membership={"state": "UZB", "status": after})
    assert list(transition(change, world(*history))) == []


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (None, "suspended"),
        (None, "withdrawn"),
        ("signatory", "suspended"),
        ("member", "member"),
        ("withdrawn", "suspended"),
    ],
)
def test_forbidden_transition_fires(before: str | None, after: str) -> None:
    """A step the table does not list, or a change to the same status, is a violation."""
    history = (
        []
        if before is None
        else [event("a", "2000-01-01", membership={"state": "UZB", "status": before})]
    )
    change = event("b", "2001-01-01", membership={"state": "UZB", "status": after})
    found = list(transition(change, world(*history)))
    assert len(found) == 1
    assert isinstance(found[0], Breach)
    assert "Uzbekistan cannot become" in found[0].message


def test_suspend_decision_checked_like_an_event() -> None:
    """A Council decision to suspend a state that is not a member is caught too."""
    decision = event("d", "2013-01-01", decision={"kind": "suspend_member", "state": "GEO"})
    found = list(transition(decision, world()))
    assert [f.where for f in found] == ["decision"]


def test_suspended_member_in_a_seat_fires() -> None:
    """A suspended state's president in its seat takes part as a member: not allowed."""
    history = [
        *founding(),
        event("s", "2012-12-19", membership={"state": "UZB", "status": "member"}),
    ]
    history.append(event("t", "2012-12-20", membership={"state": "UZB", "status": "suspended"}))
    session = event(
        "x",
        "2021-08-23",
        session={
            "kind": "extraordinary",
            "participants": [
                {"person": "Shavkat Mirziyoyev", "state": "UZB", "capacity": "head_of_state"}
            ],
        },
    )
    found = list(good_standing(session, world(*history)))
    assert len(found) == 1
    assert "Uzbekistan is suspended" in found[0].message


def test_suspended_state_as_invited_guest_holds() -> None:
    """The same person, invited, breaks no membership rule."""
    history = [
        *founding(),
        event("t", "2012-12-20", membership={"state": "UZB", "status": "member"}),
    ]
    session = event(
        "x",
        "2021-08-23",
        session={
            "kind": "extraordinary",
            "participants": [
                *seats("TJK"),
                {"person": "Shavkat Mirziyoyev", "state": "UZB", "capacity": "invited"},
            ],
        },
    )
    assert list(good_standing(session, world(*history))) == []


def test_frozen_member_is_still_in_good_standing() -> None:
    """A member that froze its participation is still a member in law and may take part."""
    history = [
        *founding(),
        event("f", "2024-02-22", membership={"state": "ARM", "status": "frozen"}),
    ]
    session = event("x", "2024-06-01", session={"kind": "informal", "participants": seats("ARM")})
    assert list(good_standing(session, world(*history))) == []


def test_state_restored_at_the_session_takes_part_in_it() -> None:
    """Uzbekistan, restored at the Minsk session of 2006, sits at that session as a member."""
    history = [
        *founding(),
        event("w", "2006-01-01", membership={"state": "UZB", "status": "signatory"}),
    ]
    history.append(event("x", "2006-02-01", membership={"state": "UZB", "status": "withdrawn"}))
    session = event(
        "minsk",
        "2006-06-23",
        session={
            "kind": "regular",
            "participants": [
                {"person": "Islam Karimov", "state": "UZB", "capacity": "head_of_state"}
            ],
            "decisions": [{"kind": "restore_member", "state": "UZB"}],
        },
    )
    assert list(good_standing(session, world(*history))) == []


@pytest.mark.parametrize(
    ("before", "kind", "fires"),
    [
        ("suspended", "restore_member", False),
        ("frozen", "restore_member", False),
        ("withdrawn", "restore_member", True),
        (None, "restore_member", True),
        ("withdrawn", "admit_member", False),
        (None, "admit_member", False),
        ("suspended", "admit_member", True),
    ],
)
def test_the_decision_is_the_one_the_step_implies(
    before: str | None, kind: str, fires: bool
) -> None:
    """A suspended or frozen member is restored; a state that left or never belonged is admitted."""
    history = (
        []
        if before is None
        else [event("a", "2000-01-01", membership={"state": "UZB", "status": before})]
    )
    decision = event("b", "2001-01-01", decision={"kind": kind, "state": "UZB"})
    found = [f for f in transition(decision, world(*history)) if isinstance(f, Breach)]
    assert bool(found) is fires
    if fires:
        assert found[0].where == "decision.kind"
