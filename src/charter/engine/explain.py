"""Explanations: why an answer holds, as a tree of facts, rules and the events they rest on.

An explanation states a derived fact, the rule that derives it (with its
citation), the events it rests on (with their file, line and column), the facts
beneath it, and, for each alternative a reader might expect, why not. Its JSON
form has a fixed key order and nothing that changes between runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from charter.engine._installed import display
from charter.engine._terms import term_on
from charter.engine.answers import ChairOn, chair_answer, contested_on
from charter.engine.explanation import (
    Explanation,
    _citation,
    _describe_session,
    _handover_path,
    _rule,
)
from charter.engine.model import Event, SessionKind
from charter.engine.packs import get_rulebook
from charter.engine.registry import Breach, Unknown
from charter.engine.simulate import next_in_rotation
from charter.engine.timeline import Timeline

__all__ = ["explain_on", "explain_session"]


def _not_asserted(timeline: Timeline, day: date, answer: ChairOn) -> Explanation:
    term = term_on(timeline, day, during=True)
    words = "not decided" if answer.answer == "not_decided" else "not known"
    because: list[Explanation] = [
        Explanation(
            claim=term.reason or "the record does not say",
            verdict=answer.answer.replace("_", " "),
            rule=_rule(timeline, "tenure"),
            citation=_citation(timeline, "tenure"),
            event=term.event,
            location=timeline.locate(term.event, _handover_path(timeline.events[term.event]))
            if term.event in timeline.events
            else None,
        )
    ]
    if answer.projection is not None:
        who = display(answer.projection.state) if answer.projection.state else "no state"
        because.append(
            Explanation(
                claim=f"Projection, not a fact: {who}; basis: {answer.projection.basis}",
                verdict="projection",
                rule=_rule(timeline, "rotation"),
                citation=_citation(timeline, "rotation"),
            )
        )
    because.extend(_day_notes(timeline, day, answer))
    return Explanation(claim=f"Who chairs the Council on {day} is {words}", because=tuple(because))


def _day_notes(timeline: Timeline, day: date, answer: ChairOn) -> Iterator[Explanation]:
    """The announced sessions and contested readings that bear on the day."""
    for event in timeline.scheduled_between(day, day + timedelta(days=1)):
        yield Explanation(
            claim=f"A session is announced for {day} ({event.id}); the record does not show it held",
            verdict="announced",
            event=event.id,
            location=timeline.locate(event.id),
        )
    for point in contested_on(timeline, day):
        yield Explanation(
            claim=f"Contested ({_about(point.about)}). The record keeps: {point.kept}. "
            f"The other reading: {point.other} "
            f"(source: {'; '.join(point.source)})",
            verdict="contested",
            event=point.event,
            location=timeline.locate(point.event),
        )


def _about(about: str) -> str:
    return "the presidency" if about == "presidency" else f"{display(about)}'s membership"


def explain_on(timeline: Timeline, day: date) -> Explanation:
    """Who chairs on ``day`` and why (the same answer as ``chair``), and why not the others."""
    answer = chair_answer(timeline, day)
    if answer.answer != "known" or answer.state is None:
        return _not_asserted(timeline, day, answer)
    term = term_on(timeline, day, during=True)
    state = answer.state
    because: list[Explanation] = []
    if term.state is not None and term.event is not None and term.since is not None:
        decided = timeline.events[term.event]
        since = term.since
        ends = f", for a term ending on {term.until - timedelta(days=1)}" if term.until else ""
        because.append(
            Explanation(
                claim=f"The chairmanship passed to {display(term.state)} at {_describe_session(decided)}"
                + (f", effective {since}" if since != decided.date else "")
                + ends,
                verdict="holds",
                rule=_rule(timeline, "tenure"),
                citation=_citation(timeline, "tenure"),
                event=decided.id,
                location=timeline.locate(decided.id, _handover_path(decided)),
            )
        )
        quiet = None if term.until else _no_regular_session_since(timeline, since, day)
        if quiet is not None:
            because.append(quiet)
    if state == term.state:
        because.append(_seat_basis(timeline, day, state, answer))
    if answer.session is not None:
        because.append(_session_chair(timeline, answer))
    else:
        because.append(
            Explanation(
                claim="The presiding state's seat-holder chairs every session of its term, regular or not",
                rule=_rule(timeline, "chair"),
                citation=_citation(timeline, "chair"),
            )
        )
    because.extend(_day_notes(timeline, day, answer))
    who = f", and {answer.person} chairs the Council" if answer.person else ""
    if state == term.state:
        claim = f"{display(state)} presides on {day}{who}"
    elif term.state is None:
        claim = (
            f"{answer.person or display(state)} ({display(state)}) chairs the session of {day}; "
            "the record names no presiding state for that day"
        )
    else:
        claim = (
            f"{answer.person or display(state)} ({display(state)}) chairs the session of {day}, "
            f"while {display(term.state)} presides"
        )
    if answer.handover is not None and answer.handover.effective == day:
        to = (
            display(answer.handover.to)
            if answer.handover.to
            else "a state the record does not name"
        )
        claim += f"; the presidency passes at the session's close to {to}"
    since_words = term.since or day
    return Explanation(
        claim=claim,
        because=tuple(because),
        why_not=tuple(
            _alternatives(timeline, day, term.state or state, since_words, answer.handover is None)
        ),
    )


def _session_chair(timeline: Timeline, answer: ChairOn) -> Explanation:
    assert answer.session is not None
    event = timeline.events[answer.session]
    words = answer.note or f"{answer.person} chaired {_describe_session(event)}"
    return Explanation(
        claim=words[0].upper() + words[1:],
        verdict="holds",
        rule=_rule(timeline, "chair"),
        citation=_citation(timeline, "chair"),
        event=event.id,
        location=timeline.locate(event.id, "session.chair"),
    )


def _seat_basis(timeline: Timeline, day: date, state: str, answer: ChairOn) -> Explanation:
    holder = timeline.seat_holder_on(state, day)
    role = timeline.seat_role_on(state, day)
    if holder is not None and holder.person is not None:
        acting = "acting " if holder.acting else ""
        return Explanation(
            claim=f"{holder.person} holds {display(state)}'s seat as its {acting}{role.replace('_', ' ')}",
            verdict="holds",
            rule=_rule(timeline, "seat"),
            citation=_citation(timeline, "seat"),
            event=holder.event,
            location=timeline.locate(holder.event),
        )
    words = "is vacant" if answer.person_answer == "vacant" else "is not known"
    return Explanation(
        claim=f"Who held {display(state)}'s seat on {day} {words}",
        verdict=answer.person_answer.replace("_", " "),
    )


def _no_regular_session_since(timeline: Timeline, since: date, day: date) -> Explanation | None:
    """Why the term still runs on ``day``; ``None`` when it began that day (nothing to say)."""
    first, last = since + timedelta(days=1), day  # a session on ``day`` itself is told apart
    if first >= last:
        return None
    held = [
        event
        for event in timeline.sessions_between(first, last)
        if event.session is not None and event.session.kind == SessionKind.REGULAR
    ]
    if held:
        return Explanation(
            claim=f"A regular session was held on {held[0].date} without changing the presidency",
            verdict="holds",
            rule=_rule(timeline, "tenure"),
            citation=_citation(timeline, "tenure"),
            event=held[0].id,
            location=timeline.locate(held[0].id),
        )
    return Explanation(
        claim=f"No regular session is recorded from {first} to {last - timedelta(days=1)}, "
        "so the term runs on",
        verdict="holds",
        rule=_rule(timeline, "tenure"),
        citation=_citation(timeline, "tenure"),
    )


def _alternatives(
    timeline: Timeline, day: date, state: str, since: date, rotation: bool = True
) -> Iterator[Explanation]:
    before = timeline.presidency_on(since - timedelta(days=1))
    if before is not None and before.state not in (None, state):
        yield Explanation(
            claim=f"{display(before.state)}, the previous presiding state: its term ended when "
            f"{display(state)} took over on {since}",
            rule=_rule(timeline, "tenure"),
            citation=_citation(timeline, "tenure"),
            event=before.event,
            location=timeline.locate(before.event, _handover_path(timeline.events[before.event])),
        )
    following = next_in_rotation(state, timeline, day) if rotation else None
    if following is not None:
        yield Explanation(
            claim=f"{display(following)}, next in the rotation: the chairmanship passes only at a "
            "regular session, and none has handed it on yet",
            rule=_rule(timeline, "rotation"),
            citation=_citation(timeline, "rotation"),
        )
    for event in timeline.sessions_between(day, day + timedelta(days=1)):
        host = event.session.host if event.session is not None else None
        if host is not None and host != state:
            head = timeline.seat_holder_on(host, day)
            name = (
                head.person if head is not None and head.person else f"the head of {display(host)}"
            )
            yield Explanation(
                claim=f"{name}, whose state hosts {_describe_session(event)}: the host's head chairs "
                "only when the host presides",
                rule=_rule(timeline, "chair"),
                citation=_citation(timeline, "chair"),
                event=event.id,
                location=timeline.locate(event.id, "session.host"),
            )


def _timeline_before(timeline: Timeline, event_id: str) -> Timeline:
    before = Timeline(rulebook=timeline.rulebook)
    for found in timeline.events.values():
        if found.id == event_id:
            break
        before.apply(found, timeline.origins.get(found.id))
    return before


def explain_session(timeline: Timeline, event_id: str) -> Explanation:
    """Why a session is valid or not: each rule in force on its date, with what it found."""
    event = timeline.events.get(event_id)
    if event is None or event.session is None:
        known = ", ".join(list(timeline.sessions)[-5:])
        raise KeyError(f"no session with id {event_id!r} (the last ones are: {known})")
    before = _timeline_before(timeline, event_id)
    checks: list[Explanation] = []
    broken = 0
    for found_rule in get_rulebook(timeline.rulebook).rules.rules_for(event.date):
        findings = list(found_rule.check(event, before))
        breaches = [f for f in findings if isinstance(f, Breach)]
        unknowns = [f for f in findings if isinstance(f, Unknown)]
        verdict = "violated" if breaches else ("unknown" if unknowns else "holds")
        broken += bool(breaches)
        details = tuple(
            Explanation(
                claim=f.message + (f" (fix: {f.fix})" if isinstance(f, Breach) and f.fix else ""),
                verdict=(f.severity or found_rule.severity).value
                if isinstance(f, Breach)
                else "unknown",
                event=event.id,
                location=timeline.locate(event.id, f.where),
            )
            for f in findings
        )
        if found_rule.id == _rule(before, "chair"):
            details = (*_chair_basis(event, before), *details)
        checks.append(
            Explanation(
                claim=found_rule.summary,
                verdict=verdict,
                rule=found_rule.id,
                citation=found_rule.citation,
                because=details,
            )
        )
    verdict = "valid" if not broken else f"breaks {broken} rule{'s' if broken != 1 else ''}"
    described = _describe_session(event)
    return Explanation(
        claim=f"{described[0].upper()}{described[1:]}: {verdict}",
        verdict="holds" if not broken else "violated",
        event=event.id,
        location=timeline.locate(event.id),
        because=(*checks, *_contested_node(event)),
        why_not=tuple(_chair_alternatives(event, before)),
    )


def _contested_node(event: Event) -> Iterator[Explanation]:
    point = event.contested
    if point is not None:
        yield Explanation(
            claim=f"Contested. The record keeps: {point.kept}. The other reading: {point.other} "
            f"(source: {'; '.join(point.source)})",
            verdict="contested",
            event=event.id,
        )


def _chair_basis(event: Event, before: Timeline) -> Iterator[Explanation]:
    reading = get_rulebook(before.rulebook).expected_chair
    expected = reading(event, before) if reading is not None else None
    if expected is None:
        return
    presidency = before.presidency_on(event.date)
    source = presidency.event if presidency is not None else None
    yield Explanation(
        claim=f"Expected chair: {expected.words()}: {expected.why}",
        event=source,
        location=before.locate(source, _handover_path(before.events[source])) if source else None,
    )


def _chair_alternatives(event: Event, before: Timeline) -> Iterator[Explanation]:
    session = event.session
    assert session is not None
    presidency = before.presidency_on(event.date)
    if presidency is None or presidency.state is None:
        return
    if session.host is not None and session.host != presidency.state:
        head = before.seat_holder_on(session.host, event.date)
        name = (
            head.person
            if head is not None and head.person
            else f"the head of {display(session.host)}"
        )
        yield Explanation(
            claim=f"{name}, head of the host state: {display(presidency.state)} presides, and its "
            "seat-holder chairs every session of the term unless the Council decides otherwise",
            rule=_rule(before, "chair"),
            citation=_citation(before, "chair"),
        )
    since = before.presiding_since(event.date)
    previous = before.presidency_on(since - timedelta(days=1)) if since else None
    if previous is not None and previous.state not in (None, presidency.state):
        yield Explanation(
            claim=f"{display(previous.state)}, the previous presiding state: the chairmanship passed "
            f"to {display(presidency.state)} on {since}",
            rule=_rule(before, "tenure"),
            citation=_citation(before, "tenure"),
            event=presidency.event,
            location=before.locate(
                presidency.event, _handover_path(before.events[presidency.event])
            ),
        )
