"""Library misuse is refused at the boundary: a TypeError naming the parameter, or a CharterError."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

import charter
from charter import (
    CharterError,
    check_session,
    default_history,
    load_proposal,
    load_scenario,
    replay,
)
from charter.files._document import Limits

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "rules" / "art13.chair-fires.yaml"


def _history() -> charter.History:
    return default_history()


MISUSES: dict[str, tuple[Callable[[], object], str]] = {
    "replay(None)": (lambda: replay(None), "scenario"),  # type: ignore[arg-type]
    "replay('file.yaml')": (lambda: replay("file.yaml"), "scenario"),  # type: ignore[arg-type]
    "replay(scenario, strict='yes')": (
        lambda: replay(load_scenario(SCENARIO), strict="yes"),  # type: ignore[arg-type]
        "strict",
    ),
    "check_session(None)": (lambda: check_session(None), "proposal"),  # type: ignore[arg-type]
    "check_session(proposal, history='x')": (
        lambda: check_session(
            load_proposal(ROOT / "scenarios" / "proposals" / "astana-2026-wrong-host.yaml"),
            "x",  # type: ignore[arg-type]
        ),
        "history",
    ),
    "chair_on(datetime)": (lambda: _history().chair_on(datetime(2021, 1, 1)), "day"),
    "chair_on(None)": (lambda: _history().chair_on(None), "day"),  # type: ignore[arg-type]
    "members_on(20210101)": (lambda: _history().members_on(20210101), "day"),  # type: ignore[arg-type]
    "status_on(None, day)": (lambda: _history().status_on(None, "2021-01-01"), "state"),  # type: ignore[arg-type]
    "sessions_between(day, 5)": (lambda: _history().sessions_between("2021-01-01", 5), "end"),  # type: ignore[arg-type]
    "load_scenario(None)": (lambda: load_scenario(None), "path"),  # type: ignore[arg-type]
    "load_scenario(bytes)": (lambda: load_scenario(b"x.yaml"), "path"),  # type: ignore[arg-type]
    "explain(session=5)": (lambda: _history().explain(session=5), "session"),  # type: ignore[arg-type]
    "check_session(p, strict=None)": (
        lambda: check_session(
            load_proposal(ROOT / "scenarios" / "proposals" / "astana-2026-wrong-host.yaml"),
            strict=None,  # type: ignore[arg-type]
        ),
        "strict",
    ),
    "load_scenario(path, limits='x')": (lambda: load_scenario(SCENARIO, limits="x"), "limits"),  # type: ignore[arg-type]
    "Limits(max_bytes='x')": (lambda: Limits(max_bytes="x"), "max_bytes"),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("case", sorted(MISUSES))
def test_misuse_names_the_parameter(case: str) -> None:
    """Each misuse raises TypeError whose message starts with (or names) the parameter."""
    call, parameter = MISUSES[case]
    with pytest.raises(TypeError) as caught:
        call()
    assert parameter in str(caught.value).split(":")[0] or f"{parameter}=" in str(caught.value)


@pytest.mark.parametrize(
    "call",
    [
        lambda: load_scenario(""),
        lambda: load_scenario(ROOT / "no-such-file.yaml"),
        lambda: load_scenario(ROOT / "scenarios"),
        lambda: _history().chair_on("2021-13-01"),
        lambda: _history().chair_on("9999-12-31"),
    ],
)
def test_bad_values_are_charter_errors(call: Callable[[], object]) -> None:
    """A path or a day of the right type but a bad value is a CharterError, never an AttributeError."""
    with pytest.raises(CharterError):
        call()
