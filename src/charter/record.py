"""The embedded CSTO record: a scenario shipped as package data, read once on demand."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from charter.scenario import Scenario, load_scenario

__all__ = ["RECORD_NAME", "record_path", "record_scenario"]

RECORD_NAME = "csto.yaml"


def record_path() -> Path:
    """Where the embedded record's file is."""
    return Path(str(resources.files("charter") / "data" / RECORD_NAME))


def _display_path(path: Path) -> Path:
    # Shown relative to the working directory when inside it, so reports read the same everywhere.
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


@cache
def record_scenario() -> Scenario:
    """The embedded record, loaded and validated (once per process)."""
    return load_scenario(_display_path(record_path()))
