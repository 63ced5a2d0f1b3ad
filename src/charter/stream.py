"""Streaming replay: a JSON Lines history replayed line by line, in bounded memory.

The timeline kept while streaming is *lean*: it records every fact the rules and
queries need, but not the events themselves, so memory grows with the changes
the history makes, not with the number of events. Violations keep their line
numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from charter._formats import LineOrigin, events_of, header_of
from charter._gc import paused_collection
from charter._yaml import Limits
from charter.engine import History, ScenarioReport, baseline_timeline, judge, run_rules
from charter.errors import ScenarioError
from charter.model import Event
from charter.packs import get_rulebook

__all__ = ["replay_stream"]


def replay_stream(
    path: str | Path, *, strict: bool = False, limits: Limits | None = None
) -> ScenarioReport:
    """Replay a JSON Lines history line by line, keeping only what the timeline needs.

    Memory is bounded by the size of the timeline (the changes it records), not by
    the number of events; violations keep their line numbers.
    """
    name = str(path)
    limits = limits or Limits()
    if not Path(path).is_file():
        raise ScenarioError.single(name, "no such file")
    with Path(path).open(encoding="utf-8-sig") as stream:
        numbered = enumerate(stream, start=1)
        first = next(numbered, None)
        if first is None:
            raise ScenarioError.single(
                name, "the file is empty (expected a header line, then events)", 1, 1
            )
        header = header_of(name, first[1])
        lean = baseline_timeline(header.baseline, keep_events=False)
        origin = LineOrigin(path=name)
        current = origin._lines  # only the event being checked: violations are located at once

        seen: set[str] = set()

        def each_event() -> Iterator[Event]:
            for number, line, event in events_of(name, numbered, seen, header.rulebook):
                if len(seen) > limits.max_events:
                    raise ScenarioError.single(
                        name,
                        f"more than {limits.max_events} events (raise CHARTER_MAX_EVENTS)",
                        number,
                        1,
                    )
                current.clear()
                current[event.id] = (number, line)
                yield event

        with paused_collection():
            registry = get_rulebook(header.rulebook).rules
            violations, unknowns = run_rules(each_event(), lean, origin, strict, registry)
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
