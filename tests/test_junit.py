"""JUnit XML that CI systems read: valid, counts that add up, failures that say where."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema
from hypothesis import given
from hypothesis import strategies as st

from charter.cli import main
from charter.engine.errors import Problem
from charter.engine.replaying import replay
from charter.engine.results import ExpectationResult
from charter.files.loading import load_scenario
from charter.output._junit import Unreadable, junit_document

ROOT = Path(__file__).resolve().parent.parent
XSD = xmlschema.XMLSchema(Path(__file__).resolve().parent / "data" / "junit.xsd")


def _check(document: str) -> ET.Element:
    """Validate ``document`` against the JUnit schema and check that every count adds up."""
    XSD.validate(document)
    root = ET.fromstring(document)
    suites = root.findall("testsuite")
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "")) == len(cases)
        assert int(suite.get("failures", "")) == sum(
            case.find("failure") is not None for case in cases
        )
        assert int(suite.get("errors", "")) == sum(case.find("error") is not None for case in cases)
    assert int(root.get("tests", "")) == len(root.findall("testsuite/testcase"))
    assert int(root.get("failures", "")) == len(root.findall("testsuite/testcase/failure"))
    assert int(root.get("errors", "")) == len(root.findall("testsuite/testcase/error"))
    return root


def _replay_junit(capsys: pytest.CaptureFixture[str], *paths: str) -> tuple[int, str]:
    code = main(["replay", *paths, "--format", "junit"])
    return code, capsys.readouterr().out


def test_the_shipped_scenarios_give_valid_junit_with_one_case_per_expectation(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every bundled scenario: a suite each, a case per expectation (no phantom case), all timed."""
    monkeypatch.chdir(ROOT)
    code, out = _replay_junit(capsys, "scenarios")
    assert code == 0
    root = _check(out)
    files = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "scenarios").rglob("*.yaml"))
    assert sorted(suite.get("name", "") for suite in root.findall("testsuite")) == files
    assert all(case.get("time") for case in root.iter("testcase"))


def test_a_failed_expectation_names_rule_event_and_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unexpected error is a failure naming its rule, its event and file:line:column."""
    source = (ROOT / "scenarios" / "rules" / "art13.chair-fires.yaml").read_text(encoding="utf-8")
    # Drop the expectations: the violation is now unexpected, and the scenario fails.
    path = tmp_path / "chair.yaml"
    path.write_text(source.split("\nexpect:", 1)[0] + "\n", encoding="utf-8")
    code, out = _replay_junit(capsys, str(path))
    assert code == 1
    failures = _check(out).findall("testsuite/testcase/failure")
    assert len(failures) == 1
    message = failures[0].get("message", "")
    assert failures[0].get("type") == "art13.chair"
    assert message.startswith("art13.chair at video-2022-01-10 (")
    assert f"{path}:" in message
    line = int(message.split(f"{path}:", 1)[1].split(":", 1)[0])
    # The line is inside that event: after its id, with no other event in between.
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [number for number, text in enumerate(lines, 1) if "id: video-2022-01-10" in text]
    assert starts
    assert starts[0] <= line
    assert not any("- id:" in text for text in lines[starts[0] : line])


def test_an_expected_violation_not_reported_names_its_event_in_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A ``violation`` expectation that fails says which rule, which event, and where it is."""
    source = (ROOT / "scenarios" / "rules" / "art13.chair-holds.yaml").read_text(encoding="utf-8")
    scenario = load_scenario(ROOT / "scenarios" / "rules" / "art13.chair-holds.yaml")
    event = scenario.events[-1].id
    path = tmp_path / "holds.yaml"
    path.write_text(
        source.split("\nexpect:", 1)[0]
        + f"\nexpect:\n  - violation: {{rule: art13.chair, event: {event}}}\n",
        encoding="utf-8",
    )
    code, out = _replay_junit(capsys, str(path))
    assert code == 1
    failure = _check(out).findall("testsuite/testcase/failure")[0]
    assert failure.get("message", "").startswith(f"art13.chair at {event} ({path}:")
    assert failure.get("message", "").endswith("not reported")


def test_an_unreadable_file_is_an_error_and_the_document_stays_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken file beside a good one: an ``<error>`` naming file:line, the rest reported, exit 2."""
    (tmp_path / "a-broken.yaml").write_text("baseline: empty\nevents: [\n", encoding="utf-8")
    good = (ROOT / "scenarios" / "rules" / "art13.chair-holds.yaml").read_text(encoding="utf-8")
    (tmp_path / "b-good.yaml").write_text(good, encoding="utf-8")
    code, out = _replay_junit(capsys, str(tmp_path))
    assert code == 2
    root = _check(out)
    errors = root.findall("testsuite/testcase/error")
    assert len(errors) == 1
    assert errors[0].get("message", "").startswith(f"{tmp_path / 'a-broken.yaml'}:3:")
    assert [suite.get("errors") for suite in root.findall("testsuite")] == ["1", "0"]


_AWKWARD = st.text(
    st.characters(codec="utf-8", categories=("Cc", "Cs", "Co", "Zs", "L", "P", "S")), max_size=40
)


@given(
    st.lists(st.tuples(_AWKWARD, st.booleans(), st.one_of(st.none(), _AWKWARD)), max_size=5),
    _AWKWARD,
)
def test_any_text_gives_a_well_formed_valid_document(
    cases: list[tuple[str, bool, str | None]], problem: str
) -> None:
    """Descriptions, details and problems holding control characters, quotes or markup still parse."""
    report = replay(load_scenario(ROOT / "scenarios" / "rules" / "art13.chair-holds.yaml"))
    results = tuple(
        ExpectationResult(description=text, passed=passed, detail=detail)
        for text, passed, detail in cases
    )
    broken = Unreadable("bad<&>.yaml", (Problem("bad<&>.yaml", 1, 1, "", problem),))
    document = junit_document(
        [dataclasses.replace(report, expectations=results), broken], [0.5, 0.0]
    )
    root = _check(document)
    assert [case.get("name") is not None for case in root.iter("testcase")] == [True] * (
        len(cases) + 1
    )
