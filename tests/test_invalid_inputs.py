"""The catalogue of bad input: every kind of broken or hostile file gives one clear line, exit 2.

Each case is a file under tests/data/invalid/ and a row of tests/data/invalid/expected.yaml
naming the exact line ``charter replay`` and ``charter check`` print for it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from charter.cli import main
from charter.engine.errors import ScenarioError
from charter.files import _scalars
from charter.files import _yaml as charter_yaml
from charter.files.loading import load_file, load_scenario

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "tests" / "data" / "invalid"
VALID = ROOT / "tests" / "data" / "valid"
TABLE: dict[str, dict[str, Any]] = yaml.safe_load((INVALID / "expected.yaml").read_text())

GENERATED: dict[str, Callable[[], str]] = {
    "tests/data/invalid/long-line.yaml": lambda: (
        '# One line of two million characters.\ntitle: "' + "x" * 2_000_000 + '"\n'
    ),
    "tests/data/invalid/deep-brackets.yaml": lambda: (
        "# A hundred thousand nested lists.\ntitle: deep\nnote: " + "[" * 100_000 + "\n"
    ),
}
"""Files too big to keep in the repository, written by the test where the table says so."""

COMMANDS = ("replay", "check")


def _expected(case: str, command: str) -> str:
    row = TABLE[case]
    line: str = row.get(command, row["replay"])
    return line


@pytest.fixture
def place_case(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """Run from the folder the case's path is relative to, with the case's environment."""
    row = TABLE[request.param]
    if row.get("generated"):
        target = tmp_path / row["file"]
        target.parent.mkdir(parents=True)
        target.write_text(GENERATED[row["file"]](), encoding="utf-8")
        monkeypatch.chdir(tmp_path)
    else:
        monkeypatch.chdir(ROOT)
    for name, value in row.get("env", {}).items():
        monkeypatch.setenv(name, value)
    return str(request.param)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("place_case", sorted(TABLE), indirect=True)
def test_each_bad_input_gives_its_line(
    place_case: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """charter replay and charter check exit 2 with the catalogue's exact line and nothing else."""
    file = TABLE[place_case]["file"]
    assert main([command, file]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    expected = _expected(place_case, command)
    if os.environ.get("CHARTER_YAML_PARSER") == "python" and _worded_by_libyaml(place_case):
        # PyYAML's own parser words a syntax error its own way; the place is the same.
        assert (
            captured.err.split(": not valid YAML: ")[0] == expected.split(": not valid YAML: ")[0]
        )
        assert captured.err.count("\n") == 1
        return
    assert captured.err == expected + "\n"


def _worded_by_libyaml(case: str) -> bool:
    """Whether the case's line quotes libyaml's own words for a syntax error."""
    return "not valid YAML" in TABLE[case]["replay"] and case != "control-character"


def test_catalogue_lists_every_fixture() -> None:
    """Every file in tests/data/invalid/ is a case in the table, and every case's file exists."""
    listed = {row["file"] for row in TABLE.values()}
    present = {
        path.relative_to(ROOT).as_posix()
        for path in INVALID.iterdir()
        if path.name not in ("expected.yaml",)
    }
    missing_cases = {f"{INVALID.relative_to(ROOT).as_posix()}/missing.yaml"}
    assert present == listed - set(GENERATED) - missing_cases
    assert all(not (ROOT / name).exists() for name in missing_cases)
    assert set(GENERATED) <= listed


def test_catalogue_covers_the_failure_modes() -> None:
    """The table holds the failure modes issue 7 names (a guard against losing one)."""
    wanted = {
        "missing-file",
        "folder-without-scenarios",
        "empty-file",
        "not-yaml",
        "top-is-a-list",
        "top-is-a-scalar",
        "duplicate-key",
        "unknown-key",
        "wrong-type-list",
        "impossible-date-february-30",
        "impossible-date-month-13",
        "dates-out-of-order",
        "unknown-state",
        "duplicate-event-id",
        "unknown-session",
        "term-ends-before-it-starts",
        "unknown-rule-id",
        "not-utf8",
        "tab-indentation",
        "very-long-line",
        "python-object-tag",
        "billion-laughs",
        "nested-beyond-the-depth-limit",
        "a-hundred-thousand-brackets",
        "over-the-size-limit",
        "over-the-event-limit",
    }
    assert wanted <= set(TABLE)
    assert "did you mean 'kind'?" in TABLE["unknown-key"]["replay"]


# Cases run in a real process: the hostile ones, where a crash would kill the interpreter.
IN_A_PROCESS = (
    "a-hundred-thousand-brackets",
    "billion-laughs",
    "python-object-tag",
    "very-long-line",
    "not-utf8",
    "missing-file",
    "folder-without-scenarios",
)


def test_hostile_inputs_in_a_real_process(tmp_path: Path) -> None:
    """python -m charter exits 2 with the exact line and no traceback, for both commands."""
    for name, make in GENERATED.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(make(), encoding="utf-8")
    runs = []
    for case in IN_A_PROCESS:
        row = TABLE[case]
        cwd = tmp_path if row.get("generated") else ROOT
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **row.get("env", {})}
        for command in COMMANDS:
            process = subprocess.Popen(
                [sys.executable, "-m", "charter", command, row["file"]],
                cwd=cwd,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            runs.append((case, command, process))
    outcomes = []
    try:
        for case, command, process in runs:
            out, err = process.communicate(timeout=120)
            outcomes.append(
                (case, (process.returncode, out, err), (2, "", _expected(case, command) + "\n"))
            )
    finally:
        # A failed or timed-out run must not leave processes or open pipes behind.
        for _, _, process in runs:
            if process.poll() is None:
                process.kill()
            process.communicate()
    for case, got, wanted in outcomes:
        if os.environ.get("CHARTER_YAML_PARSER") == "python" and _worded_by_libyaml(case):
            assert got[:2] == wanted[:2], case
            assert got[2].split(": not valid YAML: ")[0] == wanted[2].split(": not valid YAML: ")[0]
            continue
        assert got == wanted, case


def _outcome(path: str) -> list[str]:
    """Load and run a file through the library; the problems' lines, or [] when it loads."""
    from charter import check_session, replay
    from charter.files.scenario import Proposal

    try:
        loaded = load_file(path)
        if isinstance(loaded, Proposal):
            check_session(loaded)
        else:
            replay(loaded)
    except ScenarioError as error:
        return [str(problem) for problem in error.problems]
    return []


@pytest.mark.parametrize("case", sorted(case for case in TABLE if not TABLE[case].get("generated")))
def test_pure_python_parser_gives_one_located_line(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without libyaml (PyYAML's own parser), each case still gives one located line."""
    monkeypatch.setattr(_scalars, "_Loader", yaml.SafeLoader)
    monkeypatch.chdir(ROOT)
    row = TABLE[case]
    for name, value in row.get("env", {}).items():
        monkeypatch.setenv(name, value)
    if case == "folder-without-scenarios":
        lines = _outcome(row["file"])
        assert lines == [_expected(case, "check")]
        return
    lines = _outcome(row["file"])
    assert len(lines) == 1
    # libyaml and PyYAML word syntax errors differently; everything else is the same line.
    if "not valid YAML" not in row["replay"] or case == "control-character":
        assert lines == [_expected(case, "replay")]
    else:
        assert lines[0].startswith(row["file"] + ":")


def test_pure_python_parser_stops_at_the_depth_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pure-Python parser, too, stops a hundred thousand brackets at the depth limit."""
    text = GENERATED["tests/data/invalid/deep-brackets.yaml"]()
    monkeypatch.setattr(_scalars, "_Loader", yaml.SafeLoader)
    with pytest.raises(ScenarioError) as caught:
        charter_yaml.read_yaml("deep.yaml", text)
    assert str(caught.value) == _expected("a-hundred-thousand-brackets", "replay").replace(
        "tests/data/invalid/deep-brackets.yaml", "deep.yaml"
    )


def test_bom_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    """A file starting with a UTF-8 byte order mark loads, replays, and keeps its positions."""
    with_bom = VALID / "bom.yaml"
    assert with_bom.read_bytes().startswith(b"\xef\xbb\xbf")
    scenario = load_scenario(with_bom)
    assert len(scenario.events) == 5
    assert scenario.origin is not None
    assert scenario.origin.locate("moscow-2020", "session.kind") == (11, 7)
    assert main(["replay", str(with_bom)]) == 0
    assert "PASS" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("event", "first"),
    [
        (
            "{{id: e{n}, date: 2020-01-01, membershp: {{state: RUS, status: member}}}}",
            "events[0].membershp: unknown key 'membershp' (did you mean 'membership'?)",
        ),
        (
            "{{id: same, date: 2020-01-01, membership: {{state: RUS, status: member}}}}",
            "events[1].id: duplicate event id 'same' (first used by events[0])",
        ),
    ],
)
def test_a_file_reports_at_most_a_hundred_problems(
    event: str, first: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Past 100 problems, one more line counts the rest and points at the first not shown."""
    events = "".join(f"  - {event.format(n=number)}\n" for number in range(1000))
    path = tmp_path / "many.yaml"
    path.write_text(f"title: many problems\nbaseline: empty\nevents:\n{events}", encoding="utf-8")
    assert main(["replay", str(path)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 101
    assert lines[0].endswith(first)
    hidden = 900 if "membershp" in event else 899  # the first event has no duplicate id
    first_hidden_line = 4 + 1000 - hidden  # events[0] is on line 4
    assert lines[-1].startswith(f"{path}:{first_hidden_line}:")
    assert lines[-1].endswith(f": {hidden} more problems from here on (the first 100 are shown)")


def test_located_problems_counts_the_rest_once() -> None:
    """located_problems (the slow path for JSON Lines) caps at 100 lines and counts the rest."""
    from charter.engine.model import Event
    from charter.files.located import located_problems

    text = "id: e\ndate: 2020-01-01\nmembership: {state: RUS, status: member}\n"
    text += "".join(f"key{number}: 1\n" for number in range(150))
    problems = located_problems("line.jsonl", text, model=Event)
    assert len(problems) == 101
    assert str(problems[-1]) == (
        "line.jsonl:104:1: 50 more problems from here on (the first 100 are shown)"
    )
