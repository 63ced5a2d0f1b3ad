"""Replay: fold a scenario's events over its baseline, run the rules in force, check expectations.

Each event is checked against the timeline as it stood just before it, by every
rule in force on the event's date, and then folded in. Nothing is sorted: the
file's order is the order of events on a day. The result is a
``ScenarioReport``: violations (values, never exceptions), facts the rules
needed but nobody recorded, and each expectation passed or failed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain

from charter.engine._days import day_argument
from charter.engine._gc import paused_collection
from charter.engine._installed import display
from charter.engine.answers import (
    ChairOn,
    MembersOn,
    SecretaryGeneralOn,
    StatusOn,
    chair_answer,
    sg_answer,
    status_answer,
)
from charter.engine.errors import ScenarioError
from charter.engine.explain import Explanation, explain_on, explain_session
from charter.engine.model import Event, Frozen, MembershipStatus, NameChair, SetHost, Severity
from charter.engine.packs import DEFAULT_RULEBOOK, get_rulebook
from charter.engine.record import record_scenario
from charter.engine.registry import Breach, Finding, Registry, Rule
from charter.engine.simulate import YearProjection, project
from charter.engine.timeline import Timeline, decisions_with_paths
from charter.files.scenario import Baseline, Expectation, Origin, ProjectedYear, Proposal, Scenario

__all__ = [
    "ChairOn",
    "ExpectationResult",
    "History",
    "Location",
    "MembersOn",
    "ScenarioReport",
    "UnknownFact",
    "Violation",
    "baseline_events",
    "baseline_timeline",
    "fold",
    "replay",
    "run",
    "run_rules",
]


class Location(Frozen):
    """Where something stands in a file (line 0: nowhere in particular)."""

    path: str | None
    line: int
    column: int


class Violation(Frozen):
    """A rule broken by an event: who, what, expected what, and under which provision."""

    rule: str
    severity: Severity
    date: dt.date
    event: str
    message: str
    citation: str
    location: Location
    where: str = ""
    fix: str | None = None


class UnknownFact(Frozen):
    """A rule that could not decide because a fact is not recorded."""

    rule: str
    date: dt.date
    event: str
    message: str
    location: Location


class ExpectationResult(Frozen):
    """One expectation of a scenario, and whether it held."""

    description: str
    passed: bool
    detail: str | None = None
    rule: str | None = None
    """The rule the expectation names (``violation`` and ``no_violation``)."""
    event: str | None = None
    """The event the expectation names, if it names one."""
    location: Location | None = None
    """Where that event is in the file, when it is known."""
    causes: tuple[Violation, ...] = ()
    """The violations that made the expectation fail (an error not expected, say)."""


def _day(value: dt.date | str, parameter: str = "day") -> dt.date:
    return day_argument(value, parameter)


@dataclass(frozen=True)
class History:
    """A replayed history, to query "as of" any day. Days may be ``date`` or ``'YYYY-MM-DD'``."""

    timeline: Timeline = field(repr=False)

    def chair_on(self, day: dt.date | str) -> ChairOn:
        """Who chaired the Council on ``day`` (on a session's day, that session's chair).

        ``answer`` says how it stands; past the last decided term nothing is asserted
        and ``projection`` may carry a labelled projection.
        """
        return chair_answer(self.timeline, _day(day))

    def secretary_general(self, day: dt.date | str) -> SecretaryGeneralOn:
        """The Secretary General on ``day``: known, vacant, not known, or not decided."""
        return sg_answer(self.timeline, _day(day))

    def status(self, state: str, day: dt.date | str) -> StatusOn:
        """Where ``state`` stood on ``day``, with how the answer stands and any contested reading."""
        return status_answer(self.timeline, state, _day(day))

    def members_on(self, day: dt.date | str) -> MembersOn:
        """Members in law on ``day`` (status member or frozen), with the suspended and frozen ones."""
        when = _day(day)
        statuses = {state: self.timeline.status_on(state, when) for state in self.timeline.states()}

        def having(*wanted: MembershipStatus) -> tuple[str, ...]:
            return tuple(state for state, status in statuses.items() if status in wanted)

        firsts = [next(iter(series.changes()))[0] for series in self.timeline.status.values()]
        before = not firsts or when < min(firsts)
        return MembersOn(
            date=when,
            members=having(MembershipStatus.MEMBER, MembershipStatus.FROZEN),
            suspended=having(MembershipStatus.SUSPENDED),
            frozen=having(MembershipStatus.FROZEN),
            answer="not_known" if before else "known",
            record_ends=self.timeline.held_until,
        )

    def status_on(self, state: str, day: dt.date | str) -> str | None:
        """A state's membership status on ``day`` (``None``: never a party by then)."""
        if not isinstance(state, str):
            raise TypeError(
                f"state: expected a state code such as 'FRA', found {type(state).__name__}"
            )
        return self.timeline.status_on(state, _day(day))

    def secretary_general_on(self, day: dt.date | str) -> tuple[str | None, bool] | None:
        """The Secretary General on ``day`` and whether acting; ``None`` when vacant or unknown.

        ``secretary_general(day)`` tells vacant, not known and not decided apart.
        """
        spell = self.timeline.secretary_general_on(_day(day))
        return None if spell is None else (spell.person, spell.acting)

    def sessions_between(self, start: dt.date | str, end: dt.date | str) -> list[Event]:
        """The sessions held in ``[start, end)``, in order."""
        return self.timeline.sessions_between(_day(start, "start"), _day(end, "end"))

    def explain(
        self, *, on: dt.date | str | None = None, session: str | None = None
    ) -> Explanation:
        """Why a state presides ``on`` a day, or why a ``session`` is valid or not."""
        if (on is None) == (session is None):
            raise ValueError("explain needs exactly one of on= or session=")
        if session is not None and not isinstance(session, str):
            raise TypeError(f"session: expected a session id (str), found {type(session).__name__}")
        if session is not None:
            return explain_session(self.timeline, session)
        assert on is not None
        return explain_on(self.timeline, _day(on, "on"))


@dataclass(frozen=True)
class ScenarioReport:
    """What replaying one scenario (or checking one proposal) found."""

    path: str | None
    title: str | None
    events: int
    violations: tuple[Violation, ...]
    unknowns: tuple[UnknownFact, ...]
    expectations: tuple[ExpectationResult, ...]
    history: History = field(repr=False)
    suggestions: dict[str, object] | None = None
    projection: tuple[YearProjection, ...] | None = None
    expected: frozenset[int] = frozenset()
    """The positions in ``violations`` of those that an expectation asked for."""
    checked: bool = False
    """True for the report of ``check_session``: then ``ok`` is ``keeps_charter``."""
    rulebook: str = DEFAULT_RULEBOOK
    """The rulebook the file belongs to, whose rules were run."""

    @property
    def expectations_met(self) -> bool:
        """True when every expectation held (the file's own ones, and "no unexpected error")."""
        return all(result.passed for result in self.expectations)

    @property
    def keeps_charter(self) -> bool:
        """True when no violation has severity error (under ``strict``, unknowns are errors)."""
        return not any(found.severity is Severity.ERROR for found in self.violations)

    @property
    def ok(self) -> bool:
        """The verdict: for a checked proposal, ``keeps_charter``; for a replay, ``expectations_met``.

        The command line exits 1 exactly when this is false, and prints it as
        ``VALID``/``BREAKS ...`` (check) or ``PASS``/``FAIL`` (replay).
        """
        return self.keeps_charter if self.checked else self.expectations_met

    def is_expected(self, index: int) -> bool:
        """Whether ``violations[index]`` is one that an expectation of the file asked for."""
        return index in self.expected

    def explain(
        self, *, on: dt.date | str | None = None, session: str | None = None
    ) -> Explanation:
        """Why a state presides ``on`` a day, or why a ``session`` is valid or not."""
        return self.history.explain(on=on, session=session)

    def errors(self) -> list[Violation]:
        """The violations of severity error."""
        return [found for found in self.violations if found.severity is Severity.ERROR]


# --- folding -------------------------------------------------------------------------------


def fold(
    events: Iterable[Event],
    timeline: Timeline | None = None,
    origin: Origin | None = None,
    *,
    keep_events: bool = True,
    rulebook: str | None = None,
) -> Timeline:
    """Fold events into a timeline without checking any rule (for trusted baselines)."""
    if timeline is None:
        timeline = Timeline(keep_events=keep_events, rulebook=rulebook)
    for event in events:
        timeline.apply(event, origin)
    return timeline


def baseline_timeline(
    baseline: Baseline, *, keep_events: bool = True, rulebook: str | None = None
) -> Timeline:
    """A timeline holding the baseline's events, each knowing the file it came from.

    ``rulebook`` is the scenario's (the baseline's record names its own when it has one).
    """
    events = baseline_events(baseline)
    origin = record_scenario(baseline.record).origin if events else None
    if baseline.record != "empty":
        rulebook = baseline.record
    timeline = Timeline(keep_events=keep_events, rulebook=rulebook)
    return fold(events, timeline, origin=origin)


def baseline_events(baseline: Baseline) -> list[Event]:
    """The baseline's events: none, or the record's up to and including ``until``."""
    if baseline.record == "empty":
        return []
    events = record_scenario(baseline.record).events
    if baseline.until is None:
        return list(events)
    return [event for event in events if event.date <= baseline.until]


def _check_references(events: Sequence[Event], known: Iterable[str], origin: Origin | None) -> None:
    """Every decision that names a session names one that exists (in ``known`` or ``events``)."""
    named = [
        (event, where, decision.session)
        for event in events
        if event.decides
        for where, decision in decisions_with_paths(event)
        if isinstance(decision, NameChair | SetHost) and decision.session is not None
    ]
    if not named:
        return  # the common case: no decision names a session
    sessions = set(known) | {event.id for event in events if event.session is not None}
    path = origin.path if origin is not None else "<scenario>"
    for event, where, session in named:
        if session not in sessions:
            line, column = origin.locate(event.id, where) if origin else (0, 0)
            raise ScenarioError.single(
                path,
                f"{where}.session: no session with id {session!r} in this history",
                line,
                column,
            )


def run_rules(
    events: Iterable[Event],
    timeline: Timeline,
    origin: Origin | None,
    strict: bool,
    registry: Registry | None = None,
) -> tuple[list[Violation], list[UnknownFact]]:
    """Check each event against the rules in force on its day, then fold it into ``timeline``.

    ``events`` may be a generator (a stream): each event's findings are located
    before the next event is asked for. The rules are those of ``registry`` (a
    rulebook pack's; the first rulebook's by default).
    """
    if registry is None:
        registry = get_rulebook(DEFAULT_RULEBOOK).rules
    rules_for, era_span = registry.rules_for, registry.era_span
    violations: list[Violation] = []
    unknowns: list[UnknownFact] = []
    apply = timeline.apply
    by_kind: dict[tuple[str, bool], tuple[Rule, ...]] = {}  # the rules for each kind, this era
    start = end = None
    for event in events:
        day = event.date
        if start is None or end is None or not start <= day < end:
            start, end = era_span(day)
            by_kind = {}
        session = event.session  # most events are sessions: their kind is known at once
        kind = (
            ("session", bool(session.decisions))
            if session is not None
            else (event.kind, event.decides)
        )
        rules = by_kind.get(kind)
        if rules is None:
            rules = by_kind[kind] = rules_for(day, kind[0], deciding=kind[1])
        for rule in rules:
            for finding in rule.check(event, timeline):
                _file(
                    finding,
                    rule,
                    event,
                    origin=origin,
                    strict=strict,
                    violations=violations,
                    unknowns=unknowns,
                )
        apply(event, origin)
    return violations, unknowns


def _file(
    finding: Finding,
    rule: Rule,
    event: Event,
    *,
    origin: Origin | None,
    strict: bool,
    violations: list[Violation],
    unknowns: list[UnknownFact],
) -> None:
    """File what a rule found, located in the file the event came from."""
    line, column = origin.locate(event.id, finding.where) if origin else (0, 0)
    spot = Location(path=origin.path if origin else None, line=line, column=column)
    if isinstance(finding, Breach):
        severity, message, fix = finding.severity or rule.severity, finding.message, finding.fix
    elif strict:
        severity, message, fix = Severity.ERROR, f"unknown: {finding.message} (--strict)", None
    else:
        unknowns.append(
            UnknownFact(
                rule=rule.id,
                date=event.date,
                event=event.id,
                message=finding.message,
                location=spot,
            )
        )
        return
    violations.append(
        Violation(
            rule=rule.id,
            severity=severity,
            date=event.date,
            event=event.id,
            message=message,
            citation=rule.citation,
            location=spot,
            where=finding.where,
            fix=fix,
        )
    )


def replay(scenario: Scenario | Proposal, *, strict: bool = False) -> ScenarioReport:
    """Replay a scenario (or check a proposal against its baseline) and judge its expectations.

    A scenario with a ``projection`` is also projected forward, and each projected
    year it expects is judged with the other expectations. ``TypeError`` when
    ``scenario`` is not a loaded scenario or proposal (load a file with
    ``load_scenario`` first).
    """
    if not isinstance(scenario, Scenario | Proposal):
        hint = (
            " (load the file with charter.load_scenario first)" if isinstance(scenario, str) else ""
        )
        raise TypeError(
            f"scenario: expected a charter Scenario or Proposal, found {type(scenario).__name__}{hint}"
        )
    if not isinstance(strict, bool):
        raise TypeError(f"strict: expected True or False, found {type(strict).__name__}")
    baseline = baseline_events(scenario.history_baseline)
    events = list(scenario.events) if isinstance(scenario, Scenario) else [scenario.as_event()]
    report = run(
        events,
        baseline_timeline(scenario.history_baseline, rulebook=scenario.rulebook),
        scenario.expect,
        origin=scenario.origin,
        title=scenario.title,
        strict=strict,
        rulebook=scenario.rulebook,
    )
    if not isinstance(scenario, Scenario) or scenario.projection is None:
        return report
    spec = scenario.projection
    timeline = report.history.timeline
    start = spec.start if spec.start is not None else default_start(baseline, timeline)
    years = tuple(project(timeline, spec.until, start))
    judged = [_judge_year(wanted, years) for wanted in spec.expect]
    return replace(report, projection=years, expectations=(*judged, *report.expectations))


def default_start(baseline: Sequence[Event], timeline: Timeline) -> int:
    """The first year to project: after the baseline ends, or else the first year anyone presides."""
    held = [event for event in baseline if event.scheduled is None]
    if held:  # an announced session is not part of what happened
        return held[-1].date.year + 1
    first = next(iter(timeline.presidency.changes()), None)
    if first is not None:  # the first whole year of the first recorded presidency
        return first[0].year if (first[0].month, first[0].day) == (1, 1) else first[0].year + 1
    return timeline.last_day.year + 1 if timeline.last_day else 1992


def _judge_year(wanted: ProjectedYear, years: Sequence[YearProjection]) -> ExpectationResult:
    found = next((year for year in years if year.year == wanted.year), None)
    who = display(wanted.state) if wanted.state else "no state"
    text = f"in {wanted.year} {who} presides" + (" (open)" if wanted.open else "")
    if found is None:
        return ExpectationResult(description=text, passed=False, detail="year not projected")
    passed = (
        found.state == wanted.state
        and found.open == wanted.open
        and (wanted.person is None or found.person == wanted.person)
    )
    got = f"{display(found.state) if found.state else 'no state'} ({found.basis})"
    if found.open:
        got += f", open: {found.note}"
    return ExpectationResult(description=text, passed=passed, detail=None if passed else got)


def run(
    events: Sequence[Event],
    timeline: Timeline,
    expect: Sequence[Expectation] = (),
    *,
    origin: Origin | None = None,
    title: str | None = None,
    strict: bool = False,
    rulebook: str = DEFAULT_RULEBOOK,
) -> ScenarioReport:
    """Check and fold ``events`` on top of ``timeline`` (which is changed), then judge ``expect``."""
    _check_references(events, chain(timeline.sessions, timeline.session_ids), origin)
    timeline.rulebook = rulebook
    registry = get_rulebook(rulebook).rules
    with paused_collection():
        violations, unknowns = run_rules(events, timeline, origin, strict, registry)
    history = History(timeline)
    results, expected = judge(expect, violations, history, origin=origin)
    return ScenarioReport(
        path=origin.path if origin else None,
        title=title,
        events=len(events),
        violations=tuple(violations),
        unknowns=tuple(unknowns),
        expectations=tuple(results),
        history=history,
        expected=expected,
        rulebook=rulebook,
    )


# --- expectations --------------------------------------------------------------------------


NO_UNEXPECTED_ERROR = "no unexpected violation of severity error"
"""The expectation every file carries: each error it commits is one it expects."""


def judge(
    expectations: Sequence[Expectation],
    violations: Sequence[Violation],
    history: History,
    *,
    origin: Origin | None = None,
) -> tuple[list[ExpectationResult], frozenset[int]]:
    """Judge each expectation, then the implicit one: no error that no expectation names.

    Also returns the positions in ``violations`` of those an expectation asked for. With
    ``origin``, a failed expectation that names an event carries where the event is.
    """
    results: list[ExpectationResult] = []
    expected: set[int] = set()
    for expectation in expectations:
        result, matched = _judge_one(expectation, violations, history)
        # Only a failure is located: locating may read the file again for positions.
        if not result.passed and result.event is not None and origin is not None:
            line, column = origin.locate(result.event)
            spot = Location(path=origin.path, line=line, column=column)
            result = result.model_copy(update={"location": spot})
        results.append(result)
        expected.update(matched)
    stray = [
        found
        for index, found in enumerate(violations)
        if found.severity is Severity.ERROR and index not in expected
    ]
    detail = "; ".join(f"{found.rule} at {found.event}: {found.message}" for found in stray)
    results.append(
        ExpectationResult(
            description=NO_UNEXPECTED_ERROR,
            passed=not stray,
            detail=detail or None,
            causes=tuple(stray),
        )
    )
    return results, frozenset(expected)


def _matches(found: Violation, rule: str, event: str | None, severity: Severity | None) -> bool:
    return (
        found.rule == rule
        and (event is None or found.event == event)
        and (severity is None or found.severity is severity)
    )


def _judge_one(
    expectation: Expectation, violations: Sequence[Violation], history: History
) -> tuple[ExpectationResult, set[int]]:
    said = expectation.description
    if expectation.violation is not None:
        spec = expectation.violation
        matched = {
            index
            for index, found in enumerate(violations)
            if _matches(found, spec.rule, spec.event, spec.severity)
        }
        severity = f" ({spec.severity.value})" if spec.severity else ""
        text = said or f"{spec.rule}{severity} is reported" + (
            f" at {spec.event}" if spec.event else ""
        )
        detail = None if matched else "not reported"
        result = ExpectationResult(
            description=text,
            passed=bool(matched),
            detail=detail,
            rule=spec.rule,
            event=spec.event,
        )
        return result, matched
    if expectation.no_violation is not None:
        spec = expectation.no_violation
        hits = [
            found for found in violations if _matches(found, spec.rule, spec.event, spec.severity)
        ]
        text = said or f"{spec.rule} is not reported" + (f" at {spec.event}" if spec.event else "")
        detail = "; ".join(found.message for found in hits) or None
        result = ExpectationResult(
            description=text,
            passed=not hits,
            detail=detail,
            rule=spec.rule,
            event=spec.event,
            causes=tuple(hits),
        )
        return result, set()
    if expectation.ok is not None:
        errors = [found for found in violations if found.severity is Severity.ERROR]
        detail = "; ".join(f"{found.rule}: {found.message}" for found in errors) or None
        return ExpectationResult(
            description=said or "no violation of severity error",
            passed=not errors,
            detail=detail,
            causes=tuple(errors),
        ), set()
    return _judge_fact(expectation, history), set()


def _judge_fact(expectation: Expectation, history: History) -> ExpectationResult:
    said = expectation.description
    if expectation.chair is not None:
        spec = expectation.chair
        found = history.chair_on(spec.on)
        wanted = ", ".join(
            part for part in (display(spec.state) if spec.state else None, spec.person) if part
        )
        passed = (spec.state is None or found.state == spec.state) and (
            spec.person is None or found.person == spec.person
        )
        got = f"{display(found.state)}, {found.person or 'seat-holder not recorded'}"
        return ExpectationResult(
            description=said or f"on {spec.on} the chair is {wanted}",
            passed=passed,
            detail=None if passed else f"found {got}",
        )
    if expectation.members is not None:
        spec_m = expectation.members
        on = history.members_on(spec_m.on)
        checks = [(set(spec_m.members), set(on.members))]
        if spec_m.suspended is not None:
            checks.append((set(spec_m.suspended), set(on.suspended)))
        if spec_m.frozen is not None:
            checks.append((set(spec_m.frozen), set(on.frozen)))
        passed = all(want == got for want, got in checks)
        detail = f"found members {list(on.members)}, suspended {list(on.suspended)}, frozen {list(on.frozen)}"
        return ExpectationResult(
            description=said or f"on {spec_m.on} the members are {', '.join(spec_m.members)}",
            passed=passed,
            detail=None if passed else detail,
        )
    if expectation.status is not None:
        spec_s = expectation.status
        status = history.status_on(spec_s.state, spec_s.on)
        got_s = status if status is not None else "none"
        passed = got_s == str(spec_s.status)
        return ExpectationResult(
            description=said or f"on {spec_s.on} {display(spec_s.state)} is {spec_s.status}",
            passed=passed,
            detail=None if passed else f"found {got_s}",
        )
    spec_g = expectation.secretary_general
    assert spec_g is not None  # the model guarantees exactly one kind
    current = history.secretary_general_on(spec_g.on)
    person, acting = current if current is not None else (None, False)
    passed = person == spec_g.person and (spec_g.acting is None or acting == spec_g.acting)
    return ExpectationResult(
        description=said or f"on {spec_g.on} the Secretary General is {spec_g.person or 'nobody'}",
        passed=passed,
        detail=None if passed else f"found {person or 'nobody'}{' (acting)' if acting else ''}",
    )
