"""Rule coverage: which scenarios exercise each rule, both where it fires and where it holds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from charter.engine.model import RULE_IDS
from charter.engine.replaying import ScenarioReport
from charter.files.scenario import Proposal, Scenario

__all__ = ["RuleCoverage", "article_of", "coverage"]


def article_of(rule_id: str) -> str:
    """The Charter provision a rule id belongs to.

    >>> article_of("art13.chair"), article_of("membership.transition"), article_of("practice.rotation")
    ('Art. 13', 'Arts. 19-21', 'practice')
    """
    prefix = rule_id.split(".", 1)[0]
    if prefix.startswith("art"):
        return f"Art. {prefix.removeprefix('art')}"
    return "Arts. 19-21" if prefix == "membership" else "practice"


@dataclass
class RuleCoverage:
    """The scenarios in which a rule fires, and those in which it is expected to hold."""

    rule: str
    fires: list[str] = field(default_factory=list)
    holds: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """True when the rule is exercised both ways."""
        return bool(self.fires) and bool(self.holds)

    def as_json(self) -> dict[str, object]:
        """The entry as JSON."""
        return {
            "rule": self.rule,
            "article": article_of(self.rule),
            "fires": self.fires,
            "holds": self.holds,
            "complete": self.complete,
        }


def coverage(
    loaded: Sequence[Scenario | Proposal], reports: Sequence[ScenarioReport]
) -> list[RuleCoverage]:
    """For each rule: scenarios where it fired, and scenarios that expect it not to and pass."""
    table = {rule_id: RuleCoverage(rule_id) for rule_id in RULE_IDS}
    for item, report in zip(loaded, reports, strict=True):
        name = report.path or item.title or "(scenario)"
        for rule_id in sorted({found.rule for found in report.violations}):
            table[rule_id].fires.append(name)
        held = {
            expectation.no_violation.rule
            for expectation in item.expect
            if expectation.no_violation is not None
        }
        fired = {found.rule for found in report.violations}
        for rule_id in sorted(held - fired):
            table[rule_id].holds.append(name)
    return [table[rule_id] for rule_id in RULE_IDS]
