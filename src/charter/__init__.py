"""charter: Charters' procedural rules as executable, cited rules, each Charter a rulebook pack.

Layers import one way only, left to right (docs/design.md; tests/test_layering.py checks it):
``foundation (engine: dates, errors, packs, model) -> files -> engine -> packs (rulebooks) ->
output -> cli, web -> this facade``.
This module only re-exports the public API (``REGISTRY`` and ``RULE_IDS`` are the default
rulebook's, as they always were). Names load on first use, so that
``import charter`` and the quick commands stay fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from charter.engine.answers import SecretaryGeneralOn, StatusOn
    from charter.engine.check import check_session, default_history
    from charter.engine.dates import Interval
    from charter.engine.errors import CharterError, DateError, Problem, ScenarioError
    from charter.engine.explanation import Explanation
    from charter.engine.model import (
        Capacity,
        Chair,
        Event,
        MembershipStatus,
        Participant,
        Role,
        Session,
        SessionFormat,
        SessionKind,
        Severity,
    )
    from charter.engine.replaying import replay
    from charter.engine.results import (
        ChairOn,
        ExpectationResult,
        History,
        MembersOn,
        ScenarioReport,
        UnknownFact,
        Violation,
    )
    from charter.files.loading import load_proposal, load_scenario
    from charter.files.scenario import Expectation, Proposal, Scenario
    from charter.rulebooks.csto.rules import REGISTRY, Rule
    from charter.rulebooks.csto.rules._registry import RULE_IDS

_WHERE = {
    "SecretaryGeneralOn": "charter.engine.answers",
    "StatusOn": "charter.engine.answers",
    "check_session": "charter.engine.check",
    "default_history": "charter.engine.check",
    "Interval": "charter.engine.dates",
    "CharterError": "charter.engine.errors",
    "DateError": "charter.engine.errors",
    "Problem": "charter.engine.errors",
    "ScenarioError": "charter.engine.errors",
    "Explanation": "charter.engine.explanation",
    "RULE_IDS": "charter.rulebooks.csto.rules",
    "Capacity": "charter.engine.model",
    "Chair": "charter.engine.model",
    "Event": "charter.engine.model",
    "MembershipStatus": "charter.engine.model",
    "Participant": "charter.engine.model",
    "Role": "charter.engine.model",
    "Session": "charter.engine.model",
    "SessionFormat": "charter.engine.model",
    "SessionKind": "charter.engine.model",
    "Severity": "charter.engine.model",
    "ChairOn": "charter.engine.results",
    "ExpectationResult": "charter.engine.results",
    "History": "charter.engine.results",
    "MembersOn": "charter.engine.results",
    "ScenarioReport": "charter.engine.results",
    "UnknownFact": "charter.engine.results",
    "Violation": "charter.engine.results",
    "replay": "charter.engine.replaying",
    "REGISTRY": "charter.rulebooks.csto.rules",
    "Rule": "charter.rulebooks.csto.rules",
    "Expectation": "charter.files.scenario",
    "Proposal": "charter.files.scenario",
    "Scenario": "charter.files.scenario",
    "load_proposal": "charter.files.loading",
    "load_scenario": "charter.files.loading",
}

__all__ = [
    "REGISTRY",
    "RULE_IDS",
    "Capacity",
    "Chair",
    "ChairOn",
    "CharterError",
    "DateError",
    "Event",
    "Expectation",
    "ExpectationResult",
    "Explanation",
    "History",
    "Interval",
    "MembersOn",
    "MembershipStatus",
    "Participant",
    "Problem",
    "Proposal",
    "Role",
    "Rule",
    "Scenario",
    "ScenarioError",
    "ScenarioReport",
    "SecretaryGeneralOn",
    "Session",
    "SessionFormat",
    "SessionKind",
    "Severity",
    "StatusOn",
    "UnknownFact",
    "Violation",
    "check_session",
    "default_history",
    "load_proposal",
    "load_scenario",
    "replay",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'charter' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)
