"""The one place that reads charter's environment variables, and refuses a bad value.

Each limit is a whole number written in ASCII digits, within a range; anything
else (``-1``, ``2**8``, ``²``, ``10**26``, an empty string) is an error that names
the variable and what it accepts, never a value silently ignored or a crash.
Only the standard library is imported: the quick commands read this too.

>>> limit("CHARTER_MAX_DEPTH", {})
64
>>> limit("CHARTER_MAX_DEPTH", {"CHARTER_MAX_DEPTH": "128"})
128
>>> limit("CHARTER_MAX_DEPTH", {"CHARTER_MAX_DEPTH": "-1"})
Traceback (most recent call last):
...
charter.files._env.SettingError: CHARTER_MAX_DEPTH: '-1' is not accepted (expected a whole number from 1 to 100000, in ASCII digits)
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from charter.engine.errors import Problem, ScenarioError, shown

__all__ = [
    "LIMITS",
    "LOADER_VARIABLE",
    "LimitSpec",
    "SettingError",
    "check_environment",
    "limit",
    "yaml_loader",
]


@dataclass(frozen=True, slots=True)
class LimitSpec:
    """One limit: its variable, its default and the values it accepts."""

    variable: str
    default: int
    low: int
    high: int
    unit: str


LIMITS: dict[str, LimitSpec] = {
    spec.variable: spec
    for spec in (
        LimitSpec("CHARTER_MAX_BYTES", 256 * 1024 * 1024, 1, 2**40, "bytes in one file"),
        LimitSpec("CHARTER_MAX_DEPTH", 64, 1, 100_000, "levels of nesting"),
        LimitSpec("CHARTER_MAX_NODES", 50_000_000, 1, 2**40, "values in one document"),
        LimitSpec("CHARTER_MAX_ALIAS_NODES", 100_000, 0, 2**40, "values built by aliases"),
        LimitSpec("CHARTER_MAX_EVENTS", 5_000_000, 1, 2**40, "events in one scenario"),
    )
}
"""Every limit charter reads from the environment, with its default and accepted range."""

LOADER_VARIABLE = "CHARTER_YAML_PARSER"
"""Which YAML parser reads files: ``libyaml`` (the default, when PyYAML has it) or ``python``."""

_DIGITS = re.compile(r"[0-9]{1,20}")


class SettingError(ScenarioError):
    """An environment variable holds a value charter does not accept; it names the variable."""


def _refuse(variable: str, value: str, expected: str) -> SettingError:
    return SettingError(
        [Problem(variable, 0, 0, "", f"{shown(value)} is not accepted (expected {expected})")]
    )


def limit(variable: str, environ: Mapping[str, str] | None = None) -> int:
    """The value of one limit: its variable if set (and valid), else its default."""
    spec = LIMITS[variable]
    environ = os.environ if environ is None else environ
    value = environ.get(variable)
    if value is None:
        return spec.default
    expected = f"a whole number from {spec.low} to {spec.high}, in ASCII digits"
    if _DIGITS.fullmatch(value) is None:
        raise _refuse(variable, value, expected)
    number = int(value)
    if not spec.low <= number <= spec.high:
        raise _refuse(variable, value, expected)
    return number


def yaml_loader(environ: Mapping[str, str] | None = None) -> str:
    """``"libyaml"`` or ``"python"``: which YAML parser the environment asks for.

    >>> yaml_loader({}), yaml_loader({"CHARTER_YAML_PARSER": "python"})
    ('libyaml', 'python')
    """
    environ = os.environ if environ is None else environ
    value = environ.get(LOADER_VARIABLE, "libyaml")
    if value not in ("libyaml", "python"):
        raise _refuse(LOADER_VARIABLE, value, "'libyaml' or 'python'")
    return value


def check_environment(environ: Mapping[str, str] | None = None) -> None:
    """Refuse any bad value among charter's variables, naming each one (all at once)."""
    problems: list[Problem] = []
    for variable in LIMITS:
        try:
            limit(variable, environ)
        except SettingError as exc:
            problems.extend(exc.problems)
    try:
        yaml_loader(environ)
    except SettingError as exc:
        problems.extend(exc.problems)
    if problems:
        raise SettingError(problems)
