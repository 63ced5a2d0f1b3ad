"""Replay: fold a scenario's events over its baseline, run the rules in force, check expectations.

Each event is checked against the timeline as it stood just before it, by every
rule in force on the event's date, and then folded in. Nothing is sorted: the
file's order is the order of events on a day. The result is a
``ScenarioReport``: violations (values, never exceptions), facts the rules
needed but nobody recorded, and each expectation passed or failed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from charter.engine._gc import paused_collection
from charter.engine.errors import ScenarioError
from charter.engine.expectations import judge, judge_year
from charter.engine.model import Event, NameChair, SetHost, Severity
from charter.engine.packs import DEFAULT_RULEBOOK, get_rulebook
from charter.engine.record import record_scenario
from charter.engine.registry import Breach, Finding, Registry, Rule
from charter.engine.results import (
    History,
    Location,
    ScenarioReport,
    UnknownFact,
    Violation,
)
from charter.engine.simulate import project
from charter.engine.timeline import Timeline, decisions_with_paths
from charter.files.scenario import Baseline, Expectation, Origin, Proposal, Scenario

__all__ = ["baseline_events", "baseline_timeline", "fold", "replay", "run", "run_rules"]


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
    judged = [judge_year(wanted, years) for wanted in spec.expect]
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
    _check_references(events, timeline.sessions, origin)
    timeline.use_rulebook(rulebook)
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
