"""JUnit XML for CI systems: one test case per expectation, counts that add up.

Each scenario file is a ``testsuite``; each of its expectations (including the
implicit one, "no unexpected violation of severity error") is a ``testcase``.
A failed expectation is a ``failure`` whose message names the rule, the event
and the place in the file; a file that cannot be read is a suite holding one
``error``. Every count is computed from the cases written, so they always add
up, and text that XML 1.0 cannot carry (control characters) is written as
visible escapes, so the document is always well formed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from charter.engine.errors import Problem
from charter.engine.results import ExpectationResult, Location, ScenarioReport, Violation

__all__ = ["Unreadable", "junit_document"]

# What XML 1.0 allows in text: tab, newline, carriage return, and the rest from space on,
# less the surrogates and the two non-characters U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _text(value: str) -> str:
    """``value`` as XML element text."""
    return escape(_NOT_XML.sub(_visible, value))


def _attribute(value: str) -> str:
    """``value`` as a quoted XML attribute."""
    return quoteattr(_NOT_XML.sub(_visible, value), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be loaded, and why."""

    path: str
    problems: tuple[Problem, ...]


def _place(spot: Location | None, fallback: str | None) -> str:
    if spot is None or spot.path is None:
        return fallback or "(no file)"
    if spot.line == 0:
        return spot.path
    return f"{spot.path}:{spot.line}:{spot.column}"


def _cause(found: Violation) -> str:
    return f"{found.rule} at {found.event} ({_place(found.location, None)}): {found.message}"


def _failure(result: ExpectationResult, path: str | None) -> tuple[str, str, str]:
    """The failure's type, one-line message and full text."""
    if result.causes:
        lines = [_cause(found) for found in result.causes]
        more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
        return result.causes[0].rule, lines[0] + more, "\n".join(lines)
    if result.rule is not None:
        at = f" at {result.event}" if result.event else ""
        place = _place(result.location, path)
        message = f"{result.rule}{at} ({place}): {result.detail or 'expectation not met'}"
        return result.rule, message, message
    message = f"{result.description} ({path or '(no file)'}): {result.detail or 'not met'}"
    return "expectation", message, message


def _seconds(value: float) -> str:
    return f"{max(value, 0.0):.3f}"


def _classname(name: str) -> str:
    """A file's path as CI systems group classes: dotted, without the file's suffix.

    >>> _classname("scenarios/rules/membership.transition-fires.yaml")
    'scenarios.rules.membership_transition-fires'
    """
    stem, _, suffix = name.rpartition(".")
    base = stem if stem and suffix in ("yaml", "yml", "json", "jsonl") else name
    parts = base.replace("\\", "/").split("/")
    return ".".join(part.replace(".", "_") for part in parts if part)


def _suite(report: ScenarioReport, seconds: float) -> tuple[list[str], int, int]:
    name = report.path or report.title or "scenario"
    classname = _classname(name)
    cases = report.expectations
    # The replay is shared by the expectations: each case gets an equal share of it,
    # so the cases' times add up to the suite's.
    share = seconds / len(cases) if cases else 0.0
    failed = sum(not result.passed for result in cases)
    lines = [
        f'  <testsuite name={_attribute(name)} tests="{len(cases)}" failures="{failed}" '
        f'errors="0" skipped="0" time="{_seconds(seconds)}">'
    ]
    for result in cases:
        case = (
            f"    <testcase classname={_attribute(classname)} "
            f'name={_attribute(result.description)} time="{_seconds(share)}"'
        )
        if result.passed:
            lines.append(case + "/>")
            continue
        kind, message, body = _failure(result, report.path)
        lines += [
            case + ">",
            f"      <failure type={_attribute(kind)} message={_attribute(message)}>"
            f"{_text(body)}</failure>",
            "    </testcase>",
        ]
    if report.violations:
        text = "\n".join(f"{found.severity.value} {_cause(found)}" for found in report.violations)
        lines.append(f"    <system-out>{_text(text)}</system-out>")
    lines.append("  </testsuite>")
    return lines, len(cases), failed


def _error_suite(unreadable: Unreadable, seconds: float) -> list[str]:
    first = str(unreadable.problems[0]) if unreadable.problems else unreadable.path
    body = "\n".join(str(problem) for problem in unreadable.problems) or first
    return [
        f'  <testsuite name={_attribute(unreadable.path)} tests="1" failures="0" '
        f'errors="1" skipped="0" time="{_seconds(seconds)}">',
        f"    <testcase classname={_attribute(_classname(unreadable.path))} "
        'name="the file is read" '
        f'time="{_seconds(seconds)}">',
        f'      <error type="invalid input" message={_attribute(first)}>{_text(body)}</error>',
        "    </testcase>",
        "  </testsuite>",
    ]


def junit_document(
    results: Sequence[ScenarioReport | Unreadable], seconds: Sequence[float] | None = None
) -> str:
    """The JUnit XML document for each file's report (or why it was unreadable), in order.

    ``seconds`` is the time each file took to load and replay (none: 0).
    """
    times = list(seconds) if seconds is not None else [0.0] * len(results)
    body: list[str] = []
    tests = failures = errors = 0
    for result, spent in zip(results, times, strict=True):
        if isinstance(result, Unreadable):
            body += _error_suite(result, spent)
            tests, errors = tests + 1, errors + 1
            continue
        lines, count, failed = _suite(result, spent)
        body += lines
        tests, failures = tests + count, failures + failed
    head = (
        f'<testsuites name="charter" tests="{tests}" failures="{failures}" '
        f'errors="{errors}" time="{_seconds(sum(times))}">'
    )
    return "\n".join(['<?xml version="1.0" encoding="UTF-8"?>', head, *body, "</testsuites>"])
