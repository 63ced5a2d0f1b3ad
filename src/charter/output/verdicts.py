"""The verdicts in words: what ``charter replay``, ``check`` and ``simulate`` print for a person.

Two questions, never mixed:

- ``replay`` asks "does each file meet its expectations?" and answers ``PASS`` or
  ``FAIL`` per file (a file with no expectations expects no error). A violation an
  expectation asked for is marked *expected*.
- ``check`` asks "does this proposed session keep the Charter?" and answers ``VALID``
  or ``BREAKS N RULE(S)``. Expectations written in the proposal are reported on a line
  of their own and never change that verdict.

Reports open with what was checked and one line per file; details follow for the
files that failed only (``verbose`` shows every file in full). Each finding is
printed once; identical "what would be valid" blocks are printed once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from charter.engine.expectations import NO_UNEXPECTED_ERROR
from charter.engine.model import Severity
from charter.engine.packs import DEFAULT_RULEBOOK, get_rulebook
from charter.engine.results import ScenarioReport, Violation
from charter.output.report import (
    Style,
    check_verdict,
    render_projection,
    render_suggestions,
    render_violation,
)

__all__ = ["render_check", "render_replay", "render_report", "render_simulate"]


def _rulebooks(reports: Sequence[ScenarioReport]) -> str:
    """The rulebook the files are replayed against, with its number of rules (or each of them)."""
    named = sorted(
        {report.rulebook for report in reports}, key=lambda name: name != DEFAULT_RULEBOOK
    )
    counts = [(name, len(get_rulebook(name).rules)) for name in named or [DEFAULT_RULEBOOK]]
    if len(counts) == 1:
        return f"the rulebook ({counts[0][1]} rules)"
    return "their rulebooks (" + ", ".join(f"{name}: {count} rules" for name, count in counts) + ")"


_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _tally(found: Sequence[Violation]) -> str:
    """``2 warnings (practice.rotation x2), 1 info (membership.transition)``: by severity, then rule."""
    parts = []
    for severity in _ORDER:
        rules = Counter(v.rule for v in found if v.severity is severity)
        if not rules:
            continue
        number = sum(rules.values())
        noun = f"{number} info" if severity is Severity.INFO else _count(number, severity.value)
        named = ", ".join(f"{rule} x{n}" if n > 1 else rule for rule, n in sorted(rules.items()))
        parts.append(f"{noun} ({named})")
    return ", ".join(parts)


def _split(report: ScenarioReport) -> tuple[list[Violation], list[Violation]]:
    expected = [v for i, v in enumerate(report.violations) if report.is_expected(i)]
    other = [v for i, v in enumerate(report.violations) if not report.is_expected(i)]
    return expected, other


def _file_line(report: ScenarioReport, style: Style) -> str:
    """One line: verdict, file, events, expected and other findings, expectations not met."""
    verdict = style.green("PASS") if report.expectations_met else style.red("FAIL")
    expected, other = _split(report)
    parts = [_count(report.events, "event")]
    errors = [v for v in other if v.severity is Severity.ERROR]
    rest = [v for v in other if v.severity is not Severity.ERROR]
    if expected:
        parts.append(f"expected: {_tally(expected)}")
    if errors:
        parts.append(style.red(f"unexpected: {_tally(errors)}"))
    if rest:
        parts.append(f"{'also: ' if expected or errors else ''}{_tally(rest)}")
    if report.unknowns:
        parts.append(f"{_count(len(report.unknowns), 'fact')} unknown")
    missed = sum(not result.passed for result in report.expectations)
    if missed:
        parts.append(style.red(f"{_count(missed, 'expectation')} not met"))
    return f"{verdict}  {style.bold(report.path or '(scenario)')}  {'; '.join(parts)}"


def _expectation_lines(
    report: ScenarioReport, style: Style, *, verbose: bool, skip_implicit: bool = False
) -> list[str]:
    lines = []
    for result in report.expectations:
        if (result.passed and not verbose) or (
            skip_implicit and result.description == NO_UNEXPECTED_ERROR
        ):
            continue
        mark = style.green("ok  ") if result.passed else style.red("FAIL")
        lines.append(f"  {mark} expected: {result.description}")
        # The unexpected errors are shown above as findings: their messages are not repeated.
        if result.detail and not result.passed and result.description != NO_UNEXPECTED_ERROR:
            lines.append(f"        {result.detail}")
    return lines


def _findings(report: ScenarioReport, style: Style, *, verbose: bool) -> list[str]:
    lines: list[str] = []
    for index, found in enumerate(report.violations):
        expected = report.is_expected(index) and not report.checked
        if verbose or (not expected and found.severity is Severity.ERROR) or report.checked:
            lines.extend(render_violation(found, style, expected=expected))
        elif expected:
            lines.append(
                style.dim(f"  {found.severity.value} {found.rule} (expected)  event {found.event}")
            )
    if verbose or report.checked:
        lines.extend(
            style.dim(f"  unknown  {unknown.rule}  event {unknown.event}: {unknown.message}")
            for unknown in report.unknowns
        )
    return lines


class _Suggested:
    """Prints a "what would be valid" block once; an identical one later refers back to it."""

    def __init__(self) -> None:
        self.seen: list[tuple[dict[str, object], str]] = []

    def lines(self, report: ScenarioReport, style: Style) -> list[str]:
        advice = report.suggestions
        if not advice:
            return []
        for earlier, where in self.seen:
            if earlier == advice:
                return [style.dim(f"  What would be valid on this date: as for {where} above")]
        self.seen.append((advice, report.path or "the file"))
        return render_suggestions(advice, style)


def _details(
    report: ScenarioReport, style: Style, suggested: _Suggested, *, verbose: bool
) -> list[str]:
    title = f"  {report.title}" if report.title else ""
    verdict = style.green("PASS") if report.expectations_met else style.red("FAIL")
    lines = [f"{verdict} {style.bold(report.path or '(scenario)')}{style.dim(title)}"]
    lines += _findings(report, style, verbose=verbose)
    lines += _expectation_lines(report, style, verbose=verbose)
    if verbose:
        lines += suggested.lines(report, style)
    if report.projection:
        lines += render_projection(report.projection, style)
    return lines


def _summary(reports: Sequence[ScenarioReport], style: Style) -> str:
    failed = sum(not report.expectations_met for report in reports)
    text = f"{_count(len(reports), 'file')}: {len(reports) - failed} passed, {failed} failed"
    return style.green(text) if not failed else style.red(text)


def _rule_count(reports: Sequence[ScenarioReport]) -> str:
    """How many rules the files were replayed against: one count per rulebook they belong to."""
    named = sorted({report.rulebook for report in reports} or {DEFAULT_RULEBOOK})
    if len(named) == 1:
        return str(len(get_rulebook(named[0]).rules))
    return ", ".join(f"{len(get_rulebook(name).rules)} {name}" for name in named)


def render_replay(reports: Sequence[ScenarioReport], style: Style, *, verbose: bool = False) -> str:
    """What was checked, one line per file, the summary, then the details of failures.

    With ``verbose``, every file is shown in full.
    """
    lines = [
        style.dim(
            f"Replaying {_count(len(reports), 'file')} against {_rulebooks(reports)}: "
            "a file passes when its expectations hold, and a file with none expects no error."
        )
    ]
    lines += [_file_line(report, style) for report in reports]
    lines.append(_summary(reports, style))
    shown = [report for report in reports if verbose or not report.expectations_met]
    if shown:
        suggested = _Suggested()
        for report in shown:
            lines.append("")
            lines += _details(report, style, suggested, verbose=verbose)
        lines += ["", _summary(reports, style)]
    elif not verbose:
        lines.append(style.dim("(--verbose shows every finding)"))
    return "\n".join(lines)


def render_check(report: ScenarioReport, style: Style, *, against: str) -> str:
    """The verdict on one proposed session, every finding once, and what would be valid."""
    verdict = check_verdict(report)
    paint = (
        style.green
        if report.ok and not report.unknowns
        else style.red
        if not report.ok
        else style.yellow
    )
    lines = [f"{paint(verdict)}  {style.bold(report.path or '(proposal)')}"]
    if report.title:
        lines.append(f"  {report.title}")
    lines.append(style.dim(f"  checked against {against}"))
    found = _findings(report, style, verbose=True)
    if found:
        lines += found
    else:
        lines.append("  no violation of any rule in force on its date")
    if report.unknowns:
        lines.append(
            style.yellow(
                f"  {_count(len(report.unknowns), 'fact')} the record cannot confirm: "
                "not a violation, not a confirmation (--strict makes each an error)"
            )
        )
    suggested = _Suggested().lines(report, style)
    lines += ["", *suggested] if suggested else []
    own = [result for result in report.expectations if result.description != NO_UNEXPECTED_ERROR]
    if own:  # the implicit "no unexpected error" says what the verdict says: not repeated
        met = sum(result.passed for result in own)
        line = (
            f"  the file's own expectations: {met} of {len(own)} met "
            "(they describe the file; they never change the verdict)"
        )
        lines.append(style.dim(line))
        lines += _expectation_lines(report, style, verbose=False, skip_implicit=True)
    lines += ["", paint(verdict)]
    return "\n".join(lines)


def render_simulate(report: ScenarioReport, style: Style) -> str:
    """The scenario's line, its failures if any, then the projected years."""
    lines = [_file_line(report, style)]
    if not report.expectations_met:
        lines += _findings(report, style, verbose=False)
        lines += _expectation_lines(report, style, verbose=False)
    if report.projection:
        lines.append(
            style.dim(
                "Projection: a year whose basis is 'recorded' rests on a decision in the history; "
                "every other year is projected, not decided."
            )
        )
        lines += render_projection(report.projection, style)
    return "\n".join(lines)


def render_report(reports: Sequence[ScenarioReport], style: Style, *, verbose: bool = False) -> str:
    """The report of each file in full, as ``replay --verbose`` shows it (for tests and plugins)."""
    suggested = _Suggested()
    lines: list[str] = []
    for report in reports:
        lines += _details(report, style, suggested, verbose=verbose)
    lines.append(_summary(reports, style))
    return "\n".join(lines)
