"""What-if simulation: project presidencies and regular-session hosts year by year.

From the end of a replayed history, each year's presiding state is the one the
record names where it names one; otherwise the next member in rotation after the
previous year's, under the practice in force since 2023 (the presidency runs for
a calendar year and the regular session is held in the presiding state). A year
is *open* when the rules leave the answer undecided: the presiding state is no
longer a member in full standing during its term, or no member is left to take
over. Nothing here guesses past what the rules and the rotation say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from charter._states import display
from charter.model import MembershipStatus
from charter.rules.practice import next_in_rotation
from charter.timeline import Timeline

__all__ = ["YearProjection", "project"]


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
    first = first if first is not None else timeline.last_day.year + 1
    last_change = timeline.presidency.since(date(max(until, first), 12, 31))
    walk_from = min(first, last_change.year) if last_change is not None else first
    out: list[YearProjection] = []
    previous: str | None = None
    for year in range(walk_from, until + 1):
        state, basis = _presiding(timeline, year, previous)
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
        if year >= first:
            out.append(
                YearProjection(
                    year=year,
                    state=state,
                    person=holder.person if holder is not None else None,
                    host=None if is_open else state,
                    basis=basis,
                    open=is_open,
                    note=note,
                )
            )
        previous = state if state is not None else previous
    return out


def _presiding(timeline: Timeline, year: int, previous: str | None) -> tuple[str | None, str]:
    new_year = date(year, 1, 1)
    recorded = timeline.presidency_on(new_year)
    since = timeline.presiding_since(new_year)
    fresh = since is not None and since > date(year - 1, 1, 1)
    if recorded is not None and recorded.state is not None and (fresh or previous is None):
        return recorded.state, "recorded"
    if previous is not None:
        return next_in_rotation(previous, timeline, date(year - 1, 11, 1)), "rotation"
    return None, "unknown"
