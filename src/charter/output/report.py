"""Reports for people and for programs: readable text, and JSON with a stable shape.

The JSON forms are a contract (see the README): keys and their order do not
change between runs, and nothing in them depends on timing or the machine.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from charter.engine._installed import display
from charter.engine.answers import chair_json, members_json
from charter.engine.model import Severity
from charter.engine.results import ScenarioReport, Violation
from charter.engine.simulate import YearProjection
from charter.files._excerpt import excerpt
from charter.output._json import JSON_VERSION, json_text, stamped

__all__ = [
    "COLOR_MODES",
    "JSON_VERSION",
    "Style",
    "breaks",
    "chair_json",
    "check_verdict",
    "json_text",
    "members_json",
    "render_projection",
    "render_suggestions",
    "render_violation",
    "report_json",
    "report_junit",
    "stamped",
]


COLOR_MODES = ("auto", "always", "never")
"""The choices of ``--color``."""


class Style:
    """Colour for a terminal; none when piped, or when ``NO_COLOR`` is set."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    @classmethod
    def for_stream(
        cls, stream: TextIO, mode: str = "auto", environ: Mapping[str, str] | None = None
    ) -> Style:
        """Colour as ``--color`` says; under ``auto``, as the environment and the stream say.

        ``always`` and ``never`` decide alone. Under ``auto``, a non-empty
        ``FORCE_COLOR`` turns colour on, else a non-empty ``NO_COLOR`` turns it off,
        else colour is used on an interactive terminal whose ``TERM`` is not ``dumb``.

        >>> import io
        >>> Style.for_stream(io.StringIO(), "auto", {"FORCE_COLOR": "1"}).enabled
        True
        >>> Style.for_stream(io.StringIO(), "always", {"NO_COLOR": "1"}).enabled
        True
        >>> Style.for_stream(io.StringIO(), "auto", {}).enabled
        False
        """
        if mode not in COLOR_MODES:
            raise ValueError(f"{mode!r} is not a colour mode (expected one of {COLOR_MODES})")
        if mode != "auto":
            return cls(mode == "always")
        env = os.environ if environ is None else environ
        if env.get("FORCE_COLOR"):
            return cls(True)
        if env.get("NO_COLOR"):
            return cls(False)
        return cls(stream.isatty() and env.get("TERM") != "dumb")

    def _paint(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        """Bold text."""
        return self._paint("1", text)

    def red(self, text: str) -> str:
        """Red text (errors, failures)."""
        return self._paint("31", text)

    def green(self, text: str) -> str:
        """Green text (passes)."""
        return self._paint("32", text)

    def yellow(self, text: str) -> str:
        """Yellow text (warnings)."""
        return self._paint("33", text)

    def dim(self, text: str) -> str:
        """Dim text (citations, notes)."""
        return self._paint("2", text)

    def severity(self, severity: Severity) -> str:
        """A severity word in its colour."""
        word = severity.value
        if severity is Severity.ERROR:
            return self.red(word)
        if severity is Severity.WARNING:
            return self.yellow(word)
        return self.dim(word)


# --- JSON ----------------------------------------------------------------------------------


def violation_json(found: Violation, *, expected: bool = False) -> dict[str, Any]:
    """One violation as JSON; ``expected``: an expectation of the file asked for it."""
    return {
        "rule": found.rule,
        "severity": found.severity.value,
        "date": found.date.isoformat(),
        "event": found.event,
        "message": found.message,
        "citation": found.citation,
        "location": {
            "path": found.location.path,
            "line": found.location.line,
            "column": found.location.column,
        },
        "fix": found.fix,
        "expected": expected,
    }


def scenario_json(report: ScenarioReport) -> dict[str, Any]:
    """One scenario's report as JSON."""
    out: dict[str, Any] = {
        "path": report.path,
        "rulebook": report.rulebook,
        "title": report.title,
        "ok": report.ok,
        "expectations_met": report.expectations_met,
        "keeps_charter": report.keeps_charter,
        "events": report.events,
        "violations": [
            violation_json(found, expected=report.is_expected(index))
            for index, found in enumerate(report.violations)
        ],
        "unknowns": [
            {
                "rule": unknown.rule,
                "date": unknown.date.isoformat(),
                "event": unknown.event,
                "message": unknown.message,
                "location": {
                    "path": unknown.location.path,
                    "line": unknown.location.line,
                    "column": unknown.location.column,
                },
            }
            for unknown in report.unknowns
        ],
        "expectations": [
            {"description": result.description, "passed": result.passed, "detail": result.detail}
            for result in report.expectations
        ],
    }
    if report.suggestions is not None:
        out["suggestions"] = report.suggestions
    if report.projection is not None:
        out["projection"] = [year.as_json() for year in report.projection]
    return out


def report_json(reports: Sequence[ScenarioReport]) -> dict[str, Any]:
    """The replay (or check) document: the verdict ``ok`` and one entry per scenario.

    For ``replay``, ``ok`` is true when every file met its expectations. For a checked
    proposal, ``ok`` answers "does it keep the Charter?", with the same ``verdict``
    the text prints and the ids of the rules it ``breaks``.
    """
    out: dict[str, Any] = {}
    named = {report.rulebook for report in reports}
    if len(named) == 1:  # files of several rulebooks: each scenario names its own
        out["rulebook"] = named.pop()
    out["ok"] = all(report.ok for report in reports)
    if len(reports) == 1 and reports[0].checked:
        only = reports[0]
        out["verdict"] = check_verdict(only)
        out["breaks"] = breaks(only)
    else:
        failed = sum(not report.ok for report in reports)
        out["files"] = {"total": len(reports), "passed": len(reports) - failed, "failed": failed}
    out["scenarios"] = [scenario_json(report) for report in reports]
    if len(reports) == 1 and reports[0].suggestions is not None:
        out["suggestions"] = reports[0].suggestions
    return out


def breaks(report: ScenarioReport) -> list[str]:
    """The ids of the rules a report's violations of severity error break, in order."""
    return list(dict.fromkeys(v.rule for v in report.violations if v.severity is Severity.ERROR))


def check_verdict(report: ScenarioReport) -> str:
    """``VALID``, ``VALID, 2 FACTS UNKNOWN`` or ``BREAKS 1 RULE (membership.transition)``.

    The verdict on a checked proposal, the same words in text and JSON: it breaks
    a rule exactly when ``report.ok`` is false.
    """
    broken = breaks(report)
    if broken:
        rules = "1 RULE" if len(broken) == 1 else f"{len(broken)} RULES"
        return f"BREAKS {rules} ({', '.join(broken)})"
    if report.unknowns:
        facts = "1 FACT" if len(report.unknowns) == 1 else f"{len(report.unknowns)} FACTS"
        return f"VALID, {facts} UNKNOWN"
    return "VALID"


def report_junit(reports: Sequence[ScenarioReport]) -> str:
    """A JUnit XML document: one suite per scenario, one test case per expectation.

    A failed expectation is a ``failure`` naming the rule, the event and the place
    in the file; the scenario's violations go in the suite's ``system-out``.
    """
    from charter.output._junit import junit_document  # noqa: PLC0415  (only JUnit output needs it)

    return junit_document(reports)


# --- text ----------------------------------------------------------------------------------


def _place(found: Violation) -> str:
    spot = found.location
    if spot.path is None:
        return found.event
    if spot.line == 0:
        return spot.path
    return f"{spot.path}:{spot.line}:{spot.column}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _sg_words(advice: dict[str, object]) -> str:
    answer = str(advice.get("secretary_general_answer") or "not_known")
    return {"vacant": "vacant", "not_decided": "not decided"}.get(answer, "not known")


def render_projection(years: Sequence[YearProjection], style: Style) -> list[str]:
    """The projected years as a small table."""
    lines = [style.bold("  year  presides      seat-holder (last recorded)    host          basis")]
    for year in years:
        state = display(year.state) if year.state else "-"
        person = year.person or "(not recorded)"
        host = display(year.host) if year.host else "-"
        basis = "decided" if year.decided else f"projection ({year.basis}), not decided"
        row = f"  {year.year}  {state:<12}  {person:<30} {host:<12}  {basis}"
        lines.append(style.yellow(row + "  OPEN") if year.open else row)
        if year.note:
            lines.append(style.dim(f"        {year.note}"))
        if year.due:
            lines.append(style.dim(f"        due to be decided at {year.due}"))
    return lines


def render_violation(found: Violation, style: Style, *, expected: bool = False) -> list[str]:
    """One violation the way a compiler shows an error: place, source line, marker, message, fix.

    ``expected``: the file's expectations asked for it (replay marks it so).
    """
    paint = style.red if found.severity is Severity.ERROR else style.yellow
    mark = style.dim(" (expected)") if expected else ""
    lines = [
        f"  {style.severity(found.severity)} {style.bold(found.rule)}{mark}  {found.date}  event {found.event}",
        f"     {style.dim('-->')} {_place(found)}",
    ]
    source = excerpt(found.location.path, found.location.line, found.location.column)
    if source:
        width = len(source[0]) - 2
        lines.append(f"     {style.dim(source[0])}")
        lines.append(f"     {style.dim(source[1][: width + 2])}{source[1][width + 2 :]}")
        lines.append(f"     {style.dim(source[2][: width + 2])}{paint(source[2][width + 2 :])}")
    pad = " " * (len(source[0]) - 1 if source else 1)
    lines.append(f"     {pad}= {found.message}")
    if found.fix:
        lines.append(f"     {pad}= {style.green('fix:')} {found.fix}")
    lines.append(f"     {pad}= {style.dim(found.citation)}")
    return lines


def render_suggestions(advice: dict[str, object], style: Style) -> list[str]:
    """The "what would be valid on this date" block of a checked proposal."""
    lines = [style.bold("  What would be valid on this date:")]
    presidency = advice.get("presidency")
    if isinstance(presidency, dict) and presidency.get("answer") != "known":
        words = str(presidency.get("answer", "")).replace("_", " ")
        lines.append(f"    presiding state: {words} ({presidency.get('note')})")
    chair = advice.get("chair")
    if isinstance(chair, dict):
        lines.append(
            f"    chair: {chair.get('person') or '(seat-holder not recorded)'} ({chair.get('state')}): {chair.get('why')}"
        )
    if advice.get("host"):
        lines.append(f"    host of a regular session: {advice['host']}")
    seats = advice.get("seats")
    if isinstance(seats, dict):
        for state, seat in seats.items():
            if isinstance(seat, dict):
                status = "" if seat.get("status") in (None, "member") else f", {seat.get('status')}"
                person = seat.get("person") or "(not recorded)"
                lines.append(f"    seat of {state}: {person} ({seat.get('role')}{status})")
    capacities = advice.get("capacities")
    if isinstance(capacities, dict):
        for person, allowed in capacities.items():
            if isinstance(allowed, list):
                lines.append(f"    {person} may take part as: {', '.join(allowed)}")
    unconfirmed = advice.get("unconfirmed")
    if isinstance(unconfirmed, dict):
        for person, claims in unconfirmed.items():
            if isinstance(claims, list):
                lines.append(
                    f"    {person}: not known whether they hold {', '.join(claims)} "
                    "(the record does not hold that office)"
                )
    if advice.get("next_presiding_state"):
        lines.append(f"    next presiding state in rotation: {advice['next_presiding_state']}")
    if "secretary_general" in advice:
        lines.append(f"    Secretary General: {advice['secretary_general'] or _sg_words(advice)}")
    return lines


def write(text: str, stream: TextIO | None = None) -> None:
    """Write text and a newline to ``stream`` (standard output by default)."""
    (stream or sys.stdout).write(text + "\n")
