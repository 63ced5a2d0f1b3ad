"""Documents that the command line prints and the web service returns, built in one place.

The command line and the web service call these builders, so that both give the
same document for the same question. (The report documents live in
``charter.output.report``; the quick chair and members answers in ``charter.engine._index``.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace as dataclass_replace
from typing import Any

from charter.engine.errors import ScenarioError
from charter.engine.replaying import replay
from charter.engine.results import ScenarioReport
from charter.files.scenario import Projection, Proposal, Scenario
from charter.output.picture import Bar, Picture

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "check_years",
    "picture_json",
    "simulation",
]

FIRST_YEAR, LAST_YEAR = 1992, 2200
"""The years a projection may reach (``charter simulate --until``)."""


def picture_json(drawn: Picture) -> dict[str, Any]:
    """The picture's data as JSON (``charter timeline --format json``)."""

    def bars(items: Sequence[Bar]) -> list[dict[str, str]]:
        return [{"start": str(bar.start), "end": str(bar.end), "label": bar.label} for bar in items]

    return {
        "title": drawn.title,
        "start": str(drawn.start),
        "end": str(drawn.end),
        "rows": [
            {
                "state": row,
                "status": bars(drawn.status.get(row, ())),
                "presides": bars(drawn.chair.get(row, ())),
            }
            for row in drawn.rows
        ],
        "sessions": [
            {"date": str(mark.day), "kind": mark.kind, "row": mark.row, "title": mark.title}
            for mark in drawn.sessions
        ],
        "secretaries_general": bars(drawn.secretaries),
    }


def replayed(loaded: Scenario | Proposal, *, strict: bool = False) -> ScenarioReport:
    """What ``charter replay`` answers for one file: does it meet its expectations?

    A proposal is checked against the record (so its report carries suggestions), but
    judged as replay judges every file, by its expectations, not by ``check``'s verdict.
    """
    if isinstance(loaded, Proposal):
        from charter.engine.check import check_session  # noqa: PLC0415 - only proposals need it

        return dataclass_replace(check_session(loaded, strict=strict), checked=False)
    return replay(loaded, strict=strict)


def check_years(until: int, start: int | None = None) -> None:
    """Refuse a projection's years outside the span simulate answers for, or out of order."""
    for option, year in (("--until", until), ("--from", start)):
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise ScenarioError.single(
                option, f"{year} is not a year from {FIRST_YEAR} to {LAST_YEAR}"
            )
    if start is not None and start > until:
        raise ScenarioError.single(
            "--from", f"{start} comes after --until {until} (expected a year up to it)"
        )


def simulation(
    scenario: Scenario, until: int, start: int | None = None, *, where: str = ""
) -> ScenarioReport:
    """Replay ``scenario`` and project it year by year to ``until`` (``charter simulate``).

    The scenario's own projection keeps its expectations; ``until`` (and ``start``
    when given) replace its years. ``where`` names the scenario in a refusal.
    """
    check_years(until, start)
    spec = scenario.projection or Projection(until=until)
    spec = spec.model_copy(update={"until": until, "start": start or spec.start})
    report = replay(scenario.model_copy(update={"projection": spec}).located(scenario.origin))
    if not report.projection:  # every year asked for is the history itself
        last = report.history.timeline.last_day
        first = start or (last.year + 1 if last else None)
        raise ScenarioError.single(
            where or "the scenario",
            f"--until {until} is before the first projected year ({first}): the years up to "
            f"{last.year if last else 'its end'} are the history itself (see charter timeline)",
        )
    return report
