"""Writing scenarios: as YAML that loading reads back to an equal scenario, atomically."""

from __future__ import annotations

from pathlib import Path

import yaml

from charter.engine.errors import ScenarioError
from charter.files import _read as _reader
from charter.files._write import write_file
from charter.files.scenario import Scenario

__all__ = ["dump_scenario", "write_atomically", "write_scenario"]


def dump_scenario(scenario: Scenario) -> str:
    """Write a scenario as YAML that ``load_scenario`` reads back to an equal scenario.

    Keys left at their defaults are omitted, so the file stays as short as the story.
    """
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def write_scenario(scenario: Scenario, path: str | Path, *, overwrite: bool = False) -> Path:
    """Write a scenario file atomically (a temporary file, then a rename); see ``_write``.

    Refuses to replace an existing file unless ``overwrite`` is true; creates the
    file's folder if it is missing.
    """
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario: expected a charter Scenario, found {type(scenario).__name__}")
    target = Path(_reader.name_of(path))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScenarioError.single(
            str(target.parent), f"cannot create the folder: {_reader.os_cause(exc)}"
        ) from None
    return write_file(target, dump_scenario(scenario), overwrite=overwrite)


def write_atomically(
    target: Path,
    text: str,
    *,
    overwrite: bool,
    refusal: str = "already exists (pass overwrite to replace it)",
) -> None:
    """Write ``text`` to ``target`` whole or not at all (the one writer, ``_write.write_file``)."""
    write_file(target, text, overwrite=overwrite, refusal=refusal)
