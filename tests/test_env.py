"""Limits read from the environment in one place: a bad value names its variable and what it accepts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charter.cli import main
from charter.files._document import Limits
from charter.files._env import LIMITS, LOADER_VARIABLE, SettingError, check_environment, limit

VARIABLES = sorted(LIMITS)

VALUES = st.one_of(
    st.text(max_size=30),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(
        ["²", "10**26", "-1", "", " 64", "64 ", "0x40", "1e3", "٦٤", "\uff16\uff14", "+64", "64\n"]
    ),
)


@given(variable=st.sampled_from(VARIABLES), value=VALUES)
def test_any_value_is_accepted_exactly_or_refused_by_name(variable: str, value: str) -> None:
    """A value is taken only if it is ASCII digits within the range; anything else names the variable."""
    spec = LIMITS[variable]
    try:
        got = limit(variable, {variable: value})
    except SettingError as exc:
        (problem,) = exc.problems
        assert problem.path == variable
        assert "expected a whole number" in problem.message
        assert not (value.isascii() and value.isdigit() and spec.low <= int(value) <= spec.high)
    else:
        assert value.isascii()
        assert value.isdigit()
        assert got == int(value)
        assert spec.low <= got <= spec.high


def test_unset_variables_give_the_defaults() -> None:
    """With nothing set, each limit is its documented default."""
    assert {name: limit(name, {}) for name in VARIABLES} == {
        name: spec.default for name, spec in LIMITS.items()
    }


@pytest.mark.parametrize(
    "command", [["rules"], ["schema"], ["chair", "--on", "2020-01-01"], ["replay"]]
)
@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CHARTER_MAX_BYTES", "²"),
        ("CHARTER_MAX_DEPTH", "-1"),
        ("CHARTER_MAX_NODES", "garbage"),
        ("CHARTER_MAX_EVENTS", str(10**26)),
        (LOADER_VARIABLE, "cython"),
    ],
)
def test_every_command_refuses_a_bad_value(
    command: list[str],
    variable: str,
    value: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every command, even one that reads no file, exits 2 with one line naming the variable."""
    monkeypatch.setenv(variable, value)
    assert main(command) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"{variable}: ")
    assert captured.err.count("\n") == 1


def test_several_bad_values_are_all_named() -> None:
    """Two bad variables give two lines, one each."""
    with pytest.raises(SettingError) as caught:
        check_environment({"CHARTER_MAX_BYTES": "x", "CHARTER_MAX_DEPTH": "y"})
    assert [problem.path for problem in caught.value.problems] == [
        "CHARTER_MAX_BYTES",
        "CHARTER_MAX_DEPTH",
    ]


@pytest.mark.parametrize("value", ["x", 1.5, True, None, -1, 0, 2**41])
def test_limits_passed_by_a_program_are_checked(value: object) -> None:
    """Limits(max_depth=...) refuses a value of the wrong type or out of range, naming the field."""
    with pytest.raises((TypeError, ValueError), match="max_depth"):
        Limits(max_depth=value)  # type: ignore[arg-type]
