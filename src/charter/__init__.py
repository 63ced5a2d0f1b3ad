"""charter: the CSTO Charter's procedural rules as executable, cited rules.

Layers import one way only, left to right:
``dates -> model -> scenario (loading) -> timeline -> rules -> replay -> check/report -> cli``.
This module only re-exports the public API.
"""

from charter.check import check_session, default_history
from charter.dates import Interval
from charter.errors import CharterError, Problem, ScenarioError
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
from charter.replay import (
    ChairOn,
    ExpectationResult,
    History,
    MembersOn,
    ScenarioReport,
    UnknownFact,
    Violation,
    replay,
)
from charter.rules import REGISTRY, Rule
from charter.scenario import Expectation, Proposal, Scenario, load_proposal, load_scenario

__all__ = [
    "REGISTRY",
    "RULE_IDS",
    "Capacity",
    "Chair",
    "ChairOn",
    "CharterError",
    "Event",
    "Expectation",
    "ExpectationResult",
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
    "Session",
    "SessionFormat",
    "SessionKind",
    "Severity",
    "UnknownFact",
    "Violation",
    "check_session",
    "default_history",
    "load_proposal",
    "load_scenario",
    "replay",
]
