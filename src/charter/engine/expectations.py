"""Judging a scenario's expectations against what replay found and the history it built."""

from __future__ import annotations

from collections.abc import Sequence

from charter.engine._installed import display
from charter.engine.model import Severity
from charter.engine.results import (
    ExpectationResult,
    History,
    Location,
    Violation,
)
from charter.engine.simulate import YearProjection
from charter.files.scenario import Expectation, Origin, ProjectedYear

__all__ = ["NO_UNEXPECTED_ERROR", "judge", "judge_year"]


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


def judge_year(wanted: ProjectedYear, years: Sequence[YearProjection]) -> ExpectationResult:
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
