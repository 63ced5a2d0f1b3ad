"""Counterexamples become scenarios: a failing property writes its history as a scenario file.

Hypothesis runs the failing example again after shrinking it, so the last file
written is the shrunk counterexample. Replay it with ``charter replay`` and keep
it under ``scenarios/regressions/`` once the bug is fixed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from charter.engine.model import Event
from charter.files.dumping import write_scenario
from charter.files.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent
REGRESSIONS = Path(os.environ.get("CHARTER_REGRESSIONS", ROOT / "scenarios" / "regressions"))


@contextmanager
def regression_on_failure(name: str, events: Sequence[Event]) -> Iterator[None]:
    """On an assertion failure, write the events as ``<name>.yaml`` and re-raise."""
    try:
        yield
    except AssertionError as failure:
        if os.environ.get("CHARTER_NO_REGRESSIONS"):
            raise
        scenario = Scenario(
            title=f"counterexample found by {name}",
            description=f"Shrunk by Hypothesis. The property said: {failure}"[:2000],
            events=tuple(events),
        )
        path = write_scenario(scenario, REGRESSIONS / f"{name}.yaml", overwrite=True)
        failure.add_note(
            f"counterexample written to {path} (replay it with: charter replay {path})"
        )
        raise
