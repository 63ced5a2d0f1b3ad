"""The rulebook: every rule, registered by importing its module."""

from charter.rules import art12, art13, art17, membership, practice
from charter.rules._registry import REGISTRY, Breach, Rule, Unknown, rules_in_force

__all__ = [
    "REGISTRY",
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
