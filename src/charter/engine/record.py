"""The embedded records: each rulebook's record is a scenario shipped as package data, read once."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from charter.engine.errors import ScenarioError
from charter.engine.packs import DEFAULT_RULEBOOK, get_rulebook
from charter.files.loading import load_scenario
from charter.files.scenario import Scenario

__all__ = ["RECORD_NAME", "record_path", "record_scenario"]

RECORD_NAME = f"{DEFAULT_RULEBOOK}.yaml"
"""The file name of the default rulebook's record."""


def record_path(rulebook: str = DEFAULT_RULEBOOK) -> Path:
    """Where the embedded record of ``rulebook`` is."""
    package, name = get_rulebook(rulebook).record
    return Path(str(resources.files(package).joinpath(*name.split("/"))))


def _display_path(path: Path) -> Path:
    # Shown relative to the working directory when inside it, so reports read the same everywhere.
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


@cache
def record_scenario(rulebook: str = DEFAULT_RULEBOOK) -> Scenario:
    """The embedded record of ``rulebook``, loaded and validated (once per process)."""
    scenario = load_scenario(_display_path(record_path(rulebook)))
    if scenario.rulebook != rulebook:
        raise ScenarioError.single(
            str(record_path(rulebook)), f"names rulebook {scenario.rulebook!r}, not {rulebook!r}"
        )
    return scenario
