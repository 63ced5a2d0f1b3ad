"""A pytest plugin: scenario files, where a project asks for them, are test items.

Registered by the package under the ``pytest11`` entry point, so it is loaded
wherever charter is installed, but it collects nothing until asked. A project
opts in in one of two ways:

- the ini option ``charter_scenarios``: glob patterns of files, relative to the
  root directory (``scenarios/*.yaml``; ``*`` also crosses folders);
- a distinctive name: ``*.charter.yaml``, ``*.charter.yml``, ``*.charter.json``
  or ``*.charter.jsonl``, collected anywhere.

Each expectation of a file is one test item, named after what it expects
(``chair-2021-08-23``, ``violation-membership.transition-e1``), and marked with its
rule id and article (``-m membership.transition``, ``-m membership``). A file that cannot be read
is a collection error, not a failure.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from charter.engine._installed import rule_ids
from charter.engine.check import check_session
from charter.engine.errors import ScenarioError
from charter.engine.replaying import replay
from charter.engine.results import ExpectationResult, ScenarioReport
from charter.files.loading import load_file
from charter.files.scenario import Expectation, Proposal, Scenario
from charter.output.report import Style, render_violation

__all__ = ["ScenarioExpectationError", "ScenarioFile", "ScenarioItem"]

SUFFIXES = (".yaml", ".yml", ".json", ".jsonl")
"""The suffixes of scenario files."""

DISTINCTIVE = tuple(f"*.charter{suffix}" for suffix in SUFFIXES)
"""Names collected in every project: a file so named is meant for charter."""

IMPLICIT = "no-unexpected-error"
"""The item of the expectation every file has: no error that no expectation names."""


class ScenarioExpectationError(Exception):
    """An expectation of a scenario did not hold."""


def pytest_addoption(parser: pytest.Parser) -> None:
    """Declare the ini option that opts a project in."""
    parser.addini(
        "charter_scenarios",
        "glob patterns (relative to the root directory) of charter scenario files to collect",
        type="linelist",
        default=[],
    )


def _articles() -> list[str]:
    return sorted({rule.split(".", 1)[0] for rule in rule_ids()})


def pytest_configure(config: pytest.Config) -> None:
    """Register a marker per rule id and per article, so ``--strict-markers`` accepts them."""
    config.addinivalue_line("markers", "charter: an expectation of a charter scenario file")
    for name in (*rule_ids(), *_articles()):
        config.addinivalue_line("markers", f"{name}: charter expectations about {name}")


def _wanted(path: Path, config: pytest.Config) -> bool:
    if path.suffix not in SUFFIXES:
        return False
    if any(fnmatch.fnmatchcase(path.name, pattern) for pattern in DISTINCTIVE):
        return True
    patterns: list[str] = config.getini("charter_scenarios")
    if not patterns:
        return False
    try:
        relative = path.resolve().relative_to(config.rootpath.resolve()).as_posix()
    except ValueError:
        return False
    return any(fnmatch.fnmatchcase(relative, pattern) for pattern in patterns)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect a scenario file the project asked for."""
    if _wanted(file_path, parent.config):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


def _label(expectation: Expectation) -> tuple[str, str | None]:
    """A short, stable name for an expectation, and the rule it names (if any)."""
    for kind in ("violation", "no_violation"):
        spec = getattr(expectation, kind)
        if spec is not None:
            at = f"-{spec.event}" if spec.event else ""
            return f"{kind}-{spec.rule}{at}", spec.rule
    if expectation.chair is not None:
        return f"chair-{expectation.chair.on}", None
    if expectation.members is not None:
        return f"members-{expectation.members.on}", None
    if expectation.status is not None:
        return f"status-{expectation.status.state}-{expectation.status.on}", None
    if expectation.secretary_general is not None:
        return f"secretary-general-{expectation.secretary_general.on}", None
    return "ok", None


def _labels(loaded: Scenario | Proposal, count: int) -> list[tuple[str, str | None]]:
    """One label per result, in the report's order: projected years, expectations, implicit."""
    labels: list[tuple[str, str | None]] = []
    if isinstance(loaded, Scenario) and loaded.projection is not None:
        labels += [(f"projection-{year.year}", None) for year in loaded.projection.expect]
    labels += [_label(expectation) for expectation in loaded.expect]
    labels.append((IMPLICIT, None))
    if len(labels) != count:  # a report shaped otherwise: plain numbers, still unique
        labels = [(f"expectation-{number}", None) for number in range(1, count + 1)]
    seen: dict[str, int] = {}
    unique = []
    for name, rule in labels:
        seen[name] = seen.get(name, 0) + 1
        unique.append((name if seen[name] == 1 else f"{name}-{seen[name]}", rule))
    return unique


class ScenarioFile(pytest.File):
    """A scenario or proposal file: read and replayed once, one item per expectation."""

    def collect(self) -> Iterator[pytest.Item]:
        """Load and replay the file; an unreadable file is a collection error."""
        try:
            loaded = load_file(self.path)
        except ScenarioError as exc:
            raise self.CollectError("\n".join(str(problem) for problem in exc.problems)) from None
        report: ScenarioReport = (
            check_session(loaded) if isinstance(loaded, Proposal) else replay(loaded)
        )
        for (name, rule), result in zip(
            _labels(loaded, len(report.expectations)), report.expectations, strict=True
        ):
            item = ScenarioItem.from_parent(self, name=name, result=result, report=report)
            item.add_marker("charter")
            rules = {rule} if rule else {found.rule for found in result.causes}
            for found in sorted(rules):
                item.add_marker(found)
                item.add_marker(found.split(".", 1)[0])
            yield item


class ScenarioItem(pytest.Item):
    """One expectation of a scenario file: it passes when the expectation held."""

    def __init__(self, *, result: ExpectationResult, report: ScenarioReport, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.result = result
        self.report = report

    def runtest(self) -> None:
        """Fail with charter's diagnostics when the expectation did not hold."""
        if self.result.passed:
            return
        lines = [f"{self.result.description}: {self.result.detail or 'not met'}"]
        for found in self.result.causes:
            lines += render_violation(found, Style(enabled=False))
        raise ScenarioExpectationError("\n".join(lines))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """Show charter's diagnostics instead of a traceback."""
        if isinstance(excinfo.value, ScenarioExpectationError):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        """Where the item comes from, and what it expects."""
        spot = self.result.location
        line = spot.line - 1 if spot is not None and spot.line > 0 else 0
        return self.path, line, f"{self.path.name}::{self.name}: {self.result.description}"
