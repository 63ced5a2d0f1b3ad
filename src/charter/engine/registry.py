"""Rules are plain functions; a decorator files each with its id, citation and in-force span.

A rule function takes the event being checked and the timeline as it stood just
before that event, and yields what it finds: a ``Breach`` (the rule is broken),
or an ``Unknown`` (the rule needs a fact nobody recorded). It yields nothing
when the rule holds. The function stays directly callable in tests.
"""

from __future__ import annotations

import inspect
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from charter.engine.dates import Interval
from charter.engine.model import EVENT_KINDS, Event, Severity
from charter.engine.timeline import Timeline

__all__ = [
    "Breach",
    "Registry",
    "Rule",
    "RuleFunction",
    "Unknown",
]


@dataclass(frozen=True, slots=True)
class Breach:
    """A rule is broken: what happened, what was expected, and where in the event."""

    message: str
    where: str = ""
    fix: str | None = None
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class Unknown:
    """A rule could not decide because a fact it needs is not recorded."""

    message: str
    where: str = ""


Finding = Breach | Unknown
RuleFunction = Callable[[Event, Timeline], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: its function and what the rulebook says about it."""

    id: str
    citation: str
    in_force: Interval
    severity: Severity
    check: RuleFunction
    kinds: frozenset[str] = frozenset({"membership", "office", "seat", "session", "decision"})
    severity_note: str | None = None
    """When some findings take another severity than ``severity``: which, and why."""

    @property
    def summary(self) -> str:
        """The first line of the rule's docstring."""
        return self.description.splitlines()[0] if self.description else ""

    @property
    def description(self) -> str:
        """The rule in plain words (its docstring)."""
        return inspect.getdoc(self.check) or ""

    def applies_on(self, day: date) -> bool:
        """True when the rule is in force on ``day``."""
        return self.in_force.contains(day)


class Registry(dict[str, Rule]):
    """One rulebook's rules by id, in its order. Replay keeps, per era, the rules in force.

    Every pack has its own registry: ``order`` is its rule ids in rulebook order,
    and only those may be filed. Any change forgets what was kept per era.
    """

    def __init__(self, order: Iterable[str]) -> None:
        super().__init__()
        self.order: tuple[str, ...] = tuple(order)
        self._era_rules: dict[tuple[int, str | None, bool], tuple[Rule, ...]] = {}
        self._bounds: list[date] | None = None

    def _forget(self) -> None:
        self._era_rules.clear()
        self._bounds = None

    def __setitem__(self, rule_id: str, found: Rule) -> None:
        super().__setitem__(rule_id, found)
        self._forget()

    def __delitem__(self, rule_id: str) -> None:
        super().__delitem__(rule_id)
        self._forget()

    def pop(self, rule_id: str, *default: Any) -> Any:
        self._forget()
        return super().pop(rule_id, *default)

    def clear(self) -> None:
        super().clear()
        self._forget()

    def update(self, *args: Any, **kwargs: Any) -> None:
        super().update(*args, **kwargs)
        self._forget()

    def setdefault(self, rule_id: str, default: Any = None) -> Any:
        self._forget()
        return super().setdefault(rule_id, default)

    def popitem(self) -> tuple[str, Rule]:
        self._forget()
        return super().popitem()

    def rule(
        self,
        rule_id: str,
        *,
        citation: str,
        since: date,
        until: date | None = None,
        severity: Severity = Severity.ERROR,
        kinds: tuple[str, ...] = ("membership", "office", "seat", "session", "decision"),
        severity_note: str | None = None,
    ) -> Callable[[RuleFunction], RuleFunction]:
        """File a rule function in this registry (see the module's ``rule``)."""
        if rule_id not in self.order:
            raise ValueError(f"{rule_id!r} is not one of the rulebook's ids")
        unknown = set(kinds) - {*EVENT_KINDS, DECISIONS}
        if unknown:
            raise ValueError(f"rule {rule_id!r}: no event kind {sorted(unknown)}")

        def register(function: RuleFunction) -> RuleFunction:
            if rule_id in self:
                raise ValueError(f"rule {rule_id!r} is registered twice")
            if not inspect.getdoc(function):
                raise ValueError(f"rule {rule_id!r} needs a docstring stating it in plain words")
            self[rule_id] = Rule(
                rule_id,
                citation,
                Interval(start=since, end=until),
                severity,
                function,
                frozenset(kinds),
                severity_note,
            )
            return function

        return register

    def rules_for(
        self, day: date, kind: str | None = None, *, deciding: bool = True
    ) -> tuple[Rule, ...]:
        """The rules replay calls for an event of ``kind`` on ``day``, as a tuple kept per era.

        ``deciding`` says whether the event carries a decision; rules that look only at
        decisions are left out when it does not.
        """
        era = bisect_right(self.boundaries(), day)
        key = (era, kind, deciding)
        found = self._era_rules.get(key)
        if found is None:
            found = tuple(
                self[rule_id]
                for rule_id in self.order
                if rule_id in self
                and self[rule_id].applies_on(day)
                and (
                    kind is None
                    or kind in self[rule_id].kinds
                    or (deciding and DECISIONS in self[rule_id].kinds)
                )
            )
            self._era_rules[key] = found
        return found

    def era_span(self, day: date) -> tuple[date, date]:
        """The span ``[start, end)`` around ``day`` in which no rule enters or leaves force."""
        boundaries = self.boundaries()
        era = bisect_right(boundaries, day)
        start = boundaries[era - 1] if era > 0 else date.min
        end = boundaries[era] if era < len(boundaries) else date.max
        return start, end

    def boundaries(self) -> list[date]:
        """The days on which some rule enters or leaves force: between two, the rules are constant."""
        if self._bounds is None:
            days = {found.in_force.start for found in self.values()}
            days |= {
                found.in_force.end for found in self.values() if found.in_force.end is not None
            }
            self._bounds = sorted(days)
        return self._bounds

    def ordered(self, rules: Iterable[Rule]) -> list[Rule]:
        """Rules in this rulebook's order."""
        position = {rule_id: index for index, rule_id in enumerate(self.order)}
        return sorted(rules, key=lambda found: position[found.id])


DECISIONS = "decisions"
"""The kind a rule names to look at every event that carries a decision, and no other."""
