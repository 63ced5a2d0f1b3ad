"""JSON and JSON Lines: the same scenarios as YAML, located errors, and streaming replay."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from charter.engine.errors import ScenarioError
from charter.engine.model import SEAT_CAPACITIES, Event, PassChairmanship
from charter.engine.replaying import replay
from charter.engine.stream import replay_stream
from charter.files._yaml import read_yaml
from charter.files.loading import load_file, load_scenario
from charter.strategies import HistoryPlan, histories

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "scenarios" / "seeds" / "astana-2018-11-08.yaml"
RULE = ROOT / "scenarios" / "rules" / "art13.chair-fires.yaml"


def _data(source: Path) -> dict[str, Any]:
    # charter's own reader: keys stay the words written (PyYAML would read `on:` as true).
    data: dict[str, Any] = read_yaml(str(source), source.read_text(encoding="utf-8")).data
    return data


def _as_json(source: Path, target: Path) -> Path:
    target.write_text(json.dumps(_data(source), indent=2), encoding="utf-8")
    return target


def _as_jsonl(source: Path, target: Path) -> Path:
    data = _data(source)
    events = data.pop("events")
    lines = [json.dumps(data)] + [json.dumps(event) for event in events]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def _outcome(path: Path) -> list[tuple[str, str, str]]:
    report = replay(load_scenario(path))
    return [(v.rule, v.severity.value, v.event) for v in report.violations]


@pytest.mark.parametrize("source", [SEED, RULE])
def test_json_and_jsonl_replay_like_yaml(source: Path, tmp_path: Path) -> None:
    """The same scenario in three formats gives the same violations and expectations."""
    as_json = _as_json(source, tmp_path / "s.json")
    as_jsonl = _as_jsonl(source, tmp_path / "s.jsonl")
    assert load_scenario(as_json).model_dump() == load_scenario(source).model_dump()
    assert _outcome(as_json) == _outcome(source) == _outcome(as_jsonl)
    assert replay(load_scenario(as_jsonl)).ok


def test_violation_in_json_points_at_its_line(tmp_path: Path) -> None:
    """A violation in a JSON file names the line and column of the offending key."""
    path = _as_json(RULE, tmp_path / "s.json")
    violation = replay(load_scenario(path)).violations[0]
    line = path.read_text(encoding="utf-8").splitlines()[violation.location.line - 1]
    assert '"chair"' in line
    assert violation.location.column == line.index('"chair"') + 1


def test_violation_in_jsonl_points_at_its_line(tmp_path: Path) -> None:
    """In JSON Lines, a violation names the event's line."""
    path = _as_jsonl(RULE, tmp_path / "s.jsonl")
    violation = replay_stream(path).violations[0]
    line = path.read_text(encoding="utf-8").splitlines()[violation.location.line - 1]
    assert violation.event in line
    assert line[violation.location.column - 1 :].startswith('"chair"')


def test_json_error_is_located(tmp_path: Path) -> None:
    """A misspelt key in JSON is reported with its line, column and a suggestion."""
    path = _as_json(RULE, tmp_path / "s.json")
    path.write_text(
        path.read_text(encoding="utf-8").replace('"host"', '"hots"', 1), encoding="utf-8"
    )
    with pytest.raises(ScenarioError) as error:
        load_file(path)
    problem = error.value.problems[0]
    assert "unknown key 'hots' (did you mean 'host'?)" in problem.message
    assert problem.line > 1


def test_json_out_of_order_is_located(tmp_path: Path) -> None:
    """The checks beyond the schema (date order) apply to JSON too."""
    data = _data(RULE)
    data["events"].reverse()
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    with pytest.raises(ScenarioError, match="comes before the previous event's date"):
        load_file(path)


def test_jsonl_bad_line_is_located(tmp_path: Path) -> None:
    """A broken event line in JSON Lines names its line."""
    path = _as_jsonl(RULE, tmp_path / "s.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace('"date": "', '"date": "x', 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for load in (load_file, replay_stream):
        with pytest.raises(ScenarioError) as error:
            load(path)
        assert error.value.problems[0].line == 3


def test_streaming_keeps_facts_not_events(tmp_path: Path) -> None:
    """The streaming replay's timeline holds no events, yet answers queries like the full one."""
    path = _as_jsonl(SEED, tmp_path / "s.jsonl")
    streamed = replay_stream(path)
    full = replay(load_scenario(path))
    assert streamed.history.timeline.events == {}
    assert streamed.history.chair_on("2019-01-01") == full.history.chair_on("2019-01-01")
    assert [e.passed for e in streamed.expectations] == [e.passed for e in full.expectations]


@given(plan=histories(min_years=2, max_years=4))
@settings(max_examples=20, deadline=None)
def test_a_streamed_history_answers_every_sessions_day_like_the_full_one(plan: HistoryPlan) -> None:
    """The lean timeline keeps each session as a few plain values: it answers each session's day,
    the session itself rebuilt with at most the chair's seat of its participants, as the full
    timeline does."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "h.jsonl"
        header = {"title": "generated", "baseline": "empty"}
        lines = [json.dumps(header)] + [
            event.model_dump_json(exclude_defaults=True) for event in plan.events
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        streamed = replay_stream(path).history
    full = replay(plan.scenario()).history
    for session_id in plan.regular_sessions:
        kept = streamed.timeline.sessions[session_id]
        assert kept.session is not None
        assert len(kept.session.participants or ()) <= 1
        assert streamed.chair_on(kept.date) == full.chair_on(kept.date)
        [again] = streamed.timeline.sessions_on(kept.date)
        [original] = full.timeline.sessions_on(kept.date)
        assert again.session is not None
        assert original.session is not None
        assert again.session.decisions == original.session.decisions
        assert [d.model_fields_set for d in again.session.decisions] == [
            d.model_fields_set for d in original.session.decisions
        ]
        for seat in again.session.participants or ():
            assert seat in (original.session.participants or ())
        for rebuilt, read in zip(again.session.decisions, original.session.decisions, strict=True):
            assert rebuilt.model_dump(exclude_unset=True) == read.model_dump(exclude_unset=True)
            assert rebuilt.model_copy(update={"note": "n"}) == read.model_copy(update={"note": "n"})
        assert again.model_dump_json(exclude_unset=True)
        # Equal to the session read, less what a lean timeline does not keep.
        chair = original.session.chair
        chair_seat = next(
            (
                person
                for person in original.session.participants or ()
                if chair is not None
                and chair.state is None
                and person.person == chair.person
                and person.capacity in SEAT_CAPACITIES
            ),
            None,
        )
        handovers = tuple(d for d in original.session.decisions if isinstance(d, PassChairmanship))
        kept_only = original.session.model_copy(
            update={
                "participants": None if chair_seat is None else (chair_seat,),
                "decisions": handovers,
            }
        )
        assert again == Event(id=original.id, date=original.date, session=kept_only)
        assert again.model_fields_set == {"id", "date", "session"}
        assert hash(again) == hash(Event(id=original.id, date=original.date, session=kept_only))


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_json_files_are_read_as_carefully_as_yaml(tmp_path: Path, suffix: str) -> None:
    """A folder, bytes that are not UTF-8, a file over the limit: one located line each, as for YAML."""
    folder = tmp_path / f"folder{suffix}"
    folder.mkdir()
    with pytest.raises(ScenarioError, match="is a folder"):
        load_file(folder)
    broken = tmp_path / f"broken{suffix}"
    broken.write_bytes(b'{"title": "ok"}\n{"id": "\xff"}\n')
    with pytest.raises(ScenarioError) as caught:
        load_file(broken)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column, problem.message) == (2, 9, "not UTF-8 text (byte 0xff)")


def test_a_streamed_record_keeps_its_contested_readings(tmp_path: Path) -> None:
    """The lean timeline keeps no events, but it keeps the contested ones: on each contested day the
    streamed record reports the same readings, for the presidency and for each state, as the full one."""
    from charter.engine.record import record_path

    path = _as_jsonl(record_path("csto"), tmp_path / "record.jsonl")
    streamed, full = replay_stream(path).history, replay(load_scenario(path)).history
    days = [
        event.contested.start or event.date
        for event in full.timeline.events.values()
        if event.contested is not None
    ]
    assert days, "the record has contested readings"
    for day in days:
        assert streamed.chair_on(day) == full.chair_on(day)
        assert streamed.chair_on(day).contested == full.chair_on(day).contested
        for state in full.timeline.states():
            assert streamed.status(state, day) == full.status(state, day)
    assert any(full.status(s, d).contested for s in full.timeline.states() for d in days)
