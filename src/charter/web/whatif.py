"""The what-if page: one change to the record, projected year by year beside the baseline.

A what-if is written as a scenario file (the embedded record, the change, a
projection), loaded by the same reader as any file and projected by the same
function as ``charter simulate``; the download is that file, so the command line
reproduces the page. Nothing here changes the record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from charter.engine._days import parse_date
from charter.engine._installed import display
from charter.engine.check import default_history
from charter.engine.errors import Problem, ScenarioError
from charter.engine.model import MembershipStatus, Role
from charter.engine.packs import DEFAULT_RULEBOOK, get_rulebook
from charter.engine.simulate import next_in_rotation
from charter.files.loading import load_text
from charter.files.scenario import Scenario
from charter.output.documents import FIRST_YEAR, LAST_YEAR, simulation
from charter.output.report import report_json

__all__ = ["CHANGES", "WhatIf"]

CHANGES = (
    ("withdraw", "a member withdraws"),
    ("freeze", "a member freezes its participation"),
    ("return", "a state returns to full membership"),
    ("decline", "a state declines its turn to preside"),
    ("host", "the Council names another host for the regular session"),
)
"""The changes the page offers, as (value, words)."""

_STATUS = {
    "withdraw": MembershipStatus.WITHDRAWN,
    "freeze": MembershipStatus.FROZEN,
    "return": MembershipStatus.MEMBER,
}

SCENARIO_NAME = "what-if.yaml"


def _bad(field: str, message: str) -> ScenarioError:
    return ScenarioError([Problem(f"query parameter '{field}'", 0, 0, "", message)])


def _year(text: str, field: str) -> int:
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise _bad(field, f"{text!r} is not a year from {FIRST_YEAR} to {LAST_YEAR}")
    return int(text)


@dataclass(frozen=True, slots=True)
class WhatIf:
    """One change (what, which state, on which day) and the years to project."""

    change: str
    state: str
    on: date
    until: int
    start: int | None = None

    @classmethod
    def from_query(cls, query: Mapping[str, str], today: date) -> WhatIf:
        """The what-if from the page's query fields (defaults: today, five years on)."""
        change = query.get("change", "withdraw")
        if change not in dict(CHANGES):
            raise _bad("change", f"{change!r} is not one of: {', '.join(dict(CHANGES))}")
        state = query.get("state", _first_state()).strip().upper()
        if not (len(state) == 3 and state.isalpha()):
            raise _bad("state", f"{state!r} is not a state code (three letters, such as FRA)")
        try:
            on = parse_date(query.get("on", "") or today.isoformat())
        except ValueError as exc:
            raise _bad("on", str(exc)) from None
        until = _year(query.get("until", "") or str(on.year + 5), "until")
        start_text = query.get("from", "")
        start = _year(start_text, "from") if start_text else None
        if until < on.year:
            raise _bad("until", f"{until} is before the change ({on.year})")
        return cls(change, state, on, until, start)

    def query(self) -> list[tuple[str, str]]:
        """The what-if as query fields (a permalink)."""
        out = [
            ("change", self.change),
            ("state", self.state),
            ("on", self.on.isoformat()),
            ("until", str(self.until)),
        ]
        return [*out, ("from", str(self.start))] if self.start else out

    def words(self) -> str:
        """The change in words."""
        what = (
            dict(CHANGES)[self.change]
            .replace("a member", display(self.state))
            .replace("a state", display(self.state))
        )
        return f"{what} ({self.on.isoformat()})"

    def events(self) -> list[dict[str, Any]]:
        """The change as the events of a scenario."""
        if self.change in _STATUS:
            status = _STATUS[self.change]
            return [
                {
                    "id": f"what-if-{self.change}-{self.state.lower()}",
                    "date": self.on.isoformat(),
                    "membership": {
                        "state": self.state,
                        "status": status.value,
                        "basis": "assumed (what-if)",
                    },
                }
            ]
        return [self._declining_session() if self.change == "decline" else self._hosted_session()]

    def _declining_session(self) -> dict[str, Any]:
        """A regular session on ``on`` that passes the presidency over ``state`` to the next in rotation."""
        timeline = default_history().timeline
        presiding = self._presiding()
        due = next_in_rotation(presiding, timeline, self.on)
        if due != self.state:
            raise _bad(
                "state",
                f"{display(self.state)} is not next in rotation after {display(presiding)} on {self.on}"
                + (f" ({display(due)} is)" if due else ""),
            )
        taker = next_in_rotation(self.state, timeline, self.on)
        if taker is None or taker == presiding:
            raise _bad("state", f"no other member can take the turn {display(self.state)} declines")
        return self._regular_session(f"what-if-{self.state.lower()}-declines", presiding, taker)

    def _hosted_session(self) -> dict[str, Any]:
        """A regular session on ``on`` held in ``state`` by Council decision, the presidency passing on as usual."""
        timeline = default_history().timeline
        presiding = self._presiding()
        if self.state == presiding:
            raise _bad(
                "state", f"{display(self.state)} presides on {self.on}: it hosts without a decision"
            )
        if timeline.status_on(self.state, self.on) != MembershipStatus.MEMBER:
            raise _bad(
                "state", f"{display(self.state)} is not a member in full standing on {self.on}"
            )
        taker = next_in_rotation(presiding, timeline, self.on)
        if taker is None:
            raise _bad("state", f"no member can take over from {display(presiding)} on {self.on}")
        decision = {"kind": "set_host", "state": self.state}
        return self._regular_session(
            f"what-if-held-in-{self.state.lower()}", self.state, taker, decision
        )

    def _presiding(self) -> str:
        presidency = default_history().timeline.presidency_on(self.on)
        if presidency is None or presidency.state is None:
            raise _bad(
                "on",
                f"no state presides on {self.on} in the record, so no regular session can be built",
            )
        return presidency.state

    def _regular_session(
        self, event_id: str, host: str, taker: str, *decisions: dict[str, Any]
    ) -> dict[str, Any]:
        """The regular session of ``on``: the presiding state's seat-holder in the chair, the
        members' seat-holders (the record's last known), handing the presidency to ``taker``."""
        timeline = default_history().timeline
        presiding = self._presiding()
        participants = []
        for state in timeline.states():
            if timeline.status_on(state, self.on) != MembershipStatus.MEMBER:
                continue
            holder = timeline.seat_holder_on(state, self.on)
            if holder is not None and holder.person:
                participants.append(
                    {
                        "person": holder.person,
                        "state": state,
                        "capacity": timeline.seat_role_on(state, self.on),
                    }
                )
        chair = timeline.seat_holder_on(presiding, self.on)
        spell = timeline.secretary_general_on(self.on)
        if spell is not None and spell.person:
            participants.append({"person": spell.person, "capacity": Role.SECRETARY_GENERAL.value})
        handover = {
            "kind": "pass_chairmanship",
            "to": taker,
            "effective": date(self.on.year + 1, 1, 1).isoformat(),
        }
        return {
            "id": event_id,
            "date": self.on.isoformat(),
            "note": "Assumed by the what-if: the regular session of this day; its seats are the record's last known.",
            "session": {
                "kind": "regular",
                "host": host,
                "chair": {"person": chair.person if chair else None, "state": presiding},
                "participants": participants,
                "decisions": [*decisions, handover],
            },
        }

    def document(self, *, with_change: bool = True) -> dict[str, Any]:
        """The scenario file's data: the record, the change (or not), the projection."""
        projection: dict[str, Any] = {"until": self.until}
        if self.start:
            projection["start"] = self.start
        if not with_change:
            return {
                "title": "The record, projected without a change",
                "baseline": DEFAULT_RULEBOOK,
                "projection": projection,
            }
        return {
            "title": f"What if {self.words()}?",
            "description": "Written by the what-if page of charter serve; project it with charter simulate.",
            "baseline": DEFAULT_RULEBOOK,
            "events": self.events(),
            "projection": projection,
        }

    def text(self, *, with_change: bool = True) -> str:
        """The scenario file: YAML that ``charter simulate FILE --until YEAR`` projects the same way."""
        header = f"# charter simulate what-if.yaml --until {self.until}\n"
        return header + yaml.safe_dump(
            self.document(with_change=with_change), sort_keys=False, allow_unicode=True
        )

    def report(self, *, with_change: bool = True) -> dict[str, Any]:
        """The ``charter simulate --format json`` document of the scenario (or of the baseline)."""
        loaded = load_text(SCENARIO_NAME, self.text(with_change=with_change))
        assert isinstance(loaded, Scenario)
        return report_json([simulation(loaded, self.until, self.start, where=SCENARIO_NAME)])

    def compare(self) -> dict[str, Any]:
        """Both projections and the years side by side, marking where the change makes a difference."""
        changed, baseline = self.report(), self.report(with_change=False)
        years = {row["year"]: row for row in changed["scenarios"][0].get("projection", [])}
        before = {row["year"]: row for row in baseline["scenarios"][0].get("projection", [])}
        rows = [
            {
                "year": year,
                "with": years.get(year),
                "without": before.get(year),
                "differs": years.get(year) != before.get(year),
            }
            for year in sorted(set(years) | set(before))
        ]
        return {
            "changed": changed,
            "baseline": baseline,
            "rows": rows,
            "violations": changed["scenarios"][0]["violations"],
        }


def _first_state() -> str:
    """The state the page asks about when none is given: the first the rulebook names, by code."""
    return min(get_rulebook(DEFAULT_RULEBOOK).state_names)
