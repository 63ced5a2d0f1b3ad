"""What-if simulation: project presidencies and regular-session hosts year by year.

From the end of a replayed history, each year's presiding state is the one the
record decided where it decided one (``decided``); otherwise a projection: the
next member in rotation after the previous year's, under the practice in force
since 2023 (the presidency runs for a calendar year and the regular session is
held in the presiding state). A year is *open* when the rules leave the answer
undecided: the presiding state is no longer a member in full standing during its
term, or no member is left to take over. A projected year names the announced
session, if any, at which it is due to be decided. Nothing here is given as
decided past what the record decided.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from charter.engine._installed import display
from charter.engine._terms import term_on
from charter.engine.model import MembershipStatus, SessionKind
from charter.engine.packs import get_rulebook
from charter.engine.timeline import Timeline

__all__ = ["YearProjection", "next_in_rotation", "project"]


@dataclass(frozen=True, slots=True)
class YearProjection:
    """One projected year: who presides and hosts, on what basis, and whether it is open."""

    year: int
    state: str | None
    person: str | None
    host: str | None
    basis: str
    open: bool
    note: str | None = None
    decided: bool = False
    due: str | None = None
    """The announced session at which this year's presidency is due to be decided."""

    def as_json(self) -> dict[str, object]:
        """The year as a JSON object with a stable key order."""
        return {
            "year": self.year,
            "state": self.state,
            "person": self.person,
            "host": self.host,
            "basis": self.basis,
            "open": self.open,
            "note": self.note,
            "decided": self.decided,
            "due": self.due,
        }


def _first_day_out_of_standing(timeline: Timeline, state: str, year: int) -> date | None:
    """The first day in ``year`` on which ``state`` is not a member in full standing, if any."""
    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    if timeline.status_on(state, start) != MembershipStatus.MEMBER:
        return start
    series = timeline.status.get(state)
    for day, status in series.changes() if series is not None else ():
        if start < day < end and status != MembershipStatus.MEMBER:
            return day
    return None


def project(timeline: Timeline, until: int, first: int | None = None) -> list[YearProjection]:
    """Project each year from ``first`` (default: the year after the history ends) to ``until``.

    A recorded presidency covers year ``y`` when it began after 1 January of ``y - 1``
    (a handover at the previous autumn's session, or with effect from 1 January);
    an older one is stale, and the rotation decides.
    """
    if timeline.last_day is None:
        return []
    ends = timeline.held_until or timeline.last_day
    first = first if first is not None else ends.year + 1
    horizon = date(max(until, first), 12, 31)
    days, terms = timeline.presidency._days, timeline.presidency._values
    # The last term decided on or before the horizon, found from the end (not a walk of all).
    last = bisect_right(days, horizon) - 1
    while last >= 0 and not terms[last].decided:
        last -= 1
    walk_from = min(first, days[last].year) if last >= 0 else first
    # Past every recorded change nothing but the rotation moves, and it goes round the same
    # members: whole turns of it are skipped on the way to ``first``, which changes no answer.
    still = max(timeline.last_day, days[-1] if days else timeline.last_day).year + 2
    turn: tuple[int, str | None] | None = None
    out: list[YearProjection] = []
    previous: str | None = None
    year = walk_from - 1
    if first > still:  # far past every change: where the rotation stands is read off its cycle
        start, cycle = _cycle(timeline, walk_from, still)
        if first >= start:
            previous, year = cycle[(first - start) % len(cycle)], first - 1
    while year < until:
        year += 1
        state, basis = _presiding(timeline, year, previous)
        if basis == "rotation" and still <= year < first - 1:
            if turn is None:
                turn = (year, state)
            elif state == turn[1]:
                length = year - turn[0]
                year += (first - 1 - year) // length * length
                turn = None
        if year >= first:  # the years walked through on the way to ``first`` are not shown
            out.append(_year(timeline, year, state, basis))
        previous = state if state is not None else previous
    return out


def _cycle(timeline: Timeline, walk_from: int, still: int) -> tuple[int, tuple[str | None, ...]]:
    """The year from which the rotation repeats, and the state presiding before each year of a turn.

    Past ``still`` nothing but the rotation moves, so the state presiding before a year
    decides the next one: once such a state comes round again, the turns repeat. Walked
    once from ``walk_from``, as :func:`project` walks, and remembered until the timeline changes.
    """
    key = ("cycle", walk_from, still)
    found = timeline.memo.get(key)
    if found is None:
        seen: dict[str | None, int] = {}
        entering: list[str | None] = []  # before each year from ``still`` (or ``walk_from``) on
        previous: str | None = None
        year = walk_from
        base = max(still, walk_from)
        while True:
            if year >= still:
                if previous in seen:
                    break
                seen[previous] = year
                entering.append(previous)
            state, _ = _presiding(timeline, year, previous)
            previous = state if state is not None else previous
            year += 1
        start = seen[previous]
        found = timeline.remember(key, (start, tuple(entering[start - base :])))
    return found  # type: ignore[return-value]


def _year(timeline: Timeline, year: int, state: str | None, basis: str) -> YearProjection:
    """The projected year, with its host, its note if it is open, and its due session."""
    note: str | None = None
    if state is None:
        note = "no member in full standing can take over the presidency"
    else:
        lapse = _first_day_out_of_standing(timeline, state, year)
        if lapse is not None:
            status = timeline.status_on(state, lapse)
            note = (
                f"{display(state)} is {status if status else 'not a party'} from {lapse}: the "
                "Charter does not say who presides until the next regular session"
            )
    is_open = note is not None
    holder = timeline.seat_holder_on(state, date(year, 1, 1)) if state is not None else None
    return YearProjection(
        year=year,
        state=state,
        person=holder.person if holder is not None else None,
        host=_host(timeline, year, None if is_open else state),
        basis=basis,
        open=is_open,
        note=note,
        decided=basis == "recorded",
        due=None if basis == "recorded" else _due(timeline, year),
    )


def _host(timeline: Timeline, year: int, projected: str | None) -> str | None:
    """The host of the year's regular session: as the history records it, if it holds one
    (``None`` when its host is unknown), else the projected presiding state."""
    held = [
        event.session
        for event in timeline.sessions_between(date(year, 1, 1), date(year + 1, 1, 1))
        if event.session is not None and event.session.kind == SessionKind.REGULAR
    ]
    return held[-1].host if held else projected


def next_in_rotation(state: str, timeline: Timeline, day: date) -> str | None:
    """The state that follows ``state`` in the rotation of the timeline's rulebook on ``day``.

    ``None`` when no other state is in the rotation, or the rulebook's pack has none.
    """
    rotation = get_rulebook(timeline.rulebook).next_in_rotation
    found: str | None = rotation(state, timeline, day) if rotation is not None else None
    return found


def _presiding(timeline: Timeline, year: int, previous: str | None) -> tuple[str | None, str]:
    """Who presides in ``year`` and on what basis, remembered until the timeline changes."""
    key = ("presiding", year, previous)
    found = timeline.memo.get(key)
    if found is None:
        found = timeline.remember(key, _presiding_now(timeline, year, previous))
    return found  # type: ignore[return-value]


def _presiding_now(timeline: Timeline, year: int, previous: str | None) -> tuple[str | None, str]:
    term = term_on(timeline, date(year, 1, 1))
    if term.answer == "known":
        return term.state, "recorded"
    if previous is not None:
        return next_in_rotation(previous, timeline, date(year - 1, 11, 1)), "rotation"
    return None, "unknown"


def _due(timeline: Timeline, year: int) -> str | None:
    """The last regular session announced before ``year`` begins, in words."""
    announced = [
        event
        for event in timeline.scheduled_between(date(year - 1, 1, 1), date(year, 1, 1))
        if event.scheduled is not None and event.scheduled.kind == SessionKind.REGULAR
    ]
    if not announced:
        return None
    last = announced[-1]
    assert last.scheduled is not None
    place = last.scheduled.city or (display(last.scheduled.host) if last.scheduled.host else None)
    return f"the regular session announced for {last.date}" + (f" ({place})" if place else "")
