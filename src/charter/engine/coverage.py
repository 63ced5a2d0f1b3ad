"""Rule coverage: which scenarios exercise each rule, both where it fires and where it holds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from charter.engine._packnames import DEFAULT_RULEBOOK
from charter.engine.packs import get_rulebook
from charter.engine.replaying import ScenarioReport
from charter.files.scenario import Proposal, Scenario

__all__ = ["RuleCoverage", "article_of", "coverage"]


_PROVISION = re.compile(r"\bArts?\. [0-9]+(?:-[0-9]+)?")


def article_of(rule_id: str, rulebook: str = DEFAULT_RULEBOOK) -> str:
    """The provision of the Charter a rule rests on, as its pack names it.

    A pack may name it (``Rulebook.provisions``); otherwise it is the first article its
    citation gives, or ``practice`` when the citation gives none.
    """
    pack = get_rulebook(rulebook)
    named = pack.provisions.get(rule_id)
    if named is not None:
        return named
    found = _PROVISION.search(pack.citations.get(rule_id, ""))
    return found.group(0) if found else "practice"


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
