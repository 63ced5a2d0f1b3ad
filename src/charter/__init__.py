"""charter: the CSTO Charter's procedural rules as executable, cited rules.

Layers import one way only, left to right:
``dates -> model -> scenario (loading) -> timeline -> rules -> simulate -> answers -> explain ->
engine (replay) -> check/report -> cli``.
This module only re-exports the public API. Names load on first use, so that
``import charter`` and the quick commands stay fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from charter.answers import SecretaryGeneralOn, StatusOn
    from charter.check import check_session, default_history
    from charter.dates import Interval
    from charter.engine import (
        ChairOn,
        ExpectationResult,
        History,
        MembersOn,
        ScenarioReport,
        UnknownFact,
        Violation,
        replay,
    )
    from charter.errors import CharterError, DateError, Problem, ScenarioError
    from charter.explain import Explanation
    from charter.model import (
        RULE_IDS,
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
    from charter.rules import REGISTRY, Rule
    from charter.scenario import Expectation, Proposal, Scenario, load_proposal, load_scenario

_WHERE = {
    "SecretaryGeneralOn": "charter.answers",
    "StatusOn": "charter.answers",
    "check_session": "charter.check",
    "default_history": "charter.check",
    "Interval": "charter.dates",
    "CharterError": "charter.errors",
    "DateError": "charter.errors",
    "Problem": "charter.errors",
    "ScenarioError": "charter.errors",
    "Explanation": "charter.explain",
    "RULE_IDS": "charter.model",
    "Capacity": "charter.model",
    "Chair": "charter.model",
    "Event": "charter.model",
    "MembershipStatus": "charter.model",
    "Participant": "charter.model",
    "Role": "charter.model",
    "Session": "charter.model",
    "SessionFormat": "charter.model",
    "SessionKind": "charter.model",
    "Severity": "charter.model",
    "ChairOn": "charter.engine",
    "ExpectationResult": "charter.engine",
    "History": "charter.engine",
    "MembersOn": "charter.engine",
    "ScenarioReport": "charter.engine",
    "UnknownFact": "charter.engine",
    "Violation": "charter.engine",
    "replay": "charter.engine",
    "REGISTRY": "charter.rules",
    "Rule": "charter.rules",
    "Expectation": "charter.scenario",
    "Proposal": "charter.scenario",
    "Scenario": "charter.scenario",
    "load_proposal": "charter.scenario",
    "load_scenario": "charter.scenario",
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
