"""The engine: time, the model, the timeline, the rule registry, replay and the answers.

Nothing here names an organisation: a rulebook pack supplies the vocabulary, the rules
and the record. The package re-exports what replay offers (from ``replaying`` and ``results``) (``charter.engine.History``,
``charter.engine.replay`` ...), loading it on first use, so that importing one of the
engine's light modules (``charter.engine.dates``) does not load replay.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from charter.engine.replaying import (
        baseline_events,
        baseline_timeline,
        fold,
        replay,
        run,
        run_rules,
    )
    from charter.engine.results import (
        ChairOn,
        ExpectationResult,
        History,
        Location,
        MembersOn,
        ScenarioReport,
        UnknownFact,
        Violation,
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


_REPLAYING = frozenset(
    {"baseline_events", "baseline_timeline", "fold", "replay", "run", "run_rules"}
)


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'charter.engine' has no attribute {name!r}")
    module = "charter.engine.replaying" if name in _REPLAYING else "charter.engine.results"
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
