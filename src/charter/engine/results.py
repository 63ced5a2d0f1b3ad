"""What replay finds: violations, unknown facts, judged expectations, and the replayed history.

A ``History`` answers "as of a day" questions of a replayed timeline; a ``ScenarioReport``
is everything replaying one file (or checking one proposal) found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from charter.engine._days import day_argument
from charter.engine.answers import (
    ChairOn,
    MembersOn,
    SecretaryGeneralOn,
    StatusOn,
    chair_answer,
    sg_answer,
    status_answer,
)
from charter.engine.explain import explain_on, explain_session
from charter.engine.explanation import Explanation
from charter.engine.model import Event, Frozen, MembershipStatus, Severity
from charter.engine.packs import DEFAULT_RULEBOOK
from charter.engine.simulate import YearProjection
from charter.engine.timeline import Timeline

__all__ = [
    "ChairOn",
    "ExpectationResult",
    "History",
    "Location",
    "MembersOn",
    "ScenarioReport",
    "UnknownFact",
    "Violation",
]


class Location(Frozen):
    """Where something stands in a file (line 0: nowhere in particular)."""

    path: str | None
    line: int
    column: int


class Violation(Frozen):
    """A rule broken by an event: who, what, expected what, and under which provision."""

    rule: str
    severity: Severity
    date: dt.date
    event: str
    message: str
    citation: str
    location: Location
    where: str = ""
    fix: str | None = None


class UnknownFact(Frozen):
    """A rule that could not decide because a fact is not recorded."""

    rule: str
    date: dt.date
    event: str
    message: str
    location: Location


class ExpectationResult(Frozen):
    """One expectation of a scenario, and whether it held."""

    description: str
    passed: bool
    detail: str | None = None
    rule: str | None = None
    """The rule the expectation names (``violation`` and ``no_violation``)."""
    event: str | None = None
    """The event the expectation names, if it names one."""
    location: Location | None = None
    """Where that event is in the file, when it is known."""
    causes: tuple[Violation, ...] = ()
    """The violations that made the expectation fail (an error not expected, say)."""


def _day(value: dt.date | str, parameter: str = "day") -> dt.date:
    return day_argument(value, parameter)


@dataclass(frozen=True)
class History:
    """A replayed history, to query "as of" any day. Days may be ``date`` or ``'YYYY-MM-DD'``."""

    timeline: Timeline = field(repr=False)

    def chair_on(self, day: dt.date | str) -> ChairOn:
        """Who chaired the Council on ``day`` (on a session's day, that session's chair).

        ``answer`` says how it stands; past the last decided term nothing is asserted
        and ``projection`` may carry a labelled projection.
        """
        return chair_answer(self.timeline, _day(day))

    def secretary_general(self, day: dt.date | str) -> SecretaryGeneralOn:
        """The Secretary General on ``day``: known, vacant, not known, or not decided."""
        return sg_answer(self.timeline, _day(day))

    def status(self, state: str, day: dt.date | str) -> StatusOn:
        """Where ``state`` stood on ``day``, with how the answer stands and any contested reading."""
        return status_answer(self.timeline, state, _day(day))

    def members_on(self, day: dt.date | str) -> MembersOn:
        """Members in law on ``day`` (status member or frozen), with the suspended and frozen ones."""
        when = _day(day)
        statuses = {state: self.timeline.status_on(state, when) for state in self.timeline.states()}

        def having(*wanted: MembershipStatus) -> tuple[str, ...]:
            return tuple(state for state, status in statuses.items() if status in wanted)

        firsts = [next(iter(series.changes()))[0] for series in self.timeline.status.values()]
        before = not firsts or when < min(firsts)
        return MembersOn(
            date=when,
            members=having(MembershipStatus.MEMBER, MembershipStatus.FROZEN),
            suspended=having(MembershipStatus.SUSPENDED),
            frozen=having(MembershipStatus.FROZEN),
            answer="not_known" if before else "known",
            record_ends=self.timeline.held_until,
        )

    def status_on(self, state: str, day: dt.date | str) -> str | None:
        """A state's membership status on ``day`` (``None``: never a party by then)."""
        if not isinstance(state, str):
            raise TypeError(
                f"state: expected a state code such as 'FRA', found {type(state).__name__}"
            )
        return self.timeline.status_on(state, _day(day))

    def secretary_general_on(self, day: dt.date | str) -> tuple[str | None, bool] | None:
        """The Secretary General on ``day`` and whether acting; ``None`` when vacant or unknown.

        ``secretary_general(day)`` tells vacant, not known and not decided apart.
        """
        spell = self.timeline.secretary_general_on(_day(day))
        return None if spell is None else (spell.person, spell.acting)

    def sessions_between(self, start: dt.date | str, end: dt.date | str) -> list[Event]:
        """The sessions held in ``[start, end)``, in order."""
        return self.timeline.sessions_between(_day(start, "start"), _day(end, "end"))

    def explain(
        self, *, on: dt.date | str | None = None, session: str | None = None
    ) -> Explanation:
        """Why a state presides ``on`` a day, or why a ``session`` is valid or not."""
        if (on is None) == (session is None):
            raise ValueError("explain needs exactly one of on= or session=")
        if session is not None and not isinstance(session, str):
            raise TypeError(f"session: expected a session id (str), found {type(session).__name__}")
        if session is not None:
            return explain_session(self.timeline, session)
        assert on is not None
        return explain_on(self.timeline, _day(on, "on"))


@dataclass(frozen=True)
class ScenarioReport:
    """What replaying one scenario (or checking one proposal) found."""

    path: str | None
    title: str | None
    events: int
    violations: tuple[Violation, ...]
    unknowns: tuple[UnknownFact, ...]
    expectations: tuple[ExpectationResult, ...]
    history: History = field(repr=False)
    suggestions: dict[str, object] | None = None
    projection: tuple[YearProjection, ...] | None = None
    expected: frozenset[int] = frozenset()
    """The positions in ``violations`` of those that an expectation asked for."""
    checked: bool = False
    """True for the report of ``check_session``: then ``ok`` is ``keeps_charter``."""
    rulebook: str = DEFAULT_RULEBOOK
    """The rulebook the file belongs to, whose rules were run."""

    @property
    def expectations_met(self) -> bool:
        """True when every expectation held (the file's own ones, and "no unexpected error")."""
        return all(result.passed for result in self.expectations)

    @property
    def keeps_charter(self) -> bool:
        """True when no violation has severity error (under ``strict``, unknowns are errors)."""
        return not any(found.severity is Severity.ERROR for found in self.violations)

    @property
    def ok(self) -> bool:
        """The verdict: for a checked proposal, ``keeps_charter``; for a replay, ``expectations_met``.

        The command line exits 1 exactly when this is false, and prints it as
        ``VALID``/``BREAKS ...`` (check) or ``PASS``/``FAIL`` (replay).
        """
        return self.keeps_charter if self.checked else self.expectations_met

    def is_expected(self, index: int) -> bool:
        """Whether ``violations[index]`` is one that an expectation of the file asked for."""
        return index in self.expected

    def explain(
        self, *, on: dt.date | str | None = None, session: str | None = None
    ) -> Explanation:
        """Why a state presides ``on`` a day, or why a ``session`` is valid or not."""
        return self.history.explain(on=on, session=session)

    def errors(self) -> list[Violation]:
        """The violations of severity error."""
        return [found for found in self.violations if found.severity is Severity.ERROR]
