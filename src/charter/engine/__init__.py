"""The engine: time, the model, the timeline, the rule registry, replay and the answers.

Nothing here names an organisation: a rulebook pack supplies the vocabulary, the rules
and the record. The package re-exports what replay offers (``charter.engine.History``,
``charter.engine.replay`` ...), loading it on first use, so that importing one of the
engine's light modules (``charter.engine.dates``) does not load replay.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from charter.engine.replaying import (
        ChairOn,
        ExpectationResult,
        History,
        Location,
        MembersOn,
        ScenarioReport,
        UnknownFact,
        Violation,
        baseline_events,
        baseline_timeline,
        fold,
        replay,
        run,
        run_rules,
    )

__all__ = [
    "ChairOn",
    "ExpectationResult",
    "History",
    "Location",
    "MembersOn",
    "ScenarioReport",
    "UnknownFact",
    "Violation",
    "baseline_events",
    "baseline_timeline",
    "fold",
    "replay",
    "run",
    "run_rules",
]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'charter.engine' has no attribute {name!r}")
    value = getattr(importlib.import_module("charter.engine.replaying"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
