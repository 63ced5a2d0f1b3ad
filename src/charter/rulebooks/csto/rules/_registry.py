"""The csto pack's registry: its stable rule ids, in rulebook order, and the rules filed under them."""

from __future__ import annotations

from datetime import date

from charter.engine.registry import Registry, Rule

__all__ = ["HEAD_OF_GOVERNMENT_CLAUSE", "REGISTRY", "RULE_IDS", "rule", "rules_in_force"]

RULE_IDS: tuple[str, ...] = (
    "membership.transition",
    "membership.good-standing",
    "art13.seat",
    "art13.attendance",
    "art13.chair",
    "art13.host",
    "art13.tenure",
    "art12.consensus",
    "art17.secretary-general",
    "art13.bodies",
    "practice.rotation",
)
"""The stable rule ids (a contract): every rule charter knows, in rulebook order."""

HEAD_OF_GOVERNMENT_CLAUSE = date(2021, 1, 19)
"""Protocol No 2 of 8 Nov 2018 entered into force: heads of government may sit in the Council."""


REGISTRY = Registry(RULE_IDS)
"""The rules of the ``csto`` rulebook, filed by importing ``charter.rulebooks.csto.rules``."""

rule = REGISTRY.rule
"""File a rule function in ``REGISTRY`` (see ``charter.engine.registry.Registry.rule``)."""


def rules_in_force(day: date, kind: str | None = None) -> list[Rule]:
    """The csto rules in force on ``day`` (that look at events of ``kind``), in rulebook order."""
    return list(REGISTRY.rules_for(day, kind))
