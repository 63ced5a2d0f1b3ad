"""The pytest plugin: scenario files under a 'scenarios' folder are test items."""

from __future__ import annotations

import pytest

from tests.test_cli import VALID


def test_scenarios_are_collected_and_failures_show_diagnostics(pytester: pytest.Pytester) -> None:
    """A passing and a failing scenario: one passes, the other fails with charter's diagnostic."""
    folder = pytester.mkdir("scenarios")
    (folder / "good.yaml").write_text(VALID, encoding="utf-8")
    (folder / "bad.yaml").write_text(
        VALID.replace("chair: {person: Vladimir Putin}", "chair: {person: Emomali Rahmon}"),
        encoding="utf-8",
    )
    (folder / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    result = pytester.runpytest("-p", "no:cacheprovider", "scenarios")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        ["*error art13.chair*", "*chaired by Emomali Rahmon*", "*not valid YAML*"]
    )
    assert "Traceback" not in result.stdout.str()


def test_yaml_outside_scenarios_is_not_collected(pytester: pytest.Pytester) -> None:
    """Other YAML files (configuration, fixtures) are left alone."""
    (pytester.mkdir("config") / "settings.yaml").write_text("a: 1\n", encoding="utf-8")
    result = pytester.runpytest("-p", "no:cacheprovider", "config")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED
