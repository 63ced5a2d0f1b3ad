"""The command line: exit codes, JSON shapes, and one clear line per bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter.cli import main
from charter.rulebooks.csto.rules._registry import RULE_IDS

VALID = """\
title: a small valid history
baseline: empty
events:
  - {id: m-tjk, date: 2003-09-18, membership: {state: TJK, status: member}}
  - {id: m-rus, date: 2003-09-18, membership: {state: RUS, status: member}}
  - {id: o-tjk, date: 2003-09-18, office: {state: TJK, role: head_of_state, person: Emomali Rahmon}}
  - {id: o-rus, date: 2003-09-18, office: {state: RUS, role: head_of_state, person: Vladimir Putin}}
  - id: moscow-2020
    date: 2020-12-02
    session:
      kind: regular
      host: RUS
      chair: {person: Vladimir Putin}
      participants:
        - {person: Vladimir Putin, state: RUS, capacity: head_of_state}
        - {person: Emomali Rahmon, state: TJK, capacity: head_of_state}
      decisions:
        - {kind: pass_chairmanship, to: TJK}
expect:
  - chair: {on: 2021-08-23, state: TJK, person: Emomali Rahmon}
"""


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_replay_valid_scenario_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A scenario whose expectations hold exits 0 and says PASS."""
    path = _write(tmp_path, "ok.yaml", VALID)
    assert main(["replay", str(path)]) == 0
    assert "PASS" in capsys.readouterr().out


def test_replay_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints one document with the contract's keys."""
    path = _write(tmp_path, "ok.yaml", VALID)
    assert main(["replay", str(path), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["ok"] is True
    scenario = document["scenarios"][0]
    assert {"path", "events", "violations", "expectations"} <= set(scenario)
    assert all({"description", "passed"} <= set(e) for e in scenario["expectations"])


def test_replay_failed_expectation_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An expectation that does not hold fails the scenario: exit 1."""
    path = _write(
        tmp_path, "bad.yaml", VALID.replace("person: Emomali Rahmon}\n", "person: Somebody}\n")
    )
    assert main(["replay", str(path)]) == 1
    assert "FAIL" in capsys.readouterr().out


def test_violation_json_has_location(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A violation names its rule, citation and the file position of the offending key."""
    text = VALID.replace("chair: {person: Vladimir Putin}", "chair: {person: Emomali Rahmon}")
    path = _write(tmp_path, "wrong-chair.yaml", text)
    assert main(["replay", str(path), "--format", "json"]) == 1
    violation = json.loads(capsys.readouterr().out)["scenarios"][0]["violations"][0]
    assert violation["rule"] == "art13.chair"
    assert violation["citation"].startswith("CSTO Charter, Art. 13")
    assert violation["location"] == {"path": str(path), "line": 13, "column": 7}


def test_chair_on_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """charter chair answers with state, person and since, and says how the answer stands.

    The history ends on 2020-12-02, so the answer says it rests on the history
    recording no later regular session.
    """
    path = _write(tmp_path, "ok.yaml", VALID)
    assert main(["chair", "--on", "2021-08-23", "--history", str(path), "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert list(found)[:6] == ["format_version", "rulebook", "date", "state", "person", "since"]
    assert found["rulebook"] == "csto"  # the history names none: the first rulebook
    assert {key: found[key] for key in ("date", "state", "person", "since", "answer")} == {
        "date": "2021-08-23",
        "state": "TJK",
        "person": "Emomali Rahmon",
        "since": "2020-12-02",
        "answer": "known",
    }
    assert "2020-12-02" in found["note"]


def test_members_on_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """charter members lists members, suspended and frozen states."""
    path = _write(tmp_path, "ok.yaml", VALID)
    assert main(["members", "--on", "2021-01-01", "--history", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "format_version": 1,
        "rulebook": "csto",
        "date": "2021-01-01",
        "members": ["RUS", "TJK"],
        "suspended": [],
        "frozen": [],
        "answer": "known",
        "record_ends": "2020-12-02",
    }


def test_rules_json_lists_all_eleven(capsys: pytest.CaptureFixture[str]) -> None:
    """charter rules --format json lists every rule id with its citation."""
    assert main(["rules", "--format", "json"]) == 0
    rules = json.loads(capsys.readouterr().out)["rules"]
    assert [rule["id"] for rule in rules] == list(RULE_IDS)
    assert all(rule["citation"] for rule in rules)


def test_schema_is_json(capsys: pytest.CaptureFixture[str]) -> None:
    """charter schema prints a JSON Schema naming scenarios and proposals."""
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "Scenario" in schema["$defs"]
    assert "Proposal" in schema["$defs"]


BAD_INPUTS = {
    "missing file": (None, "no such file"),
    "invalid YAML": ("events: [\n", "not valid YAML"),
    "unknown key": (
        VALID.replace("kind: regular", "knid: regular"),
        "unknown key 'knid' (did you mean 'kind'?)",
    ),
    "impossible date": (
        VALID.replace("date: 2020-12-02", "date: 2020-13-01"),
        "'2020-13-01' is not a date",
    ),
    "unknown rule id": (
        VALID + "  - violation: {rule: art13.chiar}\n",
        "unknown rule id 'art13.chiar' (did you mean 'art13.chair'?)",
    ),
    "top-level list": ("- a\n- b\n", "expected a mapping at the top of the file, found a list"),
    "python tag": ("title: !!python/object:os.system x\n", "is not allowed"),
    "duplicate key": ("title: a\ntitle: b\n", "duplicate key 'title'"),
    "unknown state": (
        VALID.replace("state: TJK, status", "state: XXX, status"),
        "'XXX' is not a state code",
    ),
    "not UTF-8": (b"title: \xff\xfe\n", "not UTF-8"),
    "empty file": ("", "the file is empty"),
    "billion laughs": (
        "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 10)),
        "aliases expand to more than",
    ),
    "merge key": ("base: &b {kind: regular}\nother:\n  <<: *b\n", "merge keys"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_exits_2_with_one_clear_line(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each kind of bad input gives exit 2 and one line naming file, line, column and what was expected."""
    text, expected = BAD_INPUTS[case]
    path = tmp_path / "missing.yaml" if text is None else _write(tmp_path, "bad.yaml", text)
    assert main(["replay", str(path)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith(str(path))
    assert expected in lines[0]
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_bad_date_on_command_line_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A date like 2024-13-01 on the command line is refused with one line."""
    assert main(["chair", "--on", "2024-13-01"]) == 2
    assert "'2024-13-01' is not a date" in capsys.readouterr().err


def test_folder_without_scenarios_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder with no scenario files is an input error."""
    assert main(["replay", str(tmp_path)]) == 2
    assert "no scenario files" in capsys.readouterr().err


def test_error_positions_are_exact(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The reported line and column point at the offending key."""
    path = _write(tmp_path, "bad.yaml", VALID.replace("kind: regular", "knid: regular"))
    main(["replay", str(path)])
    assert capsys.readouterr().err == (
        f"{path}:11:7: events[4].session.knid: unknown key 'knid' (did you mean 'kind'?)\n"
    )


def test_strict_turns_unknown_facts_into_errors(capsys: pytest.CaptureFixture[str]) -> None:
    """The record has chairs nobody recorded: fine by default, errors under --strict."""
    assert main(["replay", "--format", "json"]) == 0
    relaxed = json.loads(capsys.readouterr().out)["scenarios"][0]
    assert relaxed["unknowns"]
    assert main(["replay", "--strict", "--format", "json"]) == 1
    strict = json.loads(capsys.readouterr().out)["scenarios"][0]
    assert strict["unknowns"] == []
    assert any(
        v["message"].startswith("unknown: ") and v["severity"] == "error"
        for v in strict["violations"]
    )
