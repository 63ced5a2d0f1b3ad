"""Rule coverage: which scenarios exercise each rule, both where it fires and where it holds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from charter.engine.packs import DEFAULT_RULEBOOK, get_rulebook
from charter.engine.results import ScenarioReport
from charter.files.scenario import Proposal, Scenario

__all__ = ["RuleCoverage", "article_of", "coverage"]


def article_of(rule_id: str, rulebook: str = DEFAULT_RULEBOOK) -> str:
    """The provision of its Charter a rule belongs to, as its pack names it.

    A rule its pack files under no provision is shown by the first part of its id.
    """
    provisions = get_rulebook(rulebook).provisions
    return provisions.get(rule_id, rule_id.split(".", 1)[0])


@dataclass
class RuleCoverage:
    """The scenarios in which a rule fires, and those in which it is expected to hold."""

    rule: str
    fires: list[str] = field(default_factory=list)
    holds: list[str] = field(default_factory=list)
    rulebook: str = DEFAULT_RULEBOOK

    @property
    def complete(self) -> bool:
        """True when the rule is exercised both ways."""
        return bool(self.fires) and bool(self.holds)

    def as_json(self) -> dict[str, object]:
        """The entry as JSON."""
        return {
            "rule": self.rule,
            "rulebook": self.rulebook,
            "article": article_of(self.rule, self.rulebook),
            "fires": self.fires,
            "holds": self.holds,
            "complete": self.complete,
        }


def coverage(
    loaded: Sequence[Scenario | Proposal],
    reports: Sequence[ScenarioReport],
    rulebook: str = DEFAULT_RULEBOOK,
) -> list[RuleCoverage]:
    """For each rule of ``rulebook``: the files of that rulebook where it fired, and those that
    expect it not to and pass (files of other rulebooks are left out)."""
    order = get_rulebook(rulebook).rule_ids()
    table = {rule_id: RuleCoverage(rule_id, rulebook=rulebook) for rule_id in order}
    for item, report in zip(loaded, reports, strict=True):
        if item.rulebook != rulebook:
            continue
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
    return [table[rule_id] for rule_id in order]
