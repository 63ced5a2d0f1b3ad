"""The pytest plugin: silent until a project opts in, then one item per expectation."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.test_cli import VALID

BROKEN_CHAIR = VALID.replace("chair: {person: Vladimir Putin}", "chair: {person: Emomali Rahmon}")
OPT_IN = "[pytest]\ncharter_scenarios =\n    scenarios/*.yaml\n    scenarios/*.json\n"


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("-p", "no:cacheprovider", "--strict-markers", *args)


def test_a_project_that_has_not_opted_in_collects_nothing(pytester: pytest.Pytester) -> None:
    """An unrelated project's ``tests/scenarios/login.yaml`` is not a charter file: left alone."""
    folder = pytester.mkdir("tests")
    (folder / "scenarios").mkdir()
    (folder / "scenarios" / "login.yaml").write_text("name: login\nsteps: [open]\n")
    (folder / "scenarios" / "valid-but-unasked.yaml").write_text(VALID, encoding="utf-8")
    result = _run(pytester, "tests")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_opted_in_files_give_one_item_per_expectation_with_clean_ids(
    pytester: pytest.Pytester,
) -> None:
    """With the ini option, each expectation is an item named after what it expects."""
    pytester.makefile(".ini", pytest=OPT_IN)
    folder = pytester.mkdir("scenarios")
    (folder / "good.yaml").write_text(VALID, encoding="utf-8")
    result = _run(pytester, "--collect-only", "-q")
    result.stdout.fnmatch_lines(
        ["scenarios/good.yaml::chair-2021-08-23", "scenarios/good.yaml::no-unexpected-error"]
    )
    assert "good.yaml::good.yaml" not in result.stdout.str()


def test_a_failure_shows_diagnostics_and_a_malformed_file_is_an_error(
    pytester: pytest.Pytester,
) -> None:
    """A broken expectation fails with charter's message; an unreadable file is a collection error.

    As for a test module that does not import, pytest stops after collecting unless
    told ``--continue-on-collection-errors``; either way the file is an error, not a failure.
    """
    pytester.makefile(".ini", pytest=OPT_IN)
    folder = pytester.mkdir("scenarios")
    (folder / "good.yaml").write_text(VALID, encoding="utf-8")
    (folder / "bad.yaml").write_text(BROKEN_CHAIR, encoding="utf-8")
    (folder / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    stopped = _run(pytester)
    stopped.assert_outcomes(errors=1)
    stopped.stdout.fnmatch_lines(["*ERROR collecting scenarios/broken.yaml*", "*broken.yaml:2:1:*"])
    result = _run(pytester, "--continue-on-collection-errors")
    result.assert_outcomes(passed=3, failed=1, errors=1)
    result.stdout.fnmatch_lines(
        ["*not valid YAML*", "*error art13.chair*", "*chaired by Emomali Rahmon*"]
    )
    assert "Traceback" not in result.stdout.str()


def test_json_and_distinctive_names_are_collected_without_the_ini_option(
    pytester: pytest.Pytester,
) -> None:
    """``*.charter.json`` and ``*.charter.yaml`` are collected anywhere, JSON like YAML."""
    document = yaml.safe_load(VALID.replace("{on:", '{"on":'))
    text = json.dumps(document, default=str)
    (pytester.mkdir("checks") / "history.charter.json").write_text(text, encoding="utf-8")
    (pytester.path / "other.charter.yaml").write_text(VALID, encoding="utf-8")
    (pytester.path / "other.yaml").write_text(VALID, encoding="utf-8")
    result = _run(pytester, "-v")
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(["*checks/history.charter.json::chair-2021-08-23 PASSED*"])
    assert "other.yaml::" not in result.stdout.str()


def test_markers_select_by_rule_id_and_by_article(pytester: pytest.Pytester) -> None:
    """``-m art13.chair`` and ``-m art13`` pick the items about that rule, under --strict-markers."""
    pytester.makefile(".ini", pytest=OPT_IN)
    folder = pytester.mkdir("scenarios")
    expecting = BROKEN_CHAIR.replace(
        "expect:\n", "expect:\n  - violation: {rule: art13.chair, event: moscow-2020}\n"
    )
    (folder / "expects.yaml").write_text(expecting, encoding="utf-8")
    for marker in ("art13.chair", "art13"):
        result = _run(pytester, "-m", marker, "-v")
        result.assert_outcomes(passed=1, deselected=2)
        result.stdout.fnmatch_lines(["*::violation-art13.chair-moscow-2020 PASSED*"])
    result = _run(pytester, "-m", "membership", "-v")
    result.assert_outcomes(deselected=3)
