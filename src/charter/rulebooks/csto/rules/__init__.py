"""The rulebook: every rule, registered by importing its module."""

from charter.engine.registry import REGISTRY, Breach, Rule, Unknown, rules_in_force
from charter.rulebooks.csto.rules import art12, art13, art17, membership, practice

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
