"""Which presidency is in force on a day, and whether the record decided it.

Three answers are kept apart: a term the record decided (``known``), a term the
record holds but whose state it does not name (``not_known``, as for the handover of
2004), and no decided term at all (``not_decided``): past the end of a term the Council
fixed (a presidency "for 2026") with nothing decided after it. A term with no fixed
end runs "until the next regular session"; past the history's last event it is still
answered for the year after it began, with a reason saying that the answer rests on
the history recording no later regular session, and not decided after that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from charter.engine.model import Event, PassChairmanship
from charter.engine.timeline import Timeline, decisions_with_paths

__all__ = ["Answer", "Term", "handover_at", "open_term_horizon", "presidency_unknown", "term_on"]

Answer = Literal["known", "vacant", "not_known", "not_decided", "not_a_party"]
"""How an answer stands: a value the record holds, a known vacancy (or, for a state's
status, known not to be a party), a fact the record does not hold, or nothing decided."""


@dataclass(frozen=True, slots=True)
class Term:
    """The presidency on a day: its answer, state, first day, end (if fixed) and deciding event.

    ``reason`` says in words why the answer is not ``known``, or what a ``known``
    answer rests on past the history's end (``None`` otherwise).
    """

    answer: Answer
    state: str | None
    since: date | None
    until: date | None
    event: str | None
    reason: str | None = None


def handover_at(timeline: Timeline, day: date) -> tuple[str, PassChairmanship] | None:
    """The handover decided at a session held on ``day``: (session id, decision), if any."""
    for event in timeline.sessions_on(day):
        for _, decision in decisions_with_paths(event):
            if isinstance(decision, PassChairmanship) and decision.adopted:
                return event.id, decision
    return None


def _session_words(timeline: Timeline, event_id: str) -> str:
    event = timeline.sessions.get(event_id)
    if event is None or event.session is None:
        return f"event {event_id}"
    place = event.session.city or event.session.host or "an unrecorded place"
    return f"the {event.session.kind} session of {event.date} ({place})"


def open_term_horizon(since: date) -> date:
    """The first day past which a term with no fixed end is not taken to run on unrecorded.

    The year after the term began is covered (a handover at an autumn session covers the
    next calendar year; one on 1 January covers that year alone).

    >>> open_term_horizon(date(2020, 12, 2)), open_term_horizon(date(2023, 1, 1))
    (datetime.date(2022, 1, 1), datetime.date(2024, 1, 1))
    """
    year = since.year if (since.month, since.day) == (1, 1) else since.year + 1
    return date(year + 1, 1, 1)


def term_on(
    timeline: Timeline, day: date, *, during: bool = False, proposed: Event | None = None
) -> Term:
    """The presidency in force on ``day``.

    With ``during``, a handover that takes effect at the close of a session held on
    ``day`` is not yet in force: the answer is the term under which the session met.
    ``proposed`` is a session being checked on ``day``: a regular session of the first
    body, proposed for the day or year a regular session was announced for, is that
    session, so the announcement does not leave the term in doubt.
    """
    asked = day
    if during:
        found = handover_at(timeline, day)
        if found is not None and (found[1].effective or day) == day:
            asked = day - timedelta(days=1)
    presidency = timeline.presidency.at(asked)
    since = timeline.presidency.since(asked)
    if presidency is None:
        first = next(iter(timeline.presidency.changes()), None)
        reason = (
            f"the record holds no handover of the chairmanship before {first[0]}"
            + (
                ", and that one went to a state the record does not name"
                if first[1].state is None
                else ""
            )
            if first is not None
            else "the record holds no handover of the chairmanship"
        )
        return Term("not_known", None, None, None, None, reason)
    if not presidency.decided:
        last = since - timedelta(days=1) if since is not None else None
        reason = (
            f"the last term the record decided ended on {last} "
            f"(decided at {_session_words(timeline, presidency.event)}); no later term is decided"
        )
        return Term("not_decided", None, since, None, presidency.event, reason)
    if presidency.state is None:
        reason = (
            f"the chairmanship passed at {_session_words(timeline, presidency.event)} "
            "to a state the record does not name"
        )
        return Term("not_known", None, since, presidency.until, presidency.event, reason)
    end = timeline.held_until
    if presidency.until is None and end is not None and day > end and since is not None:
        # The Charter's rule: the term runs until the next regular session. Past the history's
        # end, the answer rests on none having been held; the Council meets in regular
        # session once a year, so that is taken for the year after the term began, no further.
        horizon = open_term_horizon(since)
        if day >= horizon:
            reason = (
                f"the history ends on {end}; the term that began on {since} runs until the next "
                f"regular session, which falls due within a year, so from {horizon} no term "
                "is decided"
            )
            return Term("not_decided", None, since, None, presidency.event, reason)
        due = _announced_by(timeline, since, day, proposed)
        if due is not None:
            reason = (
                f"the history ends on {end}; the term that began on {since} runs until the next "
                f"regular session, and {due}: the history does not say whether it has been held"
            )
            return Term("not_known", None, since, None, presidency.event, reason)
        reason = (
            f"the history ends on {end}: the term runs until the next regular session, "
            "and the history records none after that day"
        )
        return Term("known", presidency.state, since, None, presidency.event, reason)
    return Term("known", presidency.state, since, presidency.until, presidency.event)


def _announced_by(
    timeline: Timeline, since: date, day: date, proposed: Event | None = None
) -> str | None:
    """An announced regular session due between ``since`` and ``day``, in words, if any.

    A session announced with a day is due on it; one announced for a year only is due
    from the first day of that year. The ``proposed`` session is the one announced
    when it is a regular session of the first body on that day or in that year.
    """
    session = proposed.session if proposed is not None else None
    regular = (
        session is not None
        and session.kind == "regular"
        and (session.body is None or timeline.principal(session.body))
    )
    for announced_on, event_id in timeline.scheduled:
        event = timeline.announced[event_id]
        scheduled = event.scheduled
        if scheduled is None or scheduled.kind != "regular":
            continue
        if scheduled.body is not None and not timeline.principal(scheduled.body):
            continue
        due = date(scheduled.year, 1, 1) if scheduled.year is not None else announced_on
        if (
            regular
            and proposed is not None
            and (
                proposed.date.year == scheduled.year
                if scheduled.year is not None
                else proposed.date == due
            )
        ):
            continue
        if since <= due <= day and (scheduled.year is not None or not timeline.sessions_on(due)):
            place = f" ({scheduled.city})" if scheduled.city else ""
            when = f"in {scheduled.year}" if scheduled.year is not None else f"on {due}"
            return f"a regular session{place} was announced on {announced_on}, due {when}"
    return None


def presidency_unknown(timeline: Timeline, day: date) -> str:
    """Why no presiding state can be named on ``day``, in words (for a rule's "unknown")."""
    term = term_on(timeline, day)
    if term.answer == "known":
        return f"the record does not say which state presided on {day}"
    words = (
        "no presiding state is decided"
        if term.answer == "not_decided"
        else "the presiding state is not known"
    )
    return f"{words} on {day}: {term.reason}"
