"""One verdict everywhere: text, JSON, exit code and library say the same thing.

``check`` answers "does the proposal keep the Charter?"; ``replay`` answers "does each
file meet its expectations?". The two are never mixed.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charter.cli import main
from charter.engine.check import check_session
from charter.engine.model import Event, Session, Severity
from charter.files.dumping import dump_scenario
from charter.files.loading import load_proposal
from charter.files.scenario import Proposal
from charter.strategies import HistoryPlan, histories, proposed_sessions, sessions

ROOT = Path(__file__).resolve().parent.parent
PROPOSALS = ROOT / "scenarios" / "proposals"


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, dict[str, object]]:
    code = main(["check", *args])
    text = capsys.readouterr().out
    assert main(["check", *args, "--format", "json"]) == code
    document = json.loads(capsys.readouterr().out)
    return code, text, document


@pytest.mark.parametrize(
    ("name", "keeps", "breaks"),
    [
        ("moscow-2026-wrong-chair.yaml", False, ["art13.chair"]),
        ("astana-2026-wrong-host.yaml", False, ["art13.host"]),
        ("2026-uzbekistan-seat.yaml", False, ["membership.good-standing"]),
        ("moscow-2026-valid.yaml", True, []),
    ],
)
def test_shipped_proposals_get_one_verdict(
    name: str, keeps: bool, breaks: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Text verdict, JSON ok and breaks, library ok and exit code agree on each proposal."""
    code, text, document = _check(capsys, str(PROPOSALS / name))
    report = check_session(load_proposal(PROPOSALS / name))
    assert report.ok is keeps
    assert document["ok"] is keeps
    assert document["breaks"] == breaks
    assert code == (0 if keeps else 1)
    first, last = text.splitlines()[0], text.splitlines()[-1]
    word = "VALID" if keeps else f"BREAKS 1 RULE ({breaks[0] if breaks else ''})"
    assert first.startswith(word)
    assert last == first.split("  ")[0] == document["verdict"]


def test_an_expectation_in_a_proposal_never_makes_a_broken_one_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A proposal expecting its own art13.chair still breaks it under check, and passes replay."""
    path = PROPOSALS / "moscow-2026-wrong-chair.yaml"
    code, text, document = _check(capsys, str(path))
    assert (code, document["ok"]) == (1, False)
    assert "2 of 2 met" in text
    assert main(["replay", str(path), "--format", "json"]) == 0
    replayed = json.loads(capsys.readouterr().out)
    assert replayed["ok"] is True
    (violation,) = replayed["scenarios"][0]["violations"]
    assert violation["expected"] is True
    assert replayed["scenarios"][0]["keeps_charter"] is False


def _write_pair(folder: Path, plan: HistoryPlan, event: Event) -> tuple[Path, Path]:
    history = folder / "history.yaml"
    history.write_text(dump_scenario(plan.scenario()), encoding="utf-8")
    assert event.session is not None
    proposal = Proposal(id=event.id, date=event.date, session=event.session)
    document = proposal.model_dump(mode="json", exclude_defaults=True)
    path = folder / "proposal.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return history, path


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=histories(min_years=1, max_years=2), data=st.data())
def test_any_proposal_gets_the_same_verdict_in_all_four_forms(
    plan: HistoryPlan,
    data: st.DataObject,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Valid or not, a proposal's text, JSON, exit code and library verdicts agree."""
    if data.draw(st.booleans()):
        event = data.draw(proposed_sessions(plan))
    else:
        session: Session = data.draw(sessions())
        event = Event(id="any", date=plan.events[-1].date + timedelta(days=1), session=session)
    history, path = _write_pair(tmp_path, plan, event)
    code, text, document = _check(capsys, str(path), "--history", str(history))
    report = check_session(load_proposal(path), plan.scenario())
    errors = [v.rule for v in report.violations if v.severity is Severity.ERROR]
    assert report.ok is (not errors)
    assert document["ok"] is report.ok
    assert code == (0 if report.ok else 1)
    assert document["breaks"] == list(dict.fromkeys(errors))
    assert text.splitlines()[-1] == document["verdict"]
    assert document["verdict"].startswith("VALID") is report.ok


def test_strict_turns_an_unknown_into_a_broken_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Under --strict, a fact the record cannot confirm makes the proposal break the rule."""
    scenario = ROOT / "scenarios" / "rules" / "art13.chair-holds.yaml"
    assert main(["replay", str(scenario), "--strict", "--format", "json"]) in (0, 1)
    replayed = json.loads(capsys.readouterr().out)["scenarios"][0]
    assert replayed["unknowns"] == []
    assert any(v["message"].startswith("unknown:") for v in replayed["violations"])


def test_replay_of_a_folder_is_one_line_per_file_then_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What is checked, a line per file, the total; details only for the file that failed."""
    good = ROOT / "scenarios" / "seeds" / "moscow-2014-12-23.yaml"
    (tmp_path / "good.yaml").write_bytes(good.read_bytes())
    draft = (PROPOSALS / "moscow-2026-wrong-chair.yaml").read_text(encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(draft.split("expect:")[0], encoding="utf-8")
    assert main(["replay", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Replaying 2 files against the rulebook")
    assert lines[1].startswith("FAIL")
    assert "unexpected: 1 error (art13.chair)" in lines[1]
    assert lines[2].startswith("PASS")
    assert lines[3] == "2 files: 1 passed, 1 failed"
    details = "\n".join(lines[4:])
    assert details.count("error art13.chair") == 1
    assert "good.yaml" not in details


def test_json_on_bad_input_is_one_document(capsys: pytest.CaptureFixture[str]) -> None:
    """--format json on a missing file or a bad argument: one JSON document, exit 2."""
    assert main(["replay", "missing.yaml", "--format", "json"]) == 2
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert document["ok"] is False
    (problem,) = document["problems"]
    assert problem["path"] == "missing.yaml"
    assert set(problem) == {"path", "line", "column", "document_path", "message"}
    assert captured.err.startswith("missing.yaml: ")
    assert main(["chair", "--on", "2021-02-30", "--format=json"]) == 2
    assert json.loads(capsys.readouterr().out)["problems"][0]["path"] == "charter"


def test_version_and_bare_command(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the version; bare charter prints the help and exits 0."""
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("charter ")
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: charter")
    assert "check" in out


def test_every_option_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    """Each command's --help gives every option and argument a line of help."""
    from charter.cli import _parser

    parser = _parser()
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        for name, sub in action.choices.items():  # type: ignore[union-attr]
            for option in sub._actions:
                assert option.help, f"{name} {option.dest} has no help text"


def test_simulate_until_before_the_history_ends_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--until a year the history already covers is not a projection: exit 2, one line."""
    scenario = str(ROOT / "scenarios" / "what-if" / "armenia-withdraws-2026.yaml")
    assert main(["simulate", scenario, "--until", "2020"]) == 2
    err = capsys.readouterr().err
    assert "--until 2020 is before the first projected year" in err
    assert len(err.splitlines()) == 1


def test_rules_say_when_a_severity_depends_on_the_date(capsys: pytest.CaptureFixture[str]) -> None:
    """art13.seat is an error, but a warning for a head of government before 2021-01-19."""
    assert main(["rules"]) == 0
    text = capsys.readouterr().out
    assert "art13.seat  [error or warning]" in text
    assert "before 2021-01-19" in text
    assert main(["rules", "--format", "json"]) == 0
    rules = {r["id"]: r for r in json.loads(capsys.readouterr().out)["rules"]}
    assert "2021-01-19" in rules["art13.seat"]["severity_note"]
    assert rules["art13.tenure"]["severity_note"] is None
