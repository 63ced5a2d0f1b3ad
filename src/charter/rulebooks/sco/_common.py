"""What the ``sco`` rules share: the days the texts took effect, the states' names, the order.

The rules of the rulebook are filed in ``REGISTRY``, this pack's own registry; the
state names and the Russian names that fix the alphabetical orders are the pack's
data, and the helpers below answer the questions several rules ask (a state's
standing on a day, the next member in the order, who holds a member's seat).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from charter.engine._installed import display as installed_display
from charter.engine._installed import following, rotation_key
from charter.engine.model import Event
from charter.engine.registry import Registry
from charter.engine.timeline import Timeline, membership_effect

__all__ = [
    "ADMISSION_RULES",
    "CHARTER",
    "CHARTER_IN_FORCE",
    "CHS",
    "FOUNDED",
    "KEPT_STANDING",
    "MERGER",
    "NAMES",
    "OBSERVER_REGULATION",
    "REGISTRY",
    "RULE_IDS",
    "RUSSIAN_NAMES",
    "SEATS",
    "display",
    "joining",
    "members_on",
    "names",
    "next_in_order",
    "seat_holder",
    "standing",
]

RULE_IDS: tuple[str, ...] = (
    "sco.membership.transition",
    "sco.membership.admission",
    "sco.status.partner",
    "sco.art5.seat",
    "sco.art5.chair",
    "sco.art5.venue",
    "sco.presidency.handover",
    "sco.practice.rotation",
    "sco.art11.secretary-general",
    "sco.art11.rotation",
    "sco.attendance",
    "sco.art16.consensus",
)
"""The stable rule ids of the ``sco`` rulebook, in rulebook order."""

REGISTRY = Registry(RULE_IDS)
"""The rules of the ``sco`` rulebook, filed by importing its rule modules."""

CHARTER = "SCO Charter"
FOUNDED = date(2001, 6, 15)
"""The Declaration on the Establishment of the SCO, Shanghai."""
CHARTER_IN_FORCE = date(2003, 9, 19)
"""The Charter (signed in St Petersburg on 7 June 2002) entered into force."""
OBSERVER_REGULATION = date(2004, 6, 17)
"""The Regulation on observer status (CHS Decision No 9, Tashkent)."""
ADMISSION_RULES = date(2010, 6, 11)
"""The Regulation on admission of new members (CHS Decision No 1, Tashkent)."""
MERGER = date(2025, 9, 1)
"""The Tianjin meeting merged observer and dialogue-partner status into "SCO partner"."""

CHS = "council_of_heads_of_state"
"""The Council of Heads of State, the pack's first body (a session that names no body met as it)."""

SEATS = ("head_of_state", "head_of_government")
"""The offices whose holder may hold a member's seat at the Council of Heads of State."""

KEPT_STANDING = frozenset({"applicant", "acceding"})
"""Statuses in which a state keeps, for attendance, the standing of the status it held before."""

NAMES = {
    "AFG": "Afghanistan",
    "ARE": "the United Arab Emirates",
    "ARM": "Armenia",
    "AZE": "Azerbaijan",
    "BGD": "Bangladesh",
    "BHR": "Bahrain",
    "BLR": "Belarus",
    "CHN": "China",
    "EGY": "Egypt",
    "IND": "India",
    "IRN": "Iran",
    "KAZ": "Kazakhstan",
    "KGZ": "Kyrgyzstan",
    "KHM": "Cambodia",
    "KWT": "Kuwait",
    "LAO": "Laos",
    "LKA": "Sri Lanka",
    "MDV": "the Maldives",
    "MMR": "Myanmar",
    "MNG": "Mongolia",
    "NPL": "Nepal",
    "PAK": "Pakistan",
    "QAT": "Qatar",
    "RUS": "Russia",
    "SAU": "Saudi Arabia",
    "TJK": "Tajikistan",
    "TKM": "Turkmenistan",
    "TUR": "Turkey",
    "UZB": "Uzbekistan",
}
"""The English names of the states the record mentions."""

RUSSIAN_NAMES = {
    "BLR": "Беларусь",
    "IND": "Индия",
    "IRN": "Иран",
    "KAZ": "Казахстан",
    "CHN": "Китай",
    "KGZ": "Кыргызстан",
    "PAK": "Пакистан",
    "RUS": "Россия",
    "TJK": "Таджикистан",
    "UZB": "Узбекистан",
}
"""The members' Russian names, as the SCO's texts write them: they fix the alphabetical order."""


def display(code: str | None) -> str:
    """A state's English name, or its code when the pack has none.

    >>> display("KGZ"), display("FRA"), display(None)
    ('Kyrgyzstan', 'FRA', 'an unrecorded state')
    """
    return installed_display(code, "sco")


def names(states: Iterable[str]) -> str:
    """States by name, joined with commas."""
    return ", ".join(display(state) for state in states)


def joining(event: Event) -> set[str]:
    """The states the event itself makes members (admitted at that very meeting)."""
    return {state for state, status, _ in membership_effect(event) if status == "member"}


def members_on(world: Timeline, day: date, event: Event | None = None) -> set[str]:
    """The members on ``day``, with those the event admits (a state admitted at a meeting counts)."""
    found = {state for state, status in world.statuses_on(day).items() if status == "member"}
    return found | joining(event) if event is not None else found


def next_in_order(current: str, members: Iterable[str]) -> str | None:
    """The member after ``current`` in the Russian alphabetical order, wrapping round.

    >>> next_in_order("KGZ", ["CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"])
    'PAK'
    >>> next_in_order("UZB", ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"])
    'KAZ'
    """
    return following(current, members, rotation_key("sco"))


def standing(world: Timeline, state: str, day: date) -> str | None:
    """The status a state stands in at a meeting on ``day`` (``None``: it holds none).

    An applicant or acceding state keeps the standing of the status it held before it
    applied; from the Tianjin merger, a kept observer or dialogue-partner standing is
    a partner's.
    """
    status = world.status_on(state, day)
    if status not in KEPT_STANDING:
        return status
    series = world.status.get(state)
    kept: str | None = None
    for changed, value in series.changes() if series is not None else ():
        if changed > day:
            break
        if value not in KEPT_STANDING:
            kept = value
    if kept in ("observer", "dialogue_partner") and day >= MERGER:
        return "partner"
    return kept


def seat_holder(event: Event, world: Timeline, state: str) -> tuple[str, str | None, bool]:
    """Who holds ``state``'s seat at this meeting: (office, person, known).

    The office is the head of state unless a ``seat`` event gave the seat to another;
    the person is the one the meeting lists in that capacity, else the office's holder
    on the day. ``known`` is false when the record does not say who held it; the
    person is then ``None``, as it is for a vacant office.
    """
    day = event.date
    role = world.seat_role_on(state, day)
    session = event.session
    for person in session.participants or () if session is not None else ():
        if person.state == state and person.capacity == role and person.person:
            return role, person.person, True
    holder = world.holder_on(state, role, day)
    if holder is None:
        return role, None, False
    return role, holder.person, True
