"""A pytest plugin: scenario files are collected as test items (``pytest scenarios/``).

Registered by the package under the ``pytest11`` entry point, so it is active
wherever charter is installed. It collects ``*.yaml`` files inside a folder named
``scenarios`` (or matching the ``charter_scenarios`` ini globs), one item per
file; a failure is shown with charter's own diagnostics.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from charter.check import check_session
from charter.engine import ScenarioReport, replay
from charter.errors import ScenarioError
from charter.report import Style
from charter.scenario import Proposal, load_file
from charter.verdicts import render_report

__all__ = ["ScenarioExpectationError", "ScenarioFile", "ScenarioItem"]


class ScenarioExpectationError(Exception):
    """A scenario did not meet its expectations, or could not be read."""


def pytest_addoption(parser: pytest.Parser) -> None:
    """Declare the ini option that names extra scenario globs."""
    parser.addini(
        "charter_scenarios",
        "glob patterns of scenario files to collect, besides *.yaml under a 'scenarios' folder",
        type="linelist",
        default=[],
    )


def _wanted(path: Path, config: pytest.Config) -> bool:
    if path.suffix not in (".yaml", ".yml"):
        return False
    if "scenarios" in path.parent.parts:
        return True
    patterns: list[str] = config.getini("charter_scenarios")
    return any(fnmatch.fnmatch(str(path), pattern) for pattern in patterns)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect a scenario file as one test item."""
    if _wanted(file_path, parent.config):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    """A scenario or proposal file."""

    def collect(self) -> Iterator[pytest.Item]:
        """One item: the whole file, judged by its expectations."""
        yield ScenarioItem.from_parent(self, name=self.path.name)


class ScenarioItem(pytest.Item):
    """Replay (or check) the file; fail if any expectation does not hold."""

    def runtest(self) -> None:
        """Load, replay and judge."""
        try:
            loaded = load_file(self.path)
        except ScenarioError as exc:
            raise ScenarioExpectationError(
                "\n".join(str(problem) for problem in exc.problems)
            ) from None
        report: ScenarioReport = (
            check_session(loaded) if isinstance(loaded, Proposal) else replay(loaded)
        )
        if not report.expectations_met:
            raise ScenarioExpectationError(render_report([report], Style(enabled=False)))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """Show charter's diagnostics instead of a traceback."""
        if isinstance(excinfo.value, ScenarioExpectationError):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        """Where the item comes from."""
        return self.path, 0, f"scenario: {self.name}"
