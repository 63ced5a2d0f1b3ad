"""The rulebook: every rule, registered by importing its module."""

from charter.engine.registry import Breach, Rule, Unknown
from charter.rulebooks.csto.rules import art12, art13, art17, membership, practice
from charter.rulebooks.csto.rules._registry import REGISTRY, RULE_IDS, rules_in_force

__all__ = [
    "REGISTRY",
    "RULE_IDS",
    "Breach",
    "Rule",
    "Unknown",
    "art12",
    "art13",
    "art17",
    "membership",
    "practice",
    "rules_in_force",
]
