"""What a scenario file expects: violations, chairs, members, statuses, projected years.

The models of a file's ``expect:`` list and of its ``projection:``, each checked
against the file's own rulebook (a rule id, a status) while the file is validated.
"""

from __future__ import annotations

import difflib
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StrictBool, StrictInt, model_validator

from charter.engine._installed import rule_ids
from charter.engine.dates import Day
from charter.engine.errors import shown
from charter.engine.model import EventId, Frozen, PersonName, RuleId, Severity, StateCode, Text
from charter.engine.packs import validated_under, word_check

__all__ = [
    "ChairSpec",
    "Expectation",
    "MembersSpec",
    "ProjectedYear",
    "Projection",
    "SecretaryGeneralSpec",
    "StatusSpec",
    "ViolationSpec",
]


def _exactly_bool(value: object) -> object:
    # Literal[True] alone would take 1 for true; the file must say true.
    if type(value) is not bool:
        raise ValueError(f"{shown(value)} is not true or false (expected true)")
    return value


def _status_or_none(value: object) -> object:
    return value if value == "none" else word_check("statuses")(value)


class ViolationSpec(Frozen):
    """A violation the scenario expects (or, under ``no_violation``, expects not to see)."""

    rule: RuleId
    event: EventId | None = None
    severity: Severity | None = None

    @model_validator(mode="after")
    def _known_rule(self) -> ViolationSpec:
        known = rule_ids(validated_under())
        if self.rule not in known:
            close = difflib.get_close_matches(self.rule, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ValueError(f"unknown rule id {shown(self.rule)}{hint}")
        return self


class ChairSpec(Frozen):
    """The presiding state and its seat-holder expected on a day."""

    on: Day
    state: StateCode | None = None
    person: PersonName | None = None


class MembersSpec(Frozen):
    """The members (and suspended and frozen states) expected on a day."""

    on: Day
    members: tuple[StateCode, ...]
    suspended: tuple[StateCode, ...] | None = None
    frozen: tuple[StateCode, ...] | None = None


class StatusSpec(Frozen):
    """A state's membership status expected on a day (``none``: never a party)."""

    state: StateCode
    on: Day
    status: Annotated[str, BeforeValidator(_status_or_none)]


class SecretaryGeneralSpec(Frozen):
    """The Secretary General (acting or not) expected on a day."""

    on: Day
    person: PersonName | None
    acting: StrictBool | None = None


class Expectation(Frozen):
    """One thing a scenario expects, stated as exactly one of the keys below."""

    description: Text | None = None
    violation: ViolationSpec | None = None
    no_violation: ViolationSpec | None = None
    chair: ChairSpec | None = None
    members: MembersSpec | None = None
    status: StatusSpec | None = None
    secretary_general: SecretaryGeneralSpec | None = None
    ok: Annotated[Literal[True], BeforeValidator(_exactly_bool)] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Expectation:
        kinds = [name for name in _EXPECTATION_KINDS if getattr(self, name) is not None]
        if len(kinds) != 1:
            raise ValueError(
                f"an expectation states exactly one of {', '.join(_EXPECTATION_KINDS)} "
                f"(found: {', '.join(kinds) or 'none'})"
            )
        return self

    @property
    def kind(self) -> str:
        """Which kind of expectation this is."""
        return next(name for name in _EXPECTATION_KINDS if getattr(self, name) is not None)


_EXPECTATION_KINDS = (
    "violation",
    "no_violation",
    "chair",
    "members",
    "status",
    "secretary_general",
    "ok",
)


class ProjectedYear(Frozen):
    """What a what-if scenario expects of one projected year (``state: null``: no one can)."""

    year: Annotated[StrictInt, Field(ge=1992, le=2200)]
    state: StateCode | None = None
    person: PersonName | None = None
    open: StrictBool = False


class Projection(Frozen):
    """Project presidencies year by year after the history, and what to expect of them."""

    until: Annotated[StrictInt, Field(ge=1992, le=2200)]
    start: Annotated[StrictInt, Field(ge=1992, le=2200)] | None = None
    expect: tuple[ProjectedYear, ...] = ()
