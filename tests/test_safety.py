"""Nothing lost, nothing changed, safe to share: reading never writes, writing is atomic,
models are immutable, and replays from many threads agree."""

from __future__ import annotations

import copy
import gc
import json
import os
import pickle
import shutil
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pydantic
import pytest

import charter.files.dumping as scenario_module
from charter import ScenarioError, check_session, load_scenario, replay
from charter.cli import main
from charter.engine._gc import paused_collection
from charter.engine.model import Frozen
from charter.engine.record import record_scenario
from charter.engine.results import ScenarioReport
from charter.files._document import Located
from charter.files.dumping import write_scenario
from charter.files.loading import load_file
from charter.files.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "scenarios" / "seeds" / "astana-2018-11-08.yaml"
PROPOSAL = ROOT / "scenarios" / "proposals" / "moscow-2026-wrong-chair.yaml"
INVALID = ROOT / "tests" / "data" / "invalid" / "unknown-key.yaml"


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file in ``folder``: its bytes, modification time and mode."""
    return {
        path.name: (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_mode)
        for path in sorted(folder.iterdir())
    }


@pytest.mark.parametrize(
    ("command", "source", "code"),
    [
        ("replay", SEED, 0),
        ("check", PROPOSAL, 1),
        ("replay", INVALID, 2),
        ("check", INVALID, 2),
    ],
)
def test_commands_never_change_what_they_read(
    command: str, source: Path, code: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """replay and check leave the file's bytes, mtime and mode as they were, and add no file."""
    copy = tmp_path / source.name
    shutil.copy2(source, copy)
    os.utime(copy, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = _snapshot(tmp_path)
    assert main([command, str(copy)]) == code
    capsys.readouterr()
    assert _snapshot(tmp_path) == before


def test_replaying_a_folder_changes_nothing_in_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """charter replay on a folder of scenarios and proposals leaves every file as it was."""
    for source in (SEED, PROPOSAL):
        shutil.copy2(source, tmp_path / source.name)
    before = _snapshot(tmp_path)
    main(["replay", str(tmp_path)])
    capsys.readouterr()
    assert _snapshot(tmp_path) == before


# --- writing ------------------------------------------------------------------------------


def test_write_scenario_round_trips_and_refuses_to_overwrite(tmp_path: Path) -> None:
    """A written scenario reads back equal; writing again without overwrite is refused."""
    scenario = load_scenario(SEED)
    target = tmp_path / "sub" / "copy.yaml"
    assert write_scenario(scenario, target) == target
    again = load_scenario(target)
    assert again.events == scenario.events
    assert again.expect == scenario.expect
    written = target.read_bytes()
    with pytest.raises(ScenarioError, match="already exists"):
        write_scenario(
            load_scenario(PROPOSAL.parent.parent / "rules" / "art13.chair-fires.yaml"), target
        )
    assert target.read_bytes() == written
    assert sorted(path.name for path in target.parent.iterdir()) == ["copy.yaml"]


def test_write_scenario_overwrites_when_asked(tmp_path: Path) -> None:
    """With overwrite=True the new scenario replaces the old one whole."""
    first = load_scenario(SEED)
    second = load_scenario(ROOT / "scenarios" / "rules" / "art13.chair-fires.yaml")
    target = tmp_path / "s.yaml"
    write_scenario(first, target)
    write_scenario(second, target, overwrite=True)
    assert load_scenario(target).events == second.events
    assert [path.name for path in tmp_path.iterdir()] == ["s.yaml"]


def test_write_scenario_failing_midway_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the disk fails while writing, the old file is intact and no temporary file is left."""
    target = tmp_path / "s.yaml"
    write_scenario(load_scenario(SEED), target)
    before = _snapshot(tmp_path)

    def broken_fsync(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    other = load_scenario(ROOT / "scenarios" / "rules" / "art13.chair-fires.yaml")
    with pytest.raises(ScenarioError, match="no space left on the device"):
        write_scenario(other, target, overwrite=True)
    assert _snapshot(tmp_path) == before


def test_two_writers_cannot_both_create_a_file(tmp_path: Path) -> None:
    """Of writers racing to create one file without overwrite, exactly one wins; it is whole."""
    scenarios = [
        load_scenario(SEED),
        load_scenario(ROOT / "scenarios" / "rules" / "art13.chair-fires.yaml"),
    ]
    for round_number in range(5):
        target = tmp_path / f"race-{round_number}.yaml"
        start = threading.Barrier(8)

        def write(index: int, target: Path = target, start: threading.Barrier = start) -> bool:
            start.wait()
            try:
                scenario_module.write_atomically(
                    target, scenario_module.dump_scenario(scenarios[index % 2]), overwrite=False
                )
            except ScenarioError:
                return False
            return True

        with ThreadPoolExecutor(max_workers=8) as pool:
            won = list(pool.map(write, range(8)))
        assert won.count(True) == 1
        winner = scenarios[won.index(True) % 2]
        assert load_scenario(target).events == winner.events
    assert not [path for path in tmp_path.iterdir() if path.suffix == ".tmp"]


# --- immutability -------------------------------------------------------------------------


def _all_models(base: type[Frozen]) -> list[type[Frozen]]:
    found = []
    for sub in base.__subclasses__():
        found.append(sub)
        found.extend(_all_models(sub))
    return found


def test_every_model_is_frozen() -> None:
    """Every model class charter defines is frozen (and there are many of them)."""
    models = _all_models(Frozen)
    assert len(models) >= 20
    assert all(model.model_config.get("frozen") for model in models)


@pytest.mark.parametrize(
    ("target", "field", "value"),
    [
        (lambda s, r: s, "title", "changed"),
        (lambda s, r: s.events[0], "id", "changed"),
        (lambda s, r: s.events[-1].session, "host", "ARM"),
        (lambda s, r: s.expect[0], "description", "changed"),
        (lambda s, r: r.violations[0], "message", "changed"),
        (lambda s, r: r.expectations[0], "passed", False),
    ],
)
def test_assigning_a_field_raises(
    target: Callable[[Scenario, ScenarioReport], Any], field: str, value: object
) -> None:
    """Scenarios, events, sessions, expectations and violations refuse assignment."""
    scenario = load_scenario(SEED)
    report = replay(scenario)
    obj = target(scenario, report)
    assert obj is not None
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        setattr(obj, field, value)


def test_reports_and_collections_are_immutable() -> None:
    """A report is a frozen dataclass and its collections are tuples."""
    import dataclasses

    report = replay(load_scenario(SEED))
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.title = "changed"  # type: ignore[misc]
    scenario = load_scenario(SEED)
    assert isinstance(scenario.events, tuple)
    assert isinstance(report.violations, tuple)
    assert isinstance(report.expectations, tuple)


# --- sharing between threads --------------------------------------------------------------


def _fingerprint(report: ScenarioReport) -> tuple[Any, ...]:
    return (
        [violation.model_dump() for violation in report.violations],
        [result.model_dump() for result in report.expectations],
        [unknown.model_dump() for unknown in report.unknowns],
    )


def test_replays_from_many_threads_agree() -> None:
    """8 threads x 50 runs replaying the record, a seed and checking a proposal give one answer each."""
    seed = load_scenario(SEED)
    proposal = load_file(PROPOSAL)
    assert not isinstance(proposal, Scenario)
    jobs: dict[str, Callable[[], ScenarioReport]] = {
        "record": lambda: replay(record_scenario()),
        "seed": lambda: replay(seed),
        "proposal": lambda: check_session(proposal),
    }
    expected = {name: _fingerprint(job()) for name, job in jobs.items()}
    assert all(fingerprint[0] for fingerprint in expected.values())  # each has violations

    def run(number: int) -> tuple[str, tuple[Any, ...]]:
        name = sorted(jobs)[number % len(jobs)]
        return name, _fingerprint(jobs[name]())

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(run, range(8 * 50)))
    assert len(results) == 400
    for name, fingerprint in results:
        assert fingerprint == expected[name], name


def test_loading_from_many_threads_agrees() -> None:
    """Loading the same files from 8 threads at once gives equal scenarios and equal errors."""
    files = [SEED, PROPOSAL, INVALID, ROOT / "tests" / "data" / "invalid" / "too-deep.yaml"]

    def load(number: int) -> str:
        path = files[number % len(files)]
        try:
            return repr(load_file(path).model_dump())
        except ScenarioError as error:
            return str(error)

    expected = [load(number) for number in range(len(files))]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(load, range(8 * 25)))
    assert results == [expected[number % len(files)] for number in range(8 * 25)]


def test_shared_history_answers_the_same_from_many_threads() -> None:
    """The cached record and its replayed history, built and queried from 8 threads at once, agree."""
    from datetime import date, timedelta

    from charter import default_history

    days = [date(1995, 1, 1) + timedelta(days=97 * number) for number in range(120)]

    def answers(_: int) -> list[tuple[Any, ...]]:
        history = default_history()
        return [
            (history.chair_on(day).model_dump(), history.members_on(day).model_dump())
            for day in days
        ]

    default_history.cache_clear()
    record_scenario.cache_clear()
    start = threading.Barrier(8)

    def together(number: int) -> list[tuple[Any, ...]]:
        start.wait()
        return answers(number)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(together, range(8)))
    assert results[0][0][0]["state"] is not None or results[0][-1][0]["state"] is not None
    assert all(result == results[0] for result in results)
    assert answers(0) == results[0]


_TWO_KINDS = {
    "yaml": (
        "title: two kinds in one event\n"
        "events:\n"
        "  - {id: both, date: 2004-01-01, membership: {state: ARM, status: member},\n"
        "     office: {state: ARM, role: head_of_state, person: X}}\n"
    ),
    "json": (
        '{"events": [{"id": "both", "date": "2004-01-01", '
        '"membership": {"state": "ARM", "status": "member"}, '
        '"office": {"state": "ARM", "role": "head_of_state", "person": "X"}}]}'
    ),
    "jsonl": (
        '{"title": "two kinds"}\n'
        '{"id": "both", "date": "2004-01-01", "membership": {"state": "ARM", "status": "member"}, '
        '"office": {"state": "ARM", "role": "head_of_state", "person": "X"}}\n'
    ),
}


def _kept_error(load: Callable[[], object]) -> ScenarioError:
    try:
        load()
    except ScenarioError as error:
        return error
    raise AssertionError("the file loaded")


@pytest.mark.parametrize("suffix", sorted(_TWO_KINDS))
def test_a_kept_error_keeps_nothing_of_the_load(tmp_path: Path, suffix: str) -> None:
    """A caller may keep the error of a failed load; the documents read are still freed.

    (The error must not carry pydantic's error as its context: that one holds the
    frames of the failing validator where the collector cannot see them.)
    """
    path = tmp_path / f"bad.{suffix}"
    path.write_text(_TWO_KINDS[suffix], encoding="utf-8")

    def keep_the_error() -> None:
        error = _kept_error(lambda: load_file(path))  # kept in this frame, as a caller would
        assert error.problems

    for _ in range(5):
        keep_the_error()
    gc.collect()
    assert not [found for found in gc.get_objects() if isinstance(found, Located)]


@pytest.mark.parametrize("suffix", ["yaml", "json", "jsonl"])
@pytest.mark.parametrize("how", ["pickle", "deepcopy"])
def test_a_loaded_scenario_can_be_copied_and_sent_to_another_process(
    tmp_path: Path, suffix: str, how: str
) -> None:
    """Pickled (as multiprocessing does) or deep-copied, a scenario replays and locates alike."""
    scenario = load_scenario(ROOT / "scenarios" / "rules" / "art13.seat-fires.yaml")
    path = tmp_path / f"copy.{suffix}"
    if suffix == "jsonl":
        header = scenario.model_dump(mode="json", exclude={"events"}, exclude_defaults=True)
        lines = [json.dumps(header)] + [
            event.model_dump_json(exclude_defaults=True) for event in scenario.events
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif suffix == "json":
        path.write_text(scenario.model_dump_json(exclude_defaults=True), encoding="utf-8")
    else:
        shutil.copy(ROOT / "scenarios" / "rules" / "art13.seat-fires.yaml", path)
    loaded = load_file(path)
    copied = pickle.loads(pickle.dumps(loaded)) if how == "pickle" else copy.deepcopy(loaded)
    assert copied.model_dump() == loaded.model_dump()
    assert replay(copied).violations == replay(loaded).violations


def test_a_small_pause_leaves_its_garbage_to_the_young_collection() -> None:
    """Cycles made during a short load are not promoted, so the next young collection frees them."""

    class Node:
        """A value in a reference cycle."""

        def __init__(self) -> None:
            self.me = self

    gc.collect()
    with paused_collection():
        probe = Node()
        gone = weakref.ref(probe)
        del probe
    assert gone() is not None  # only the collector frees a cycle
    gc.collect(0)
    assert gone() is None
