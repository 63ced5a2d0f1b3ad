"""Streaming replay: a JSON Lines history replayed line by line, in bounded memory.

The timeline kept while streaming is *lean*: it records every fact the rules and
queries need, but not the events themselves, so memory grows with the changes
the history makes, not with the number of events. Violations keep their line
numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from charter.engine._gc import paused_collection
from charter.engine.expectations import judge
from charter.engine.model import Event
from charter.engine.packs import get_rulebook
from charter.engine.replaying import baseline_timeline, run_rules
from charter.engine.results import History, ScenarioReport
from charter.files._document import Limits
from charter.files._formats import LineOrigin, events_of, first_line, header_of
from charter.files._read import json_lines, name_of

__all__ = ["replay_stream"]


def replay_stream(
    path: str | Path, *, strict: bool = False, limits: Limits | None = None
) -> ScenarioReport:
    """Replay a JSON Lines history line by line, keeping only what the timeline needs.

    Memory is bounded by the size of the timeline (the changes it records), not by
    the number of events; violations keep their line numbers.
    """
    name = name_of(path)
    limits = limits or Limits()
    # The one reader: a regular file only, within the size limit, decoded strictly.
    numbered = json_lines(name, limits)
    try:
        number, first = first_line(name, numbered)
        header = header_of(name, number, first, limits)
        lean = baseline_timeline(header.baseline, keep_events=False, rulebook=header.rulebook)
        origin = LineOrigin(path=name)
        current = origin._lines  # only the event being checked: violations are located at once

        seen: set[str] = set()

        def each_event() -> Iterator[Event]:
            for at, line, event in events_of(name, numbered, seen, limits, header.rulebook):
                current.clear()
                current[event.id] = (at, line)
                yield event

        with paused_collection():
            registry = get_rulebook(header.rulebook).rules
            violations, unknowns = run_rules(each_event(), lean, origin, strict, registry)
    finally:
        numbered.close()  # the file is closed however the replay ends
    count = len(seen)
    history = History(lean)
    results, expected = judge(header.expect, violations, history)
    return ScenarioReport(
        path=name,
        title=header.title,
        events=count,
        violations=tuple(violations),
        unknowns=tuple(unknowns),
        expectations=tuple(results),
        history=history,
        expected=expected,
        rulebook=header.rulebook,
    )
