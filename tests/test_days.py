"""One strict date parser for every day, and the supported span of days inside which arithmetic is total."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charter import DateError, default_history, replay
from charter.cli import main
from charter.engine._days import (
    FIRST_DAY,
    LAST_DAY,
    add_years,
    day_argument,
    parse_date,
    strict_day,
)
from charter.engine.errors import ScenarioError
from charter.files.loading import load_file, load_text
from charter.files.scenario import Scenario


@given(st.text(max_size=14))
def test_any_text_is_a_day_written_exactly_or_refused(text: str) -> None:
    """parse_date returns a day only for text that is exactly its ASCII ISO form; else ValueError."""
    try:
        day = parse_date(text)
    except ValueError:
        return
    assert day.isoformat() == text
    assert FIRST_DAY <= day <= LAST_DAY


OTHER_DIGITS = st.characters(categories=["Nd"]).filter(lambda c: not "0" <= c <= "9")


@given(
    day=st.dates(FIRST_DAY, LAST_DAY),
    digit=OTHER_DIGITS,
    where=st.integers(0, 9),
    tail=st.sampled_from(["", "\n", " ", "\r\n", "\t", "Z", "T00:00"]),
)
def test_a_day_with_any_other_digit_or_a_tail_is_refused(
    day: date, digit: str, where: int, tail: str
) -> None:
    """Full-width, Arabic-Indic or any other digits, or a trailing newline or space, are refused."""
    text = day.isoformat()
    if text[where] != "-":
        with pytest.raises(ValueError, match="not a date"):
            parse_date(text[:where] + digit + text[where + 1 :])
    if tail:
        with pytest.raises(ValueError, match="not a date"):
            parse_date(text + tail)


@given(
    st.one_of(st.integers(), st.floats(allow_nan=False), st.booleans(), st.none(), st.datetimes())
)
def test_a_number_or_a_moment_is_never_a_day(value: object) -> None:
    """Integers and floats (Unix time), booleans, null and datetimes are refused as model days."""
    with pytest.raises(ValueError, match=r"not a date|a moment|found"):
        strict_day(value)


@pytest.mark.parametrize("fmt", ["yaml", "json", "jsonl"])
@pytest.mark.parametrize(
    "value",
    [
        0,
        1606867200,
        1606867200.5,
        True,
        "\uff12\uff10\uff12\uff11-08-23",
        "2021-08-23\n",
        "0001-01-01",
        "9999-12-31",
    ],
)
def test_every_format_refuses_what_is_not_a_day_in_the_span(fmt: str, value: object) -> None:
    """In YAML, JSON and JSON Lines alike, a date that is not ASCII YYYY-MM-DD in the span is located."""
    event = {"id": "m", "date": value, "membership": {"state": "TJK", "status": "member"}}
    header = {"title": "t", "baseline": "empty"}
    if fmt == "jsonl":
        text = json.dumps(header) + "\n" + json.dumps(event) + "\n"
    else:
        text = json.dumps({**header, "events": [event]})  # JSON is YAML too
    with pytest.raises(ScenarioError) as caught:
        load_text(f"s.{fmt}", text, fmt)
    (problem,) = caught.value.problems
    assert problem.line >= 1
    assert "date" in problem.where


@pytest.mark.parametrize("option", ["chair", "members", "explain"])
@given(
    text=st.one_of(
        st.text(max_size=12),
        st.builds(lambda d, c: d.isoformat().replace("0", c), st.dates(), OTHER_DIGITS),
    )
)
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_command_line_takes_only_days(
    option: str, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--on with anything but an ASCII day in the span exits 2 with one line, never a traceback."""
    try:
        parse_date(text)
    except ValueError:
        valid = False
    else:
        valid = True
    if text.startswith("-") or "\x00" in text:  # argparse reads it as an option; the OS refuses NUL
        return
    try:
        code = main([option, "--on", text])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    err = capsys.readouterr().err
    if valid:
        assert code == 0
    else:
        assert code == 2
        assert err.count("\n") == 1
        assert "Traceback" not in err


@given(
    day=st.one_of(
        st.dates(FIRST_DAY, FIRST_DAY + timedelta(days=800)),
        st.dates(LAST_DAY - timedelta(days=800), LAST_DAY),
    )
)
@settings(max_examples=20, deadline=None)
def test_replay_and_queries_are_total_at_the_edges_of_the_span(day: date) -> None:
    """A scenario at either edge of the span, with a projection, replays; every query answers."""
    scenario = Scenario.model_validate(
        {
            "title": "edge",
            "baseline": "empty",
            "events": [
                {"id": "m", "date": day, "membership": {"state": "TJK", "status": "member"}},
                {
                    "id": "o",
                    "date": day,
                    "office": {"state": "TJK", "role": "head_of_state", "person": "A"},
                },
            ],
            "projection": {"until": 2030},
        }
    )
    history = replay(scenario).history
    for query in (history.chair_on, history.members_on, history.secretary_general_on):
        query(day)
        query(LAST_DAY)
        query(FIRST_DAY)
    history.explain(on=day)
    assert add_years(day, 3) > day


def test_the_record_answers_on_every_edge_day() -> None:
    """The record answers on the first and last day of the span and refuses the days outside it."""
    history = default_history()
    for day in (FIRST_DAY, LAST_DAY):
        history.chair_on(day)
        history.explain(on=day)
    for outside in (FIRST_DAY - timedelta(days=1), LAST_DAY + timedelta(days=1)):
        with pytest.raises(DateError, match="outside the supported span"):
            history.chair_on(outside)


def test_library_days_are_checked_at_the_boundary() -> None:
    """A datetime, a number or None is a TypeError naming the parameter; bad text a DateError."""
    with pytest.raises(TypeError, match=r"^day: .*datetime"):
        day_argument(datetime(2021, 1, 1), "day")
    with pytest.raises(TypeError, match=r"^on: "):
        default_history().explain(on=20210101)  # type: ignore[arg-type]
    with pytest.raises(DateError, match=r"^day: '2021-02-30'"):
        default_history().members_on("2021-02-30")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--from", "-5", "--until", "2030"], "--from: -5 is not a year from 1992 to 2200"),
        (["--from", "99999", "--until", "2030"], "--from: 99999 is not a year from 1992 to 2200"),
        (["--until", "1"], "--until: 1 is not a year from 1992 to 2200"),
        (["--from", "2031", "--until", "2030"], "--from: 2031 comes after --until 2030"),
    ],
)
def test_simulate_checks_its_years(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """simulate --from/--until outside 1992-2200, or in the wrong order, exit 2 with one line."""
    assert main(["simulate", str(tmp_path / "absent.yaml"), *argv]) == 2
    assert capsys.readouterr().err.startswith(said)


def test_a_day_outside_the_span_is_located_in_a_file(tmp_path: Path) -> None:
    """Year 1 or 9999 in a file is refused at its line, never a crash later in replay."""
    path = tmp_path / "edge.yaml"
    path.write_text(
        "title: t\nbaseline: empty\nevents:\n"
        "  - {id: m, date: 9999-12-31, membership: {state: TJK, status: member}}\n"
        "projection: {until: 2030}\n"
    )
    with pytest.raises(ScenarioError, match=r"edge.yaml:4:.*outside the supported span"):
        load_file(path)
